//! The paper's Figures I-VI, read off `domain::stats::Stats` (never
//! recomputed another way), as series by group.

use crate::domain::model::Stage;
use crate::domain::stats::{ByGroup, Stats, percent, thousands};
use std::collections::BTreeMap;

/// One figure: rows (a group, or a language) of values, one per series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub number: &'static str,
    pub title: &'static str,
    pub series: Vec<&'static str>,
    pub rows: Vec<(String, Vec<u64>)>,
}

impl Figure {
    pub fn total(&self) -> u64 {
        self.rows.iter().flat_map(|r| r.1.iter()).sum()
    }
    pub fn max_row(&self) -> u64 {
        self.rows
            .iter()
            .map(|r| r.1.iter().sum::<u64>())
            .max()
            .unwrap_or(0)
    }
}

/// Group keys in numeric order ("2" before "10").
fn groups<V>(m: &BTreeMap<String, V>) -> Vec<&String> {
    let mut g: Vec<&String> = m.keys().collect();
    g.sort_by_key(|k| (k.parse::<u64>().unwrap_or(u64::MAX), (*k).clone()));
    g
}

fn stage_count(s: &Stats, group: &str, st: Stage) -> u64 {
    s.stages_by_group
        .get(group)
        .and_then(|m| m.get(st.as_str()))
        .copied()
        .unwrap_or(0)
}

fn by_group(s: &Stats, f: impl Fn(&str) -> Vec<u64>) -> Vec<(String, Vec<u64>)> {
    groups(&s.stages_by_group)
        .into_iter()
        .map(|g| (format!("Group {g}"), f(g)))
        .collect()
}

fn count(m: &ByGroup, g: &str) -> u64 {
    m.get(g).copied().unwrap_or(0)
}

/// Figures I to VI.
pub fn figures(s: &Stats) -> Vec<Figure> {
    use Stage::*;
    let st = |g: &str, x: Stage| stage_count(s, g, x);
    let mut out = Vec::new();

    let series = vec!["awaiting nominations"];
    out.push(Figure {
        number: "I",
        title: "Reviews affected by pending nominations of focal points",
        rows: by_group(s, |g| vec![st(g, AwaitingNominations)]),
        series,
    });

    let series = vec![
        "awaiting nominations",
        "awaiting consultation",
        "SAQ",
        "written feedback",
        "lists of observations",
        "concluded",
    ];
    out.push(Figure {
        number: "II",
        title: "Status of country reviews, by group",
        rows: by_group(s, |g| Stage::ALL.iter().map(|x| st(g, *x)).collect()),
        series,
    });

    let series = vec!["consultation held", "not yet held"];
    out.push(Figure {
        number: "III",
        title: "Preliminary consultations held, by group",
        rows: by_group(s, |g| {
            let held = count(&s.consultations_held.by_group, g);
            let all = count(&s.reviews.by_group, g);
            vec![held, all.saturating_sub(held)]
        }),
        series,
    });

    let mut langs: Vec<(&String, &u64)> = s.languages.iter().collect();
    langs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    out.push(Figure {
        number: "IV",
        title: "Languages selected for the reviews",
        series: vec!["reviews"],
        rows: langs
            .into_iter()
            .map(|(k, n)| (k.clone(), vec![*n]))
            .collect(),
    });

    let series = vec!["submitted", "in preparation", "not started"];
    out.push(Figure {
        number: "V",
        title: "Self-assessment questionnaires, by group",
        rows: by_group(s, |g| {
            vec![
                st(g, Feedback) + st(g, Observations) + st(g, Concluded),
                st(g, Saq),
                st(g, AwaitingNominations) + st(g, AwaitingConsultation),
            ]
        }),
        series,
    });

    let series = vec!["submitted", "in preparation", "awaiting the SAQ"];
    out.push(Figure {
        number: "VI",
        title: "Written feedback of active reviews, by group",
        rows: by_group(s, |g| {
            vec![
                st(g, Observations) + st(g, Concluded),
                st(g, Feedback),
                st(g, Saq),
            ]
        }),
        series,
    });
    out
}

fn parties(n: u64) -> String {
    format!("{n} part{}", if n == 1 { "y" } else { "ies" })
}

/// The key numbers above the figures, in the paper's terms: short items
/// the screen packs into lines.
pub fn summary(s: &Stats) -> Vec<String> {
    let fp = &s.focal_points;
    let advancing = s.reviews.total
        - s.stage(Stage::AwaitingNominations)
        - s.stage(Stage::AwaitingConsultation);
    let groups = groups(&s.reviews.by_group)
        .into_iter()
        .map(|g| count(&s.reviews.by_group, g).to_string())
        .collect::<Vec<_>>()
        .join("/");
    vec![
        format!(
            "{} parties ({} States, {} organization{})",
            s.parties,
            s.states,
            s.organizations,
            if s.organizations == 1 { "" } else { "s" }
        ),
        format!("{} reviews ({groups} by group)", s.reviews.total),
        format!("{advancing} advancing"),
        format!(
            "{} focal points from {} ({}% women)",
            thousands(fp.nominated),
            parties(fp.parties_with),
            percent(fp.women, fp.nominated)
        ),
        format!("{} without a focal point", parties(fp.parties_without)),
        format!("{} changed theirs", parties(fp.parties_changed)),
        format!(
            "{} experts ({}% women)",
            thousands(s.experts.nominated),
            percent(s.experts.women, s.experts.nominated)
        ),
        format!(
            "{} observer{} from {}",
            s.observers.nominated,
            if s.observers.nominated == 1 { "" } else { "s" },
            parties(s.observers.parties)
        ),
        format!(
            "{} consultations held ({}%)",
            s.consultations_held.total,
            percent(s.consultations_held.total, s.reviews.total)
        ),
    ]
}

/// The gate of the cluster's first group, on one line: how many of its
/// reviews are concluded against how many the threshold needs.
pub fn gate_line(s: &Stats) -> String {
    let g = &s.gate;
    let state = match (g.open, g.opened) {
        (true, Some(day)) => format!("open since {day}"),
        (true, None) => "open".to_string(),
        (false, _) => "closed".to_string(),
    };
    format!(
        "Gate: {} of {} concluded in group {}, {} needed ({}): {state}",
        g.concluded,
        g.reviews,
        g.group,
        g.needed,
        g.threshold.per_cent()
    )
}
