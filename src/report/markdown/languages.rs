//! The languages paragraph (paper, paragraph 28): the languages agreed at
//! the preliminary consultations (figure IV).

use super::Ctx;
use super::words::{and_list, count, num, plural};
use crate::domain::figures::language_names;
use crate::domain::stats::{Stats, percent, thousands};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Reviews by the number of languages agreed.
#[derive(Default)]
struct Tally<'a> {
    /// One language: (language, reviews), most reviews first.
    single: Vec<(&'a str, u64)>,
    /// Two languages: ("A and B", reviews), most reviews first.
    double: Vec<(String, u64)>,
    /// Three or more languages: reviews, and every language named.
    triple: u64,
    triple_langs: BTreeSet<&'static str>,
    /// No agreement yet.
    pending: u64,
}

fn tally(stats: &Stats) -> Tally<'static> {
    let mut t = Tally::default();
    for (k, n) in &stats.languages {
        if k == "pending" {
            t.pending += n;
            continue;
        }
        let names = language_names(k);
        match names.len() {
            0 => {}
            1 => t.single.push((names[0], *n)),
            2 => t
                .double
                .push((format!("{} and {}", names[0], names[1]), *n)),
            _ => {
                t.triple += n;
                t.triple_langs.extend(names);
            }
        }
    }
    t.single.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    t.double.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    t
}

/// "two reviews were to be conducted in English, one in French".
fn conducted_in<L: std::fmt::Display>(items: &[(L, u64)]) -> String {
    let items: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, (l, n))| {
            if i == 0 {
                format!(
                    "{} {} to be conducted in {l}",
                    count(*n),
                    plural(*n, "review was", "reviews were")
                )
            } else {
                format!("{} in {l}", count(*n))
            }
        })
        .collect();
    and_list(&items)
}

/// The languages paragraph.
pub(super) fn languages(c: &Ctx<'_>) -> Option<String> {
    let held = c.stats.consultations_held.total;
    if held == 0 {
        return Some(format!(
            "As at {}, no preliminary consultation had been held, so no languages of review had been agreed.",
            c.date
        ));
    }
    let t = tally(c.stats);
    let single_total: u64 = t.single.iter().map(|(_, n)| n).sum();
    let double_total: u64 = t.double.iter().map(|(_, n)| n).sum();
    let mut s = format!(
        "As at {}, parties had agreed on the use of only one language in {} of the {} preliminary consultation meetings that were held ({}, or {} per cent of the total)",
        c.date,
        thousands(single_total),
        thousands(held),
        num(single_total, "review", "reviews"),
        percent(single_total, held)
    );
    if !t.single.is_empty() {
        let _ = write!(s, ": {}", conducted_in(&t.single));
    }
    s.push('.');
    if t.triple > 0 {
        let _ = write!(
            s,
            " In {} {}, parties agreed to conduct the review in three languages (from among {}).",
            count(t.triple),
            plural(t.triple, "case", "cases"),
            and_list(
                &t.triple_langs
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
            )
        );
    }
    if double_total > 0 {
        let _ = write!(
            s,
            " In {} {}, parties agreed on the use of two languages: {}.",
            count(double_total),
            plural(double_total, "case", "cases"),
            conducted_in(&t.double)
        );
    }
    if t.pending > 0 {
        let _ = write!(
            s,
            " In {} {}, the parties were unable to reach an agreement on the languages to be used in the review and a decision in this regard is still pending.",
            count(t.pending),
            plural(t.pending, "case", "cases")
        );
    }
    s.push_str(" Figure IV illustrates the languages selected for the reviews.");
    Some(s)
}
