//! Each form of the terminal app, driven by keys on a session that owns a
//! real store: a valid save (one audited transaction, the panes reloaded),
//! each validation error (inline, nothing saved), cancel with and without
//! typed input, undo; deletes, the redraw dialog, the audit trail, paste.

use crate::fixtures::*;
use revdesk::app::edit::{Overlay, Pending};
use revdesk::app::{App, Form, FormKind, Pane};
use revdesk::domain::model::{Channel, Language, Obligation, Role};
use revdesk::store::Store;
use revdesk::store::edits::NewPerson;

fn select(app: &mut App, code: &str, obligation: &str) {
    let i = (0..app.overdue.rows.len())
        .find(|&i| {
            let l = app.overdue_line(i).unwrap();
            l.code == code && l.obligation == obligation
        })
        .unwrap_or_else(|| panic!("no overdue row {code} {obligation}"));
    app.overdue.cursor.selected = i;
}

fn form(app: &App) -> &Form {
    app.form().expect("a form is open")
}

fn error(app: &App, key: &str) -> Option<String> {
    form(app).fields.get(key).unwrap().error.clone()
}

fn value(app: &App, key: &str) -> String {
    form(app).fields.get(key).unwrap().value()
}

fn store(app: &App) -> &Store {
    app.store().unwrap()
}

fn msg(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

fn last_audit(app: &App, entity: &str, key: &str) -> revdesk::store::AuditEntry {
    store(app)
        .audit_trail(Some((entity, key)), 1)
        .unwrap()
        .pop()
        .unwrap_or_else(|| panic!("no audit entry for {entity} {key}"))
}

fn select_party(app: &mut App, code: &str) {
    press(app, &["4"]);
    let i = app
        .parties
        .rows
        .iter()
        .position(|&p| app.desk.parties[p].code == code)
        .unwrap();
    app.parties.cursor.selected = i;
}

fn select_contact(app: &mut App, name: &str) {
    press(app, &["5"]);
    let i = (0..app.contacts.rows.len())
        .find(|&i| app.contact_line(i).unwrap().name == name)
        .unwrap_or_else(|| panic!("no contact {name}"));
    app.contacts.cursor.selected = i;
}

#[test]
fn reminder_form_saves_one_audited_reminder_and_the_panes_show_it() {
    let (_dir, mut app) = editing_app();
    select(&mut app, "FRA", "SAQ");
    let before = app.overdue_line(app.overdue.cursor.selected).unwrap();
    press(&mut app, &["r"]);
    assert_eq!(
        form(&app).kind,
        FormKind::Reminder {
            party: "FRA".into(),
            review: Some(2),
            obligation: Obligation::Saq
        }
    );
    assert_eq!(
        value(&app, "date"),
        "2024-02-29",
        "the as-at date by default (today is 2024-03-15)"
    );
    // Channel: picked from the list, not typed.
    press(&mut app, &["right"]);
    assert_eq!(value(&app, "channel"), "note_verbale");
    press(&mut app, &["left", "left"]);
    assert_eq!(value(&app, "channel"), "phone", "wraps around");
    type_in(&mut app, "p");
    assert_eq!(
        value(&app, "channel"),
        "permanent_mission",
        "by its first letter"
    );
    press(&mut app, &["tab"]);
    type_in(&mut app, "asked the mission for the SAQ");
    press(&mut app, &["tab", "ctrl-u"]);
    type_in(&mut app, "2024-02-20");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "saved and closed: {}", msg(&app));
    assert!(msg(&app).contains("logged reminder"), "{}", msg(&app));
    let stored = store(&app)
        .reminders_with_ids(Some("FRA"), Some(2))
        .unwrap();
    assert_eq!(stored.len(), 1);
    let r = &stored[0];
    assert_eq!(r.reminder.channel, Channel::PermanentMission);
    assert_eq!(r.reminder.note, "asked the mission for the SAQ");
    assert_eq!(r.reminder.date, d("2024-02-20"));
    assert_eq!(r.recorded_by, "tester");
    let a = last_audit(&app, "reminder", &r.id.to_string());
    assert_eq!(
        (a.action.as_str(), a.os_user.as_str()),
        ("remind", "tester")
    );
    assert!(a.before.is_none() && a.after.unwrap().contains("asked the mission"));
    // The Overdue pane counts it at once.
    select(&mut app, "FRA", "SAQ");
    let after = app.overdue_line(app.overdue.cursor.selected).unwrap();
    assert_eq!(after.reminders, before.reminders + 1);
    assert!(after.last_reminder.starts_with("2024-02-20"), "{after:?}");
    // A reminder leaves the desk in memory as it was (no reload); undo
    // takes the count back at once too.
    press(&mut app, &["u", "y"]);
    assert!(msg(&app).contains("undone"), "{}", msg(&app));
    select(&mut app, "FRA", "SAQ");
    let undone = app.overdue_line(app.overdue.cursor.selected).unwrap();
    assert_eq!(undone.reminders, before.reminders);
}

#[test]
fn reminder_form_errors_are_inline_and_nothing_is_saved() {
    let (_dir, mut app) = editing_app();
    select(&mut app, "NGA", "focal point");
    press(&mut app, &["r", "tab", "tab", "ctrl-u"]);
    type_in(&mut app, "2024-13-01");
    // Checked on leaving the field.
    press(&mut app, &["tab"]);
    assert!(
        error(&app, "date").unwrap().contains("not a day"),
        "{:?}",
        error(&app, "date")
    );
    assert_eq!(form(&app).fields.focus, 0, "the cursor moves on");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_some(), "not saved");
    assert_eq!(
        form(&app).fields.focus,
        2,
        "the wrong field gets the cursor"
    );
    assert!(
        form(&app)
            .notice
            .as_deref()
            .unwrap()
            .contains("nothing was saved")
    );
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2024/02/20");
    press(&mut app, &["enter"]);
    assert!(error(&app, "date").unwrap().contains("YYYY-MM-DD"));
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2024-03-16");
    press(&mut app, &["enter"]);
    assert!(error(&app, "date").unwrap().contains("after today"));
    press(&mut app, &["ctrl-u"]);
    assert!(error(&app, "date").is_none(), "editing clears the error");
    press(&mut app, &["enter"]);
    assert!(error(&app, "date").unwrap().contains("a date is needed"));
    assert!(
        store(&app)
            .reminders_with_ids(Some("NGA"), None)
            .unwrap()
            .is_empty()
    );
    // "t" is today; Enter on the last field saves.
    type_in(&mut app, "t");
    press(&mut app, &["enter"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let r = store(&app).reminders_with_ids(Some("NGA"), None).unwrap();
    assert_eq!(r[0].reminder.date, today());
    assert_eq!(r[0].reminder.review, None);
    assert!(
        msg(&app).contains("after the as-at date 2024-02-29: not shown yet"),
        "{}",
        msg(&app)
    );
}

#[test]
fn cancel_asks_only_when_something_was_typed() {
    let (_dir, mut app) = editing_app();
    select(&mut app, "NGA", "focal point");
    // Nothing typed: Esc closes at once.
    press(&mut app, &["r", "esc"]);
    assert!(app.overlay.is_none());
    // Typed: Esc asks; any other key keeps the input.
    press(&mut app, &["r", "tab"]);
    type_in(&mut app, "draft");
    press(&mut app, &["esc"]);
    assert!(form(&app).fields.confirm_discard);
    press(&mut app, &["n"]);
    assert!(!form(&app).fields.confirm_discard);
    assert_eq!(value(&app, "note"), "draft", "kept, and n was not typed");
    // A second Esc discards.
    press(&mut app, &["esc", "esc"]);
    assert!(app.overlay.is_none());
    assert!(msg(&app).contains("discarded"));
    // So does y; a changed choice counts as input too.
    press(&mut app, &["r", "right", "esc"]);
    assert!(form(&app).fields.confirm_discard);
    press(&mut app, &["y"]);
    assert!(app.overlay.is_none());
    assert!(
        store(&app)
            .reminders_with_ids(Some("NGA"), None)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn undo_takes_back_the_last_save_as_an_audited_change() {
    let (_dir, mut app) = editing_app();
    select(&mut app, "NGA", "focal point");
    press(&mut app, &["r", "ctrl-s"]);
    let id = store(&app).reminders_with_ids(Some("NGA"), None).unwrap()[0].id;
    // The reminder log is the store's (the app keeps none in memory).
    let all_reminders = |app: &App| store(app).reminders_with_ids(None, None).unwrap().len();
    let n = all_reminders(&app);
    press(&mut app, &["u"]);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("undo asks first")
    };
    assert_eq!(c.pending, Pending::Undo);
    press(&mut app, &["y"]);
    assert!(msg(&app).starts_with("undone"), "{}", msg(&app));
    assert!(
        store(&app)
            .reminders_with_ids(Some("NGA"), None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(all_reminders(&app), n - 1);
    let a = last_audit(&app, "reminder", &id.to_string());
    assert_eq!(a.action, "undo");
    assert!(a.before.is_some() && a.after.is_none());
    // Nothing more to undo.
    press(&mut app, &["u"]);
    assert!(app.overlay.is_none());
    assert!(msg(&app).contains("nothing to undo"));
}

#[test]
fn extension_form_only_for_review_obligations_and_checks_the_dates() {
    let (_dir, mut app) = editing_app();
    select(&mut app, "AUT", "experts");
    press(&mut app, &["x"]);
    assert!(app.overlay.is_none());
    assert!(msg(&app).contains("cannot be extended"), "{}", msg(&app));
    select(&mut app, "FRA", "SAQ");
    press(&mut app, &["x", "ctrl-s"]);
    assert!(error(&app, "due").unwrap().contains("a date is needed"));
    assert!(error(&app, "reason").unwrap().contains("needed"));
    assert_eq!(form(&app).fields.focus, 0);
    type_in(&mut app, "2021-05-01");
    press(&mut app, &["tab"]);
    type_in(&mut app, "new government");
    press(&mut app, &["ctrl-s"]);
    assert!(
        error(&app, "due")
            .unwrap()
            .contains("after the original due date 2021-05-31"),
        "{:?}",
        error(&app, "due")
    );
    assert_eq!(form(&app).fields.focus, 0, "back on the wrong field");
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2024-06-30");
    press(&mut app, &["tab", "tab", "ctrl-u"]);
    type_in(&mut app, "2024-04-01");
    press(&mut app, &["ctrl-s"]);
    assert!(error(&app, "agreed").unwrap().contains("after today"));
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2024-02-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let ext = store(&app).extensions_with_ids(2).unwrap();
    assert_eq!(ext.len(), 1);
    assert_eq!(ext[0].extension.due, d("2024-06-30"));
    assert_eq!(ext[0].extension.reason, "new government");
    // The deadline moved (the original kept): no longer overdue.
    let items: Vec<_> = (0..app.data.entries.len())
        .map(|i| app.data.item(&app.desk, i))
        .collect();
    let it = items
        .iter()
        .find(|i| i.review == Some(2) && i.obligation == Obligation::Saq)
        .unwrap();
    assert_eq!(
        (it.due, it.original_due),
        (d("2024-06-30"), Some(d("2021-05-31")))
    );
    assert!(!(0..app.overdue.rows.len()).any(|i| {
        let l = app.overdue_line(i).unwrap();
        l.code == "FRA" && l.obligation == "SAQ"
    }));
    press(&mut app, &["u", "y"]);
    assert!(store(&app).extensions_with_ids(2).unwrap().is_empty());
}

#[test]
fn mark_met_opens_the_milestone_or_the_nomination() {
    let (_dir, mut app) = editing_app();
    // A review obligation: the milestone form, on the milestone.
    select(&mut app, "FRA", "SAQ");
    press(&mut app, &["m"]);
    assert_eq!(form(&app).kind, FormKind::Milestones { review: 2 });
    let f = &form(&app).fields;
    assert_eq!(f.list[f.focus].key, "saq_submitted");
    type_in(&mut app, "2021-06-01");
    press(&mut app, &["ctrl-s"]);
    // Review 2 had no consultation: the order is checked.
    assert!(
        error(&app, "saq_submitted")
            .unwrap()
            .contains("needs consultation held first"),
        "{:?}",
        error(&app, "saq_submitted")
    );
    press(&mut app, &["shift-tab", "shift-tab"]);
    type_in(&mut app, "2021-03-01");
    press(&mut app, &["tab"]);
    // Languages: picked by their code's letter (or Space on the cursor).
    type_in(&mut app, "ef");
    assert_eq!(value(&app, "languages"), "en,fr");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let (r, version) = store(&app).review(2).unwrap();
    assert_eq!(r.milestones.consultation_held, Some(d("2021-03-01")));
    assert_eq!(r.milestones.saq_submitted, Some(d("2021-06-01")));
    assert_eq!(r.languages.as_slice(), [Language::En, Language::Fr]);
    assert_eq!(version, 2);
    assert!(
        !(0..app.overdue.rows.len()).any(|i| {
            let l = app.overdue_line(i).unwrap();
            l.code == "FRA" && l.obligation == "SAQ"
        }),
        "met: gone from Overdue"
    );
    assert_eq!(last_audit(&app, "review", "2").action, "record");

    // A nomination: the nomination form, role chosen, for that party.
    select(&mut app, "EU", "focal point");
    press(&mut app, &["m"]);
    assert_eq!(form(&app).kind, FormKind::Nominate { party: "EU".into() });
    assert_eq!(value(&app, "role"), "focal_point");
    type_in(&mut app, "Ursula Example");
    press(&mut app, &["tab", "tab", "tab", "tab", "tab", "ctrl-u"]);
    type_in(&mut app, "2024-02-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let p = app
        .desk
        .to_desk()
        .people
        .into_iter()
        .find(|p| p.name == "Ursula Example")
        .unwrap();
    assert_eq!((p.party.as_str(), p.role), ("EU", Role::FocalPoint));
    assert!(!(0..app.overdue.rows.len()).any(|i| {
        let l = app.overdue_line(i).unwrap();
        l.code == "EU" && l.obligation == "focal point"
    }));
}

#[test]
fn milestones_form_checks_order_dates_and_languages() {
    let (_dir, mut app) = editing_app();
    press(&mut app, &["2"]);
    app.reviews.cursor.selected = 0; // review 1
    press(&mut app, &["e"]);
    assert_eq!(form(&app).kind, FormKind::Milestones { review: 1 });
    assert_eq!(value(&app, "consultation_held"), "2021-02-01", "prefilled");
    assert_eq!(value(&app, "saq_submitted"), "2021-08-31");
    // Feedback before the SAQ, and a date after today.
    press(&mut app, &["tab", "tab", "tab"]);
    type_in(&mut app, "2021-08-01");
    press(&mut app, &["tab"]);
    type_in(&mut app, "2024-04-01");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(
        error(&app, "feedback_submitted").unwrap(),
        "is before SAQ submitted (2021-08-31)"
    );
    assert!(
        error(&app, "observations_finalized")
            .unwrap()
            .contains("after today")
    );
    // Clearing the consultation leaves languages without it.
    assert_eq!(form(&app).fields.focus, 3, "the first wrong field");
    press(&mut app, &["ctrl-u", "tab", "ctrl-u"]);
    for _ in 0..4 {
        press(&mut app, &["shift-tab"]);
    }
    assert_eq!(
        form(&app).fields.list[form(&app).fields.focus].key,
        "consultation_held"
    );
    press(&mut app, &["ctrl-u", "ctrl-s"]);
    assert!(error(&app, "languages").unwrap().contains("consultation"));
    assert!(error(&app, "saq_submitted").is_some());
    assert_eq!(store(&app).review(1).unwrap().1, 1, "nothing written");
    // Put right: only the feedback is new.
    press(&mut app, &["shift-tab"]);
    type_in(&mut app, "2021-02-01");
    press(&mut app, &["tab", "tab", "tab"]);
    type_in(&mut app, "2022-01-20");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let (r, _) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, Some(d("2022-01-20")));
    assert_eq!(r.milestones.consultation_held, Some(d("2021-02-01")));
    assert!(msg(&app).contains("feedback 2022-01-20"), "{}", msg(&app));
    // Saving an unchanged form writes nothing.
    press(&mut app, &["e", "ctrl-s"]);
    assert!(msg(&app).contains("nothing changed"));
    assert_eq!(store(&app).review(1).unwrap().1, 2);
    // Undo puts the review back.
    press(&mut app, &["u", "y"]);
    let (r, v) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, None);
    assert_eq!(v, 3, "undo is a change of its own");
}

#[test]
fn nominate_form_checks_name_email_and_phone() {
    let (_dir, mut app) = editing_app();
    select_party(&mut app, "KEN");
    press(&mut app, &["n"]);
    assert_eq!(
        form(&app).kind,
        FormKind::Nominate {
            party: "KEN".into()
        }
    );
    press(&mut app, &["space"]);
    assert_eq!(value(&app, "role"), "expert");
    press(&mut app, &["ctrl-s"]);
    assert!(error(&app, "name").unwrap().contains("needed"));
    type_in(&mut app, "Achieng Otieno");
    press(&mut app, &["tab"]);
    type_in(&mut app, "achieng at example");
    press(&mut app, &["tab"]);
    assert!(
        error(&app, "email")
            .unwrap()
            .contains("not an e-mail address")
    );
    type_in(&mut app, "call me");
    press(&mut app, &["tab"]);
    assert!(
        error(&app, "phone")
            .unwrap()
            .contains("not a telephone number")
    );
    type_in(&mut app, "f");
    assert_eq!(value(&app, "gender"), "female");
    press(&mut app, &["tab"]);
    type_in(&mut app, "j");
    assert_eq!(value(&app, "affiliation"), "justice");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_some(), "two fields wrong");
    assert_eq!(form(&app).fields.focus, 2, "on the first wrong one");
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "achieng.otieno@justice.ke.example");
    press(&mut app, &["tab", "ctrl-u"]);
    type_in(&mut app, "+254 20 000 0001");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let p = app
        .desk
        .to_desk()
        .people
        .into_iter()
        .find(|p| p.name == "Achieng Otieno")
        .unwrap()
        .clone();
    assert_eq!(p.role, Role::Expert);
    // E-mail and phone are the store's (the desk in memory has none).
    let (stored, _) = store(&app).person(p.id).unwrap();
    assert_eq!(
        stored.email.as_deref(),
        Some("achieng.otieno@justice.ke.example")
    );
    // The as-at date by default.
    assert_eq!(p.nominated, as_of());
    assert_eq!(
        last_audit(&app, "person", &p.id.to_string()).action,
        "nominate"
    );
    press(&mut app, &["u", "y"]);
    assert!(
        store(&app).person(p.id).is_err(),
        "undo removed the nominee"
    );
}

#[test]
fn contact_details_are_edited_and_undone() {
    let (_dir, mut app) = editing_app();
    select_contact(&mut app, "Lukas Huber");
    press(&mut app, &["e"]);
    assert_eq!(value(&app, "name"), "Lukas Huber");
    press(&mut app, &["tab"]);
    type_in(&mut app, "lukas.huber@bmj.at.example");
    press(&mut app, &["tab", "tab", "tab"]);
    type_in(&mut app, "f");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let (p, v) = store(&app).person(2).unwrap();
    assert_eq!(p.email.as_deref(), Some("lukas.huber@bmj.at.example"));
    assert_eq!(p.affiliation.map(|a| a.as_str()), Some("foreign_affairs"));
    assert_eq!(v, 2);
    let a = last_audit(&app, "person", "2");
    assert_eq!(a.action, "edit");
    assert!(a.before.unwrap().contains("\"email\":null"));
    press(&mut app, &["u", "y"]);
    assert_eq!(store(&app).person(2).unwrap().0.email, None);
}

#[test]
fn end_nomination_checks_the_date_and_keeps_the_record() {
    let (_dir, mut app) = editing_app();
    select_contact(&mut app, "Wanjiru Kamau");
    press(&mut app, &["E"]);
    assert_eq!(form(&app).kind, FormKind::End { person: 5 });
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2021-01-01");
    press(&mut app, &["ctrl-s"]);
    assert!(
        error(&app, "ended")
            .unwrap()
            .contains("before the nomination on 2021-11-10")
    );
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2024-02-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let (p, _) = store(&app).person(5).unwrap();
    assert_eq!(p.ended, Some(d("2024-02-01")));
    // Ending twice is refused before any form opens.
    select_contact(&mut app, "Wanjiru Kamau");
    press(&mut app, &["E"]);
    assert!(app.overlay.is_none());
    assert!(
        msg(&app).contains("ended on 2024-02-01 already"),
        "{}",
        msg(&app)
    );
}

#[test]
fn a_substitution_is_one_save_and_one_undo() {
    let (_dir, mut app) = editing_app();
    select_party(&mut app, "KEN");
    // One current person: no list to choose from.
    press(&mut app, &["s"]);
    assert_eq!(
        form(&app).kind,
        FormKind::Substitute {
            party: "KEN".into(),
            old: 5
        }
    );
    type_in(&mut app, "Otieno Example");
    press(&mut app, &["tab", "tab", "tab", "tab", "tab", "ctrl-u"]);
    type_in(&mut app, "2024-02-01");
    press(&mut app, &["tab", "ctrl-u"]);
    type_in(&mut app, "2024-02-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let old = store(&app).person(5).unwrap().0;
    assert_eq!(old.ended, Some(d("2024-02-01")));
    let new = app
        .desk
        .to_desk()
        .people
        .into_iter()
        .find(|p| p.name == "Otieno Example")
        .unwrap()
        .clone();
    assert_eq!((new.role, new.party.as_str()), (Role::FocalPoint, "KEN"));
    // Both changes carry the same time: one transaction.
    let a = last_audit(&app, "person", "5");
    let b = last_audit(&app, "person", &new.id.to_string());
    assert_eq!((a.action.as_str(), b.action.as_str()), ("end", "nominate"));
    assert_eq!(a.at, b.at);
    press(&mut app, &["u", "y"]);
    assert_eq!(store(&app).person(5).unwrap().0.ended, None);
    assert!(store(&app).person(new.id).is_err());
}

#[test]
fn a_failing_part_leaves_nothing_half_written() {
    let (_dir, mut app) = editing_app();
    let store = app.store_mut().unwrap();
    let r = store.write(|w| {
        w.end_nomination_checked(5, d("2024-02-01"), None)?;
        w.nominate(&NewPerson {
            party: "XXX".into(),
            role: Role::FocalPoint,
            name: "Nobody".into(),
            email: None,
            phone: None,
            gender: None,
            affiliation: None,
            nominated: d("2024-02-01"),
        })
    });
    assert!(r.is_err());
    assert_eq!(store.person(5).unwrap().0.ended, None, "rolled back");
}

#[test]
fn deletes_ask_first_and_the_audit_log_keeps_the_record() {
    let (_dir, mut app) = editing_app();
    // A reminder, from the Timeline of its review.
    app.open_review(1);
    press(&mut app, &["D"]);
    let Some(Overlay::Picker(p)) = &app.overlay else {
        panic!("a list to choose from")
    };
    assert!(
        p.items[0].label.contains("2021-06-03"),
        "{:?}",
        p.items[0].label
    );
    assert!(!p.items.iter().any(|i| i.label.contains("extension")));
    press(&mut app, &["enter"]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    press(&mut app, &["n"]);
    assert!(app.overlay.is_none());
    assert_eq!(
        store(&app).reminders_with_ids(None, Some(1)).unwrap().len(),
        1
    );
    press(&mut app, &["D", "enter", "y"]);
    assert!(
        store(&app)
            .reminders_with_ids(None, Some(1))
            .unwrap()
            .is_empty()
    );
    let id = {
        let trail = store(&app).audit_of_review(1, 5).unwrap();
        let e = trail.iter().find(|e| e.action == "delete").unwrap().clone();
        assert!(e.before.as_deref().unwrap().contains("first reminder"));
        assert!(e.after.is_none());
        e.key
    };
    // Undo puts it back under its number.
    press(&mut app, &["u", "y"]);
    let back = store(&app).reminders_with_ids(None, Some(1)).unwrap();
    assert_eq!(back[0].id.to_string(), id);
    assert_eq!(back[0].reminder.note, "first reminder");

    // A person entered by mistake.
    select_contact(&mut app, "Chidi Okafor");
    press(&mut app, &["D"]);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("asks first")
    };
    assert!(c.lines[0].contains("Chidi Okafor"));
    press(&mut app, &["y"]);
    assert!(store(&app).person(6).is_err());
    assert!(app.desk.people.position(6).is_none());
    let a = last_audit(&app, "person", "6");
    assert_eq!(a.action, "delete");
    assert!(a.before.unwrap().contains("Chidi Okafor") && a.after.is_none());
}

#[test]
fn a_redraw_asks_with_the_count_and_is_recorded_like_the_command() {
    let (_dir, mut app) = editing_app();
    press(&mut app, &["2"]);
    app.reviews.cursor.selected = 1; // review 2, redrawn once already
    press(&mut app, &["R"]);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("asks first")
    };
    assert!(
        c.lines.iter().any(|l| l.contains("1 of 4 used")),
        "{:?}",
        c.lines
    );
    press(&mut app, &["esc"]);
    assert!(app.overlay.is_none());
    assert_eq!(store(&app).review(2).unwrap().0.redraws, 1);
    app.reviews.cursor.selected = 2; // review 3, KEN
    press(&mut app, &["R"]);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("asks first")
    };
    assert!(c.lines.iter().any(|l| l.contains("0 of 4 used")));
    // The party asking: the one under review first, then the reviewers.
    press(&mut app, &["right"]);
    press(&mut app, &["y"]);
    assert!(app.overlay.is_none());
    let (r, _) = store(&app).review(3).unwrap();
    assert_eq!(r.redraws, 1, "{}", msg(&app));
    let draws = store(&app).draws().unwrap();
    let last = draws.last().unwrap();
    assert_eq!(last.review, Some(3));
    assert_eq!(last.requested_by.as_deref(), Some("NGA"));
    assert_eq!(last.os_user, "tester");
    assert!(
        msg(&app).contains("redrawn at the request of NGA"),
        "{}",
        msg(&app)
    );
    assert_eq!(last_audit(&app, "review", "3").action, "redraw");
    // A redraw is not taken back by undo.
    press(&mut app, &["u"]);
    assert!(msg(&app).contains("nothing to undo"));
}

#[test]
fn the_audit_trail_of_a_record_opens_from_its_pane() {
    let (_dir, mut app) = editing_app();
    save_email(&mut app, "Lukas Huber", "lh@bmj.at.example");
    press(&mut app, &["a"]);
    let Some(Overlay::Audit(v)) = &app.overlay else {
        panic!("the audit trail")
    };
    let text: Vec<&str> = v.lines.iter().map(|l| l.1.as_str()).collect();
    assert!(text[0].contains("tester  edit  person 2"), "{text:?}");
    assert!(text[1].contains("email: — → lh@bmj.at.example"), "{text:?}");
    let screen = screen(&mut app, 100, 30);
    assert!(screen.contains("Audit trail of Lukas Huber"), "{screen}");
    press(&mut app, &["esc"]);
    assert!(app.overlay.is_none());
    // Parties gather their people and reminders.
    select_party(&mut app, "AUT");
    press(&mut app, &["a"]);
    let Some(Overlay::Audit(v)) = &app.overlay else {
        panic!("the audit trail")
    };
    assert!(v.lines[0].1.contains("person 2"), "{:?}", v.lines);
}

#[test]
fn pasted_text_is_cleaned_like_typed_text() {
    let (_dir, mut app) = editing_app();
    select(&mut app, "NGA", "focal point");
    press(&mut app, &["r"]);
    app.paste("ignored");
    assert!(
        form(&app)
            .fields
            .note
            .as_deref()
            .unwrap()
            .contains("is a list")
    );
    assert_eq!(value(&app, "channel"), "email");
    press(&mut app, &["tab"]);
    app.paste("line one\r\nline\ttwo \x1b[2J\x07\u{202e}end\u{9b}");
    assert_eq!(value(&app, "note"), "line one line two [2Jend");
    press(&mut app, &["ctrl-s"]);
    let r = store(&app).reminders_with_ids(Some("NGA"), None).unwrap();
    assert_eq!(r[0].reminder.note, "line one line two [2Jend");
    // Into a filter, too; outside any field it is refused.
    press(&mut app, &["/"]);
    app.paste("nig\neria");
    assert_eq!(app.overdue.filter.text, "nig eria");
    press(&mut app, &["esc"]);
    app.paste("x");
    assert!(msg(&app).contains("pasted text ignored"));
}

#[test]
fn keys_outside_their_pane_say_where_they_work() {
    let (_dir, mut app) = editing_app();
    app.keymap =
        revdesk::app::Keymap::with_user_text("[global]\n\"r\" = \"remind\"\n", "t").unwrap();
    press(&mut app, &["6", "r"]);
    assert!(app.overlay.is_none());
    assert!(msg(&app).contains("Overdue pane"), "{}", msg(&app));
    assert_eq!(app.pane(), Pane::Figures);
}

#[test]
fn every_form_asks_before_discarding_typed_input_and_writes_nothing() {
    let (_dir, mut app) = editing_app();
    let audit = store(&app).audit_trail(None, 1000).unwrap().len();
    let forms: [&[&str]; 7] = [
        &["1", "r"],
        &["1", "j", "j", "j", "j", "j", "j", "x"],
        &["2", "e"],
        &["4", "n"],
        &["5", "e"],
        &["5", "E"],
        &["4", "j", "j", "j", "j", "s"],
    ];
    for keys in forms {
        press(&mut app, keys);
        assert!(app.form().is_some(), "{keys:?}: {}", msg(&app));
        // Untouched: Esc closes at once.
        press(&mut app, &["esc"]);
        assert!(app.overlay.is_none(), "{keys:?}");
        press(&mut app, keys);
        // A typed character (or a picked choice) is input.
        let f = &form(&app).fields;
        if f.list[f.focus].is_text() {
            type_in(&mut app, "9");
        } else {
            press(&mut app, &["right"]);
        }
        press(&mut app, &["esc"]);
        assert!(form(&app).fields.confirm_discard, "{keys:?}");
        press(&mut app, &["tab"]);
        assert!(app.form().is_some(), "{keys:?}: any other key keeps it");
        press(&mut app, &["esc", "esc"]);
        assert!(app.overlay.is_none(), "{keys:?}");
    }
    assert_eq!(store(&app).audit_trail(None, 1000).unwrap().len(), audit);
}

#[test]
fn ending_a_nomination_is_undone_too() {
    let (_dir, mut app) = editing_app();
    select_contact(&mut app, "Claire Martin");
    press(&mut app, &["E", "ctrl-s"]);
    // The as-at date by default.
    assert_eq!(store(&app).person(3).unwrap().0.ended, Some(as_of()));
    press(&mut app, &["u", "y"]);
    assert_eq!(store(&app).person(3).unwrap().0.ended, None);
    assert_eq!(last_audit(&app, "person", "3").action, "undo");
}

/// The session holds the lean desk (no e-mail or phone in memory), as the
/// terminal app does: copying reads them from the store.
#[test]
fn copying_an_e_mail_or_a_card_reads_the_store() {
    let (_dir, mut app) = editing_app();
    assert!((0..app.desk.people.len()).all(|i| app.desk.people.reach(i).is_none()));
    select_contact(&mut app, "Anna Gruber");
    press(&mut app, &["y"]);
    assert_eq!(
        app.take_clipboard().as_deref(),
        Some("anna.gruber@bmeia.at.example")
    );
    press(&mut app, &["Y"]);
    let card = app.take_clipboard().unwrap();
    assert!(
        card.contains("Email: anna.gruber@bmeia.at.example"),
        "{card}"
    );
    assert!(card.contains("Phone: +43 1 0000 01"), "{card}");
}

/// An e-mail changed in the form is found by the Contacts search at once,
/// though the lean desk in memory does not change.
#[test]
fn a_saved_e_mail_is_searchable_at_once() {
    let (_dir, mut app) = editing_app();
    save_email(&mut app, "Lukas Huber", "lukas.huber@bmj.at.example");
    press(&mut app, &["/"]);
    app.type_text("bmj.at");
    assert_eq!(app.contacts.exact, 1);
    assert_eq!(app.contact_line(0).unwrap().name, "Lukas Huber");
    assert_eq!(
        app.contact_line(0).unwrap().email,
        "lukas.huber@bmj.at.example"
    );
}

/// Changes a person's e-mail through the Contacts form and saves it.
fn save_email(app: &mut App, person: &str, email: &str) {
    select_contact(app, person);
    press(app, &["e", "tab"]);
    type_in(app, email);
    press(app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(app));
}
