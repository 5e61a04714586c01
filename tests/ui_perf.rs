//! Timing at 100 times the real desk (run in release, by hand):
//! `cargo test --release --test ui_perf -- --ignored --nocapture`.
//! Budgets: first frame ≤ 300 ms, keystroke-to-frame ≤ 5 ms median.
//!
//! A test binary of its own, not a module of `tests/main`: the release build
//! it is run with then compiles this file alone (not every test), and no
//! other test's threads share the machine while it is timed.

#[path = "main/fixtures.rs"]
mod fixtures;
use fixtures::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revdesk::app::{App, Keymap, Session};
use revdesk::ui::{self, Theme};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "timing; run in release by hand"]
fn scale_100() {
    let desk = revdesk::demo::scale::build_scaled(100, today());
    let ts = TempStore::with(&desk);
    println!(
        "desk: {} parties, {} reviews, {} people, {} reminders",
        desk.parties.len(),
        desk.reviews.len(),
        desk.people.len(),
        desk.reminders.len()
    );
    let th = Theme::mono();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let t0 = Instant::now();
    let loaded = ts.store.load_desk().unwrap();
    let t_load = t0.elapsed();
    let mut app = App::new(
        loaded,
        today(),
        Some(as_of()),
        Keymap::defaults(),
        Session {
            db_path: "x".into(),
            user: "u".into(),
            read_only: false,
        },
    );
    let t_app = t0.elapsed();
    term.draw(|f| ui::draw(f, &mut app, &th)).unwrap();
    let t_first = t0.elapsed();
    println!("load {t_load:?}, +derive {t_app:?}, first frame {t_first:?}");
    println!("overdue rows: {}", app.overdue.rows.len());

    let mut frame = |app: &mut App, keys: &[&str]| {
        let t = Instant::now();
        press(app, keys);
        term.draw(|f| ui::draw(f, app, &th)).unwrap();
        t.elapsed()
    };
    let moves: Vec<Duration> = (0..200).map(|_| frame(&mut app, &["j"])).collect();
    println!("overdue j: median {:?}", median(moves));
    frame(&mut app, &["/"]);
    let typing: Vec<Duration> = "nigeria"
        .chars()
        .map(|c| frame(&mut app, &[&c.to_string()]))
        .collect();
    println!(
        "overdue typing: median {:?} max {:?}",
        median(typing.clone()),
        typing.iter().max().unwrap()
    );
    frame(&mut app, &["esc"]);
    for (k, name) in [
        ("2", "reviews"),
        ("4", "parties"),
        ("5", "contacts"),
        ("6", "figures"),
        ("3", "timeline"),
    ] {
        let first = frame(&mut app, &[k]);
        let moves: Vec<Duration> = (0..100).map(|_| frame(&mut app, &["j"])).collect();
        println!(
            "{name}: first visit {first:?}, j median {:?}",
            median(moves)
        );
    }
    frame(&mut app, &["2", ">", ">"]);
    let sorts: Vec<Duration> = (0..8).map(|_| frame(&mut app, &[">"])).collect();
    println!("reviews sort: median {:?}", median(sorts));
    frame(&mut app, &["5", "/"]);
    let typing: Vec<Duration> = "anna mfa"
        .chars()
        .map(|c| frame(&mut app, &[&c.to_string()]))
        .collect();
    println!("contacts typing: {typing:?}");
    println!("contacts typing: median {:?}", median(typing));
    frame(&mut app, &["esc", "4", "/"]);
    let typing: Vec<Duration> = "kenya"
        .chars()
        .map(|c| frame(&mut app, &[&c.to_string()]))
        .collect();
    println!("parties typing: median {:?}", median(typing));
    let t = frame(&mut app, &["enter", "t"]);
    let _ = t;
    app.type_text("2023-01-01");
    let t = frame(&mut app, &["enter"]);
    println!("as-at change: {t:?}");
}
