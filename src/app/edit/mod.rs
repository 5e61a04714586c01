//! Editing from the terminal app: the forms, dialogs and pickers opened by
//! the editing keys, each save as one store transaction, the session's
//! undo, and what a save does when a colleague got there first.
//!
//! - Every save is one `Store::write` (one `BEGIN IMMEDIATE`), audited by
//!   the store with the OS user, the time, the record before and after.
//! - Records edited in place (reviews, people) are saved against the row
//!   version read when the form opened: when a colleague changed the row
//!   since, nothing is written, the form stays open with what was typed,
//!   and shows their values beside yours; Ctrl-R takes theirs (and the
//!   typing goes on), Ctrl-O saves yours over theirs, on purpose.
//! - A save remembers how to take itself back: `u` undoes the last one as
//!   a new audited change ("undo"), refused when the record moved on since.
//! - A locked store (`StoreError::Busy`) writes nothing and says so; the
//!   form stays open and the save can be tried again.
//!
//! `open` opens the forms, dialogs and lists; `keys` feeds them keys;
//! `save` turns a form into one transaction; `actions` deletes, redraws
//! and undoes; `audit` shows a record's trail; `report` writes the report
//! files from the Figures pane (the one form that writes no store).

mod actions;
mod audit;
mod clusters;
mod keys;
mod merge;
mod open;
mod registers;
pub use registers::register_ref;
mod report;
mod save;
mod write;

use super::App;
use super::action::Action;
use super::data::{NONE, affiliation_label, channel_label, role_label, safe};
use super::form::{Choice, Field, Fields, FormEvent};
use super::keymap::Context;
use super::keys::Key;
use super::lines::Tone;
use super::panes::assistance::RowKind;
use crate::domain::lots::{MAX_REDRAWS, Rules};
use crate::domain::model::*;
use crate::domain::roster::Facts;
use crate::domain::text::sanitize;
use crate::store::edits::{NewPerson, RecordRef, Snapshot, UndoStep};
use crate::store::{AuditEntry, StoreError, draws};
use chrono::NaiveDate;

/// What is drawn over the panes and takes the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Form(Box<Form>),
    Confirm(Box<Confirm>),
    Picker(Picker),
    Audit(AuditView),
}

/// What a form saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    Reminder {
        party: String,
        review: Option<i64>,
        obligation: Obligation,
    },
    Extension {
        review: i64,
        obligation: Obligation,
        /// The due date without any extension.
        original_due: NaiveDate,
    },
    Milestones {
        review: i64,
    },
    Nominate {
        party: String,
    },
    /// A new person in the place of `old`, whose nomination ends.
    Substitute {
        party: String,
        old: i64,
    },
    Contact {
        person: i64,
    },
    End {
        person: i64,
    },
    /// The report files as at `as_of`, written to a folder (nothing is
    /// stored: allowed in a read-only session).
    Report {
        as_of: NaiveDate,
    },
    /// The start of `group`'s next cluster, `cluster`.
    StartCluster {
        cluster: u32,
        group: u32,
    },
    /// A party that joined after the draw.
    AddParty,
    /// A ratification of or accession to a Protocol.
    Treaty {
        party: String,
    },
    /// A party assigned to a group, new or existing.
    AssignGroup {
        party: String,
    },
    /// A party's permanent mission.
    Mission {
        party: String,
    },
    /// A row of a register of the Assistance pane: a new one (`id` none),
    /// or row `id` as it stood at row `version`.
    Register {
        kind: RowKind,
        id: Option<i64>,
        version: Option<i64>,
    },
    /// A document of `review`: when it became available, when published.
    Document {
        review: i64,
    },
}

/// A form on screen.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// Fixed facts shown above the fields (party, obligation, review).
    pub facts: Vec<String>,
    pub fields: Fields,
    /// The record edited and its row version when the form opened (or
    /// when the colleague's values were taken).
    pub base: Option<(Snapshot, i64)>,
    pub conflict: Option<ConflictView>,
    /// The recorded dates the last save would have replaced, asked about
    /// (a save that would replace the same again goes ahead).
    pub replacing: Option<Vec<String>>,
    /// Why the last save did not happen (busy, refused), in the form.
    pub notice: Option<String>,
}

/// A colleague's change met at the save, after the merge: the fields
/// both sides changed, differently, each to be chosen (theirs or yours).
/// What only one side changed was merged already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    pub by: String,
    pub at: String,
    pub rows: Vec<ConflictRow>,
}

/// One field both sides changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    /// The form field.
    pub field: &'static str,
    /// What it is, as the record names it ("e-mail").
    pub what: String,
    /// Their value and yours, as shown.
    pub theirs: String,
    pub yours: String,
    /// Their value as stored (what "theirs" puts in the field).
    pub their_value: String,
    /// The side chosen, once chosen.
    pub chosen: Option<Side>,
}

/// Whose value a field in conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Theirs,
    Yours,
}

impl ConflictView {
    /// The fields still to choose.
    pub fn open(&self) -> impl Iterator<Item = &ConflictRow> {
        self.rows.iter().filter(|r| r.chosen.is_none())
    }
}

/// A yes/no question before a delete, an undo or a redraw.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    /// The verb of the yes key: "delete", "undo", "draw".
    pub verb: &'static str,
    pub pending: Pending,
    /// A list to pick from before saying yes (the party asking for a redraw).
    pub choice: Option<(String, Vec<Choice>, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Delete {
        record: RecordRef,
        version: i64,
        what: String,
    },
    Undo,
    Redraw {
        review: i64,
        version: i64,
    },
    /// One reminder each, by the channel chosen.
    Remind {
        targets: Vec<crate::app::mail::Target>,
    },
}

/// A short list to choose a record from (a party's people, a review's
/// reminders), then act on it.
#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickItem>,
    pub cursor: usize,
    pub purpose: Purpose,
}

#[derive(Debug, Clone)]
pub struct PickItem {
    pub label: String,
    pub record: RecordRef,
    pub version: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Edit,
    End,
    Substitute,
    Delete,
}

/// The audit trail of a record, newest first.
#[derive(Debug, Clone)]
pub struct AuditView {
    pub title: String,
    pub lines: Vec<(Tone, String)>,
    pub scroll: usize,
    pub height: usize,
}

/// One save of this session, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedChange {
    pub label: String,
    pub steps: Vec<UndoStep>,
}

impl SavedChange {
    /// Whether it changed what the screens keep in memory (everything but
    /// the reminder log, which they read from the store row by row).
    pub fn touches_the_desk(&self) -> bool {
        self.steps
            .iter()
            .any(|s| !matches!(s.record(), RecordRef::Reminder(_)))
    }
}

/// How many audit entries the overlay lists.
pub const AUDIT_LIMIT: usize = 300;

const NOT_GIVEN: &str = "not given";

fn role_choices() -> Vec<Choice> {
    Role::ALL
        .iter()
        .map(|r| Choice::new(r.as_str(), role_label(*r)))
        .collect()
}
fn gender_choices() -> Vec<Choice> {
    std::iter::once(Choice::new("", NOT_GIVEN))
        .chain(
            Gender::ALL
                .iter()
                .map(|g| Choice::new(g.as_str(), g.as_str())),
        )
        .collect()
}
fn affiliation_choices() -> Vec<Choice> {
    std::iter::once(Choice::new("", NOT_GIVEN))
        .chain(
            Affiliation::ALL
                .iter()
                .map(|a| Choice::new(a.as_str(), affiliation_label(*a))),
        )
        .collect()
}
fn channel_choices() -> Vec<Choice> {
    Channel::ALL
        .iter()
        .map(|c| Choice::new(c.as_str(), channel_label(*c)))
        .collect()
}

pub use crate::domain::text::{email_problem, phone_problem};

/// The values of a record, by the form field keys that show them.
fn snapshot_values(s: &Snapshot) -> Vec<(&'static str, &'static str, String)> {
    let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    match s {
        Snapshot::Review(r) => {
            let m = &r.milestones;
            vec![
                ("consultation_held", "consultation", d(m.consultation_held)),
                ("saq_submitted", "SAQ submitted", d(m.saq_submitted)),
                ("feedback_submitted", "feedback", d(m.feedback_submitted)),
                (
                    "observations_finalized",
                    "observations",
                    d(m.observations_finalized),
                ),
                ("summary_finalized", "summary", d(m.summary_finalized)),
                (
                    "languages",
                    "languages",
                    r.languages
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                ("reviewers", "reviewers", r.reviewers.join(",")),
                ("redraws", "redraws", r.redraws.to_string()),
            ]
        }
        Snapshot::Person(p) => vec![
            ("name", "name", p.name.to_string()),
            (
                "email",
                "e-mail",
                p.email.as_deref().unwrap_or_default().to_string(),
            ),
            (
                "phone",
                "phone",
                p.phone.as_deref().unwrap_or_default().to_string(),
            ),
            (
                "gender",
                "gender",
                p.gender.map(|g| g.as_str().to_string()).unwrap_or_default(),
            ),
            (
                "affiliation",
                "affiliation",
                p.affiliation
                    .map(|a| a.as_str().to_string())
                    .unwrap_or_default(),
            ),
            ("role", "role", p.role.as_str().to_string()),
            ("nominated", "nominated", p.nominated.to_string()),
            ("ended", "ended", d(p.ended)),
        ],
        Snapshot::Reminder(..) | Snapshot::Extension(..) | Snapshot::Register(_) => Vec::new(),
    }
}

impl FormKind {
    /// The form field that shows a record value (`None`: not in the form).
    fn field_for(&self, record_key: &'static str) -> Option<&'static str> {
        match self {
            FormKind::Milestones { .. } => match record_key {
                "reviewers" | "redraws" => None,
                k => Some(k),
            },
            FormKind::Contact { .. } => match record_key {
                "name" | "email" | "phone" | "gender" | "affiliation" => Some(record_key),
                _ => None,
            },
            FormKind::End { .. } | FormKind::Substitute { .. } => {
                (record_key == "ended").then_some("ended")
            }
            _ => None,
        }
    }

    /// The form field a store message names (the store says "date" for
    /// the end of a nomination).
    fn field_of_store_key<'a>(&self, key: &'a str) -> &'a str {
        match (self, key) {
            (FormKind::End { .. } | FormKind::Substitute { .. }, "date") => "ended",
            (FormKind::Extension { .. }, "obligation") => "due",
            _ => key,
        }
    }

    /// The record whose version the save checks.
    fn record(&self) -> Option<RecordRef> {
        match self {
            FormKind::Milestones { review } => Some(RecordRef::Review(*review)),
            FormKind::Contact { person } | FormKind::End { person } => {
                Some(RecordRef::Person(*person))
            }
            FormKind::Substitute { old, .. } => Some(RecordRef::Person(*old)),
            _ => None,
        }
    }
}

/// A value as the conflict view shows it.
fn shown(key: &str, v: &str) -> String {
    let v = sanitize(v);
    match (key, v.is_empty()) {
        ("languages", true) => "pending".into(),
        (_, true) => "—".into(),
        ("languages" | "reviewers", false) => v.replace(',', ", "),
        _ => v,
    }
}

/// The date and time of an audit entry, readable.
fn when(at: &str) -> String {
    at.replace('T', " ").trim_end_matches('Z').to_string()
}

/// What the session knows about why it may not write.
fn read_only_text(reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("read-only session ({r}): nothing can be changed"),
        None => "read-only session: nothing can be changed".into(),
    }
}

impl App {
    /// Says why editing is refused in a read-only session; `true` if so.
    pub(in crate::app) fn refuse_read_only(&mut self, action: Action) -> bool {
        if !self.session.read_only {
            return false;
        }
        let text = read_only_text(self.read_only_reason.as_deref());
        self.say(format!("{}: {text}", action.name()));
        true
    }

    /// Whether an editing key may go on: refused (and said why) in a
    /// read-only session or one without a store.
    pub(in crate::app) fn may_edit(&mut self, action: Action) -> bool {
        if self.refuse_read_only(action) {
            return false;
        }
        if self.store.is_none() {
            self.say(format!(
                "{}: this session has no store to write to",
                action.name()
            ));
            return false;
        }
        true
    }

    /// The review selected or shown on the pane (`None` on a pane
    /// without reviews).
    pub fn current_review(&self) -> Option<i64> {
        self.pane().unit().current_review(self)
    }

    /// The party selected on the pane, by code.
    pub(in crate::app) fn current_party_code(&self) -> Option<String> {
        self.pane().unit().current_party_code(self)
    }

    pub(in crate::app) fn party_label(&self, code: &str) -> String {
        let p = self.data.party(code);
        if p == NONE {
            sanitize(code)
        } else {
            format!("{} ({})", self.data.name(p), self.data.code(p))
        }
    }

    pub(in crate::app) fn review_label(&self, r: &Review) -> String {
        format!(
            "review #{} · {} · reviewers {}",
            r.id,
            self.party_label(&r.under_review),
            r.reviewers
                .iter()
                .map(|c| self.data.code_of(c))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    pub(in crate::app) fn person_label(&self, name: &str, p: &Facts) -> String {
        format!(
            "{} · {} of {} since {}{}",
            safe(name),
            role_label(p.role),
            self.party_label(p.party),
            p.nominated,
            // An end recorded after the as-at date is not known then.
            p.ended
                .filter(|e| *e <= self.as_of())
                .map(|e| format!(", ended {e}"))
                .unwrap_or_default()
        )
    }

    /// What a date field offers by default: the as-at date (never after
    /// today, which a recorded date may not be).
    pub(in crate::app) fn form_date(&self) -> NaiveDate {
        self.as_of().min(self.today)
    }

    /// The first key of an action, as the help shows it.
    pub(in crate::app) fn key_label(&self, ctx: Context, action: Action) -> String {
        self.keymap
            .keys_for(ctx, action)
            .first()
            .map_or_else(|| action.name().to_string(), |k| k.label())
    }

    pub(in crate::app) fn open_form(&mut self, form: Form) {
        self.overlay = Some(super::edit::Overlay::Form(Box::new(form)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_format_checks() {
        assert!(email_problem("anna.gruber@bmeia.at.example").is_none());
        assert!(email_problem("").is_none());
        for bad in ["anna", "a@b", "a b@c.d", "@c.d", "a@@c.d", "a@c."] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
        assert!(phone_problem("+43 1 0000 01").is_none());
        assert!(phone_problem("+1 (212) 555-0100 ext. 12").is_none());
        for bad in ["call me", "12", "+43 1 0000 01; rm"] {
            assert!(phone_problem(bad).is_some(), "{bad}");
        }
    }
}
