//! `revdesk site`: the public country profiles as static pages.

use crate::report::site::write_site;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::Path;

pub fn run(store: &Store, out: &Path, as_of: NaiveDate, cluster: Option<u32>) -> Result<i32> {
    // No reminder log, no names or contact details: a page shows none.
    let desk = store.load_for_rules()?;
    let reg = store.load_registers()?;
    let threshold = store.gate_threshold()?;
    let written = write_site(desk, &reg, as_of, cluster, threshold, out)?;
    eprintln!(
        "wrote the site as at {as_of} into {}: index.html, style.css and {} party pages",
        out.display(),
        written.len().saturating_sub(2)
    );
    Ok(0)
}
