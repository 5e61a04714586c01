//! The audit log: who (OS user) changed what and when, with the record
//! before and after as JSON. Append-only: triggers refuse UPDATE and DELETE.

use super::{Result, Store, Writer};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub os_user: String,
    pub action: String,
    pub entity: String,
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Writer<'_> {
    /// Appends one audit entry inside the current transaction.
    pub fn audit(
        &self,
        action: &str,
        entity: &str,
        key: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<i64> {
        self.tx.prepare_cached(
            "INSERT INTO audit (at, os_user, action, entity, key, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?.execute(
            params![
                self.at,
                self.user,
                action,
                entity,
                key,
                before.map(|v| v.to_string()),
                after.map(|v| v.to_string())
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }
}

impl Store {
    /// The audit trail of one record (`entity` "review", key "12"), or of
    /// everything when `entity` is `None`; newest first.
    pub fn audit_trail(
        &self,
        entity: Option<(&str, &str)>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        let mut out = Vec::new();
        self.each_audit(entity, limit, |e| {
            out.push(e);
            true
        })?;
        Ok(out)
    }

    /// [`audit_trail`](Store::audit_trail) one entry at a time, until `f`
    /// says stop: a trail of any length is written in the memory of one
    /// entry.
    pub fn each_audit(
        &self,
        entity: Option<(&str, &str)>,
        limit: usize,
        mut f: impl FnMut(AuditEntry) -> bool,
    ) -> Result<()> {
        let cols = "id, at, os_user, action, entity, key, before, after";
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut st;
        let mut rows = match entity {
            Some((e, k)) => {
                st = self.conn().prepare_cached(&format!(
                    "SELECT {cols} FROM audit WHERE entity = ?1 AND key = ?2 ORDER BY id DESC LIMIT ?3"
                ))?;
                st.query(params![e, k, limit])?
            }
            None => {
                st = self.conn().prepare_cached(&format!(
                    "SELECT {cols} FROM audit ORDER BY id DESC LIMIT ?1"
                ))?;
                st.query(params![limit])?
            }
        };
        while let Some(r) = rows.next()? {
            if !f(audit_from_row(r)?) {
                break;
            }
        }
        Ok(())
    }

    /// The trail of one review and what hangs on it (its reminders,
    /// extensions and register rows: needs, translation requests,
    /// documents, pending languages, scoped focal points), newest first.
    pub fn audit_of_review(&self, id: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        self.audit_where(
            &format!(
                "(entity = 'review' AND key = ?1)
                 OR (entity IN ('reminder', 'extension', {REVIEW_RECORDS})
                     AND (json_extract(after, '$.review') = ?2 OR json_extract(before, '$.review') = ?2))"
            ),
            params![id.to_string(), id, limit as i64],
        )
    }

    /// The trail of one party and what hangs on it (its people, the
    /// reminders sent to it, its requests for assistance, the trainings
    /// its officials came to, and the register rows of its reviews),
    /// newest first.
    pub fn audit_of_party(&self, code: &str, limit: usize) -> Result<Vec<AuditEntry>> {
        self.audit_where(
            &format!(
                "(entity = 'party' AND key = ?1)
                 OR (entity IN ('person', 'reminder', 'assistance_request')
                     AND (json_extract(after, '$.party') = ?2 OR json_extract(before, '$.party') = ?2))
                 OR (entity = 'training'
                     AND (EXISTS (SELECT 1 FROM json_each(audit.after, '$.parties') WHERE value = ?2)
                          OR EXISTS (SELECT 1 FROM json_each(audit.before, '$.parties') WHERE value = ?2)))
                 OR (entity IN ({REVIEW_RECORDS})
                     AND coalesce(json_extract(after, '$.review'), json_extract(before, '$.review'))
                         IN (SELECT id FROM reviews WHERE under_review = ?2))"
            ),
            params![code, code, limit as i64],
        )
    }

    fn audit_where(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT id, at, os_user, action, entity, key, before, after FROM audit
             WHERE {filter} ORDER BY id DESC LIMIT ?3"
        ))?;
        let rows = st.query_map(args, audit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// The register rows whose audit records name a review (`$.review`).
const REVIEW_RECORDS: &str = "'assistance_need', 'translation_request', 'document', 'languages_pending', 'focal_point_scope'";

/// One audit row, as every audit query selects it.
fn audit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        os_user: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        key: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
    })
}
