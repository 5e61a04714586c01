//! Trust in the app: nothing acts while the terminal is too small to show
//! it (a form open then is kept as it is), forms obey the as-at date.

use crate::fixtures::*;
use revdesk::app::App;

fn all_reminders(app: &App) -> usize {
    app.store()
        .unwrap()
        .reminders_with_ids(None, None)
        .unwrap()
        .len()
}

#[test]
fn while_too_small_no_key_acts_and_nothing_is_logged() {
    let (_dir, mut app) = editing_app();
    let before = all_reminders(&app);
    let text = screen(&mut app, 50, 14);
    assert!(text.contains("too small"), "{text}");
    // Today's bug: `r` then Ctrl-S logged a reminder never on screen.
    press(
        &mut app,
        &["r", "ctrl-s", "2", "e", "ctrl-s", "enter", "u", "y"],
    );
    app.paste("pasted");
    assert!(app.overlay.is_none(), "no form opened unseen");
    assert_eq!(all_reminders(&app), before);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("1 Overdue"), "the pane it was on:\n{text}");
    // Quit still acts.
    screen(&mut app, 50, 14);
    press(&mut app, &["q"]);
    assert!(app.quit);
}

#[test]
fn a_form_open_when_the_terminal_shrinks_is_kept_untouched() {
    let (_dir, mut app) = editing_app();
    let before = all_reminders(&app);
    screen(&mut app, 80, 24);
    press(&mut app, &["r", "tab"]);
    type_in(&mut app, "asked");
    let text = screen(&mut app, 50, 14);
    assert!(text.contains("the open form is kept"), "{text}");
    press(&mut app, &["x", "backspace", "esc", "ctrl-s", "tab"]);
    type_in(&mut app, "more");
    assert_eq!(all_reminders(&app), before, "nothing saved");
    let form = app.form().expect("the form is still open");
    assert_eq!(form.fields.get("note").unwrap().value(), "asked");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("asked"), "{text}");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(all_reminders(&app), before + 1, "saved once seen");
}

#[test]
fn copying_turned_off_sends_nothing_and_says_so() {
    use revdesk::app::osc52::{Copying, Route};
    let mut app = sample_app();
    app.copying = Copying::decide(Some("off"), None, Route::Tmux);
    press(&mut app, &["5", "/"]);
    app.type_text("bmeia");
    press(&mut app, &["enter", "y"]);
    assert_eq!(app.take_clipboard(), None);
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.starts_with("copying is off (REVDESK_CLIPBOARD=off)"),
        "{msg}"
    );
    app.copying = Copying::decide(None, None, Route::Tmux);
    press(&mut app, &["y"]);
    assert!(app.take_clipboard().is_some());
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.ends_with("to the terminal's clipboard (through tmux)"),
        "{msg}"
    );
}

#[test]
fn a_milestone_form_asks_before_replacing_a_recorded_date() {
    let (_dir, mut app) = editing_app();
    press(&mut app, &["2"]);
    app.reviews.cursor.selected = 0;
    let id = app.current_review().unwrap();
    let before = app.store().unwrap().review(id).unwrap();
    let old = before
        .0
        .milestones
        .consultation_held
        .expect("a recorded date");
    press(&mut app, &["e"]);
    let form = app.form().unwrap();
    assert_eq!(form.fields.list[form.fields.focus].key, "consultation_held");
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2021-01-05");
    press(&mut app, &["ctrl-s"]);
    let notice = app.form().expect("still open").notice.clone().unwrap();
    assert!(
        notice.contains(&format!("consultation {old} → 2021-01-05")),
        "names the old and new date: {notice}"
    );
    assert_eq!(
        app.store().unwrap().review(id).unwrap(),
        before,
        "nothing saved"
    );
    // Asked again when the replacement changes.
    press(&mut app, &["ctrl-u"]);
    type_in(&mut app, "2021-01-06");
    press(&mut app, &["ctrl-s"]);
    assert!(app.form().is_some(), "asked again for another date");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let after = app.store().unwrap().review(id).unwrap().0;
    assert_eq!(after.milestones.consultation_held, Some(d("2021-01-06")));
}
