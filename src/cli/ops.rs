//! Operator commands: backup, check, restore, and the shared-desk set-up.

use super::output::shown;
use super::{Cli, open};
use crate::domain::checks::{ReminderCheck, Severity, findings_of};
use crate::domain::text::sanitize;
use crate::store::{Mode, Store};
use anyhow::{Context, Result, bail};
use std::ffi::CString;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

pub fn backup(store: &Store, file: &Path) -> Result<i32> {
    store.backup_to(file)?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "wrote a consistent copy of {} to {} ({size} bytes)",
        shown(store.path()),
        shown(file)
    );
    Ok(0)
}

pub fn check(store: &Store) -> Result<i32> {
    let mut errors = store.integrity_problems()?;
    // The lean desk: no reminder log (read one reminder at a time below),
    // no names or contact details (no check reads them).
    let desk = store.load_for_rules()?;
    let mut notes = Vec::new();
    let registers = store.load_registers()?;
    for f in findings_of(&desk, &*desk.people, &registers) {
        match f.severity {
            Severity::Error => errors.push(f.message),
            Severity::Note => notes.push(f.message),
        }
    }
    let log = ReminderCheck::new(&desk);
    store.each_reminder_as_logged(|r| {
        errors.extend(log.finding(&r).map(|f| f.message));
        true
    })?;
    for n in &notes {
        println!("note: {}", sanitize(n));
    }
    for e in &errors {
        println!("error: {}", sanitize(e));
    }
    if errors.is_empty() {
        println!(
            "ok: {} passed integrity, foreign-key and desk checks ({} parties, {} reviews, {} people)",
            shown(store.path()),
            desk.parties.len(),
            desk.reviews.len(),
            desk.people.len()
        );
        Ok(0)
    } else {
        println!(
            "{} problem{} found in {}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            shown(store.path())
        );
        Ok(1)
    }
}

pub fn restore(cli: &Cli, file: &Path, yes: bool) -> Result<i32> {
    if !file.exists() {
        bail!("{}: no such file", shown(file));
    }
    if !yes {
        bail!(
            "restore replaces everything in the store with {}; run again with --yes to confirm",
            shown(file)
        );
    }
    // Like import, a restore may make the store: it brings a whole desk.
    let mut store = super::create(cli)?;
    store.restore_from(file)?;
    eprintln!("restored {} from {}", shown(store.path()), shown(file));
    Ok(0)
}

/// `init` without `--shared`: an empty store, owner-only, in a folder
/// made owner-only if missing. An existing store keeps its desk (and is
/// brought to the current schema, as any read-write session does).
pub fn init(cli: &Cli) -> Result<i32> {
    let path = super::store_path(cli)?;
    let shown = sanitize(&path.display().to_string());
    if path.try_exists().unwrap_or(true) {
        let store = open(cli, !cli.read_only)?;
        println!(
            "{shown} already holds a revdesk store ({} parties); its desk was not changed",
            store.load_desk()?.parties.len()
        );
        return Ok(0);
    }
    drop(super::create(cli)?);
    println!("created an empty store at {shown}; fill it with `import FILE`, or try `demo`");
    Ok(0)
}

/// Looks up an OS group by name.
fn group_id(name: &str) -> Result<u32> {
    let c = CString::new(name).context("group name")?;
    // SAFETY: getgrnam takes a NUL-terminated string and returns a pointer
    // to static storage or null; we read one field at once.
    let gr = unsafe { libc::getgrnam(c.as_ptr()) };
    if gr.is_null() {
        bail!("no OS group named {name:?}");
    }
    // SAFETY: non-null pointer returned by getgrnam.
    Ok(unsafe { (*gr).gr_gid })
}

fn chown_group(path: &Path, gid: u32) -> Result<()> {
    let c = CString::new(path.as_os_str().as_encoded_bytes()).context("path")?;
    // SAFETY: a valid C string; uid -1 leaves the owner unchanged.
    let rc = unsafe { libc::chown(c.as_ptr(), u32::MAX, gid) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error())
            .with_context(|| format!("cannot give {} to the group", path.display()));
    }
    Ok(())
}

/// Sets up a desk shared by a staff group: a setgid folder owned by the
/// group (02770) and a store readable and writable by the group (0660);
/// SQLite gives its -wal and -shm files the store's own mode.
pub fn init_shared(db: &Path, group: &str) -> Result<i32> {
    let gid = group_id(group)?;
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", shown(dir)))?;
    chown_group(dir, gid)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o2770))
        .with_context(|| format!("cannot set the mode of {}", shown(dir)))?;
    if !db.exists() {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(db)?;
    }
    chown_group(db, gid)?;
    std::fs::set_permissions(db, std::fs::Permissions::from_mode(0o660))?;
    drop(Store::open(db, Mode::ReadWrite)?);
    for suffix in ["-wal", "-shm"] {
        let side = db.with_file_name(format!(
            "{}{suffix}",
            db.file_name().unwrap_or_default().to_string_lossy()
        ));
        if side.exists() {
            chown_group(&side, gid)?;
            std::fs::set_permissions(&side, std::fs::Permissions::from_mode(0o660))?;
        }
    }
    // Check what was made.
    let d = std::fs::metadata(dir)?;
    let f = std::fs::metadata(db)?;
    let ok =
        d.gid() == gid && d.mode() & 0o2000 != 0 && f.gid() == gid && f.mode() & 0o777 == 0o660;
    if !ok {
        bail!(
            "set-up incomplete: {} or {} lacks the group or mode; is this file system mounted with ownership support?",
            shown(dir),
            shown(db)
        );
    }
    println!(
        "shared desk ready: {} (folder setgid, group {group}), store {} mode 0660.\n\
         Each member runs: revdesk --db {}   (members need umask 007 or stricter group bits kept)",
        shown(dir),
        shown(db),
        shown(db)
    );
    Ok(0)
}
