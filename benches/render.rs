//! The app behind the screen, on the demo desk (scale 1) and a desk a
//! hundred times its size, read back from a store as the app reads it:
//!
//! - `render/<pane>`: drawing one pane to a ratatui `TestBackend` at 120x40
//!   (colour theme), the pane's rows already built;
//! - `key/j_<pane>`: one row move (`j`, or `k` on the way back, so the list
//!   does not scroll) and the frame after it;
//! - `key/type_<pane>`: one key typed into the pane's filter (a letter, or a
//!   backspace on the way back) and the frame after it;
//! - `app/new`: `App::new` on a loaded desk (engine, indexes, Overdue rows);
//! - `app/first_visit_<pane>`: switching to a pane for the first time
//!   (its rows are built then) and drawing it.
//!
//! Run: `cargo bench --bench render` (or `-- render/` for the draws only).

use chrono::NaiveDate;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revdesk::app::{App, Key, Keymap, Session, ThemeKind};
use revdesk::demo::scale::build_scaled;
use revdesk::domain::model::Desk;
use revdesk::store::{Mode, Store};
use revdesk::ui::{self, Theme};
use std::time::{Duration, Instant};

const W: u16 = 120;
const H: u16 = 40;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// The desk at `scale` as the app gets it: written to a store, read back.
fn loaded(scale: usize) -> Desk {
    let desk = build_scaled(scale, today());
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("desk.db"), Mode::ReadWrite).unwrap();
    s.write(|w| w.import(&desk, false)).unwrap();
    s.load_desk().unwrap()
}

fn app(desk: Desk) -> App {
    App::new(
        desk,
        today(),
        Some(today()),
        Keymap::defaults(),
        Session {
            db_path: "/srv/revdesk/desk.db".into(),
            user: "bench".into(),
            read_only: false,
        },
    )
}

fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        app.handle_key(Key::parse(k).unwrap());
    }
}

fn theme() -> Theme {
    Theme::new(ThemeKind::Dark, true)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(W, H)).unwrap()
}

/// Pane key, name, and a filter typed on it (none on Timeline, Figures).
const PANES: [(&str, &str, Option<&str>); 6] = [
    ("1", "overdue", Some("kenya")),
    ("2", "reviews", Some("nigeria")),
    ("3", "timeline", None),
    ("4", "parties", Some("kenya")),
    ("5", "contacts", Some("anna")),
    ("6", "figures", None),
];

fn panes(c: &mut Criterion) {
    for scale in [1, 100] {
        let desk = loaded(scale);
        let th = theme();
        let mut g = c.benchmark_group("render");
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        let mut a = app(desk.clone());
        let mut term = terminal();
        for (key, name, _) in PANES {
            press(&mut a, &[key]);
            term.draw(|f| ui::draw(f, &mut a, &th)).unwrap();
            g.bench_function(BenchmarkId::new(name, scale), |b| {
                b.iter(|| {
                    term.draw(|f| ui::draw(f, &mut a, &th)).unwrap();
                })
            });
        }
        g.finish();

        let mut g = c.benchmark_group("key");
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for (key, name, text) in PANES {
            press(&mut a, &[key, "g"]);
            term.draw(|f| ui::draw(f, &mut a, &th)).unwrap();
            // Down 15 rows, up 15 rows: the list never scrolls.
            g.bench_function(BenchmarkId::new(format!("j_{name}"), scale), |b| {
                b.iter_custom(|iters| {
                    let t = Instant::now();
                    for i in 0..iters {
                        let k = if (i / 15) % 2 == 0 { "j" } else { "k" };
                        press(&mut a, &[k]);
                        term.draw(|f| ui::draw(f, &mut a, &th)).unwrap();
                    }
                    t.elapsed()
                })
            });
            let Some(text) = text else { continue };
            press(&mut a, &["/"]);
            let letters: Vec<String> = text.chars().map(|c| c.to_string()).collect();
            // Types the word, then backspaces over it, one frame a key.
            g.bench_function(BenchmarkId::new(format!("type_{name}"), scale), |b| {
                b.iter_custom(|iters| {
                    let n = letters.len() as u64;
                    let t = Instant::now();
                    for i in 0..iters {
                        let step = i % (2 * n);
                        if step < n {
                            press(&mut a, &[&letters[step as usize]]);
                        } else {
                            press(&mut a, &["backspace"]);
                        }
                        term.draw(|f| ui::draw(f, &mut a, &th)).unwrap();
                    }
                    t.elapsed()
                })
            });
            press(&mut a, &["esc"]);
        }
        g.finish();

        let mut g = c.benchmark_group("app");
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        g.bench_function(BenchmarkId::new("new", scale), |b| {
            b.iter_batched(|| desk.clone(), app, BatchSize::LargeInput)
        });
        for (key, name, _) in PANES {
            g.bench_function(
                BenchmarkId::new(format!("first_visit_{name}"), scale),
                |b| {
                    b.iter_batched(
                        || (app(desk.clone()), terminal()),
                        |(mut a, mut term)| {
                            press(&mut a, &[key]);
                            term.draw(|f| ui::draw(f, &mut a, &th)).unwrap();
                            a
                        },
                        BatchSize::LargeInput,
                    )
                },
            );
        }
        g.finish();
    }
}

criterion_group!(benches, panes);
criterion_main!(benches);
