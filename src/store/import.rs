//! Writing an imported desk record by record into the open transaction,
//! as the document is read ([`interchange::read::Sink`]): the document is
//! never held whole. Foreign keys are checked at the commit, so a document
//! may name a party before it lists the parties; nothing is committed
//! unless the whole document was read without a problem.

use super::{Result, StoreError, Writer};
use super::{extensions, parties, people, reminders, reviews};
use crate::domain::interchange::read::Sink;
use crate::domain::model::*;
use crate::domain::next_cluster::ClusterStart;
use rusqlite::{CachedStatement, params};
use serde_json::json;

/// How many records of each kind an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub groups: usize,
    pub parties: usize,
    pub people: usize,
    pub reviews: usize,
    pub extensions: usize,
    pub reminders: usize,
    pub cluster_starts: usize,
    pub draws: usize,
}

/// An import under way in a write transaction.
pub struct Importer<'w, 'a> {
    w: &'w Writer<'a>,
    replace: bool,
    /// The indexes dropped for the import, made again when it ends.
    indexes: Vec<(String, String)>,
    /// The inserts, prepared once for every record of their kind.
    st: Inserts<'a>,
    pub written: Written,
}

/// The insert of each kind of record.
struct Inserts<'a> {
    group: CachedStatement<'a>,
    party: CachedStatement<'a>,
    person: CachedStatement<'a>,
    review: CachedStatement<'a>,
    reviewer: CachedStatement<'a>,
    extension: CachedStatement<'a>,
    reminder: CachedStatement<'a>,
}

impl<'a> Inserts<'a> {
    fn prepare(tx: &'a rusqlite::Transaction<'a>) -> Result<Self> {
        Ok(Inserts {
            group: tx.prepare_cached("INSERT INTO groups (number, start) VALUES (?1, ?2)")?,
            party: tx.prepare_cached(&parties::INSERT)?,
            person: tx.prepare_cached(&people::INSERT)?,
            review: tx.prepare_cached(&reviews::INSERT)?,
            reviewer: tx.prepare_cached(
                "INSERT INTO review_reviewers (review, position, party) VALUES (?1, ?2, ?3)",
            )?,
            extension: tx.prepare_cached(&extensions::INSERT)?,
            reminder: tx.prepare_cached(&reminders::INSERT)?,
        })
    }
}

impl<'a> Writer<'a> {
    /// How many draws the log holds.
    pub fn count_draws(&self) -> Result<usize> {
        let n: i64 = self
            .tx
            .query_row("SELECT count(*) FROM draws", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn holds_a_desk(&self) -> Result<bool> {
        let n: i64 = self.tx.query_row(
            "SELECT (SELECT count(*) FROM parties) + (SELECT count(*) FROM groups) + (SELECT count(*) FROM reviews)",
            [],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Starts an import: the store must hold no desk unless `replace`,
    /// and then the desk (its records and what hangs on them) is removed
    /// first. Foreign keys wait for the commit.
    pub fn begin_import(&self, replace: bool) -> Result<Importer<'_, 'a>> {
        if self.holds_a_desk()? {
            if !replace {
                return Err(StoreError::Invalid(
                    "the store already holds a desk; use --replace to replace everything in it"
                        .into(),
                ));
            }
            self.tx.execute_batch(
                "DELETE FROM reminders; DELETE FROM extensions; DELETE FROM review_reviewers;
                 DELETE FROM reviews; DELETE FROM people; DELETE FROM parties; DELETE FROM groups;
                 DELETE FROM draws;",
            )?;
        }
        self.tx.pragma_update(None, "defer_foreign_keys", true)?;
        let indexes = self.drop_desk_indexes()?;
        Ok(Importer {
            w: self,
            replace,
            indexes,
            st: Inserts::prepare(self.tx)?,
            written: Written::default(),
        })
    }

    /// Drops the secondary indexes of the desk's tables for the import and
    /// returns their definitions: building an index once after the rows are
    /// in is cheaper than keeping it up to date row by row. They are made
    /// again in [`Importer::finish`], in the same transaction, so a refused
    /// import leaves them as they were.
    fn drop_desk_indexes(&self) -> Result<Vec<(String, String)>> {
        let mut st = self.tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('reminders', 'people', 'reviews', 'review_reviewers', 'extensions', 'audit')
             ORDER BY name",
        )?;
        let indexes = st
            .query_map([], |r| Ok((r.get("name")?, r.get("sql")?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        for (name, _) in &indexes {
            self.tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        Ok(indexes)
    }
}

impl Importer<'_, '_> {
    pub fn insert_group(&mut self, g: &Group) -> Result<()> {
        self.st
            .group
            .execute(params![g.number, g.start.to_string()])?;
        self.written.groups += 1;
        Ok(())
    }

    pub fn insert_party(&mut self, p: &Party) -> Result<()> {
        self.st.party.execute(parties::params(p))?;
        self.written.parties += 1;
        Ok(())
    }

    pub fn insert_person(&mut self, p: &Person) -> Result<()> {
        self.st.person.execute(people::params(p, Some(p.id)))?;
        self.written.people += 1;
        Ok(())
    }

    pub fn insert_review(&mut self, r: &Review) -> Result<()> {
        self.st.review.execute(reviews::params(r, Some(r.id)))?;
        for (pos, party) in r.reviewers.iter().enumerate() {
            self.st
                .reviewer
                .execute(params![r.id, pos as i64, party.as_str()])?;
        }
        self.written.reviews += 1;
        Ok(())
    }

    pub fn insert_extension(&mut self, e: &Extension) -> Result<()> {
        self.st
            .extension
            .execute(extensions::params(e, None, self.w.user))?;
        self.written.extensions += 1;
        Ok(())
    }

    pub fn insert_reminder(&mut self, r: &Reminder) -> Result<()> {
        self.st
            .reminder
            .execute(reminders::params(r, None, self.w.user))?;
        self.written.reminders += 1;
        Ok(())
    }

    /// Ends the desk's part: one audit entry says how many of each were
    /// written.
    pub fn finish(self) -> Result<Written> {
        for (_, sql) in &self.indexes {
            self.w.tx.execute_batch(sql)?;
        }
        let n = self.written;
        let summary = json!({"groups": n.groups, "parties": n.parties,
            "people": n.people, "reviews": n.reviews,
            "extensions": n.extensions, "reminders": n.reminders});
        self.w.audit(
            if self.replace { "replace" } else { "import" },
            "desk",
            "*",
            None,
            Some(&summary),
        )?;
        Ok(n)
    }
}

impl Sink for Importer<'_, '_> {
    type Error = StoreError;
    fn group(&mut self, g: Group) -> Result<()> {
        self.insert_group(&g)
    }
    fn party(&mut self, p: Party) -> Result<()> {
        self.insert_party(&p)
    }
    fn person(&mut self, p: Person) -> Result<()> {
        self.insert_person(&p)
    }
    fn review(&mut self, r: Review) -> Result<()> {
        self.insert_review(&r)
    }
    fn extension(&mut self, e: Extension) -> Result<()> {
        self.insert_extension(&e)
    }
    fn reminder(&mut self, r: Reminder) -> Result<()> {
        self.insert_reminder(&r)
    }
    fn cluster_start(&mut self, c: ClusterStart) -> Result<()> {
        self.w.insert_cluster_start(&c)?;
        self.written.cluster_starts += 1;
        Ok(())
    }
    /// The draw as logged by whoever imports it.
    fn draw(&mut self, mut d: DrawRecord) -> Result<()> {
        d.os_user = self.w.user.to_string();
        self.w.record_draw(&d)?;
        self.written.draws += 1;
        Ok(())
    }
    fn find_review(&self, id: i64) -> Option<Review> {
        reviews::read(self.w.tx, id).ok().map(|(r, _)| r)
    }
    fn find_person(&self, id: i64) -> Option<Person> {
        people::read(self.w.tx, id).ok().map(|(p, _)| p)
    }
}
