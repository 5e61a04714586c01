//! Writing the built-in demo desk: on request, and on the very first start
//! of the app on a machine with no store yet.

use super::{Cli, today};
use crate::demo::{self, scale};
use crate::store::{Mode, Store};
use anyhow::{Result, bail};
use std::path::Path;

/// What the demo is, in the words a newcomer sees.
pub const NOTICE: &str = "demo desk: fictional people on real States; figures as in the \
     secretariat's March 2024 paper as at 2024-02-29";

/// Writes the demo desk (or one `scale` times its size) into `store`.
pub fn write(store: &mut Store, force: bool, scale: usize) -> Result<String> {
    let today = today();
    let started = std::time::Instant::now();
    let (desk, draws, registers) = if scale <= 1 {
        let d = demo::build(today);
        (d.desk, d.draws, d.registers)
    } else {
        let (desk, registers) = scale::build_scaled_with_registers(scale, today);
        (desk, Vec::new(), registers)
    };
    let directory = demo::directory::directory(&desk);
    store.write(|w| {
        w.import(&desk, force)?;
        w.import_registers(&registers, force)?;
        for d in &draws {
            w.record_draw(d)?;
        }
        w.import_directory(&directory)
    })?;
    Ok(format!(
        "wrote the {}{NOTICE} ({} parties, {} reviews, {} people, {} reminders, {} register rows) to {} in {:.1} s",
        if scale > 1 {
            format!("×{scale} synthetic ")
        } else {
            String::new()
        },
        desk.parties.len(),
        desk.reviews.len(),
        desk.people.len(),
        desk.reminders.len(),
        registers.len(),
        super::output::shown(store.path()),
        started.elapsed().as_secs_f64()
    ))
}

pub fn run(cli: &Cli, force: bool, scale: usize) -> Result<i32> {
    if scale == 0 {
        bail!("--scale: a whole number from 1");
    }
    let mut store = super::create(cli)?;
    let msg = write(&mut store, force, scale).map_err(|e| {
        if e.to_string().contains("--replace") {
            anyhow::anyhow!(
                "{} already holds a desk; --force replaces everything in it",
                super::output::shown(store.path())
            )
        } else {
            e
        }
    })?;
    eprintln!("{msg}");
    Ok(0)
}

/// On the first start with no `--db` and no `REVDESK_DB`, when the default
/// store does not exist yet: create it with the demo desk. Returns what was
/// done, for the app's status bar.
pub fn first_start(cli: &Cli, path: &Path) -> Result<Option<String>> {
    let explicit =
        cli.db.is_some() || std::env::var_os("REVDESK_DB").is_some_and(|v| !v.is_empty());
    if explicit || path.exists() || cli.read_only {
        return Ok(None);
    }
    let mut store = Store::open(path, Mode::ReadWrite)?;
    Ok(Some(write(&mut store, false, 1)?))
}
