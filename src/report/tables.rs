//! The tables behind the report, as CSV (every cell formula-safe through
//! `cli::output::write_csv`).

use super::files::CsvRows;
use super::lookup::Lookup;
use crate::domain::clusters::Scope;
use crate::domain::engine::{self, Item};
use crate::domain::model::{Affiliation, Desk, Gender, Obligation, Person, Review, Role, Stage};
use crate::domain::stats::language_key;
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Write;

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn party_name(l: &Lookup, code: &str) -> String {
    l.party(code)
        .map(|p| p.name.to_string())
        .unwrap_or_default()
}

/// The obligation a review waits on next: the earliest unmet obligation of
/// the review itself or, while it awaits nominations, a focal point owed by
/// one of its parties. `of_review` holds the review's unmet obligations,
/// `fp_owed` the unmet focal point nominations by party.
pub fn next_due<'a>(
    of_review: &[&'a Item],
    fp_owed: &HashMap<&str, &'a Item>,
    review: &Review,
    awaiting_fp: bool,
) -> Option<&'a Item> {
    let nominations = review
        .parties()
        .filter(|_| awaiting_fp)
        .filter_map(|p| fp_owed.get(p).copied());
    of_review.iter().copied().chain(nominations).min_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.party.cmp(&b.party))
            .then_with(|| a.obligation.cmp(&b.obligation))
    })
}

/// `reviews.csv`: every review started by `as_of`, its stage and milestones
/// as at that day, and what it waits on next.
pub fn reviews_csv(desk: &Desk, as_of: NaiveDate) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_reviews_csv(&mut out, &Lookup::new(desk, as_of))?;
    Ok(out)
}

/// [`reviews_csv`] written to `w` a row at a time, as each is made.
pub fn write_reviews_csv<W: Write>(w: W, l: &Lookup) -> Result<()> {
    let (desk, as_of) = (l.desk, l.as_of);
    // The unmet obligations as compact entries: those of reviews sorted by
    // review id (a stable sort: each review's in the engine's order), each
    // review's made into items as its row is written.
    let mut kept = l.kept(|i| !i.status.is_met());
    let review_id = |e: &engine::Entry| e.review().map(|k| desk.reviews[k as usize].id);
    let mut fp: HashMap<String, Item> = HashMap::new();
    for e in kept.entries.iter().filter(|e| e.review().is_none()) {
        if e.obligation() == Obligation::FocalPoint {
            let i = kept.item(e);
            fp.insert(i.party.clone(), i);
        }
    }
    let fp_owed: HashMap<&str, &Item> = fp.iter().map(|(k, i)| (k.as_str(), i)).collect();
    let mut entries = std::mem::take(&mut kept.entries);
    entries.retain(|e| e.review().is_some());
    entries.sort_by_key(|e| review_id(e));
    let mut csv = CsvRows::new(w, &REVIEW_HEADER)?;
    for (r, start) in engine::started_reviews(desk, as_of) {
        {
            let m = r.milestones.as_at(as_of);
            let st = l.stage(r);
            let from = entries.partition_point(|e| review_id(e) < Some(r.id));
            let to = entries.partition_point(|e| review_id(e) <= Some(r.id));
            let items: Vec<Item> = entries[from..to].iter().map(|e| kept.item(e)).collect();
            let of_review: Vec<&Item> = items.iter().collect();
            let next = next_due(&of_review, &fp_owed, r, st == Stage::AwaitingNominations);
            csv.row(&[
                r.id.to_string(),
                r.group.to_string(),
                r.cluster.to_string(),
                r.under_review.to_string(),
                party_name(l, &r.under_review),
                r.reviewers.join(" "),
                start.to_string(),
                st.as_str().to_string(),
                if m.consultation_held.is_some() {
                    language_key(&r.languages)
                } else {
                    String::new()
                },
                opt_date(m.consultation_held),
                opt_date(m.saq_submitted),
                opt_date(m.feedback_submitted),
                opt_date(m.observations_finalized),
                opt_date(m.summary_finalized),
                next.map(|i| i.due.to_string()).unwrap_or_default(),
                next.map(|i| i.obligation.as_str().to_string())
                    .unwrap_or_default(),
                next.map(|i| i.party.clone()).unwrap_or_default(),
                next.map(|i| i.status.key().to_string()).unwrap_or_default(),
            ])?;
        }
    }
    csv.finish()
}

const REVIEW_HEADER: [&str; 18] = [
    "id",
    "group",
    "cluster",
    "under_review",
    "under_review_name",
    "reviewers",
    "start",
    "stage",
    "languages",
    "consultation_held",
    "saq_submitted",
    "feedback_submitted",
    "observations_finalized",
    "summary_finalized",
    "next_due",
    "next_obligation",
    "next_party",
    "next_status",
];

/// `overdue.csv`: every overdue obligation as at `as_of`, most overdue
/// first, with the reminders sent about it.
pub fn overdue_csv(desk: &Desk, as_of: NaiveDate) -> Result<Vec<u8>> {
    overdue_csv_in(desk, None, as_of)
}

/// [`overdue_csv`] of one cluster's obligations, when a scope is given.
pub fn overdue_csv_in(desk: &Desk, scope: Option<&Scope>, as_of: NaiveDate) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_overdue_csv(&mut out, &Lookup::new(desk, as_of), scope)?;
    Ok(out)
}

/// [`overdue_csv_in`] written to `w` a row at a time, as each is made.
pub fn write_overdue_csv<W: Write>(w: W, l: &Lookup, scope: Option<&Scope>) -> Result<()> {
    let mut csv = CsvRows::new(w, &OVERDUE_HEADER)?;
    // Held as compact entries, in the order of `engine::overdue`.
    let mut kept =
        l.kept(|i| i.status.days_overdue().is_some() && scope.is_none_or(|s| s.keeps(i)));
    kept.sort_for_triage();
    for e in &kept.entries {
        let i = &kept.item(e);
        {
            let sent = l.reminders_about(i);
            let last = sent.last;
            csv.row(&[
                i.review.map(|r| r.to_string()).unwrap_or_default(),
                i.party.clone(),
                party_name(l, &i.party),
                i.obligation.as_str().to_string(),
                i.due.to_string(),
                opt_date(i.original_due),
                i.status.days_overdue().unwrap_or(0).to_string(),
                sent.count.to_string(),
                last.map(|(date, _)| date.to_string()).unwrap_or_default(),
                last.map(|(_, channel)| channel.as_str().to_string())
                    .unwrap_or_default(),
            ])?;
        }
    }
    csv.finish()
}

const OVERDUE_HEADER: [&str; 10] = [
    "review",
    "party",
    "party_name",
    "obligation",
    "due",
    "original_due",
    "days_overdue",
    "reminders",
    "last_reminder",
    "last_channel",
];

fn person_row(l: &Lookup, p: &Person, as_of: NaiveDate) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.party.to_string(),
        party_name(l, &p.party),
        p.name.to_string(),
        p.email.as_deref().unwrap_or_default().to_string(),
        p.phone.as_deref().unwrap_or_default().to_string(),
        p.gender.map(|g| g.as_str().to_string()).unwrap_or_default(),
        p.affiliation
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        p.nominated.to_string(),
        opt_date(p.ended.filter(|e| *e <= as_of)),
        if p.current(as_of) { "yes" } else { "no" }.to_string(),
    ]
}

const PERSON_HEADER: [&str; 11] = [
    "id",
    "party",
    "party_name",
    "name",
    "email",
    "phone",
    "gender",
    "affiliation",
    "nominated",
    "ended",
    "current",
];

/// `focal-points.csv`: every focal point nominated by `as_of`, current or
/// since ended (the history of substitutions), by party.
pub fn focal_points_csv(desk: &Desk, as_of: NaiveDate) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_focal_points_csv(&mut out, &Lookup::new(desk, as_of))?;
    Ok(out)
}

/// [`focal_points_csv`] written to `w` a row at a time.
pub fn write_focal_points_csv<W: Write>(w: W, l: &Lookup) -> Result<()> {
    let as_of = l.as_of;
    let mut people: Vec<&Person> = l
        .desk
        .people
        .iter()
        .filter(|p| p.role == Role::FocalPoint && p.nominated <= as_of)
        .collect();
    people.sort_by(|a, b| {
        a.party
            .cmp(&b.party)
            .then(a.nominated.cmp(&b.nominated))
            .then(a.id.cmp(&b.id))
    });
    let mut csv = FocalPointRows::new(w)?;
    for p in people {
        csv.row(l, p)?;
    }
    csv.finish()
}

/// The rows of `focal-points.csv`, written as they come (sorted by party,
/// date nominated and id).
pub struct FocalPointRows<W: Write>(CsvRows<W>);

impl<W: Write> FocalPointRows<W> {
    pub fn new(w: W) -> Result<FocalPointRows<W>> {
        Ok(FocalPointRows(CsvRows::new(w, &PERSON_HEADER)?))
    }

    pub fn row(&mut self, l: &Lookup, p: &Person) -> Result<()> {
        self.0.row(&person_row(l, p, l.as_of))
    }

    pub fn finish(self) -> Result<()> {
        self.0.finish()
    }
}

/// One person of `revdesk contacts --format json`: the keys of the CSV,
/// with JSON's own types (null for nothing, a boolean for `current`).
#[derive(Debug, serde::Serialize)]
pub struct PersonRecord<'a> {
    pub id: i64,
    pub party: &'a str,
    pub party_name: String,
    pub role: Role,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub gender: Option<Gender>,
    pub affiliation: Option<Affiliation>,
    pub nominated: NaiveDate,
    pub ended: Option<NaiveDate>,
    pub current: bool,
}

impl<'a> PersonRecord<'a> {
    /// One person of `revdesk contacts --format json`.
    pub fn new(l: &Lookup, p: &'a Person, as_of: NaiveDate) -> PersonRecord<'a> {
        PersonRecord {
            id: p.id,
            party: &p.party,
            party_name: party_name(l, &p.party),
            role: p.role,
            name: &p.name,
            email: p.email.as_deref(),
            phone: p.phone.as_deref(),
            gender: p.gender,
            affiliation: p.affiliation,
            nominated: p.nominated,
            ended: p.ended.filter(|e| *e <= as_of),
            current: p.current(as_of),
        }
    }
}

/// The header of `revdesk contacts --format csv`: the keys of
/// `focal-points.csv` with the role after the party's name.
pub fn people_csv_header() -> Vec<&'static str> {
    let mut header: Vec<&str> = PERSON_HEADER.to_vec();
    header.insert(3, "role");
    header
}

/// One person of `revdesk contacts --format csv`, with their role
/// (`focal_point`, as in the JSON).
pub fn person_csv_row(l: &Lookup, p: &Person, as_of: NaiveDate) -> Vec<String> {
    let mut row = person_row(l, p, as_of);
    row.insert(3, p.role.as_str().to_string());
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn focal_points_csv_neutralises_formulas() {
        let desk = Desk {
            parties: vec![Party {
                code: "AUT".into(),
                name: "=HYPERLINK(\"http://x\")".into(),
                kind: PartyKind::State,
                regional_group: Some(Region::Weog),
                pairs_as: None,
                group: Some(1),
                instruments: Instruments::default(),
            }],
            people: vec![Person {
                id: 1,
                party: "AUT".into(),
                role: Role::FocalPoint,
                name: "@SUM(A1:A9)".into(),
                email: Some("-2+3@example.org".into()),
                phone: Some("+43 1 234".into()),
                gender: Some(Gender::Female),
                affiliation: None,
                nominated: d("2020-12-10"),
                ended: None,
            }],
            ..Default::default()
        };
        let csv = String::from_utf8(focal_points_csv(&desk, d("2024-02-29")).unwrap()).unwrap();
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[2], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&row[3], "'@SUM(A1:A9)");
        assert_eq!(&row[4], "'-2+3@example.org");
        assert_eq!(&row[5], "'+43 1 234");
        assert_eq!(&row[10], "yes");
    }
}
