//! The revdesk/1 interchange format (docs/interchange.md): parsing with every
//! error named by its JSON path and line, validation, and conversion to and
//! from the in-memory [`Desk`].

use super::directory::{Directory, Mission};
use super::lots::Pairing;
use super::model::*;
use super::next_cluster::ClusterStart;
use super::text::parse_date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// The format `export` writes.
pub const FORMAT: &str = "revdesk/2";
/// The first version, still read: no draw log, no cluster starts.
pub const FORMAT_V1: &str = "revdesk/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    #[serde(default)]
    pub parties: Vec<RawParty>,
    #[serde(default)]
    pub people: Vec<RawPerson>,
    #[serde(default)]
    pub reviews: Vec<RawReview>,
    #[serde(default)]
    pub extensions: Vec<RawExtension>,
    #[serde(default)]
    pub reminders: Vec<RawReminder>,
    /// revdesk/2: the start of each group in each cluster after the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_starts: Option<Vec<RawClusterStart>>,
    /// revdesk/2: the draw log (rule f).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draws: Option<Vec<RawDraw>>,
    /// revdesk/2: the registers (docs/registers.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registers: Option<super::registers::Registers>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClusterStart {
    pub cluster: i64,
    pub group: i64,
    pub start: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPairing {
    pub under_review: String,
    pub reviewers: Vec<String>,
}

/// One drawing of lots: kind, group, cluster, the review redrawn, the seed
/// (as text: it may exceed what JSON numbers carry exactly), the rules in
/// force, who asked, the day, and the pairings before and after.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDraw {
    pub kind: String,
    pub group: i64,
    pub cluster: i64,
    #[serde(default)]
    pub review: Option<i64>,
    pub seed: String,
    pub rules: serde_json::Value,
    #[serde(default)]
    pub requested_by: Option<String>,
    pub date: String,
    #[serde(default)]
    pub before: Vec<RawPairing>,
    pub outcome: Vec<RawPairing>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub number: i64,
    pub start: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstruments {
    #[serde(default)]
    pub convention: Option<String>,
    #[serde(default)]
    pub tip: Option<String>,
    #[serde(default)]
    pub som: Option<String>,
    #[serde(default)]
    pub fa: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    pub code: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub regional_group: Option<String>,
    #[serde(default)]
    pub pairs_as: Option<String>,
    #[serde(default)]
    pub group: Option<i64>,
    #[serde(default)]
    pub instruments: RawInstruments,
    /// revdesk/2: the permanent mission, where mail goes without a focal
    /// point (docs/mail.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<RawMission>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMission {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub id: i64,
    pub party: String,
    pub role: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    pub nominated: String,
    #[serde(default)]
    pub ended: Option<String>,
    /// revdesk/2: working languages in order of preference (paragraph 60(b)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    pub id: i64,
    pub group: i64,
    pub cluster: i64,
    pub under_review: String,
    pub reviewers: Vec<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub redraws: i64,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub consultation_held: Option<String>,
    #[serde(default)]
    pub saq_submitted: Option<String>,
    #[serde(default)]
    pub feedback_submitted: Option<String>,
    #[serde(default)]
    pub observations_finalized: Option<String>,
    #[serde(default)]
    pub summary_finalized: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtension {
    pub review: i64,
    pub obligation: String,
    pub due: String,
    #[serde(default)]
    pub reason: String,
    pub agreed: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReminder {
    pub date: String,
    pub party: String,
    #[serde(default)]
    pub review: Option<i64>,
    pub obligation: String,
    pub channel: String,
    #[serde(default)]
    pub note: String,
}

/// One problem in a document, at a JSON path (`$.reviews[3].saq_submitted`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{} (line {}): {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Every problem found in a document; nothing is imported when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_problems(.0))]
pub struct Problems(pub Vec<Problem>);

fn render_problems(p: &[Problem]) -> String {
    let mut s = format!(
        "the document has {} error{}:",
        p.len(),
        if p.len() == 1 { "" } else { "s" }
    );
    for x in p.iter().take(50) {
        s.push_str("\n  ");
        s.push_str(&x.to_string());
    }
    if p.len() > 50 {
        s.push_str(&format!("\n  … and {} more", p.len() - 50));
    }
    s
}

/// What a document holds besides the desk: the cluster starts and the
/// draw log (empty in a revdesk/1 document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub cluster_starts: Vec<ClusterStart>,
    /// `at` is the day of the draw; `os_user` is left empty (the store
    /// records who imported it).
    pub draws: Vec<DrawRecord>,
    /// The registers (docs/registers.md).
    pub registers: super::registers::Registers,
    /// Missions and working languages (revdesk/2).
    pub directory: Directory,
}

/// A parsed document: its version (1 or 2), the desk and its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub version: u32,
    pub desk: Desk,
    pub history: History,
}

/// Parses and validates a revdesk/1 or revdesk/2 document into a desk.
pub fn parse(text: &str) -> Result<Desk, Problems> {
    parse_document(text).map(|d| d.desk)
}

/// Parses and validates a revdesk/1 or revdesk/2 document, history included.
pub fn parse_document(text: &str) -> Result<Imported, Problems> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc: Document = match serde_path_to_error::deserialize(de) {
        Ok(d) => d,
        Err(e) => {
            let path = json_path(&e.path().to_string());
            let inner = e.into_inner();
            let line = (inner.line() > 0).then_some(inner.line());
            // serde_json appends " at line L column C"; the line is shown separately.
            let msg = inner.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            return Err(Problems(vec![Problem {
                path,
                line,
                message: msg,
            }]));
        }
    };
    let mut v = Validator::default();
    let desk = v.desk(&doc);
    let mut history = v.history(&doc);
    if let Some(reg) = &doc.registers {
        for (path, message) in super::registers::problems(reg, &desk) {
            v.err(format!("$.registers.{path}"), message);
        }
        history.registers = reg.clone();
    }
    if v.problems.is_empty() {
        Ok(Imported {
            version: if doc.format == FORMAT_V1 { 1 } else { 2 },
            desk,
            history,
        })
    } else {
        let lines = line_index(text);
        for p in &mut v.problems {
            p.line = lines.get(&p.path).copied();
        }
        Err(Problems(v.problems))
    }
}

/// serde_path_to_error writes `reviews[3].start`; we show `$.reviews[3].start`.
fn json_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "$".into()
    } else {
        format!("$.{p}")
    }
}

#[derive(Default)]
struct Validator<'d> {
    problems: Vec<Problem>,
    /// Group numbers, party codes and review ids seen so far.
    numbers: BTreeSet<i64>,
    codes: BTreeSet<&'d str>,
    review_ids: BTreeSet<i64>,
}

impl<'d> Validator<'d> {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            line: None,
            message: message.into(),
        });
    }

    fn date(&mut self, path: &str, s: &str) -> Option<NaiveDate> {
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(path, e.to_string());
                None
            }
        }
    }

    fn opt_date(&mut self, path: &str, s: &Option<String>) -> Option<NaiveDate> {
        s.as_deref().and_then(|s| self.date(path, s))
    }

    fn parse_enum<T: FromStr<Err = UnknownValue>>(&mut self, path: &str, s: &str) -> Option<T> {
        match s.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(path, e.to_string());
                None
            }
        }
    }

    fn opt_enum<T: FromStr<Err = UnknownValue>>(
        &mut self,
        path: &str,
        s: &Option<String>,
    ) -> Option<T> {
        s.as_deref().and_then(|s| self.parse_enum(path, s))
    }

    fn desk(&mut self, doc: &'d Document) -> Desk {
        let version = doc.format.as_str();
        if version != FORMAT && version != FORMAT_V1 {
            self.err(
                "$.format",
                format!(
                    "expected {FORMAT:?} or {FORMAT_V1:?}, found {:?}",
                    doc.format
                ),
            );
        }
        let mut desk = Desk::default();
        self.groups(doc, &mut desk);
        self.parties(doc, &mut desk);
        self.people(doc, &mut desk);
        for (i, r) in doc.reviews.iter().enumerate() {
            let review = self.review(&format!("$.reviews[{i}]"), r);
            desk.reviews.push(review);
        }
        self.extensions(doc, &mut desk);
        self.reminders(doc, &mut desk);
        desk
    }

    /// The cluster starts and the draw log of a revdesk/2 document (a
    /// revdesk/1 document has neither).
    fn history(&mut self, doc: &Document) -> History {
        if doc.format == FORMAT_V1 {
            for (key, present) in [
                ("cluster_starts", doc.cluster_starts.is_some()),
                ("draws", doc.draws.is_some()),
                ("registers", doc.registers.is_some()),
            ] {
                if present {
                    self.err(
                        format!("$.{key}"),
                        format!("{key} are not part of {FORMAT_V1}"),
                    );
                }
            }
        }
        let mut history = History::default();
        let mut seen = BTreeSet::new();
        for (i, c) in doc.cluster_starts.iter().flatten().enumerate() {
            let p = format!("$.cluster_starts[{i}]");
            if !(2..=4).contains(&c.cluster) {
                self.err(
                    format!("{p}.cluster"),
                    format!(
                        "cluster {} is not 2 to 4 (cluster 1 starts with the groups)",
                        c.cluster
                    ),
                );
            }
            if !self.numbers.contains(&c.group) {
                self.err(
                    format!("{p}.group"),
                    format!("no group {} in $.groups", c.group),
                );
            }
            if !seen.insert((c.cluster, c.group)) {
                self.err(
                    format!("{p}.group"),
                    format!("group {} starts cluster {} twice", c.group, c.cluster),
                );
            }
            if let Some(start) = self.date(&format!("{p}.start"), &c.start) {
                history.cluster_starts.push(ClusterStart {
                    cluster: c.cluster.clamp(0, 4) as u32,
                    group: c.group.clamp(0, i64::from(u32::MAX)) as u32,
                    start,
                });
            }
        }
        for (i, d) in doc.draws.iter().flatten().enumerate() {
            if let Some(record) = self.draw(&format!("$.draws[{i}]"), d) {
                history.draws.push(record);
            }
        }
        history.directory = self.directory(doc);
        history
    }

    /// Missions and working languages; not part of revdesk/1.
    fn directory(&mut self, doc: &Document) -> Directory {
        let v1 = doc.format == FORMAT_V1;
        let mut dir = Directory::default();
        for (i, p) in doc.parties.iter().enumerate() {
            let Some(m) = &p.mission else { continue };
            let path = format!("$.parties[{i}].mission");
            if v1 {
                self.err(path, format!("mission is not part of {FORMAT_V1}"));
                continue;
            }
            match Mission::checked(m.email.as_deref(), m.phone.as_deref()) {
                Ok(m) if !m.is_empty() => {
                    dir.missions.insert(p.code.as_str().into(), m);
                }
                Ok(_) => {}
                Err(e) => {
                    let field = if e.starts_with("mission_email") {
                        "email"
                    } else {
                        "phone"
                    };
                    self.err(format!("{path}.{field}"), e);
                }
            }
        }
        for (i, p) in doc.people.iter().enumerate() {
            let Some(langs) = &p.languages else { continue };
            let path = format!("$.people[{i}].languages");
            if v1 {
                self.err(path, format!("languages are not part of {FORMAT_V1}"));
                continue;
            }
            let mut out: Vec<Language> = Vec::new();
            for (j, l) in langs.iter().enumerate() {
                match l.parse::<Language>() {
                    Ok(l) if out.contains(&l) => {
                        self.err(format!("{path}[{j}]"), format!("{l} twice"));
                    }
                    Ok(l) => out.push(l),
                    Err(e) => self.err(format!("{path}[{j}]"), e.to_string()),
                }
            }
            if !out.is_empty() {
                dir.languages.insert(p.id, out);
            }
        }
        dir
    }

    fn draw(&mut self, p: &str, d: &RawDraw) -> Option<DrawRecord> {
        let kind = match d.kind.as_str() {
            "group" => Some(DrawKind::Group),
            "redraw" => Some(DrawKind::Redraw),
            other => {
                self.err(
                    format!("{p}.kind"),
                    format!("{other:?} is not a kind of draw (expected group or redraw)"),
                );
                None
            }
        };
        if !self.numbers.contains(&d.group) {
            self.err(
                format!("{p}.group"),
                format!("no group {} in $.groups", d.group),
            );
        }
        if !(1..=4).contains(&d.cluster) {
            self.err(
                format!("{p}.cluster"),
                format!("cluster {} is not 1 to 4", d.cluster),
            );
        }
        match (kind, d.review) {
            (Some(DrawKind::Redraw), None) => {
                self.err(format!("{p}.review"), "a redraw names its review")
            }
            (Some(DrawKind::Group), Some(_)) => {
                self.err(format!("{p}.review"), "a group draw names no review")
            }
            (_, Some(id)) if !self.review_ids.contains(&id) => {
                self.err(format!("{p}.review"), format!("unknown review {id}"))
            }
            _ => {}
        }
        let seed = d.seed.parse::<u64>().ok();
        if seed.is_none() {
            self.err(
                format!("{p}.seed"),
                format!("{:?} is not a whole number from 0 to 2^64 - 1", d.seed),
            );
        }
        if !d.rules.is_object() {
            self.err(format!("{p}.rules"), "the rules in force are a JSON object");
        }
        if let Some(code) = &d.requested_by
            && !self.codes.contains(code.as_str())
        {
            self.err(
                format!("{p}.requested_by"),
                format!("unknown party {code:?}"),
            );
        }
        let date = self.date(&format!("{p}.date"), &d.date);
        let before = self.pairings(&format!("{p}.before"), &d.before);
        let after = self.pairings(&format!("{p}.outcome"), &d.outcome);
        Some(DrawRecord {
            kind: kind?,
            group: d.group.clamp(0, i64::from(u32::MAX)) as u32,
            cluster: d.cluster.clamp(0, 4) as u32,
            review: d.review,
            seed: seed?,
            rules: d.rules.to_string(),
            requested_by: d.requested_by.clone(),
            at: date?.to_string(),
            os_user: String::new(),
            before: serde_json::to_string(&before).ok()?,
            after: serde_json::to_string(&after).ok()?,
        })
    }

    fn pairings(&mut self, p: &str, raw: &[RawPairing]) -> Vec<Pairing> {
        for (i, x) in raw.iter().enumerate() {
            for (field, code) in std::iter::once(("under_review".to_string(), &x.under_review))
                .chain(
                    x.reviewers
                        .iter()
                        .enumerate()
                        .map(|(j, c)| (format!("reviewers[{j}]"), c)),
                )
            {
                if !self.codes.contains(code.as_str()) {
                    self.err(
                        format!("{p}[{i}].{field}"),
                        format!("unknown party {code:?}"),
                    );
                }
            }
        }
        raw.iter()
            .map(|x| Pairing {
                under_review: x.under_review.clone(),
                reviewers: x.reviewers.clone(),
            })
            .collect()
    }

    fn groups(&mut self, doc: &Document, desk: &mut Desk) {
        for (i, g) in doc.groups.iter().enumerate() {
            let p = format!("$.groups[{i}]");
            if g.number < 1 || g.number > i64::from(u32::MAX) {
                self.err(
                    format!("{p}.number"),
                    "a group number is a whole number from 1",
                );
            } else if !self.numbers.insert(g.number) {
                self.err(
                    format!("{p}.number"),
                    format!("duplicate group number {}", g.number),
                );
            }
            if let Some(start) = self.date(&format!("{p}.start"), &g.start) {
                desk.groups.push(Group {
                    number: g.number as u32,
                    start,
                });
            }
        }
    }

    fn parties(&mut self, doc: &'d Document, desk: &mut Desk) {
        for (i, r) in doc.parties.iter().enumerate() {
            let p = format!("$.parties[{i}]");
            if !valid_code(&r.code) {
                self.err(
                    format!("{p}.code"),
                    format!("{:?} is not 2 to 8 upper-case letters or digits", r.code),
                );
            } else if !self.codes.insert(r.code.as_str()) {
                self.err(
                    format!("{p}.code"),
                    format!("duplicate party code {:?}", r.code),
                );
            }
            if r.name.trim().is_empty() {
                self.err(format!("{p}.name"), "a party needs a name");
            }
            let kind = self.parse_enum(&format!("{p}.kind"), &r.kind);
            let regional_group = self.opt_enum(&format!("{p}.regional_group"), &r.regional_group);
            let pairs_as = self.opt_enum(&format!("{p}.pairs_as"), &r.pairs_as);
            let group = match r.group {
                Some(g) if !self.numbers.contains(&g) => {
                    self.err(format!("{p}.group"), format!("no group {g} in $.groups"));
                    None
                }
                g => g.map(|g| g as u32),
            };
            let ins = &r.instruments;
            let instruments = Instruments {
                convention: self.opt_date(&format!("{p}.instruments.convention"), &ins.convention),
                tip: self.opt_date(&format!("{p}.instruments.tip"), &ins.tip),
                som: self.opt_date(&format!("{p}.instruments.som"), &ins.som),
                fa: self.opt_date(&format!("{p}.instruments.fa"), &ins.fa),
            };
            if let Some(kind) = kind {
                desk.parties.push(Party {
                    code: Text::from(r.code.as_str()),
                    name: Text::from(r.name.as_str()),
                    kind,
                    regional_group,
                    pairs_as,
                    group,
                    instruments,
                });
            }
        }
    }

    fn people(&mut self, doc: &Document, desk: &mut Desk) {
        let mut ids = BTreeSet::new();
        for (i, r) in doc.people.iter().enumerate() {
            let p = format!("$.people[{i}]");
            if r.id < 1 {
                self.err(format!("{p}.id"), "an id is a whole number from 1");
            } else if !ids.insert(r.id) {
                self.err(format!("{p}.id"), format!("duplicate person id {}", r.id));
            }
            if !self.codes.contains(r.party.as_str()) {
                self.err(format!("{p}.party"), format!("unknown party {:?}", r.party));
            }
            if r.name.trim().is_empty() {
                self.err(format!("{p}.name"), "a person needs a name");
            }
            let role = self.parse_enum(&format!("{p}.role"), &r.role);
            let gender = self.opt_enum(&format!("{p}.gender"), &r.gender);
            let affiliation = self.opt_enum(&format!("{p}.affiliation"), &r.affiliation);
            let nominated = self.date(&format!("{p}.nominated"), &r.nominated);
            let ended = self.opt_date(&format!("{p}.ended"), &r.ended);
            if let (Some(n), Some(e)) = (nominated, ended)
                && e < n
            {
                self.err(
                    format!("{p}.ended"),
                    format!("ended {e} is before nominated {n}"),
                );
            }
            if let (Some(role), Some(nominated)) = (role, nominated) {
                desk.people.push(Person {
                    id: r.id,
                    party: Text::from(r.party.as_str()),
                    role,
                    name: Text::from(r.name.as_str()),
                    email: r.email.as_deref().map(Box::from),
                    phone: r.phone.as_deref().map(Box::from),
                    gender,
                    affiliation,
                    nominated,
                    ended,
                });
            }
        }
    }

    /// One review, checked: ids, group, cluster, parties, languages, milestones.
    fn review(&mut self, p: &str, r: &RawReview) -> Review {
        if r.id < 1 {
            self.err(format!("{p}.id"), "an id is a whole number from 1");
        } else if !self.review_ids.insert(r.id) {
            self.err(format!("{p}.id"), format!("duplicate review id {}", r.id));
        }
        if !self.numbers.contains(&r.group) {
            self.err(
                format!("{p}.group"),
                format!("no group {} in $.groups", r.group),
            );
        }
        if !(1..=4).contains(&r.cluster) {
            self.err(
                format!("{p}.cluster"),
                format!("cluster {} is not 1 to 4", r.cluster),
            );
        }
        if !self.codes.contains(r.under_review.as_str()) {
            self.err(
                format!("{p}.under_review"),
                format!("unknown party {:?}", r.under_review),
            );
        }
        if r.reviewers.len() < 2 {
            self.err(
                format!("{p}.reviewers"),
                "a review has two or more reviewers",
            );
        }
        let mut seen = BTreeSet::new();
        for (j, code) in r.reviewers.iter().enumerate() {
            let rp = format!("{p}.reviewers[{j}]");
            if !self.codes.contains(code.as_str()) {
                self.err(rp, format!("unknown party {code:?}"));
            } else if *code == r.under_review {
                self.err(rp, format!("{code} cannot review itself"));
            } else if !seen.insert(code) {
                self.err(rp, format!("{code} is listed twice"));
            }
        }
        if !(0..=4).contains(&r.redraws) {
            self.err(
                format!("{p}.redraws"),
                format!("{} redraws: at most 4 are allowed", r.redraws),
            );
        }
        let mut languages = Languages::new();
        for (j, l) in r.languages.iter().enumerate() {
            let lp = format!("{p}.languages[{j}]");
            if let Some(lang) = self.parse_enum::<Language>(&lp, l) {
                if languages.contains(&lang) {
                    self.err(lp, format!("{l} is listed twice"));
                } else {
                    languages.push(lang);
                }
            }
        }
        if r.languages.len() > 3 {
            self.err(format!("{p}.languages"), "at most three languages");
        }
        let start = self.opt_date(&format!("{p}.start"), &r.start);
        let milestones = Milestones {
            consultation_held: self
                .opt_date(&format!("{p}.consultation_held"), &r.consultation_held),
            saq_submitted: self.opt_date(&format!("{p}.saq_submitted"), &r.saq_submitted),
            feedback_submitted: self
                .opt_date(&format!("{p}.feedback_submitted"), &r.feedback_submitted),
            observations_finalized: self.opt_date(
                &format!("{p}.observations_finalized"),
                &r.observations_finalized,
            ),
            summary_finalized: self
                .opt_date(&format!("{p}.summary_finalized"), &r.summary_finalized),
        };
        for m in milestone_order_problems(&milestones) {
            self.err(format!("{p}.{}", m.0), m.1);
        }
        Review {
            id: r.id,
            group: r.group.clamp(0, i64::from(u32::MAX)) as u32,
            cluster: r.cluster.clamp(0, 4) as u32,
            under_review: Text::from(r.under_review.as_str()),
            reviewers: r.reviewers.iter().map(Text::from).collect(),
            start,
            redraws: r.redraws.clamp(0, 4) as u32,
            languages,
            milestones,
        }
    }

    fn extensions(&mut self, doc: &Document, desk: &mut Desk) {
        for (i, e) in doc.extensions.iter().enumerate() {
            let p = format!("$.extensions[{i}]");
            if !self.review_ids.contains(&e.review) {
                self.err(
                    format!("{p}.review"),
                    format!("unknown review {}", e.review),
                );
            }
            let obligation: Option<Obligation> =
                self.parse_enum(&format!("{p}.obligation"), &e.obligation);
            if let Some(o) = obligation
                && !o.extendable()
            {
                self.err(
                    format!("{p}.obligation"),
                    format!("{o} cannot be extended: extensions apply to saq, feedback, observations and phase"),
                );
            }
            let due = self.date(&format!("{p}.due"), &e.due);
            let agreed = self.date(&format!("{p}.agreed"), &e.agreed);
            if let (Some(obligation), Some(due), Some(agreed)) = (obligation, due, agreed) {
                desk.extensions.push(Extension {
                    review: e.review,
                    obligation,
                    due,
                    reason: e.reason.clone(),
                    agreed,
                });
            }
        }
    }

    fn reminders(&mut self, doc: &Document, desk: &mut Desk) {
        for (i, r) in doc.reminders.iter().enumerate() {
            let p = format!("$.reminders[{i}]");
            let date = self.date(&format!("{p}.date"), &r.date);
            if !self.codes.contains(r.party.as_str()) {
                self.err(format!("{p}.party"), format!("unknown party {:?}", r.party));
            }
            if let Some(id) = r.review
                && !self.review_ids.contains(&id)
            {
                self.err(format!("{p}.review"), format!("unknown review {id}"));
            }
            let obligation = self.parse_enum(&format!("{p}.obligation"), &r.obligation);
            let channel = self.parse_enum(&format!("{p}.channel"), &r.channel);
            if let (Some(date), Some(obligation), Some(channel)) = (date, obligation, channel) {
                desk.reminders.push(Reminder {
                    date,
                    party: Text::from(r.party.as_str()),
                    review: r.review,
                    obligation,
                    channel,
                    note: r.note.clone(),
                });
            }
        }
    }
}

/// Party codes: 2 to 8 upper-case ASCII letters or digits.
pub fn valid_code(code: &str) -> bool {
    (2..=8).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Each milestone answers the one before it: it needs that one and never
/// precedes it. The list of observations and its summary both answer the
/// written feedback (the review concludes when both are final, in either
/// order). Returns (field, message) for each violation.
pub fn milestone_order_problems(m: &Milestones) -> Vec<(&'static str, String)> {
    let pairs = [
        (
            ("consultation_held", m.consultation_held),
            ("saq_submitted", m.saq_submitted),
        ),
        (
            ("saq_submitted", m.saq_submitted),
            ("feedback_submitted", m.feedback_submitted),
        ),
        (
            ("feedback_submitted", m.feedback_submitted),
            ("observations_finalized", m.observations_finalized),
        ),
        (
            ("feedback_submitted", m.feedback_submitted),
            ("summary_finalized", m.summary_finalized),
        ),
    ];
    let mut out = Vec::new();
    for ((prev_name, prev), (name, this)) in pairs {
        match (prev, this) {
            (None, Some(_)) => out.push((name, format!("{name} is set but {prev_name} is not"))),
            (Some(a), Some(b)) if b < a => {
                out.push((name, format!("{name} {b} precedes {prev_name} {a}")))
            }
            _ => {}
        }
    }
    out
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// The desk and its history as a revdesk/2 document, every list in a
/// stable order (cluster starts by cluster and group, draws as logged).
pub fn document_with(desk: &Desk, history: &History) -> Document {
    let mut doc = document(desk);
    let mut starts = history.cluster_starts.clone();
    starts.sort();
    doc.cluster_starts = Some(
        starts
            .iter()
            .map(|c| RawClusterStart {
                cluster: i64::from(c.cluster),
                group: i64::from(c.group),
                start: c.start.to_string(),
            })
            .collect(),
    );
    doc.draws = Some(history.draws.iter().map(raw_draw).collect());
    doc.registers = (!history.registers.is_empty()).then(|| history.registers.clone());
    let dir = &history.directory;
    for p in &mut doc.parties {
        p.mission = dir.mission(&p.code).map(|m| RawMission {
            email: m.email.clone(),
            phone: m.phone.clone(),
        });
    }
    for p in &mut doc.people {
        let langs = dir.languages(p.id);
        p.languages =
            (!langs.is_empty()).then(|| langs.iter().map(|l| l.as_str().to_string()).collect());
    }
    doc
}

fn raw_pairings(json: &str) -> Vec<RawPairing> {
    serde_json::from_str::<Vec<Pairing>>(json)
        .unwrap_or_default()
        .into_iter()
        .map(|p| RawPairing {
            under_review: p.under_review,
            reviewers: p.reviewers,
        })
        .collect()
}

fn raw_draw(d: &DrawRecord) -> RawDraw {
    RawDraw {
        kind: d.kind.as_str().to_string(),
        group: i64::from(d.group),
        cluster: i64::from(d.cluster),
        review: d.review,
        seed: d.seed.to_string(),
        rules: serde_json::from_str(&d.rules).unwrap_or_default(),
        requested_by: d.requested_by.clone(),
        date: d.at.get(..10).unwrap_or(&d.at).to_string(),
        before: raw_pairings(&d.before),
        outcome: raw_pairings(&d.after),
    }
}

/// The desk as a revdesk/2 document with no history, every list in a
/// stable order.
pub fn document(desk: &Desk) -> Document {
    let mut groups = desk.groups.clone();
    groups.sort_by_key(|g| g.number);
    let mut parties: Vec<&Party> = desk.parties.iter().collect();
    parties.sort_by(|a, b| a.code.cmp(&b.code));
    let mut people: Vec<&Person> = desk.people.iter().collect();
    people.sort_by_key(|p| p.id);
    let mut reviews: Vec<&Review> = desk.reviews.iter().collect();
    reviews.sort_by_key(|r| r.id);
    let mut extensions: Vec<&Extension> = desk.extensions.iter().collect();
    extensions.sort_by(|a, b| {
        (a.review, a.obligation, a.agreed, a.due, &a.reason).cmp(&(
            b.review,
            b.obligation,
            b.agreed,
            b.due,
            &b.reason,
        ))
    });
    let mut reminders: Vec<&Reminder> = desk.reminders.iter().collect();
    reminders.sort_by(|a, b| {
        (a.date, &a.party, a.review, a.obligation, a.channel, &a.note).cmp(&(
            b.date,
            &b.party,
            b.review,
            b.obligation,
            b.channel,
            &b.note,
        ))
    });
    Document {
        format: FORMAT.into(),
        groups: groups
            .iter()
            .map(|g| RawGroup {
                number: i64::from(g.number),
                start: g.start.to_string(),
            })
            .collect(),
        parties: parties
            .iter()
            .map(|p| RawParty {
                code: p.code.to_string(),
                name: p.name.to_string(),
                kind: p.kind.to_string(),
                regional_group: p.regional_group.map(|r| r.to_string()),
                pairs_as: p.pairs_as.map(|r| r.to_string()),
                group: p.group.map(i64::from),
                instruments: RawInstruments {
                    convention: date_text(p.instruments.convention),
                    tip: date_text(p.instruments.tip),
                    som: date_text(p.instruments.som),
                    fa: date_text(p.instruments.fa),
                },
                mission: None,
            })
            .collect(),
        people: people
            .iter()
            .map(|p| RawPerson {
                id: p.id,
                party: p.party.to_string(),
                role: p.role.to_string(),
                name: p.name.to_string(),
                email: p.email.as_ref().map(|e| e.to_string()),
                phone: p.phone.as_ref().map(|p| p.to_string()),
                gender: p.gender.map(|g| g.to_string()),
                affiliation: p.affiliation.map(|a| a.to_string()),
                nominated: p.nominated.to_string(),
                ended: date_text(p.ended),
                languages: None,
            })
            .collect(),
        reviews: reviews
            .iter()
            .map(|r| RawReview {
                id: r.id,
                group: i64::from(r.group),
                cluster: i64::from(r.cluster),
                under_review: r.under_review.to_string(),
                reviewers: r.reviewers.iter().map(|c| c.to_string()).collect(),
                start: date_text(r.start),
                redraws: i64::from(r.redraws),
                languages: r.languages.iter().map(|l| l.to_string()).collect(),
                consultation_held: date_text(r.milestones.consultation_held),
                saq_submitted: date_text(r.milestones.saq_submitted),
                feedback_submitted: date_text(r.milestones.feedback_submitted),
                observations_finalized: date_text(r.milestones.observations_finalized),
                summary_finalized: date_text(r.milestones.summary_finalized),
            })
            .collect(),
        extensions: extensions
            .iter()
            .map(|e| RawExtension {
                review: e.review,
                obligation: e.obligation.to_string(),
                due: e.due.to_string(),
                reason: e.reason.clone(),
                agreed: e.agreed.to_string(),
            })
            .collect(),
        reminders: reminders
            .iter()
            .map(|r| RawReminder {
                date: r.date.to_string(),
                party: r.party.to_string(),
                review: r.review,
                obligation: r.obligation.to_string(),
                channel: r.channel.to_string(),
                note: r.note.clone(),
            })
            .collect(),
        cluster_starts: Some(Vec::new()),
        draws: Some(Vec::new()),
        registers: None,
    }
}

/// The desk as pretty-printed revdesk/2 JSON with no history, ending with
/// a newline.
pub fn to_json(desk: &Desk) -> String {
    to_json_with(desk, &History::default())
}

/// The desk and its history as pretty-printed revdesk/2 JSON.
pub fn to_json_with(desk: &Desk, history: &History) -> String {
    let mut s = serde_json::to_string_pretty(&document_with(desk, history)).unwrap_or_default();
    s.push('\n');
    s
}

/// Maps each JSON path of a document to the line its value starts on, so that
/// errors found after parsing can still name a line. Malformed input yields a
/// partial map; it is only called on text serde_json already accepted.
pub fn line_index(text: &str) -> BTreeMap<String, usize> {
    #[derive(Clone)]
    enum Frame {
        Object(String, Option<String>),
        Array(String, usize),
    }
    let mut out = BTreeMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let b = text.as_bytes();
    let (mut i, mut line) = (0usize, 1usize);
    let mut expect_key = false;
    // Path of the value that starts here, from the enclosing frame.
    let current = |stack: &[Frame]| -> String {
        match stack.last() {
            None => "$".to_string(),
            Some(Frame::Object(p, Some(k))) => format!("{p}.{k}"),
            Some(Frame::Object(p, None)) => p.clone(),
            Some(Frame::Array(p, n)) => format!("{p}[{n}]"),
        }
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => line += 1,
            b' ' | b'\t' | b'\r' | b':' => {}
            b',' => {
                if let Some(Frame::Array(_, n)) = stack.last_mut() {
                    *n += 1;
                } else {
                    expect_key = true;
                }
            }
            b'{' => {
                let p = current(&stack);
                out.entry(p.clone()).or_insert(line);
                stack.push(Frame::Object(p, None));
                expect_key = true;
            }
            b'[' => {
                let p = current(&stack);
                out.entry(p.clone()).or_insert(line);
                stack.push(Frame::Array(p, 0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let s = String::from_utf8_lossy(&b[start..i.min(b.len())]).into_owned();
                if expect_key {
                    if let Some(Frame::Object(_, k)) = stack.last_mut() {
                        *k = Some(s);
                    }
                    expect_key = false;
                } else {
                    out.entry(current(&stack)).or_insert(line);
                }
            }
            _ => {
                // A number or literal: record its path, skip to its end.
                out.entry(current(&stack)).or_insert(line);
                while i + 1 < b.len()
                    && !matches!(b[i + 1], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"format": "revdesk/1",
 "groups": [{"number": 1, "start": "2020-12-01"}],
 "parties": [
  {"code": "AUT", "name": "Austria", "kind": "state", "regional_group": "WEOG", "pairs_as": null, "group": 1,
   "instruments": {"convention": "2004-09-23", "tip": "2005-11-15", "som": "2007-11-30", "fa": null}},
  {"code": "FRA", "name": "France", "kind": "state", "regional_group": "WEOG", "pairs_as": null, "group": 1,
   "instruments": {"convention": "2002-10-29", "tip": null, "som": null, "fa": null}},
  {"code": "KEN", "name": "Kenya", "kind": "state", "regional_group": "AFG", "pairs_as": null, "group": 1,
   "instruments": {"convention": "2004-06-16", "tip": null, "som": null, "fa": null}}],
 "people": [{"id": 1, "party": "AUT", "role": "focal_point", "name": "A B", "email": "a@b.example", "phone": "+43",
             "gender": "female", "affiliation": "foreign_affairs", "nominated": "2020-12-10", "ended": null}],
 "reviews": [{"id": 1, "group": 1, "cluster": 1, "under_review": "AUT", "reviewers": ["FRA", "KEN"],
              "start": null, "redraws": 0, "languages": ["en"],
              "consultation_held": "2021-02-01", "saq_submitted": null, "feedback_submitted": null,
              "observations_finalized": null, "summary_finalized": null}],
 "extensions": [{"review": 1, "obligation": "saq", "due": "2021-09-30", "reason": "r", "agreed": "2021-05-20"}],
 "reminders": [{"date": "2021-06-03", "party": "AUT", "review": 1, "obligation": "saq", "channel": "email", "note": "n"}]}"#;

    #[test]
    fn sample_round_trips() {
        let desk = parse(SAMPLE).unwrap();
        assert_eq!(desk.parties.len(), 3);
        let json = to_json(&desk);
        let again = parse(&json).unwrap();
        assert_eq!(to_json(&again), json);
    }

    #[test]
    fn unknown_key_is_named_with_path_and_line() {
        let bad = SAMPLE.replace("\"redraws\": 0", "\"redraws\": 0, \"colour\": 1");
        let e = parse(&bad).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].path, "$.reviews[0].colour");
        assert_eq!(e.0[0].line, Some(13));
        assert!(e.0[0].message.contains("unknown field"));
    }

    #[test]
    fn semantic_errors_are_all_reported_with_lines() {
        let bad = SAMPLE
            .replace(
                "\"saq_submitted\": null",
                "\"saq_submitted\": \"2021-01-15\"",
            )
            .replace("\"2020-12-10\"", "\"2023-02-30\"")
            .replace("[\"FRA\", \"KEN\"]", "[\"FRA\", \"XXX\"]");
        let e = parse(&bad).unwrap_err();
        let paths: Vec<&str> = e.0.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"$.people[0].nominated"), "{paths:?}");
        assert!(paths.contains(&"$.reviews[0].reviewers[1]"), "{paths:?}");
        assert!(paths.contains(&"$.reviews[0].saq_submitted"), "{paths:?}");
        let saq =
            e.0.iter()
                .find(|p| p.path == "$.reviews[0].saq_submitted")
                .unwrap();
        assert_eq!(saq.line, Some(14));
        assert!(saq.message.contains("precedes"));
    }

    #[test]
    fn duplicates_and_bad_enums() {
        let bad = SAMPLE
            .replace("\"code\": \"FRA\"", "\"code\": \"AUT\"")
            .replace(
                "\"kind\": \"state\", \"regional_group\": \"AFG\"",
                "\"kind\": \"nation\", \"regional_group\": \"AFG\"",
            );
        let e = parse(&bad).unwrap_err();
        assert!(
            e.0.iter()
                .any(|p| p.path == "$.parties[1].code" && p.message.contains("duplicate"))
        );
        assert!(e.0.iter().any(|p| p.path == "$.parties[2].kind"));
    }

    #[test]
    fn list_and_summary_both_answer_the_feedback() {
        let d = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
        let mut m = Milestones {
            consultation_held: d("2021-02-01"),
            saq_submitted: d("2021-08-01"),
            feedback_submitted: d("2022-01-10"),
            observations_finalized: d("2022-06-01"),
            summary_finalized: d("2022-05-20"),
        };
        assert!(milestone_order_problems(&m).is_empty());
        m.summary_finalized = d("2022-01-09");
        assert_eq!(milestone_order_problems(&m)[0].0, "summary_finalized");
        m.feedback_submitted = None;
        let fields: Vec<&str> = milestone_order_problems(&m).iter().map(|p| p.0).collect();
        assert_eq!(fields, ["observations_finalized", "summary_finalized"]);
    }

    #[test]
    fn malformed_json_names_its_line() {
        let e = parse("{\"format\": \"revdesk/1\",\n \"groups\": [}").unwrap_err();
        assert_eq!(e.0[0].line, Some(2));
    }

    #[test]
    fn wrong_format_and_nomination_extension_refused() {
        let bad = SAMPLE.replace("revdesk/1", "revdesk/3").replace(
            "\"obligation\": \"saq\", \"due\"",
            "\"obligation\": \"experts\", \"due\"",
        );
        let e = parse(&bad).unwrap_err();
        assert!(e.0.iter().any(|p| p.path == "$.format"));
        assert!(e.0.iter().any(|p| p.path == "$.extensions[0].obligation"));
    }

    fn history() -> History {
        History {
            cluster_starts: vec![ClusterStart {
                cluster: 4,
                group: 1,
                start: "2025-03-01".parse().unwrap(),
            }],
            draws: vec![
                DrawRecord {
                    kind: DrawKind::Group,
                    group: 1,
                    cluster: 1,
                    review: None,
                    seed: u64::MAX,
                    rules: r#"{"cap_per_group":3,"max_reviewers":4}"#.into(),
                    requested_by: None,
                    at: "2020-10-08T10:00:00Z".into(),
                    os_user: "secretariat".into(),
                    before: "[]".into(),
                    after: r#"[{"under_review":"AUT","reviewers":["FRA","KEN"]}]"#.into(),
                },
                DrawRecord {
                    kind: DrawKind::Redraw,
                    group: 1,
                    cluster: 1,
                    review: Some(1),
                    seed: 7,
                    rules: "{}".into(),
                    requested_by: Some("AUT".into()),
                    at: "2021-01-05T09:00:00Z".into(),
                    os_user: "secretariat".into(),
                    before: r#"[{"under_review":"AUT","reviewers":["KEN","FRA"]}]"#.into(),
                    after: r#"[{"under_review":"AUT","reviewers":["FRA","KEN"]}]"#.into(),
                },
            ],
            registers: Default::default(),
            directory: Directory {
                missions: [(
                    "AUT".into(),
                    Mission {
                        email: Some("mission@aut.example".into()),
                        phone: Some("+43 1 000".into()),
                    },
                )]
                .into_iter()
                .collect(),
                languages: [(1, vec![Language::Fr, Language::En])]
                    .into_iter()
                    .collect(),
            },
        }
    }

    #[test]
    fn missions_and_languages_are_checked_and_not_revdesk_1() {
        let doc = to_json_with(&parse(SAMPLE).unwrap(), &history());
        let bad = doc
            .replace(
                "mission@aut.example",
                "a@b.example\\r\\nBcc: x@evil.example",
            )
            .replace("\"fr\"", "\"xx\"");
        let e = parse(&bad).unwrap_err();
        assert!(
            e.0.iter().any(|p| p.path == "$.parties[0].mission.email"),
            "{e}"
        );
        assert!(
            e.0.iter()
                .any(|p| p.path.starts_with("$.people[0].languages[")),
            "{e}"
        );
        let v1 = doc.replace(FORMAT, FORMAT_V1);
        let e = parse(&v1).unwrap_err();
        assert!(e.0.iter().any(|p| p.path == "$.parties[0].mission"), "{e}");
    }

    #[test]
    fn revdesk_2_carries_the_draw_log_and_the_cluster_starts() {
        let desk = parse(SAMPLE).unwrap();
        let json = to_json_with(&desk, &history());
        let doc = parse_document(&json).unwrap();
        assert_eq!(doc.version, 2);
        assert_eq!(doc.desk, desk);
        assert_eq!(doc.history.cluster_starts, history().cluster_starts);
        let d = &doc.history.draws[0];
        // The seed survives beyond what a JSON number carries exactly; the
        // day of the draw is kept.
        assert_eq!((d.seed, d.at.as_str()), (u64::MAX, "2020-10-08"));
        assert_eq!(doc.history.draws[1].requested_by.as_deref(), Some("AUT"));
        // Imported and exported again: the same document.
        assert_eq!(to_json_with(&doc.desk, &doc.history), json);
        // revdesk/1 still reads, with no history.
        let v1 = parse_document(SAMPLE).unwrap();
        assert_eq!((v1.version, v1.history), (1, History::default()));
    }

    #[test]
    fn history_errors_are_named() {
        let desk = parse(SAMPLE).unwrap();
        let json = to_json_with(&desk, &history())
            .replace("\"cluster\": 4,", "\"cluster\": 1,")
            .replace("\"requested_by\": \"AUT\"", "\"requested_by\": \"XXX\"")
            .replace("\"seed\": \"7\"", "\"seed\": \"-7\"");
        let e = parse_document(&json).unwrap_err();
        let paths: Vec<&str> = e.0.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"$.cluster_starts[0].cluster"), "{paths:?}");
        assert!(paths.contains(&"$.draws[1].requested_by"), "{paths:?}");
        assert!(paths.contains(&"$.draws[1].seed"), "{paths:?}");
        // A revdesk/1 document has no draws.
        let v1 = SAMPLE.replace("\"reminders\":", "\"draws\": [], \"reminders\":");
        let e = parse_document(&v1).unwrap_err();
        assert_eq!(e.0[0].path, "$.draws");
    }
}
