//! The deadline engine (DESIGN.md section 2): every obligation of every
//! review, who owes it, when it is due, and where it stands as at a date.
//!
//! "As at" means the desk as it stood on that day: reviews that start later,
//! nominations, milestones, extensions and reminders dated later do not exist.

use super::model::{Desk, Obligation, Review, Role};
use super::periods::{days_between, months_end, weeks_end};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Engine settings that a secretariat may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Days before the due date from which an obligation shows as due soon.
    pub due_soon_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { due_soon_days: 14 }
    }
}

/// Where an obligation stands on the as-at date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    MetOnTime,
    MetLate { days: i64 },
    Upcoming { days: i64 },
    DueSoon { days: i64 },
    DueToday,
    Overdue { days: i64 },
}

impl Status {
    pub fn is_met(self) -> bool {
        matches!(self, Status::MetOnTime | Status::MetLate { .. })
    }
    pub fn days_overdue(self) -> Option<i64> {
        match self {
            Status::Overdue { days } => Some(days),
            _ => None,
        }
    }
    /// Short text for tables: "overdue 12d", "in 5 days", "met late 3d".
    pub fn describe(self) -> String {
        match self {
            Status::MetOnTime => "met on time".into(),
            Status::MetLate { days } => format!("met {days} d late"),
            Status::Upcoming { days } | Status::DueSoon { days } => {
                format!("in {days} day{}", if days == 1 { "" } else { "s" })
            }
            Status::DueToday => "due today".into(),
            Status::Overdue { days } => format!("{days} d overdue"),
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Status::MetOnTime => "met_on_time",
            Status::MetLate { .. } => "met_late",
            Status::Upcoming { .. } => "upcoming",
            Status::DueSoon { .. } => "due_soon",
            Status::DueToday => "due_today",
            Status::Overdue { .. } => "overdue",
        }
    }
}

/// One obligation owed by one party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `None` for nominations, which a party owes once for all its reviews.
    pub review: Option<i64>,
    pub party: String,
    pub obligation: Obligation,
    /// Due date in force (after any agreed extension).
    pub due: NaiveDate,
    /// Due date before an extension replaced it.
    pub original_due: Option<NaiveDate>,
    pub met: Option<NaiveDate>,
    pub status: Status,
}

/// Status of an obligation due on `due`, met on `met`, seen on `as_of`.
pub fn status(due: NaiveDate, met: Option<NaiveDate>, as_of: NaiveDate, s: Settings) -> Status {
    if let Some(m) = met {
        let late = days_between(due, m);
        return if late > 0 {
            Status::MetLate { days: late }
        } else {
            Status::MetOnTime
        };
    }
    let left = days_between(as_of, due);
    if left < 0 {
        Status::Overdue { days: -left }
    } else if left == 0 {
        Status::DueToday
    } else if left <= s.due_soon_days {
        Status::DueSoon { days: left }
    } else {
        Status::Upcoming { days: left }
    }
}

/// Reviews that exist on `as_of`: those whose start is known and not later.
pub fn started_reviews(
    desk: &Desk,
    as_of: NaiveDate,
) -> impl Iterator<Item = (&Review, NaiveDate)> {
    desk.reviews.iter().filter_map(move |r| {
        let start = desk.review_start(r)?;
        (start <= as_of).then_some((r, start))
    })
}

/// The earliest start of any review a party takes part in, as at a date,
/// in party-code order. (Gathered in a hash map: at a hundred times the
/// real desk, ordered-map lookups dominated.)
pub fn first_starts(desk: &Desk, as_of: NaiveDate) -> Vec<(&str, NaiveDate)> {
    let mut first: HashMap<&str, NaiveDate> = HashMap::with_capacity(desk.parties.len());
    for (r, start) in started_reviews(desk, as_of) {
        for p in r.parties() {
            first
                .entry(p)
                .and_modify(|d| *d = (*d).min(start))
                .or_insert(start);
        }
    }
    let mut out: Vec<(&str, NaiveDate)> = first.into_iter().collect();
    out.sort_unstable_by(|a, b| a.0.cmp(b.0));
    out
}

/// Computes every obligation as at `as_of`, in a stable order.
pub fn obligations(desk: &Desk, as_of: NaiveDate, s: Settings) -> Vec<Item> {
    let mut items = Vec::new();

    // Nominations: owed once per party, from its first review start.
    let mut first_nomination: HashMap<(&str, Role), NaiveDate> =
        HashMap::with_capacity(desk.parties.len() * 2);
    for p in desk.people.iter().filter(|p| p.nominated <= as_of) {
        first_nomination
            .entry((p.party.as_str(), p.role))
            .and_modify(|d| *d = (*d).min(p.nominated))
            .or_insert(p.nominated);
    }
    for (party, start) in first_starts(desk, as_of) {
        for (obligation, role, weeks) in [
            (Obligation::FocalPoint, Role::FocalPoint, 2),
            (Obligation::Experts, Role::Expert, 4),
        ] {
            let due = weeks_end(start, weeks);
            let met = first_nomination.get(&(party, role)).copied();
            items.push(Item {
                review: None,
                party: party.to_string(),
                obligation,
                due,
                original_due: None,
                met,
                status: status(due, met, as_of, s),
            });
        }
    }

    // Extensions in force: the latest agreed on or before as_of wins.
    let mut extended: BTreeMap<(i64, Obligation), (NaiveDate, NaiveDate)> = BTreeMap::new();
    for e in desk.extensions.iter().filter(|e| e.agreed <= as_of) {
        let slot = extended
            .entry((e.review, e.obligation))
            .or_insert((e.agreed, e.due));
        if (e.agreed, e.due) >= *slot {
            *slot = (e.agreed, e.due);
        }
    }

    for (r, start) in started_reviews(desk, as_of) {
        let m = r.milestones.as_at(as_of);
        let mut push =
            |party: &str, obligation: Obligation, base: NaiveDate, met: Option<NaiveDate>| {
                let (due, original_due) = match extended.get(&(r.id, obligation)) {
                    Some(&(_, d)) => (d, Some(base)),
                    None => (base, None),
                };
                items.push(Item {
                    review: Some(r.id),
                    party: party.to_string(),
                    obligation,
                    due,
                    original_due,
                    met,
                    status: status(due, met, as_of, s),
                });
            };
        push(
            &r.under_review,
            Obligation::Saq,
            months_end(start, 6),
            m.saq_submitted,
        );
        if let Some(saq) = m.saq_submitted {
            for rev in &r.reviewers {
                push(
                    rev,
                    Obligation::Feedback,
                    months_end(saq, 6),
                    m.feedback_submitted,
                );
            }
        }
        for rev in &r.reviewers {
            push(
                rev,
                Obligation::Observations,
                months_end(start, 18),
                m.concluded(),
            );
        }
        push(
            &r.under_review,
            Obligation::Phase,
            months_end(start, 24),
            m.concluded(),
        );
    }
    items
}

/// Overdue items, most overdue first, then party, review, obligation.
pub fn overdue(desk: &Desk, as_of: NaiveDate, s: Settings) -> Vec<Item> {
    let mut items: Vec<Item> = obligations(desk, as_of, s)
        .into_iter()
        .filter(|i| i.status.days_overdue().is_some())
        .collect();
    sort_for_triage(&mut items);
    items
}

/// Triage order: most overdue first (then due today, soonest due), then
/// party, review (nominations first), obligation name.
pub fn sort_for_triage(items: &mut [Item]) {
    items.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.party.cmp(&b.party))
            .then_with(|| a.review.cmp(&b.review))
            .then_with(|| a.obligation.as_str().cmp(b.obligation.as_str()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(code: &str, region: Region) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: Some(region),
            pairs_as: None,
            group: Some(1),
            instruments: Instruments::default(),
        }
    }

    fn person(id: i64, party: &str, role: Role, nominated: &str, ended: Option<&str>) -> Person {
        Person {
            id,
            party: party.into(),
            role,
            name: format!("P{id}"),
            email: None,
            phone: None,
            gender: None,
            affiliation: None,
            nominated: d(nominated),
            ended: ended.map(d),
        }
    }

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
            parties: vec![
                party("AUT", Region::Weog),
                party("FRA", Region::Weog),
                party("KEN", Region::Afg),
                party("NGA", Region::Afg),
            ],
            people: vec![
                person(1, "AUT", Role::FocalPoint, "2020-12-10", None),
                person(2, "FRA", Role::FocalPoint, "2020-12-20", Some("2022-01-01")),
                person(3, "AUT", Role::Expert, "2021-01-05", None),
            ],
            reviews: vec![
                Review {
                    id: 1,
                    group: 1,
                    cluster: 1,
                    under_review: "AUT".into(),
                    reviewers: vec!["FRA".into(), "KEN".into()],
                    start: None,
                    redraws: 0,
                    languages: vec![Language::En],
                    milestones: Milestones {
                        consultation_held: Some(d("2021-02-01")),
                        saq_submitted: Some(d("2021-08-31")),
                        ..Default::default()
                    },
                },
                Review {
                    id: 2,
                    group: 2,
                    cluster: 1,
                    under_review: "NGA".into(),
                    reviewers: vec!["KEN".into(), "FRA".into()],
                    start: None,
                    redraws: 0,
                    languages: vec![],
                    milestones: Milestones::default(),
                },
            ],
            extensions: vec![],
            reminders: vec![],
        }
    }

    fn find<'a>(
        items: &'a [Item],
        party: &str,
        o: Obligation,
        review: Option<i64>,
    ) -> Option<&'a Item> {
        items
            .iter()
            .find(|i| i.party == party && i.obligation == o && i.review == review)
    }

    #[test]
    fn statuses_by_day() {
        let s = Settings::default();
        let due = d("2021-05-31");
        assert_eq!(
            status(due, None, d("2021-06-01"), s),
            Status::Overdue { days: 1 }
        );
        assert_eq!(status(due, None, due, s), Status::DueToday);
        assert_eq!(
            status(due, None, d("2021-05-17"), s),
            Status::DueSoon { days: 14 }
        );
        assert_eq!(
            status(due, None, d("2021-05-16"), s),
            Status::Upcoming { days: 15 }
        );
        assert_eq!(
            status(due, Some(due), d("2022-01-01"), s),
            Status::MetOnTime
        );
        assert_eq!(
            status(due, Some(d("2021-06-03")), d("2022-01-01"), s),
            Status::MetLate { days: 3 }
        );
        let wide = Settings { due_soon_days: 30 };
        assert_eq!(
            status(due, None, d("2021-05-01"), wide),
            Status::DueSoon { days: 30 }
        );
    }

    #[test]
    fn nominations_count_from_first_review_start() {
        let items = obligations(&desk(), d("2022-06-01"), Settings::default());
        // FRA takes part in both groups: counted from group 1's start.
        let fra = find(&items, "FRA", Obligation::FocalPoint, None).unwrap();
        assert_eq!(fra.due, d("2020-12-14"));
        assert_eq!(fra.status, Status::MetLate { days: 6 });
        // NGA only in group 2.
        let nga = find(&items, "NGA", Obligation::Experts, None).unwrap();
        assert_eq!(nga.due, d("2021-11-28"));
        assert_eq!(nga.status, Status::Overdue { days: 185 });
        let aut = find(&items, "AUT", Obligation::Experts, None).unwrap();
        assert_eq!(aut.status, Status::MetLate { days: 8 });
        // An ended focal point still met the obligation.
        let items = obligations(&desk(), d("2023-01-01"), Settings::default());
        assert!(
            find(&items, "FRA", Obligation::FocalPoint, None)
                .unwrap()
                .status
                .is_met()
        );
    }

    #[test]
    fn review_obligations() {
        let items = obligations(&desk(), d("2022-03-01"), Settings::default());
        let saq = find(&items, "AUT", Obligation::Saq, Some(1)).unwrap();
        assert_eq!(saq.due, d("2021-05-31"));
        assert_eq!(saq.status, Status::MetLate { days: 92 });
        // Feedback per reviewer, from the SAQ date, month-end rule.
        for rev in ["FRA", "KEN"] {
            let f = find(&items, rev, Obligation::Feedback, Some(1)).unwrap();
            assert_eq!(f.due, d("2022-02-28"));
            assert_eq!(f.status, Status::Overdue { days: 1 });
            let o = find(&items, rev, Obligation::Observations, Some(1)).unwrap();
            assert_eq!(o.due, d("2022-05-31"));
        }
        let phase = find(&items, "AUT", Obligation::Phase, Some(1)).unwrap();
        assert_eq!(phase.due, d("2022-11-30"));
        // No feedback owed while the SAQ is not submitted.
        assert!(find(&items, "KEN", Obligation::Feedback, Some(2)).is_none());
        assert!(find(&items, "NGA", Obligation::Saq, Some(2)).is_some());
    }

    #[test]
    fn as_at_hides_later_records() {
        // Before the SAQ was submitted: no feedback obligation, SAQ overdue.
        let items = obligations(&desk(), d("2021-08-30"), Settings::default());
        assert!(find(&items, "FRA", Obligation::Feedback, Some(1)).is_none());
        assert_eq!(
            find(&items, "AUT", Obligation::Saq, Some(1))
                .unwrap()
                .status,
            Status::Overdue { days: 91 }
        );
        // Group 2 has not started: NGA owes nothing, FRA's start is group 1's.
        assert!(find(&items, "NGA", Obligation::FocalPoint, None).is_none());
        // Before AUT's expert was nominated.
        let items = obligations(&desk(), d("2021-01-04"), Settings::default());
        assert_eq!(
            find(&items, "AUT", Obligation::Experts, None)
                .unwrap()
                .status,
            Status::Overdue { days: 7 }
        );
        // Before any review started: nothing at all.
        assert!(obligations(&desk(), d("2020-11-30"), Settings::default()).is_empty());
    }

    #[test]
    fn extensions_replace_due_dates_once_agreed() {
        let mut desk = desk();
        desk.extensions.push(Extension {
            review: 2,
            obligation: Obligation::Saq,
            due: d("2022-08-31"),
            reason: "clearance".into(),
            agreed: d("2022-04-01"),
        });
        let before = obligations(&desk, d("2022-05-15"), Settings::default());
        let saq = find(&before, "NGA", Obligation::Saq, Some(2)).unwrap();
        assert_eq!(saq.due, d("2022-08-31"));
        assert_eq!(saq.original_due, Some(d("2022-04-30")));
        assert_eq!(saq.status, Status::Upcoming { days: 108 });
        let earlier = obligations(&desk, d("2022-03-31"), Settings::default());
        assert_eq!(
            find(&earlier, "NGA", Obligation::Saq, Some(2)).unwrap().due,
            d("2022-04-30")
        );
    }

    #[test]
    fn overdue_sorted_most_overdue_first() {
        let items = overdue(&desk(), d("2024-02-29"), Settings::default());
        assert!(!items.is_empty());
        for w in items.windows(2) {
            assert!(w[0].status.days_overdue() >= w[1].status.days_overdue());
        }
        assert!(items.iter().all(|i| !i.status.is_met()));
    }

    #[test]
    fn concluded_review_meets_observations_and_phase() {
        let mut desk = desk();
        desk.reviews[0].milestones.feedback_submitted = Some(d("2022-03-01"));
        desk.reviews[0].milestones.observations_finalized = Some(d("2022-10-01"));
        desk.reviews[0].milestones.summary_finalized = Some(d("2022-12-05"));
        let items = obligations(&desk, d("2023-01-01"), Settings::default());
        let phase = find(&items, "AUT", Obligation::Phase, Some(1)).unwrap();
        assert_eq!(phase.met, Some(d("2022-12-05")));
        assert_eq!(phase.status, Status::MetLate { days: 5 });
        let obs = find(&items, "KEN", Obligation::Observations, Some(1)).unwrap();
        assert_eq!(obs.status, Status::MetLate { days: 188 });
        // Only the list finalized: not met yet.
        let items = obligations(&desk, d("2022-11-01"), Settings::default());
        assert!(
            !find(&items, "AUT", Obligation::Phase, Some(1))
                .unwrap()
                .status
                .is_met()
        );
    }
}
