//! Technical assistance requested by parties (paragraph 42): the
//! `assistance_requests` table. Every write is one audited change.

use super::registers::{date, parsed, read_rows, record_json, text};
use super::{Result, Store, StoreError, Writer};
use crate::domain::model::Text;
use crate::domain::registers::{AssistanceRequest, check_request};
use rusqlite::{Connection, params};

const ENTITY: &str = "assistance_request";

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

fn one(conn: &Connection, id: i64) -> Result<(AssistanceRequest, i64)> {
    read(conn, Some(id))?
        .pop()
        .ok_or_else(|| StoreError::NotFound {
            what: "assistance request",
            key: id.to_string(),
        })
}

impl Store {
    /// One request with its row version.
    pub fn assistance_request(&self, id: i64) -> Result<(AssistanceRequest, i64)> {
        one(self.conn(), id)
    }
}

impl Writer<'_> {
    fn check_assistance_request(&self, r: &AssistanceRequest) -> Result<()> {
        self.known_party("party", &r.party)?;
        check_request(r)?;
        Ok(())
    }

    /// Records a request; returns it with the id the store gave it.
    pub fn add_assistance_request(&self, r: &AssistanceRequest) -> Result<AssistanceRequest> {
        self.check_assistance_request(r)?;
        self.tx.execute(
            "INSERT INTO assistance_requests (party, date, category, status, note)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                r.party.as_str(),
                r.date.to_string(),
                r.category.as_str(),
                r.status.as_str(),
                r.note.trim()
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

    /// Replaces request `r.id`, refusing when someone changed it since
    /// `expected_version` (when given).
    pub fn put_assistance_request(
        &self,
        r: &AssistanceRequest,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        let (before, version) = one(self.tx, r.id)?;
        self.expect_version(ENTITY, &r.id.to_string(), version, expected_version)?;
        self.check_assistance_request(r)?;
        self.tx.execute(
            "UPDATE assistance_requests SET party = ?2, date = ?3, category = ?4, status = ?5,
                 note = ?6, version = version + 1 WHERE id = ?1",
            params![
                r.id,
                r.party.as_str(),
                r.date.to_string(),
                r.category.as_str(),
                r.status.as_str(),
                r.note.trim()
            ],
        )?;
        self.audit(
            action,
            ENTITY,
            &r.id.to_string(),
            Some(&record_json(Some(r.id), &before)),
            Some(&record_json(Some(r.id), r)),
        )?;
        Ok(())
    }
}
