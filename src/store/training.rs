//! Training and briefings delivered (paragraph 43): the `trainings` table
//! and the parties each training's officials came from (`training_parties`).

use super::registers::{date, read_rows, record_json, text};
use super::{Result, Store, StoreError, Writer};
use crate::domain::model::Text;
use crate::domain::registers::{Training, TrainingLanguage, check_training};
use rusqlite::{Connection, params};
use std::collections::BTreeMap;

const ENTITY: &str = "training";

fn languages_text(l: &[TrainingLanguage]) -> String {
    l.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",")
}

fn languages_from(v: &str) -> Result<Vec<TrainingLanguage>> {
    v.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse().map_err(|_| {
                StoreError::Invalid(format!(
                    "the store holds an invalid training language: {s:?} (run `revdesk check`)"
                ))
            })
        })
        .collect()
}

/// Trainings with their row versions, oldest first; one when `id` is given.
pub(super) fn read(conn: &Connection, id: Option<i64>) -> Result<Vec<(Training, i64)>> {
    let mut parties: BTreeMap<i64, Vec<Text>> = BTreeMap::new();
    for (training, party) in read_rows(
        conn,
        "SELECT training, party FROM training_parties WHERE ?1 IS NULL OR training = ?1
         ORDER BY training, party",
        params![id],
        |r| Ok((r.get::<_, i64>("training")?, text(r, "party")?)),
    )? {
        parties.entry(training).or_default().push(Text::from(party));
    }
    read_rows(
        conn,
        "SELECT id, date, title, officials, languages, version FROM trainings
         WHERE ?1 IS NULL OR id = ?1 ORDER BY date, id",
        params![id],
        |r| {
            let id: i64 = r.get("id")?;
            Ok((
                Training {
                    id,
                    date: date(r, "date")?,
                    title: text(r, "title")?,
                    officials: r.get("officials")?,
                    parties: parties.get(&id).cloned().unwrap_or_default(),
                    languages: languages_from(&text(r, "languages")?)?,
                },
                r.get("version")?,
            ))
        },
    )
}

fn one(conn: &Connection, id: i64) -> Result<(Training, i64)> {
    read(conn, Some(id))?
        .pop()
        .ok_or_else(|| StoreError::NotFound {
            what: "training",
            key: id.to_string(),
        })
}

impl Store {
    /// One training with its row version.
    pub fn training(&self, id: i64) -> Result<(Training, i64)> {
        one(self.conn(), id)
    }
}

impl Writer<'_> {
    fn check_training(&self, t: &Training) -> Result<()> {
        check_training(t)?;
        for p in &t.parties {
            self.known_party("parties", p)?;
        }
        Ok(())
    }

    fn write_training_parties(&self, t: &Training) -> Result<()> {
        self.tx
            .execute("DELETE FROM training_parties WHERE training = ?1", [t.id])?;
        let mut st = self
            .tx
            .prepare_cached("INSERT INTO training_parties (training, party) VALUES (?1, ?2)")?;
        for p in &t.parties {
            st.execute(params![t.id, p.as_str()])?;
        }
        Ok(())
    }

    /// Records a training delivered; returns it with its id.
    pub fn add_training(&self, t: &Training) -> Result<Training> {
        self.check_training(t)?;
        self.tx.execute(
            "INSERT INTO trainings (date, title, officials, languages) VALUES (?1, ?2, ?3, ?4)",
            params![
                t.date.to_string(),
                t.title.trim(),
                t.officials,
                languages_text(&t.languages)
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.write_training_parties(&Training { id, ..t.clone() })?;
        let (stored, _) = one(self.tx, id)?;
        self.audit(
            "add",
            ENTITY,
            &id.to_string(),
            None,
            Some(&record_json(Some(id), &stored)),
        )?;
        Ok(stored)
    }

    /// Replaces training `t.id`, refusing a change made by someone else
    /// since `expected_version`.
    pub fn put_training(
        &self,
        t: &Training,
        expected_version: Option<i64>,
        action: &str,
    ) -> Result<()> {
        let (before, version) = one(self.tx, t.id)?;
        self.expect_version(ENTITY, &t.id.to_string(), version, expected_version)?;
        self.check_training(t)?;
        self.tx.execute(
            "UPDATE trainings SET date = ?2, title = ?3, officials = ?4, languages = ?5,
                 version = version + 1 WHERE id = ?1",
            params![
                t.id,
                t.date.to_string(),
                t.title.trim(),
                t.officials,
                languages_text(&t.languages)
            ],
        )?;
        self.write_training_parties(t)?;
        self.audit(
            action,
            ENTITY,
            &t.id.to_string(),
            Some(&record_json(Some(t.id), &before)),
            Some(&record_json(Some(t.id), t)),
        )?;
        Ok(())
    }
}
