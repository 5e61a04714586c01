//! What the panes show, computed once per desk load or as-at change and
//! kept: obligations, indexes, the Overdue rows; and, built the first time
//! a pane needs them, statistics, stages and search texts. A keystroke
//! never reruns the engine; it filters these.
//!
//! Every text taken from the desk is passed through `sanitize` before it
//! is shown, so the screens only ever see inert text.

use super::search::{Corpus, FxMap, fold, folded_len};
use crate::domain::clusters;
use crate::domain::engine::{self, Item, Settings, Status};
use crate::domain::gate::Threshold;
use crate::domain::model::{Obligation, Region, Role, Stage, Text};
use crate::domain::pace::{Estimate, Outlook, Pace, pace_with};
use crate::domain::roster::{Member, Roster, ScreenDesk};
use crate::domain::stages::{focal_point_parties, stage};
use crate::domain::stats::{self, Stats};
use crate::domain::text::sanitize;
use chrono::NaiveDate;
use std::cell::OnceCell;

/// `sanitize` without a copy for the common case: printable ASCII is
/// always safe as it is.
pub fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(sanitize(s))
    }
}

/// Index meaning "no such party" (a dangling code; the store forbids it).
pub const NONE: usize = usize::MAX;

/// One row of the Overdue pane: an obligation overdue, due today or due
/// soon. Made on demand from the entry (the list itself holds only entry
/// indexes: there may be 170,000 rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueRow {
    /// Index into [`Derived::items`].
    pub item: usize,
    /// Index into `desk.parties` (or [`NONE`]).
    pub party: usize,
    /// Index into `desk.reviews`, `None` for nominations.
    pub review: Option<usize>,
    /// The review's group, or the party's for nominations.
    pub group: Option<u32>,
    pub region: Option<Region>,
    pub due_soon: bool,
}

/// Focal point situation of a party as at the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FpStatus {
    /// Never nominated one.
    None,
    /// Had one, none current now.
    Ended,
    /// Current focal point(s), never replaced.
    Current(usize),
    /// Current focal point(s), and earlier ones replaced.
    Changed(usize),
}

impl FpStatus {
    pub fn label(self) -> &'static str {
        match self {
            FpStatus::None => "none",
            FpStatus::Ended => "ended",
            FpStatus::Current(_) => "nominated",
            FpStatus::Changed(_) => "changed",
        }
    }
}

/// The pace of the reviews and their projected conclusions as at the date
/// (docs/pace.md), estimated over every cluster.
#[derive(Debug, Clone)]
pub struct Projection {
    /// Each review's outlook, by review index (`None`: not started).
    pub outlooks: Vec<Option<Outlook>>,
    /// The default cluster's pace: each step's median, the gate per group.
    pub pace: Pace,
}

/// Everything derived from the desk as at one date.
#[derive(Debug, Clone)]
pub struct Derived {
    pub as_of: NaiveDate,
    pub settings: Settings,
    pub party_ix: FxMap<Text, usize>,
    /// Review index by id when the reviews are not in id order (the store
    /// reads them in order: then a binary search of `review_id`, no map).
    review_map: Option<FxMap<i64, usize>>,
    /// Sanitised UN names and codes, by party index.
    pub party_name: Vec<Text>,
    pub party_code: Vec<Text>,
    /// Every obligation as at the date, in engine order (by index).
    pub entries: Vec<engine::Entry>,
    /// Item indexes by review index, and by party index.
    pub items_by_review: Groups,
    items_by_party: OnceCell<Groups>,
    /// All people of a party (any date), by party index.
    people_by_party: OnceCell<Groups>,
    /// Current focal points as at the date, by party index.
    pub current_fp: Groups,
    pub fp_status: Vec<FpStatus>,
    /// Reviews a party is under / reviews it reviews, by party index.
    pub reviewed_in: Groups,
    pub reviewer_in: Groups,
    /// Reminders as at the date: (key, date, index), sorted.
    reminders: Vec<(u64, NaiveDate, u32)>,
    /// Start of each review (its own, else its group's).
    pub start: Vec<Option<NaiveDate>>,
    /// Overdue, due-today and due-soon obligations in triage order, as
    /// indexes into `entries` (see [`Derived::overdue_row`]).
    pub overdue: Vec<u32>,
    /// Review groups known to the desk, ascending.
    pub groups: Vec<u32>,
    /// The cluster the screens show (the desk given is that cluster's view).
    pub cluster: u32,
    /// The share of a group's reviews that opens the gate (a setting).
    pub threshold: Threshold,
    stats: OnceCell<Stats>,
    stages: OnceCell<Vec<Option<Stage>>>,
    projection: OnceCell<Projection>,
    party_text: OnceCell<(Corpus, Vec<u32>)>,
    review_ids: OnceCell<Corpus>,
}

/// What one folded word of a filter finds, by party, review and
/// obligation index.
#[derive(Debug, Clone)]
pub struct WordHits {
    pub word: String,
    pub parties: Vec<bool>,
    pub reviews: Vec<bool>,
    pub obligations: [bool; Obligation::COUNT],
}

impl WordHits {
    /// Whether the word finds an obligation row (party, review or kind).
    pub fn finds(&self, party: usize, review: Option<usize>, o: Obligation) -> bool {
        self.parties.get(party).copied().unwrap_or(false)
            || review.is_some_and(|r| self.reviews.get(r).copied().unwrap_or(false))
            || self.obligations[o.index()]
    }
}

/// Lists of indexes grouped by a key index, in one allocation
/// (compressed rows): `get(k)` is the list of key `k`.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    starts: Vec<u32>,
    values: Vec<u32>,
}

impl Groups {
    /// Groups `pairs` (key, value) under `keys` keys, keeping their order;
    /// pairs with a key out of range are left out.
    pub fn build<I>(keys: usize, pairs: impl Fn() -> I) -> Groups
    where
        I: Iterator<Item = (usize, usize)>,
    {
        // Two passes over the pairs (count, then fill) instead of a list
        // of them: at 300,000 obligations that list was megabytes.
        let mut starts = vec![0u32; keys + 1];
        for (k, _) in pairs() {
            if k < keys {
                starts[k + 1] += 1;
            }
        }
        for i in 0..keys {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut values = vec![0u32; starts[keys] as usize];
        for (k, v) in pairs() {
            if k < keys {
                values[fill[k] as usize] = v as u32;
                fill[k] += 1;
            }
        }
        Groups { starts, values }
    }
    pub fn get(&self, k: usize) -> &[u32] {
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.values[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The party index of an obligation, [`NONE`] for a code the desk does
/// not know.
pub fn party_of(e: &engine::Entry) -> usize {
    if e.party == engine::Entry::NO_PARTY {
        NONE
    } else {
        e.party as usize
    }
}

/// Whom an entry's debtor waits on (lists of observations before the SAQ
/// or the feedback is in).
fn waiting_on<'d>(desk: &'d ScreenDesk, e: &engine::Entry, as_of: NaiveDate) -> Option<&'d str> {
    if e.obligation() != Obligation::Observations {
        return None;
    }
    let review = desk.reviews.get(e.review()? as usize)?;
    let debtor = desk.parties.get(e.party as usize)?;
    crate::domain::blocking::waiting_on(review, e.obligation(), &debtor.code, as_of)
}

/// Reminder lookup key: party, review (index + 1, 0 for none), obligation.
fn rkey(party: usize, review: Option<usize>, o: Obligation) -> u64 {
    ((party as u64) << 27) | ((review.map_or(0, |r| r as u64 + 1)) << 3) | (o as u64)
}

/// Each party's current focal points (person indexes) and how its
/// focal point stands as at the date.
fn focal_points(desk: &ScreenDesk, n: usize, as_of: NaiveDate) -> (Groups, Vec<FpStatus>) {
    // Each person's party index: the roster numbers the desk's parties
    // as `desk.parties` does.
    let people = &*desk.people;
    let person_party = |i: usize| people.party(i).unwrap_or(NONE);
    let mut had_fp = vec![false; n];
    let mut ended_fp = vec![false; n];
    let is_fp = |p: &Member| p.role == Role::FocalPoint && p.nominated <= as_of;
    for (i, p) in people.members().iter().enumerate() {
        let pi = person_party(i);
        if pi != NONE && is_fp(p) {
            had_fp[pi] = true;
            if !p.current(as_of) {
                ended_fp[pi] = true;
            }
        }
    }
    let current_fp = Groups::build(n, || {
        people
            .members()
            .iter()
            .enumerate()
            .filter(|(_, p)| is_fp(p) && p.current(as_of))
            .map(|(i, _)| (person_party(i), i))
    });
    let fp_status = (0..n)
        .map(
            |i| match (current_fp.get(i).len(), had_fp[i], ended_fp[i]) {
                (0, false, _) => FpStatus::None,
                (0, true, _) => FpStatus::Ended,
                (k, _, true) => FpStatus::Changed(k),
                (k, _, false) => FpStatus::Current(k),
            },
        )
        .collect();
    (current_fp, fp_status)
}

impl Derived {
    pub fn compute(desk: &ScreenDesk, as_of: NaiveDate, settings: Settings) -> Derived {
        Derived::compute_in(desk, as_of, settings, None)
    }

    /// [`Derived::compute`] on one cluster's view of the desk: `nominating`
    /// says, by party index, whose nominations belong to that cluster (the
    /// one of its first review); the others' are left out, as a later
    /// cluster brings no nomination of its own.
    pub fn compute_in(
        desk: &ScreenDesk,
        as_of: NaiveDate,
        settings: Settings,
        nominating: Option<&[bool]>,
    ) -> Derived {
        let n = desk.parties.len();
        let party_ix: FxMap<Text, usize> = desk
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        let reviews = &desk.reviews;
        let review_map: Option<FxMap<i64, usize>> =
            (!reviews.windows(2).all(|w| w[0].id < w[1].id))
                .then(|| reviews.iter().enumerate().map(|(i, r)| (r.id, i)).collect());
        let review_ix = |id: i64| match &review_map {
            Some(m) => m.get(&id).copied(),
            None => reviews.binary_search_by_key(&id, |r| r.id).ok(),
        };
        let pix = |code: &str| party_ix.get(code).copied().unwrap_or(NONE);

        // Inline strings: no allocation each (37,800 at x100).
        let party_name: Vec<Text> = desk.parties.iter().map(|p| safe(&p.name).into()).collect();
        let party_code: Vec<Text> = desk.parties.iter().map(|p| safe(&p.code).into()).collect();

        let (current_fp, fp_status) = focal_points(desk, n, as_of);

        let under: Vec<usize> = desk.reviews.iter().map(|r| pix(&r.under_review)).collect();
        let reviewed_in = Groups::build(n, || under.iter().copied().zip(0..));
        drop(under);
        let reviewer_in = Groups::build(n, || {
            desk.reviews
                .iter()
                .enumerate()
                .flat_map(|(i, r)| r.reviewers.iter().map(move |c| (c, i)))
                .map(|(c, i)| (pix(c), i))
        });

        let mut items = engine::entries_with(desk, &*desk.people, as_of, settings);
        if let Some(keep) = nominating {
            items.retain(|e| {
                e.review().is_some() || keep.get(e.party as usize).copied().unwrap_or(true)
            });
        }
        let items_by_review = Groups::build(desk.reviews.len(), || {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((e.review()? as usize, i)))
        });

        // Reminders as at the date, sorted by (party, review, obligation,
        // date) so each obligation's reminders are one slice.
        let mut reminders: Vec<(u64, NaiveDate, u32)> = desk
            .reminders
            .iter()
            .enumerate()
            .filter(|(_, m)| m.date <= as_of)
            .map(|(i, m)| {
                let r = m.review.and_then(review_ix);
                (rkey(pix(&m.party), r, m.obligation), m.date, i as u32)
            })
            .collect();
        reminders.sort_unstable();

        let start: Vec<Option<NaiveDate>> =
            desk.reviews.iter().map(|r| desk.review_start(r)).collect();

        // Triage order: due date, party code, review, obligation name.
        let mut code_rank = vec![0u32; n];
        {
            let mut by_code: Vec<usize> = (0..n).collect();
            by_code.sort_unstable_by(|&a, &b| desk.parties[a].code.cmp(&desk.parties[b].code));
            for (rank, i) in by_code.into_iter().enumerate() {
                code_rank[i] = rank as u32;
            }
        }
        let obl_rank = engine::obligation_rank();
        let triage_key = |i: u32| -> engine::TriageKey {
            let it = &items[i as usize];
            (
                it.due(),
                code_rank.get(party_of(it)).copied().unwrap_or(u32::MAX),
                it.review().map(|r| reviews[r as usize].id),
                obl_rank[it.obligation() as usize],
            )
        };
        let mut order: Vec<u32> = (0..items.len() as u32)
            .filter(|&i| {
                matches!(
                    items[i as usize].status(),
                    Status::Overdue { .. } | Status::DueToday | Status::DueSoon { .. }
                )
            })
            .collect();
        order.sort_unstable_by_key(|&i| (triage_key(i), i));
        // Those whose debtor can act first; those waiting on another
        // party after them, each part in triage order.
        order.sort_by_key(|&i| waiting_on(desk, &items[i as usize], as_of).is_some());
        let overdue = order;

        let mut groups: Vec<u32> = desk.groups.iter().map(|g| g.number).collect();
        groups.sort_unstable();
        groups.dedup();

        Derived {
            as_of,
            settings,
            party_ix,
            review_map,
            party_name,
            party_code,
            entries: items,
            items_by_review,
            items_by_party: OnceCell::new(),
            people_by_party: OnceCell::new(),
            current_fp,
            fp_status,
            reviewed_in,
            reviewer_in,
            reminders,
            start,
            overdue,
            groups,
            cluster: clusters::default_cluster(desk, as_of),
            threshold: Threshold::DEFAULT,
            stats: OnceCell::new(),
            stages: OnceCell::new(),
            projection: OnceCell::new(),
            party_text: OnceCell::new(),
            review_ids: OnceCell::new(),
        }
    }

    /// The paper's statistics as at the date (computed on first use).
    pub fn stats(&self, desk: &ScreenDesk) -> &Stats {
        self.stats.get_or_init(|| {
            stats::compute_in(
                desk,
                &*desk.people,
                self.cluster,
                self.threshold,
                self.as_of,
            )
        })
    }

    /// The projection as at the date (computed on first use): estimated
    /// over `whole`, every cluster of the desk; the outlooks are those of
    /// `desk`'s reviews (the cluster shown), by index.
    pub fn projection(&self, desk: &ScreenDesk, whole: &ScreenDesk) -> &Projection {
        self.projection.get_or_init(|| {
            let estimate = Estimate::new(whole, self.as_of);
            let outlooks = desk
                .reviews
                .iter()
                .zip(&self.start)
                .map(|(r, s)| {
                    s.filter(|s| *s <= self.as_of)
                        .map(|s| estimate.outlook(s, &r.milestones))
                })
                .collect();
            let pace = pace_with(
                whole,
                &*whole.people,
                &estimate,
                self.cluster,
                self.threshold,
            );
            Projection { outlooks, pace }
        })
    }

    /// Stage of each review as at the date (`None`: not started yet).
    pub fn stages(&self, desk: &ScreenDesk) -> &[Option<Stage>] {
        self.stages.get_or_init(|| {
            let with_fp = focal_point_parties(&*desk.people, self.as_of);
            desk.reviews
                .iter()
                .zip(&self.start)
                .map(|(r, s)| {
                    s.filter(|s| *s <= self.as_of)
                        .map(|_| stage(r, self.as_of, &with_fp))
                })
                .collect()
        })
    }

    /// Folded search text per party: code, name, current focal points.
    pub fn party_text(&self, desk: &ScreenDesk) -> &Corpus {
        &self.party_search(desk).0
    }

    /// The party texts, and the length of each row's "code name" part
    /// (what a review's text is made of, without the focal points).
    fn party_search(&self, desk: &ScreenDesk) -> &(Corpus, Vec<u32>) {
        self.party_text.get_or_init(|| {
            let mut c = Corpus::with_capacity(desk.parties.len(), desk.parties.len() * 40);
            let mut named = Vec::with_capacity(desk.parties.len());
            for i in 0..desk.parties.len() {
                let names: Vec<String> = self
                    .current_fp
                    .get(i)
                    .iter()
                    .map(|&p| sanitize(desk.people.name(p as usize)))
                    .collect();
                let mut parts: Vec<&str> = vec![&self.party_code[i], &self.party_name[i]];
                parts.extend(names.iter().map(String::as_str));
                c.push(&parts);
                let len = folded_len(&self.party_code[i]) + 1 + folded_len(&self.party_name[i]);
                named.push(len as u32);
            }
            (c, named)
        })
    }

    /// "#id" of each review, folded, for searching by number.
    fn review_ids(&self, desk: &ScreenDesk) -> &Corpus {
        self.review_ids.get_or_init(|| {
            let mut c = Corpus::with_capacity(desk.reviews.len(), desk.reviews.len() * 8);
            for r in &desk.reviews {
                c.push(&[&format!("#{}", r.id)]);
            }
            c
        })
    }

    /// Builds the search texts now (after the first frame, so that the
    /// first key typed into a filter does not wait for them).
    pub fn warm_search(&self, desk: &ScreenDesk) {
        self.party_search(desk);
        self.review_ids(desk);
    }

    /// Which parties and reviews the folded word `w` finds: a party by its
    /// code, name or current focal points; a review by "#id" or by the code
    /// or name of any of its parties. One pass over each text, then the
    /// reviews of the parties found (no per-review string search).
    pub fn word_hits(&self, desk: &ScreenDesk, w: &str) -> WordHits {
        let (text, named) = self.party_search(desk);
        let parties = text.hits(w);
        let mut reviews = self.review_ids(desk).hits(w);
        for (i, &hit) in parties.iter().enumerate() {
            if !hit {
                continue;
            }
            // The hit may be in a focal point's name only: look again at
            // the "code name" part.
            let row = text.row(i);
            let part = row.get(..named[i] as usize).unwrap_or(row);
            if !part.contains(w) {
                continue;
            }
            for &r in self
                .reviewed_in
                .get(i)
                .iter()
                .chain(self.reviewer_in.get(i))
            {
                if let Some(x) = reviews.get_mut(r as usize) {
                    *x = true;
                }
            }
        }
        let mut obligations = [false; Obligation::COUNT];
        for o in Obligation::ALL {
            obligations[o.index()] = fold(o.label()).contains(w) || o.as_str().contains(w);
        }
        WordHits {
            word: w.to_string(),
            parties,
            reviews,
            obligations,
        }
    }

    /// The hits of each word of a query, reusing those in `cache` (the
    /// previous query's): typing one more letter searches for one word.
    pub fn query_hits(&self, desk: &ScreenDesk, words: &[String], cache: &mut Vec<WordHits>) {
        let mut next = Vec::with_capacity(words.len());
        for w in words {
            match cache.iter().position(|h| &h.word == w) {
                Some(k) => next.push(cache.swap_remove(k)),
                None => next.push(self.word_hits(desk, w)),
            }
        }
        *cache = next;
    }

    /// Reminders logged for an Overdue row's obligation as at the date:
    /// how many, and the index in `desk.reminders` of the latest.
    pub fn reminders_of(&self, row: &OverdueRow) -> (usize, Option<usize>) {
        let key = rkey(row.party, row.review, self.entries[row.item].obligation());
        let lo = self.reminders.partition_point(|r| r.0 < key);
        let hi = self.reminders.partition_point(|r| r.0 <= key);
        (
            hi - lo,
            (hi > lo).then(|| self.reminders[hi - 1].2 as usize),
        )
    }

    /// Obligation indexes by party index (built when Parties or Timeline
    /// first needs them, not before the first frame).
    pub fn items_by_party(&self) -> &Groups {
        self.items_by_party.get_or_init(|| {
            let n = self.party_name.len();
            Groups::build(n, || self.entries.iter().map(party_of).zip(0..))
        })
    }

    /// All people of each party (any date), by party index: built when
    /// Parties first shows one.
    pub fn people_by_party(&self, desk: &ScreenDesk) -> &Groups {
        self.people_by_party.get_or_init(|| {
            Groups::build(self.party_name.len(), || {
                (0..desk.people.len())
                    .map(|i| desk.people.party(i).unwrap_or(NONE))
                    .zip(0..)
            })
        })
    }

    /// Row `k` of the Overdue list.
    pub fn overdue_row(&self, desk: &ScreenDesk, k: usize) -> Option<OverdueRow> {
        let item = *self.overdue.get(k)? as usize;
        let it = &self.entries[item];
        let party = party_of(it);
        let review = it.review().map(|r| r as usize);
        let group = match review {
            Some(r) => desk.reviews.get(r).map(|r| r.group),
            None => desk.parties.get(party).and_then(|p| p.group),
        };
        Some(OverdueRow {
            item,
            party,
            review,
            group,
            region: desk.parties.get(party).and_then(|p| p.regional_group),
            due_soon: !matches!(it.status(), Status::Overdue { .. }),
        })
    }

    /// Obligation `i` as an engine [`Item`].
    /// The party the `k`-th Overdue row waits on before its debtor can
    /// act (docs/mail.md), if any.
    pub fn overdue_waiting_on<'d>(&self, desk: &'d ScreenDesk, k: usize) -> Option<&'d str> {
        let e = &self.entries[*self.overdue.get(k)? as usize];
        waiting_on(desk, e, self.as_of)
    }

    pub fn item(&self, desk: &ScreenDesk, i: usize) -> Item {
        let e = &self.entries[i];
        Item {
            review: e.review().map(|r| desk.reviews[r as usize].id),
            party: desk
                .parties
                .get(e.party as usize)
                .map_or_else(String::new, |p| p.code.to_string()),
            obligation: e.obligation(),
            due: e.due(),
            original_due: e.original_due(),
            met: e.met(),
            status: e.status(),
        }
    }

    /// The index of review `id`.
    pub fn review_ix(&self, desk: &ScreenDesk, id: i64) -> Option<usize> {
        match &self.review_map {
            Some(m) => m.get(&id).copied(),
            None => desk.reviews.binary_search_by_key(&id, |r| r.id).ok(),
        }
    }

    pub fn party(&self, code: &str) -> usize {
        self.party_ix.get(code).copied().unwrap_or(NONE)
    }

    /// Sanitised name of a party index ("?" when unknown).
    pub fn name(&self, p: usize) -> &str {
        self.party_name.get(p).map_or("?", Text::as_str)
    }
    pub fn code(&self, p: usize) -> &str {
        self.party_code.get(p).map_or("?", Text::as_str)
    }
    /// Code of a party given by its stored code (sanitised).
    pub fn code_of(&self, code: &str) -> String {
        match self.party_ix.get(code) {
            Some(&i) => self.party_code[i].to_string(),
            None => sanitize(code),
        }
    }

    /// The earliest unmet obligation of a review (by review index).
    pub fn next_deadline(&self, review: usize) -> Option<usize> {
        self.items_by_review
            .get(review)
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| !self.entries[i].status().is_met())
            .min_by_key(|&i| (self.entries[i].due(), i))
    }
}

/// A person's contact card as plain, sanitised text. E-mail and phone are
/// passed in, as the desk the app keeps in memory holds none (see
/// [`App::contacts_details`]).
///
/// [`App::contacts_details`]: super::App::contacts_details
pub fn contact_card(
    people: &Roster,
    i: usize,
    email: Option<&str>,
    phone: Option<&str>,
    party_name: &str,
    as_of: NaiveDate,
) -> String {
    let p = &people.members()[i];
    let mut s = format!("{}\n", sanitize(people.name(i)));
    s.push_str(&format!(
        "{}, {} ({})\n",
        role_label(p.role),
        party_name,
        sanitize(people.code(i))
    ));
    if let Some(e) = email {
        s.push_str(&format!("Email: {}\n", sanitize(e)));
    }
    if let Some(ph) = phone {
        s.push_str(&format!("Phone: {}\n", sanitize(ph)));
    }
    if let Some(a) = p.affiliation {
        s.push_str(&format!("Affiliation: {}\n", affiliation_label(a)));
    }
    s.push_str(&format!("Nominated: {}", p.nominated));
    if let Some(e) = p.ended.filter(|e| *e <= as_of) {
        s.push_str(&format!(" (ended {e})"));
    }
    s.push('\n');
    s
}

pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::FocalPoint => "focal point",
        Role::Expert => "expert",
        Role::Observer => "observer",
    }
}

pub fn affiliation_label(a: crate::domain::model::Affiliation) -> &'static str {
    use crate::domain::model::Affiliation::*;
    match a {
        ForeignAffairs => "foreign affairs",
        Justice => "justice",
        Interior => "interior",
        Other => "other",
    }
}

pub fn channel_label(c: crate::domain::model::Channel) -> &'static str {
    use crate::domain::model::Channel::*;
    match c {
        Email => "email",
        NoteVerbale => "note verbale",
        PermanentMission => "perm. mission",
        FieldOffice => "field office",
        Meeting => "meeting",
        Phone => "phone",
    }
}

/// Short channel label for narrow columns.
pub fn channel_short(c: crate::domain::model::Channel) -> &'static str {
    use crate::domain::model::Channel::*;
    match c {
        Email => "email",
        NoteVerbale => "NV",
        PermanentMission => "PM",
        FieldOffice => "FO",
        Meeting => "mtg",
        Phone => "tel",
    }
}

/// Days overdue or left, short: "1004 d late", "due today", "in 5 days".
pub fn status_text(s: Status) -> String {
    match s {
        Status::Overdue { days } => format!("{days} d late"),
        Status::DueToday => "due today".into(),
        Status::DueSoon { days } | Status::Upcoming { days } => {
            format!("in {days} day{}", if days == 1 { "" } else { "s" })
        }
        Status::MetOnTime => "met on time".into(),
        Status::MetLate { days } => format!("met {days} d late"),
    }
}
