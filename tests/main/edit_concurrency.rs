//! Many sessions, one store: two connections on one file edit the same
//! record; the second save is refused with the first's change intact, and
//! then "take theirs" and "save over" work. Undo is refused after a
//! colleague's change. A store locked beyond the busy timeout writes
//! nothing and the save can be tried again.

use crate::fixtures::*;
use revdesk::app::{App, Form};
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
    assert_eq!(
        c.rows,
        vec![(
            "feedback".to_string(),
            "2022-01-10".to_string(),
            "2022-02-01".to_string()
        )]
    );
    assert!(
        msg(&app).contains("alice changed review #1"),
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
        screen.contains("Not saved: alice changed this record"),
        "{screen}"
    );
    assert!(screen.contains("2022-01-10"), "{screen}");
}

#[test]
fn take_theirs_then_keep_typing_saves_on_top_of_their_change() {
    let (dir, mut app) = editing_app();
    type_feedback(&mut app, "2022-02-01");
    alice_records_feedback(&dir, "2022-01-10");
    press(&mut app, &["ctrl-s", "ctrl-r"]);
    assert!(form(&app).conflict.is_none());
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
fn saving_over_writes_the_form_as_shown_and_nothing_outside_it() {
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
    press(&mut app, &["ctrl-s"]);
    let c = form(&app).conflict.clone().unwrap();
    let what: Vec<&str> = c.rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(what, ["languages", "reviewers", "redraws"]);
    assert_eq!(c.rows[0].2, "en", "yours, as the form shows it");
    assert_eq!(c.rows[1].2, "(not in this form)");
    // Saving over writes what the form shows (its "yours" column); the
    // reviewers and redraws are never taken from the old copy.
    press(&mut app, &["ctrl-o"]);
    let (r, _) = store(&app).review(1).unwrap();
    assert_eq!(r.milestones.feedback_submitted, Some(d("2022-02-01")));
    assert_eq!(
        r.languages.as_slice(),
        [revdesk::domain::model::Language::En]
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
    assert_eq!(
        c.rows[0],
        (
            "e-mail".into(),
            "huber@bmeia.at.example".into(),
            "lukas@bmj.at.example".into()
        )
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
