//! The configuration that decides who may only read: `config.toml` in
//! revdesk's config folder (`~/.config/revdesk/config.toml` on Linux) and
//! next to the store (the shared desk's own folder), e.g.
//!
//! ```toml
//! # OS users who may look but not change anything.
//! readers = ["alice", "bob"]
//! ```
//!
//! `clipboard = false` in either file turns copying (OSC 52) off.
//!
//! A user named in either file gets a read-only session. A file that
//! cannot be read or understood also gives a read-only session (with the
//! reason): a broken configuration never lets a reader write, and never
//! locks anyone out of reading.
//!
//! The same files say how mail leaves (docs/mail.md):
//!
//! ```toml
//! [mail]
//! from = "UNTOC review secretariat <untoc.review@example.org>"
//! smtp = "smtp://127.0.0.1:2525"   # smtps://host:465, smtp://host:587?tls=starttls
//! # sendmail = "/usr/sbin/sendmail"
//! # user = "…"; the password comes from $REVDESK_SMTP_PASSWORD or
//! # password_file (mode 0600, else refused)
//! ```

use super::{Mode, Store};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    readers: Vec<String>,
    mail: Option<MailConfig>,
    /// `false` turns OSC 52 copying off (a terminal that misreads it).
    #[serde(default)]
    clipboard: Option<bool>,
}

/// The `[mail]` section. Holds no secret: the password is read only when
/// a message is sent (see `report::mail::transport`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// "Name <address>" or an address: From of every message.
    pub from: Option<String>,
    /// `smtp://host:port`, `smtps://host:port`, `smtp://host:587?tls=starttls`.
    pub smtp: Option<String>,
    /// The host's sendmail program, instead of SMTP.
    pub sendmail: Option<PathBuf>,
    /// The SMTP user name, when the server wants one.
    pub user: Option<String>,
    /// A file holding the SMTP password, readable by its owner only
    /// (relative to the configuration file's folder).
    pub password_file: Option<PathBuf>,
    /// Seconds to wait for the server; default 30.
    pub timeout: Option<u64>,
}

/// The `[mail]` section in force for a store and the file it came from:
/// the store's own folder first, then the user's configuration folder.
/// `Ok(None)` when no file has one; a broken file is an error naming it.
pub fn mail_config(files: &[PathBuf]) -> Result<Option<(MailConfig, PathBuf)>, String> {
    for f in files.iter().rev() {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{} cannot be read ({e})", f.display())),
        };
        let c: ConfigFile = toml::from_str(&text).map_err(|e| {
            format!(
                "{} is not a valid configuration ({})",
                f.display(),
                e.message().trim()
            )
        })?;
        if let Some(mut m) = c.mail {
            if let (Some(p), Some(dir)) = (&m.password_file, f.parent())
                && p.is_relative()
            {
                m.password_file = Some(dir.join(p));
            }
            return Ok(Some((m, f.clone())));
        }
    }
    Ok(None)
}

/// The configuration files that apply to a store, in the order read.
pub fn config_files(store_path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(d) = directories::ProjectDirs::from("org", "UNODC", "revdesk") {
        out.push(d.config_dir().join("config.toml"));
    }
    let beside = match store_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("config.toml"),
        _ => PathBuf::from("config.toml"),
    };
    if !out.contains(&beside) {
        out.push(beside);
    }
    out
}

/// Why `user` may only read according to `files` (missing files are
/// fine): `Some(reason)` when listed as a reader, or when a file is broken.
pub fn reader_reason(user: &str, files: &[PathBuf]) -> Option<String> {
    for f in files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Some(format!(
                    "{} cannot be read ({e}): read-only to be safe",
                    f.display()
                ));
            }
        };
        match toml::from_str::<ConfigFile>(&text) {
            Ok(c) => {
                if c.readers.iter().any(|r| r.trim() == user) {
                    return Some(format!("{user} is a reader in {}", f.display()));
                }
            }
            Err(e) => {
                return Some(format!(
                    "{} is not a valid configuration ({}): read-only to be safe",
                    f.display(),
                    e.message().trim()
                ));
            }
        }
    }
    None
}

/// Why copying to the terminal's clipboard is off, when a configuration
/// file says `clipboard = false` (files that cannot be read say nothing
/// here: [`reader_reason`] reports them).
pub fn clipboard_off(files: &[PathBuf]) -> Option<String> {
    files.iter().find_map(|f| {
        let text = std::fs::read_to_string(f).ok()?;
        let c = toml::from_str::<ConfigFile>(&text).ok()?;
        (c.clipboard == Some(false)).then(|| format!("clipboard = false in {}", f.display()))
    })
}

/// Whether this process may write `path`.
fn writable(path: &Path) -> bool {
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    // SAFETY: access reads a valid NUL-terminated path.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// The store a session should use, and why it is read-only if it is:
/// a reader's read-write store is opened again read-only.
pub fn session_store(
    store: Store,
    files: &[PathBuf],
) -> crate::store::Result<(Store, Option<String>)> {
    let user = store.user().to_string();
    if let Some(reason) = reader_reason(&user, files) {
        if store.mode() == Mode::ReadWrite {
            let path = store.path().to_path_buf();
            let mut ro = Store::open(&path, Mode::ReadOnly)?;
            ro.set_user(user);
            return Ok((ro, Some(reason)));
        }
        return Ok((store, Some(reason)));
    }
    if store.mode() == Mode::ReadOnly {
        let reason = if writable(store.path()) {
            "--read-only".to_string()
        } else {
            format!("the store file is not writable by {user}")
        };
        return Ok((store, Some(reason)));
    }
    Ok((store, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_are_found_and_broken_files_fail_safe() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::fs::write(&a, "readers = [\"alice\"]\n").unwrap();
        let files = vec![dir.path().join("missing.toml"), a.clone(), b.clone()];
        assert!(reader_reason("alice", &files).unwrap().contains("reader"));
        assert_eq!(reader_reason("carol", &files), None);
        std::fs::write(&b, "readers = alice\n").unwrap();
        assert!(
            reader_reason("carol", &files)
                .unwrap()
                .contains("not a valid configuration")
        );
        std::fs::write(&b, "writers = []\n").unwrap();
        assert!(reader_reason("carol", &files).is_some(), "unknown keys");
    }

    #[test]
    fn the_mail_section_is_read_and_does_not_make_readers() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("config.toml");
        std::fs::write(
            &a,
            "readers = [\"alice\"]\n[mail]\nfrom = \"S <s@un.example>\"\nsmtp = \"smtp://127.0.0.1:2525\"\npassword_file = \"secret\"\n",
        )
        .unwrap();
        let files = vec![dir.path().join("missing.toml"), a.clone()];
        assert_eq!(reader_reason("carol", &files), None);
        let (m, from) = mail_config(&files).unwrap().unwrap();
        assert_eq!(from, a);
        assert_eq!(m.smtp.as_deref(), Some("smtp://127.0.0.1:2525"));
        assert_eq!(m.password_file, Some(dir.path().join("secret")));
        std::fs::write(&a, "[mail]\nsmtp = 1\n").unwrap();
        assert!(mail_config(&files).unwrap_err().contains("config.toml"));
        std::fs::write(&a, "[mail]\npassword = \"x\"\n").unwrap();
        assert!(mail_config(&files).is_err(), "unknown keys");
        std::fs::write(&a, "readers = []\n").unwrap();
        assert_eq!(mail_config(&files).unwrap(), None);
    }

    #[test]
    fn clipboard_false_turns_copying_off() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "readers = []\n").unwrap();
        assert_eq!(clipboard_off(std::slice::from_ref(&a)), None);
        std::fs::write(&a, "clipboard = false\n").unwrap();
        let why = clipboard_off(&[dir.path().join("missing.toml"), a.clone()]).unwrap();
        assert!(why.contains("clipboard = false"), "{why}");
        assert_eq!(reader_reason("carol", &[a]), None, "a known key");
    }
}
