//! A synthetic desk `n` times the real one, for measuring: the demo desk
//! copied `n` times under generated codes and names, with reviews in all
//! four clusters over successive phases, people and reminders in
//! proportion. Deterministic: the same `n` and `today` give the same desk.

use super::build;
use crate::domain::model::{
    Desk, Extension, Languages, Milestones, Person, Reminder, Review, Text,
};
use crate::domain::registers::{AssistanceRequest, FocalPointScope, Registers, Training};
use chrono::{Months, NaiveDate};
use std::collections::BTreeMap;

/// Clusters in the order the Mechanism takes them up, each phase two years
/// after the one before (cluster 1 ran first, cluster 4 comes next).
const CLUSTER_ORDER: [u32; 4] = [1, 4, 2, 3];

/// The code of party `code` in copy `k` (copy 0 keeps the real code).
/// Codes stay within 2 to 8 upper-case letters and digits.
fn copy_code(code: &str, k: usize) -> String {
    if k == 0 {
        return code.to_string();
    }
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut n = k;
    let mut suffix = Vec::new();
    while n > 0 {
        suffix.push(DIGITS[n % 36]);
        n /= 36;
    }
    suffix.reverse();
    format!("{code}{}", String::from_utf8_lossy(&suffix))
}

fn shift(d: Option<NaiveDate>, months: u32, today: NaiveDate) -> Option<NaiveDate> {
    d.and_then(|d| d.checked_add_months(Months::new(months)))
        .filter(|d| *d <= today)
}

/// Builds the desk `n` times the demo's size as it stands on `today`.
pub fn build_scaled(n: usize, today: NaiveDate) -> Desk {
    build_scaled_with_registers(n, today).0
}

/// Each record of `from` that `remap` can point at the copy, to `to`.
fn moved<T: Clone>(from: &[T], to: &mut Vec<T>, remap: impl Fn(&mut T) -> Option<()>) {
    to.extend(from.iter().filter_map(|x| {
        let mut x = x.clone();
        remap(&mut x).map(|()| x)
    }));
}

/// Copy `k` of the demo's registers: its parties under their copied codes,
/// its reviews and people by the ids their copies got (`reviews` keyed by
/// the demo's review and the cluster).
fn copy_registers(
    base: &Registers,
    k: usize,
    reviews: &BTreeMap<(i64, u32), i64>,
    people: &BTreeMap<i64, i64>,
    out: &mut Registers,
) {
    let code = |c: &str| Text::from(copy_code(c, k));
    let review = |id: i64| reviews.get(&(id, 1)).copied();
    for r in &base.assistance_requests {
        out.assistance_requests.push(AssistanceRequest {
            party: code(&r.party),
            ..r.clone()
        });
    }
    for t in &base.trainings {
        out.trainings.push(Training {
            parties: t.parties.iter().map(|p| code(p)).collect(),
            ..t.clone()
        });
    }
    let by_review = |n: &mut i64| review(*n).map(|r| *n = r);
    moved(&base.assistance_needs, &mut out.assistance_needs, |n| {
        by_review(&mut n.review)
    });
    moved(
        &base.translation_requests,
        &mut out.translation_requests,
        |t| by_review(&mut t.review),
    );
    moved(&base.documents, &mut out.documents, |d| {
        by_review(&mut d.review)
    });
    moved(&base.languages_pending, &mut out.languages_pending, |p| {
        by_review(&mut p.review)
    });
    out.focal_point_scopes
        .extend(base.focal_point_scopes.iter().filter_map(|s| {
            Some(FocalPointScope {
                person: *people.get(&s.person)?,
                review: review(s.review)?,
            })
        }));
}

/// The desk `n` times the demo's size as it stands on `today`, and its
/// registers, each copy of the desk with its copy of the demo's.
pub fn build_scaled_with_registers(n: usize, today: NaiveDate) -> (Desk, Registers) {
    let demo = build(today);
    let (base, base_registers) = (demo.desk, demo.registers);
    if n <= 1 {
        return (base, base_registers);
    }
    let mut registers = Registers::default();
    let mut desk = Desk {
        groups: base.groups.clone(),
        ..Default::default()
    };
    let mut next_review = 1i64;
    let mut next_person = 1i64;
    for k in 0..n {
        let code = |c: &str| Text::from(copy_code(c, k));
        for p in &base.parties {
            let mut p = p.clone();
            p.code = code(&p.code);
            if k > 0 {
                p.name = format!("{} {}", p.name, k + 1).into();
            }
            desk.parties.push(p);
        }
        let mut people = BTreeMap::new();
        for p in &base.people {
            people.insert(p.id, next_person);
            desk.people.push(Person {
                id: next_person,
                party: code(&p.party),
                email: p.email.as_ref().map(|e| match k {
                    0 => e.clone(),
                    _ => e.replacen('@', &format!(".{}@", k + 1), 1).into(),
                }),
                ..p.clone()
            });
            next_person += 1;
        }
        // Cluster 1 as in the demo; later clusters replay the same pairings
        // and progress two years per phase, cut at `today`.
        let mut ids: BTreeMap<(i64, u32), i64> = BTreeMap::new();
        for (phase, cluster) in CLUSTER_ORDER.iter().enumerate() {
            let months = 24 * phase as u32;
            for r in &base.reviews {
                let start = desk
                    .group_start(r.group)
                    .map(|s| r.start.unwrap_or(s))
                    .and_then(|s| s.checked_add_months(Months::new(months)));
                let Some(start) = start.filter(|s| *s <= today) else {
                    continue;
                };
                let m = &r.milestones;
                let milestones = Milestones {
                    consultation_held: shift(m.consultation_held, months, today),
                    saq_submitted: shift(m.saq_submitted, months, today),
                    feedback_submitted: shift(m.feedback_submitted, months, today),
                    observations_finalized: shift(m.observations_finalized, months, today),
                    summary_finalized: shift(m.summary_finalized, months, today),
                };
                let milestones = Milestones {
                    saq_submitted: milestones.consultation_held.and(milestones.saq_submitted),
                    feedback_submitted: milestones.saq_submitted.and(milestones.feedback_submitted),
                    ..milestones
                };
                let milestones = Milestones {
                    observations_finalized: milestones
                        .feedback_submitted
                        .and(milestones.observations_finalized),
                    ..milestones
                };
                let milestones = Milestones {
                    summary_finalized: milestones
                        .observations_finalized
                        .and(milestones.summary_finalized),
                    ..milestones
                };
                ids.insert((r.id, *cluster), next_review);
                desk.reviews.push(Review {
                    id: next_review,
                    group: r.group,
                    cluster: *cluster,
                    under_review: code(&r.under_review),
                    reviewers: r.reviewers.iter().map(|c| code(c)).collect(),
                    start: if phase == 0 { r.start } else { Some(start) },
                    redraws: if phase == 0 { r.redraws } else { 0 },
                    languages: if milestones.consultation_held.is_some() {
                        r.languages.clone()
                    } else {
                        Languages::new()
                    },
                    milestones,
                });
                next_review += 1;
            }
        }
        for e in &base.extensions {
            if let Some(id) = ids.get(&(e.review, 1)) {
                desk.extensions.push(Extension {
                    review: *id,
                    ..e.clone()
                });
            }
        }
        for r in &base.reminders {
            desk.reminders.push(Reminder {
                party: code(&r.party),
                review: r.review.and_then(|id| ids.get(&(id, 1)).copied()),
                ..r.clone()
            });
        }
        copy_registers(&base_registers, k, &ids, &people, &mut registers);
    }
    (desk, registers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::interchange::valid_code;

    #[test]
    fn codes_stay_valid_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for k in 0..2000 {
            for c in ["EU", "AUT", "CIV"] {
                let code = copy_code(c, k);
                assert!(valid_code(&code), "{code}");
                assert!(seen.insert(code));
            }
        }
    }

    #[test]
    fn three_times_the_desk() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let one = build(today).desk;
        let three = build_scaled(3, today);
        assert_eq!(three.parties.len(), 3 * one.parties.len());
        assert_eq!(three.people.len(), 3 * one.people.len());
        assert_eq!(three.reminders.len(), 3 * one.reminders.len());
        let clusters: std::collections::BTreeSet<u32> =
            three.reviews.iter().map(|r| r.cluster).collect();
        assert!(clusters.len() >= 2, "{clusters:?}");
        // It is a valid document.
        let json = crate::domain::interchange::to_json(&three);
        crate::domain::interchange::parse(&json).unwrap();
        // Deterministic.
        assert_eq!(build_scaled(3, today), three);
    }

    #[test]
    fn three_times_the_registers() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let one = build(today).registers;
        let (desk, three) = build_scaled_with_registers(3, today);
        assert_eq!(
            three.assistance_requests.len(),
            3 * one.assistance_requests.len()
        );
        assert_eq!(three.trainings.len(), 3 * one.trainings.len());
        assert_eq!(three.documents.len(), 3 * one.documents.len());
        assert_eq!(three.assistance_needs.len(), 3 * one.assistance_needs.len());
        assert_eq!(
            three.focal_point_scopes.len(),
            3 * one.focal_point_scopes.len()
        );
        // Every party and review a copy names is in the scaled desk.
        let codes: std::collections::BTreeSet<&str> =
            desk.parties.iter().map(|p| p.code.as_str()).collect();
        let reviews: std::collections::BTreeSet<i64> = desk.reviews.iter().map(|r| r.id).collect();
        assert!(
            three
                .assistance_requests
                .iter()
                .all(|r| codes.contains(r.party.as_str()))
        );
        assert!(
            three
                .trainings
                .iter()
                .flat_map(|t| &t.parties)
                .all(|p| codes.contains(p.as_str()))
        );
        assert!(three.documents.iter().all(|d| reviews.contains(&d.review)));
        // The third copy's requests are the demo's under the third codes.
        let last = &three.assistance_requests[2 * one.assistance_requests.len()];
        assert_eq!(
            last.party.as_str(),
            copy_code(&one.assistance_requests[0].party, 2)
        );
    }
}
