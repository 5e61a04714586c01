//! The report from the Figures pane: `w` opens a one-field form for the
//! folder, the save writes the report files as at the pane's date, a
//! folder that cannot be made is an error (nothing written, the form
//! stays), and a read-only session may write it too (no store is touched).

use crate::fixtures::*;
use revdesk::app::{App, FormKind, Pane};
use revdesk::report::REPORT_FILES;
use revdesk::store::{Mode, Store};
use std::path::Path;

fn demo_desk() -> revdesk::domain::model::Desk {
    revdesk::demo::build(today()).desk
}

fn msg(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

fn folder(app: &App) -> String {
    app.form()
        .expect("a form is open")
        .fields
        .get("folder")
        .expect("a folder field")
        .value()
}

fn audit_len(app: &App) -> usize {
    app.store()
        .unwrap()
        .audit_trail(None, 100_000)
        .unwrap()
        .len()
}

/// Opens the form on the Figures pane, types `dir` over the prefill, saves.
fn write_to(app: &mut App, dir: &Path) {
    press(app, &["6", "w"]);
    assert!(app.form().is_some(), "w opened no form: {}", msg(app));
    press(app, &["ctrl-u"]);
    type_in(app, dir.to_str().unwrap());
    press(app, &["enter"]);
}

fn assert_report_in(dir: &Path) {
    for (name, _) in REPORT_FILES {
        assert!(
            dir.join(name).is_file(),
            "{name} missing in {}",
            dir.display()
        );
    }
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("172 focal points"), "report.md: {md:.400}");
    assert!(md.contains("29 February 2024"), "report.md: {md:.400}");
}

#[test]
fn the_report_form_writes_the_report_as_at_the_panes_date() {
    let (_db, mut app) = editing_app_on(&demo_desk());
    let audit = audit_len(&app);
    press(&mut app, &["6"]);
    assert_eq!(app.pane(), Pane::Figures);
    press(&mut app, &["w"]);
    assert_eq!(
        app.form().unwrap().kind,
        FormKind::Report {
            as_of: d("2024-02-29")
        }
    );
    assert_eq!(folder(&app), "./revdesk-report-2024-02-29");
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Write the report as at 2024-02-29"), "{s}");
    assert!(s.contains("./revdesk-report-2024-02-29"), "{s}");

    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("feb").join("2024");
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, dir.to_str().unwrap());
    press(&mut app, &["enter"]);
    assert!(app.overlay.is_none(), "form still open: {}", msg(&app));
    assert_eq!(
        msg(&app),
        format!(
            "wrote report as at 2024-02-29 to {} (11 files)",
            dir.display()
        )
    );
    assert_report_in(&dir);
    // Nothing went to the store.
    assert_eq!(audit_len(&app), audit);
    assert!(app.undo.is_empty());
}

#[test]
fn the_report_follows_the_as_at_date() {
    let (_db, mut app) = editing_app_on(&demo_desk());
    press(&mut app, &["6", "t"]);
    type_in(&mut app, "2023-06-30");
    press(&mut app, &["enter", "w"]);
    assert_eq!(folder(&app), "./revdesk-report-2023-06-30");
    let out = tempfile::tempdir().unwrap();
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, out.path().to_str().unwrap());
    press(&mut app, &["ctrl-s"]);
    assert!(
        msg(&app).starts_with("wrote report as at 2023-06-30 to "),
        "{}",
        msg(&app)
    );
    let md = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(md.contains("30 June 2023"), "{md:.400}");
}

#[test]
fn a_folder_under_a_regular_file_is_an_error_and_nothing_is_written() {
    let (_db, mut app) = editing_app_on(&demo_desk());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("plain.txt");
    std::fs::write(&file, "not a folder").unwrap();
    let bad = file.join("report");
    write_to(&mut app, &bad);
    let m = msg(&app);
    assert!(m.starts_with("report not written: "), "{m}");
    assert!(m.contains("plain.txt"), "{m}");
    assert!(!m.contains('\n'), "one line: {m:?}");
    // The form stays, with the reason, and what was typed.
    let form = app.form().expect("the form stays open");
    assert_eq!(form.notice.as_deref(), Some(m.as_str()));
    assert_eq!(folder(&app), bad.to_str().unwrap());
    // Nothing written: the folder holds only the file.
    let names: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("plain.txt")]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
    // The file itself as the folder: refused too.
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, file.to_str().unwrap());
    press(&mut app, &["enter"]);
    assert!(app.form().is_some());
    assert!(msg(&app).contains("is not a folder"), "{}", msg(&app));
    // Esc asks before discarding what was typed, then closes.
    press(&mut app, &["esc", "esc"]);
    assert!(app.overlay.is_none());
}

#[test]
fn an_empty_folder_is_asked_for_and_typed_text_is_cleaned() {
    let (_db, mut app) = editing_app_on(&demo_desk());
    press(&mut app, &["6", "w", "ctrl-u", "enter"]);
    let f = app.form().expect("still open");
    assert_eq!(
        f.fields.get("folder").unwrap().error.as_deref(),
        Some("folder is needed")
    );
    // Control characters never enter; pasted line breaks become spaces.
    type_in(&mut app, "a\u{1b}[2Jb\u{202e}");
    app.paste("\nc\r\nd\u{7}");
    assert_eq!(folder(&app), "a[2Jb c d");
    press(&mut app, &["esc", "y"]);
    assert!(app.overlay.is_none());
    assert!(!Path::new("a[2Jb c d").exists());
}

#[test]
fn the_key_is_on_the_figures_pane_help_and_hint_bar() {
    let (_db, mut app) = editing_app_on(&demo_desk());
    press(&mut app, &["6"]);
    let s = screen(&mut app, 100, 30);
    let hints = s.lines().nth(29).unwrap();
    assert!(hints.contains("w report"), "{hints}");
    press(&mut app, &["?"]);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("write the report files"), "{s}");
}

#[test]
fn a_read_only_session_can_still_write_the_report() {
    let TempStore { dir: _db, store } = TempStore::with(&demo_desk());
    let path = store.path().to_path_buf();
    drop(store);
    let mut store = Store::open(&path, Mode::ReadOnly).unwrap();
    store.set_user("tester");
    let mut app = App::new(
        store.load_desk().unwrap(),
        today(),
        Some(as_of()),
        revdesk::app::Keymap::defaults(),
        revdesk::app::Session {
            db_path: path.display().to_string(),
            user: "tester".into(),
            read_only: false,
        },
    );
    app.attach_store(store, Some("--read-only".into()));
    assert!(app.session.read_only);
    let audit = audit_len(&app);
    // Editing is refused, the report is offered.
    press(&mut app, &["6"]);
    let s = screen(&mut app, 100, 30);
    assert!(s.lines().nth(29).unwrap().contains("w report"), "{s}");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("read-only");
    write_to(&mut app, &dir);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    assert!(
        msg(&app).starts_with("wrote report as at 2024-02-29 to "),
        "{}",
        msg(&app)
    );
    assert_report_in(&dir);
    assert_eq!(audit_len(&app), audit);
    press(&mut app, &["u"]);
    assert!(msg(&app).contains("read-only session"), "{}", msg(&app));
}
