//! The tables behind Figures I-VI of the secretariat's background paper,
//! computed from [`Stats`]: one source for the SVG charts, the Markdown
//! report and the Figures pane, so a chart never disagrees with
//! `revdesk stats`.

use super::model::{Language, Stage};
use super::stats::Stats;

/// Which way the bars run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Categories along the bottom, bars grow upwards.
    Vertical,
    /// Categories down the left side, bars grow to the right (long labels).
    Horizontal,
}

/// One bar of each category: a stage, a state of progress, a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Stable machine name (`saq`, `submitted`), used in SVG classes.
    pub key: String,
    pub label: String,
}

/// One cluster of bars: a group, or a language combination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Stable machine name (`1`, `ar+en`).
    pub key: String,
    pub label: String,
    /// The reviews of the category (of a group), for "of N" context.
    pub reviews: Option<u64>,
}

/// A figure: categories × series of counts, with its title and axes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// 1 to 6, printed as I to VI.
    pub number: u8,
    pub title: String,
    pub category_axis: String,
    pub value_axis: String,
    pub orientation: Orientation,
    pub categories: Vec<Category>,
    pub series: Vec<Series>,
    /// `values[category][series]`.
    pub values: Vec<Vec<u64>>,
}

impl Figure {
    /// The figure's number as the paper writes it: I, II, … VI.
    pub fn roman(&self) -> &'static str {
        roman(self.number)
    }
    pub fn value(&self, category: usize, series: usize) -> u64 {
        self.values
            .get(category)
            .and_then(|r| r.get(series))
            .copied()
            .unwrap_or(0)
    }
    /// Sum over the series of one category.
    pub fn category_total(&self, category: usize) -> u64 {
        self.values.get(category).map_or(0, |r| r.iter().sum())
    }
    /// Sum over the categories of one series.
    pub fn series_total(&self, series: usize) -> u64 {
        (0..self.categories.len())
            .map(|c| self.value(c, series))
            .sum()
    }
    pub fn total(&self) -> u64 {
        self.values.iter().flatten().sum()
    }
    pub fn max_value(&self) -> u64 {
        self.values.iter().flatten().copied().max().unwrap_or(0)
    }
    /// The value of one named cell, for tests and callers that know keys.
    pub fn get(&self, category: &str, series: &str) -> Option<u64> {
        let c = self.categories.iter().position(|c| c.key == category)?;
        let s = self.series.iter().position(|s| s.key == series)?;
        Some(self.value(c, s))
    }
}

pub fn roman(n: u8) -> &'static str {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "VI",
        _ => "?",
    }
}

fn series(items: &[(&str, &str)]) -> Vec<Series> {
    items
        .iter()
        .map(|(k, l)| Series {
            key: (*k).to_string(),
            label: (*l).to_string(),
        })
        .collect()
}

/// The groups that had started on the as-at date, in order.
fn group_categories(stats: &Stats) -> Vec<Category> {
    let mut keys: Vec<&String> = stats.reviews.by_group.keys().collect();
    keys.sort_by_key(|k| (k.parse::<u64>().unwrap_or(u64::MAX), k.to_string()));
    keys.into_iter()
        .map(|k| Category {
            key: k.clone(),
            label: format!("Group {k}"),
            reviews: stats.reviews.by_group.get(k).copied(),
        })
        .collect()
}

fn stage_count(stats: &Stats, group: &str, stage: Stage) -> u64 {
    stats
        .stages_by_group
        .get(group)
        .and_then(|m| m.get(stage.as_str()))
        .copied()
        .unwrap_or(0)
}

/// A by-group figure whose cells are sums of stage counts.
fn by_group(stats: &Stats, number: u8, title: &str, cells: &[(&str, &str, &[Stage])]) -> Figure {
    let categories = group_categories(stats);
    let values = categories
        .iter()
        .map(|c| {
            cells
                .iter()
                .map(|(_, _, stages)| stages.iter().map(|s| stage_count(stats, &c.key, *s)).sum())
                .collect()
        })
        .collect();
    Figure {
        number,
        title: title.to_string(),
        category_axis: "Group".into(),
        value_axis: "Number of country reviews".into(),
        orientation: Orientation::Vertical,
        categories,
        series: series(&cells.iter().map(|(k, l, _)| (*k, *l)).collect::<Vec<_>>()),
        values,
    }
}

/// Figure I: reviews whose commencement waits on a focal point, by group.
pub fn figure_1(stats: &Stats) -> Figure {
    by_group(
        stats,
        1,
        "Reviews affected by the pending nominations of focal points",
        &[(
            "awaiting_nominations",
            "Reviews affected by pending nominations",
            &[Stage::AwaitingNominations],
        )],
    )
}

/// Short labels of the six stages, as a chart legend shows them.
pub fn stage_label(s: Stage) -> &'static str {
    match s {
        Stage::AwaitingNominations => "Awaiting nominations",
        Stage::AwaitingConsultation => "Awaiting preliminary consultation",
        Stage::Saq => "Self-assessment questionnaire",
        Stage::Feedback => "Written feedback",
        Stage::Observations => "Lists of observations",
        Stage::Concluded => "Concluded",
    }
}

/// Figure II: the stage of every country review, by group.
pub fn figure_2(stats: &Stats) -> Figure {
    let cells: Vec<(&str, &str, [Stage; 1])> = Stage::ALL
        .iter()
        .map(|s| (s.as_str(), stage_label(*s), [*s]))
        .collect();
    let cells: Vec<(&str, &str, &[Stage])> =
        cells.iter().map(|(k, l, s)| (*k, *l, &s[..])).collect();
    by_group(stats, 2, "Status of country reviews, by group", &cells)
}

/// Figure III: reviews whose preliminary consultation was held, by group.
pub fn figure_3(stats: &Stats) -> Figure {
    let categories = group_categories(stats);
    let values = categories
        .iter()
        .map(|c| {
            vec![
                stats
                    .consultations_held
                    .by_group
                    .get(&c.key)
                    .copied()
                    .unwrap_or(0),
            ]
        })
        .collect();
    Figure {
        number: 3,
        title: "Number of country reviews for which preliminary consultations have been conducted"
            .into(),
        category_axis: "Group".into(),
        value_axis: "Number of country reviews".into(),
        orientation: Orientation::Vertical,
        categories,
        series: series(&[("consultation_held", "Preliminary consultation held")]),
        values,
    }
}

/// English name of a working language.
pub fn language_name(l: Language) -> &'static str {
    match l {
        Language::Ar => "Arabic",
        Language::Zh => "Chinese",
        Language::En => "English",
        Language::Fr => "French",
        Language::Ru => "Russian",
        Language::Es => "Spanish",
    }
}

/// The languages of a `stats::language_key`, by English name, in
/// alphabetical order of the names ("Chinese and English").
pub fn language_names(key: &str) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = key
        .split('+')
        .filter_map(|c| c.parse::<Language>().ok())
        .map(language_name)
        .collect();
    names.sort_unstable();
    names
}

/// "Arabic and English", "Arabic, English and French", "Pending".
pub fn language_label(key: &str) -> String {
    if key == "pending" {
        return "Pending (no agreement)".into();
    }
    let names = language_names(key);
    match names.as_slice() {
        [] => key.to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Figure IV: the languages agreed at the consultations held, most used first.
pub fn figure_4(stats: &Stats) -> Figure {
    let mut langs: Vec<(&String, u64)> = stats.languages.iter().map(|(k, n)| (k, *n)).collect();
    // Most used first; pending last; ties by label.
    langs.sort_by(|a, b| {
        (a.0 == "pending")
            .cmp(&(b.0 == "pending"))
            .then(b.1.cmp(&a.1))
            .then_with(|| language_label(a.0).cmp(&language_label(b.0)))
    });
    Figure {
        number: 4,
        title: "Languages selected for the reviews".into(),
        category_axis: "Languages".into(),
        value_axis: "Number of country reviews".into(),
        orientation: Orientation::Horizontal,
        categories: langs
            .iter()
            .map(|(k, _)| Category {
                key: (*k).clone(),
                label: language_label(k),
                reviews: None,
            })
            .collect(),
        series: series(&[("reviews", "Country reviews")]),
        values: langs.iter().map(|(_, n)| vec![*n]).collect(),
    }
}

/// Figure V: self-assessment questionnaires submitted, in preparation (the
/// consultation held, the SAQ not yet submitted) and not started, by group.
pub fn figure_5(stats: &Stats) -> Figure {
    by_group(
        stats,
        5,
        "State of progress of the self-assessment questionnaires, by group",
        &[
            (
                "submitted",
                "Submitted",
                &[Stage::Feedback, Stage::Observations, Stage::Concluded],
            ),
            ("in_preparation", "In preparation", &[Stage::Saq]),
            (
                "not_started",
                "Not started (review not commenced)",
                &[Stage::AwaitingNominations, Stage::AwaitingConsultation],
            ),
        ],
    )
}

/// Figure VI: written feedback submitted and in preparation (the SAQ
/// submitted, the feedback not yet), by group.
pub fn figure_6(stats: &Stats) -> Figure {
    by_group(
        stats,
        6,
        "State of progress of written feedback, by group",
        &[
            (
                "submitted",
                "Submitted",
                &[Stage::Observations, Stage::Concluded],
            ),
            ("in_preparation", "In preparation", &[Stage::Feedback]),
        ],
    )
}

/// Figures I to VI, in order.
pub fn figures(stats: &Stats) -> Vec<Figure> {
    vec![
        figure_1(stats),
        figure_2(stats),
        figure_3(stats),
        figure_4(stats),
        figure_5(stats),
        figure_6(stats),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use crate::domain::stats::compute;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(code: &str, group: u32) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: Some(Region::Weog),
            pairs_as: None,
            group: Some(group),
            instruments: Instruments::default(),
        }
    }

    fn fp(id: i64, party: &str) -> Person {
        Person {
            id,
            party: party.into(),
            role: Role::FocalPoint,
            name: format!("P{id}").into(),
            email: None,
            phone: None,
            gender: None,
            affiliation: None,
            nominated: d("2020-12-05"),
            ended: None,
        }
    }

    fn review(id: i64, group: u32, ur: &str, langs: &[Language], m: Milestones) -> Review {
        Review {
            id,
            group,
            cluster: 1,
            under_review: ur.into(),
            reviewers: smallvec::smallvec!["B".into(), "C".into()],
            start: None,
            redraws: 0,
            languages: Languages::from_slice(langs),
            milestones: m,
        }
    }

    /// Group 1: one review at each of SAQ, feedback, observations,
    /// concluded; group 2: one awaiting nominations (D has no focal point),
    /// one awaiting consultation.
    fn desk() -> Desk {
        let m = |c: Option<&str>, s: Option<&str>, f: Option<&str>, o: Option<&str>| Milestones {
            consultation_held: c.map(d),
            saq_submitted: s.map(d),
            feedback_submitted: f.map(d),
            observations_finalized: o.map(d),
            summary_finalized: o.map(d),
        };
        let c = Some("2021-02-01");
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
            parties: ["A", "B", "C", "E", "F", "G"]
                .iter()
                .map(|p| party(p, 1))
                .chain(["D", "H"].iter().map(|p| party(p, 2)))
                .collect(),
            people: ["A", "B", "C", "E", "F", "G", "H"]
                .iter()
                .enumerate()
                .map(|(i, p)| fp(i as i64 + 1, p))
                .collect(),
            reviews: vec![
                review(1, 1, "A", &[Language::En], m(c, None, None, None)),
                review(
                    2,
                    1,
                    "E",
                    &[Language::En, Language::Ar],
                    m(c, Some("2021-06-01"), None, None),
                ),
                review(
                    3,
                    1,
                    "F",
                    &[Language::Fr, Language::En],
                    m(c, Some("2021-06-01"), Some("2021-12-01"), None),
                ),
                review(
                    4,
                    1,
                    "G",
                    &[],
                    m(
                        c,
                        Some("2021-06-01"),
                        Some("2021-12-01"),
                        Some("2022-06-01"),
                    ),
                ),
                review(5, 2, "D", &[], m(None, None, None, None)),
                review(6, 2, "H", &[], m(None, None, None, None)),
            ],
            extensions: vec![],
            reminders: vec![],
        }
    }

    #[test]
    fn six_figures_from_the_stats() {
        let stats = compute(&desk(), d("2024-02-29"));
        let f = figures(&stats);
        assert_eq!(f.len(), 6);
        assert_eq!(
            f.iter().map(|f| f.roman()).collect::<Vec<_>>(),
            ["I", "II", "III", "IV", "V", "VI"]
        );
        // I: review 5 waits on D's focal point.
        assert_eq!(f[0].get("1", "awaiting_nominations"), Some(0));
        assert_eq!(f[0].get("2", "awaiting_nominations"), Some(1));
        assert_eq!(f[0].categories[1].reviews, Some(2));
        // II: every stage of every group, summing to the group's reviews.
        assert_eq!(f[1].series.len(), 6);
        for (c, cat) in f[1].categories.iter().enumerate() {
            assert_eq!(Some(f[1].category_total(c)), cat.reviews);
        }
        assert_eq!(f[1].get("1", "saq"), Some(1));
        assert_eq!(f[1].get("1", "concluded"), Some(1));
        assert_eq!(f[1].get("2", "awaiting_consultation"), Some(1));
        // III: consultations held.
        assert_eq!(f[2].get("1", "consultation_held"), Some(4));
        assert_eq!(f[2].get("2", "consultation_held"), Some(0));
        // IV: language combinations, most used first, pending last.
        let keys: Vec<&str> = f[3].categories.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["ar+en", "en", "en+fr", "pending"]);
        assert_eq!(f[3].categories[0].label, "Arabic and English");
        assert_eq!(f[3].total(), stats.consultations_held.total);
        // V: submitted = feedback + observations + concluded.
        assert_eq!(f[4].get("1", "submitted"), Some(3));
        assert_eq!(f[4].get("1", "in_preparation"), Some(1));
        assert_eq!(f[4].get("2", "not_started"), Some(2));
        // VI: submitted = observations + concluded; in preparation = feedback.
        assert_eq!(f[5].get("1", "submitted"), Some(2));
        assert_eq!(f[5].get("1", "in_preparation"), Some(1));
        assert_eq!(f[5].get("2", "submitted"), Some(0));
    }

    #[test]
    fn groups_not_started_are_absent() {
        let stats = compute(&desk(), d("2021-01-15"));
        let f = figure_2(&stats);
        assert_eq!(f.categories.len(), 1);
        assert_eq!(f.categories[0].label, "Group 1");
    }

    #[test]
    fn language_labels() {
        assert_eq!(language_label("en"), "English");
        assert_eq!(language_label("en+zh"), "Chinese and English");
        assert_eq!(language_label("es+fr"), "French and Spanish");
        assert_eq!(language_label("ar+en+fr"), "Arabic, English and French");
        assert_eq!(language_label("pending"), "Pending (no agreement)");
    }
}
