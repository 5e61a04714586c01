//! Helpers for the app and screen tests: a desk imported into a temporary
//! store, an app on it as at the paper's date, and the screen as text.
#![allow(dead_code)]

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revdesk::app::{App, Key, Keymap, Session};
use revdesk::domain::interchange;
use revdesk::domain::model::Desk;
use revdesk::store::{Mode, Store};
use revdesk::ui::{self, Theme};

pub const SAMPLE: &str = include_str!("../common/sample.json");

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The paper's date: every figure "as at 29 February 2024".
pub fn as_of() -> NaiveDate {
    d("2024-02-29")
}

/// A fixed "today" for the tests (never the clock).
pub fn today() -> NaiveDate {
    d("2024-03-15")
}

pub fn sample_desk() -> Desk {
    interchange::parse(SAMPLE).expect("sample.json parses")
}

/// A store in a temporary folder holding `desk`.
pub struct TempStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl TempStore {
    pub fn with(desk: &Desk) -> TempStore {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("desk.db"), Mode::ReadWrite).unwrap();
        store.set_user("tester");
        store.write(|w| w.import(desk, false)).unwrap();
        TempStore { dir, store }
    }
}

/// A session on `desk` (through a real store) as at the paper's date.
pub fn app_on(desk: &Desk) -> App {
    let ts = TempStore::with(desk);
    let loaded = ts.store.load_desk().unwrap();
    App::new(
        loaded,
        today(),
        Some(as_of()),
        Keymap::defaults(),
        Session {
            db_path: "/srv/revdesk/desk.db".into(),
            user: "tester".into(),
            read_only: false,
        },
    )
}

pub fn sample_app() -> App {
    app_on(&sample_desk())
}

/// Draws the app on a `w`×`h` test terminal, without colour.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    screen_with(app, w, h, Theme::mono())
}

pub fn screen_with(app: &mut App, w: u16, h: u16, th: Theme) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &th)).unwrap();
    ui::buffer_text(t.backend().buffer())
}

/// The raw cells of a drawn screen (every symbol, for escape checks).
pub fn raw_cells(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &Theme::mono())).unwrap();
    t.backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol().to_string())
        .collect()
}

pub fn key(s: &str) -> Key {
    Key::parse(s).unwrap()
}

/// Presses keys given in keymap spelling, one per item.
pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        app.handle_key(key(k));
    }
}

/// A session on `desk` that owns its store (in a temporary folder kept by
/// the returned guard), as the terminal app runs: saves go to the store.
pub fn editing_app_on(desk: &Desk) -> (tempfile::TempDir, App) {
    let TempStore { dir, store } = TempStore::with(desk);
    // What the terminal app reads: no reminder log, no e-mail or phone.
    let loaded = store.load_for_screens().unwrap();
    let mut app = App::new(
        loaded,
        today(),
        Some(as_of()),
        Keymap::defaults(),
        Session {
            db_path: "/srv/revdesk/desk.db".into(),
            user: "tester".into(),
            read_only: false,
        },
    );
    app.attach_store(store, None);
    (dir, app)
}

/// The sample desk in a store, with a session editing it.
pub fn editing_app() -> (tempfile::TempDir, App) {
    editing_app_on(&sample_desk())
}

/// A second connection to the store of `dir`, as a colleague's session.
pub fn colleague(dir: &tempfile::TempDir, user: &str) -> Store {
    let mut s = Store::open(&dir.path().join("desk.db"), Mode::ReadWrite).unwrap();
    s.set_user(user);
    s
}

/// Types text into whatever has the keys, one character at a time.
pub fn type_in(app: &mut App, s: &str) {
    app.type_text(s);
}
