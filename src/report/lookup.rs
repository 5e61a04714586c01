//! Indexes of the desk as at a date, built once per command, so that the
//! files stay quick to write on a desk a hundred times the real one.

use super::calendar::one_line;
use crate::domain::engine::{Item, started_reviews};
use crate::domain::model::{Desk, Obligation, Party, Person, Reminder, Review, Role, Stage};
use crate::domain::stages::{parties_with_focal_point, stage};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

pub struct Lookup<'a> {
    pub desk: &'a Desk,
    pub as_of: NaiveDate,
    parties: HashMap<&'a str, &'a Party>,
    reviews: HashMap<i64, &'a Review>,
    /// Reviews started by `as_of` that each party takes part in, by id.
    reviews_of: HashMap<&'a str, Vec<&'a Review>>,
    /// Reminders sent by `as_of`, by party and obligation, oldest first.
    reminders: HashMap<(&'a str, Obligation), Vec<&'a Reminder>>,
    with_fp: BTreeSet<&'a str>,
    /// Focal points current on `as_of`, by party.
    focal_points: HashMap<&'a str, Vec<&'a Person>>,
}

impl<'a> Lookup<'a> {
    pub fn new(desk: &'a Desk, as_of: NaiveDate) -> Lookup<'a> {
        let mut reviews_of: HashMap<&str, Vec<&Review>> = HashMap::new();
        for (r, _) in started_reviews(desk, as_of) {
            for p in r.parties() {
                reviews_of.entry(p).or_default().push(r);
            }
        }
        for v in reviews_of.values_mut() {
            v.sort_by_key(|r| r.id);
            v.dedup_by_key(|r| r.id);
        }
        let mut reminders: HashMap<(&str, Obligation), Vec<&Reminder>> = HashMap::new();
        for r in desk.reminders.iter().filter(|r| r.date <= as_of) {
            reminders
                .entry((r.party.as_str(), r.obligation))
                .or_default()
                .push(r);
        }
        for v in reminders.values_mut() {
            v.sort_by_key(|r| r.date);
        }
        let mut focal_points: HashMap<&str, Vec<&Person>> = HashMap::new();
        for p in desk
            .people
            .iter()
            .filter(|p| p.role == Role::FocalPoint && p.current(as_of))
        {
            focal_points.entry(p.party.as_str()).or_default().push(p);
        }
        Lookup {
            desk,
            as_of,
            parties: desk.parties.iter().map(|p| (p.code.as_str(), p)).collect(),
            reviews: desk.reviews.iter().map(|r| (r.id, r)).collect(),
            reviews_of,
            reminders,
            with_fp: parties_with_focal_point(desk, as_of),
            focal_points,
        }
    }

    pub fn party(&self, code: &str) -> Option<&'a Party> {
        self.parties.get(code).copied()
    }

    /// The party's name on one line (its code if unknown).
    pub fn name(&self, code: &str) -> String {
        one_line(self.party(code).map_or(code, |p| p.name.as_str()))
    }

    pub fn review(&self, id: i64) -> Option<&'a Review> {
        self.reviews.get(&id).copied()
    }

    /// The reviews a party takes part in as at the date, by id.
    pub fn reviews_of(&self, party: &str) -> &[&'a Review] {
        self.reviews_of.get(party).map_or(&[], |v| v.as_slice())
    }

    /// "Austria by France, Kenya".
    pub fn review_line(&self, r: &Review) -> String {
        format!(
            "{} by {}",
            self.name(&r.under_review),
            r.reviewers
                .iter()
                .map(|c| self.name(c))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    pub fn stage(&self, r: &Review) -> Stage {
        stage(r, self.as_of, &self.with_fp)
    }

    /// Current focal points of a party.
    pub fn focal_points(&self, party: &str) -> &[&'a Person] {
        self.focal_points.get(party).map_or(&[], |v| v.as_slice())
    }

    /// Reminders sent about an obligation, oldest first.
    pub fn reminders_about(&self, item: &Item) -> Vec<&'a Reminder> {
        self.reminders
            .get(&(item.party.as_str(), item.obligation))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|r| item.review.is_none() || r.review == item.review)
                    .collect()
            })
            .unwrap_or_default()
    }
}
