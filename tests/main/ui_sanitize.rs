//! Untrusted text never reaches the terminal raw: names, e-mails, notes and
//! reasons from the store are drawn inert on every pane.

use crate::fixtures::*;
use revdesk::domain::model::{Channel, Extension, Obligation, Person, Reminder, Role};

const EVE: &str = "Eve\x1b[2J\u{202e}";

fn hostile_desk() -> revdesk::domain::model::Desk {
    let mut desk = sample_desk();
    desk.people.push(Person {
        email: Some("eve@x.example\x1b]52;c;cm0gLXJmIC8=\x07".into()),
        phone: Some("+1\u{9b}31m 555".into()),
        ..person(99, "NGA", Role::FocalPoint, EVE, d("2023-01-10"))
    });
    desk.reminders.push(Reminder {
        date: d("2023-02-01"),
        party: "FRA".into(),
        review: Some(2),
        obligation: Obligation::Saq,
        channel: Channel::Email,
        note: "pinged\x1b[?1049l\u{2066}hidden\u{2069}\x07".into(),
    });
    desk.extensions.push(Extension {
        review: 2,
        obligation: Obligation::Phase,
        due: d("2024-06-30"),
        reason: "asked\x1b[31m red\r\noverwrite".into(),
        agreed: d("2023-03-01"),
    });
    desk
}

fn assert_inert(s: &str, what: &str) {
    for bad in ['\x1b', '\u{202e}', '\u{9b}', '\x07', '\r', '\n', '\u{2066}'] {
        assert!(!s.contains(bad), "{what}: {bad:?} reached the screen");
    }
}

#[test]
fn hostile_text_renders_inert_on_every_pane() {
    let mut app = app_on(&hostile_desk());
    assert_eq!(
        app.desk.people.name(app.desk.people.position(99).unwrap()),
        EVE,
        "the store keeps the raw text"
    );
    let mut seen_eve = false;
    for pane in ["1", "2", "4", "5", "6"] {
        press(&mut app, &[pane]);
        for (w, h) in [(80, 24), (160, 50)] {
            let raw = raw_cells(&mut app, w, h);
            assert_inert(&raw, &format!("pane {pane} at {w}x{h}"));
            seen_eve |= screen(&mut app, w, h).contains("Eve^[[2J");
        }
    }
    assert!(seen_eve, "Eve is shown, in caret notation");

    // Contacts: the name, e-mail and phone, drawn inert.
    press(&mut app, &["5", "/"]);
    app.type_text("eve");
    press(&mut app, &["enter"]);
    let text = screen(&mut app, 160, 50);
    assert!(text.contains("Eve^[[2J"), "{text}");
    assert!(text.contains("eve@x.example^[]52;c;cm0g"), "{text}");
    assert!(text.contains("+1M-^[31m 555"), "{text}");
    // And the clipboard gets the sanitised card.
    press(&mut app, &["Y"]);
    let card = app.take_clipboard().unwrap();
    assert!(card.starts_with("Eve^[[2J\n"), "{card:?}");
    assert!(!card.contains('\x1b') && !card.contains('\u{202e}'));

    // Parties: Nigeria's details list Eve as its focal point.
    press(&mut app, &["4", "/"]);
    app.type_text("nigeria");
    press(&mut app, &["enter"]);
    let text = screen(&mut app, 160, 50);
    assert!(text.contains("Eve^[[2J · since 2023-01-10"), "{text}");

    // Timeline of review 2: the reminder's note and the extension's reason.
    app.open_review(2);
    let raw = raw_cells(&mut app, 160, 50);
    assert_inert(&raw, "timeline");
    let text = screen(&mut app, 160, 50);
    assert!(text.contains("pinged^[[?1049lhidden^G"), "{text}");
    assert!(text.contains("asked^[[31m red^M^Joverwrite"), "{text}");
}

#[test]
fn hostile_text_is_inert_in_forms_dialogs_and_the_audit_trail() {
    let (_dir, mut app) = editing_app_on(&hostile_desk());
    // Eve's contact form: her name shown in caret notation, the stored
    // text kept while the field is not edited.
    press(&mut app, &["5", "/"]);
    app.type_text("eve");
    press(&mut app, &["enter", "e"]);
    assert_eq!(
        app.form().unwrap().fields.get("name").unwrap().value(),
        "Eve^[[2J"
    );
    for (w, h) in [(80, 24), (60, 16)] {
        assert_inert(&raw_cells(&mut app, w, h), &format!("contact form {w}x{h}"));
    }
    assert!(screen(&mut app, 80, 24).contains("Eve^[[2J"));
    press(&mut app, &["tab", "ctrl-u"]);
    app.type_text("eve@example.org");
    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{:?}", app.message);
    let (p, _) = app.store().unwrap().person(99).unwrap();
    assert_eq!(p.name, EVE, "an untouched field keeps the stored text");
    assert_eq!(p.email.as_deref(), Some("eve@example.org"));
    // The audit trail shows the old e-mail inert.
    press(&mut app, &["a"]);
    let raw = raw_cells(&mut app, 120, 40);
    assert_inert(&raw, "audit trail");
    assert!(screen(&mut app, 120, 40).contains("eve@x.example^[]52;c;cm0g"));
    press(&mut app, &["esc"]);
    // The delete dialog of review 2's records: the note and the reason.
    app.open_review(2);
    press(&mut app, &["D"]);
    assert_inert(&raw_cells(&mut app, 160, 50), "picker");
    assert!(screen(&mut app, 160, 50).contains("pinged^[[?1049lhidden^G"));
    press(&mut app, &["enter"]);
    assert_inert(&raw_cells(&mut app, 160, 50), "confirm");
}

#[test]
fn every_form_fits_the_smallest_terminal() {
    let (_dir, mut app) = editing_app();
    let forms: [&[&str]; 8] = [
        &["1", "r"],
        &["1", "j", "j", "j", "j", "j", "j", "x"],
        &["2", "e"],
        &["4", "n"],
        &["5", "e"],
        &["5", "E"],
        &["4", "j", "j", "j", "j", "s"],
        &["2", "R"],
    ];
    for keys in forms {
        app.overlay = None;
        press(&mut app, keys);
        assert!(app.overlay.is_some(), "{keys:?}: {:?}", app.message);
        for (w, h) in [(60, 16), (80, 24)] {
            let text = screen(&mut app, w, h);
            // The focused field (or the dialog's answer) is on screen.
            assert!(
                text.contains('›') || text.contains("cancel"),
                "{keys:?} at {w}x{h}:\n{text}"
            );
        }
        // Tab through every field at the smallest size: the focus stays
        // visible.
        for _ in 0..8 {
            press(&mut app, &["tab"]);
            if app.form().is_some() {
                assert!(screen(&mut app, 60, 16).contains('›'), "{keys:?}");
            }
        }
    }
}
