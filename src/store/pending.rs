//! Why a review's languages are still pending (paragraph 29): the
//! `languages_pending` table, one row per review at most.

use super::registers::{date, invalid, parsed, read_rows, record_json};
use super::{Result, Writer};
use crate::domain::registers::{LanguagesPending, check_pending};
use rusqlite::{Connection, params};

const ENTITY: &str = "languages_pending";

/// Reasons with their row versions, by review; one review's when given.
pub(super) fn read(conn: &Connection, review: Option<i64>) -> Result<Vec<(LanguagesPending, i64)>> {
    read_rows(
        conn,
        "SELECT review, reason, noted, version FROM languages_pending
         WHERE ?1 IS NULL OR review = ?1 ORDER BY review",
        params![review],
        |r| {
            Ok((
                LanguagesPending {
                    review: r.get("review")?,
                    reason: parsed(r, "reason")?,
                    noted: date(r, "noted")?,
                },
                r.get("version")?,
            ))
        },
    )
}

impl Writer<'_> {
    /// Notes (or changes) why review `p.review`'s languages are pending.
    pub fn put_languages_pending(&self, p: &LanguagesPending) -> Result<()> {
        let review = self.known_review("review", p.review)?;
        check_pending(p, &review)?;
        let before = read(self.tx, Some(p.review))?.pop().map(|(b, _)| b);
        self.tx.execute(
            "INSERT INTO languages_pending (review, reason, noted) VALUES (?1, ?2, ?3)
             ON CONFLICT (review) DO UPDATE SET reason = excluded.reason,
                 noted = excluded.noted, version = version + 1",
            params![p.review, p.reason.as_str(), p.noted.to_string()],
        )?;
        self.audit(
            if before.is_some() { "edit" } else { "add" },
            ENTITY,
            &p.review.to_string(),
            before.as_ref().map(|b| record_json(None, b)).as_ref(),
            Some(&record_json(None, p)),
        )?;
        Ok(())
    }

    /// Clears the note (the languages were agreed, or it was a mistake).
    pub fn clear_languages_pending(&self, review: i64) -> Result<LanguagesPending> {
        let Some((before, _)) = read(self.tx, Some(review))?.pop() else {
            return Err(invalid(
                "review",
                format!("review {review} has no pending-language note"),
            ));
        };
        self.tx
            .execute("DELETE FROM languages_pending WHERE review = ?1", [review])?;
        self.audit(
            "delete",
            ENTITY,
            &review.to_string(),
            Some(&record_json(None, &before)),
            None,
        )?;
        Ok(before)
    }
}
