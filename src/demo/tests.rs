//! The demo against the paper, the rules and the interchange format.

use super::*;
use crate::domain::engine::{self, Settings};
use crate::domain::interchange;
use crate::domain::lots::{self, Candidate, Pairing};
use crate::domain::model::{DrawKind, Obligation, PartyKind, Protocol, Reviewers, Role, Text};
use crate::domain::stats;
use std::collections::{BTreeMap, BTreeSet};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A fixed "today" for the tests, well after the paper.
fn today() -> NaiveDate {
    d("2026-06-30")
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Every figure of the paper (paragraphs 5-36), key by key.
fn assert_paper_figures(desk: &Desk) {
    let s = stats::compute(desk, d("2024-02-29"));
    // Paragraph 5.
    assert_eq!(s.parties, 189, "parties");
    assert_eq!(s.states, 188, "states");
    assert_eq!(s.organizations, 1, "organizations");
    // Paragraph 7.
    assert_eq!(s.reviews.total, 189, "reviews");
    assert_eq!(
        s.reviews.by_group,
        map(&[("1", 62), ("2", 63), ("3", 64)]),
        "reviews by group"
    );
    assert_eq!(
        s.parties_involved_by_group,
        map(&[("1", 130), ("2", 131), ("3", 134)]),
        "parties involved"
    );
    // Paragraphs 12-15.
    let fp = &s.focal_points;
    assert_eq!(fp.nominated, 172, "focal points");
    assert_eq!(fp.parties_with, 162, "parties with a focal point");
    assert_eq!(fp.women, 53, "women focal points");
    assert_eq!(
        fp.by_affiliation,
        map(&[
            ("foreign_affairs", 83),
            ("justice", 62),
            ("interior", 27),
            ("other", 0)
        ]),
        "focal points by affiliation"
    );
    assert_eq!(
        fp.parties_with_several, 8,
        "parties with several focal points"
    );
    assert_eq!(fp.parties_changed, 67, "parties that changed focal point");
    assert_eq!(fp.parties_without, 27, "parties without a focal point");
    // Paragraphs 18-19.
    assert_eq!(s.experts.nominated, 1006, "experts");
    assert_eq!(s.experts.women, 391, "women experts");
    assert_eq!(s.observers.nominated, 15, "observers");
    assert_eq!(s.observers.parties, 15, "parties with observers");
    // Paragraphs 15, 23, 34, 36.
    assert_eq!(
        s.stages,
        map(&[
            ("awaiting_nominations", 67),
            ("awaiting_consultation", 49),
            ("saq", 33),
            ("feedback", 36),
            ("observations", 4),
            ("concluded", 0),
        ]),
        "stages"
    );
    assert_eq!(
        s.stages_by_group["1"]["observations"], 4,
        "the four at observations are in group 1"
    );
    // Paragraph 26.
    assert_eq!(s.consultations_held.total, 73, "consultations held");
    assert_eq!(
        s.consultations_held.by_group,
        map(&[("1", 40), ("2", 22), ("3", 11)]),
        "consultations by group"
    );
    // Paragraph 28.
    assert_eq!(
        s.languages,
        map(&[
            ("en", 42),
            ("fr", 2),
            ("es", 2),
            ("ar", 1),
            ("en+fr", 6),
            ("ar+en", 7),
            ("en+es", 4),
            ("en+ru", 1),
            ("en+zh", 1),
            ("es+fr", 1),
            ("ar+en+fr", 2),
            ("en+es+fr", 1),
            ("en+fr+ru", 1),
            ("pending", 2),
        ]),
        "languages"
    );
}

#[test]
fn figures_as_at_the_paper_date_are_the_papers() {
    assert_paper_figures(&build(today()).desk);
}

#[test]
fn paper_figures_hold_whatever_today_is() {
    for t in ["2024-02-29", "2024-03-01", "2025-01-15", "2031-01-01"] {
        assert_paper_figures(&build(d(t)).desk);
    }
}

fn pairings_by_group(desk: &Desk) -> Vec<(u32, Vec<Pairing>)> {
    let mut by: BTreeMap<u32, Vec<Pairing>> = BTreeMap::new();
    for r in &desk.reviews {
        by.entry(r.group).or_default().push(Pairing::from(r));
    }
    by.into_iter().collect()
}

#[test]
fn pairings_follow_the_rules_of_the_drawing_of_lots() {
    let demo = build(today());
    let desk = &demo.desk;
    // Judged on the instruments the draws saw (later accessions change nothing drawn).
    let day = draws::last_draw_day(&draws::STEPS);
    let pool: Vec<Candidate> = desk
        .parties
        .iter()
        .filter(|p| p.group.is_some())
        .filter_map(|p| Candidate::from_party(p, Some(day)))
        .collect();
    let violations = lots::validate(&pairings_by_group(desk), &pool, &lots::Rules::default());
    assert!(violations.is_empty(), "{violations:#?}");
    for r in &desk.reviews {
        assert!(
            (2..=4).contains(&r.reviewers.len()),
            "review {} has {} reviewers",
            r.id,
            r.reviewers.len()
        );
        assert!(r.redraws <= lots::MAX_REDRAWS);
    }
    // Each review is the outcome of the last draw that concerned it.
    let mut last: BTreeMap<String, Reviewers> = BTreeMap::new();
    for rec in &demo.draws {
        let after: Vec<Pairing> = serde_json::from_str(&rec.after).unwrap();
        for p in after {
            last.insert(
                p.under_review,
                p.reviewers.into_iter().map(Text::from).collect(),
            );
        }
    }
    for r in &desk.reviews {
        assert_eq!(
            last.get(r.under_review.as_str()),
            Some(&r.reviewers),
            "review of {}",
            r.under_review
        );
    }
    // Redraws: counted on the reviews, asked by the party under review, at five meetings.
    let redraws: Vec<&DrawRecord> = demo
        .draws
        .iter()
        .filter(|r| r.kind == DrawKind::Redraw)
        .collect();
    assert!(
        (6..=8).contains(&redraws.len()),
        "{} redraws",
        redraws.len()
    );
    let meetings: BTreeSet<NaiveDate> = redraws.iter().map(|r| draws::day_of(&r.at)).collect();
    assert_eq!(meetings.len(), 5);
    for r in &desk.reviews {
        let n = redraws
            .iter()
            .filter(|x| x.requested_by.as_deref() == Some(r.under_review.as_str()))
            .count();
        assert_eq!(r.redraws as usize, n, "redraws of {}", r.under_review);
        for x in redraws
            .iter()
            .filter(|x| x.requested_by.as_deref() == Some(r.under_review.as_str()))
        {
            assert_eq!(x.review, Some(r.id));
            assert_eq!(x.group, r.group);
        }
    }
    // Replaying the records from their seeds gives the same pairings (rule f).
    let again = draws::replay(&desk.parties, &group_starts(), &draws::STEPS).unwrap();
    assert_eq!(again.records, demo.draws);
    for rec in &demo.draws {
        let rules: lots::Rules = serde_json::from_str(&rec.rules).unwrap();
        assert_eq!(rules, lots::Rules::default());
    }
}

#[test]
fn round_trips_through_the_interchange_format() {
    let desk = build(today()).desk;
    let json = interchange::to_json(&desk);
    let parsed = interchange::parse(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(interchange::to_json(&parsed), json);
    assert_eq!(parsed.people.len(), desk.people.len());
    assert_eq!(parsed.reviews.len(), 189);
    assert_eq!(
        stats::compute(&parsed, d("2024-02-29")),
        stats::compute(&desk, d("2024-02-29"))
    );
}

fn every_date(demo: &Demo) -> Vec<(String, NaiveDate)> {
    let desk = &demo.desk;
    let mut out = Vec::new();
    for p in &desk.parties {
        let i = &p.instruments;
        for x in [i.convention, i.tip, i.som, i.fa].into_iter().flatten() {
            out.push((format!("instrument of {}", p.code), x));
        }
    }
    for p in &desk.people {
        out.push((format!("person {} nominated", p.id), p.nominated));
        if let Some(e) = p.ended {
            out.push((format!("person {} ended", p.id), e));
        }
    }
    for r in &desk.reviews {
        for (name, x) in r.milestones.named() {
            if let Some(x) = x {
                out.push((format!("review {} {name}", r.id), x));
            }
        }
        if let Some(s) = r.start {
            out.push((format!("review {} start", r.id), s));
        }
    }
    for e in &desk.extensions {
        out.push((format!("extension of review {}", e.review), e.agreed));
    }
    for r in &desk.reminders {
        out.push((format!("reminder to {}", r.party), r.date));
    }
    for r in &demo.draws {
        out.push((format!("draw at {}", r.at), draws::day_of(&r.at)));
    }
    out
}

#[test]
fn deterministic_and_nothing_dated_after_today() {
    assert_eq!(build(today()), build(today()));
    for t in ["2024-02-29", "2025-03-15", "2026-06-30", "2027-10-01"] {
        let t = d(t);
        let demo = build(t);
        for (what, x) in every_date(&demo) {
            assert!(x <= t, "{what} is dated {x}, after {t}");
        }
    }
    // Ids are stable: a later today only adds people.
    let early = build(d("2024-02-29")).desk;
    let late = build(today()).desk;
    let ids: Vec<i64> = early.people.iter().map(|p| p.id).collect();
    assert_eq!(ids, (1..=early.people.len() as i64).collect::<Vec<_>>());
    for p in &early.people {
        let q = &late.people[(p.id - 1) as usize];
        assert_eq!(
            (&q.name, &q.party, q.role, q.nominated),
            (&p.name, &p.party, p.role, p.nominated)
        );
    }
}

#[test]
fn overdue_view_is_realistic() {
    let desk = build(today()).desk;
    let now = engine::overdue(&desk, today(), Settings::default());
    assert!(!now.is_empty());
    let mut kinds: BTreeSet<Obligation> = BTreeSet::new();
    for t in [
        "2021-01-15",
        "2021-09-01",
        "2022-06-15",
        "2023-06-01",
        "2024-02-29",
        "2025-06-01",
        "2026-06-30",
    ] {
        kinds.extend(
            engine::overdue(&desk, d(t), Settings::default())
                .iter()
                .map(|i| i.obligation),
        );
    }
    assert_eq!(kinds.len(), Obligation::ALL.len(), "{kinds:?}");
    // The secretariat chased every kind of obligation, through every channel.
    let reminded: BTreeSet<Obligation> = desk.reminders.iter().map(|r| r.obligation).collect();
    assert_eq!(reminded.len(), Obligation::ALL.len());
    let channels: BTreeSet<_> = desk.reminders.iter().map(|r| r.channel).collect();
    assert_eq!(channels.len(), 6);
    assert!(desk.reminders.iter().any(|r| r.date <= d("2024-02-29")));
    assert!(desk.reminders.iter().any(|r| r.date > d("2024-02-29")));
    assert!(desk.reminders.iter().any(|r| r.review.is_none()));
    // A few agreed extensions, some concluded reviews after the paper.
    assert!(desk.extensions.len() >= 8);
    let concluded = desk
        .reviews
        .iter()
        .filter(|r| r.milestones.concluded().is_some())
        .count();
    assert!((1..60).contains(&concluded), "{concluded} concluded");
}

#[test]
fn milestones_are_in_order_and_plausible() {
    let desk = build(today()).desk;
    let paper = d("2024-02-29");
    let mut late_saqs = 0;
    let mut saqs = 0;
    for r in &desk.reviews {
        assert!(
            interchange::milestone_order_problems(&r.milestones).is_empty(),
            "review {}",
            r.id
        );
        let start = desk.review_start(r).unwrap();
        let Some(c) = r.milestones.consultation_held else {
            continue;
        };
        assert!(
            c >= start + chrono::Days::new(20),
            "review {} consulted {c}, started {start}",
            r.id
        );
        // Every party had a focal point when the consultation was held.
        for p in r.parties() {
            assert!(
                desk.people
                    .iter()
                    .any(|x| x.party == p && x.role == Role::FocalPoint && x.current(c)),
                "review {}: {p} had no focal point on {c}",
                r.id
            );
        }
        if let Some(s) = r.milestones.saq_submitted.filter(|s| *s <= paper) {
            saqs += 1;
            if s > crate::domain::periods::months_end(start, 6) {
                late_saqs += 1;
            }
        }
    }
    assert_eq!(
        saqs, 40,
        "SAQs submitted by the paper's date (paragraph 31)"
    );
    assert!(
        late_saqs * 10 >= saqs * 8,
        "most SAQs late: {late_saqs} of {saqs}"
    );
    // Nominations: an ended person ends after being nominated.
    for p in &desk.people {
        assert!(p.ended.is_none_or(|e| e >= p.nominated), "person {}", p.id);
        let email = p.email.as_deref().unwrap();
        assert!(email.ends_with(".example") && email.is_ascii(), "{email}");
    }
    let emails: BTreeSet<&str> = desk
        .people
        .iter()
        .filter_map(|p| p.email.as_deref())
        .collect();
    assert_eq!(
        emails.len(),
        desk.people.len(),
        "e-mail addresses are unique"
    );
}

#[test]
fn parties_and_instruments() {
    let desk = build(today()).desk;
    assert_eq!(desk.parties.len(), 191);
    let unassigned: Vec<&str> = desk
        .parties
        .iter()
        .filter(|p| p.group.is_none())
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(unassigned, ["BTN", "SSD"]);
    let eu = desk.party("EU").unwrap();
    assert_eq!(
        (eu.kind, eu.regional_group, eu.pairs_as),
        (
            PartyKind::Organization,
            None,
            Some(crate::domain::model::Region::Weog)
        )
    );
    for code in ["COK", "NIU", "PSE"] {
        assert_eq!(
            desk.party(code).unwrap().pairs_as,
            Some(crate::domain::model::Region::Apg)
        );
    }
    for code in parties::NOT_PARTIES {
        assert!(desk.party(code).is_none(), "{code}");
    }
    let count = |p: Protocol| {
        desk.parties
            .iter()
            .filter(|x| x.instruments.bound_by(p, Some(today())))
            .count()
    };
    assert_eq!(
        (
            count(Protocol::Tip),
            count(Protocol::Som),
            count(Protocol::Fa)
        ),
        (182, 151, 123)
    );
    let date = |code: &str, p: Protocol| desk.party(code).unwrap().instruments.date(p);
    assert_eq!(date("AND", Protocol::Tip), Some(d("2022-09-21")));
    assert_eq!(date("TCD", Protocol::Som), Some(d("2022-09-23")));
    assert_eq!(date("CHN", Protocol::Fa), Some(d("2023-12-19")));
    assert_eq!(date("COM", Protocol::Som), Some(d("2020-12-15")));
    assert_eq!(date("COM", Protocol::Fa), Some(d("2021-06-04")));
    assert_eq!(date("DEU", Protocol::Fa), Some(d("2021-10-14")));
    assert_eq!(date("LUX", Protocol::Fa), Some(d("2022-05-09")));
    assert_eq!(date("PAK", Protocol::Tip), Some(d("2022-11-04")));
    assert_eq!(date("BTN", Protocol::Tip), Some(d("2023-02-20")));
    assert_eq!(
        desk.party("SSD").unwrap().instruments.convention,
        Some(d("2023-10-20"))
    );
    // No focal point for the new parties before March 2024.
    for code in ["BTN", "SSD"] {
        assert!(
            !desk
                .people
                .iter()
                .any(|p| p.party == code && p.nominated < d("2024-03-01"))
        );
    }
    // Bhutan and South Sudan were not parties before 2023.
    assert!(build(d("2022-12-31")).desk.party("BTN").is_none());
}

#[test]
fn embedded_data_is_complete() {
    let info = data::countries();
    let cultures = data::cultures();
    for (name, c) in &cultures {
        assert!(
            !c.female.is_empty() && !c.male.is_empty() && !c.surnames.is_empty(),
            "culture {name}"
        );
    }
    let desk = build(today()).desk;
    for p in &desk.parties {
        let i = info
            .get(p.code.as_str())
            .unwrap_or_else(|| panic!("{} missing from countries.csv", p.code));
        assert!(!i.languages.is_empty() && !i.dial.is_empty(), "{}", p.code);
        for c in &i.cultures {
            assert!(cultures.contains_key(c), "{}: unknown culture {c}", p.code);
        }
    }
    assert_eq!(
        people::fold("Nguyễn Thị-Lan O'Brien"),
        "nguyen-thi-lan-obrien"
    );
}

#[test]
fn builds_for_any_today() {
    for t in ["2019-01-01", "2021-03-01", "2022-10-01", "2023-06-01"] {
        let desk = build(d(t)).desk;
        interchange::parse(&interchange::to_json(&desk)).unwrap_or_else(|e| panic!("{t}: {e}"));
    }
}

#[test]
fn build_is_fast() {
    let t = std::time::Instant::now();
    let _ = build(today());
    let limit = if cfg!(debug_assertions) { 15.0 } else { 1.0 };
    assert!(
        t.elapsed().as_secs_f64() < limit,
        "build took {:?}",
        t.elapsed()
    );
}
