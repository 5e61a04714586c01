//! Section II of the paper: parties, the drawing of lots and nominations.

use super::Ctx;
use super::words::{and_list, count, noun, num, ordinal, plural};
use crate::domain::model::{Obligation, Stage};
use crate::domain::stats::{percent, percent_whole, thousands};
use crate::report::capital;
use std::fmt::Write as _;

/// The parties taking part, and those not yet in a group.
pub(super) fn parties_taking_part(c: &Ctx<'_>) -> Option<String> {
    let stats = c.stats;
    let mut s = format!(
        "A total of {} parties are taking part in the Mechanism: {} {} and {} regional {}.",
        thousands(stats.parties),
        thousands(stats.states),
        plural(stats.states, "State", "States"),
        count(stats.organizations),
        plural(
            stats.organizations,
            "economic integration organization",
            "economic integration organizations"
        )
    );
    let waiting: Vec<String> = c
        .desk
        .parties
        .iter()
        .filter(|p| p.group.is_none())
        .filter(|p| p.instruments.convention.is_none_or(|d| d <= c.as_of))
        .map(|p| p.name.to_string())
        .collect();
    match waiting.as_slice() {
        [] => {}
        [one] => {
            let _ = write!(
                s,
                " One further party, {one}, has yet to be assigned to a group."
            );
        }
        many => {
            let _ = write!(
                s,
                " {} further parties ({}) have yet to be assigned to a group.",
                capital(&count(many.len() as u64)),
                and_list(many)
            );
        }
    }
    Some(s)
}

/// How many parties and reviews each group's drawing of lots gave.
pub(super) fn drawing_of_lots(c: &Ctx<'_>) -> Option<String> {
    let stats = c.stats;
    let drawn: Vec<String> = stats
        .reviews
        .by_group
        .iter()
        .map(|(g, n)| {
            let involved = stats.parties_involved_by_group.get(g).copied().unwrap_or(0);
            format!(
                "{} selected to participate in {} as part of the {} group",
                num(involved, "party was", "parties were"),
                num(*n, "review", "reviews"),
                ordinal(g)
            )
        })
        .collect();
    Some(if drawn.is_empty() {
        format!("As at {}, no group had started its reviews.", c.date)
    } else {
        format!("As a result of the drawing of lots, {}.", and_list(&drawn))
    })
}

/// Focal points nominated, women among them, and their affiliations.
pub(super) fn focal_points_nominated(c: &Ctx<'_>) -> Option<String> {
    let fp = &c.stats.focal_points;
    let aff = |k: &str| fp.by_affiliation.get(k).copied().unwrap_or(0);
    let mut affs: Vec<(&str, u64)> = [
        ("ministry of foreign affairs", aff("foreign_affairs")),
        ("ministry of justice", aff("justice")),
        ("ministry of the interior", aff("interior")),
        ("other institutions", aff("other")),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .collect();
    affs.sort_by_key(|a| std::cmp::Reverse(a.1));
    let mut s = format!(
        "As at {}, the secretariat had received the nominations of {} from {}; {} ({} per cent) {}.",
        c.date,
        num(fp.nominated, "focal point", "focal points"),
        num(fp.parties_with, c.fp_noun.0, c.fp_noun.1),
        num(fp.women, "focal point", "focal points"),
        percent(fp.women, fp.nominated),
        plural(fp.women, "was a woman", "were women")
    );
    if let Some(((first, n), rest)) = affs.split_first() {
        let place = |what: &str| {
            if what.starts_with("ministry") {
                format!("the {what}")
            } else {
                what.to_string()
            }
        };
        let _ = write!(
            s,
            " Most of the focal points were affiliated with {} ({} per cent)",
            if first.starts_with("ministry") {
                format!("the respective country's {first}")
            } else {
                (*first).to_string()
            },
            percent_whole(*n, fp.nominated)
        );
        if !rest.is_empty() {
            let others: Vec<String> = rest
                .iter()
                .enumerate()
                .map(|(i, (w, n))| {
                    if i == 0 {
                        format!(
                            "{} per cent were affiliated with {}",
                            percent_whole(*n, fp.nominated),
                            place(w)
                        )
                    } else {
                        format!(
                            "{} per cent with {}",
                            percent_whole(*n, fp.nominated),
                            place(w)
                        )
                    }
                })
                .collect();
            let _ = write!(s, ", while {}", and_list(&others));
        }
        s.push('.');
    }
    let unspecified = aff("unspecified");
    if unspecified > 0 {
        let _ = write!(
            s,
            " The affiliation of {} focal {} is not recorded.",
            count(unspecified),
            plural(unspecified, "point", "points")
        );
    }
    Some(s)
}

/// Parties with one focal point for everything, or several.
pub(super) fn one_or_several_focal_points(c: &Ctx<'_>) -> Option<String> {
    let fp = &c.stats.focal_points;
    if fp.parties_with == 0 {
        return None;
    }
    Some(if fp.parties_with_several == 0 {
        "Each of the parties that nominated focal points nominated only one focal point to coordinate its participation in all country reviews.".to_string()
    } else {
        format!(
            "Among the parties that nominated focal points, most nominated only one focal point to coordinate their participation in all country reviews, while {} per cent ({} {}) nominated more than one focal point, generally one for their own country review and another for their role as a reviewer in other reviews.",
            percent_whole(fp.parties_with_several, fp.parties_with),
            count(fp.parties_with_several),
            plural(fp.parties_with_several, c.fp_noun.0, c.fp_noun.1)
        )
    })
}

/// Parties that changed their focal point.
pub(super) fn focal_points_changed(c: &Ctx<'_>) -> Option<String> {
    let fp = &c.stats.focal_points;
    if fp.parties_with == 0 {
        return None;
    }
    Some(if fp.parties_changed == 0 {
        format!(
            "None of the {} that had already nominated a focal point had changed its focal point.",
            num(fp.parties_with, c.fp_noun.0, c.fp_noun.1)
        )
    } else {
        format!(
            "A total of {} per cent ({} out of {}) of the {} that had already nominated a focal point have changed their focal points at least once since their engagement in the review process.",
            percent(fp.parties_changed, fp.parties_with),
            thousands(fp.parties_changed),
            thousands(fp.parties_with),
            c.fp_noun.1
        )
    })
}

/// Parties without a focal point, and the reviews that wait on them.
pub(super) fn pending_nominations(c: &Ctx<'_>) -> Option<String> {
    let (stats, fp) = (c.stats, &c.stats.focal_points);
    let with_fp = &c.with_fp;
    let without: Vec<&str> = c
        .desk
        .parties
        .iter()
        .filter(|p| p.group.is_some() && !with_fp.contains(p.code.as_str()))
        .map(|p| p.code.as_str())
        .collect();
    let without_noun = noun(c.desk, without.iter().copied());
    let mut s = format!(
        "As at {}, of the {} parties participating in the Mechanism, {} per cent ({}) had not yet nominated their focal points.",
        c.date,
        thousands(stats.parties),
        percent(fp.parties_without, stats.parties),
        num(fp.parties_without, without_noun.0, without_noun.1),
    );
    if fp.parties_without > 0 {
        let _ = write!(
            s,
            " The pending nominations by {} have affected the commencement of {}.",
            if fp.parties_without == 1 {
                format!("that {}", without_noun.0)
            } else {
                format!(
                    "those {}",
                    num(fp.parties_without, without_noun.0, without_noun.1)
                )
            },
            num(
                c.stage(Stage::AwaitingNominations),
                "country review",
                "country reviews"
            )
        );
    }
    let _ = write!(
        s,
        " At the time of reporting, a total of {} not yet commenced",
        num(
            c.not_commenced(),
            "country review had",
            "country reviews had"
        )
    );
    let awaiting_consultation = c.stage(Stage::AwaitingConsultation);
    if awaiting_consultation > 0 {
        let _ = write!(
            s,
            ", including {} still awaiting the holding of the preliminary consultation meeting",
            num(
                awaiting_consultation,
                "country review that was",
                "country reviews that were"
            )
        );
    }
    s.push_str(". Figure I shows the number of reviews within each group that are affected by pending nominations.");
    Some(s)
}

/// Reminders sent about nominations, when there were any.
pub(super) fn nomination_reminders(c: &Ctx<'_>) -> Option<String> {
    let reminders = |o: Obligation| {
        c.desk
            .reminders
            .iter()
            .filter(|r| r.obligation == o && r.date <= c.as_of)
            .count() as u64
    };
    let [r_fp, r_ex] = c.nominations_reminded.unwrap_or_else(|| {
        [
            reminders(Obligation::FocalPoint),
            reminders(Obligation::Experts),
        ]
    });
    (r_fp + r_ex > 0).then(|| format!(
        "The secretariat has followed up on pending nominations: as at {}, it had sent {} about focal points and {} about governmental experts.",
        c.date,
        if r_fp == 0 { "no reminders".to_string() } else { format!("{} {}", count(r_fp), plural(r_fp, "reminder", "reminders")) },
        if r_ex == 0 { "none".to_string() } else { count(r_ex) }
    ))
}

/// Governmental experts nominated, and nominations overdue.
pub(super) fn experts(c: &Ctx<'_>) -> Option<String> {
    let experts = &c.stats.experts;
    Some(format!(
        "As at {}, {} (of which {}, or {} per cent, were women) had been nominated by States parties to take part in the review process; {} nominations of experts {} overdue.",
        c.date,
        num(
            experts.nominated,
            "governmental expert",
            "governmental experts"
        ),
        thousands(experts.women),
        percent(experts.women, experts.nominated),
        match c.overdue(Obligation::Experts) {
            0 => "no party's".to_string(),
            n => format!("{} {}'", count(n), plural(n, "party", "parties"))
                .replace("party'", "party's"),
        },
        "were"
    ))
}

/// Parties that nominated observers.
pub(super) fn observers(c: &Ctx<'_>) -> Option<String> {
    let observers = &c.stats.observers;
    Some(if observers.parties == 0 {
        format!("As at {}, no party had nominated observers.", c.date)
    } else {
        let n = noun(c.desk, c.observer_parties.iter().copied());
        format!(
            "In addition, {} had nominated observers ({} in all) as at {}.",
            num(observers.parties, n.0, n.1),
            thousands(observers.nominated),
            c.date
        )
    })
}
