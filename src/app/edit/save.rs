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
            FormKind::Contact { .. } | FormKind::Report { .. } => {}
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
        if let FormKind::Report { as_of } = form.kind {
            return self.save_report(form, as_of);
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

    /// Writes a form in one transaction. `Ok(None)`: nothing to change.
    pub(in crate::app) fn write_form(
        &mut self,
        form: &Form,
        expected: Option<i64>,
    ) -> Result<Option<(SavedChange, String)>, StoreError> {
        let today = self.today;
        let fs = &form.fields;
        let date = |k: &str| fs.get(k).and_then(|f| f.date_value(today));
        let text = |k: &str| fs.get(k).and_then(|f| f.text_value());
        let choice = |k: &str| fs.get(k).map(|f| f.value()).unwrap_or_default();
        let need_date =
            |k: &str| date(k).ok_or_else(|| StoreError::Invalid(format!("{k}: a date is needed")));
        let as_of = self.as_of();
        let later = |d: NaiveDate, what: &str| {
            if d > as_of {
                format!(" ({what} after the as-at date {as_of}: not shown yet)")
            } else {
                String::new()
            }
        };
        let party_name = match &form.kind {
            FormKind::Reminder { party, .. }
            | FormKind::Nominate { party }
            | FormKind::Substitute { party, .. } => self.data.code_of(party),
            _ => String::new(),
        };
        let party_text = |_: &str| party_name.clone();
        let Some(store) = self.store.as_mut() else {
            return Err(StoreError::Invalid("no store".into()));
        };
        match &form.kind {
            // Written by `save_report`, never to the store.
            FormKind::Report { .. } => Ok(None),
            FormKind::Reminder {
                party,
                review,
                obligation,
            } => {
                let r = Reminder {
                    date: need_date("date")?,
                    party: party.as_str().into(),
                    review: *review,
                    obligation: *obligation,
                    channel: choice("channel").parse().unwrap_or(Channel::Email),
                    note: text("note").unwrap_or_default(),
                };
                let (id, version) = store.write(|w| {
                    let id = w.remind(&r)?;
                    Ok((id, w.version(RecordRef::Reminder(id))?))
                })?;
                let label = format!(
                    "reminder {id} to {} about {} by {} on {}",
                    party_text(party),
                    obligation.label(),
                    channel_label(r.channel),
                    r.date
                );
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![UndoStep::Added {
                            record: RecordRef::Reminder(id),
                            version,
                        }],
                    },
                    format!("logged {label}{}", later(r.date, "dated")),
                )))
            }
            FormKind::Extension {
                review, obligation, ..
            } => {
                let e = Extension {
                    review: *review,
                    obligation: *obligation,
                    due: need_date("due")?,
                    reason: text("reason").unwrap_or_default(),
                    agreed: need_date("agreed")?,
                };
                let (id, version) = store.write(|w| {
                    let id = w.extend(&e)?;
                    Ok((id, w.version(RecordRef::Extension(id))?))
                })?;
                let label = format!(
                    "extension {id}: review #{review} {} now due {}",
                    obligation.label(),
                    e.due
                );
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![UndoStep::Added {
                            record: RecordRef::Extension(id),
                            version,
                        }],
                    },
                    format!("recorded {label}{}", later(e.agreed, "agreed")),
                )))
            }
            FormKind::Milestones { review } => {
                let langs = fs
                    .get("languages")
                    .map(|f| f.chosen_languages())
                    .unwrap_or_default();
                let dates: Vec<(Milestone, Option<NaiveDate>)> = Milestone::ALL
                    .iter()
                    .map(|m| (*m, date(m.field())))
                    .collect();
                let out = store.write(|w| {
                    let (current, version) = w.review(*review)?;
                    if let Some(e) = expected
                        && e != version
                    {
                        return Err(w.conflict("review", *review));
                    }
                    let mut after = current.clone();
                    for (m, d) in &dates {
                        after.milestones.set(*m, *d);
                    }
                    after.languages = Languages::from_slice(&langs);
                    if after == current {
                        return Ok(None);
                    }
                    w.put_review(&after, Some(version), "record")?;
                    let v = w.version(RecordRef::Review(*review))?;
                    Ok(Some((current, after, v)))
                })?;
                let Some((before, after, version)) = out else {
                    return Ok(None);
                };
                let changed: Vec<String> = snapshot_values(&Snapshot::Review(before.clone()))
                    .into_iter()
                    .zip(snapshot_values(&Snapshot::Review(after)))
                    .filter(|(a, b)| a.2 != b.2)
                    .map(|(a, b)| format!("{} {}", a.1, shown(a.0, &b.2)))
                    .collect();
                let label = format!("review #{review}: {}", changed.join(", "));
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![UndoStep::Changed {
                            before: Snapshot::Review(before),
                            version,
                        }],
                    },
                    format!("recorded {label}"),
                )))
            }
            FormKind::Nominate { party } => {
                let p = NewPerson {
                    party: party.clone(),
                    role: fs
                        .get("role")
                        .and_then(|f| f.parsed())
                        .unwrap_or(Role::FocalPoint),
                    name: text("name").unwrap_or_default(),
                    email: text("email"),
                    phone: text("phone"),
                    gender: fs.get("gender").and_then(|f| f.parsed()),
                    affiliation: fs.get("affiliation").and_then(|f| f.parsed()),
                    nominated: need_date("nominated")?,
                };
                let (person, version) = store.write(|w| {
                    let person = w.nominate(&p)?;
                    let v = w.version(RecordRef::Person(person.id))?;
                    Ok((person, v))
                })?;
                let label = format!(
                    "{} nominated as {} of {} on {}",
                    safe(&person.name),
                    role_label(person.role),
                    party_text(party),
                    person.nominated
                );
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![UndoStep::Added {
                            record: RecordRef::Person(person.id),
                            version,
                        }],
                    },
                    format!("{label}{}", later(person.nominated, "nominated")),
                )))
            }
            FormKind::Substitute { party, old } => {
                let nominated = need_date("nominated")?;
                let ended = need_date("ended")?;
                let name = text("name").unwrap_or_default();
                let email = text("email");
                let phone = text("phone");
                let gender = fs.get("gender").and_then(|f| f.parsed());
                let affiliation = fs.get("affiliation").and_then(|f| f.parsed());
                let (before, ended_v, new, new_v) = store.write(|w| {
                    let (before, _) = w.person(*old)?;
                    let after = w.end_nomination_checked(*old, ended, expected)?;
                    let ended_v = w.version(RecordRef::Person(after.id))?;
                    let new = w.nominate(&NewPerson {
                        party: party.clone(),
                        role: before.role,
                        name: name.clone(),
                        email: email.clone(),
                        phone: phone.clone(),
                        gender,
                        affiliation,
                        nominated,
                    })?;
                    let new_v = w.version(RecordRef::Person(new.id))?;
                    Ok((before, ended_v, new, new_v))
                })?;
                let label = format!(
                    "{} replaces {} as {} of {} (nominated {nominated}, the old one ended {ended})",
                    safe(&new.name),
                    safe(&before.name),
                    role_label(before.role),
                    party_text(party)
                );
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![
                            UndoStep::Changed {
                                before: Snapshot::Person(before),
                                version: ended_v,
                            },
                            UndoStep::Added {
                                record: RecordRef::Person(new.id),
                                version: new_v,
                            },
                        ],
                    },
                    label,
                )))
            }
            FormKind::Contact { person } => {
                let name = fs.get("name").map(|f| f.stored_value()).unwrap_or_default();
                let email = fs.get("email").and_then(|f| f.text_value());
                let phone = fs.get("phone").and_then(|f| f.text_value());
                let gender = fs.get("gender").and_then(|f| f.parsed());
                let affiliation = fs.get("affiliation").and_then(|f| f.parsed());
                let out = store.write(|w| {
                    let (current, version) = w.person(*person)?;
                    if let Some(e) = expected
                        && e != version
                    {
                        return Err(w.conflict("person", *person));
                    }
                    let mut after = current.clone();
                    // Untouched prefills keep the stored text exactly.
                    after.name = if name.trim() == current.name.trim() {
                        current.name.clone()
                    } else {
                        name.trim().into()
                    };
                    after.email = email.as_deref().map(Box::from);
                    after.phone = phone.as_deref().map(Box::from);
                    after.gender = gender;
                    after.affiliation = affiliation;
                    if after == current {
                        return Ok(None);
                    }
                    w.put_person(&after, Some(version), "edit")?;
                    let v = w.version(RecordRef::Person(*person))?;
                    Ok(Some((current, after, v)))
                })?;
                let Some((before, after, version)) = out else {
                    return Ok(None);
                };
                let changed: Vec<String> = snapshot_values(&Snapshot::Person(before.clone()))
                    .into_iter()
                    .zip(snapshot_values(&Snapshot::Person(after.clone())))
                    .filter(|(a, b)| a.2 != b.2)
                    .map(|(a, b)| format!("{} {}", a.1, shown(a.0, &b.2)))
                    .collect();
                let label = format!("{}: {}", safe(&after.name), changed.join(", "));
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![UndoStep::Changed {
                            before: Snapshot::Person(before),
                            version,
                        }],
                    },
                    format!("saved {label}"),
                )))
            }
            FormKind::End { person } => {
                let ended = need_date("ended")?;
                let (before, version) = store.write(|w| {
                    let (before, _) = w.person(*person)?;
                    w.end_nomination_checked(*person, ended, expected)?;
                    Ok((before, w.version(RecordRef::Person(*person))?))
                })?;
                let label = format!(
                    "the nomination of {} as {} ended on {ended}",
                    safe(&before.name),
                    role_label(before.role)
                );
                Ok(Some((
                    SavedChange {
                        label: label.clone(),
                        steps: vec![UndoStep::Changed {
                            before: Snapshot::Person(before),
                            version,
                        }],
                    },
                    label,
                )))
            }
        }
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
