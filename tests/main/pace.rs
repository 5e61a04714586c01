//! `revdesk pace` driven as a user would: a generated desk imported, the
//! JSON of DESIGN.md section 5 checked against values worked out by hand,
//! the estimate pooled over clusters, and the text form.

use crate::fixtures::{Desk, SAMPLE, TempStore, press, screen, today};
use chrono::{NaiveDate, TimeDelta};
use revdesk::app::{App, Keymap, Session};
use revdesk::domain::interchange;
use serde_json::{Value, json};

/// Day `n` after group 1's start (2020-12-01), as ISO text.
fn day(n: i64) -> Value {
    let d = NaiveDate::from_ymd_opt(2020, 12, 1).unwrap() + TimeDelta::days(n);
    json!(d.to_string())
}

/// The sample document with its reviews replaced by these, all of AUT by
/// FRA and KEN: (id, group, consultation, saq, feedback, observations,
/// summary), days after 2020-12-01, `None` for not yet.
fn desk_with(reviews: &[(i64, u32, [Option<i64>; 5])]) -> Desk {
    let d = Desk::new();
    let f = d.file("desk.json", &doc_with(reviews));
    d.ok(&["import", f.to_str().unwrap()]);
    d
}

/// The document of [`desk_with`].
fn doc_with(reviews: &[(i64, u32, [Option<i64>; 5])]) -> String {
    let mut doc: Value = serde_json::from_str(SAMPLE).unwrap();
    doc["extensions"] = json!([]);
    doc["reminders"] = json!([]);
    doc["reviews"] = reviews
        .iter()
        .map(|(id, group, m)| {
            let at = |i: usize| m[i].map_or(Value::Null, day);
            json!({"id": id, "group": group, "cluster": 1, "under_review": "AUT",
                   "reviewers": ["FRA", "KEN"], "start": null, "redraws": 0,
                   "languages": if m[0].is_some() { json!(["en"]) } else { json!([]) },
                   "consultation_held": at(0), "saq_submitted": at(1),
                   "feedback_submitted": at(2), "observations_finalized": at(3),
                   "summary_finalized": at(4)})
        })
        .collect();
    doc.to_string()
}

/// Five reviews of group 1 and one of group 2 (not started on the date).
const WORKED: [(i64, u32, [Option<i64>; 5]); 6] = [
    // Spells 2, 2, 2, 4: concluded on day 10.
    (1, 1, [Some(2), Some(4), Some(6), Some(10), Some(10)]),
    // Spells 4, 4, 4, 8: concluded on day 20, the later of 20 and 18.
    (2, 1, [Some(4), Some(8), Some(12), Some(20), Some(18)]),
    // Consultation 6, SAQ 20, feedback open since day 26.
    (3, 1, [Some(6), Some(26), None, None, None]),
    // Consultation held on the as-at day (30): SAQ begun today.
    (4, 1, [Some(30), None, None, None, None]),
    // Consultation held on day 40: after the date, so not yet.
    (5, 1, [Some(40), None, None, None, None]),
    // Group 2 starts on 2021-11-01.
    (6, 2, [None, None, None, None, None]),
];

fn worked_desk() -> Desk {
    desk_with(&WORKED)
}

const AS_OF: &str = "2020-12-31";

fn review(p: &Value, id: i64) -> &Value {
    p["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no review {id} in {p}"))
}

#[test]
fn pace_json_worked_by_hand() {
    let d = worked_desk();
    let p = d.json(&["--as-of", AS_OF, "pace", "--format", "json"]);
    assert_eq!(p["as_of"], AS_OF);
    // consultation: events 2, 4, 6, 30 and review 5 censored at 30. S(2) =
    // 4/5, S(4) = 3/5, S(6) = 2/5 <= 1/2: median 6. S(30) = 2/5 x 1/2.
    assert_eq!(
        p["spells"]["consultation"],
        json!({"complete": 4, "open": 1, "median_days": 6})
    );
    // saq: events 2, 4, 20; review 4 censored at 0. S(2) = 2/3, S(4) = 1/3.
    assert_eq!(
        p["spells"]["saq"],
        json!({"complete": 3, "open": 1, "median_days": 4})
    );
    // feedback: events 2, 4; review 3 censored at 4, in the risk set at 4:
    // S(2) = 2/3, S(4) = 2/3 x 1/2 = 1/3.
    assert_eq!(
        p["spells"]["feedback"],
        json!({"complete": 2, "open": 1, "median_days": 4})
    );
    // observations: events 4 and 8: S(4) = 1/2 exactly.
    assert_eq!(
        p["spells"]["observations"],
        json!({"complete": 2, "open": 0, "median_days": 4})
    );
    let ids: Vec<i64> = p["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5], "review 6 has not started");
    assert_eq!(
        *review(&p, 1),
        json!({"id": 1, "cluster": 1, "group": 1, "stage": "concluded",
               "concluded": "2020-12-11", "projected": null})
    );
    assert_eq!(review(&p, 2)["concluded"], "2020-12-21");
    // Review 3: feedback 4 days old, S(4) = 1/3, no later event: none.
    assert_eq!(review(&p, 3)["stage"], "feedback");
    assert_eq!(review(&p, 3)["projected"], Value::Null);
    // Review 4: SAQ begun today (e = 0), S(0) = 1, halved first at 4; then
    // the feedback and observations medians: 31 December + 12 days.
    assert_eq!(review(&p, 4)["stage"], "saq");
    assert_eq!(review(&p, 4)["projected"], "2021-01-12");
    // Review 5: consultation 30 days old, S(30) = 1/5, nothing after.
    assert_eq!(review(&p, 5)["concluded"], Value::Null);
    assert_eq!(review(&p, 5)["projected"], Value::Null);
    // The gate: 5 reviews, 4 needed, 2 concluded, 3 dates: not projectable.
    assert_eq!(
        p["gate"],
        json!({"cluster": 1, "group": 1, "threshold": 0.7, "reviews": 5, "needed": 4,
               "concluded": 2, "open": false, "opened": null, "projected": null})
    );
    // With the threshold at 0.6, 3 are needed: the third date.
    d.ok(&["cluster", "threshold", "0.6"]);
    let p = d.json(&["--as-of", AS_OF, "pace", "--format", "json"]);
    assert_eq!(p["gate"]["needed"], 3);
    assert_eq!(p["gate"]["projected"], "2021-01-12");
    // At 0.4, 2 are needed: open since the second conclusion.
    d.ok(&["cluster", "threshold", "0.4"]);
    let p = d.json(&["--as-of", AS_OF, "pace", "--format", "json"]);
    assert_eq!(p["gate"]["open"], true);
    assert_eq!(p["gate"]["opened"], "2020-12-21");
    assert_eq!(p["gate"]["projected"], "2020-12-21");
}

#[test]
fn pace_text_says_each_median_and_why_the_gate_cannot_be_projected() {
    let d = worked_desk();
    let text = d.ok(&["--as-of", AS_OF, "pace"]);
    for needle in [
        "The preliminary consultation was held a median of 6 days after the start of a review (4 held, 1 awaited).",
        "The self-assessment questionnaire was submitted a median of 4 days after the preliminary consultation",
        "Written feedback was submitted a median of 4 days",
        "Reviews were concluded a median of 4 days after the written feedback (2 concluded, 0 awaited).",
        "At the current pace, the gate cannot be projected: 4 of the 5 reviews of group 1 in cluster 1 (70 per cent) must conclude; 2 have and 1 more is projected to, but for 2 the time still to run in the consultation and feedback steps cannot yet be estimated",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    d.ok(&["cluster", "threshold", "0.6"]);
    let text = d.ok(&["--as-of", AS_OF, "pace"]);
    assert!(
        text.contains("At the current pace, the gate opens on 12 January 2021, when 3 of the 5 reviews of group 1 in cluster 1 (60 per cent) will have concluded; 2 are concluded now."),
        "{text}"
    );
}

#[test]
fn nothing_started_nothing_projected() {
    let d = worked_desk();
    let p = d.json(&["--as-of", "2020-11-30", "pace", "--format", "json"]);
    assert_eq!(p["reviews"], json!([]));
    for kind in ["consultation", "saq", "feedback", "observations"] {
        assert_eq!(
            p["spells"][kind],
            json!({"complete": 0, "open": 0, "median_days": null})
        );
    }
    assert_eq!(p["gate"]["reviews"], 0);
    assert_eq!(p["gate"]["projected"], Value::Null);
}

#[test]
fn the_estimate_pools_every_cluster_the_reviews_are_the_clusters() {
    let d = worked_desk();
    // Group 1's reviews in cluster 4 from the as-at day, by decision.
    d.ok(&[
        "--as-of",
        AS_OF,
        "cluster",
        "start",
        "--cluster",
        "4",
        "--group",
        "1",
        "--date",
        AS_OF,
        "--decision",
        "Conference decision 11/1",
    ]);
    let p = d.json(&["--as-of", AS_OF, "pace", "--format", "json"]);
    // The default cluster is the one started last: cluster 4, its five
    // reviews each in consultation since today.
    let reviews = p["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 5);
    assert!(reviews.iter().all(|r| r["cluster"] == 4), "{p}");
    assert_eq!(p["gate"]["cluster"], 4);
    // Cluster 1's spells are still in the estimate, with five more open
    // consultations censored at 0.
    assert_eq!(
        p["spells"]["consultation"],
        json!({"complete": 4, "open": 6, "median_days": 6})
    );
    // From day 0 the consultation halves at 6 (S(6) = 2/5 of 1): then the
    // SAQ, feedback and observations medians, 4 each: 18 days.
    for r in reviews {
        assert_eq!(r["projected"], "2021-01-18", "{r}");
    }
    // Cluster 1 asked for: its reviews, with the same estimate.
    let p1 = d.json(&[
        "--as-of",
        AS_OF,
        "pace",
        "--cluster",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(p1["reviews"].as_array().unwrap().len(), 5);
    assert_eq!(p1["spells"], p["spells"]);
    assert_eq!(review(&p1, 4)["projected"], "2021-01-12");
    let err = d.fails(&["pace", "--cluster", "7"]);
    assert!(err.contains("--cluster"), "{err}");
}

/// The app on the worked desk as at 31 December 2020.
fn worked_app() -> App {
    let desk = interchange::parse(&doc_with(&WORKED)).unwrap();
    let ts = TempStore::with(&desk);
    App::new(
        ts.store.load_desk().unwrap(),
        today(),
        Some(AS_OF.parse().unwrap()),
        Keymap::defaults(),
        Session {
            db_path: "/srv/revdesk/desk.db".into(),
            user: "tester".into(),
            read_only: false,
        },
    )
}

#[test]
fn the_app_shows_the_projection_in_reviews_timeline_and_figures() {
    let mut app = worked_app();
    // Reviews sorted by the projected conclusion: concluded and projected
    // dates first, earliest first; those that cannot be projected last.
    press(&mut app, &["2"]);
    for _ in 0..8 {
        press(&mut app, &[">"]);
    }
    let s = screen(&mut app, 120, 20);
    assert!(s.contains("sort: projected conclusion ▲"), "{s}");
    let order: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with('#'))
        .collect();
    // (#6 has not started: nothing to project either.)
    assert_eq!(order, ["#1", "#2", "#4", "#3", "#5", "#6"], "{s}");
    assert!(s.contains("2020-12-11"), "{s}");
    assert!(s.contains("2021-01-12"), "{s}");

    // Timeline of review 4: the projected conclusion after today.
    app.open_review(4);
    let s = screen(&mut app, 120, 30);
    let line = s
        .lines()
        .find(|l| l.starts_with("conclusion"))
        .unwrap_or("");
    assert!(
        line.contains("◎ projected 2021-01-12 at the current pace (12 d after 2020-12-31)"),
        "{s}"
    );
    let (today_at, mark_at) = (
        s.lines()
            .find(|l| l.contains("▼ today"))
            .and_then(|l| l.find('▼')),
        line.find('◎'),
    );
    assert!(mark_at > today_at, "marker after today: {s}");

    // Figures, pace view: each step's median and the gate per group.
    press(&mut app, &["6", "v"]);
    let s = screen(&mut app, 120, 30);
    assert!(
        s.contains("Pace of the reviews as at 2020-12-31 · cluster 1"),
        "{s}"
    );
    assert!(
        s.contains("start → consultation             6 d         4       1"),
        "{s}"
    );
    assert!(s.contains("cannot be projected"), "{s}");
    press(&mut app, &["v"]);
    assert!(!screen(&mut app, 120, 30).contains("Pace of the reviews"));
}
