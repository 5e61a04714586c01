//! The built-in demo desk: fictional people on real States, with pairings,
//! nominations and milestones made to match the secretariat's background
//! paper of March 2024 (`shared/reference/status-of-the-mechanism-2024.md`).
//! Every figure is computed from the desk by `stats::compute`; as at
//! 29 February 2024 they are the paper's.
//!
//! `build(today)` is pure and deterministic: embedded data, fixed seeds,
//! no clock, no I/O. How the figures are met:
//! - pairings: the drawing of lots replayed with `lots` from fixed seeds
//!   (`draws::STEPS`, found once by a search run by hand) that give the
//!   paper's parties involved per group, before and after the redraws;
//! - consultations, languages, stages and the parties without a focal point:
//!   chosen at build time by small deterministic searches (`progress`);
//! - nominations: exact shares dealt by shuffling (`people`);
//! - the registers (assistance, training, translations, documents,
//!   pending languages, focal point scopes): `registers`;
//! - after February 2024 the desk goes on month by month (`later`), and the
//!   secretariat's extensions and reminders follow (`followup`); whatever is
//!   dated after `today` is then left out.

mod data;
pub mod directory;
mod draws;
mod followup;
mod later;
mod parties;
mod people;
mod progress;
pub mod registers;
mod rng;
pub mod scale;

#[cfg(test)]
mod tests;

use crate::domain::model::{Desk, DrawRecord, Group, Languages, Review};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The seed of every random stream of the demo.
pub const SEED: u64 = 0x2024_0229;

/// The start dates of the three groups (the paper, paragraph 22).
pub const GROUPS: [(u32, &str); 3] = [(1, "2020-12-01"), (2, "2021-11-01"), (3, "2022-11-01")];

pub fn group_starts() -> Vec<(u32, NaiveDate)> {
    GROUPS
        .iter()
        .map(|(g, s)| (*g, s.parse().unwrap_or_default()))
        .collect()
}

/// The date of the paper's figures: 29 February 2024.
pub fn paper_date() -> NaiveDate {
    progress::paper_date()
}

/// The demo desk and the record of its drawing of lots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    pub desk: Desk,
    pub draws: Vec<DrawRecord>,
    /// Assistance, training, translations, documents, pending languages
    /// and focal point scopes (`registers`).
    pub registers: crate::domain::registers::Registers,
}

/// Builds the demo desk as it stands on `today`: nothing in it is dated later.
pub fn build(today: NaiveDate) -> Demo {
    let parties = parties::parties(SEED);
    let starts = group_starts();
    let drawing = draws::replay(&parties, &starts, &draws::STEPS)
        .unwrap_or_else(|_| draws::Drawing::new(&parties, &starts));

    let mut reviews = Vec::new();
    for (g, pairings) in &drawing.pairings {
        for p in pairings {
            reviews.push(Review {
                id: reviews.len() as i64 + 1,
                group: *g,
                cluster: 1,
                under_review: p.under_review.as_str().into(),
                reviewers: p.reviewers.iter().map(|c| c.as_str().into()).collect(),
                start: drawing.restarts.get(&p.under_review).copied(),
                redraws: drawing.redraws.get(&p.under_review).copied().unwrap_or(0),
                languages: Languages::new(),
                milestones: Default::default(),
            });
        }
    }
    let records = drawing.records.clone();
    let mut desk = Desk {
        groups: starts
            .iter()
            .map(|(number, start)| Group {
                number: *number,
                start: *start,
            })
            .collect(),
        parties,
        reviews,
        ..Default::default()
    };

    let info = data::countries();
    let cultures = data::cultures();
    let mut iso2: BTreeMap<String, String> = data::states()
        .into_iter()
        .map(|s| (s.iso3, s.iso2))
        .collect();
    iso2.insert("EU".into(), "EU".into());

    let plan = progress::plan(&desk, &info, SEED);
    progress::milestones(&mut desk, &plan, SEED);
    let mut namer = people::Namer::new(&cultures, &info, &iso2);
    let mut people = people::nominate(&desk, &plan, &mut namer, SEED);
    later::simulate(&mut desk, &mut people, &plan, &mut namer, &info, SEED);
    desk.people = people;
    desk.extensions = followup::extensions(&desk, SEED);
    desk.reminders = followup::reminders(&desk, SEED);

    cut(&mut desk, today);
    number_people(&mut desk);
    let draws = records
        .into_iter()
        .filter(|r| draws::day_of(&r.at) <= today)
        .collect();
    let registers = registers::registers(&desk, today, SEED);
    Demo {
        desk,
        draws,
        registers,
    }
}

/// Leaves out everything dated after `today`.
fn cut(desk: &mut Desk, today: NaiveDate) {
    let keep = |d: Option<NaiveDate>| d.filter(|d| *d <= today);
    desk.parties
        .retain(|p| p.instruments.convention.is_none_or(|c| c <= today));
    for p in &mut desk.parties {
        let i = &mut p.instruments;
        (i.convention, i.tip, i.som, i.fa) =
            (keep(i.convention), keep(i.tip), keep(i.som), keep(i.fa));
    }
    desk.people.retain(|p| p.nominated <= today);
    for p in &mut desk.people {
        p.ended = keep(p.ended);
    }
    for r in &mut desk.reviews {
        r.milestones = r.milestones.as_at(today);
        r.start = keep(r.start);
        if r.milestones.consultation_held.is_none() {
            r.languages.clear();
        }
    }
    desk.extensions.retain(|e| e.agreed <= today);
    desk.reminders.retain(|r| r.date <= today);
}

/// Person ids 1..N in order of nomination: the same person keeps its id
/// whatever `today` is.
fn number_people(desk: &mut Desk) {
    desk.people.sort_by(|a, b| {
        (a.nominated, &a.party, a.role, &a.name, &a.email).cmp(&(
            b.nominated,
            &b.party,
            b.role,
            &b.name,
            &b.email,
        ))
    });
    for (i, p) in desk.people.iter_mut().enumerate() {
        p.id = i as i64 + 1;
    }
}
