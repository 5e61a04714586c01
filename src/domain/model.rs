//! The records of the desk: parties, groups, people, reviews, extensions,
//! reminders. Plain data; rules live in sibling modules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Short text, kept inline: no heap allocation per party code or name.
pub type Text = compact_str::CompactString;

/// A review's reviewers, two inline (almost every review has exactly two):
/// one heap allocation fewer per review.
pub type Reviewers = smallvec::SmallVec<[Text; 2]>;

/// A review's languages, inline for all six (smallvec's `union` feature keeps
/// it the size of a `Vec`): never a heap allocation.
pub type Languages = smallvec::SmallVec<[Language; 16]>;

/// Error for a value outside an enumeration, naming what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {what} (expected one of: {expected})")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// Declares a closed enumeration with its canonical lower-case spelling,
/// used in the database, the interchange format and the command line alike.
macro_rules! spelled_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $( #[serde(rename = $text)] $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// How many values there are: the length of an array indexed by [`Self::index`].
            pub const COUNT: usize = Self::ALL.len();
            /// The value's place in [`Self::ALL`], for arrays of `[T; Self::COUNT]`.
            pub const fn index(self) -> usize {
                self as usize
            }
            pub const EXPECTED: &'static str = concat!($($text, " "),+);
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { what: $what, value: s.to_string(), expected: $name::EXPECTED.trim_end() }),
                }
            }
        }
    };
}
pub(crate) use spelled_enum;

spelled_enum!(
    /// A State or a regional economic integration organization (the EU).
    PartyKind, "party kind" { State => "state", Organization => "organization" });

spelled_enum!(
/// UN regional groups for electoral purposes.
Region, "regional group" {
    Afg => "AFG", Apg => "APG", Eeg => "EEG", Grulac => "GRULAC", Weog => "WEOG",
});

spelled_enum!(
    /// What a nominated person does in the Mechanism.
    Role, "role" { FocalPoint => "focal_point", Expert => "expert", Observer => "observer" });

spelled_enum!(Gender, "gender" { Female => "female", Male => "male", Other => "other" });

spelled_enum!(
/// The ministry a person belongs to.
Affiliation, "affiliation" {
    ForeignAffairs => "foreign_affairs", Justice => "justice", Interior => "interior", Other => "other",
});

spelled_enum!(
/// The six obligations of docs/deadlines.md#obligations, in the order a review meets them.
Obligation, "obligation" {
    FocalPoint => "focal_point", Experts => "experts", Saq => "saq",
    Feedback => "feedback", Observations => "observations", Phase => "phase",
});

spelled_enum!(
/// How the secretariat reached a party.
Channel, "channel" {
    Email => "email", NoteVerbale => "note_verbale", PermanentMission => "permanent_mission",
    FieldOffice => "field_office", Meeting => "meeting", Phone => "phone",
});

spelled_enum!(
    /// The six working languages of the Mechanism.
    Language, "language" { Ar => "ar", Zh => "zh", En => "en", Fr => "fr", Ru => "ru", Es => "es" });

spelled_enum!(
/// Stage of a review, derived from its milestones (docs/mechanism.md#stages-of-a-review).
Stage, "stage" {
    AwaitingNominations => "awaiting_nominations", AwaitingConsultation => "awaiting_consultation",
    Saq => "saq", Feedback => "feedback", Observations => "observations", Concluded => "concluded",
});

/// Who owes an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Debtor {
    /// Every party a started review names, once (not per review).
    EachParty,
    /// The party under review.
    UnderReview,
    /// Each reviewing party.
    Reviewers,
}

/// What meets an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meets {
    /// The party's first nomination of a person in this role.
    Nomination(Role),
    /// The review's milestone of that name.
    Milestone(Milestone),
    /// The review's conclusion: list of observations and summary both final.
    Conclusion,
}

impl Obligation {
    /// Who owes the obligation.
    pub fn owed_by(self) -> Debtor {
        match self {
            Obligation::FocalPoint | Obligation::Experts => Debtor::EachParty,
            Obligation::Saq | Obligation::Phase => Debtor::UnderReview,
            Obligation::Feedback | Obligation::Observations => Debtor::Reviewers,
        }
    }
    /// What meets the obligation.
    pub fn met_by(self) -> Meets {
        match self {
            Obligation::FocalPoint => Meets::Nomination(Role::FocalPoint),
            Obligation::Experts => Meets::Nomination(Role::Expert),
            Obligation::Saq => Meets::Milestone(Milestone::Saq),
            Obligation::Feedback => Meets::Milestone(Milestone::Feedback),
            Obligation::Observations | Obligation::Phase => Meets::Conclusion,
        }
    }
    /// Whether `party` owes the obligation in `review`.
    pub fn owed_in(self, review: &Review, party: &str) -> bool {
        match self.owed_by() {
            Debtor::EachParty => review.parties().any(|p| p == party),
            Debtor::UnderReview => review.under_review == party,
            Debtor::Reviewers => review.reviewers.iter().any(|p| p == party),
        }
    }
    /// Extensions apply to review obligations only, never to nominations.
    pub fn extendable(self) -> bool {
        !self.per_party()
    }
    /// Nomination obligations are owed per party, not per review.
    pub fn per_party(self) -> bool {
        self.owed_by() == Debtor::EachParty
    }
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::AwaitingNominations => "awaiting nominations",
            Stage::AwaitingConsultation => "awaiting consultation",
            Stage::Saq => "SAQ",
            Stage::Feedback => "written feedback",
            Stage::Observations => "lists of observations",
            Stage::Concluded => "concluded",
        }
    }
}

impl Obligation {
    pub fn label(self) -> &'static str {
        match self {
            Obligation::FocalPoint => "focal point",
            Obligation::Experts => "experts",
            Obligation::Saq => "SAQ",
            Obligation::Feedback => "feedback",
            Obligation::Observations => "observations",
            Obligation::Phase => "review phase",
        }
    }

    /// The label in a narrow column.
    pub fn short_label(self) -> &'static str {
        match self {
            Obligation::FocalPoint => "FP",
            Obligation::Experts => "exp.",
            Obligation::Saq => "SAQ",
            Obligation::Feedback => "feedb.",
            Obligation::Observations => "obs.",
            Obligation::Phase => "phase",
        }
    }
}

/// Dates on which a party became bound by the Convention and its Protocols.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instruments {
    pub convention: Option<NaiveDate>,
    pub tip: Option<NaiveDate>,
    pub som: Option<NaiveDate>,
    pub fa: Option<NaiveDate>,
}

/// One of the three Protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Tip,
    Som,
    Fa,
}

impl Protocol {
    pub const ALL: [Protocol; 3] = [Protocol::Tip, Protocol::Som, Protocol::Fa];
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tip => "TIP",
            Protocol::Som => "SOM",
            Protocol::Fa => "FA",
        }
    }
}

impl Instruments {
    pub fn date(&self, p: Protocol) -> Option<NaiveDate> {
        match p {
            Protocol::Tip => self.tip,
            Protocol::Som => self.som,
            Protocol::Fa => self.fa,
        }
    }
    /// Whether the party is bound by protocol `p` as at `as_of` (no date = not bound).
    pub fn bound_by(&self, p: Protocol, as_of: Option<NaiveDate>) -> bool {
        match (self.date(p), as_of) {
            (Some(d), Some(a)) => d <= a,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub number: u32,
    pub start: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub code: Text,
    pub name: Text,
    pub kind: PartyKind,
    pub regional_group: Option<Region>,
    /// Group used for pairing where the party has no UN regional group (the EU).
    pub pairs_as: Option<Region>,
    /// Review group, or `None` for a party that awaits assignment.
    pub group: Option<u32>,
    pub instruments: Instruments,
}

impl Party {
    /// The regional group the drawing of lots uses for this party.
    pub fn pairing_region(&self) -> Option<Region> {
        self.pairs_as.or(self.regional_group)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub party: Text,
    pub role: Role,
    pub name: Text,
    /// Rarely read, usually absent (screens load without it): boxed, to keep a person small.
    pub email: Option<Box<str>>,
    /// Rarely read, usually absent (screens load without it): boxed, to keep a person small.
    pub phone: Option<Box<str>>,
    pub gender: Option<Gender>,
    pub affiliation: Option<Affiliation>,
    pub nominated: NaiveDate,
    pub ended: Option<NaiveDate>,
}

/// A nomination in force on `as_of`: made on or before it and not ended
/// by then (on the day of a substitution only the new one counts).
pub fn in_force(nominated: NaiveDate, ended: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    nominated <= as_of && ended.is_none_or(|e| e > as_of)
}

impl Person {
    /// Nominated on or before `as_of` and not ended by then.
    pub fn current(&self, as_of: NaiveDate) -> bool {
        in_force(self.nominated, self.ended, as_of)
    }
}

/// Dated milestones of a review; each answers the one before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Milestones {
    pub consultation_held: Option<NaiveDate>,
    pub saq_submitted: Option<NaiveDate>,
    pub feedback_submitted: Option<NaiveDate>,
    pub observations_finalized: Option<NaiveDate>,
    pub summary_finalized: Option<NaiveDate>,
}

impl Milestones {
    /// The milestones as they stood on `as_of`: later dates do not exist yet.
    pub fn as_at(&self, as_of: NaiveDate) -> Milestones {
        let f = |d: Option<NaiveDate>| d.filter(|d| *d <= as_of);
        Milestones {
            consultation_held: f(self.consultation_held),
            saq_submitted: f(self.saq_submitted),
            feedback_submitted: f(self.feedback_submitted),
            observations_finalized: f(self.observations_finalized),
            summary_finalized: f(self.summary_finalized),
        }
    }
    /// The day both the list of observations and its summary were final.
    pub fn concluded(&self) -> Option<NaiveDate> {
        match (self.observations_finalized, self.summary_finalized) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        }
    }
    /// Fields in answering order, with their interchange names.
    pub fn named(&self) -> [(&'static str, Option<NaiveDate>); Milestone::COUNT] {
        let mut out = [("", None); Milestone::COUNT];
        for &m in Milestone::ALL {
            out[m.index()] = (m.field(), self.get(m));
        }
        out
    }
    /// The first milestone in answering order not yet recorded.
    pub fn first_missing(&self) -> Option<Milestone> {
        Milestone::ALL
            .iter()
            .copied()
            .find(|&m| self.get(m).is_none())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: i64,
    pub group: u32,
    pub cluster: u32,
    pub under_review: Text,
    /// The same-region reviewer first; extra Protocol reviewers after the two.
    pub reviewers: Reviewers,
    /// Own start date (a late party, a redraw); `None` means the group's.
    pub start: Option<NaiveDate>,
    pub redraws: u32,
    pub languages: Languages,
    pub milestones: Milestones,
}

impl Review {
    /// Every party of the review: the one under review, then its reviewers.
    pub fn parties(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.under_review.as_str()).chain(self.reviewers.iter().map(Text::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub review: i64,
    pub obligation: Obligation,
    pub due: NaiveDate,
    pub reason: String,
    pub agreed: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub date: NaiveDate,
    pub party: Text,
    pub review: Option<i64>,
    pub obligation: Obligation,
    pub channel: Channel,
    pub note: String,
}

/// The whole desk in memory: what the engine and the statistics read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Desk {
    pub groups: Vec<Group>,
    pub parties: Vec<Party>,
    pub people: Vec<Person>,
    pub reviews: Vec<Review>,
    pub extensions: Vec<Extension>,
    pub reminders: Vec<Reminder>,
}

impl Desk {
    pub fn group_start(&self, number: u32) -> Option<NaiveDate> {
        self.groups
            .iter()
            .find(|g| g.number == number)
            .map(|g| g.start)
    }
    /// A review's start: its own date, else its group's.
    pub fn review_start(&self, r: &Review) -> Option<NaiveDate> {
        r.start.or_else(|| self.group_start(r.group))
    }
    pub fn party(&self, code: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.code == code)
    }
}

/// Whether a draw paired a whole group or repeated one review's draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrawKind {
    Group,
    Redraw,
}

impl DrawKind {
    pub const ALL: &'static [DrawKind] = &[DrawKind::Group, DrawKind::Redraw];
    pub fn as_str(self) -> &'static str {
        match self {
            DrawKind::Group => "group",
            DrawKind::Redraw => "redraw",
        }
    }
}

/// One drawing of lots, kept so the secretariat can show the draw was fair
/// (rule f): seed, rules in force, who asked, and the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawRecord {
    pub kind: DrawKind,
    pub group: u32,
    pub cluster: u32,
    /// The review redrawn; `None` for a whole-group draw.
    pub review: Option<i64>,
    pub seed: u64,
    /// The rules in force, as JSON (cap per group, reviewer limit).
    pub rules: String,
    /// Party code that asked for a redraw.
    pub requested_by: Option<String>,
    /// When it was drawn (RFC 3339, UTC).
    pub at: String,
    pub os_user: String,
    /// Pairings before and after, as JSON arrays of {under_review, reviewers}.
    pub before: String,
    pub after: String,
}

spelled_enum!(
/// A dated milestone of a review, as the command line names it.
Milestone, "milestone" {
    Consultation => "consultation", Saq => "saq", Feedback => "feedback",
    Observations => "observations", Summary => "summary",
});

impl Milestone {
    /// The interchange and column name of the milestone's date.
    pub fn field(self) -> &'static str {
        match self {
            Milestone::Consultation => "consultation_held",
            Milestone::Saq => "saq_submitted",
            Milestone::Feedback => "feedback_submitted",
            Milestone::Observations => "observations_finalized",
            Milestone::Summary => "summary_finalized",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Milestone::Consultation => "preliminary consultation held",
            Milestone::Saq => "SAQ submitted",
            Milestone::Feedback => "written feedback submitted",
            Milestone::Observations => "list of observations finalized",
            Milestone::Summary => "summary finalized",
        }
    }
}

impl Milestones {
    pub fn get(&self, m: Milestone) -> Option<NaiveDate> {
        match m {
            Milestone::Consultation => self.consultation_held,
            Milestone::Saq => self.saq_submitted,
            Milestone::Feedback => self.feedback_submitted,
            Milestone::Observations => self.observations_finalized,
            Milestone::Summary => self.summary_finalized,
        }
    }
    pub fn set(&mut self, m: Milestone, d: Option<NaiveDate>) {
        let slot = match m {
            Milestone::Consultation => &mut self.consultation_held,
            Milestone::Saq => &mut self.saq_submitted,
            Milestone::Feedback => &mut self.feedback_submitted,
            Milestone::Observations => &mut self.observations_finalized,
            Milestone::Summary => &mut self.summary_finalized,
        };
        *slot = d;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_owes_what_and_what_meets_it() {
        let review = Review {
            id: 1,
            group: 1,
            cluster: 1,
            under_review: "AUT".into(),
            reviewers: ["FRA".into(), "KEN".into()].into_iter().collect(),
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: Milestones::default(),
        };
        let owes = |o: Obligation, p: &str| o.owed_in(&review, p);
        assert!(owes(Obligation::Saq, "AUT") && !owes(Obligation::Saq, "FRA"));
        assert!(owes(Obligation::Phase, "AUT") && !owes(Obligation::Phase, "KEN"));
        assert!(owes(Obligation::Feedback, "KEN") && !owes(Obligation::Feedback, "AUT"));
        assert!(owes(Obligation::Observations, "FRA"));
        assert!(owes(Obligation::FocalPoint, "AUT") && owes(Obligation::Experts, "KEN"));
        assert!(!owes(Obligation::Experts, "NGA"));
        assert_eq!(
            Obligation::FocalPoint.met_by(),
            Meets::Nomination(Role::FocalPoint)
        );
        assert_eq!(
            Obligation::Experts.met_by(),
            Meets::Nomination(Role::Expert)
        );
        assert_eq!(Obligation::Saq.met_by(), Meets::Milestone(Milestone::Saq));
        assert_eq!(Obligation::Phase.met_by(), Meets::Conclusion);
        let per_party: Vec<_> = Obligation::ALL.iter().filter(|o| o.per_party()).collect();
        assert_eq!(per_party, [&Obligation::FocalPoint, &Obligation::Experts]);
    }

    #[test]
    fn milestones_by_name_and_first_missing() {
        let mut m = Milestones::default();
        assert_eq!(m.first_missing(), Some(Milestone::Consultation));
        let d = NaiveDate::from_ymd_opt(2024, 1, 31);
        m.set(Milestone::Consultation, d);
        m.set(Milestone::Saq, d);
        assert_eq!(m.first_missing(), Some(Milestone::Feedback));
        assert_eq!(m.named()[1], ("saq_submitted", d));
        assert_eq!(m.named()[4], ("summary_finalized", None));
    }

    #[test]
    fn person_stays_small() {
        // Every person is kept in memory: e-mail and phone as
        // `Option<Box<str>>` keep a person within this bound (PERFORMANCE.md).
        let size = std::mem::size_of::<Person>();
        assert!(size <= 104, "Person is {size} bytes");
    }
}
