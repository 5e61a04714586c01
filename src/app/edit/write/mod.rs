//! A form written in one transaction: one module per form, each from
//! the form's fields (read through [`Input`]) to the store's writer.

mod contact;
mod end;
mod extension;
mod milestones;
mod nominate;
mod register;
mod reminder;
mod substitute;

use super::*;
use crate::store::Store;

/// What a save gives: the change and how to take it back, and the
/// message; `None`: nothing to change.
type Written = Result<Option<(SavedChange, String)>, StoreError>;

/// A form's fields as its writer reads them, with the session's dates.
struct Input<'a> {
    fs: &'a Fields,
    today: NaiveDate,
    as_of: NaiveDate,
    /// The row version the form was opened on (records edited in place).
    expected: Option<i64>,
    /// The party the form is about, as the messages name it.
    party_name: String,
}

impl Input<'_> {
    fn date(&self, k: &str) -> Option<NaiveDate> {
        self.fs.get(k).and_then(|f| f.date_value(self.today))
    }
    fn text(&self, k: &str) -> Option<String> {
        self.fs.get(k).and_then(|f| f.text_value())
    }
    fn choice(&self, k: &str) -> String {
        self.fs.get(k).map(|f| f.value()).unwrap_or_default()
    }
    fn need_date(&self, k: &str) -> Result<NaiveDate, StoreError> {
        self.date(k)
            .ok_or_else(|| StoreError::Invalid(format!("{k}: a date is needed")))
    }
    /// Said after a save dated past the as-at date (not shown yet).
    fn later(&self, d: NaiveDate, what: &str) -> String {
        if d > self.as_of {
            format!(
                " ({what} after the as-at date {}: not shown yet)",
                self.as_of
            )
        } else {
            String::new()
        }
    }
}

impl App {
    /// Writes a form in one transaction. `Ok(None)`: nothing to change.
    pub(in crate::app) fn write_form(&mut self, form: &Form, expected: Option<i64>) -> Written {
        let party_name = match &form.kind {
            FormKind::Reminder { party, .. }
            | FormKind::Nominate { party }
            | FormKind::Substitute { party, .. } => self.data.code_of(party),
            _ => String::new(),
        };
        let input = Input {
            fs: &form.fields,
            today: self.today,
            as_of: self.as_of(),
            expected,
            party_name,
        };
        let Some(store) = self.store.as_mut() else {
            return Err(StoreError::Invalid("no store".into()));
        };
        let write = match &form.kind {
            // Written by `save_report` (never to the store) and
            // `save_over_time`.
            FormKind::Report { .. }
            | FormKind::StartCluster { .. }
            | FormKind::AddParty
            | FormKind::Treaty { .. }
            | FormKind::AssignGroup { .. }
            | FormKind::Mission { .. } => return Ok(None),
            FormKind::Reminder { .. } => reminder::write,
            FormKind::Extension { .. } => extension::write,
            FormKind::Milestones { .. } => milestones::write,
            FormKind::Nominate { .. } => nominate::write,
            FormKind::Substitute { .. } => substitute::write,
            FormKind::Contact { .. } => contact::write,
            FormKind::End { .. } => end::write,
            FormKind::Register { .. } | FormKind::Document { .. } => register::write,
        };
        write(store, &input, &form.kind)
    }
}
