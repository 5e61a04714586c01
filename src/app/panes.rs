//! The state of each pane: filters, sort, selection, and the filtered rows
//! (indexes into the cached rows of [`Derived`](super::data::Derived)).

use super::cursor::{LineInput, ListCursor};
use super::data::{Derived, NONE};
use super::search::{Corpus, fold, words};
use crate::domain::model::{Desk, Obligation, Region, Stage};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The six panes, in number-key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    Overdue,
    Reviews,
    Timeline,
    Parties,
    Contacts,
    Figures,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Overdue,
        Pane::Reviews,
        Pane::Timeline,
        Pane::Parties,
        Pane::Contacts,
        Pane::Figures,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Pane::Overdue => "Overdue",
            Pane::Reviews => "Reviews",
            Pane::Timeline => "Timeline",
            Pane::Parties => "Parties",
            Pane::Contacts => "Contacts",
            Pane::Figures => "Figures",
        }
    }
    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
    pub fn context(self) -> super::keymap::Context {
        use super::keymap::Context;
        match self {
            Pane::Overdue => Context::Overdue,
            Pane::Reviews => Context::Reviews,
            Pane::Timeline => Context::Timeline,
            Pane::Parties => Context::Parties,
            Pane::Contacts => Context::Contacts,
            Pane::Figures => Context::Figures,
        }
    }
}

/// Cycles `current` through `None, Some(options[0]), ...`.
pub fn cycle<T: Copy + PartialEq>(current: Option<T>, options: &[T]) -> Option<T> {
    match current {
        None => options.first().copied(),
        Some(c) => match options.iter().position(|o| *o == c) {
            Some(i) if i + 1 < options.len() => Some(options[i + 1]),
            _ => None,
        },
    }
}

/// Moves the selection to where `keep` landed in the new rows, or the top.
fn reselect(cursor: &mut ListCursor, old: &[usize], new: &[usize]) {
    let keep = old.get(cursor.selected).copied();
    cursor.selected = keep
        .and_then(|k| new.iter().position(|r| *r == k))
        .unwrap_or(0);
    cursor.settle(new.len());
}

/// Obligation, group, region and due-soon filters of Overdue.
type OverdueFilters = (Option<Obligation>, Option<u32>, Option<Region>, bool);

#[derive(Debug, Clone)]
pub struct OverdueView {
    pub filter: LineInput,
    pub obligation: Option<Obligation>,
    pub group: Option<u32>,
    pub region: Option<Region>,
    pub due_soon: bool,
    /// Indexes into `Derived::overdue`.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    /// The query and filters `rows` answer, to narrow them while the
    /// query only grows (typing is then a pass over the rows shown).
    answered: Option<(String, OverdueFilters)>,
}

impl Default for OverdueView {
    fn default() -> Self {
        OverdueView {
            filter: LineInput::default(),
            obligation: None,
            group: None,
            region: None,
            due_soon: true,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            answered: None,
        }
    }
}

impl OverdueView {
    /// Forgets the rows answered (the rows underneath changed).
    pub fn reset(&mut self) {
        self.answered = None;
    }

    pub fn refilter(&mut self, desk: &Desk, d: &Derived) {
        let words = words(&self.filter.text);
        let q = self.filter.text.clone();
        let filters = (self.obligation, self.group, self.region, self.due_soon);
        let narrowing = matches!(&self.answered,
            Some((a, f)) if !a.trim().is_empty() && q.starts_with(a.as_str()) && *f == filters);
        self.answered = Some((q, filters));
        if narrowing {
            // Only the rows that matched the shorter query can match.
            let (pt, rt) = (d.party_text(desk), d.review_text(desk));
            let labels: Vec<String> = Obligation::ALL.iter().map(|o| fold(o.label())).collect();
            let rows: Vec<usize> = self
                .rows
                .iter()
                .copied()
                .filter(|&i| {
                    let r = &d.overdue[i];
                    let o = d.entries[r.item].obligation;
                    words.iter().all(|w| {
                        (r.party != NONE && pt.row(r.party).contains(w.as_str()))
                            || r.review.is_some_and(|x| rt.row(x).contains(w.as_str()))
                            || labels[o as usize].contains(w.as_str())
                            || o.as_str().contains(w.as_str())
                    })
                })
                .collect();
            reselect(&mut self.cursor, &self.rows, &rows);
            self.rows = rows;
            return;
        }
        // Per word: which parties and reviews match (one pass each).
        let hits: Vec<(Vec<bool>, Vec<bool>, [bool; 6])> = words
            .iter()
            .map(|w| {
                let mut obligations = [false; 6];
                for o in Obligation::ALL {
                    obligations[*o as usize] =
                        fold(o.label()).contains(w.as_str()) || o.as_str().contains(w.as_str());
                }
                (
                    d.party_text(desk).hits(w),
                    d.review_text(desk).hits(w),
                    obligations,
                )
            })
            .collect();
        let rows: Vec<usize> = d
            .overdue
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let o = d.entries[r.item].obligation;
                (self.due_soon || !r.due_soon)
                    && self.obligation.is_none_or(|x| o == x)
                    && self.group.is_none_or(|g| r.group == Some(g))
                    && self.region.is_none_or(|g| r.region == Some(g))
                    && hits.iter().all(|(parties, reviews, obligations)| {
                        (r.party != NONE && parties[r.party])
                            || r.review.is_some_and(|i| reviews[i])
                            || obligations[o as usize]
                    })
            })
            .map(|(i, _)| i)
            .collect();
        reselect(&mut self.cursor, &self.rows, &rows);
        self.rows = rows;
    }
}

/// Columns of the Reviews pane, each sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewColumn {
    Id,
    Group,
    UnderReview,
    Reviewers,
    Redraws,
    Languages,
    Stage,
    Next,
}

impl ReviewColumn {
    pub const ALL: [ReviewColumn; 8] = [
        ReviewColumn::Id,
        ReviewColumn::Group,
        ReviewColumn::UnderReview,
        ReviewColumn::Reviewers,
        ReviewColumn::Redraws,
        ReviewColumn::Languages,
        ReviewColumn::Stage,
        ReviewColumn::Next,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ReviewColumn::Id => "review",
            ReviewColumn::Group => "group",
            ReviewColumn::UnderReview => "under review",
            ReviewColumn::Reviewers => "reviewers",
            ReviewColumn::Redraws => "redraws",
            ReviewColumn::Languages => "languages",
            ReviewColumn::Stage => "stage",
            ReviewColumn::Next => "next deadline",
        }
    }
}

/// What the Reviews pane sorts and filters on, per review.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub review: usize,
    pub under_name: String,
    /// Folded, for sorting by name.
    pub under_key: String,
    pub reviewers: String,
    pub languages: String,
    /// Item index of the earliest unmet obligation.
    pub next: Option<usize>,
    /// Sort ranks of the name, reviewers and languages.
    pub ranks: [u32; 3],
}

/// The languages agreed at the consultation, as known on `as_of`: "—"
/// before the consultation, "pending" when it found no agreement.
pub fn languages_as_at(r: &crate::domain::model::Review, as_of: chrono::NaiveDate) -> String {
    if r.milestones.as_at(as_of).consultation_held.is_some() {
        crate::domain::stats::language_key(&r.languages)
    } else {
        "—".to_string()
    }
}

pub fn review_rows(desk: &Desk, d: &Derived) -> Vec<ReviewRow> {
    let mut rows: Vec<ReviewRow> = desk
        .reviews
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let under_name = d.name(d.party(&r.under_review)).to_string();
            ReviewRow {
                review: i,
                under_key: fold(&under_name),
                under_name,
                reviewers: r
                    .reviewers
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let code = d.code_of(c);
                        if k >= 2 { format!("+{code}") } else { code }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                languages: languages_as_at(r, d.as_of),
                next: d.next_deadline(i),
                ranks: [0; 3],
            }
        })
        .collect();
    // Text columns sort by rank: one string sort each, here, instead of
    // string comparisons at every sort.
    for (k, key) in [
        |r: &ReviewRow| r.under_key.clone(),
        |r: &ReviewRow| r.reviewers.clone(),
        |r: &ReviewRow| r.languages.clone(),
    ]
    .into_iter()
    .enumerate()
    {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_cached_key(|&i| key(&rows[i]));
        for (rank, i) in order.into_iter().enumerate() {
            rows[i].ranks[k] = rank as u32;
        }
    }
    rows
}

#[derive(Debug, Clone)]
pub struct ReviewsView {
    pub filter: LineInput,
    pub group: Option<u32>,
    pub stage: Option<Stage>,
    pub sort: ReviewColumn,
    pub descending: bool,
    /// Indexes into the review rows (= review indexes).
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
}

impl Default for ReviewsView {
    fn default() -> Self {
        ReviewsView {
            filter: LineInput::default(),
            group: None,
            stage: None,
            sort: ReviewColumn::Id,
            descending: false,
            rows: Vec::new(),
            cursor: ListCursor::default(),
        }
    }
}

impl ReviewsView {
    pub fn refilter(&mut self, desk: &Desk, d: &Derived, all: &[ReviewRow]) {
        let words = words(&self.filter.text);
        let text = d.review_text(desk);
        let stages = d.stages(desk);
        let rows: Vec<usize> = all
            .iter()
            .filter(|r| {
                let rev = &desk.reviews[r.review];
                self.group.is_none_or(|g| rev.group == g)
                    && self.stage.is_none_or(|s| stages[r.review] == Some(s))
                    && words
                        .iter()
                        .all(|w| text.row(r.review).contains(w.as_str()))
            })
            .map(|r| r.review)
            .collect();
        // One integer key per row: sorting 19,000 rows stays well under a
        // millisecond or two.
        let key = |i: usize| -> u64 {
            let r = &desk.reviews[i];
            match self.sort {
                ReviewColumn::Id => 0,
                ReviewColumn::Group => u64::from(r.group),
                ReviewColumn::UnderReview => u64::from(all[i].ranks[0]),
                ReviewColumn::Reviewers => u64::from(all[i].ranks[1]),
                ReviewColumn::Redraws => u64::from(r.redraws),
                ReviewColumn::Languages => u64::from(all[i].ranks[2]),
                ReviewColumn::Stage => stages[i].map_or(u64::MAX, |s| s as u64),
                // Reviews with nothing owed go last.
                ReviewColumn::Next => all[i].next.map_or(u64::MAX, |n| {
                    let days = (d.entries[n].due - chrono::NaiveDate::MIN).num_days();
                    days as u64
                }),
            }
        };
        let desc = self.descending;
        let mut keyed: Vec<(u64, i64, usize)> = rows
            .iter()
            .map(|&i| {
                let k = key(i);
                let id = desk.reviews[i].id;
                if desc {
                    (u64::MAX - k, -id, i)
                } else {
                    (k, id, i)
                }
            })
            .collect();
        keyed.sort_unstable();
        let rows: Vec<usize> = keyed.into_iter().map(|k| k.2).collect();
        reselect(&mut self.cursor, &self.rows, &rows);
        self.rows = rows;
    }
}

#[derive(Debug, Clone, Default)]
pub struct TimelineView {
    /// The review shown (by id).
    pub review: Option<i64>,
    pub filter: LineInput,
    /// First line of the lower list on screen.
    pub scroll: usize,
    pub height: usize,
}

#[derive(Debug, Clone, Default)]
pub struct PartiesView {
    pub filter: LineInput,
    /// `Some(None)`: parties that belong to no group yet.
    pub group: Option<Option<u32>>,
    pub region: Option<Region>,
    /// Party indexes, in name order.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    pub detail_scroll: usize,
}

/// Party indexes ordered by UN name.
pub fn party_order(d: &Derived) -> Vec<usize> {
    let mut v: Vec<(String, usize)> = d
        .party_name
        .iter()
        .enumerate()
        .map(|(i, n)| (fold(n), i))
        .collect();
    v.sort_unstable();
    v.into_iter().map(|(_, i)| i).collect()
}

impl PartiesView {
    pub fn refilter(&mut self, desk: &Desk, d: &Derived, order: &[usize]) {
        let words = words(&self.filter.text);
        let text = d.party_text(desk);
        let rows: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| {
                let p = &desk.parties[i];
                self.group.is_none_or(|g| p.group == g)
                    && self.region.is_none_or(|r| p.regional_group == Some(r))
                    && words.iter().all(|w| text.row(i).contains(w.as_str()))
            })
            .collect();
        let before = self.rows.get(self.cursor.selected).copied();
        reselect(&mut self.cursor, &self.rows, &rows);
        if self.rows.get(self.cursor.selected).copied() != before {
            self.detail_scroll = 0;
        }
        self.rows = rows;
    }
}

/// One person in the Contacts list.
#[derive(Debug, Clone, Copy)]
pub struct ContactRow {
    pub person: usize,
    pub current: bool,
    /// Length of the person's name at the start of the row's search text.
    pub name_len: usize,
    /// Length of the name and party name, the part fuzzy matching reads.
    pub fuzzy_len: usize,
}

/// Everyone nominated by the date (current people first, then by name),
/// and their folded search text.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub rows: Vec<ContactRow>,
    pub text: Corpus,
}

/// `full` holds e-mail and phone by person index when the desk in
/// memory does not (the app reads them from the store while building).
pub fn contacts(
    desk: &Desk,
    d: &Derived,
    full: Option<&[(Option<String>, Option<String>)]>,
) -> Contacts {
    use super::data::safe;
    let mut order: Vec<(bool, String, usize)> = desk
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.nominated <= d.as_of)
        .map(|(i, p)| (!p.current(d.as_of), fold(&safe(&p.name)), i))
        .collect();
    order.sort_unstable();
    let mut text = Corpus::with_capacity(order.len(), order.len() * 100);
    let mut rows = Vec::with_capacity(order.len());
    for (ended, folded_name, i) in order {
        let p = &desk.people[i];
        let pi = d.party(&p.party);
        let party_name = d.name(pi);
        let code = if pi == NONE { "?" } else { d.code(pi) };
        let (email, phone) = match full.and_then(|f| f.get(i)) {
            Some((e, ph)) => (e.as_deref(), ph.as_deref()),
            None => (p.email.as_deref(), p.phone.as_deref()),
        };
        let email = safe(email.unwrap_or(""));
        let phone = safe(phone.unwrap_or(""));
        text.push(&[
            &folded_name,
            party_name,
            code,
            &email,
            &phone,
            super::data::role_label(p.role),
        ]);
        rows.push(ContactRow {
            person: i,
            current: !ended,
            name_len: folded_name.len(),
            fuzzy_len: folded_name.len() + 1 + super::search::folded_len(party_name),
        });
    }
    Contacts { rows, text }
}

/// Substring matches before fuzzy ones are looked for: with this many,
/// the fuzzy tail would be far below the screen.
pub const FUZZY_WHEN_FEWER_THAN: usize = 200;

pub struct ContactsView {
    pub filter: LineInput,
    /// Indexes into the contact rows: substring matches first (those in
    /// the name first, each in list order), then fuzzy matches (best
    /// first).
    pub rows: Vec<usize>,
    /// How many of `rows` are substring matches.
    pub exact: usize,
    pub cursor: ListCursor,
    /// The query the rows answer, to narrow incrementally while typing.
    answered: String,
    /// Every substring match of `answered`.
    subs: Vec<usize>,
    /// Every fuzzy match of `answered` (before weak ones were dropped),
    /// when the fuzzy pass ran over all rows.
    fuzzy: Option<Vec<usize>>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Default for ContactsView {
    fn default() -> Self {
        ContactsView {
            filter: LineInput::default(),
            rows: Vec::new(),
            exact: 0,
            cursor: ListCursor::default(),
            answered: String::new(),
            subs: Vec::new(),
            fuzzy: None,
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }
}

impl std::fmt::Debug for ContactsView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactsView")
            .field("filter", &self.filter)
            .field("rows", &self.rows.len())
            .field("exact", &self.exact)
            .field("cursor", &self.cursor)
            .finish()
    }
}

impl ContactsView {
    /// Forgets the previous answer (the rows changed underneath).
    pub fn reset(&mut self) {
        self.answered.clear();
        self.subs.clear();
        self.fuzzy = None;
        self.rows.clear();
    }

    /// Narrows the list to the query: rows holding every word (case and
    /// accents ignored) first, in list order; then, when those are few,
    /// names that match every word fuzzily, best first. When the query
    /// only grew, only the previous matches are searched again.
    pub fn refilter(&mut self, all: &Contacts) {
        let q = self.filter.text.trim().to_string();
        let old = std::mem::take(&mut self.rows);
        if q.is_empty() {
            self.rows = (0..all.rows.len()).collect();
            self.exact = self.rows.len();
            self.subs.clear();
            self.fuzzy = None;
            self.answered.clear();
            reselect(&mut self.cursor, &old, &self.rows);
            return;
        }
        let grew = !self.answered.is_empty() && q.starts_with(&self.answered);
        let words = words(&q);
        let prev_subs = std::mem::take(&mut self.subs);
        let subs: Vec<usize> = if grew {
            prev_subs
                .iter()
                .copied()
                .filter(|&r| {
                    let t = all.text.row(r);
                    words.iter().all(|w| t.contains(w.as_str()))
                })
                .collect()
        } else {
            all.text.rows_containing_all(&words)
        };
        let prev_fuzzy = self.fuzzy.take();
        let mut fuzzy_rows = Vec::new();
        if q.chars().count() >= 3 && subs.len() < FUZZY_WHEN_FEWER_THAN {
            let universe: Vec<usize> = match (grew, prev_fuzzy) {
                (true, Some(f)) => {
                    let mut u: Vec<usize> = prev_subs.into_iter().chain(f).collect();
                    u.sort_unstable();
                    u
                }
                _ => (0..all.rows.len()).collect(),
            };
            let atoms: Vec<Atom> = q
                .split_whitespace()
                .map(|w| {
                    Atom::new(
                        w,
                        CaseMatching::Ignore,
                        Normalization::Smart,
                        AtomKind::Fuzzy,
                        false,
                    )
                })
                .collect();
            let mut scored = Vec::new();
            let mut k = 0;
            for r in universe {
                // Skip the substring matches (both lists ascending).
                while k < subs.len() && subs[k] < r {
                    k += 1;
                }
                if k < subs.len() && subs[k] == r {
                    continue;
                }
                let row = all.text.row(r);
                let name = &row[..all.rows[r].fuzzy_len.min(row.len())];
                let hay = Utf32Str::new(name, &mut self.buf);
                let mut total = 0u32;
                let mut hit = true;
                for a in &atoms {
                    match a.score(hay, &mut self.matcher) {
                        Some(s) => total += u32::from(s),
                        None => {
                            hit = false;
                            break;
                        }
                    }
                }
                if hit {
                    scored.push((total, r));
                }
            }
            self.fuzzy = Some(scored.iter().map(|s| s.1).collect());
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            // Far-fetched matches (letters strewn about) are noise: keep
            // those at least half as good as the best.
            if let Some(&(best, _)) = scored.first() {
                scored.retain(|(s, _)| s * 2 >= best);
            }
            fuzzy_rows = scored.into_iter().map(|s| s.1).collect();
        }
        self.exact = subs.len();
        // Matches in the person's name before matches elsewhere.
        let (mut in_name, elsewhere): (Vec<usize>, Vec<usize>) = subs.iter().partition(|&&r| {
            let row = all.text.row(r);
            let name = &row[..all.rows[r].name_len.min(row.len())];
            words.iter().all(|w| name.contains(w.as_str()))
        });
        in_name.extend(elsewhere);
        self.rows = in_name;
        self.rows.extend(fuzzy_rows);
        self.subs = subs;
        self.answered = q;
        reselect(&mut self.cursor, &old, &self.rows);
    }
}

#[derive(Debug, Clone, Default)]
pub struct FiguresView {
    pub scroll: usize,
    pub height: usize,
}
