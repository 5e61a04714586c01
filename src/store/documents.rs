//! The documents of a review (paragraphs 32, 48, 60(d)): when each became
//! available and when the party agreed to publish it. The `documents`
//! table, one row per review and kind.

use super::register_rows::RegisterRecord;
use super::registers::{date, invalid, parsed, parsed_opt, read_rows};
use super::row::Columns;
use super::{Result, Store, Writer};
use crate::domain::registers::{DocumentKind, ReviewDocument, check_document};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

/// The audit key of a document: `12:saq`.
pub fn document_key(review: i64, kind: DocumentKind) -> String {
    format!("{review}:{kind}")
}

/// Documents with their row versions, by review and kind; one review's
/// when `review` is given.
pub(super) fn read(conn: &Connection, review: Option<i64>) -> Result<Vec<(ReviewDocument, i64)>> {
    let mut out = read_rows(
        conn,
        "SELECT review, kind, available, published, version FROM documents
         WHERE ?1 IS NULL OR review = ?1 ORDER BY review",
        params![review],
        |r| {
            Ok((
                ReviewDocument {
                    review: r.get("review")?,
                    kind: parsed(r, "kind")?,
                    available: date(r, "available")?,
                    published: parsed_opt(r, "published")?,
                },
                r.get("version")?,
            ))
        },
    )?;
    out.sort_by_key(|(d, _)| (d.review, d.kind));
    Ok(out)
}

/// A column of `documents`, in table order; a review and a kind name a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Review,
    Kind,
    Available,
    Published,
}

impl Columns for Column {
    const TABLE: &'static str = "documents";
    const ALL: &'static [Column] = &[
        Column::Review,
        Column::Kind,
        Column::Available,
        Column::Published,
    ];
    fn name(self) -> &'static str {
        match self {
            Column::Review => "review",
            Column::Kind => "kind",
            Column::Available => "available",
            Column::Published => "published",
        }
    }
}

impl RegisterRecord for ReviewDocument {
    type Key = (i64, DocumentKind);
    type Col = Column;
    const ENTITY: &'static str = "document";
    const WHAT: &'static str = "document";
    const KEY: &'static [Column] = &[Column::Review, Column::Kind];
    fn key(&self) -> Self::Key {
        (self.review, self.kind)
    }
    fn key_text((review, kind): Self::Key) -> String {
        document_key(review, kind)
    }
    fn key_values((review, kind): Self::Key) -> Vec<Value> {
        vec![Value::Integer(review), Value::Text(kind.as_str().into())]
    }
    fn inserted(&self, _rowid: i64) -> Self::Key {
        self.key()
    }
    /// A review has one document of a kind: one recorded since stays.
    fn fresh(&self) -> Option<Self> {
        None
    }
    fn audit_id(&self) -> Option<i64> {
        None
    }
    fn read_one(conn: &Connection, (review, kind): Self::Key) -> Result<Option<(Self, i64)>> {
        Ok(read(conn, Some(review))?
            .into_iter()
            .find(|(d, _)| d.kind == kind))
    }
    fn value(&self, col: Column) -> Value {
        match col {
            Column::Review => Value::Integer(self.review),
            Column::Kind => Value::Text(self.kind.as_str().into()),
            Column::Available => Value::Text(self.available.to_string()),
            Column::Published => self
                .published
                .map_or(Value::Null, |p| Value::Text(p.to_string())),
        }
    }
    /// It cannot be available before the review's milestone that produces it.
    fn check(&self, w: &Writer<'_>) -> Result<()> {
        let review = w.known_review("review", self.review)?;
        check_document(self)?;
        let m = self.kind.milestone();
        match review.milestones.get(m) {
            None => Err(invalid(
                "kind",
                format!("review {} has no {} yet", self.review, m.label()),
            )),
            Some(on) if self.available < on => Err(invalid(
                "available",
                format!("{} is before the {} on {on}", self.available, m.label()),
            )),
            Some(_) => Ok(()),
        }
    }
}

impl Store {
    /// The documents of one review with their row versions.
    pub fn documents_of_review(&self, review: i64) -> Result<Vec<(ReviewDocument, i64)>> {
        read(self.conn(), Some(review))
    }
}
