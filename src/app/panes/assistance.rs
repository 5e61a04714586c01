//! Pane 7: the registers of the secretariat's support (DESIGN.md section
//! 7): requests for assistance and needs identified, by party and
//! category; training delivered; translation requests. Filtered by kind,
//! category and text, sorted by any column; each kind is recorded, edited
//! and deleted from here (the forms are in `edit::registers`), and the
//! documents of a need's or a translation request's review opened.

use super::{AuditSubject, Command, PaneUnit, cycle, exact, own, reselect, shown};
use crate::app::App;
use crate::app::action::Action;
use crate::app::cursor::{LineInput, ListCursor};
use crate::app::edit::register_ref;
use crate::app::search::{fold, words};
use crate::domain::figures::language_name;
use crate::domain::registers::{AssistanceCategory, Registers};
use crate::domain::text::sanitize;
use chrono::NaiveDate;

/// What a row of the pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKind {
    Request,
    Need,
    Training,
    Translation,
}

impl RowKind {
    pub const ALL: [RowKind; 4] = [
        RowKind::Request,
        RowKind::Need,
        RowKind::Training,
        RowKind::Translation,
    ];
    pub fn label(self) -> &'static str {
        match self {
            RowKind::Request => "request",
            RowKind::Need => "need",
            RowKind::Training => "training",
            RowKind::Translation => "translation",
        }
    }
}

/// Columns of the pane, each sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssistanceColumn {
    Date,
    Kind,
    Party,
    Category,
    Status,
    Detail,
}

impl AssistanceColumn {
    pub const ALL: [AssistanceColumn; 6] = [
        AssistanceColumn::Date,
        AssistanceColumn::Kind,
        AssistanceColumn::Party,
        AssistanceColumn::Category,
        AssistanceColumn::Status,
        AssistanceColumn::Detail,
    ];
    pub fn label(self) -> &'static str {
        match self {
            AssistanceColumn::Date => "date",
            AssistanceColumn::Kind => "kind",
            AssistanceColumn::Party => "party",
            AssistanceColumn::Category => "category",
            AssistanceColumn::Status => "status",
            AssistanceColumn::Detail => "detail",
        }
    }
}

/// One record as the pane shows it; text already made inert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssistanceRow {
    pub kind: RowKind,
    /// The record's id in its register.
    pub id: i64,
    pub date: NaiveDate,
    /// Party code(s): the requesting party, the party under review, or
    /// how many parties a training had.
    pub party: String,
    pub category: Option<AssistanceCategory>,
    pub status: String,
    pub detail: String,
    /// The review a need or a translation request is about.
    pub review: Option<i64>,
    /// Folded text the filter searches.
    text: String,
}

/// Every record of the registers as at `as_of`, oldest first.
pub fn assistance_rows(
    reg: &Registers,
    as_of: NaiveDate,
    under_review: &dyn Fn(i64) -> String,
) -> Vec<AssistanceRow> {
    let reg = reg.as_at(as_of);
    let mut rows = Vec::new();
    let mut push = |(kind, review): (RowKind, Option<i64>),
                    id: i64,
                    date: NaiveDate,
                    party: String,
                    category: Option<AssistanceCategory>,
                    status: String,
                    detail: String| {
        let text = fold(&format!(
            "{} {party} {} {status} {detail}",
            RowKind::label(kind),
            category.map_or("", |c| c.short_label())
        ));
        rows.push(AssistanceRow {
            kind,
            id,
            date,
            party,
            category,
            status,
            detail,
            review,
            text,
        });
    };
    for r in &reg.assistance_requests {
        push(
            (RowKind::Request, None),
            r.id,
            r.date,
            sanitize(&r.party),
            Some(r.category),
            r.status.label().to_string(),
            sanitize(&r.note),
        );
    }
    for n in &reg.assistance_needs {
        push(
            (RowKind::Need, Some(n.review)),
            n.id,
            n.identified,
            under_review(n.review),
            Some(n.category),
            format!("review {}", n.review),
            sanitize(&n.description),
        );
    }
    for t in &reg.trainings {
        let langs: Vec<&str> = t.languages.iter().map(|l| l.name()).collect();
        push(
            (RowKind::Training, None),
            t.id,
            t.date,
            format!("{} parties", t.parties.len()),
            None,
            format!("{} officials", t.officials),
            format!("{} ({})", sanitize(&t.title), langs.join(", ")),
        );
    }
    for t in &reg.translation_requests {
        push(
            (RowKind::Translation, Some(t.review)),
            t.id,
            t.date,
            under_review(t.review),
            None,
            format!("review {}", t.review),
            format!(
                "{} from {} into {}",
                t.document.label(),
                language_name(t.from),
                language_name(t.to)
            ),
        );
    }
    rows.sort_by_key(|r| (r.date, r.kind, r.id));
    rows
}

#[derive(Debug, Clone)]
pub struct AssistanceView {
    pub filter: LineInput,
    pub kind: Option<RowKind>,
    pub category: Option<AssistanceCategory>,
    pub sort: AssistanceColumn,
    pub descending: bool,
    /// Every record as at the session's date (built when first shown).
    pub all: Vec<AssistanceRow>,
    /// Indexes into `all`, filtered and sorted.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    built: bool,
    /// The record selected before the rows were rebuilt, to select again.
    keep: Option<(RowKind, i64)>,
}

impl Default for AssistanceView {
    fn default() -> Self {
        AssistanceView {
            filter: LineInput::default(),
            kind: None,
            category: None,
            sort: AssistanceColumn::Date,
            descending: false,
            all: Vec::new(),
            rows: Vec::new(),
            cursor: ListCursor::default(),
            built: false,
            keep: None,
        }
    }
}

impl AssistanceView {
    pub fn refilter(&mut self) {
        let words = words(&self.filter.text);
        let all = &self.all;
        let mut rows: Vec<usize> = (0..all.len())
            .filter(|&i| {
                let r = &all[i];
                self.kind.is_none_or(|k| r.kind == k)
                    && self.category.is_none_or(|c| r.category == Some(c))
                    && words.iter().all(|w| r.text.contains(w.as_str()))
            })
            .collect();
        let key = |i: &usize| {
            let (r, i) = (&all[*i], *i);
            match self.sort {
                AssistanceColumn::Date => (String::new(), r.date, i),
                AssistanceColumn::Kind => (r.kind.label().to_string(), r.date, i),
                AssistanceColumn::Party => (fold(&r.party), r.date, i),
                AssistanceColumn::Category => (
                    r.category
                        .map_or("~".to_string(), |c| format!("{}", c as u8)),
                    r.date,
                    i,
                ),
                AssistanceColumn::Status => (fold(&r.status), r.date, i),
                AssistanceColumn::Detail => (fold(&r.detail), r.date, i),
            }
        };
        rows.sort_by_cached_key(key);
        if self.descending {
            rows.reverse();
        }
        reselect(&mut self.cursor, &self.rows, &rows);
        self.rows = exact(rows);
    }

    /// Selects record `id` of kind `kind` when the rows are next built
    /// (a record just saved).
    pub fn follow(&mut self, kind: RowKind, id: i64) {
        self.keep = Some((kind, id));
        self.built = false;
        self.all.clear();
        self.rows.clear();
    }

    /// The row selected.
    pub fn selected(&self) -> Option<&AssistanceRow> {
        self.all.get(*self.rows.get(self.cursor.selected)?)
    }
}

/// The Assistance pane.
pub struct AssistancePane;

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        shown(Filter),
        own(NewRecord),
        own(NewNeed),
        own(NewTraining),
        own(NewTranslation),
        own(Edit),
        own(Delete),
        own(Documents),
        own(FilterKind),
        own(FilterCategory),
        own(SortNext),
        own(SortReverse),
        own(Audit),
        shown(SetAsOf),
        shown(Quit),
    ]
};

impl App {
    /// Builds the rows of the Assistance pane from the registers.
    fn build_assistance(&mut self) {
        let as_of = self.as_of();
        let desk = &self.desk;
        let under_review = |id: i64| {
            desk.reviews
                .iter()
                .find(|r| r.id == id)
                .map_or_else(String::new, |r| sanitize(&r.under_review))
        };
        let v = &mut self.assistance;
        v.all = assistance_rows(&self.registers, as_of, &under_review);
        v.built = true;
        v.refilter();
        if let Some(keep) = v.keep.take()
            && let Some(i) = v
                .rows
                .iter()
                .position(|&k| (v.all[k].kind, v.all[k].id) == keep)
        {
            v.cursor.selected = i;
            v.cursor.settle(v.rows.len());
        }
    }
}

impl PaneUnit for AssistancePane {
    fn title(&self) -> &'static str {
        "Assistance"
    }
    fn table(&self) -> &'static str {
        "assistance"
    }
    fn show_action(&self) -> Action {
        Action::PaneAssistance
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn prepare(&self, app: &mut App) {
        if !app.assistance.built {
            app.build_assistance();
        }
    }
    fn reset(&self, app: &mut App) {
        let v = &mut app.assistance;
        v.keep = v.selected().map(|r| (r.kind, r.id)).or(v.keep);
        app.assistance.built = false;
        app.assistance.all.clear();
        app.assistance.rows.clear();
    }
    fn filter<'a>(&self, app: &'a App) -> Option<&'a LineInput> {
        Some(&app.assistance.filter)
    }
    fn filter_mut<'a>(&self, app: &'a mut App) -> Option<&'a mut LineInput> {
        Some(&mut app.assistance.filter)
    }
    fn refilter(&self, app: &mut App) {
        app.assistance.refilter();
    }
    fn list<'a>(&self, app: &'a mut App) -> Option<(&'a mut ListCursor, usize)> {
        Some((&mut app.assistance.cursor, app.assistance.rows.len()))
    }
    fn cursor(&self, app: &App) -> Option<ListCursor> {
        Some(app.assistance.cursor)
    }
    fn counts(&self, app: &App) -> Option<(usize, usize)> {
        Some((app.assistance.rows.len(), app.assistance.all.len()))
    }
    fn act(&self, app: &mut App, action: Action) {
        let v = &mut app.assistance;
        let msg = match action {
            Action::NewRecord => return app.open_register(RowKind::Request, None),
            Action::NewNeed => return app.open_register(RowKind::Need, None),
            Action::NewTraining => return app.open_register(RowKind::Training, None),
            Action::NewTranslation => return app.open_register(RowKind::Translation, None),
            Action::Edit => {
                return match v.selected().map(|r| (r.kind, r.id)) {
                    Some((kind, id)) => app.open_register(kind, Some(id)),
                    None => app.say("no record selected"),
                };
            }
            Action::Delete => {
                return match v.selected().map(|r| (r.kind, r.id)) {
                    Some((kind, id)) => app.ask_delete_register(register_ref(kind, id)),
                    None => app.say("no record selected"),
                };
            }
            Action::Documents => {
                return match self.current_review(app) {
                    Some(review) => app.open_documents(review),
                    None => app.say(
                        "documents: select a need or a translation request (they name a review)",
                    ),
                };
            }
            Action::Audit => return app.open_audit(),
            Action::FilterKind => {
                v.kind = cycle(v.kind, &RowKind::ALL);
                format!("kind: {}", v.kind.map_or("all", |k| k.label()))
            }
            Action::FilterCategory => {
                v.category = cycle(v.category, AssistanceCategory::ALL);
                format!(
                    "category: {}",
                    v.category.map_or("all", |c| c.short_label())
                )
            }
            Action::SortNext => {
                let i = AssistanceColumn::ALL
                    .iter()
                    .position(|c| *c == v.sort)
                    .unwrap_or(0);
                v.sort = AssistanceColumn::ALL[(i + 1) % AssistanceColumn::ALL.len()];
                format!("sorted by {}", v.sort.label())
            }
            Action::SortReverse => {
                v.descending = !v.descending;
                format!(
                    "sorted by {} {}",
                    v.sort.label(),
                    if v.descending {
                        "descending"
                    } else {
                        "ascending"
                    }
                )
            }
            _ => return,
        };
        app.assistance.refilter();
        app.say(msg);
    }
    fn current_review(&self, app: &App) -> Option<i64> {
        let r = app.assistance.selected()?;
        r.review
    }
    fn current_party_code(&self, app: &App) -> Option<String> {
        let r = app.assistance.selected()?;
        matches!(
            r.kind,
            RowKind::Request | RowKind::Need | RowKind::Translation
        )
        .then(|| r.party.clone())
    }
    fn audit_subject(&self, app: &App) -> Result<AuditSubject, &'static str> {
        let r = app.assistance.selected().ok_or("no record selected")?;
        Ok(AuditSubject::Record(
            match r.kind {
                RowKind::Request => "assistance_request",
                RowKind::Need => "assistance_need",
                RowKind::Training => "training",
                RowKind::Translation => "translation_request",
            },
            r.id.to_string(),
        ))
    }
}
