//! Where each review stood on 29 February 2024: which reviews held their
//! preliminary consultation, in which languages, how far each got, and which
//! parties had no focal point yet. Chosen by deterministic searches at build
//! time so that the paper's figures come out exactly.

use super::data::CountryInfo;
use super::rng::{Rng, add_days, workday_before};
use crate::domain::model::{Desk, Language, Languages, Review, Stage};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The date of the paper's figures.
pub fn paper_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default()
}

/// Preliminary consultations held per group (73 in all, "mostly in the first group").
pub const CONSULTED_BY_GROUP: [(u32, usize); 3] = [(1, 40), (2, 22), (3, 11)];

/// Stages of the consulted reviews per group: (SAQ, feedback, observations).
/// Sums: 33, 36, 4 (paragraph 23); the four at observations are all group 1.
pub const STAGES_BY_GROUP: [(u32, [usize; 3]); 3] =
    [(1, [14, 22, 4]), (2, [12, 10, 0]), (3, [7, 4, 0])];

/// Languages agreed at the consultations held (paragraph 28).
pub const LANGUAGE_KEYS: [(&str, usize); 14] = [
    ("ar", 1),
    ("es", 2),
    ("fr", 2),
    ("es+fr", 1),
    ("en+zh", 1),
    ("en+ru", 1),
    ("ar+en+fr", 2),
    ("en+es+fr", 1),
    ("en+fr+ru", 1),
    ("ar+en", 7),
    ("en+fr", 6),
    ("en+es", 4),
    ("pending", 2),
    ("en", 42),
];

/// Parties with no focal point on the paper's date, and the reviews that
/// wait for them (paragraph 15).
pub const WITHOUT_FOCAL_POINT: usize = 27;
pub const AWAITING_NOMINATIONS: usize = 67;

/// Parties whose own review ran a voluntary pilot initiative (paragraph 56):
/// their consultation was held.
pub const PILOTS: [&str; 3] = ["KEN", "MEX", "PAK"];

/// The state of the reviews on the paper's date.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Consulted reviews and their stage on the paper's date.
    pub stage: BTreeMap<i64, Stage>,
    /// Languages of the consulted reviews (empty: pending).
    pub languages: BTreeMap<i64, Vec<Language>>,
    /// Assigned parties with no focal point on the paper's date.
    pub without_fp: BTreeSet<String>,
}

pub fn languages_of(key: &str) -> Vec<Language> {
    if key == "pending" {
        return Vec::new();
    }
    key.split('+').filter_map(|l| l.parse().ok()).collect()
}

/// Working languages of a party, most likely first.
pub fn party_languages<'a>(info: &'a BTreeMap<String, CountryInfo>, code: &str) -> &'a [Language] {
    info.get(code)
        .map(|i| i.languages.as_slice())
        .unwrap_or(&[Language::En])
}

/// How badly a set of languages suits the parties of a review (0 = perfectly).
pub fn language_misfit(
    review: &Review,
    langs: &[Language],
    info: &BTreeMap<String, CountryInfo>,
) -> f64 {
    let profiles: Vec<&[Language]> = review.parties().map(|p| party_languages(info, p)).collect();
    if langs.is_empty() {
        // Pending: where the parties' first languages differ most.
        let firsts: BTreeSet<Language> =
            profiles.iter().filter_map(|p| p.first().copied()).collect();
        return 7.0 - 2.0 * firsts.len() as f64;
    }
    let mut score = 0.0;
    for p in &profiles {
        score += match p.iter().position(|l| langs.contains(l)) {
            Some(0) => 0.0,
            Some(_) => 1.0,
            None => 3.0,
        };
    }
    for l in langs {
        let best = profiles
            .iter()
            .filter_map(|p| p.iter().position(|x| x == l))
            .min();
        score += match best {
            Some(0) => 0.0,
            Some(_) => 1.5,
            None => 5.0,
        };
    }
    if langs.len() == 3 {
        score += 1.0;
    }
    score
}

/// Chooses the consulted reviews, their languages and stages, and the
/// parties without a focal point. Deterministic; retries with a new stream
/// in the unlikely case the focal point search finds no exact solution.
pub fn plan(desk: &Desk, info: &BTreeMap<String, CountryInfo>, seed: u64) -> Plan {
    for attempt in 0..32 {
        let mut rng = Rng::stream("progress", seed.wrapping_add(attempt));
        let (languages, consulted_by_group) = choose_consulted(desk, info, &mut rng);
        let stage = choose_stages(&languages, &consulted_by_group, &mut rng);
        if let Some(without_fp) = choose_without_fp(desk, &languages, &mut rng) {
            return Plan {
                stage,
                languages,
                without_fp,
            };
        }
    }
    Plan::default()
}

fn choose_consulted(
    desk: &Desk,
    info: &BTreeMap<String, CountryInfo>,
    rng: &mut Rng,
) -> (BTreeMap<i64, Vec<Language>>, BTreeMap<u32, Vec<i64>>) {
    let mut quota: BTreeMap<u32, usize> = CONSULTED_BY_GROUP.iter().copied().collect();
    let mut keys: Vec<&str> = LANGUAGE_KEYS
        .iter()
        .flat_map(|(k, n)| std::iter::repeat_n(*k, *n))
        .collect();
    let mut chosen: BTreeMap<i64, Vec<Language>> = BTreeMap::new();
    let by_id: BTreeMap<i64, &Review> = desk.reviews.iter().map(|r| (r.id, r)).collect();
    let misfit = |r: &Review, k: &str| language_misfit(r, &languages_of(k), info);

    // The pilot reviews first, each with the language that suits it best.
    for code in PILOTS {
        let Some(r) = desk.reviews.iter().find(|r| r.under_review == code) else {
            continue;
        };
        if quota.get(&r.group).copied().unwrap_or(0) == 0 {
            continue;
        }
        let Some(best) = (0..keys.len())
            .filter(|i| keys[*i] != "pending")
            .min_by(|a, b| misfit(r, keys[*a]).total_cmp(&misfit(r, keys[*b])))
        else {
            continue;
        };
        chosen.insert(r.id, languages_of(keys.remove(best)));
        *quota.entry(r.group).or_default() -= 1;
    }
    // Then the rarest languages first, each to the review it suits best.
    for key in keys {
        let mut best: Option<(f64, i64)> = None;
        for r in &desk.reviews {
            if chosen.contains_key(&r.id) || quota.get(&r.group).copied().unwrap_or(0) == 0 {
                continue;
            }
            let s = misfit(r, key) + rng.unit() * 0.9;
            if best.is_none_or(|(b, _)| s < b) {
                best = Some((s, r.id));
            }
        }
        if let Some((_, id)) = best {
            let g = by_id[&id].group;
            chosen.insert(id, languages_of(key));
            *quota.entry(g).or_default() -= 1;
        }
    }
    // Improve: swap languages between two reviews while that fits better.
    let ids: Vec<i64> = chosen.keys().copied().collect();
    for _ in 0..4 {
        let mut improved = false;
        for a in 0..ids.len() {
            for b in a + 1..ids.len() {
                let (ra, rb) = (by_id[&ids[a]], by_id[&ids[b]]);
                let (la, lb) = (&chosen[&ids[a]], &chosen[&ids[b]]);
                if la == lb {
                    continue;
                }
                let now = language_misfit(ra, la, info) + language_misfit(rb, lb, info);
                let swapped = language_misfit(ra, lb, info) + language_misfit(rb, la, info);
                if swapped + 1e-9 < now {
                    let (la, lb) = (la.clone(), lb.clone());
                    chosen.insert(ids[a], lb);
                    chosen.insert(ids[b], la);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    let mut by_group: BTreeMap<u32, Vec<i64>> = BTreeMap::new();
    for id in chosen.keys() {
        by_group.entry(by_id[id].group).or_default().push(*id);
    }
    (chosen, by_group)
}

fn choose_stages(
    languages: &BTreeMap<i64, Vec<Language>>,
    by_group: &BTreeMap<u32, Vec<i64>>,
    rng: &mut Rng,
) -> BTreeMap<i64, Stage> {
    let mut out = BTreeMap::new();
    for (g, [saq, feedback, observations]) in STAGES_BY_GROUP {
        let mut ids = by_group.get(&g).cloned().unwrap_or_default();
        rng.shuffle(&mut ids);
        // Reviews still without agreed languages stay at the SAQ stage.
        ids.sort_by_key(|id| languages.get(id).is_some_and(|l| l.is_empty()));
        let mut stages: Vec<Stage> = Vec::new();
        stages.extend(std::iter::repeat_n(Stage::Observations, observations));
        stages.extend(std::iter::repeat_n(Stage::Feedback, feedback));
        stages.extend(std::iter::repeat_n(Stage::Saq, saq));
        for (id, st) in ids.into_iter().zip(stages) {
            out.insert(id, st);
        }
    }
    out
}

/// 27 parties, none in a consulted review, such that exactly 67 of the
/// reviews not consulted involve one of them: local search by swaps.
fn choose_without_fp(
    desk: &Desk,
    consulted: &BTreeMap<i64, Vec<Language>>,
    rng: &mut Rng,
) -> Option<BTreeSet<String>> {
    let mut busy: BTreeSet<&str> = BTreeSet::new();
    for r in desk
        .reviews
        .iter()
        .filter(|r| consulted.contains_key(&r.id))
    {
        busy.extend(r.parties());
    }
    let eligible: Vec<&str> = desk
        .parties
        .iter()
        .filter(|p| p.group.is_some() && !busy.contains(p.code.as_str()))
        .map(|p| p.code.as_str())
        .collect();
    if eligible.len() < WITHOUT_FOCAL_POINT {
        return None;
    }
    let index: BTreeMap<&str, usize> = eligible.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    // For each review not consulted: the eligible parties in it.
    let open: Vec<Vec<usize>> = desk
        .reviews
        .iter()
        .filter(|r| !consulted.contains_key(&r.id))
        .map(|r| r.parties().filter_map(|p| index.get(p).copied()).collect())
        .collect();
    let mut inside = vec![false; eligible.len()];
    let mut order: Vec<usize> = (0..eligible.len()).collect();
    rng.shuffle(&mut order);
    for &i in order.iter().take(WITHOUT_FOCAL_POINT) {
        inside[i] = true;
    }
    let covered = |inside: &[bool]| {
        open.iter()
            .filter(|ps| ps.iter().any(|p| inside[*p]))
            .count()
    };
    let target = AWAITING_NOMINATIONS;
    let mut now = covered(&inside);
    for _ in 0..20_000 {
        if now == target {
            break;
        }
        let ins: Vec<usize> = (0..inside.len()).filter(|i| inside[*i]).collect();
        let outs: Vec<usize> = (0..inside.len()).filter(|i| !inside[*i]).collect();
        let (a, b) = (*rng.pick(&ins), *rng.pick(&outs));
        inside[a] = false;
        inside[b] = true;
        let next = covered(&inside);
        if next.abs_diff(target) <= now.abs_diff(target) {
            now = next;
        } else {
            inside[a] = true;
            inside[b] = false;
        }
    }
    (now == target).then(|| {
        (0..inside.len())
            .filter(|i| inside[*i])
            .map(|i| eligible[i].to_string())
            .collect()
    })
}

/// `lo + (hi - lo) * u^2`: mostly near `lo`, sometimes up to `hi`.
pub fn skewed(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    let u = rng.unit();
    lo + ((hi - lo) as f64 * u * u) as i64
}

/// Milestone dates up to the paper's date for the consulted reviews.
pub fn milestones(desk: &mut Desk, plan: &Plan, seed: u64) {
    let mut rng = Rng::stream("milestones", seed);
    let latest = add_days(paper_date(), -2);
    let starts: BTreeMap<i64, NaiveDate> = desk
        .reviews
        .iter()
        .filter_map(|r| desk.review_start(r).map(|s| (r.id, s)))
        .collect();
    for r in desk.reviews.iter_mut() {
        let Some(stage) = plan.stage.get(&r.id) else {
            continue;
        };
        let Some(&start) = starts.get(&r.id) else {
            continue;
        };
        let needed = match stage {
            Stage::Saq => 1,
            Stage::Feedback => 2,
            _ => 3,
        };
        let mut gaps = [
            skewed(&mut rng, 50, 700),
            skewed(&mut rng, 150, 700),
            skewed(&mut rng, 120, 480),
        ];
        let avail = (latest - start).num_days();
        let sum: i64 = gaps[..needed].iter().sum();
        if sum > avail {
            for g in gaps.iter_mut().take(needed) {
                *g = ((*g as f64) * avail as f64 / sum as f64) as i64;
                *g = (*g).max(20);
            }
        }
        let c = workday_before(add_days(start, gaps[0]).min(latest));
        let saq = (needed >= 2).then(|| workday_before(add_days(c, gaps[1]).min(latest)));
        let fb =
            (needed >= 3).then(|| workday_before(add_days(saq.unwrap_or(c), gaps[2]).min(latest)));
        r.milestones.consultation_held = Some(c);
        r.milestones.saq_submitted = saq;
        r.milestones.feedback_submitted = fb;
        r.languages = plan
            .languages
            .get(&r.id)
            .map(|l| Languages::from_slice(l))
            .unwrap_or_default();
    }
}
