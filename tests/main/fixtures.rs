//! Fixtures shared by every integration test: the sample document, the
//! real binary run on a temporary store (`Desk`), an app on a store as at the
//! paper's date with its screen as text, and builders for the records the
//! tests add to a desk (`party`, `person`, `paper_groups`).
#![allow(dead_code)]

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revdesk::app::{App, Key, Keymap, Session};
use revdesk::domain::interchange;
use revdesk::domain::model::{self, Group, Instruments, Party, PartyKind, Person, Region, Role};
use revdesk::store::{Mode, Store};
use revdesk::ui::{self, Theme};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = include_str!("sample.json");

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Desk {
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        Desk { dir, db }
    }

    /// A desk with the sample document imported.
    pub fn sample() -> Desk {
        let d = Desk::new();
        let f = d.file("sample.json", SAMPLE);
        d.ok(&["import", f.to_str().unwrap()]);
        d
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn run(&self, args: &[&str]) -> Output {
        revdesk(&self.db, args)
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "revdesk {args:?} failed: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs and expects failure; returns standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(!o.status.success(), "revdesk {args:?} should have failed");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(!err.contains("panicked"), "panic: {err}");
        err
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    pub fn export(&self) -> String {
        self.ok(&["export"])
    }
}

pub fn revdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_revdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "tester")
        .env_remove("REVDESK_DB")
        .output()
        .unwrap()
}

/// A large, valid revdesk/1 document: `n` parties in three groups, one
/// review each, four people each, and reminders. Deterministic.
pub fn big_document(n: usize) -> String {
    use revdesk::domain::model::*;
    let ymd = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let regions = Region::ALL;
    let mut desk = model::Desk {
        groups: paper_groups(),
        ..Default::default()
    };
    let code = |i: usize| Text::from(format!("P{i:05}"));
    for i in 0..n {
        let mut p = party(
            &code(i),
            &format!("Party {i}"),
            regions[i % regions.len()],
            (i % 3) as u32 + 1,
        );
        p.instruments.tip = Some(ymd(2005, 1, 1));
        desk.parties.push(p);
        for k in 0..4 {
            let role = if k == 0 {
                Role::FocalPoint
            } else {
                Role::Expert
            };
            let name = format!("Person {i}-{k}");
            desk.people.push(Person {
                email: Some(format!("p{i}.{k}@mfa.example").into()),
                phone: Some(format!("+1 555 {i:05}").into()),
                gender: Some(if k % 2 == 0 {
                    Gender::Female
                } else {
                    Gender::Male
                }),
                affiliation: Some(Affiliation::Justice),
                ..person(
                    (i * 4 + k + 1) as i64,
                    &code(i),
                    role,
                    &name,
                    ymd(2021, 1, 1 + (k as u32)),
                )
            });
        }
        let m = Milestones {
            consultation_held: (i % 2 == 0).then(|| ymd(2023, 1, 10)),
            saq_submitted: (i % 4 == 0).then(|| ymd(2023, 6, 30)),
            ..Default::default()
        };
        desk.reviews.push(Review {
            id: i as i64 + 1,
            group: (i % 3) as u32 + 1,
            cluster: 1,
            under_review: code(i),
            reviewers: smallvec::smallvec![code((i + 5) % n), code((i + 11) % n)],
            start: None,
            redraws: 0,
            languages: if m.consultation_held.is_some() {
                smallvec::smallvec![Language::En]
            } else {
                Languages::new()
            },
            milestones: m,
        });
        desk.reminders.push(Reminder {
            date: ymd(2024, 1, 5),
            party: code(i),
            review: Some(i as i64 + 1),
            obligation: Obligation::Saq,
            channel: Channel::Email,
            note: format!("reminder {i}"),
        });
    }
    revdesk::domain::interchange::to_json(&desk)
}

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

pub fn sample_desk() -> model::Desk {
    interchange::parse(SAMPLE).expect("sample.json parses")
}

/// A store in a temporary folder holding `desk`.
pub struct TempStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl TempStore {
    pub fn with(desk: &model::Desk) -> TempStore {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("desk.db"), Mode::ReadWrite).unwrap();
        store.set_user("tester");
        store.write(|w| w.import(desk, false)).unwrap();
        TempStore { dir, store }
    }
}

/// A session on `desk` (through a real store) as at the paper's date.
pub fn app_on(desk: &model::Desk) -> App {
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
pub fn editing_app_on(desk: &model::Desk) -> (tempfile::TempDir, App) {
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

/// The paper's three groups, starting 1 December 2020, 1 November 2021 and
/// 1 November 2022.
pub fn paper_groups() -> Vec<Group> {
    ["2020-12-01", "2021-11-01", "2022-11-01"]
        .into_iter()
        .zip(1..)
        .map(|(start, number)| Group {
            number,
            start: d(start),
        })
        .collect()
}

/// A State in `region` and review `group`, party to the Convention since
/// 2004 and to nothing else (set `instruments` for more).
pub fn party(code: &str, name: &str, region: Region, group: u32) -> Party {
    Party {
        code: code.into(),
        name: name.into(),
        kind: PartyKind::State,
        regional_group: Some(region),
        pairs_as: None,
        group: Some(group),
        instruments: Instruments {
            convention: Some(d("2004-01-01")),
            ..Default::default()
        },
    }
}

/// A person in office since `nominated`, with no e-mail, phone, gender or
/// affiliation (set them with `..person(..)`).
pub fn person(id: i64, party: &str, role: Role, name: &str, nominated: NaiveDate) -> Person {
    Person {
        id,
        party: party.into(),
        role,
        name: name.into(),
        email: None,
        phone: None,
        gender: None,
        affiliation: None,
        nominated,
        ended: None,
    }
}
