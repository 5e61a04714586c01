//! The drawing of lots: who reviews whom (docs/mechanism.md#drawing-of-lots, rules (a)-(f)).
//!
//! Pure: no I/O, no clock, no SQL, no operating-system randomness. Every draw
//! is driven by a ChaCha20 stream derived from the recorded seed; inputs are
//! sorted by party code first and only ordered collections are used, so the
//! same seed and the same inputs give the same pairings on any machine
//! (rule f).
//!
//! How a group is drawn:
//! 1. A feasibility analysis names the party and the rule when a pairing is
//!    plainly impossible (no other party of its regional group, nobody party
//!    to a Protocol under review, the cap leaving too few reviewers, ...).
//! 2. A backtracking search assigns reviewers slot by slot: same-group
//!    reviewer, other-group reviewer, then any additional Protocol reviewers.
//!    Parties are taken most constrained first (the class of parties with the
//!    least spare reviewer capacity), every assignment is followed by a
//!    capacity check of every class (forward checking), and dead ends undo
//!    the latest choice and try the next candidate, within a generous budget.
//! 3. Balance: each slot takes, among the eligible candidates, one with the
//!    lowest load in the group so far, ties broken by the seeded stream, so
//!    loads stay as even as the rules allow.
//!
//! Rule (c) is applied in two levels: first the two main reviewers must be
//! party to every instrument under review (relaxed only for the parties for
//! which no such reviewer exists at all); only if that draw fails are all
//! parties relaxed, main reviewers then being chosen to miss as few Protocols
//! as possible and one additional reviewer drawn per missing Protocol.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::domain::model::{Party, Protocol, Region, Review};

/// A party may ask for its review to be redrawn at most this many times (rule e).
pub const MAX_REDRAWS: u32 = 4;

/// A party as the drawing of lots sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub code: String,
    /// Pairing region: the UN regional group, or `pairs_as` for the EU.
    pub region: Region,
    pub tip: bool,
    pub som: bool,
    pub fa: bool,
}

impl Candidate {
    /// The candidate for `party`, bound by the Protocols it has joined as at
    /// `as_of` (`None`: any date). `None` when the party has no pairing region.
    pub fn from_party(party: &Party, as_of: Option<NaiveDate>) -> Option<Candidate> {
        Some(Candidate {
            code: party.code.to_string(),
            region: party.pairing_region()?,
            tip: party.instruments.bound_by(Protocol::Tip, as_of),
            som: party.instruments.bound_by(Protocol::Som, as_of),
            fa: party.instruments.bound_by(Protocol::Fa, as_of),
        })
    }

    pub fn bound_by(&self, p: Protocol) -> bool {
        match p {
            Protocol::Tip => self.tip,
            Protocol::Som => self.som,
            Protocol::Fa => self.fa,
        }
    }

    /// The Protocols under review when this party is reviewed (besides the Convention).
    pub fn protocols(&self) -> Vec<Protocol> {
        Protocol::ALL
            .into_iter()
            .filter(|p| self.bound_by(*p))
            .collect()
    }

    fn mask(&self) -> u8 {
        Protocol::ALL
            .into_iter()
            .filter(|p| self.bound_by(*p))
            .fold(0, |m, p| m | bit(p))
    }
}

/// The reviewers drawn for one party under review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub under_review: String,
    /// `[0]` same region, `[1]` another region, `[2..]` additional Protocol reviewers.
    pub reviewers: Vec<String>,
}

impl From<&Review> for Pairing {
    fn from(r: &Review) -> Pairing {
        Pairing {
            under_review: r.under_review.to_string(),
            reviewers: r.reviewers.iter().map(|c| c.to_string()).collect(),
        }
    }
}

/// The rules in force for a draw (recorded with it, rule f).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Rules {
    /// No party is drawn as reviewer more often than this within one group (rule d).
    pub cap_per_group: u32,
    /// Reviewers of one review in all, additional Protocol reviewers included (rule c).
    pub max_reviewers: usize,
    /// The party under review agreed to more than `max_reviewers` (rule c).
    pub allow_more_reviewers: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            cap_per_group: 3,
            max_reviewers: 4,
            allow_more_reviewers: false,
        }
    }
}

/// Why a draw could not be made, in words for the secretariat.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("no valid pairing for {party}: {reason}")]
    NoValidPairing { party: String, reason: String },
    #[error("cap of {cap} reviews per party per group leaves no reviewer for {party}: {detail}")]
    CapExhausted {
        party: String,
        cap: u32,
        detail: String,
    },
    #[error("no valid pairing for {party} with at most {max} reviewers (rule c): {detail}")]
    TooManyReviewers {
        party: String,
        max: usize,
        detail: String,
    },
    #[error(
        "the drawing of lots gave up after {tries} tries without a valid pairing for the whole group; \
         it keeps dead-ending at {party} (rules a-d); another seed may succeed"
    )]
    SearchExhausted { party: String, tries: u64 },
    #[error(
        "review of {party} has been redrawn {redraws} times; a {} redraw is refused (rule e)",
        next_ordinal(.redraws)
    )]
    RedrawLimit { party: String, redraws: u32 },
    #[error("invalid input to the drawing of lots: {0}")]
    InvalidInput(String),
}

fn next_ordinal(n: &u32) -> &'static str {
    match n.saturating_add(1) {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        6 => "sixth",
        7 => "seventh",
        _ => "further",
    }
}

fn bit(p: Protocol) -> u8 {
    match p {
        Protocol::Tip => 1,
        Protocol::Som => 2,
        Protocol::Fa => 4,
    }
}

fn protocols_of(mask: u8) -> impl Iterator<Item = Protocol> {
    Protocol::ALL
        .into_iter()
        .filter(move |p| mask & bit(*p) != 0)
}

fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::Tip => "Trafficking in Persons Protocol",
        Protocol::Som => "Smuggling of Migrants Protocol",
        Protocol::Fa => "Firearms Protocol",
    }
}

fn region_label(r: Region) -> String {
    let name = match r {
        Region::Afg => "African",
        Region::Apg => "Asia-Pacific",
        Region::Eeg => "Eastern European",
        Region::Grulac => "Latin American and Caribbean",
        Region::Weog => "Western European and Others",
    };
    format!("{name} group ({})", r.as_str())
}

fn check_rules(rules: &Rules) -> Result<(), DrawError> {
    if rules.max_reviewers < 2 {
        return Err(DrawError::InvalidInput(format!(
            "max_reviewers is {}; every review needs two reviewers (rule a)",
            rules.max_reviewers
        )));
    }
    Ok(())
}

fn max_of(rules: &Rules) -> usize {
    if rules.allow_more_reviewers {
        usize::MAX
    } else {
        rules.max_reviewers
    }
}

// ---------------------------------------------------------------------------
// Problem: every party indexed in code order.

#[derive(Clone, Copy, Debug)]
struct Node<'a> {
    code: &'a str,
    region: Region,
    cov: u8,
    /// In the pool: may be drawn as reviewer.
    reviewer: bool,
}

/// Everyone the draw knows, sorted by code.
struct Universe<'a> {
    nodes: Vec<Node<'a>>,
    index: BTreeMap<&'a str, u32>,
}

impl<'a> Universe<'a> {
    fn new(
        pool: &'a [Candidate],
        others: impl IntoIterator<Item = &'a Candidate>,
    ) -> Result<Self, DrawError> {
        let mut by_code: BTreeMap<&'a str, Node<'a>> = BTreeMap::new();
        for c in pool {
            let node = Node {
                code: &c.code,
                region: c.region,
                cov: c.mask(),
                reviewer: true,
            };
            if by_code.insert(&c.code, node).is_some() {
                return Err(DrawError::InvalidInput(format!(
                    "party {} appears twice in the pool of reviewers",
                    c.code
                )));
            }
        }
        for c in others {
            by_code.entry(&c.code).or_insert(Node {
                code: &c.code,
                region: c.region,
                cov: c.mask(),
                reviewer: false,
            });
        }
        let nodes: Vec<Node<'a>> = by_code.into_values().collect();
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.code, i as u32))
            .collect();
        Ok(Universe { nodes, index })
    }

    fn get(&self, code: &str) -> Option<u32> {
        self.index.get(code).copied()
    }

    /// Records "reviewer reviews party" for every known pair of `pairings`.
    fn add_edges<'p>(
        &self,
        pairings: impl IntoIterator<Item = &'p Pairing>,
        reviews: &mut [Vec<u32>],
    ) {
        for p in pairings {
            let Some(x) = self.get(&p.under_review) else {
                continue;
            };
            for r in &p.reviewers {
                if let Some(r) = self.get(r) {
                    reviews[r as usize].push(x);
                }
            }
        }
    }
}

/// One party under review.
#[derive(Clone, Debug)]
struct Spec {
    node: u32,
    region: Region,
    /// Protocols under review.
    need: u8,
    /// Never to be drawn for it.
    exclude: Vec<u32>,
    /// Drawn only when nobody else fits equally well (a redraw's old reviewers).
    avoid: Vec<u32>,
}

#[derive(Clone)]
struct Problem<'a> {
    nodes: Vec<Node<'a>>,
    /// In code order.
    parties: Vec<Spec>,
    /// Reviews already drawn in this group, per node.
    base_load: Vec<u32>,
    /// `base_reviews[a]` holds every `b` that `a` reviews in the cluster already.
    base_reviews: Vec<Vec<u32>>,
    cap: u32,
    max: usize,
    /// Nodes that may review, per pairing region, in code order.
    by_region: [Vec<u32>; 5],
}

impl Problem<'_> {
    fn index_regions(&mut self) {
        for (i, n) in self.nodes.iter().enumerate() {
            if n.reviewer {
                self.by_region[region_index(n.region)].push(i as u32);
            }
        }
    }

    /// The nodes that may fill the same-group (`same`) or other-group slot
    /// for a party of `region`.
    fn slot_nodes(&self, region: Region, same: bool) -> impl Iterator<Item = usize> + '_ {
        let own = region_index(region);
        self.by_region
            .iter()
            .enumerate()
            .filter(move |(i, _)| (*i == own) == same)
            .flat_map(|(_, v)| v.iter().map(|&r| r as usize))
    }

    fn code(&self, x: usize) -> String {
        self.nodes[self.parties[x].node as usize].code.to_string()
    }

    /// May `r` review party `x` at all (self, pool, mutual and exclusion rules)?
    fn allowed(&self, x: usize, r: usize) -> bool {
        let s = &self.parties[x];
        let xi = s.node as usize;
        self.nodes[r].reviewer
            && r != xi
            && !s.exclude.contains(&(r as u32))
            && !self.base_reviews[xi].contains(&(r as u32))
    }

    fn free(&self, x: usize, r: usize) -> bool {
        self.allowed(x, r) && self.base_load[r] < self.cap
    }

    /// Whether a same-group and an other-group reviewer party to every
    /// instrument under review exist at all for `x`.
    fn strict_possible(&self, x: usize) -> bool {
        let s = &self.parties[x];
        let fits = |same: bool| {
            self.slot_nodes(s.region, same)
                .any(|r| self.nodes[r].cov & s.need == s.need && self.free(x, r))
        };
        fits(true) && fits(false)
    }
}

// ---------------------------------------------------------------------------
// Search.

const PURPOSE_GROUP: u32 = 1;
const PURPOSE_REDRAW: u32 = 2;
const PURPOSE_DIAGNOSIS: u32 = 3;

/// The seeded stream for one attempt: platform-independent by construction.
fn stream(seed: u64, purpose: u32, level: u32, attempt: u32) -> ChaCha20Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..12].copy_from_slice(&purpose.to_le_bytes());
    key[12..16].copy_from_slice(&level.to_le_bytes());
    key[16..20].copy_from_slice(&attempt.to_le_bytes());
    ChaCha20Rng::from_seed(key)
}

/// Uniform in `0..n` (n > 0), by widening multiplication.
fn uniform(rng: &mut ChaCha20Rng, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

fn region_index(r: Region) -> usize {
    match r {
        Region::Afg => 0,
        Region::Apg => 1,
        Region::Eeg => 2,
        Region::Grulac => 3,
        Region::Weog => 4,
    }
}

/// Moves one candidate in or out of load level `level` of a histogram.
fn count_load(hist: &mut Vec<u32>, level: u32, delta: i32) {
    let level = level as usize;
    if hist.len() <= level {
        hist.resize(level + 1, 0);
    }
    hist[level] = hist[level].wrapping_add_signed(delta);
}

fn shuffle<T>(v: &mut [T], rng: &mut ChaCha20Rng) {
    for i in (1..v.len()).rev() {
        let j = uniform(rng, i + 1);
        v.swap(i, j);
    }
}

/// Parties under review sharing region, instruments and level: they compete
/// for the same candidate lists.
struct Class {
    region: Region,
    need: u8,
    relaxed: bool,
    /// Party indices in seeded order; the first `done` are fully paired.
    members: Vec<usize>,
    done: usize,
    /// Candidates for the same-group (0) and other-group (1) slots.
    lists: [Vec<u32>; 2],
    /// Spare reviews left in each list: sum of (cap - load).
    capacity: [i64; 2],
    /// Remaining members that need an additional Protocol reviewer in any case.
    extra_left: i64,
    /// How many candidates of each list have each load.
    by_load: [Vec<u32>; 2],
}

impl Class {
    fn admits(&self, slot: usize, n: &Node) -> bool {
        n.reviewer
            && ((n.region == self.region) == (slot == 0))
            && (self.relaxed || n.cov & self.need == self.need)
    }
}

#[derive(Clone, Copy, Debug)]
enum Slot {
    Same,
    Other,
    Extra { bit: u8, uncovered: u8 },
}

enum Outcome {
    Solved(Vec<Vec<u32>>),
    /// The whole tree was searched: no pairing at this level.
    Exhausted,
    OverBudget,
}

struct Search<'p, 'a> {
    pb: &'p Problem<'a>,
    relaxed: Vec<bool>,
    load: Vec<u32>,
    reviews: Vec<Vec<u32>>,
    assigned: Vec<Vec<u32>>,
    /// Parties for which no main reviewer party to every instrument exists.
    needs_extra: Vec<bool>,
    /// Spare reviews of the pool, per pairing region and in all.
    region_spare: [i64; 5],
    total_spare: i64,
    /// Spare reviews of the parties to every Protocol of each mask (index 1..8).
    protocol_spare: [i64; 8],
    classes: Vec<Class>,
    class_of: Vec<usize>,
    by_protocol: [Vec<u32>; 3],
    rng: ChaCha20Rng,
    scratch: Vec<u32>,
    blame: Vec<u64>,
    nodes: u64,
    backtracks: u64,
    /// Backtracking and forward checking on (off: a single greedy pass).
    thorough: bool,
}

impl<'p, 'a> Search<'p, 'a> {
    fn new(
        pb: &'p Problem<'a>,
        relaxed: Vec<bool>,
        needs_extra: Vec<bool>,
        mut rng: ChaCha20Rng,
        thorough: bool,
    ) -> Self {
        let n = pb.parties.len();
        let mut grouped: BTreeMap<(Region, u8, bool), Vec<usize>> = BTreeMap::new();
        for (i, s) in pb.parties.iter().enumerate() {
            grouped
                .entry((s.region, s.need, relaxed[i]))
                .or_default()
                .push(i);
        }
        let mut classes = Vec::with_capacity(grouped.len());
        let mut class_of = vec![0; n];
        for ((region, need, rel), mut members) in grouped {
            shuffle(&mut members, &mut rng);
            for &m in &members {
                class_of[m] = classes.len();
            }
            let extra_left = members.iter().filter(|&&m| needs_extra[m]).count() as i64;
            classes.push(Class {
                region,
                need,
                relaxed: rel,
                members,
                done: 0,
                lists: [Vec::new(), Vec::new()],
                capacity: [0, 0],
                extra_left,
                by_load: [Vec::new(), Vec::new()],
            });
        }
        let mut by_protocol: [Vec<u32>; 3] = Default::default();
        let mut region_spare = [0i64; 5];
        let mut total_spare = 0i64;
        let mut protocol_spare = [0i64; 8];
        for (i, node) in pb.nodes.iter().enumerate() {
            let spare = i64::from(pb.cap.saturating_sub(pb.base_load[i]));
            if node.reviewer {
                region_spare[region_index(node.region)] += spare;
                total_spare += spare;
                for (m, ps) in protocol_spare.iter_mut().enumerate().skip(1) {
                    if node.cov & m as u8 == m as u8 {
                        *ps += spare;
                    }
                }
            }
            for c in classes.iter_mut() {
                for s in 0..2 {
                    if c.admits(s, node) {
                        c.lists[s].push(i as u32);
                        c.capacity[s] += spare;
                        count_load(&mut c.by_load[s], pb.base_load[i], 1);
                    }
                }
            }
            if node.reviewer {
                for (k, list) in by_protocol.iter_mut().enumerate() {
                    if node.cov & (1 << k) != 0 {
                        list.push(i as u32);
                    }
                }
            }
        }
        Search {
            pb,
            relaxed,
            load: pb.base_load.clone(),
            reviews: pb.base_reviews.clone(),
            assigned: vec![Vec::new(); n],
            needs_extra,
            region_spare,
            total_spare,
            protocol_spare,
            classes,
            class_of,
            by_protocol,
            rng,
            scratch: Vec::new(),
            blame: vec![0; n],
            nodes: 0,
            backtracks: 0,
            thorough,
        }
    }

    /// The next slot to fill for party `x`, or `None` once it is fully paired.
    fn next_slot(&self, x: usize) -> Option<Slot> {
        let a = &self.assigned[x];
        match a.len() {
            0 => Some(Slot::Same),
            1 => Some(Slot::Other),
            _ => {
                let cov = |r: u32| self.pb.nodes[r as usize].cov;
                let missing = self.pb.parties[x].need & !(cov(a[0]) & cov(a[1]));
                let extra = a[2..].iter().fold(0, |m, &r| m | cov(r));
                let uncovered = missing & !extra;
                (uncovered != 0).then(|| Slot::Extra {
                    bit: uncovered & uncovered.wrapping_neg(),
                    uncovered,
                })
            }
        }
    }

    /// The class with the least spare capacity for its remaining parties, and
    /// its next party.
    fn select(&self) -> Option<usize> {
        let mut best: Option<(i64, i64, usize)> = None;
        for (ci, c) in self.classes.iter().enumerate() {
            let left = (c.members.len() - c.done) as i64;
            if left == 0 {
                continue;
            }
            let cap = c.capacity[0].min(c.capacity[1]);
            let key = (cap - left, cap, ci);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
            }
        }
        best.map(|(_, _, ci)| self.classes[ci].members[self.classes[ci].done])
    }

    /// A candidate for `slot` of party `x` not in `tried`: best coverage,
    /// then lowest load, ties broken by the seeded stream.
    fn choose(&mut self, x: usize, slot: Slot, tried: &[u32]) -> Option<u32> {
        let pb = self.pb;
        let spec = &pb.parties[x];
        let xi = spec.node as usize;
        let a = &self.assigned[x];
        let relaxed = self.relaxed[x];
        let class = &self.classes[self.class_of[x]];
        let list = match slot {
            Slot::Same => &class.lists[0],
            Slot::Other => &class.lists[1],
            Slot::Extra { bit, .. } => {
                if a.len() >= pb.max {
                    return None;
                }
                &self.by_protocol[bit.trailing_zeros() as usize]
            }
        };
        let mutual = &self.reviews[xi];
        let load = &self.load;
        let eligible = |r: u32| {
            let ri = r as usize;
            ri != xi
                && load[ri] < pb.cap
                && !a.contains(&r)
                && !tried.contains(&r)
                && !spec.exclude.contains(&r)
                && !mutual.contains(&r)
        };
        // Fast path (strict main slots): sample the list until an eligible
        // candidate of the lowest load turns up; uniform among those, like
        // the full scan below, which takes over when sampling is unlucky.
        let s = match slot {
            Slot::Same => Some(0),
            Slot::Other => Some(1),
            Slot::Extra { .. } => None,
        };
        if let Some(s) = s
            && !relaxed
            && spec.avoid.is_empty()
            && let Some(level) = class.by_load[s].iter().position(|&n| n > 0)
        {
            for _ in 0..64 {
                let r = list[uniform(&mut self.rng, list.len())];
                if load[r as usize] == level as u32 && eligible(r) {
                    return Some(r);
                }
            }
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let mut best = (u32::MAX, u32::MAX, u32::MAX);
        for &r in list {
            if !eligible(r) {
                continue;
            }
            let ri = r as usize;
            let cov = pb.nodes[ri].cov;
            let primary = match slot {
                Slot::Same if relaxed => (spec.need & !cov).count_ones(),
                Slot::Other if relaxed => {
                    let missing = spec.need & !(cov & pb.nodes[a[0] as usize].cov);
                    if missing != 0 && pb.max <= 2 {
                        continue;
                    }
                    missing.count_ones()
                }
                Slot::Same | Slot::Other => 0,
                Slot::Extra { uncovered, .. } => 3 - (cov & uncovered).count_ones(),
            };
            let key = (primary, u32::from(spec.avoid.contains(&r)), load[ri]);
            if key < best {
                best = key;
                scratch.clear();
            }
            if key == best {
                scratch.push(r);
            }
        }
        let pick = (!scratch.is_empty()).then(|| scratch[uniform(&mut self.rng, scratch.len())]);
        self.scratch = scratch;
        pick
    }

    /// Bookkeeping for a load change of `r` (`delta` = change of its spare reviews).
    fn adjust_capacity(&mut self, r: usize, delta: i64) {
        let node = &self.pb.nodes[r];
        let new = self.load[r];
        let old = if delta < 0 { new - 1 } else { new + 1 };
        self.region_spare[region_index(node.region)] += delta;
        self.total_spare += delta;
        for (m, ps) in self.protocol_spare.iter_mut().enumerate().skip(1) {
            if node.cov & m as u8 == m as u8 {
                *ps += delta;
            }
        }
        for c in self.classes.iter_mut() {
            for s in 0..2 {
                if c.admits(s, node) {
                    c.capacity[s] += delta;
                    count_load(&mut c.by_load[s], old, -1);
                    count_load(&mut c.by_load[s], new, 1);
                }
            }
        }
    }

    fn apply(&mut self, x: usize, r: u32) {
        let xi = self.pb.parties[x].node;
        self.load[r as usize] += 1;
        self.reviews[r as usize].push(xi);
        self.assigned[x].push(r);
        self.adjust_capacity(r as usize, -1);
        self.nodes += 1;
    }

    fn undo(&mut self, x: usize, r: u32) {
        let popped = self.assigned[x].pop();
        debug_assert_eq!(popped, Some(r));
        let back = self.reviews[r as usize].pop();
        debug_assert_eq!(back, Some(self.pb.parties[x].node));
        self.load[r as usize] -= 1;
        self.adjust_capacity(r as usize, 1);
    }

    fn mark_done(&mut self, x: usize) {
        let c = &mut self.classes[self.class_of[x]];
        debug_assert_eq!(c.members[c.done], x);
        c.done += 1;
        c.extra_left -= i64::from(self.needs_extra[x]);
    }

    fn unmark_done(&mut self, x: usize) {
        let c = &mut self.classes[self.class_of[x]];
        c.done -= 1;
        debug_assert_eq!(c.members[c.done], x);
        c.extra_left += i64::from(self.needs_extra[x]);
    }

    /// Forward check (capacity over-counts, so this never rejects a state
    /// that has a solution): every class can still find a reviewer per
    /// remaining party in each of its two lists; every regional group can
    /// still serve its own parties' same-group reviews and, with the other
    /// groups, everyone's other-group reviews; the pool can take every
    /// remaining review. On failure, blames the first party left unserved.
    fn feasible(&mut self, in_progress: Option<usize>) -> bool {
        if !self.thorough {
            return true;
        }
        let (ipc, filled) = match in_progress {
            Some(x) => (Some(self.class_of[x]), self.assigned[x].len()),
            None => (None, 0),
        };
        let mut d = [[0i64; 5]; 2];
        let mut total = 0i64;
        // Reviews by parties to all Protocols of a mask still needed: two per
        // strict party under review for them; for a relaxed one two as well
        // unless it takes an additional reviewer (which saves one such review
        // for a single Protocol, at most two for several), and at least one
        // for a single Protocol, the additional reviewer being party to it.
        let mut dp_strict = [0i64; 8];
        let mut dp_one = [0i64; 8];
        let mut dp_two = [0i64; 8];
        let mut mains = 0i64;
        let mut failed = false;
        let mut blame: Option<usize> = None;
        for (ci, c) in self.classes.iter().enumerate() {
            let left = (c.members.len() - c.done) as i64;
            if left == 0 {
                continue;
            }
            let mut need = 2 * left + c.extra_left;
            if ipc == Some(ci) {
                let x = in_progress.unwrap_or_default();
                need -= (filled as i64).min(2 + i64::from(self.needs_extra[x]));
            }
            total += need;
            let mains_filled = if ipc == Some(ci) {
                (filled as i64).min(2)
            } else {
                0
            };
            mains += 2 * left - mains_filled;
            for m in 1..8u8 {
                let k = m as usize;
                if c.need & m != m {
                    continue;
                }
                let (mut one, mut two) = (left, 2 * left);
                if ipc == Some(ci) {
                    let x = in_progress.unwrap_or_default();
                    let a = &self.assigned[x];
                    let got = a
                        .iter()
                        .filter(|&&r| self.pb.nodes[r as usize].cov & m == m)
                        .count() as i64;
                    if a.len() > 2 {
                        one -= 1;
                        two -= 2;
                    } else {
                        one -= got.min(1);
                        two -= got.min(2);
                    }
                }
                if c.relaxed {
                    dp_one[k] += one;
                    dp_two[k] += two;
                } else {
                    dp_strict[k] += two;
                }
            }
            for (s, ds) in d.iter_mut().enumerate() {
                let demand = left - i64::from(ipc == Some(ci) && filled > s);
                ds[region_index(c.region)] += demand;
                if c.capacity[s] < demand && !failed {
                    failed = true;
                    blame = c.members[c.done..].iter().copied().min();
                }
            }
        }
        if !failed {
            let same_total: i64 = d[0].iter().sum();
            for (r, &spare) in self.region_spare.iter().enumerate() {
                let others = self.total_spare - spare;
                if d[0][r] > spare || d[1][r] + same_total - d[0][r] > others {
                    failed = true;
                    blame = self
                        .classes
                        .iter()
                        .filter(|c| region_index(c.region) == r)
                        .find_map(|c| c.members.get(c.done).copied());
                    break;
                }
            }
        }
        if !failed && total > self.total_spare {
            failed = true;
        }
        let room_for_extras = (self.total_spare - mains).max(0);
        for m in 1..8usize {
            let spare = self.protocol_spare[m];
            let saving = if m.count_ones() == 1 { 1 } else { 2 };
            let one = if m.count_ones() == 1 { dp_one[m] } else { 0 };
            if dp_strict[m] + one > spare
                || dp_strict[m] + dp_two[m] > spare + saving * room_for_extras
            {
                failed = true;
            }
        }
        if failed {
            let x = blame.or(in_progress).or_else(|| {
                self.classes
                    .iter()
                    .find_map(|c| c.members.get(c.done).copied())
            });
            if let Some(x) = x {
                self.blame[x] += 1;
            }
        }
        !failed
    }

    fn run(&mut self, budget: u64) -> Outcome {
        let mut stack: Vec<(usize, u32, Vec<u32>)> = Vec::new();
        let mut cur: Option<(usize, Vec<u32>)> = None;
        loop {
            let (x, mut tried) = match cur.take() {
                Some(c) => c,
                None => match self.select() {
                    Some(x) => (x, Vec::new()),
                    None => return Outcome::Solved(std::mem::take(&mut self.assigned)),
                },
            };
            let Some(slot) = self.next_slot(x) else {
                self.mark_done(x);
                continue;
            };
            if self.nodes >= budget {
                return Outcome::OverBudget;
            }
            if let Some(r) = self.choose(x, slot, &tried) {
                self.apply(x, r);
                let complete = self.next_slot(x).is_none();
                if complete {
                    self.mark_done(x);
                }
                if !self.feasible((!complete).then_some(x)) {
                    if complete {
                        self.unmark_done(x);
                    }
                    self.undo(x, r);
                    tried.push(r);
                    cur = Some((x, tried));
                    continue;
                }
                stack.push((x, r, tried));
                if !complete {
                    cur = Some((x, Vec::new()));
                }
                continue;
            }
            // Dead end at x: undo the latest choice and try its next candidate.
            self.blame[x] += 1;
            if !self.thorough {
                return Outcome::Exhausted;
            }
            let Some((px, r, mut t)) = stack.pop() else {
                return Outcome::Exhausted;
            };
            if self.next_slot(px).is_none() {
                self.unmark_done(px);
            }
            self.undo(px, r);
            t.push(r);
            cur = Some((px, t));
            self.backtracks += 1;
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    nodes: u64,
    backtracks: u64,
}

fn budget_for(pb: &Problem) -> u64 {
    50_000 + 8 * pb.parties.len() as u64
}

/// Draws every party of `pb`: analysis, then the two levels of rule (c),
/// each with a few seeded attempts; on failure, a diagnosis naming the party.
fn solve(
    pb: &Problem,
    seed: u64,
    purpose: u32,
    thorough: bool,
) -> Result<(Vec<Vec<u32>>, Stats), DrawError> {
    let n = pb.parties.len();
    let local: Vec<bool> = (0..n).map(|x| !pb.strict_possible(x)).collect();
    analyse(pb, &local)?;
    let mut levels = vec![local.clone()];
    if local.iter().any(|r| !r) {
        levels.push(vec![true; n]);
    }
    let attempts = if !thorough {
        1
    } else if n <= 2_000 {
        3
    } else {
        1
    };
    let budget = budget_for(pb);
    let mut blame = vec![0u64; n];
    let mut stats = Stats::default();
    let mut over_budget = false;
    for (level, relaxed) in levels.into_iter().enumerate() {
        for attempt in 0..attempts {
            let rng = stream(seed, purpose, level as u32, attempt);
            let mut s = Search::new(pb, relaxed.clone(), local.clone(), rng, thorough);
            let outcome = s.run(budget);
            stats.nodes += s.nodes;
            stats.backtracks += s.backtracks;
            for (b, sb) in blame.iter_mut().zip(&s.blame) {
                *b += sb;
            }
            match outcome {
                Outcome::Solved(v) => return Ok((v, stats)),
                // A complete search proved this level impossible: next level.
                Outcome::Exhausted if thorough => break,
                Outcome::Exhausted => {}
                Outcome::OverBudget => over_budget = true,
            }
        }
    }
    Err(diagnose(pb, &blame, stats.nodes, over_budget, seed))
}

/// Plain impossibilities, named by party and rule, before any search.
fn analyse(pb: &Problem, needs_extra: &[bool]) -> Result<(), DrawError> {
    let cap = pb.cap;
    for (x, s) in pb.parties.iter().enumerate() {
        let code = pb.code(x);
        let xi = s.node as usize;
        let region = region_label(s.region);
        for same in [true, false] {
            let usable = pb.slot_nodes(s.region, same).any(|r| r != xi);
            let (what, rule) = if same {
                (
                    format!("other party of the {region}"),
                    "rule a: one reviewer from the same regional group",
                )
            } else {
                (
                    "party of another regional group".to_string(),
                    "rule a: one reviewer from another regional group",
                )
            };
            if !usable {
                return Err(DrawError::NoValidPairing {
                    party: code,
                    reason: format!("no {what} takes part in the review ({rule})"),
                });
            }
            if !pb.slot_nodes(s.region, same).any(|r| pb.allowed(x, r)) {
                return Err(DrawError::NoValidPairing {
                    party: code.clone(),
                    reason: format!(
                        "every {what} is reviewed by {code} in this cluster (rule b: no mutual reviews)"
                    ),
                });
            }
            if !pb.slot_nodes(s.region, same).any(|r| pb.free(x, r)) {
                return Err(DrawError::CapExhausted {
                    party: code,
                    cap,
                    detail: format!(
                        "every {what} that may review it already reviews {cap} times in this group (rule d)"
                    ),
                });
            }
        }
        for p in protocols_of(s.need) {
            let holds = |r: usize| pb.nodes[r].cov & bit(p) != 0;
            if !(0..pb.nodes.len()).any(|r| holds(r) && pb.allowed(x, r)) {
                return Err(DrawError::NoValidPairing {
                    party: code,
                    reason: format!(
                        "no other party that may review it is party to the {} (rule c)",
                        protocol_name(p)
                    ),
                });
            }
            if !(0..pb.nodes.len()).any(|r| holds(r) && pb.free(x, r)) {
                return Err(DrawError::CapExhausted {
                    party: code,
                    cap,
                    detail: format!(
                        "every party to the {} that may review it already reviews {cap} times in this group (rule d)",
                        protocol_name(p)
                    ),
                });
            }
        }
    }
    // Capacity of each regional group for its own same-group reviews, then overall.
    let spare = |r: usize| u64::from(cap.saturating_sub(pb.base_load[r]));
    let mut demand: BTreeMap<Region, (u64, usize)> = BTreeMap::new();
    for (x, s) in pb.parties.iter().enumerate() {
        let e = demand.entry(s.region).or_insert((0, x));
        e.0 += 1;
        e.1 = x;
    }
    for (&region, &(d, last)) in &demand {
        let members = &pb.by_region[region_index(region)];
        let supply: u64 = members.iter().map(|&r| spare(r as usize)).sum();
        if supply < d {
            return Err(DrawError::CapExhausted {
                party: pb.code(last),
                cap,
                detail: format!(
                    "{d} parties of the {} are under review, but the {} parties of that group that may review \
                     can take at most {supply} reviews in all, and each needs one from its own group (rule a)",
                    region_label(region),
                    members.len()
                ),
            });
        }
    }
    let total: u64 = (0..pb.nodes.len())
        .filter(|&r| pb.nodes[r].reviewer)
        .map(spare)
        .sum();
    let n = pb.parties.len() as u64;
    for m in 1..8u8 {
        let under: Vec<usize> = (0..pb.parties.len())
            .filter(|&x| pb.parties[x].need & m == m)
            .collect();
        let Some(&last) = under.last() else { continue };
        let holders: u64 = (0..pb.nodes.len())
            .filter(|&r| pb.nodes[r].reviewer && pb.nodes[r].cov & m == m)
            .map(spare)
            .sum();
        let room = total.saturating_sub(2 * n);
        let saving = if m.count_ones() == 1 { 1 } else { 2 };
        let k = under.len() as u64;
        if 2 * k > holders + saving * room {
            let names: Vec<&str> = protocols_of(m).map(protocol_name).collect();
            let (names, them) = match names[..] {
                [one] => (one.to_string(), "it"),
                _ => (names.join(" and the "), "all of them"),
            };
            return Err(DrawError::CapExhausted {
                party: pb.code(last),
                cap,
                detail: format!(
                    "{k} parties under review are party to the {names}; each needs two reviewers party to {them}, \
                     or an additional reviewer (rule c), but the parties to {them} can take at most {holders} \
                     reviews and the pool has room for only {room} additional reviewers"
                ),
            });
        }
    }
    let extras = needs_extra.iter().filter(|e| **e).count() as u64;
    if total < 2 * n + extras {
        let last = needs_extra
            .iter()
            .rposition(|e| *e)
            .unwrap_or(pb.parties.len() - 1);
        let why = if extras > 0 {
            format!(
                ", {extras} of them needing an additional Protocol reviewer because no reviewer from their own or \
                 from another group is party to every instrument under review (rule c)"
            )
        } else {
            String::new()
        };
        return Err(DrawError::CapExhausted {
            party: pb.code(last),
            cap,
            detail: format!(
                "{n} reviews need at least {} reviewers{why}, but the pool can take at most {total} reviews in all",
                2 * n + extras
            ),
        });
    }
    Ok(())
}

/// After a failed search: the most blamed party, and which rule blocks it.
fn diagnose(pb: &Problem, blame: &[u64], tries: u64, over_budget: bool, seed: u64) -> DrawError {
    let mut x = 0;
    for (i, &b) in blame.iter().enumerate() {
        if b > blame[x] {
            x = i;
        }
    }
    let party = pb.code(x);
    let attempt = |p: &Problem| {
        let relaxed = vec![true; p.parties.len()];
        let needs_extra = (0..p.parties.len())
            .map(|x| !p.strict_possible(x))
            .collect();
        let mut s = Search::new(
            p,
            relaxed,
            needs_extra,
            stream(seed, PURPOSE_DIAGNOSIS, 0, 0),
            true,
        );
        matches!(s.run(budget_for(p)), Outcome::Solved(_))
    };
    let alone = |cap: u32, max: usize, with_loads: bool| {
        let mut p = pb.clone();
        p.parties = vec![pb.parties[x].clone()];
        p.cap = cap;
        p.max = max;
        if !with_loads {
            p.base_load = vec![0; pb.nodes.len()];
        }
        attempt(&p)
    };
    if !alone(u32::MAX, usize::MAX, false) {
        return DrawError::NoValidPairing {
            party,
            reason: "no combination of reviewers satisfies rules a to c once the no-mutual-review rule (b) \
                     is applied across the cluster"
                .to_string(),
        };
    }
    if !alone(u32::MAX, pb.max, false) {
        return DrawError::TooManyReviewers {
            party,
            max: pb.max,
            detail: coverage_detail(pb, x),
        };
    }
    if !alone(pb.cap, pb.max, true) {
        return DrawError::CapExhausted {
            party,
            cap: pb.cap,
            detail: format!(
                "every party that may review it already reviews {} times in this group (rule d)",
                pb.cap
            ),
        };
    }
    if over_budget {
        return DrawError::SearchExhausted { party, tries };
    }
    let mut uncapped = pb.clone();
    uncapped.cap = u32::MAX;
    if attempt(&uncapped) {
        DrawError::CapExhausted {
            party,
            cap: pb.cap,
            detail: format!(
                "once the other reviews of the group are drawn, every party that may review it already reviews {} times (rule d)",
                pb.cap
            ),
        }
    } else {
        DrawError::NoValidPairing {
            party,
            reason: "once the other reviews of the group are drawn, the no-mutual-review rule (b) leaves no reviewer for it"
                .to_string(),
        }
    }
}

fn coverage_detail(pb: &Problem, x: usize) -> String {
    let s = &pb.parties[x];
    let region = region_label(s.region);
    let mut parts = Vec::new();
    for p in protocols_of(s.need) {
        let any = |same: bool| {
            (0..pb.nodes.len()).any(|r| {
                (pb.nodes[r].region == s.region) == same
                    && pb.nodes[r].cov & bit(p) != 0
                    && pb.allowed(x, r)
            })
        };
        if !any(true) {
            parts.push(format!(
                "no other party of the {region} is party to the {}",
                protocol_name(p)
            ));
        }
        if !any(false) {
            parts.push(format!(
                "no party of another regional group is party to the {}",
                protocol_name(p)
            ));
        }
    }
    if parts.is_empty() {
        let names: Vec<&str> = protocols_of(s.need).map(protocol_name).collect();
        parts.push(format!(
            "no two reviewers who may be drawn are both party to the {}",
            names.join(", ")
        ));
    }
    format!(
        "{}; the additional reviewers needed would exceed {} reviewers, unless {} agrees to more",
        parts.join("; "),
        pb.max,
        pb.code(x)
    )
}

// ---------------------------------------------------------------------------
// Public entry points.

/// Draw reviewers for every party in `under_review` (all of one group),
/// choosing from `pool` (every party that may review: all parties assigned to
/// any group, including those under review in this group). `cluster_pairings`
/// = pairings already made in the same cluster (other groups), used for the
/// no-mutual-review rule. Deterministic for a seed. Pairings come back in
/// party-code order.
pub fn draw_group(
    under_review: &[Candidate],
    pool: &[Candidate],
    cluster_pairings: &[Pairing],
    rules: &Rules,
    seed: u64,
) -> Result<Vec<Pairing>, DrawError> {
    draw_group_with(under_review, pool, cluster_pairings, rules, seed, true).map(|(p, _)| p)
}

fn draw_group_with(
    under_review: &[Candidate],
    pool: &[Candidate],
    cluster_pairings: &[Pairing],
    rules: &Rules,
    seed: u64,
    thorough: bool,
) -> Result<(Vec<Pairing>, Stats), DrawError> {
    check_rules(rules)?;
    let mut sorted: Vec<&Candidate> = under_review.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    for w in sorted.windows(2) {
        if w[0].code == w[1].code {
            return Err(DrawError::InvalidInput(format!(
                "party {} is listed twice among the parties under review",
                w[0].code
            )));
        }
    }
    if sorted.is_empty() {
        return Ok((Vec::new(), Stats::default()));
    }
    let codes: BTreeSet<&str> = sorted.iter().map(|c| c.code.as_str()).collect();
    if let Some(p) = cluster_pairings
        .iter()
        .find(|p| codes.contains(p.under_review.as_str()))
    {
        return Err(DrawError::InvalidInput(format!(
            "{} is already under review in another group of this cluster",
            p.under_review
        )));
    }
    let u = Universe::new(pool, under_review.iter())?;
    let mut reviews = vec![Vec::new(); u.nodes.len()];
    u.add_edges(cluster_pairings, &mut reviews);
    let parties = sorted
        .iter()
        .map(|c| Spec {
            node: u.index[c.code.as_str()],
            region: c.region,
            need: c.mask(),
            exclude: Vec::new(),
            avoid: Vec::new(),
        })
        .collect();
    let n = u.nodes.len();
    let mut pb = Problem {
        nodes: u.nodes,
        parties,
        base_load: vec![0; n],
        base_reviews: reviews,
        cap: rules.cap_per_group,
        max: max_of(rules),
        by_region: Default::default(),
    };
    pb.index_regions();
    let (solution, stats) = solve(&pb, seed, PURPOSE_GROUP, thorough)?;
    let pairings = sorted
        .iter()
        .zip(solution)
        .map(|(c, revs)| Pairing {
            under_review: c.code.clone(),
            reviewers: revs
                .iter()
                .map(|&r| pb.nodes[r as usize].code.to_string())
                .collect(),
        })
        .collect();
    Ok((pairings, stats))
}

/// Redraw one review: new reviewers for `target`, keeping every other pairing
/// (`group_pairings` = the other pairings of the same group, `cluster_pairings`
/// = those of other groups in the cluster) valid, i.e. cap, mutual rule etc.
/// still hold with the new one. `redraws_so_far` is how many redraws the
/// review already had; refused when it is already 4 (rule e). New reviewers
/// are preferred to the current ones: the current ones come back only where
/// nobody else may take their place.
#[allow(clippy::too_many_arguments)]
pub fn redraw(
    target: &Candidate,
    current: &Pairing,
    pool: &[Candidate],
    group_pairings: &[Pairing],
    cluster_pairings: &[Pairing],
    redraws_so_far: u32,
    rules: &Rules,
    seed: u64,
) -> Result<Pairing, DrawError> {
    if redraws_so_far >= MAX_REDRAWS {
        return Err(DrawError::RedrawLimit {
            party: target.code.clone(),
            redraws: redraws_so_far,
        });
    }
    check_rules(rules)?;
    if current.under_review != target.code {
        return Err(DrawError::InvalidInput(format!(
            "the pairing to redraw is that of {}, not of {}",
            current.under_review, target.code
        )));
    }
    if cluster_pairings
        .iter()
        .any(|p| p.under_review == target.code)
    {
        return Err(DrawError::InvalidInput(format!(
            "{} is already under review in another group of this cluster",
            target.code
        )));
    }
    let u = Universe::new(pool, std::iter::once(target))?;
    let n = u.nodes.len();
    let others: Vec<&Pairing> = group_pairings
        .iter()
        .filter(|p| p.under_review != target.code)
        .collect();
    let mut base_load = vec![0u32; n];
    for p in &others {
        for r in &p.reviewers {
            if let Some(r) = u.get(r) {
                base_load[r as usize] += 1;
            }
        }
    }
    let mut reviews = vec![Vec::new(); n];
    u.add_edges(others.iter().copied().chain(cluster_pairings), &mut reviews);
    let old: Vec<u32> = current.reviewers.iter().filter_map(|r| u.get(r)).collect();
    let spec = Spec {
        node: u.index[target.code.as_str()],
        region: target.region,
        need: target.mask(),
        exclude: old.clone(),
        avoid: Vec::new(),
    };
    let mut pb = Problem {
        nodes: u.nodes,
        parties: vec![spec],
        base_load,
        base_reviews: reviews,
        cap: rules.cap_per_group,
        max: max_of(rules),
        by_region: Default::default(),
    };
    pb.index_regions();
    let purpose = PURPOSE_REDRAW + (redraws_so_far << 8);
    let solution = match solve(&pb, seed, purpose, true) {
        Ok((s, _)) => s,
        Err(_) => {
            // Nobody new fits every slot: keep old reviewers only where needed.
            pb.parties[0].exclude.clear();
            pb.parties[0].avoid = old;
            solve(&pb, seed, purpose, true)?.0
        }
    };
    let reviewers = solution[0]
        .iter()
        .map(|&r| pb.nodes[r as usize].code.to_string())
        .collect();
    Ok(Pairing {
        under_review: target.code.clone(),
        reviewers,
    })
}

/// Check a set of pairings (one cluster, by group number) against the rules;
/// returns every violation as text (empty = valid). Used by `revdesk check`
/// and tests.
pub fn validate(
    pairings_by_group: &[(u32, Vec<Pairing>)],
    pool: &[Candidate],
    rules: &Rules,
) -> Vec<String> {
    let mut v = Validation::new(pool);
    let mut loads_by_group: Vec<BTreeMap<&str, u32>> = Vec::new();
    for (g, pairings) in pairings_by_group {
        let mut loads: BTreeMap<&str, u32> = BTreeMap::new();
        for p in pairings {
            v.reviewers(*g, p, max_of(rules), &mut loads);
            v.composition(*g, p);
        }
        v.cap(*g, &loads, rules.cap_per_group);
        loads_by_group.push(loads);
    }
    v.mutual();
    for ((g, pairings), loads) in pairings_by_group.iter().zip(&loads_by_group) {
        v.balance(*g, pairings, loads);
    }
    v.out
}

/// What [`validate`] has gathered so far, and the violations found.
struct Validation<'a> {
    /// The pool by code.
    parties: BTreeMap<&'a str, &'a Candidate>,
    /// The pool by regional group, in code order.
    by_region: BTreeMap<Region, Vec<&'a Candidate>>,
    /// The group in which each party is under review.
    reviewed_in: BTreeMap<&'a str, u32>,
    /// (reviewer, reviewed) -> group.
    edges: BTreeMap<(&'a str, &'a str), u32>,
    out: Vec<String>,
}

impl<'a> Validation<'a> {
    fn new(pool: &'a [Candidate]) -> Validation<'a> {
        let mut out = Vec::new();
        let mut parties: BTreeMap<&str, &Candidate> = BTreeMap::new();
        for c in pool {
            if parties.insert(&c.code, c).is_some() {
                out.push(format!("party {} appears twice in the pool", c.code));
            }
        }
        let mut by_region: BTreeMap<Region, Vec<&Candidate>> = BTreeMap::new();
        for c in parties.values() {
            by_region.entry(c.region).or_default().push(c);
        }
        Validation {
            parties,
            by_region,
            reviewed_in: BTreeMap::new(),
            edges: BTreeMap::new(),
            out,
        }
    }

    /// Who is under review and who reviews in one pairing (rules a, c, d):
    /// counts each reviewer's load in the group and records who reviews whom.
    fn reviewers(
        &mut self,
        g: u32,
        p: &'a Pairing,
        max: usize,
        loads: &mut BTreeMap<&'a str, u32>,
    ) {
        let out = &mut self.out;
        let x = p.under_review.as_str();
        if let Some(prev) = self.reviewed_in.insert(x, g) {
            out.push(format!(
                "{x} is under review twice in the cluster (groups {prev} and {g})"
            ));
        }
        if !self.parties.contains_key(x) {
            out.push(format!(
                "group {g}: {x}, under review, is not in the pool of parties"
            ));
        }
        let n = p.reviewers.len();
        if n < 2 {
            out.push(format!(
                "group {g}: review of {x} has {n} reviewer(s); two are required (rule a)"
            ));
        }
        if n > max {
            out.push(format!(
                "group {g}: review of {x} has {n} reviewers; at most {max} are allowed unless {x} agrees to more (rule c)"
            ));
        }
        let mut seen = BTreeSet::new();
        for r in &p.reviewers {
            let r = r.as_str();
            if r == x {
                out.push(format!("group {g}: {x} reviews itself (rule d)"));
            }
            if !seen.insert(r) {
                out.push(format!(
                    "group {g}: {r} is listed twice among the reviewers of {x}"
                ));
                continue;
            }
            if !self.parties.contains_key(r) {
                out.push(format!(
                    "group {g}: reviewer {r} of {x} is not in the pool of parties"
                ));
            }
            *loads.entry(r).or_insert(0) += 1;
            self.edges.entry((r, x)).or_insert(g);
        }
    }

    /// The main reviewers' regions and the Protocols covered (rules a, c).
    fn composition(&mut self, g: u32, p: &Pairing) {
        let x = p.under_review.as_str();
        let Some(xc) = self.parties.get(x).copied() else {
            return;
        };
        let out = &mut self.out;
        let main: Vec<Option<&Candidate>> = p
            .reviewers
            .iter()
            .take(2)
            .map(|r| self.parties.get(r.as_str()).copied())
            .collect();
        if let Some(Some(r0)) = main.first()
            && r0.region != xc.region
        {
            out.push(format!(
                "group {g}: first reviewer {} of {x} is from the {}, not from {x}'s {} (rule a)",
                r0.code,
                region_label(r0.region),
                region_label(xc.region)
            ));
        }
        if let Some(Some(r1)) = main.get(1)
            && r1.region == xc.region
        {
            out.push(format!(
                "group {g}: second reviewer {} of {x} is from {x}'s own {} (rule a: one reviewer from another group)",
                r1.code,
                region_label(xc.region)
            ));
        }
        let [Some(r0), Some(r1)] = main[..] else {
            return;
        };
        let need = xc.mask();
        let missing = need & !(r0.mask() & r1.mask());
        let extras: Vec<&Candidate> = p
            .reviewers
            .iter()
            .skip(2)
            .filter_map(|r| self.parties.get(r.as_str()).copied())
            .collect();
        let extra_cov = extras.iter().fold(0, |m, e| m | e.mask());
        for prot in protocols_of(missing & !extra_cov) {
            let lacking: Vec<&str> = [r0, r1]
                .iter()
                .filter(|c| !c.bound_by(prot))
                .map(|c| c.code.as_str())
                .collect();
            out.push(format!(
                "group {g}: the {} is under review for {x}, but {} {} not party to it and no additional reviewer is (rule c)",
                protocol_name(prot),
                lacking.join(" and "),
                if lacking.len() > 1 { "are" } else { "is" }
            ));
        }
        for e in extras {
            if e.mask() & missing == 0 {
                out.push(format!(
                    "group {g}: additional reviewer {} of {x} is party to no Protocol that the main reviewers lack (rule c)",
                    e.code
                ));
            }
        }
    }

    /// No party reviews more than the cap in one group (rule d).
    fn cap(&mut self, g: u32, loads: &BTreeMap<&str, u32>, cap: u32) {
        for (r, &n) in loads {
            if n > cap {
                self.out.push(format!("group {g}: {r} is drawn as reviewer {n} times; the cap is {cap} per group (rule d)"));
            }
        }
    }

    /// No two parties review each other in the cluster (rule b).
    fn mutual(&mut self) {
        for (&(a, b), &ga) in &self.edges {
            if a < b
                && let Some(&gb) = self.edges.get(&(b, a))
            {
                self.out.push(format!(
                    "{a} reviews {b} (group {ga}) and {b} reviews {a} (group {gb}) in the same cluster (rule b: no mutual reviews)"
                ));
            }
        }
    }

    /// Balance: nobody reviews three times while a party of the same
    /// regional group, free in that group, could take its place in one of
    /// its reviews.
    fn balance(&mut self, g: u32, pairings: &[Pairing], loads: &BTreeMap<&str, u32>) {
        let mut reported = BTreeSet::new();
        for p in pairings {
            let x = p.under_review.as_str();
            let Some(xc) = self.parties.get(x) else {
                continue;
            };
            let need = xc.mask();
            for r in &p.reviewers {
                let r = r.as_str();
                let n = loads.get(r).copied().unwrap_or(0);
                let Some(rc) = self.parties.get(r) else {
                    continue;
                };
                if n < 3 || reported.contains(r) {
                    continue;
                }
                let role = need & rc.mask();
                let swap = self.by_region[&rc.region].iter().find(|s| {
                    s.code != x
                        && !loads.contains_key(s.code.as_str())
                        && !p.reviewers.contains(&s.code)
                        && !self.edges.contains_key(&(x, s.code.as_str()))
                        && s.mask() & role == role
                });
                if let Some(s) = swap {
                    reported.insert(r);
                    self.out.push(format!(
                        "group {g}: {r} reviews {n} times while {}, of the same {}, reviews none and could take its place in the review of {x} (balanced draw)",
                        s.code,
                        region_label(rc.region)
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn cand(code: &str, region: Region, tip: bool, som: bool, fa: bool) -> Candidate {
        Candidate {
            code: code.to_string(),
            region,
            tip,
            som,
            fa,
        }
    }

    fn splitmix(mut z: u64) -> u64 {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// ~190 parties per `scale` over the five regions, with roughly the
    /// real Protocol coverage (182 TIP, 151 SOM, 123 FA of 190).
    fn synthetic_pool(scale: usize) -> Vec<Candidate> {
        let sizes = [
            (Region::Afg, "AF", 54),
            (Region::Apg, "AP", 53),
            (Region::Eeg, "EE", 23),
            (Region::Grulac, "GR", 33),
            (Region::Weog, "WE", 27),
        ];
        let mut pool = Vec::new();
        let mut i = 0u64;
        for (region, prefix, size) in sizes {
            for k in 0..size * scale {
                let h = splitmix(i);
                i += 1;
                pool.push(cand(
                    &format!("{prefix}{k:05}"),
                    region,
                    h % 1000 < 958,
                    (h >> 10) % 1000 < 795,
                    (h >> 20) % 1000 < 647,
                ));
            }
        }
        pool
    }

    /// Splits the pool into three groups of (nearly) equal size, by hash.
    fn three_groups(pool: &[Candidate]) -> Vec<(u32, Vec<Candidate>)> {
        let mut order: Vec<&Candidate> = pool.iter().collect();
        order.sort_by_key(|c| {
            splitmix(
                c.code
                    .bytes()
                    .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))),
            )
        });
        (0..3u32)
            .map(|g| {
                (
                    g + 1,
                    order
                        .iter()
                        .skip(g as usize)
                        .step_by(3)
                        .map(|c| (*c).clone())
                        .collect(),
                )
            })
            .collect()
    }

    fn draw_cluster(pool: &[Candidate], rules: &Rules, seed: u64) -> Vec<(u32, Vec<Pairing>)> {
        let mut cluster: Vec<Pairing> = Vec::new();
        let mut out = Vec::new();
        for (g, members) in three_groups(pool) {
            let p = draw_group(
                &members,
                pool,
                &cluster,
                rules,
                seed.wrapping_add(u64::from(g)),
            )
            .unwrap();
            assert_eq!(p.len(), members.len());
            cluster.extend(p.iter().cloned());
            out.push((g, p));
        }
        out
    }

    fn loads(pairings: &[Pairing]) -> BTreeMap<String, u32> {
        let mut m = BTreeMap::new();
        for p in pairings {
            for r in &p.reviewers {
                *m.entry(r.clone()).or_insert(0) += 1;
            }
        }
        m
    }

    #[test]
    fn synthetic_pool_has_realistic_coverage() {
        let pool = synthetic_pool(1);
        assert_eq!(pool.len(), 190);
        let count = |f: fn(&Candidate) -> bool| pool.iter().filter(|c| f(c)).count();
        let (tip, som, fa) = (count(|c| c.tip), count(|c| c.som), count(|c| c.fa));
        assert!((170..=190).contains(&tip), "tip {tip}");
        assert!((135..=165).contains(&som), "som {som}");
        assert!((105..=140).contains(&fa), "fa {fa}");
    }

    #[test]
    fn three_groups_drawn_as_one_cluster_are_valid_and_reproducible() {
        let pool = synthetic_pool(1);
        let rules = Rules::default();
        let a = draw_cluster(&pool, &rules, 7);
        let violations = validate(&a, &pool, &rules);
        assert!(violations.is_empty(), "{violations:#?}");
        for (_, pairings) in &a {
            for p in pairings {
                assert!(p.reviewers.len() >= 2 && p.reviewers.len() <= 4, "{p:?}");
            }
            // Balanced: with ~126 reviews over ~190 parties nobody needs three.
            let l = loads(pairings);
            assert!(l.values().all(|&n| n <= 2), "{l:?}");
        }
        assert_eq!(a, draw_cluster(&pool, &rules, 7), "same seed, same draw");
        let c = draw_cluster(&pool, &rules, 8);
        assert_ne!(a, c, "another seed, another draw");
        assert!(validate(&c, &pool, &rules).is_empty());
    }

    #[test]
    fn draw_does_not_depend_on_input_order() {
        let pool = synthetic_pool(1);
        let groups = three_groups(&pool);
        let members = &groups[0].1;
        let a = draw_group(members, &pool, &[], &Rules::default(), 42).unwrap();
        let mut pool2 = pool.clone();
        pool2.reverse();
        let mut members2 = members.clone();
        members2.rotate_left(17);
        let b = draw_group(&members2, &pool2, &[], &Rules::default(), 42).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn every_party_under_review_spreads_the_load() {
        // All 190 under review in one group: 380 reviews, two per party on
        // average; the draw keeps every load within one of that.
        let pool = synthetic_pool(1);
        let rules = Rules::default();
        let p = draw_group(&pool, &pool, &[], &rules, 3).unwrap();
        let v = validate(&[(1, p.clone())], &pool, &rules);
        assert!(v.is_empty(), "{v:#?}");
        let l = loads(&p);
        let idle = pool.len() - l.len();
        assert!(
            idle <= 2 && l.values().all(|&n| n <= 3),
            "idle {idle}, {l:?}"
        );
    }

    #[test]
    fn exactly_tight_draw_is_found() {
        // Without Protocols, 190 parties all under review with a cap of 2:
        // every party must review exactly twice.
        let mut pool = synthetic_pool(1);
        for c in pool.iter_mut() {
            (c.tip, c.som, c.fa) = (false, false, false);
        }
        let rules = Rules {
            cap_per_group: 2,
            ..Rules::default()
        };
        for seed in 0..3 {
            let p = draw_group(&pool, &pool, &[], &rules, seed).unwrap();
            assert!(validate(&[(1, p.clone())], &pool, &rules).is_empty());
            assert!(loads(&p).values().all(|&n| n == 2));
        }
    }

    #[test]
    fn sole_member_of_its_region_cannot_be_paired() {
        let mut pool = synthetic_pool(1);
        pool.retain(|c| c.region != Region::Weog);
        pool.push(cand("NRU", Region::Weog, true, false, false));
        let under = vec![pool.last().unwrap().clone()];
        let err = draw_group(&under, &pool, &[], &Rules::default(), 1).unwrap_err();
        let msg = err.to_string();
        assert!(
            matches!(err, DrawError::NoValidPairing { ref party, .. } if party == "NRU"),
            "{msg}"
        );
        assert!(
            msg.contains("Western European and Others group (WEOG)"),
            "{msg}"
        );
        assert!(msg.contains("rule a"), "{msg}");
    }

    fn firearms_pool() -> Vec<Candidate> {
        vec![
            cand("NRU", Region::Apg, true, false, true),
            cand("AP1", Region::Apg, true, false, false),
            cand("AP2", Region::Apg, true, true, false),
            cand("WE1", Region::Weog, true, true, true),
            cand("WE2", Region::Weog, true, false, true),
            cand("AF1", Region::Afg, true, true, true),
        ]
    }

    #[test]
    fn firearms_gap_draws_an_additional_reviewer() {
        let pool = firearms_pool();
        let under = vec![pool[0].clone()];
        for seed in 0..20 {
            let p = draw_group(&under, &pool, &[], &Rules::default(), seed).unwrap();
            let r = &p[0].reviewers;
            assert_eq!(r.len(), 3, "{r:?}");
            assert!(r[0].starts_with("AP"));
            assert!(!r[1].starts_with("AP"));
            let extra = pool.iter().find(|c| c.code == r[2]).unwrap();
            assert!(extra.fa, "{r:?}");
            assert!(validate(&[(1, p.clone())], &pool, &Rules::default()).is_empty());
        }
    }

    #[test]
    fn firearms_gap_with_no_room_or_nobody_is_explained() {
        let pool = firearms_pool();
        let under = vec![pool[0].clone()];
        let tight = Rules {
            max_reviewers: 2,
            ..Rules::default()
        };
        let msg = draw_group(&under, &pool, &[], &tight, 1)
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("no valid pairing for NRU with at most 2 reviewers (rule c)"),
            "{msg}"
        );
        assert!(
            msg.contains(
                "no other party of the Asia-Pacific group (APG) is party to the Firearms Protocol"
            ),
            "{msg}"
        );
        // With the party's agreement to more reviewers, the draw goes through.
        let agreed = Rules {
            max_reviewers: 2,
            allow_more_reviewers: true,
            ..Rules::default()
        };
        assert_eq!(
            draw_group(&under, &pool, &[], &agreed, 1).unwrap()[0]
                .reviewers
                .len(),
            3
        );
        // Nobody else party to the Firearms Protocol: no draw, and the reason.
        let mut none = pool.clone();
        for c in none.iter_mut().skip(1) {
            c.fa = false;
        }
        let msg = draw_group(&under, &none, &[], &Rules::default(), 1)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("no valid pairing for NRU"), "{msg}");
        assert!(msg.contains("Firearms Protocol (rule c)"), "{msg}");
    }

    #[test]
    fn main_reviewers_party_to_everything_are_preferred() {
        let mut pool = firearms_pool();
        pool.push(cand("AP3", Region::Apg, true, false, true));
        let under = vec![pool[0].clone()];
        for seed in 0..20 {
            let p = draw_group(&under, &pool, &[], &Rules::default(), seed).unwrap();
            assert_eq!(p[0].reviewers.len(), 2);
            assert_eq!(p[0].reviewers[0], "AP3");
        }
    }

    #[test]
    fn mutual_review_across_groups_is_avoided() {
        let pool = vec![
            cand("AAA", Region::Eeg, true, true, true),
            cand("BBB", Region::Eeg, true, true, true),
            cand("CCC", Region::Eeg, true, true, true),
            cand("DDD", Region::Afg, true, true, true),
            cand("EEE", Region::Afg, true, true, true),
        ];
        // In group 1 BBB reviewed AAA, so AAA may not review BBB.
        let cluster = vec![Pairing {
            under_review: "AAA".into(),
            reviewers: vec!["BBB".into(), "DDD".into()],
        }];
        let under = vec![pool[1].clone()];
        for seed in 0..20 {
            let p = draw_group(&under, &pool, &cluster, &Rules::default(), seed).unwrap();
            assert_eq!(p[0].reviewers[0], "CCC");
        }
    }

    #[test]
    fn cap_failure_names_the_cap_and_the_region() {
        let mut pool = synthetic_pool(1);
        pool.retain(|c| c.region != Region::Eeg);
        let eeg: Vec<Candidate> = (0..4)
            .map(|i| cand(&format!("EE{i}"), Region::Eeg, false, false, false))
            .collect();
        pool.extend(eeg.iter().cloned());
        let rules = Rules {
            cap_per_group: 1,
            ..Rules::default()
        };
        // A cycle of four uses each EEG party once: feasible.
        let p = draw_group(&eeg, &pool, &[], &rules, 5).unwrap();
        assert!(validate(&[(1, p)], &pool, &rules).is_empty());
        // A fifth EEG party under review, not in the pool: one reviewer short.
        let mut under = eeg;
        under.push(cand("EE9", Region::Eeg, false, false, false));
        let msg = draw_group(&under, &pool, &[], &rules, 5)
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("cap of 1 reviews per party per group leaves no reviewer for EE9"),
            "{msg}"
        );
        assert!(msg.contains("Eastern European group (EEG)"), "{msg}");
    }

    /// Two regions of four parties, all under review and nobody else from
    /// those regions; eight parties of a third region; cap 1. Every valid
    /// draw is a four-cycle within each region with all second reviewers from
    /// the third region: a greedy pass routinely takes a wrong turn.
    fn trap() -> (Vec<Candidate>, Vec<Candidate>, Rules) {
        let mut pool = Vec::new();
        for i in 0..4 {
            pool.push(cand(&format!("AF{i}"), Region::Afg, false, false, false));
            pool.push(cand(&format!("AP{i}"), Region::Apg, false, false, false));
        }
        let under = pool.clone();
        for i in 0..8 {
            pool.push(cand(&format!("EE{i}"), Region::Eeg, false, false, false));
        }
        (
            under,
            pool,
            Rules {
                cap_per_group: 1,
                ..Rules::default()
            },
        )
    }

    #[test]
    fn backtracking_finds_the_draw_a_greedy_pass_misses() {
        let (under, pool, rules) = trap();
        let mut greedy_failures = 0;
        let mut backtracked = 0;
        for seed in 0..40 {
            if draw_group_with(&under, &pool, &[], &rules, seed, false).is_err() {
                greedy_failures += 1;
            }
            let (p, stats) = draw_group_with(&under, &pool, &[], &rules, seed, true)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            if stats.backtracks > 0 {
                backtracked += 1;
            }
            let v = validate(&[(1, p.clone())], &pool, &rules);
            assert!(v.is_empty(), "seed {seed}: {v:#?}");
            for pr in &p {
                assert!(pr.reviewers[1].starts_with("EE"), "{pr:?}");
            }
        }
        assert!(
            greedy_failures > 0,
            "the instance should defeat a single greedy pass"
        );
        assert!(
            backtracked > 0,
            "the search should have had to undo choices"
        );
    }

    #[test]
    fn redraw_gives_new_reviewers_and_keeps_the_cluster_valid() {
        let pool = synthetic_pool(1);
        let rules = Rules::default();
        let mut cluster = draw_cluster(&pool, &rules, 11);
        for target_index in [0usize, 10, 40] {
            let group = &cluster[1].1;
            let current = group[target_index].clone();
            let target = pool
                .iter()
                .find(|c| c.code == current.under_review)
                .unwrap();
            let others: Vec<Pairing> = group
                .iter()
                .filter(|p| p.under_review != target.code)
                .cloned()
                .collect();
            let elsewhere: Vec<Pairing> = cluster
                .iter()
                .filter(|(g, _)| *g != 2)
                .flat_map(|(_, p)| p.iter().cloned())
                .collect();
            let new = redraw(target, &current, &pool, &others, &elsewhere, 0, &rules, 99).unwrap();
            let again =
                redraw(target, &current, &pool, &others, &elsewhere, 0, &rules, 99).unwrap();
            assert_eq!(new, again, "reproducible");
            assert_eq!(new.under_review, current.under_review);
            assert!(
                new.reviewers.iter().all(|r| !current.reviewers.contains(r)),
                "{current:?} -> {new:?}"
            );
            cluster[1].1[target_index] = new;
            let v = validate(&cluster, &pool, &rules);
            assert!(v.is_empty(), "{v:#?}");
        }
    }

    #[test]
    fn redraw_keeps_an_old_reviewer_only_when_nobody_else_may_serve() {
        let pool = vec![
            cand("XXX", Region::Eeg, false, false, false),
            cand("OLD", Region::Eeg, false, false, false),
            cand("FUL", Region::Eeg, false, false, false),
            cand("AF1", Region::Afg, false, false, false),
            cand("AF2", Region::Afg, false, false, false),
        ];
        let rules = Rules {
            cap_per_group: 1,
            ..Rules::default()
        };
        let current = Pairing {
            under_review: "XXX".into(),
            reviewers: vec!["OLD".into(), "AF1".into()],
        };
        // FUL already reviews once in the group: at the cap of 1.
        let others = vec![Pairing {
            under_review: "AF2".into(),
            reviewers: vec!["AF1".into(), "FUL".into()],
        }];
        let new = redraw(&pool[0], &current, &pool, &others, &[], 2, &rules, 4).unwrap();
        assert_eq!(new.reviewers, vec!["OLD".to_string(), "AF2".to_string()]);
        let v = validate(&[(1, vec![new, others[0].clone()])], &pool, &rules);
        assert!(v.is_empty(), "{v:#?}");
    }

    #[test]
    fn fifth_redraw_is_refused() {
        let pool = synthetic_pool(1);
        let target = &pool[0];
        let current = Pairing {
            under_review: target.code.clone(),
            reviewers: vec!["AF00001".into(), "WE00001".into()],
        };
        let err = redraw(target, &current, &pool, &[], &[], 4, &Rules::default(), 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "review of {} has been redrawn 4 times; a fifth redraw is refused (rule e)",
                target.code
            )
        );
        assert!(redraw(target, &current, &pool, &[], &[], 3, &Rules::default(), 1).is_ok());
    }

    #[test]
    fn validate_names_every_broken_rule() {
        let pool = vec![
            cand("AAA", Region::Eeg, true, false, true),
            cand("BBB", Region::Eeg, true, false, false),
            cand("CCC", Region::Afg, true, false, false),
            cand("DDD", Region::Afg, true, true, true),
        ];
        let rules = Rules {
            cap_per_group: 1,
            ..Rules::default()
        };
        let g1 = vec![
            // AAA: both main reviewers lack FA, wrong order of regions.
            Pairing {
                under_review: "AAA".into(),
                reviewers: vec!["CCC".into(), "BBB".into()],
            },
            Pairing {
                under_review: "BBB".into(),
                reviewers: vec!["BBB".into()],
            },
        ];
        let g2 = vec![Pairing {
            under_review: "CCC".into(),
            reviewers: vec!["DDD".into(), "AAA".into()],
        }];
        let g3 = vec![Pairing {
            under_review: "DDD".into(),
            reviewers: vec!["CCC".into(), "AAA".into()],
        }];
        let v = validate(&[(1, g1), (2, g2), (3, g3)], &pool, &rules);
        let all = v.join("\n");
        for needle in [
            "first reviewer CCC of AAA is from the African group (AFG)",
            "second reviewer BBB of AAA is from AAA's own",
            "the Firearms Protocol is under review for AAA",
            "BBB reviews itself (rule d)",
            "review of BBB has 1 reviewer(s)",
            "CCC reviews DDD (group 3) and DDD reviews CCC (group 2)",
        ] {
            assert!(all.contains(needle), "missing {needle:?} in\n{all}");
        }
        let capped = validate(
            &[(
                1,
                vec![
                    Pairing {
                        under_review: "AAA".into(),
                        reviewers: vec!["BBB".into(), "CCC".into()],
                    },
                    Pairing {
                        under_review: "DDD".into(),
                        reviewers: vec!["CCC".into(), "BBB".into()],
                    },
                ],
            )],
            &pool,
            &rules,
        );
        assert!(
            capped
                .iter()
                .any(|m| m.contains("CCC is drawn as reviewer 2 times; the cap is 1")),
            "{capped:#?}"
        );
    }

    #[test]
    fn validate_flags_three_against_none() {
        let mut pool = vec![cand("R00", Region::Weog, false, false, false)];
        for i in 0..6 {
            pool.push(cand(&format!("W{i:02}"), Region::Weog, false, false, false));
            pool.push(cand(&format!("A{i:02}"), Region::Afg, false, false, false));
        }
        let pairings: Vec<Pairing> = (0..3)
            .map(|i| Pairing {
                under_review: format!("A{i:02}"),
                reviewers: vec![format!("A{:02}", i + 3), "R00".into()],
            })
            .collect();
        let v = validate(&[(1, pairings)], &pool, &Rules::default());
        assert!(
            v.iter()
                .any(|m| m.contains("R00 reviews 3 times while W00")),
            "{v:#?}"
        );
    }

    #[test]
    #[ignore = "timing; run with --ignored --nocapture (ideally --release)"]
    fn timing_of_group_draws() {
        for scale in [1usize, 100] {
            let pool = synthetic_pool(scale);
            let mut order: Vec<&Candidate> = pool.iter().collect();
            order.sort_by_key(|c| {
                splitmix(
                    c.code
                        .bytes()
                        .fold(3u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b))),
                )
            });
            let under: Vec<Candidate> = order
                .iter()
                .take(65 * scale)
                .map(|c| (*c).clone())
                .collect();
            let t = Instant::now();
            let (p, stats) =
                draw_group_with(&under, &pool, &[], &Rules::default(), 1, true).unwrap();
            let elapsed = t.elapsed();
            let t = Instant::now();
            let v = validate(&[(1, p.clone())], &pool, &Rules::default());
            println!(
                "scale {scale}: {} under review, pool {}: draw {elapsed:?} ({} nodes, {} backtracks), validate {:?}, {} violations",
                under.len(),
                pool.len(),
                stats.nodes,
                stats.backtracks,
                t.elapsed(),
                v.len()
            );
            assert!(v.is_empty());
        }
    }
}
