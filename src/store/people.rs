//! The `people` table: its columns, a person's values for them, and a
//! person read back by column name. Every reader and writer of a person
//! goes through here, so a new field is a new [`Column`] (the compiler
//! then asks for its value) plus its line in [`from_row`].

use super::row::{Columns, Named, date_value, opt_text_value, text_value};
use super::{Result, StoreError};
use crate::domain::model::{Affiliation, Gender, Person, Role, Text};
use crate::domain::roster::Facts;
use chrono::NaiveDate;
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::json;
use std::sync::LazyLock;

/// A column of `people` that holds part of a [`Person`], in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Party,
    Role,
    Name,
    Email,
    Phone,
    Gender,
    Affiliation,
    Nominated,
    Ended,
}

impl Columns for Column {
    const TABLE: &'static str = "people";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Party,
        Column::Role,
        Column::Name,
        Column::Email,
        Column::Phone,
        Column::Gender,
        Column::Affiliation,
        Column::Nominated,
        Column::Ended,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Party => "party",
            Column::Role => "role",
            Column::Name => "name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Gender => "gender",
            Column::Affiliation => "affiliation",
            Column::Nominated => "nominated",
            Column::Ended => "ended",
        }
    }
}

impl Column {
    /// Whether an update may change it: a person keeps its id and party.
    fn updatable(self) -> bool {
        !matches!(self, Column::Id | Column::Party)
    }

    /// The person's value for this column, as stored.
    fn value(self, p: &Person) -> ToSqlOutput<'_> {
        let (text, opt, date) = (text_value, opt_text_value, date_value);
        match self {
            Column::Id => ToSqlOutput::Owned(Value::Integer(p.id)),
            Column::Party => text(&p.party),
            Column::Role => text(p.role.as_str()),
            Column::Name => text(&p.name),
            Column::Email => opt(p.email.as_deref()),
            Column::Phone => opt(p.phone.as_deref()),
            Column::Gender => opt(p.gender.map(Gender::as_str)),
            Column::Affiliation => opt(p.affiliation.map(Affiliation::as_str)),
            Column::Nominated => date(Some(p.nominated)),
            Column::Ended => date(p.ended),
        }
    }
}

/// Every column of a person, for `SELECT {COLUMNS} FROM people`.
pub static COLUMNS: LazyLock<String> = LazyLock::new(Column::list);

/// What the rules read of a person (see [`Facts`]), with the id: for
/// readers that leave out names and contact details.
pub const LEAN_COLUMNS: &str = "id, party, role, gender, affiliation, nominated, ended";

/// Inserts a person; parameter `?k` is the `k`-th of [`Column::ALL`].
pub static INSERT: LazyLock<String> = LazyLock::new(Column::insert);

/// Replaces a person's updatable columns and bumps its row version;
/// parameters as for [`INSERT`].
pub static UPDATE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = Column::ALL
        .iter()
        .enumerate()
        .filter(|(_, c)| c.updatable())
        .map(|(k, c)| format!("{} = ?{}", c.name(), k + 1))
        .collect();
    format!(
        "UPDATE people SET {}, version = version + 1 WHERE id = ?1",
        sets.join(", ")
    )
});

/// The person's values for [`INSERT`] and [`UPDATE`], with `id` in place
/// of the person's (`None`: the store gives one).
pub fn params(p: &Person, id: Option<i64>) -> impl rusqlite::Params + '_ {
    params_from_iter(values(p, id))
}

/// [`params`] as values, to put several people in one statement.
pub fn values(p: &Person, id: Option<i64>) -> impl Iterator<Item = ToSqlOutput<'_>> {
    Column::ALL.iter().map(move |&c| match c {
        Column::Id => ToSqlOutput::Owned(id.map_or(Value::Null, Value::Integer)),
        c => c.value(p),
    })
}

/// Inserts [`BATCH`] people; parameters as [`values`] of each in turn.
pub static INSERT_BATCH: LazyLock<String> = LazyLock::new(|| Column::insert_rows(BATCH));

/// How many people an import writes with one statement: a statement run
/// once builds the lookups of its CHECK lists (role, gender, affiliation)
/// once, not once a row.
pub const BATCH: usize = 64;

/// A person from a row that selected [`COLUMNS`].
pub(crate) fn from_row(r: &Named<'_, '_>) -> Result<Person> {
    Ok(Person {
        id: r.get("id")?,
        party: Text::from(r.text_nn("party")?),
        role: r.enumerated("role", "role")?,
        name: Text::from(r.text_nn("name")?),
        email: r.text("email")?.map(Box::from),
        phone: r.text("phone")?.map(Box::from),
        gender: r.opt_enumerated("gender", "gender")?,
        affiliation: r.opt_enumerated("affiliation", "affiliation")?,
        nominated: r.date("nominated")?,
        ended: r.opt_date("ended")?,
    })
}

/// What the rules read of a person, from a row that selected [`LEAN_COLUMNS`].
pub(crate) fn facts<'r>(r: &Named<'r, '_>) -> Result<Facts<'r>> {
    Ok(Facts {
        party: r.text_nn("party")?,
        role: r.enumerated::<Role>("role", "role")?,
        gender: r.opt_enumerated("gender", "gender")?,
        affiliation: r.opt_enumerated("affiliation", "affiliation")?,
        nominated: r.date("nominated")?,
        ended: r.opt_date("ended")?,
    })
}

/// A person without name or contact details, from [`LEAN_COLUMNS`].
pub(crate) fn lean_from_row(r: &Named<'_, '_>) -> Result<Person> {
    let f = facts(r)?;
    Ok(Person {
        id: r.get("id")?,
        party: Text::from(f.party),
        role: f.role,
        name: Text::default(),
        email: None,
        phone: None,
        gender: f.gender,
        affiliation: f.affiliation,
        nominated: f.nominated,
        ended: f.ended,
    })
}

/// One person and its row version, in or out of a transaction.
pub fn read(conn: &Connection, id: i64) -> Result<(Person, i64)> {
    let found = conn
        .query_row(
            &format!("SELECT {}, version FROM people WHERE id = ?1", *COLUMNS),
            [id],
            |r| Ok((from_row(&Named::new(r)), r.get::<_, i64>("version")?)),
        )
        .optional()?;
    match found {
        Some((p, v)) => Ok((p?, v)),
        None => Err(StoreError::NotFound {
            what: "person",
            key: id.to_string(),
        }),
    }
}

/// A person as the audit log records it.
pub fn json(p: &Person) -> serde_json::Value {
    json!({"id": p.id, "party": p.party, "role": p.role, "name": p.name, "email": p.email,
           "phone": p.phone, "gender": p.gender, "affiliation": p.affiliation,
           "nominated": p.nominated.to_string(), "ended": p.ended.map(|d| d.to_string())})
}

/// A person to nominate; the store gives the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub party: String,
    pub role: Role,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub gender: Option<Gender>,
    pub affiliation: Option<Affiliation>,
    pub nominated: NaiveDate,
}

impl NewPerson {
    /// The record to insert (id 0 until the store gives one): name, e-mail
    /// and phone trimmed, an empty e-mail or phone none.
    pub fn to_person(&self) -> Person {
        let trimmed = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Box::from)
        };
        Person {
            id: 0,
            party: Text::from(self.party.as_str()),
            role: self.role,
            name: Text::from(self.name.trim()),
            email: trimmed(&self.email),
            phone: trimmed(&self.phone),
            gender: self.gender,
            affiliation: self.affiliation,
            nominated: self.nominated,
            ended: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_every_column_once() {
        assert_eq!(
            *COLUMNS,
            "id, party, role, name, email, phone, gender, affiliation, nominated, ended"
        );
        assert!(INSERT.ends_with("VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
        assert_eq!(
            *UPDATE,
            "UPDATE people SET role = ?3, name = ?4, email = ?5, phone = ?6, gender = ?7, \
             affiliation = ?8, nominated = ?9, ended = ?10, version = version + 1 WHERE id = ?1"
        );
    }

    #[test]
    fn a_person_reads_back_as_written_whatever_the_column_order() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE people (ended, nominated, affiliation, gender, phone, email, name,
                                  role, party, id INTEGER PRIMARY KEY, version DEFAULT 1);",
        )
        .unwrap();
        let p = NewPerson {
            party: "AUT".into(),
            role: Role::Expert,
            name: "  Anna Berg ".into(),
            email: Some(" anna@example.org ".into()),
            phone: Some("  ".into()),
            gender: Some(Gender::Female),
            affiliation: None,
            nominated: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        }
        .to_person();
        conn.execute(&INSERT, params(&p, None)).unwrap();
        let id = conn.last_insert_rowid();
        let (back, version) = read(&conn, id).unwrap();
        assert_eq!(version, 1);
        assert_eq!(back.name, "Anna Berg");
        assert_eq!(back.email.as_deref(), Some("anna@example.org"));
        assert_eq!(back.phone, None);
        assert_eq!(back, Person { id, ..p.clone() });
        let mut ended = back.clone();
        ended.ended = NaiveDate::from_ymd_opt(2025, 1, 31);
        ended.party = "FRA".into();
        conn.execute(&UPDATE, params(&ended, Some(id))).unwrap();
        let (after, version) = read(&conn, id).unwrap();
        assert_eq!(version, 2);
        assert_eq!(after.ended, ended.ended);
        assert_eq!(after.party, "AUT", "a person keeps its party");
        assert!(matches!(read(&conn, 99), Err(StoreError::NotFound { .. })));
    }
}
