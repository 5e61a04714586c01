//! The pace of the reviews and the projected opening of the gate
//! (docs/pace.md), after section III of the paper, and Figure VII.

use super::Ctx;
use super::words::{and_list, ordinal};
use crate::domain::pace::{GatePace, Spell};
use crate::domain::stats::thousands;
use crate::report::long_date;
use crate::report::pace_figure::TITLE;
use std::fmt::Write as _;

/// How long each step takes at the pace observed, and when 70 per cent of
/// the first group's reviews would be concluded at that pace.
pub(super) fn pace_and_gate(c: &Ctx<'_>) -> Option<String> {
    let p = &c.pace;
    if p.reviews.is_empty() {
        return None;
    }
    let days = |m: i64| format!("a median of {} days", days_text(m));
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for s in Spell::ALL {
        let Some(m) = p.spells.get(s).median_days else {
            unknown.push(s.label().to_string());
            continue;
        };
        known.push(match s {
            Spell::Consultation => format!(
                "the preliminary consultation was held {} after the start of a review",
                days(m)
            ),
            Spell::Saq => format!(
                "the self-assessment questionnaire was submitted {} after the consultation",
                days(m)
            ),
            Spell::Feedback => format!("written feedback {} after the questionnaire", days(m)),
            Spell::Observations => format!(
                "the lists of observations and their summaries were finalized {} after the written feedback",
                days(m)
            ),
        });
    }
    let pace = format!(
        "At the pace observed in all country reviews up to {}",
        c.date
    );
    let missing = |lead: &str| {
        format!(
            "{lead} the time {} cannot yet be estimated, too few of {} having been completed.",
            and_list(&unknown),
            if unknown.len() == 1 {
                "that step"
            } else {
                "those steps"
            }
        )
    };
    let mut text = match (known.is_empty(), unknown.is_empty()) {
        (false, true) => format!("{pace}, {}.", and_list(&known)),
        (false, false) => format!("{pace}, {}.{}", and_list(&known), missing(" However,")),
        (true, _) => missing(&format!("{pace},")),
    };
    let _ = write!(text, " {}", first_group(&p.gate));
    let name = |g: &GatePace| format!("the {} group", ordinal(&g.gate.group.to_string()));
    let others: Vec<&GatePace> = p
        .gates
        .iter()
        .filter(|g| g.gate.group != p.gate.gate.group && g.gate.reviews > 0)
        .collect();
    let reached: Vec<String> = others
        .iter()
        .filter_map(|g| {
            g.gate
                .opened
                .map(|d| format!("{} on {}", name(g), long_date(d)))
        })
        .collect();
    let projected: Vec<String> = others
        .iter()
        .filter(|g| g.gate.opened.is_none())
        .filter_map(|g| {
            g.projected
                .map(|d| format!("{} on {}", name(g), long_date(d)))
        })
        .collect();
    let neither: Vec<String> = others
        .iter()
        .filter(|g| g.gate.opened.is_none() && g.projected.is_none())
        .map(|g| ordinal(&g.gate.group.to_string()))
        .collect();
    if !reached.is_empty() {
        let _ = write!(
            text,
            " The same share was reached by {}.",
            and_list(&reached)
        );
    }
    if !projected.is_empty() {
        let _ = write!(
            text,
            " At the same pace, it would be reached by {}.",
            and_list(&projected)
        );
    }
    if !neither.is_empty() {
        let _ = write!(
            text,
            " No such date can yet be projected for the {} {}.",
            and_list(&neither),
            if neither.len() == 1 {
                "group"
            } else {
                "groups"
            }
        );
    }
    Some(text)
}

/// The sentence on the gate of paragraph 25: the cluster's first group.
fn first_group(g: &GatePace) -> String {
    let share = format!(
        "{} of the country reviews of the {} group in the {} cluster ({} of {})",
        g.gate.threshold.per_cent(),
        ordinal(&g.gate.group.to_string()),
        cluster_name(g.gate.cluster),
        thousands(g.gate.needed),
        thousands(g.gate.reviews)
    );
    match (g.gate.reviews, g.gate.opened, g.projected) {
        (0, ..) => format!(
            "No review of the {} group has started in the {} cluster, so no date can be projected for the beginning of the next.",
            ordinal(&g.gate.group.to_string()),
            cluster_name(g.gate.cluster)
        ),
        (_, Some(d), _) => format!(
            "{} had been concluded on {}, and the next thematic cluster could begin from that date.",
            capital_first(&share),
            long_date(d)
        ),
        (_, None, Some(d)) => format!(
            "At that pace, {share} would be concluded by {}, the date from which the next thematic cluster could begin; {} had been concluded so far.",
            long_date(d),
            thousands(g.gate.concluded)
        ),
        (_, None, None) => format!(
            "At that pace, the date by which {share} would be concluded cannot yet be projected: for {} of those reviews, the time still to run in the {} {} cannot yet be estimated from the reviews that have completed {}.",
            thousands(g.unknown),
            and_list(
                &g.blocked
                    .iter()
                    .map(|s| s.short_label().to_string())
                    .collect::<Vec<_>>()
            ),
            if g.blocked.len() == 1 {
                "step"
            } else {
                "steps"
            },
            if g.blocked.len() == 1 { "it" } else { "them" }
        ),
    }
}

/// "first", "fourth": the cluster as the paper names it.
fn cluster_name(n: u32) -> String {
    ordinal(&n.to_string())
}

fn days_text(m: i64) -> String {
    u64::try_from(m).map_or_else(|_| m.to_string(), thousands)
}

fn capital_first(s: &str) -> String {
    crate::report::capital(s)
}

/// Figure VII and the table behind it: per group, the reviews, the share
/// that opens the gate and when it opened or is projected to.
pub(super) fn figure(c: &Ctx<'_>, out: &mut String) {
    let _ = write!(
        out,
        "### Figure VII. {TITLE}\n\n![Figure VII: {TITLE}](figure-7.svg)\n\n\
         | Group | Reviews | Needed | Concluded | Gate opened | Projected to open |\n\
         | :--- | ---: | ---: | ---: | :--- | :--- |\n"
    );
    for g in &c.pace.gates {
        let date = |d: Option<chrono::NaiveDate>| d.map(long_date).unwrap_or_else(|| "—".into());
        let _ = writeln!(
            out,
            "| Group {} | {} | {} | {} | {} | {} |",
            g.gate.group,
            thousands(g.gate.reviews),
            thousands(g.gate.needed),
            thousands(g.gate.concluded),
            date(g.gate.opened),
            match (g.gate.opened, g.projected) {
                (Some(_), _) => "—".to_string(),
                (None, Some(d)) => long_date(d),
                (None, None) => "cannot be projected".to_string(),
            }
        );
    }
    out.push('\n');
}
