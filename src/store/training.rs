//! Training and briefings delivered (paragraph 43): the `trainings` table
//! and the parties each training's officials came from (`training_parties`).

use super::register_rows::{RegisterRecord, found, id_keyed, id_value};
use super::registers::{date, read_rows, text};
use super::row::Columns;
use super::{Result, Store, StoreError, Writer};
use crate::domain::model::Text;
use crate::domain::registers::{Training, TrainingLanguage, check_training};
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use std::collections::BTreeMap;

/// A column of `trainings`, in table order (the parties are rows of
/// `training_parties`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Date,
    Title,
    Officials,
    Languages,
}

impl Columns for Column {
    const TABLE: &'static str = "trainings";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Date,
        Column::Title,
        Column::Officials,
        Column::Languages,
    ];
    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Date => "date",
            Column::Title => "title",
            Column::Officials => "officials",
            Column::Languages => "languages",
        }
    }
}

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

impl RegisterRecord for Training {
    type Col = Column;
    const ENTITY: &'static str = "training";
    const WHAT: &'static str = "training";
    id_keyed!(Column::Id);
    fn value(&self, col: Column) -> Value {
        match col {
            Column::Id => id_value(self.id),
            Column::Date => Value::Text(self.date.to_string()),
            Column::Title => Value::Text(self.title.trim().into()),
            Column::Officials => Value::Integer(self.officials.into()),
            Column::Languages => Value::Text(languages_text(&self.languages)),
        }
    }
    fn check(&self, w: &Writer<'_>) -> Result<()> {
        check_training(self)?;
        for p in &self.parties {
            w.known_party("parties", p)?;
        }
        Ok(())
    }
    /// The parties the officials came from, written anew.
    fn write_children(&self, w: &Writer<'_>, id: i64) -> Result<()> {
        w.tx.execute("DELETE FROM training_parties WHERE training = ?1", [id])?;
        let mut st =
            w.tx.prepare_cached("INSERT INTO training_parties (training, party) VALUES (?1, ?2)")?;
        for p in &self.parties {
            st.execute(params![id, p.as_str()])?;
        }
        Ok(())
    }
}

impl Store {
    /// One training with its row version.
    pub fn training(&self, id: i64) -> Result<(Training, i64)> {
        found(self.conn(), id)
    }
}
