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
use rusqlite::params;
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
    pub written: Written,
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
        Ok(Importer {
            w: self,
            replace,
            written: Written::default(),
        })
    }
}

impl Importer<'_, '_> {
    pub fn insert_group(&mut self, g: &Group) -> Result<()> {
        self.w
            .tx
            .prepare_cached("INSERT INTO groups (number, start) VALUES (?1, ?2)")?
            .execute(params![g.number, g.start.to_string()])?;
        self.written.groups += 1;
        Ok(())
    }

    pub fn insert_party(&mut self, p: &Party) -> Result<()> {
        self.w
            .tx
            .prepare_cached(&parties::INSERT)?
            .execute(parties::params(p))?;
        self.written.parties += 1;
        Ok(())
    }

    pub fn insert_person(&mut self, p: &Person) -> Result<()> {
        self.w
            .tx
            .prepare_cached(&people::INSERT)?
            .execute(people::params(p, Some(p.id)))?;
        self.written.people += 1;
        Ok(())
    }

    pub fn insert_review(&mut self, r: &Review) -> Result<()> {
        let tx = self.w.tx;
        tx.prepare_cached(&reviews::INSERT)?
            .execute(reviews::params(r, Some(r.id)))?;
        let mut rv = tx.prepare_cached(
            "INSERT INTO review_reviewers (review, position, party) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, party) in r.reviewers.iter().enumerate() {
            rv.execute(params![r.id, pos as i64, party.as_str()])?;
        }
        self.written.reviews += 1;
        Ok(())
    }

    pub fn insert_extension(&mut self, e: &Extension) -> Result<()> {
        self.w
            .tx
            .prepare_cached(&extensions::INSERT)?
            .execute(extensions::params(e, None, self.w.user))?;
        self.written.extensions += 1;
        Ok(())
    }

    pub fn insert_reminder(&mut self, r: &Reminder) -> Result<()> {
        self.w
            .tx
            .prepare_cached(&reminders::INSERT)?
            .execute(reminders::params(r, None, self.w.user))?;
        self.written.reminders += 1;
        Ok(())
    }

    /// Ends the desk's part: one audit entry says how many of each were
    /// written.
    pub fn finish(self) -> Result<Written> {
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
