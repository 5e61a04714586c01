//! Reading the desk (and the draw history) into memory, in one short read
//! transaction; and the narrower reads a screen needs on demand (one
//! party's people, one obligation's reminders, one review's reminders).
//!
//! Most of a whole desk in memory is the reminder log (notes) and people's
//! contact details (figures in PERFORMANCE.md). Readers that need less say
//! so: [`Store::load_for_deadlines`]
//! (the engine and the figures), [`Store::load_for_screens`] (everything
//! but the reminder log and contact details, which the screens read on
//! demand with [`Store::reminder_tally`], [`Store::reminders_of_review`],
//! [`Store::people_of_party`] and [`Store::people`]).
//!
//! How the reads are kept fast: each table is counted first and read into
//! a vector of exactly that size (no doubling, no slack); values are read
//! as borrowed text and parsed in place (dates, enumerations) instead of
//! being copied into a `String` first; reviewers are joined to their
//! reviews by one merge over two sorted lists.

use super::reminders::FIELDS;
use super::row::{Named, Positions, bad, each_named};
use super::{Result, Store};
use super::{extensions, parties, people, reminders, reviews};
use crate::domain::model::*;
use crate::domain::roster::{Roster, RosterBuilder, ScreenDesk};
use crate::domain::tallies::Tallies;
use chrono::NaiveDate;

/// Reads each row of `sql` (with `params`) with `f` into a vector of
/// `capacity`, failing on the first bad row.
fn rows_with<T, P: rusqlite::Params>(
    store: &Store,
    sql: &str,
    params: P,
    capacity: usize,
    mut f: impl FnMut(&Named<'_, '_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut st = store.conn().prepare_cached(sql)?;
    let mut out = Vec::with_capacity(capacity);
    each_named(&mut st, params, |r| {
        out.push(f(r)?);
        Ok(true)
    })?;
    Ok(out)
}

/// Reads every row of `sql` with `f`.
fn rows<T>(store: &Store, sql: &str, f: impl FnMut(&Named<'_, '_>) -> Result<T>) -> Result<Vec<T>> {
    rows_with(store, sql, [], 0, f)
}

/// Rows in `table`, to size a vector exactly before reading it.
fn count(store: &Store, table: &str) -> Result<usize> {
    let n: i64 = store
        .conn()
        .prepare_cached(&format!("SELECT count(*) FROM {table}"))?
        .query_row([], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Which parts of the desk a reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    /// Everything.
    All,
    /// No reminder log; people without names or contact details.
    Deadlines,
    /// No reminder log; people with their names, without e-mail or phone.
    Screens,
    /// No reminder log, no people.
    Listing,
    /// Everything but the secretariat's notes on reminders (empty).
    NoNotes,
    /// Everything but the reminder log.
    NoLog,
}

/// The reminders logged about one obligation of one party as at a date:
/// how many, and the latest (by date, then by the order logged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReminderTally {
    pub count: u32,
    pub last: Option<(NaiveDate, Channel)>,
}

/// The tally of one obligation of one party (in a review, or none for a
/// nomination), as [`Store::reminder_tallies`] lists them (the tests'
/// whole-log reference for [`Store::reminder_tally`]).
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub party: String,
    pub review: Option<i64>,
    pub obligation: Obligation,
    pub tally: ReminderTally,
}

impl Store {
    /// The whole desk, read in one consistent snapshot.
    pub fn load_desk(&self) -> Result<Desk> {
        self.load(Parts::All)
    }

    /// What deadlines, stages and figures need, read faster: no reminder
    /// log, and people without names or contact details.
    pub fn load_for_deadlines(&self) -> Result<Desk> {
        self.load(Parts::Deadlines)
    }

    /// The whole desk but the notes of its reminder log (each note
    /// empty): for files for people outside the desk, which never show
    /// them, at a fraction of the log's memory.
    pub fn load_without_notes(&self) -> Result<Desk> {
        self.load(Parts::NoNotes)
    }

    /// The whole desk but its reminder log, with the reminders dated from
    /// `from` to `to` (both included; notes empty) in its place: for a
    /// month's digest, which tells of that month's reminders only.
    pub fn load_with_reminders_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Desk> {
        self.reminders_between(Parts::NoLog, from, to)
    }

    /// [`load_with_reminders_between`](Store::load_with_reminders_between)
    /// with people's facts alone but for those a month's digest names: every
    /// focal point, and whoever was nominated or ended from `from` to `to`
    /// (both included), who come with all their details.
    pub fn load_for_digest(&self, from: NaiveDate, to: NaiveDate) -> Result<Desk> {
        self.reminders_between(Parts::Deadlines, from, to)
    }

    fn reminders_between(&self, parts: Parts, from: NaiveDate, to: NaiveDate) -> Result<Desk> {
        let tx = self.conn().unchecked_transaction()?;
        let mut desk = self.load_desk_inner(parts)?;
        if parts == Parts::Deadlines {
            self.fill_named(&mut desk.people, from, to)?;
        }
        desk.reminders = self.reminders_dated(from, to)?;
        tx.finish()?;
        Ok(desk)
    }

    /// The reminders dated from `from` to `to` (both included), notes empty.
    fn reminders_dated(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Reminder>> {
        rows_with(
            self,
            &format!(
                "SELECT {} FROM reminders WHERE date >= ?1 AND date <= ?2 ORDER BY id",
                FIELDS.replace("note", "'' AS note")
            ),
            [from.to_string(), to.to_string()],
            0,
            reminders::from_row,
        )
    }

    /// What a month's digest reads, in the least memory: the desk whose
    /// `people` are only those it names, with all their details (every
    /// focal point, and whoever was nominated or ended from `from` to `to`,
    /// both included, by id) and whose reminders are those of that span
    /// (notes empty); and everyone's facts as a [`Roster`], for the rules.
    pub fn load_for_digest_named(&self, from: NaiveDate, to: NaiveDate) -> Result<(Desk, Roster)> {
        let tx = self.conn().unchecked_transaction()?;
        let mut desk = self.load_desk_inner(Parts::Listing)?;
        let people = self.roster(&desk.parties, false)?;
        desk.people = rows_with(
            self,
            &format!(
                "SELECT {} FROM people WHERE role = ?1 \
                 OR (nominated >= ?2 AND nominated <= ?3) OR (ended >= ?2 AND ended <= ?3) \
                 ORDER BY id",
                *people::COLUMNS
            ),
            [
                Role::FocalPoint.as_str().to_string(),
                from.to_string(),
                to.to_string(),
            ],
            0,
            people::from_row,
        )?;
        desk.reminders = self.reminders_dated(from, to)?;
        tx.finish()?;
        Ok((desk, people))
    }

    /// Gives the lean `people` (by id) of [`load_for_digest`](Store::load_for_digest)
    /// all their details: the two lists, both by id, are merged in one pass.
    fn fill_named(&self, people: &mut [Person], from: NaiveDate, to: NaiveDate) -> Result<()> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {} FROM people WHERE role = ?1 \
             OR (nominated >= ?2 AND nominated <= ?3) OR (ended >= ?2 AND ended <= ?3) \
             ORDER BY id",
            *people::COLUMNS
        ))?;
        let params = [
            Role::FocalPoint.as_str().to_string(),
            from.to_string(),
            to.to_string(),
        ];
        let mut at = 0;
        each_named(&mut st, params, |r| {
            let p = people::from_row(r)?;
            while at < people.len() && people[at].id < p.id {
                at += 1;
            }
            if let Some(slot) = people.get_mut(at).filter(|q| q.id == p.id) {
                *slot = p;
            }
            Ok(true)
        })
    }

    /// The desk without its people and reminder log: what a command that
    /// streams people ([`for_each_current_person`](Store::for_each_current_person))
    /// needs beside them (party names, reviews).
    pub fn load_for_listing(&self) -> Result<Desk> {
        self.load(Parts::Listing)
    }

    /// What the screens keep in memory: the whole desk but the reminder
    /// log (`reminders` is empty) and people's e-mail and phone (`None`).
    /// A fraction of [`load_desk`](Store::load_desk) in time and memory on
    /// a large desk (PERFORMANCE.md). The rest is read
    /// on demand: [`reminder_tally`](Store::reminder_tally),
    /// [`reminders_of_review`](Store::reminders_of_review),
    /// [`people_of_party`](Store::people_of_party), [`people`](Store::people).
    /// People come as a [`Roster`] (a small row and the name each), not
    /// as `Person`s.
    pub fn load_for_screens(&self) -> Result<ScreenDesk> {
        let tx = self.conn().unchecked_transaction()?;
        let desk = self.load_desk_inner(Parts::Screens)?;
        let people = self.roster(&desk.parties, true)?;
        tx.finish()?;
        Ok(ScreenDesk::new(desk, people))
    }

    /// What the rules read, in the least memory: the desk without its
    /// reminder log and people, and the people as a [`Roster`] of their
    /// facts alone (no names, e-mail or phone). For the headless commands
    /// that compute deadlines, stages and figures; what they print of a
    /// person (a focal point's details) they read apart
    /// ([`for_each_focal_point`](Store::for_each_focal_point)).
    pub fn load_for_rules(&self) -> Result<ScreenDesk> {
        let tx = self.conn().unchecked_transaction()?;
        let desk = self.load_desk_inner(Parts::Listing)?;
        let people = self.roster(&desk.parties, false)?;
        tx.finish()?;
        Ok(ScreenDesk::new(desk, people))
    }

    /// Every person by id, streamed into a [`Roster`]: with their names
    /// (the screens), or their facts alone (the rules).
    fn roster(&self, parties: &[Party], names: bool) -> Result<Roster> {
        let mut b = RosterBuilder::new(parties, count(self, "people")?);
        let name = if names { ", name" } else { "" };
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {}{name} FROM people ORDER BY id",
            people::LEAN_COLUMNS
        ))?;
        each_named(&mut st, [], |r| {
            let name = if names { r.text_nn("name")? } else { "" };
            b.push(r.get("id")?, name, people::facts(r)?);
            Ok(true)
        })?;
        Ok(b.finish())
    }

    fn load(&self, parts: Parts) -> Result<Desk> {
        let tx = self.conn().unchecked_transaction()?;
        let desk = self.load_desk_inner(parts)?;
        tx.finish()?;
        Ok(desk)
    }

    fn load_desk_inner(&self, parts: Parts) -> Result<Desk> {
        let groups = rows(
            self,
            "SELECT number, start FROM groups ORDER BY number",
            |r| {
                Ok(Group {
                    number: r.get("number")?,
                    start: r.date("start")?,
                })
            },
        )?;
        let parties = rows_with(
            self,
            &format!("SELECT {} FROM parties ORDER BY code", *parties::COLUMNS),
            [],
            count(self, "parties")?,
            parties::from_row,
        )?;
        let people = self.people_as(parts)?;
        let reviews = self.reviews_with_reviewers()?;
        let extensions = rows_with(
            self,
            &format!("SELECT {} FROM extensions ORDER BY id", extensions::FIELDS),
            [],
            count(self, "extensions")?,
            extensions::from_row,
        )?;
        let reminders = match parts {
            Parts::All => rows_with(
                self,
                &format!("SELECT {FIELDS} FROM reminders ORDER BY id"),
                [],
                count(self, "reminders")?,
                reminders::from_row,
            )?,
            Parts::NoNotes => rows_with(
                self,
                &format!(
                    "SELECT {} FROM reminders ORDER BY id",
                    FIELDS.replace("note", "'' AS note")
                ),
                [],
                count(self, "reminders")?,
                reminders::from_row,
            )?,
            _ => Vec::new(),
        };
        Ok(Desk {
            groups,
            parties,
            people,
            reviews,
            extensions,
            reminders,
        })
    }

    fn people_as(&self, parts: Parts) -> Result<Vec<Person>> {
        if matches!(parts, Parts::Screens | Parts::Listing) {
            // Read apart: into a roster (`load_for_screens`), or streamed.
            return Ok(Vec::new());
        }
        let n = count(self, "people")?;
        match parts {
            Parts::All | Parts::NoNotes | Parts::NoLog => rows_with(
                self,
                &format!("SELECT {} FROM people ORDER BY id", *people::COLUMNS),
                [],
                n,
                people::from_row,
            ),
            Parts::Deadlines => rows_with(
                self,
                &format!("SELECT {} FROM people ORDER BY id", people::LEAN_COLUMNS),
                [],
                n,
                people::lean_from_row,
            ),
            Parts::Screens | Parts::Listing => Ok(Vec::new()),
        }
    }

    /// Reviews by id, each with its reviewers in order: both lists are
    /// read sorted by review and joined in one pass.
    fn reviews_with_reviewers(&self) -> Result<Vec<Review>> {
        let mut reviews = rows_with(
            self,
            &format!("SELECT {} FROM reviews ORDER BY id", *reviews::COLUMNS),
            [],
            count(self, "reviews")?,
            reviews::from_row,
        )?;
        let mut st = self.conn().prepare_cached(
            "SELECT review, party FROM review_reviewers ORDER BY review, position",
        )?;
        let cols = Positions::of(&st);
        let mut rows = st.query([])?;
        // Each review's reviewers are one run of rows; a run is gathered,
        // then moved into the review: two reviewers stay inline, more take a
        // heap block of their exact size (not one grown by pushing).
        let mut at = 0;
        let mut run: Vec<Text> = Vec::new();
        let mut run_review: Option<i64> = None;
        loop {
            let next = match rows.next()? {
                Some(r) => {
                    let r = Named::with(r, &cols);
                    Some((r.get::<i64>("review")?, Text::from(r.text_nn("party")?)))
                }
                None => None,
            };
            if run_review.is_some() && next.as_ref().map(|n| n.0) != run_review {
                let id = run_review.unwrap_or_default();
                while at < reviews.len() && reviews[at].id < id {
                    at += 1;
                }
                if let Some(r) = reviews.get_mut(at).filter(|r| r.id == id) {
                    r.reviewers = run.drain(..).collect();
                    r.reviewers.shrink_to_fit();
                }
                run.clear();
            }
            let Some((review, party)) = next else { break };
            run_review = Some(review);
            run.push(party);
        }
        Ok(reviews)
    }

    /// Every party, by code: what a command needs to find the party a user
    /// typed without reading the rest of the desk.
    pub fn parties(&self) -> Result<Vec<Party>> {
        rows_with(
            self,
            &format!("SELECT {} FROM parties ORDER BY code", *parties::COLUMNS),
            [],
            count(self, "parties")?,
            parties::from_row,
        )
    }

    /// Every person with all details, by id: what [`load_desk`](Store::load_desk)
    /// reads, for a screen that lists everyone (Contacts).
    pub fn people(&self) -> Result<Vec<Person>> {
        self.people_as(Parts::All)
    }

    /// Every person's e-mail and phone (what [`load_for_screens`](Store::load_for_screens)
    /// leaves out), by id, one row at a time: a screen that searches them
    /// folds them into its own index without a second copy of everyone.
    pub fn for_each_contact(
        &self,
        mut f: impl FnMut(i64, Option<&str>, Option<&str>),
    ) -> Result<()> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT id, email, phone FROM people ORDER BY id")?;
        each_named(&mut st, [], |r| {
            f(r.get("id")?, r.text("email")?, r.text("phone")?);
            Ok(true)
        })
    }

    /// The people current on `as_of` with all details, optionally of one
    /// party and one role, by party, role (in [`Role::ALL`] order), name and
    /// id, one at a time: SQLite sorts, so a command listing everyone never
    /// holds them. `f` may stop the read with an error.
    pub fn for_each_current_person<E: From<super::StoreError>>(
        &self,
        as_of: NaiveDate,
        party: Option<&str>,
        role: Option<Role>,
        mut f: impl FnMut(&Person) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let rank: String = Role::ALL
            .iter()
            .enumerate()
            .map(|(k, r)| format!(" WHEN '{}' THEN {k}", r.as_str()))
            .collect();
        let err = |e: rusqlite::Error| E::from(super::StoreError::from(e));
        let mut st = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM people WHERE ?1 IS NULL OR party = ?1 \
                 ORDER BY party, CASE role{rank} END, name, id",
                *people::COLUMNS
            ))
            .map_err(err)?;
        let cols = Positions::of(&st);
        let mut rows = st.query([party]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let p = people::from_row(&Named::with(r, &cols))?;
            if p.current(as_of)
                && party.is_none_or(|c| p.party == c)
                && role.is_none_or(|x| p.role == x)
            {
                f(&p)?;
            }
        }
        Ok(())
    }

    /// The reminder log dated on or before `as_of` as [`Tallies`], folded
    /// row by row in the order logged (without notes): what files listing
    /// obligations say of reminders, without the log in memory.
    pub fn tally_reminders(&self, as_of: NaiveDate) -> Result<Tallies> {
        self.tally_reminders_where(as_of, |_| true)
    }

    /// [`tally_reminders`](Store::tally_reminders) for files that ask only
    /// about the reviews `asked` keeps (one cluster's) and nominations:
    /// every reminder counts for nominations, as there.
    pub fn tally_reminders_asked(
        &self,
        as_of: NaiveDate,
        asked: impl Fn(i64) -> bool,
    ) -> Result<Tallies> {
        self.fold_reminders(as_of, |t, party, review, obligation, date, channel| {
            if review.is_none_or(&asked) {
                t.add(party, review, obligation, date, channel);
            } else {
                t.add_nomination(party, obligation, date, channel);
            }
        })
    }

    /// [`tally_reminders`](Store::tally_reminders) of the reminders whose
    /// review (`None` for a nomination) `keep` keeps: one cluster's.
    pub fn tally_reminders_where(
        &self,
        as_of: NaiveDate,
        keep: impl Fn(Option<i64>) -> bool,
    ) -> Result<Tallies> {
        self.fold_reminders(as_of, |t, party, review, obligation, date, channel| {
            if keep(review) {
                t.add(party, review, obligation, date, channel);
            }
        })
    }

    /// Folds the reminders dated on or before `as_of` into [`Tallies`]
    /// with `add`, row by row in the order logged.
    fn fold_reminders(
        &self,
        as_of: NaiveDate,
        mut add: impl FnMut(&mut Tallies, &str, Option<i64>, Obligation, NaiveDate, Channel),
    ) -> Result<Tallies> {
        let mut st = self.conn().prepare_cached(
            "SELECT party, review, obligation, date, channel FROM reminders ORDER BY id",
        )?;
        let mut t = Tallies::new();
        each_named(&mut st, [], |r| {
            let date = r.date("date")?;
            if date <= as_of {
                add(
                    &mut t,
                    r.text_nn("party")?,
                    r.get("review")?,
                    r.enumerated("obligation", "obligation")?,
                    date,
                    r.enumerated("channel", "channel")?,
                );
            }
            Ok(true)
        })?;
        Ok(t)
    }

    /// Every focal point nominated by `as_of`, current or since ended,
    /// with all details, by party, date nominated and id, one at a time:
    /// SQLite sorts, so a file listing them never holds them.
    pub fn for_each_focal_point<E: From<super::StoreError>>(
        &self,
        as_of: NaiveDate,
        mut f: impl FnMut(&Person) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let err = |e: rusqlite::Error| E::from(super::StoreError::from(e));
        let mut st = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {} FROM people WHERE role = ?1 ORDER BY party, nominated, id",
                *people::COLUMNS
            ))
            .map_err(err)?;
        let cols = Positions::of(&st);
        let mut rows = st.query([Role::FocalPoint.as_str()]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let p = people::from_row(&Named::with(r, &cols))?;
            if p.role == Role::FocalPoint && p.nominated <= as_of {
                f(&p)?;
            }
        }
        Ok(())
    }

    /// A person's e-mail and phone (what the lean desk leaves out): one
    /// cached statement, for the Contacts rows on screen.
    pub fn contact_details(&self, id: i64) -> Result<(Option<String>, Option<String>)> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT email, phone FROM people WHERE id = ?1")?;
        let mut rows = st.query([id])?;
        match rows.next()? {
            Some(r) => {
                let r = Named::new(r);
                Ok((
                    r.text("email")?.map(str::to_string),
                    r.text("phone")?.map(str::to_string),
                ))
            }
            None => Ok((None, None)),
        }
    }

    /// The people of one party with all details, by id.
    pub fn people_of_party(&self, party: &str) -> Result<Vec<Person>> {
        rows_with(
            self,
            &format!(
                "SELECT {} FROM people WHERE party = ?1 ORDER BY id",
                *people::COLUMNS
            ),
            [party],
            0,
            people::from_row,
        )
    }

    /// The reminders about one obligation of one party (in one review, or
    /// none for a nomination) dated on or before `as_of`: how many, and the
    /// latest. What the Overdue pane shows per row; one indexed lookup
    /// (`reminders_party`), so a screen can ask for the rows it shows.
    pub fn reminder_tally(
        &self,
        party: &str,
        review: Option<i64>,
        obligation: Obligation,
        as_of: NaiveDate,
    ) -> Result<ReminderTally> {
        let mut st = self.conn().prepare_cached(
            "SELECT date, channel FROM reminders \
             WHERE party = ?1 AND obligation = ?2 AND review IS ?3 AND date <= ?4 \
             ORDER BY id",
        )?;
        let params = rusqlite::params![party, obligation.as_str(), review, as_of.to_string()];
        let mut t = ReminderTally::default();
        each_named(&mut st, params, |r| {
            let date = r.date("date")?;
            t.count += 1;
            if t.last.is_none_or(|(d, _)| date >= d) {
                t.last = Some((date, r.enumerated("channel", "channel")?));
            }
            Ok(true)
        })?;
        Ok(t)
    }

    /// Every tally of [`reminder_tally`](Store::reminder_tally) as at a
    /// date in one read of the log (without its notes), sorted by party,
    /// review (nominations first) and obligation. Only the tests read the
    /// whole log this way: the screens ask for the rows they draw.
    #[cfg(test)]
    pub fn reminder_tallies(&self, as_of: NaiveDate) -> Result<Vec<Tally>> {
        let tx = self.conn().unchecked_transaction()?;
        let as_of_text = as_of.to_string();
        // (party, review, obligation, date, channel, order logged)
        let mut all = rows_with(
            self,
            "SELECT party, review, obligation, date, channel FROM reminders \
             WHERE date <= ?1 ORDER BY id",
            [&as_of_text],
            0,
            |r| {
                Ok((
                    r.text_nn("party")?.to_string(),
                    r.get::<Option<i64>>("review")?,
                    r.enumerated::<Obligation>("obligation", "obligation")?,
                    r.date("date")?,
                    r.enumerated::<Channel>("channel", "channel")?,
                ))
            },
        )?;
        tx.finish()?;
        // Stable: within a key, later-logged rows stay later.
        all.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        let mut out: Vec<Tally> = Vec::new();
        for (party, review, obligation, date, channel) in all {
            match out.last_mut() {
                Some(t) if t.party == party && t.review == review && t.obligation == obligation => {
                    t.tally.count += 1;
                    if t.tally.last.is_none_or(|(d, _)| date >= d) {
                        t.tally.last = Some((date, channel));
                    }
                }
                _ => out.push(Tally {
                    party,
                    review,
                    obligation,
                    tally: ReminderTally {
                        count: 1,
                        last: Some((date, channel)),
                    },
                }),
            }
        }
        Ok(out)
    }

    /// The reminders the Timeline of review `id` lists as at a date: those
    /// logged about the review, and the nomination reminders of its parties
    /// (under review and reviewers), by date then the order logged.
    pub fn reminders_of_review(&self, id: i64, as_of: NaiveDate) -> Result<Vec<Reminder>> {
        let tx = self.conn().unchecked_transaction()?;
        let out = rows_with(
            self,
            // Two indexed reads when the store has `reminders_review`; the
            // first is a scan of the log without it. `+review` keeps the
            // second on `reminders_party`.
            &format!(
                "SELECT {FIELDS}, id FROM reminders WHERE review = ?1 AND date <= ?2 \
                 UNION ALL \
                 SELECT {FIELDS}, id FROM reminders \
                 WHERE party IN (SELECT under_review FROM reviews WHERE id = ?1 \
                                 UNION SELECT party FROM review_reviewers WHERE review = ?1) \
                   AND obligation IN ('focal_point', 'experts') AND +review IS NULL \
                   AND date <= ?2 \
                 ORDER BY date, id"
            ),
            rusqlite::params![id, as_of.to_string()],
            0,
            reminders::from_row,
        )?;
        tx.finish()?;
        Ok(out)
    }

    /// Every drawing of lots, oldest first.
    pub fn draws(&self) -> Result<Vec<DrawRecord>> {
        rows(self, DRAWS, draw_from_row)
    }

    /// Each drawing of lots, oldest first, until `f` says stop.
    pub fn each_draw(&self, mut f: impl FnMut(DrawRecord) -> bool) -> Result<()> {
        let mut st = self.conn().prepare(DRAWS)?;
        each_named(&mut st, [], |r| Ok(f(draw_from_row(r)?)))
    }
}

/// The draw log, oldest first.
const DRAWS: &str = "SELECT kind, grp, cluster, review, seed, rules, requested_by, at, os_user, before, after \
                     FROM draws ORDER BY id";

/// A drawing of lots from a row of [`DRAWS`].
fn draw_from_row(r: &Named<'_, '_>) -> Result<DrawRecord> {
    let kind = r.text_nn("kind")?;
    let seed = r.text_nn("seed")?;
    Ok(DrawRecord {
        kind: if kind == "redraw" {
            DrawKind::Redraw
        } else {
            DrawKind::Group
        },
        group: r.get("grp")?,
        cluster: r.get("cluster")?,
        review: r.get("review")?,
        seed: seed.parse().map_err(|_| bad("seed", seed))?,
        rules: r.get("rules")?,
        requested_by: r.get("requested_by")?,
        at: r.get("at")?,
        os_user: r.get("os_user")?,
        before: r.get("before")?,
        after: r.get("after")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Mode;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A store holding the demo desk three times over (reviews in several
    /// clusters, redraws, extensions, reminders), with awkward values added.
    fn store() -> (tempfile::TempDir, Store, Desk) {
        let mut desk = crate::demo::scale::build_scaled(3, d("2026-11-29"));
        // Text that is not ASCII, a person without e-mail or phone, a review
        // without reviewers and one with three.
        desk.people[0].name = "Zoë Ngọc «Ä» 😀".into();
        desk.people[1].email = None;
        desk.people[1].phone = None;
        desk.reviews[0].reviewers.clear();
        let third = desk.parties[5].code.clone();
        if !desk.reviews[1].reviewers.contains(&third) && desk.reviews[1].under_review != third {
            desk.reviews[1].reviewers.push(third);
        }
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), Mode::ReadWrite).unwrap();
        s.write(|w| w.import(&desk, false)).unwrap();
        (dir, s, desk)
    }

    /// The reader as it was before it was made faster: every value through
    /// `Row::get`, reviewers gathered in a map. The fast reader must give
    /// exactly the same desk.
    fn reference(s: &Store, lean: bool) -> Desk {
        use crate::store::row::parse_date;
        use std::collections::BTreeMap;
        let c = s.conn();
        let date = |v: String| parse_date(&v).unwrap();
        let od = |v: Option<String>| v.map(|v| parse_date(&v).unwrap());
        let all = |sql: &str| -> Vec<Vec<rusqlite::types::Value>> {
            let mut st = c.prepare(sql).unwrap();
            let n = st.column_count();
            st.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        use rusqlite::types::Value as V;
        let t = |v: &V| match v {
            V::Text(s) => s.clone(),
            other => panic!("{other:?}"),
        };
        let ot = |v: &V| match v {
            V::Null => None,
            other => Some(t(other)),
        };
        let i = |v: &V| match v {
            V::Integer(n) => *n,
            other => panic!("{other:?}"),
        };
        let oi = |v: &V| match v {
            V::Null => None,
            other => Some(i(other)),
        };
        let groups = all("SELECT number, start FROM groups ORDER BY number")
            .iter()
            .map(|r| Group {
                number: i(&r[0]) as u32,
                start: date(t(&r[1])),
            })
            .collect();
        let parties = all(&format!(
            "SELECT {} FROM parties ORDER BY code",
            *parties::COLUMNS
        ))
        .iter()
        .map(|r| Party {
            code: t(&r[0]).into(),
            name: t(&r[1]).into(),
            kind: t(&r[2]).parse().unwrap(),
            regional_group: ot(&r[3]).map(|v| v.parse().unwrap()),
            pairs_as: ot(&r[4]).map(|v| v.parse().unwrap()),
            group: oi(&r[5]).map(|v| v as u32),
            instruments: Instruments {
                convention: od(ot(&r[6])),
                tip: od(ot(&r[7])),
                som: od(ot(&r[8])),
                fa: od(ot(&r[9])),
            },
        })
        .collect();
        let people = all(&format!(
            "SELECT {} FROM people ORDER BY id",
            *people::COLUMNS
        ))
        .iter()
        .map(|r| Person {
            id: i(&r[0]),
            party: t(&r[1]).into(),
            role: t(&r[2]).parse().unwrap(),
            name: if lean {
                Text::default()
            } else {
                t(&r[3]).into()
            },
            email: if lean { None } else { ot(&r[4]).map(Box::from) },
            phone: if lean { None } else { ot(&r[5]).map(Box::from) },
            gender: ot(&r[6]).map(|v| v.parse().unwrap()),
            affiliation: ot(&r[7]).map(|v| v.parse().unwrap()),
            nominated: date(t(&r[8])),
            ended: od(ot(&r[9])),
        })
        .collect();
        let mut reviewers: BTreeMap<i64, Reviewers> = BTreeMap::new();
        for r in all("SELECT review, party FROM review_reviewers ORDER BY review, position") {
            reviewers.entry(i(&r[0])).or_default().push(t(&r[1]).into());
        }
        let reviews = all(&format!(
            "SELECT {} FROM reviews ORDER BY id",
            *reviews::COLUMNS
        ))
        .iter()
        .map(|r| Review {
            id: i(&r[0]),
            group: i(&r[1]) as u32,
            cluster: i(&r[2]) as u32,
            under_review: t(&r[3]).into(),
            reviewers: reviewers.remove(&i(&r[0])).unwrap_or_default(),
            start: od(ot(&r[4])),
            redraws: i(&r[5]) as u32,
            languages: t(&r[6])
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect(),
            milestones: Milestones {
                consultation_held: od(ot(&r[7])),
                saq_submitted: od(ot(&r[8])),
                feedback_submitted: od(ot(&r[9])),
                observations_finalized: od(ot(&r[10])),
                summary_finalized: od(ot(&r[11])),
            },
        })
        .collect();
        let extensions =
            all("SELECT review, obligation, due, reason, agreed FROM extensions ORDER BY id")
                .iter()
                .map(|r| Extension {
                    review: i(&r[0]),
                    obligation: t(&r[1]).parse().unwrap(),
                    due: date(t(&r[2])),
                    reason: t(&r[3]),
                    agreed: date(t(&r[4])),
                })
                .collect();
        let reminders = if lean {
            Vec::new()
        } else {
            all(&format!("SELECT {FIELDS} FROM reminders ORDER BY id"))
                .iter()
                .map(|r| Reminder {
                    date: date(t(&r[0])),
                    party: t(&r[1]).into(),
                    review: oi(&r[2]),
                    obligation: t(&r[3]).parse().unwrap(),
                    channel: t(&r[4]).parse().unwrap(),
                    note: t(&r[5]),
                })
                .collect()
        };
        Desk {
            groups,
            parties,
            people,
            reviews,
            extensions,
            reminders,
        }
    }

    #[test]
    fn fast_reads_give_the_same_desk() {
        let (_dir, s, desk) = store();
        let full = s.load_desk().unwrap();
        assert_eq!(full, reference(&s, false));
        assert_eq!(full.reminders.len(), desk.reminders.len());
        assert!(full.reviews.iter().any(|r| r.reviewers.is_empty()));
        assert!(full.reviews.iter().any(|r| r.reviewers.len() == 3));
        assert!(full.people.iter().any(|p| p.name.contains('😀')));
        assert_eq!(s.load_for_deadlines().unwrap(), reference(&s, true));
    }

    #[test]
    fn screens_read_everything_but_reminders_and_contact_details() {
        let (_dir, s, _) = store();
        let mut want = s.load_desk().unwrap();
        want.reminders.clear();
        for p in &mut want.people {
            p.email = None;
            p.phone = None;
        }
        assert_eq!(s.load_for_screens().unwrap(), ScreenDesk::from(want));
    }

    #[test]
    fn rules_read_the_same_facts_and_give_the_same_obligations() {
        use crate::domain::engine::{self, Settings};
        use crate::domain::roster::People;
        let (_dir, s, _) = store();
        let lean = s.load_for_deadlines().unwrap();
        let rules = s.load_for_rules().unwrap();
        assert!(rules.desk().people.is_empty());
        assert!(rules.desk().reminders.is_empty());
        let mut want = lean.clone();
        want.people.clear();
        assert_eq!(rules.desk(), &want);
        assert_eq!(
            rules.people.ids(),
            lean.people.iter().map(|p| p.id).collect::<Vec<_>>()
        );
        assert!((0..rules.people.len()).all(|i| rules.people.name(i).is_empty()));
        assert_eq!(
            rules.people.facts().collect::<Vec<_>>(),
            lean.people.facts().collect::<Vec<_>>()
        );
        for as_of in [d("2022-06-30"), d("2026-11-29")] {
            let full = engine::obligations(&lean, as_of, Settings::default());
            assert!(full.iter().any(|i| i.review.is_none()));
            let kept = engine::kept_with(
                rules.desk(),
                &*rules.people,
                as_of,
                Settings::default(),
                |_| true,
            );
            let by_roster: Vec<_> = kept.entries.iter().map(|e| kept.item(e)).collect();
            assert_eq!(by_roster, full);
        }
    }

    #[test]
    fn a_digest_names_its_people_and_reads_everyone_as_facts() {
        use crate::domain::roster::People;
        let (_dir, s, _) = store();
        let (from, to) = (d("2022-03-01"), d("2022-03-31"));
        let lean = s.load_for_digest(from, to).unwrap();
        let (desk, rules) = s.load_for_digest_named(from, to).unwrap();
        let named = |p: &Person| {
            let within = |x: NaiveDate| x >= from && x <= to;
            p.role == Role::FocalPoint || within(p.nominated) || p.ended.is_some_and(within)
        };
        let want: Vec<Person> = lean.people.iter().filter(|p| named(p)).cloned().collect();
        assert!(want.len() > 1 && want.len() < lean.people.len());
        assert!(want.iter().all(|p| !p.name.is_empty()));
        assert_eq!(desk.people, want);
        assert_eq!(
            rules.facts().collect::<Vec<_>>(),
            lean.people.facts().collect::<Vec<_>>()
        );
        assert!(!desk.reminders.is_empty());
        assert_eq!(
            Desk {
                people: Vec::new(),
                ..desk
            },
            Desk {
                people: Vec::new(),
                ..lean
            }
        );
    }

    #[test]
    fn a_digest_reads_its_focal_points_languages_without_missions() {
        let (_dir, mut s, desk) = store();
        let fp = desk
            .people
            .iter()
            .find(|p| p.role == Role::FocalPoint)
            .unwrap();
        let other = desk
            .people
            .iter()
            .find(|p| p.role != Role::FocalPoint)
            .unwrap();
        s.write(|w| {
            w.tx.execute(
                "INSERT INTO missions (party, email, phone) VALUES (?1, 'm@x.example', NULL)",
                [fp.party.as_str()],
            )?;
            for (person, position, lang) in
                [(fp.id, 0, "fr"), (fp.id, 1, "en"), (other.id, 0, "es")]
            {
                w.tx.execute(
                    "INSERT INTO person_languages (person, position, language) VALUES (?1, ?2, ?3)",
                    rusqlite::params![person, position, lang],
                )?;
            }
            Ok(())
        })
        .unwrap();
        let mut want = s.directory_of(Some(Role::FocalPoint)).unwrap();
        assert_eq!(want.languages(fp.id), [Language::Fr, Language::En]);
        assert!(want.languages(other.id).is_empty());
        assert!(want.mission(&fp.party).is_some());
        want.missions.clear();
        assert_eq!(s.languages_of(Role::FocalPoint).unwrap(), want);
    }

    #[test]
    fn people_on_demand() {
        let (_dir, s, _) = store();
        let full = s.load_desk().unwrap();
        assert_eq!(s.people().unwrap(), full.people);
        let code = &full.people[7].party;
        let want: Vec<Person> = full
            .people
            .iter()
            .filter(|p| p.party == *code)
            .cloned()
            .collect();
        assert!(!want.is_empty());
        assert_eq!(&s.people_of_party(code).unwrap(), &want);
        assert!(s.people_of_party("NOPE").unwrap().is_empty());
        let mut seen = Vec::new();
        s.for_each_contact(|id, email, phone| {
            seen.push((id, email.map(Box::from), phone.map(Box::from)))
        })
        .unwrap();
        let want: Vec<_> = full
            .people
            .iter()
            .map(|p| (p.id, p.email.clone(), p.phone.clone()))
            .collect();
        assert_eq!(seen, want);
    }

    /// Tallies as the Overdue pane computed them from the whole log.
    fn tallies_from(desk: &Desk, as_of: NaiveDate) -> Vec<Tally> {
        let mut v: Vec<(&Reminder, usize)> = desk
            .reminders
            .iter()
            .enumerate()
            .filter(|(_, m)| m.date <= as_of)
            .map(|(i, m)| (m, i))
            .collect();
        v.sort_by(|a, b| {
            (&a.0.party, a.0.review, a.0.obligation, a.0.date, a.1).cmp(&(
                &b.0.party,
                b.0.review,
                b.0.obligation,
                b.0.date,
                b.1,
            ))
        });
        let mut out: Vec<Tally> = Vec::new();
        for (m, _) in v {
            match out.last_mut() {
                Some(t)
                    if t.party == m.party
                        && t.review == m.review
                        && t.obligation == m.obligation =>
                {
                    t.tally.count += 1;
                    t.tally.last = Some((m.date, m.channel));
                }
                _ => out.push(Tally {
                    party: m.party.to_string(),
                    review: m.review,
                    obligation: m.obligation,
                    tally: ReminderTally {
                        count: 1,
                        last: Some((m.date, m.channel)),
                    },
                }),
            }
        }
        out
    }

    #[test]
    fn reminder_tallies_match_the_log() {
        let (_dir, s, _) = store();
        let mut w = s;
        // Two reminders on the same (latest) day: the one logged later is
        // the last.
        let desk0 = w.load_desk().unwrap();
        let m = desk0.reminders[0].clone();
        for channel in [Channel::Phone, Channel::Meeting] {
            w.write(|tx| {
                tx.tx.execute(
                    "INSERT INTO reminders (date, party, review, obligation, channel, note) \
                     VALUES (?1, ?2, ?3, ?4, ?5, '')",
                    rusqlite::params![
                        "2026-11-29",
                        m.party.as_str(),
                        m.review,
                        m.obligation.as_str(),
                        channel.as_str()
                    ],
                )?;
                Ok(())
            })
            .unwrap();
        }
        let s = w;
        let desk = s.load_desk().unwrap();
        for as_of in ["2021-01-01", "2023-06-30", "2026-11-29"] {
            let as_of = d(as_of);
            let want = tallies_from(&desk, as_of);
            assert!(!want.is_empty());
            assert_eq!(s.reminder_tallies(as_of).unwrap(), want);
            for t in want.iter().step_by(7) {
                assert_eq!(
                    s.reminder_tally(&t.party, t.review, t.obligation, as_of)
                        .unwrap(),
                    t.tally
                );
            }
        }
        let t = s
            .reminder_tally(&m.party, m.review, m.obligation, d("2026-11-29"))
            .unwrap();
        assert_eq!(t.last.map(|l| l.1), Some(Channel::Meeting));
        assert_eq!(
            s.reminder_tally("NOPE", None, Obligation::FocalPoint, d("2026-11-29"))
                .unwrap(),
            ReminderTally::default()
        );
    }

    #[test]
    fn reminders_of_a_review_as_the_timeline_lists_them() {
        let (_dir, s, _) = store();
        let desk = s.load_desk().unwrap();
        let mut checked = 0;
        for r in desk.reviews.iter().step_by(13) {
            for as_of in [d("2022-01-01"), d("2026-11-29")] {
                let mut want: Vec<(usize, &Reminder)> = desk
                    .reminders
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| {
                        m.date <= as_of
                            && (m.review == Some(r.id)
                                || (m.review.is_none()
                                    && m.obligation.per_party()
                                    && r.parties().any(|p| p == m.party)))
                    })
                    .collect();
                want.sort_by_key(|(i, m)| (m.date, *i));
                let want: Vec<Reminder> = want.into_iter().map(|(_, m)| m.clone()).collect();
                checked += want.len();
                assert_eq!(s.reminders_of_review(r.id, as_of).unwrap(), want);
            }
        }
        assert!(checked > 100, "{checked}");
    }
}
