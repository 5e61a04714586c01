//! Every pane and the help overlay, at 80x24 and 120x40, on the demo desk
//! (imported into a temporary store) as at 2024-02-29, today 2024-03-15.
//! The screens are compared as text with `insta`; review changes with
//! `INSTA_UPDATE=always cargo test --test ui_snapshots` and read the diff.

mod ui_support;
use revdesk::app::App;
use ui_support::*;

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
        &["esc", "2", "s", "s", "s", "s", "s", "s", "s", "enter"],
    );
    insta::assert_snapshot!("timeline_from_reviews_120x40", screen(&mut app, 120, 40));
    // Too small.
    insta::assert_snapshot!("too_small_50x12", screen(&mut app, 50, 12));
}
