//! Thematic clusters (DESIGN.md section 4): which cluster a figure is
//! about, and the desk as one cluster sees it. Every figure, list and
//! report is about one cluster at a time; counts never mix clusters.

use super::engine::{Item, started_reviews};
use super::hash::{FxMap, FxSet, fx_map};
use super::model::{Desk, Group, Review};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The thematic clusters, in their numbering (cluster 4 follows cluster 1
/// in the Mechanism's workplan).
pub const CLUSTERS: std::ops::RangeInclusive<u32> = 1..=4;

/// The order in which the Mechanism takes up the clusters: the fourth
/// (international cooperation) follows the first.
pub const ORDER: [u32; 4] = [1, 4, 2, 3];

/// The cluster taken up after `cluster` in the workplan, if any.
pub fn following(cluster: u32) -> Option<u32> {
    let i = ORDER.iter().position(|c| *c == cluster)?;
    ORDER.get(i + 1).copied()
}

/// The cluster a figure is about when none is asked for: the latest
/// cluster in which any review has started as at `as_of` (a review's start
/// is its own date, else its group's). Cluster 1 while no review has
/// started: the Mechanism begins with it.
pub fn default_cluster(desk: &Desk, as_of: NaiveDate) -> u32 {
    latest_started(desk, as_of).unwrap_or(1)
}

/// The cluster whose reviews started last as at `as_of` (ties: the higher
/// number), or `None` before any review started.
fn latest_started(desk: &Desk, as_of: NaiveDate) -> Option<u32> {
    started_reviews(desk, as_of)
        .max_by_key(|(r, start)| (*start, r.cluster))
        .map(|(r, _)| r.cluster)
}

/// `cluster` when given, else the default as at `as_of`; a number outside
/// 1-4 is refused naming the option.
pub fn chosen(desk: &Desk, cluster: Option<u32>, as_of: NaiveDate) -> Result<u32, String> {
    match cluster {
        Some(c) if CLUSTERS.contains(&c) => Ok(c),
        Some(c) => Err(format!("--cluster: {c} is not a cluster (1 to 4)")),
        None => Ok(default_cluster(desk, as_of)),
    }
}

/// The start of each group in `cluster`: for cluster 1 the groups' own
/// dates; for a later cluster, the earliest start of the group's reviews in
/// it (every review of a later cluster carries the date it was started on).
pub fn group_starts(desk: &Desk, cluster: u32) -> Vec<Group> {
    if cluster == 1 {
        return desk.groups.clone();
    }
    let mut starts: BTreeMap<u32, NaiveDate> = BTreeMap::new();
    for r in desk.reviews.iter().filter(|r| r.cluster == cluster) {
        if let Some(s) = desk.review_start(r) {
            let e = starts.entry(r.group).or_insert(s);
            *e = (*e).min(s);
        }
    }
    starts
        .into_iter()
        .map(|(number, start)| Group { number, start })
        .collect()
}

/// The desk as cluster `cluster` sees it: its reviews, the extensions and
/// reminders about them, the reminders about no review (nominations), and
/// its groups with their starts in that cluster. Borrowed when the desk
/// holds nothing of another cluster.
pub fn view(desk: &Desk, cluster: u32) -> Cow<'_, Desk> {
    view_with(desk, cluster, true)
}

/// [`view`] without the people, for computations that are given them
/// apart from the desk (the statistics): a copy of the roster saved.
pub fn view_reviews(desk: &Desk, cluster: u32) -> Cow<'_, Desk> {
    view_with(desk, cluster, false)
}

/// [`view`] of a desk given up: the same desk, made by dropping what is
/// not of the cluster rather than copying what is (people, parties and the
/// reminder log are not copied).
pub fn into_view(mut desk: Desk, cluster: u32) -> Desk {
    let whole = desk.reviews.iter().all(|r| r.cluster == cluster)
        && (cluster == 1 || desk.groups == group_starts(&desk, cluster));
    if whole {
        return desk;
    }
    desk.groups = group_starts(&desk, cluster);
    desk.reviews.retain(|r| r.cluster == cluster);
    let ids: BTreeSet<i64> = desk.reviews.iter().map(|r| r.id).collect();
    desk.extensions.retain(|e| ids.contains(&e.review));
    desk.reminders
        .retain(|r| r.review.is_none_or(|id| ids.contains(&id)));
    desk
}

fn view_with(desk: &Desk, cluster: u32, people: bool) -> Cow<'_, Desk> {
    // A desk of that cluster alone (a view already) is its own view.
    if desk.reviews.iter().all(|r| r.cluster == cluster)
        && (cluster == 1 || desk.groups == group_starts(desk, cluster))
    {
        return Cow::Borrowed(desk);
    }
    let reviews: Vec<Review> = desk
        .reviews
        .iter()
        .filter(|r| r.cluster == cluster)
        .cloned()
        .collect();
    let ids: BTreeSet<i64> = reviews.iter().map(|r| r.id).collect();
    Cow::Owned(Desk {
        groups: group_starts(desk, cluster),
        parties: desk.parties.clone(),
        people: if people {
            desk.people.clone()
        } else {
            Vec::new()
        },
        extensions: desk
            .extensions
            .iter()
            .filter(|e| ids.contains(&e.review))
            .cloned()
            .collect(),
        reminders: desk
            .reminders
            .iter()
            .filter(|r| r.review.is_none_or(|id| ids.contains(&id)))
            .cloned()
            .collect(),
        reviews,
    })
}

/// Which obligations belong to one cluster, as at a date: those of its
/// reviews, and the nominations of the parties whose first review (the
/// one that made them owed) is in it. A nomination is owed once per
/// party, from its first review start: a later cluster brings none.
#[derive(Debug, Clone)]
pub struct Scope {
    pub cluster: u32,
    reviews: FxSet<i64>,
    nominating: FxSet<Box<str>>,
}

impl Scope {
    pub fn new(desk: &Desk, cluster: u32, as_of: NaiveDate) -> Scope {
        let reviews = desk
            .reviews
            .iter()
            .filter(|r| r.cluster == cluster)
            .map(|r| r.id)
            .collect();
        // Each party's first started review: (start, cluster, id).
        let mut first: FxMap<&str, (NaiveDate, u32, i64)> = fx_map(desk.parties.len());
        for (r, start) in started_reviews(desk, as_of) {
            let key = (start, r.cluster, r.id);
            for code in r.parties() {
                let e = first.entry(code).or_insert(key);
                *e = (*e).min(key);
            }
        }
        let nominating = first
            .into_iter()
            .filter(|(_, (_, c, _))| *c == cluster)
            .map(|(code, _)| Box::from(code))
            .collect();
        Scope {
            cluster,
            reviews,
            nominating,
        }
    }

    /// Whether the nominations `code` owes belong to this cluster.
    pub fn nominates(&self, code: &str) -> bool {
        self.nominating.contains(code)
    }

    /// Whether review `id` is of this cluster.
    pub fn has_review(&self, id: i64) -> bool {
        self.reviews.contains(&id)
    }

    /// Whether an obligation belongs to this cluster.
    pub fn keeps(&self, item: &Item) -> bool {
        match item.review {
            Some(id) => self.has_review(id),
            None => self.nominating.contains(item.party.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::engine::{Settings, obligations};
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(code: &str, region: Region, group: Option<u32>) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: Some(region),
            pairs_as: None,
            group,
            instruments: Instruments {
                convention: Some(d("2003-01-01")),
                ..Default::default()
            },
        }
    }

    fn review(id: i64, cluster: u32, under: &str, rs: [&str; 2], start: Option<&str>) -> Review {
        Review {
            id,
            group: 1,
            cluster,
            under_review: under.into(),
            reviewers: rs.iter().map(|c| Text::from(*c)).collect(),
            start: start.map(d),
            redraws: 0,
            languages: Languages::new(),
            milestones: Milestones::default(),
        }
    }

    fn desk() -> Desk {
        Desk {
            groups: vec![Group {
                number: 1,
                start: d("2020-12-01"),
            }],
            parties: vec![
                party("AAA", Region::Weog, Some(1)),
                party("BBB", Region::Weog, Some(1)),
                party("CCC", Region::Afg, Some(1)),
            ],
            reviews: vec![
                review(1, 1, "AAA", ["BBB", "CCC"], None),
                review(2, 1, "BBB", ["AAA", "CCC"], None),
                review(3, 4, "AAA", ["BBB", "CCC"], Some("2025-03-01")),
                review(4, 4, "BBB", ["AAA", "CCC"], Some("2025-03-01")),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn the_default_is_the_latest_cluster_started() {
        let desk = desk();
        assert_eq!(default_cluster(&desk, d("2019-01-01")), 1);
        assert_eq!(default_cluster(&desk, d("2020-12-01")), 1);
        assert_eq!(default_cluster(&desk, d("2025-02-28")), 1);
        assert_eq!(default_cluster(&desk, d("2025-03-01")), 4);
        assert_eq!(default_cluster(&Desk::default(), d("2025-03-01")), 1);
        assert_eq!(chosen(&desk, Some(1), d("2025-03-01")), Ok(1));
        assert!(
            chosen(&desk, Some(5), d("2025-03-01"))
                .unwrap_err()
                .contains("--cluster")
        );
    }

    #[test]
    fn the_clusters_follow_the_workplan() {
        assert_eq!(following(1), Some(4));
        assert_eq!(following(4), Some(2));
        assert_eq!(following(3), None);
    }

    #[test]
    fn a_view_holds_one_cluster() {
        let desk = desk();
        let one = view(&desk, 1);
        assert_eq!(one.reviews.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 2]);
        let four = view(&desk, 4);
        assert_eq!(
            four.reviews.iter().map(|r| r.id).collect::<Vec<_>>(),
            [3, 4]
        );
        assert_eq!(
            four.groups,
            [Group {
                number: 1,
                start: d("2025-03-01")
            }]
        );
        let only_one = Desk {
            reviews: desk.reviews[..2].to_vec(),
            ..desk.clone()
        };
        assert!(matches!(view(&only_one, 1), Cow::Borrowed(_)));
        // A view is its own view: nothing is copied again.
        assert!(matches!(view(&four, 4), Cow::Borrowed(_)));
        // A desk given up makes the same view.
        for c in [1, 4, 2] {
            assert_eq!(into_view(desk.clone(), c), *view(&desk, c), "cluster {c}");
        }
        assert_eq!(into_view(only_one.clone(), 1), only_one);
    }

    #[test]
    fn nominations_stay_with_the_cluster_that_brought_them() {
        let desk = desk();
        let as_of = d("2025-03-02");
        let items = obligations(&desk, as_of, Settings::default());
        let one = Scope::new(&desk, 1, as_of);
        let four = Scope::new(&desk, 4, as_of);
        let nominations = |s: &Scope| {
            items
                .iter()
                .filter(|i| i.review.is_none() && s.keeps(i))
                .count()
        };
        // Three parties owe a focal point and experts each, from 2020.
        assert_eq!(nominations(&one), 6);
        assert_eq!(nominations(&four), 0);
        assert!(
            items
                .iter()
                .filter(|i| four.keeps(i))
                .all(|i| matches!(i.review, Some(3 | 4)))
        );
    }
}
