//! Mail that reaches people (docs/mail.md): reminders and monthly
//! digests in the review's language, built with `lettre`, sent through
//! SMTP or sendmail. A reminder is logged only once the server accepted
//! it, so the log says exactly what went out; the command line does the
//! logging (see `cli::mail`).

pub mod compose;
pub mod locale;
pub mod reminder;
pub mod transport;
