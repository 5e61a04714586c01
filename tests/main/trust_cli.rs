//! Trust on the command line: a mistyped store path creates nothing, text
//! from the command line is cleaned as a form cleans it, everything printed
//! from the store is inert, and `record` never overwrites unseen.

use crate::fixtures::{Desk, SAMPLE, revdesk};

const ESC: u8 = 0x1b;

fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&ESC)
}

/// Every command but the few that create a store (init, demo, import, and
/// restore, which brings a whole desk), on a path with no store:
/// refused in one line naming the path and `init`, and nothing created.
#[test]
fn a_missing_store_is_refused_and_nothing_is_created() {
    let d = Desk::new();
    let folder = d.dir.path().join("typo");
    let db = folder.join("desk.db");
    d.file("backup.db", "");
    let commands: &[&[&str]] = &[
        &["overdue"],
        &["stats"],
        &["check"],
        &["audit"],
        &["draws"],
        &["export"],
        &["contacts"],
        &[
            "record",
            "consultation",
            "--review",
            "1",
            "--date",
            "2024-01-15",
        ],
        &[
            "nominate",
            "--party",
            "AUT",
            "--role",
            "expert",
            "--name",
            "A",
            "--date",
            "2024-01-01",
        ],
        &["--read-only"],
        // The app itself, with an explicit --db.
        &[],
    ];
    for args in commands {
        let o = revdesk(&db, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {o:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains(&format!("no store at {}", db.display())),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&format!("revdesk --db {} init", db.display())),
            "{args:?}: {err}"
        );
        assert!(!folder.exists(), "{args:?} created {}", folder.display());
    }
    // A store in a folder that exists: no file, no -wal, no -shm.
    let o = d.run(&["overdue"]);
    assert!(!o.status.success());
    let left: Vec<_> = std::fs::read_dir(d.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("backup.db")]);
}

#[test]
fn init_demo_and_import_create_a_store() {
    let d = Desk::new();
    let out = d.ok(&["init"]);
    assert!(out.contains("created an empty store"), "{out}");
    assert_eq!(d.ok(&["overdue", "--format", "json"]).trim(), "[]");
    let again = d.ok(&["init"]);
    assert!(again.contains("already holds a revdesk store"), "{again}");

    let demo = d.dir.path().join("new/demo.db");
    let o = revdesk(&demo, &["demo"]);
    assert!(o.status.success(), "{o:?}");
    let sample = d.file("sample.json", SAMPLE);
    let imported = d.dir.path().join("imported.db");
    let o = revdesk(&imported, &["import", sample.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    assert!(demo.exists() && imported.exists());
}

#[test]
fn a_name_with_escapes_is_neither_stored_nor_echoed_raw() {
    let d = Desk::sample();
    let o = d.run(&[
        "nominate",
        "--party",
        "AUT",
        "--role",
        "expert",
        "--name",
        "Bad\x1b[2J\u{202e}",
        "--date",
        "2024-01-01",
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(!has_escape(&o.stdout) && !has_escape(&o.stderr), "{o:?}");
    let said = String::from_utf8(o.stderr).unwrap();
    assert!(said.contains("--name: "), "the cleaning is said: {said}");
    let doc: serde_json::Value = serde_json::from_str(&d.export()).unwrap();
    let person = doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str().unwrap().starts_with("Bad"))
        .unwrap();
    assert_eq!(person["name"], "Bad[2J");
    // A party's name likewise.
    let o = d.run(&[
        "party",
        "add",
        "--code",
        "ZZZ",
        "--name",
        "Zed\x1b]0;x\x07land",
        "--region",
        "WEOG",
        "--convention",
        "2020-01-01",
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(!has_escape(&o.stdout) && !has_escape(&o.stderr), "{o:?}");
    let doc: serde_json::Value = serde_json::from_str(&d.export()).unwrap();
    let zed = doc["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "ZZZ")
        .unwrap();
    assert_eq!(zed["name"], "Zed]0;xland");
    // Too long for the form's field: refused, naming the option.
    let long = "x".repeat(201);
    let err = d.fails(&[
        "nominate",
        "--party",
        "AUT",
        "--role",
        "expert",
        "--name",
        &long,
        "--date",
        "2024-01-01",
    ]);
    assert!(err.contains("--name: at most 200 characters"), "{err}");
    let err = d.fails(&[
        "nominate",
        "--party",
        "AUT",
        "--role",
        "expert",
        "--name",
        "A",
        "--email",
        "not mail",
        "--date",
        "2024-01-01",
    ]);
    assert!(err.contains("--email: "), "{err}");
}

/// Text put into the store by other means (an old version, a hand edit)
/// reaches no terminal raw, whatever the command; JSON stays faithful.
#[test]
fn everything_printed_from_the_store_is_inert() {
    let d = Desk::sample();
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.execute_batch(
        "UPDATE parties SET name = 'Aus' || char(27) || '[2Jtria' WHERE code = 'AUT';
         UPDATE people SET name = 'Eve' || char(27) || ']0;owned' || char(7),
                email = 'e' || char(27) || '[31m@x.example',
                phone = '1' || char(27) || '[5m234'
             WHERE party = 'AUT';
         UPDATE reminders SET note = 'n' || char(27) || '[2J';",
    )
    .unwrap();
    drop(c);
    let current: i64 = rusqlite::Connection::open(&d.db)
        .unwrap()
        .query_row(
            "SELECT id FROM people WHERE party = 'AUT' AND ended IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let person = current.to_string();
    let runs: &[&[&str]] = &[
        &["overdue", "--as-of", "2024-02-29"],
        &["overdue", "--as-of", "2024-02-29", "--format", "csv"],
        &["contacts", "--as-of", "2024-02-29"],
        &["contacts", "--as-of", "2024-02-29", "--format", "csv"],
        &["contacts", "--as-of", "2024-02-29", "--vcard"],
        &["calendar", "--as-of", "2024-02-29"],
        &["stats", "--as-of", "2024-02-29"],
        &["check"],
        &["draws"],
        &["audit"],
        &[
            "end-nomination",
            "--person",
            &person,
            "--date",
            "2024-06-01",
        ],
        &["audit", "--record", &format!("person:{person}")],
        // An error that quotes the store.
        &[
            "end-nomination",
            "--person",
            &person,
            "--date",
            "2024-06-02",
        ],
    ];
    for args in runs {
        let o = d.run(args);
        assert!(!has_escape(&o.stdout), "{args:?} printed an escape");
        assert!(!has_escape(&o.stderr), "{args:?} printed an escape");
    }
    let shown = d.ok(&["contacts", "--as-of", "2024-02-29", "--party", "AUT"]);
    assert!(shown.contains("Eve^[]0;owned^G"), "{shown}");
    // JSON is faithful: the control character is escaped, not lost.
    let doc = d.export();
    assert!(
        doc.contains("Eve\\u001b]0;owned\\u0007"),
        "export changed the name"
    );
}

#[test]
fn record_never_overwrites_a_recorded_date_unseen() {
    let d = Desk::sample();
    let before = d.export();
    let o = d.run(&[
        "record",
        "consultation",
        "--review",
        "1",
        "--date",
        "2021-01-15",
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("consultation of review 1: 2021-02-01 already recorded"),
        "{err}"
    );
    assert!(err.contains("--replace"), "{err}");
    assert_eq!(d.export(), before, "nothing was written");
    // Languages already agreed are not overwritten unseen either.
    let err = d.fails(&[
        "record",
        "consultation",
        "--review",
        "1",
        "--date",
        "2021-02-01",
        "--languages",
        "fr",
    ]);
    assert!(
        err.contains("languages of review 1: en already recorded"),
        "{err}"
    );
    assert_eq!(d.export(), before, "nothing was written");

    let out = d.ok(&[
        "record",
        "consultation",
        "--review",
        "1",
        "--date",
        "2021-01-15",
        "--replace",
    ]);
    assert_eq!(
        out.trim(),
        "consultation of review 1: 2021-02-01 replaced by 2021-01-15"
    );
    let doc: serde_json::Value = serde_json::from_str(&d.export()).unwrap();
    assert_eq!(doc["reviews"][0]["consultation_held"], "2021-01-15");
    // A first date needs no --replace.
    let out = d.ok(&[
        "record",
        "consultation",
        "--review",
        "2",
        "--date",
        "2022-01-10",
    ]);
    assert!(
        out.contains("review 2: preliminary consultation held on 2022-01-10"),
        "{out}"
    );
}
