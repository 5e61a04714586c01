//! The headless commands on a small desk whose figures were worked out by
//! hand from DESIGN.md.

use crate::fixtures::{Desk, SAMPLE};
use serde_json::{Value, json};

#[test]
fn overdue_json_as_at_the_papers_day() {
    let d = Desk::sample();
    let rows = d.json(&["overdue", "--as-of", "2024-02-29", "--format", "json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 19, "{rows:#?}");
    assert!(rows.contains(&json!({"review": 2, "party": "FRA", "obligation": "saq", "due": "2021-05-31", "days_overdue": 1004, "waiting_on": null})));
    // Extended SAQ: the agreed date replaces the original 2022-07-14.
    assert!(rows.contains(&json!({"review": 3, "party": "KEN", "obligation": "saq", "due": "2022-12-31", "days_overdue": 425, "waiting_on": null})));
    // Feedback from the SAQ date, month-end rule: 2021-08-31 + 6 months.
    assert!(rows.contains(&json!({"review": 1, "party": "KEN", "obligation": "feedback", "due": "2022-02-28", "days_overdue": 731, "waiting_on": null})));
    // Nominations are owed once, review null; NGA counts from group 1.
    assert!(rows.contains(&json!({"review": null, "party": "NGA", "obligation": "focal_point", "due": "2020-12-14", "days_overdue": 1172, "waiting_on": null})));
    assert!(
        !rows
            .iter()
            .any(|r| r["party"] == "AUT" && r["obligation"] == "focal_point")
    );
    // Sorted: those that can act first (lists of observations waiting on
    // an SAQ or feedback last), then days_overdue descending, then party,
    // review, obligation.
    let key = |r: &Value| {
        (
            !r["waiting_on"].is_null(),
            -r["days_overdue"].as_i64().unwrap(),
            r["party"].as_str().unwrap().to_string(),
            r["review"].as_i64().unwrap_or(0),
            r["obligation"].as_str().unwrap().to_string(),
        )
    };
    let keys: Vec<_> = rows.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn overdue_filters_and_formats() {
    let d = Desk::sample();
    let rows = d.json(&[
        "overdue",
        "--as-of",
        "2024-02-29",
        "--format",
        "json",
        "--party",
        "EU",
    ]);
    assert_eq!(rows.as_array().unwrap().len(), 3);
    let rows = d.json(&[
        "overdue",
        "--as-of",
        "2024-02-29",
        "--format",
        "json",
        "--obligation",
        "experts",
    ]);
    assert_eq!(rows.as_array().unwrap().len(), 4);
    let csv = d.ok(&["overdue", "--as-of", "2024-02-29", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("review,party,obligation,due,days_overdue")
    );
    assert_eq!(lines.count(), 19);
    let table = d.ok(&["overdue", "--as-of", "2024-02-29"]);
    assert!(
        table
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{table}"
    );
    assert!(table.contains("France"));
    let err = d.fails(&["overdue", "--party", "XXX"]);
    assert!(err.contains("unknown party"), "{err}");
}

#[test]
fn stats_json_as_at_two_dates() {
    let d = Desk::sample();
    let s = d.json(&["stats", "--as-of", "2024-02-29", "--format", "json"]);
    assert_eq!(s["as_of"], "2024-02-29");
    assert_eq!(
        (
            s["parties"].as_u64(),
            s["states"].as_u64(),
            s["organizations"].as_u64()
        ),
        (Some(5), Some(4), Some(1))
    );
    assert_eq!(
        s["reviews"],
        json!({"total": 3, "by_group": {"1": 2, "2": 1}})
    );
    assert_eq!(s["parties_involved_by_group"], json!({"1": 5, "2": 3}));
    assert_eq!(
        s["focal_points"],
        json!({"nominated": 3, "parties_with": 3, "parties_without": 2, "women": 2,
               "parties_with_several": 0, "parties_changed": 1,
               "by_affiliation": {"foreign_affairs": 1, "justice": 1, "interior": 1, "other": 0}})
    );
    assert_eq!(s["experts"], json!({"nominated": 1, "women": 0}));
    assert_eq!(s["observers"], json!({"nominated": 1, "parties": 1}));
    assert_eq!(
        s["stages"],
        json!({"awaiting_nominations": 1, "awaiting_consultation": 0, "saq": 1, "feedback": 1,
               "observations": 0, "concluded": 0})
    );
    assert_eq!(
        s["consultations_held"],
        json!({"total": 2, "by_group": {"1": 1, "2": 1}})
    );
    assert_eq!(s["languages"], json!({"en": 1, "en+fr": 1}));

    // Before review 3's own start and before AUT's focal point changed.
    let s = d.json(&["stats", "--as-of", "2021-12-31", "--format", "json"]);
    assert_eq!(
        s["reviews"],
        json!({"total": 2, "by_group": {"1": 2, "2": 0}})
    );
    assert_eq!(s["focal_points"]["parties_changed"], 0);
    assert_eq!(s["focal_points"]["nominated"], 3);
    assert_eq!(s["stages"]["feedback"], 1);
    assert_eq!(s["stages"]["awaiting_nominations"], 1);
    assert_eq!(s["stages_by_group"]["2"]["saq"], 0);
    let text = d.ok(&["stats", "--as-of", "2024-02-29"]);
    assert!(text.contains("As at 29 February 2024"), "{text}");
}

#[test]
fn export_import_export_is_identical() {
    let d = Desk::sample();
    let first = d.export();
    let again = Desk::new();
    let f = again.file("x.json", &first);
    again.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(again.export(), first);
    // And the export reads back as the same document as the sample.
    let a: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(a["reviews"][2]["languages"], json!(["fr", "en"]));
    assert_eq!(a["people"].as_array().unwrap().len(), 6);
}

#[test]
fn the_demo_desk_round_trips_reminders_written_many_at_a_time() {
    let d = Desk::new();
    d.ok(&["demo"]);
    let first = d.export();
    let doc: Value = serde_json::from_str(&first).unwrap();
    // More than one batch of reminders, and a part batch at the end.
    let n = doc["reminders"].as_array().unwrap().len();
    assert!(n > 64 && !n.is_multiple_of(64), "{n}");
    let again = Desk::new();
    let f = again.file("demo.json", &first);
    again.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(again.export(), first);
}

#[test]
fn import_refuses_a_second_desk_unless_replace() {
    let d = Desk::sample();
    let f = d.file("again.json", SAMPLE);
    let err = d.fails(&["import", f.to_str().unwrap()]);
    assert!(err.contains("--replace"), "{err}");
    d.ok(&["import", "--replace", f.to_str().unwrap()]);
}

fn file_bytes(d: &Desk) -> Vec<u8> {
    std::fs::read(&d.db).unwrap()
}

#[test]
fn rejected_documents_leave_the_store_byte_for_byte_unchanged() {
    let d = Desk::sample();
    let before = file_bytes(&d);
    let export_before = d.export();
    let cases = [
        (
            "malformed",
            "{\"format\": \"revdesk/1\", \"groups\": [".to_string(),
            "line",
        ),
        (
            "unknown key",
            SAMPLE.replace("\"redraws\": 1,", "\"redraws\": 1, \"extra\": true,"),
            "$.reviews[1].extra",
        ),
        (
            "duplicate id",
            SAMPLE.replace("{\"id\": 2, \"party\"", "{\"id\": 1, \"party\""),
            "$.people[1].id",
        ),
        (
            "impossible date",
            SAMPLE.replace("2021-08-31", "2021-02-30"),
            "$.reviews[0].saq_submitted",
        ),
        (
            "precedes",
            SAMPLE.replace(
                "\"saq_submitted\": \"2021-08-31\"",
                "\"saq_submitted\": \"2021-01-31\"",
            ),
            "precedes",
        ),
        (
            "unknown party",
            SAMPLE.replace("[\"EU\", \"NGA\"]", "[\"EU\", \"XYZ\"]"),
            "$.reviews[1].reviewers[1]",
        ),
        (
            "ended before",
            SAMPLE.replace("\"ended\": \"2022-03-01\"", "\"ended\": \"2019-03-01\""),
            "$.people[0].ended",
        ),
        (
            "wrong format",
            SAMPLE.replace("revdesk/1", "revdesk/9"),
            "$.format",
        ),
        (
            "self review",
            SAMPLE.replace("[\"FRA\", \"KEN\"]", "[\"AUT\", \"KEN\"]"),
            "itself",
        ),
    ];
    for (name, text, expect) in cases {
        let f = d.file("bad.json", &text);
        let err = d.fails(&["import", "--replace", f.to_str().unwrap()]);
        assert!(err.contains(expect), "{name}: {err}");
        assert!(err.contains("line "), "{name} names no line: {err}");
        assert_eq!(file_bytes(&d), before, "{name} changed the store");
    }
    assert_eq!(d.export(), export_before);
}

#[test]
fn edits_are_validated_and_audited() {
    let d = Desk::sample();
    let err = d.fails(&["record", "saq", "--review", "2", "--date", "2023-02-30"]);
    assert!(
        err.contains("--date") && err.contains("2023-02-30"),
        "{err}"
    );
    let err = d.fails(&["record", "saq", "--review", "2", "--date", "2023-02-01"]);
    assert!(
        err.contains("saq_submitted is set but consultation_held is not"),
        "{err}"
    );
    let err = d.fails(&[
        "record",
        "feedback",
        "--review",
        "1",
        "--date",
        "2021-08-01",
    ]);
    assert!(err.contains("precedes"), "{err}");
    let err = d.fails(&["record", "saq", "--review", "99", "--date", "2023-02-01"]);
    assert!(err.contains("no review 99"), "{err}");
    let err = d.fails(&[
        "nominate",
        "--party",
        "XXX",
        "--role",
        "expert",
        "--name",
        "A",
        "--date",
        "2023-01-01",
    ]);
    assert!(err.contains("unknown party"), "{err}");
    let err = d.fails(&[
        "nominate",
        "--party",
        "AUT",
        "--role",
        "boss",
        "--name",
        "A",
        "--date",
        "2023-01-01",
    ]);
    assert!(err.contains("role"), "{err}");
    let err = d.fails(&["end-nomination", "--person", "2", "--date", "2021-01-01"]);
    assert!(err.contains("before the nomination"), "{err}");
    let err = d.fails(&[
        "extend",
        "--review",
        "1",
        "--obligation",
        "focal_point",
        "--due",
        "2024-01-01",
        "--reason",
        "x",
    ]);
    assert!(err.contains("cannot be extended"), "{err}");
    let err = d.fails(&[
        "remind",
        "--party",
        "AUT",
        "--obligation",
        "saq",
        "--channel",
        "email",
    ]);
    assert!(err.contains("--review"), "{err}");
    let err = d.fails(&[
        "remind",
        "--party",
        "FRA",
        "--obligation",
        "saq",
        "--review",
        "1",
        "--channel",
        "email",
    ]);
    assert!(err.contains("does not owe"), "{err}");
    let unchanged = d.export();
    assert_eq!(unchanged, d.export());

    d.ok(&[
        "record",
        "consultation",
        "--review",
        "2",
        "--date",
        "2023-05-02",
        "--languages",
        "en,fr",
    ]);
    d.ok(&["record", "saq", "--review", "2", "--date", "2023-11-30"]);
    d.ok(&[
        "nominate",
        "--party",
        "NGA",
        "--role",
        "focal_point",
        "--name",
        "Amaka Eze",
        "--gender",
        "female",
        "--affiliation",
        "justice",
        "--email",
        "amaka@mj.ng.example",
        "--date",
        "2023-03-01",
    ]);
    d.ok(&["end-nomination", "--person", "3", "--date", "2023-06-30"]);
    d.ok(&[
        "remind",
        "--party",
        "EU",
        "--obligation",
        "feedback",
        "--review",
        "2",
        "--channel",
        "permanent_mission",
        "--note",
        "asked in Vienna",
        "--date",
        "2024-01-10",
    ]);
    d.ok(&[
        "extend",
        "--review",
        "2",
        "--obligation",
        "feedback",
        "--due",
        "2024-09-30",
        "--reason",
        "translation",
        "--agreed",
        "2024-02-01",
    ]);
    let doc: Value = serde_json::from_str(&d.export()).unwrap();
    let r2 = &doc["reviews"][1];
    assert_eq!(r2["consultation_held"], "2023-05-02");
    assert_eq!(r2["languages"], json!(["en", "fr"]));
    assert_eq!(r2["saq_submitted"], "2023-11-30");
    assert_eq!(doc["people"][6]["name"], "Amaka Eze");
    assert_eq!(doc["people"][2]["ended"], "2023-06-30");
    assert_eq!(doc["extensions"].as_array().unwrap().len(), 2);
    assert_eq!(doc["reminders"].as_array().unwrap().len(), 3);
    // Feedback of review 2 is now due on the extended date.
    let rows = d.json(&[
        "overdue",
        "--as-of",
        "2024-10-01",
        "--format",
        "json",
        "--party",
        "EU",
    ]);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["obligation"] == "feedback" && r["due"] == "2024-09-30")
    );
    let audit = d.ok(&["audit", "--limit", "20"]);
    assert!(
        audit.contains("tester") && audit.contains("review:2") && audit.contains("extend"),
        "{audit}"
    );
}

#[test]
fn bad_stores_get_clear_errors() {
    let d = Desk::new();
    // Not SQLite at all.
    std::fs::write(
        &d.db,
        b"this is not a database, just some text that is long enough to matter",
    )
    .unwrap();
    let err = d.fails(&["stats"]);
    assert!(err.contains("not a SQLite database"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // A SQLite file of another application.
    std::fs::remove_file(&d.db).unwrap();
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(c);
    let err = d.fails(&["overdue"]);
    assert!(err.contains("not a revdesk store"), "{err}");
    // A store from a newer revdesk: refused and untouched.
    std::fs::remove_file(&d.db).unwrap();
    d.ok(&["init"]);
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    let before = std::fs::read(&d.db).unwrap();
    for args in [
        &["stats"][..],
        &[
            "nominate",
            "--party",
            "AUT",
            "--role",
            "expert",
            "--name",
            "A",
            "--date",
            "2023-01-01",
        ],
    ] {
        let err = d.fails(args);
        assert!(err.contains("newer revdesk"), "{err}");
    }
    assert_eq!(std::fs::read(&d.db).unwrap(), before);
    // A missing store is refused and nothing is created; init creates it,
    // with its missing parent folders; a path that is a folder is refused.
    let nested = d.dir.path().join("a/b/c.db");
    let o = crate::fixtures::revdesk(&nested, &["stats"]);
    assert!(!o.status.success());
    assert!(!d.dir.path().join("a").exists());
    let o = crate::fixtures::revdesk(&nested, &["init"]);
    assert!(o.status.success());
    assert!(nested.exists());
    let o = crate::fixtures::revdesk(d.dir.path(), &["stats"]);
    assert!(!o.status.success());
}

#[test]
fn a_fresh_store_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let d = Desk::new();
    d.ok(&["init"]);
    let mode = std::fs::metadata(&d.db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let out = d.dir.path().join("export.json");
    d.ok(&["export", "-o", out.to_str().unwrap()]);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let d = Desk::sample();
    let spawn = |n: usize| {
        let db = d.db.clone();
        std::thread::spawn(move || {
            for i in 0..15 {
                let o = crate::fixtures::revdesk(
                    &db,
                    &[
                        "remind",
                        "--party",
                        "AUT",
                        "--obligation",
                        "saq",
                        "--review",
                        "1",
                        "--channel",
                        "email",
                        "--note",
                        &format!("writer {n} #{i}"),
                        "--date",
                        "2024-01-01",
                    ],
                );
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            }
        })
    };
    let (a, b) = (spawn(1), spawn(2));
    a.join().unwrap();
    b.join().unwrap();
    let doc: Value = serde_json::from_str(&d.export()).unwrap();
    let notes: std::collections::BTreeSet<String> = doc["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["note"].as_str().unwrap().to_string())
        .filter(|n| n.starts_with("writer"))
        .collect();
    assert_eq!(notes.len(), 30);
}

#[test]
fn configured_readers_cannot_write_from_scripts_either() {
    let d = Desk::sample();
    let before = d.export();
    d.file("config.toml", "readers = [\"someone\", \"tester\"]\n");
    let err = d.fails(&[
        "remind",
        "--party",
        "AUT",
        "--obligation",
        "experts",
        "--channel",
        "email",
    ]);
    assert!(
        err.contains("tester is a reader") && err.contains("config.toml"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(d.export(), before);
    // Reading is still allowed.
    d.ok(&["overdue", "--format", "json"]);
    d.file("config.toml", "readers = [\"someone\"]\n");
    d.ok(&[
        "remind",
        "--party",
        "AUT",
        "--obligation",
        "experts",
        "--channel",
        "email",
    ]);
}

/// A large document whose very last record is wrong: every record before
/// it went into the open transaction, and all of it is rolled back. The
/// store is byte for byte as it was; a store the import would have
/// created is not left behind.
#[test]
fn a_large_document_refused_at_its_last_record_writes_nothing() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&crate::fixtures::big_document(3000)).unwrap();
    let reminders = doc["reminders"].as_array_mut().unwrap();
    let last = reminders.len() - 1;
    reminders[last]["date"] = serde_json::json!("2024-02-30");
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let d = Desk::sample();
    let before = file_bytes(&d);
    let export_before = d.export();
    let f = d.file("big-bad.json", &text);
    let err = d.fails(&["import", "--replace", f.to_str().unwrap()]);
    let path = format!("$.reminders[{last}].date (line ");
    assert!(err.contains(&path), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(file_bytes(&d), before, "the store changed");
    assert_eq!(d.export(), export_before);
    let fresh = Desk::new();
    let err = fresh.fails(&["import", f.to_str().unwrap()]);
    assert!(err.contains(&path), "{err}");
    assert!(!fresh.db.exists(), "a refused import left a store behind");
    for end in ["-journal", "-wal", "-shm"] {
        let mut p = fresh.db.as_os_str().to_owned();
        p.push(end);
        assert!(
            !std::path::Path::new(&p).exists(),
            "a refused import left {end} behind"
        );
    }
    let left: Vec<_> = std::fs::read_dir(fresh.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".importing-"))
        .collect();
    assert!(left.is_empty(), "a refused import left {left:?} behind");
}

/// The keys of a document may come in any order: a list may name records
/// of one that comes later (here, alphabetical: `extensions` and
/// `reminders` before `reviews`, `format` after them). Names are checked
/// at the end, and a wrong one is still found.
#[test]
fn a_document_in_any_key_order_imports_the_same_desk() {
    let sample = Desk::sample();
    let reordered = serde_json::from_str::<Value>(SAMPLE).unwrap().to_string();
    assert!(reordered.find("\"reminders\"") < reordered.find("\"reviews\""));
    let d = Desk::new();
    let f = d.file("reordered.json", &reordered);
    d.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(d.export(), sample.export());
    let bad = reordered.replace("\"party\":\"AUT\"", "\"party\":\"XYZ\"");
    assert_ne!(bad, reordered);
    let d = Desk::new();
    let f = d.file("bad.json", &bad);
    let err = d.fails(&["import", f.to_str().unwrap()]);
    assert!(err.contains("unknown party \"XYZ\""), "{err}");
    assert!(!d.db.exists());
}
