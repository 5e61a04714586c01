//! Commands that read: overdue, stats, export, audit.

use super::output::{
    Layout, csv_cell, headings, stdout_caps, stdout_table, table_cell, table_line, widen, write_csv,
};
use super::{TableFormat, TextFormat};
use crate::domain::blocking::Blocking;
use crate::domain::clusters::{self, Scope};
use crate::domain::engine::{self, Settings};
use crate::domain::model::{Desk, Obligation};
use crate::domain::registers;
use crate::domain::roster::People;
use crate::domain::stats;
use crate::domain::text::sanitize;
use crate::report::files::CsvRows;
use crate::store::{AuditEntry, Store};
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

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
/// Held as the engine's entries, each made an item as it is written.
pub struct Overdue<'a> {
    kept: engine::Kept<'a>,
    blocking: Blocking<'a>,
}

impl<'a> Overdue<'a> {
    pub fn new(
        desk: &'a Desk,
        people: &(impl People + ?Sized),
        as_of: NaiveDate,
        party: Option<&str>,
        obligation: Option<Obligation>,
        scope: Option<&Scope>,
    ) -> Overdue<'a> {
        let mut kept = engine::kept_with(desk, people, as_of, Settings::default(), |i| {
            i.status.days_overdue().is_some()
                && scope.is_none_or(|s| s.keeps(i))
                && party.is_none_or(|p| i.party == p)
                && obligation.is_none_or(|o| i.obligation == o)
        });
        kept.sort_for_triage();
        let blocking = Blocking::new(desk, as_of);
        // Those whose debtor can act first; a stable sort keeps each part's order.
        let mut entries = std::mem::take(&mut kept.entries);
        entries.sort_by_cached_key(|e| blocking.waiting_on(&kept.item(e)).is_some());
        kept.entries = entries;
        Overdue { kept, blocking }
    }

    pub fn len(&self) -> usize {
        self.kept.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.entries.is_empty()
    }

    /// Each obligation in order, with the party it waits on.
    pub fn each<E>(
        &self,
        mut f: impl FnMut(&engine::Item, Option<&'a str>) -> Result<(), E>,
    ) -> Result<(), E> {
        for e in &self.kept.entries {
            let i = self.kept.item(e);
            f(&i, self.blocking.waiting_on(&i))?;
        }
        Ok(())
    }
}

impl OverdueRow {
    fn new(i: &engine::Item, waiting_on: Option<&str>) -> OverdueRow {
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
    let desk = store.load_for_rules()?;
    let party = super::party_arg::resolve_opt(&desk.parties, "--party", party)?;
    let cluster = clusters::chosen(&desk, cluster, as_of).map_err(anyhow::Error::msg)?;
    let scope = Scope::new(&desk, cluster, as_of);
    let rows = Overdue::new(
        desk.desk(),
        &*desk.people,
        as_of,
        party.as_deref(),
        obligation,
        Some(&scope),
    );
    // One buffer for the whole output: stdout alone flushes every line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        TableFormat::Json => {
            use serde::ser::{SerializeSeq, Serializer};
            let mut ser = serde_json::Serializer::pretty(&mut out);
            let mut seq = ser.serialize_seq(Some(rows.len()))?;
            rows.each(|i, w| seq.serialize_element(&OverdueRow::new(i, w)))?;
            seq.end()?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let mut csv = CsvRows::new(&mut out, &OVERDUE_KEYS)?;
            rows.each(|i, _| {
                csv.row(&[
                    i.review.map(|v| v.to_string()).unwrap_or_default(),
                    i.party.clone(),
                    i.obligation.to_string(),
                    iso(i.due),
                    i.status.days_overdue().unwrap_or(0).to_string(),
                ])
            })?;
            csv.finish()?;
        }
        TableFormat::Table => {
            let cells = |i: &engine::Item| {
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
            let mut waiting = 0;
            rows.each(|i, w| {
                layout.measure(&cells(i));
                waiting += usize::from(w.is_some());
                Ok::<_, anyhow::Error>(())
            })?;
            layout.write_header(&mut out)?;
            rows.each(|i, _| layout.write_row(&mut out, &cells(i)))?;
            writeln!(
                out,
                "{} obligations overdue as at {as_of} in cluster {cluster}.",
                rows.len()
            )?;
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
    let desk = store.load_for_rules()?;
    let cluster = clusters::chosen(&desk, cluster, as_of).map_err(anyhow::Error::msg)?;
    let threshold = store.gate_threshold()?;
    let s = stats::compute_in(&desk, &*desk.people, cluster, threshold, as_of);
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
    // The trail of one record and what hangs on it is short: read whole.
    let related = match (related, filter) {
        (false, _) => None,
        (true, Some(("party", code))) => Some(store.audit_of_party(code, limit)?),
        (true, Some(("review", id))) => match id.parse() {
            Ok(id) => Some(store.audit_of_review(id, limit)?),
            Err(_) => anyhow::bail!("--record: review:{id} is not a review number"),
        },
        (true, _) => anyhow::bail!("--related: only with --record party:CODE or review:ID"),
    };
    let trail = |f: &mut dyn FnMut(AuditEntry) -> bool| -> crate::store::Result<()> {
        match &related {
            None => store.each_audit(filter, limit, f),
            Some(entries) => {
                for e in entries {
                    if !f(e.clone()) {
                        break;
                    }
                }
                Ok(())
            }
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    store.snapshot(|| match format {
        TableFormat::Json => audit_json(&trail, &mut out),
        TableFormat::Csv => audit_csv(&trail, &mut out),
        TableFormat::Table => audit_table(&trail, &mut out),
    })?;
    out.flush()?;
    Ok(0)
}

/// Reads an audit trail, calling its argument with each entry, newest
/// first, until that returns `false`.
type Trail<'a> = dyn Fn(&mut dyn FnMut(AuditEntry) -> bool) -> crate::store::Result<()> + 'a;

/// A record's entry for the JSON form.
fn audit_row(e: AuditEntry) -> AuditRow {
    AuditRow {
        before: json_or_text(&e.before),
        after: json_or_text(&e.after),
        id: e.id,
        at: e.at,
        os_user: e.os_user,
        action: e.action,
        entity: e.entity,
        key: e.key,
    }
}

/// The trail as a JSON array, each entry written as it is read.
fn audit_json(trail: &Trail<'_>, out: &mut impl Write) -> Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    let mut seq = ser.serialize_seq(None)?;
    let mut failed = None;
    trail(&mut |e| match seq.serialize_element(&audit_row(e)) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    seq.end()?;
    writeln!(out)?;
    Ok(())
}

/// The trail as CSV, a line per entry as it is read.
fn audit_csv(trail: &Trail<'_>, out: &mut impl Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(&mut *out);
    w.write_record(AUDIT_KEYS)?;
    let mut failed = None;
    trail(&mut |e| {
        let id = e.id.to_string();
        let cells = [
            id.as_str(),
            &e.at,
            &e.os_user,
            &e.action,
            &e.entity,
            &e.key,
            e.before.as_deref().unwrap_or_default(),
            e.after.as_deref().unwrap_or_default(),
        ];
        match w.write_record(cells.iter().map(|c| csv_cell(c))) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    w.flush()?;
    Ok(())
}

/// The cells of an entry in the table: when, who, what, the record, and
/// the record after (or before, when it went).
fn audit_cells(e: &AuditEntry, caps: &[usize]) -> Vec<String> {
    let after = match (&e.after, &e.before) {
        (Some(a), _) => a.clone(),
        (None, Some(b)) => format!("(was) {b}"),
        (None, None) => String::new(),
    };
    [
        e.at.as_str(),
        &e.os_user,
        &e.action,
        &format!("{}:{}", e.entity, e.key),
        &after,
    ]
    .iter()
    .enumerate()
    .map(|(i, c)| table_cell(c, caps.get(i).copied().unwrap_or(0)))
    .collect()
}

/// The trail as an aligned table: read once to measure the columns and
/// once to write the lines, so no more than one entry is held.
fn audit_table(trail: &Trail<'_>, out: &mut impl Write) -> Result<()> {
    let caps = stdout_caps(&[0, 12, 0, 0, 80]);
    let mut header = headings(&["at", "os_user", "action"]);
    header.extend(["RECORD".to_string(), "AFTER".to_string()]);
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    trail(&mut |e| {
        widen(&mut widths, &audit_cells(&e, caps));
        true
    })?;
    writeln!(out, "{}", table_line(&header, &widths))?;
    let mut failed = None;
    trail(
        &mut |e| match writeln!(out, "{}", table_line(&audit_cells(&e, caps), &widths)) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        },
    )?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
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
