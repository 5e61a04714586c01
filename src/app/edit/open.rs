//! Opening the forms, dialogs and lists of each pane, from the record
//! selected there (read fresh from the store when it is edited in place).

use super::*;
use crate::store::register_rows::RegisterRef;

impl App {
    // ----- Overdue -----------------------------------------------------

    pub(in crate::app) fn overdue_edit(&mut self, action: Action) {
        let Some(item) = self.selected_overdue_item() else {
            self.say("no obligation selected");
            return;
        };
        match action {
            Action::Remind => self.open_reminder(&item),
            Action::Extend => {
                let Some(review) = item.review.filter(|_| item.obligation.extendable()) else {
                    self.say(format!(
                        "extend: {} cannot be extended (extensions apply to SAQ, feedback, observations and the review phase)",
                        item.obligation.label()
                    ));
                    return;
                };
                self.open_extension(
                    review,
                    item.obligation,
                    item.original_due.unwrap_or(item.due),
                    item.due,
                );
            }
            _ => match (item.obligation.met_by(), item.review) {
                (Meets::Nomination(role), _) => self.open_nominate(&item.party, Some(role)),
                (Meets::Milestone(m), Some(review)) => self.open_milestones(review, Some(m), false),
                // Concluded by the list of observations (then the summary).
                (Meets::Conclusion, Some(review)) => {
                    self.open_milestones(review, Some(Milestone::Observations), false)
                }
                (Meets::Milestone(_) | Meets::Conclusion, None) => {
                    self.say(format!("{} belongs to no review", item.obligation.label()))
                }
            },
        }
    }

    pub(in crate::app) fn open_reminder(&mut self, item: &crate::domain::engine::Item) {
        let mut facts = vec![
            format!("to {}", self.party_label(&item.party)),
            format!(
                "about {} · due {}{}",
                item.obligation.label(),
                item.due,
                item.original_due
                    .map(|o| format!(" (extended from {o})"))
                    .unwrap_or_default()
            ),
        ];
        if let Some(id) = item.review
            && let Some(r) = self.desk.reviews.iter().find(|r| r.id == id)
        {
            facts.push(self.review_label(r));
        }
        let fields = vec![
            Field::choice("channel", "Channel", channel_choices(), "email"),
            Field::text("note", "Note", "", 1000),
            Field::date("date", "Date sent", Some(self.form_date()), false),
        ];
        self.open_form(Form {
            kind: FormKind::Reminder {
                party: item.party.clone(),
                review: item.review,
                obligation: item.obligation,
            },
            title: "Log a reminder".into(),
            facts,
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    pub(in crate::app) fn open_extension(
        &mut self,
        review: i64,
        obligation: Obligation,
        original_due: NaiveDate,
        due: NaiveDate,
    ) {
        let mut facts = vec![format!(
            "{} due {}{}",
            obligation.label(),
            due,
            if due != original_due {
                format!(" (already extended; originally {original_due})")
            } else {
                String::new()
            }
        )];
        if let Some(r) = self.desk.reviews.iter().find(|r| r.id == review) {
            facts.insert(0, self.review_label(r));
        }
        let fields = vec![
            Field::date("due", "New due date", None, false),
            Field::text("reason", "Reason", "", 500).required(),
            Field::date("agreed", "Agreed on", Some(self.form_date()), false),
        ];
        self.open_form(Form {
            kind: FormKind::Extension {
                review,
                obligation,
                original_due,
            },
            title: "Record an agreed extension".into(),
            facts,
            fields: Fields::new(fields, self.today),
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    pub(in crate::app) fn overdue_delete(&mut self) {
        let Some(item) = self.selected_overdue_item() else {
            self.say("no obligation selected");
            return;
        };
        let Some(store) = &self.store else { return };
        let found = store.reminders_with_ids(Some(&item.party), item.review);
        match found {
            Ok(list) => {
                let as_of = self.as_of();
                let items: Vec<PickItem> = list
                    .into_iter()
                    .filter(|s| s.reminder.obligation == item.obligation)
                    .filter(|s| s.reminder.date <= as_of)
                    .map(|s| PickItem {
                        label: format!("reminder {}", self.reminder_label(&s.reminder)),
                        record: RecordRef::Reminder(s.id),
                        version: s.version,
                    })
                    .collect();
                if items.is_empty() {
                    self.say(format!(
                        "delete: no reminder was logged to {} about {}",
                        self.party_label(&item.party),
                        item.obligation.label()
                    ));
                    return;
                }
                self.overlay = Some(Overlay::Picker(Picker {
                    title: "Delete which reminder?".into(),
                    cursor: items.len() - 1,
                    items,
                    purpose: Purpose::Delete,
                }));
            }
            Err(e) => self.say(format!("cannot read the reminders: {e}")),
        }
    }

    pub(in crate::app) fn reminder_label(&self, r: &Reminder) -> String {
        let mut s = format!(
            "{} {} to {} about {}",
            r.date,
            channel_label(r.channel),
            self.data.code_of(&r.party),
            r.obligation.label()
        );
        if !r.note.trim().is_empty() {
            s.push_str(&format!(": {}", sanitize(&r.note)));
        }
        s
    }

    // ----- Reviews and Timeline ----------------------------------------

    /// The milestones form of a review; `focus` the field of a milestone,
    /// or the first one not recorded when `next`.
    pub(in crate::app) fn open_milestones(
        &mut self,
        id: i64,
        focus: Option<Milestone>,
        next: bool,
    ) {
        let Some(store) = &self.store else { return };
        let (review, version) = match store.review(id) {
            Ok(x) => x,
            Err(e) => {
                self.say(format!("cannot read review {id}: {e}"));
                return;
            }
        };
        let as_of = self.as_of();
        if self.desk.review_start(&review).is_some_and(|s| s > as_of) {
            self.say(format!(
                "review #{id} has not started as at {as_of}: no milestone to record (t sets the as-at date)"
            ));
            return;
        }
        let m = &review.milestones;
        // A date recorded after the as-at date is not shown, nor offered
        // to change: the form keeps it as stored.
        let later: Vec<Milestone> = Milestone::ALL
            .iter()
            .copied()
            .filter(|ms| m.get(*ms).is_some_and(|d| d > as_of))
            .collect();
        let mut fields: Vec<Field> = [
            Milestone::Consultation,
            Milestone::Saq,
            Milestone::Feedback,
            Milestone::Observations,
            Milestone::Summary,
        ]
        .into_iter()
        .filter(|ms| !later.contains(ms))
        .map(|ms| {
            Field::date(
                ms.field(),
                match ms {
                    Milestone::Consultation => "Consultation held",
                    Milestone::Saq => "SAQ submitted",
                    Milestone::Feedback => "Feedback submitted",
                    Milestone::Observations => "Observations final",
                    Milestone::Summary => "Summary final",
                },
                m.get(ms),
                true,
            )
            .hint("empty = not yet; YYYY-MM-DD, t = today")
        })
        .collect();
        // Languages are agreed at the consultation: not known before it.
        if !later.contains(&Milestone::Consultation) {
            fields.insert(
                1,
                Field::languages("languages", "Languages", &review.languages),
            );
        }
        let mut fs = Fields::new(fields, self.today);
        let target = if next { m.first_missing() } else { focus };
        if let Some(t) = target
            && let Some(i) = fs.index(t.field())
        {
            fs.focus = i;
        }
        let mut facts = vec![
            self.review_label(&review),
            match self.desk.review_start(&review) {
                Some(s) => format!("group {} · started {s}", review.group),
                None => format!("group {}", review.group),
            },
        ];
        if !later.is_empty() {
            facts.push(format!(
                "recorded after {as_of}, kept as is: {} (t sets the as-at date)",
                later
                    .iter()
                    .map(|ms| ms.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        self.open_form(Form {
            kind: FormKind::Milestones { review: id },
            title: format!("Milestones of review #{id}"),
            facts,
            fields: fs,
            base: Some((Snapshot::Review(review), version)),
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    pub(in crate::app) fn ask_redraw(&mut self, id: i64) {
        let Some(store) = &self.store else { return };
        let (review, version) = match store.review(id) {
            Ok(x) => x,
            Err(e) => {
                self.say(format!("cannot read review {id}: {e}"));
                return;
            }
        };
        if review.redraws >= MAX_REDRAWS {
            self.say(format!(
                "review #{id} was redrawn {} times already: a fifth redraw is refused (rule e)",
                review.redraws
            ));
            return;
        }
        let choices: Vec<Choice> = review
            .parties()
            .map(|p| Choice::new(p, self.party_label(p)))
            .collect();
        let lines = vec![
            self.review_label(&review),
            format!("redraws: {} of {MAX_REDRAWS} used", review.redraws),
            "The reviewers are drawn again by lot under rules (a)-(d); the draw is".into(),
            "recorded with its seed, the rules and who asked (rule f).".into(),
        ];
        self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
            title: format!("Request a redraw of review #{id}"),
            lines,
            verb: "draw",
            pending: Pending::Redraw {
                review: id,
                version,
            },
            choice: Some(("requested by".into(), choices, 0)),
        })));
    }

    pub(in crate::app) fn timeline_delete(&mut self) {
        let Some(id) = self.timeline.review else {
            self.say("no review shown");
            return;
        };
        let Some(store) = &self.store else { return };
        let reminders = store.reminders_with_ids(None, Some(id));
        let extensions = store.extensions_with_ids(id);
        let documents = store.documents_of_review(id);
        let (reminders, extensions, documents) = match (reminders, extensions, documents) {
            (Ok(a), Ok(b), Ok(c)) => (a, b, c),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                self.say(format!("cannot read review {id}: {e}"));
                return;
            }
        };
        let as_of = self.as_of();
        let mut items: Vec<PickItem> = reminders
            .into_iter()
            .filter(|s| s.reminder.date <= as_of)
            .map(|s| PickItem {
                label: format!("reminder {}", self.reminder_label(&s.reminder)),
                record: RecordRef::Reminder(s.id),
                version: s.version,
            })
            .collect();
        items.extend(
            extensions
                .into_iter()
                .filter(|s| s.extension.agreed <= as_of)
                .map(|s| PickItem {
                    label: format!(
                        "extension of {} to {} (agreed {}): {}",
                        s.extension.obligation.label(),
                        s.extension.due,
                        s.extension.agreed,
                        sanitize(&s.extension.reason)
                    ),
                    record: RecordRef::Extension(s.id),
                    version: s.version,
                }),
        );
        items.extend(
            documents
                .into_iter()
                .filter(|(d, _)| d.available <= as_of)
                .map(|(d, version)| PickItem {
                    label: format!("document: {} available {}", d.kind.label(), d.available),
                    record: RecordRef::Register(RegisterRef::Document(id, d.kind)),
                    version,
                }),
        );
        if items.is_empty() {
            self.say(format!(
                "delete: review #{id} has no reminder, extension or document on record as at {as_of}"
            ));
            return;
        }
        self.overlay = Some(Overlay::Picker(Picker {
            title: format!("Delete which record of review #{id}?"),
            cursor: 0,
            items,
            purpose: Purpose::Delete,
        }));
    }

    // ----- Parties and Contacts ----------------------------------------

    pub(in crate::app) fn open_nominate(&mut self, party: &str, role: Option<Role>) {
        let fields = vec![
            Field::choice(
                "role",
                "Role",
                role_choices(),
                role.unwrap_or(Role::FocalPoint).as_str(),
            ),
            Field::text("name", "Name", "", 200).required(),
            Field::text("email", "E-mail", "", 200).checked(email_problem),
            Field::text("phone", "Phone", "", 60).checked(phone_problem),
            Field::choice("gender", "Gender", gender_choices(), ""),
            Field::choice("affiliation", "Affiliation", affiliation_choices(), ""),
            Field::date("nominated", "Nominated on", Some(self.form_date()), false),
            Field::languages("languages", "Working languages", &[]),
        ];
        let mut fs = Fields::new(fields, self.today);
        if role.is_some() {
            fs.focus = 1;
        }
        self.open_form(Form {
            kind: FormKind::Nominate {
                party: party.to_string(),
            },
            title: "Nominate a person".into(),
            facts: vec![format!("for {}", self.party_label(party))],
            fields: fs,
            base: None,
            conflict: None,
            replacing: None,
            notice: None,
        });
    }

    pub(in crate::app) fn pick_person(&mut self, purpose: Purpose) {
        let Some(code) = self.current_party_code() else {
            self.say("no party selected");
            return;
        };
        let as_of = self.as_of();
        let roster = &*self.desk.people;
        let pi = self.data.party(&code);
        let of_party: &[u32] = if pi == NONE {
            &[]
        } else {
            self.data.people_by_party(&self.desk).get(pi)
        };
        let mut people: Vec<usize> = of_party
            .iter()
            .map(|&i| i as usize)
            // Only who is on record as at the session's date.
            .filter(|&i| roster.members()[i].nominated <= as_of)
            .filter(|&i| match purpose {
                Purpose::End | Purpose::Substitute => roster.members()[i].current(as_of),
                _ => true,
            })
            .collect();
        people.sort_by_key(|&i| {
            let p = &roster.members()[i];
            (!p.current(as_of), p.role, roster.id(i))
        });
        if people.is_empty() {
            self.say(format!(
                "{} has no {}person on record as at {as_of}",
                self.party_label(&code),
                if matches!(purpose, Purpose::End | Purpose::Substitute) {
                    "current "
                } else {
                    ""
                }
            ));
            return;
        }
        if people.len() == 1 && purpose != Purpose::Delete {
            let id = roster.id(people[0]);
            self.act_on_person(purpose, id, None);
            return;
        }
        let items = people
            .iter()
            .map(|&i| PickItem {
                label: self.person_label(roster.name(i), &roster.facts_of(i)),
                record: RecordRef::Person(roster.id(i)),
                version: 0,
            })
            .collect();
        self.overlay = Some(Overlay::Picker(Picker {
            title: match purpose {
                Purpose::Edit => "Edit whose contact details?",
                Purpose::End => "End whose nomination?",
                Purpose::Substitute => "Replace whom?",
                Purpose::Delete => "Delete which person?",
            }
            .into(),
            items,
            cursor: 0,
            purpose,
        }));
    }

    /// Opens what `purpose` does to person `id` (read fresh from the store).
    pub(in crate::app) fn act_on_person(
        &mut self,
        purpose: Purpose,
        id: i64,
        version: Option<i64>,
    ) {
        let Some(store) = &self.store else { return };
        let (person, current) = match store.person(id) {
            Ok(x) => x,
            Err(e) => {
                self.say(format!("cannot read person {id}: {e}"));
                return;
            }
        };
        let as_of = self.as_of();
        if person.nominated > as_of {
            self.say(format!(
                "{} is not on record as at {as_of} (t sets the as-at date)",
                safe(&person.name)
            ));
            return;
        }
        let version = version.filter(|v| *v > 0).unwrap_or(current);
        let label = self.person_label(&person.name, &Facts::from(&person));
        match purpose {
            Purpose::Edit => {
                // The working languages, as the mail's language may follow them.
                let languages = self
                    .store
                    .as_ref()
                    .and_then(|s| s.directory().ok())
                    .map(|d| d.languages(id).to_vec())
                    .unwrap_or_default();
                let fields = vec![
                    Field::text("name", "Name", &person.name, 200).required(),
                    Field::text(
                        "email",
                        "E-mail",
                        person.email.as_deref().unwrap_or(""),
                        200,
                    )
                    .checked(email_problem),
                    Field::text("phone", "Phone", person.phone.as_deref().unwrap_or(""), 60)
                        .checked(phone_problem),
                    Field::choice(
                        "gender",
                        "Gender",
                        gender_choices(),
                        person.gender.map_or("", |g| g.as_str()),
                    ),
                    Field::choice(
                        "affiliation",
                        "Affiliation",
                        affiliation_choices(),
                        person.affiliation.map_or("", |a| a.as_str()),
                    ),
                    Field::languages("languages", "Working languages", &languages),
                ];
                self.open_form(Form {
                    kind: FormKind::Contact { person: id },
                    title: "Edit contact details".into(),
                    facts: vec![label],
                    fields: Fields::new(fields, self.today),
                    base: Some((Snapshot::Person(person), version)),
                    conflict: None,
                    replacing: None,
                    notice: None,
                });
            }
            Purpose::End | Purpose::Substitute if person.ended.is_some() => {
                self.say(match person.ended.filter(|e| *e <= as_of) {
                    Some(e) => format!("{} ended on {e} already", safe(&person.name)),
                    // Said without the later date: the session is as at then.
                    None => format!(
                        "{}'s nomination ends after {as_of}, as recorded since (t sets the as-at date)",
                        safe(&person.name)
                    ),
                });
            }
            Purpose::End => {
                let fields = vec![Field::date(
                    "ended",
                    "Ended on",
                    Some(self.form_date()),
                    false,
                )];
                self.open_form(Form {
                    kind: FormKind::End { person: id },
                    title: "End a nomination".into(),
                    facts: vec![label, "The record is kept, with the date it ended.".into()],
                    fields: Fields::new(fields, self.today),
                    base: Some((Snapshot::Person(person), version)),
                    conflict: None,
                    replacing: None,
                    notice: None,
                });
            }
            Purpose::Substitute => {
                let fields = vec![
                    Field::text("name", "New name", "", 200).required(),
                    Field::text("email", "E-mail", "", 200).checked(email_problem),
                    Field::text("phone", "Phone", "", 60).checked(phone_problem),
                    Field::choice("gender", "Gender", gender_choices(), ""),
                    Field::choice("affiliation", "Affiliation", affiliation_choices(), ""),
                    Field::date("nominated", "Nominated on", Some(self.form_date()), false),
                    Field::date("ended", "Old one ends", Some(self.form_date()), false),
                ];
                self.open_form(Form {
                    kind: FormKind::Substitute {
                        party: person.party.to_string(),
                        old: id,
                    },
                    title: format!("Replace a {}", role_label(person.role)),
                    facts: vec![
                        format!("replaces {label}"),
                        "The new nomination and the end of the old one are one save.".into(),
                    ],
                    fields: Fields::new(fields, self.today),
                    base: Some((Snapshot::Person(person), version)),
                    conflict: None,
                    replacing: None,
                    notice: None,
                });
            }
            Purpose::Delete => {
                self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                    title: "Delete a person entered by mistake?".into(),
                    lines: vec![
                        label.clone(),
                        "To record that a nomination ended, use end_nomination instead:".into(),
                        "a deleted person leaves the desk (the audit log keeps the record).".into(),
                    ],
                    verb: "delete",
                    pending: Pending::Delete {
                        record: RecordRef::Person(id),
                        version,
                        what: format!("person {}", safe(&person.name)),
                    },
                    choice: None,
                })));
            }
        }
    }
}
