//! The mail directory: each party's permanent mission and each person's
//! working languages (tables `missions` and `person_languages`).

use super::{Result, Store, StoreError, Writer};
use crate::domain::directory::{Directory, Mission};
use crate::domain::model::{Language, Role};
use rusqlite::{CachedStatement, params};

impl Store {
    /// Every mission and every person's working languages.
    pub fn directory(&self) -> Result<Directory> {
        self.directory_of(None)
    }

    /// Every mission, and the working languages of the people of `role`
    /// only (every person's when `None`): a month's digest writes to focal
    /// points alone.
    pub fn directory_of(&self, role: Option<Role>) -> Result<Directory> {
        let mut dir = Directory::default();
        let mut st = self
            .conn()
            .prepare_cached("SELECT party, email, phone FROM missions ORDER BY party")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>("party")?,
                Mission {
                    email: r.get("email")?,
                    phone: r.get("phone")?,
                },
            ))
        })?;
        for row in rows {
            let (party, m) = row?;
            dir.missions.insert(party.into(), m);
        }
        self.read_languages(&mut dir, role)?;
        Ok(dir)
    }

    /// [`directory_of`](Store::directory_of) without the missions: the
    /// working languages of the people in `role` alone, for a command that
    /// writes to them and names no mission (the digest).
    pub fn languages_of(&self, role: Role) -> Result<Directory> {
        let mut dir = Directory::default();
        self.read_languages(&mut dir, Some(role))?;
        Ok(dir)
    }

    /// Adds the working languages of the people in `role` (everyone's when
    /// `None`) to `dir`.
    fn read_languages(&self, dir: &mut Directory, role: Option<Role>) -> Result<()> {
        let mut st = self.conn().prepare_cached(
            "SELECT person, language FROM person_languages \
             WHERE ?1 IS NULL OR person IN (SELECT id FROM people WHERE role = ?1) \
             ORDER BY person, position",
        )?;
        let rows = st.query_map([role.map(Role::as_str)], |r| {
            Ok((r.get::<_, i64>("person")?, r.get::<_, String>("language")?))
        })?;
        for row in rows {
            let (person, lang) = row?;
            // The table's CHECK admits the six codes only.
            if let Ok(l) = lang.parse::<Language>() {
                dir.languages.entry(person).or_default().push(l);
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Every mission and working language of an imported document (or the
    /// demo desk), with one audit entry saying how many were written, as
    /// the import's own entry does for the desk's records.
    pub fn import_directory(&self, dir: &Directory) -> Result<()> {
        let mut missions: Vec<_> = dir.missions.iter().collect();
        missions.sort_by(|a, b| a.0.cmp(b.0));
        for (party, m) in &missions {
            self.write_mission(party, m)?;
        }
        let mut langs: Vec<_> = dir.languages.iter().collect();
        langs.sort_by_key(|(id, _)| **id);
        // One insert per person, of all their languages: a statement for
        // each number of languages, prepared once.
        let mut by_count: Vec<CachedStatement<'_>> = Vec::new();
        for (id, l) in &langs {
            if l.is_empty() {
                continue;
            }
            while by_count.len() < l.len() {
                let sql = languages_insert(by_count.len() + 1);
                by_count.push(self.tx.prepare_cached(&sql)?);
            }
            let st = &mut by_count[l.len() - 1];
            st.raw_bind_parameter(1, **id)?;
            for (i, lang) in l.iter().enumerate() {
                st.raw_bind_parameter(i + 2, lang.as_str())?;
            }
            st.raw_execute()?;
        }
        let summary =
            serde_json::json!({"missions": missions.len(), "people_with_languages": langs.len()});
        self.audit("directory", "directory", "*", None, Some(&summary))?;
        Ok(())
    }

    /// Sets a party's permanent mission (empty: removed), audited.
    pub fn set_mission(&self, party: &str, m: &Mission) -> Result<()> {
        let before = self.mission_json(party)?;
        self.write_mission(party, m)?;
        let after = self.mission_json(party)?;
        self.audit("mission", "party", party, before.as_ref(), after.as_ref())?;
        Ok(())
    }

    /// Writes a party's permanent mission (empty: removed), checked.
    fn write_mission(&self, party: &str, m: &Mission) -> Result<()> {
        let m = Mission::checked(m.email.as_deref(), m.phone.as_deref())
            .map_err(StoreError::Invalid)?;
        let known: i64 = self
            .tx
            .prepare_cached("SELECT count(*) FROM parties WHERE code = ?1")?
            .query_row(params![party], |r| r.get(0))?;
        if known == 0 {
            return Err(StoreError::Invalid(format!(
                "party: unknown party {party:?}"
            )));
        }
        if m.is_empty() {
            self.tx
                .execute("DELETE FROM missions WHERE party = ?1", params![party])?;
        } else {
            self.tx
                .prepare_cached(
                    "INSERT INTO missions (party, email, phone) VALUES (?1, ?2, ?3)
                 ON CONFLICT (party) DO UPDATE SET email = excluded.email,
                 phone = excluded.phone, version = version + 1",
                )?
                .execute(params![party, m.email, m.phone])?;
        }
        Ok(())
    }

    fn mission_json(&self, party: &str) -> Result<Option<serde_json::Value>> {
        let mut st = self
            .tx
            .prepare_cached("SELECT email, phone FROM missions WHERE party = ?1")?;
        let mut rows = st.query(params![party])?;
        Ok(match rows.next()? {
            Some(r) => Some(serde_json::json!({
                "mission_email": r.get::<_, Option<String>>("email")?,
                "mission_phone": r.get::<_, Option<String>>("phone")?,
            })),
            None => None,
        })
    }

    /// Sets a person's working languages, in order of preference, audited.
    pub fn set_languages(&self, person: i64, langs: &[Language]) -> Result<()> {
        let known: i64 = self
            .tx
            .prepare_cached("SELECT count(*) FROM people WHERE id = ?1")?
            .query_row(params![person], |r| r.get(0))?;
        if known == 0 {
            return Err(StoreError::Invalid(format!("person: no person {person}")));
        }
        let mut seen = Vec::new();
        for l in langs {
            if seen.contains(l) {
                return Err(StoreError::Invalid(format!("languages: {l} twice")));
            }
            seen.push(*l);
        }
        let before = self.languages_of(person)?;
        self.tx
            .prepare_cached("DELETE FROM person_languages WHERE person = ?1")?
            .execute(params![person])?;
        for (i, l) in langs.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO person_languages (person, position, language) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![person, i as i64, l.as_str()])?;
        }
        let codes = |v: &[String]| serde_json::json!({ "languages": v });
        let after: Vec<String> = langs.iter().map(|l| l.as_str().to_string()).collect();
        self.audit(
            "languages",
            "person",
            &person.to_string(),
            Some(&codes(&before)),
            Some(&codes(&after)),
        )?;
        Ok(())
    }

    fn languages_of(&self, person: i64) -> Result<Vec<String>> {
        let mut st = self.tx.prepare_cached(
            "SELECT language FROM person_languages WHERE person = ?1 ORDER BY position",
        )?;
        let rows = st.query_map(params![person], |r| r.get::<_, String>("language"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Inserts `n` working languages of one person (`?1`), in order (`?2`...).
fn languages_insert(n: usize) -> String {
    let rows: Vec<String> = (0..n).map(|i| format!("(?1, {i}, ?{})", i + 2)).collect();
    format!(
        "INSERT INTO person_languages (person, position, language) VALUES {}",
        rows.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::languages_insert;

    #[test]
    fn one_insert_holds_every_language_of_a_person() {
        assert_eq!(
            languages_insert(1),
            "INSERT INTO person_languages (person, position, language) VALUES (?1, 0, ?2)"
        );
        assert_eq!(
            languages_insert(3),
            "INSERT INTO person_languages (person, position, language) VALUES (?1, 0, ?2), (?1, 1, ?3), (?1, 2, ?4)"
        );
    }
}
