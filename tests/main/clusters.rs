//! The Mechanism over time through the binary: clusters one at a time, the
//! gate, starting the next cluster, new parties drawn into a new group, and
//! the revdesk/2 round trip with the draw log.

use crate::fixtures::Desk;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn demo() -> Desk {
    let d = Desk::new();
    d.ok(&["demo"]);
    d
}

fn bytes(d: &Desk) -> Vec<u8> {
    std::fs::read(&d.db).unwrap()
}

fn doc(d: &Desk) -> Value {
    serde_json::from_str(&d.export()).unwrap()
}

fn date(v: &Value) -> Option<chrono::NaiveDate> {
    v.as_str().map(|s| s.parse().unwrap())
}

/// The gate of group 1 in `cluster` computed from an export alone.
fn gate_from_export(doc: &Value, cluster: u64, as_of: &str) -> (u64, u64, u64, Option<String>) {
    let as_of: chrono::NaiveDate = as_of.parse().unwrap();
    let group_start = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["number"] == 1)
        .map(|g| date(&g["start"]).unwrap())
        .unwrap();
    let mut reviews = 0u64;
    let mut concluded = Vec::new();
    for r in doc["reviews"].as_array().unwrap() {
        if r["group"] != 1 || r["cluster"] != cluster {
            continue;
        }
        if date(&r["start"]).unwrap_or(group_start) > as_of {
            continue;
        }
        reviews += 1;
        let seen = |k: &str| date(&r[k]).filter(|d| *d <= as_of);
        if let (Some(a), Some(b)) = (seen("observations_finalized"), seen("summary_finalized")) {
            concluded.push(a.max(b));
        }
    }
    concluded.sort();
    let needed = (7 * reviews).div_ceil(10);
    let opened = (concluded.len() as u64 >= needed && needed > 0)
        .then(|| concluded[needed as usize - 1].to_string());
    (reviews, needed, concluded.len() as u64, opened)
}

#[test]
fn the_gate_matches_an_independent_count_at_several_dates() {
    let d = demo();
    let export = doc(&d);
    for as_of in [
        "2020-11-30",
        "2022-12-31",
        "2024-02-29",
        "2025-06-30",
        "2026-11-29",
    ] {
        let s = d.json(&["stats", "--as-of", as_of, "--format", "json"]);
        let g = &s["gate"];
        let (reviews, needed, concluded, opened) = gate_from_export(&export, 1, as_of);
        assert_eq!(g["cluster"], 1, "{as_of}");
        assert_eq!(g["group"], 1, "{as_of}");
        assert_eq!(g["threshold"], 0.7, "{as_of}");
        assert_eq!(g["reviews"], reviews, "{as_of}");
        assert_eq!(g["needed"], needed, "{as_of}");
        assert_eq!(g["concluded"], concluded, "{as_of}");
        assert_eq!(g["open"], concluded >= needed, "{as_of}");
        assert_eq!(g["opened"].as_str().map(String::from), opened, "{as_of}");
    }
    let s = d.json(&["stats", "--as-of", "2024-02-29", "--format", "json"]);
    assert_eq!(
        (s["gate"]["reviews"].as_u64(), s["gate"]["needed"].as_u64()),
        (Some(62), Some(44))
    );
    assert_eq!(s["joined"]["convention"], 2);
    assert_eq!(s["joined"]["not_in_group"], 2);
    let text = d.ok(&["stats", "--as-of", "2024-02-29"]);
    assert!(text.contains("2 parties are not yet in a group"), "{text}");
    assert!(
        text.contains("0 of its 62 reviews had been concluded, against the 44 needed"),
        "{text}"
    );
    // Paragraph 25 of the paper, in report.md.
    let out = d.dir.path().join("report");
    d.ok(&[
        "--as-of",
        "2024-02-29",
        "report",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("In order to start the review of the next thematic cluster, which will be focused on international cooperation, mutual legal assistance and confiscation (fourth thematic cluster), 70 per cent of the reviews in the first group must be completed, unless the Conference decides otherwise. As at 29 February 2024, none of the 62 reviews of the first group had been completed, against the 44 needed."), "{md}");
    // A threshold is a setting; a bad one is refused naming it.
    d.ok(&["cluster", "threshold", "0.5"]);
    let s = d.json(&["stats", "--as-of", "2024-02-29", "--format", "json"]);
    assert_eq!(
        (
            s["gate"]["threshold"].as_f64(),
            s["gate"]["needed"].as_u64()
        ),
        (Some(0.5), Some(31))
    );
    assert!(d.fails(&["cluster", "threshold", "1.5"]).contains("SHARE:"));
}

#[test]
fn the_next_cluster_starts_with_the_same_pairings_only_when_allowed() {
    let d = demo();
    let cluster_1 = d.ok(&["stats", "--cluster", "1"]);
    let before = bytes(&d);
    let start = [
        "cluster",
        "start",
        "--cluster",
        "4",
        "--group",
        "1",
        "--date",
        "2025-03-01",
    ];
    let err = d.fails(&start);
    assert!(err.contains("the gate is closed as at 2025-03-01"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(bytes(&d), before, "a refused start writes nothing");
    let carried = doc(&d);

    let decision = "Conference decision 12/3 on the fourth cluster";
    let mut with = start.to_vec();
    with.extend(["--decision", decision, "--seed", "4"]);
    d.ok(&with);
    assert_eq!(d.ok(&["stats", "--cluster", "1"]), cluster_1);

    let after = doc(&d);
    let old: BTreeMap<String, Vec<String>> = carried["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["group"] == 1 && r["cluster"] == 1)
        .map(|r| {
            (
                r["under_review"].as_str().unwrap().to_string(),
                strings(&r["reviewers"]),
            )
        })
        .collect();
    let new: Vec<&Value> = after["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["cluster"] == 4)
        .collect();
    assert_eq!(new.len(), old.len());
    for r in &new {
        let under = r["under_review"].as_str().unwrap();
        let reviewers = strings(&r["reviewers"]);
        assert_eq!(reviewers[..old[under].len()], old[under][..], "{under}");
        assert_eq!(
            (r["group"].as_u64(), r["start"].as_str()),
            (Some(1), Some("2025-03-01"))
        );
        assert!(r["consultation_held"].is_null());
    }
    assert_eq!(after["cluster_starts"][0]["start"], "2025-03-01");
    let draw = after["draws"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (draw["cluster"].as_u64(), draw["seed"].as_str()),
        (Some(4), Some("4"))
    );
    assert_eq!(draw["rules"]["decision"], decision);
    let audit = d.ok(&["audit", "--record", "cluster:4:1"]);
    assert!(
        audit.contains("\"decision\":\"Conference decision 12/3"),
        "{audit}"
    );

    // Nothing of the new cluster is overdue the day after it starts.
    let overdue = d.json(&[
        "--as-of",
        "2025-03-02",
        "overdue",
        "--cluster",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(overdue, Value::Array(vec![]));
    let s = d.json(&["--as-of", "2025-03-02", "stats", "--format", "json"]);
    assert_eq!(
        (s["cluster"].as_u64(), s["reviews"]["total"].as_u64()),
        (Some(4), Some(62))
    );
    assert_eq!(s["reviews"]["by_group"], serde_json::json!({"1": 62}));
    assert_eq!(s["gate"]["cluster"], 4);
    // Before the start, cluster 1 is still the default.
    let s = d.json(&["--as-of", "2025-02-28", "stats", "--format", "json"]);
    assert_eq!(s["cluster"], 1);
    assert!(d.ok(&["check"]).contains("ok:"));
    let out = d.dir.path().join("report4");
    d.ok(&[
        "--as-of",
        "2025-06-01",
        "report",
        "--cluster",
        "4",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("## III. Progress of the review of the fourth thematic cluster"),
        "{md}"
    );
    assert!(
        md.contains("62 reviews were drawn")
            || md.contains("62 reviews as part of the first group"),
        "{md}"
    );
    // A second start of the same cluster for the group is refused.
    let e = d.fails(&with);
    assert!(
        e.contains("--cluster: group 1 already has reviews in cluster 4"),
        "{e}"
    );
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn new_parties_join_a_new_group_and_are_drawn_under_the_rules() {
    let d = demo();
    let unchanged = |d: &Desk, args: &[&str], field: &str| {
        let before = bytes(d);
        let e = d.fails(args);
        assert!(e.contains(field), "{args:?}: {e}");
        assert_eq!(e.trim().lines().count(), 1, "{e}");
        assert_eq!(bytes(d), before, "{args:?} wrote");
    };
    unchanged(
        &d,
        &[
            "party",
            "add",
            "--code",
            "ZZL",
            "--name",
            "Zedland",
            "--region",
            "XYZ",
            "--convention",
            "2024-01-10",
        ],
        "--region:",
    );
    unchanged(
        &d,
        &[
            "party",
            "add",
            "--code",
            "ZZL",
            "--name",
            "Zedland",
            "--region",
            "APG",
            "--convention",
            "2024-01-10",
            "--tip",
            "2023-05-01",
        ],
        "--tip:",
    );
    unchanged(
        &d,
        &[
            "party",
            "add",
            "--code",
            "AUT",
            "--name",
            "Austria",
            "--region",
            "WEOG",
            "--convention",
            "2024-01-10",
        ],
        "--code:",
    );
    d.ok(&[
        "party",
        "add",
        "--code",
        "ZZL",
        "--name",
        "Zedland",
        "--region",
        "APG",
        "--convention",
        "2024-01-10",
        "--som",
        "2024-02-01",
    ]);
    d.ok(&["party", "set", "--code", "BTN", "--fa", "2024-04-01"]);
    unchanged(
        &d,
        &["party", "set", "--code", "SSD", "--tip", "2020-01-01"],
        "--tip:",
    );
    unchanged(
        &d,
        &["party", "assign", "--code", "BTN", "--group", "4"],
        "--start:",
    );
    unchanged(
        &d,
        &[
            "party",
            "assign",
            "--code",
            "BTN",
            "--group",
            "4",
            "--start",
            "2022-06-01",
        ],
        "--start:",
    );
    d.ok(&[
        "party",
        "assign",
        "--code",
        "BTN",
        "--group",
        "4",
        "--start",
        "2024-07-01",
    ]);
    d.ok(&["party", "assign", "--code", "SSD", "--group", "4"]);
    d.ok(&["party", "assign", "--code", "ZZL", "--group", "4"]);
    d.ok(&[
        "--as-of",
        "2024-06-01",
        "draw",
        "--group",
        "4",
        "--seed",
        "17",
    ]);
    assert!(d.ok(&["check"]).contains("ok:"));

    // Rules (a)-(e), checked here on the export alone.
    let x = doc(&d);
    let parties: BTreeMap<&str, &Value> = x["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p))
        .collect();
    let region = |c: &str| {
        let p = parties[c];
        p["regional_group"]
            .as_str()
            .or(p["pairs_as"].as_str())
            .unwrap()
            .to_string()
    };
    let bound = |c: &str, prot: &str| {
        parties[c]["instruments"][prot]
            .as_str()
            .is_some_and(|d| d <= "2024-07-01")
    };
    let reviews: Vec<&Value> = x["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["group"] == 4)
        .collect();
    let under: BTreeSet<&str> = reviews
        .iter()
        .map(|r| r["under_review"].as_str().unwrap())
        .collect();
    assert_eq!(under, ["BTN", "SSD", "ZZL"].into());
    let mut load: BTreeMap<String, u32> = BTreeMap::new();
    let mut edges = BTreeSet::new();
    for r in x["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["cluster"] == 1)
    {
        for rev in strings(&r["reviewers"]) {
            edges.insert((rev, r["under_review"].as_str().unwrap().to_string()));
        }
    }
    for r in &reviews {
        let u = r["under_review"].as_str().unwrap();
        let rs = strings(&r["reviewers"]);
        assert!(rs.len() >= 2 && rs.len() <= 4, "{u}: {rs:?}");
        assert_eq!(region(&rs[0]), region(u), "(a) {u}");
        assert_ne!(region(&rs[1]), region(u), "(a) {u}");
        for rev in &rs {
            assert_ne!(rev, u, "(d) {u}");
            assert!(
                !edges.contains(&(u.to_string(), rev.clone())),
                "(b) {u} and {rev}"
            );
            *load.entry(rev.clone()).or_default() += 1;
        }
        for prot in ["tip", "som", "fa"] {
            if bound(u, prot) {
                let main = rs[..2].iter().all(|c| bound(c, prot));
                let extra = rs[2..].iter().any(|c| bound(c, prot));
                assert!(main || extra, "(c) {u} {prot}: {rs:?}");
            }
        }
    }
    assert!(load.values().all(|n| *n <= 3), "(d) {load:?}");
    let s = d.json(&["--as-of", "2024-08-01", "stats", "--format", "json"]);
    assert_eq!(s["joined"]["not_in_group"], 0);
    assert_eq!(s["reviews"]["by_group"]["4"], 3);
}

#[test]
fn revdesk_2_round_trips_with_its_draws() {
    let d = demo();
    d.ok(&[
        "cluster",
        "start",
        "--cluster",
        "4",
        "--group",
        "1",
        "--date",
        "2025-03-01",
        "--decision",
        "test",
        "--seed",
        "2",
    ]);
    let first = d.export();
    let x: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(x["format"], "revdesk/2");
    assert!(x["draws"].as_array().unwrap().len() > 1);
    let empty = Desk::new();
    let f = empty.file("x.json", &first);
    empty.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(empty.export(), first);

    // A revdesk/1 document would empty the draw log: only with --yes.
    let mut v1 = x.clone();
    v1["format"] = "revdesk/1".into();
    let obj = v1.as_object_mut().unwrap();
    obj.remove("draws");
    obj.remove("cluster_starts");
    obj.remove("registers");
    // Missions and working languages are revdesk/2 too.
    for p in obj["parties"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("mission");
    }
    for p in obj["people"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("languages");
    }
    let f = empty.file("v1.json", &v1.to_string());
    let before = bytes(&empty);
    let e = empty.fails(&["import", "--replace", f.to_str().unwrap()]);
    assert!(e.contains("--yes") && e.contains("draw log"), "{e}");
    assert_eq!(bytes(&empty), before);
    empty.ok(&["import", "--replace", "--yes", f.to_str().unwrap()]);
    let again: Value = serde_json::from_str(&empty.export()).unwrap();
    assert_eq!(again["draws"], Value::Array(vec![]));
}

#[test]
fn readers_and_read_only_sessions_cannot_write() {
    let d = demo();
    let before = bytes(&d);
    let writes: [&[&str]; 3] = [
        &[
            "cluster",
            "start",
            "--cluster",
            "4",
            "--group",
            "1",
            "--date",
            "2025-03-01",
            "--decision",
            "x",
        ],
        &[
            "party",
            "add",
            "--code",
            "ZZL",
            "--name",
            "Z",
            "--region",
            "APG",
            "--convention",
            "2024-01-10",
        ],
        &["cluster", "threshold", "0.6"],
    ];
    for w in writes {
        let mut ro = vec!["--read-only"];
        ro.extend_from_slice(w);
        assert!(d.fails(&ro).contains("read-only"));
    }
    d.file("config.toml", "readers = [\"tester\"]\n");
    for w in writes {
        assert!(d.fails(w).contains("read-only"));
    }
    assert_eq!(bytes(&d), before);
}

// The app: the cluster switch, the next cluster started from Figures, and
// new parties on the Parties pane.

use crate::fixtures::{editing_app_on, press, screen, today, type_in};
use revdesk::app::{App, FormKind};

fn msg(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

fn form_kind(app: &App) -> Option<FormKind> {
    app.form().map(|f| f.kind.clone())
}

#[test]
fn the_app_starts_the_next_cluster_from_figures_and_switches_clusters() {
    let (_dir, mut app) = editing_app_on(&revdesk::demo::build(today()).desk);
    assert_eq!(app.cluster(), 1);
    assert!(screen(&mut app, 120, 40).contains("cluster 1 · as at 2024-02-29"));
    press(&mut app, &["C"]);
    assert!(msg(&app).contains("only cluster"), "{}", msg(&app));
    press(&mut app, &["6"]);
    let figures = screen(&mut app, 120, 40);
    assert!(
        figures.contains("Gate: 0 of 62 concluded in group 1, 44 needed (70 per cent): closed"),
        "{figures}"
    );
    press(&mut app, &["N"]);
    assert_eq!(
        form_kind(&app),
        Some(FormKind::StartCluster {
            cluster: 4,
            group: 1
        })
    );
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("Gate as at 2024-02-29: 0 of 62 concluded (group 1, cluster 1)"),
        "{shown}"
    );
    assert!(shown.contains("44 needed (70 per cent): closed"), "{shown}");
    // The date, then no decision: refused, with the gate closed.
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2025-03-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_some(), "saved with the gate closed");
    let before = app.store().unwrap().load_desk().unwrap().reviews.len();
    assert_eq!(before, 189);
    // The refusal put the cursor on the decision, naming the gate.
    assert!(screen(&mut app, 120, 40).contains("the gate is closed"));
    type_in(&mut app, "Decision 12/3 of the Conference");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{}", msg(&app));
    assert!(
        msg(&app).contains("started cluster 4 for group 1 on 2025-03-01: 62 reviews"),
        "{}",
        msg(&app)
    );
    assert_eq!(app.store().unwrap().load_desk().unwrap().reviews.len(), 251);
    // The screens now show cluster 4, named in the header.
    assert_eq!(app.cluster(), 4);
    assert!(screen(&mut app, 120, 40).contains("cluster 4 · as at 2024-02-29"));
    assert_eq!(app.desk.reviews.len(), 62);
    // The day after the start nothing of cluster 4 is overdue: its reviews
    // run from that day, and it brings no nominations of its own.
    app.set_as_of("2025-03-02".parse().unwrap());
    assert_eq!(app.cluster(), 4);
    let overdue = app
        .data
        .entries
        .iter()
        .filter(|e| e.status().days_overdue().is_some())
        .count();
    assert_eq!(overdue, 0);
    assert!(app.data.entries.iter().all(|e| e.review().is_some()));
    app.set_as_of("2024-02-29".parse().unwrap());
    press(&mut app, &["C"]);
    assert_eq!(app.cluster(), 1);
    assert_eq!(app.desk.reviews.len(), 189);
    assert_eq!(app.stats().reviews.total, 189);
}

#[test]
fn the_parties_pane_adds_a_party_records_a_protocol_and_assigns_a_group() {
    let (_dir, mut app) = editing_app_on(&revdesk::demo::build(today()).desk);
    press(&mut app, &["4", "A"]);
    assert_eq!(form_kind(&app), Some(FormKind::AddParty));
    type_in(&mut app, "ZZL");
    press(&mut app, &["tab"]);
    type_in(&mut app, "Zedland");
    // Kind (state), region: APG is the second choice after "none".
    press(&mut app, &["tab", "tab", "right", "right", "tab", "tab"]);
    type_in(&mut app, "2024-01-10");
    press(&mut app, &["tab"]);
    type_in(&mut app, "2023-01-01");
    press(&mut app, &["ctrl-s"]);
    assert!(
        app.form().is_some(),
        "a TIP date before the Convention's was saved"
    );
    assert!(msg(&app).contains("refused"), "{}", msg(&app));
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2024-02-01");
    press(&mut app, &["ctrl-s"]);
    assert!(
        app.form().is_none(),
        "{}\n{}",
        msg(&app),
        screen(&mut app, 120, 40)
    );
    let zzl = app.store().unwrap().load_desk().unwrap();
    let zzl = zzl.party("ZZL").expect("ZZL added").clone();
    assert_eq!(
        zzl.regional_group,
        Some(revdesk::domain::model::Region::Apg)
    );
    assert_eq!(zzl.group, None);

    // Select it, record a Protocol, assign it to a new group.
    press(&mut app, &["/"]);
    type_in(&mut app, "Zedland");
    press(&mut app, &["enter", "P"]);
    assert_eq!(
        form_kind(&app),
        Some(FormKind::Treaty {
            party: "ZZL".into()
        })
    );
    press(&mut app, &["tab", "tab"]);
    type_in(&mut app, "2024-03-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{}", msg(&app));
    press(&mut app, &["M"]);
    assert_eq!(
        form_kind(&app),
        Some(FormKind::AssignGroup {
            party: "ZZL".into()
        })
    );
    press(&mut app, &["ctrl-s"]);
    assert!(
        app.form().is_some(),
        "a new group was made without its start"
    );
    // The refusal put the cursor on the start.
    type_in(&mut app, "2024-07-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_none(), "{}", msg(&app));
    let desk = app.store().unwrap().load_desk().unwrap();
    let zzl = desk.party("ZZL").unwrap();
    assert_eq!(
        (zzl.group, zzl.instruments.fa),
        (Some(4), "2024-03-01".parse().ok())
    );
    assert_eq!(desk.group_start(4), "2024-07-01".parse().ok());
    let audit = app
        .store()
        .unwrap()
        .audit_trail(Some(("party", "ZZL")), 10)
        .unwrap();
    assert_eq!(audit.len(), 3);
}
