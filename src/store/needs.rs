//! Technical assistance needs identified in a review's list of observations
//! (paragraph 37): the `assistance_needs` table.

use super::registers::{date, parsed, read_rows, record_json, text};
use super::{Result, Store, StoreError, Writer};
use crate::domain::registers::{AssistanceNeed, check_need};
use rusqlite::{Connection, params};

const ENTITY: &str = "assistance_need";

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

fn one(conn: &Connection, id: i64) -> Result<(AssistanceNeed, i64)> {
    read(conn, Some(id))?
        .pop()
        .ok_or_else(|| StoreError::NotFound {
            what: "assistance need",
            key: id.to_string(),
        })
}

impl Store {
    /// One need with its row version.
    pub fn assistance_need(&self, id: i64) -> Result<(AssistanceNeed, i64)> {
        one(self.conn(), id)
    }
}

impl Writer<'_> {
    /// Records a need identified in review `n.review`'s list of observations.
    pub fn add_assistance_need(&self, n: &AssistanceNeed) -> Result<AssistanceNeed> {
        self.known_review("review", n.review)?;
        check_need(n)?;
        self.tx.execute(
            "INSERT INTO assistance_needs (review, identified, category, description)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                n.review,
                n.identified.to_string(),
                n.category.as_str(),
                n.description.trim()
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        let (stored, _) = one(self.tx, id)?;
        self.audit(
            "add",
            ENTITY,
            &id.to_string(),
            None,
            Some(&record_json(Some(id), &stored)),
        )?;
        Ok(stored)
    }

    /// Replaces need `n.id`, refusing a change made by someone else since
    /// `expected_version`.
    pub fn put_assistance_need(
        &self,
        n: &AssistanceNeed,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        let (before, version) = one(self.tx, n.id)?;
        self.expect_version(ENTITY, &n.id.to_string(), version, expected_version)?;
        self.known_review("review", n.review)?;
        check_need(n)?;
        self.tx.execute(
            "UPDATE assistance_needs SET review = ?2, identified = ?3, category = ?4,
                 description = ?5, version = version + 1 WHERE id = ?1",
            params![
                n.id,
                n.review,
                n.identified.to_string(),
                n.category.as_str(),
                n.description.trim()
            ],
        )?;
        self.audit(
            action,
            ENTITY,
            &n.id.to_string(),
            Some(&record_json(Some(n.id), &before)),
            Some(&record_json(Some(n.id), n)),
        )?;
        Ok(())
    }
}
