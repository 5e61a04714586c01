//! Pane 1: every obligation overdue or due soon, most overdue first;
//! reminders, extensions and milestones are recorded from here.

use super::{
    AuditSubject, Command, PaneUnit, cycle, exact, next_column, own, quiet, reselect, shown,
    sorted_message,
};
use crate::app::App;
use crate::app::action::Action;
use crate::app::cursor::{LineInput, ListCursor};
use crate::app::data::{Derived, NONE, WordHits, party_of};
use crate::app::screen::window;
use crate::app::search::words;
use crate::domain::engine::Status;
use crate::domain::model::{Obligation, Region};
use crate::domain::roster::ScreenDesk;
use crate::store::StoreError;

/// Obligation, group, region and due-soon filters of Overdue, and its
/// sort (a change of order is not a narrowing).
type OverdueFilters = (
    Option<Obligation>,
    Option<u32>,
    Option<Region>,
    bool,
    OverdueColumn,
    bool,
);

/// The orders of the Overdue pane: triage (what to chase first; those
/// waiting on another party last), or by one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverdueColumn {
    Triage,
    Party,
    Obligation,
    Due,
    Review,
}

impl OverdueColumn {
    pub const ALL: [OverdueColumn; 5] = [
        OverdueColumn::Triage,
        OverdueColumn::Party,
        OverdueColumn::Obligation,
        OverdueColumn::Due,
        OverdueColumn::Review,
    ];
    pub fn label(self) -> &'static str {
        match self {
            OverdueColumn::Triage => "triage",
            OverdueColumn::Party => "party",
            OverdueColumn::Obligation => "obligation",
            OverdueColumn::Due => "due",
            OverdueColumn::Review => "review",
        }
    }
    /// Its column on screen (triage has none).
    pub fn column(self) -> Option<usize> {
        match self {
            OverdueColumn::Triage => None,
            OverdueColumn::Party => Some(0),
            OverdueColumn::Obligation => Some(1),
            OverdueColumn::Due => Some(3),
            OverdueColumn::Review => Some(5),
        }
    }
}

#[derive(Debug, Clone)]
pub struct OverdueView {
    pub filter: LineInput,
    pub obligation: Option<Obligation>,
    pub group: Option<u32>,
    pub region: Option<Region>,
    pub due_soon: bool,
    pub sort: OverdueColumn,
    pub descending: bool,
    /// Indexes into `Derived::overdue`.
    pub rows: Vec<u32>,
    pub cursor: ListCursor,
    /// The query and filters `rows` answer, to narrow them while the
    /// query only grows (typing is then a pass over the rows shown).
    answered: Option<(String, OverdueFilters)>,
    /// What each word of the query finds (reused while typing).
    hits: Vec<WordHits>,
    /// Rows marked for a bulk reminder (indexes into `Derived::overdue`),
    /// ascending.
    pub marked: Vec<u32>,
}

impl Default for OverdueView {
    fn default() -> Self {
        OverdueView {
            filter: LineInput::default(),
            obligation: None,
            group: None,
            region: None,
            due_soon: true,
            sort: OverdueColumn::Triage,
            descending: false,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            answered: None,
            hits: Vec::new(),
            marked: Vec::new(),
        }
    }
}

impl OverdueView {
    /// Forgets the rows answered (the rows underneath changed).
    pub fn reset(&mut self) {
        self.answered = None;
        self.hits.clear();
        self.marked.clear();
    }

    pub fn refilter(&mut self, desk: &ScreenDesk, d: &Derived) {
        let words = words(&self.filter.text);
        let q = self.filter.text.clone();
        let filters = (
            self.obligation,
            self.group,
            self.region,
            self.due_soon,
            self.sort,
            self.descending,
        );
        // While the query only grows, only the rows shown can still match.
        let narrowing = matches!(&self.answered,
            Some((a, f)) if !a.trim().is_empty() && q.starts_with(a.as_str()) && *f == filters);
        self.answered = Some((q, filters));
        d.query_hits(desk, &words, &mut self.hits);
        let hits = &self.hits;
        // Straight from the entries: a row is made only when a group or
        // region filter needs it.
        let finds = |k: usize| {
            let e = &d.entries[d.overdue[k] as usize];
            let review = e.review().map(|r| r as usize);
            hits.iter()
                .all(|h| h.finds(party_of(e), review, e.obligation()))
        };
        let mut rows: Vec<u32> = if narrowing {
            self.rows
                .iter()
                .copied()
                .filter(|&k| finds(k as usize))
                .collect()
        } else {
            let placed = |k: usize| {
                (self.group.is_none() && self.region.is_none())
                    || d.overdue_row(desk, k).is_some_and(|r| {
                        self.group.is_none_or(|g| r.group == Some(g))
                            && self.region.is_none_or(|g| r.region == Some(g))
                    })
            };
            (0..d.overdue.len())
                .filter(|&k| {
                    let e = &d.entries[d.overdue[k] as usize];
                    let due_soon = !matches!(e.status(), Status::Overdue { .. });
                    (self.due_soon || !due_soon)
                        && self.obligation.is_none_or(|x| e.obligation() == x)
                        && finds(k)
                        && placed(k)
                })
                .map(|k| k as u32)
                .collect()
        };
        if !narrowing {
            self.sort_rows(desk, d, &mut rows);
        }
        reselect(&mut self.cursor, &self.rows, &rows);
        self.rows = exact(rows);
    }
}

impl OverdueView {
    /// Puts `rows` (in triage order) in the order chosen; ties keep
    /// their triage order.
    fn sort_rows(&self, desk: &ScreenDesk, d: &Derived, rows: &mut [u32]) {
        let rank: Vec<u32> = match self.sort {
            OverdueColumn::Triage => {
                if self.descending {
                    rows.reverse();
                }
                return;
            }
            OverdueColumn::Party => {
                let mut rank = vec![u32::MAX; d.party_name.len()];
                for (r, p) in super::party_order(d).into_iter().enumerate() {
                    rank[p] = r as u32;
                }
                rank
            }
            _ => Vec::new(),
        };
        let key = |k: u32| -> u64 {
            let e = &d.entries[d.overdue[k as usize] as usize];
            match self.sort {
                OverdueColumn::Party => {
                    u64::from(rank.get(party_of(e)).copied().unwrap_or(u32::MAX))
                }
                OverdueColumn::Obligation => e.obligation() as u64,
                // Nominations (no review) last.
                OverdueColumn::Review => e
                    .review()
                    .and_then(|r| desk.reviews.get(r as usize))
                    .map_or(u64::MAX, |r| r.id as u64),
                _ => (e.due() - chrono::NaiveDate::MIN).num_days() as u64,
            }
        };
        if self.descending {
            rows.sort_by_cached_key(|&k| (std::cmp::Reverse(key(k)), k));
        } else {
            rows.sort_by_cached_key(|&k| (key(k), k));
        }
    }
}

impl App {
    /// Opens the reminders sent about the selected obligation, notes
    /// whole (a nomination's are read with a review of its party).
    fn read_overdue_notes(&mut self) {
        let Some(item) = self.selected_overdue_item() else {
            return self.say("no obligation selected");
        };
        let ri = match item.review {
            Some(id) => self.data.review_ix(&self.desk, id),
            None => self
                .data
                .reviewed_in
                .get(self.data.party(&item.party))
                .first()
                .map(|&r| r as usize),
        };
        let paragraphs = ri
            .map(|ri| self.reminder_paragraphs(ri, Some((&item.party, item.obligation))))
            .unwrap_or_default();
        let what = format!("{} {}", item.party, item.obligation.label());
        if paragraphs.is_empty() {
            return self.say(format!("no reminders about {what} as at {}", self.as_of()));
        }
        self.read_whole(format!("Reminders about {what}"), paragraphs);
    }
}

/// The Overdue pane.
pub struct OverduePane;

impl App {
    /// The obligation selected on Overdue.
    pub(in crate::app) fn selected_overdue_item(&self) -> Option<crate::domain::engine::Item> {
        let &r = self.overdue.rows.get(self.overdue.cursor.selected)?;
        let entry = *self.data.overdue.get(r as usize)? as usize;
        Some(self.data.item(&self.desk, entry))
    }
}

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        shown(Filter),
        shown(Open),
        own(Remind),
        own(Extend),
        own(MarkMet),
        own(MarkRow),
        own(SendMarked),
        own(FilterObligation),
        own(FilterGroup),
        own(FilterRegion),
        own(ToggleDueSoon),
        own(SortNext),
        own(SortReverse),
        own(ReadNotes),
        own(Audit),
        shown(Undo),
        shown(SetAsOf),
        shown(Quit),
        quiet(Delete),
    ]
};

impl PaneUnit for OverduePane {
    fn title(&self) -> &'static str {
        "Overdue"
    }
    fn table(&self) -> &'static str {
        "overdue"
    }
    fn show_action(&self) -> Action {
        Action::PaneOverdue
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn reset(&self, app: &mut App) {
        app.overdue.reset();
        app.overdue.refilter(&app.desk, &app.data);
    }
    fn filter<'a>(&self, app: &'a App) -> Option<&'a LineInput> {
        Some(&app.overdue.filter)
    }
    fn filter_mut<'a>(&self, app: &'a mut App) -> Option<&'a mut LineInput> {
        Some(&mut app.overdue.filter)
    }
    fn refilter(&self, app: &mut App) {
        app.overdue.refilter(&app.desk, &app.data);
    }
    fn list<'a>(&self, app: &'a mut App) -> Option<(&'a mut ListCursor, usize)> {
        Some((&mut app.overdue.cursor, app.overdue.rows.len()))
    }
    fn cursor(&self, app: &App) -> Option<ListCursor> {
        Some(app.overdue.cursor)
    }
    fn counts(&self, app: &App) -> Option<(usize, usize)> {
        Some((app.overdue.rows.len(), app.data.overdue.len()))
    }
    fn read_for_screen(&self, app: &mut App, rows: usize) -> Result<(), StoreError> {
        app.read_tallies(window(app.overdue.cursor, app.overdue.rows.len(), rows))
    }
    fn open(&self, app: &mut App) {
        let Some(&r) = app.overdue.rows.get(app.overdue.cursor.selected) else {
            return;
        };
        let Some(row) = app.data.overdue_row(&app.desk, r as usize) else {
            return;
        };
        match row.review {
            Some(ri) => app.open_review(app.desk.reviews[ri].id),
            None if row.party != NONE => app.open_party(row.party),
            None => {}
        }
    }
    fn act(&self, app: &mut App, action: Action) {
        let v = &mut app.overdue;
        let msg = match action {
            Action::Remind | Action::Extend | Action::MarkMet => return app.overdue_edit(action),
            Action::MarkRow => return app.overdue_toggle_mark(),
            Action::SendMarked => return app.overdue_ask_send(),
            Action::Delete => return app.overdue_delete(),
            Action::Audit => return app.open_audit(),
            Action::ReadNotes => return app.read_overdue_notes(),
            Action::FilterObligation => {
                v.obligation = cycle(v.obligation, Obligation::ALL);
                format!("obligation: {}", v.obligation.map_or("all", |o| o.label()))
            }
            Action::FilterGroup => {
                v.group = cycle(v.group, &app.data.groups);
                format!("group: {}", v.group.map_or("all".into(), |g| g.to_string()))
            }
            Action::FilterRegion => {
                v.region = cycle(v.region, Region::ALL);
                format!("regional group: {}", v.region.map_or("all", |r| r.as_str()))
            }
            Action::ToggleDueSoon => {
                v.due_soon = !v.due_soon;
                let msg = if v.due_soon {
                    "showing rows due soon"
                } else {
                    "hiding rows due soon"
                };
                msg.to_string()
            }
            Action::SortNext => {
                v.sort = next_column(&OverdueColumn::ALL, v.sort);
                sorted_message(v.sort.label(), v.descending)
            }
            Action::SortReverse => {
                v.descending = !v.descending;
                sorted_message(v.sort.label(), v.descending)
            }
            _ => return,
        };
        app.overdue.refilter(&app.desk, &app.data);
        app.say(msg);
    }
    fn current_review(&self, app: &App) -> Option<i64> {
        app.selected_overdue_item()?.review
    }
    fn audit_subject(&self, app: &App) -> Result<AuditSubject, &'static str> {
        let item = app
            .selected_overdue_item()
            .ok_or("no obligation selected")?;
        Ok(match item.review {
            Some(id) => AuditSubject::Review(id),
            None => AuditSubject::Party(item.party.to_string()),
        })
    }
}
