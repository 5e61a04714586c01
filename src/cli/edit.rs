//! Commands that write: import and the scriptable edits. Input is checked
//! before anything is opened for writing; each edit is one transaction.

use super::{Cli, Command, open};
use crate::domain::interchange;
use crate::domain::model::{Extension, Reminder};
use crate::store::Store;
use crate::store::edits::NewPerson;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::path::Path;

pub fn import(cli: &Cli, file: &Path, replace: bool, yes: bool) -> Result<i32> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Parse and validate first: a rejected document never opens the store.
    let doc = match interchange::parse_document(&text) {
        Ok(d) => d,
        Err(problems) => {
            eprintln!(
                "revdesk: {}: nothing was imported; {problems}",
                file.display()
            );
            return Ok(1);
        }
    };
    let mut store = open(cli, true)?;
    if replace && doc.version == 1 && !yes {
        let draws = store.draws()?.len();
        if draws > 0 {
            anyhow::bail!(
                "--yes: {} is a revdesk/1 document, which has no draw log: replacing the desk with it empties the store's draw log ({draws} draws, the evidence that the draws were fair); give --yes to go ahead; nothing was imported",
                file.display()
            );
        }
    }
    let user = store.user().to_string();
    let mut history = doc.history;
    for d in &mut history.draws {
        d.os_user = user.clone();
    }
    let desk = doc.desk;
    store.write(|w| {
        if replace {
            w.clear_history()?;
        }
        w.import(&desk, replace)?;
        w.import_registers(&history.registers, replace)?;
        w.import_history(&history.cluster_starts, &history.draws)
    })?;
    eprintln!(
        "imported {}: {} groups, {} parties, {} people, {} reviews, {} extensions, {} reminders, {} cluster starts, {} draws into {}",
        file.display(),
        desk.groups.len(),
        desk.parties.len(),
        desk.people.len(),
        desk.reviews.len(),
        desk.extensions.len(),
        desk.reminders.len(),
        history.cluster_starts.len(),
        history.draws.len(),
        store.path().display()
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
            review,
        } => {
            let p = store.write(|w| {
                let p = w.nominate(&NewPerson {
                    party: party.clone(),
                    role: *role,
                    name: name.clone(),
                    email: email.clone(),
                    phone: phone.clone(),
                    gender: *gender,
                    affiliation: *affiliation,
                    nominated: *date,
                })?;
                if review.is_some() {
                    w.scope_focal_point(p.id, *review)?;
                }
                Ok(p)
            })?;
            println!(
                "person {}: {} nominated as {} for {} on {}{}",
                p.id,
                p.name,
                p.role,
                p.party,
                p.nominated,
                review
                    .map(|r| format!(", for review {r}"))
                    .unwrap_or_default()
            );
        }
        Command::EndNomination { person, date } => {
            let p = store.write(|w| w.end_nomination(*person, *date))?;
            println!("person {}: {} ({}) ended on {date}", p.id, p.name, p.role);
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
                note: note.clone(),
            };
            let id = store.write(|w| w.remind(&reminder))?;
            println!(
                "reminder {id}: {party} about {obligation} by {channel} on {}",
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
                reason: reason.clone(),
                agreed: agreed.unwrap_or(today),
            };
            let id = store.write(|w| w.extend(&e))?;
            println!("extension {id}: review {review} {obligation} now due {due}");
        }
        other => anyhow::bail!("{other:?} is not an editing command"),
    }
    Ok(0)
}
