//! The deadline engine (docs/deadlines.md): every obligation of every
//! review, who owes it, when it is due, and where it stands as at a date.
//!
//! "As at" means the desk as it stood on that day: reviews that start later,
//! nominations, milestones, extensions and reminders dated later do not exist.

use super::hash::{FxMap, fx_map};
use super::model::{Debtor, Desk, Meets, Milestones, Obligation, Review, Role};
use super::periods::{days_between, months_end, weeks_end};
use super::roster::People;
use chrono::{NaiveDate, TimeDelta};

/// Engine settings that a secretariat may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Days before the due date from which an obligation shows as due soon.
    pub due_soon_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { due_soon_days: 14 }
    }
}

/// Where an obligation stands on the as-at date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    MetOnTime,
    MetLate { days: i64 },
    Upcoming { days: i64 },
    DueSoon { days: i64 },
    DueToday,
    Overdue { days: i64 },
}

impl Status {
    pub fn is_met(self) -> bool {
        matches!(self, Status::MetOnTime | Status::MetLate { .. })
    }
    pub fn days_overdue(self) -> Option<i64> {
        match self {
            Status::Overdue { days } => Some(days),
            _ => None,
        }
    }
    /// Short text for tables: "overdue 12d", "in 5 days", "met late 3d".
    pub fn describe(self) -> String {
        match self {
            Status::MetOnTime => "met on time".into(),
            Status::MetLate { days } => format!("met {days} d late"),
            Status::Upcoming { days } | Status::DueSoon { days } => {
                format!("in {days} day{}", if days == 1 { "" } else { "s" })
            }
            Status::DueToday => "due today".into(),
            Status::Overdue { days } => format!("{days} d overdue"),
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Status::MetOnTime => "met_on_time",
            Status::MetLate { .. } => "met_late",
            Status::Upcoming { .. } => "upcoming",
            Status::DueSoon { .. } => "due_soon",
            Status::DueToday => "due_today",
            Status::Overdue { .. } => "overdue",
        }
    }
}

/// One obligation owed by one party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `None` for nominations, which a party owes once for all its reviews.
    pub review: Option<i64>,
    pub party: String,
    pub obligation: Obligation,
    /// Due date in force (after any agreed extension).
    pub due: NaiveDate,
    /// Due date before an extension replaced it.
    pub original_due: Option<NaiveDate>,
    pub met: Option<NaiveDate>,
    pub status: Status,
}

/// Status of an obligation due on `due`, met on `met`, seen on `as_of`.
pub fn status(due: NaiveDate, met: Option<NaiveDate>, as_of: NaiveDate, s: Settings) -> Status {
    if let Some(m) = met {
        let late = days_between(due, m);
        return if late > 0 {
            Status::MetLate { days: late }
        } else {
            Status::MetOnTime
        };
    }
    let left = days_between(as_of, due);
    if left < 0 {
        Status::Overdue { days: -left }
    } else if left == 0 {
        Status::DueToday
    } else if left <= s.due_soon_days {
        Status::DueSoon { days: left }
    } else {
        Status::Upcoming { days: left }
    }
}

/// Reviews that exist on `as_of`: those whose start is known and not later.
pub fn started_reviews(
    desk: &Desk,
    as_of: NaiveDate,
) -> impl Iterator<Item = (&Review, NaiveDate)> {
    desk.reviews.iter().filter_map(move |r| {
        let start = desk.review_start(r)?;
        (start <= as_of).then_some((r, start))
    })
}

/// Numbers for party codes: a party's index in `desk.parties` (the first,
/// should a code repeat), and numbers after those for codes only other
/// records name (never in a store: its foreign keys forbid them). Each
/// code is hashed once per record that names it; the rest of a
/// computation indexes vectors by number.
pub(crate) struct Numbers<'a> {
    index: FxMap<&'a str, u32>,
    pub(crate) codes: Vec<&'a str>,
}

impl<'a> Numbers<'a> {
    pub(crate) fn new(desk: &'a Desk) -> Numbers<'a> {
        let mut index: FxMap<&str, u32> = fx_map(desk.parties.len());
        let mut codes: Vec<&str> = Vec::with_capacity(desk.parties.len());
        for p in &desk.parties {
            index.entry(p.code.as_str()).or_insert(codes.len() as u32);
            codes.push(p.code.as_str());
        }
        Numbers { index, codes }
    }

    /// The number of `code`, giving it one if it has none yet.
    pub(crate) fn number(&mut self, code: &'a str) -> u32 {
        let codes = &mut self.codes;
        *self.index.entry(code).or_insert_with(|| {
            codes.push(code);
            (codes.len() - 1) as u32
        })
    }

    pub(crate) fn get(&self, code: &str) -> Option<u32> {
        self.index.get(code).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.codes.len()
    }
}

/// What every obligation is computed from, gathered once. Each party code
/// is looked up once per record that names it and numbered (its index in
/// `desk.parties`; codes only a review names get numbers after those);
/// everything after works on numbers.
struct Ledger<'a> {
    desk: &'a Desk,
    as_of: NaiveDate,
    settings: Settings,
    /// Parties owing nominations, by code: number and first review start.
    starts: Vec<(u32, NaiveDate)>,
    /// Codes by number.
    codes: Vec<&'a str>,
    /// First nomination in each role, by number.
    nominated: Vec<[Option<NaiveDate>; Role::COUNT]>,
    /// Reviews that exist on the date: index in `desk.reviews`, start.
    started: Vec<(usize, NaiveDate)>,
    /// Their parties' numbers, one run per started review: the party
    /// under review, then the reviewers.
    numbers: Vec<u32>,
    /// (review id, obligation) → (agreed, due) of the extension in force.
    extended: FxMap<(i64, Obligation), (NaiveDate, NaiveDate)>,
}

impl<'a> Ledger<'a> {
    fn new(
        desk: &'a Desk,
        people: &(impl People + ?Sized),
        as_of: NaiveDate,
        settings: Settings,
    ) -> Ledger<'a> {
        let mut numbers_of = Numbers::new(desk);
        // Each party's first review start.
        let mut first: Vec<Option<NaiveDate>> = vec![None; numbers_of.len()];
        let mut started = Vec::with_capacity(desk.reviews.len());
        let mut numbers = Vec::with_capacity(desk.reviews.len() * 3);
        for (i, r) in desk.reviews.iter().enumerate() {
            let Some(start) = desk.review_start(r).filter(|s| *s <= as_of) else {
                continue;
            };
            started.push((i, start));
            for code in r.parties() {
                let n = numbers_of.number(code);
                if n as usize >= first.len() {
                    first.push(None);
                }
                numbers.push(n);
                let f = &mut first[n as usize];
                *f = Some(f.map_or(start, |d| d.min(start)));
            }
        }
        let mut starts: Vec<(u32, NaiveDate)> = first
            .iter()
            .enumerate()
            .filter_map(|(n, d)| Some((n as u32, (*d)?)))
            .collect();
        // In code order (a store's parties already are: one pass).
        let codes = &numbers_of.codes;
        starts.sort_unstable_by(|a, b| codes[a.0 as usize].cmp(codes[b.0 as usize]));
        // First nominations, for the parties that owe them: a person of a
        // party no started review names is never asked about.
        let mut nominated: Vec<[Option<NaiveDate>; Role::COUNT]> =
            vec![[None; Role::COUNT]; codes.len()];
        for p in people.facts().filter(|p| p.nominated <= as_of) {
            if let Some(n) = numbers_of.get(p.party) {
                let slot = &mut nominated[n as usize][p.role.index()];
                *slot = Some(slot.map_or(p.nominated, |d| d.min(p.nominated)));
            }
        }
        // Extensions in force: the latest agreed on or before as_of wins
        // (the greatest (agreed, due), whatever the order recorded).
        let mut extended: FxMap<(i64, Obligation), (NaiveDate, NaiveDate)> =
            fx_map(desk.extensions.len());
        for e in desk.extensions.iter().filter(|e| e.agreed <= as_of) {
            let slot = extended
                .entry((e.review, e.obligation))
                .or_insert((e.agreed, e.due));
            if (e.agreed, e.due) >= *slot {
                *slot = (e.agreed, e.due);
            }
        }
        Ledger {
            desk,
            as_of,
            settings,
            starts,
            codes: numbers_of.codes,
            nominated,
            started,
            numbers,
            extended,
        }
    }

    /// The [`Item`] of an entry from [`each`](Ledger::each).
    fn item(&self, e: &Entry) -> Item {
        Item {
            review: e.review().map(|i| self.desk.reviews[i as usize].id),
            party: self.codes[e.party as usize].to_string(),
            obligation: e.obligation(),
            due: e.due(),
            original_due: e.original_due(),
            met: e.met(),
            status: e.status(),
        }
    }

    /// How many obligations [`each`](Ledger::each) yields.
    fn len(&self) -> usize {
        let per_review: usize = self
            .started
            .iter()
            .map(|&(i, _)| {
                let r = &self.desk.reviews[i];
                let saq = r.milestones.as_at(self.as_of).saq_submitted.is_some();
                2 + r.reviewers.len() * if saq { 2 } else { 1 }
            })
            .sum();
        2 * self.starts.len() + per_review
    }

    /// Every obligation as at the date, in the engine's stable order:
    /// nominations by party code, then each started review's in desk order;
    /// `party` is the party's number here (see [`Ledger::item`]).
    fn each(&self, mut f: impl FnMut(Entry)) {
        let (as_of, s) = (self.as_of, self.settings);
        for &(number, start) in &self.starts {
            for &obligation in Obligation::ALL {
                let (Some(due), Meets::Nomination(role)) =
                    (nomination_due(obligation, start), obligation.met_by())
                else {
                    continue;
                };
                let met = self.nominated[number as usize][role.index()];
                f(Entry::new(
                    None,
                    number,
                    obligation,
                    due,
                    None,
                    met,
                    status(due, met, as_of, s),
                ));
            }
        }
        let mut at = 0;
        for &(i, start) in &self.started {
            let r = &self.desk.reviews[i];
            let numbers = &self.numbers[at..at + 1 + r.reviewers.len()];
            at += numbers.len();
            let m = r.milestones.as_at(as_of);
            let mut push = |number: u32, obligation, base: NaiveDate, met| {
                let (due, original_due) = match self.extended.get(&(r.id, obligation)) {
                    Some(&(_, d)) => (d, Some(base)),
                    None => (base, None),
                };
                f(Entry::new(
                    Some(i as u32),
                    number,
                    obligation,
                    due,
                    original_due,
                    met,
                    status(due, met, as_of, s),
                ));
            };
            for &obligation in Obligation::ALL {
                let Some(due) = review_due(obligation, start, &m) else {
                    continue;
                };
                let met = match obligation.met_by() {
                    Meets::Milestone(ms) => m.get(ms),
                    Meets::Conclusion => m.concluded(),
                    Meets::Nomination(_) => continue,
                };
                let owing = match obligation.owed_by() {
                    Debtor::UnderReview => &numbers[..1],
                    Debtor::Reviewers => &numbers[1..],
                    Debtor::EachParty => continue,
                };
                for &n in owing {
                    push(n, obligation, due, met);
                }
            }
        }
    }
}

/// When a nomination obligation falls due for a party whose first review
/// started on `start`; `None` for an obligation owed in a review.
fn nomination_due(o: Obligation, start: NaiveDate) -> Option<NaiveDate> {
    match o {
        Obligation::FocalPoint => Some(weeks_end(start, 2)),
        Obligation::Experts => Some(weeks_end(start, 4)),
        Obligation::Saq | Obligation::Feedback | Obligation::Observations | Obligation::Phase => {
            None
        }
    }
}

/// When a review's obligation falls due (before any extension); `None` for
/// a nomination, and for feedback before the SAQ it answers.
fn review_due(o: Obligation, start: NaiveDate, m: &Milestones) -> Option<NaiveDate> {
    match o {
        Obligation::FocalPoint | Obligation::Experts => None,
        Obligation::Saq => Some(months_end(start, 6)),
        Obligation::Feedback => m.saq_submitted.map(|saq| months_end(saq, 6)),
        Obligation::Observations => Some(months_end(start, 18)),
        Obligation::Phase => Some(months_end(start, 24)),
    }
}

/// Computes every obligation as at `as_of`, in a stable order.
pub fn obligations(desk: &Desk, as_of: NaiveDate, s: Settings) -> Vec<Item> {
    let ledger = Ledger::new(desk, desk.people.as_slice(), as_of, s);
    let mut items = Vec::with_capacity(ledger.len());
    ledger.each(|e| items.push(ledger.item(&e)));
    items
}

/// One obligation by index: what [`obligations`] computes, for a caller
/// that keeps every obligation in memory: a few words and no allocation,
/// where an [`Item`] carries its party code (sizes in PERFORMANCE.md).
///
/// The met date, the original due date and the status's days are kept as
/// days from the due date (or the status's days themselves), each a
/// signed 29-bit number beside three bits of the status's variant or of
/// the obligation. Two dates chrono can hold are fewer than 2^28 days
/// apart (checked at compile time), so every value is exact, whatever the
/// dates: a met date 150 years after the due date reads back as it was.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Index into `desk.reviews`, or [`Entry::NO_REVIEW`] for nominations
    /// (a sentinel, not an `Option`, to keep an entry small).
    review: u32,
    /// Index into `desk.parties` of the party owing it, or
    /// [`Entry::NO_PARTY`] for a code that is not a party of the desk.
    pub party: u32,
    /// Due date in force; private, as the other dates are days from it.
    due: NaiveDate,
    /// The status's variant in the low three bits; above them, met − due
    /// in days for a met obligation (so `MetLate`'s days when positive),
    /// the status's days otherwise (0 for `DueToday`).
    state: u32,
    /// The obligation in the low three bits; above them, original due −
    /// due in days, or [`Entry::NOT_EXTENDED`].
    extended: u32,
}

/// Days between the earliest and the latest date chrono can hold (about
/// 191 million): fewer than 2^28, so the difference of any two dates is a
/// signed 29-bit number and -2^28 is none.
const _: () = assert!(
    NaiveDate::MAX
        .signed_duration_since(NaiveDate::MIN)
        .num_days()
        < 1 << 28
);

/// An entry keeps its obligation in three bits.
const _: () = assert!(Obligation::COUNT <= 8);

impl Entry {
    /// The party of an obligation owed by a code the desk does not know
    /// (a store never holds one: its foreign keys forbid it).
    pub const NO_PARTY: u32 = u32::MAX;
    const NO_REVIEW: u32 = u32::MAX;
    /// No extension: a number no two dates are apart by.
    const NOT_EXTENDED: i64 = -(1 << 28);

    /// Index into `desk.reviews`; `None` for nominations.
    pub fn review(&self) -> Option<u32> {
        (self.review != Entry::NO_REVIEW).then_some(self.review)
    }

    pub fn obligation(&self) -> Obligation {
        Obligation::ALL[(self.extended & 7) as usize]
    }

    /// Due date in force (after any agreed extension).
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// Due date before an extension replaced it.
    pub fn original_due(&self) -> Option<NaiveDate> {
        let days = Entry::high(self.extended);
        (days != Entry::NOT_EXTENDED).then(|| self.due + TimeDelta::days(days))
    }

    pub fn met(&self) -> Option<NaiveDate> {
        // Variants 0 and 1 are the met ones.
        (self.state & 7 <= 1).then(|| self.due + TimeDelta::days(Entry::high(self.state)))
    }

    fn new(
        review: Option<u32>,
        party: u32,
        obligation: Obligation,
        due: NaiveDate,
        original_due: Option<NaiveDate>,
        met: Option<NaiveDate>,
        status: Status,
    ) -> Entry {
        let (kind, days) = match status {
            Status::MetOnTime => (0, 0),
            Status::MetLate { days } => (1, days),
            Status::Upcoming { days } => (2, days),
            Status::DueSoon { days } => (3, days),
            Status::DueToday => (4, 0),
            Status::Overdue { days } => (5, days),
        };
        // A met obligation's status is its met date's (see `status`).
        debug_assert_eq!(met.is_some(), kind <= 1);
        let e = Entry {
            review: review.unwrap_or(Entry::NO_REVIEW),
            party,
            due,
            state: Entry::pack(kind, met.map_or(days, |m| days_between(due, m))),
            extended: Entry::pack(
                obligation as u8,
                original_due.map_or(Entry::NOT_EXTENDED, |o| days_between(due, o)),
            ),
        };
        debug_assert_eq!(
            (e.obligation(), e.original_due(), e.met(), e.status()),
            (obligation, original_due, met, status)
        );
        e
    }

    pub fn status(&self) -> Status {
        let days = Entry::high(self.state);
        match self.state & 7 {
            0 => Status::MetOnTime,
            1 => Status::MetLate { days },
            2 => Status::Upcoming { days },
            3 => Status::DueSoon { days },
            4 => Status::DueToday,
            _ => Status::Overdue { days },
        }
    }

    /// Three bits, and a signed 29-bit number above them: days between two
    /// dates chrono can hold, or [`Entry::NOT_EXTENDED`].
    fn pack(low: u8, days: i64) -> u32 {
        debug_assert!(low < 8 && (-(1 << 28)..1 << 28).contains(&days));
        ((days as i32 as u32) << 3) | u32::from(low)
    }

    /// The number [`Entry::pack`] put above the three bits.
    fn high(word: u32) -> i64 {
        i64::from((word as i32) >> 3)
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("review", &self.review())
            .field("party", &self.party)
            .field("obligation", &self.obligation())
            .field("due", &self.due)
            .field("original_due", &self.original_due())
            .field("met", &self.met())
            .field("status", &self.status())
            .finish()
    }
}

/// Every obligation as at `as_of` by index ([`Entry`]): the same
/// obligations as [`obligations`], in the same order.
pub fn entries(desk: &Desk, as_of: NaiveDate, s: Settings) -> Vec<Entry> {
    entries_with(desk, desk.people.as_slice(), as_of, s)
}

/// [`entries`] with the people given apart from the desk (a screen keeps
/// them as a [`Roster`](super::roster::Roster)).
pub fn entries_with(
    desk: &Desk,
    people: &(impl People + ?Sized),
    as_of: NaiveDate,
    s: Settings,
) -> Vec<Entry> {
    let parties = desk.parties.len();
    let ledger = Ledger::new(desk, people, as_of, s);
    let mut out = Vec::with_capacity(ledger.len());
    ledger.each(|mut e| {
        if e.party as usize >= parties {
            e.party = Entry::NO_PARTY;
        }
        out.push(e)
    });
    out
}

/// Overdue items, most overdue first, then party, review, obligation.
pub fn overdue(desk: &Desk, as_of: NaiveDate, s: Settings) -> Vec<Item> {
    let ledger = Ledger::new(desk, desk.people.as_slice(), as_of, s);
    // Compact until sorted: only the overdue ones become `Item`s.
    let mut owed: Vec<Entry> = Vec::new();
    ledger.each(|e| {
        if e.status().days_overdue().is_some() {
            owed.push(e)
        }
    });
    let rank = ledger.code_ranks();
    let obl = obligation_rank();
    owed.sort_by_cached_key(|e| -> TriageKey {
        (
            e.due(),
            rank[e.party as usize],
            e.review().map(|i| desk.reviews[i as usize].id),
            obl[e.obligation().index()],
        )
    });
    owed.iter().map(|e| ledger.item(e)).collect()
}

/// The obligations of [`obligations`] that a filter kept, held as
/// [`Entry`]s (in the same order) and made into [`Item`]s again one at a
/// time: a file listing every obligation holds 20 bytes for each, not an
/// `Item` with its party code.
pub struct Kept<'a> {
    ledger: Ledger<'a>,
    pub entries: Vec<Entry>,
}

/// Every obligation as at `as_of` that `keep` keeps (see [`Kept`]).
pub fn kept(
    desk: &Desk,
    as_of: NaiveDate,
    s: Settings,
    keep: impl FnMut(&Item) -> bool,
) -> Kept<'_> {
    kept_with(desk, desk.people.as_slice(), as_of, s, keep)
}

/// [`kept`] with the people given apart from the desk (a
/// [`Roster`](super::roster::Roster)).
pub fn kept_with<'a>(
    desk: &'a Desk,
    people: &(impl People + ?Sized),
    as_of: NaiveDate,
    s: Settings,
    mut keep: impl FnMut(&Item) -> bool,
) -> Kept<'a> {
    let ledger = Ledger::new(desk, people, as_of, s);
    let mut entries = Vec::new();
    ledger.each(|e| {
        if keep(&ledger.item(&e)) {
            entries.push(e)
        }
    });
    Kept { ledger, entries }
}

impl Kept<'_> {
    /// The obligation an entry stands for.
    pub fn item(&self, e: &Entry) -> Item {
        self.ledger.item(e)
    }

    /// The order of [`sort_for_triage`]: due date, party code, review id,
    /// obligation name. Stable.
    pub fn sort_for_triage(&mut self) {
        let rank = self.ledger.code_ranks();
        let obl = obligation_rank();
        let reviews = &self.ledger.desk.reviews;
        self.entries.sort_by_cached_key(|e| -> TriageKey {
            (
                e.due(),
                rank[e.party as usize],
                e.review().map(|i| reviews[i as usize].id),
                obl[e.obligation().index()],
            )
        });
    }
}

impl Ledger<'_> {
    /// Each party number's rank in code order.
    fn code_ranks(&self) -> Vec<u32> {
        let mut by_code: Vec<u32> = (0..self.codes.len() as u32).collect();
        by_code.sort_unstable_by(|&a, &b| self.codes[a as usize].cmp(self.codes[b as usize]));
        let mut rank = vec![0u32; self.codes.len()];
        for (r, n) in by_code.into_iter().enumerate() {
            rank[n as usize] = r as u32;
        }
        rank
    }
}

/// Rank of each obligation in triage order (its name, alphabetically).
pub fn obligation_rank() -> [u8; Obligation::COUNT] {
    let mut names: Vec<Obligation> = Obligation::ALL.to_vec();
    names.sort_by_key(|o| o.as_str());
    let mut rank = [0u8; Obligation::COUNT];
    for (i, o) in names.into_iter().enumerate() {
        rank[o.index()] = i as u8;
    }
    rank
}

/// Triage key: due date, party code's rank, review id, obligation name's
/// rank.
pub type TriageKey = (NaiveDate, u32, Option<i64>, u8);

/// Triage order: most overdue first (then due today, soonest due), then
/// party, review (nominations first), obligation name. Stable.
pub fn sort_for_triage(items: &mut [Item]) {
    let mut codes: Vec<String> = items.iter().map(|i| i.party.to_string()).collect();
    codes.sort_unstable();
    codes.dedup();
    let obl = obligation_rank();
    // A stable sort on keys computed once per item.
    items.sort_by_cached_key(|it| -> TriageKey {
        let rank = codes.binary_search(&it.party).unwrap_or(0) as u32;
        (it.due, rank, it.review, obl[it.obligation.index()])
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use std::collections::BTreeMap;
    use std::collections::HashMap;

    type Fields = (
        Obligation,
        NaiveDate,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Status,
    );

    /// What an item and an entry must agree on.
    fn item_fields(it: &Item) -> Fields {
        (it.obligation, it.due, it.original_due, it.met, it.status)
    }
    fn entry_fields(e: &Entry) -> Fields {
        (
            e.obligation(),
            e.due(),
            e.original_due(),
            e.met(),
            e.status(),
        )
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(code: &str, region: Region) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: Some(region),
            pairs_as: None,
            group: Some(1),
            instruments: Instruments::default(),
        }
    }

    fn person(id: i64, party: &str, role: Role, nominated: &str, ended: Option<&str>) -> Person {
        Person {
            id,
            party: party.into(),
            role,
            name: format!("P{id}").into(),
            email: None,
            phone: None,
            gender: None,
            affiliation: None,
            nominated: d(nominated),
            ended: ended.map(d),
        }
    }

    fn desk() -> Desk {
        Desk {
            groups: vec![
                Group {
                    number: 1,
                    start: d("2020-12-01"),
                },
                Group {
                    number: 2,
                    start: d("2021-11-01"),
                },
            ],
            parties: vec![
                party("AUT", Region::Weog),
                party("FRA", Region::Weog),
                party("KEN", Region::Afg),
                party("NGA", Region::Afg),
            ],
            people: vec![
                person(1, "AUT", Role::FocalPoint, "2020-12-10", None),
                person(2, "FRA", Role::FocalPoint, "2020-12-20", Some("2022-01-01")),
                person(3, "AUT", Role::Expert, "2021-01-05", None),
            ],
            reviews: vec![
                Review {
                    id: 1,
                    group: 1,
                    cluster: 1,
                    under_review: "AUT".into(),
                    reviewers: smallvec::smallvec!["FRA".into(), "KEN".into()],
                    start: None,
                    redraws: 0,
                    languages: smallvec::smallvec![Language::En],
                    milestones: Milestones {
                        consultation_held: Some(d("2021-02-01")),
                        saq_submitted: Some(d("2021-08-31")),
                        ..Default::default()
                    },
                },
                Review {
                    id: 2,
                    group: 2,
                    cluster: 1,
                    under_review: "NGA".into(),
                    reviewers: smallvec::smallvec!["KEN".into(), "FRA".into()],
                    start: None,
                    redraws: 0,
                    languages: Languages::new(),
                    milestones: Milestones::default(),
                },
            ],
            extensions: vec![],
            reminders: vec![],
        }
    }

    fn find<'a>(
        items: &'a [Item],
        party: &str,
        o: Obligation,
        review: Option<i64>,
    ) -> Option<&'a Item> {
        items
            .iter()
            .find(|i| i.party == party && i.obligation == o && i.review == review)
    }

    #[test]
    fn statuses_by_day() {
        let s = Settings::default();
        let due = d("2021-05-31");
        assert_eq!(
            status(due, None, d("2021-06-01"), s),
            Status::Overdue { days: 1 }
        );
        assert_eq!(status(due, None, due, s), Status::DueToday);
        assert_eq!(
            status(due, None, d("2021-05-17"), s),
            Status::DueSoon { days: 14 }
        );
        assert_eq!(
            status(due, None, d("2021-05-16"), s),
            Status::Upcoming { days: 15 }
        );
        assert_eq!(
            status(due, Some(due), d("2022-01-01"), s),
            Status::MetOnTime
        );
        assert_eq!(
            status(due, Some(d("2021-06-03")), d("2022-01-01"), s),
            Status::MetLate { days: 3 }
        );
        let wide = Settings { due_soon_days: 30 };
        assert_eq!(
            status(due, None, d("2021-05-01"), wide),
            Status::DueSoon { days: 30 }
        );
    }

    #[test]
    fn nominations_count_from_first_review_start() {
        let items = obligations(&desk(), d("2022-06-01"), Settings::default());
        // FRA takes part in both groups: counted from group 1's start.
        let fra = find(&items, "FRA", Obligation::FocalPoint, None).unwrap();
        assert_eq!(fra.due, d("2020-12-14"));
        assert_eq!(fra.status, Status::MetLate { days: 6 });
        // NGA only in group 2.
        let nga = find(&items, "NGA", Obligation::Experts, None).unwrap();
        assert_eq!(nga.due, d("2021-11-28"));
        assert_eq!(nga.status, Status::Overdue { days: 185 });
        let aut = find(&items, "AUT", Obligation::Experts, None).unwrap();
        assert_eq!(aut.status, Status::MetLate { days: 8 });
        // An ended focal point still met the obligation.
        let items = obligations(&desk(), d("2023-01-01"), Settings::default());
        assert!(
            find(&items, "FRA", Obligation::FocalPoint, None)
                .unwrap()
                .status
                .is_met()
        );
    }

    #[test]
    fn review_obligations() {
        let items = obligations(&desk(), d("2022-03-01"), Settings::default());
        let saq = find(&items, "AUT", Obligation::Saq, Some(1)).unwrap();
        assert_eq!(saq.due, d("2021-05-31"));
        assert_eq!(saq.status, Status::MetLate { days: 92 });
        // Feedback per reviewer, from the SAQ date, month-end rule.
        for rev in ["FRA", "KEN"] {
            let f = find(&items, rev, Obligation::Feedback, Some(1)).unwrap();
            assert_eq!(f.due, d("2022-02-28"));
            assert_eq!(f.status, Status::Overdue { days: 1 });
            let o = find(&items, rev, Obligation::Observations, Some(1)).unwrap();
            assert_eq!(o.due, d("2022-05-31"));
        }
        let phase = find(&items, "AUT", Obligation::Phase, Some(1)).unwrap();
        assert_eq!(phase.due, d("2022-11-30"));
        // No feedback owed while the SAQ is not submitted.
        assert!(find(&items, "KEN", Obligation::Feedback, Some(2)).is_none());
        assert!(find(&items, "NGA", Obligation::Saq, Some(2)).is_some());
    }

    #[test]
    fn as_at_hides_later_records() {
        // Before the SAQ was submitted: no feedback obligation, SAQ overdue.
        let items = obligations(&desk(), d("2021-08-30"), Settings::default());
        assert!(find(&items, "FRA", Obligation::Feedback, Some(1)).is_none());
        assert_eq!(
            find(&items, "AUT", Obligation::Saq, Some(1))
                .unwrap()
                .status,
            Status::Overdue { days: 91 }
        );
        // Group 2 has not started: NGA owes nothing, FRA's start is group 1's.
        assert!(find(&items, "NGA", Obligation::FocalPoint, None).is_none());
        // Before AUT's expert was nominated.
        let items = obligations(&desk(), d("2021-01-04"), Settings::default());
        assert_eq!(
            find(&items, "AUT", Obligation::Experts, None)
                .unwrap()
                .status,
            Status::Overdue { days: 7 }
        );
        // Before any review started: nothing at all.
        assert!(obligations(&desk(), d("2020-11-30"), Settings::default()).is_empty());
    }

    #[test]
    fn extensions_replace_due_dates_once_agreed() {
        let mut desk = desk();
        desk.extensions.push(Extension {
            review: 2,
            obligation: Obligation::Saq,
            due: d("2022-08-31"),
            reason: "clearance".into(),
            agreed: d("2022-04-01"),
        });
        let before = obligations(&desk, d("2022-05-15"), Settings::default());
        let saq = find(&before, "NGA", Obligation::Saq, Some(2)).unwrap();
        assert_eq!(saq.due, d("2022-08-31"));
        assert_eq!(saq.original_due, Some(d("2022-04-30")));
        assert_eq!(saq.status, Status::Upcoming { days: 108 });
        let earlier = obligations(&desk, d("2022-03-31"), Settings::default());
        assert_eq!(
            find(&earlier, "NGA", Obligation::Saq, Some(2)).unwrap().due,
            d("2022-04-30")
        );
    }

    #[test]
    fn overdue_sorted_most_overdue_first() {
        let items = overdue(&desk(), d("2024-02-29"), Settings::default());
        assert!(!items.is_empty());
        for w in items.windows(2) {
            assert!(w[0].status.days_overdue() >= w[1].status.days_overdue());
        }
        assert!(items.iter().all(|i| !i.status.is_met()));
    }

    #[test]
    fn concluded_review_meets_observations_and_phase() {
        let mut desk = desk();
        desk.reviews[0].milestones.feedback_submitted = Some(d("2022-03-01"));
        desk.reviews[0].milestones.observations_finalized = Some(d("2022-10-01"));
        desk.reviews[0].milestones.summary_finalized = Some(d("2022-12-05"));
        let items = obligations(&desk, d("2023-01-01"), Settings::default());
        let phase = find(&items, "AUT", Obligation::Phase, Some(1)).unwrap();
        assert_eq!(phase.met, Some(d("2022-12-05")));
        assert_eq!(phase.status, Status::MetLate { days: 5 });
        let obs = find(&items, "KEN", Obligation::Observations, Some(1)).unwrap();
        assert_eq!(obs.status, Status::MetLate { days: 188 });
        // Only the list finalized: not met yet.
        let items = obligations(&desk, d("2022-11-01"), Settings::default());
        assert!(
            !find(&items, "AUT", Obligation::Phase, Some(1))
                .unwrap()
                .status
                .is_met()
        );
    }
    // The engine as it was before it was made faster, kept to prove the
    // faster one gives the same obligations in the same order.
    /// The earliest start of any review a party takes part in, as at a date,
    /// in party-code order. (Gathered in a hash map: on a large desk,
    /// ordered-map lookups dominated.)
    fn reference_first_starts(desk: &Desk, as_of: NaiveDate) -> Vec<(&str, NaiveDate)> {
        let mut first: HashMap<&str, NaiveDate> = HashMap::with_capacity(desk.parties.len());
        for (r, start) in started_reviews(desk, as_of) {
            for p in r.parties() {
                first
                    .entry(p)
                    .and_modify(|d| *d = (*d).min(start))
                    .or_insert(start);
            }
        }
        let mut out: Vec<(&str, NaiveDate)> = first.into_iter().collect();
        out.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out
    }

    fn reference_obligations(desk: &Desk, as_of: NaiveDate, s: Settings) -> Vec<Item> {
        let mut items = Vec::new();

        // Nominations: owed once per party, from its first review start.
        let mut first_nomination: HashMap<(&str, Role), NaiveDate> =
            HashMap::with_capacity(desk.parties.len() * 2);
        for p in desk.people.iter().filter(|p| p.nominated <= as_of) {
            first_nomination
                .entry((p.party.as_str(), p.role))
                .and_modify(|d| *d = (*d).min(p.nominated))
                .or_insert(p.nominated);
        }
        for (party, start) in reference_first_starts(desk, as_of) {
            for (obligation, role, weeks) in [
                (Obligation::FocalPoint, Role::FocalPoint, 2),
                (Obligation::Experts, Role::Expert, 4),
            ] {
                let due = weeks_end(start, weeks);
                let met = first_nomination.get(&(party, role)).copied();
                items.push(Item {
                    review: None,
                    party: party.to_string(),
                    obligation,
                    due,
                    original_due: None,
                    met,
                    status: status(due, met, as_of, s),
                });
            }
        }

        // Extensions in force: the latest agreed on or before as_of wins.
        let mut extended: BTreeMap<(i64, Obligation), (NaiveDate, NaiveDate)> = BTreeMap::new();
        for e in desk.extensions.iter().filter(|e| e.agreed <= as_of) {
            let slot = extended
                .entry((e.review, e.obligation))
                .or_insert((e.agreed, e.due));
            if (e.agreed, e.due) >= *slot {
                *slot = (e.agreed, e.due);
            }
        }

        for (r, start) in started_reviews(desk, as_of) {
            let m = r.milestones.as_at(as_of);
            let mut push =
                |party: &str, obligation: Obligation, base: NaiveDate, met: Option<NaiveDate>| {
                    let (due, original_due) = match extended.get(&(r.id, obligation)) {
                        Some(&(_, d)) => (d, Some(base)),
                        None => (base, None),
                    };
                    items.push(Item {
                        review: Some(r.id),
                        party: party.to_string(),
                        obligation,
                        due,
                        original_due,
                        met,
                        status: status(due, met, as_of, s),
                    });
                };
            push(
                &r.under_review,
                Obligation::Saq,
                months_end(start, 6),
                m.saq_submitted,
            );
            if let Some(saq) = m.saq_submitted {
                for rev in &r.reviewers {
                    push(
                        rev,
                        Obligation::Feedback,
                        months_end(saq, 6),
                        m.feedback_submitted,
                    );
                }
            }
            for rev in &r.reviewers {
                push(
                    rev,
                    Obligation::Observations,
                    months_end(start, 18),
                    m.concluded(),
                );
            }
            push(
                &r.under_review,
                Obligation::Phase,
                months_end(start, 24),
                m.concluded(),
            );
        }
        items
    }

    fn reference_sort(items: &mut [Item]) {
        items.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| a.party.cmp(&b.party))
                .then_with(|| a.review.cmp(&b.review))
                .then_with(|| a.obligation.as_str().cmp(b.obligation.as_str()))
        });
    }

    fn big_desk() -> Desk {
        let mut desk = crate::demo::scale::build_scaled(3, d("2026-11-29"));
        // Extensions agreed out of order, a second for the same obligation.
        let e = desk.extensions[0].clone();
        desk.extensions.push(Extension {
            due: e.due + chrono::Days::new(30),
            agreed: e.agreed - chrono::Days::new(1),
            ..e.clone()
        });
        desk.extensions.insert(
            0,
            Extension {
                due: e.due + chrono::Days::new(60),
                agreed: e.agreed + chrono::Days::new(2),
                ..e
            },
        );
        // A code no party has, and a review listing a reviewer twice.
        desk.reviews[3].reviewers.push("ZZZ9".into());
        let dup = desk.reviews[4].reviewers[0].clone();
        desk.reviews[4].reviewers.push(dup);
        desk
    }

    const DATES: [&str; 6] = [
        "2020-11-30",
        "2021-01-04",
        "2022-03-01",
        "2024-02-29",
        "2025-07-15",
        "2026-11-29",
    ];

    #[test]
    fn same_obligations_as_before() {
        let desk = big_desk();
        for as_of in DATES.map(d) {
            for s in [Settings::default(), Settings { due_soon_days: 40 }] {
                assert_eq!(
                    obligations(&desk, as_of, s),
                    reference_obligations(&desk, as_of, s),
                    "{as_of}"
                );
            }
        }
    }

    #[test]
    fn same_overdue_order_as_before() {
        let desk = big_desk();
        for as_of in DATES.map(d) {
            let s = Settings::default();
            let mut want: Vec<Item> = reference_obligations(&desk, as_of, s)
                .into_iter()
                .filter(|i| i.status.days_overdue().is_some())
                .collect();
            reference_sort(&mut want);
            assert_eq!(overdue(&desk, as_of, s), want, "{as_of}");
            // The public sort, on every obligation (ties included: the
            // twice-listed reviewer owes identical items).
            let mut all = obligations(&desk, as_of, s);
            all.reverse();
            let mut want = all.clone();
            reference_sort(&mut want);
            sort_for_triage(&mut all);
            assert_eq!(all, want, "{as_of}");
        }
    }

    #[test]
    fn entries_are_the_obligations_by_index() {
        let desk = big_desk();
        for as_of in DATES.map(d) {
            let items = obligations(&desk, as_of, Settings::default());
            let entries = entries(&desk, as_of, Settings::default());
            assert_eq!(items.len(), entries.len());
            for (it, e) in items.iter().zip(&entries) {
                assert_eq!(it.review, e.review().map(|r| desk.reviews[r as usize].id));
                match desk.parties.get(e.party as usize) {
                    Some(p) => assert_eq!(p.code, it.party),
                    None => {
                        assert_eq!(e.party, Entry::NO_PARTY);
                        assert!(desk.party(&it.party).is_none());
                    }
                }
                assert_eq!(item_fields(it), entry_fields(e));
            }
        }
    }

    #[test]
    fn entry_is_at_most_20_bytes() {
        assert!(std::mem::size_of::<Entry>() <= 20);
    }

    /// The desk of [`desk`] with dates far apart: a SAQ and a focal point
    /// met 150 years late, a phase extended to 150 years before its due
    /// date, observations extended by 150 years.
    fn far_desk() -> Desk {
        let mut desk = desk();
        desk.reviews[0].milestones.saq_submitted = Some(d("2171-05-31"));
        desk.people
            .push(person(4, "KEN", Role::FocalPoint, "2170-12-14", None));
        for (obligation, due) in [
            (Obligation::Phase, "1872-11-30"),
            (Obligation::Observations, "2172-05-31"),
        ] {
            desk.extensions.push(Extension {
                review: 1,
                obligation,
                due: d(due),
                reason: "far".into(),
                agreed: d("2021-03-01"),
            });
        }
        desk
    }

    #[test]
    fn entries_are_exact_for_dates_far_apart() {
        let desk = far_desk();
        let s = Settings::default();
        for as_of in [
            "2021-06-01",
            "2022-06-01",
            "2172-01-01",
            "2200-01-01",
            "2400-01-01",
        ]
        .map(d)
        {
            let items = obligations(&desk, as_of, s);
            assert_eq!(items, reference_obligations(&desk, as_of, s), "{as_of}");
            let entries = entries(&desk, as_of, s);
            assert_eq!(items.len(), entries.len());
            for (it, e) in items.iter().zip(&entries) {
                assert_eq!(item_fields(it), entry_fields(e), "{as_of}");
            }
        }
        let as_of = d("2200-01-01");
        let items = obligations(&desk, as_of, s);
        let entries = entries(&desk, as_of, s);
        let at = |party: &str, o: Obligation, review: Option<i64>| {
            let i = items
                .iter()
                .position(|i| i.party == party && i.obligation == o && i.review == review)
                .unwrap();
            (&items[i], &entries[i])
        };
        let (saq, e) = at("AUT", Obligation::Saq, Some(1));
        assert_eq!(e.met(), Some(d("2171-05-31")));
        assert_eq!(saq.met, e.met());
        assert_eq!(e.status(), Status::MetLate { days: 54_786 });
        assert_eq!(saq.status, e.status());
        let (fp, e) = at("KEN", Obligation::FocalPoint, None);
        assert_eq!(e.met(), Some(d("2170-12-14")));
        assert_eq!((fp.met, fp.status), (e.met(), e.status()));
        let (phase, e) = at("AUT", Obligation::Phase, Some(1));
        assert_eq!(
            (e.due(), e.original_due()),
            (d("1872-11-30"), Some(d("2022-11-30")))
        );
        assert_eq!(e.status(), Status::Overdue { days: 119_466 });
        assert_eq!(
            (phase.original_due, phase.status),
            (e.original_due(), e.status())
        );
        let (obs, e) = at("FRA", Obligation::Observations, Some(1));
        assert_eq!(
            (e.due(), e.original_due()),
            (d("2172-05-31"), Some(d("2022-05-31")))
        );
        assert_eq!(
            (obs.original_due, obs.status),
            (e.original_due(), e.status())
        );
        // Feedback is due six months after the late SAQ, and unmet.
        let (_, e) = at("KEN", Obligation::Feedback, Some(1));
        assert_eq!((e.due(), e.met()), (d("2171-11-30"), None));
    }

    #[test]
    fn entries_hold_any_dates_chrono_can() {
        let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
        let span = days_between(min, max);
        let s = Settings::default();
        let day = d("2021-05-31");
        let soon = d("2021-06-03");
        // (due, original due, met, as at): every status, dates at both ends.
        for (due, original_due, met, as_of) in [
            (min, Some(max), Some(max), max),
            (max, Some(min), Some(min), max),
            (min, None, None, max),
            (max, None, None, min),
            (max, Some(max), None, max),
            (min, Some(min), Some(min), min),
            (day, Some(min), Some(max), min),
            (soon, Some(max), None, day),
            (day, None, Some(soon), max),
        ] {
            let st = status(due, met, as_of, s);
            for (review, obligation) in Obligation::ALL.iter().enumerate() {
                let review = (review % 2 == 1).then_some(review as u32);
                let e = Entry::new(review, 3, *obligation, due, original_due, met, st);
                assert_eq!(
                    (e.review(), e.party, e.obligation(), e.due()),
                    (review, 3, *obligation, due)
                );
                assert_eq!(
                    (e.original_due(), e.met(), e.status()),
                    (original_due, met, st)
                );
            }
        }
        assert_eq!(status(min, None, max, s), Status::Overdue { days: span });
        assert_eq!(status(max, None, min, s), Status::Upcoming { days: span });
        assert_eq!(
            status(min, Some(max), max, s),
            Status::MetLate { days: span }
        );
    }
}
