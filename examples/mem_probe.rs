//! Where the app's memory goes: heap held (a counting allocator), SQLite's
//! own allocations, and the process's peak and current RSS after each step
//! of a session on a store (load, first frame, each pane's first visit, a
//! filter typed on four panes, with milliseconds per key), drawn to a
//! 120x40 `TestBackend`. PERFORMANCE.md lists the figures.
//!
//! ```text
//! cargo run --release --example perf_tui -- --scales 100 --no-tui   # builds target/perf/desk-x100.db
//! cargo run --release --example mem_probe -- target/perf/desk-x100.db
//! ```
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revdesk::app::{App, Key, Keymap, Session, ThemeKind};
use revdesk::store::{Mode, Store};
use revdesk::ui::{self, Theme};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let n = NOW.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(n, Relaxed);
        } else {
            NOW.fetch_sub(l.size() - new, Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}
#[global_allocator]
static A: Counting = Counting;

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}
fn rss() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" / ")
}
fn report(step: &str) {
    println!(
        "{step:<28} heap {:>9}  peak {:>9}  sqlite {:>8} (hi {:>8})  hwm/rss {}",
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed)),
        mb(unsafe { rusqlite::ffi::sqlite3_memory_used() } as usize),
        mb(unsafe { rusqlite::ffi::sqlite3_memory_highwater(0) } as usize),
        rss()
    );
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: mem_probe PATH.db   (e.g. target/perf/desk-x100.db from perf_tui)");
        std::process::exit(2);
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
    report("start");
    let store = Store::open(std::path::Path::new(&path), Mode::ReadOnly).expect("a revdesk store");
    report("store open");
    store.limit_page_cache(512).expect("a pragma");
    // As the app does (`ui::run`).
    ui::run::tune_allocator();
    let desk = store.load_for_screens().expect("the desk");
    report("desk loaded");
    let mut app = App::new(
        desk,
        today,
        Some(today),
        Keymap::defaults(),
        Session {
            db_path: path.clone(),
            user: "probe".into(),
            read_only: true,
        },
    );
    report("App::new");
    app.attach_store(store, None);
    let th = Theme::new(ThemeKind::Dark, true);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut key = |app: &mut App, k: &str| -> f64 {
        let t = Instant::now();
        app.handle_key(Key::parse(k).expect("a key"));
        term.draw(|f| ui::draw(f, app, &th)).expect("a frame");
        if std::env::var_os("PROBE_TRIM").is_some() {
            unsafe {
                libc::malloc_trim(0);
            }
        }
        t.elapsed().as_secs_f64() * 1e3
    };
    key(&mut app, "1");
    report("first frame");
    if let Ok(n) = std::env::var("PROBE_CONTACTS_LOOP") {
        // For a profiler: type "a" and take it back on Contacts, n times.
        key(&mut app, "5");
        key(&mut app, "/");
        for _ in 0..n.parse().unwrap_or(100) {
            key(&mut app, "a");
            key(&mut app, "backspace");
        }
        return;
    }
    app.data.warm_search(&app.desk);
    report("search texts");
    for (pane, name) in [
        ("2", "Reviews"),
        ("3", "Timeline"),
        ("4", "Parties"),
        ("5", "Contacts"),
        ("6", "Figures"),
    ] {
        let ms = key(&mut app, pane);
        report(&format!("{name} shown ({ms:.0} ms)"));
    }
    // PROBE_CONTACTS_QUERY: what is typed on Contacts (default "anna mfa").
    let on_contacts = std::env::var("PROBE_CONTACTS_QUERY").unwrap_or_else(|_| "anna mfa".into());
    for (pane, text) in [
        ("1", "kenya 5"),
        ("2", "nigeria"),
        ("4", "kenya"),
        ("5", on_contacts.as_str()),
    ] {
        key(&mut app, pane);
        key(&mut app, "/");
        let mut times: Vec<String> = Vec::new();
        for c in text.chars() {
            let k = if c == ' ' {
                "space".to_string()
            } else {
                c.to_string()
            };
            times.push(format!("{c}:{:.1}", key(&mut app, &k)));
        }
        key(&mut app, "esc");
        report(&format!("typed {text:?} on {pane}"));
        println!("    ms per key: {}", times.join(" "));
    }
}
