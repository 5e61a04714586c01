//! The registers of DESIGN.md section 7 read as one [`Registers`], and what
//! their tables share: columns read by name, refusals naming the field, the
//! audit record of a row. Each table has its own module beside this one.

use super::register_rows::RegisterRecord;
use super::{Result, Store, StoreError, Writer};
use crate::domain::model::{Person, Review};
use crate::domain::registers::{FieldError, Registers};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value;
use std::str::FromStr;

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Invalid(e.to_string())
    }
}

/// A refusal naming the field.
pub(super) fn invalid(field: &str, msg: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("{field}: {msg}"))
}

fn bad(column: &str, v: &str) -> StoreError {
    StoreError::Invalid(format!(
        "the store holds an invalid {column}: {v:?} (run `revdesk check`)"
    ))
}

/// Column `name` as text.
pub(super) fn text(r: &Row<'_>, name: &str) -> Result<String> {
    Ok(r.get::<_, String>(name)?)
}

/// Column `name` parsed (an enumeration, a date).
pub(super) fn parsed<T: FromStr>(r: &Row<'_>, name: &str) -> Result<T> {
    let v = text(r, name)?;
    v.parse().map_err(|_| bad(name, &v))
}

/// Column `name`, which may be NULL, parsed.
pub(super) fn parsed_opt<T: FromStr>(r: &Row<'_>, name: &str) -> Result<Option<T>> {
    match r.get::<_, Option<String>>(name)? {
        Some(v) => v.parse().map(Some).map_err(|_| bad(name, &v)),
        None => Ok(None),
    }
}

/// Column `name` as a date.
pub(super) fn date(r: &Row<'_>, name: &str) -> Result<NaiveDate> {
    parsed(r, name)
}

/// A record as the audit log keeps it: its fields, and its id when it has one.
pub(super) fn record_json<T: Serialize>(id: Option<i64>, record: &T) -> Value {
    let mut v = serde_json::to_value(record).unwrap_or(Value::Null);
    if let (Some(id), Value::Object(map)) = (id, &mut v) {
        map.insert("id".into(), Value::from(id));
    }
    v
}

/// Reads every row of `sql` with `f`.
pub(super) fn read_rows<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut st = conn.prepare_cached(sql)?;
    let mut rows = st.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

impl Writer<'_> {
    /// Refuses an unknown party, naming the field.
    pub(super) fn known_party(&self, field: &str, code: &str) -> Result<()> {
        let found = self
            .tx
            .query_row("SELECT 1 FROM parties WHERE code = ?1", [code], |_| Ok(()))
            .optional()?;
        match found {
            Some(()) => Ok(()),
            None => Err(invalid(field, format!("unknown party {code:?}"))),
        }
    }

    /// The review `id`, or a refusal naming the field.
    pub(super) fn known_review(&self, field: &str, id: i64) -> Result<Review> {
        match self.review(id) {
            Ok((r, _)) => Ok(r),
            Err(StoreError::NotFound { .. }) => Err(invalid(field, format!("no review {id}"))),
            Err(e) => Err(e),
        }
    }

    /// The person `id`, or a refusal naming the field.
    pub(super) fn known_person(&self, field: &str, id: i64) -> Result<Person> {
        match self.person(id) {
            Ok((p, _)) => Ok(p),
            Err(StoreError::NotFound { .. }) => Err(invalid(field, format!("no person {id}"))),
            Err(e) => Err(e),
        }
    }

    /// Refuses a change to a row someone changed since `expected` (when
    /// given); `key` names the row for the conflict message.
    pub(super) fn expect_version(
        &self,
        what: &'static str,
        key: &str,
        found: i64,
        expected: Option<i64>,
    ) -> Result<()> {
        match expected {
            Some(v) if v != found => {
                let last: Option<(String, String)> = self
                    .tx
                    .query_row(
                        "SELECT os_user, at FROM audit WHERE entity = ?1 AND key = ?2 ORDER BY id DESC LIMIT 1",
                        [what, key],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let (by, at) =
                    last.unwrap_or_else(|| ("another session".into(), "an unknown time".into()));
                Err(StoreError::Conflict {
                    what,
                    key: key.to_string(),
                    by,
                    at,
                })
            }
            _ => Ok(()),
        }
    }
}

impl Store {
    /// Every register, in one read transaction (or in the caller's).
    pub fn load_registers(&self) -> Result<Registers> {
        let tx = self.read_transaction()?;
        let conn = self.conn();
        let reg = Registers {
            assistance_requests: super::assistance::read(conn, None)?
                .into_iter()
                .map(|(r, _)| r)
                .collect(),
            assistance_needs: super::needs::read(conn, None)?
                .into_iter()
                .map(|(n, _)| n)
                .collect(),
            trainings: super::training::read(conn, None)?
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            translation_requests: super::translation::read(conn, None)?
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            documents: super::documents::read(conn, None)?
                .into_iter()
                .map(|(d, _)| d)
                .collect(),
            languages_pending: super::pending::read(conn, None)?
                .into_iter()
                .map(|(p, _)| p)
                .collect(),
            focal_point_scopes: super::scopes::read(conn, None)?
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
        };
        if let Some(tx) = tx {
            tx.finish()?;
        }
        Ok(reg)
    }
}

impl Writer<'_> {
    /// Writes every register of an imported desk (or the demo's), checking
    /// each record's own rules; the store's keys check what it names. With
    /// `replace`, the registers already in the store go first. One audit
    /// entry says how many of each were written (none when nothing was).
    pub fn import_registers(&self, reg: &Registers, replace: bool) -> Result<()> {
        use crate::domain::registers as r;
        if replace {
            self.tx.execute_batch(
                "DELETE FROM assistance_requests; DELETE FROM assistance_needs;
                 DELETE FROM training_parties; DELETE FROM trainings;
                 DELETE FROM translation_requests; DELETE FROM documents;
                 DELETE FROM languages_pending; DELETE FROM focal_point_scopes;",
            )?;
        }
        fn rows<R: RegisterRecord>(
            w: &Writer<'_>,
            what: &str,
            records: &[R],
            check: fn(&R) -> std::result::Result<(), r::FieldError>,
        ) -> Result<()> {
            for (i, x) in records.iter().enumerate() {
                check(x).map_err(|e| invalid(&format!("{what}[{i}].{}", e.field), e.message))?;
                // The store gives each row its id.
                w.insert_row(&x.fresh().unwrap_or_else(|| x.clone()))?;
            }
            Ok(())
        }
        rows(
            self,
            "assistance_requests",
            &reg.assistance_requests,
            r::check_request,
        )?;
        rows(
            self,
            "assistance_needs",
            &reg.assistance_needs,
            r::check_need,
        )?;
        rows(self, "trainings", &reg.trainings, r::check_training)?;
        rows(
            self,
            "translation_requests",
            &reg.translation_requests,
            r::check_translation,
        )?;
        rows(self, "documents", &reg.documents, r::check_document)?;
        let mut st = self.tx.prepare_cached(
            "INSERT INTO languages_pending (review, reason, noted) VALUES (?1, ?2, ?3)",
        )?;
        for p in &reg.languages_pending {
            st.execute(rusqlite::params![
                p.review,
                p.reason.as_str(),
                p.noted.to_string()
            ])?;
        }
        let mut st = self
            .tx
            .prepare_cached("INSERT INTO focal_point_scopes (person, review) VALUES (?1, ?2)")?;
        for s in &reg.focal_point_scopes {
            st.execute(rusqlite::params![s.person, s.review])?;
        }
        if reg.is_empty() && !replace {
            return Ok(());
        }
        let summary = serde_json::json!({
            "assistance_requests": reg.assistance_requests.len(),
            "assistance_needs": reg.assistance_needs.len(),
            "trainings": reg.trainings.len(),
            "translation_requests": reg.translation_requests.len(),
            "documents": reg.documents.len(),
            "languages_pending": reg.languages_pending.len(),
            "focal_point_scopes": reg.focal_point_scopes.len(),
        });
        self.audit(
            if replace { "replace" } else { "import" },
            "registers",
            "*",
            None,
            Some(&summary),
        )?;
        Ok(())
    }
}
