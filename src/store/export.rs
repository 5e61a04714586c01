//! The desk read one record at a time, in the order `export` writes it:
//! a writer streams a whole desk without holding it. Each reader calls
//! `f` with one record after another and stops early when `f` says so
//! (returns `false`, e.g. because the output failed).
//!
//! A record's dependants (a review's reviewers, a party's mission, a
//! person's working languages) are joined by one merge over two lists read
//! in the same key order.

use super::row::{Named, bad, each_named};
use super::{Result, Store, StoreError};
use super::{extensions, parties, people, reminders, reviews};
use crate::domain::directory::Mission;
use crate::domain::model::*;
use std::iter::Peekable;

/// `CASE column WHEN 'a' THEN 0 ... END`: an enumeration's stored text
/// ordered as the enumeration itself (declaration order), not as text.
fn rank(column: &str, spellings: impl Iterator<Item = &'static str>) -> String {
    let whens: String = spellings
        .enumerate()
        .map(|(i, s)| format!(" WHEN '{s}' THEN {i}"))
        .collect();
    format!("CASE {column}{whens} END")
}

/// The rows of one key from a list sorted by key: `key_of(main)` must
/// come in the same order as the list's keys. Keys with no main record
/// (the store's foreign keys admit none) are passed over.
fn take_run<K: Ord, V>(
    list: &mut Peekable<impl Iterator<Item = Result<(K, V)>>>,
    key: &K,
) -> Result<Vec<V>> {
    let mut out = Vec::new();
    while let Some(next) = list.peek() {
        match next {
            Ok((k, _)) if k < key => {
                list.next();
            }
            Ok((k, _)) if k == key => {
                if let Some(Ok((_, v))) = list.next() {
                    out.push(v);
                }
            }
            Ok(_) => break,
            Err(_) => {
                list.next().transpose()?;
            }
        }
    }
    Ok(out)
}

impl Store {
    /// Each row of `sql` read with `read`, passed to `f` until it says stop.
    fn each<T>(
        &self,
        sql: &str,
        mut read: impl FnMut(&Named<'_, '_>) -> Result<T>,
        mut f: impl FnMut(T) -> bool,
    ) -> Result<()> {
        let mut st = self.conn().prepare(sql)?;
        each_named(&mut st, [], |r| Ok(f(read(r)?)))
    }

    /// Groups by number.
    pub fn each_group(&self, f: impl FnMut(Group) -> bool) -> Result<()> {
        self.each(
            "SELECT number, start FROM groups ORDER BY number",
            |r| {
                Ok(Group {
                    number: r.get("number")?,
                    start: r.date("start")?,
                })
            },
            f,
        )
    }

    /// Parties by code, each with its permanent mission if it has one.
    pub fn each_party(&self, mut f: impl FnMut(Party, Option<Mission>) -> bool) -> Result<()> {
        let mut st = self
            .conn()
            .prepare("SELECT party, email, phone FROM missions ORDER BY party")?;
        let mut missions = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Mission {
                        email: r.get(1)?,
                        phone: r.get(2)?,
                    },
                ))
            })?
            .map(|r| r.map_err(Into::into))
            .peekable();
        let sql = format!("SELECT {} FROM parties ORDER BY code", *parties::COLUMNS);
        let mut failed = None;
        self.each(&sql, parties::from_row, |p| {
            match take_run(&mut missions, &p.code.to_string()) {
                Ok(mut m) => f(p, m.pop()),
                Err(e) => {
                    failed = Some(e);
                    false
                }
            }
        })?;
        failed.map_or(Ok(()), Err)
    }

    /// People by id, each with their working languages in order.
    pub fn each_person(&self, mut f: impl FnMut(Person, Vec<Language>) -> bool) -> Result<()> {
        let mut st = self
            .conn()
            .prepare("SELECT person, language FROM person_languages ORDER BY person, position")?;
        let mut languages = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .map(|r| {
                let (person, l) = r?;
                let lang = l.parse::<Language>().map_err(|_| bad("language", &l))?;
                Ok((person, lang))
            })
            .peekable();
        let sql = format!("SELECT {} FROM people ORDER BY id", *people::COLUMNS);
        let mut failed = None;
        self.each(&sql, people::from_row, |p| {
            match take_run(&mut languages, &p.id) {
                Ok(l) => f(p, l),
                Err(e) => {
                    failed = Some(e);
                    false
                }
            }
        })?;
        failed.map_or(Ok(()), Err)
    }

    /// Reviews by id, each with its reviewers in order.
    pub fn each_review(&self, mut f: impl FnMut(Review) -> bool) -> Result<()> {
        let mut st = self
            .conn()
            .prepare("SELECT review, party FROM review_reviewers ORDER BY review, position")?;
        let mut reviewers = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .map(|r| {
                r.map(|(id, party)| (id, Text::from(party)))
                    .map_err(Into::into)
            })
            .peekable();
        let sql = format!("SELECT {} FROM reviews ORDER BY id", *reviews::COLUMNS);
        let mut failed = None;
        self.each(&sql, reviews::from_row, |mut r| {
            match take_run(&mut reviewers, &r.id) {
                Ok(list) => {
                    r.reviewers = list.into_iter().collect();
                    f(r)
                }
                Err(e) => {
                    failed = Some(e);
                    false
                }
            }
        })?;
        failed.map_or(Ok(()), Err)
    }

    /// Extensions by review, obligation, day agreed, due date and reason.
    pub fn each_extension(&self, f: impl FnMut(Extension) -> bool) -> Result<()> {
        let obligation = rank("obligation", Obligation::ALL.iter().map(|o| o.as_str()));
        let sql = format!(
            "SELECT {} FROM extensions ORDER BY review, {obligation}, agreed, due, reason",
            extensions::FIELDS
        );
        self.each(&sql, extensions::from_row, f)
    }

    /// Reminders by day, party, review (nominations first), obligation,
    /// channel and note.
    pub fn each_reminder(&self, f: impl FnMut(Reminder) -> bool) -> Result<()> {
        let obligation = rank("obligation", Obligation::ALL.iter().map(|o| o.as_str()));
        let channel = rank("channel", Channel::ALL.iter().map(|c| c.as_str()));
        let sql = format!(
            "SELECT {} FROM reminders ORDER BY date, party, review, {obligation}, {channel}, note",
            reminders::FIELDS
        );
        self.each(&sql, reminders::from_row, f)
    }

    /// Reminders in the order they were logged.
    pub fn each_reminder_as_logged(&self, f: impl FnMut(Reminder) -> bool) -> Result<()> {
        let sql = format!("SELECT {} FROM reminders ORDER BY id", reminders::FIELDS);
        self.each(&sql, reminders::from_row, f)
    }

    /// Runs `f` inside one read transaction: what it reads is one
    /// consistent snapshot of the store.
    pub fn snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.read_transaction()?;
        let out = f()?;
        if let Some(tx) = tx {
            tx.finish().map_err(StoreError::from)?;
        }
        Ok(out)
    }

    /// A read transaction, unless one is open already (then the caller's
    /// holds the snapshot).
    pub(crate) fn read_transaction(&self) -> Result<Option<rusqlite::Transaction<'_>>> {
        if self.conn().is_autocommit() {
            Ok(Some(self.conn().unchecked_transaction()?))
        } else {
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Mode;

    #[test]
    fn streamed_records_are_the_loaded_desk_in_export_order() {
        let desk = crate::demo::scale::build_scaled(2, "2026-11-29".parse().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), Mode::ReadWrite).unwrap();
        s.write(|w| w.import(&desk, false)).unwrap();
        let loaded = s.load_desk().unwrap();
        let doc = crate::domain::interchange::document(&loaded);
        let mut reminders = Vec::new();
        s.each_reminder(|r| {
            reminders.push(crate::domain::interchange::raw_reminder(&r));
            true
        })
        .unwrap();
        assert!(reminders.len() > 100);
        assert_eq!(
            serde_json::to_string(&reminders).unwrap(),
            serde_json::to_string(&doc.reminders).unwrap()
        );
        let mut reviews = Vec::new();
        s.each_review(|r| {
            reviews.push(r);
            true
        })
        .unwrap();
        assert_eq!(reviews, loaded.reviews);
        let mut seen = 0;
        s.each_person(|_, _| {
            seen += 1;
            seen < 3
        })
        .unwrap();
        assert_eq!(seen, 3, "stops when told");
    }
}
