//! Deletes, redraws and the undo of the session's last save.

use super::*;

impl App {
    // ----- Delete, redraw, undo ----------------------------------------

    pub(in crate::app) fn delete(&mut self, record: RecordRef, version: i64, what: &str) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let expected = (version > 0).then_some(version);
        let result = store.write(|w| {
            let before = match record {
                RecordRef::Person(id) => Snapshot::Person(w.delete_person(id, expected, "delete")?),
                RecordRef::Reminder(id) => {
                    let s = w.delete_reminder(id, expected, "delete")?;
                    Snapshot::Reminder(s.id, s.reminder)
                }
                RecordRef::Extension(id) => {
                    let s = w.delete_extension(id, expected, "delete")?;
                    Snapshot::Extension(s.id, s.extension)
                }
                RecordRef::Register(r) => {
                    Snapshot::Register(w.delete_register(r, expected, "delete")?)
                }
                RecordRef::Review(_) => {
                    return Err(StoreError::Invalid("a review is never deleted".into()));
                }
            };
            Ok(before)
        });
        match result {
            Ok(before) => {
                let label = format!("deleted {}", sanitize(what));
                let change = SavedChange {
                    label: label.clone(),
                    steps: vec![UndoStep::Deleted { before }],
                };
                self.reload_after_save(&change);
                self.undo.push(change);
                let u = self.key_label(Context::Global, Action::Undo);
                self.say(format!("{label} (the audit log keeps it; {u} undoes)"));
            }
            Err(StoreError::Conflict { by, at, .. }) => self.say(format!(
                "not deleted: {} changed it at {} since it was listed; look again",
                sanitize(&by),
                when(&at)
            )),
            Err(e) => self.say(format!("not deleted: {e}")),
        }
    }

    pub(in crate::app) fn redraw(&mut self, review: i64, version: i64, requester: &str) {
        let today = self.today;
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let seed = draws::fresh_seed();
        let result = draws::redraw_review(
            store,
            review,
            requester,
            seed,
            today,
            &Rules::default(),
            Some(version),
        );
        match result {
            Ok(r) => {
                self.reload_desk_after_save();
                let codes = |v: &[Text]| {
                    v.iter()
                        .map(|c| self.data.code_of(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                self.say(format!(
                    "review #{review} redrawn at the request of {}: reviewers {} (were {}); redraw {} of {MAX_REDRAWS}, seed {}",
                    self.data.code_of(requester),
                    codes(&r.after.reviewers),
                    codes(&r.before.reviewers),
                    r.after.redraws,
                    r.seed
                ));
            }
            Err(StoreError::Conflict { by, at, .. }) => self.say(format!(
                "not redrawn: {} changed review #{review} at {} since; look again",
                sanitize(&by),
                when(&at)
            )),
            Err(e) => self.say(format!("not redrawn: {e}")),
        }
    }

    pub(in crate::app) fn ask_undo(&mut self) {
        let Some(last) = self.undo.last() else {
            self.say("undo: nothing to undo (this session has saved nothing, or undid it all)");
            return;
        };
        self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
            title: "Undo your last save?".into(),
            lines: vec![
                last.label.clone(),
                "The undo is a new change, recorded in the audit log; it is refused".into(),
                "when a colleague changed the record since.".into(),
            ],
            verb: "undo",
            pending: Pending::Undo,
            choice: None,
        })));
    }

    /// Takes back the session's last save, in one transaction.
    pub fn undo_last(&mut self) {
        let Some(change) = self.undo.pop() else {
            self.say("undo: nothing to undo");
            return;
        };
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let result = store.write(|w| {
            for step in change.steps.iter().rev() {
                w.undo(step)?;
            }
            Ok(())
        });
        match result {
            Ok(()) => {
                self.reload_after_save(&change);
                self.follow_register(&change);
                self.say(format!("undone: {}", change.label));
            }
            Err(StoreError::Busy) => {
                let u = self.key_label(Context::Global, Action::Undo);
                self.say(format!("{}: {u} tries again", StoreError::Busy));
                self.undo.push(change);
            }
            Err(StoreError::Conflict { what, key, by, at }) => self.say(format!(
                "cannot undo \"{}\": {} changed {what} {key} at {} after your save; nothing was written (their change stands)",
                change.label,
                sanitize(&by),
                when(&at)
            )),
            Err(e) => self.say(format!(
                "cannot undo \"{}\": {e}; nothing was written",
                change.label
            )),
        }
    }
}
