//! The documents of a review (paragraphs 32, 48, 60(d)): when each became
//! available and when the party agreed to publish it. The `documents`
//! table, one row per review and kind.

use super::registers::{date, invalid, parsed, parsed_opt, read_rows, record_json};
use super::{Result, Store, Writer};
use crate::domain::model::Milestone;
use crate::domain::registers::{DocumentKind, ReviewDocument, check_document};
use rusqlite::{Connection, params};

const ENTITY: &str = "document";

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

fn one(
    conn: &Connection,
    review: i64,
    kind: DocumentKind,
) -> Result<Option<(ReviewDocument, i64)>> {
    Ok(read(conn, Some(review))?
        .into_iter()
        .find(|(d, _)| d.kind == kind))
}

/// The milestone a document comes out of.
pub(super) fn milestone(kind: DocumentKind) -> Milestone {
    match kind {
        DocumentKind::Saq => Milestone::Saq,
        DocumentKind::Feedback => Milestone::Feedback,
        DocumentKind::Observations => Milestone::Observations,
        DocumentKind::Summary => Milestone::Summary,
    }
}

impl Store {
    /// The documents of one review with their row versions.
    pub fn documents_of_review(&self, review: i64) -> Result<Vec<(ReviewDocument, i64)>> {
        read(self.conn(), Some(review))
    }
}

impl Writer<'_> {
    /// Records (or corrects) a document of a review: it cannot be available
    /// before the review's milestone that produces it. Refuses a change
    /// made by someone else since `expected_version` (when given). Returns
    /// the document as it was before, if there was one.
    pub fn put_document(
        &self,
        d: &ReviewDocument,
        expected_version: Option<i64>,
    ) -> Result<Option<ReviewDocument>> {
        let review = self.known_review("review", d.review)?;
        check_document(d)?;
        let m = milestone(d.kind);
        match review.milestones.get(m) {
            None => {
                return Err(invalid(
                    "kind",
                    format!("review {} has no {} yet", d.review, m.label()),
                ));
            }
            Some(on) if d.available < on => {
                return Err(invalid(
                    "available",
                    format!("{} is before the {} on {on}", d.available, m.label()),
                ));
            }
            Some(_) => {}
        }
        let key = document_key(d.review, d.kind);
        let before = one(self.tx, d.review, d.kind)?;
        if let Some((_, version)) = &before {
            self.expect_version(ENTITY, &key, *version, expected_version)?;
        }
        self.tx.execute(
            "INSERT INTO documents (review, kind, available, published) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (review, kind) DO UPDATE SET available = excluded.available,
                 published = excluded.published, version = version + 1",
            params![
                d.review,
                d.kind.as_str(),
                d.available.to_string(),
                d.published.map(|p| p.to_string())
            ],
        )?;
        let before = before.map(|(b, _)| b);
        self.audit(
            if before.is_some() { "edit" } else { "add" },
            ENTITY,
            &key,
            before.as_ref().map(|b| record_json(None, b)).as_ref(),
            Some(&record_json(None, d)),
        )?;
        Ok(before)
    }
}
