//! Read-only sessions: with --read-only, for a file the user cannot write,
//! and for users listed as readers in config.toml. Every editing key says
//! why, the status bar shows the flag, and nothing is written.

use crate::fixtures::*;
use revdesk::app::config::{config_files, reader_reason, session_store};
use revdesk::app::{App, Keymap, Session};
use revdesk::store::{Mode, Store};
use std::path::PathBuf;

/// A session on the sample desk's file, opened as `mode` and passed
/// through the readers' configuration `files`, as the terminal app does.
fn session(mode: Mode, files: &[PathBuf]) -> (tempfile::TempDir, App) {
    let TempStore { dir, store } = TempStore::with(&sample_desk());
    let path = store.path().to_path_buf();
    drop(store);
    let mut store = Store::open(&path, mode).unwrap();
    store.set_user("tester");
    let (store, reason) = session_store(store, files).unwrap();
    let mut app = App::new(
        store.load_desk().unwrap(),
        today(),
        Some(as_of()),
        Keymap::defaults(),
        Session {
            db_path: path.display().to_string(),
            user: "tester".into(),
            read_only: false,
        },
    );
    app.attach_store(store, reason);
    (dir, app)
}

/// Presses every editing key on every pane: each is refused with the
/// reason, no form opens, and the store's audit log does not grow.
fn nothing_can_be_changed(app: &mut App, reason: &str) {
    let audit = app.store().unwrap().audit_trail(None, 1000).unwrap().len();
    for (pane, keys) in [
        ("1", &["r", "x", "m", "D", "u"][..]),
        ("2", &["e", "m", "R"][..]),
        ("3", &["e", "m", "R", "D"][..]),
        ("4", &["n", "e", "E", "s", "D"][..]),
        ("5", &["n", "e", "E", "s", "D"][..]),
    ] {
        press(app, &[pane]);
        for k in keys {
            app.message = None;
            press(app, &[k]);
            assert!(app.overlay.is_none(), "{pane} {k}: a form opened");
            let m = app.message.clone().unwrap_or_default();
            assert!(
                m.contains("read-only session") && m.contains(reason),
                "{pane} {k}: {m}"
            );
        }
    }
    assert_eq!(
        app.store().unwrap().audit_trail(None, 1000).unwrap().len(),
        audit
    );
    // The flag is on the status bar; editing keys are not offered.
    let s = screen(app, 100, 30);
    let status = s.lines().nth(28).unwrap();
    assert!(status.contains("read-only"), "{status}");
    press(app, &["1"]);
    let s = screen(app, 140, 30);
    let hints = s.lines().nth(29).unwrap();
    assert!(!hints.contains("remind"), "{hints}");
    // Reading the audit trail is still allowed.
    press(app, &["a"]);
    assert!(app.overlay.is_some());
}

#[test]
fn the_read_only_flag_refuses_every_editing_key() {
    let (_dir, mut app) = session(Mode::ReadOnly, &[]);
    assert!(app.session.read_only);
    assert_eq!(app.read_only_reason.as_deref(), Some("--read-only"));
    nothing_can_be_changed(&mut app, "--read-only");
}

#[test]
fn a_reader_in_the_configuration_gets_a_read_only_session() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "# who may only read\nreaders = [\"alice\", \"tester\"]\n",
    )
    .unwrap();
    let (_d, mut app) = session(Mode::ReadWrite, std::slice::from_ref(&cfg));
    assert!(app.session.read_only);
    assert_eq!(
        app.store().unwrap().mode(),
        Mode::ReadOnly,
        "reopened read-only"
    );
    let reason = app.read_only_reason.clone().unwrap();
    assert!(reason.contains("tester is a reader in"), "{reason}");
    nothing_can_be_changed(&mut app, "is a reader");
    // Not listed: a normal session.
    std::fs::write(&cfg, "readers = [\"alice\"]\n").unwrap();
    let (_d, app) = session(Mode::ReadWrite, std::slice::from_ref(&cfg));
    assert!(!app.session.read_only);
    assert_eq!(app.read_only_reason, None);
}

#[test]
fn a_broken_configuration_fails_safe() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "readers = tester\n").unwrap();
    let (_d, mut app) = session(Mode::ReadWrite, std::slice::from_ref(&cfg));
    assert!(app.session.read_only);
    nothing_can_be_changed(&mut app, "not a valid configuration");
}

#[test]
fn the_configuration_is_read_beside_the_store() {
    let files = config_files(std::path::Path::new("/srv/revdesk/desk.db"));
    assert!(files.contains(&PathBuf::from("/srv/revdesk/config.toml")));
    assert_eq!(
        reader_reason("tester", &[PathBuf::from("/nonexistent/x.toml")]),
        None
    );
}

#[test]
fn a_file_the_user_cannot_write_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: root may write any file");
        return;
    }
    let TempStore { dir, store } = TempStore::with(&sample_desk());
    let path = store.path().to_path_buf();
    drop(store);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let store = Store::open(&path, Mode::ReadWrite).unwrap();
    assert_eq!(store.mode(), Mode::ReadOnly);
    let (store, reason) = session_store(store, &[]).unwrap();
    assert!(reason.unwrap().contains("not writable"));
    drop(store);
    drop(dir);
}
