//! Record ids are never reused: the tables whose ids the audit trail names
//! get SQLite's `AUTOINCREMENT`, so an id freed by an undo or a delete is
//! not handed to the next record, and the audit trail names one record per
//! id.
//!
//! The tables are rebuilt from the `CREATE TABLE` text the store itself
//! holds, so columns added by other migrations (before or after this one)
//! are kept whatever the order.

use rusqlite::{OptionalExtension, Transaction, params};

/// Each table rebuilt, with the entity the audit trail names its rows by
/// (`None`: rows not audited one by one). The audit table itself is
/// append-only already; it gets the same guarantee in the schema.
pub const TABLES: [(&str, Option<&str>); 6] = [
    ("people", Some("person")),
    ("reviews", Some("review")),
    ("extensions", Some("extension")),
    ("reminders", Some("reminder")),
    ("draws", None),
    ("audit", None),
];

/// The migration step. Foreign keys must be off on this connection (set
/// outside the transaction): dropping the old table must not cascade.
pub fn autoincrement(tx: &Transaction) -> rusqlite::Result<()> {
    tx.pragma_update(None, "legacy_alter_table", true)?;
    for (table, entity) in TABLES {
        rebuild(tx, table)?;
        raise_to_audit(tx, table, entity)?;
    }
    tx.pragma_update(None, "legacy_alter_table", false)?;
    let broken: Option<String> = tx
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .optional()?;
    if let Some(t) = broken {
        return Err(failure(format!(
            "ids migration: a foreign key of {t} broke; nothing was changed"
        )));
    }
    Ok(())
}

/// An error of this step, as SQLite's own errors are reported.
fn failure(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        Some(message),
    )
}

/// `table`'s `CREATE TABLE` text with `AUTOINCREMENT` on its `id` column
/// and named `new_name`; `None` when it has it already.
pub fn with_autoincrement(create: &str, table: &str, new_name: &str) -> Option<String> {
    let rest = create.strip_prefix("CREATE TABLE")?.trim_start();
    let rest = [format!("\"{table}\""), table.to_string()]
        .iter()
        .find_map(|n| rest.strip_prefix(n.as_str()))?;
    if create.contains("AUTOINCREMENT") {
        return None;
    }
    let key = "INTEGER PRIMARY KEY";
    let at = rest.find(key)?;
    let column = rest[..at].rsplit(['(', ',', '\n']).next()?.trim();
    if column != "id" {
        return None;
    }
    let end = at + key.len();
    Some(format!(
        "CREATE TABLE {new_name}{} AUTOINCREMENT{}",
        &rest[..end],
        &rest[end..]
    ))
}

/// Rebuilds `table` as SQLite's documented procedure does: new table, copy,
/// drop, rename, then its indexes and triggers again.
fn rebuild(tx: &Transaction, table: &str) -> rusqlite::Result<()> {
    let create: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    let tmp = format!("new_{table}");
    let Some(new_sql) = with_autoincrement(&create, table, &tmp) else {
        if create.contains("AUTOINCREMENT") {
            return Ok(());
        }
        return Err(failure(format!(
            "ids migration: cannot read the id column of {table}"
        )));
    };
    let mut st = tx.prepare(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ?1 AND type IN ('index', 'trigger')
         AND sql IS NOT NULL ORDER BY type, name",
    )?;
    let attached: Vec<String> = st
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute_batch(&new_sql)?;
    // Same CREATE text, so the same columns in the same order.
    tx.execute_batch(&format!(
        "INSERT INTO {tmp} SELECT * FROM {table}; DROP TABLE {table}; ALTER TABLE {tmp} RENAME TO {table};"
    ))?;
    for sql in attached {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

/// Ids freed before this migration are known from the audit trail: the
/// next id is above every id it names.
fn raise_to_audit(tx: &Transaction, table: &str, entity: Option<&str>) -> rusqlite::Result<()> {
    let Some(entity) = entity else { return Ok(()) };
    let named: Option<i64> = tx.query_row(
        "SELECT max(CAST(key AS INTEGER)) FROM audit
         WHERE entity = ?1 AND key GLOB '[0-9]*' AND key NOT GLOB '*[^0-9]*'",
        [entity],
        |r| r.get(0),
    )?;
    let Some(named) = named else { return Ok(()) };
    let updated = tx.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1",
        params![table, named],
    )?;
    if updated == 0 {
        tx.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
            params![table, named],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Channel, Obligation, Reminder, Text};
    use crate::store::edits::{RecordRef, UndoStep};
    use crate::store::{Mode, Store, schema};
    use chrono::NaiveDate;
    use rusqlite::Connection;

    fn reminder(note: &str) -> Reminder {
        Reminder {
            date: NaiveDate::from_ymd_opt(2024, 1, 5).unwrap(),
            party: Text::from("AUT"),
            review: None,
            obligation: Obligation::FocalPoint,
            channel: Channel::Email,
            note: note.into(),
        }
    }

    const AUSTRIA: &str =
        "INSERT INTO parties (code, name, kind) VALUES ('AUT', 'Austria', 'state')";

    #[test]
    fn an_id_freed_by_undo_is_not_given_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Mode::ReadWrite).unwrap();
        store.conn().execute(AUSTRIA, []).unwrap();
        store.write(|w| w.remind(&reminder("first"))).unwrap();
        let newest = store.write(|w| w.remind(&reminder("second"))).unwrap();
        store
            .write(|w| {
                w.undo(&UndoStep::Added {
                    record: RecordRef::Reminder(newest),
                    version: 1,
                })
            })
            .unwrap();
        let next = store.write(|w| w.remind(&reminder("third"))).unwrap();
        assert_eq!(next, newest + 1, "id {newest} was given again");
        // The audit trail names one reminder per id.
        for id in [newest, next] {
            let trail = store
                .audit_trail(Some(("reminder", &id.to_string())), 10)
                .unwrap();
            let notes: std::collections::BTreeSet<String> = trail
                .iter()
                .filter_map(|e| e.after.clone().or_else(|| e.before.clone()))
                .map(|j| serde_json::from_str::<serde_json::Value>(&j).unwrap()["note"].to_string())
                .collect();
            assert_eq!(notes.len(), 1, "reminder {id}: {notes:?}");
        }
    }

    /// A store written before this migration, with a column and a table
    /// it does not know of (as a later migration might add) and a reminder whose id was freed: columns
    /// and rows are kept, and the freed id is not given again.
    #[test]
    fn an_old_store_keeps_its_columns_and_learns_freed_ids_from_the_audit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(&schema::sql("v1")).unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.pragma_update(None, "application_id", schema::APPLICATION_ID)
                .unwrap();
            c.execute_batch(&format!(
                "{AUSTRIA};
                 ALTER TABLE reminders ADD COLUMN local_ref TEXT;
                 CREATE TABLE person_tags (
                     person INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                     tag TEXT NOT NULL);
                 INSERT INTO people (id, party, role, name, nominated)
                     VALUES (7, 'AUT', 'expert', 'Anna', '2024-01-02');
                 INSERT INTO person_tags VALUES (7, 'tag');
                 INSERT INTO reminders (id, date, party, obligation, channel, local_ref)
                     VALUES (1, '2024-01-05', 'AUT', 'focal_point', 'email', '<m1@x>');
                 INSERT INTO audit (at, os_user, action, entity, key)
                     VALUES ('2024-01-05T00:00:00Z', 't', 'remind', 'reminder', '1'),
                            ('2024-01-06T00:00:00Z', 't', 'remind', 'reminder', '2'),
                            ('2024-01-06T00:00:01Z', 't', 'undo', 'reminder', '2');"
            ))
            .unwrap();
        }
        let mut store = Store::open(&path, Mode::ReadWrite).unwrap();
        let kept: String = store
            .conn()
            .query_row("SELECT local_ref FROM reminders WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "<m1@x>");
        // A table that cascades from people kept its rows: the rebuild
        // dropped the old table with foreign keys off.
        let tags: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM person_tags", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tags, 1);
        let next = store.write(|w| w.remind(&reminder("new"))).unwrap();
        assert_eq!(next, 3);
        assert!(store.integrity_problems().unwrap().is_empty());
        for (table, _) in TABLES {
            let sql: String = store
                .conn()
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(sql.contains("AUTOINCREMENT"), "{table}: {sql}");
        }
        // The audit table is still append-only (its triggers came back).
        let refused = store.conn().execute("DELETE FROM audit", []);
        assert!(refused.is_err(), "the audit log lost its triggers");
        let keys: bool = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(keys, "foreign keys are back on after the migration");
    }

    #[test]
    fn the_id_column_gets_autoincrement_and_the_rest_is_kept() {
        let v1 = "CREATE TABLE people (\n    id          INTEGER PRIMARY KEY CHECK (id >= 1),\n    name TEXT NOT NULL, languages TEXT NOT NULL DEFAULT '')";
        assert_eq!(
            with_autoincrement(v1, "people", "new_people").unwrap(),
            "CREATE TABLE new_people (\n    id          INTEGER PRIMARY KEY AUTOINCREMENT CHECK (id >= 1),\n    name TEXT NOT NULL, languages TEXT NOT NULL DEFAULT '')"
        );
        let renamed = "CREATE TABLE \"reminders\" (id INTEGER PRIMARY KEY, note TEXT)";
        assert_eq!(
            with_autoincrement(renamed, "reminders", "new_reminders").unwrap(),
            "CREATE TABLE new_reminders (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT)"
        );
        assert_eq!(
            with_autoincrement(
                "CREATE TABLE x (id INTEGER PRIMARY KEY AUTOINCREMENT)",
                "x",
                "new_x"
            ),
            None
        );
        // A key that is not `id` is left alone.
        assert_eq!(
            with_autoincrement("CREATE TABLE x (n INTEGER PRIMARY KEY)", "x", "new_x"),
            None
        );
    }
}
