//! Keys and pasted text in the form, dialog or list on screen.

use super::*;

impl App {
    // ----- Keys in overlays --------------------------------------------

    /// Feeds a key to the overlay on screen.
    pub(in crate::app) fn overlay_key(&mut self, key: Key) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        match overlay {
            Overlay::Form(mut form) => {
                let action = self.keymap.get(Context::Form, key);
                match form.fields.key(action, key) {
                    FormEvent::Nothing => {
                        if form.fields.confirm_discard {
                            form.notice = None;
                        }
                        self.overlay = Some(Overlay::Form(form));
                    }
                    FormEvent::Close => {
                        let dirty = form.fields.dirty();
                        self.say(if dirty {
                            "discarded what was typed; nothing was saved"
                        } else {
                            "closed; nothing was saved"
                        });
                    }
                    FormEvent::TakeTheirs => {
                        self.choose(&mut form, Side::Theirs);
                        self.overlay = Some(Overlay::Form(form));
                    }
                    // After a conflict, "save over" keeps yours for one field.
                    FormEvent::Save { over: true } => {
                        self.choose(&mut form, Side::Yours);
                        self.overlay = Some(Overlay::Form(form));
                    }
                    FormEvent::Save { over: false } => {
                        if let Some(form) = self.save_form(form) {
                            self.overlay = Some(Overlay::Form(form));
                        }
                    }
                }
            }
            Overlay::Confirm(mut c) => {
                let action = self.keymap.get(Context::Dialog, key);
                match action {
                    Some(Action::Yes) => self.confirmed(*c),
                    Some(Action::No) => self.say(format!("{}: cancelled", c.verb)),
                    Some(Action::ChoicePrev | Action::ChoiceNext | Action::ChoiceToggle)
                        if c.choice.is_some() =>
                    {
                        if let Some((_, opts, sel)) = &mut c.choice {
                            let n = opts.len().max(1);
                            *sel = if action == Some(Action::ChoicePrev) {
                                (*sel + n - 1) % n
                            } else {
                                (*sel + 1) % n
                            };
                        }
                        self.overlay = Some(Overlay::Confirm(c));
                    }
                    _ => {
                        let yes = self
                            .keymap
                            .keys_for(Context::Dialog, Action::Yes)
                            .first()
                            .map_or("y".into(), |k| k.label());
                        self.say(format!("press {yes} to {}, Esc to cancel", c.verb));
                        self.overlay = Some(Overlay::Confirm(c));
                    }
                }
            }
            Overlay::Picker(mut p) => {
                let action = self
                    .keymap
                    .get(Context::Dialog, key)
                    .or_else(|| self.keymap.get(Context::Global, key));
                match action {
                    Some(Action::Choose | Action::Yes) => {
                        if let Some(item) = p.items.get(p.cursor).cloned() {
                            self.picked(p.purpose, item);
                        }
                    }
                    Some(Action::No | Action::Back | Action::Quit) => {}
                    Some(a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                        let last = p.items.len().saturating_sub(1);
                        p.cursor = match a {
                            Action::Up => p.cursor.saturating_sub(1),
                            Action::Down => (p.cursor + 1).min(last),
                            Action::Top => 0,
                            _ => last,
                        };
                        self.overlay = Some(Overlay::Picker(p));
                    }
                    _ => self.overlay = Some(Overlay::Picker(p)),
                }
            }
            Overlay::Audit(mut v) => {
                let action = self
                    .keymap
                    .get(Context::Dialog, key)
                    .or_else(|| self.keymap.lookup(self.pane().context(), key));
                let page = v.height.max(1);
                match action {
                    Some(
                        Action::No
                        | Action::Back
                        | Action::Quit
                        | Action::Audit
                        | Action::Choose
                        | Action::Yes,
                    ) => return,
                    Some(Action::Up) => v.scroll = v.scroll.saturating_sub(1),
                    Some(Action::Down) => v.scroll += 1,
                    Some(Action::PageUp | Action::HalfPageUp) => {
                        v.scroll = v.scroll.saturating_sub(page)
                    }
                    Some(Action::PageDown | Action::HalfPageDown) => v.scroll += page,
                    Some(Action::Top) => v.scroll = 0,
                    Some(Action::Bottom) => v.scroll = usize::MAX / 2,
                    _ => {}
                }
                self.overlay = Some(Overlay::Audit(v));
            }
        }
    }

    pub(in crate::app) fn picked(&mut self, purpose: Purpose, item: PickItem) {
        match (purpose, item.record) {
            (Purpose::Delete, RecordRef::Person(id)) => {
                self.act_on_person(Purpose::Delete, id, None)
            }
            (Purpose::Delete, record) => {
                self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                    title: format!("Delete this {}?", record.entity()),
                    lines: vec![
                        sanitize(&item.label),
                        "Only for a record entered by mistake: it leaves the desk, and the".into(),
                        "audit log keeps it (before = the record, after = nothing).".into(),
                    ],
                    verb: "delete",
                    pending: Pending::Delete {
                        record,
                        version: item.version,
                        what: item.label.clone(),
                    },
                    choice: None,
                })))
            }
            (p, RecordRef::Person(id)) => self.act_on_person(p, id, None),
            _ => {}
        }
    }

    pub(in crate::app) fn confirmed(&mut self, c: Confirm) {
        match c.pending {
            Pending::Undo => self.undo_last(),
            Pending::Delete {
                record,
                version,
                what,
            } => self.delete(record, version, &what),
            Pending::Redraw { review, version } => {
                let requester = c
                    .choice
                    .as_ref()
                    .and_then(|(_, o, s)| o.get(*s))
                    .map(|o| o.value.clone())
                    .unwrap_or_default();
                self.redraw(review, version, &requester);
            }
            Pending::Remind { targets } => {
                let channel = c
                    .choice
                    .as_ref()
                    .and_then(|(_, o, s)| o.get(*s))
                    .and_then(|o| o.value.parse().ok())
                    .unwrap_or(crate::domain::model::Channel::NoteVerbale);
                self.remind_targets(&targets, channel);
            }
        }
    }

    /// Pasted text: into the field being typed in, cleaned like typing.
    pub fn paste(&mut self, text: &str) {
        if self.too_small() {
            return;
        }
        match &mut self.overlay {
            Some(Overlay::Form(f)) => {
                f.fields.paste(text);
                return;
            }
            Some(_) => {
                self.say("pasted text ignored: no text field here");
                return;
            }
            None => {}
        }
        let clean = crate::app::form::clean_pasted(text);
        match &self.mode {
            crate::app::Mode::Filter | crate::app::Mode::AsOf { .. } => {
                for c in clean.chars().take(200) {
                    self.handle_key(Key::char(c));
                }
            }
            _ => self.say("pasted text ignored: no field is being typed in"),
        }
    }

    /// The form on screen, if any.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }
    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.overlay {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }

    /// When a colleague's change to the record of the open form arrives,
    /// the form says so before the save does.
    pub(in crate::app) fn note_change_under_form(&mut self) {
        let Some(store) = &self.store else { return };
        let Some(Overlay::Form(form)) = &self.overlay else {
            return;
        };
        let (Some(record), Some((_, v))) = (form.kind.record(), &form.base) else {
            return;
        };
        let v = *v;
        if let Ok(now) = store.version_of(record)
            && now != v
            && form.conflict.is_none()
            && let Some(Overlay::Form(form)) = &mut self.overlay
        {
            form.notice = Some(
                "a colleague changed this record while the form was open: saving merges their change (a field you both changed is shown to choose)"
                    .into(),
            );
        }
    }
}
