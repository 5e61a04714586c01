//! Reminders to many at once from Overdue: rows are marked (Space), then
//! one reminder each is sent by e-mail or logged by another channel, after
//! a preview of the first message and the count. As on the command line,
//! a message is logged only once the server accepted it, and a row
//! already reminded on the session's date is left out.

use super::App;
use super::edit::{Confirm, Form, FormKind, Overlay, Pending};
use super::form::Choice;
use super::form::{Field, Fields};
use crate::domain::directory::Mission;
use crate::domain::engine::Item;
use crate::domain::model::{Channel, Obligation, Reminder};
use crate::domain::text::sanitize;
use crate::report::mail::reminder::{self, Context};
use crate::report::mail::transport::Mailer;

/// A reminder to send or log: party, obligation, review.
pub type Target = (String, Obligation, Option<i64>);

/// How many lines of the first message the preview shows.
const PREVIEW_LINES: usize = 14;

impl App {
    /// Space on Overdue: marks or unmarks the selected row.
    pub(in crate::app) fn overdue_toggle_mark(&mut self) {
        let Some(&k) = self.overdue.rows.get(self.overdue.cursor.selected) else {
            self.say("no obligation selected");
            return;
        };
        let marked = &mut self.overdue.marked;
        match marked.binary_search(&k) {
            Ok(i) => {
                marked.remove(i);
            }
            Err(i) => marked.insert(i, k),
        }
        let n = marked.len();
        // The next row, as a list of marks is made going down.
        if self.overdue.cursor.selected + 1 < self.overdue.rows.len() {
            self.overdue.cursor.selected += 1;
        }
        self.say(format!("{n} marked: S sends or logs one reminder each"));
    }

    /// The marked rows, or the selected one when none is marked.
    fn overdue_targets(&self) -> Vec<Item> {
        let ks: Vec<u32> = if self.overdue.marked.is_empty() {
            self.overdue
                .rows
                .get(self.overdue.cursor.selected)
                .copied()
                .into_iter()
                .collect()
        } else {
            self.overdue.marked.clone()
        };
        ks.iter()
            .filter_map(|&k| self.data.overdue.get(k as usize))
            .map(|&e| self.data.item(&self.desk, e as usize))
            .collect()
    }

    /// `S` on Overdue: the count and the first message, then a choice of
    /// channel (e-mail when `[mail]` is configured) and yes or no.
    pub(in crate::app) fn overdue_ask_send(&mut self) {
        let items = self.overdue_targets();
        if items.is_empty() {
            self.say("no obligation selected");
            return;
        }
        let Some(store) = &self.store else { return };
        if self.session.read_only {
            self.say("read-only: reminders cannot be sent or logged");
            return;
        }
        let mailer = mailer_for(store.path());
        let mut lines = vec![format!(
            "{} reminder{}, one for each {}row:",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            if self.overdue.marked.is_empty() {
                "selected "
            } else {
                "marked "
            }
        )];
        let mut choices = Vec::new();
        match &mailer {
            Ok(m) => {
                lines.push(format!("by e-mail through {}; the first:", m.describe));
                lines.extend(self.preview(m, &items[0]));
                choices.push(Choice::new(Channel::Email.as_str(), "send by e-mail"));
            }
            Err(why) => lines.push(format!("not by e-mail: {why}")),
        }
        for c in Channel::ALL.iter().filter(|c| **c != Channel::Email) {
            choices.push(Choice::new(
                c.as_str(),
                format!("log as sent by {}", c.as_str().replace('_', " ")),
            ));
        }
        lines.push("A row already reminded on the as-at date is left out.".into());
        let targets = items
            .iter()
            .map(|i| (i.party.clone(), i.obligation, i.review))
            .collect();
        self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
            title: "Remind".into(),
            lines,
            verb: "go",
            pending: Pending::Remind { targets },
            choice: Some(("how".into(), choices, 0)),
        })));
    }

    /// The head and first lines of the message about `item`, or why none.
    fn preview(&self, m: &Mailer, item: &Item) -> Vec<String> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        let (desk, dir) = match (store.load_desk(), store.directory()) {
            (Ok(d), Ok(x)) => (d, x),
            (Err(e), _) | (_, Err(e)) => return vec![format!("cannot read the desk: {e}")],
        };
        let cx = Context {
            desk: &desk,
            dir: &dir,
            as_of: self.as_of(),
            from: &m.from,
            now: chrono::Utc::now(),
        };
        match reminder::reminder(&cx, std::slice::from_ref(item), 1) {
            Ok(o) => {
                let d = &o.draft;
                let mut out = vec![
                    format!(
                        "To: {}",
                        d.to.iter()
                            .map(|a| a.address.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!("Subject: {} [{}]", d.subject, d.lang),
                ];
                if !d.cc.is_empty() {
                    out.insert(1, format!("Cc: {}", d.cc[0].address));
                }
                // Paragraphs unwrapped: the dialog wraps them to its width.
                out.extend(
                    d.body
                        .split("\n\n")
                        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|p| !p.is_empty())
                        .take(PREVIEW_LINES)
                        .map(|p| format!("  {p}")),
                );
                out.into_iter().map(|l| sanitize(&l)).collect()
            }
            Err(e) => vec![format!("{} {}: {e:#}", item.party, item.obligation)],
        }
    }

    /// Yes: each target sent (then logged) or logged, one at a time.
    pub(in crate::app) fn remind_targets(&mut self, targets: &[Target], channel: Channel) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let date = self.data.as_of;
        let all = crate::domain::engine::obligations(
            &match store.load_desk() {
                Ok(d) => d,
                Err(e) => return self.say(format!("cannot read the desk: {e}")),
            },
            date,
            self.data.settings,
        );
        let mailer = match channel {
            Channel::Email => match mailer_for(store.path()) {
                Ok(m) => Some(m),
                Err(e) => return self.say(format!("nothing sent: {e}")),
            },
            _ => None,
        };
        let (desk, dir) = match (store.load_desk(), store.directory()) {
            (Ok(d), Ok(x)) => (d, x),
            (Err(e), _) | (_, Err(e)) => return self.say(format!("cannot read the desk: {e}")),
        };
        let (mut done, mut skipped, mut failed) = (0, 0, Vec::new());
        for (party, obligation, review) in targets {
            let Some(item) = all
                .iter()
                .find(|i| &i.party == party && i.obligation == *obligation && i.review == *review)
            else {
                continue;
            };
            match store.reminders_on(party, *obligation, *review, date) {
                Ok(0) => {}
                Ok(_) => {
                    skipped += 1;
                    continue;
                }
                Err(e) => return self.say(format!("cannot read the reminder log: {e}")),
            }
            let row = Reminder {
                date,
                party: party.as_str().into(),
                review: *review,
                obligation: *obligation,
                channel,
                note: String::new(),
            };
            let Some(m) = &mailer else {
                match store.write(|w| w.remind(&row)) {
                    Ok(_) => done += 1,
                    Err(e) => failed.push(format!("{party} {obligation}: {e}")),
                }
                continue;
            };
            let cx = Context {
                desk: &desk,
                dir: &dir,
                as_of: date,
                from: &m.from,
                now: chrono::Utc::now(),
            };
            let sent = reminder::reminder(&cx, std::slice::from_ref(item), 1)
                .and_then(|o| Ok((o.draft.build()?, o.draft.message_id)))
                .map_err(|e| format!("{e:#}"))
                .and_then(|(msg, id)| m.send(&msg).map(|_| id).map_err(|e| e.to_string()));
            match sent {
                Ok(id) => match store.write(|w| w.log_sent(&row, &id)) {
                    Ok(_) => done += 1,
                    Err(e) => failed.push(format!("{party} {obligation}: sent, not logged: {e}")),
                },
                Err(e) => failed.push(format!("{party} {obligation}: not sent: {e}")),
            }
        }
        self.overdue.marked.clear();
        self.forget_reminders_read();
        let verb = if mailer.is_some() { "sent" } else { "logged" };
        let mut msg = format!("{done} reminder{} {verb}", if done == 1 { "" } else { "s" });
        if skipped > 0 {
            msg.push_str(&format!("; {skipped} already reminded on {date}"));
        }
        if let Some(first) = failed.first() {
            msg.push_str(&format!("; {} failed: {}", failed.len(), sanitize(first)));
        }
        self.say(msg);
    }
}

impl App {
    /// `i` on Parties: the party's permanent mission, e-mail and phone.
    pub(in crate::app) fn open_mission_form(&mut self, code: &str) {
        let Some(store) = &self.store else { return };
        let m = match store.directory() {
            Ok(d) => d.mission(code).cloned().unwrap_or_default(),
            Err(e) => return self.say(format!("cannot read the missions: {e}")),
        };
        let fields = vec![
            Field::text(
                "email",
                "Mission e-mail",
                m.email.as_deref().unwrap_or(""),
                200,
            ),
            Field::text(
                "phone",
                "Mission phone",
                m.phone.as_deref().unwrap_or(""),
                60,
            ),
        ];
        let name = self.party_label(code);
        self.open_form(Form {
            kind: FormKind::Mission {
                party: code.to_string(),
            },
            title: "Permanent mission".into(),
            facts: vec![
                name,
                "Written to when the party has no focal point; in copy otherwise.".into(),
            ],
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            notice: None,
            replacing: None,
        });
    }

    /// Saves the mission form; the form stays open on a wrong field.
    pub(in crate::app) fn save_mission(
        &mut self,
        mut form: Box<Form>,
        party: &str,
    ) -> Option<Box<Form>> {
        let fs = &form.fields;
        let email = fs.get("email").and_then(|f| f.text_value());
        let phone = fs.get("phone").and_then(|f| f.text_value());
        let m = match Mission::checked(email.as_deref(), phone.as_deref()) {
            Ok(m) => m,
            Err(e) => {
                let key = if e.starts_with("mission_email") {
                    "email"
                } else {
                    "phone"
                };
                form.fields
                    .fail(key, e.split_once(": ").map_or(e.as_str(), |x| x.1));
                form.fields.focus_first_error();
                return Some(form);
            }
        };
        let Some(store) = self.store.as_mut() else {
            return Some(form);
        };
        match store.write(|w| w.set_mission(party, &m)) {
            Ok(()) => {
                self.say(format!(
                    "{party}: permanent mission {}",
                    m.email.as_deref().unwrap_or("with no e-mail")
                ));
                None
            }
            Err(e) => {
                form.notice = Some(format!("nothing was saved: {e}"));
                Some(form)
            }
        }
    }
}

/// The mailer `config.toml` describes for the store at `path`.
fn mailer_for(path: &std::path::Path) -> Result<Mailer, String> {
    let files = crate::store::config::config_files(path);
    let (config, source) = crate::store::config::mail_config(&files)?
        .ok_or_else(|| "no [mail] section in config.toml".to_string())?;
    Mailer::new(&config, &source).map_err(|e| format!("{e:#}"))
}
