//! Pane 5: quick lookup of focal points, experts and observers. The
//! search itself is in [`index`] (what a row holds) and [`query`] (how
//! the typed words narrow the list).

mod index;
mod query;

pub use index::{ContactRow, ContactWord, Contacts, contacts, letters_of};

use super::parties::purpose;
use super::{AuditSubject, Command, PaneUnit, next_column, own, quiet, shown, sorted_message};
use crate::app::App;
use crate::app::action::Action;
use crate::app::cursor::{LineInput, ListCursor};
use crate::app::data::{self, NONE};
use crate::app::screen::window;
use crate::store::StoreError;
use nucleo_matcher::{Config, Matcher};

/// Substring matches before fuzzy ones are looked for: with this many,
/// the fuzzy tail would be far below the screen.
pub const FUZZY_WHEN_FEWER_THAN: usize = 200;

/// The sortable columns of Contacts (the e-mail and phone are read
/// from the store only for the rows on screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactColumn {
    Name,
    Role,
    Party,
}

impl ContactColumn {
    pub const ALL: [ContactColumn; 3] = [
        ContactColumn::Name,
        ContactColumn::Role,
        ContactColumn::Party,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ContactColumn::Name => "name",
            ContactColumn::Role => "role",
            ContactColumn::Party => "party",
        }
    }
    /// Its column on screen.
    pub fn column(self) -> usize {
        match self {
            ContactColumn::Name => 0,
            ContactColumn::Role => 1,
            ContactColumn::Party => 2,
        }
    }
}

pub struct ContactsView {
    pub filter: LineInput,
    /// Name is the list's own order (current people first).
    pub sort: ContactColumn,
    pub descending: bool,
    /// Indexes into the contact rows: substring matches first (those in
    /// the name first, each in list order), then fuzzy matches (best
    /// first).
    pub rows: Vec<u32>,
    /// How many of `rows` are substring matches.
    pub exact: usize,
    pub cursor: ListCursor,
    /// The query the rows answer, to narrow incrementally while typing.
    answered: String,
    /// Every substring match of `answered`.
    subs: Vec<u32>,
    /// Every fuzzy match of `answered` (before weak ones were dropped),
    /// when the fuzzy pass ran over all rows.
    fuzzy: Option<Vec<u32>>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Default for ContactsView {
    fn default() -> Self {
        ContactsView {
            filter: LineInput::default(),
            sort: ContactColumn::Name,
            descending: false,
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

/// The Contacts pane.
pub struct ContactsPane;

const COMMANDS: &[Command] = {
    use Action::*;
    &[
        shown(Help),
        shown(Filter),
        own(Edit),
        own(Nominate),
        own(Substitute),
        own(EndNomination),
        own(CopyEmail),
        own(CopyCard),
        shown(Open),
        own(Audit),
        own(SortNext),
        own(SortReverse),
        shown(SetAsOf),
        shown(Quit),
        quiet(Delete),
    ]
};

impl App {
    fn refilter_contacts(&mut self) {
        if let Some(all) = &self.contacts_data {
            self.contacts.refilter(all);
        }
    }

    /// The person selected on Contacts and their row on screen, to find
    /// them again at the same place after the rows are rebuilt.
    pub(in crate::app) fn contact_place(&self) -> Option<(i64, usize)> {
        let id = self.current_contact()?;
        let c = self.contacts.cursor;
        Some((id, c.selected.saturating_sub(c.offset)))
    }

    /// Puts the Contacts selection back on the person it was on.
    fn reselect_contact(&mut self) {
        let Some((id, on_screen)) = self.contact_keep.take() else {
            return;
        };
        let rows = self.contact_rows();
        if let Some(pos) = self.contacts.rows.iter().position(|&r| {
            rows.get(r as usize)
                .is_some_and(|c| self.desk.people.id(c.person as usize) == id)
        }) {
            self.contacts.cursor.selected = pos;
            self.contacts.cursor.offset = pos.saturating_sub(on_screen);
            self.contacts.cursor.settle(self.contacts.rows.len());
        }
    }

    /// The person selected on Contacts (index into the roster).
    pub(in crate::app) fn current_person(&self) -> Option<usize> {
        let &c = self.contacts.rows.get(self.contacts.cursor.selected)?;
        Some(self.contact_rows().get(c as usize)?.person as usize)
    }

    /// The id of the person selected on Contacts.
    pub(in crate::app) fn current_contact(&self) -> Option<i64> {
        Some(self.desk.people.id(self.current_person()?))
    }

    /// Hands `text` to the terminal layer (unless copying is off) and
    /// says what was done with `what`.
    fn send_to_clipboard(&mut self, text: String, what: &str) {
        self.say(self.copying.message(what));
        if let crate::app::osc52::Copying::On(_) = self.copying {
            self.clipboard = Some(text);
        }
    }

    /// Puts the selected person's e-mail, or whole card, on the clipboard.
    fn copy(&mut self, card: bool) {
        let Some(person) = self.current_person() else {
            self.say("no contact selected");
            return;
        };
        // The desk in memory has no e-mail or phone: the store's.
        let (email, phone) = self.contacts_details(person);
        let people = &*self.desk.people;
        let name = crate::domain::text::sanitize(people.name(person));
        if card {
            let party = self
                .data
                .name(people.party(person).unwrap_or(NONE))
                .to_string();
            let text = data::contact_card(
                people,
                person,
                email.as_deref(),
                phone.as_deref(),
                &party,
                self.as_of(),
            );
            self.send_to_clipboard(text, &format!("the contact card of {name}"));
        } else {
            match &email {
                Some(e) if !e.trim().is_empty() => {
                    let e = crate::domain::text::sanitize(e);
                    self.send_to_clipboard(e.clone(), &e);
                }
                _ => self.say(format!("{name} has no e-mail address")),
            }
        }
    }
}

impl PaneUnit for ContactsPane {
    fn title(&self) -> &'static str {
        "Contacts"
    }
    fn table(&self) -> &'static str {
        "contacts"
    }
    fn show_action(&self) -> Action {
        Action::PaneContacts
    }
    fn commands(&self) -> &'static [Command] {
        COMMANDS
    }
    fn prepare(&self, app: &mut App) {
        if app.contacts_data.is_none() {
            app.contacts_data = Some(contacts(&app.desk, &app.data, app.store.as_ref()));
            app.contacts.reset();
            app.refilter_contacts();
            app.reselect_contact();
        }
    }
    fn reset(&self, app: &mut App) {
        app.contacts_data = None;
        app.contacts.reset();
    }
    fn filter<'a>(&self, app: &'a App) -> Option<&'a LineInput> {
        Some(&app.contacts.filter)
    }
    fn filter_mut<'a>(&self, app: &'a mut App) -> Option<&'a mut LineInput> {
        Some(&mut app.contacts.filter)
    }
    fn refilter(&self, app: &mut App) {
        app.refilter_contacts();
    }
    fn list<'a>(&self, app: &'a mut App) -> Option<(&'a mut ListCursor, usize)> {
        Some((&mut app.contacts.cursor, app.contacts.rows.len()))
    }
    fn cursor(&self, app: &App) -> Option<ListCursor> {
        Some(app.contacts.cursor)
    }
    fn counts(&self, app: &App) -> Option<(usize, usize)> {
        Some((app.contacts.rows.len(), app.contact_rows().len()))
    }
    fn read_for_screen(&self, app: &mut App, rows: usize) -> Result<(), StoreError> {
        let all = app.contact_rows();
        let people: Vec<usize> = window(app.contacts.cursor, app.contacts.rows.len(), rows)
            .filter_map(|pos| all.get(*app.contacts.rows.get(pos)? as usize))
            .map(|c| c.person as usize)
            .collect();
        app.read_details(people)
    }
    fn open(&self, app: &mut App) {
        if let Some(p) = app.current_person().and_then(|i| app.desk.people.party(i)) {
            app.open_party(p);
        }
    }
    fn act(&self, app: &mut App, action: Action) {
        match action {
            Action::Nominate => match self.current_party_code(app) {
                Some(code) => app.open_nominate(&code, None),
                None => app.say("no party selected"),
            },
            Action::Edit | Action::EndNomination | Action::Substitute | Action::Delete => {
                match app.current_contact() {
                    Some(id) => app.act_on_person(purpose(action), id, None),
                    None => app.say("no contact selected"),
                }
            }
            Action::CopyEmail | Action::CopyCard => app.copy(action == Action::CopyCard),
            Action::Audit => app.open_audit(),
            Action::SortNext | Action::SortReverse => {
                let v = &mut app.contacts;
                if action == Action::SortNext {
                    v.sort = next_column(&ContactColumn::ALL, v.sort);
                } else {
                    v.descending = !v.descending;
                }
                let msg = sorted_message(v.sort.label(), v.descending);
                app.refilter_contacts();
                app.say(msg);
            }
            _ => {}
        }
    }
    fn current_party_code(&self, app: &App) -> Option<String> {
        Some(app.desk.people.code(app.current_person()?).to_string())
    }
    fn audit_subject(&self, app: &App) -> Result<AuditSubject, &'static str> {
        app.current_person()
            .map(AuditSubject::Person)
            .ok_or("no contact selected")
    }
}
