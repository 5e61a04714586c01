//! The app's state: actions in, state out. No terminal here: the `ui`
//! module draws this state and feeds it keys; tests drive it directly.

pub mod action;
/// Who may only read: kept with the store, so headless commands obey it too.
pub use crate::store::config;
pub mod cursor;
pub mod data;
pub mod edit;
pub mod figures;
pub mod form;
pub mod keymap;
pub mod keys;
pub mod lines;
pub mod mail;
pub mod osc52;
pub mod palette;
pub mod panes;
pub mod screen;
pub mod search;

pub use action::Action;
pub use edit::{ConflictRow, Form, FormKind, Overlay, SavedChange, Side};
pub use keymap::{Context, Keymap};
pub use keys::{Key, KeyCode};
pub use panes::Pane;

use crate::domain::engine::Settings;
use crate::domain::model::{Obligation, Stage};
use crate::domain::roster::ScreenDesk;
use crate::domain::text::parse_user_date;
use crate::store::Store;
use chrono::NaiveDate;
use cursor::LineInput;
use data::Derived;
use panes::{
    AssistanceView, Contacts, ContactsView, FiguresView, OverdueView, PartiesView, ReviewRow,
    ReviewsView, TimelineView,
};
use screen::Reads;

/// Who is looking at which store: shown in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub db_path: String,
    pub user: String,
    pub read_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
}

/// What keys do right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing into the current pane's filter.
    Filter,
    /// Typing the as-at date.
    AsOf {
        input: LineInput,
        error: Option<String>,
    },
    /// The help overlay, scrolled by `scroll` lines.
    Help {
        scroll: usize,
    },
    /// The command palette: every action of the pane, narrowed by what is
    /// typed; `selected` indexes the entries that match.
    Palette {
        input: LineInput,
        selected: usize,
    },
    /// The last status messages, whole, scrolled by `scroll` lines.
    Messages {
        scroll: usize,
    },
    /// Paragraphs to read whole (reminders and their notes, sanitised),
    /// wrapped to the screen and scrolled by `scroll` lines.
    Reading {
        title: String,
        paragraphs: Vec<String>,
        scroll: usize,
    },
}

pub struct App {
    /// People as a roster (`desk.people`); the rest as read, of the
    /// cluster shown only (see `whole`).
    pub desk: ScreenDesk,
    /// The desk as read, every cluster, when `desk` is one cluster's view
    /// of it; `None` when the desk holds that cluster only.
    whole: Option<ScreenDesk>,
    /// The cluster asked for with `next_cluster`; `None`: the latest
    /// started as at the date.
    cluster_choice: Option<u32>,
    pub today: NaiveDate,
    pub data: Derived,
    pub keymap: Keymap,
    pub session: Session,
    pub mode: Mode,
    pub theme: ThemeKind,
    /// The last message for the status bar.
    pub message: Option<String>,
    /// The last [`MESSAGES_KEPT`] messages shown, oldest first (the status
    /// line cuts a long one; this keeps it whole).
    pub messages: std::collections::VecDeque<String>,
    pub quit: bool,
    /// Ctrl-C in a form holding typed input: quit once the discard is
    /// confirmed.
    quit_pending: bool,
    /// Asked to suspend to the shell (the terminal layer does it).
    pub suspend_requested: bool,
    /// Text to put on the clipboard (the terminal layer sends it, OSC 52).
    pub clipboard: Option<String>,
    /// Whether copies go to the terminal (and through what), or why not.
    pub copying: osc52::Copying,
    /// Asked to reload the desk from the store and repaint everything.
    pub reload_requested: bool,
    pane: Pane,
    back: Option<Pane>,
    pub overdue: OverdueView,
    pub reviews: ReviewsView,
    pub timeline: TimelineView,
    pub parties: PartiesView,
    pub contacts: ContactsView,
    pub figures: FiguresView,
    pub assistance: AssistanceView,
    /// The registers (assistance, training, translations, documents,
    /// pending languages, focal point scopes), read with the desk.
    pub registers: crate::domain::registers::Registers,
    review_rows: Option<Vec<ReviewRow>>,
    party_order: Option<Vec<usize>>,
    contacts_data: Option<Contacts>,
    /// Reminder tallies read from the store for the rows on screen, by
    /// (party, review, obligation) index: reminders are not kept in
    /// memory. `None`: the store could not be read.
    pub tallies: TallyCache,
    /// E-mail and phone of the people on screen, by id (read from the
    /// store once per person until the next reload).
    details: ContactCache,
    /// The reminders of the review on Timeline (id, as at, reminders).
    pub timeline_reminders: Option<TimelineReminders>,
    /// A form, dialog, list or audit trail over the panes: it takes the keys.
    pub overlay: Option<Overlay>,
    /// This session's saves, newest last: what `undo` takes back.
    pub undo: Vec<SavedChange>,
    /// Why the session may not write (shown when an editing key is used).
    pub read_only_reason: Option<String>,
    /// The person selected on Contacts before the rows were rebuilt.
    contact_keep: Option<(i64, usize)>,
    store: Option<Store>,
    /// The terminal is too small to show the panes: only quit acts.
    too_small: bool,
}

/// How many rows' worth of store reads the caches keep before starting
/// over (a page is 40 rows; scrolling 170,000 must not keep them all).
pub(crate) const CACHE_ROWS: usize = 4096;

/// How many status messages the messages list keeps.
pub const MESSAGES_KEPT: usize = 50;

/// Reminder tallies by (party index, review index, obligation).
pub type TallyCache = std::collections::HashMap<
    (usize, Option<usize>, Obligation),
    Option<crate::store::load::ReminderTally>,
>;
/// E-mail and phone by person id.
type ContactCache = std::collections::HashMap<i64, (Option<String>, Option<String>)>;
/// A review's reminders as at a date: (review id, as at, reminders).
pub type TimelineReminders = (i64, NaiveDate, Vec<crate::domain::model::Reminder>);

impl App {
    /// A session on `desk` as at `as_of` (default `today`).
    pub fn new(
        desk: impl Into<ScreenDesk>,
        today: NaiveDate,
        as_of: Option<NaiveDate>,
        keymap: Keymap,
        session: Session,
    ) -> App {
        let as_of = as_of.unwrap_or(today);
        let (desk, whole, cluster) = cluster_view(desk.into(), None, as_of);
        let keep = whole.as_ref().map(|w| nominating(w, cluster, as_of));
        let mut data = Derived::compute_in(&desk, as_of, Settings::default(), keep.as_deref());
        data.cluster = cluster;
        let mut app = App {
            desk,
            whole,
            cluster_choice: None,
            today,
            data,
            keymap,
            session,
            mode: Mode::Normal,
            theme: ThemeKind::Dark,
            message: None,
            messages: Default::default(),
            quit: false,
            quit_pending: false,
            suspend_requested: false,
            clipboard: None,
            copying: osc52::Copying::default(),
            reload_requested: false,
            pane: Pane::Overdue,
            back: None,
            overdue: OverdueView::default(),
            reviews: ReviewsView::default(),
            timeline: TimelineView::default(),
            parties: PartiesView::default(),
            contacts: ContactsView::default(),
            figures: FiguresView::default(),
            assistance: AssistanceView::default(),
            registers: Default::default(),
            review_rows: None,
            party_order: None,
            contacts_data: None,
            tallies: Default::default(),
            details: Default::default(),
            timeline_reminders: Default::default(),
            overlay: None,
            undo: Vec::new(),
            read_only_reason: None,
            contact_keep: None,
            store: None,
            too_small: false,
        };
        app.overdue.refilter(&app.desk, &app.data);
        app
    }

    /// Gives the session its store: saves go there, and the session is
    /// read-only when the store is (`reason` says why, for the status bar
    /// and the editing keys).
    pub fn attach_store(&mut self, store: Store, reason: Option<String>) {
        self.session.read_only = store.mode() == crate::store::Mode::ReadOnly;
        self.read_only_reason = if self.session.read_only { reason } else { None };
        match store.load_registers() {
            Ok(r) => self.registers = r,
            Err(e) => self.say(format!("cannot read the registers: {e}")),
        }
        let threshold = store.gate_threshold().unwrap_or_default();
        self.store = Some(store);
        if threshold != self.data.threshold {
            self.set_threshold(threshold);
        }
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }
    /// The store, to change it from outside the app (tests, tools).
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }

    /// Reads the desk again from the store and recomputes every pane,
    /// keeping filters and selections; `true` when the desk changed.
    /// Everything derived from the old desk is dropped before the new one
    /// is read, so that the two never sit beside everything else: at a
    /// hundred times the real desk a save used to hold 25 MB more for a
    /// moment (peak RSS 75 MB). The price: a desk that did not change (a
    /// reminder logged in another session) is derived again, about 150 ms
    /// at that scale, 3 ms on the real desk.
    pub fn reload_from_store(&mut self) -> Result<bool, crate::store::StoreError> {
        let Some(store) = self.store.take() else {
            return Ok(false);
        };
        if self.contact_keep.is_none() {
            self.contact_keep = self.contact_place();
        }
        let (as_of, settings) = (self.as_of(), self.data.settings);
        self.contacts_data = None;
        self.review_rows = None;
        self.party_order = None;
        self.data = Derived::compute(&ScreenDesk::default(), as_of, settings);
        // E-mails and phones may have changed; they do not depend on the
        // date, so only a reload forgets them.
        self.details.clear();
        let read = store
            .load_for_screens()
            .and_then(|d| Ok((d, store.load_registers()?)));
        self.data.threshold = store.gate_threshold().unwrap_or_default();
        self.store = Some(store);
        let (desk, registers) = match read {
            Ok(d) => d,
            Err(e) => {
                // The panes go back to the desk still held.
                self.recompute(as_of);
                return Err(e);
            }
        };
        let changed =
            desk != *self.whole.as_ref().unwrap_or(&self.desk) || registers != self.registers;
        self.desk = desk;
        self.whole = None;
        self.registers = registers;
        // Clears the caches of what the screens read on demand too: they
        // may have changed even when the desk did not (a reminder, an
        // e-mail).
        self.recompute(as_of);
        if changed {
            self.note_change_under_form();
        }
        Ok(changed)
    }

    /// Forgets what was read of the reminder log (tallies on screen, the
    /// Timeline's reminders): read again when next drawn.
    pub(crate) fn forget_reminders_read(&mut self) {
        self.tallies.clear();
        self.timeline_reminders = None;
    }

    pub fn pane(&self) -> Pane {
        self.pane
    }
    /// The thematic cluster the screens show.
    pub fn cluster(&self) -> u32 {
        self.data.cluster
    }
    /// The desk as read, every cluster (the screens show one).
    pub fn whole_desk(&self) -> &ScreenDesk {
        self.whole.as_ref().unwrap_or(&self.desk)
    }
    /// Shows the next cluster that has reviews (in number order, round).
    pub fn next_cluster(&mut self) {
        let whole = self.whole_desk();
        let mut have: Vec<u32> = whole.reviews.iter().map(|r| r.cluster).collect();
        have.sort_unstable();
        have.dedup();
        let now = self.cluster();
        let next = have
            .iter()
            .copied()
            .find(|c| *c > now)
            .or(have.first().copied());
        match next {
            Some(c) if c != now => {
                self.cluster_choice = Some(c);
                self.recompute(self.as_of());
                self.say(format!("cluster {c}: every pane shows its reviews"));
            }
            _ => self.say(format!("cluster {now} is the only cluster with reviews")),
        }
    }
    /// Sets the gate threshold the Figures pane uses (read from the store).
    pub fn set_threshold(&mut self, t: crate::domain::gate::Threshold) {
        self.data.threshold = t;
        self.recompute(self.as_of());
    }
    pub fn as_of(&self) -> NaiveDate {
        self.data.as_of
    }

    /// Replaces the desk (another session changed the store) and
    /// recomputes everything, keeping filters and selections.
    pub fn replace_desk(&mut self, desk: impl Into<ScreenDesk>) {
        // People are found again by id: a save may add or remove one.
        self.contact_keep = self.contact_place().or(self.contact_keep);
        self.desk = desk.into();
        self.whole = None;
        self.recompute(self.as_of());
    }

    /// Sets the as-at date and recomputes everything.
    pub fn set_as_of(&mut self, as_of: NaiveDate) {
        self.recompute(as_of);
    }

    fn recompute(&mut self, as_of: NaiveDate) {
        if self.contact_keep.is_none() {
            self.contact_keep = self.contact_place();
        }
        let full = self
            .whole
            .take()
            .unwrap_or_else(|| std::mem::take(&mut self.desk));
        let (desk, whole, cluster) = cluster_view(full, self.cluster_choice, as_of);
        (self.desk, self.whole) = (desk, whole);
        let threshold = self.data.threshold;
        let nominating = self.whole.as_ref().map(|w| nominating(w, cluster, as_of));
        self.data =
            Derived::compute_in(&self.desk, as_of, self.data.settings, nominating.as_deref());
        self.data.cluster = cluster;
        self.data.threshold = threshold;
        // Tallies and the Timeline's reminders are as at the date.
        self.forget_reminders_read();
        for p in Pane::ALL {
            p.unit().reset(self);
        }
        self.prepare(self.pane);
    }

    /// Builds the rows a pane needs, the first time it is shown.
    fn prepare(&mut self, pane: Pane) {
        pane.unit().prepare(self);
    }

    /// E-mail and phone of a person (by index): from the desk when it
    /// holds them, else as read for the screen, else (`read`) from the
    /// store.
    pub(in crate::app) fn details_of(
        &self,
        person: usize,
        read: Reads,
    ) -> (Option<String>, Option<String>) {
        if let Some((email, phone)) = self.desk.people.reach(person) {
            // A roster made from a desk read whole holds them.
            return (email.map(String::from), phone.map(String::from));
        }
        let id = self.desk.people.id(person);
        if let Some(d) = self.details.get(&id) {
            return d.clone();
        }
        match (read, &self.store) {
            (Reads::Store, Some(s)) => s.contact_details(id).unwrap_or_default(),
            _ => (None, None),
        }
    }

    /// E-mail and phone of a person (by index), from the store when the
    /// desk in memory does not hold them.
    pub fn contacts_details(&self, person: usize) -> (Option<String>, Option<String>) {
        self.details_of(person, Reads::Store)
    }

    pub fn review_rows(&self) -> &[ReviewRow] {
        self.review_rows.as_deref().unwrap_or(&[])
    }
    pub fn contact_rows(&self) -> &[panes::ContactRow] {
        self.contacts_data.as_ref().map_or(&[], |c| &c.rows[..])
    }

    /// The pace of the reviews and their projected conclusions.
    pub fn projection(&self) -> &crate::app::data::Projection {
        self.data.projection(&self.desk, self.whole_desk())
    }

    /// The paper's statistics as at the session's date.
    pub fn stats(&self) -> &crate::domain::stats::Stats {
        self.data.stats(&self.desk)
    }

    /// Stage of each review (by index) as at the session's date.
    pub fn stages(&self) -> &[Option<Stage>] {
        self.data.stages(&self.desk)
    }

    /// Switches pane (building its rows if needed). The status message
    /// belongs to the pane it was said on: a new pane starts without it.
    pub fn set_pane(&mut self, pane: Pane) {
        if pane != self.pane {
            self.back = None;
            self.message = None;
        }
        self.pane = pane;
        self.prepare(pane);
    }

    fn jump(&mut self, pane: Pane) {
        let from = self.pane;
        if pane != from {
            self.message = None;
        }
        self.set_pane(pane);
        self.back = Some(from);
    }

    /// The filter being edited or applied on the current pane.
    pub fn filter_input(&self, pane: Pane) -> Option<&LineInput> {
        pane.unit().filter(self)
    }
    fn filter_input_mut(&mut self, pane: Pane) -> Option<&mut LineInput> {
        pane.unit().filter_mut(self)
    }

    /// Rows shown and rows in all, for the status bar.
    pub fn counts(&self) -> Option<(usize, usize)> {
        self.pane.unit().counts(self)
    }

    fn say(&mut self, msg: impl Into<String>) {
        self.message = Some(msg.into());
    }

    /// Adds the message on the status line to the list of messages, once
    /// (the screen calls it every frame, so messages set from outside the
    /// app are kept too).
    pub fn remember_message(&mut self) {
        let Some(m) = &self.message else {
            return;
        };
        if self.messages.back() != Some(m) {
            if self.messages.len() == MESSAGES_KEPT {
                self.messages.pop_front();
            }
            self.messages.push_back(m.clone());
        }
    }

    /// Ctrl-C: quits, asking first when a form holds typed input (a
    /// second Ctrl-C quits without asking).
    fn interrupt(&mut self) {
        if !self.quit_pending
            && let Some(Overlay::Form(form)) = &mut self.overlay
            && form.fields.dirty()
        {
            form.fields.confirm_discard = true;
            form.fields.note = Some("Ctrl-C: discarding also quits revdesk".into());
            self.quit_pending = true;
            return;
        }
        self.quit = true;
    }

    /// Feeds one key.
    pub fn handle_key(&mut self, key: Key) {
        let key = key.normalized();
        // The interrupt key quits wherever it is pressed, as in every
        // terminal program.
        if key == Key::ctrl('c') {
            return self.interrupt();
        }
        if self.too_small {
            // Nothing acts unseen: the notice says what the keys do.
            if self.keymap.get(Context::Global, key) == Some(Action::Quit) {
                self.quit = true;
            }
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(key);
            return;
        }
        match self.mode.clone() {
            Mode::Help { scroll } => self.help_key(key, scroll),
            Mode::Messages { scroll } => self.messages_key(key, scroll),
            Mode::Reading { scroll, .. } => self.reading_key(key, scroll),
            Mode::Palette { input, selected } => self.palette_key(key, input, selected),
            Mode::Filter | Mode::AsOf { .. } => self.input_key(key),
            Mode::Normal => match self.keymap.lookup(self.pane.context(), key) {
                Some(a) => self.apply(a),
                None => self.say(format!(
                    "{} does nothing on this pane (? lists the keys)",
                    key.label()
                )),
            },
        }
    }

    /// Feeds a run of typed text (as if each character were a key).
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.handle_key(Key::char(c));
        }
    }

    fn reading_key(&mut self, key: Key, scroll: usize) {
        let Some(a) = self.keymap.lookup(self.pane.context(), key) else {
            return;
        };
        let Some(scroll) = overlay_scroll(a, Action::ReadNotes, scroll) else {
            self.mode = Mode::Normal;
            return;
        };
        if let Mode::Reading { scroll: s, .. } = &mut self.mode {
            *s = scroll;
        }
    }

    /// Opens the reading overlay on `paragraphs` (already sanitised).
    pub(in crate::app) fn read_whole(&mut self, title: String, paragraphs: Vec<String>) {
        self.mode = Mode::Reading {
            title,
            paragraphs,
            scroll: 0,
        };
    }

    fn messages_key(&mut self, key: Key, scroll: usize) {
        let Some(a) = self.keymap.lookup(self.pane.context(), key) else {
            return;
        };
        let Some(scroll) = overlay_scroll(a, Action::Messages, scroll) else {
            self.mode = Mode::Normal;
            return;
        };
        self.mode = Mode::Messages { scroll };
    }

    fn help_key(&mut self, key: Key, scroll: usize) {
        let Some(a) = self.keymap.lookup(self.pane.context(), key) else {
            return;
        };
        if a == Action::NextPane || a == Action::PrevPane || Pane::shown_by(a).is_some() {
            // Help follows the pane.
            self.apply(a);
            self.mode = Mode::Help { scroll };
            return;
        }
        let Some(scroll) = overlay_scroll(a, Action::Help, scroll) else {
            self.mode = Mode::Normal;
            return;
        };
        self.mode = Mode::Help { scroll };
    }

    fn input_key(&mut self, key: Key) {
        let action = self.keymap.get(Context::Input, key);
        let pane = self.pane;
        let as_of_mode = matches!(self.mode, Mode::AsOf { .. });
        let mut edited = false;
        {
            let input = match &mut self.mode {
                Mode::AsOf { input, .. } => Some(input),
                _ => None,
            };
            let input = match input {
                Some(i) => i,
                None => match self.filter_input_mut(pane) {
                    Some(i) => i,
                    None => {
                        self.mode = Mode::Normal;
                        return;
                    }
                },
            };
            match action {
                Some(Action::DeleteBack) => {
                    input.backspace();
                    edited = true;
                }
                Some(Action::ClearInput) => {
                    input.clear();
                    edited = true;
                }
                Some(Action::CursorLeft) => input.left(),
                Some(Action::CursorRight) => input.right(),
                Some(_) => {}
                None => {
                    if let Some(c) = key.typed_char() {
                        input.insert(c);
                        edited = true;
                    }
                }
            }
        }
        match action {
            Some(Action::Confirm) if as_of_mode => self.confirm_as_of(),
            Some(Action::Confirm) => {
                self.mode = Mode::Normal;
                let text = self
                    .filter_input(pane)
                    .map(|i| i.text.clone())
                    .unwrap_or_default();
                if !text.trim().is_empty() {
                    self.say(format!(
                        "filter {:?} kept (/ edits it, Esc clears it)",
                        text.trim()
                    ));
                }
            }
            Some(Action::Cancel) => {
                if !as_of_mode {
                    if let Some(i) = self.filter_input_mut(pane) {
                        i.clear();
                    }
                    pane.unit().refilter(self);
                }
                self.mode = Mode::Normal;
            }
            Some(
                a @ (Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::HalfPageUp
                | Action::HalfPageDown
                | Action::Top
                | Action::Bottom),
            ) if !as_of_mode => pane.unit().move_selection(self, a),
            _ => {}
        }
        if edited {
            if as_of_mode {
                if let Mode::AsOf { error, .. } = &mut self.mode {
                    *error = None;
                }
            } else {
                pane.unit().refilter(self);
                // A new query puts its best match first: select it.
                pane.unit().select_first(self);
            }
        }
    }

    /// The list cursor of the pane shown, when a list is what takes the
    /// keys (no overlay): the screen uses it to scroll the rows on the
    /// terminal instead of writing them again.
    pub fn list_cursor(&self) -> Option<cursor::ListCursor> {
        if self.overlay.is_some() {
            return None;
        }
        self.pane.unit().cursor(self)
    }

    fn confirm_as_of(&mut self) {
        let Mode::AsOf { input, .. } = &self.mode else {
            return;
        };
        let text = input.text.clone();
        match parse_user_date(&text, self.today) {
            Ok(d) => {
                self.mode = Mode::Normal;
                self.set_as_of(d);
                self.say(format!(
                    "as at {d}{}",
                    if d == self.today { " (today)" } else { "" }
                ));
            }
            Err(e) => {
                if let Mode::AsOf { error, .. } = &mut self.mode {
                    *error = Some(e.to_string());
                }
            }
        }
    }

    /// Applies one action in normal mode.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend_requested = true,
            Action::Palette => {
                self.mode = Mode::Palette {
                    input: LineInput::default(),
                    selected: 0,
                }
            }
            Action::Messages => {
                if self.messages.is_empty() {
                    self.say("no messages yet");
                } else {
                    self.mode = Mode::Messages { scroll: 0 };
                }
            }
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::NextPane => self.set_pane(self.pane.step(true)),
            Action::PrevPane => self.set_pane(self.pane.step(false)),
            Action::Filter => {
                if self.filter_input(self.pane).is_some() {
                    self.mode = Mode::Filter;
                } else {
                    self.say("nothing to filter on this pane");
                }
            }
            Action::SetAsOf => {
                self.mode = Mode::AsOf {
                    input: LineInput::default(),
                    error: None,
                }
            }
            Action::ToggleTheme => {
                self.theme = match self.theme {
                    ThemeKind::Dark => ThemeKind::Light,
                    ThemeKind::Light => ThemeKind::Dark,
                };
            }
            Action::Redraw => self.reload_requested = true,
            Action::NextCluster => self.next_cluster(),
            Action::Back => {
                if let Some(p) = self.back.take() {
                    self.pane = p;
                    self.message = None;
                    self.prepare(p);
                } else if self
                    .filter_input(self.pane)
                    .is_some_and(|f| !f.text.trim().is_empty())
                {
                    // A kept filter is what Esc takes away first.
                    if let Some(i) = self.filter_input_mut(self.pane) {
                        i.clear();
                    }
                    self.pane.unit().refilter(self);
                    self.say("filter cleared");
                } else {
                    self.message = None;
                }
            }
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown => self.pane.unit().move_selection(self, action),
            Action::Open => self.pane.unit().open(self),
            Action::Confirm
            | Action::Cancel
            | Action::DeleteBack
            | Action::ClearInput
            | Action::CursorLeft
            | Action::CursorRight
            | Action::Unbound => {}
            Action::Undo => {
                if self.may_edit(action) {
                    self.ask_undo();
                }
            }
            a => match Pane::shown_by(a) {
                Some(p) => {
                    self.set_pane(p);
                    p.unit().shown_by_key(self);
                }
                None => self.pane_action(a),
            },
        }
    }

    /// An action that belongs to some panes: run by the pane shown when
    /// it is one of them, refused with where to use it otherwise.
    fn pane_action(&mut self, action: Action) {
        if action.is_editing() && !self.may_edit(action) {
            return;
        }
        let pane = self.pane;
        if pane.handles(action) {
            return pane.unit().act(self, action);
        }
        let panes = Pane::handling(action);
        let Some(first) = panes.first() else {
            return;
        };
        let key = self.key_label(first.context(), action);
        self.say(format!(
            "{}: not on the {} pane (use it on {}, {key})",
            action.name(),
            pane.title(),
            panes::pane_list(&panes)
        ));
    }

    /// The mouse wheel over the list: moves its selection three rows; over
    /// the help, the messages or a text read whole, scrolls it.
    pub fn wheel(&mut self, down: bool) {
        // Nothing acts unseen (too small) or under an overlay.
        if self.too_small || self.overlay.is_some() {
            return;
        }
        match &mut self.mode {
            Mode::Normal => {}
            Mode::Help { scroll } | Mode::Messages { scroll } | Mode::Reading { scroll, .. } => {
                // The screen keeps it in range.
                *scroll = if down {
                    *scroll + 3
                } else {
                    scroll.saturating_sub(3)
                };
                return;
            }
            _ => return,
        }
        let a = if down { Action::Down } else { Action::Up };
        for _ in 0..3 {
            self.pane.unit().move_selection(self, a);
        }
    }

    /// A click on row `index` of the pane's list: selects it.
    pub fn click_row(&mut self, index: usize) {
        // Nothing acts unseen (too small) or under an overlay.
        if self.too_small || self.overlay.is_some() || self.mode != Mode::Normal {
            return;
        }
        if let Some((cursor, len)) = self.pane.unit().list(self)
            && index < len
        {
            cursor.selected = index;
            cursor.settle(len);
        }
    }

    /// A click on a pane's tab: shows it, as its number key does.
    pub fn click_tab(&mut self, pane: Pane) {
        // Nothing acts unseen (too small) or under an overlay.
        if self.too_small || self.overlay.is_some() || self.mode != Mode::Normal {
            return;
        }
        self.apply(pane.unit().show_action());
    }

    /// Takes the text waiting to go to the clipboard.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

/// By party index: whether its nominations belong to `cluster` (the
/// cluster of its first review).
fn nominating(whole: &ScreenDesk, cluster: u32, as_of: NaiveDate) -> Vec<bool> {
    let scope = crate::domain::clusters::Scope::new(whole.desk(), cluster, as_of);
    whole
        .parties
        .iter()
        .map(|p| scope.nominates(&p.code))
        .collect()
}

/// The desk the screens show for `choice` (default: the latest cluster
/// started as at `as_of`): `full` itself when it holds that cluster only,
/// else that cluster's view, with `full` kept beside it.
fn cluster_view(
    full: ScreenDesk,
    choice: Option<u32>,
    as_of: NaiveDate,
) -> (ScreenDesk, Option<ScreenDesk>, u32) {
    let cluster =
        choice.unwrap_or_else(|| crate::domain::clusters::default_cluster(full.desk(), as_of));
    if full.reviews.iter().all(|r| r.cluster == cluster) {
        return (full, None, cluster);
    }
    let view = crate::domain::clusters::view_reviews(full.desk(), cluster).into_owned();
    let desk = ScreenDesk::sharing(view, full.people.clone());
    (desk, Some(full), cluster)
}

/// Where a scrolled overlay (help, messages, a text read whole) goes on
/// `a`: `None` closes it (its own key, Back, Quit or Cancel).
fn overlay_scroll(a: Action, own: Action, scroll: usize) -> Option<usize> {
    Some(match a {
        a if a == own => return None,
        Action::Back | Action::Quit | Action::Cancel => return None,
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll + 1,
        Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(10),
        Action::PageDown | Action::HalfPageDown => scroll + 10,
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        _ => scroll,
    })
}
