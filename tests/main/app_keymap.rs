//! The keymap: defaults from assets/keymap.toml, a user's file overriding
//! only the keys it names, and bad files reported with their line.

use revdesk::app::keymap::{Context, DEFAULT_KEYMAP, Keymap, parse};
use revdesk::app::{Action, Key, KeyCode};

fn k(s: &str) -> Key {
    Key::parse(s).unwrap()
}

#[test]
fn every_default_binding_parses_and_every_pane_has_help() {
    let km = Keymap::defaults();
    assert!(km.bindings().len() > 40);
    for (ctx, title) in [
        (Context::Overdue, "Overdue"),
        (Context::Reviews, "Reviews"),
        (Context::Timeline, "Timeline"),
        (Context::Parties, "Parties"),
        (Context::Contacts, "Contacts"),
        (Context::Figures, "Figures"),
    ] {
        let help = km.help(ctx, title);
        let all: Vec<Action> = help
            .iter()
            .flat_map(|s| s.entries.iter().map(|e| e.1))
            .collect();
        for a in [
            Action::Quit,
            Action::Help,
            Action::Filter,
            Action::SetAsOf,
            Action::Down,
        ] {
            assert!(all.contains(&a), "{title}: {a:?}");
        }
    }
    // The keys the task names.
    let g = |s: &str| km.lookup(Context::Overdue, k(s));
    assert_eq!(g("j"), Some(Action::Down));
    assert_eq!(g("k"), Some(Action::Up));
    assert_eq!(g("g"), Some(Action::Top));
    assert_eq!(g("G"), Some(Action::Bottom));
    assert_eq!(g("ctrl-d"), Some(Action::HalfPageDown));
    assert_eq!(g("ctrl-u"), Some(Action::HalfPageUp));
    assert_eq!(g("pageup"), Some(Action::PageUp));
    assert_eq!(g("pagedown"), Some(Action::PageDown));
    assert_eq!(g("home"), Some(Action::Top));
    assert_eq!(g("end"), Some(Action::Bottom));
    assert_eq!(g("shift-tab"), Some(Action::PrevPane));
    assert_eq!(g("tab"), Some(Action::NextPane));
    assert_eq!(g("?"), Some(Action::Help));
    assert_eq!(g("/"), Some(Action::Filter));
    assert_eq!(g("t"), Some(Action::SetAsOf));
    assert_eq!(g("q"), Some(Action::Quit));
    for (n, a) in ["1", "2", "3", "4", "5", "6"].iter().zip([
        Action::PaneOverdue,
        Action::PaneReviews,
        Action::PaneTimeline,
        Action::PaneParties,
        Action::PaneContacts,
        Action::PaneFigures,
    ]) {
        assert_eq!(g(n), Some(a));
    }
    assert_eq!(
        km.lookup(Context::Contacts, k("y")),
        Some(Action::CopyEmail)
    );
    assert_eq!(km.lookup(Context::Contacts, k("Y")), Some(Action::CopyCard));
    // The editing keys.
    let on = |ctx: Context, s: &str| km.lookup(ctx, k(s));
    assert_eq!(on(Context::Overdue, "r"), Some(Action::Remind));
    assert_eq!(on(Context::Overdue, "x"), Some(Action::Extend));
    assert_eq!(on(Context::Overdue, "m"), Some(Action::MarkMet));
    assert_eq!(on(Context::Reviews, "e"), Some(Action::Edit));
    assert_eq!(on(Context::Timeline, "R"), Some(Action::RequestRedraw));
    assert_eq!(on(Context::Parties, "n"), Some(Action::Nominate));
    assert_eq!(on(Context::Parties, "s"), Some(Action::Substitute));
    assert_eq!(on(Context::Contacts, "E"), Some(Action::EndNomination));
    assert_eq!(on(Context::Contacts, "a"), Some(Action::Audit));
    assert_eq!(
        on(Context::Figures, "u"),
        Some(Action::Undo),
        "undo is global"
    );
    assert_eq!(km.get(Context::Form, k("ctrl-s")), Some(Action::Save));
    assert_eq!(km.get(Context::Form, k("tab")), Some(Action::NextField));
    assert_eq!(
        km.get(Context::Form, k("shift-tab")),
        Some(Action::PrevField)
    );
    assert_eq!(km.get(Context::Form, k("esc")), Some(Action::CloseForm));
    assert_eq!(km.get(Context::Dialog, k("y")), Some(Action::Yes));
    // Form and dialog keys are in the help, from the keymap.
    let help = km.help(Context::Overdue, "Overdue");
    assert!(help.iter().any(|s| s.title == "In a form"));
    assert!(help.iter().any(|s| s.title == "In a dialog"));
    assert!(DEFAULT_KEYMAP.contains("[global]"));
}

#[test]
fn a_user_override_changes_one_key_and_leaves_the_others() {
    let km = Keymap::with_user_text(
        "# mine\n[global]\n\"x\" = \"quit\"\n\"ctrl-d\" = \"page_down\"\n\n[contacts]\n\"c\" = \"copy_card\"\n",
        "keymap.toml",
    )
    .unwrap();
    let defaults = Keymap::defaults();
    assert_eq!(km.lookup(Context::Reviews, k("x")), Some(Action::Quit));
    assert_eq!(
        km.lookup(Context::Overdue, k("x")),
        Some(Action::Extend),
        "the pane's own x wins"
    );
    assert_eq!(
        km.lookup(Context::Overdue, k("q")),
        Some(Action::Quit),
        "q still quits"
    );
    assert_eq!(
        km.lookup(Context::Overdue, k("ctrl-d")),
        Some(Action::PageDown)
    );
    assert_eq!(km.lookup(Context::Contacts, k("c")), Some(Action::CopyCard));
    assert_eq!(km.lookup(Context::Contacts, k("Y")), Some(Action::CopyCard));
    // Everything not named is as before.
    let named = [
        (Context::Global, k("x")),
        (Context::Global, k("ctrl-d")),
        (Context::Contacts, k("c")),
    ];
    for b in defaults.bindings() {
        if !named.contains(&(b.context, b.key)) {
            assert_eq!(km.get(b.context, b.key), Some(b.action), "{b:?}");
        }
    }
    assert_eq!(km.bindings().len(), defaults.bindings().len() + 2);
    // "none" unbinds.
    let km = Keymap::with_user_text("[global]\n\"q\" = \"none\"\n", "keymap.toml").unwrap();
    assert_eq!(km.lookup(Context::Overdue, k("q")), None);
    assert_eq!(km.lookup(Context::Overdue, k("?")), Some(Action::Help));
}

#[test]
fn a_users_file_is_read_from_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("keymap.toml");
    assert_eq!(
        Keymap::load(Some(&p)).unwrap(),
        Keymap::defaults(),
        "missing file: defaults"
    );
    std::fs::write(&p, "[reviews]\n\"o\" = \"sort_next\"\n").unwrap();
    let km = Keymap::load(Some(&p)).unwrap();
    assert_eq!(km.lookup(Context::Reviews, k("o")), Some(Action::SortNext));
    std::fs::write(&p, "[reviews]\n\n\"o\" = \"sort_sideways\"\n").unwrap();
    let e = Keymap::load(Some(&p)).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with(&p.display().to_string()), "{msg}");
    assert!(msg.contains("line 3"), "{msg}");
    assert!(Keymap::user_path().is_some_and(|p| p.ends_with("keymap.toml")));
}

#[test]
fn bad_keymaps_name_the_line() {
    let cases = [
        // Unknown action.
        (
            "[global]\n\"q\" = \"quit\"\n\"x\" = \"explode\"\n",
            3,
            "unknown action \"explode\"",
        ),
        // Unknown key name.
        (
            "[global]\n\n\n\"ctrl-pagedwn\" = \"quit\"\n",
            4,
            "is not a key",
        ),
        // TOML syntax error.
        ("[global]\n\"q\" = \"quit\"\n\"x\" = quit\n", 3, ""),
        ("[global]\n\"q\" = \"quit\n", 2, ""),
        // Unknown table.
        (
            "[global]\n\"q\" = \"quit\"\n[overdeu]\n\"x\" = \"quit\"\n",
            3,
            "unknown table [overdeu]",
        ),
        // Not a string.
        ("[overdue]\n\"o\" = 3\n", 2, "must be a string"),
        // Shift with a digit.
        (
            "[overdue]\n\"shift-1\" = \"quit\"\n",
            2,
            "shifted character",
        ),
    ];
    for (text, line, words) in cases {
        let e = parse(text, "keymap.toml").expect_err(text);
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.message.contains(words), "{text:?}: {e}");
        let shown = e.to_string();
        assert!(
            shown.starts_with(&format!("keymap.toml, line {line}: ")),
            "{shown}"
        );
        assert!(Keymap::with_user_text(text, "keymap.toml").is_err());
    }
}

#[test]
fn key_spellings_round_trip_and_label() {
    for s in [
        "G",
        "ctrl-d",
        "shift-tab",
        "pagedown",
        "?",
        "/",
        "enter",
        "f1",
        "space",
    ] {
        let key = k(s);
        assert_eq!(k(&key.name()), key);
    }
    assert_eq!(k("shift-tab").code, KeyCode::BackTab);
    assert_eq!(k("ctrl-d").label(), "Ctrl-d");
    assert_eq!(k("pagedown").label(), "PgDn");
}

#[test]
fn the_app_refuses_a_bad_keymap_with_the_line_before_touching_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config").join("revdesk");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("keymap.toml");
    std::fs::write(&file, "[global]\n\"q\" = \"quit\"\n\"x\" = \"explode\"\n").unwrap();
    // A store to open (a missing one is refused before the keymap is read).
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_revdesk"))
        .arg("--db")
        .arg(home.path().join("desk.db"))
        .arg("init")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_revdesk"))
        .arg("--db")
        .arg(home.path().join("desk.db"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("REVDESK_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("keymap.toml, line 3"), "{err}");
    assert!(err.contains("unknown action \"explode\""), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drawn");
}
