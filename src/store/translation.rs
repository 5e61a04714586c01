//! Requests for a working (machine) translation of a review's document
//! (paragraph 50): the `translation_requests` table.

use super::register_rows::{RegisterRecord, found, id_keyed, id_value};
use super::registers::{date, invalid, parsed, read_rows};
use super::row::Columns;
use super::{Result, Store, Writer};
use crate::domain::registers::{TranslationRequest, check_translation};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

/// A column of `translation_requests`, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Review,
    Date,
    Document,
    Source,
    Target,
}

impl Columns for Column {
    const TABLE: &'static str = "translation_requests";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Review,
        Column::Date,
        Column::Document,
        Column::Source,
        Column::Target,
    ];
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Review => "review",
            Column::Date => "date",
            Column::Document => "document",
            Column::Source => "source",
            Column::Target => "target",
        }
    }
}

/// Requests with their row versions, oldest first; one when `id` is given.
pub(super) fn read(conn: &Connection, id: Option<i64>) -> Result<Vec<(TranslationRequest, i64)>> {
    read_rows(
        conn,
        "SELECT id, review, date, document, source, target, version FROM translation_requests
         WHERE ?1 IS NULL OR id = ?1 ORDER BY date, id",
        params![id],
        |r| {
            Ok((
                TranslationRequest {
                    id: r.get("id")?,
                    review: r.get("review")?,
                    date: date(r, "date")?,
                    document: parsed(r, "document")?,
                    from: parsed(r, "source")?,
                    to: parsed(r, "target")?,
                },
                r.get("version")?,
            ))
        },
    )
}

impl RegisterRecord for TranslationRequest {
    type Col = Column;
    const ENTITY: &'static str = "translation_request";
    const WHAT: &'static str = "translation request";
    id_keyed!(Column::Id);
    fn value(&self, col: Column) -> Value {
        match col {
            Column::Id => id_value(self.id),
            Column::Review => Value::Integer(self.review),
            Column::Date => Value::Text(self.date.to_string()),
            Column::Document => Value::Text(self.document.as_str().into()),
            Column::Source => Value::Text(self.from.as_str().into()),
            Column::Target => Value::Text(self.to.as_str().into()),
        }
    }
    /// The review must exist and have produced the document by the day
    /// the translation was asked for.
    fn check(&self, w: &Writer<'_>) -> Result<()> {
        let review = w.known_review("review", self.review)?;
        check_translation(self)?;
        let m = self.document.milestone();
        match review.milestones.get(m) {
            Some(on) if on <= self.date => Ok(()),
            Some(on) => Err(invalid(
                "date",
                format!("{} is before the {} on {on}", self.date, m.label()),
            )),
            None => Err(invalid(
                "document",
                format!("review {} has no {} yet", self.review, m.label()),
            )),
        }
    }
}

impl Store {
    /// One translation request with its row version.
    pub fn translation_request(&self, id: i64) -> Result<(TranslationRequest, i64)> {
        found(self.conn(), id)
    }
}
