//! Commands that read: overdue, stats, export, audit.

use super::output::{create_private, shown, table, write_csv};
use super::{TableFormat, TextFormat};
use crate::domain::blocking::Blocking;
use crate::domain::clusters::{self, Scope};
use crate::domain::engine::{self, Settings};
use crate::domain::interchange;
use crate::domain::model::{Desk, Obligation};
use crate::domain::registers;
use crate::domain::stats;
use crate::domain::text::sanitize;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One row of `revdesk overdue --format json`.
#[derive(Debug, Serialize)]
pub struct OverdueRow {
    pub review: Option<i64>,
    pub party: String,
    pub obligation: Obligation,
    pub due: String,
    pub days_overdue: i64,
    /// The party the debtor waits on before it can act (DESIGN.md
    /// section 6), or null when it can act now.
    pub waiting_on: Option<String>,
}

/// `YYYY-MM-DD` without going through chrono's general formatter, which
/// dominates when a hundred thousand rows are printed.
pub fn iso(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Overdue rows as at a date, filtered, in triage order: those of one
/// cluster when a scope is given; those whose debtor can act first, most
/// overdue first within each part.
pub fn overdue_rows(
    desk: &Desk,
    as_of: NaiveDate,
    party: Option<&str>,
    obligation: Option<Obligation>,
    scope: Option<&Scope>,
) -> Vec<OverdueRow> {
    let items: Vec<_> = engine::overdue(desk, as_of, Settings::default())
        .into_iter()
        .filter(|i| scope.is_none_or(|s| s.keeps(i)))
        .filter(|i| party.is_none_or(|p| i.party == p))
        .filter(|i| obligation.is_none_or(|o| i.obligation == o))
        .collect();
    Blocking::new(desk, as_of)
        .triage(items)
        .into_iter()
        .map(|(i, waiting_on)| OverdueRow {
            review: i.review,
            days_overdue: i.status.days_overdue().unwrap_or(0),
            party: i.party,
            obligation: i.obligation,
            due: iso(i.due),
            waiting_on: waiting_on.map(str::to_string),
        })
        .collect()
}

pub fn overdue(
    store: &Store,
    as_of: NaiveDate,
    format: TableFormat,
    party: Option<&str>,
    obligation: Option<Obligation>,
    cluster: Option<u32>,
) -> Result<i32> {
    let desk = store.load_for_deadlines()?;
    if let Some(p) = party
        && desk.party(p).is_none()
    {
        anyhow::bail!("--party: unknown party {p:?}");
    }
    let cluster = clusters::chosen(&desk, cluster, as_of).map_err(anyhow::Error::msg)?;
    let scope = Scope::new(&desk, cluster, as_of);
    let rows = overdue_rows(&desk, as_of, party, obligation, Some(&scope));
    // One buffer for the whole output: stdout alone flushes every line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.review.map(|v| v.to_string()).unwrap_or_default(),
                        r.party.clone(),
                        r.obligation.to_string(),
                        r.due.clone(),
                        r.days_overdue.to_string(),
                    ]
                })
                .collect();
            write_csv(
                &mut out,
                &["review", "party", "obligation", "due", "days_overdue"],
                &cells,
            )?;
        }
        TableFormat::Table => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.party.clone(),
                        desk.party(&r.party)
                            .map(|p| p.name.to_string())
                            .unwrap_or_default(),
                        r.obligation.to_string(),
                        r.review
                            .map(|v| format!("#{v}"))
                            .unwrap_or_else(|| "-".into()),
                        r.due.clone(),
                        r.days_overdue.to_string(),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                table(
                    &["PARTY", "NAME", "OBLIGATION", "REVIEW", "DUE", "DAYS"],
                    &cells,
                    &[0, 24, 0, 0, 0, 0]
                )
            )?;
            writeln!(
                out,
                "{} obligations overdue as at {as_of} in cluster {cluster}.",
                rows.len()
            )?;
            let waiting = rows.iter().filter(|r| r.waiting_on.is_some()).count();
            if waiting > 0 {
                writeln!(
                    out,
                    "{waiting} of them wait on another party first (listed last; see --format json)."
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

pub fn stats(
    store: &Store,
    as_of: NaiveDate,
    format: TextFormat,
    cluster: Option<u32>,
) -> Result<i32> {
    let desk = store.load_for_deadlines()?;
    let cluster = clusters::chosen(&desk, cluster, as_of).map_err(anyhow::Error::msg)?;
    let threshold = store.gate_threshold()?;
    let s = stats::compute_in(&desk, desk.people.as_slice(), cluster, threshold, as_of);
    let registers = registers::figures(&store.load_registers()?, as_of);
    // One buffer for the whole output: stdout alone flushes every line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        TextFormat::Json => {
            let mut json = serde_json::to_value(&s)?;
            registers.add_to(&mut json);
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        TextFormat::Text => {
            let paragraphs = s.paragraphs().into_iter().chain(registers.paragraphs());
            for (i, p) in paragraphs.enumerate() {
                writeln!(out, "{}. {}\n", i + 1, sanitize(&p))?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

pub fn export(store: &Store, out: Option<&Path>) -> Result<i32> {
    let desk = store.load_desk()?;
    let history = interchange::History {
        cluster_starts: store.cluster_starts()?,
        draws: store.draws()?,
        registers: store.load_registers()?,
        directory: store.directory()?,
    };
    let json = interchange::to_json_with(&desk, &history);
    match out {
        Some(path) => {
            let mut f = create_private(path)?;
            f.write_all(json.as_bytes())?;
            f.sync_all()?;
            eprintln!(
                "wrote {} ({} parties, {} reviews, {} draws)",
                shown(path),
                desk.parties.len(),
                desk.reviews.len(),
                history.draws.len()
            );
        }
        None => std::io::stdout().lock().write_all(json.as_bytes())?,
    }
    Ok(0)
}

pub fn audit(store: &Store, record: Option<&str>, limit: usize) -> Result<i32> {
    let filter = match record {
        Some(r) => match r.split_once(':') {
            Some((e, k)) => Some((e, k)),
            None => anyhow::bail!("--record: expected ENTITY:KEY, e.g. review:12 or person:40"),
        },
        None => None,
    };
    let entries = store.audit_trail(filter, limit)?;
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.at.clone(),
                e.os_user.clone(),
                e.action.clone(),
                format!("{}:{}", e.entity, e.key),
                e.after
                    .clone()
                    .or_else(|| e.before.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &["WHEN", "WHO", "ACTION", "RECORD", "AFTER"],
            &rows,
            &[0, 12, 0, 0, 80]
        )
    );
    Ok(0)
}
