//! How mail leaves: SMTP (plain, STARTTLS or TLS) or the host's
//! `sendmail`, through `lettre`, as `config.toml`'s `[mail]` says.
//!
//! The password comes from `$REVDESK_SMTP_PASSWORD` or from
//! `password_file`, which must be readable by its owner only. It lives in
//! lettre's credentials and nowhere else: never in a message, an error, the
//! audit trail or the output.

use super::compose::{Addressee, parse_sender};
use crate::store::config::MailConfig;
use anyhow::{Context, Result, bail};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SendmailTransport, SmtpTransport, Transport as _};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

/// The environment variable that may hold the SMTP password.
pub const PASSWORD_ENV: &str = "REVDESK_SMTP_PASSWORD";

/// A configured way out, with the sender it speaks for.
pub struct Mailer {
    pub from: Addressee,
    /// Where mail goes, for the user ("smtp://127.0.0.1:2525"), no secret.
    pub describe: String,
    way: Way,
}

enum Way {
    Smtp(Box<SmtpTransport>),
    Sendmail(SendmailTransport),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from)
            .field("describe", &self.describe)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// The mailer `config` describes; `source` names the file for errors.
    pub fn new(config: &MailConfig, source: &Path) -> Result<Mailer> {
        let at = source.display();
        let Some(from) = config.from.as_deref() else {
            bail!("{at}: [mail] needs from = \"Name <address>\"");
        };
        let from = parse_sender(from).with_context(|| format!("{at}: [mail] from"))?;
        let (way, describe) = match (&config.smtp, &config.sendmail) {
            (Some(_), Some(_)) => bail!("{at}: [mail] has both smtp and sendmail; keep one"),
            (None, None) => bail!("{at}: [mail] needs smtp = \"smtp://host:port\" or sendmail"),
            (None, Some(path)) => (
                Way::Sendmail(SendmailTransport::new_with_command(path.as_os_str())),
                format!("sendmail ({})", path.display()),
            ),
            (Some(url), None) => {
                let (t, d) = smtp(config, url).with_context(|| format!("{at}: [mail] smtp"))?;
                (Way::Smtp(Box::new(t)), d)
            }
        };
        Ok(Mailer {
            from,
            describe,
            way,
        })
    }

    /// Hands one message over. `Ok` only once the server (or sendmail)
    /// accepted it; the error says what the server replied.
    pub fn send(&self, message: &lettre::Message) -> Result<(), SendError> {
        match &self.way {
            Way::Smtp(t) => t.send(message).map(|_| ()).map_err(|e| SendError {
                reply: smtp_error(&e),
                refused: e.is_permanent(),
            }),
            Way::Sendmail(t) => t.send(message).map_err(|e| SendError {
                reply: e.to_string().replace(['\r', '\n'], " "),
                refused: false,
            }),
        }
    }
}

/// A message not accepted, and what the server said.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reply}")]
pub struct SendError {
    pub reply: String,
    /// The server refused this message for good (a 5xx reply): the next
    /// one may still go. Otherwise the way out itself failed.
    pub refused: bool,
}

/// The server's reply or the connection's failure, in one line.
fn smtp_error(e: &lettre::transport::smtp::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        let more = inner.to_string();
        if !s.contains(&more) {
            s.push_str(": ");
            s.push_str(&more);
        }
        source = inner.source();
    }
    s.replace(['\r', '\n'], " ")
}

fn smtp(config: &MailConfig, raw: &str) -> Result<(SmtpTransport, String)> {
    let url = url::Url::parse(raw).map_err(|e| anyhow::anyhow!("{e} (smtp://host:port)"))?;
    if url.password().is_some() || !url.username().is_empty() {
        bail!(
            "no user or password in the URL: use user = \"…\" and ${PASSWORD_ENV} or password_file"
        );
    }
    let Some(host) = url
        .host_str()
        .map(|h| h.trim_matches(['[', ']']).to_string())
    else {
        bail!("no host in {raw:?}");
    };
    let tls_mode = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let params = || TlsParameters::new(host.clone()).context("TLS parameters");
    let (tls, port) = match (url.scheme(), tls_mode.as_deref()) {
        ("smtp", None | Some("none")) => (Tls::None, 25),
        ("smtp", Some("starttls" | "required")) => (Tls::Required(params()?), 587),
        ("smtp", Some("opportunistic")) => (Tls::Opportunistic(params()?), 587),
        ("smtps", None | Some("wrapper")) => (Tls::Wrapper(params()?), 465),
        (scheme, mode) => bail!(
            "{scheme}://…{} is not known: smtp://host:port, smtp://host:587?tls=starttls or smtps://host:465",
            mode.map(|m| format!("?tls={m}")).unwrap_or_default()
        ),
    };
    let port = url.port().unwrap_or(port);
    let mut b = SmtpTransport::builder_dangerous(host.as_str())
        .port(port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(config.timeout.unwrap_or(30))));
    if let Some(password) = password(config)? {
        let Some(user) = config.user.clone() else {
            bail!("a password is given but no user = \"…\"");
        };
        b = b.credentials(Credentials::new(user, password));
    }
    let mut describe = format!("{}://{host}:{port}", url.scheme());
    if let Some(m) = tls_mode {
        describe.push_str(&format!("?tls={m}"));
    }
    Ok((b.build(), describe))
}

/// The password, from the environment or the owner-only file, if any.
fn password(config: &MailConfig) -> Result<Option<String>> {
    if let Ok(p) = std::env::var(PASSWORD_ENV)
        && !p.is_empty()
    {
        return Ok(Some(p));
    }
    let Some(file) = &config.password_file else {
        return Ok(None);
    };
    read_password_file(file).map(Some)
}

/// Reads a password file, refused unless only its owner may read it.
pub fn read_password_file(file: &Path) -> Result<String> {
    let meta = std::fs::metadata(file)
        .with_context(|| format!("password_file {} cannot be read", file.display()))?;
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        bail!(
            "password_file {} has mode {mode:04o}: refused; it must be readable by its owner only (chmod 600)",
            file.display()
        );
    }
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        bail!(
            "password_file {} belongs to another user (uid {}): refused",
            file.display(),
            meta.uid()
        );
    }
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("password_file {} cannot be read", file.display()))?;
    Ok(text.trim_end_matches(['\r', '\n']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_password_file_others_may_read_is_refused_without_its_content() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("smtp-password");
        std::fs::write(&f, "hunter2-secret\n").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = read_password_file(&f).unwrap_err().to_string();
        assert!(e.contains("smtp-password") && e.contains("0644"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_password_file(&f).unwrap(), "hunter2-secret");
    }

    #[test]
    fn configurations_are_checked() {
        let src = Path::new("/etc/revdesk/config.toml");
        let mut c = MailConfig {
            from: Some("Secretariat <s@un.example>".into()),
            smtp: Some("smtp://127.0.0.1:2525".into()),
            ..Default::default()
        };
        let m = Mailer::new(&c, src).unwrap();
        assert_eq!(m.describe, "smtp://127.0.0.1:2525");
        assert_eq!(m.from.address, "s@un.example");
        c.smtp = Some("smtp://127.0.0.1:587?tls=starttls".into());
        assert_eq!(
            Mailer::new(&c, src).unwrap().describe,
            "smtp://127.0.0.1:587?tls=starttls"
        );
        c.smtp = Some("smtps://mail.un.example".into());
        assert_eq!(
            Mailer::new(&c, src).unwrap().describe,
            "smtps://mail.un.example:465"
        );
        c.smtp = Some("smtp://u:hunter2@127.0.0.1:25".into());
        let e = format!("{:#}", Mailer::new(&c, src).unwrap_err());
        assert!(
            !e.contains("hunter2") && e.contains("no user or password"),
            "{e}"
        );
        c.smtp = Some("imap://x.example".into());
        assert!(Mailer::new(&c, src).is_err());
        c.smtp = None;
        assert!(Mailer::new(&c, src).is_err());
        c.from = None;
        let e = format!("{:#}", Mailer::new(&c, src).unwrap_err());
        assert!(e.contains("/etc/revdesk/config.toml"), "{e}");
    }
}
