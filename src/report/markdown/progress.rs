//! Section III of the paper: how far the country reviews have come.

use super::Ctx;
use super::words::{and_list, count, how_many, num, num0, ordinal, plural, words};
use crate::domain::model::{Obligation, Stage};
use crate::domain::periods::months_end;
use crate::domain::stats::{percent, thousands};
use crate::report::long_date;
use std::fmt::Write as _;

/// When each group started its reviews.
pub(super) fn groups_started(c: &Ctx<'_>) -> Option<String> {
    if c.groups.is_empty() {
        return None;
    }
    let starts: Vec<String> = c
        .groups
        .iter()
        .map(|g| {
            format!(
                "the {} group started on {}",
                ordinal(&g.number.to_string()),
                long_date(g.start)
            )
        })
        .collect();
    let last = c.groups.iter().map(|g| g.start).max().unwrap_or(c.as_of);
    Some(match c.groups.len() {
        1 => format!(
            "The first group of participating parties started its country reviews of the implementation of the articles included in the first thematic cluster on {}.",
            long_date(last)
        ),
        n => format!(
            "{} groups of participating parties had started, by {}, their country reviews of the implementation of the articles included in the first thematic cluster: {}.",
            if n == 2 {
                "Both".to_string()
            } else {
                format!("All {}", words(n as u64))
            },
            last.format("%B %Y"),
            and_list(&starts)
        ),
    })
}

/// How many reviews are at each stage (figure II).
pub(super) fn stages(c: &Ctx<'_>) -> Option<String> {
    let (total, advancing) = (c.stats.reviews.total, c.advancing());
    let stage = |s: Stage| c.stage(s);
    let mut s = if advancing == 0 {
        format!(
            "As at {}, none of the {} had commenced",
            c.date,
            num(total, "review", "reviews")
        )
    } else {
        format!(
            "As at {}, {}{} out of {} reviews {}: {} {} had reached the stage of preparation of answers to the self-assessment questionnaire, {} {} at the stage of written feedback and {} {} had reached the stage of drafting lists of observations",
            c.date,
            if advancing * 2 < total { "only " } else { "" },
            thousands(advancing),
            thousands(total),
            if stage(Stage::Concluded) == 0 {
                "were advancing"
            } else {
                "had commenced"
            },
            thousands(stage(Stage::Saq)),
            plural(stage(Stage::Saq), "review", "reviews"),
            thousands(stage(Stage::Feedback)),
            plural(stage(Stage::Feedback), "review was", "reviews were"),
            thousands(stage(Stage::Observations)),
            plural(stage(Stage::Observations), "review", "reviews"),
        )
    };
    if stage(Stage::Concluded) > 0 {
        let _ = write!(
            s,
            ", while {} had been concluded",
            thousands(stage(Stage::Concluded))
        );
    }
    s.push_str(", as illustrated in figure II.");
    Some(s)
}

/// The first group against the two years of its review phase, once they
/// have passed.
pub(super) fn first_phase_end(c: &Ctx<'_>) -> Option<String> {
    let g1 = c.groups.first()?;
    let key = g1.number.to_string();
    let g1_total = c.stats.reviews.by_group.get(&key).copied().unwrap_or(0);
    let g1_done = c
        .stats
        .stages_by_group
        .get(&key)
        .and_then(|m| m.get(Stage::Concluded.as_str()))
        .copied()
        .unwrap_or(0);
    let phase_end = months_end(g1.start, 24);
    if phase_end >= c.as_of {
        return None;
    }
    let done = if g1_done == 0 {
        "none of the parties of that group had concluded their country reviews".to_string()
    } else {
        format!(
            "{} of its {} country reviews had been concluded",
            thousands(g1_done),
            thousands(g1_total)
        )
    };
    Some(format!(
        "According to the timeline for each review phase, the {} group of parties under review was due to have concluded its first review phase within two years, namely by {}. However, at the time of reporting, {done}; {} past the end of the review phase.",
        ordinal(&key),
        long_date(phase_end),
        num(c.overdue(Obligation::Phase), "review was", "reviews were")
    ))
}

/// Preliminary consultations held, by group (figure III).
pub(super) fn consultations(c: &Ctx<'_>) -> Option<String> {
    let held = c.stats.consultations_held.total;
    let held_by: Vec<String> = c
        .stats
        .consultations_held
        .by_group
        .iter()
        .map(|(g, n)| format!("{} in the {} group", thousands(*n), ordinal(g)))
        .collect();
    let date = &c.date;
    Some(if held == 0 {
        format!(
            "As at {date}, no country review had yet been initiated through a preliminary consultation among the parties involved, as shown in figure III."
        )
    } else {
        let total = c.stats.reviews.total;
        format!(
            "As at {date}, {}{} per cent of all country reviews ({} in total: {}) had been initiated through a preliminary consultation among the parties involved, as shown in figure III.",
            if held * 2 < total { "only " } else { "" },
            percent(held, total),
            thousands(held),
            and_list(&held_by)
        )
    })
}

/// Self-assessment questionnaires submitted, in preparation and overdue
/// (figure V).
pub(super) fn questionnaires(c: &Ctx<'_>) -> Option<String> {
    let stage = |s: Stage| c.stage(s);
    let saq_submitted =
        stage(Stage::Feedback) + stage(Stage::Observations) + stage(Stage::Concluded);
    Some(format!(
        "As at {}, {} completed and submitted their self-assessment questionnaires. In addition, {} in the process of preparing their responses to the self-assessment questionnaires; {} overdue. Figure V reflects the progress of country reviews in each group with regard to the self-assessment questionnaires.",
        c.date,
        num0(
            saq_submitted,
            "party under review had",
            "parties under review had"
        ),
        num0(stage(Stage::Saq), "party was", "parties were"),
        how_many(
            c.overdue(Obligation::Saq),
            "questionnaire was",
            "questionnaires were"
        ),
    ))
}

/// Written feedback reached, concluded and overdue (figure VI).
pub(super) fn written_feedback(c: &Ctx<'_>) -> Option<String> {
    let stage = |s: Stage| c.stage(s);
    let (date, advancing) = (&c.date, c.advancing());
    let fb_done = stage(Stage::Observations) + stage(Stage::Concluded);
    let fb_overdue = match c.overdue(Obligation::Feedback) {
        0 => "No reviewing party's written feedback was overdue.".to_string(),
        n => format!(
            "The written feedback of {} reviewing {} was overdue.",
            count(n),
            plural(n, "party", "parties")
        ),
    };
    Some(if advancing == 0 {
        format!(
            "As at {date}, no review had reached the stage of written feedback, as shown in figure VI."
        )
    } else {
        format!(
            "As at {date}, out of the {} {} reviews, {} had reached the stage of written feedback, and {} concluded that stage, as shown in figure VI. {fb_overdue}",
            thousands(advancing),
            if stage(Stage::Concluded) == 0 {
                "active"
            } else {
                "commenced"
            },
            thousands(stage(Stage::Feedback)),
            match fb_done {
                0 => "none had".to_string(),
                n if n * 2 < stage(Stage::Feedback) => {
                    format!("only {}", num(n, "review had", "reviews had"))
                }
                n => num(n, "review had", "reviews had"),
            },
        )
    })
}

/// Lists of observations finalized, due under the indicative timeline, and
/// in preparation.
pub(super) fn observations(c: &Ctx<'_>) -> Option<String> {
    let (date, concluded) = (&c.date, c.stage(Stage::Concluded));
    let due: Vec<String> = c
        .groups
        .iter()
        .filter(|g| months_end(g.start, 18) < c.as_of)
        .map(|g| {
            format!(
                "the {} group by the end of {}",
                ordinal(&g.number.to_string()),
                months_end(g.start, 18).format("%B %Y")
            )
        })
        .collect();
    let mut s = if concluded == 0 {
        format!("As at {date}, no lists of observations and their summaries had been finalized")
    } else {
        format!(
            "As at {date}, the lists of observations and their summaries of {} country {} had been finalized",
            thousands(concluded),
            plural(concluded, "review", "reviews")
        )
    };
    if !due.is_empty() {
        let _ = write!(
            s,
            ", while under the indicative timeline {} would have concluded the lists of observations and their summaries",
            and_list(&due)
        );
    }
    s.push('.');
    let reached: Vec<String> = c
        .stats
        .stages_by_group
        .iter()
        .filter_map(|(g, m)| {
            let n = m.get(Stage::Observations.as_str()).copied().unwrap_or(0);
            (n > 0).then(|| {
                format!(
                    "{} out of {} country reviews in the {} group",
                    thousands(n),
                    thousands(c.stats.reviews.by_group.get(g).copied().unwrap_or(0)),
                    ordinal(g)
                )
            })
        })
        .collect();
    if !reached.is_empty() {
        let _ = write!(
            s,
            " At the time of reporting, {} had reached the stage of finalizing the lists of observations.",
            and_list(&reached)
        );
    }
    Some(s)
}
