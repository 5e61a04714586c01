//! Pace and projection (docs/pace.md): how long each step of a review
//! takes at the pace the Mechanism actually moves, and when each review, and
//! the gate, will be reached at that pace. Derived as at a date, never stored.
//!
//! Each step is a spell; a Kaplan-Meier estimate per kind of spell, over
//! every review of every cluster and group, gives its median and the time
//! still to run for a spell already under way. The estimate lands exactly on
//! its bounds (one half, half of S(e)) often enough that every comparison is
//! made on exact fractions.

use super::engine::started_reviews;
use super::gate::{self, Gate, Threshold};
use super::model::{Desk, Milestones, Review, Stage};
use super::roster::People;
use super::stages::{focal_point_parties, stage};
use super::stats::thousands;
use chrono::NaiveDate;
use num_bigint::BigUint;
use serde::Serialize;
use std::collections::BTreeMap;

/// The four spells a review passes through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spell {
    /// From the review's start to the preliminary consultation.
    Consultation,
    /// From the consultation to the SAQ submitted.
    Saq,
    /// From the SAQ to the written feedback submitted.
    Feedback,
    /// From the feedback to the conclusion.
    Observations,
}

impl Spell {
    pub const ALL: [Spell; 4] = [
        Spell::Consultation,
        Spell::Saq,
        Spell::Feedback,
        Spell::Observations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Spell::Consultation => "consultation",
            Spell::Saq => "saq",
            Spell::Feedback => "feedback",
            Spell::Observations => "observations",
        }
    }

    /// The step as a sentence names it: "from the start to the preliminary consultation".
    pub fn label(self) -> &'static str {
        match self {
            Spell::Consultation => "from the start of a review to its preliminary consultation",
            Spell::Saq => "from the consultation to the self-assessment questionnaire",
            Spell::Feedback => "from the questionnaire to the written feedback",
            Spell::Observations => "from the feedback to the conclusion of the review",
        }
    }

    /// A short name for a column or a legend.
    pub fn short_label(self) -> &'static str {
        match self {
            Spell::Consultation => "consultation",
            Spell::Saq => "SAQ",
            Spell::Feedback => "feedback",
            Spell::Observations => "observations",
        }
    }
}

/// One review's spell of one kind as at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpellState {
    /// Its begin date does not exist (yet): not observed.
    NotBegun,
    /// Begun, not ended: censored at the as-at date.
    Open { begin: NaiveDate },
    /// Begun and ended.
    Complete { begin: NaiveDate, end: NaiveDate },
}

/// The four spells of a review that started on `start`, as at `as_of`
/// (milestones dated after it do not exist).
pub fn review_spells(start: NaiveDate, m: &Milestones, as_of: NaiveDate) -> [SpellState; 4] {
    let m = m.as_at(as_of);
    let bounds = [
        Some(start),
        m.consultation_held,
        m.saq_submitted,
        m.feedback_submitted,
        m.concluded(),
    ];
    std::array::from_fn(|k| match (bounds[k], bounds[k + 1]) {
        (None, _) => SpellState::NotBegun,
        (Some(begin), None) => SpellState::Open { begin },
        (Some(begin), Some(end)) => SpellState::Complete { begin, end },
    })
}

/// The Kaplan-Meier product-limit estimate of one kind of spell, kept as
/// what projections ask of it: for each step of the curve, the first later
/// event time at which the curve has fallen to half its value there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curve {
    /// Distinct event times (days), ascending.
    times: Vec<i64>,
    /// For step i (0 = before the first event, i = after the i-th event
    /// time): the number p > i of the first event time t_p with
    /// S(t_p) <= S(t_i) / 2, if any.
    halved: Vec<Option<u32>>,
    complete: u64,
    open: u64,
}

impl Curve {
    /// The estimate from complete spells' durations (events) and open
    /// spells' times so far (censored), in days.
    pub fn new(mut events: Vec<i64>, mut censored: Vec<i64>) -> Curve {
        events.sort_unstable();
        censored.sort_unstable();
        let total = events.len() + censored.len();
        // (n, d) at each distinct event time: n the spells lasting at least
        // that long (censored ones at that time included), d those ending then.
        let mut times = Vec::new();
        let mut factors = Vec::new();
        let (mut i, mut c) = (0, 0);
        while i < events.len() {
            let t = events[i];
            let j = i + events[i..].partition_point(|&x| x == t);
            c += censored[c..].partition_point(|&x| x < t);
            times.push(t);
            factors.push(((total - i - c) as u64, (j - i) as u64));
            i = j;
        }
        Curve {
            times,
            halved: halvings(&factors),
            complete: events.len() as u64,
            open: censored.len() as u64,
        }
    }

    /// Complete spells (events) in the estimate.
    pub fn complete(&self) -> u64 {
        self.complete
    }

    /// Open spells (censored) in the estimate.
    pub fn open(&self) -> u64 {
        self.open
    }

    /// The smallest event time t with S(t) <= 1/2, or none.
    pub fn median(&self) -> Option<i64> {
        self.halved[0].map(|p| self.times[p as usize - 1])
    }

    /// Days still to run for a spell that has lasted `elapsed` days without
    /// ending: t - elapsed for the smallest event time t > elapsed with
    /// S(t) <= S(elapsed) / 2, or none.
    pub fn remaining(&self, elapsed: i64) -> Option<i64> {
        let step = self.times.partition_point(|&t| t <= elapsed);
        self.halved[step].map(|p| self.times[p as usize - 1] - elapsed)
    }
}

/// For each step i of a curve with factors (n_j, d_j), the first p > i with
/// prod_{i<j<=p} (n_j - d_j) / n_j <= 1/2, exactly. That is S(t_p) <=
/// S(t_i) / 2 without dividing by S(t_i), which may be zero. The answer
/// never moves back as i grows (each factor is at most one), so one window
/// slides over the factors: multiplied in at its end, divided out at its
/// start, each once.
fn halvings(factors: &[(u64, u64)]) -> Vec<Option<u32>> {
    let k = factors.len();
    let mut out = vec![None; k + 1];
    // The window's product over its factors j in (i, p]: the nonzero
    // numerators and the denominators, and how many numerators are zero
    // (d = n: the curve falls to zero, at its last event).
    let mut num = BigUint::from(1u32);
    let mut den = BigUint::from(1u32);
    let mut zeros = 0u32;
    let mut p = 0usize;
    let halved = |num: &BigUint, den: &BigUint, zeros: u32| zeros > 0 || (num << 1u8) <= *den;
    for (i, slot) in out.iter_mut().enumerate() {
        while !halved(&num, &den, zeros) && p < k {
            let (n, d) = factors[p];
            match n - d {
                0 => zeros += 1,
                left => num *= left,
            }
            den *= n;
            p += 1;
        }
        if halved(&num, &den, zeros) {
            *slot = Some(p as u32);
        }
        // Step i + 1: factor i + 1 (index i) leaves the window, if in it.
        if i < k && p > i {
            let (n, d) = factors[i];
            match n - d {
                0 => zeros -= 1,
                left => num /= left,
            }
            den /= n;
        }
    }
    out
}

/// Where a review stands in the projection as at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlook {
    /// Concluded on this date.
    Concluded(NaiveDate),
    /// Projected to conclude on this date at the current pace.
    Projected(NaiveDate),
    /// Not projectable: the estimate of this spell gives no time (the
    /// review's own spell, or a later one).
    Unknown(Spell),
}

impl Outlook {
    pub fn concluded(self) -> Option<NaiveDate> {
        match self {
            Outlook::Concluded(d) => Some(d),
            _ => None,
        }
    }
    pub fn projected(self) -> Option<NaiveDate> {
        match self {
            Outlook::Projected(d) => Some(d),
            _ => None,
        }
    }
    /// The date the review concluded or is projected to: what the gate counts.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Outlook::Concluded(d) | Outlook::Projected(d) => Some(d),
            Outlook::Unknown(_) => None,
        }
    }
}

/// The estimate of every kind of spell as at a date, pooled over all
/// reviews started by then, of every cluster and group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub as_of: NaiveDate,
    curves: [Curve; 4],
}

impl Estimate {
    /// Pools the spells of every review of `desk` started as at `as_of`.
    pub fn new(desk: &Desk, as_of: NaiveDate) -> Estimate {
        Estimate::from_reviews(
            started_reviews(desk, as_of).map(|(r, start)| (start, &r.milestones)),
            as_of,
        )
    }

    /// Pools the spells of the reviews given by start and milestones (each
    /// started on or before `as_of`).
    pub fn from_reviews<'a>(
        reviews: impl IntoIterator<Item = (NaiveDate, &'a Milestones)>,
        as_of: NaiveDate,
    ) -> Estimate {
        let mut events: [Vec<i64>; 4] = Default::default();
        let mut censored: [Vec<i64>; 4] = Default::default();
        for (start, m) in reviews {
            for (k, s) in review_spells(start, m, as_of).into_iter().enumerate() {
                match s {
                    SpellState::NotBegun => {}
                    SpellState::Open { begin } => censored[k].push((as_of - begin).num_days()),
                    SpellState::Complete { begin, end } => events[k].push((end - begin).num_days()),
                }
            }
        }
        let mut events = events.into_iter();
        let mut censored = censored.into_iter();
        let curves = std::array::from_fn(|_| {
            Curve::new(
                events.next().unwrap_or_default(),
                censored.next().unwrap_or_default(),
            )
        });
        Estimate { as_of, curves }
    }

    pub fn curve(&self, s: Spell) -> &Curve {
        &self.curves[s as usize]
    }

    /// The outlook of a review that started on `start` (on or before the
    /// as-at date D): its conclusion, or D + the time left in its spell +
    /// the median of each later spell.
    pub fn outlook(&self, start: NaiveDate, m: &Milestones) -> Outlook {
        let d = self.as_of;
        if let Some(c) = m.as_at(d).concluded() {
            return Outlook::Concluded(c);
        }
        let spells = review_spells(start, m, d);
        // The first spell begun and not ended (one always is, milestones
        // answering each other; the first if somehow none).
        let (k, begin) = spells
            .iter()
            .enumerate()
            .find_map(|(k, s)| match s {
                SpellState::Open { begin } => Some((k, *begin)),
                _ => None,
            })
            .unwrap_or((0, start));
        let Some(mut days) = self.curves[k].remaining((d - begin).num_days()) else {
            return Outlook::Unknown(Spell::ALL[k]);
        };
        for later in &Spell::ALL[k + 1..] {
            match self.curve(*later).median() {
                Some(m) => days += m,
                None => return Outlook::Unknown(*later),
            }
        }
        match d.checked_add_signed(chrono::TimeDelta::days(days)) {
            Some(date) => Outlook::Projected(date),
            None => Outlook::Unknown(Spell::ALL[k]),
        }
    }
}

/// One kind of spell in the JSON of `revdesk pace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpellFigures {
    pub complete: u64,
    pub open: u64,
    pub median_days: Option<i64>,
}

/// The four kinds of spell, keyed by name in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpellTable {
    pub consultation: SpellFigures,
    pub saq: SpellFigures,
    pub feedback: SpellFigures,
    pub observations: SpellFigures,
}

impl SpellTable {
    pub fn get(&self, s: Spell) -> SpellFigures {
        match s {
            Spell::Consultation => self.consultation,
            Spell::Saq => self.saq,
            Spell::Feedback => self.feedback,
            Spell::Observations => self.observations,
        }
    }
}

/// One review of the cluster, with its outlook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewPace {
    pub id: i64,
    pub cluster: u32,
    pub group: u32,
    /// The review's start (its own or its group's).
    #[serde(skip)]
    pub start: NaiveDate,
    pub stage: Stage,
    pub concluded: Option<NaiveDate>,
    pub projected: Option<NaiveDate>,
    /// The spell whose estimate stops a projection, if one does.
    #[serde(skip)]
    pub blocked_by: Option<Spell>,
}

/// The gate of one group in one cluster (`domain::gate`), and when it
/// is projected to open.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatePace {
    #[serde(flatten)]
    pub gate: Gate,
    /// The needed-th earliest of the group's conclusion and projected
    /// dates; none if fewer than needed exist.
    pub projected: Option<NaiveDate>,
    /// Reviews with neither a conclusion nor a projected date.
    #[serde(skip)]
    pub unknown: u64,
    /// The steps whose estimate stops those reviews' projection, in order.
    #[serde(skip)]
    pub blocked: Vec<Spell>,
}

/// Everything `revdesk pace` says about one cluster as at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    pub as_of: NaiveDate,
    pub spells: SpellTable,
    pub reviews: Vec<ReviewPace>,
    /// The cluster's first group: the gate of paragraph 25, as `stats` gives it.
    pub gate: GatePace,
    /// The cluster reported on.
    #[serde(skip)]
    pub cluster: u32,
    /// Every group with a review started in the cluster, ascending.
    #[serde(skip)]
    pub gates: Vec<GatePace>,
}

/// The needed-th earliest of `dates`; none if there are fewer, or none is needed.
fn nth_earliest(needed: u64, mut dates: Vec<NaiveDate>) -> Option<NaiveDate> {
    let i = usize::try_from(needed).ok()?.checked_sub(1)?;
    dates.sort_unstable();
    dates.get(i).copied()
}

/// The gate of `group` in `cluster` as at `as_of`, and when it is projected
/// to open given the outlooks of the group's reviews in the cluster started
/// by then.
pub fn projected_gate(
    desk: &Desk,
    cluster: u32,
    group: u32,
    threshold: Threshold,
    as_of: NaiveDate,
    outlooks: &[Outlook],
) -> GatePace {
    let gate = gate::gate(desk, cluster, group, threshold, as_of);
    GatePace {
        projected: nth_earliest(
            gate.needed,
            outlooks.iter().filter_map(|o| o.date()).collect(),
        ),
        gate,
        unknown: outlooks.iter().filter(|o| o.date().is_none()).count() as u64,
        blocked: Spell::ALL
            .into_iter()
            .filter(|s| outlooks.contains(&Outlook::Unknown(*s)))
            .collect(),
    }
}

/// The pace of `cluster` as at `as_of`: the estimate pools every cluster,
/// the reviews and gates are the cluster's.
pub fn pace(
    desk: &Desk,
    roster: &(impl People + ?Sized),
    as_of: NaiveDate,
    cluster: u32,
    threshold: Threshold,
) -> Pace {
    pace_with(
        desk,
        roster,
        &Estimate::new(desk, as_of),
        cluster,
        threshold,
    )
}

/// [`pace`] from an estimate already made of the desk as at its date.
pub fn pace_with(
    desk: &Desk,
    roster: &(impl People + ?Sized),
    estimate: &Estimate,
    cluster: u32,
    threshold: Threshold,
) -> Pace {
    let as_of = estimate.as_of;
    let with_fp = focal_point_parties(roster, as_of);
    let mut in_cluster: Vec<(&Review, NaiveDate, Outlook)> = started_reviews(desk, as_of)
        .filter(|(r, _)| r.cluster == cluster)
        .map(|(r, start)| (r, start, estimate.outlook(start, &r.milestones)))
        .collect();
    in_cluster.sort_by_key(|(r, ..)| r.id);
    let reviews = in_cluster
        .iter()
        .map(|(r, start, o)| ReviewPace {
            id: r.id,
            cluster: r.cluster,
            group: r.group,
            start: *start,
            stage: stage(r, as_of, &with_fp),
            concluded: o.concluded(),
            projected: o.projected(),
            blocked_by: match o {
                Outlook::Unknown(s) => Some(*s),
                _ => None,
            },
        })
        .collect();
    let mut by_group: BTreeMap<u32, Vec<Outlook>> = BTreeMap::new();
    for (r, _, o) in &in_cluster {
        by_group.entry(r.group).or_default().push(*o);
    }
    let gate_of = |g: u32| {
        let outlooks = by_group.get(&g).map_or(&[][..], Vec::as_slice);
        projected_gate(desk, cluster, g, threshold, as_of, outlooks)
    };
    let gates: Vec<GatePace> = by_group.keys().map(|g| gate_of(*g)).collect();
    let first = gate::first_group(desk, cluster);
    let gate = gates
        .iter()
        .find(|g| g.gate.group == first)
        .cloned()
        .unwrap_or_else(|| gate_of(first));
    let figures = |s: Spell| {
        let c = estimate.curve(s);
        SpellFigures {
            complete: c.complete(),
            open: c.open(),
            median_days: c.median(),
        }
    };
    Pace {
        as_of,
        spells: SpellTable {
            consultation: figures(Spell::Consultation),
            saq: figures(Spell::Saq),
            feedback: figures(Spell::Feedback),
            observations: figures(Spell::Observations),
        },
        reviews,
        gate,
        cluster,
        gates,
    }
}

impl Pace {
    /// A sentence for each step's median, then one for the gate of each
    /// group (the first group's, the gate of paragraph 25, first).
    pub fn sentences(&self) -> Vec<String> {
        let mut out: Vec<String> = Spell::ALL
            .iter()
            .map(|s| step_sentence(*s, self.spells.get(*s)))
            .collect();
        out.push(self.gate.sentence());
        out.extend(
            self.gates
                .iter()
                .filter(|g| g.gate.group != self.gate.gate.group)
                .map(GatePace::sentence),
        );
        out
    }
}

/// "The preliminary consultation was held a median of 54 days after ...".
fn step_sentence(s: Spell, f: SpellFigures) -> String {
    let (what, done) = match s {
        Spell::Consultation => (
            "The preliminary consultation was held a median of {} days after the start of a review",
            "held",
        ),
        Spell::Saq => (
            "The self-assessment questionnaire was submitted a median of {} days after the preliminary consultation",
            "submitted",
        ),
        Spell::Feedback => (
            "Written feedback was submitted a median of {} days after the self-assessment questionnaire",
            "submitted",
        ),
        Spell::Observations => (
            "Reviews were concluded a median of {} days after the written feedback",
            "concluded",
        ),
    };
    match f.median_days {
        Some(m) => format!(
            "{} ({} {done}, {} awaited).",
            what.replace(
                "{}",
                &u64::try_from(m).map_or_else(|_| m.to_string(), thousands),
            ),
            thousands(f.complete),
            thousands(f.open)
        ),
        None => format!(
            "The median time {} cannot yet be estimated: too few of these steps have ended for the estimate to fall to one half ({} {done}, {} awaited).",
            s.label(),
            thousands(f.complete),
            thousands(f.open)
        ),
    }
}

impl GatePace {
    /// When the gate of this group opened, or is projected to, or why it
    /// cannot be projected.
    pub fn sentence(&self) -> String {
        let g = &self.gate;
        let of = format!(
            "{} of the {} reviews of group {} in cluster {} ({})",
            thousands(g.needed),
            thousands(g.reviews),
            g.group,
            g.cluster,
            g.threshold.per_cent()
        );
        if g.reviews == 0 {
            return format!(
                "No review of group {} has started in cluster {}: there is no gate to project.",
                g.group, g.cluster
            );
        }
        let projected = g.reviews - g.concluded - self.unknown;
        match (g.opened, self.projected) {
            (Some(opened), _) => format!(
                "The gate is open: {of} had concluded on {}; {} {} concluded now.",
                long(opened),
                thousands(g.concluded),
                are(g.concluded)
            ),
            (None, Some(p)) => format!(
                "At the current pace, the gate opens on {}, when {of} will have concluded; {} {} concluded now.",
                long(p),
                thousands(g.concluded),
                are(g.concluded)
            ),
            (None, None) => format!(
                "At the current pace, the gate cannot be projected: {of} must conclude; {} {} and {} more {} projected to, but for {} the time still to run in the {} {} cannot yet be estimated from the reviews that have completed {}.",
                thousands(g.concluded),
                if g.concluded == 1 { "has" } else { "have" },
                thousands(projected),
                if projected == 1 { "is" } else { "are" },
                thousands(self.unknown),
                join_and(self.blocked.iter().map(|s| s.short_label())),
                if self.blocked.len() == 1 {
                    "step"
                } else {
                    "steps"
                },
                if self.blocked.len() == 1 {
                    "it"
                } else {
                    "them"
                },
            ),
        }
    }
}

fn are(n: u64) -> &'static str {
    if n == 1 { "is" } else { "are" }
}

/// "a", "a and b", "a, b and c".
fn join_and<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Group, Languages, Person, Role};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> Threshold {
        s.parse().unwrap()
    }

    fn curve(events: &[i64], censored: &[i64]) -> Curve {
        Curve::new(events.to_vec(), censored.to_vec())
    }

    #[test]
    fn median_where_the_curve_lands_exactly_on_one_half() {
        // 22 spells: 7 end on day 1, 4 on day 2, 11 still open on day 3.
        // S(1) = 15/22, S(2) = 15/22 x 11/15 = 1/2 exactly, so the median
        // is 2; in floating point the product is 0.5000000000000001.
        let events = [vec![1; 7], vec![2; 4]].concat();
        let c = curve(&events, &[3; 11]);
        assert_eq!(c.median(), Some(2));
        let (a, b) = std::hint::black_box((7.0_f64 / 22.0, 4.0_f64 / 15.0));
        assert!((1.0 - a) * (1.0 - b) > 0.5);
        assert_eq!((c.complete(), c.open()), (11, 11));
    }

    #[test]
    fn censored_at_an_event_time_are_still_at_risk_then() {
        // Events 1, 2, 9; two spells censored at 2. At t = 1: n = 5, d = 1,
        // S = 4/5. At t = 2: n = 4 (the event and both censored at 2), d = 1,
        // S = 4/5 x 3/4 = 3/5 > 1/2. At t = 9: n = 1, d = 1, S = 0. Median 9
        // (leaving the censored out of the risk set at 2 would give 2/5 and 2).
        let c = curve(&[1, 2, 9], &[2, 2]);
        assert_eq!(c.median(), Some(9));
        // Ties of events at one time count together: 2, 2 end on day 3 of 4,
        // S(3) = 2/4 = 1/2.
        assert_eq!(curve(&[3, 3, 5], &[4]).median(), Some(3));
    }

    #[test]
    fn a_curve_that_never_falls_to_one_half_has_no_median() {
        // S(3) = 3/4, then only censoring.
        let c = curve(&[3], &[5, 5, 5]);
        assert_eq!(c.median(), None);
        assert_eq!(c.remaining(0), None);
        assert_eq!(c.remaining(4), None);
        // No event at all.
        assert_eq!(curve(&[], &[1, 2]).median(), None);
        assert_eq!(curve(&[], &[]).remaining(0), None);
    }

    #[test]
    fn remaining_time_is_conditional_on_time_spent() {
        // Events 2, 4, 6, 8: S = 3/4, 1/2, 1/4, 0.
        let c = curve(&[2, 4, 6, 8], &[]);
        assert_eq!(c.median(), Some(4));
        // Before the first event S(e) = 1: to 1/2 at 4.
        assert_eq!(c.remaining(0), Some(4));
        assert_eq!(c.remaining(1), Some(3));
        // S(3) = 3/4: to 3/8 or below, first at 6 (1/4).
        assert_eq!(c.remaining(3), Some(3));
        // e on an event time: S(4) = 1/2 (its own step), to 1/4 at 6; t > e.
        assert_eq!(c.remaining(4), Some(2));
        // S(7) = 1/4: to 0 at 8.
        assert_eq!(c.remaining(7), Some(1));
        // Past the last event: no later event time.
        assert_eq!(c.remaining(8), None);
        assert_eq!(c.remaining(30), None);
    }

    #[test]
    fn remaining_from_day_zero_counts_the_events_of_day_zero() {
        // Events 0, 0, 5, 7; censored 0, 9, 9, 9 (eight spells). S(0) =
        // 6/8 = 3/4; S(5) = 3/4 x 4/5 = 3/5; S(7) = 3/5 x 3/4 = 9/20. The
        // median is 7, but a spell begun today (e = 0) must fall to 3/8,
        // which never happens: not projectable.
        let c = curve(&[0, 0, 5, 7], &[0, 9, 9, 9]);
        assert_eq!(c.median(), Some(7));
        assert_eq!(c.remaining(0), None);
        // Events 1, 2, 3, 4 of 4 spells: S = 3/4, 1/2, 1/4, 0. From e = 1,
        // half of 3/4 is 3/8, first reached at 3 (1/4).
        let c = curve(&[1, 2, 3, 4], &[]);
        assert_eq!(c.remaining(1), Some(2));
        // From e = 2, S = 1/2, half is 1/4, reached exactly at 3.
        assert_eq!(c.remaining(2), Some(1));
    }

    fn review(id: i64, group: u32, cluster: u32, m: Milestones) -> Review {
        Review {
            id,
            group,
            cluster,
            under_review: "AUT".into(),
            reviewers: smallvec::smallvec!["FRA".into(), "KEN".into()],
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: m,
        }
    }

    fn ms(dates: [Option<&str>; 5]) -> Milestones {
        let [a, b, c, e, f] = dates.map(|x| x.map(d));
        Milestones {
            consultation_held: a,
            saq_submitted: b,
            feedback_submitted: c,
            observations_finalized: e,
            summary_finalized: f,
        }
    }

    #[test]
    fn spells_as_at_a_date() {
        let m = ms([
            Some("2021-01-11"),
            Some("2021-03-01"),
            None,
            Some("2022-01-01"),
            None,
        ]);
        let s = review_spells(d("2021-01-01"), &m, d("2021-02-01"));
        // The SAQ of 1 March does not exist on 1 February.
        assert_eq!(
            s,
            [
                SpellState::Complete {
                    begin: d("2021-01-01"),
                    end: d("2021-01-11")
                },
                SpellState::Open {
                    begin: d("2021-01-11")
                },
                SpellState::NotBegun,
                SpellState::NotBegun,
            ]
        );
    }

    /// A desk of one group started 2021-01-01 (day 0), as at 2021-01-31
    /// (day 30), with a focal point for every party.
    fn small_desk() -> Desk {
        let day = |n: i64| Some(d("2021-01-01") + chrono::TimeDelta::days(n));
        let m = |c, s, f, o| Milestones {
            consultation_held: c,
            saq_submitted: s,
            feedback_submitted: f,
            observations_finalized: o,
            summary_finalized: o,
        };
        let people = ["AUT", "FRA", "KEN"]
            .iter()
            .enumerate()
            .map(|(i, p)| Person {
                id: i as i64 + 1,
                party: (*p).into(),
                role: Role::FocalPoint,
                name: "X".into(),
                email: None,
                phone: None,
                gender: None,
                affiliation: None,
                nominated: d("2020-12-01"),
                ended: None,
            })
            .collect();
        Desk {
            groups: vec![Group {
                number: 1,
                start: d("2021-01-01"),
            }],
            people,
            reviews: vec![
                // Concluded on day 10: spells 2, 2, 2, 4.
                review(1, 1, 1, m(day(2), day(4), day(6), day(10))),
                // Concluded on day 20: spells 4, 4, 4, 8.
                review(2, 1, 1, m(day(4), day(8), day(12), day(20))),
                // In feedback since day 26 (4 days): consultation 6, saq 20.
                review(3, 1, 1, m(day(6), day(26), None, None)),
                // Consultation open for 30 days.
                review(4, 1, 1, m(None, None, None, None)),
                // Starts after the date: not observed at all.
                Review {
                    start: Some(d("2021-03-01")),
                    ..review(5, 1, 1, m(None, None, None, None))
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn projection_of_each_review_and_the_gate() {
        let desk = small_desk();
        let as_of = d("2021-01-31");
        let p = pace(&desk, desk.people.as_slice(), as_of, 1, t("0.7"));
        // consultation: events 2, 4, 6, censored 30: S(2) = 3/4, S(4) = 1/2
        // -> median 4. saq: events 2, 4, 20: median 4 (S(4) = 1/3).
        // feedback: events 2, 4, censored 4: S(2) = 2/3, S(4) = 2/3 x 1/2
        // = 1/3 -> median 4. observations: events 4, 8: S(4) = 1/2 -> 4.
        let fig = |s| p.spells.get(s);
        assert_eq!(
            fig(Spell::Consultation),
            SpellFigures {
                complete: 3,
                open: 1,
                median_days: Some(4)
            }
        );
        assert_eq!(fig(Spell::Saq).median_days, Some(4));
        assert_eq!(
            fig(Spell::Feedback),
            SpellFigures {
                complete: 2,
                open: 1,
                median_days: Some(4)
            }
        );
        assert_eq!(fig(Spell::Observations).median_days, Some(4));
        let ids: Vec<i64> = p.reviews.iter().map(|r| r.id).collect();
        assert_eq!(ids, [1, 2, 3, 4]);
        assert_eq!(p.reviews[0].concluded, Some(d("2021-01-11")));
        assert_eq!(p.reviews[0].projected, None);
        assert_eq!(p.reviews[0].stage, Stage::Concluded);
        // Review 3, feedback for 4 days: S(4) = 1/3, halved to 1/6: never
        // (no event after 4). Not projectable.
        assert_eq!(p.reviews[2].stage, Stage::Feedback);
        assert_eq!(p.reviews[2].projected, None);
        assert_eq!(p.reviews[2].blocked_by, Some(Spell::Feedback));
        // Review 4, consultation for 30 days: S(30) = 1/2 (last step), no
        // later event: not projectable either.
        assert_eq!(p.reviews[3].projected, None);
        // Gate: 4 reviews started, needed ceil(2.8) = 3, 2 concluded, 2
        // dates in all: not projectable.
        assert_eq!(
            (
                p.gate.gate.reviews,
                p.gate.gate.needed,
                p.gate.gate.concluded,
                p.gate.gate.open
            ),
            (4, 3, 2, false)
        );
        assert_eq!(p.gate.gate.opened, None);
        assert_eq!(p.gate.projected, None);
        assert_eq!(p.gate.unknown, 2);
    }

    #[test]
    fn projection_adds_the_medians_of_later_spells() {
        let mut desk = small_desk();
        // Review 4 held its consultation on the as-at day: its SAQ spell is
        // begun with e = 0, and the consultation curve gains an event at 30
        // (events 2, 4, 6, 30: median 4, unchanged).
        desk.reviews[3].milestones.consultation_held = Some(d("2021-01-31"));
        let as_of = d("2021-01-31");
        let p = pace(&desk, desk.people.as_slice(), as_of, 1, t("0.5"));
        // saq: events 2, 4, 20, censored 0 (review 4's, out of the risk set
        // from day 1): S(2) = 2/3, S(4) = 1/3. From e = 0, S(0) = 1: half
        // first reached at 4, m = 4. Then the feedback and observations
        // medians, 4 each: D + 12.
        assert_eq!(p.reviews[3].stage, Stage::Saq);
        assert_eq!(p.reviews[3].projected, Some(d("2021-02-12")));
        // Gate at 0.5: needed 2 of 4, the 2nd earliest of 11 Jan, 21 Jan and
        // 12 Feb is 21 Jan; already open on that day.
        assert_eq!(p.gate.gate.needed, 2);
        assert!(p.gate.gate.open);
        assert_eq!(p.gate.gate.opened, Some(d("2021-01-21")));
        assert_eq!(p.gate.projected, Some(d("2021-01-21")));
        // At 0.75: 3 of 4, the third date is the projection.
        let p = pace(&desk, desk.people.as_slice(), as_of, 1, t("0.75"));
        assert_eq!(p.gate.gate.needed, 3);
        assert!(!p.gate.gate.open);
        assert_eq!(p.gate.projected, Some(d("2021-02-12")));
    }

    #[test]
    fn estimate_pools_every_cluster_but_reviews_are_the_clusters() {
        let mut desk = small_desk();
        // Review 2 moves to cluster 4 (same start): still in the estimate.
        desk.reviews[1].cluster = 4;
        let p = pace(&desk, desk.people.as_slice(), d("2021-01-31"), 1, t("0.7"));
        assert_eq!(p.spells.consultation.complete, 3);
        assert_eq!(p.reviews.len(), 3);
        assert_eq!(p.gate.gate.reviews, 3);
    }

    #[test]
    fn sentences_say_each_median_and_the_gate() {
        let desk = small_desk();
        let p = pace(&desk, desk.people.as_slice(), d("2021-01-31"), 1, t("0.7"));
        let s = p.sentences();
        assert_eq!(s.len(), 5);
        assert_eq!(
            s[0],
            "The preliminary consultation was held a median of 4 days after the start of a review (3 held, 1 awaited)."
        );
        assert!(s[4].contains("cannot be projected"), "{}", s[4]);
        assert!(s[4].contains("3 of the 4 reviews of group 1 in cluster 1 (70 per cent)"));
        assert!(s[4].contains("but for 2 the time still to run"), "{}", s[4]);
        // Both blocked reviews wait on a spell whose curve ends above half.
        assert_eq!(p.gate.blocked, [Spell::Consultation, Spell::Feedback]);
        assert!(
            s[4].contains("the consultation and feedback steps"),
            "{}",
            s[4]
        );
        let p = pace(&desk, desk.people.as_slice(), d("2021-01-31"), 1, t("0.5"));
        assert_eq!(
            p.gate.sentence(),
            "The gate is open: 2 of the 4 reviews of group 1 in cluster 1 (50 per cent) had concluded on 21 January 2021; 2 are concluded now."
        );
    }
}
