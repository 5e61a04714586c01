//! Pane 1: every obligation overdue or due soon, most overdue first;
//! reminders, extensions and milestones are recorded from here.

use super::{AuditSubject, Command, PaneUnit, cycle, exact, own, quiet, reselect, shown};
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
        let filters = (self.obligation, self.group, self.region, self.due_soon);
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
        let rows: Vec<u32> = if narrowing {
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
        reselect(&mut self.cursor, &self.rows, &rows);
        self.rows = exact(rows);
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
