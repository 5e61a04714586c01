//! Commands that write: import and the scriptable edits. Input is checked
//! before anything is opened for writing; each edit is one transaction.

use super::input::{clean_arg, email_arg, phone_arg};
use super::output::shown;
use super::{Cli, Command, create};
use crate::domain::interchange;
use crate::domain::model::{Extension, Reminder};
use crate::domain::text::{EMAIL_MAX, NAME_MAX, NOTE_MAX, PHONE_MAX, REASON_MAX, sanitize};
use crate::store::Store;
use crate::store::edits::NewPerson;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::path::Path;

pub fn import(cli: &Cli, file: &Path, replace: bool) -> Result<i32> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Parse and validate first: a rejected document never opens the store.
    let desk = match interchange::parse(&text) {
        Ok(d) => d,
        Err(problems) => {
            eprintln!(
                "revdesk: {}: nothing was imported; {}",
                shown(file),
                sanitize(&problems.to_string())
            );
            return Ok(1);
        }
    };
    let mut store = create(cli)?;
    store.write(|w| w.import(&desk, replace))?;
    eprintln!(
        "imported {}: {} groups, {} parties, {} people, {} reviews, {} extensions, {} reminders into {}",
        shown(file),
        desk.groups.len(),
        desk.parties.len(),
        desk.people.len(),
        desk.reviews.len(),
        desk.extensions.len(),
        desk.reminders.len(),
        shown(store.path())
    );
    Ok(0)
}

pub fn run(store: &mut Store, command: &Command, today: NaiveDate) -> Result<i32> {
    match command {
        Command::Record {
            milestone,
            review,
            date,
            languages,
        } => {
            let r = store.write(|w| {
                w.record_milestone(*review, *milestone, Some(*date), languages.as_deref())
            })?;
            println!("review {}: {} on {date}", r.id, milestone.label());
        }
        Command::Nominate {
            party,
            role,
            name,
            email,
            phone,
            gender,
            affiliation,
            date,
        } => {
            let new = NewPerson {
                party: party.clone(),
                role: *role,
                name: clean_arg("name", name, NAME_MAX)?,
                email: email_arg(email.as_deref(), EMAIL_MAX)?,
                phone: phone_arg(phone.as_deref(), PHONE_MAX)?,
                gender: *gender,
                affiliation: *affiliation,
                nominated: *date,
            };
            let p = store.write(|w| w.nominate(&new))?;
            println!(
                "person {}: {} nominated as {} for {} on {}",
                p.id,
                sanitize(&p.name),
                p.role,
                sanitize(&p.party),
                p.nominated
            );
        }
        Command::EndNomination { person, date } => {
            let p = store.write(|w| w.end_nomination(*person, *date))?;
            println!(
                "person {}: {} ({}) ended on {date}",
                p.id,
                sanitize(&p.name),
                p.role
            );
        }
        Command::Remind {
            party,
            obligation,
            review,
            channel,
            note,
            date,
        } => {
            let reminder = Reminder {
                date: date.unwrap_or(today),
                party: party.as_str().into(),
                review: *review,
                obligation: *obligation,
                channel: *channel,
                note: clean_arg("note", note, NOTE_MAX)?,
            };
            let id = store.write(|w| w.remind(&reminder))?;
            println!(
                "reminder {id}: {} about {obligation} by {channel} on {}",
                sanitize(party),
                reminder.date
            );
        }
        Command::Extend {
            review,
            obligation,
            due,
            reason,
            agreed,
        } => {
            let e = Extension {
                review: *review,
                obligation: *obligation,
                due: *due,
                reason: clean_arg("reason", reason, REASON_MAX)?,
                agreed: agreed.unwrap_or(today),
            };
            let id = store.write(|w| w.extend(&e))?;
            println!("extension {id}: review {review} {obligation} now due {due}");
        }
        other => anyhow::bail!("{other:?} is not an editing command"),
    }
    Ok(0)
}
