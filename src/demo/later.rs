//! Life after the paper: from March 2024 the desk goes on month by month
//! until `HORIZON` (more nominations and substitutions, consultations,
//! questionnaires, feedback, a few concluded reviews). Everything here is
//! dated after 29 February 2024, so the paper's figures stay as they were;
//! `build` then drops whatever lies after its `today`.

use super::data::CountryInfo;
use super::people::{Namer, expert_affiliation, focal_affiliation, gender};
use super::progress::{Plan, language_misfit, languages_of, paper_date};
use super::rng::{Rng, add_days};
use crate::domain::model::{Desk, Language, Person, Role};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// The demo's story ends here; later `today`s see no new events.
pub fn horizon() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 12, 31).unwrap_or_default()
}

/// When the parties that joined in 2023 nominate their focal points.
const LATE_PARTY_FOCAL_POINTS: [(&str, &str); 2] = [("BTN", "2024-05-14"), ("SSD", "2025-03-11")];

/// Languages agreed at consultations after the paper.
const LATER_KEYS: [&str; 11] = [
    "en", "fr", "es", "ar", "ru", "en+fr", "ar+en", "en+es", "en+ru", "en+zh", "es+fr",
];

fn month_end(start: NaiveDate) -> NaiveDate {
    let (y, m) = if start.month() == 12 {
        (start.year() + 1, 1)
    } else {
        (start.year(), start.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

/// Runs the months after the paper; appends people, sets later milestones.
pub fn simulate(
    desk: &mut Desk,
    people: &mut Vec<Person>,
    plan: &Plan,
    namer: &mut Namer,
    info: &BTreeMap<String, CountryInfo>,
    seed: u64,
) {
    let mut story = Story::new(desk, people, plan, namer, seed);
    let mut ms = add_days(paper_date(), 1);
    while ms <= horizon() {
        let month = (ms, month_end(ms));
        story.focal_points(month, people);
        story.substitutions(month, people);
        story.experts(month, people);
        story.replacements(month, people);
        story.observers(month, desk, people);
        story.reviews_move_on(month, desk, info);
        ms = add_days(month.1, 1);
    }
}

/// A month: its first and last day.
type Month = (NaiveDate, NaiveDate);

/// What the months after the paper carry from one to the next.
struct Story<'a, 'n> {
    rng: Rng,
    plan: &'a Plan,
    namer: &'a mut Namer<'n>,
    /// Since when each party has had a focal point without interruption.
    fp_since: BTreeMap<String, NaiveDate>,
    has_experts: BTreeSet<String>,
    /// Late parties' first focal point, by code.
    late: BTreeMap<&'static str, NaiveDate>,
    /// Parties assigned to a group, in code order.
    assigned: Vec<String>,
}

impl<'a, 'n> Story<'a, 'n> {
    fn new(
        desk: &Desk,
        people: &[Person],
        plan: &'a Plan,
        namer: &'a mut Namer<'n>,
        seed: u64,
    ) -> Story<'a, 'n> {
        let mut fp_since: BTreeMap<String, NaiveDate> = BTreeMap::new();
        for p in people.iter().filter(|p| p.role == Role::FocalPoint) {
            let e = fp_since.entry(p.party.to_string()).or_insert(p.nominated);
            *e = (*e).min(p.nominated);
        }
        let has_experts: BTreeSet<String> = people
            .iter()
            .filter(|p| p.role == Role::Expert)
            .map(|p| p.party.to_string())
            .collect();
        let late: BTreeMap<&str, NaiveDate> = LATE_PARTY_FOCAL_POINTS
            .iter()
            .filter_map(|(c, d)| Some((*c, d.parse().ok()?)))
            .collect();
        let assigned: Vec<String> = desk
            .parties
            .iter()
            .filter(|p| p.group.is_some())
            .map(|p| p.code.to_string())
            .collect();
        Story {
            rng: Rng::stream("later", seed),
            plan,
            namer,
            fp_since,
            has_experts,
            late,
            assigned,
        }
    }

    /// Focal points of parties that had none.
    fn focal_points(&mut self, (ms, me): Month, people: &mut Vec<Person>) {
        let rng = &mut self.rng;
        for (code, d) in &self.late {
            if (ms..=me).contains(d) {
                let g = gender(rng, 0.4);
                let a = focal_affiliation(rng);
                let p = self.namer.person(rng, code, Role::FocalPoint, g, a, *d);
                self.fp_since.insert(code.to_string(), *d);
                people.push(p);
            }
        }
        for code in &self.assigned {
            if self.fp_since.contains_key(code)
                || !self.plan.without_fp.contains(code)
                || !rng.chance(0.045)
            {
                continue;
            }
            let d = rng.workday(ms, me);
            let g = gender(rng, 0.35);
            let a = focal_affiliation(rng);
            people.push(self.namer.person(rng, code, Role::FocalPoint, g, a, d));
            self.fp_since.insert(code.clone(), d);
        }
    }

    /// Substitutions: a focal point hands over to a successor.
    fn substitutions(&mut self, (ms, me): Month, people: &mut Vec<Person>) {
        let rng = &mut self.rng;
        for code in &self.assigned {
            if self.fp_since.get(code).is_none_or(|s| *s >= ms) || !rng.chance(0.009) {
                continue;
            }
            let d = rng.workday(ms, me);
            let current: Vec<usize> = (0..people.len())
                .filter(|i| {
                    let p = &people[*i];
                    p.party == *code
                        && p.role == Role::FocalPoint
                        && p.nominated < d
                        && p.ended.is_none()
                })
                .collect();
            if let Some(&i) = current.first() {
                people[i].ended = Some(d);
                let a = focal_affiliation(rng);
                let g = gender(rng, 0.35);
                people.push(self.namer.person(rng, code, Role::FocalPoint, g, a, d));
            }
        }
    }

    /// Experts: first nominations and additions.
    fn experts(&mut self, (ms, me): Month, people: &mut Vec<Person>) {
        let rng = &mut self.rng;
        for code in &self.assigned {
            let Some(since) = self.fp_since.get(code).copied() else {
                continue;
            };
            let first = !self.has_experts.contains(code);
            let p = if first { 0.12 } else { 0.006 };
            if since > me || !rng.chance(p) {
                continue;
            }
            let n = if first {
                rng.range(2, 8)
            } else {
                rng.range(1, 2)
            };
            for _ in 0..n {
                let d = rng.workday(ms.max(since), me);
                let g = gender(rng, 0.39);
                let a = expert_affiliation(rng);
                let e = self.namer.person(rng, code, Role::Expert, g, a, d);
                people.push(e);
            }
            self.has_experts.insert(code.clone());
        }
    }

    /// Experts replaced by others of the same party and ministry.
    fn replacements(&mut self, (ms, me): Month, people: &mut Vec<Person>) {
        let rng = &mut self.rng;
        for _ in 0..3 {
            let experts: Vec<usize> = (0..people.len())
                .filter(|i| {
                    people[*i].role == Role::Expert
                        && people[*i].ended.is_none()
                        && people[*i].nominated < ms
                })
                .collect();
            if experts.is_empty() || !rng.chance(0.5) {
                continue;
            }
            let i = *rng.pick(&experts);
            let d = rng.workday(ms, me);
            people[i].ended = Some(d);
            let (code, a) = (
                people[i].party.clone(),
                people[i]
                    .affiliation
                    .unwrap_or_else(|| expert_affiliation(rng)),
            );
            let g = gender(rng, 0.39);
            people.push(self.namer.person(rng, &code, Role::Expert, g, a, d));
        }
    }

    /// Observers, now and then.
    fn observers(&mut self, (ms, me): Month, desk: &Desk, people: &mut Vec<Person>) {
        let rng = &mut self.rng;
        if !rng.chance(0.1) {
            return;
        }
        let own: Vec<String> = desk
            .reviews
            .iter()
            .filter(|r| r.milestones.consultation_held.is_some_and(|c| c < ms))
            .map(|r| r.under_review.to_string())
            .filter(|c| {
                !people
                    .iter()
                    .any(|p| p.party == *c && p.role == Role::Observer)
            })
            .collect();
        if !own.is_empty() {
            let code = rng.pick(&own).clone();
            let d = rng.workday(ms, me);
            let g = gender(rng, 0.45);
            let a = focal_affiliation(rng);
            people.push(self.namer.person(rng, &code, Role::Observer, g, a, d));
        }
    }

    /// Reviews move on: each takes at most one step a month.
    fn reviews_move_on(
        &mut self,
        (ms, me): Month,
        desk: &mut Desk,
        info: &BTreeMap<String, CountryInfo>,
    ) {
        let rng = &mut self.rng;
        for r in desk.reviews.iter_mut() {
            let step = |rng: &mut Rng, after: NaiveDate, gap: i64, p: f64| -> Option<NaiveDate> {
                let from = add_days(after, gap).max(ms);
                (from <= me && rng.chance(p)).then(|| rng.workday(from, me))
            };
            let m = r.milestones.clone();
            match (
                m.consultation_held,
                m.saq_submitted,
                m.feedback_submitted,
                m.observations_finalized,
                m.summary_finalized,
            ) {
                (None, ..) => {
                    let ready = r
                        .parties()
                        .map(|p| self.fp_since.get(p).copied())
                        .collect::<Option<Vec<_>>>();
                    let Some(ready) = ready.and_then(|v| v.into_iter().max()) else {
                        continue;
                    };
                    if let Some(d) = step(rng, ready, 21, 0.05) {
                        let mut best: Option<(f64, Vec<Language>)> = None;
                        for k in LATER_KEYS {
                            let langs = languages_of(k);
                            let score = language_misfit(r, &langs, info) + rng.unit() * 1.2;
                            if best.as_ref().is_none_or(|(b, _)| score < *b) {
                                best = Some((score, langs));
                            }
                        }
                        r.milestones.consultation_held = Some(d);
                        r.languages = best.map(|(_, l)| l.into()).unwrap_or_default();
                    }
                }
                // No agreement on the languages: the review does not move.
                (Some(_), None, ..) if r.languages.is_empty() => {}
                (Some(c), None, ..) => r.milestones.saq_submitted = step(rng, c, 60, 0.045),
                (Some(_), Some(s), None, ..) => {
                    r.milestones.feedback_submitted = step(rng, s, 60, 0.055)
                }
                (Some(_), Some(_), Some(f), None, _) => {
                    r.milestones.observations_finalized = step(rng, f, 45, 0.07)
                }
                (Some(_), Some(_), Some(_), Some(o), None) => {
                    r.milestones.summary_finalized = step(rng, o, 14, 0.3)
                }
                _ => {}
            }
        }
    }
}
