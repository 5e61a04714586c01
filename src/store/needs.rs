//! Technical assistance needs identified in a review's list of observations
//! (paragraph 37): the `assistance_needs` table, written by the generic
//! register writes of `register_rows`.

use super::register_rows::{RegisterRecord, found, id_keyed, id_value};
use super::registers::{date, parsed, read_rows, text};
use super::row::Columns;
use super::{Result, Store, Writer};
use crate::domain::registers::{AssistanceNeed, check_need};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

/// A column of `assistance_needs`, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Review,
    Identified,
    Category,
    Description,
}

impl Columns for Column {
    const TABLE: &'static str = "assistance_needs";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Review,
        Column::Identified,
        Column::Category,
        Column::Description,
    ];
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Review => "review",
            Column::Identified => "identified",
            Column::Category => "category",
            Column::Description => "description",
        }
    }
}

/// Needs with their row versions, oldest first; one when `id` is given.
pub(super) fn read(conn: &Connection, id: Option<i64>) -> Result<Vec<(AssistanceNeed, i64)>> {
    read_rows(
        conn,
        "SELECT id, review, identified, category, description, version FROM assistance_needs
         WHERE ?1 IS NULL OR id = ?1 ORDER BY identified, id",
        params![id],
        |r| {
            Ok((
                AssistanceNeed {
                    id: r.get("id")?,
                    review: r.get("review")?,
                    identified: date(r, "identified")?,
                    category: parsed(r, "category")?,
                    description: text(r, "description")?,
                },
                r.get("version")?,
            ))
        },
    )
}

impl RegisterRecord for AssistanceNeed {
    type Col = Column;
    const ENTITY: &'static str = "assistance_need";
    const WHAT: &'static str = "assistance need";
    id_keyed!(Column::Id);
    fn value(&self, col: Column) -> Value {
        match col {
            Column::Id => id_value(self.id),
            Column::Review => Value::Integer(self.review),
            Column::Identified => Value::Text(self.identified.to_string()),
            Column::Category => Value::Text(self.category.as_str().into()),
            Column::Description => Value::Text(self.description.trim().into()),
        }
    }
    /// The review must exist: the need was found in its list of observations.
    fn check(&self, w: &Writer<'_>) -> Result<()> {
        w.known_review("review", self.review)?;
        check_need(self)?;
        Ok(())
    }
}

impl Store {
    /// One need with its row version.
    pub fn assistance_need(&self, id: i64) -> Result<(AssistanceNeed, i64)> {
        found(self.conn(), id)
    }
}
