//! Keeping the data safe: consistent online backups, restore, and the
//! store's own checks.

use super::{Mode, Result, Store, StoreError, schema};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Runs the online backup API with `step(-1)`: every page in one step,
/// retried while another connection holds a lock.
fn copy_all(src: &Connection, dest: &mut Connection) -> Result<()> {
    let backup = Backup::new(src, dest)?;
    let deadline = std::time::Instant::now() + super::BUSY_TIMEOUT;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if std::time::Instant::now() > deadline => return Err(StoreError::Busy),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Copies `src` into the database at `dest` in one step of the online
/// backup API: a single consistent snapshot even while other sessions
/// write (an incremental backup restarted by every commit may never end).
fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    let mut out = Connection::open(dest)?;
    copy_all(src, &mut out)?;
    // A backup is a standalone file: no -wal beside it.
    out.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get::<_, String>(0))?;
    drop(out);
    let f = OpenOptions::new().read(true).open(dest).map_err(io(dest))?;
    f.sync_all().map_err(io(dest))?;
    Ok(())
}

impl Store {
    /// Writes a consistent copy of the store to `dest` (owner-only), which
    /// must not exist yet.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{}: already exists; choose a new file name",
                dest.display()
            )));
        }
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dest)
            .map_err(io(dest))?;
        let result = copy_database(self.conn(), dest);
        if result.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        result
    }

    /// Replaces the whole store with the backup at `src`, after checking
    /// that `src` is a sound revdesk store this version can read.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        if self.mode() == Mode::ReadOnly {
            return Err(StoreError::ReadOnly);
        }
        let backup = Store::open(src, Mode::ReadOnly).map_err(|e| match e {
            StoreError::NeedsMigration(p) => StoreError::Invalid(format!(
                "{}: an older or empty store; open it with revdesk once to upgrade it, then restore",
                p.display()
            )),
            other => other,
        })?;
        let problems = backup.integrity_problems()?;
        if !problems.is_empty() {
            return Err(StoreError::Invalid(format!(
                "{}: damaged, not restored: {}",
                src.display(),
                problems.join("; ")
            )));
        }
        let mut dest = Connection::open(self.path())?;
        dest.busy_timeout(super::BUSY_TIMEOUT)?;
        copy_all(backup.conn(), &mut dest)?;
        drop(dest);
        // The restored file carries the backup's journal mode; WAL again.
        self.conn()
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))?;
        let found = schema::inspect(self.conn())?;
        if found != schema::Found::Revdesk(schema::CURRENT) {
            return Err(StoreError::Invalid(
                "the restored store is not current".into(),
            ));
        }
        self.write(|w| {
            w.audit(
                "restore",
                "desk",
                "*",
                None,
                Some(&serde_json::json!({"from": src.display().to_string()})),
            )
        })?;
        Ok(())
    }
}
