//! Commands that write: import and the scriptable edits. Input is checked
//! before anything is opened for writing; each edit is one transaction.

use super::output::words;
use super::party_arg::resolve;
use super::{Cli, Command, open};
use crate::domain::interchange;
use crate::domain::model::{Extension, Reminder};
use crate::report::role_label;
use crate::store::Store;
use crate::store::edits::NewPerson;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::path::Path;

pub fn import(cli: &Cli, file: &Path, replace: bool, yes: bool) -> Result<i32> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Parse and validate first: a rejected document never opens the store.
    if let Some(why) = not_json(&text) {
        eprintln!("revdesk: {}: {why}; nothing was imported", file.display());
        return Ok(1);
    }
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

/// Why `text` is not JSON at all, if it is not: a CSV or a spreadsheet
/// gets "not a JSON document" and where, not the parser's first complaint.
fn not_json(text: &str) -> Option<String> {
    let e = serde_json::from_str::<serde::de::IgnoredAny>(text).err()?;
    if !(e.is_syntax() || e.is_eof()) {
        return None;
    }
    let start = text.trim_start();
    if start.is_empty() {
        return Some("empty, not a JSON document".into());
    }
    if !start.starts_with(['{', '[']) {
        let skipped = &text[..text.len() - start.len()];
        let line = skipped.matches('\n').count() + 1;
        let column = skipped.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Some(format!(
            "not a JSON document (line {line}, column {column})"
        ));
    }
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Some(format!(
        "not valid JSON: {msg} (line {}, column {})",
        e.line(),
        e.column()
    ))
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
            let party = resolve(&store.parties()?, "--party", party)?;
            let p = store.write(|w| {
                w.nominate(&NewPerson {
                    party: party.clone(),
                    role: *role,
                    name: name.clone(),
                    email: email.clone(),
                    phone: phone.clone(),
                    gender: *gender,
                    affiliation: *affiliation,
                    nominated: *date,
                })
            })?;
            println!(
                "person {}: {} nominated as {} for {} on {}",
                p.id,
                p.name,
                role_label(p.role),
                p.party,
                p.nominated
            );
        }
        Command::EndNomination { person, date } => {
            let p = store.write(|w| w.end_nomination(*person, *date))?;
            println!(
                "person {}: {} ({}) ended on {date}",
                p.id,
                p.name,
                role_label(p.role)
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
            let party = resolve(&store.parties()?, "--party", party)?;
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
                "reminder {id}: {party} about {} by {} on {}",
                obligation.label(),
                words(channel.as_str()),
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
            println!(
                "extension {id}: review {review} {} now due {due}",
                obligation.label()
            );
        }
        other => anyhow::bail!("{other:?} is not an editing command"),
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::not_json;

    #[test]
    fn what_is_not_json_says_so() {
        assert_eq!(
            not_json("id,party\n1,AUT\n").as_deref(),
            Some("not a JSON document (line 1, column 1)")
        );
        assert_eq!(
            not_json("\n  ident").as_deref(),
            Some("not a JSON document (line 2, column 3)")
        );
        assert_eq!(
            not_json(" \n").as_deref(),
            Some("empty, not a JSON document")
        );
        assert_eq!(
            not_json("{\"a\": }").as_deref(),
            Some("not valid JSON: expected value (line 1, column 7)")
        );
        // JSON that is not a revdesk document is for the validator.
        assert_eq!(not_json("{\"a\": 1}"), None);
        assert_eq!(not_json("[1, 2]"), None);
    }
}
