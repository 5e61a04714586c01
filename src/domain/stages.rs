//! Stage of a review, derived from its milestones and the nominations of its
//! parties (docs/mechanism.md#stages-of-a-review). Never stored.

use super::model::{Desk, Review, Role, Stage};
use super::roster::People;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Parties with a current focal point on `as_of`.
pub fn parties_with_focal_point(desk: &Desk, as_of: NaiveDate) -> BTreeSet<&str> {
    focal_point_parties(desk.people.as_slice(), as_of)
}

/// Parties with a current focal point on `as_of`, among `people`.
pub fn focal_point_parties(people: &(impl People + ?Sized), as_of: NaiveDate) -> BTreeSet<&str> {
    people
        .facts()
        .filter(|p| p.role == Role::FocalPoint && p.current(as_of))
        .map(|p| p.party)
        .collect()
}

/// Stage of `review` on `as_of`, given the parties with a current focal point.
pub fn stage(review: &Review, as_of: NaiveDate, with_fp: &BTreeSet<&str>) -> Stage {
    let m = review.milestones.as_at(as_of);
    if m.consultation_held.is_none() {
        if review.parties().any(|p| !with_fp.contains(p)) {
            Stage::AwaitingNominations
        } else {
            Stage::AwaitingConsultation
        }
    } else if m.saq_submitted.is_none() {
        Stage::Saq
    } else if m.feedback_submitted.is_none() {
        Stage::Feedback
    } else if m.concluded().is_none() {
        Stage::Observations
    } else {
        Stage::Concluded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn review(m: Milestones) -> Review {
        Review {
            id: 1,
            group: 1,
            cluster: 1,
            under_review: "AUT".into(),
            reviewers: smallvec::smallvec!["FRA".into(), "KEN".into()],
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: m,
        }
    }

    #[test]
    fn each_stage() {
        let all: BTreeSet<&str> = ["AUT", "FRA", "KEN"].into();
        let some: BTreeSet<&str> = ["AUT", "FRA"].into();
        let now = d("2024-02-29");
        let mut m = Milestones::default();
        assert_eq!(
            stage(&review(m.clone()), now, &some),
            Stage::AwaitingNominations
        );
        assert_eq!(
            stage(&review(m.clone()), now, &all),
            Stage::AwaitingConsultation
        );
        m.consultation_held = Some(d("2021-02-01"));
        // Once consulted, nominations no longer decide the stage.
        assert_eq!(stage(&review(m.clone()), now, &some), Stage::Saq);
        m.saq_submitted = Some(d("2021-06-01"));
        assert_eq!(stage(&review(m.clone()), now, &all), Stage::Feedback);
        m.feedback_submitted = Some(d("2022-01-01"));
        assert_eq!(stage(&review(m.clone()), now, &all), Stage::Observations);
        m.observations_finalized = Some(d("2023-01-01"));
        assert_eq!(stage(&review(m.clone()), now, &all), Stage::Observations);
        m.summary_finalized = Some(d("2023-02-01"));
        assert_eq!(stage(&review(m.clone()), now, &all), Stage::Concluded);
        // As at an earlier date, later milestones do not exist yet.
        assert_eq!(
            stage(&review(m.clone()), d("2021-12-31"), &all),
            Stage::Feedback
        );
        assert_eq!(
            stage(&review(m), d("2021-01-31"), &all),
            Stage::AwaitingConsultation
        );
    }

    #[test]
    fn focal_points_as_at() {
        let desk = Desk {
            people: vec![Person {
                id: 1,
                party: "AUT".into(),
                role: Role::FocalPoint,
                name: "A".into(),
                email: None,
                phone: None,
                gender: None,
                affiliation: None,
                nominated: d("2021-01-01"),
                ended: Some(d("2022-01-01")),
            }],
            ..Default::default()
        };
        assert!(parties_with_focal_point(&desk, d("2020-12-31")).is_empty());
        assert!(parties_with_focal_point(&desk, d("2021-12-31")).contains("AUT"));
        assert!(parties_with_focal_point(&desk, d("2022-01-01")).is_empty());
    }
}
