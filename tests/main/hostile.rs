//! Hostile input: property tests for the import, the date parser and the
//! text sanitiser. None may panic; nothing dangerous may reach a terminal;
//! a rejected document leaves the store byte-identical.

use crate::fixtures::{Desk, SAMPLE};
use proptest::prelude::*;
use revdesk::domain::interchange;
use revdesk::domain::text::{parse_date, sanitize};

/// Characters that must never reach a terminal raw.
fn dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{061c}')
}

fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\x1b[2J".to_string()),
        Just("\x1b]52;c;ZXZpbA==\x07".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\r\n".to_string()),
        Just("Côte d'Ivoire".to_string()),
        Just("中国".to_string()),
        any::<char>().prop_map(String::from),
        "[ -~]{0,8}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn sanitised_text_is_inert(s in hostile_text()) {
        let out = sanitize(&s);
        prop_assert!(!out.chars().any(dangerous), "{:?} -> {:?}", s, out);
    }

    #[test]
    fn sanitising_any_string_is_inert(s in any::<String>()) {
        prop_assert!(!sanitize(&s).chars().any(dangerous));
    }

    #[test]
    fn dates_never_panic_and_accept_only_real_days(s in "[0-9-]{0,12}|.{0,12}") {
        if let Ok(d) = parse_date(&s) {
            prop_assert_eq!(d.format("%Y-%m-%d").to_string(), s);
        }
    }

    #[test]
    fn real_days_always_parse(days in 0i64..80_000) {
        let d = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
        prop_assert_eq!(parse_date(&d.to_string()).unwrap(), d);
    }
}

/// A mutation of the sample document: bytes cut, replaced or inserted.
fn mutated() -> impl Strategy<Value = String> {
    let len = SAMPLE.len();
    (
        0..len,
        0..len,
        prop::sample::select(vec![
            "",
            "\"",
            "{",
            "]",
            ",",
            "null",
            "1e999",
            "-1",
            "\"x\"",
            "\u{202e}",
            "\\u0000",
            "2023-02-30",
            "[]",
        ]),
    )
        .prop_map(|(a, b, insert)| {
            let (a, b) = (a.min(b), a.max(b).min(a + 40));
            let mut bytes = SAMPLE.as_bytes().to_vec();
            bytes.splice(a..b, insert.bytes());
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

/// A value-level mutation: one field set to a value of another type.
fn retyped() -> impl Strategy<Value = String> {
    let doc: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    let values = prop::sample::select(vec![
        serde_json::json!(null),
        serde_json::json!(-7),
        serde_json::json!("2021-13-01"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!("ZZZ"),
        serde_json::json!(1.5),
        serde_json::json!(true),
    ]);
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        values,
    )
        .prop_map(move |(section, item, field, value)| {
            let mut doc = doc.clone();
            let keys = [
                "groups",
                "parties",
                "people",
                "reviews",
                "extensions",
                "reminders",
            ];
            let key = keys[section.index(keys.len())];
            if let Some(arr) = doc[key].as_array_mut() {
                let n = arr.len();
                if let Some(obj) = arr[item.index(n)].as_object_mut() {
                    let fields: Vec<String> = obj.keys().cloned().collect();
                    let f = &fields[field.index(fields.len())];
                    obj.insert(f.clone(), value);
                }
            }
            doc.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn import_parser_never_panics(text in mutated()) {
        let _ = interchange::parse(&text);
    }

    #[test]
    fn retyped_fields_are_refused_or_round_trip(text in retyped()) {
        match interchange::parse(&text) {
            Err(problems) => {
                prop_assert!(!problems.0.is_empty());
                prop_assert!(problems.0.iter().all(|p| p.path.starts_with('$')));
            }
            Ok(desk) => {
                let json = interchange::to_json(&desk);
                let again = interchange::parse(&json).unwrap();
                prop_assert_eq!(interchange::to_json(&again), json);
            }
        }
    }
}

#[test]
fn rejected_imports_through_the_binary_leave_the_store_identical() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let d = Desk::sample();
    let before = std::fs::read(&d.db).unwrap();
    let mut runner = TestRunner::deterministic();
    let strategy = mutated();
    let (mut refused, mut tried) = (0, 0);
    while tried < 40 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        if interchange::parse(&text).is_ok() {
            continue;
        }
        tried += 1;
        let f = d.file("hostile.json", &text);
        let o = d.run(&["import", "--replace", f.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && !err.contains("panicked"), "{err}");
        assert!(!err.contains('\x1b'), "raw escape in an error message");
        assert_eq!(std::fs::read(&d.db).unwrap(), before);
        refused += 1;
    }
    assert_eq!(refused, 40);
}

#[test]
fn hostile_names_are_cleaned_when_stored_and_shown_inert() {
    let d = Desk::sample();
    d.ok(&[
        "nominate",
        "--party",
        "AUT",
        "--role",
        "expert",
        "--name",
        "Eve\x1b[2J\u{202e}",
        "--email",
        "=cmd|'/C-calc'!A0@x.example",
        "--date",
        "2023-01-01",
    ]);
    // The record keeps what was typed, cleaned as a form cleans it (no
    // control or invisible characters)...
    let doc: serde_json::Value = serde_json::from_str(&d.export()).unwrap();
    let people = doc["people"].as_array().unwrap();
    assert!(people.iter().any(|p| p["name"] == "Eve[2J"));
    assert!(!people.iter().any(|p| p["name"] == "Eve\x1b[2J\u{202e}"));
    // ...but the table printed to a terminal is inert.
    let audit = d.ok(&["audit", "--limit", "5"]);
    assert!(!audit.chars().any(dangerous_for_table), "{audit:?}");
}

fn dangerous_for_table(c: char) -> bool {
    c != '\n' && dangerous(c)
}

/// Keymap files as a user might break them: fragments of valid keymaps,
/// TOML punctuation, odd key names and actions, control characters.
fn keymap_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[global]\n".to_string()),
        Just("[overdue]\n".to_string()),
        Just("[nowhere]\n".to_string()),
        Just("\"q\" = \"quit\"\n".to_string()),
        Just("\"ctrl-\" = \"down\"\n".to_string()),
        Just("\"ctrl-alt-shift-x\" = \"up\"\n".to_string()),
        Just("\"f99\" = \"help\"\n".to_string()),
        Just("\"x\" = \"explode\"\n".to_string()),
        Just("\"x\" = 3\n".to_string()),
        Just("x = [\"a\"]\n".to_string()),
        Just("\"\u{1b}\" = \"quit\"\n".to_string()),
        Just("\"\" = \"\"\n".to_string()),
        Just("= = =\n".to_string()),
        Just("[[a]]\n".to_string()),
        "[ -~]{0,12}\n",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn keymap_parser_never_panics_and_names_a_line(text in keymap_text()) {
        match revdesk::app::keymap::Keymap::with_user_text(&text, "keymap.toml") {
            Ok(map) => prop_assert!(!map.bindings().is_empty()),
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.contains("keymap.toml"), "{}", msg);
                prop_assert!(!msg.contains('\u{1b}'), "raw escape in {:?}", msg);
            }
        }
    }
}
