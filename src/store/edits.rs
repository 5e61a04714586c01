//! Every change to the desk: import, milestones, nominations, reminders,
//! extensions, draws. Each runs in one transaction with its audit entry and
//! checks its input first, naming the field that is wrong.

pub use super::people::NewPerson;
use super::people::{self, json as person_json};
use super::register_rows::{RegisterRef, RegisterSnapshot, register_row};
use super::reviews::{self, json as review_json};
use super::row::each_named;
use super::{Result, Store, StoreError, Writer};
use super::{extensions, reminders};
use crate::domain::interchange::milestone_order_problems;
use crate::domain::model::*;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

fn invalid(field: &str, msg: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("{field}: {msg}"))
}

impl Writer<'_> {
    fn party_exists(&self, code: &str) -> Result<bool> {
        Ok(self
            .tx
            .query_row("SELECT 1 FROM parties WHERE code = ?1", [code], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// One review with its reviewers and row version.
    pub fn review(&self, id: i64) -> Result<(Review, i64)> {
        reviews::read(self.tx, id)
    }

    /// One person with the row version.
    pub fn person(&self, id: i64) -> Result<(Person, i64)> {
        people::read(self.tx, id)
    }

    /// Writes a whole desk into the store (which must be empty unless
    /// `replace`), already checked (`interchange::parse`).
    pub fn import(&self, desk: &Desk, replace: bool) -> Result<()> {
        let mut imp = self.begin_import(replace)?;
        for g in &desk.groups {
            imp.insert_group(g)?;
        }
        for p in &desk.parties {
            imp.insert_party(p)?;
        }
        for p in &desk.people {
            imp.insert_person(p)?;
        }
        for r in &desk.reviews {
            imp.insert_review(r)?;
        }
        for e in &desk.extensions {
            imp.insert_extension(e)?;
        }
        for r in &desk.reminders {
            imp.insert_reminder(r)?;
        }
        imp.finish()?;
        Ok(())
    }

    /// Records (or corrects) a milestone date, and the languages agreed at
    /// the consultation. `None` clears a date.
    pub fn record_milestone(
        &self,
        review: i64,
        which: Milestone,
        date: Option<NaiveDate>,
        languages: Option<&[Language]>,
    ) -> Result<Review> {
        let (before, _) = self.review(review)?;
        let mut after = before.clone();
        after.milestones.set(which, date);
        if let Some(l) = languages {
            if l.len() > 3 {
                return Err(invalid("languages", "at most three languages"));
            }
            after.languages = Languages::from_slice(l);
        }
        if let Some((field, msg)) = milestone_order_problems(&after.milestones)
            .into_iter()
            .next()
        {
            return Err(invalid(field, msg));
        }
        self.write_review_fields(&before, &after, "record")?;
        Ok(after)
    }

    /// Writes the milestone and language columns of `after`, audited.
    fn write_review_fields(&self, before: &Review, after: &Review, action: &str) -> Result<()> {
        self.tx
            .execute(&reviews::UPDATE, reviews::params(after, Some(after.id)))?;
        if before.reviewers != after.reviewers {
            reviews::write_reviewers(self.tx, after.id, &after.reviewers)?;
        }
        self.audit(
            action,
            "review",
            &after.id.to_string(),
            Some(&review_json(before)),
            Some(&review_json(after)),
        )?;
        Ok(())
    }

    /// Replaces a review as a whole (used by undo and redraws), checking
    /// that nobody changed it since `expected_version` when given.
    pub fn put_review(
        &self,
        after: &Review,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        let (before, version) = self.review(after.id)?;
        if let Some(v) = expected_version
            && v != version
        {
            return Err(self.conflict("review", after.id));
        }
        if let Some((field, msg)) = milestone_order_problems(&after.milestones)
            .into_iter()
            .next()
        {
            return Err(invalid(field, msg));
        }
        self.write_review_fields(&before, after, action)
    }

    /// The conflict error for a record changed by someone else, naming who
    /// and when from the audit log.
    pub fn conflict(&self, what: &'static str, id: i64) -> StoreError {
        let last: Option<(String, String)> = self
            .tx
            .query_row(
                "SELECT os_user, at FROM audit WHERE entity = ?1 AND key = ?2 ORDER BY id DESC LIMIT 1",
                params![what, id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ok()
            .flatten();
        let (by, at) = last.unwrap_or_else(|| ("another session".into(), "an unknown time".into()));
        StoreError::Conflict {
            what,
            key: id.to_string(),
            by,
            at,
        }
    }

    /// Nominates a person; returns the new record.
    pub fn nominate(&self, p: &NewPerson) -> Result<Person> {
        if !self.party_exists(&p.party)? {
            return Err(invalid("party", format!("unknown party {:?}", p.party)));
        }
        if p.name.trim().is_empty() {
            return Err(invalid("name", "a name is needed"));
        }
        self.tx
            .execute(&people::INSERT, people::params(&p.to_person(), None))?;
        let id = self.tx.last_insert_rowid();
        let (person, _) = self.person(id)?;
        self.audit(
            "nominate",
            "person",
            &id.to_string(),
            None,
            Some(&person_json(&person)),
        )?;
        Ok(person)
    }

    /// Ends a nomination on `date` (the record is kept, with its end date).
    pub fn end_nomination(&self, id: i64, date: NaiveDate) -> Result<Person> {
        self.end_nomination_checked(id, date, None)
    }

    /// Ends a nomination, refusing when someone changed the person since
    /// `expected_version` (when given).
    pub fn end_nomination_checked(
        &self,
        id: i64,
        date: NaiveDate,
        expected_version: Option<i64>,
    ) -> Result<Person> {
        let (before, version) = self.person(id)?;
        if let Some(v) = expected_version
            && v != version
        {
            return Err(self.conflict("person", id));
        }
        if let Some(e) = before.ended {
            return Err(invalid(
                "person",
                format!("{} ({id}) already ended on {e}", before.name),
            ));
        }
        if date < before.nominated {
            return Err(invalid(
                "date",
                format!("{date} is before the nomination on {}", before.nominated),
            ));
        }
        let ended = Person {
            ended: Some(date),
            ..before.clone()
        };
        self.tx
            .execute(&people::UPDATE, people::params(&ended, Some(id)))?;
        let (after, _) = self.person(id)?;
        self.audit(
            "end",
            "person",
            &id.to_string(),
            Some(&person_json(&before)),
            Some(&person_json(&after)),
        )?;
        Ok(after)
    }

    /// Replaces a person's record as a whole (contact details, undo),
    /// refusing when someone changed it since `expected_version`.
    pub fn put_person(
        &self,
        after: &Person,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        let (before, version) = self.person(after.id)?;
        if let Some(v) = expected_version
            && v != version
        {
            return Err(self.conflict("person", after.id));
        }
        if after.name.trim().is_empty() {
            return Err(invalid("name", "a name is needed"));
        }
        if let Some(e) = after.ended
            && e < after.nominated
        {
            return Err(invalid(
                "ended",
                format!("{e} is before the nomination on {}", after.nominated),
            ));
        }
        self.tx
            .execute(&people::UPDATE, people::params(after, Some(after.id)))?;
        self.audit(
            action,
            "person",
            &after.id.to_string(),
            Some(&person_json(&before)),
            Some(&person_json(after)),
        )?;
        Ok(())
    }

    /// Logs a reminder sent to a party. Review obligations need the review,
    /// and the party must owe that obligation in it.
    pub fn remind(&self, r: &Reminder) -> Result<i64> {
        if !self.party_exists(&r.party)? {
            return Err(invalid("party", format!("unknown party {:?}", r.party)));
        }
        match (r.obligation.per_party(), r.review) {
            (false, None) => {
                return Err(invalid(
                    "review",
                    format!("a reminder about {} needs --review", r.obligation),
                ));
            }
            (_, Some(id)) => {
                let (review, _) = self.review(id)?;
                if !r.obligation.owed_in(&review, &r.party) {
                    return Err(invalid(
                        "party",
                        format!("{} does not owe {} in review {id}", r.party, r.obligation),
                    ));
                }
            }
            (true, None) => {}
        }
        self.tx
            .execute(&reminders::INSERT, reminders::params(r, None, self.user))?;
        let id = self.tx.last_insert_rowid();
        self.audit(
            "remind",
            "reminder",
            &id.to_string(),
            None,
            Some(&reminder_json(id, r)),
        )?;
        Ok(id)
    }

    /// Records an agreed extension of one review obligation.
    pub fn extend(&self, e: &Extension) -> Result<i64> {
        if !e.obligation.extendable() {
            return Err(invalid(
                "obligation",
                format!(
                    "{} cannot be extended: extensions apply to saq, feedback, observations and phase",
                    e.obligation
                ),
            ));
        }
        self.review(e.review)?;
        if e.reason.trim().is_empty() {
            return Err(invalid("reason", "say why the extension was agreed"));
        }
        self.tx
            .execute(&extensions::INSERT, extensions::params(e, None, self.user))?;
        let id = self.tx.last_insert_rowid();
        self.audit(
            "extend",
            "extension",
            &id.to_string(),
            None,
            Some(&extension_json(id, e)),
        )?;
        Ok(id)
    }

    /// Stores a drawing of lots in the history.
    pub fn record_draw(&self, d: &DrawRecord) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO draws (kind, grp, cluster, review, seed, rules, requested_by, at, os_user, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                d.kind.as_str(),
                d.group,
                d.cluster,
                d.review,
                d.seed.to_string(),
                d.rules,
                d.requested_by,
                d.at,
                d.os_user,
                d.before,
                d.after
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Adds a review with its reviewers (a group draw); returns its id.
    pub fn add_review(&self, r: &Review) -> Result<i64> {
        self.tx
            .execute(&reviews::INSERT, reviews::params(r, None))?;
        let id = self.tx.last_insert_rowid();
        reviews::write_reviewers(self.tx, id, &r.reviewers)?;
        let mut stored = r.clone();
        stored.id = id;
        self.audit(
            "draw",
            "review",
            &id.to_string(),
            None,
            Some(&review_json(&stored)),
        )?;
        Ok(id)
    }
}

impl Store {
    /// A person with its row version, read outside any write.
    pub fn person(&self, id: i64) -> Result<(Person, i64)> {
        people::read(self.conn(), id)
    }
}

/// A reminder as stored: its id, row version and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReminder {
    pub id: i64,
    pub version: i64,
    pub reminder: Reminder,
    pub recorded_by: String,
}

/// An extension as stored: its id, row version and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExtension {
    pub id: i64,
    pub version: i64,
    pub extension: Extension,
    pub recorded_by: String,
}

/// A reminder as the audit log keeps it.
pub fn reminder_json(id: i64, r: &Reminder) -> Value {
    json!({"id": id, "date": r.date.to_string(), "party": r.party, "review": r.review,
        "obligation": r.obligation, "channel": r.channel, "note": r.note})
}

/// An extension as the audit log keeps it.
pub fn extension_json(id: i64, e: &Extension) -> Value {
    json!({"id": id, "review": e.review, "obligation": e.obligation,
        "due": e.due.to_string(), "reason": e.reason, "agreed": e.agreed.to_string()})
}

/// A record of the desk the session can point at: for versions, deletes
/// and undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordRef {
    Review(i64),
    Person(i64),
    Reminder(i64),
    Extension(i64),
    /// A row of a register (DESIGN.md section 7).
    Register(RegisterRef),
}

impl RecordRef {
    /// The audit log's entity name.
    pub fn entity(self) -> &'static str {
        match self {
            RecordRef::Review(_) => "review",
            RecordRef::Person(_) => "person",
            RecordRef::Reminder(_) => "reminder",
            RecordRef::Extension(_) => "extension",
            RecordRef::Register(r) => r.entity(),
        }
    }
    /// The record's key as the audit log writes it.
    pub fn key_text(self) -> String {
        match self {
            RecordRef::Review(i)
            | RecordRef::Person(i)
            | RecordRef::Reminder(i)
            | RecordRef::Extension(i) => i.to_string(),
            RecordRef::Register(r) => r.key_text(),
        }
    }
    /// The table and id of a record the desk's tables hold by id.
    fn row(self) -> Option<(&'static str, i64)> {
        match self {
            RecordRef::Review(i) => Some(("reviews", i)),
            RecordRef::Person(i) => Some(("people", i)),
            RecordRef::Reminder(i) => Some(("reminders", i)),
            RecordRef::Extension(i) => Some(("extensions", i)),
            RecordRef::Register(_) => None,
        }
    }
}

impl std::fmt::Display for RecordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.entity(), self.key_text())
    }
}

/// A record's content at one moment, to put it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    Review(Review),
    Person(Person),
    Reminder(i64, Reminder),
    Extension(i64, Extension),
    Register(RegisterSnapshot),
}

impl Snapshot {
    pub fn record(&self) -> RecordRef {
        match self {
            Snapshot::Review(r) => RecordRef::Review(r.id),
            Snapshot::Person(p) => RecordRef::Person(p.id),
            Snapshot::Reminder(id, _) => RecordRef::Reminder(*id),
            Snapshot::Extension(id, _) => RecordRef::Extension(*id),
            Snapshot::Register(r) => RecordRef::Register(r.record()),
        }
    }
}

/// One thing a save did, so that the session can take it back: undo
/// refuses when the record changed since (its version moved on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoStep {
    /// A record was added and stood at `version`: undo deletes it.
    Added { record: RecordRef, version: i64 },
    /// A record was changed from `before` to `version`: undo puts `before` back.
    Changed { before: Snapshot, version: i64 },
    /// A record was deleted: undo puts it back.
    Deleted { before: Snapshot },
}

impl UndoStep {
    /// The record the step is about.
    pub fn record(&self) -> RecordRef {
        match self {
            UndoStep::Added { record, .. } => *record,
            UndoStep::Changed { before, .. } | UndoStep::Deleted { before } => before.record(),
        }
    }
}

impl Writer<'_> {
    /// The row version of a record (missing records are `NotFound`).
    pub fn version(&self, record: RecordRef) -> Result<i64> {
        version_in(self.tx, record)
    }

    fn check_version(&self, record: RecordRef, expected: Option<i64>) -> Result<i64> {
        let v = self.version(record)?;
        self.expect_version(record.entity(), &record.key_text(), v, expected)?;
        Ok(v)
    }

    /// One reminder with its id and version.
    pub fn reminder(&self, id: i64) -> Result<StoredReminder> {
        read_reminders(self.tx, "WHERE id = ?1", params![id])?
            .pop()
            .ok_or(StoredNotFound::reminder(id))
    }

    /// One extension with its id and version.
    pub fn extension(&self, id: i64) -> Result<StoredExtension> {
        read_extensions(self.tx, "WHERE id = ?1", params![id])?
            .pop()
            .ok_or(StoredNotFound::extension(id))
    }

    /// Deletes a person entered by mistake (an ended nomination is ended,
    /// not deleted). The audit log keeps the record: before = the person,
    /// after = null.
    pub fn delete_person(
        &self,
        id: i64,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<Person> {
        let (before, _) = self.person(id)?;
        self.check_version(RecordRef::Person(id), expected_version)?;
        self.tx.execute("DELETE FROM people WHERE id = ?1", [id])?;
        self.audit(
            action,
            "person",
            &id.to_string(),
            Some(&person_json(&before)),
            None,
        )?;
        Ok(before)
    }

    /// Deletes row `id` of `table` (a fixed name, never user input) and
    /// keeps the record in the audit log as its last "before".
    fn delete_audited(
        &self,
        table: &'static str,
        entity: &str,
        id: i64,
        before: &Value,
        action: &str,
    ) -> Result<()> {
        self.tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        self.audit(action, entity, &id.to_string(), Some(before), None)?;
        Ok(())
    }

    /// Deletes a reminder logged by mistake; the audit log keeps it.
    pub fn delete_reminder(
        &self,
        id: i64,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<StoredReminder> {
        let before = self.reminder(id)?;
        self.check_version(RecordRef::Reminder(id), expected_version)?;
        self.delete_audited(
            "reminders",
            "reminder",
            id,
            &reminder_json(id, &before.reminder),
            action,
        )?;
        Ok(before)
    }

    /// Deletes an extension recorded by mistake; the audit log keeps it.
    pub fn delete_extension(
        &self,
        id: i64,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<StoredExtension> {
        let before = self.extension(id)?;
        self.check_version(RecordRef::Extension(id), expected_version)?;
        self.delete_audited(
            "extensions",
            "extension",
            id,
            &extension_json(id, &before.extension),
            action,
        )?;
        Ok(before)
    }

    /// Whether a row with this id exists in the record's table.
    fn id_taken(&self, record: RecordRef) -> Result<bool> {
        let Some((table, id)) = record.row() else {
            return Ok(false);
        };
        Ok(self
            .tx
            .query_row(
                &format!("SELECT 1 FROM {} WHERE id = ?1", table),
                [id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Puts a deleted record back, under its old id unless another record
    /// took it since.
    fn restore(&self, before: &Snapshot, action: &str) -> Result<()> {
        let keep_id = !self.id_taken(before.record())?;
        match before {
            Snapshot::Review(_) => {
                return Err(StoreError::Invalid(
                    "a review is never deleted, so it cannot be restored".into(),
                ));
            }
            Snapshot::Person(p) => {
                if !self.party_exists(&p.party)? {
                    return Err(invalid("party", format!("unknown party {:?}", p.party)));
                }
                self.tx
                    .execute(&people::INSERT, people::params(p, keep_id.then_some(p.id)))?;
                let id = self.tx.last_insert_rowid();
                let mut p = p.clone();
                p.id = id;
                self.audit(
                    action,
                    "person",
                    &id.to_string(),
                    None,
                    Some(&person_json(&p)),
                )?;
            }
            Snapshot::Reminder(old, r) => {
                self.tx.execute(
                    &reminders::INSERT,
                    reminders::params(r, keep_id.then_some(*old), self.user),
                )?;
                let id = self.tx.last_insert_rowid();
                self.audit(
                    action,
                    "reminder",
                    &id.to_string(),
                    None,
                    Some(&reminder_json(id, r)),
                )?;
            }
            Snapshot::Extension(old, e) => {
                self.tx.execute(
                    &extensions::INSERT,
                    extensions::params(e, keep_id.then_some(*old), self.user),
                )?;
                let id = self.tx.last_insert_rowid();
                self.audit(
                    action,
                    "extension",
                    &id.to_string(),
                    None,
                    Some(&extension_json(id, e)),
                )?;
            }
            Snapshot::Register(r) => self.put_back_register(r, None, action)?,
        }
        Ok(())
    }

    /// Takes back one step of a save, audited as "undo". Refused (with the
    /// name of who changed it and when) when the record moved on since.
    pub fn undo(&self, step: &UndoStep) -> Result<()> {
        const UNDO: &str = "undo";
        match step {
            UndoStep::Added { record, version } => {
                match self.version(*record) {
                    Err(StoreError::NotFound { what, key }) => {
                        return Err(StoreError::Invalid(format!(
                            "{what} {key} was deleted since; there is nothing to undo"
                        )));
                    }
                    other => other?,
                };
                match record {
                    RecordRef::Person(id) => {
                        self.delete_person(*id, Some(*version), UNDO)?;
                    }
                    RecordRef::Reminder(id) => {
                        self.delete_reminder(*id, Some(*version), UNDO)?;
                    }
                    RecordRef::Extension(id) => {
                        self.delete_extension(*id, Some(*version), UNDO)?;
                    }
                    RecordRef::Register(r) => {
                        self.delete_register(*r, Some(*version), UNDO)?;
                    }
                    RecordRef::Review(_) => {
                        return Err(StoreError::Invalid(
                            "a drawn review is not taken back by undo".into(),
                        ));
                    }
                }
            }
            UndoStep::Changed { before, version } => match before {
                Snapshot::Review(r) => self.put_review(r, Some(*version), UNDO)?,
                Snapshot::Person(p) => self.put_person(p, Some(*version), UNDO)?,
                Snapshot::Register(r) => self.put_back_register(r, Some(*version), UNDO)?,
                other => {
                    return Err(StoreError::Invalid(format!(
                        "{} is never changed in place, so there is nothing to undo",
                        other.record()
                    )));
                }
            },
            UndoStep::Deleted { before } => {
                self.restore(before, UNDO)?;
            }
        }
        Ok(())
    }
}

/// The row version of a record (missing records are `NotFound`).
fn version_in(conn: &rusqlite::Connection, record: RecordRef) -> Result<i64> {
    let (table, id) = match record {
        RecordRef::Register(r) => return Ok(register_row(conn, r)?.1),
        RecordRef::Review(i) => ("reviews", i),
        RecordRef::Person(i) => ("people", i),
        RecordRef::Reminder(i) => ("reminders", i),
        RecordRef::Extension(i) => ("extensions", i),
    };
    conn.query_row(
        &format!("SELECT version FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: record.entity(),
        key: record.key_text(),
    })
}

struct StoredNotFound;

impl StoredNotFound {
    fn reminder(id: i64) -> StoreError {
        StoreError::NotFound {
            what: "reminder",
            key: id.to_string(),
        }
    }
    fn extension(id: i64) -> StoreError {
        StoreError::NotFound {
            what: "extension",
            key: id.to_string(),
        }
    }
}

fn read_reminders(
    conn: &rusqlite::Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<StoredReminder>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, version, {}, recorded_by FROM reminders {filter} ORDER BY date, id",
        reminders::FIELDS
    ))?;
    let mut out = Vec::new();
    each_named(&mut st, args, |r| {
        out.push(StoredReminder {
            id: r.get("id")?,
            version: r.get("version")?,
            reminder: reminders::from_row(r)?,
            recorded_by: r.get("recorded_by")?,
        });
        Ok(true)
    })?;
    Ok(out)
}

fn read_extensions(
    conn: &rusqlite::Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<StoredExtension>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, version, {}, recorded_by FROM extensions {filter} ORDER BY agreed, id",
        extensions::FIELDS
    ))?;
    let mut out = Vec::new();
    each_named(&mut st, args, |r| {
        out.push(StoredExtension {
            id: r.get("id")?,
            version: r.get("version")?,
            extension: extensions::from_row(r)?,
            recorded_by: r.get("recorded_by")?,
        });
        Ok(true)
    })?;
    Ok(out)
}

impl Store {
    /// A review with its reviewers and row version, read outside any write.
    pub fn review(&self, id: i64) -> Result<(Review, i64)> {
        reviews::read(self.conn(), id)
    }

    /// The row version of a record, read outside any write.
    pub fn version_of(&self, record: RecordRef) -> Result<i64> {
        version_in(self.conn(), record)
    }

    /// Reminders with their ids, oldest first: to one party (any when
    /// `None`) about one review (any when `None`).
    pub fn reminders_with_ids(
        &self,
        party: Option<&str>,
        review: Option<i64>,
    ) -> Result<Vec<StoredReminder>> {
        read_reminders(
            self.conn(),
            "WHERE (?1 IS NULL OR party = ?1) AND (?2 IS NULL OR review = ?2)",
            params![party, review],
        )
    }

    /// The extensions of one review with their ids, oldest first.
    pub fn extensions_with_ids(&self, review: i64) -> Result<Vec<StoredExtension>> {
        read_extensions(self.conn(), "WHERE review = ?1", params![review])
    }
}
