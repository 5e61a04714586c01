//! `revdesk pace`: how long each step takes and when the gate will open at
//! the current pace (docs/pace.md).

use super::TextFormat;
use crate::domain::clusters;
use crate::domain::pace;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

pub fn run(
    store: &Store,
    as_of: NaiveDate,
    cluster: Option<u32>,
    format: TextFormat,
) -> Result<i32> {
    let desk = store.load_for_rules()?;
    let cluster = clusters::chosen(&desk, cluster, as_of).map_err(anyhow::Error::msg)?;
    let threshold = store.gate_threshold()?;
    let p = pace::pace(&desk, &*desk.people, as_of, cluster, threshold);
    // One buffer for the whole output: stdout alone flushes every line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        TextFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &p)?;
            writeln!(out)?;
        }
        TextFormat::Table | TextFormat::Csv => {
            super::query::write_figures(&mut out, format, &serde_json::to_value(&p)?)?
        }
        TextFormat::Text => {
            writeln!(
                out,
                "Pace of cluster {} as at {}, from every review started by then:\n",
                p.cluster,
                as_of.format("%-d %B %Y")
            )?;
            for s in p.sentences() {
                writeln!(out, "{s}\n")?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}
