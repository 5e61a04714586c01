//! The drawing of lots through the binary: reproducible, recorded, limited
//! to four redraws, and clear when no pairing exists.

use crate::fixtures::{Desk, d, paper_groups, party};
use revdesk::domain::interchange;
use revdesk::domain::lots::{Candidate, Pairing, Rules, validate};
use revdesk::domain::model::*;
use serde_json::Value;

/// Parties over the five regions in three groups, with realistic gaps in
/// Protocol coverage; no reviews yet.
fn undrawn(n: usize) -> String {
    let mut desk = revdesk::domain::model::Desk {
        groups: paper_groups(),
        ..Default::default()
    };
    for i in 0..n {
        let region = Region::ALL[i % 5];
        let fa = i % 3 != 0;
        let mut p = party(
            &format!("P{i:03}"),
            &format!("Party {i}"),
            region,
            (i / 5 % 3) as u32 + 1,
        );
        p.instruments.tip = (i % 11 != 0).then(|| d("2005-01-01"));
        p.instruments.som = (i % 4 != 0).then(|| d("2006-01-01"));
        p.instruments.fa = fa.then(|| d("2007-01-01"));
        desk.parties.push(p);
    }
    interchange::to_json(&desk)
}

fn store_with(doc: &str) -> Desk {
    let d = Desk::new();
    let f = d.file("undrawn.json", doc);
    d.ok(&["import", f.to_str().unwrap()]);
    d
}

fn pairings_of(export: &str) -> (Vec<(u32, Vec<Pairing>)>, Vec<Candidate>) {
    let desk = interchange::parse(export).unwrap();
    let mut groups: std::collections::BTreeMap<u32, Vec<Pairing>> = Default::default();
    for r in &desk.reviews {
        groups.entry(r.group).or_default().push(Pairing {
            under_review: r.under_review.to_string(),
            reviewers: r.reviewers.iter().map(|c| c.to_string()).collect(),
        });
    }
    let pool = desk
        .parties
        .iter()
        .filter_map(|p| Candidate::from_party(p, None))
        .collect();
    (groups.into_iter().collect(), pool)
}

fn draw_all(d: &Desk, seeds: [&str; 3]) {
    for (g, seed) in ["1", "2", "3"].into_iter().zip(seeds) {
        d.ok(&[
            "--as-of",
            "2020-11-01",
            "draw",
            "--group",
            g,
            "--seed",
            seed,
        ]);
    }
}

#[test]
fn same_seed_same_pairing_on_two_fresh_stores() {
    let doc = undrawn(120);
    let (a, b) = (store_with(&doc), store_with(&doc));
    draw_all(&a, ["11", "12", "13"]);
    draw_all(&b, ["11", "12", "13"]);
    let (ea, eb) = (a.export(), b.export());
    assert_eq!(ea, eb);
    let (groups, pool) = pairings_of(&ea);
    assert_eq!(groups.iter().map(|(_, p)| p.len()).sum::<usize>(), 120);
    let violations = validate(&groups, &pool, &Rules::default());
    assert!(violations.is_empty(), "{violations:#?}");
    // Another seed gives another pairing.
    let c = store_with(&doc);
    draw_all(&c, ["21", "22", "23"]);
    assert_ne!(c.export(), ea);
    // The history records seed, rules and outcome of each draw.
    let h: Value = serde_json::from_str(&a.ok(&["draws", "--format", "json"])).unwrap();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 3);
    assert_eq!(h[0]["seed"], "11");
    assert_eq!(h[0]["rules"]["cap_per_group"], 3);
    assert_eq!(h[0]["os_user"], "tester");
    assert_eq!(h[0]["after"].as_array().unwrap().len(), 40);
    // Dry runs write nothing; a second draw of a group is refused.
    let fresh = store_with(&doc);
    let untouched = fresh.export();
    let shown = fresh.ok(&["draw", "--group", "1", "--seed", "5", "--dry-run"]);
    assert!(shown.contains("dry run"), "{shown}");
    assert_eq!(fresh.export(), untouched);
    let before = a.export();
    let err = a.fails(&["draw", "--group", "1", "--seed", "5"]);
    assert!(err.contains("already has pairings"), "{err}");
    assert_eq!(a.export(), before);
}

#[test]
fn a_fifth_redraw_is_refused() {
    let d = store_with(&undrawn(120));
    draw_all(&d, ["1", "2", "3"]);
    let doc: Value = serde_json::from_str(&d.export()).unwrap();
    let review = &doc["reviews"][0];
    let (id, party) = (
        review["id"].to_string(),
        review["under_review"].as_str().unwrap().to_string(),
    );
    let mut previous = review["reviewers"].clone();
    for n in 1..=4 {
        let out = d.ok(&[
            "draw",
            "--redraw",
            &id,
            "--requested-by",
            &party,
            "--seed",
            &n.to_string(),
        ]);
        assert!(out.contains(&format!("redraw {n} of 4")), "{out}");
        let doc: Value = serde_json::from_str(&d.export()).unwrap();
        assert_eq!(doc["reviews"][0]["redraws"], n);
        assert_ne!(
            doc["reviews"][0]["reviewers"], previous,
            "redraw {n} kept the same reviewers"
        );
        previous = doc["reviews"][0]["reviewers"].clone();
        let (groups, pool) = pairings_of(&d.export());
        assert!(validate(&groups, &pool, &Rules::default()).is_empty());
    }
    let before = d.export();
    let err = d.fails(&[
        "draw",
        "--redraw",
        &id,
        "--requested-by",
        &party,
        "--seed",
        "9",
    ]);
    assert!(err.contains("fifth") && err.contains("rule e"), "{err}");
    assert_eq!(d.export(), before);
    let h: Value = serde_json::from_str(&d.ok(&["draws", "--format", "json"])).unwrap();
    let redraws: Vec<&Value> = h
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["kind"] == "redraw")
        .collect();
    assert_eq!(redraws.len(), 4);
    assert_eq!(redraws[0]["requested_by"], party.as_str());
    assert_ne!(redraws[0]["before"], redraws[0]["after"]);
    // A redraw asked by a party outside the review is refused.
    let err = d.fails(&[
        "draw",
        "--redraw",
        &id,
        "--requested-by",
        "P999",
        "--seed",
        "9",
    ]);
    assert!(err.contains("not a party of review"), "{err}");
}

#[test]
fn an_impossible_group_draw_names_the_rule_and_writes_nothing() {
    // A region with a single party: no same-region reviewer exists (rule a).
    let mut doc: Value = serde_json::from_str(&undrawn(60)).unwrap();
    for p in doc["parties"].as_array_mut().unwrap() {
        if p["regional_group"] == "GRULAC" && p["code"] != "P003" {
            p["regional_group"] = "AFG".into();
        }
    }
    let d = store_with(&doc.to_string());
    let before = std::fs::read(&d.db).unwrap();
    let group = doc["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "P003")
        .unwrap()["group"]
        .to_string();
    let err = d.fails(&["draw", "--group", &group, "--seed", "1"]);
    assert!(
        err.contains("P003") && (err.contains("GRULAC") || err.contains("Latin American")),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read(&d.db).unwrap(), before);
}
