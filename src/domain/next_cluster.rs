//! Starting a group's next cluster (DESIGN.md section 4): the pairing is
//! valid for the entire review process (paragraph 6), so every review of
//! the group in the cluster it last started is carried into the new
//! cluster with the same party under review and the same reviewers,
//! starting on the given day. Rule (c) is checked again against the
//! instruments in force that day: a Protocol now under review that a main
//! reviewer is not party to (and no additional reviewer covers) gets an
//! additional reviewer, drawn from a seeded stream and recorded as a draw.
//!
//! Refused while the gate of the cluster left behind is closed, unless a
//! decision of the Conference is recorded. Pure: the store writes the plan.

use super::gate::{self, Gate, Threshold};
use super::lots::{Candidate, Pairing, Rules};
use super::model::{Desk, Languages, Milestones, Protocol, Review, Text};
use chrono::NaiveDate;
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The start of a group in a cluster after the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ClusterStart {
    pub cluster: u32,
    pub group: u32,
    pub start: NaiveDate,
}

/// What `revdesk cluster start` is asked to do.
#[derive(Debug, Clone)]
pub struct StartRequest {
    pub cluster: u32,
    pub group: u32,
    pub date: NaiveDate,
    /// The Conference's decision, when it starts the cluster with the gate closed.
    pub decision: Option<String>,
    pub threshold: Threshold,
    pub rules: Rules,
    pub seed: u64,
}

/// An additional reviewer drawn under rule (c).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extra {
    pub under_review: String,
    pub protocol: &'static str,
    pub reviewer: String,
}

/// The reviews to create, with the evidence of the decision to create them.
#[derive(Debug, Clone, PartialEq)]
pub struct StartPlan {
    /// The cluster the group's pairings are carried from.
    pub from: u32,
    /// The gate of that cluster as at the start day.
    pub gate: Gate,
    /// The new reviews (id 0: the store numbers them), in party-code order.
    pub reviews: Vec<Review>,
    pub extras: Vec<Extra>,
    pub start: ClusterStart,
}

/// Why a cluster cannot be started; nothing is written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StartError {
    #[error("{field}: {message}")]
    Field {
        field: &'static str,
        message: String,
    },
    #[error(
        "the gate is closed as at {date}: {} of the {} reviews of group {} in cluster {} are concluded, {} needed ({}); \
         nothing was written (record the Conference's decision with --decision TEXT to start all the same)",
        gate.concluded, gate.reviews, gate.group, gate.cluster, gate.needed, gate.threshold.per_cent()
    )]
    GateClosed { gate: Gate, date: NaiveDate },
    #[error("rule (c): {0}; nothing was written")]
    NoExtraReviewer(String),
}

fn field(field: &'static str, message: impl Into<String>) -> StartError {
    StartError::Field {
        field,
        message: message.into(),
    }
}

/// The cluster group `group` last started as at `date`, and its reviews there.
fn carried_from(
    desk: &Desk,
    group: u32,
    date: NaiveDate,
) -> Result<(u32, Vec<&Review>), StartError> {
    let latest = desk
        .reviews
        .iter()
        .filter(|r| r.group == group)
        .filter_map(|r| Some((desk.review_start(r)?, r.cluster)))
        .filter(|(s, _)| *s <= date)
        .max();
    let Some((_, from)) = latest else {
        return Err(field(
            "--group",
            format!("group {group} has no review started as at {date} to carry into a new cluster"),
        ));
    };
    let mut reviews: Vec<&Review> = desk
        .reviews
        .iter()
        .filter(|r| r.group == group && r.cluster == from)
        .collect();
    reviews.sort_by(|a, b| a.under_review.cmp(&b.under_review).then(a.id.cmp(&b.id)));
    Ok((from, reviews))
}

/// Plans the start of `req.cluster` for `req.group` on `req.date`.
pub fn plan(desk: &Desk, req: &StartRequest) -> Result<StartPlan, StartError> {
    if !super::clusters::CLUSTERS.contains(&req.cluster) {
        return Err(field(
            "--cluster",
            format!("{} is not a cluster (1 to 4)", req.cluster),
        ));
    }
    if desk.group_start(req.group).is_none() {
        return Err(field("--group", format!("no group {}", req.group)));
    }
    if let Some(d) = &req.decision
        && d.trim().is_empty()
    {
        return Err(field("--decision", "say what the Conference decided"));
    }
    if desk
        .reviews
        .iter()
        .any(|r| r.group == req.group && r.cluster == req.cluster)
    {
        return Err(field(
            "--cluster",
            format!(
                "group {} already has reviews in cluster {}",
                req.group, req.cluster
            ),
        ));
    }
    let (from, carried) = carried_from(desk, req.group, req.date)?;
    let gate = gate::gate(
        desk,
        from,
        gate::first_group(desk, from),
        req.threshold,
        req.date,
    );
    if !gate.open && req.decision.is_none() {
        return Err(StartError::GateClosed {
            gate,
            date: req.date,
        });
    }
    let mut reviews: Vec<Review> = carried
        .iter()
        .map(|r| Review {
            id: 0,
            group: req.group,
            cluster: req.cluster,
            under_review: r.under_review.clone(),
            reviewers: r.reviewers.clone(),
            start: Some(req.date),
            redraws: 0,
            languages: Languages::new(),
            milestones: Milestones::default(),
        })
        .collect();
    let extras = Extras::new(desk, req, &reviews).draw(&mut reviews)?;
    Ok(StartPlan {
        from,
        gate,
        reviews,
        extras,
        start: ClusterStart {
            cluster: req.cluster,
            group: req.group,
            start: req.date,
        },
    })
}

/// The drawing of additional reviewers for the carried reviews.
struct Extras<'a> {
    req: &'a StartRequest,
    /// Every party to the Convention on the day, in a group, as the lots see it.
    pool: BTreeMap<String, Candidate>,
    /// (reviewer, reviewed) in the new cluster, every group.
    edges: BTreeSet<(String, String)>,
    /// Reviews taken in the group in the new cluster, per party.
    load: BTreeMap<String, u32>,
    rng: ChaCha20Rng,
}

impl<'a> Extras<'a> {
    fn new(desk: &Desk, req: &'a StartRequest, reviews: &[Review]) -> Extras<'a> {
        let pool = desk
            .parties
            .iter()
            .filter(|p| p.group.is_some())
            .filter(|p| p.instruments.convention.is_some_and(|c| c <= req.date))
            .filter_map(|p| Candidate::from_party(p, Some(req.date)))
            .map(|c| (c.code.clone(), c))
            .collect();
        let mut edges = BTreeSet::new();
        let mut load: BTreeMap<String, u32> = BTreeMap::new();
        let existing = desk.reviews.iter().filter(|r| r.cluster == req.cluster);
        for r in existing.chain(reviews) {
            for x in &r.reviewers {
                edges.insert((x.to_string(), r.under_review.to_string()));
            }
        }
        for r in reviews {
            for x in &r.reviewers {
                *load.entry(x.to_string()).or_default() += 1;
            }
        }
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&req.seed.to_le_bytes());
        key[8..12].copy_from_slice(&req.cluster.to_le_bytes());
        key[12..16].copy_from_slice(&req.group.to_le_bytes());
        key[16..20].copy_from_slice(b"next");
        Extras {
            req,
            pool,
            edges,
            load,
            rng: ChaCha20Rng::from_seed(key),
        }
    }

    /// Protocols under review for `r` on the day that its main reviewers
    /// are not both party to and that no additional reviewer covers.
    fn missing(&self, r: &Review) -> Vec<Protocol> {
        let Some(x) = self.pool.get(r.under_review.as_str()) else {
            return Vec::new();
        };
        let bound =
            |code: &Text, p: Protocol| self.pool.get(code.as_str()).is_some_and(|c| c.bound_by(p));
        x.protocols()
            .into_iter()
            .filter(|p| !r.reviewers.iter().take(2).all(|c| bound(c, *p)))
            .filter(|p| !r.reviewers.iter().skip(2).any(|c| bound(c, *p)))
            .collect()
    }

    /// Draws the additional reviewers, review by review in party-code order.
    fn draw(mut self, reviews: &mut [Review]) -> Result<Vec<Extra>, StartError> {
        let mut out = Vec::new();
        let max = if self.req.rules.allow_more_reviewers {
            usize::MAX
        } else {
            self.req.rules.max_reviewers
        };
        for r in reviews.iter_mut() {
            for p in self.missing(r) {
                // An additional reviewer drawn for an earlier Protocol may cover this one.
                if r.reviewers
                    .iter()
                    .skip(2)
                    .any(|c| self.pool.get(c.as_str()).is_some_and(|c| c.bound_by(p)))
                {
                    continue;
                }
                if r.reviewers.len() >= max {
                    return Err(StartError::NoExtraReviewer(format!(
                        "the review of {} needs an additional reviewer for the {} Protocol, but it has {} reviewers already and at most {max} are allowed",
                        r.under_review,
                        p.as_str(),
                        r.reviewers.len()
                    )));
                }
                let code = self.pick(r, p)?;
                *self.load.entry(code.clone()).or_default() += 1;
                self.edges
                    .insert((code.clone(), r.under_review.to_string()));
                r.reviewers.push(Text::from(code.as_str()));
                out.push(Extra {
                    under_review: r.under_review.to_string(),
                    protocol: p.as_str(),
                    reviewer: code,
                });
            }
        }
        Ok(out)
    }

    /// One party bound by `p`, free within the cap, not already of the
    /// review, not reviewed by the party under review in the cluster; the
    /// least loaded, ties broken by the seeded stream.
    fn pick(&mut self, r: &Review, p: Protocol) -> Result<String, StartError> {
        let x = r.under_review.as_str();
        let cap = self.req.rules.cap_per_group;
        let eligible: Vec<(&String, u32)> = self
            .pool
            .values()
            .filter(|c| c.bound_by(p) && c.code != x)
            .filter(|c| !r.reviewers.iter().any(|y| y == c.code.as_str()))
            .filter(|c| !self.edges.contains(&(x.to_string(), c.code.clone())))
            .map(|c| (&c.code, self.load.get(&c.code).copied().unwrap_or(0)))
            .filter(|(_, n)| *n < cap)
            .collect();
        let Some(low) = eligible.iter().map(|(_, n)| *n).min() else {
            return Err(StartError::NoExtraReviewer(format!(
                "no party to the {} Protocol may review {x} as an additional reviewer (cap {cap} per group, no mutual reviews)",
                p.as_str()
            )));
        };
        let lowest: Vec<&String> = eligible
            .iter()
            .filter(|(_, n)| *n == low)
            .map(|(c, _)| *c)
            .collect();
        let i = ((u128::from(self.rng.next_u64()) * lowest.len() as u128) >> 64) as usize;
        Ok(lowest[i].clone())
    }
}

impl StartPlan {
    /// The pairings carried, and the pairings as they start (extras added).
    pub fn pairings(&self, desk: &Desk) -> (Vec<Pairing>, Vec<Pairing>) {
        let before = desk
            .reviews
            .iter()
            .filter(|r| r.group == self.start.group && r.cluster == self.from)
            .map(Pairing::from)
            .collect();
        let after = self.reviews.iter().map(Pairing::from).collect();
        (before, after)
    }

    /// The rules in force for the draw log: the cap and reviewer limit, the
    /// cluster carried from, the start, the gate and the decision.
    pub fn rules_json(&self, req: &StartRequest) -> serde_json::Value {
        serde_json::json!({
            "cap_per_group": req.rules.cap_per_group,
            "max_reviewers": req.rules.max_reviewers,
            "allow_more_reviewers": req.rules.allow_more_reviewers,
            "carried_from_cluster": self.from,
            "start": self.start.start.to_string(),
            "gate": self.gate,
            "decision": req.decision,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(code: &str, region: Region, tip: Option<&str>) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: Some(region),
            pairs_as: None,
            group: Some(1),
            instruments: Instruments {
                convention: Some(d("2003-01-01")),
                tip: tip.map(d),
                ..Default::default()
            },
        }
    }

    fn review(id: i64, under: &str, rs: &[&str], concluded: Option<&str>) -> Review {
        let c = concluded.map(d);
        Review {
            id,
            group: 1,
            cluster: 1,
            under_review: under.into(),
            reviewers: rs.iter().map(|c| Text::from(*c)).collect(),
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: Milestones {
                consultation_held: c,
                saq_submitted: c,
                feedback_submitted: c,
                observations_finalized: c,
                summary_finalized: c,
            },
        }
    }

    /// AAA joined the TIP Protocol in 2024; of the others EEE, FFF and
    /// GGG are party to it, and AAA reviews FFF.
    fn desk() -> Desk {
        Desk {
            groups: vec![Group {
                number: 1,
                start: d("2020-12-01"),
            }],
            parties: vec![
                party("AAA", Region::Weog, Some("2024-06-01")),
                party("BBB", Region::Weog, None),
                party("CCC", Region::Afg, None),
                party("DDD", Region::Afg, None),
                party("EEE", Region::Apg, Some("2010-01-01")),
                party("FFF", Region::Apg, Some("2010-01-01")),
                party("GGG", Region::Eeg, Some("2010-01-01")),
            ],
            reviews: vec![
                review(1, "AAA", &["BBB", "CCC"], Some("2023-01-10")),
                review(2, "BBB", &["AAA", "DDD"], Some("2023-02-10")),
                review(3, "CCC", &["DDD", "AAA"], Some("2023-03-10")),
                review(4, "DDD", &["CCC", "EEE"], None),
                review(5, "FFF", &["EEE", "AAA"], Some("2023-04-10")),
            ],
            ..Default::default()
        }
    }

    fn request(date: &str, decision: Option<&str>) -> StartRequest {
        StartRequest {
            cluster: 4,
            group: 1,
            date: d(date),
            decision: decision.map(String::from),
            threshold: Threshold::DEFAULT,
            rules: Rules::default(),
            seed: 7,
        }
    }

    #[test]
    fn refused_while_the_gate_is_closed() {
        // 5 reviews, 4 needed; 2 concluded by 2023-02-28.
        let e = plan(&desk(), &request("2023-02-28", None)).unwrap_err();
        assert!(matches!(e, StartError::GateClosed { .. }), "{e}");
        assert!(
            e.to_string()
                .contains("2 of the 5 reviews of group 1 in cluster 1 are concluded, 4 needed"),
            "{e}"
        );
        // A decision of the Conference starts it all the same.
        let p = plan(&desk(), &request("2023-02-28", Some("decision 12/1"))).unwrap();
        assert!(!p.gate.open);
        assert_eq!(p.reviews.len(), 5);
        // Then FFF is under review for TIP and AAA is not yet party to it:
        // GGG, the one party to TIP not already FFF's reviewer.
        let fff = p.reviews.iter().find(|r| r.under_review == "FFF").unwrap();
        assert_eq!(fff.reviewers.as_slice(), ["EEE", "AAA", "GGG"]);
    }

    #[test]
    fn same_pairings_from_the_start_day_with_rule_c_again() {
        let p = plan(&desk(), &request("2024-07-01", None)).unwrap();
        assert!(p.gate.open);
        assert_eq!(p.gate.opened, Some(d("2023-04-10")));
        assert_eq!(p.from, 1);
        for r in &p.reviews {
            assert_eq!((r.cluster, r.start), (4, Some(d("2024-07-01"))));
            assert_eq!(r.milestones, Milestones::default());
        }
        let of = |x: &str| p.reviews.iter().find(|r| r.under_review == x).unwrap();
        // AAA is now bound by TIP and neither BBB nor CCC is: one extra TIP
        // reviewer, party to TIP and not FFF (AAA reviews FFF: no mutual
        // reviews): EEE or GGG.
        let aaa: Vec<&str> = of("AAA").reviewers.iter().map(|c| c.as_str()).collect();
        assert_eq!(&aaa[..2], ["BBB", "CCC"]);
        assert_eq!(aaa.len(), 3);
        assert!(["EEE", "GGG"].contains(&aaa[2]), "{aaa:?}");
        assert_eq!(p.extras.len(), 1);
        // The others keep exactly their reviewers.
        assert_eq!(of("BBB").reviewers.as_slice(), ["AAA", "DDD"]);
        assert_eq!(of("DDD").reviewers.as_slice(), ["CCC", "EEE"]);
        // Before AAA joined TIP, AAA needs no extra reviewer but FFF does.
        let before = plan(&desk(), &request("2024-05-31", None)).unwrap();
        let extra: Vec<(&str, &str)> = before
            .extras
            .iter()
            .map(|e| (e.under_review.as_str(), e.reviewer.as_str()))
            .collect();
        assert_eq!(extra, [("FFF", "GGG")]);
        // The same seed gives the same extra reviewer.
        assert_eq!(plan(&desk(), &request("2024-07-01", None)).unwrap(), p);
    }

    #[test]
    fn fields_are_named() {
        let mut r = request("2024-07-01", None);
        r.group = 7;
        assert!(
            plan(&desk(), &r)
                .unwrap_err()
                .to_string()
                .starts_with("--group: no group 7")
        );
        let mut r = request("2024-07-01", None);
        r.cluster = 1;
        assert!(
            plan(&desk(), &r)
                .unwrap_err()
                .to_string()
                .starts_with("--cluster:")
        );
        let e = plan(&desk(), &request("2020-11-30", None)).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("--group: group 1 has no review started"),
            "{e}"
        );
        let e = plan(&desk(), &request("2024-07-01", Some(" "))).unwrap_err();
        assert!(e.to_string().starts_with("--decision:"), "{e}");
    }
}
