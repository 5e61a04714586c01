//! The command line speaks one language: every listing takes `--format
//! table|csv|json`, data keys are snake_case, text says words; completions
//! and manual pages; party codes in any case with "did you mean"; exit
//! codes 0, 1 and 2; a file that is not JSON is called that.

use crate::fixtures::Desk;
use serde_json::Value;

const AS_OF: &str = "2024-02-29";

/// Every listing command, as run with a format appended.
const LISTINGS: [&[&str]; 7] = [
    &["overdue"],
    &["stats"],
    &["draws"],
    &["contacts"],
    &["audit"],
    &["cluster", "gate"],
    &["contacts", "--role", "focal_point"],
];

fn listing(d: &Desk, cmd: &[&str], format: &str) -> String {
    let mut args = vec!["--as-of", AS_OF];
    args.extend_from_slice(cmd);
    args.extend(["--format", format]);
    d.ok(&args)
}

/// A sample desk with one reminder logged, so the audit has an edit whose
/// after is a record, with a note longer than any terminal.
fn desk_with_a_reminder(note: &str) -> Desk {
    let d = Desk::sample();
    d.ok(&[
        "remind",
        "--party",
        "aut",
        "--obligation",
        "saq",
        "--review",
        "1",
        "--channel",
        "note_verbale",
        "--note",
        note,
        "--date",
        "2024-02-01",
    ]);
    d
}

#[test]
fn every_listing_writes_json_csv_and_a_table() {
    let d = desk_with_a_reminder("second reminder");
    for cmd in LISTINGS {
        let json: Value = serde_json::from_str(&listing(&d, cmd, "json"))
            .unwrap_or_else(|e| panic!("{cmd:?} --format json: {e}"));
        if cmd[0] == "stats" {
            assert_eq!(json["as_of"], AS_OF);
        } else {
            let rows = json.as_array().unwrap_or_else(|| panic!("{cmd:?}: {json}"));
            let keys: Vec<&String> = rows
                .iter()
                .flat_map(|r| r.as_object().unwrap().keys())
                .collect();
            assert!(keys.iter().all(|k| is_snake(k)), "{cmd:?}: {keys:?}");
        }
        let csv = listing(&d, cmd, "csv");
        let header = csv.lines().next().unwrap_or_default();
        assert!(
            !header.is_empty() && header.split(',').all(is_snake),
            "{cmd:?} CSV header: {header:?}"
        );
        let table = listing(&d, cmd, "table");
        assert!(!table.trim().is_empty(), "{cmd:?} table is empty");
    }
    // The CSV and JSON of one listing name the same columns.
    let csv = listing(&d, &["contacts"], "csv");
    let json = serde_json::from_str::<Value>(&listing(&d, &["contacts"], "json")).unwrap();
    let mut csv_keys: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let mut json_keys: Vec<&str> = json[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    csv_keys.sort();
    json_keys.sort();
    assert_eq!(csv_keys, json_keys);
}

fn is_snake(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

#[test]
fn one_word_for_one_thing() {
    let d = Desk::sample();
    // Data says focal_point; text says "focal point".
    let csv = listing(&d, &["contacts", "--party", "AUT"], "csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let roles: Vec<String> = r.records().map(|x| x.unwrap()[3].to_string()).collect();
    assert!(
        !roles.is_empty() && roles.iter().all(|x| x == "focal_point"),
        "{roles:?}"
    );
    let json = serde_json::from_str::<Value>(&listing(&d, &["contacts", "--party", "AUT"], "json"))
        .unwrap();
    assert_eq!(json[0]["role"], "focal_point");
    assert!(json[0]["current"].is_boolean(), "{json:#}");
    let table = listing(&d, &["overdue"], "table");
    assert!(
        table.contains("focal point") && !table.contains("focal_point"),
        "{table}"
    );
    assert!(
        table.lines().next().unwrap().contains("DAYS OVERDUE"),
        "{table}"
    );
    let csv = listing(&d, &["overdue"], "csv");
    assert!(csv.contains(",focal_point,"), "{csv}");
    // The older spellings still work: draws --format text, contacts --vcard.
    d.ok(&["draws", "--format", "text"]);
    let o = d.run(&["contacts", "--party", "aut", "--vcard"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("BEGIN:VCARD"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format vcard"));
}

#[test]
fn audit_json_carries_before_and_after_whole_and_pipes_are_never_cut() {
    let note = format!("long note {}", "x".repeat(300));
    let d = desk_with_a_reminder(&note);
    let rows = d.json(&["audit", "--format", "json", "--limit", "5"]);
    let remind = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entity"] == "reminder")
        .unwrap_or_else(|| panic!("{rows:#}"));
    assert!(remind["after"].is_object(), "{remind:#}");
    assert_eq!(remind["after"]["note"], note.as_str());
    assert_eq!(remind["after"]["party"], "AUT");
    assert!(remind["before"].is_null());
    // Standard output here is a pipe: the table keeps the whole note.
    let table = d.ok(&["audit", "--limit", "1"]);
    assert!(table.contains(&note), "{table}");
    let csv = d.ok(&["audit", "--limit", "1", "--format", "csv"]);
    assert!(csv.contains(&note), "{csv}");
}

#[test]
fn completions_and_manual_pages() {
    let d = Desk::new();
    let bash = d.ok(&["completions", "bash"]);
    assert!(
        bash.contains("_revdesk()") && bash.contains("complete -F _revdesk"),
        "{bash:.300}"
    );
    assert!(bash.contains("overdue") && bash.contains("--format"));
    assert!(
        d.ok(&["completions", "zsh"])
            .starts_with("#compdef revdesk")
    );
    assert!(
        d.ok(&["completions", "fish"])
            .contains("complete -c revdesk")
    );
    let man = d.ok(&["manpage"]);
    assert!(
        man.starts_with(".TH") || man.starts_with(".ie"),
        "{man:.200}"
    );
    assert!(
        man.contains(".TH revdesk 1") && man.contains(".SH NAME"),
        "{man:.400}"
    );
    let page = d.ok(&["manpage", "overdue"]);
    assert!(
        page.contains(".TH revdesk-overdue 1") && page.contains("\\-\\-format"),
        "{page:.600}"
    );
    let dir = d.dir.path().join("man");
    d.ok(&["manpage", "--out", dir.to_str().unwrap()]);
    assert!(dir.join("revdesk.1").exists() && dir.join("revdesk-contacts.1").exists());
    // Nothing of the store is touched by either.
    assert!(!d.db.exists());
    // --help shows examples and the exit status.
    assert!(d.ok(&["--help"]).contains("2  wrong usage"));
    assert!(d.ok(&["overdue", "--help"]).contains("Examples:"));
}

#[test]
fn parties_in_any_case_and_near_misses() {
    let d = Desk::sample();
    let upper = listing(&d, &["contacts", "--party", "AUT"], "json");
    assert_eq!(listing(&d, &["contacts", "--party", "aut"], "json"), upper);
    assert_eq!(
        listing(&d, &["contacts", "--party", "austria"], "json"),
        upper
    );
    let people = serde_json::from_str::<Value>(&upper).unwrap();
    assert!(!people.as_array().unwrap().is_empty(), "{upper}");
    let (code, err) = d.code(&["overdue", "--party", "AUTT"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("unknown party \"AUTT\"; did you mean AUT (Austria)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = d.fails(&["calendar", "--party", "Frnace"]);
    assert!(err.contains("did you mean FRA (France)"), "{err}");
    // Writes find the party too, and store its code.
    d.ok(&[
        "nominate",
        "--party",
        "ken",
        "--role",
        "expert",
        "--name",
        "Amina Otieno",
        "--date",
        "2024-01-10",
    ]);
    let ken = d.json(&["contacts", "--party", "KEN", "--format", "json"]);
    assert!(
        ken.as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Amina Otieno" && p["party"] == "KEN")
    );
    let err = d.fails(&[
        "remind",
        "--party",
        "kenia",
        "--obligation",
        "experts",
        "--channel",
        "email",
    ]);
    assert!(err.contains("did you mean KEN (Kenya)"), "{err}");
}

#[test]
fn exit_codes_and_a_file_that_is_not_json() {
    let d = Desk::new();
    let csv = d.file("desk.csv", "id,party,name\n1,AUT,Anna\n");
    let (code, err) = d.code(&["import", csv.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("desk.csv: not a JSON document (line 1, column 1)"),
        "{err}"
    );
    assert!(!err.contains("expected"), "{err}");
    assert!(!d.db.exists(), "a rejected import created the store");
    // Usage errors exit 2; refusals and failures exit 1; done is 0.
    assert_eq!(d.code(&["overdue", "--format", "yaml"]).0, Some(2));
    assert_eq!(d.code(&["no-such-command"]).0, Some(2));
    let d = Desk::sample();
    let backup = d.dir.path().join("b.db");
    assert_eq!(d.code(&["backup", backup.to_str().unwrap()]).0, Some(0));
    let (code, err) = d.code(&["restore", backup.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("--yes"), "{err}");
}
