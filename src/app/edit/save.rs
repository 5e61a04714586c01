//! A form checked, then written in one transaction; a colleague's change
//! met at the save shown beside what was typed.

use super::*;

impl App {
    // ----- Saving ------------------------------------------------------

    /// Checks what only the whole form can (dates against today and each
    /// other, formats); puts errors on the fields.
    pub(in crate::app) fn check_form(&self, form: &mut Form) {
        let today = self.today;
        let fs = &mut form.fields;
        let date = |fs: &Fields, k: &str| fs.get(k).and_then(|f| f.date_value(today));
        let not_after_today = |fs: &mut Fields, k: &str, what: &str| {
            if let Some(d) = date(fs, k)
                && d > today
            {
                fs.fail(k, format!("{d} is after today ({today}): {what}"));
            }
        };
        match &form.kind {
            FormKind::Reminder { .. } => {
                not_after_today(fs, "date", "a reminder is logged once sent")
            }
            FormKind::Extension { original_due, .. } => {
                if let Some(d) = date(fs, "due")
                    && d <= *original_due
                {
                    fs.fail(
                        "due",
                        format!("must be after the original due date {original_due}"),
                    );
                }
                not_after_today(fs, "agreed", "record an extension once agreed");
            }
            FormKind::Milestones { .. } => {
                for ms in Milestone::ALL {
                    not_after_today(fs, ms.field(), "a milestone is recorded once reached");
                }
                let mut m = Milestones::default();
                for ms in Milestone::ALL {
                    m.set(*ms, date(fs, ms.field()));
                }
                // The order, said with the form's own labels.
                let named = m.named();
                for w in named.windows(2) {
                    let ((prev_key, prev), (key, this)) = (w[0], w[1]);
                    let label = |k: &str| {
                        fs.get(k)
                            .map_or(k.to_string(), |f| crate::app::form::lower_first(f.label))
                    };
                    let msg = match (prev, this) {
                        (None, Some(_)) => format!("needs {} first", label(prev_key)),
                        (Some(a), Some(b)) if b < a => {
                            format!("is before {} ({a})", label(prev_key))
                        }
                        _ => continue,
                    };
                    if let Some(f) = fs.get_mut(key)
                        && f.error.is_none()
                    {
                        f.error = Some(msg);
                    }
                }

                let langs = fs
                    .get("languages")
                    .map(|f| f.chosen_languages())
                    .unwrap_or_default();
                if m.consultation_held.is_none() && !langs.is_empty() {
                    fs.fail(
                        "languages",
                        "languages are agreed at the consultation: give its date first",
                    );
                }
            }
            FormKind::Nominate { .. } => {
                not_after_today(fs, "nominated", "record a nomination once made")
            }
            FormKind::Substitute { .. } => {
                not_after_today(fs, "nominated", "record a nomination once made");
                if let (Some((Snapshot::Person(old), _)), Some(e)) = (&form.base, date(fs, "ended"))
                    && e < old.nominated
                {
                    fs.fail(
                        "ended",
                        format!("{e} is before the old nomination on {}", old.nominated),
                    );
                }
            }
            FormKind::End { .. } => {
                if let (Some((Snapshot::Person(p), _)), Some(e)) = (&form.base, date(fs, "ended"))
                    && e < p.nominated
                {
                    fs.fail(
                        "ended",
                        format!("{e} is before the nomination on {}", p.nominated),
                    );
                }
            }
            FormKind::Contact { .. }
            | FormKind::Report { .. }
            | FormKind::StartCluster { .. }
            | FormKind::AddParty
            | FormKind::Treaty { .. }
            | FormKind::AssignGroup { .. } => {}
            FormKind::Request { .. } => {
                not_after_today(fs, "date", "record a request once received")
            }
        }
    }

    /// Saves a form. Returns it when it stays open (errors, a conflict, a
    /// busy store); `None` when saved.
    pub(in crate::app) fn save_form(
        &mut self,
        mut form: Box<Form>,
        over: bool,
    ) -> Option<Box<Form>> {
        form.notice = None;
        let ok = form.fields.check_all();
        self.check_form(&mut form);
        let wrong = form.fields.focus_first_error();
        if !ok || wrong > 0 {
            form.notice = Some(format!(
                "{} to put right; nothing was saved",
                if wrong == 1 {
                    "one field".to_string()
                } else {
                    format!("{wrong} fields")
                }
            ));
            return Some(form);
        }
        match form.kind {
            FormKind::Report { as_of } => return self.save_report(form, as_of),
            FormKind::StartCluster { .. }
            | FormKind::AddParty
            | FormKind::Treaty { .. }
            | FormKind::AssignGroup { .. } => return self.save_over_time(form),
            _ => {}
        }
        let expected = if over {
            form.conflict.as_ref().map(|c| c.version)
        } else {
            form.base.as_ref().map(|b| b.1)
        };
        let result = self.write_form(&form, expected);
        match result {
            Ok(None) => {
                self.say("nothing changed; nothing was saved");
                None
            }
            // The registers keep no undo steps: a register saved is
            // corrected by editing it again.
            Ok(Some((change, msg))) if change.steps.is_empty() => {
                self.reload_desk_after_save();
                self.say(msg);
                None
            }
            Ok(Some((change, msg))) => {
                self.reload_after_save(&change);
                self.undo.push(change);
                let u = self
                    .keymap
                    .keys_for(Context::Global, Action::Undo)
                    .first()
                    .map(|k| format!(" ({} undoes)", k.label()))
                    .unwrap_or_default();
                self.say(format!("{msg}{u}"));
                None
            }
            Err(StoreError::Conflict { by, at, .. }) => {
                self.show_conflict(&mut form, by, at);
                Some(form)
            }
            Err(e) => {
                self.form_error(&mut form, e);
                Some(form)
            }
        }
    }

    /// Puts a refused save's reason where the user will see it.
    pub(in crate::app) fn form_error(&mut self, form: &mut Form, e: StoreError) {
        let text = match e {
            StoreError::Busy => {
                let save = self
                    .keymap
                    .keys_for(Context::Form, Action::Save)
                    .first()
                    .map_or("save".to_string(), |k| k.label());
                format!("{e}: {save} tries again")
            }
            StoreError::Invalid(msg) => {
                if let Some((k, m)) = msg.split_once(": ") {
                    let k = form.kind.field_of_store_key(k).to_string();
                    if form.fields.fail(&k, m) {
                        form.fields.focus_first_error();
                        return self.form_notice(form, "refused by the store; nothing was saved");
                    }
                }
                format!("{msg}; nothing was saved")
            }
            StoreError::NotFound { what, key } => format!(
                "{what} {key} no longer exists (deleted in another session?); nothing was saved"
            ),
            StoreError::ReadOnly => read_only_text(self.read_only_reason.as_deref()),
            other => format!("{other}; nothing was saved"),
        };
        self.form_notice(form, &text);
    }

    pub(in crate::app) fn form_notice(&mut self, form: &mut Form, text: &str) {
        form.notice = Some(text.to_string());
        self.say(text.to_string());
    }

    /// Reads the colleague's record and shows it beside what was typed.
    pub(in crate::app) fn show_conflict(&mut self, form: &mut Form, by: String, at: String) {
        let Some(record) = form.kind.record() else {
            return self.form_notice(form, "changed in another session; nothing was saved");
        };
        let Some(store) = &self.store else { return };
        let theirs = match record {
            RecordRef::Review(id) => store.review(id).map(|(r, v)| (Snapshot::Review(r), v)),
            RecordRef::Person(id) => store.person(id).map(|(p, v)| (Snapshot::Person(p), v)),
            _ => return,
        };
        let (theirs, version) = match theirs {
            Ok(x) => x,
            Err(e) => return self.form_error(form, e),
        };
        let base = form
            .base
            .as_ref()
            .map(|(s, _)| snapshot_values(s))
            .unwrap_or_default();
        let rows = snapshot_values(&theirs)
            .into_iter()
            .filter(|(k, _, v)| {
                base.iter()
                    .find(|(bk, _, _)| bk == k)
                    .is_none_or(|(_, _, bv)| bv != v)
            })
            .map(|(k, label, v)| {
                let yours = match form.kind.field_for(k).and_then(|f| form.fields.get(f)) {
                    Some(f) => shown(k, &f.value()),
                    None => "(not in this form)".into(),
                };
                (label.to_string(), shown(k, &v), yours)
            })
            .collect();
        let what = match record {
            RecordRef::Review(id) => format!("review #{id}"),
            _ => "this person".to_string(),
        };
        let key = |a: Action| {
            self.keymap
                .keys_for(Context::Form, a)
                .first()
                .map_or("?".to_string(), |k| k.label())
        };
        form.conflict = Some(ConflictView {
            by: sanitize(&by),
            at: when(&at),
            rows,
            theirs,
            version,
        });
        form.notice = None;
        self.say(format!(
            "not saved: {} changed {what} at {} since you opened the form; {} takes theirs, {} saves yours over",
            sanitize(&by),
            when(&at),
            key(Action::TakeTheirs),
            key(Action::SaveOver)
        ));
    }

    /// "Reload": the colleague's values into the form; typing goes on.
    pub(in crate::app) fn take_theirs(&mut self, form: &mut Form) {
        let Some(c) = form.conflict.take() else {
            form.notice = Some("no colleague's change to take".into());
            return;
        };
        for (k, _, v) in snapshot_values(&c.theirs) {
            if let Some(fk) = form.kind.field_for(k)
                && let Some(f) = form.fields.get_mut(fk)
            {
                let mine = f.value();
                if mine != v {
                    f.yours = Some(f.display());
                    f.set_value(&v);
                }
            }
        }
        form.base = Some((c.theirs, c.version));
        form.notice = None;
        self.say(format!(
            "took the values {} saved at {}; what you had typed is shown as \"yours\"",
            c.by, c.at
        ));
    }

    /// After a save: the panes show the store as it is now. A change of
    /// the reminder log alone leaves the desk in memory as it is (the
    /// screens read reminders from the store): only what was read of it
    /// is forgotten. Anything else reloads the desk.
    pub(in crate::app) fn reload_after_save(&mut self, change: &SavedChange) {
        if !change.touches_the_desk() {
            self.forget_reminders_read();
            return;
        }
        self.reload_desk_after_save();
    }

    /// After a save that changed the desk: read it again.
    pub(in crate::app) fn reload_desk_after_save(&mut self) {
        if let Err(e) = self.reload_from_store() {
            self.say(format!("saved, but could not reload the desk: {e}"));
        }
    }
}
