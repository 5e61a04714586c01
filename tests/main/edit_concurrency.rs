//! Many sessions, one store: two connections on one file edit the same
//! record; the second save merges what only one side changed, and shows
//! the fields both changed to choose one by one ("theirs" or "yours"),
//! the first change intact until then. Undo is refused after a
//! colleague's change. A store locked beyond the busy timeout writes
//! nothing and the save can be tried again.

use crate::fixtures::*;
use revdesk::app::{App, Form, Side};
use revdesk::domain::model::Milestone;
use revdesk::store::Store;
use std::time::Duration;

fn form(app: &App) -> &Form {
    app.form().expect("a form is open")
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

/// Opens the milestones form of review 1 and types a feedback date.
fn type_feedback(app: &mut App, date: &str) {
    press(app, &["2"]);
    app.reviews.cursor.selected = 0;
    press(app, &["e", "tab", "tab", "tab"]);
    assert_eq!(
        form(app).fields.list[form(app).fields.focus].key,
        "feedback_submitted"
    );
    type_in(app, date);
}

/// Alice, in her own session, records the feedback of review 1.
fn alice_records_feedback(dir: &tempfile::TempDir, date: &str) -> Store {
    let mut alice = colleague(dir, "alice");
    alice
        .write(|w| w.record_milestone(1, Milestone::Feedback, Some(d(date)), None))
        .unwrap();
    alice
}

#[test]
fn the_second_save_is_refused_and_the_first_change_stays() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    let alice = alice_records_feedback(&dir, "2022-01-10");
    press(&mut app, &["ctrl-s"]);
    // Not saved: the form is still there, with what was typed.
    assert_eq!(value(&app, "feedback_submitted"), "2022-02-01");
    let c = form(&app).conflict.clone().expect("the conflict is shown");
    assert_eq!(c.by, "alice");
    let rows: Vec<(&str, &str, &str, Option<Side>)> = c
        .rows
        .iter()
        .map(|r| {
            (
                r.what.as_str(),
                r.theirs.as_str(),
                r.yours.as_str(),
                r.chosen,
            )
        })
        .collect();
    assert_eq!(rows, [("feedback", "2022-01-10", "2022-02-01", None)]);
    assert!(
        msg(&app).contains("alice changed this record") && msg(&app).contains("feedback"),
        "{}",
        msg(&app)
    );
    // Alice's change is intact, in both sessions' view of the file.
    for s in [store(&app), &alice] {
        let (r, v) = s.review(1).unwrap();
        assert_eq!(r.milestones.feedback_submitted, Some(d("2022-01-10")));
        assert_eq!(v, 2);
    }
    // Saving again without choosing is refused again.
    press(&mut app, &["ctrl-s"]);
    assert!(form(&app).conflict.is_some());
    assert_eq!(store(&app).review(1).unwrap().1, 2);
    let screen = screen(&mut app, 80, 24);
    assert!(
        screen.contains("Not saved yet: alice changed this record"),
        "{screen}"
    );
    assert!(screen.contains("to choose"), "{screen}");
    assert!(screen.contains("2022-01-10"), "{screen}");
}

#[test]
fn take_theirs_then_keep_typing_saves_on_top_of_their_change() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    alice_records_feedback(&dir, "2022-01-10");
    press(&mut app, &["ctrl-s", "ctrl-r"]);
    let c = form(&app).conflict.clone().unwrap();
    assert_eq!(c.rows[0].chosen, Some(Side::Theirs));
    assert_eq!(value(&app, "feedback_submitted"), "2022-01-10");
    assert_eq!(
        form(&app)
            .fields
            .get("feedback_submitted")
            .unwrap()
            .yours
            .as_deref(),
        Some("2022-02-01"),
        "what was typed stays in sight"
    );
    press(&mut app, &["tab"]);
    type_in(&mut app, "2022-04-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let (r, v) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, Some(d("2022-01-10")));
    assert_eq!(r.milestones.observations_finalized, Some(d("2022-04-01")));
    assert_eq!(v, 3);
}

#[test]
fn save_over_is_explicit_and_audited() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    alice_records_feedback(&dir, "2022-01-10");
    // Ctrl-O before any conflict does nothing.
    press(&mut app, &["ctrl-o"]);
    assert!(
        form(&app)
            .notice
            .as_deref()
            .unwrap()
            .contains("nothing to save over")
    );
    press(&mut app, &["ctrl-s", "ctrl-o"]);
    assert_eq!(
        form(&app).conflict.clone().unwrap().rows[0].chosen,
        Some(Side::Yours)
    );
    assert_eq!(
        store(&app).review(1).unwrap().1,
        2,
        "not saved before Ctrl-S"
    );
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    let (r, _) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, Some(d("2022-02-01")));
    let trail = store(&app).audit_trail(Some(("review", "1")), 5).unwrap();
    let who: Vec<(&str, &str)> = trail
        .iter()
        .map(|e| (e.os_user.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(who, [("tester", "record"), ("alice", "record")]);
    assert!(trail[0].before.as_deref().unwrap().contains("2022-01-10"));
}

#[test]
fn what_only_they_changed_is_merged_and_nothing_outside_the_form_is_written() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    let mut alice = colleague(&dir, "alice");
    alice
        .write(|w| {
            let (mut r, v) = w.review(1)?;
            r.languages = smallvec::smallvec![revdesk::domain::model::Language::Fr];
            r.reviewers.reverse();
            r.redraws += 1;
            w.put_review(&r, Some(v), "redraw")
        })
        .unwrap();
    // Languages (in the form) and the draw (not in it) are only theirs:
    // nothing to choose, the save goes on top of their version.
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    assert!(
        msg(&app).contains("merged with alice's change"),
        "{}",
        msg(&app)
    );
    assert!(msg(&app).contains("languages fr"), "{}", msg(&app));
    let (r, _) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, Some(d("2022-02-01")));
    assert_eq!(
        r.languages.as_slice(),
        [revdesk::domain::model::Language::Fr]
    );
    assert_eq!(r.reviewers.as_slice(), ["KEN", "FRA"]);
    assert_eq!(r.redraws, 1);
}

#[test]
fn contact_edits_conflict_too() {
    let (dir, mut app) = editing_app();
    press(&mut app, &["5"]);
    let i = (0..app.contacts.rows.len())
        .find(|&i| app.contact_line(i).unwrap().name == "Lukas Huber")
        .unwrap();
    app.contacts.cursor.selected = i;
    press(&mut app, &["e", "tab"]);
    type_in(&mut app, "lukas@bmj.at.example");
    let mut bob = colleague(&dir, "bob");
    bob.write(|w| {
        let (mut p, v) = w.person(2)?;
        p.email = Some("huber@bmeia.at.example".into());
        w.put_person(&p, Some(v), "edit")
    })
    .unwrap();
    press(&mut app, &["ctrl-s"]);
    let c = form(&app).conflict.clone().unwrap();
    assert_eq!(c.by, "bob");
    assert_eq!(c.rows.len(), 1);
    let r = &c.rows[0];
    assert_eq!(
        (r.what.as_str(), r.theirs.as_str(), r.yours.as_str()),
        ("e-mail", "huber@bmeia.at.example", "lukas@bmj.at.example")
    );
    assert_eq!(
        store(&app).person(2).unwrap().0.email.as_deref(),
        Some("huber@bmeia.at.example")
    );
}

#[test]
fn undo_is_refused_after_a_colleagues_change_and_allowed_otherwise() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none());
    let mut alice = colleague(&dir, "alice");
    alice
        .write(|w| w.record_milestone(1, Milestone::Observations, Some(d("2022-05-01")), None))
        .unwrap();
    press(&mut app, &["u", "y"]);
    assert!(msg(&app).contains("cannot undo"), "{}", msg(&app));
    assert!(msg(&app).contains("alice"), "{}", msg(&app));
    let (r, v) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, Some(d("2022-02-01")));
    assert_eq!(r.milestones.observations_finalized, Some(d("2022-05-01")));
    assert_eq!(v, 3, "nothing written");
    assert!(
        !store(&app)
            .audit_trail(Some(("review", "1")), 10)
            .unwrap()
            .iter()
            .any(|e| e.action == "undo")
    );
    // A colleague's change to another record does not stand in the way.
    press(&mut app, &["1"]);
    let i = (0..app.overdue.rows.len())
        .find(|&i| app.overdue_line(i).unwrap().code == "NGA")
        .unwrap();
    app.overdue.cursor.selected = i;
    press(&mut app, &["r", "ctrl-s"]);
    alice
        .write(|w| w.record_milestone(2, Milestone::Consultation, Some(d("2021-03-01")), None))
        .unwrap();
    press(&mut app, &["u", "y"]);
    assert!(msg(&app).starts_with("undone"), "{}", msg(&app));
}

#[test]
fn a_busy_store_writes_nothing_and_the_save_can_be_retried() {
    let (dir, mut app) = editing_app();
    app.store_mut()
        .unwrap()
        .set_busy_timeout(Duration::from_millis(100))
        .unwrap();
    press(&mut app, &["1"]);
    let i = (0..app.overdue.rows.len())
        .find(|&i| app.overdue_line(i).unwrap().code == "NGA")
        .unwrap();
    app.overdue.cursor.selected = i;
    press(&mut app, &["r", "tab"]);
    type_in(&mut app, "chased by phone");
    // Another session holds the write lock.
    let lock = rusqlite::Connection::open(dir.path().join("desk.db")).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    press(&mut app, &["ctrl-s"]);
    let notice = form(&app).notice.clone().unwrap();
    assert!(
        notice.contains("busy") && notice.contains("Ctrl-s tries again"),
        "{notice}"
    );
    assert_eq!(value(&app, "note"), "chased by phone");
    lock.execute_batch("ROLLBACK").unwrap();
    assert!(
        store(&app)
            .reminders_with_ids(Some("NGA"), None)
            .unwrap()
            .is_empty()
    );
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", msg(&app));
    assert_eq!(
        store(&app).reminders_with_ids(Some("NGA"), None).unwrap()[0]
            .reminder
            .note,
        "chased by phone"
    );
}

#[test]
fn a_colleagues_change_arriving_under_an_open_form_is_announced() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    alice_records_feedback(&dir, "2022-01-10");
    // What the terminal loop does when the store's data_version moves.
    assert!(app.reload_from_store().unwrap());
    assert!(
        form(&app)
            .notice
            .as_deref()
            .unwrap()
            .contains("changed this record"),
        "{:?}",
        form(&app).notice
    );
    assert_eq!(value(&app, "feedback_submitted"), "2022-02-01");
}

/// A second running app on the store of `dir`, as `user`.
fn second_app(dir: &tempfile::TempDir, user: &str) -> App {
    let store = colleague(dir, user);
    let desk = store.load_for_screens().unwrap();
    let mut app = App::new(
        desk,
        today(),
        Some(as_of()),
        revdesk::app::Keymap::defaults(),
        revdesk::app::Session {
            db_path: "desk.db".into(),
            user: user.into(),
            read_only: false,
        },
    );
    app.attach_store(store, None);
    app
}

/// Opens the contact form of Lukas Huber and puts `text` in `field`
/// (its text replaced).
fn edit_lukas(app: &mut App, field: &str, text: &str) {
    press(app, &["5"]);
    let i = (0..app.contacts.rows.len())
        .find(|&i| app.contact_line(i).unwrap().name == "Lukas Huber")
        .unwrap();
    app.contacts.cursor.selected = i;
    press(app, &["e"]);
    let at = form(app).fields.index(field).unwrap();
    while form(app).fields.focus != at {
        press(app, &["tab"]);
    }
    press(app, &["ctrl-u"]);
    type_in(app, text);
}

fn lukas(app: &App) -> revdesk::domain::model::Person {
    store(app).person(2).unwrap().0
}

#[test]
fn two_apps_changing_different_fields_of_one_person_both_keep_their_change() {
    let (dir, mut a) = editing_app();
    let mut b = second_app(&dir, "bob");
    // A opens the form first; B changes the phone and saves.
    edit_lukas(&mut a, "email", "lukas@bmj.at.example");
    edit_lukas(&mut b, "phone", "+43 1 5555 02");
    press(&mut b, &["ctrl-s"]);
    assert!(b.overlay.is_none(), "{}", msg(&b));
    // A changed only the e-mail: saved on top of B's phone, no question.
    press(&mut a, &["ctrl-s"]);
    assert!(a.overlay.is_none(), "no prompt: {}", msg(&a));
    assert!(msg(&a).contains("merged with bob's change"), "{}", msg(&a));
    assert!(msg(&a).contains("phone +43 1 5555 02"), "{}", msg(&a));
    let p = lukas(&a);
    assert_eq!(p.email.as_deref(), Some("lukas@bmj.at.example"));
    assert_eq!(p.phone.as_deref(), Some("+43 1 5555 02"));
    assert_eq!(lukas(&b), p, "both apps read the same");
}

#[test]
fn two_apps_changing_one_field_show_only_that_field_to_choose() {
    let (dir, mut a) = editing_app();
    let mut b = second_app(&dir, "bob");
    edit_lukas(&mut a, "email", "lukas@bmj.at.example");
    press(&mut a, &["tab", "ctrl-u"]);
    type_in(&mut a, "+43 1 7777 07");
    // B changes the e-mail too, and the name.
    edit_lukas(&mut b, "email", "huber@justiz.gv.at.example");
    press(&mut b, &["shift-tab", "ctrl-u"]);
    type_in(&mut b, "Lukas M. Huber");
    press(&mut b, &["ctrl-s"]);
    assert!(b.overlay.is_none(), "{}", msg(&b));
    press(&mut a, &["ctrl-s"]);
    // Only the e-mail is to choose: B's name is merged, A's phone kept.
    let c = form(&a).conflict.clone().expect("a field to choose");
    let what: Vec<&str> = c.rows.iter().map(|r| r.what.as_str()).collect();
    assert_eq!(what, ["e-mail"]);
    assert_eq!(c.rows[0].theirs, "huber@justiz.gv.at.example");
    assert_eq!(c.rows[0].yours, "lukas@bmj.at.example");
    assert_eq!(value(&a, "name"), "Lukas M. Huber");
    assert_eq!(value(&a, "phone"), "+43 1 7777 07");
    let text = screen(&mut a, 100, 30);
    assert!(text.contains("huber@justiz.gv"), "{text}");
    assert!(text.contains("lukas@bmj.at.example"), "{text}");
    assert_eq!(text.matches("to choose").count(), 1, "one row:\n{text}");
    // Nothing saved until chosen.
    press(&mut a, &["ctrl-s"]);
    assert!(form(&a).notice.as_deref().unwrap().contains("e-mail first"));
    assert_eq!(
        lukas(&a).email.as_deref(),
        Some("huber@justiz.gv.at.example")
    );
    press(&mut a, &["ctrl-o", "ctrl-s"]);
    assert!(a.overlay.is_none(), "{}", msg(&a));
    let p = lukas(&a);
    assert_eq!(&*p.name, "Lukas M. Huber");
    assert_eq!(p.email.as_deref(), Some("lukas@bmj.at.example"));
    assert_eq!(p.phone.as_deref(), Some("+43 1 7777 07"));
}
