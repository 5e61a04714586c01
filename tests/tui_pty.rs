//! The real binary in a pseudo-terminal: first frame, pane switches, a
//! filter typed, quit with q; and a SIGTERM that must leave the terminal
//! as it found it. Every wait is bounded.
//!
//! A test binary of its own, not a module of `tests/main`: its waits and its
//! "within two seconds" are timed, so it runs after the main binary, not
//! beside its threads (which run many processes of their own).

#[path = "main/fixtures.rs"]
mod fixtures;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const WAIT: Duration = Duration::from_secs(20);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    bytes: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    _master: Box<dyn MasterPty + Send>,
    _home: tempfile::TempDir,
}

impl Session {
    fn start(db: &std::path::Path) -> Session {
        Session::start_with(db, &[])
    }

    fn start_with(db: &std::path::Path, args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let home = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_revdesk"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.args(["--as-of", "2024-02-29"]);
        cmd.args(args);
        // A clean environment: no user keymap, a known terminal.
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "tester");
        cmd.env_remove("REVDESK_DB");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("revdesk starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, bytes) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let size = |n| NonZeroU16::new(n).unwrap();
        Session {
            child,
            writer,
            bytes,
            parser: vt100::Parser::new(size(ROWS), size(COLS), 0),
            _master: pty.master,
            _home: home,
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until every one of `texts` is on screen.
    fn wait_for(&mut self, texts: &[&str]) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {texts:?}; the screen:\n{screen}"
            );
            if let Ok(b) = self
                .bytes
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.parser.process(&b);
            }
        }
    }

    /// Reads output until `text` is no longer on screen.
    fn wait_gone(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while self.screen().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {text:?} to go:\n{}",
                self.screen()
            );
            if let Ok(b) = self
                .bytes
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.parser.process(&b);
            }
        }
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end (killing it after the deadline) and
    /// reads what it wrote last.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        loop {
            while let Ok(b) = self.bytes.try_recv() {
                self.parser.process(&b);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                // Drain the last bytes (the terminal restore).
                let until = Instant::now() + Duration::from_millis(300);
                while let Ok(b) = self
                    .bytes
                    .recv_timeout(until.saturating_duration_since(Instant::now()))
                {
                    self.parser.process(&b);
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("revdesk did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn first_frame_panes_filter_and_quit() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    let first = s.wait_for(&["1 Overdue", "1/19", "Nigeria", "? help"]);
    assert!(
        s.parser.screen().alternate_screen(),
        "runs on the alternate screen"
    );
    assert!(first.contains("European Union"), "{first}");

    s.send("2");
    s.wait_for(&["under review", "1/3", "EU, NGA"]);
    s.send("\t");
    s.wait_for(&["Review #1", "Obligations"]);
    s.send("5");
    s.wait_for(&["Wanjiru Kamau", "1/6"]);
    s.send("/gruber");
    let screen = s.wait_for(&["1/1 of 6", "Anna Gruber"]);
    assert!(!screen.contains("Wanjiru Kamau"), "{screen}");
    s.send("\r");
    s.send("1");
    s.wait_for(&["1/19"]);
    s.send("?");
    s.wait_for(&["Keys: Overdue pane", "cycle the obligation filter"]);
    s.send("\x1b");
    // A lone Esc closes the overlay (once the terminal layer decides it is
    // not the start of a sequence).
    s.wait_gone("Keys: Overdue pane");
    s.send("t2021-06-01\r");
    s.wait_for(&["as at 2021-06-01"]);
    s.send("q");
    assert_eq!(s.exit_code(), 0, "the screen:\n{}", s.screen());
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is shown again");
}

#[test]
fn sigterm_restores_the_terminal() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "1/19"]);
    assert!(s.parser.screen().alternate_screen());
    let pid = s.child.process_id().expect("a pid") as i32;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert_eq!(s.exit_code(), 128 + 15);
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is shown again");
}

#[test]
fn another_sessions_edit_appears_within_two_seconds() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "1/19"]);
    s.send("5");
    s.wait_for(&["1/6"]);
    let started = Instant::now();
    desk.ok(&[
        "nominate",
        "--party",
        "NGA",
        "--role",
        "focal_point",
        "--name",
        "Ngozi Adeyemi",
        "--date",
        "2023-05-01",
    ]);
    s.wait_for(&["Ngozi Adeyemi", "/7"]);
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "took {:?}",
        started.elapsed()
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn sighup_from_a_dropped_link_ends_the_session_cleanly() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "1/19"]);
    let pid = s.child.process_id().expect("a pid") as i32;
    // What sshd's hang-up sends to the session.
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    assert_eq!(s.exit_code(), 128 + 1);
    assert!(!s.parser.screen().alternate_screen());
    assert!(!s.parser.screen().hide_cursor());
}

#[test]
fn a_reminder_logged_through_the_keyboard_is_in_the_export() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "1/19"]);
    // The first row: the EU's focal point.
    s.send("r");
    s.wait_for(&["Log a reminder", "European Union (EU)", "Channel"]);
    s.send("\x1b[C"); // Right: note verbale
    s.wait_for(&["note verbale"]);
    s.send("\t");
    // A paste arrives as one piece, cleaned: its line break is a space,
    // its escape sequence inert.
    s.send("\x1b[200~asked by\r\nphone\x1b[2J\x1b[201~");
    s.wait_for(&["asked by phone[2J"]);
    s.send(" again\t");
    s.send("\x15"); // Ctrl-U clears the date
    s.send("2024-02-20");
    s.send("\x13"); // Ctrl-S
    s.wait_for(&["logged reminder"]);
    s.wait_gone("Log a reminder");
    s.send("q");
    assert_eq!(s.exit_code(), 0, "the screen:\n{}", s.screen());
    let doc: serde_json::Value = serde_json::from_str(&desk.export()).unwrap();
    let found = doc["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["party"] == "EU")
        .unwrap_or_else(|| panic!("no reminder to the EU: {doc}"))
        .clone();
    assert_eq!(found["obligation"], "focal_point");
    assert_eq!(found["channel"], "note_verbale");
    assert_eq!(found["date"], "2024-02-20");
    assert_eq!(found["note"], "asked by phone[2J again");
}

#[test]
fn a_read_only_session_refuses_editing_keys() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start_with(&desk.db, &["--read-only"]);
    s.wait_for(&["1 Overdue", "read-only"]);
    s.send("r");
    s.wait_for(&["read-only session (--read-only)"]);
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_save_in_one_session_shows_in_another_within_two_seconds() {
    let desk = fixtures::Desk::sample();
    let mut a = Session::start(&desk.db);
    let mut b = Session::start(&desk.db);
    a.wait_for(&["1 Overdue", "1/19"]);
    b.wait_for(&["1 Overdue", "1/19"]);
    // Session b looks at the EU's focal point: no reminder yet.
    b.send("/european\r");
    let before = b.wait_for(&["European Union"]);
    assert!(!before.contains("1×"), "{before}");
    a.send("r");
    a.wait_for(&["Log a reminder", "European Union (EU)"]);
    a.send("\t\t\x152024-02-20\x13");
    a.wait_for(&["logged reminder"]);
    let saved = Instant::now();
    b.wait_for(&["1×"]);
    assert!(
        saved.elapsed() < Duration::from_millis(2500),
        "took {:?}",
        saved.elapsed()
    );
    a.send("q");
    b.send("q");
    assert_eq!(a.exit_code(), 0);
    assert_eq!(b.exit_code(), 0);
}

/// Moving past the bottom (or top) of a list scrolls its lines on the
/// terminal (a scroll region) and writes only the new row: what is on the
/// screen must be exactly what a full redraw paints.
#[test]
fn scrolling_a_list_by_one_row_matches_a_full_redraw() {
    let desk = fixtures::Desk::new();
    let out = desk.run(&["demo", "--as-of", "2024-02-29"]);
    assert!(out.status.success(), "{out:?}");
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "? help"]);
    let mut raw = Vec::new();
    // One key, then its frame, so that every move is a frame of its own.
    let step = |s: &mut Session, key: &str, raw: &mut Vec<u8>| {
        s.send(key);
        let until = Instant::now() + Duration::from_millis(60);
        while let Ok(b) = s
            .bytes
            .recv_timeout(until.saturating_duration_since(Instant::now()))
        {
            raw.extend_from_slice(&b);
            s.parser.process(&b);
        }
    };
    for pane in ["1", "2", "5"] {
        step(&mut s, pane, &mut raw);
        for _ in 0..30 {
            step(&mut s, "j", &mut raw);
        }
        for _ in 0..25 {
            step(&mut s, "k", &mut raw);
        }
        let list = |screen: &str| -> String {
            // The list and its header (not the status and hint lines); a
            // blank cell and a written space look the same.
            let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
            lines[..lines.len().saturating_sub(2)].join("\n")
        };
        let scrolled = list(&s.screen());
        // Ctrl-L: reload and paint every cell again.
        step(&mut s, "\x0c", &mut raw);
        std::thread::sleep(Duration::from_millis(200));
        step(&mut s, "", &mut raw);
        assert_eq!(scrolled, list(&s.screen()), "pane {pane}");
    }
    let text = String::from_utf8_lossy(&raw);
    // One line up (`CSI S` or `CSI 1 S`) and one down, inside a region.
    let once =
        |c: char| text.contains(&format!("\x1b[{c}")) || text.contains(&format!("\x1b[1{c}"));
    assert!(
        once('S') && once('T') && text.contains("r\x1b[1S\x1b[r") | text.contains("r\x1b[S\x1b[r"),
        "the lists were scrolled with scroll regions"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// The status line's position, e.g. "3/19", read from the screen.
fn position(screen: &str) -> Option<(usize, usize)> {
    screen.split_whitespace().find_map(|w| {
        let (a, b) = w.split_once('/')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    })
}

#[test]
fn ctrl_c_ends_the_app_and_restores_the_terminal() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "? help"]);
    s.send("\x03");
    assert_eq!(s.exit_code(), 0, "the screen:\n{}", s.screen());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn ctrl_c_in_a_form_with_typed_input_asks_first() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1 Overdue", "? help"]);
    s.send("r");
    s.wait_for(&["Log a reminder"]);
    // The note is the second field.
    s.send("\thello");
    s.wait_for(&["hello"]);
    s.send("\x03");
    s.wait_for(&["Discard what you typed?", "also quits"]);
    s.send("y");
    assert_eq!(s.exit_code(), 0, "the screen:\n{}", s.screen());
}

#[test]
fn the_position_follows_j_and_the_mouse_wheel() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1/19"]);
    s.send("j");
    s.wait_for(&["2/19"]);
    // SGR mouse: wheel down at column 10, row 10: three rows down.
    s.send("\x1b[<65;10;10M");
    let screen = s.wait_for(&["5/19"]);
    assert_eq!(position(&screen), Some((5, 19)), "{screen}");
    s.send("\x1b[<64;10;10M");
    s.wait_for(&["2/19"]);
    // A click on a row selects it (row 6 on screen: the fourth row).
    s.send("\x1b[<0;10;6M\x1b[<0;10;6m");
    s.wait_for(&["3/19"]);
    // A click on a tab shows its pane.
    s.send("\x1b[<0;14;1M\x1b[<0;14;1m");
    s.wait_for(&["under review", "1/3"]);
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_filter_marks_what_it_matched() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1/19"]);
    s.send("/niger\r");
    let screen = s.wait_for(&["of 19", "kept"]);
    let (row, col) = screen
        .lines()
        .enumerate()
        .skip(3)
        .find_map(|(y, l)| l.find("Niger").map(|x| (y, l[..x].chars().count())))
        .unwrap_or_else(|| panic!("no Niger row:\n{screen}"));
    let cell = |x: usize| {
        s.parser
            .screen()
            .cell(row as u16, x as u16)
            .unwrap()
            .clone()
    };
    for x in col..col + 5 {
        let c = cell(x);
        assert!(
            c.bold() && c.underline(),
            "{:?} at {x} not marked",
            c.contents()
        );
    }
    // The rest of the name is not.
    let after = cell(col + 5);
    assert!(!after.underline(), "{:?}", after.contents());
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn colon_lists_the_actions_of_the_pane() {
    let desk = fixtures::Desk::sample();
    let mut s = Session::start(&desk.db);
    s.wait_for(&["1/19"]);
    s.send(":");
    s.wait_for(&["Actions: Overdue pane", "log a reminder", "quit revdesk"]);
    s.send("audit");
    s.wait_for(&[": audit", "show the audit trail"]);
    // The filtered list no longer offers quit (once the whole frame is in:
    // a screen read mid-frame may still hold the longer list's rows).
    s.wait_gone("quit revdesk");
    s.send("\x1b");
    s.wait_gone("Actions: Overdue pane");
    s.send(":quit\r");
    assert_eq!(s.exit_code(), 0);
}
