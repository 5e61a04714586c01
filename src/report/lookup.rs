//! Indexes of the desk as at a date, built once per command, so that the
//! files stay quick to write on a desk a hundred times the real one.

use super::calendar::one_line;
use crate::domain::engine::{self, Item, Kept, Settings, started_reviews};
use crate::domain::model::{Affiliation, Desk, Party, Person, Review, Role, Stage};
use crate::domain::roster::Roster;
use crate::domain::stages::{focal_point_parties, parties_with_focal_point, stage};
use crate::domain::tallies::{Tallies, Tally};
use chrono::NaiveDate;
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

pub struct Lookup<'a> {
    pub desk: &'a Desk,
    pub as_of: NaiveDate,
    parties: HashMap<&'a str, &'a Party>,
    /// Reviews by id; empty when `desk.reviews` ascend by id (as a store
    /// reads them), which are then found by a binary search.
    reviews: HashMap<i64, &'a Review>,
    /// Whether `desk.reviews` ascend by id (found once).
    sorted: bool,
    /// Reviews started by `as_of` that each party takes part in, by id.
    reviews_of: HashMap<&'a str, Vec<&'a Review>>,
    /// Reminders sent by `as_of`, tallied by obligation.
    tallies: Tallies,
    with_fp: BTreeSet<&'a str>,
    /// Focal points current on `as_of`, by party.
    focal_points: HashMap<&'a str, Vec<&'a Person>>,
    /// The people, when given apart from the desk.
    people: Option<&'a Roster>,
    /// Their focal points current on `as_of` by party (positions in the
    /// roster), made when first asked for.
    fp_members: OnceCell<HashMap<&'a str, Vec<u32>>>,
}

impl<'a> Lookup<'a> {
    /// The indexes of `desk`, with the reminders of its log.
    pub fn new(desk: &'a Desk, as_of: NaiveDate) -> Lookup<'a> {
        Lookup::with_tallies(desk, as_of, Tallies::of_log(&desk.reminders, as_of))
    }

    /// The indexes of a desk read without its reminder log, with the
    /// log's tallies as at `as_of` read apart.
    pub fn with_tallies(desk: &'a Desk, as_of: NaiveDate, tallies: Tallies) -> Lookup<'a> {
        let mut focal_points: HashMap<&str, Vec<&Person>> = HashMap::new();
        for p in desk
            .people
            .iter()
            .filter(|p| p.role == Role::FocalPoint && p.current(as_of))
        {
            focal_points.entry(p.party.as_str()).or_default().push(p);
        }
        let with_fp = parties_with_focal_point(desk, as_of);
        Lookup::with_indexes(desk, as_of, tallies, with_fp, focal_points)
    }

    /// [`with_tallies`](Lookup::with_tallies) of a desk whose people are
    /// given apart, as their facts alone: stages as with them, but no
    /// focal point's details ([`focal_points`](Lookup::focal_points) gives
    /// none; a caller that prints them reads them from the store).
    pub fn with_people(
        desk: &'a Desk,
        people: &'a Roster,
        as_of: NaiveDate,
        tallies: Tallies,
    ) -> Lookup<'a> {
        let with_fp = focal_point_parties(people, as_of);
        let mut l = Lookup::with_indexes(desk, as_of, tallies, with_fp, HashMap::new());
        l.people = Some(people);
        l
    }

    /// The engine's obligations as at the date that `keep` keeps (see
    /// [`engine::kept`]), from the people given apart if any, else the desk's.
    pub fn kept(&self, keep: impl FnMut(&Item) -> bool) -> Kept<'a> {
        let s = Settings::default();
        match self.people {
            Some(r) => engine::kept_with(self.desk, r, self.as_of, s, keep),
            None => engine::kept(self.desk, self.as_of, s, keep),
        }
    }

    fn with_indexes(
        desk: &'a Desk,
        as_of: NaiveDate,
        tallies: Tallies,
        with_fp: BTreeSet<&'a str>,
        focal_points: HashMap<&'a str, Vec<&'a Person>>,
    ) -> Lookup<'a> {
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
        let sorted = desk.reviews.windows(2).all(|w| w[0].id < w[1].id);
        Lookup {
            desk,
            as_of,
            parties: desk.parties.iter().map(|p| (p.code.as_str(), p)).collect(),
            reviews: if sorted {
                HashMap::new()
            } else {
                desk.reviews.iter().map(|r| (r.id, r)).collect()
            },
            sorted,
            reviews_of,
            tallies,
            with_fp,
            focal_points,
            people: None,
            fp_members: OnceCell::new(),
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
        let all = &self.desk.reviews;
        if self.sorted {
            return all
                .binary_search_by_key(&id, |r| r.id)
                .ok()
                .map(|i| &all[i]);
        }
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

    /// Id and affiliation of each current focal point of a party, from
    /// the desk's people or the people given apart.
    pub fn focal_point_facts(&self, party: &str) -> Vec<(i64, Option<Affiliation>)> {
        let Some(r) = self.people else {
            let fps = self.focal_points(party);
            return fps.iter().map(|p| (p.id, p.affiliation)).collect();
        };
        let index = self.fp_members.get_or_init(|| {
            let mut index: HashMap<&str, Vec<u32>> = HashMap::new();
            for (i, m) in r.members().iter().enumerate() {
                if m.role == Role::FocalPoint && m.current(self.as_of) {
                    index.entry(r.code(i)).or_default().push(i as u32);
                }
            }
            index
        });
        index.get(party).map_or_else(Vec::new, |v| {
            v.iter()
                .map(|&i| (r.id(i as usize), r.members()[i as usize].affiliation))
                .collect()
        })
    }

    /// The reminders sent by the date, tallied.
    pub fn tallies(&self) -> &Tallies {
        &self.tallies
    }

    /// The reminders sent about an obligation: how many, and the latest.
    pub fn reminders_about(&self, item: &Item) -> Tally {
        self.tallies
            .about(&item.party, item.review, item.obligation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviews_are_found_by_id_sorted_or_not() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
        let desk = crate::demo::scale::build_scaled(1, as_of);
        assert!(desk.reviews.len() > 2);
        let mut shuffled = desk.clone();
        shuffled.reviews.reverse();
        let (a, b) = (Lookup::new(&desk, as_of), Lookup::new(&shuffled, as_of));
        assert!(a.sorted && !b.sorted);
        for r in &desk.reviews {
            assert_eq!(a.review(r.id), Some(r));
            assert_eq!(b.review(r.id), Some(r));
        }
        assert_eq!(a.review(-1), None);
        assert_eq!(b.review(-1), None);
    }
}
