//! Reports for people outside the desk: the background paper's figures
//! (`report`), deadlines for a calendar (`calendar`), a monthly message per
//! focal point (`digest`) and address cards (`contacts`).
//!
//! Every file is written owner-only; folders are created as needed. On a
//! terminal, long work shows a progress bar on standard error; each command
//! ends by saying what it wrote and where, on standard error.

use super::Command;
use super::output::{headings, inert, shown, stdout_table};
use super::party_arg::resolve_opt;
use crate::domain::clusters::Scope;
use crate::domain::model::{Desk, Person};
use crate::report::{
    REPORT_FILES, calendar, role_label, tables, vcard, write_private_with, write_report_in,
};
use crate::store::Store;
use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

/// How `revdesk contacts` writes its people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContactFormat {
    /// Aligned columns for people (cut to fit only on a terminal).
    Table,
    /// CSV with a header line of snake_case keys.
    Csv,
    /// A JSON array of objects (keys in the README).
    Json,
    /// vCard 4.0 address cards.
    Vcard,
}

/// Parses `YYYY-MM` into the first day of that month.
pub fn month_arg(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shape = b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit());
    let bad = || format!("{s:?} is not a month in the form YYYY-MM");
    if !shape {
        return Err(bad());
    }
    let year: i32 = s[..4].parse().map_err(|_| bad())?;
    let month: u32 = s[5..].parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)
}

/// A progress bar on standard error, drawn only when that is a terminal.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(len: u64, what: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{prefix} [{bar:32}] {pos}/{len} {wide_msg}")
        {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.set_prefix(what.to_string());
        Progress(Some(pb))
    }
    pub fn step(&self, msg: &str) {
        if let Some(pb) = &self.0 {
            pb.set_message(msg.to_string());
            pb.inc(1);
        }
    }
    pub fn done(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}

/// The people as a table for the terminal.
fn contacts_table(people: &[&Person], to_file: bool) -> String {
    stdout_table(
        &headings(&["id", "party", "role", "name", "email", "phone"]),
        &people
            .iter()
            .map(|p| {
                vec![
                    p.id.to_string(),
                    p.party.to_string(),
                    role_label(p.role).to_string(),
                    p.name.to_string(),
                    p.email.as_deref().unwrap_or_default().to_string(),
                    p.phone.as_deref().unwrap_or_default().to_string(),
                ]
            })
            .collect::<Vec<_>>(),
        // E-mail and phone are never cut; a file gets every name whole.
        if to_file { &[] } else { &[0, 0, 0, 32, 0, 0] },
    )
}

/// Runs `report`, `calendar`, `digest` or `contacts`.
pub fn run(store: &Store, command: &Command, as_of: NaiveDate) -> Result<i32> {
    let desk = store.load_desk()?;
    match command {
        Command::Report { out, cluster } => {
            let cluster = chosen(&desk, *cluster, as_of)?;
            let threshold = store.gate_threshold()?;
            let progress = Progress::new(REPORT_FILES.len() as u64, "report");
            let registers = store.load_registers()?;
            let files = write_report_in(
                &desk,
                &registers,
                cluster,
                threshold,
                as_of,
                out,
                &mut |name| progress.step(name),
            );
            progress.done();
            let files = files?;
            eprintln!(
                "wrote the report as at {as_of} (cluster {cluster}) to {}: {}",
                shown(out),
                files
                    .iter()
                    .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok(0)
        }
        Command::Calendar {
            party,
            from,
            to,
            out,
            cluster,
        } => {
            let party = resolve_opt(&desk.parties, "--party", party.as_deref())?;
            let scope = Scope::new(&desk, chosen(&desk, *cluster, as_of)?, as_of);
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                bail!("--from {f} is after --to {t}");
            }
            let write = |w: &mut dyn Write| {
                calendar::write_in(w, &desk, Some(&scope), as_of, party.as_deref(), *from, *to)
            };
            match out {
                Some(path) => {
                    let events = write_private_with(path, |w| Ok(write(w)?))?;
                    eprintln!(
                        "wrote {} ({events} obligations as events, as at {as_of})",
                        shown(path),
                    );
                }
                None => {
                    // On standard output, made inert.
                    let mut text = Vec::new();
                    let events = write(&mut text)?;
                    std::io::stdout()
                        .lock()
                        .write_all(inert(&String::from_utf8_lossy(&text)).as_bytes())?;
                    eprintln!(
                        "wrote {events} obligations as events to standard output (as at {as_of})"
                    );
                }
            }
            Ok(0)
        }
        Command::Digest {
            month,
            out,
            sender,
            send,
            yes,
            cluster,
        } => {
            let month = month.unwrap_or_else(|| as_of.with_day(1).unwrap_or(as_of));
            let scope = Scope::new(&desk, chosen(&desk, *cluster, as_of)?, as_of);
            let how = super::mail::DigestHow {
                out: out.as_deref(),
                sender,
                send: *send,
                yes: *yes,
            };
            super::mail::digest(store, &desk, Some(&scope), month, &how, as_of)
        }
        Command::Contacts {
            party,
            role,
            format,
            vcard: as_vcard,
            out,
        } => {
            let party = resolve_opt(&desk.parties, "--party", party.as_deref())?;
            let format = if *as_vcard {
                eprintln!("revdesk: --vcard is deprecated; use --format vcard");
                ContactFormat::Vcard
            } else {
                *format
            };
            let people = vcard::select(&desk, as_of, party.as_deref(), *role);
            let to_file = out.is_some();
            let write = |w: &mut dyn Write| -> Result<()> {
                match format {
                    ContactFormat::Vcard => vcard::write_cards(w, &desk, &people, as_of)?,
                    ContactFormat::Csv => {
                        w.write_all(&tables::people_csv(&desk, &people, as_of)?)?
                    }
                    ContactFormat::Json => {
                        w.write_all(&tables::people_json(&desk, &people, as_of)?)?
                    }
                    ContactFormat::Table => {
                        w.write_all(contacts_table(&people, to_file).as_bytes())?
                    }
                }
                Ok(())
            };
            match out {
                Some(path) => {
                    write_private_with(path, |w| write(w))?;
                    eprintln!(
                        "wrote {} ({} {} as at {as_of})",
                        shown(path),
                        people.len(),
                        if people.len() == 1 {
                            "person"
                        } else {
                            "people"
                        }
                    );
                }
                // Every format is text; on standard output, made inert.
                None => {
                    let mut bytes = Vec::new();
                    write(&mut bytes)?;
                    std::io::stdout()
                        .lock()
                        .write_all(inert(&String::from_utf8_lossy(&bytes)).as_bytes())?;
                }
            }
            Ok(0)
        }
        _ => bail!("not a report command"),
    }
}

/// The cluster asked for, else the default as at `as_of`.
fn chosen(desk: &Desk, cluster: Option<u32>, as_of: NaiveDate) -> Result<u32> {
    crate::domain::clusters::chosen(desk, cluster, as_of).map_err(anyhow::Error::msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_strict() {
        assert_eq!(
            month_arg("2024-02").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 1).unwrap()
        );
        for bad in [
            "2024-13",
            "2024-2",
            "24-02",
            "2024-02-01",
            "2024/02",
            "",
            "２０２４-02",
        ] {
            assert!(month_arg(bad).is_err(), "{bad}");
        }
    }
}
