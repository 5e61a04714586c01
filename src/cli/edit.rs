//! Commands that write: import and the scriptable edits. Input is checked
//! before anything is opened for writing; each edit is one transaction.

use super::input::{clean_arg, email_arg, phone_arg};
use super::output::shown;
use super::party_arg::resolve;
use super::{Cli, Command, create};
use crate::domain::interchange;
use crate::domain::model::{Extension, Language, Milestone, Review};
use crate::domain::text::{EMAIL_MAX, NAME_MAX, PHONE_MAX, REASON_MAX, sanitize};
use crate::report::role_label;
use crate::store::edits::NewPerson;
use crate::store::{Store, StoreError};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::path::Path;

pub fn import(cli: &Cli, file: &Path, replace: bool, yes: bool) -> Result<i32> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Parse and validate first: a rejected document never opens the store.
    if let Some(why) = not_json(&text) {
        eprintln!("revdesk: {}: {why}; nothing was imported", shown(file));
        return Ok(1);
    }
    let doc = match interchange::parse_document(&text) {
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
    if replace && doc.version == 1 && !yes {
        let draws = store.draws()?.len();
        if draws > 0 {
            anyhow::bail!(
                "--yes: {} is a revdesk/1 document, which has no draw log: replacing the desk with it empties the store's draw log ({draws} draws, the evidence that the draws were fair); give --yes to go ahead; nothing was imported",
                shown(file)
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
        w.import_history(&history.cluster_starts, &history.draws)?;
        w.import_directory(&history.directory)
    })?;
    eprintln!(
        "imported {}: {} groups, {} parties, {} people, {} reviews, {} extensions, {} reminders, {} cluster starts, {} draws into {}",
        shown(file),
        desk.groups.len(),
        desk.parties.len(),
        desk.people.len(),
        desk.reviews.len(),
        desk.extensions.len(),
        desk.reminders.len(),
        history.cluster_starts.len(),
        history.draws.len(),
        shown(store.path())
    );
    Ok(0)
}

/// The characters a JSON document of ours can begin with.
const JSON_OPENERS: [char; 2] = ['{', '['];

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
    if !start.starts_with(JSON_OPENERS) {
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

/// What `record` would change in a review: whether anything at all, and
/// each value already recorded that it would overwrite.
#[derive(Debug, PartialEq, Eq)]
pub struct Recording {
    pub anything: bool,
    pub overwrites: Vec<Overwrite>,
}

/// A value already recorded and the one that would replace it.
#[derive(Debug, PartialEq, Eq)]
pub struct Overwrite {
    /// "consultation of review 4", "languages of review 4".
    pub what: String,
    pub old: String,
    pub new: String,
}

impl Overwrite {
    /// After `--replace`: "consultation of review 4: 2025-12-17 replaced by 2024-01-15".
    pub fn replaced(&self) -> String {
        format!("{}: {} replaced by {}", self.what, self.old, self.new)
    }
    /// Without it, the refusal.
    pub fn refused(&self) -> String {
        format!(
            "{}: {} already recorded; nothing was written (--replace replaces it with {})",
            self.what, self.old, self.new
        )
    }
}

pub fn recording(
    before: &Review,
    milestone: Milestone,
    date: NaiveDate,
    languages: Option<&[Language]>,
) -> Recording {
    let id = before.id;
    let mut overwrites = Vec::new();
    let old = before.milestones.get(milestone);
    if let Some(old) = old.filter(|&d| d != date) {
        overwrites.push(Overwrite {
            what: format!("{milestone} of review {id}"),
            old: old.to_string(),
            new: date.to_string(),
        });
    }
    let langs = |l: &[Language]| l.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",");
    let new_langs = languages.filter(|l| *l != before.languages.as_slice());
    if let Some(l) = new_langs
        && !before.languages.is_empty()
    {
        overwrites.push(Overwrite {
            what: format!("languages of review {id}"),
            old: langs(&before.languages),
            new: if l.is_empty() {
                "none".into()
            } else {
                langs(l)
            },
        });
    }
    Recording {
        anything: old != Some(date) || new_langs.is_some(),
        overwrites,
    }
}

pub fn run(store: &mut Store, command: &Command, today: NaiveDate) -> Result<i32> {
    match command {
        Command::Record {
            milestone,
            review,
            date,
            languages,
            replace,
        } => {
            let changes = store.write(|w| {
                let (before, _) = w.review(*review)?;
                let changes = recording(&before, *milestone, *date, languages.as_deref());
                if let Some(old) = changes.overwrites.first()
                    && !replace
                {
                    return Err(StoreError::Invalid(old.refused()));
                }
                if changes.anything {
                    w.record_milestone(*review, *milestone, Some(*date), languages.as_deref())?;
                }
                Ok(changes)
            })?;
            for o in &changes.overwrites {
                println!("{}", o.replaced());
            }
            if !changes.anything {
                println!(
                    "review {review}: {} on {date} already recorded; nothing to change",
                    milestone.label()
                );
            } else if changes.overwrites.is_empty() {
                println!("review {review}: {} on {date}", milestone.label());
            }
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
            languages,
        } => {
            let party = resolve(&store.parties()?, "--party", party)?;
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
            let p = store.write(|w| {
                let p = w.nominate(&new)?;
                if review.is_some() {
                    w.scope_focal_point(p.id, *review)?;
                }
                if let Some(l) = languages {
                    w.set_languages(p.id, l)?;
                }
                Ok(p)
            })?;
            println!(
                "person {}: {} nominated as {} for {} on {}{}",
                p.id,
                sanitize(&p.name),
                role_label(p.role),
                sanitize(&p.party),
                p.nominated,
                review
                    .map(|r| format!(", for review {r}"))
                    .unwrap_or_default()
            );
        }
        Command::EndNomination { person, date } => {
            let p = store.write(|w| w.end_nomination(*person, *date))?;
            println!(
                "person {}: {} ({}) ended on {date}",
                p.id,
                sanitize(&p.name),
                role_label(p.role)
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

    use super::*;
    use crate::domain::model::{Languages, Milestones, Text};

    fn day(s: &str) -> NaiveDate {
        crate::domain::text::parse_date(s).unwrap()
    }

    fn review(consultation: Option<&str>, languages: &[Language]) -> Review {
        Review {
            id: 4,
            group: 1,
            cluster: 1,
            under_review: Text::from("AUT"),
            reviewers: [Text::from("DEU"), Text::from("KEN")].into_iter().collect(),
            start: None,
            redraws: 0,
            languages: Languages::from_slice(languages),
            milestones: Milestones {
                consultation_held: consultation.map(day),
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_recorded_date_is_an_overwrite_said_both_ways() {
        let r = review(Some("2025-12-17"), &[]);
        let rec = recording(&r, Milestone::Consultation, day("2024-01-15"), None);
        assert!(rec.anything);
        assert_eq!(rec.overwrites.len(), 1);
        assert_eq!(
            rec.overwrites[0].replaced(),
            "consultation of review 4: 2025-12-17 replaced by 2024-01-15"
        );
        assert_eq!(
            rec.overwrites[0].refused(),
            "consultation of review 4: 2025-12-17 already recorded; nothing was written (--replace replaces it with 2024-01-15)"
        );
    }

    #[test]
    fn a_first_date_or_the_same_date_overwrites_nothing() {
        let empty = review(None, &[]);
        let first = recording(&empty, Milestone::Consultation, day("2024-01-15"), None);
        assert_eq!(
            first,
            Recording {
                anything: true,
                overwrites: vec![]
            }
        );
        let done = review(Some("2024-01-15"), &[Language::En]);
        let same = recording(
            &done,
            Milestone::Consultation,
            day("2024-01-15"),
            Some(&[Language::En]),
        );
        assert!(!same.anything && same.overwrites.is_empty());
        // Another milestone leaves the consultation alone.
        let saq = recording(&done, Milestone::Saq, day("2024-03-01"), None);
        assert!(saq.anything && saq.overwrites.is_empty());
    }

    #[test]
    fn languages_already_agreed_are_an_overwrite_too() {
        let r = review(Some("2024-01-15"), &[Language::En, Language::Fr]);
        let rec = recording(
            &r,
            Milestone::Consultation,
            day("2024-01-15"),
            Some(&[Language::Ru]),
        );
        assert_eq!(
            rec.overwrites[0].replaced(),
            "languages of review 4: en,fr replaced by ru"
        );
        let pending = review(Some("2024-01-15"), &[]);
        let rec = recording(
            &pending,
            Milestone::Consultation,
            day("2024-01-15"),
            Some(&[Language::Ru]),
        );
        assert!(rec.anything && rec.overwrites.is_empty());
    }
}
