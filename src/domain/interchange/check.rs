//! The checks of one record of a document at a time, as it is read. A
//! record may name one of another list (a party, a group, a review): when
//! that list has been read, the name is checked at once; when the document
//! brings it later, the check waits for the end of the document.

use super::*;
use crate::domain::directory::Mission;
use crate::domain::hash::FxSet;

/// A name of a record of another list, checked once that list is read.
#[derive(Debug)]
enum Ref {
    Group(i64),
    Party(Text),
    Review(i64),
}

/// Where a record sits in a document (`$.reminders[3]`): written out
/// only when a problem is found in it.
#[derive(Debug, Clone, Copy)]
struct Rec(&'static str, usize);

impl std::fmt::Display for Rec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "$.{}[{}]", self.0, self.1)
    }
}

/// What has been read of a document so far, and every problem found.
#[derive(Default)]
pub(super) struct Validator {
    pub problems: Vec<Problem>,
    /// Group numbers, party codes, review and person ids seen so far.
    pub numbers: FxSet<i64>,
    pub codes: FxSet<Text>,
    pub review_ids: FxSet<i64>,
    pub person_ids: FxSet<i64>,
    /// (cluster, group) of the cluster starts seen so far.
    starts: BTreeSet<(i64, i64)>,
    /// Whether the groups, parties and reviews have been read whole.
    pub groups_read: bool,
    pub parties_read: bool,
    pub reviews_read: bool,
    /// Names whose list comes later in the document.
    pending: Vec<(String, Ref)>,
    /// 1 or 2 once `format` is read.
    pub version: Option<u32>,
    /// Parts of revdesk/2 met before `format`: problems if it says 1.
    v2_only: Vec<(String, String)>,
}

impl Validator {
    pub fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            line: None,
            message: message.into(),
        });
    }

    fn date(&mut self, path: impl FnOnce() -> String, s: &str) -> Option<NaiveDate> {
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(path(), e.to_string());
                None
            }
        }
    }

    fn opt_date<S: std::ops::Deref<Target = str>>(
        &mut self,
        path: impl FnOnce() -> String,
        s: &Option<S>,
    ) -> Option<NaiveDate> {
        s.as_deref().and_then(|s| self.date(path, s))
    }

    fn parse_enum<T: FromStr<Err = UnknownValue>>(
        &mut self,
        path: impl FnOnce() -> String,
        s: &str,
    ) -> Option<T> {
        match s.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(path(), e.to_string());
                None
            }
        }
    }

    fn opt_enum<T: FromStr<Err = UnknownValue>, S: std::ops::Deref<Target = str>>(
        &mut self,
        path: impl FnOnce() -> String,
        s: &Option<S>,
    ) -> Option<T> {
        s.as_deref().and_then(|s| self.parse_enum(path, s))
    }

    /// Whether group `n` may be named: false (and a problem) when the
    /// groups have been read and it is not among them.
    fn group_ok(&mut self, path: impl FnOnce() -> String, n: i64) -> bool {
        self.check_ref(path, Ref::Group(n))
    }

    fn party_ok(&mut self, path: impl FnOnce() -> String, code: &str) -> bool {
        if self.parties_read && self.codes.contains(code) {
            return true;
        }
        self.check_ref(path, Ref::Party(Text::from(code)))
    }

    fn review_ok(&mut self, path: impl FnOnce() -> String, id: i64) -> bool {
        self.check_ref(path, Ref::Review(id))
    }

    fn check_ref(&mut self, path: impl FnOnce() -> String, r: Ref) -> bool {
        let read = match r {
            Ref::Group(_) => self.groups_read,
            Ref::Party(_) => self.parties_read,
            Ref::Review(_) => self.reviews_read,
        };
        if !read {
            self.pending.push((path(), r));
            return true;
        }
        self.resolve(path, &r)
    }

    fn resolve(&mut self, path: impl FnOnce() -> String, r: &Ref) -> bool {
        let problem = match r {
            Ref::Group(n) => {
                (!self.numbers.contains(n)).then(|| format!("no group {n} in $.groups"))
            }
            Ref::Party(c) => (!self.codes.contains(c)).then(|| format!("unknown party {c:?}")),
            Ref::Review(id) => {
                (!self.review_ids.contains(id)).then(|| format!("unknown review {id}"))
            }
        };
        match problem {
            Some(m) => {
                self.err(path(), m);
                false
            }
            None => true,
        }
    }

    /// The `format` key: which version the rest is read as.
    pub fn format(&mut self, format: &str) {
        if format != FORMAT && format != FORMAT_V1 {
            self.err(
                "$.format",
                format!("expected {FORMAT:?} or {FORMAT_V1:?}, found {format:?}"),
            );
        }
        let version = if format == FORMAT_V1 { 1 } else { 2 };
        self.version = Some(version);
        if version == 1 {
            for (path, message) in std::mem::take(&mut self.v2_only) {
                self.err(path, message);
            }
        }
        self.v2_only = Vec::new();
    }

    /// A part of revdesk/2 at `path`: a problem in a revdesk/1 document.
    /// False when the document is known to be revdesk/1.
    pub fn v2_only(&mut self, path: String, message: String) -> bool {
        match self.version {
            Some(1) => {
                self.err(path, message);
                false
            }
            Some(_) => true,
            None => {
                self.v2_only.push((path, message));
                true
            }
        }
    }

    /// [`Validator::v2_only`] with its path and message made only when
    /// the document is not known to be revdesk/2.
    fn allowed_in_v2(
        &mut self,
        path: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
    ) -> bool {
        self.version == Some(2) || self.v2_only(path(), message())
    }

    /// At the end of the document: the names that waited for their list.
    pub fn finish(&mut self) {
        (self.groups_read, self.parties_read, self.reviews_read) = (true, true, true);
        for (path, r) in std::mem::take(&mut self.pending) {
            self.resolve(|| path, &r);
        }
    }

    pub fn group(&mut self, i: usize, g: &RawGroup) -> Option<Group> {
        let p = Rec("groups", i);
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
        let start = self.date(|| format!("{p}.start"), &g.start)?;
        Some(Group {
            number: g.number.clamp(0, i64::from(u32::MAX)) as u32,
            start,
        })
    }

    pub fn party(&mut self, i: usize, r: &RawParty) -> Option<Party> {
        let p = Rec("parties", i);
        if !valid_code(&r.code) {
            self.err(
                format!("{p}.code"),
                format!("{:?} is not 2 to 8 upper-case letters or digits", r.code),
            );
        } else if !self.codes.insert(Text::from(r.code.as_str())) {
            self.err(
                format!("{p}.code"),
                format!("duplicate party code {:?}", r.code),
            );
        }
        if r.name.trim().is_empty() {
            self.err(format!("{p}.name"), "a party needs a name");
        }
        let kind = self.parse_enum(|| format!("{p}.kind"), &r.kind);
        let regional_group = self.opt_enum(|| format!("{p}.regional_group"), &r.regional_group);
        let pairs_as = self.opt_enum(|| format!("{p}.pairs_as"), &r.pairs_as);
        let group = match r.group {
            Some(g) if !self.group_ok(|| format!("{p}.group"), g) => None,
            g => g.map(|g| g.clamp(0, i64::from(u32::MAX)) as u32),
        };
        let ins = &r.instruments;
        let instruments = Instruments {
            convention: self.opt_date(|| format!("{p}.instruments.convention"), &ins.convention),
            tip: self.opt_date(|| format!("{p}.instruments.tip"), &ins.tip),
            som: self.opt_date(|| format!("{p}.instruments.som"), &ins.som),
            fa: self.opt_date(|| format!("{p}.instruments.fa"), &ins.fa),
        };
        Some(Party {
            code: Text::from(r.code.as_str()),
            name: Text::from(r.name.as_str()),
            kind: kind?,
            regional_group,
            pairs_as,
            group,
            instruments,
        })
    }

    /// A party's permanent mission (revdesk/2), when it has one.
    pub fn mission(&mut self, i: usize, r: &RawParty) -> Option<Mission> {
        let m = r.mission.as_ref()?;
        let path = || format!("$.parties[{i}].mission");
        if !self.allowed_in_v2(path, || format!("mission is not part of {FORMAT_V1}")) {
            return None;
        }
        match Mission::checked(m.email.as_deref(), m.phone.as_deref()) {
            Ok(m) if !m.is_empty() => Some(m),
            Ok(_) => None,
            Err(e) => {
                let field = if e.starts_with("mission_email") {
                    "email"
                } else {
                    "phone"
                };
                self.err(format!("{}.{field}", path()), e);
                None
            }
        }
    }

    pub fn person(&mut self, i: usize, r: RawPerson) -> Option<Person> {
        let p = Rec("people", i);
        if r.id < 1 {
            self.err(format!("{p}.id"), "an id is a whole number from 1");
        } else if !self.person_ids.insert(r.id) {
            self.err(format!("{p}.id"), format!("duplicate person id {}", r.id));
        }
        self.party_ok(|| format!("{p}.party"), &r.party);
        if r.name.trim().is_empty() {
            self.err(format!("{p}.name"), "a person needs a name");
        }
        let role = self.parse_enum(|| format!("{p}.role"), &r.role);
        let gender = self.opt_enum(|| format!("{p}.gender"), &r.gender);
        let affiliation = self.opt_enum(|| format!("{p}.affiliation"), &r.affiliation);
        let nominated = self.date(|| format!("{p}.nominated"), &r.nominated);
        let ended = self.opt_date(|| format!("{p}.ended"), &r.ended);
        if let (Some(n), Some(e)) = (nominated, ended)
            && e < n
        {
            self.err(
                format!("{p}.ended"),
                format!("ended {e} is before nominated {n}"),
            );
        }
        Some(Person {
            id: r.id,
            party: r.party,
            role: role?,
            name: Text::from(r.name),
            email: r.email.map(String::into_boxed_str),
            phone: r.phone.map(String::into_boxed_str),
            gender,
            affiliation,
            nominated: nominated?,
            ended,
        })
    }

    /// A person's working languages (revdesk/2), in order; none when the
    /// document gives none.
    pub fn languages(&mut self, i: usize, langs: Option<&[String]>) -> Vec<Language> {
        let Some(langs) = langs else {
            return Vec::new();
        };
        let path = || format!("$.people[{i}].languages");
        if !self.allowed_in_v2(path, || format!("languages are not part of {FORMAT_V1}")) {
            return Vec::new();
        }
        let mut out: Vec<Language> = Vec::new();
        for (j, l) in langs.iter().enumerate() {
            match l.parse::<Language>() {
                Ok(l) if out.contains(&l) => {
                    self.err(format!("{}[{j}]", path()), format!("{l} twice"));
                }
                Ok(l) => out.push(l),
                Err(e) => self.err(format!("{}[{j}]", path()), e.to_string()),
            }
        }
        out
    }

    /// One review, checked: ids, group, cluster, parties, languages, milestones.
    pub fn review(&mut self, i: usize, r: &RawReview) -> Review {
        let p = Rec("reviews", i);
        if r.id < 1 {
            self.err(format!("{p}.id"), "an id is a whole number from 1");
        } else if !self.review_ids.insert(r.id) {
            self.err(format!("{p}.id"), format!("duplicate review id {}", r.id));
        }
        self.group_ok(|| format!("{p}.group"), r.group);
        if !(1..=4).contains(&r.cluster) {
            self.err(
                format!("{p}.cluster"),
                format!("cluster {} is not 1 to 4", r.cluster),
            );
        }
        self.party_ok(|| format!("{p}.under_review"), &r.under_review);
        self.reviewers(p, r);
        if !(0..=4).contains(&r.redraws) {
            self.err(
                format!("{p}.redraws"),
                format!("{} redraws: at most 4 are allowed", r.redraws),
            );
        }
        let languages = self.review_languages(p, &r.languages);
        let start = self.opt_date(|| format!("{p}.start"), &r.start);
        let milestones = Milestones {
            consultation_held: self
                .opt_date(|| format!("{p}.consultation_held"), &r.consultation_held),
            saq_submitted: self.opt_date(|| format!("{p}.saq_submitted"), &r.saq_submitted),
            feedback_submitted: self
                .opt_date(|| format!("{p}.feedback_submitted"), &r.feedback_submitted),
            observations_finalized: self.opt_date(
                || format!("{p}.observations_finalized"),
                &r.observations_finalized,
            ),
            summary_finalized: self
                .opt_date(|| format!("{p}.summary_finalized"), &r.summary_finalized),
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

    fn reviewers(&mut self, p: Rec, r: &RawReview) {
        if r.reviewers.len() < 2 {
            self.err(
                format!("{p}.reviewers"),
                "a review has two or more reviewers",
            );
        }
        let mut seen = BTreeSet::new();
        for (j, code) in r.reviewers.iter().enumerate() {
            let rp = || format!("{p}.reviewers[{j}]");
            let known = self.party_ok(rp, code);
            if known && *code == r.under_review {
                self.err(rp(), format!("{code} cannot review itself"));
            } else if known && !seen.insert(code) {
                self.err(rp(), format!("{code} is listed twice"));
            }
        }
    }

    fn review_languages(&mut self, p: Rec, raw: &[String]) -> Languages {
        let mut languages = Languages::new();
        for (j, l) in raw.iter().enumerate() {
            let lp = || format!("{p}.languages[{j}]");
            if let Some(lang) = self.parse_enum::<Language>(lp, l) {
                if languages.contains(&lang) {
                    self.err(lp(), format!("{l} is listed twice"));
                } else {
                    languages.push(lang);
                }
            }
        }
        if raw.len() > 3 {
            self.err(format!("{p}.languages"), "at most three languages");
        }
        languages
    }

    pub fn extension(&mut self, i: usize, e: &RawExtension) -> Option<Extension> {
        let p = Rec("extensions", i);
        self.review_ok(|| format!("{p}.review"), e.review);
        let obligation: Option<Obligation> =
            self.parse_enum(|| format!("{p}.obligation"), &e.obligation);
        if let Some(o) = obligation
            && !o.extendable()
        {
            self.err(
                format!("{p}.obligation"),
                format!("{o} cannot be extended: extensions apply to saq, feedback, observations and phase"),
            );
        }
        let due = self.date(|| format!("{p}.due"), &e.due);
        let agreed = self.date(|| format!("{p}.agreed"), &e.agreed);
        Some(Extension {
            review: e.review,
            obligation: obligation?,
            due: due?,
            reason: e.reason.clone(),
            agreed: agreed?,
        })
    }

    pub fn reminder(&mut self, i: usize, r: RawReminder) -> Option<Reminder> {
        let p = Rec("reminders", i);
        let date = self.date(|| format!("{p}.date"), &r.date);
        self.party_ok(|| format!("{p}.party"), &r.party);
        if let Some(id) = r.review {
            self.review_ok(|| format!("{p}.review"), id);
        }
        let obligation = self.parse_enum(|| format!("{p}.obligation"), &r.obligation);
        let channel = self.parse_enum(|| format!("{p}.channel"), &r.channel);
        Some(Reminder {
            date: date?,
            party: r.party,
            review: r.review,
            obligation: obligation?,
            channel: channel?,
            note: r.note,
        })
    }

    pub fn cluster_start(&mut self, i: usize, c: &RawClusterStart) -> Option<ClusterStart> {
        let p = Rec("cluster_starts", i);
        if !(2..=4).contains(&c.cluster) {
            self.err(
                format!("{p}.cluster"),
                format!(
                    "cluster {} is not 2 to 4 (cluster 1 starts with the groups)",
                    c.cluster
                ),
            );
        }
        self.group_ok(|| format!("{p}.group"), c.group);
        if !self.starts.insert((c.cluster, c.group)) {
            self.err(
                format!("{p}.group"),
                format!("group {} starts cluster {} twice", c.group, c.cluster),
            );
        }
        let start = self.date(|| format!("{p}.start"), &c.start)?;
        Some(ClusterStart {
            cluster: c.cluster.clamp(0, 4) as u32,
            group: c.group.clamp(0, i64::from(u32::MAX)) as u32,
            start,
        })
    }

    pub fn draw(&mut self, i: usize, d: &RawDraw) -> Option<DrawRecord> {
        let p = Rec("draws", i);
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
        self.group_ok(|| format!("{p}.group"), d.group);
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
            (_, Some(id)) => {
                self.review_ok(|| format!("{p}.review"), id);
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
        if let Some(code) = &d.requested_by {
            self.party_ok(|| format!("{p}.requested_by"), code);
        }
        let date = self.date(|| format!("{p}.date"), &d.date);
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
            self.party_ok(|| format!("{p}[{i}].under_review"), &x.under_review);
            for (j, c) in x.reviewers.iter().enumerate() {
                self.party_ok(|| format!("{p}[{i}].reviewers[{j}]"), c);
            }
        }
        raw.iter()
            .map(|x| Pairing {
                under_review: x.under_review.clone(),
                reviewers: x.reviewers.clone(),
            })
            .collect()
    }
}
