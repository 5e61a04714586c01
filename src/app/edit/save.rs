//! A form checked, then written in one transaction; a colleague's change
//! met at the save merged (see `merge`).

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
                if m.consultation_held.is_none()
                    && fs.get("consultation_held").is_some()
                    && !langs.is_empty()
                {
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
            | FormKind::AssignGroup { .. }
            | FormKind::Mission { .. } => {}
            FormKind::Register { kind, .. } => {
                let (key, what) = match kind {
                    RowKind::Need => ("identified", "record a need once identified"),
                    RowKind::Training => ("date", "record a training once held"),
                    _ => ("date", "record a request once received"),
                };
                not_after_today(fs, key, what)
            }
            FormKind::Document { .. } => {
                not_after_today(fs, "available", "record a document once available");
                not_after_today(fs, "published", "record a publication once agreed");
                if let (Some(a), Some(p)) = (date(fs, "available"), date(fs, "published"))
                    && p < a
                {
                    fs.fail("published", format!("is before it became available ({a})"));
                }
            }
        }
    }

    /// Saves a form. Returns it when it stays open (errors, a conflict, a
    /// busy store); `None` when saved.
    pub(in crate::app) fn save_form(&mut self, mut form: Box<Form>) -> Option<Box<Form>> {
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
            FormKind::Mission { ref party } => {
                let party = party.clone();
                return self.save_mission(form, &party);
            }
            _ => {}
        }
        if let Some(c) = &form.conflict {
            let open: Vec<&str> = c.open().map(|r| r.what.as_str()).collect();
            if !open.is_empty() {
                let text = format!(
                    "nothing was saved: choose theirs ({}) or yours ({}) for {} first",
                    self.key_label(Context::Form, Action::TakeTheirs),
                    self.key_label(Context::Form, Action::SaveOver),
                    open.join(", ")
                );
                self.form_notice(&mut form, &text);
                return Some(form);
            }
        }
        if !self.replacing_asked(&mut form) {
            return Some(form);
        }
        // A colleague may save again between a merge and the next try.
        let mut merged = Vec::new();
        loop {
            let expected = form.base.as_ref().map(|b| b.1);
            match self.write_form(&form, expected) {
                Ok(None) => {
                    self.say(match merged.last() {
                        Some(m) => format!("{m}; nothing of yours to add, nothing was saved"),
                        None => "nothing changed; nothing was saved".into(),
                    });
                    return None;
                }
                Ok(Some((change, msg))) => {
                    self.reload_after_save(&change);
                    self.follow_register(&change);
                    self.undo.push(change);
                    let u = self
                        .keymap
                        .keys_for(Context::Global, Action::Undo)
                        .first()
                        .map(|k| format!(" ({} undoes)", k.label()))
                        .unwrap_or_default();
                    let m = merged.last().map(|m| format!(" ({m})")).unwrap_or_default();
                    self.say(format!("{msg}{m}{u}"));
                    return None;
                }
                Err(StoreError::Conflict { by, at, .. }) if merged.len() < 3 => {
                    match self.merge_conflict(&mut form, by, at) {
                        merge::Merged::Clean(m) => merged.push(m),
                        merge::Merged::Stays => return Some(form),
                    }
                }
                Err(e) => {
                    self.form_error(&mut form, e);
                    return Some(form);
                }
            }
        }
    }

    /// The milestone dates already recorded (in the form's base) that the
    /// form would replace or clear: "feedback 2022-01-10 → 2022-02-01".
    fn replaced_dates(&self, form: &Form) -> Vec<String> {
        let (FormKind::Milestones { .. }, Some((Snapshot::Review(r), _))) =
            (&form.kind, &form.base)
        else {
            return Vec::new();
        };
        Milestone::ALL
            .iter()
            // A field chosen in a conflict was asked about there.
            .filter(|m| {
                form.conflict
                    .as_ref()
                    .is_none_or(|c| c.rows.iter().all(|row| row.field != m.field()))
            })
            .filter_map(|m| {
                let old = r.milestones.get(*m)?;
                let new = form.fields.get(m.field())?.date_value(self.today);
                let label = snapshot_values(&form.base.as_ref()?.0)
                    .into_iter()
                    .find(|v| v.0 == m.field())
                    .map_or(m.label(), |v| v.1);
                (new != Some(old)).then(|| {
                    format!(
                        "{label} {old} → {}",
                        new.map_or("none".to_string(), |d| d.to_string())
                    )
                })
            })
            .collect()
    }

    /// Whether the save may go on: a recorded milestone date is replaced
    /// only once the user has been asked, naming the old and new date, and
    /// saves again with the same replacements.
    fn replacing_asked(&mut self, form: &mut Form) -> bool {
        let replaced = self.replaced_dates(form);
        if replaced.is_empty() || form.replacing.as_ref() == Some(&replaced) {
            return true;
        }
        let text = format!(
            "replace a recorded date? {}: {} again replaces, Esc keeps the record; nothing was saved",
            replaced.join(", "),
            self.key_label(Context::Form, Action::Save)
        );
        form.replacing = Some(replaced);
        self.form_notice(form, &text);
        false
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
