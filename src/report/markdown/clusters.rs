//! The thematic cluster a report is about, and the gate to the next one
//! (paragraph 25 of the paper).

use super::Ctx;
use super::words::{count, ordinal};
use crate::domain::clusters::following;
use crate::report::long_date;
use std::fmt::Write as _;

/// The heading of section III, naming the report's cluster.
pub(super) fn heading(c: &Ctx<'_>, out: &mut String) {
    let _ = write!(
        out,
        "## III. Progress of the review of the {} thematic cluster\n\n",
        ordinal(&c.stats.cluster.to_string())
    );
}

/// Paragraph 25: the share of the first group's reviews that must be
/// completed before the next cluster, and how far they are, as at the date.
pub(super) fn gate(c: &Ctx<'_>) -> Option<String> {
    let g = &c.stats.gate;
    let next = following(g.cluster)?;
    if g.reviews == 0 {
        return None;
    }
    let theme = match next {
        4 => ", which will be focused on international cooperation, mutual legal assistance and confiscation (fourth thematic cluster),".to_string(),
        n => format!(" (the {} thematic cluster),", ordinal(&n.to_string())),
    };
    let group = ordinal(&g.group.to_string());
    let done = match g.concluded {
        0 => format!(
            "none of the {} reviews of the {group} group had been completed",
            count(g.reviews)
        ),
        n => format!(
            "{} of the {} reviews of the {group} group had been completed",
            count(n),
            count(g.reviews)
        ),
    };
    let state = match g.opened {
        Some(day) if g.open => format!(
            "{done}: the {} needed were reached on {}, and the review of the next thematic cluster may begin",
            count(g.needed),
            long_date(day)
        ),
        _ if g.open => format!("{done}, and the review of the next thematic cluster may begin"),
        _ => format!("{done}, against the {} needed", count(g.needed)),
    };
    Some(format!(
        "In order to start the review of the next thematic cluster{theme} {} of the reviews in the {group} group must be completed, unless the Conference decides otherwise. As at {}, {state}.",
        g.threshold.per_cent(),
        c.date
    ))
}
