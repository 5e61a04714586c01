//! New parties and treaty actions in the store: adding a party, recording a
//! later ratification or accession (or a new name), assigning a party to a
//! group, new or existing. Each is one audited transaction; the input was
//! checked by `domain::accession` first, and the schema's rules hold too.

use super::row::Named;
use super::{Result, StoreError, Writer, parties};
use crate::domain::model::Party;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

fn opt(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A party as the audit trail records it.
pub fn party_json(p: &Party) -> Value {
    let i = &p.instruments;
    json!({"code": p.code, "name": p.name, "kind": p.kind, "regional_group": p.regional_group,
           "pairs_as": p.pairs_as, "group": p.group,
           "instruments": {"convention": opt(i.convention), "tip": opt(i.tip),
                           "som": opt(i.som), "fa": opt(i.fa)}})
}

impl Writer<'_> {
    fn party_row(&self, code: &str) -> Result<Party> {
        let mut st = self.tx.prepare_cached(&format!(
            "SELECT {} FROM parties WHERE code = ?1",
            *parties::COLUMNS
        ))?;
        st.query_row([code], |r| Ok(parties::from_row(&Named::new(r))))
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "party",
                key: code.to_string(),
            })?
    }

    /// Adds a party that awaits assignment to a group.
    pub fn add_party(&self, p: &Party) -> Result<()> {
        let p = Party {
            group: None,
            ..p.clone()
        };
        self.tx.execute(&parties::INSERT, parties::params(&p))?;
        self.audit("add", "party", &p.code, None, Some(&party_json(&p)))?;
        Ok(())
    }

    /// Writes a party's name and Protocol dates (a treaty action).
    pub fn put_party(&self, p: &Party) -> Result<()> {
        let before = self.party_row(&p.code)?;
        let i = &p.instruments;
        self.tx.execute(
            "UPDATE parties SET name = ?2, tip = ?3, som = ?4, fa = ?5, version = version + 1
             WHERE code = ?1",
            params![
                p.code.as_str(),
                p.name.as_str(),
                opt(i.tip),
                opt(i.som),
                opt(i.fa)
            ],
        )?;
        self.audit(
            "edit",
            "party",
            &p.code,
            Some(&party_json(&before)),
            Some(&party_json(&self.party_row(&p.code)?)),
        )?;
        Ok(())
    }

    /// Assigns a party to a group, creating the group first when it is new.
    pub fn assign_party(&self, code: &str, group: u32, new_group: Option<NaiveDate>) -> Result<()> {
        let before = self.party_row(code)?;
        if let Some(start) = new_group {
            self.tx.execute(
                "INSERT INTO groups (number, start) VALUES (?1, ?2)",
                params![group, start.to_string()],
            )?;
            self.audit(
                "add",
                "group",
                &group.to_string(),
                None,
                Some(&json!({"number": group, "start": start.to_string()})),
            )?;
        }
        self.tx.execute(
            "UPDATE parties SET grp = ?2, version = version + 1 WHERE code = ?1",
            params![code, group],
        )?;
        self.audit(
            "assign",
            "party",
            code,
            Some(&party_json(&before)),
            Some(&party_json(&self.party_row(code)?)),
        )?;
        Ok(())
    }
}
