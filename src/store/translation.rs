//! Requests for a working (machine) translation of a review's document
//! (paragraph 50): the `translation_requests` table.

use super::documents::milestone;
use super::registers::{date, invalid, parsed, read_rows, record_json};
use super::{Result, Store, StoreError, Writer};
use crate::domain::registers::{TranslationRequest, check_translation};
use rusqlite::{Connection, params};

const ENTITY: &str = "translation_request";

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

fn one(conn: &Connection, id: i64) -> Result<(TranslationRequest, i64)> {
    read(conn, Some(id))?
        .pop()
        .ok_or_else(|| StoreError::NotFound {
            what: "translation request",
            key: id.to_string(),
        })
}

impl Store {
    /// One translation request with its row version.
    pub fn translation_request(&self, id: i64) -> Result<(TranslationRequest, i64)> {
        one(self.conn(), id)
    }
}

impl Writer<'_> {
    /// The review must exist and have produced the document by the day
    /// the translation was asked for.
    fn check_translation_request(&self, t: &TranslationRequest) -> Result<()> {
        let review = self.known_review("review", t.review)?;
        check_translation(t)?;
        let m = milestone(t.document);
        match review.milestones.get(m) {
            Some(on) if on <= t.date => Ok(()),
            Some(on) => Err(invalid(
                "date",
                format!("{} is before the {} on {on}", t.date, m.label()),
            )),
            None => Err(invalid(
                "document",
                format!("review {} has no {} yet", t.review, m.label()),
            )),
        }
    }

    /// Records a translation request; returns it with its id.
    pub fn add_translation_request(&self, t: &TranslationRequest) -> Result<TranslationRequest> {
        self.check_translation_request(t)?;
        self.tx.execute(
            "INSERT INTO translation_requests (review, date, document, source, target)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                t.review,
                t.date.to_string(),
                t.document.as_str(),
                t.from.as_str(),
                t.to.as_str()
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

    /// Replaces request `t.id`, refusing a change made by someone else
    /// since `expected_version`.
    pub fn put_translation_request(
        &self,
        t: &TranslationRequest,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        let (before, version) = one(self.tx, t.id)?;
        self.expect_version(ENTITY, &t.id.to_string(), version, expected_version)?;
        self.check_translation_request(t)?;
        self.tx.execute(
            "UPDATE translation_requests SET review = ?2, date = ?3, document = ?4, source = ?5,
                 target = ?6, version = version + 1 WHERE id = ?1",
            params![
                t.id,
                t.review,
                t.date.to_string(),
                t.document.as_str(),
                t.from.as_str(),
                t.to.as_str()
            ],
        )?;
        self.audit(
            action,
            ENTITY,
            &t.id.to_string(),
            Some(&record_json(Some(t.id), &before)),
            Some(&record_json(Some(t.id), t)),
        )?;
        Ok(())
    }
}
