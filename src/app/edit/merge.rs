//! A save met by a colleague's change: merged field by field against the
//! values the form was opened with (its base). A field only one side
//! changed takes that side's value; a field both changed, differently, is
//! shown side by side and chosen one by one. Nothing either side typed is
//! lost without being shown.

use super::*;

/// What a merge left to do.
pub(in crate::app) enum Merged {
    /// Nothing to choose: save again on top of their version; says what
    /// of theirs was taken.
    Clean(String),
    /// Fields to choose (or the record could not be read): the form stays.
    Stays,
}

/// What `v` looks like in field `f` (a prefill is shown sanitised).
fn as_shown(f: &Field, v: &str) -> String {
    let mut g = f.clone();
    g.set_value(v);
    g.value()
}

impl App {
    /// Reads the colleague's record and merges it into the form: fields
    /// only they changed take their value; fields both changed are put in
    /// the conflict view to choose. The form's base becomes their version.
    pub(in crate::app) fn merge_conflict(
        &mut self,
        form: &mut Form,
        by: String,
        at: String,
    ) -> Merged {
        let Some(record) = form.kind.record() else {
            self.form_notice(form, "changed in another session; nothing was saved");
            return Merged::Stays;
        };
        let Some(store) = &self.store else {
            return Merged::Stays;
        };
        let theirs = match record {
            RecordRef::Review(id) => store.review(id).map(|(r, v)| (Snapshot::Review(r), v)),
            RecordRef::Person(id) => store.person(id).map(|(p, v)| (Snapshot::Person(p), v)),
            _ => return Merged::Stays,
        };
        let (theirs, version) = match theirs {
            Ok(x) => x,
            Err(e) => {
                self.form_error(form, e);
                return Merged::Stays;
            }
        };
        let base = form
            .base
            .as_ref()
            .map(|(s, _)| snapshot_values(s))
            .unwrap_or_default();
        let (by, at) = (sanitize(&by), when(&at));
        let mut taken = Vec::new();
        let mut rows = Vec::new();
        for (k, label, tv) in snapshot_values(&theirs) {
            let theirs_changed = base.iter().find(|b| b.0 == k).is_none_or(|b| b.2 != tv);
            // A value outside the form is never written by it: theirs stays.
            let Some(fk) = form.kind.field_for(k) else {
                continue;
            };
            let Some(f) = form.fields.get_mut(fk) else {
                continue;
            };
            if !theirs_changed {
                continue;
            }
            let mine = f.value();
            let their_shown = as_shown(f, &tv);
            if mine == f.initial {
                f.set_value(&tv);
                taken.push(format!("{label} {}", shown(k, &tv)));
            } else if mine != their_shown {
                rows.push(ConflictRow {
                    field: fk,
                    what: label.to_string(),
                    theirs: shown(k, &tv),
                    yours: shown(k, &mine),
                    their_value: tv.clone(),
                    chosen: None,
                });
            }
            // The form is now based on their value.
            f.initial = their_shown;
        }
        form.base = Some((theirs, version));
        form.notice = None;
        let kept = if taken.is_empty() {
            String::new()
        } else {
            format!("; kept their {}", taken.join(", "))
        };
        if rows.is_empty() {
            form.conflict = None;
            return Merged::Clean(format!("merged with {by}'s change at {at}{kept}"));
        }
        if let Some(i) = form.fields.index(rows[0].field) {
            form.fields.focus = i;
        }
        let what = rows
            .iter()
            .map(|r| r.what.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        form.conflict = Some(ConflictView {
            by: by.clone(),
            at: at.clone(),
            rows,
        });
        self.say(format!(
            "not saved yet: {by} changed this record at {at}{kept}; you both changed {what}: {}",
            self.choose_hint()
        ));
        Merged::Stays
    }

    /// How to choose, with the keys of the keymap.
    fn choose_hint(&self) -> String {
        format!(
            "{} takes theirs, {} keeps yours, field by field",
            self.key_label(Context::Form, Action::TakeTheirs),
            self.key_label(Context::Form, Action::SaveOver)
        )
    }

    /// Chooses `side` for the field in conflict under the cursor (or the
    /// first still open), then moves to the next one still open.
    pub(in crate::app) fn choose(&mut self, form: &mut Form, side: Side) {
        let focus = form.fields.list.get(form.fields.focus).map(|f| f.key);
        let Some(c) = form.conflict.as_mut() else {
            form.notice = Some(match side {
                Side::Theirs => "no colleague's change to take".into(),
                Side::Yours => {
                    "nothing to save over: no colleague's change is shown (Ctrl-S saves)".into()
                }
            });
            return;
        };
        let at = c
            .rows
            .iter()
            .position(|r| Some(r.field) == focus)
            .or_else(|| c.rows.iter().position(|r| r.chosen.is_none()));
        let Some(row) = at.and_then(|i| c.rows.get_mut(i)) else {
            return;
        };
        row.chosen = Some(side);
        if let Some(f) = form.fields.get_mut(row.field) {
            match side {
                Side::Theirs => {
                    f.yours = Some(f.display());
                    f.set_value(&row.their_value);
                }
                Side::Yours => f.yours = None,
            }
        }
        let (what, by) = (row.what.clone(), c.by.clone());
        let next = c.open().next().map(|r| r.field);
        let save = self.key_label(Context::Form, Action::Save);
        form.notice = Some(match next {
            Some(n) => {
                if let Some(i) = form.fields.index(n) {
                    form.fields.focus = i;
                }
                format!(
                    "{what}: {} kept; {} to choose ({})",
                    if side == Side::Theirs {
                        format!("{by}'s")
                    } else {
                        "yours".into()
                    },
                    c.open().count(),
                    self.choose_hint()
                )
            }
            None => format!(
                "{what}: {} kept; every field chosen: {save} saves",
                if side == Side::Theirs {
                    format!("{by}'s")
                } else {
                    "yours".into()
                }
            ),
        });
    }
}
