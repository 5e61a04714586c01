//! Writing an imported desk record by record into the open transaction,
//! as the document is read ([`interchange::read::Sink`]): the document is
//! never held whole. Foreign keys are checked at the commit, so a document
//! may name a party before it lists the parties; nothing is committed
//! unless the whole document was read without a problem.

use super::{Result, StoreError, Writer};
use super::{extensions, parties, people, reminders, reviews};
use crate::domain::interchange::read::{self, Read, Sink};
use crate::domain::model::*;
use crate::domain::next_cluster::ClusterStart;
use rusqlite::{CachedStatement, params};
use serde_json::json;
use std::sync::mpsc;

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
    /// Reminders read but not yet written: they go [`reminders::BATCH`]
    /// at a time.
    reminders: Vec<Reminder>,
    /// People read but not yet written, likewise ([`people::BATCH`]).
    people: Vec<Person>,
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
    reminders: CachedStatement<'a>,
    people: CachedStatement<'a>,
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
            reminders: tx.prepare_cached(&reminders::INSERT_BATCH)?,
            people: tx.prepare_cached(&people::INSERT_BATCH)?,
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
            reminders: Vec::with_capacity(reminders::BATCH),
            people: Vec::with_capacity(people::BATCH),
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

    /// Writes `r` with the reminders read after it (in the order read, so
    /// their ids are the same): see [`reminders::BATCH`].
    fn queue_reminder(&mut self, r: Reminder) -> Result<()> {
        self.reminders.push(r);
        if self.reminders.len() == reminders::BATCH {
            let user = self.w.user;
            let values = self
                .reminders
                .iter()
                .flat_map(|r| reminders::values(r, None, user));
            self.st
                .reminders
                .execute(rusqlite::params_from_iter(values))?;
            self.written.reminders += self.reminders.len();
            self.reminders.clear();
        }
        Ok(())
    }

    /// Writes `p` with the people read after it: see [`people::BATCH`].
    fn queue_person(&mut self, p: Person) -> Result<()> {
        self.people.push(p);
        if self.people.len() == people::BATCH {
            let values = self
                .people
                .iter()
                .flat_map(|p| people::values(p, Some(p.id)));
            self.st.people.execute(rusqlite::params_from_iter(values))?;
            self.written.people += self.people.len();
            self.people.clear();
        }
        Ok(())
    }

    /// Writes the people and reminders still queued, one by one.
    fn flush_queues(&mut self) -> Result<()> {
        for p in std::mem::take(&mut self.people) {
            self.insert_person(&p)?;
        }
        for r in std::mem::take(&mut self.reminders) {
            self.insert_reminder(&r)?;
        }
        Ok(())
    }

    /// Ends the desk's part: one audit entry says how many of each were
    /// written.
    pub fn finish(mut self) -> Result<Written> {
        self.flush_queues()?;
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
        self.queue_person(p)
    }
    fn review(&mut self, r: Review) -> Result<()> {
        self.insert_review(&r)
    }
    fn extension(&mut self, e: Extension) -> Result<()> {
        self.insert_extension(&e)
    }
    fn reminder(&mut self, r: Reminder) -> Result<()> {
        self.queue_reminder(r)
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
    /// Among the people still queued, or in the store.
    fn find_person(&self, id: i64) -> Option<Person> {
        match self.people.iter().find(|p| p.id == id) {
            Some(p) => Some(p.clone()),
            None => people::read(self.w.tx, id).ok().map(|(p, _)| p),
        }
    }
}

/// A record read and checked, on its way to the store; or a question for
/// it (the registers' checks read back what was written).
enum Message {
    Group(Group),
    Party(Party),
    Person(Person),
    Review(Review),
    Extension(Extension),
    Reminder(Reminder),
    ClusterStart(ClusterStart),
    Draw(DrawRecord),
    FindReview(i64, mpsc::Sender<Option<Review>>),
    FindPerson(i64, mpsc::Sender<Option<Person>>),
}

/// How many records go to the writing thread at a time: few hand-overs,
/// and little held between the threads.
const BATCH: usize = 256;

/// The reading thread's sink: records go to the writing thread in
/// batches. Its one error is that the writing thread has stopped.
struct Forward {
    to: mpsc::SyncSender<Vec<Message>>,
    batch: Vec<Message>,
}

/// The writing thread stopped (its own error says why).
#[derive(Debug)]
struct Stopped;

impl Forward {
    fn push(&mut self, m: Message) -> std::result::Result<(), Stopped> {
        self.batch.push(m);
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::result::Result<(), Stopped> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.to.send(batch).map_err(|_| Stopped)
    }

    /// Asks the writing thread, after everything before the question.
    fn ask<T>(&mut self, q: impl FnOnce(mpsc::Sender<Option<T>>) -> Message) -> Option<T> {
        let (tx, rx) = mpsc::channel();
        self.push(q(tx)).ok()?;
        self.flush().ok()?;
        rx.recv().ok().flatten()
    }
}

impl Sink for Forward {
    type Error = Stopped;
    fn group(&mut self, g: Group) -> std::result::Result<(), Stopped> {
        self.push(Message::Group(g))
    }
    fn party(&mut self, p: Party) -> std::result::Result<(), Stopped> {
        self.push(Message::Party(p))
    }
    fn person(&mut self, p: Person) -> std::result::Result<(), Stopped> {
        self.push(Message::Person(p))
    }
    fn review(&mut self, r: Review) -> std::result::Result<(), Stopped> {
        self.push(Message::Review(r))
    }
    fn extension(&mut self, e: Extension) -> std::result::Result<(), Stopped> {
        self.push(Message::Extension(e))
    }
    fn reminder(&mut self, r: Reminder) -> std::result::Result<(), Stopped> {
        self.push(Message::Reminder(r))
    }
    fn cluster_start(&mut self, c: ClusterStart) -> std::result::Result<(), Stopped> {
        self.push(Message::ClusterStart(c))
    }
    fn draw(&mut self, d: DrawRecord) -> std::result::Result<(), Stopped> {
        self.push(Message::Draw(d))
    }
    // `Sink` asks through `&self`; the questions come at the end of the
    // document, from the reading thread alone, so a fresh channel each
    // time answers them.
    fn find_review(&self, id: i64) -> Option<Review> {
        let mut f = Forward {
            to: self.to.clone(),
            batch: Vec::new(),
        };
        f.ask(|tx| Message::FindReview(id, tx))
    }
    fn find_person(&self, id: i64) -> Option<Person> {
        let mut f = Forward {
            to: self.to.clone(),
            batch: Vec::new(),
        };
        f.ask(|tx| Message::FindPerson(id, tx))
    }
}

impl Importer<'_, '_> {
    /// Reads a whole document into the import as
    /// [`read::read`](crate::domain::interchange::read::read) does, but
    /// on a second thread: while this one writes a batch of records, the
    /// other parses and checks the next. The outcome is the same: the
    /// store's first error, else what reading found.
    pub fn read_alongside<R: std::io::Read + Send>(
        &mut self,
        reader: R,
    ) -> Result<std::result::Result<Read, Json>> {
        let (to, from) = mpsc::sync_channel::<Vec<Message>>(4);
        std::thread::scope(|s| {
            let reading = s.spawn(move || {
                let mut de = serde_json::Deserializer::from_reader(reader);
                let mut sink = Forward {
                    to,
                    batch: Vec::with_capacity(BATCH),
                };
                let read = read::read(&mut de, &mut sink);
                // What is left goes too, unless the writing thread stopped.
                let _ = sink.flush();
                read
            });
            let mut failed = None;
            for batch in from.iter() {
                if let Err(e) = self.write_batch(batch) {
                    failed = Some(e);
                    break;
                }
            }
            // The reading thread's next hand-over fails once this end is gone.
            drop(from);
            let read = reading
                .join()
                .map_err(|_| StoreError::Invalid("reading the document failed".into()))?;
            if let Some(e) = failed {
                return Err(e);
            }
            match read {
                Ok(read) => Ok(Ok(read)),
                Err(read::Stopped::Json { path, error }) => Ok(Err(Json { path, error })),
                Err(read::Stopped::Sink(Stopped)) => Err(StoreError::Invalid(
                    "the import stopped before the end of the document".into(),
                )),
            }
        })
    }

    fn write_batch(&mut self, batch: Vec<Message>) -> Result<()> {
        for m in batch {
            match m {
                Message::Group(g) => self.group(g)?,
                Message::Party(p) => self.party(p)?,
                Message::Person(p) => self.person(p)?,
                Message::Review(r) => self.review(r)?,
                Message::Extension(e) => self.extension(e)?,
                Message::Reminder(r) => self.reminder(r)?,
                Message::ClusterStart(c) => self.cluster_start(c)?,
                Message::Draw(d) => self.draw(d)?,
                Message::FindReview(id, answer) => {
                    let _ = answer.send(self.find_review(id));
                }
                Message::FindPerson(id, answer) => {
                    let _ = answer.send(self.find_person(id));
                }
            }
        }
        Ok(())
    }
}

/// A document that is not JSON, or has an unknown key or a value of the
/// wrong type, at a path.
#[derive(Debug)]
pub struct Json {
    pub path: String,
    pub error: serde_json::Error,
}
