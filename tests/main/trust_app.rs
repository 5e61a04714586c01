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

/// The text inside the box drawn over the panes (form, dialog, list), or
/// nothing when none is open.
fn overlay_text(screen: &str) -> String {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let Some(top) = lines.iter().position(|l| l.contains(&'┌')) else {
        return String::new();
    };
    let left = lines[top].iter().position(|&c| c == '┌').unwrap();
    let right = lines[top]
        .iter()
        .rposition(|&c| c == '┐')
        .unwrap_or(lines[top].len());
    let mut out = String::new();
    for l in &lines[top..] {
        let end = right.min(l.len());
        if left < end {
            out.extend(&l[left..end]);
        }
        out.push('\n');
        if l.get(left) == Some(&'└') {
            break;
        }
    }
    out
}

/// Every YYYY-MM-DD in `text` that says when something happened: a
/// deadline ("due 2021-08-31", "extension … to 2021-08-31") may lie after
/// the as-at date and is known then, so it is left out.
fn dates_in(text: &str) -> Vec<chrono::NaiveDate> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(9) {
        let s = &b[i..i + 10];
        let shape = s.iter().enumerate().all(|(j, c)| {
            if j == 4 || j == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        let before = String::from_utf8_lossy(&b[i.saturating_sub(4)..i]);
        let deadline = before.ends_with("due ") || before.ends_with(" to ");
        if shape
            && !deadline
            && let Ok(d) = std::str::from_utf8(s).unwrap().parse()
        {
            out.push(d);
        }
    }
    out
}

/// Presses `keys`; whatever opens (form, dialog, list, and the form a
/// list's first choice opens) shows no date after `early`, nor does the
/// status line; then everything is closed again.
fn sweep(app: &mut App, early: chrono::NaiveDate, keys: &[&str], what: &str) -> usize {
    let mut seen = 0;
    press(app, keys);
    for step in 0..2 {
        if app.overlay.is_none() {
            break;
        }
        seen += 1;
        let box_text = overlay_text(&screen(app, 120, 40));
        let msg = app.message.clone().unwrap_or_default();
        for d in dates_in(&box_text).into_iter().chain(dates_in(&msg)) {
            assert!(
                d <= early,
                "{what} {keys:?} step {step} shows {d}:\n{box_text}\n{msg}"
            );
        }
        // A list: its first choice (a form or a question) is swept too.
        if matches!(app.overlay, Some(revdesk::app::Overlay::Picker(_))) {
            press(app, &["enter"]);
        } else {
            break;
        }
    }
    for _ in 0..4 {
        if app.overlay.is_none() {
            break;
        }
        press(app, &["esc"]);
    }
    assert!(app.overlay.is_none(), "{what} {keys:?} closes");
    let msg = app.message.clone().unwrap_or_default();
    for d in dates_in(&msg) {
        assert!(d <= early, "{what} {keys:?}: the message shows {d}: {msg}");
    }
    seen
}

/// About 30 rows spread over a list of `n`, first and last among them.
fn spread(n: usize) -> Vec<usize> {
    let step = (n / 30).max(1);
    let mut v: Vec<usize> = (0..n).step_by(step).collect();
    if n > 0 && v.last() != Some(&(n - 1)) {
        v.push(n - 1);
    }
    v
}

#[test]
fn every_form_at_an_early_as_at_date_shows_no_later_date() {
    let early = d("2021-06-01");
    let (_dir, mut app) = editing_app_on(&revdesk::demo::build(today()).desk);
    press(&mut app, &["t"]);
    type_in(&mut app, "2021-06-01");
    press(&mut app, &["enter"]);
    assert_eq!(app.as_of(), early);
    let mut opened = 0;
    // Overdue: remind, extend, mark met, delete, on every row.
    press(&mut app, &["1"]);
    for i in spread(app.overdue.rows.len()) {
        for k in ["r", "x", "m", "D"] {
            app.overdue.cursor.selected = i;
            opened += sweep(&mut app, early, &[k], &format!("overdue row {i}"));
        }
    }
    // Reviews: milestones and a redraw, on every row.
    press(&mut app, &["2"]);
    for i in spread(app.reviews.rows.len()) {
        for k in ["e", "m", "R"] {
            press(&mut app, &["2"]);
            app.reviews.cursor.selected = i;
            opened += sweep(&mut app, early, &[k], &format!("reviews row {i}"));
        }
        // And the Timeline of that review: its records to delete.
        press(&mut app, &["2"]);
        app.reviews.cursor.selected = i;
        press(&mut app, &["enter"]);
        opened += sweep(&mut app, early, &["D"], &format!("timeline of row {i}"));
    }
    // Parties and Contacts: every person form, on every row.
    press(&mut app, &["4"]);
    for i in spread(app.parties.rows.len()) {
        for k in ["n", "e", "E", "s", "D"] {
            press(&mut app, &["4"]);
            app.parties.cursor.selected = i;
            opened += sweep(&mut app, early, &[k], &format!("parties row {i}"));
        }
    }
    press(&mut app, &["5"]);
    for i in spread(app.contacts.rows.len()) {
        for k in ["e", "E", "s", "D"] {
            press(&mut app, &["5"]);
            app.contacts.cursor.selected = i;
            opened += sweep(&mut app, early, &[k], &format!("contacts row {i}"));
        }
    }
    opened += sweep(&mut app, early, &["6", "w"], "figures");
    assert!(
        opened > 60,
        "the sweep opened {opened} forms, dialogs and lists"
    );
}

#[test]
fn date_fields_default_to_the_as_at_date() {
    let (_dir, mut app) = editing_app();
    press(&mut app, &["t"]);
    type_in(&mut app, "2023-11-30");
    press(&mut app, &["enter", "r"]);
    let f = app.form().expect("the reminder form");
    assert_eq!(f.fields.get("date").unwrap().value(), "2023-11-30");
}

#[test]
fn a_person_nominated_after_the_as_at_date_is_not_offered() {
    // The demo's Bhutan: its focal point is nominated on 2024-05-14.
    let (_dir, mut app) = editing_app_on(&revdesk::demo::build(d("2024-06-01")).desk);
    press(&mut app, &["4"]);
    let i = app
        .parties
        .rows
        .iter()
        .position(|&p| app.desk.parties[p].code == "BTN")
        .unwrap();
    for k in ["e", "E", "s", "D"] {
        app.parties.cursor.selected = i;
        press(&mut app, &[k]);
        assert!(app.overlay.is_none(), "{k} opens nothing as at 2024-02-29");
        let msg = app.message.clone().unwrap_or_default();
        assert!(
            msg.contains("no") && msg.contains("as at 2024-02-29"),
            "{k}: {msg}"
        );
        assert!(!msg.contains("2024-05-14"), "{msg}");
    }
}

#[test]
fn reviews_past_due_say_so_in_words_at_every_width() {
    let mut app = app_on(&revdesk::demo::build(today()).desk);
    press(&mut app, &["2"]);
    let late: Vec<String> = (0..app.reviews.rows.len())
        .filter_map(|i| app.review_line(i))
        .filter(|l| !l.next_late.is_empty())
        .map(|l| l.id)
        .collect();
    assert!(!late.is_empty(), "the demo has late reviews");
    for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 60)] {
        // Drawn without colour (as under NO_COLOR).
        let text = screen(&mut app, w, h);
        let mut seen = 0;
        for line in text.lines().skip(3) {
            let Some(id) = line.split_whitespace().next() else {
                continue;
            };
            if late.iter().any(|l| l == id) {
                seen += 1;
                assert!(line.contains("late"), "{w}x{h}: {line}");
            }
        }
        assert!(seen > 0, "{w}x{h}:\n{text}");
    }
}

#[test]
fn the_reminder_column_shows_iso_dates() {
    let (_dir, app) = editing_app_on(&revdesk::demo::build(today()).desk);
    let mut checked = 0;
    for i in 0..app.overdue.rows.len() {
        let l = app.overdue_line(i).unwrap();
        for s in [&l.last_reminder, &l.last_reminder_short] {
            if s.is_empty() {
                continue;
            }
            checked += 1;
            let date = s.split(' ').next().unwrap();
            assert!(
                date.parse::<chrono::NaiveDate>().is_ok() && date.len() == 10,
                "{s}"
            );
        }
    }
    assert!(checked > 0);
}
