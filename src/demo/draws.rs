//! The drawing of lots of cluster 1, replayed with `lots`: each group drawn
//! in two sittings of a joint intersessional meeting (the African and
//! Asia-Pacific groups, then the others), and the repeated draws asked for at
//! five later meetings, each recorded as a `DrawRecord`.
//!
//! The seeds are fixed constants, found once by `find_steps` (run by hand:
//! `cargo test --release --lib demo::draws -- --ignored --nocapture`) so that
//! the parties involved per group are those of the paper, before and after
//! the redraws. Why two sittings: `lots` balances loads, so one draw over the
//! whole pool gives almost every reviewing slot to a different party (138 to
//! 153 parties involved in a group of 62); the paper's 130 needs reviewers to
//! recur, as they do when a group is drawn in two independent sittings.

use crate::domain::lots::{self, Candidate, DrawError, Pairing, Rules};
use crate::domain::model::{DrawKind, DrawRecord, Party, Region};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One step of the drawing of lots, in the order they happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Sitting 1 (African and Asia-Pacific groups) or 2 (the others) of a
    /// group's draw: group, sitting, when (RFC 3339), seed.
    Sitting(u32, u8, &'static str, u64),
    /// Repeated draw of the review of a party: party, when, seed.
    Redraw(&'static str, &'static str, u64),
}

/// The drawing of lots as it happened in the demo. Found by `find_steps`.
pub const STEPS: [Step; 14] = [
    Step::Sitting(1, 1, "2020-10-15T10:00:00Z", 0x16692bfaeec06d27),
    Step::Sitting(1, 2, "2020-10-15T15:00:00Z", 0xc718ced5bf075560),
    Step::Redraw("NER", "2021-01-27T14:30:00Z", 0x2e83afb15ac54a9e),
    Step::Redraw("ROU", "2021-01-27T14:45:00Z", 0xcf45550fce8fbe2d),
    Step::Redraw("CUB", "2021-06-10T10:15:00Z", 0x9317db4149c925b2),
    Step::Sitting(2, 1, "2021-09-16T10:00:00Z", 0x698045b497acda2f),
    Step::Sitting(2, 2, "2021-09-16T15:00:00Z", 0xd70a5077eca2677c),
    Step::Redraw("MNE", "2021-10-06T15:00:00Z", 0x35b46c0b671fff58),
    Step::Redraw("GEO", "2021-10-06T15:20:00Z", 0xaae5095da588b93e),
    Step::Redraw("SGP", "2022-03-24T11:00:00Z", 0x5f7f8de5ece64964),
    Step::Redraw("NER", "2022-03-24T11:30:00Z", 0x57719890c8a5704f),
    Step::Sitting(3, 1, "2022-09-29T10:00:00Z", 0x6965b3c50b5c95ab),
    Step::Sitting(3, 2, "2022-09-29T15:00:00Z", 0x4aa966c8827d6d44),
    Step::Redraw("STP", "2022-10-12T14:00:00Z", 0x06d120388325e27e),
];

/// Parties involved (under review or reviewing) per group: the paper, paragraph 7.
#[cfg(test)]
pub const INVOLVED: [(u32, usize); 3] = [(1, 130), (2, 131), (3, 134)];

/// Regions drawn at each sitting.
pub fn sitting_regions(sitting: u8) -> &'static [Region] {
    if sitting == 1 {
        &[Region::Afg, Region::Apg]
    } else {
        &[Region::Eeg, Region::Grulac, Region::Weog]
    }
}

pub const OS_USER: &str = "secretariat";

pub fn day_of(at: &str) -> NaiveDate {
    at.get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or_default()
}

/// The state of the drawing of lots after some steps.
#[derive(Clone)]
pub struct Drawing<'a> {
    parties: &'a [Party],
    pub rules: Rules,
    /// Current pairings per group, in party-code order.
    pub pairings: BTreeMap<u32, Vec<Pairing>>,
    /// Redraws per party under review.
    pub redraws: BTreeMap<String, u32>,
    /// Date of the latest redraw of a review, where it fell after its group's start.
    pub restarts: BTreeMap<String, NaiveDate>,
    pub records: Vec<DrawRecord>,
    group_starts: BTreeMap<u32, NaiveDate>,
}

impl<'a> Drawing<'a> {
    pub fn new(parties: &'a [Party], group_starts: &[(u32, NaiveDate)]) -> Self {
        Drawing {
            parties,
            rules: Rules::default(),
            pairings: BTreeMap::new(),
            redraws: BTreeMap::new(),
            restarts: BTreeMap::new(),
            records: Vec::new(),
            group_starts: group_starts.iter().copied().collect(),
        }
    }

    /// Every party assigned to a group, as the lots see it on `day`.
    pub fn pool(&self, day: NaiveDate) -> Vec<Candidate> {
        self.parties
            .iter()
            .filter(|p| p.group.is_some())
            .filter_map(|p| Candidate::from_party(p, Some(day)))
            .collect()
    }

    fn candidate(&self, code: &str, day: NaiveDate) -> Option<Candidate> {
        self.parties
            .iter()
            .find(|p| p.code == code)
            .and_then(|p| Candidate::from_party(p, Some(day)))
    }

    /// Review id of a party's review: groups in order, parties in code order.
    pub fn review_id(&self, group: u32, code: &str) -> Option<i64> {
        let mut base = 0i64;
        for (g, ps) in &self.pairings {
            if *g == group {
                return ps
                    .iter()
                    .position(|p| p.under_review == code)
                    .map(|i| base + i as i64 + 1);
            }
            base += ps.len() as i64;
        }
        None
    }

    #[cfg(test)]
    pub fn involved(&self, group: u32) -> usize {
        let mut s: std::collections::BTreeSet<&str> = Default::default();
        for p in self.pairings.get(&group).into_iter().flatten() {
            s.insert(&p.under_review);
            s.extend(p.reviewers.iter().map(String::as_str));
        }
        s.len()
    }

    fn rules_json(&self) -> String {
        serde_json::to_string(&self.rules).unwrap_or_default()
    }

    pub fn apply(&mut self, step: Step) -> Result<(), DrawError> {
        match step {
            Step::Sitting(g, sitting, at, seed) => self.sitting(g, sitting, at, seed),
            Step::Redraw(code, at, seed) => self.redraw(code, at, seed),
        }
    }

    pub fn sitting(
        &mut self,
        group: u32,
        sitting: u8,
        at: &str,
        seed: u64,
    ) -> Result<(), DrawError> {
        let day = day_of(at);
        let regions = sitting_regions(sitting);
        let under: Vec<Candidate> = self
            .parties
            .iter()
            .filter(|p| p.group == Some(group))
            .filter_map(|p| Candidate::from_party(p, Some(day)))
            .filter(|c| regions.contains(&c.region))
            .collect();
        let cluster: Vec<Pairing> = self.pairings.values().flatten().cloned().collect();
        let drawn = lots::draw_group(&under, &self.pool(day), &cluster, &self.rules, seed)?;
        self.records.push(DrawRecord {
            kind: DrawKind::Group,
            group,
            cluster: 1,
            review: None,
            seed,
            rules: self.rules_json(),
            requested_by: None,
            at: at.to_string(),
            os_user: OS_USER.into(),
            before: "[]".into(),
            after: serde_json::to_string(&drawn).unwrap_or_default(),
        });
        let all = self.pairings.entry(group).or_default();
        all.extend(drawn);
        all.sort_by(|a, b| a.under_review.cmp(&b.under_review));
        Ok(())
    }

    pub fn redraw(&mut self, code: &str, at: &str, seed: u64) -> Result<(), DrawError> {
        let day = day_of(at);
        let invalid = |m: String| DrawError::InvalidInput(m);
        let (group, index) = self
            .pairings
            .iter()
            .find_map(|(g, ps)| {
                ps.iter()
                    .position(|p| p.under_review == code)
                    .map(|i| (*g, i))
            })
            .ok_or_else(|| invalid(format!("{code} has no review to redraw")))?;
        let target = self
            .candidate(code, day)
            .ok_or_else(|| invalid(format!("{code} is not a party")))?;
        let current = self.pairings[&group][index].clone();
        let others: Vec<Pairing> = self.pairings[&group]
            .iter()
            .filter(|p| p.under_review != code)
            .cloned()
            .collect();
        let elsewhere: Vec<Pairing> = self
            .pairings
            .iter()
            .filter(|(g, _)| **g != group)
            .flat_map(|(_, ps)| ps.iter().cloned())
            .collect();
        let so_far = self.redraws.get(code).copied().unwrap_or(0);
        let new = lots::redraw(
            &target,
            &current,
            &self.pool(day),
            &others,
            &elsewhere,
            so_far,
            &self.rules,
            seed,
        )?;
        let review = self.review_id(group, code);
        self.records.push(DrawRecord {
            kind: DrawKind::Redraw,
            group,
            cluster: 1,
            review,
            seed,
            rules: self.rules_json(),
            requested_by: Some(code.to_string()),
            at: at.to_string(),
            os_user: OS_USER.into(),
            before: serde_json::to_string(&[&current]).unwrap_or_default(),
            after: serde_json::to_string(&[&new]).unwrap_or_default(),
        });
        if let Some(p) = self.pairings.get_mut(&group) {
            p[index] = new;
        }
        self.redraws.insert(code.to_string(), so_far + 1);
        if self.group_starts.get(&group).is_some_and(|s| day > *s) {
            self.restarts.insert(code.to_string(), day);
        }
        Ok(())
    }

    /// Violations of the rules by the current pairings, judged on the
    /// instruments as at `day` (the last draw: later accessions change nothing
    /// that was drawn).
    #[cfg(test)]
    pub fn violations(&self, day: NaiveDate) -> Vec<String> {
        let by_group: Vec<(u32, Vec<Pairing>)> =
            self.pairings.iter().map(|(g, p)| (*g, p.clone())).collect();
        lots::validate(&by_group, &self.pool(day), &self.rules)
    }
}

/// Replays `steps`.
pub fn replay<'a>(
    parties: &'a [Party],
    group_starts: &[(u32, NaiveDate)],
    steps: &[Step],
) -> Result<Drawing<'a>, DrawError> {
    let mut d = Drawing::new(parties, group_starts);
    for s in steps {
        d.apply(*s)?;
    }
    Ok(d)
}

/// The day of the last draw: instruments as the pairings saw them.
#[cfg(test)]
pub fn last_draw_day(steps: &[Step]) -> NaiveDate {
    steps
        .iter()
        .map(|s| match s {
            Step::Sitting(_, _, at, _) | Step::Redraw(_, at, _) => day_of(at),
        })
        .max()
        .unwrap_or_default()
}

#[cfg(test)]
mod search {
    //! The development-time search for `STEPS`; the build never searches.
    use super::*;
    use crate::demo::rng::Rng;
    use crate::demo::{SEED, group_starts, parties};

    fn involved_all(d: &Drawing) -> Vec<usize> {
        INVOLVED.iter().map(|(g, _)| d.involved(*g)).collect()
    }

    fn target(g: u32) -> usize {
        INVOLVED
            .iter()
            .find(|(x, _)| *x == g)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }

    /// Finds seeds (and redraw requesters) such that every group involves
    /// the paper's number of parties, before and after each redraw, with no
    /// rule violated. Prints the `STEPS` to paste.
    #[test]
    #[ignore = "development-time search; run by hand"]
    fn find_steps() {
        let ps = parties::parties(SEED);
        let starts = group_starts();
        let check_day = last_draw_day(&STEPS);
        let mut d = Drawing::new(&ps, &starts);
        let mut found: Vec<String> = Vec::new();
        let mut rng = Rng::stream("find-steps", SEED);
        let mut i = 0;
        while i < STEPS.len() {
            match STEPS[i] {
                Step::Sitting(g, 1, at1, _) => {
                    let Step::Sitting(_, 2, at2, _) = STEPS[i + 1] else {
                        panic!("sitting 2 must follow")
                    };
                    let mut done = false;
                    'outer: for _ in 0..200 {
                        let s1 = rng.u64();
                        let mut d1 = d.clone();
                        if d1.sitting(g, 1, at1, s1).is_err() {
                            continue;
                        }
                        for _ in 0..400 {
                            let s2 = rng.u64();
                            let mut d2 = d1.clone();
                            if d2.sitting(g, 2, at2, s2).is_ok()
                                && d2.involved(g) == target(g)
                                && d2.violations(check_day).is_empty()
                            {
                                found.push(format!("Step::Sitting({g}, 1, {at1:?}, {s1:#018x}),"));
                                found.push(format!("Step::Sitting({g}, 2, {at2:?}, {s2:#018x}),"));
                                d = d2;
                                done = true;
                                break 'outer;
                            }
                        }
                    }
                    assert!(done, "no seeds for group {g}");
                    i += 2;
                }
                Step::Redraw(_, at, _) => {
                    // The most recent group drawn before the meeting, or the
                    // group of an earlier redraw for a second request.
                    let again = at.starts_with("2022-03-24T11:30");
                    let g = if again {
                        1
                    } else {
                        d.pairings.keys().copied().max().unwrap_or(1)
                    };
                    let mut codes: Vec<String> = d.pairings[&g]
                        .iter()
                        .map(|p| p.under_review.clone())
                        .filter(|c| d.redraws.contains_key(c) == again)
                        .collect();
                    rng.shuffle(&mut codes);
                    let before = involved_all(&d);
                    let mut done = false;
                    'codes: for code in &codes {
                        for _ in 0..30 {
                            let seed = rng.u64();
                            let mut d2 = d.clone();
                            if d2.redraw(code, at, seed).is_ok()
                                && involved_all(&d2) == before
                                && d2.violations(check_day).is_empty()
                            {
                                found
                                    .push(format!("Step::Redraw({code:?}, {at:?}, {seed:#018x}),"));
                                d = d2;
                                done = true;
                                break 'codes;
                            }
                        }
                    }
                    assert!(done, "no redraw at {at}");
                    i += 1;
                }
                Step::Sitting(..) => panic!("sitting 1 must come first"),
            }
        }
        println!("pub const STEPS: [Step; {}] = [", found.len());
        for f in found {
            println!("    {f}");
        }
        println!("];");
    }
}
