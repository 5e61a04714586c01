//! The revdesk/1 interchange format (docs/interchange.md): parsing with every
//! error named by its JSON path and line, validation, and conversion to and
//! from the in-memory [`Desk`].

use super::directory::{Directory, Mission};
use super::lots::Pairing;
use super::model::*;
use super::next_cluster::ClusterStart;
use super::text::parse_date;
use chrono::NaiveDate;
use compact_str::ToCompactString;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

mod check;
pub mod read;

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
    pub party: Text,
    pub role: Text,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub gender: Option<Text>,
    #[serde(default)]
    pub affiliation: Option<Text>,
    pub nominated: Text,
    #[serde(default)]
    pub ended: Option<Text>,
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
    pub date: Text,
    pub party: Text,
    #[serde(default)]
    pub review: Option<i64>,
    pub obligation: Text,
    pub channel: Text,
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
    let mut sink = Collect::default();
    let de = &mut serde_json::Deserializer::from_str(text);
    let read = match read::read(de, &mut sink) {
        Ok(r) => r,
        Err(read::Stopped::Json { path, error }) => {
            return Err(Problems(vec![json_problem(path, &error)]));
        }
        Err(read::Stopped::Sink(never)) => match never {},
    };
    if read.problems.is_empty() {
        Ok(Imported {
            version: read.version,
            desk: sink.desk,
            history: History {
                cluster_starts: sink.cluster_starts,
                draws: sink.draws,
                registers: read.registers.unwrap_or_default(),
                directory: read.directory,
            },
        })
    } else {
        let mut problems = read.problems;
        let lines = line_index(text);
        for p in &mut problems {
            p.line = lines.get(&p.path).copied();
        }
        Err(Problems(problems))
    }
}

/// The problem of a document that stopped the parser (not JSON, an
/// unknown key, a value of the wrong type) at `path`.
pub fn json_problem(path: String, e: &serde_json::Error) -> Problem {
    let line = (e.line() > 0).then_some(e.line());
    // serde_json appends " at line L column C"; the line is shown separately.
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Problem {
        path,
        line,
        message: msg,
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

/// A document read into memory.
#[derive(Default)]
struct Collect {
    desk: Desk,
    cluster_starts: Vec<ClusterStart>,
    draws: Vec<DrawRecord>,
    /// Where each review and person is in the desk, by id.
    reviews: BTreeMap<i64, usize>,
    people: BTreeMap<i64, usize>,
}

impl read::Sink for Collect {
    type Error = std::convert::Infallible;
    fn group(&mut self, g: Group) -> Result<(), Self::Error> {
        self.desk.groups.push(g);
        Ok(())
    }
    fn party(&mut self, p: Party) -> Result<(), Self::Error> {
        self.desk.parties.push(p);
        Ok(())
    }
    fn person(&mut self, p: Person) -> Result<(), Self::Error> {
        self.people.insert(p.id, self.desk.people.len());
        self.desk.people.push(p);
        Ok(())
    }
    fn review(&mut self, r: Review) -> Result<(), Self::Error> {
        self.reviews.insert(r.id, self.desk.reviews.len());
        self.desk.reviews.push(r);
        Ok(())
    }
    fn extension(&mut self, e: Extension) -> Result<(), Self::Error> {
        self.desk.extensions.push(e);
        Ok(())
    }
    fn reminder(&mut self, r: Reminder) -> Result<(), Self::Error> {
        self.desk.reminders.push(r);
        Ok(())
    }
    fn cluster_start(&mut self, c: ClusterStart) -> Result<(), Self::Error> {
        self.cluster_starts.push(c);
        Ok(())
    }
    fn draw(&mut self, d: DrawRecord) -> Result<(), Self::Error> {
        self.draws.push(d);
        Ok(())
    }
    fn find_review(&self, id: i64) -> Option<Review> {
        self.reviews.get(&id).map(|&i| self.desk.reviews[i].clone())
    }
    fn find_person(&self, id: i64) -> Option<Person> {
        self.people.get(&id).map(|&i| self.desk.people[i].clone())
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
    doc.cluster_starts = Some(starts.iter().map(raw_cluster_start).collect());
    doc.draws = Some(history.draws.iter().map(raw_draw).collect());
    doc.registers = (!history.registers.is_empty()).then(|| history.registers.clone());
    let dir = &history.directory;
    for p in &mut doc.parties {
        p.mission = dir.mission(&p.code).map(raw_mission);
    }
    for p in &mut doc.people {
        p.languages = raw_languages(dir.languages(p.id));
    }
    doc
}

/// A mission as the document writes it.
pub fn raw_mission(m: &Mission) -> RawMission {
    RawMission {
        email: m.email.clone(),
        phone: m.phone.clone(),
    }
}

/// A person's working languages as the document writes them: left out
/// when there are none.
pub fn raw_languages(langs: &[Language]) -> Option<Vec<String>> {
    (!langs.is_empty()).then(|| langs.iter().map(|l| l.as_str().to_string()).collect())
}

/// A cluster start as the document writes it.
pub fn raw_cluster_start(c: &ClusterStart) -> RawClusterStart {
    RawClusterStart {
        cluster: i64::from(c.cluster),
        group: i64::from(c.group),
        start: c.start.to_string(),
    }
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

/// A drawing of lots as the document writes it: the day, not the time.
pub fn raw_draw(d: &DrawRecord) -> RawDraw {
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

/// A group as the document writes it.
pub fn raw_group(g: &Group) -> RawGroup {
    RawGroup {
        number: i64::from(g.number),
        start: g.start.to_string(),
    }
}

/// A party as the document writes it, without its mission.
pub fn raw_party(p: &Party) -> RawParty {
    RawParty {
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
    }
}

/// A person as the document writes it, without working languages.
pub fn raw_person(p: &Person) -> RawPerson {
    RawPerson {
        id: p.id,
        party: p.party.clone(),
        role: p.role.to_compact_string(),
        name: p.name.to_string(),
        email: p.email.as_ref().map(|e| e.to_string()),
        phone: p.phone.as_ref().map(|p| p.to_string()),
        gender: p.gender.map(|g| g.to_compact_string()),
        affiliation: p.affiliation.map(|a| a.to_compact_string()),
        nominated: p.nominated.to_compact_string(),
        ended: p.ended.map(|d| d.to_compact_string()),
        languages: None,
    }
}

/// A review as the document writes it.
pub fn raw_review(r: &Review) -> RawReview {
    RawReview {
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
    }
}

/// An extension as the document writes it.
pub fn raw_extension(e: &Extension) -> RawExtension {
    RawExtension {
        review: e.review,
        obligation: e.obligation.to_string(),
        due: e.due.to_string(),
        reason: e.reason.clone(),
        agreed: e.agreed.to_string(),
    }
}

/// A reminder as the document writes it.
pub fn raw_reminder(r: &Reminder) -> RawReminder {
    RawReminder {
        date: r.date.to_compact_string(),
        party: r.party.clone(),
        review: r.review,
        obligation: r.obligation.to_compact_string(),
        channel: r.channel.to_compact_string(),
        note: r.note.clone(),
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
        groups: groups.iter().map(raw_group).collect(),
        parties: parties.iter().map(|p| raw_party(p)).collect(),
        people: people.iter().map(|p| raw_person(p)).collect(),
        reviews: reviews.iter().map(|r| raw_review(r)).collect(),
        extensions: extensions.iter().map(|e| raw_extension(e)).collect(),
        reminders: reminders.iter().map(|r| raw_reminder(r)).collect(),
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
    lines_of_paths(text.bytes(), |_| true)
}

/// As [`line_index`], over a document's bytes as they are read, keeping
/// only the paths `keep` wants: the lines of a few problems in a document
/// too large to hold.
pub fn lines_of_paths(
    bytes: impl Iterator<Item = u8>,
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<String, usize> {
    enum Frame {
        Object(String, Option<String>),
        Array(String, usize),
    }
    let mut out = BTreeMap::new();
    let mut note = |p: String, line: usize| {
        if keep(&p) {
            out.entry(p).or_insert(line);
        }
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut bytes = bytes.peekable();
    let mut line = 1usize;
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
    while let Some(c) = bytes.next() {
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
            b'{' | b'[' => {
                let p = current(&stack);
                note(p.clone(), line);
                stack.push(if c == b'{' {
                    Frame::Object(p, None)
                } else {
                    Frame::Array(p, 0)
                });
                expect_key = c == b'{';
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b'"' => {
                let mut raw = Vec::new();
                while let Some(b) = bytes.next() {
                    match b {
                        b'"' => break,
                        b'\\' => {
                            raw.push(b);
                            raw.extend(bytes.next());
                        }
                        _ => raw.push(b),
                    }
                }
                if expect_key {
                    if let Some(Frame::Object(_, k)) = stack.last_mut() {
                        *k = Some(String::from_utf8_lossy(&raw).into_owned());
                    }
                    expect_key = false;
                } else {
                    note(current(&stack), line);
                }
            }
            _ => {
                // A number or literal: record its path, skip to its end.
                note(current(&stack), line);
                while bytes
                    .next_if(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                    .is_some()
                {}
            }
        }
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
