//! Commands that write: import and the scriptable edits. An edit's input
//! is checked before anything is opened for writing; an import is checked
//! as it is read into its transaction, which is rolled back when the
//! document has any problem. Each is one transaction.

use super::input::{clean_arg, email_arg, phone_arg};
use super::output::shown;
use super::party_arg::resolve;
use super::{Cli, Command};
use crate::domain::interchange;
use crate::domain::model::{Extension, Language, Milestone, Review};
use crate::domain::text::{EMAIL_MAX, NAME_MAX, PHONE_MAX, REASON_MAX, sanitize};
use crate::report::role_label;
use crate::store::edits::NewPerson;
use crate::store::{Store, StoreError};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::path::Path;

/// Why an import wrote nothing.
enum Rejected {
    /// Not JSON: why, where.
    NotJson(String),
    /// Every problem found, their lines not yet known.
    Problems(Vec<interchange::Problem>),
    /// A revdesk/1 document would empty a draw log of this many draws.
    NeedsYes(usize),
}

pub fn import(cli: &Cli, file: &Path, replace: bool, yes: bool) -> Result<i32> {
    let cannot_read = || format!("cannot read {}", file.display());
    let f = std::fs::File::open(file).with_context(cannot_read)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, f);
    // A file that does not even begin as JSON never opens the store.
    if let Some(why) = not_json_start(&mut reader).with_context(cannot_read)? {
        eprintln!("revdesk: {}: {why}; nothing was imported", shown(file));
        return Ok(1);
    }
    let path = super::store_path(cli)?;
    let created = !path.exists();
    // A new store is written beside its path and put there when whole: a
    // refused or killed import leaves nothing at the path.
    let target = if created {
        being_imported(&path)
    } else {
        path.clone()
    };
    let mut store = super::open_path(cli, &target, true)?;
    if created {
        store.for_a_bulk_write()?;
    }
    let outcome = store.write_or_undo(|w| {
        let draws = if replace { w.count_draws()? } else { 0 };
        if replace {
            w.clear_history()?;
        }
        let mut imp = w.begin_import(replace)?;
        let read = match imp.read_alongside(reader)? {
            Ok(read) => read,
            Err(json) => return Ok(Err(json_rejection(json.path, &json.error))),
        };
        if !read.problems.is_empty() {
            return Ok(Err(Rejected::Problems(read.problems)));
        }
        if replace && read.version == 1 && !yes && draws > 0 {
            return Ok(Err(Rejected::NeedsYes(draws)));
        }
        let written = imp.finish()?;
        w.import_registers(&read.registers.unwrap_or_default(), replace)?;
        w.import_directory(&read.directory)?;
        Ok(Ok(written))
    });
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            forget_new_store(store, created, &target);
            return Err(e.into());
        }
    };
    let n = match outcome {
        Ok(n) => n,
        Err(rejected) => {
            forget_new_store(store, created, &target);
            return rejection(file, rejected);
        }
    };
    if created {
        let wal = store.use_wal();
        drop(store);
        if let Err(e) = wal
            .map_err(anyhow::Error::from)
            .and_then(|()| put_in_place(&target, &path))
        {
            forget_new_store_files(&target);
            return Err(e);
        }
    }
    eprintln!(
        "imported {}: {} groups, {} parties, {} people, {} reviews, {} extensions, {} reminders, {} cluster starts, {} draws into {}",
        shown(file),
        n.groups,
        n.parties,
        n.people,
        n.reviews,
        n.extensions,
        n.reminders,
        n.cluster_starts,
        n.draws,
        shown(&path)
    );
    Ok(0)
}

/// A store this import created and then wrote nothing into goes again: a
/// rejected import leaves no trace.
fn forget_new_store(store: Store, created: bool, path: &Path) {
    drop(store);
    if created {
        forget_new_store_files(path);
    }
}

fn forget_new_store_files(path: &Path) {
    for end in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(end);
        let _ = std::fs::remove_file(p);
    }
}

/// Where a new store is written until it is whole: beside its path, named
/// for this process.
fn being_imported(path: &Path) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(format!(".importing-{}", std::process::id()));
    p.into()
}

/// Makes the new store at `from` durable and puts it at `to`, unless a
/// store appeared there meanwhile (a link, not a rename, never replaces
/// one); then the folder is made durable too.
fn put_in_place(from: &Path, to: &Path) -> Result<()> {
    std::fs::File::open(from)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot write {}", from.display()))?;
    if let Err(e) = std::fs::hard_link(from, to) {
        if e.kind() == std::io::ErrorKind::AlreadyExists || to.exists() {
            anyhow::bail!(
                "a store appeared at {} during the import; nothing was imported",
                shown(to)
            );
        }
        // A file system without links: a rename, the path being free.
        std::fs::rename(from, to).with_context(|| format!("cannot write {}", to.display()))?;
    }
    let _ = std::fs::remove_file(from);
    let folder = match to.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::File::open(folder)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot write {}", folder.display()))?;
    Ok(())
}

/// Says why nothing was imported; the lines of the problems are found by
/// reading the file again (only when it was rejected).
fn rejection(file: &Path, rejected: Rejected) -> Result<i32> {
    let mut problems = match rejected {
        Rejected::NotJson(why) => {
            eprintln!("revdesk: {}: {why}; nothing was imported", shown(file));
            return Ok(1);
        }
        Rejected::NeedsYes(draws) => anyhow::bail!(
            "--yes: {} is a revdesk/1 document, which has no draw log: replacing the desk with it empties the store's draw log ({draws} draws, the evidence that the draws were fair); give --yes to go ahead; nothing was imported",
            shown(file)
        ),
        Rejected::Problems(p) => p,
    };
    let wanted: std::collections::BTreeSet<String> = problems
        .iter()
        .filter(|p| p.line.is_none())
        .map(|p| p.path.clone())
        .collect();
    if !wanted.is_empty()
        && let Ok(f) = std::fs::File::open(file)
    {
        use std::io::Read;
        let bytes = std::io::BufReader::new(f).bytes().map_while(|b| b.ok());
        let lines = interchange::lines_of_paths(bytes, |p| wanted.contains(p));
        for p in problems.iter_mut().filter(|p| p.line.is_none()) {
            p.line = lines.get(&p.path).copied();
        }
    }
    eprintln!(
        "revdesk: {}: nothing was imported; {}",
        shown(file),
        sanitize(&interchange::Problems(problems).to_string())
    );
    Ok(1)
}

/// What stopped the parser: text that is not JSON is said so, where; an
/// unknown key or a value of the wrong type is a problem at its path.
fn json_rejection(path: String, e: &serde_json::Error) -> Rejected {
    if e.is_eof() && path == "$" && e.to_string().starts_with("EOF while parsing a value") {
        return Rejected::NotJson("empty, not a JSON document".into());
    }
    if e.is_syntax() || e.is_eof() {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        return Rejected::NotJson(format!(
            "not valid JSON: {msg} (line {}, column {})",
            e.line(),
            e.column()
        ));
    }
    Rejected::Problems(vec![interchange::json_problem(path, e)])
}

/// The characters a JSON document of ours can begin with.
const JSON_OPENERS: [u8; 2] = [b'{', b'['];

/// Why the file is not JSON at all, from its first characters: a CSV or a
/// spreadsheet gets "not a JSON document" and where, not the parser's
/// first complaint. Looks at the first buffer without consuming it (the
/// parser counts lines from the start).
fn not_json_start(r: &mut impl std::io::BufRead) -> std::io::Result<Option<String>> {
    let buf = r.fill_buf()?;
    if buf.is_empty() {
        return Ok(Some("empty, not a JSON document".into()));
    }
    let (mut line, mut column) = (1usize, 1usize);
    for &b in buf {
        match b {
            b'\n' => (line, column) = (line + 1, 1),
            b' ' | b'\t' | b'\r' => column += 1,
            b if JSON_OPENERS.contains(&b) => return Ok(None),
            _ => {
                return Ok(Some(format!(
                    "not a JSON document (line {line}, column {column})"
                )));
            }
        }
    }
    // White space only, so far: the parser says what follows.
    Ok(None)
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
    /// What `import` says of `text` when it is not JSON: the first
    /// characters, then the parser's syntax errors.
    fn not_json(text: &str) -> Option<String> {
        if let Some(why) = super::not_json_start(&mut text.as_bytes()).unwrap() {
            return Some(why);
        }
        let e = serde_json::from_str::<serde::de::IgnoredAny>(text).err()?;
        match super::json_rejection("$".into(), &e) {
            super::Rejected::NotJson(why) => Some(why),
            _ => None,
        }
    }

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
