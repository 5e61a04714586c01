//! The panes. Each is one module: its view state (filters, sort,
//! selection, the filtered rows), the commands its keys run, and what it
//! says about its selection; [`PaneUnit`] is what the app asks of it.
//!
//! To add a pane: write its module here (a view state kept in a field of
//! [`App`], a unit implementing [`PaneUnit`]), add one line to the
//! `panes!` list below, an `Action` that shows it, its table in
//! `assets/keymap.toml`, its render file in `ui/` (the compiler asks for
//! its arm in `ui::draw_pane`), and its snapshot tests.

use super::App;
use super::action::Action;
use super::cursor::{LineInput, ListCursor};
use super::keymap::Context;
use crate::store::StoreError;

pub mod assistance;
pub mod contacts;
pub mod figures;
pub mod overdue;
pub mod parties;
pub mod reviews;
pub mod timeline;

pub use assistance::{AssistanceColumn, AssistanceRow, AssistanceView, RowKind};
pub use contacts::{
    ContactColumn, ContactRow, ContactWord, Contacts, ContactsView, FUZZY_WHEN_FEWER_THAN,
    contacts, letters_of,
};
pub use figures::FiguresView;
pub use overdue::{OverdueColumn, OverdueView};
pub use parties::{PartiesColumn, PartiesView, party_order};
pub use reviews::{
    ReviewColumn, ReviewRow, ReviewsView, languages_as_at, review_rows, reviewers_text,
};
pub use timeline::TimelineView;

macro_rules! panes {
    ($($variant:ident => $unit:expr,)+) => {
        /// The panes, in number-key order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Pane { $($variant),+ }

        impl Pane {
            /// How many panes there are.
            pub const COUNT: usize = [$(Pane::$variant),+].len();
            pub const ALL: [Pane; Pane::COUNT] = [$(Pane::$variant),+];
            /// What the pane does.
            pub fn unit(self) -> &'static dyn PaneUnit {
                match self { $(Pane::$variant => &$unit),+ }
            }
        }
    };
}

// The one list of panes: variant and unit, in number-key order.
panes! {
    Overdue => overdue::OverduePane,
    Reviews => reviews::ReviewsPane,
    Timeline => timeline::TimelinePane,
    Parties => parties::PartiesPane,
    Contacts => contacts::ContactsPane,
    Figures => figures::FiguresPane,
    Assistance => assistance::AssistancePane,
}

impl Pane {
    pub fn title(self) -> &'static str {
        self.unit().title()
    }
    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
    /// Its table in the keymap.
    pub fn context(self) -> Context {
        Context::Pane(self)
    }
    /// The pane `step` places after this one, going round.
    pub fn step(self, forward: bool) -> Pane {
        let n = Pane::COUNT;
        let i = if forward {
            self.index() + 1
        } else {
            self.index() + n - 1
        };
        Pane::ALL[i % n]
    }
    /// The pane an action shows (a number key), if it shows one.
    pub fn shown_by(action: Action) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|p| p.unit().show_action() == action)
    }
    /// Whether `action` is one of this pane's own commands.
    pub fn handles(self, action: Action) -> bool {
        self.unit()
            .commands()
            .iter()
            .any(|c| c.own && c.action == action)
    }
    /// The panes where `action` is one of their own commands (empty: an
    /// action that works everywhere, or only in a form, dialog or input).
    pub fn handling(action: Action) -> Vec<Pane> {
        Pane::ALL
            .into_iter()
            .filter(|p| p.handles(action))
            .collect()
    }
    /// The actions of its hint bar, in order.
    pub fn hint_actions(self) -> impl Iterator<Item = Action> {
        self.unit()
            .commands()
            .iter()
            .filter(|c| c.hint)
            .map(|c| c.action)
    }
}

/// "the Overdue pane", "the Reviews or Timeline pane", "the A, B or C pane".
pub fn pane_list(panes: &[Pane]) -> String {
    let titles: Vec<&str> = panes.iter().map(|p| p.title()).collect();
    let names = match titles.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    };
    format!("the {names} pane")
}

/// One line of a pane's command list: an action, whether it belongs to
/// the pane (its keymap table may bind it, other panes refuse it) and
/// whether the hint bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub own: bool,
    pub hint: bool,
}

/// The pane's own command, in the hint bar.
pub const fn own(action: Action) -> Command {
    Command {
        action,
        own: true,
        hint: true,
    }
}
/// The pane's own command, left out of the hint bar (for want of room).
pub const fn quiet(action: Action) -> Command {
    Command {
        action,
        own: true,
        hint: false,
    }
}
/// An action that works everywhere, shown in this pane's hint bar.
pub const fn shown(action: Action) -> Command {
    Command {
        action,
        own: false,
        hint: true,
    }
}

/// The record whose audit trail the selection names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditSubject {
    Review(i64),
    /// A party, by code.
    Party(String),
    /// A person, by roster index.
    Person(usize),
    /// Another record, by its audit entity and key ("training", "3").
    Record(&'static str, String),
}

/// What the app asks of a pane. The pane's view state is a field of
/// [`App`] (the tests and the screens read it); the unit works on it.
/// Every method but the first four has a default for a pane without it.
pub trait PaneUnit: Sync {
    fn title(&self) -> &'static str;
    /// Its table in the keymap file ("overdue").
    fn table(&self) -> &'static str;
    /// The action that shows it.
    fn show_action(&self) -> Action;
    /// Its commands, in hint-bar order: the hint bar, the "not on this
    /// pane" message and the keymap's check all read this list.
    fn commands(&self) -> &'static [Command];

    /// Builds the rows it needs, the first time it is shown after the
    /// desk or the date changed.
    fn prepare(&self, _app: &mut App) {}
    /// Forgets what it derived from the desk (the desk or date changed).
    fn reset(&self, _app: &mut App) {}
    /// Its filter line, if it has one.
    fn filter<'a>(&self, _app: &'a App) -> Option<&'a LineInput> {
        None
    }
    fn filter_mut<'a>(&self, _app: &'a mut App) -> Option<&'a mut LineInput> {
        None
    }
    /// Applies its filters again (after the query or a filter changed).
    fn refilter(&self, _app: &mut App) {}
    /// The list that takes the cursor keys, and its length.
    fn list<'a>(&self, _app: &'a mut App) -> Option<(&'a mut ListCursor, usize)> {
        None
    }
    /// Its list cursor (`None`: no list).
    fn cursor(&self, _app: &App) -> Option<ListCursor> {
        None
    }
    /// Rows shown and rows in all, for the status bar.
    fn counts(&self, _app: &App) -> Option<(usize, usize)> {
        None
    }
    /// Moves the selection (or the scroll) by a cursor key.
    fn move_selection(&self, app: &mut App, action: Action) {
        if let Some((cursor, len)) = self.list(app) {
            cursor.apply(action, len);
        }
    }
    /// Selects the first row (a new query puts its best match first).
    fn select_first(&self, app: &mut App) {
        if let Some((cursor, len)) = self.list(app) {
            cursor.selected = 0;
            cursor.offset = 0;
            cursor.settle(len);
        }
    }
    /// Reads from the store what drawing `rows` lines of it needs (into
    /// the app's caches: drawing reads nothing).
    fn read_for_screen(&self, _app: &mut App, _rows: usize) -> Result<(), StoreError> {
        Ok(())
    }
    /// Opens the selected row elsewhere (Enter).
    fn open(&self, _app: &mut App) {}
    /// Shown by its number key (not by Enter elsewhere, nor by Tab).
    fn shown_by_key(&self, _app: &mut App) {}
    /// Runs one of its own commands (editing ones only in a session that
    /// may write).
    fn act(&self, _app: &mut App, _action: Action) {}
    /// The review selected or shown.
    fn current_review(&self, _app: &App) -> Option<i64> {
        None
    }
    /// The party selected (code).
    fn current_party_code(&self, _app: &App) -> Option<String> {
        None
    }
    /// The record whose audit trail `a` shows (`Err`: why there is none).
    fn audit_subject(&self, _app: &App) -> Result<AuditSubject, &'static str> {
        Err("audit: choose a review, party or person first")
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

/// The column after `current` among `all`, going round (`sort_next`).
pub(crate) fn next_column<C: Copy + PartialEq>(all: &[C], current: C) -> C {
    let i = all.iter().position(|c| *c == current).unwrap_or(0);
    all.get((i + 1) % all.len().max(1))
        .copied()
        .unwrap_or(current)
}

/// What the status line says after a sort key.
pub(crate) fn sorted_message(label: &str, descending: bool) -> String {
    let order = if descending {
        "descending"
    } else {
        "ascending"
    };
    format!("sorted by {label} ({order})")
}

/// `v` without the room a collect left over (up to half again, on lists
/// of 100,000 rows and more, kept for the whole session).
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// Moves the selection to where `keep` landed in the new rows, or the top.
fn reselect<T: Copy + PartialEq>(cursor: &mut ListCursor, old: &[T], new: &[T]) {
    let keep = old.get(cursor.selected).copied();
    cursor.selected = keep
        .and_then(|k| new.iter().position(|r| *r == k))
        .unwrap_or(0);
    cursor.settle(new.len());
}

/// Moves a scrolled text (Timeline, Figures) by a cursor key.
pub(in crate::app) fn scroll(pos: &mut usize, height: usize, action: Action) {
    let page = height.max(1);
    *pos = match action {
        Action::Up => pos.saturating_sub(1),
        Action::Down => *pos + 1,
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        Action::PageUp => pos.saturating_sub(page),
        Action::PageDown => *pos + page,
        Action::HalfPageUp => pos.saturating_sub(page.div_ceil(2)),
        Action::HalfPageDown => *pos + page.div_ceil(2),
        _ => *pos,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_round_every_pane() {
        let mut p = Pane::Overdue;
        let mut seen = Vec::new();
        for _ in 0..Pane::COUNT {
            seen.push(p);
            p = p.step(true);
        }
        assert_eq!(seen, Pane::ALL);
        assert_eq!(p, Pane::Overdue);
        assert_eq!(Pane::Overdue.step(false), Pane::Assistance);
    }

    #[test]
    fn each_pane_has_its_own_table_and_number_key() {
        for p in Pane::ALL {
            assert_eq!(Pane::shown_by(p.unit().show_action()), Some(p));
            assert_eq!(Context::from_name(p.unit().table()), Some(Context::Pane(p)));
        }
    }

    #[test]
    fn pane_lists_read_as_english() {
        assert_eq!(pane_list(&[Pane::Overdue]), "the Overdue pane");
        assert_eq!(
            pane_list(&[Pane::Reviews, Pane::Timeline]),
            "the Reviews or Timeline pane"
        );
        assert_eq!(
            pane_list(&Pane::handling(Action::MarkMet)),
            "the Overdue, Reviews or Timeline pane"
        );
    }
}
