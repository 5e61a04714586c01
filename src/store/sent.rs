//! Reminders sent by e-mail: logged only once the server accepted them,
//! with their Message-ID, so the log says exactly what went out and a
//! bulk run can be resumed by running it again.

use super::{Result, Store, Writer};
use crate::domain::model::{Channel, Obligation, Reminder};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Writer<'_> {
    /// Logs a reminder the mail server accepted, with its Message-ID, in
    /// the same transaction as its audit entries.
    pub fn log_sent(&self, r: &Reminder, message_id: &str) -> Result<i64> {
        debug_assert_eq!(r.channel, Channel::Email);
        let id = self.remind(r)?;
        self.tx.execute(
            "UPDATE reminders SET message_id = ?1 WHERE id = ?2",
            params![message_id, id],
        )?;
        self.audit(
            "sent",
            "reminder",
            &id.to_string(),
            None,
            Some(&serde_json::json!({ "message_id": message_id })),
        )?;
        Ok(id)
    }
}

impl Store {
    /// How many reminders about (party, obligation, review) are logged on
    /// `date`, by any channel: a second one the same day needs `--again`.
    pub fn reminders_on(
        &self,
        party: &str,
        obligation: Obligation,
        review: Option<i64>,
        date: NaiveDate,
    ) -> Result<u32> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM reminders
             WHERE party = ?1 AND obligation = ?2 AND review IS ?3 AND date = ?4",
            params![party, obligation.as_str(), review, date.to_string()],
            |r| r.get(0),
        )?;
        Ok(n as u32)
    }

    /// The Message-ID logged with reminder `id`, if it was sent by e-mail.
    pub fn message_id(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT message_id FROM reminders WHERE id = ?1",
                params![id],
                |r| r.get::<_, Option<String>>("message_id"),
            )
            .optional()?
            .flatten())
    }
}
