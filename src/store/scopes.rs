//! Focal points scoped to one review (paragraph 13: one focal point per
//! country per review at any time): the `focal_point_scopes` table.

use super::people;
use super::registers::{invalid, read_rows, record_json};
use super::row::each_named;
use super::{Result, Writer};
use crate::domain::model::Person;
use crate::domain::registers::{FocalPointScope, check_scope};
use rusqlite::{Connection, params};

const ENTITY: &str = "focal_point_scope";

/// Scopes with their row versions, by person; one person's when given.
pub(super) fn read(conn: &Connection, person: Option<i64>) -> Result<Vec<(FocalPointScope, i64)>> {
    read_rows(
        conn,
        "SELECT person, review, version FROM focal_point_scopes
         WHERE ?1 IS NULL OR person = ?1 ORDER BY person",
        params![person],
        |r| {
            Ok((
                FocalPointScope {
                    person: r.get("person")?,
                    review: r.get("review")?,
                },
                r.get("version")?,
            ))
        },
    )
}

impl Writer<'_> {
    /// The people of `party` with the review each is scoped to.
    fn party_scopes(&self, party: &str) -> Result<Vec<(Person, Option<i64>)>> {
        let mut st = self.tx.prepare_cached(&format!(
            "SELECT {}, (SELECT review FROM focal_point_scopes s WHERE s.person = people.id) AS scope
             FROM people WHERE party = ?1",
            *people::COLUMNS
        ))?;
        let mut out = Vec::new();
        each_named(&mut st, [party], |r| {
            out.push((people::from_row(r)?, r.get::<Option<i64>>("scope")?));
            Ok(true)
        })?;
        Ok(out)
    }

    /// Scopes focal point `person` to `review`, or (`None`) makes them the
    /// focal point of every review of their party that has no other.
    pub fn scope_focal_point(&self, person: i64, review: Option<i64>) -> Result<()> {
        let p = self.known_person("person", person)?;
        let before = read(self.tx, Some(person))?.pop().map(|(s, _)| s);
        let Some(review) = review else {
            if before.is_none() {
                return Err(invalid(
                    "person",
                    format!("{} ({person}) is not scoped to a review", p.name),
                ));
            }
            self.tx
                .execute("DELETE FROM focal_point_scopes WHERE person = ?1", [person])?;
            self.audit(
                "unscope",
                ENTITY,
                &person.to_string(),
                before.as_ref().map(|b| record_json(None, b)).as_ref(),
                None,
            )?;
            return Ok(());
        };
        let r = self.known_review("review", review)?;
        let people = self.party_scopes(&p.party)?;
        let others: Vec<(&Person, Option<i64>)> = people.iter().map(|(p, s)| (p, *s)).collect();
        check_scope(&p, &r, &others)?;
        self.tx.execute(
            "INSERT INTO focal_point_scopes (person, review) VALUES (?1, ?2)
             ON CONFLICT (person) DO UPDATE SET review = excluded.review, version = version + 1",
            params![person, review],
        )?;
        let after = FocalPointScope { person, review };
        self.audit(
            "scope",
            ENTITY,
            &person.to_string(),
            before.as_ref().map(|b| record_json(None, b)).as_ref(),
            Some(&record_json(None, &after)),
        )?;
        Ok(())
    }
}
