//! Reading the whole desk (and the draw history) into memory. The desk is
//! small enough (tens of thousands of rows at 100 times the real size) that
//! the engine and the screens work on one in-memory copy, read in one
//! short read transaction.

use super::{Result, Store, StoreError};
use crate::domain::model::*;
use chrono::NaiveDate;
use rusqlite::Row;
use std::collections::BTreeMap;
use std::str::FromStr;

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Invalid(format!(
        "the store holds an invalid {what}: {v:?} (run `revdesk check`)"
    ))
}

/// Reads a stored `YYYY-MM-DD` date. Done by hand: chrono's general
/// parser dominated loading a large desk.
fn date(v: String) -> Result<NaiveDate> {
    let b = v.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?))
        .flatten();
    parsed.ok_or_else(|| bad("date", &v))
}

fn opt_date(v: Option<String>) -> Result<Option<NaiveDate>> {
    v.map(date).transpose()
}

fn parse<T: FromStr>(what: &str, v: &str) -> Result<T> {
    v.parse().map_err(|_| bad(what, v))
}

fn opt_parse<T: FromStr>(what: &str, v: Option<String>) -> Result<Option<T>> {
    v.map(|v| parse(what, &v)).transpose()
}

/// Reads each row of `sql` with `f`, failing on the first bad row.
fn rows<T>(store: &Store, sql: &str, f: impl Fn(&Row<'_>) -> Result<T>) -> Result<Vec<T>> {
    let mut st = store.conn().prepare_cached(sql)?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

pub(crate) fn party_from_row(r: &Row<'_>) -> Result<Party> {
    Ok(Party {
        code: r.get(0)?,
        name: r.get(1)?,
        kind: parse("party kind", &r.get::<_, String>(2)?)?,
        regional_group: opt_parse("regional group", r.get(3)?)?,
        pairs_as: opt_parse("regional group", r.get(4)?)?,
        group: r.get(5)?,
        instruments: Instruments {
            convention: opt_date(r.get(6)?)?,
            tip: opt_date(r.get(7)?)?,
            som: opt_date(r.get(8)?)?,
            fa: opt_date(r.get(9)?)?,
        },
    })
}

pub(crate) const PARTY_COLUMNS: &str =
    "code, name, kind, regional_group, pairs_as, grp, convention, tip, som, fa";
pub(crate) const PERSON_COLUMNS: &str =
    "id, party, role, name, email, phone, gender, affiliation, nominated, ended";
pub(crate) const REVIEW_COLUMNS: &str = "id, grp, cluster, under_review, start, redraws, languages, \
     consultation_held, saq_submitted, feedback_submitted, observations_finalized, summary_finalized";

pub(crate) fn person_from_row(r: &Row<'_>) -> Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        party: r.get(1)?,
        role: parse("role", &r.get::<_, String>(2)?)?,
        name: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        gender: opt_parse("gender", r.get(6)?)?,
        affiliation: opt_parse("affiliation", r.get(7)?)?,
        nominated: date(r.get(8)?)?,
        ended: opt_date(r.get(9)?)?,
    })
}

/// Reviews without their reviewers (filled in by the caller).
pub(crate) fn review_from_row(r: &Row<'_>) -> Result<Review> {
    let langs: String = r.get(6)?;
    Ok(Review {
        id: r.get(0)?,
        group: r.get(1)?,
        cluster: r.get(2)?,
        under_review: r.get(3)?,
        reviewers: Vec::new(),
        start: opt_date(r.get(4)?)?,
        redraws: r.get(5)?,
        languages: langs
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| parse("language", s))
            .collect::<Result<_>>()?,
        milestones: Milestones {
            consultation_held: opt_date(r.get(7)?)?,
            saq_submitted: opt_date(r.get(8)?)?,
            feedback_submitted: opt_date(r.get(9)?)?,
            observations_finalized: opt_date(r.get(10)?)?,
            summary_finalized: opt_date(r.get(11)?)?,
        },
    })
}

/// Languages as stored: codes joined by commas, in the agreed order.
pub(crate) fn languages_text(langs: &[Language]) -> String {
    langs
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Which parts of the desk a reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    All,
    WithoutReminders,
}

impl Store {
    /// The whole desk, read in one consistent snapshot.
    pub fn load_desk(&self) -> Result<Desk> {
        self.load(Parts::All)
    }

    /// What deadlines, stages and figures need, read faster: no reminder
    /// log, and people without names or contact details.
    pub fn load_for_deadlines(&self) -> Result<Desk> {
        self.load(Parts::WithoutReminders)
    }

    fn load(&self, parts: Parts) -> Result<Desk> {
        let tx = self.conn().unchecked_transaction()?;
        let desk = self.load_desk_inner(parts)?;
        tx.finish()?;
        Ok(desk)
    }

    fn load_desk_inner(&self, parts: Parts) -> Result<Desk> {
        let groups = rows(
            self,
            "SELECT number, start FROM groups ORDER BY number",
            |r| {
                Ok(Group {
                    number: r.get(0)?,
                    start: date(r.get(1)?)?,
                })
            },
        )?;
        let parties = rows(
            self,
            &format!("SELECT {PARTY_COLUMNS} FROM parties ORDER BY code"),
            party_from_row,
        )?;
        // Deadlines and figures need who was nominated when, not how to
        // reach them: the lean read leaves contact details empty.
        let people_sql = match parts {
            Parts::All => format!("SELECT {PERSON_COLUMNS} FROM people ORDER BY id"),
            Parts::WithoutReminders => {
                "SELECT id, party, role, '', NULL, NULL, gender, affiliation, \
                 nominated, ended FROM people ORDER BY id"
                    .to_string()
            }
        };
        let people = rows(self, &people_sql, person_from_row)?;
        let mut reviews = rows(
            self,
            &format!("SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id"),
            review_from_row,
        )?;
        let mut reviewers: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for (review, party) in rows(
            self,
            "SELECT review, party FROM review_reviewers ORDER BY review, position",
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )? {
            reviewers.entry(review).or_default().push(party);
        }
        for r in &mut reviews {
            r.reviewers = reviewers.remove(&r.id).unwrap_or_default();
        }
        let extensions = rows(
            self,
            "SELECT review, obligation, due, reason, agreed FROM extensions ORDER BY id",
            |r| {
                Ok(Extension {
                    review: r.get(0)?,
                    obligation: parse("obligation", &r.get::<_, String>(1)?)?,
                    due: date(r.get(2)?)?,
                    reason: r.get(3)?,
                    agreed: date(r.get(4)?)?,
                })
            },
        )?;
        let reminders = if parts == Parts::WithoutReminders {
            Vec::new()
        } else {
            rows(
                self,
                "SELECT date, party, review, obligation, channel, note FROM reminders ORDER BY id",
                |r| {
                    Ok(Reminder {
                        date: date(r.get(0)?)?,
                        party: r.get(1)?,
                        review: r.get(2)?,
                        obligation: parse("obligation", &r.get::<_, String>(3)?)?,
                        channel: parse("channel", &r.get::<_, String>(4)?)?,
                        note: r.get(5)?,
                    })
                },
            )?
        };
        Ok(Desk {
            groups,
            parties,
            people,
            reviews,
            extensions,
            reminders,
        })
    }

    /// Every drawing of lots, oldest first.
    pub fn draws(&self) -> Result<Vec<DrawRecord>> {
        rows(
            self,
            "SELECT kind, grp, cluster, review, seed, rules, requested_by, at, os_user, before, after \
             FROM draws ORDER BY id",
            |r| {
                let kind: String = r.get(0)?;
                let seed: String = r.get(4)?;
                Ok(DrawRecord {
                    kind: if kind == "redraw" {
                        DrawKind::Redraw
                    } else {
                        DrawKind::Group
                    },
                    group: r.get(1)?,
                    cluster: r.get(2)?,
                    review: r.get(3)?,
                    seed: seed.parse().map_err(|_| bad("seed", &seed))?,
                    rules: r.get(5)?,
                    requested_by: r.get(6)?,
                    at: r.get(7)?,
                    os_user: r.get(8)?,
                    before: r.get(9)?,
                    after: r.get(10)?,
                })
            },
        )
    }
}
