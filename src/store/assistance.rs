//! Technical assistance requested by parties (paragraph 42): the
//! `assistance_requests` table. Written by the generic register writes of
//! `register_rows`, each one audited change.

use super::register_rows::{RegisterRecord, found, id_keyed, id_value};
use super::registers::{date, parsed, read_rows, text};
use super::row::Columns;
use super::{Result, Store, Writer};
use crate::domain::model::Text;
use crate::domain::registers::{AssistanceRequest, check_request};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

/// A column of `assistance_requests`, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Party,
    Date,
    Category,
    Status,
    Note,
}

impl Columns for Column {
    const TABLE: &'static str = "assistance_requests";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Party,
        Column::Date,
        Column::Category,
        Column::Status,
        Column::Note,
    ];
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Party => "party",
            Column::Date => "date",
            Column::Category => "category",
            Column::Status => "status",
            Column::Note => "note",
        }
    }
}

/// Requests with their row versions, oldest first; one when `id` is given.
pub(super) fn read(conn: &Connection, id: Option<i64>) -> Result<Vec<(AssistanceRequest, i64)>> {
    read_rows(
        conn,
        "SELECT id, party, date, category, status, note, version FROM assistance_requests
         WHERE ?1 IS NULL OR id = ?1 ORDER BY date, id",
        params![id],
        |r| {
            Ok((
                AssistanceRequest {
                    id: r.get("id")?,
                    party: Text::from(text(r, "party")?),
                    date: date(r, "date")?,
                    category: parsed(r, "category")?,
                    status: parsed(r, "status")?,
                    note: text(r, "note")?,
                },
                r.get("version")?,
            ))
        },
    )
}

impl RegisterRecord for AssistanceRequest {
    type Col = Column;
    const ENTITY: &'static str = "assistance_request";
    const WHAT: &'static str = "assistance request";
    id_keyed!(Column::Id);
    fn value(&self, col: Column) -> Value {
        match col {
            Column::Id => id_value(self.id),
            Column::Party => Value::Text(self.party.to_string()),
            Column::Date => Value::Text(self.date.to_string()),
            Column::Category => Value::Text(self.category.as_str().into()),
            Column::Status => Value::Text(self.status.as_str().into()),
            Column::Note => Value::Text(self.note.trim().into()),
        }
    }
    fn check(&self, w: &Writer<'_>) -> Result<()> {
        w.known_party("party", &self.party)?;
        check_request(self)?;
        Ok(())
    }
}

impl Store {
    /// One request with its row version.
    pub fn assistance_request(&self, id: i64) -> Result<(AssistanceRequest, i64)> {
        found(self.conn(), id)
    }
}
