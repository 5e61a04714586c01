//! Commands that read: overdue, stats, export, audit.

use super::output::{Layout, headings, shown, stdout_caps, stdout_table, write_csv};
use super::{TableFormat, TextFormat};
use crate::domain::blocking::Blocking;
use crate::domain::clusters::{self, Scope};
use crate::domain::engine::{self, Settings};
use crate::domain::interchange;
use crate::domain::model::{Desk, Obligation};
use crate::domain::registers;
use crate::domain::stats;
use crate::domain::text::sanitize;
use crate::report::files::CsvRows;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The keys of `revdesk overdue --format csv|json`, in column order.
pub const OVERDUE_KEYS: [&str; 5] = ["review", "party", "obligation", "due", "days_overdue"];

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

/// Overdue obligations as at a date, filtered, in triage order: those of
/// one cluster when a scope is given; those whose debtor can act first,
/// most overdue first within each part; each with the party it waits on.
pub fn overdue_triaged<'a>(
    desk: &'a Desk,
    as_of: NaiveDate,
    party: Option<&str>,
    obligation: Option<Obligation>,
    scope: Option<&Scope>,
) -> Vec<(engine::Item, Option<&'a str>)> {
    let items: Vec<_> = engine::overdue(desk, as_of, Settings::default())
        .into_iter()
        .filter(|i| scope.is_none_or(|s| s.keeps(i)))
        .filter(|i| party.is_none_or(|p| i.party == p))
        .filter(|i| obligation.is_none_or(|o| i.obligation == o))
        .collect();
    Blocking::new(desk, as_of).triage(items)
}

impl OverdueRow {
    fn new((i, waiting_on): &(engine::Item, Option<&str>)) -> OverdueRow {
        OverdueRow {
            review: i.review,
            days_overdue: i.status.days_overdue().unwrap_or(0),
            party: i.party.clone(),
            obligation: i.obligation,
            due: iso(i.due),
            waiting_on: waiting_on.map(str::to_string),
        }
    }
}

/// Runs `revdesk overdue`: each row is made as it is written.
pub fn overdue(
    store: &Store,
    as_of: NaiveDate,
    format: TableFormat,
    party: Option<&str>,
    obligation: Option<Obligation>,
    cluster: Option<u32>,
) -> Result<i32> {
    let desk = store.load_for_deadlines()?;
    let party = super::party_arg::resolve_opt(&desk.parties, "--party", party)?;
    let cluster = clusters::chosen(&desk, cluster, as_of).map_err(anyhow::Error::msg)?;
    let scope = Scope::new(&desk, cluster, as_of);
    let rows = overdue_triaged(&desk, as_of, party.as_deref(), obligation, Some(&scope));
    // One buffer for the whole output: stdout alone flushes every line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        TableFormat::Json => {
            use serde::ser::{SerializeSeq, Serializer};
            let mut ser = serde_json::Serializer::pretty(&mut out);
            let mut seq = ser.serialize_seq(Some(rows.len()))?;
            for r in &rows {
                seq.serialize_element(&OverdueRow::new(r))?;
            }
            seq.end()?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let mut csv = CsvRows::new(&mut out, &OVERDUE_KEYS)?;
            for (i, _) in &rows {
                csv.row(&[
                    i.review.map(|v| v.to_string()).unwrap_or_default(),
                    i.party.clone(),
                    i.obligation.to_string(),
                    iso(i.due),
                    i.status.days_overdue().unwrap_or(0).to_string(),
                ])?;
            }
            csv.finish()?;
        }
        TableFormat::Table => {
            let cells = |(i, _): &(engine::Item, Option<&str>)| {
                [
                    i.party.clone(),
                    desk.party(&i.party)
                        .map(|p| p.name.to_string())
                        .unwrap_or_default(),
                    i.obligation.label().to_string(),
                    i.review
                        .map(|v| format!("#{v}"))
                        .unwrap_or_else(|| "-".into()),
                    iso(i.due),
                    i.status.days_overdue().unwrap_or(0).to_string(),
                ]
            };
            let header = headings(&[
                "party",
                "party_name",
                "obligation",
                "review",
                "due",
                "days_overdue",
            ]);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            // Two passes: the columns are as wide as their widest cell.
            let mut layout = Layout::new(&header, stdout_caps(&[0, 24, 0, 0, 0, 0]));
            for r in &rows {
                layout.measure(&cells(r));
            }
            layout.write_header(&mut out)?;
            for r in &rows {
                layout.write_row(&mut out, &cells(r))?;
            }
            writeln!(
                out,
                "{} obligations overdue as at {as_of} in cluster {cluster}.",
                rows.len()
            )?;
            let waiting = rows.iter().filter(|r| r.1.is_some()).count();
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
        TextFormat::Table | TextFormat::Csv => {
            write_figures(&mut out, format, &serde_json::to_value(&s)?)?
        }
    }
    out.flush()?;
    Ok(0)
}

/// Figures as `figure,value` lines (CSV) or a two-column table: one line
/// per leaf of their JSON, the figure its dotted key.
pub fn write_figures(
    out: &mut impl Write,
    format: TextFormat,
    figures: &serde_json::Value,
) -> Result<()> {
    let mut rows = Vec::new();
    flatten("", figures, &mut rows);
    if format == TextFormat::Csv {
        write_csv(out, &["figure", "value"], &rows)?;
    } else {
        let header = headings(&["figure", "value"]);
        write!(out, "{}", stdout_table(&header, &rows, &[]))?;
    }
    Ok(())
}

/// Every leaf of a JSON value as `[dotted.key, value]`, by key.
fn flatten(prefix: &str, v: &serde_json::Value, rows: &mut Vec<Vec<String>>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| flatten(&key(k), v, rows)),
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(&key(&i.to_string()), v, rows)),
        serde_json::Value::String(t) => rows.push(vec![prefix.to_string(), t.clone()]),
        serde_json::Value::Null => rows.push(vec![prefix.to_string(), String::new()]),
        other => rows.push(vec![prefix.to_string(), other.to_string()]),
    }
}

/// Writes the document through a buffer as it is serialised: the JSON text
/// is never held whole, and the desk is dropped once copied into it.
pub fn export(store: &Store, out: Option<&Path>) -> Result<i32> {
    let desk = store.load_desk()?;
    let history = interchange::History {
        cluster_starts: store.cluster_starts()?,
        draws: store.draws()?,
        registers: store.load_registers()?,
        directory: store.directory()?,
    };
    let (parties, reviews, draws) = (desk.parties.len(), desk.reviews.len(), history.draws.len());
    let doc = interchange::document_with(&desk, &history);
    drop(desk);
    drop(history);
    let write = |w: &mut dyn Write| -> Result<()> {
        serde_json::to_writer_pretty(&mut *w, &doc)?;
        w.write_all(b"\n")?;
        Ok(())
    };
    match out {
        Some(path) => {
            crate::report::write_private_with(path, |w| write(w))?;
            eprintln!(
                "wrote {} ({parties} parties, {reviews} reviews, {draws} draws)",
                shown(path),
            );
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut w)?;
            w.flush()?;
        }
    }
    Ok(0)
}

/// One entry of `revdesk audit --format json`: before and after are the
/// records themselves, not strings.
#[derive(Debug, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub os_user: String,
    pub action: String,
    pub entity: String,
    pub key: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The keys of `revdesk audit --format csv|json`, in column order.
pub const AUDIT_KEYS: [&str; 8] = [
    "id", "at", "os_user", "action", "entity", "key", "before", "after",
];

/// A stored before or after as JSON; text that is not JSON stays a string.
fn json_or_text(s: &Option<String>) -> Option<serde_json::Value> {
    s.as_deref().map(|t| {
        serde_json::from_str(t).unwrap_or_else(|_| serde_json::Value::String(t.to_string()))
    })
}

pub fn audit(
    store: &Store,
    record: Option<&str>,
    related: bool,
    limit: usize,
    format: TableFormat,
) -> Result<i32> {
    let filter = match record {
        Some(r) => match r.split_once(':') {
            Some((e, k)) => Some((e, k)),
            None => anyhow::bail!("--record: expected ENTITY:KEY, e.g. review:12 or person:40"),
        },
        None => None,
    };
    // A party's record is keyed by its code: `party:aut` is party:AUT.
    let party = match filter {
        Some(("party", k)) => Some(super::party_arg::resolve(&store.parties()?, "--record", k)?),
        _ => None,
    };
    let filter = match (&party, filter) {
        (Some(code), Some((e, _))) => Some((e, code.as_str())),
        (_, f) => f,
    };
    let entries = match (related, filter) {
        (false, f) => store.audit_trail(f, limit)?,
        (true, Some(("party", code))) => store.audit_of_party(code, limit)?,
        (true, Some(("review", id))) => match id.parse() {
            Ok(id) => store.audit_of_review(id, limit)?,
            Err(_) => anyhow::bail!("--record: review:{id} is not a review number"),
        },
        (true, _) => anyhow::bail!("--related: only with --record party:CODE or review:ID"),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        TableFormat::Json => {
            let rows: Vec<AuditRow> = entries
                .iter()
                .map(|e| AuditRow {
                    id: e.id,
                    at: e.at.clone(),
                    os_user: e.os_user.clone(),
                    action: e.action.clone(),
                    entity: e.entity.clone(),
                    key: e.key.clone(),
                    before: json_or_text(&e.before),
                    after: json_or_text(&e.after),
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        e.at.clone(),
                        e.os_user.clone(),
                        e.action.clone(),
                        e.entity.clone(),
                        e.key.clone(),
                        e.before.clone().unwrap_or_default(),
                        e.after.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            write_csv(&mut out, &AUDIT_KEYS, &rows)?;
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.at.clone(),
                        e.os_user.clone(),
                        e.action.clone(),
                        format!("{}:{}", e.entity, e.key),
                        match (&e.after, &e.before) {
                            (Some(a), _) => a.clone(),
                            (None, Some(b)) => format!("(was) {b}"),
                            (None, None) => String::new(),
                        },
                    ]
                })
                .collect();
            let mut header = headings(&["at", "os_user", "action"]);
            header.extend(["RECORD".to_string(), "AFTER".to_string()]);
            write!(out, "{}", stdout_table(&header, &rows, &[0, 12, 0, 0, 80]))?;
        }
    }
    out.flush()?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_flatten_to_dotted_keys() {
        let v = serde_json::json!({"as_of": "2024-02-29", "reviews": {"total": 3, "by_group": {"1": 2}},
            "none": null, "list": [true]});
        let mut rows = Vec::new();
        flatten("", &v, &mut rows);
        let rows: Vec<(String, String)> = rows
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let want = [
            ("as_of", "2024-02-29"),
            ("list.0", "true"),
            ("none", ""),
            ("reviews.by_group.1", "2"),
            ("reviews.total", "3"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(rows, want);
    }

    #[test]
    fn audit_values_are_json_when_they_can_be() {
        assert_eq!(
            json_or_text(&Some(r#"{"a":[1,2]}"#.into())),
            Some(serde_json::json!({"a": [1, 2]}))
        );
        assert_eq!(
            json_or_text(&Some("x".into())),
            Some(serde_json::json!("x"))
        );
        assert_eq!(json_or_text(&None), None);
    }
}
