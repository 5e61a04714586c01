//! The SQLite store: opening and migrating, loading the desk, and every
//! write as one `BEGIN IMMEDIATE` transaction with its audit entry.

pub mod accession;
pub mod assistance;
pub mod audit;
pub mod clusters;
pub mod config;
pub mod directory;
pub mod documents;
pub mod draws;
pub mod edits;
pub mod export;
pub mod extensions;
pub mod ids;
pub mod import;
pub mod load;
pub mod needs;
pub mod ops;
pub mod parties;
pub mod pending;
pub mod people;
pub mod register_rows;
pub mod registers;
pub mod reminders;
pub mod reviews;
mod row;
pub mod schema;
pub mod scopes;
pub mod sent;
pub mod training;
pub mod translation;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use audit::AuditEntry;

/// How long a write waits for another session's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: not a SQLite database (or the file is damaged)")]
    NotADatabase(PathBuf),
    #[error("{0}: not a revdesk store (a SQLite database of another application)")]
    Foreign(PathBuf),
    #[error(
        "{path}: written by a newer revdesk (schema version {found}; this revdesk knows up to {known}); upgrade revdesk, the file was not touched"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{0}: the store needs an upgrade, which a read-only session cannot do; open it once read-write"
    )]
    NeedsMigration(PathBuf),
    #[error("{0}: no such store")]
    Missing(PathBuf),
    #[error("the store is read-only in this session")]
    ReadOnly,
    #[error("the store is busy: another session held its lock for more than {} s; nothing was written, try again", BUSY_TIMEOUT.as_secs())]
    Busy,
    #[error("the disk is full: nothing was written")]
    Full,
    #[error("the store is damaged ({0}); restore a backup (`revdesk restore FILE`)")]
    Damaged(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{what} {key} was changed by {by} at {at} since you opened it; nothing was written")]
    Conflict {
        what: &'static str,
        key: String,
        by: String,
        at: String,
    },
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::Full,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Damaged(e.to_string())
            }
            Some(ErrorCode::ConstraintViolation) => {
                StoreError::Invalid(format!("refused by the store's rules: {e}"))
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How a session opens the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create the file (and its folders) if missing, migrate if older.
    ReadWrite,
    /// Never write; the store must exist and be current.
    ReadOnly,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    mode: Mode,
    user: String,
}

/// A URI that opens `path` as immutable (no locks, no WAL index).
fn immutable_uri(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in abs.as_os_str().as_encoded_bytes() {
        match b {
            b'?' | b'#' | b'%' | 0x80.. => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(char::from(*b)),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether this process may write `path` (and so its journal beside it).
fn writable(path: &Path) -> bool {
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    // SAFETY: access reads a valid NUL-terminated path.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// Process-wide SQLite settings, made before any connection opens (call
/// it first in `main`, while there is one thread): no memory statistics,
/// which revdesk never reads and which take a lock on every allocation.
pub fn configure_sqlite() {
    // SAFETY: sqlite3_config before SQLite is initialised, on the only
    // thread; once initialised it refuses (SQLITE_MISUSE) and changes
    // nothing.
    unsafe {
        rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
    }
}

/// The OS user a change is recorded under.
pub fn os_user() -> String {
    for var in ["USER", "LOGNAME"] {
        if let Ok(u) = std::env::var(var)
            && !u.is_empty()
        {
            return u;
        }
    }
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: zeroed passwd is a valid out-parameter for getpwuid_r.
    let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; buf outlives the read.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc == 0 && !result.is_null() && !pw.pw_name.is_null() {
        // SAFETY: getpwuid_r succeeded, so pw_name is a NUL-terminated string in buf.
        let name = unsafe { std::ffi::CStr::from_ptr(pw.pw_name) };
        return name.to_string_lossy().into_owned();
    }
    format!("uid {uid}")
}

impl Store {
    /// Opens (and for read-write, creates and migrates) the store at `path`.
    pub fn open(path: &Path, mode: Mode) -> Result<Store> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let exists = path.exists();
        if !exists && mode == Mode::ReadOnly {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        if path.is_dir() {
            return Err(StoreError::Invalid(format!(
                "{}: is a folder, not a store file",
                path.display()
            )));
        }
        if !exists {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(parent)
                    .map_err(io)?;
            }
            // Created 0600 before SQLite sees it: its -wal and -shm files
            // take the store's mode.
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .map_err(io)?;
        }
        // A file this user cannot write opens read-only, with a clear
        // message on the first edit instead of a failure half way.
        let mode = if mode == Mode::ReadWrite && !writable(path) {
            Mode::ReadOnly
        } else {
            mode
        };
        let flags = match mode {
            Mode::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Mode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
            Some(rusqlite::ErrorCode::CannotOpen) => StoreError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other("cannot open the file"),
            },
            _ => StoreError::from(e),
        };
        let connect =
            |target: &Path, flags: OpenFlags| -> rusqlite::Result<(Connection, schema::Found)> {
                let conn = Connection::open_with_flags(target, flags)?;
                conn.busy_timeout(BUSY_TIMEOUT)?;
                conn.pragma_update(None, "foreign_keys", true)?;
                let found = schema::inspect(&conn)?;
                Ok((conn, found))
            };
        let (mut conn, found) = match connect(path, flags) {
            // A reader who may not create the WAL index beside the store
            // (a folder it cannot write) still reads it, as immutable.
            Err(e)
                if mode == Mode::ReadOnly
                    && matches!(
                        e.sqlite_error_code(),
                        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                    ) =>
            {
                connect(Path::new(&immutable_uri(path)), flags).map_err(not_db)?
            }
            other => other.map_err(not_db)?,
        };
        match (found, mode) {
            (schema::Found::Foreign, _) => return Err(StoreError::Foreign(path.to_path_buf())),
            (schema::Found::Revdesk(v), _) if v > schema::CURRENT => {
                return Err(StoreError::Newer {
                    path: path.to_path_buf(),
                    found: v,
                    known: schema::CURRENT,
                });
            }
            (schema::Found::Revdesk(v), Mode::ReadOnly) if v < schema::CURRENT => {
                return Err(StoreError::NeedsMigration(path.to_path_buf()));
            }
            (schema::Found::Empty, Mode::ReadOnly) => {
                return Err(StoreError::NeedsMigration(path.to_path_buf()));
            }
            _ => {}
        }
        if mode == Mode::ReadWrite {
            conn.pragma_update(None, "synchronous", "FULL")
                .map_err(not_db)?;
            schema::migrate(&mut conn).map_err(|e| match e {
                schema::MigrateError::Foreign => StoreError::Foreign(path.to_path_buf()),
                schema::MigrateError::Newer(v) => StoreError::Newer {
                    path: path.to_path_buf(),
                    found: v,
                    known: schema::CURRENT,
                },
                schema::MigrateError::Sqlite(e) => not_db(e),
            })?;
            let journal: String = conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .map_err(not_db)?;
            if !journal.eq_ignore_ascii_case("wal") {
                conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
                    .map_err(not_db)?;
            }
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            mode,
            user: os_user(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn user(&self) -> &str {
        &self.user
    }
    /// How long a write waits for another session's lock before it gives
    /// up with [`StoreError::Busy`] (default [`BUSY_TIMEOUT`]).
    pub fn set_busy_timeout(&mut self, d: Duration) -> Result<()> {
        self.conn.busy_timeout(d)?;
        Ok(())
    }
    /// Records changes under another name (tests, imports on behalf of).
    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into();
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: the write lock is
    /// taken first, so a read-then-write never fails half way under
    /// contention. Commits only if `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let out = self.write_or_undo(|w| f(w).map(Ok::<T, std::convert::Infallible>))?;
        Ok(out.unwrap_or_else(|never| match never {}))
    }

    /// As [`write`](Store::write), but `f` may decline: `Ok(Err(r))` rolls
    /// the transaction back (nothing is written) and gives `r`.
    pub fn write_or_undo<T, R>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> Result<std::result::Result<T, R>>,
    ) -> Result<std::result::Result<T, R>> {
        if self.mode == Mode::ReadOnly {
            return Err(StoreError::ReadOnly);
        }
        let user = self.user.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Writer {
            tx: &tx,
            user: &user,
            at: now_utc(),
        })?;
        if out.is_ok() {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    /// Caps SQLite's page cache of this connection (default 2 MiB): a
    /// session that reads the desk once and then a few rows at a time
    /// needs little, and the operating system caches the file anyway.
    pub fn limit_page_cache(&self, kib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(kib))?;
        Ok(())
    }

    /// Sets a store that no other session can know of yet (a file this
    /// session made, to be put in place only when whole) for one bulk
    /// write: the rollback journal in memory (a new store's pages need no
    /// copy in it: rolling back cuts the file to its old length, where the
    /// WAL holds every page and copies each into the store again), and no
    /// waiting for the disk, which the caller does once at the end.
    /// [`Store::use_wal`] goes back.
    pub fn for_a_bulk_write(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA journal_mode=MEMORY", [], |r| r.get::<_, String>(0))?;
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        Ok(())
    }

    /// Back to the WAL every session of a store works in, waiting for the
    /// disk at each commit.
    pub fn use_wal(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// A number that changes whenever another connection commits, so a
    /// session can notice a colleague's edit without reloading everything.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: problems found.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        for row in st.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                out.push(format!("integrity: {row}"));
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = st.query_map([], |r| {
            Ok(format!(
                "foreign key: {} row {} refers to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            out.push(row?);
        }
        Ok(out)
    }
}

/// The transaction handed to a write, with who and when for the audit log.
pub struct Writer<'a> {
    pub tx: &'a rusqlite::Transaction<'a>,
    pub user: &'a str,
    pub at: String,
}

/// The current time as RFC 3339 UTC, to the second. The store is allowed a
/// clock: audit entries say when a change was made.
pub fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The default store path: `REVDESK_DB`, else the platform data folder.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("REVDESK_DB").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("org", "UNODC", "revdesk")
        .map(|d| d.data_dir().join("revdesk.db"))
}
