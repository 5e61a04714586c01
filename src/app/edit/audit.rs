//! The audit trail of the selected record, as readable lines.

use super::*;
use crate::app::panes::AuditSubject;

/// "field: old → new" lines for an audit entry.
fn audit_details(e: &AuditEntry) -> Vec<String> {
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
    };
    let val = |v: Option<&serde_json::Value>| -> String {
        match v {
            None | Some(serde_json::Value::Null) => "—".into(),
            Some(serde_json::Value::String(s)) if s.is_empty() => "\"\"".into(),
            Some(serde_json::Value::String(s)) => sanitize(s),
            Some(serde_json::Value::Array(a)) if a.is_empty() => "none".into(),
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .map(|x| match x {
                    serde_json::Value::String(s) => sanitize(s),
                    other => sanitize(&other.to_string()),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Some(other) => sanitize(&other.to_string()),
        }
    };
    let (before, after) = (parse(&e.before), parse(&e.after));
    let summary = |v: &serde_json::Value| -> String {
        match v.as_object() {
            Some(o) => o
                .iter()
                .filter(|(k, v)| *k != "id" && !v.is_null())
                .map(|(k, v)| format!("{k} {}", val(Some(v))))
                .collect::<Vec<_>>()
                .join(" · "),
            None => val(Some(v)),
        }
    };
    match (&before, &after) {
        (None, Some(a)) => vec![format!("added: {}", summary(a))],
        (Some(b), None) => vec![format!("deleted: {}", summary(b))],
        (Some(b), Some(a)) => {
            let (Some(bo), Some(ao)) = (b.as_object(), a.as_object()) else {
                return vec![format!("{} → {}", val(Some(b)), val(Some(a)))];
            };
            let mut keys: Vec<&String> = bo.keys().chain(ao.keys()).collect();
            keys.sort();
            keys.dedup();
            let out: Vec<String> = keys
                .into_iter()
                .filter(|k| bo.get(*k) != ao.get(*k))
                .map(|k| format!("{k}: {} → {}", val(bo.get(k)), val(ao.get(k))))
                .collect();
            if out.is_empty() {
                vec!["no change".into()]
            } else {
                out
            }
        }
        (None, None) => Vec::new(),
    }
}

impl App {
    // ----- Audit trail -------------------------------------------------

    pub(in crate::app) fn open_audit(&mut self) {
        let Some(store) = &self.store else {
            self.say("audit: this session has no store to read");
            return;
        };
        let subject = match self.pane().unit().audit_subject(self) {
            Ok(s) => s,
            Err(why) => return self.say(why),
        };
        let (title, entries) = match subject {
            AuditSubject::Review(id) => (
                format!(
                    "Audit trail of review #{id} (with its reminders, extensions and register entries)"
                ),
                store.audit_of_review(id, AUDIT_LIMIT),
            ),
            AuditSubject::Party(code) => (
                format!(
                    "Audit trail of {} (with its people, reminders and register entries)",
                    self.party_label(&code)
                ),
                store.audit_of_party(&code, AUDIT_LIMIT),
            ),
            AuditSubject::Person(i) => {
                let people = &*self.desk.people;
                let (id, name) = (people.id(i), safe(people.name(i)));
                (
                    format!("Audit trail of {name} (person {id})"),
                    store.audit_trail(Some(("person", &id.to_string())), AUDIT_LIMIT),
                )
            }
            AuditSubject::Record(entity, key) => (
                format!("Audit trail of {} {key}", entity.replace('_', " ")),
                store.audit_trail(Some((entity, &key)), AUDIT_LIMIT),
            ),
        };
        let entries = match entries {
            Ok(e) => e,
            Err(e) => return self.say(format!("cannot read the audit log: {e}")),
        };
        let mut lines = Vec::new();
        if entries.is_empty() {
            lines.push((
                Tone::Dim,
                "no change recorded (records imported whole are in the import entry)".into(),
            ));
        }
        for e in &entries {
            lines.push((
                Tone::Heading,
                format!(
                    "{}  {}  {}  {} {}",
                    when(&e.at),
                    sanitize(&e.os_user),
                    sanitize(&e.action),
                    sanitize(&e.entity),
                    sanitize(&e.key)
                ),
            ));
            for d in audit_details(e) {
                lines.push((Tone::Normal, format!("  {d}")));
            }
        }
        if entries.len() == AUDIT_LIMIT {
            lines.push((
                Tone::Dim,
                format!("(the newest {AUDIT_LIMIT}; `revdesk audit` lists more)"),
            ));
        }
        self.overlay = Some(Overlay::Audit(AuditView {
            title,
            lines,
            scroll: 0,
            height: 0,
        }));
    }
}
