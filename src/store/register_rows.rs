//! One row of a register, written the same way whatever the table: each
//! register's module says its columns and key ([`RegisterRecord`]), and
//! the add, update, delete and restore here turn them into one statement
//! and one audit entry. [`RegisterRef`] and [`RegisterSnapshot`] name a
//! row and hold its content for the session's undo.

use super::registers::record_json;
use super::row::Columns;
use super::{Result, StoreError, Writer};
use crate::domain::registers::{
    AssistanceNeed, AssistanceRequest, DocumentKind, ReviewDocument, Training, TranslationRequest,
};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

/// A register whose rows the generic writes handle.
pub trait RegisterRecord: Clone + PartialEq + Serialize + Sized {
    /// What names one row: an id, or a review and a kind.
    type Key: Copy;
    /// The table's columns holding the record (the key among them).
    type Col: Columns;
    /// The audit log's entity name.
    const ENTITY: &'static str;
    /// What a refusal calls it ("assistance request").
    const WHAT: &'static str;
    /// The columns of `Col` that name one row.
    const KEY: &'static [Self::Col];

    fn key(&self) -> Self::Key;
    /// The key as the audit log writes it.
    fn key_text(key: Self::Key) -> String;
    /// The key's values, in the order of `KEY`.
    fn key_values(key: Self::Key) -> Vec<Value>;
    /// The key of the row just inserted as `rowid`.
    fn inserted(&self, rowid: i64) -> Self::Key;
    /// The same record under a fresh key, for a restore whose key was
    /// taken since (`None`: such a record is not restored twice).
    fn fresh(&self) -> Option<Self>;
    /// The id the audit record carries, if the table has one.
    fn audit_id(&self) -> Option<i64>;
    /// The row named by `key` with its version.
    fn read_one(conn: &Connection, key: Self::Key) -> Result<Option<(Self, i64)>>;
    /// The record's value for one column (a new row's id is NULL).
    fn value(&self, col: Self::Col) -> Value;
    /// The rules the store checks before a write, naming the field.
    fn check(&self, w: &Writer<'_>) -> Result<()>;
    /// Rows of other tables written with it (a training's parties).
    fn write_children(&self, _w: &Writer<'_>, _key: Self::Key) -> Result<()> {
        Ok(())
    }
    /// The record as the audit log keeps it.
    fn audit_json(&self) -> serde_json::Value {
        record_json(self.audit_id(), self)
    }
}

/// The key methods of a register whose rows have an `id` (all but the
/// documents): the store gives a new row its id, read back through the
/// module's `read`.
macro_rules! id_keyed {
    ($id:expr) => {
        type Key = i64;
        const KEY: &'static [Self::Col] = &[$id];
        fn key(&self) -> i64 {
            self.id
        }
        fn key_text(key: i64) -> String {
            key.to_string()
        }
        fn key_values(key: i64) -> Vec<rusqlite::types::Value> {
            vec![rusqlite::types::Value::Integer(key)]
        }
        fn inserted(&self, rowid: i64) -> i64 {
            rowid
        }
        fn fresh(&self) -> Option<Self> {
            Some(Self {
                id: 0,
                ..self.clone()
            })
        }
        fn audit_id(&self) -> Option<i64> {
            Some(self.id)
        }
        fn read_one(conn: &rusqlite::Connection, key: i64) -> Result<Option<(Self, i64)>> {
            Ok(read(conn, Some(key))?.pop())
        }
    };
}
pub(crate) use id_keyed;

/// A new row's id: NULL, for the store to give one.
pub(crate) fn id_value(id: i64) -> Value {
    if id == 0 {
        Value::Null
    } else {
        Value::Integer(id)
    }
}

fn where_key<R: RegisterRecord>(first: usize) -> String {
    let parts: Vec<String> = R::KEY
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ?{}", c.name(), first + i))
        .collect();
    parts.join(" AND ")
}

fn values<R: RegisterRecord>(r: &R) -> Vec<Value> {
    R::Col::ALL.iter().map(|c| r.value(*c)).collect()
}

/// The row named by `key`, or a refusal that it is not there.
pub(crate) fn found<R: RegisterRecord>(conn: &Connection, key: R::Key) -> Result<(R, i64)> {
    R::read_one(conn, key)?.ok_or_else(|| StoreError::NotFound {
        what: R::WHAT,
        key: R::key_text(key),
    })
}

impl Writer<'_> {
    /// Writes a row and what hangs on it, with no check and no audit
    /// entry of its own (an import checks and audits the whole).
    pub(super) fn insert_row<R: RegisterRecord>(&self, r: &R) -> Result<R::Key> {
        self.tx
            .prepare_cached(&R::Col::insert())?
            .execute(params_from_iter(values(r)))?;
        let key = r.inserted(self.tx.last_insert_rowid());
        r.write_children(self, key)?;
        Ok(key)
    }

    fn insert_record<R: RegisterRecord>(&self, r: &R, action: &str) -> Result<(R, i64)> {
        let key = self.insert_row(r)?;
        let (stored, version) = found::<R>(self.tx, key)?;
        self.audit(
            action,
            R::ENTITY,
            &R::key_text(key),
            None,
            Some(&stored.audit_json()),
        )?;
        Ok((stored, version))
    }

    /// Records a new row of a register, checked; returns it as stored
    /// (with the id the store gave it) and its version.
    pub fn add_record<R: RegisterRecord>(&self, r: &R) -> Result<(R, i64)> {
        r.check(self)?;
        self.insert_record(r, "add")
    }

    /// Replaces the row `r` names, refusing a change made by someone else
    /// since `expected_version` (when given). Returns the row as it was
    /// and the new version.
    pub fn update_record<R: RegisterRecord>(
        &self,
        r: &R,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<(R, i64)> {
        let key = r.key();
        let (before, version) = found::<R>(self.tx, key)?;
        self.expect_version(R::ENTITY, &R::key_text(key), version, expected_version)?;
        r.check(self)?;
        let sets: Vec<String> = R::Col::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} = ?{}", c.name(), i + 1))
            .collect();
        let sql = format!(
            "UPDATE {} SET {}, version = version + 1 WHERE {}",
            <R::Col as Columns>::TABLE,
            sets.join(", "),
            where_key::<R>(R::Col::ALL.len() + 1)
        );
        let mut args = values(r);
        args.extend(R::key_values(key));
        self.tx.execute(&sql, params_from_iter(args))?;
        r.write_children(self, key)?;
        let (after, version) = found::<R>(self.tx, key)?;
        self.audit(
            action,
            R::ENTITY,
            &R::key_text(key),
            Some(&before.audit_json()),
            Some(&after.audit_json()),
        )?;
        Ok((before, version))
    }

    /// Deletes the row `key` names (what hangs on it goes with it),
    /// refusing a change made by someone else since `expected_version`.
    /// The audit log keeps the record as its last "before".
    pub fn delete_record<R: RegisterRecord>(
        &self,
        key: R::Key,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<R> {
        let (before, version) = found::<R>(self.tx, key)?;
        self.expect_version(R::ENTITY, &R::key_text(key), version, expected_version)?;
        self.tx.execute(
            &format!(
                "DELETE FROM {} WHERE {}",
                <R::Col as Columns>::TABLE,
                where_key::<R>(1)
            ),
            params_from_iter(R::key_values(key)),
        )?;
        self.audit(
            action,
            R::ENTITY,
            &R::key_text(key),
            Some(&before.audit_json()),
            None,
        )?;
        Ok(before)
    }

    /// Records `r`, or replaces the row its key names when there is one:
    /// refused when someone changed that row since `expected_version`, or
    /// deleted it (an edit that finds nothing). Returns the row as it was
    /// (none when new), as stored, and its version.
    pub fn put_record<R: RegisterRecord>(
        &self,
        r: &R,
        expected_version: Option<i64>,
    ) -> Result<(Option<R>, R, i64)> {
        if let Some((current, v)) = R::read_one(self.tx, r.key())? {
            if current == *r {
                // Nothing to change: nothing written, nothing audited.
                self.expect_version(R::ENTITY, &R::key_text(r.key()), v, expected_version)?;
                return Ok((Some(current.clone()), current, v));
            }
            let (before, v) = self.update_record(r, expected_version, "edit")?;
            return Ok((Some(before), found::<R>(self.tx, r.key())?.0, v));
        }
        if expected_version.is_some() {
            found::<R>(self.tx, r.key())?;
        }
        let (stored, v) = self.add_record(r)?;
        Ok((None, stored, v))
    }

    /// Puts a deleted row back, under its old key unless another row took
    /// it since. Not checked again: it was stored once; the store's keys
    /// still refuse what it names when that has gone.
    pub fn restore_record<R: RegisterRecord>(&self, before: &R, action: &str) -> Result<(R, i64)> {
        let again = match R::read_one(self.tx, before.key())? {
            None => before.clone(),
            Some(_) => before.fresh().ok_or_else(|| {
                StoreError::Invalid(format!(
                    "{} {} was recorded again since; it is not put back",
                    R::WHAT,
                    R::key_text(before.key())
                ))
            })?,
        };
        self.insert_record(&again, action)
    }
}

/// A register row the session can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegisterRef {
    Request(i64),
    Need(i64),
    Training(i64),
    Translation(i64),
    Document(i64, DocumentKind),
}

/// A register row's content at one moment, to put it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterSnapshot {
    Request(AssistanceRequest),
    Need(AssistanceNeed),
    Training(Training),
    Translation(TranslationRequest),
    Document(ReviewDocument),
}

impl RegisterRef {
    /// The audit log's entity name.
    pub fn entity(self) -> &'static str {
        match self {
            RegisterRef::Request(_) => AssistanceRequest::ENTITY,
            RegisterRef::Need(_) => AssistanceNeed::ENTITY,
            RegisterRef::Training(_) => Training::ENTITY,
            RegisterRef::Translation(_) => TranslationRequest::ENTITY,
            RegisterRef::Document(..) => ReviewDocument::ENTITY,
        }
    }

    /// The row's key as the audit log writes it.
    pub fn key_text(self) -> String {
        match self {
            RegisterRef::Request(id)
            | RegisterRef::Need(id)
            | RegisterRef::Training(id)
            | RegisterRef::Translation(id) => id.to_string(),
            RegisterRef::Document(r, k) => ReviewDocument::key_text((r, k)),
        }
    }
}

impl RegisterSnapshot {
    pub fn record(&self) -> RegisterRef {
        match self {
            RegisterSnapshot::Request(r) => RegisterRef::Request(r.id),
            RegisterSnapshot::Need(n) => RegisterRef::Need(n.id),
            RegisterSnapshot::Training(t) => RegisterRef::Training(t.id),
            RegisterSnapshot::Translation(t) => RegisterRef::Translation(t.id),
            RegisterSnapshot::Document(d) => RegisterRef::Document(d.review, d.kind),
        }
    }
}

impl super::Store {
    /// A register row as it stands, with its version, read outside any write.
    pub fn register(&self, r: RegisterRef) -> Result<(RegisterSnapshot, i64)> {
        register_row(self.conn(), r)
    }
}

/// A register row as it stands, with its version.
pub fn register_row(tx: &Connection, r: RegisterRef) -> Result<(RegisterSnapshot, i64)> {
    fn wrap<R>((x, v): (R, i64), f: fn(R) -> RegisterSnapshot) -> (RegisterSnapshot, i64) {
        (f(x), v)
    }
    Ok(match r {
        RegisterRef::Request(id) => wrap(found(tx, id)?, RegisterSnapshot::Request),
        RegisterRef::Need(id) => wrap(found(tx, id)?, RegisterSnapshot::Need),
        RegisterRef::Training(id) => wrap(found(tx, id)?, RegisterSnapshot::Training),
        RegisterRef::Translation(id) => wrap(found(tx, id)?, RegisterSnapshot::Translation),
        RegisterRef::Document(review, kind) => {
            wrap(found(tx, (review, kind))?, RegisterSnapshot::Document)
        }
    })
}

impl Writer<'_> {
    /// Deletes a register row (see [`Writer::delete_record`]); returns what
    /// it held.
    pub fn delete_register(
        &self,
        r: RegisterRef,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<RegisterSnapshot> {
        let (e, a) = (expected_version, action);
        Ok(match r {
            RegisterRef::Request(id) => RegisterSnapshot::Request(self.delete_record(id, e, a)?),
            RegisterRef::Need(id) => RegisterSnapshot::Need(self.delete_record(id, e, a)?),
            RegisterRef::Training(id) => RegisterSnapshot::Training(self.delete_record(id, e, a)?),
            RegisterRef::Translation(id) => {
                RegisterSnapshot::Translation(self.delete_record(id, e, a)?)
            }
            RegisterRef::Document(review, kind) => {
                RegisterSnapshot::Document(self.delete_record((review, kind), e, a)?)
            }
        })
    }

    /// Records or replaces a register row (see [`Writer::put_record`]).
    pub fn put_register(
        &self,
        r: &RegisterSnapshot,
        expected_version: Option<i64>,
    ) -> Result<PutRegister> {
        fn one<R: RegisterRecord>(
            w: &Writer<'_>,
            r: &R,
            e: Option<i64>,
            wrap: fn(R) -> RegisterSnapshot,
        ) -> Result<PutRegister> {
            let (before, stored, version) = w.put_record(r, e)?;
            Ok(PutRegister {
                before: before.map(wrap),
                stored: wrap(stored),
                version,
            })
        }
        let e = expected_version;
        match r {
            RegisterSnapshot::Request(r) => one(self, r, e, RegisterSnapshot::Request),
            RegisterSnapshot::Need(r) => one(self, r, e, RegisterSnapshot::Need),
            RegisterSnapshot::Training(r) => one(self, r, e, RegisterSnapshot::Training),
            RegisterSnapshot::Translation(r) => one(self, r, e, RegisterSnapshot::Translation),
            RegisterSnapshot::Document(r) => one(self, r, e, RegisterSnapshot::Document),
        }
    }

    /// Puts a register row back as `before` held it: over the row when it
    /// is there at version `expected_version`, or as a new row when it was
    /// deleted (`expected_version` none).
    pub fn put_back_register(
        &self,
        before: &RegisterSnapshot,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        fn one<R: RegisterRecord>(w: &Writer<'_>, r: &R, e: Option<i64>, a: &str) -> Result<()> {
            match e {
                Some(_) => w.update_record(r, e, a).map(|_| ()),
                None => w.restore_record(r, a).map(|_| ()),
            }
        }
        let (e, a) = (expected_version, action);
        match before {
            RegisterSnapshot::Request(r) => one(self, r, e, a),
            RegisterSnapshot::Need(r) => one(self, r, e, a),
            RegisterSnapshot::Training(r) => one(self, r, e, a),
            RegisterSnapshot::Translation(r) => one(self, r, e, a),
            RegisterSnapshot::Document(r) => one(self, r, e, a),
        }
    }
}

/// What [`Writer::put_register`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutRegister {
    /// The row as it was (none: it is new).
    pub before: Option<RegisterSnapshot>,
    /// The row as stored, with its key.
    pub stored: RegisterSnapshot,
    /// Its version now.
    pub version: i64,
}

impl RegisterSnapshot {
    /// The row in a few words, as a delete or an undo names it (raw text:
    /// sanitise before showing).
    pub fn summary(&self) -> String {
        match self {
            RegisterSnapshot::Request(r) => format!(
                "{} asked for {} on {} ({})",
                r.party,
                r.category.short_label(),
                r.date,
                r.status.label()
            ),
            RegisterSnapshot::Need(n) => format!(
                "review {} needs {} (identified {})",
                n.review,
                n.category.short_label(),
                n.identified
            ),
            RegisterSnapshot::Training(t) => format!(
                "{} on {}: {} officials from {} parties",
                t.title.trim(),
                t.date,
                t.officials,
                t.parties.len()
            ),
            RegisterSnapshot::Translation(t) => format!(
                "review {} {} from {} into {} on {}",
                t.review, t.document, t.from, t.to, t.date
            ),
            RegisterSnapshot::Document(d) => format!(
                "review {} {} available {}{}",
                d.review,
                d.kind.label(),
                d.available,
                d.published
                    .map(|p| format!(", published {p}"))
                    .unwrap_or_default()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registers::TrainingLanguage;
    use crate::store::edits::{RecordRef, Snapshot, UndoStep};
    use crate::store::{Mode, Store};
    use chrono::NaiveDate;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), Mode::ReadWrite).unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO parties (code, name, kind) VALUES ('AUT', 'Austria', 'state');
                 INSERT INTO parties (code, name, kind) VALUES ('KEN', 'Kenya', 'state');",
            )
            .unwrap();
        (dir, store)
    }

    fn training(officials: u32) -> Training {
        Training {
            id: 0,
            date: NaiveDate::from_ymd_opt(2023, 5, 2).unwrap(),
            title: "Workshop".into(),
            officials,
            parties: vec!["AUT".into(), "KEN".into()],
            languages: vec![TrainingLanguage::Fr],
        }
    }

    fn audits(s: &Store) -> usize {
        s.audit_trail(None, 1000).unwrap().len()
    }

    fn parties_rows(s: &Store) -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM training_parties", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn the_statements_come_from_the_columns_and_the_key() {
        use super::super::row::Columns;
        assert_eq!(
            <Training as RegisterRecord>::Col::insert(),
            "INSERT INTO trainings (id, date, title, officials, languages) VALUES (?1, ?2, ?3, ?4, ?5)"
        );
        // A document is named by its review and kind, after the four
        // columns an update sets.
        assert_eq!(where_key::<ReviewDocument>(5), "review = ?5 AND kind = ?6");
        assert_eq!(where_key::<Training>(1), "id = ?1");
        assert_eq!(
            ReviewDocument::key_values((12, DocumentKind::Saq)),
            [Value::Integer(12), Value::Text("saq".into())]
        );
        // A new row leaves its id to the store.
        assert_eq!(
            training(3).value(super::super::training::Column::Id),
            Value::Null
        );
    }

    #[test]
    fn add_update_delete_restore_each_one_audited_write() {
        let (_dir, mut s) = store();
        let (t, v) = s.write(|w| w.add_record(&training(12))).unwrap();
        assert_eq!((t.officials, v), (12, 1));
        assert_eq!(parties_rows(&s), 2);
        assert_eq!(audits(&s), 1);

        // A change against a version someone moved on from: refused, unchanged.
        let bigger = Training {
            officials: 20,
            ..t.clone()
        };
        let e = s.write(|w| w.update_record(&bigger, Some(7), "edit"));
        assert!(matches!(e, Err(StoreError::Conflict { .. })), "{e:?}");
        assert_eq!(s.training(t.id).unwrap(), (t.clone(), 1));
        let (before, v) = s
            .write(|w| w.update_record(&bigger, Some(1), "edit"))
            .unwrap();
        assert_eq!((before, v), (t.clone(), 2));
        assert_eq!(audits(&s), 2);

        // Nothing to change: nothing written.
        let (was, now, v) = s.write(|w| w.put_record(&bigger, Some(2))).unwrap();
        assert_eq!((was, now, v), (Some(bigger.clone()), bigger.clone(), 2));
        assert_eq!(audits(&s), 2);

        // Deleted with its parties; the audit entry keeps the record.
        let gone: Training = s
            .write(|w| w.delete_record(t.id, Some(2), "delete"))
            .unwrap();
        assert_eq!(gone, bigger);
        assert_eq!(parties_rows(&s), 0);
        let last = &s.audit_trail(None, 1).unwrap()[0];
        assert!(last.after.is_none());
        assert!(last.before.as_deref().unwrap().contains("\"officials\":20"));

        // Restored under its old id, parties and all.
        let (back, _) = s.write(|w| w.restore_record(&gone, "undo")).unwrap();
        assert_eq!(back, bigger);
        assert_eq!(parties_rows(&s), 2);
        assert_eq!(audits(&s), 4);
    }

    #[test]
    fn undo_takes_back_an_add_an_edit_and_a_delete() {
        let (_dir, mut s) = store();
        let (t, v) = s.write(|w| w.add_record(&training(5))).unwrap();
        let r = RecordRef::Register(RegisterRef::Training(t.id));
        s.write(|w| {
            w.undo(&UndoStep::Added {
                record: r,
                version: v,
            })
        })
        .unwrap();
        assert!(s.load_registers().unwrap().trainings.is_empty());

        let (t, _) = s.write(|w| w.add_record(&training(5))).unwrap();
        let edited = Training {
            officials: 9,
            ..t.clone()
        };
        let (before, v) = s.write(|w| w.update_record(&edited, None, "edit")).unwrap();
        let before = Snapshot::Register(RegisterSnapshot::Training(before));
        s.write(|w| w.undo(&UndoStep::Changed { before, version: v }))
            .unwrap();
        assert_eq!(s.training(t.id).unwrap().0, t);

        let gone = s
            .write(|w| w.delete_register(RegisterRef::Training(t.id), None, "delete"))
            .unwrap();
        s.write(|w| {
            w.undo(&UndoStep::Deleted {
                before: Snapshot::Register(gone),
            })
        })
        .unwrap();
        assert_eq!(s.training(t.id).unwrap().0, t);
        // An undo of an edit the record moved on from is refused.
        let (_, v) = s.training(t.id).unwrap();
        let stale = Snapshot::Register(RegisterSnapshot::Training(edited));
        let e = s.write(|w| {
            w.undo(&UndoStep::Changed {
                before: stale,
                version: v - 1,
            })
        });
        assert!(matches!(e, Err(StoreError::Conflict { .. })), "{e:?}");
        assert_eq!(s.training(t.id).unwrap().0, t);
    }
}
