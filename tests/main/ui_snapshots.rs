//! Every pane and the help overlay, at 80x24 and 120x40, on the demo desk
//! (imported into a temporary store) as at 2024-02-29, today 2024-03-15.
//! The screens are compared as text with `insta`; review changes with
//! `INSTA_UPDATE=always cargo test --test main ui_snapshots` and read the diff.

use crate::fixtures::*;
use revdesk::app::App;

fn demo_app() -> App {
    app_on(&revdesk::demo::build(today()).desk)
}

const PANES: [(&str, &str); 6] = [
    ("1", "overdue"),
    ("2", "reviews"),
    ("3", "timeline"),
    ("4", "parties"),
    ("5", "contacts"),
    ("6", "figures"),
];

fn all_panes(w: u16, h: u16) {
    let mut app = demo_app();
    for (key, name) in PANES {
        press(&mut app, &[key]);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut app, w, h));
    }
    for (key, name) in PANES {
        press(&mut app, &[key, "?"]);
        insta::assert_snapshot!(format!("help_{name}_{w}x{h}"), screen(&mut app, w, h));
        press(&mut app, &["esc"]);
    }
}

#[test]
fn panes_and_help_80x24() {
    all_panes(80, 24);
}

#[test]
fn panes_and_help_120x40() {
    all_panes(120, 40);
}

#[test]
fn interactions() {
    let mut app = demo_app();
    // Filtering the Overdue pane while typing.
    press(&mut app, &["/"]);
    app.type_text("côte");
    insta::assert_snapshot!("overdue_typing_filter_80x24", screen(&mut app, 80, 24));
    press(&mut app, &["enter", "o", "o", "o"]);
    insta::assert_snapshot!("overdue_filtered_saq_120x40", screen(&mut app, 120, 40));
    // The as-at prompt with an error.
    press(&mut app, &["esc", "t"]);
    app.type_text("2023-02-30");
    press(&mut app, &["enter"]);
    insta::assert_snapshot!("as_at_prompt_error_80x24", screen(&mut app, 80, 24));
    // Time travel: the paper's group 1 a year in.
    press(&mut app, &["ctrl-u"]);
    app.type_text("2021-12-01");
    press(&mut app, &["enter", "6"]);
    insta::assert_snapshot!("figures_as_at_2021_12_01_120x40", screen(&mut app, 120, 40));
    // Contacts narrowed by a fuzzy query.
    press(&mut app, &["t"]);
    app.type_text("2024-02-29");
    press(&mut app, &["enter", "5", "/"]);
    app.type_text("mfa.fr");
    insta::assert_snapshot!("contacts_search_120x40", screen(&mut app, 120, 40));
    // A review with a late SAQ, from the Reviews pane sorted by deadline.
    press(
        &mut app,
        &["esc", "2", ">", ">", ">", ">", ">", ">", ">", "enter"],
    );
    insta::assert_snapshot!("timeline_from_reviews_120x40", screen(&mut app, 120, 40));
    // Too small.
    insta::assert_snapshot!("too_small_50x12", screen(&mut app, 50, 12));
}

#[test]
fn forms_and_dialogs_80x24() {
    let (dir, mut app) = editing_app_on(&revdesk::demo::build(today()).desk);
    // The reminder form on the first Overdue row.
    press(&mut app, &["r", "right", "tab"]);
    app.type_text("promised by Friday");
    insta::assert_snapshot!("reminder_form_80x24", screen(&mut app, 80, 24));
    // A wrong date: the error beside the field, nothing saved.
    press(&mut app, &["tab", "ctrl-u"]);
    app.type_text("2024-02-30");
    press(&mut app, &["ctrl-s"]);
    insta::assert_snapshot!("reminder_form_error_80x24", screen(&mut app, 80, 24));
    press(&mut app, &["esc"]);
    insta::assert_snapshot!("reminder_form_discard_80x24", screen(&mut app, 80, 24));
    press(&mut app, &["esc"]);
    // The milestones of review #5 (its SAQ is in), and a colleague's
    // change met at the save.
    press(&mut app, &["2"]);
    app.reviews.cursor.selected = 4;
    press(&mut app, &["e", "tab", "tab", "tab"]);
    app.type_text("2022-03-01");
    insta::assert_snapshot!("milestones_form_80x24", screen(&mut app, 80, 24));
    let mut alice = colleague(&dir, "alice");
    alice
        .write(|w| {
            w.record_milestone(
                5,
                revdesk::domain::model::Milestone::Feedback,
                Some(d("2022-02-15")),
                Some(&[
                    revdesk::domain::model::Language::En,
                    revdesk::domain::model::Language::Fr,
                ]),
            )
        })
        .unwrap();
    // The clock's date and time (audit entries) vary from run to run:
    // masked in these two snapshots.
    insta::with_settings!({filters => vec![
        (r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}", "YYYY-MM-DD hh:mm:ss"),
    ]}, {
        press(&mut app, &["ctrl-s"]);
        insta::assert_snapshot!("conflict_80x24", screen(&mut app, 80, 24));
        press(&mut app, &["ctrl-r"]);
        insta::assert_snapshot!("conflict_taken_theirs_80x24", screen(&mut app, 80, 24));
    });
    // Every field chosen, the form holds nothing unsaved: Esc closes it.
    press(&mut app, &["esc", "R"]);
    insta::assert_snapshot!("redraw_dialog_80x24", screen(&mut app, 80, 24));
    press(&mut app, &["esc", "4", "n"]);
    insta::assert_snapshot!("nominate_form_80x24", screen(&mut app, 80, 24));
}
