//! What blocks what (docs/mail.md): an obligation whose debtor
//! cannot act until another party does. A reviewer cannot finalize its
//! list of observations while the SAQ responses it reviews are missing
//! (it waits on the party under review), nor before the written feedback
//! is in (it waits on that feedback, its own included). Feedback while the
//! SAQ is missing is not owed at all (the engine does not list it).

use super::engine::Item;
use super::model::{Desk, Obligation, Review};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The party an obligation of `debtor` in `review` waits on as at `as_of`,
/// or `None` when the debtor can act.
pub fn waiting_on<'a>(
    review: &'a Review,
    obligation: Obligation,
    debtor: &str,
    as_of: NaiveDate,
) -> Option<&'a str> {
    if obligation != Obligation::Observations {
        return None;
    }
    let m = review.milestones.as_at(as_of);
    if m.saq_submitted.is_none() {
        return Some(review.under_review.as_str());
    }
    if m.feedback_submitted.is_none() {
        // The reviewers owe the feedback: the debtor first, if it is one.
        return review
            .reviewers
            .iter()
            .find(|r| r.as_str() == debtor)
            .or_else(|| review.reviewers.first())
            .map(|r| r.as_str());
    }
    None
}

/// [`waiting_on`] for the engine's items, with the reviews indexed once.
pub struct Blocking<'a> {
    reviews: HashMap<i64, &'a Review>,
    as_of: NaiveDate,
}

impl<'a> Blocking<'a> {
    pub fn new(desk: &'a Desk, as_of: NaiveDate) -> Blocking<'a> {
        Blocking {
            reviews: desk.reviews.iter().map(|r| (r.id, r)).collect(),
            as_of,
        }
    }

    pub fn waiting_on(&self, item: &Item) -> Option<&'a str> {
        let review = self.reviews.get(&item.review?)?;
        waiting_on(review, item.obligation, &item.party, self.as_of)
    }

    /// Items in triage order: those whose debtor can act first, each part
    /// keeping the order it had (most overdue first).
    pub fn triage(&self, items: Vec<Item>) -> Vec<(Item, Option<&'a str>)> {
        let mut out: Vec<(Item, Option<&'a str>)> = items
            .into_iter()
            .map(|i| {
                let w = self.waiting_on(&i);
                (i, w)
            })
            .collect();
        out.sort_by_key(|(_, w)| w.is_some());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Milestones, Review};

    fn review(saq: Option<&str>, feedback: Option<&str>) -> Review {
        Review {
            id: 7,
            group: 1,
            cluster: 1,
            under_review: "AUT".into(),
            reviewers: ["FRA".into(), "KEN".into()].into_iter().collect(),
            start: None,
            redraws: 0,
            languages: Default::default(),
            milestones: Milestones {
                consultation_held: Some("2021-01-10".parse().unwrap()),
                saq_submitted: saq.map(|s| s.parse().unwrap()),
                feedback_submitted: feedback.map(|s| s.parse().unwrap()),
                ..Default::default()
            },
        }
    }

    #[test]
    fn observations_wait_on_the_saq_then_on_the_feedback() {
        let d: NaiveDate = "2024-02-29".parse().unwrap();
        let obs = Obligation::Observations;
        assert_eq!(waiting_on(&review(None, None), obs, "KEN", d), Some("AUT"));
        assert_eq!(
            waiting_on(&review(Some("2021-06-01"), None), obs, "KEN", d),
            Some("KEN")
        );
        assert_eq!(
            waiting_on(
                &review(Some("2021-06-01"), Some("2022-01-01")),
                obs,
                "KEN",
                d
            ),
            None
        );
        // A milestone dated after the as-at date does not exist yet.
        assert_eq!(
            waiting_on(&review(Some("2024-03-01"), None), obs, "FRA", d),
            Some("AUT")
        );
        // Others can always act.
        for o in [Obligation::Saq, Obligation::Feedback, Obligation::Phase] {
            assert_eq!(waiting_on(&review(None, None), o, "AUT", d), None);
        }
    }
}
