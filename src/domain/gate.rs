//! The gate to the next cluster (DESIGN.md section 4, paragraph 25 of the
//! paper): the next thematic cluster may begin once a share (the
//! threshold, 70 per cent unless the Conference decides otherwise) of a
//! group's reviews in the current cluster are concluded.
//!
//! The threshold is kept as an exact decimal fraction and `needed` is
//! computed in integers: 0.55 × 100 is 55 exactly, never the floating
//! point 55.00000000000001 rounded up to 56.

use super::model::Desk;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A share between 0 and 1 as an exact decimal fraction (`num / den`, den a
/// power of ten), as the secretariat writes it: "0.70", "0.675", "1".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    num: u64,
    den: u64,
}

impl Threshold {
    /// The paper's 70 per cent.
    pub const DEFAULT: Threshold = Threshold { num: 70, den: 100 };

    /// The reviews needed of `reviews`: ceil(threshold × reviews), exactly.
    pub fn needed(self, reviews: u64) -> u64 {
        (u128::from(self.num) * u128::from(reviews)).div_ceil(u128::from(self.den)) as u64
    }

    /// The share as a number, for JSON (0.7).
    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// "70 per cent", "67.5 per cent".
    pub fn per_cent(self) -> String {
        let scaled = u128::from(self.num) * 100;
        let den = u128::from(self.den);
        if scaled % den == 0 {
            return format!("{} per cent", scaled / den);
        }
        let text = self.to_string();
        let digits = text.split_once('.').map_or("", |(_, f)| f);
        // Move the decimal point two places: 0.675 -> 67.5.
        let whole = scaled / den;
        let rest = digits.get(2..).unwrap_or("");
        format!("{whole}.{rest} per cent")
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold::DEFAULT
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            return write!(f, "{}", self.num);
        }
        let places = self.den.ilog10() as usize;
        write!(
            f,
            "{}.{:0places$}",
            self.num / self.den,
            self.num % self.den
        )
    }
}

impl FromStr for Threshold {
    type Err = String;
    /// A decimal from 0 to 1 with at most six places ("0.70", ".7", "1").
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a share from 0 to 1 (e.g. 0.70)");
        let (whole, frac) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
            return Err(bad());
        }
        if frac.len() > 6 || whole.len() > 1 {
            return Err(bad());
        }
        let den = 10u64.pow(frac.len() as u32);
        let w: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let f: u64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| bad())?
        };
        let num = w * den + f;
        if num > den {
            return Err(bad());
        }
        Ok(Threshold { num, den })
    }
}

impl Serialize for Threshold {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// The gate of one group in one cluster as at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gate {
    pub cluster: u32,
    pub group: u32,
    pub threshold: Threshold,
    /// The group's reviews in the cluster started as at the date.
    pub reviews: u64,
    /// ceil(threshold × reviews).
    pub needed: u64,
    /// Of those, the ones concluded as at the date.
    pub concluded: u64,
    pub open: bool,
    /// The day the needed-th review concluded (none while closed, or when
    /// no review is needed).
    pub opened: Option<NaiveDate>,
}

/// The gate of `group` in `cluster` as at `as_of`. A review is concluded on
/// the later of the days its list of observations and its summary were
/// finalized; milestones dated after `as_of` do not exist yet.
pub fn gate(desk: &Desk, cluster: u32, group: u32, threshold: Threshold, as_of: NaiveDate) -> Gate {
    let mut reviews = 0u64;
    let mut concluded: Vec<NaiveDate> = Vec::new();
    for r in desk
        .reviews
        .iter()
        .filter(|r| r.cluster == cluster && r.group == group)
    {
        if desk.review_start(r).is_none_or(|s| s > as_of) {
            continue;
        }
        reviews += 1;
        if let Some(c) = r.milestones.as_at(as_of).concluded() {
            concluded.push(c);
        }
    }
    concluded.sort_unstable();
    let needed = threshold.needed(reviews);
    let open = concluded.len() as u64 >= needed;
    let opened = if open && needed > 0 {
        concluded.get(needed as usize - 1).copied()
    } else {
        None
    };
    Gate {
        cluster,
        group,
        threshold,
        reviews,
        needed,
        concluded: concluded.len() as u64,
        open,
        opened,
    }
}

/// The group whose gate governs `cluster`: the first group with a review in
/// it (group 1 in the paper's Mechanism), else group 1.
pub fn first_group(desk: &Desk, cluster: u32) -> u32 {
    desk.reviews
        .iter()
        .filter(|r| r.cluster == cluster)
        .map(|r| r.group)
        .min()
        .unwrap_or(1)
}

/// The gate of every group with reviews in `cluster`, by group number.
pub fn gates(desk: &Desk, cluster: u32, threshold: Threshold, as_of: NaiveDate) -> Vec<Gate> {
    let groups: std::collections::BTreeSet<u32> = desk
        .reviews
        .iter()
        .filter(|r| r.cluster == cluster)
        .map(|r| r.group)
        .collect();
    groups
        .into_iter()
        .map(|g| gate(desk, cluster, g, threshold, as_of))
        .collect()
}

impl Gate {
    /// The gate in the paper's words (paragraph 25), as at `as_of`.
    pub fn sentence(&self, as_of: NaiveDate) -> String {
        let date = as_of.format("%-d %B %Y");
        let t = self.threshold.per_cent();
        let head = format!(
            "In order to start the review of the next thematic cluster, {t} of the reviews in group {} of cluster {} must be completed, unless the Conference decides otherwise.",
            self.group, self.cluster
        );
        let state = match (self.open, self.opened) {
            _ if self.reviews == 0 => format!(
                "As at {date}, no review of group {} in cluster {} had started.",
                self.group, self.cluster
            ),
            (true, Some(day)) => format!(
                "As at {date}, {} of its {} reviews had been concluded; the {} needed were reached on {}, and the next cluster may begin.",
                self.concluded,
                self.reviews,
                self.needed,
                day.format("%-d %B %Y")
            ),
            (true, None) => format!(
                "As at {date}, {} of its {} reviews had been concluded, and no review is needed: the next cluster may begin.",
                self.concluded, self.reviews
            ),
            (false, _) => format!(
                "As at {date}, {} of its {} reviews had been concluded, against the {} needed before the next cluster may begin.",
                self.concluded, self.reviews, self.needed
            ),
        };
        format!("{head} {state}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> Threshold {
        s.parse().unwrap()
    }

    #[test]
    fn needed_is_an_exact_ceiling() {
        // 0.7 × 62 = 43.4 -> 44 (the paper's group 1).
        assert_eq!(Threshold::DEFAULT.needed(62), 44);
        // 0.55 × 100 = 55 exactly: in floating point 55.00000000000001,
        // whose ceiling would be 56.
        assert_eq!((0.55f64 * 100.0).ceil(), 56.0);
        assert_eq!(t("0.55").needed(100), 55);
        assert_eq!(t("0.55").needed(200), 110);
        assert_eq!(Threshold::DEFAULT.needed(10), 7);
        assert_eq!(Threshold::DEFAULT.needed(20), 14);
        assert_eq!(Threshold::DEFAULT.needed(30), 21);
        assert_eq!(Threshold::DEFAULT.needed(0), 0);
        assert_eq!(Threshold::DEFAULT.needed(1), 1);
        assert_eq!(t("0.5").needed(63), 32);
        assert_eq!(t("0.5").needed(64), 32);
        assert_eq!(t("0.675").needed(40), 27);
        assert_eq!(t("0.675").needed(41), 28);
        assert_eq!(t("1").needed(64), 64);
        assert_eq!(t("0").needed(64), 0);
        assert_eq!(t("0.000001").needed(1), 1);
        assert_eq!(t("1.0").needed(u64::MAX), u64::MAX);
    }

    #[test]
    fn thresholds_are_read_and_written_as_decimals() {
        assert_eq!(t("0.70"), Threshold::DEFAULT);
        assert_eq!(t(".7").needed(62), 44);
        assert_eq!(t("0.70").to_string(), "0.70");
        assert_eq!(t("1").to_string(), "1");
        assert_eq!(t("0.05").to_string(), "0.05");
        assert_eq!(Threshold::DEFAULT.per_cent(), "70 per cent");
        assert_eq!(t("0.675").per_cent(), "67.5 per cent");
        assert_eq!(t("0.6754").per_cent(), "67.54 per cent");
        for bad in [
            "",
            ".",
            "1.5",
            "2",
            "-0.1",
            "0,7",
            "70%",
            "0.1234567",
            "abc",
        ] {
            assert!(bad.parse::<Threshold>().is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&Threshold::DEFAULT).unwrap(), "0.7");
    }

    fn review(id: i64, group: u32, obs: Option<&str>, summary: Option<&str>) -> Review {
        let fb = obs.or(summary).map(|_| d("2022-01-01"));
        Review {
            id,
            group,
            cluster: 1,
            under_review: "AAA".into(),
            reviewers: Reviewers::new(),
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: Milestones {
                consultation_held: fb,
                saq_submitted: fb,
                feedback_submitted: fb,
                observations_finalized: obs.map(d),
                summary_finalized: summary.map(d),
            },
        }
    }

    /// Ten reviews of group 1 (from 2020-12-01) and two of group 2 (from
    /// 2021-11-01). Conclusion = the later of list and summary:
    /// #1 2022-03-01, #2 2022-04-10 (list 04-10 after summary 04-01),
    /// #3 2022-05-01, #4 2022-06-15, #5 2022-06-15, #6 2022-07-01,
    /// #7 2022-09-30; #8 only a list (not concluded); #9, #10 nothing.
    fn desk() -> Desk {
        Desk {
            groups: vec![
                Group {
                    number: 1,
                    start: d("2020-12-01"),
                },
                Group {
                    number: 2,
                    start: d("2021-11-01"),
                },
            ],
            reviews: vec![
                review(1, 1, Some("2022-03-01"), Some("2022-02-01")),
                review(2, 1, Some("2022-04-10"), Some("2022-04-01")),
                review(3, 1, Some("2022-05-01"), Some("2022-05-01")),
                review(4, 1, Some("2022-06-15"), Some("2022-06-01")),
                review(5, 1, Some("2022-06-01"), Some("2022-06-15")),
                review(6, 1, Some("2022-07-01"), Some("2022-07-01")),
                review(7, 1, Some("2022-09-30"), Some("2022-09-01")),
                review(8, 1, Some("2022-03-01"), None),
                review(9, 1, None, None),
                review(10, 1, None, None),
                review(11, 2, Some("2022-03-01"), Some("2022-03-01")),
                review(12, 2, None, None),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn the_gate_by_hand_at_several_dates() {
        let desk = desk();
        let g = |as_of: &str| gate(&desk, 1, 1, Threshold::DEFAULT, d(as_of));
        // Before the group started: no review, nothing needed.
        let before = g("2020-11-30");
        assert_eq!((before.reviews, before.needed, before.concluded), (0, 0, 0));
        assert_eq!(before.opened, None);
        // 10 reviews, 7 needed (exactly 0.7 × 10).
        let early = g("2022-04-09");
        assert_eq!((early.reviews, early.needed, early.concluded), (10, 7, 1));
        assert!(!early.open);
        assert_eq!(early.opened, None);
        // #2's list is final on 04-10: concluded that day, not on 04-01.
        assert_eq!(g("2022-04-10").concluded, 2);
        // #4 and #5 both conclude on 06-15: five concluded.
        let june = g("2022-06-15");
        assert_eq!((june.concluded, june.open), (5, false));
        assert_eq!(g("2022-06-30").concluded, 5);
        let july = g("2022-07-01");
        assert_eq!((july.concluded, july.open), (6, false));
        // The seventh concludes on 09-30: the gate opens that day.
        assert!(!g("2022-09-29").open);
        let open = g("2022-09-30");
        assert_eq!((open.concluded, open.open), (7, true));
        assert_eq!(open.opened, Some(d("2022-09-30")));
        // Later it stays opened on the same day.
        assert_eq!(g("2024-01-01").opened, Some(d("2022-09-30")));
        // With 50 per cent: 5 needed, reached on 06-15 (#4 and #5).
        let half = gate(&desk, 1, 1, t("0.5"), d("2024-01-01"));
        assert_eq!((half.needed, half.opened), (5, Some(d("2022-06-15"))));
        // Group 2: 2 reviews, ceil(1.4) = 2 needed, 1 concluded.
        let two = gate(&desk, 1, 2, Threshold::DEFAULT, d("2024-01-01"));
        assert_eq!(
            (two.reviews, two.needed, two.concluded, two.open),
            (2, 2, 1, false)
        );
        assert_eq!(
            gates(&desk, 1, Threshold::DEFAULT, d("2024-01-01")).len(),
            2
        );
        assert_eq!(first_group(&desk, 1), 1);
    }

    #[test]
    fn the_gate_in_words() {
        let desk = desk();
        let closed = gate(&desk, 1, 1, Threshold::DEFAULT, d("2022-07-01"));
        let s = closed.sentence(d("2022-07-01"));
        assert!(
            s.contains("70 per cent of the reviews in group 1 of cluster 1"),
            "{s}"
        );
        assert!(
            s.contains("6 of its 10 reviews had been concluded, against the 7 needed"),
            "{s}"
        );
        let open = gate(&desk, 1, 1, Threshold::DEFAULT, d("2023-01-01"));
        assert!(
            open.sentence(d("2023-01-01"))
                .contains("reached on 30 September 2022"),
            "{}",
            open.sentence(d("2023-01-01"))
        );
        let json = serde_json::to_value(&open).unwrap();
        assert_eq!(json["threshold"], 0.7);
        assert_eq!(json["opened"], "2022-09-30");
        assert_eq!(json["needed"], 7);
    }
}
