//! Pane 2: every review, filtered by group and stage, sorted by any
//! column; milestones and redraws are recorded from here.

use super::{AuditSubject, Command, PaneUnit, cycle, exact, own, reselect, shown};
use crate::app::App;
use crate::app::action::Action;
use crate::app::cursor::{LineInput, ListCursor};
use crate::app::data::{Derived, WordHits};
use crate::app::search::{fold, words};
use crate::domain::model::Stage;
use crate::domain::roster::ScreenDesk;

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
    Projected,
}

impl ReviewColumn {
    pub const ALL: [ReviewColumn; 9] = [
        ReviewColumn::Id,
        ReviewColumn::Group,
        ReviewColumn::UnderReview,
        ReviewColumn::Reviewers,
        ReviewColumn::Redraws,
        ReviewColumn::Languages,
        ReviewColumn::Stage,
        ReviewColumn::Next,
        ReviewColumn::Projected,
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
            ReviewColumn::Projected => "projected conclusion",
        }
    }
}

/// What the Reviews pane sorts and filters on, per review.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    /// Item index of the earliest unmet obligation.
    pub next: Option<u32>,
    /// The day it concluded, or is projected to at the current pace.
    pub concludes: Option<chrono::NaiveDate>,
    /// Sort ranks of the name, reviewers and languages (the text itself
    /// is written only for the rows on screen).
    pub ranks: [u32; 3],
}

/// The reviewers column of a review: codes, the third and later marked
/// as substitutes ("+").
pub fn reviewers_text(r: &crate::domain::model::Review, d: &Derived) -> String {
    r.reviewers
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let code = d.code_of(c);
            if k >= 2 { format!("+{code}") } else { code }
        })
        .collect::<Vec<_>>()
        .join(", ")
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

/// `outlooks`: each review's, by index (see `Derived::projection`).
pub fn review_rows(
    desk: &ScreenDesk,
    d: &Derived,
    outlooks: &[Option<crate::domain::pace::Outlook>],
) -> Vec<ReviewRow> {
    let n = desk.reviews.len();
    let mut rows: Vec<ReviewRow> = (0..n)
        .map(|i| ReviewRow {
            next: d.next_deadline(i).map(|x| x as u32),
            concludes: outlooks.get(i).copied().flatten().and_then(|o| o.date()),
            ranks: [0; 3],
        })
        .collect();
    // Text columns sort by rank: one string sort each, here, instead of
    // string comparisons at every sort. One column's keys at a time.
    let keys: [&dyn Fn(usize) -> String; 3] = [
        &|i| fold(d.name(d.party(&desk.reviews[i].under_review))),
        &|i| reviewers_text(&desk.reviews[i], d),
        &|i| languages_as_at(&desk.reviews[i], d.as_of),
    ];
    for (k, key) in keys.into_iter().enumerate() {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_cached_key(|&i| key(i));
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
    /// What each word of the query finds (reused while typing).
    hits: Vec<WordHits>,
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
            hits: Vec::new(),
        }
    }
}

impl ReviewsView {
    /// Forgets the words' hits (the desk underneath changed).
    pub fn reset(&mut self) {
        self.hits.clear();
    }

    pub fn refilter(&mut self, desk: &ScreenDesk, d: &Derived, all: &[ReviewRow]) {
        let words = words(&self.filter.text);
        d.query_hits(desk, &words, &mut self.hits);
        let hits = &self.hits;
        let stages = d.stages(desk);
        let rows: Vec<usize> = (0..all.len().min(desk.reviews.len()))
            .filter(|&i| {
                self.group.is_none_or(|g| desk.reviews[i].group == g)
                    && self.stage.is_none_or(|s| stages[i] == Some(s))
                    && hits.iter().all(|h| h.reviews[i])
            })
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
                    let days = (d.entries[n as usize].due() - chrono::NaiveDate::MIN).num_days();
                    days as u64
                }),
                // Reviews that cannot be projected go last.
                ReviewColumn::Projected => all[i]
                    .concludes
                    .map_or(u64::MAX, |c| (c - chrono::NaiveDate::MIN).num_days() as u64),
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
        self.rows = exact(rows);
    }
}

/// The Reviews pane.
pub struct ReviewsPane;

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        shown(Filter),
        shown(Open),
        own(Edit),
        own(MarkMet),
        own(RequestRedraw),
        own(FilterGroup),
        own(FilterStage),
        own(SortNext),
        own(SortReverse),
        own(Audit),
        shown(SetAsOf),
        shown(Quit),
    ]
};

impl App {
    /// Builds the review rows, if not yet built (Reviews and Timeline).
    pub(in crate::app) fn prepare_reviews(&mut self) {
        if self.review_rows.is_none() {
            let rows = review_rows(&self.desk, &self.data, &self.projection().outlooks);
            self.review_rows = Some(rows);
            self.refilter_reviews();
        }
    }
    pub(in crate::app) fn refilter_reviews(&mut self) {
        if let Some(all) = &self.review_rows {
            self.reviews.refilter(&self.desk, &self.data, all);
        }
    }
    /// The review selected on Reviews.
    pub(in crate::app) fn selected_review(&self) -> Option<i64> {
        self.reviews
            .rows
            .get(self.reviews.cursor.selected)
            .map(|&i| self.desk.reviews[i].id)
    }
    /// Milestones, mark met and redraw act on the review selected or shown.
    pub(in crate::app) fn review_edit(&mut self, action: Action) {
        let Some(id) = self.current_review() else {
            return self.say("no review selected");
        };
        match action {
            Action::Edit | Action::MarkMet => {
                self.open_milestones(id, None, action == Action::MarkMet)
            }
            Action::RequestRedraw => self.ask_redraw(id),
            _ => {}
        }
    }
}

impl PaneUnit for ReviewsPane {
    fn title(&self) -> &'static str {
        "Reviews"
    }
    fn table(&self) -> &'static str {
        "reviews"
    }
    fn show_action(&self) -> Action {
        Action::PaneReviews
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn prepare(&self, app: &mut App) {
        app.prepare_reviews();
    }
    fn reset(&self, app: &mut App) {
        app.reviews.reset();
        app.review_rows = None;
    }
    fn filter<'a>(&self, app: &'a App) -> Option<&'a LineInput> {
        Some(&app.reviews.filter)
    }
    fn filter_mut<'a>(&self, app: &'a mut App) -> Option<&'a mut LineInput> {
        Some(&mut app.reviews.filter)
    }
    fn refilter(&self, app: &mut App) {
        app.refilter_reviews();
    }
    fn list<'a>(&self, app: &'a mut App) -> Option<(&'a mut ListCursor, usize)> {
        Some((&mut app.reviews.cursor, app.reviews.rows.len()))
    }
    fn cursor(&self, app: &App) -> Option<ListCursor> {
        Some(app.reviews.cursor)
    }
    fn counts(&self, app: &App) -> Option<(usize, usize)> {
        Some((app.reviews.rows.len(), app.desk.reviews.len()))
    }
    fn open(&self, app: &mut App) {
        if let Some(id) = app.selected_review() {
            app.open_review(id);
        }
    }
    fn act(&self, app: &mut App, action: Action) {
        let v = &mut app.reviews;
        let msg = match action {
            Action::Edit | Action::MarkMet | Action::RequestRedraw => {
                return app.review_edit(action);
            }
            Action::Audit => return app.open_audit(),
            Action::FilterGroup => {
                v.group = cycle(v.group, &app.data.groups);
                format!("group: {}", v.group.map_or("all".into(), |g| g.to_string()))
            }
            Action::FilterStage => {
                v.stage = cycle(v.stage, Stage::ALL);
                format!("stage: {}", v.stage.map_or("all", |s| s.label()))
            }
            Action::SortNext | Action::SortReverse => {
                if action == Action::SortNext {
                    let i = ReviewColumn::ALL
                        .iter()
                        .position(|c| *c == v.sort)
                        .unwrap_or(0);
                    v.sort = ReviewColumn::ALL[(i + 1) % ReviewColumn::ALL.len()];
                } else {
                    v.descending = !v.descending;
                }
                let order = if v.descending {
                    "descending"
                } else {
                    "ascending"
                };
                format!("sorted by {} ({order})", v.sort.label())
            }
            _ => return,
        };
        app.refilter_reviews();
        app.say(msg);
    }
    fn current_review(&self, app: &App) -> Option<i64> {
        app.selected_review()
    }
    fn audit_subject(&self, app: &App) -> Result<AuditSubject, &'static str> {
        app.selected_review()
            .map(AuditSubject::Review)
            .ok_or("no review selected")
    }
}
