//! Reports for people outside the desk: the background paper's figures
//! (`report`), deadlines for a calendar (`calendar`), a monthly message per
//! focal point (`digest`) and address cards (`contacts`).
//!
//! Every file is written owner-only; folders are created as needed. On a
//! terminal, long work shows a progress bar on standard error; each command
//! ends by saying what it wrote and where, on standard error.

use super::Command;
use super::output::{InertLines, Layout, headings, shown, stdout_caps};
use super::party_arg::resolve_opt;
use crate::domain::clusters::Scope;
use crate::domain::model::{Desk, Person, Role};
use crate::report::files::CsvRows;
use crate::report::lookup::Lookup;
use crate::report::{
    REPORT_FILES, ReadApart, calendar, role_label, tables, vcard, write_private_with,
    write_report_of,
};
use crate::store::Store;
use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::Path;

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

/// Runs `report`, `calendar`, `digest` or `contacts`.
pub fn run(store: &Store, command: &Command, as_of: NaiveDate) -> Result<i32> {
    match command {
        Command::Report { out, cluster } => {
            // No reminder log (its tallies are read apart), people's facts
            // alone (the focal points' details are streamed into their file).
            let desk = store.load_for_rules()?;
            let cluster = chosen(&desk, *cluster, as_of)?;
            let threshold = store.gate_threshold()?;
            let progress = Progress::new(REPORT_FILES.len() as u64, "report");
            let registers = store.load_registers()?;
            let ids: std::collections::HashSet<i64> = desk
                .reviews
                .iter()
                .filter(|r| r.cluster == cluster)
                .map(|r| r.id)
                .collect();
            let tallies =
                store.tally_reminders_where(as_of, |r| r.is_none_or(|id| ids.contains(&id)))?;
            let focal_points = |f: &mut dyn FnMut(&Person) -> Result<()>| {
                store.for_each_focal_point(as_of, |p| f(p))
            };
            let apart = ReadApart {
                registers: &registers,
                tallies,
                focal_points: &focal_points,
            };
            let files = write_report_of(desk, apart, cluster, threshold, as_of, out, &mut |name| {
                progress.step(name)
            });
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
            // No reminder log (its tallies are read apart), no names or
            // contact details of people: the calendar shows neither.
            let desk = store.load_for_rules()?;
            let party = resolve_opt(&desk.parties, "--party", party.as_deref())?;
            let scope = Scope::new(&desk, chosen(&desk, *cluster, as_of)?, as_of);
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                bail!("--from {f} is after --to {t}");
            }
            let tallies = store.tally_reminders_asked(as_of, |id| scope.has_review(id))?;
            let l = Lookup::with_people(desk.desk(), &desk.people, as_of, tallies);
            let write = |w: &mut dyn Write| {
                calendar::write_with(w, &l, Some(&scope), party.as_deref(), *from, *to)
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
                    let mut w = InertLines::new(std::io::BufWriter::new(std::io::stdout().lock()));
                    let events = write(&mut w)?;
                    w.finish()?;
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
            // A digest tells of the month's reminders only.
            let month_end = crate::domain::periods::months_end(month, 1);
            let (desk, rules) = store.load_for_digest_named(month, month_end.min(as_of))?;
            let scope = Scope::new(&desk, chosen(&desk, *cluster, as_of)?, as_of);
            let how = super::mail::DigestHow {
                out: out.as_deref(),
                sender,
                send: *send,
                yes: *yes,
            };
            let desk = (&desk, Some(&rules));
            super::mail::digest(store, desk, Some(&scope), month, &how, as_of)
        }
        Command::Contacts {
            party,
            role,
            format,
            vcard: as_vcard,
            out,
        } => {
            let format = if *as_vcard {
                eprintln!("revdesk: --vcard is deprecated; use --format vcard");
                ContactFormat::Vcard
            } else {
                *format
            };
            let ask = Contacts {
                party: party.as_deref(),
                role: *role,
                format,
            };
            contacts(store, &ask, out.as_deref(), as_of)
        }
        _ => bail!("not a report command"),
    }
}

/// The cluster asked for, else the default as at `as_of`.
fn chosen(desk: &Desk, cluster: Option<u32>, as_of: NaiveDate) -> Result<u32> {
    crate::domain::clusters::chosen(desk, cluster, as_of).map_err(anyhow::Error::msg)
}

/// What `revdesk contacts` was asked for.
struct Contacts<'a> {
    party: Option<&'a str>,
    role: Option<Role>,
    format: ContactFormat,
}

/// Runs `revdesk contacts`: the people are read from the store in the
/// order listed and written as each is read, never held together.
fn contacts(
    store: &Store,
    ask: &Contacts<'_>,
    out: Option<&Path>,
    as_of: NaiveDate,
) -> Result<i32> {
    let desk = store.load_for_listing()?;
    let party = resolve_opt(&desk.parties, "--party", ask.party)?;
    let l = Lookup::new(&desk, as_of);
    let ask = Contacts {
        party: party.as_deref(),
        ..*ask
    };
    match out {
        Some(path) => {
            let n = write_private_with(path, |w| write_contacts(store, &l, &ask, w, true))?;
            eprintln!(
                "wrote {} ({n} {} as at {as_of})",
                shown(path),
                if n == 1 { "person" } else { "people" }
            );
        }
        // Every format is text; on standard output, made inert.
        None => {
            let mut w = InertLines::new(std::io::BufWriter::new(std::io::stdout().lock()));
            write_contacts(store, &l, &ask, &mut w, false)?;
            w.finish()?;
        }
    }
    Ok(0)
}

/// Writes the people chosen in the format asked; returns how many.
fn write_contacts(
    store: &Store,
    l: &Lookup<'_>,
    ask: &Contacts<'_>,
    w: &mut dyn Write,
    to_file: bool,
) -> Result<usize> {
    let as_of = l.as_of;
    let n = std::cell::Cell::new(0);
    let each = |f: &mut dyn FnMut(&Person) -> Result<()>| {
        store.for_each_current_person(as_of, ask.party, ask.role, |p| {
            n.set(n.get() + 1);
            f(p)
        })
    };
    match ask.format {
        ContactFormat::Vcard => each(&mut |p| Ok(w.write_all(vcard::card(l, p).as_bytes())?))?,
        ContactFormat::Csv => {
            let mut csv = CsvRows::new(&mut *w, &tables::people_csv_header())?;
            each(&mut |p| csv.row(&tables::person_csv_row(l, p, as_of)))?;
            csv.finish()?;
        }
        ContactFormat::Json => {
            use serde::ser::{SerializeSeq, Serializer};
            let mut ser = serde_json::Serializer::pretty(&mut *w);
            let mut seq = ser.serialize_seq(None)?;
            each(&mut |p| Ok(seq.serialize_element(&tables::PersonRecord::new(l, p, as_of))?))?;
            seq.end()?;
            w.write_all(b"\n")?;
        }
        ContactFormat::Table => {
            // Two passes: the columns are as wide as their widest cell.
            let caps: &[usize] = if to_file {
                &[]
            } else {
                stdout_caps(&[0, 0, 0, 32, 0, 0])
            };
            let keys = headings(&["id", "party", "role", "name", "email", "phone"]);
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let mut layout = Layout::new(&keys, caps);
            each(&mut |p| {
                layout.measure(&contact_cells(p));
                Ok(())
            })?;
            n.set(0);
            layout.write_header(w)?;
            each(&mut |p| Ok(layout.write_row(w, &contact_cells(p))?))?;
        }
    }
    Ok(n.get())
}

/// A person's row of `revdesk contacts` as a table.
fn contact_cells(p: &Person) -> [String; 6] {
    [
        p.id.to_string(),
        p.party.to_string(),
        role_label(p.role).to_string(),
        p.name.to_string(),
        p.email.as_deref().unwrap_or_default().to_string(),
        p.phone.as_deref().unwrap_or_default().to_string(),
    ]
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
