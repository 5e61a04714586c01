//! The `reviews` table (and its reviewers in `review_reviewers`): its
//! columns, a review's values for them, and a review read back by column
//! name. The milestone columns are named by [`Milestone::field`], so a new
//! milestone brings its column with it.

use super::row::{Columns, Named, date_value, parse, text_value};
use super::{Result, StoreError};
use crate::domain::model::{Language, Languages, Milestone, Milestones, Review, Reviewers, Text};
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::json;
use std::sync::LazyLock;

/// A column of `reviews` that holds part of a [`Review`], in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Group,
    Cluster,
    UnderReview,
    Start,
    Redraws,
    Languages,
    Milestone(Milestone),
}

impl Columns for Column {
    const TABLE: &'static str = "reviews";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Group,
        Column::Cluster,
        Column::UnderReview,
        Column::Start,
        Column::Redraws,
        Column::Languages,
        Column::Milestone(Milestone::Consultation),
        Column::Milestone(Milestone::Saq),
        Column::Milestone(Milestone::Feedback),
        Column::Milestone(Milestone::Observations),
        Column::Milestone(Milestone::Summary),
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Group => "grp",
            Column::Cluster => "cluster",
            Column::UnderReview => "under_review",
            Column::Start => "start",
            Column::Redraws => "redraws",
            Column::Languages => "languages",
            Column::Milestone(m) => m.field(),
        }
    }
}

impl Column {
    /// Whether an update may change it: a review keeps its id, group,
    /// cluster and the party under review.
    fn updatable(self) -> bool {
        !matches!(
            self,
            Column::Id | Column::Group | Column::Cluster | Column::UnderReview
        )
    }

    /// The review's value for this column, as stored.
    fn value(self, r: &Review) -> ToSqlOutput<'_> {
        match self {
            Column::Id => ToSqlOutput::Owned(Value::Integer(r.id)),
            Column::Group => ToSqlOutput::Owned(Value::Integer(r.group.into())),
            Column::Cluster => ToSqlOutput::Owned(Value::Integer(r.cluster.into())),
            Column::UnderReview => text_value(&r.under_review),
            Column::Start => date_value(r.start),
            Column::Redraws => ToSqlOutput::Owned(Value::Integer(r.redraws.into())),
            Column::Languages => ToSqlOutput::Owned(Value::Text(languages_text(&r.languages))),
            Column::Milestone(m) => date_value(r.milestones.get(m)),
        }
    }
}

/// Every column of a review, for `SELECT {COLUMNS} FROM reviews`.
pub static COLUMNS: LazyLock<String> = LazyLock::new(Column::list);

/// Inserts a review (not its reviewers); parameter `?k` is the `k`-th column.
pub static INSERT: LazyLock<String> = LazyLock::new(Column::insert);

/// Replaces a review's updatable columns and bumps its row version;
/// parameters as for [`INSERT`].
pub static UPDATE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = Column::ALL
        .iter()
        .enumerate()
        .filter(|(_, c)| c.updatable())
        .map(|(k, c)| format!("{} = ?{}", c.name(), k + 1))
        .collect();
    format!(
        "UPDATE reviews SET {}, version = version + 1 WHERE id = ?1",
        sets.join(", ")
    )
});

/// The review's values for [`INSERT`] and [`UPDATE`], with `id` in place
/// of the review's (`None`: the store gives one).
pub fn params(r: &Review, id: Option<i64>) -> impl rusqlite::Params + '_ {
    params_from_iter(Column::ALL.iter().map(move |&c| match c {
        Column::Id => ToSqlOutput::Owned(id.map_or(Value::Null, Value::Integer)),
        c => c.value(r),
    }))
}

/// Languages as stored: codes joined by commas, in the agreed order.
pub fn languages_text(langs: &[Language]) -> String {
    langs
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A review without its reviewers (filled in by the caller), from a row
/// that selected [`COLUMNS`].
pub(crate) fn from_row(r: &Named<'_, '_>) -> Result<Review> {
    let mut languages = Languages::new();
    for s in r.text_nn("languages")?.split(',').filter(|s| !s.is_empty()) {
        languages.push(parse("language", s)?);
    }
    let mut milestones = Milestones::default();
    for &m in Milestone::ALL {
        milestones.set(m, r.opt_date(m.field())?);
    }
    Ok(Review {
        id: r.get("id")?,
        group: r.get("grp")?,
        cluster: r.get("cluster")?,
        under_review: Text::from(r.text_nn("under_review")?),
        reviewers: Reviewers::new(),
        start: r.opt_date("start")?,
        redraws: r.get("redraws")?,
        languages,
        milestones,
    })
}

/// Writes a review's reviewers in order, replacing any it had.
pub fn write_reviewers(conn: &Connection, id: i64, reviewers: &[Text]) -> Result<()> {
    conn.execute("DELETE FROM review_reviewers WHERE review = ?1", [id])?;
    let mut st = conn.prepare_cached(
        "INSERT INTO review_reviewers (review, position, party) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, party) in reviewers.iter().enumerate() {
        st.execute(params![id, pos as i64, party.as_str()])?;
    }
    Ok(())
}

/// One review with its reviewers and row version, in or out of a transaction.
pub fn read(conn: &Connection, id: i64) -> Result<(Review, i64)> {
    let found = conn
        .query_row(
            &format!("SELECT {}, version FROM reviews WHERE id = ?1", *COLUMNS),
            [id],
            |r| Ok((from_row(&Named::new(r)), r.get::<_, i64>("version")?)),
        )
        .optional()?;
    let Some((review, version)) = found else {
        return Err(StoreError::NotFound {
            what: "review",
            key: id.to_string(),
        });
    };
    let mut review = review?;
    let mut st = conn
        .prepare_cached("SELECT party FROM review_reviewers WHERE review = ?1 ORDER BY position")?;
    review.reviewers = st
        .query_map([id], |r| r.get::<_, String>("party").map(Text::from))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((review, version))
}

/// A review as the audit log records it.
pub fn json(r: &Review) -> serde_json::Value {
    let mut v = json!({"id": r.id, "group": r.group, "cluster": r.cluster,
        "under_review": r.under_review, "reviewers": r.reviewers.as_slice(),
        "start": r.start.map(|d| d.to_string()), "redraws": r.redraws,
        "languages": r.languages.as_slice()});
    for &m in Milestone::ALL {
        v[m.field()] = json!(r.milestones.get(m).map(|d| d.to_string()));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_every_column_once() {
        assert_eq!(
            *COLUMNS,
            "id, grp, cluster, under_review, start, redraws, languages, consultation_held, \
             saq_submitted, feedback_submitted, observations_finalized, summary_finalized"
        );
        assert_eq!(
            *UPDATE,
            "UPDATE reviews SET start = ?5, redraws = ?6, languages = ?7, consultation_held = ?8, \
             saq_submitted = ?9, feedback_submitted = ?10, observations_finalized = ?11, \
             summary_finalized = ?12, version = version + 1 WHERE id = ?1"
        );
    }
}
