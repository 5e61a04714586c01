//! The terminal harness of PERFORMANCE.md: runs the real release binary in
//! a pseudo-terminal (120x40) on synthetic desks and prints what a user
//! feels, plus the headless `overdue` query against the `sqlite3` shell.
//!
//! ```text
//! cargo run --release --example perf_tui                  # scales 1 and 100
//! cargo run --release --example perf_tui -- --scales 100 --reps 7
//! cargo run --release --example perf_tui -- --bin /tmp/revdesk-old   # another build
//! cargo run --release --example perf_tui -- --strace      # also count writes with strace
//! ```
//!
//! Options: `--scales 1,100`, `--reps N` (first-frame and sqlite
//! repetitions, default 5), `--bin PATH` (default: builds and uses
//! `target/release/revdesk`), `--dir PATH` (where the desks are kept,
//! default `target/perf`), `--fresh` (rebuild the desks), `--idle SECS`
//! (default 10), `--strace` (cross-check write calls with `strace -f`),
//! `--no-sqlite`, `--no-tui`, `--dump` (print the bytes of one row move
//! within the page and of one that scrolls, on Overdue; of one that
//! scrolls on Reviews, Parties and Contacts).
//!
//! The session, per scale: `--reps` starts to the first frame; then one
//! session: idle; on Overdue, Reviews, Parties, Contacts: row moves within
//! the page (`g`, then 15 `j` and 15 `k`) and moves that scroll the list
//! (`j` past the bottom), a filter typed (`/` then letters, `Esc`); every
//! pane visited once (first visit: its rows are built) and then cycled
//! 1..6 five times; peak RSS; then, with `--strace`, a second session
//! under strace. `sqlite3` is looked for at /usr/bin/sqlite3, then on PATH.
//!
//! Deterministic: the desks are built by the library as at 2026-11-29
//! (`revdesk::demo::scale::build_scaled`), and the app runs with
//! `--as-of 2026-11-29`, a fresh `HOME` (no keymap), `TERM=xterm-256color`.
//!
//! How it measures:
//! - A frame is what the app writes between the synchronized-update
//!   markers `CSI ? 2026 h` and `CSI ? 2026 l`; its end is the moment the
//!   reader thread received the end marker.
//! - First complete frame: from just before spawning to the end of the
//!   first frame after which the screen (vt100) shows the status bar.
//! - Keystroke to frame: the key is written to the master only when no
//!   output is pending; latency is until the end of the next frame (the
//!   first row of a filter typed is a full search, the later ones narrow).
//! - Write calls: `syscw` and bytes `wchar` of `/proc/PID/io` (every thread
//!   of the process) before and after each key; with `--strace` the whole
//!   session also runs under `strace -f -e trace=write` and the writes to
//!   the terminal are counted per frame.
//! - Idle: frames and `utime+stime` (`/proc/PID/stat`) over `--idle` seconds.
//! - Peak RSS: `VmHWM` of `/proc/PID/status` after every pane was shown.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const AS_OF: &str = "2026-11-29";
const BSU: &[u8] = b"\x1b[?2026h";
const ESU: &[u8] = b"\x1b[?2026l";
const WAIT: Duration = Duration::from_secs(60);

struct Opts {
    scales: Vec<usize>,
    reps: usize,
    bin: Option<PathBuf>,
    dir: PathBuf,
    fresh: bool,
    idle: u64,
    strace: bool,
    sqlite: bool,
    tui: bool,
    dump: bool,
}

fn opts() -> Opts {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut o = Opts {
        scales: vec![1, 100],
        reps: 5,
        bin: None,
        dir: root.join("target").join("perf"),
        fresh: false,
        idle: 10,
        strace: false,
        sqlite: true,
        tui: true,
        dump: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--scales" => {
                o.scales = val()
                    .split(',')
                    .map(|s| s.trim().parse().expect("--scales 1,100"))
                    .collect()
            }
            "--reps" => o.reps = val().parse().expect("--reps N"),
            "--bin" => o.bin = Some(PathBuf::from(val())),
            "--dir" => o.dir = PathBuf::from(val()),
            "--idle" => o.idle = val().parse().expect("--idle SECS"),
            "--fresh" => o.fresh = true,
            "--strace" => o.strace = true,
            "--no-sqlite" => o.sqlite = false,
            "--no-tui" => o.tui = false,
            "--dump" => o.dump = true,
            "--bench" => {} // passed by `cargo bench`
            other => panic!("unknown option {other} (see the top of examples/perf_tui.rs)"),
        }
    }
    o
}

/// The release binary: given, or built now.
fn binary(o: &Opts) -> PathBuf {
    if let Some(b) = &o.bin {
        return b.clone();
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let st = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "revdesk"])
        .current_dir(&root)
        .status()
        .expect("cargo build runs");
    assert!(st.success(), "cargo build --release failed");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    target.join("release").join("revdesk")
}

/// The synthetic desk at `scale`, written once into `dir`.
fn desk(o: &Opts, scale: usize) -> PathBuf {
    use revdesk::store::{Mode, Store};
    std::fs::create_dir_all(&o.dir).unwrap();
    let path = o.dir.join(format!("desk-x{scale}.db"));
    if path.exists() && !o.fresh {
        return path;
    }
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let today = chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let t = Instant::now();
    let d = revdesk::demo::scale::build_scaled(scale, today);
    let mut s = Store::open(&path, Mode::ReadWrite).unwrap();
    s.write(|w| w.import(&d, false)).unwrap();
    drop(s);
    eprintln!(
        "built {} ({} parties, {} reviews, {} people, {} reminders) in {:.1} s",
        path.display(),
        d.parties.len(),
        d.reviews.len(),
        d.people.len(),
        d.reminders.len(),
        t.elapsed().as_secs_f64()
    );
    path
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One finished frame as the terminal received it.
#[derive(Debug, Clone)]
struct Frame {
    bytes: usize,
    end: Instant,
    /// The frame's bytes (kept for `--dump`).
    data: Vec<u8>,
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    writer: Box<dyn Write + Send>,
    chunks: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    /// Bytes received and not yet split into frames.
    pending: Vec<u8>,
    /// Bytes of the frame being received.
    in_frame: Option<usize>,
    data: Vec<u8>,
    frames: Vec<Frame>,
    spawned: Instant,
    _master: Box<dyn MasterPty + Send>,
    _home: tempfile::TempDir,
}

impl Session {
    fn start(bin: &Path, db: &Path, strace: Option<&Path>) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let home = tempfile::tempdir().unwrap();
        let mut cmd = match strace {
            Some(log) => {
                let mut c = CommandBuilder::new("strace");
                c.args(["-f", "-qq", "-e", "trace=write", "-e", "signal=none", "-o"]);
                c.arg(log);
                c.arg(bin);
                c
            }
            None => CommandBuilder::new(bin),
        };
        cmd.arg("--db");
        cmd.arg(db);
        cmd.args(["--as-of", AS_OF]);
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "perf");
        cmd.env_remove("REVDESK_DB");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("REVDESK_THEME");
        let (tx, chunks) = channel();
        let mut reader = pty.master.try_clone_reader().unwrap();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 256 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let spawned = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("revdesk starts");
        drop(pty.slave);
        let pid = child.process_id().expect("a pid");
        let writer = pty.master.take_writer().unwrap();
        let size = |n| NonZeroU16::new(n).unwrap();
        Session {
            child,
            pid,
            writer,
            chunks,
            parser: vt100::Parser::new(size(ROWS), size(COLS), 0),
            pending: Vec::new(),
            in_frame: None,
            data: Vec::new(),
            frames: Vec::new(),
            spawned,
            _master: pty.master,
            _home: home,
        }
    }

    /// Splits received bytes into frames.
    fn take(&mut self, at: Instant, bytes: Vec<u8>) {
        self.parser.process(&bytes);
        self.pending.extend_from_slice(&bytes);
        loop {
            match self.in_frame {
                None => match find(&self.pending, BSU) {
                    Some(i) => {
                        self.pending.drain(..i);
                        self.in_frame = Some(0);
                        self.data.clear();
                    }
                    None => {
                        let keep = self.pending.len().saturating_sub(BSU.len());
                        self.pending.drain(..keep);
                        return;
                    }
                },
                Some(n) => match find(&self.pending, ESU) {
                    Some(i) => {
                        let len = i + ESU.len();
                        self.data.extend(self.pending.drain(..len));
                        self.in_frame = None;
                        self.frames.push(Frame {
                            bytes: n + len,
                            end: at,
                            data: std::mem::take(&mut self.data),
                        });
                    }
                    None => {
                        let keep = self.pending.len().saturating_sub(ESU.len());
                        self.data.extend(self.pending.drain(..keep));
                        self.in_frame = Some(n + keep);
                        return;
                    }
                },
            }
        }
    }

    /// Reads until `n` more frames than `seen` have ended.
    fn frames_after(&mut self, seen: usize, n: usize) -> Vec<Frame> {
        let deadline = Instant::now() + WAIT;
        while self.frames.len() < seen + n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no frame; the screen:\n{}", self.screen());
            if let Ok((at, b)) = self.chunks.recv_timeout(left) {
                self.take(at, b);
            }
        }
        self.frames[seen..seen + n].to_vec()
    }

    /// Reads whatever arrives within `quiet` of the last bytes.
    fn settle(&mut self, quiet: Duration) {
        while let Ok((at, b)) = self.chunks.recv_timeout(quiet) {
            self.take(at, b);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// The first frame after which every one of `texts` is on screen.
    fn wait_for_screen(&mut self, texts: &[&str]) -> Frame {
        let mut seen = 0;
        loop {
            let f = self.frames_after(seen, 1).remove(0);
            seen += 1;
            // The screen may already hold later bytes; a frame is one write,
            // so checking after its end marker is what the user saw.
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return f;
            }
        }
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends one key and waits for its frame: (latency, frame bytes,
    /// write calls, bytes written per /proc).
    fn key(&mut self, k: &str) -> KeyStat {
        self.settle(Duration::from_millis(2));
        let seen = self.frames.len();
        let before = proc_io(self.pid);
        let t = Instant::now();
        self.send(k);
        let f = self.frames_after(seen, 1).remove(0);
        // Catch a second frame, if the app drew twice for one key.
        self.settle(Duration::from_millis(5));
        let after = proc_io(self.pid);
        KeyStat {
            latency: f.end.saturating_duration_since(t),
            bytes: f.bytes,
            frames: self.frames.len() - seen,
            syscw: after.0.saturating_sub(before.0),
            wchar: after.1.saturating_sub(before.1),
        }
    }

    /// Sends a key that may leave the screen as it is (then the app
    /// writes nothing), and takes whatever it draws.
    fn nudge(&mut self, k: &str) {
        self.settle(Duration::from_millis(2));
        self.send(k);
        self.settle(Duration::from_millis(200));
    }

    fn quit(&mut self) {
        self.send("q");
        let deadline = Instant::now() + WAIT;
        loop {
            while let Ok((at, b)) = self.chunks.try_recv() {
                self.take(at, b);
            }
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("revdesk did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct KeyStat {
    latency: Duration,
    bytes: usize,
    frames: usize,
    syscw: u64,
    wchar: u64,
}

/// (syscw, wchar) of a process, all threads.
fn proc_io(pid: u32) -> (u64, u64) {
    let s = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap_or_default();
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (field("syscw:"), field("wchar:"))
}

/// utime + stime of a process in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command (which may hold spaces) start at ") ".
    let rest = s.rsplit_once(") ").map_or("", |x| x.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 (1-based), 12 and 13 after ") ".
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    (ticks(11) + ticks(12)) as f64 / hz
}

fn vm_hwm_kb(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    let i = ((v.len() - 1) as f64 * p).round() as usize;
    v[i]
}

fn median(v: &[f64]) -> f64 {
    pct(v, 0.5)
}

/// The status bar, once the first complete frame is up.
const READY: [&str; 2] = [" · as at ", "? help"];

struct Report {
    rows: Vec<(String, String)>,
}

impl Report {
    fn add(&mut self, what: impl Into<String>, value: impl Into<String>) {
        let (w, v) = (what.into(), value.into());
        println!("  {w:<52} {v}");
        self.rows.push((w, v));
    }
}

fn lat(stats: &[KeyStat]) -> String {
    let v: Vec<f64> = stats.iter().map(|s| ms(s.latency)).collect();
    format!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms (n={})",
        median(&v),
        pct(&v, 0.95),
        pct(&v, 1.0),
        v.len()
    )
}

fn bytes(stats: &[KeyStat]) -> String {
    let v: Vec<f64> = stats.iter().map(|s| s.bytes as f64).collect();
    format!("median {:.0} B, max {:.0} B", median(&v), pct(&v, 1.0))
}

fn writes(stats: &[KeyStat]) -> String {
    let frames: usize = stats.iter().map(|s| s.frames).sum();
    let calls: u64 = stats.iter().map(|s| s.syscw).sum();
    let wchar: u64 = stats.iter().map(|s| s.wchar).sum();
    format!(
        "{:.2} write calls/frame ({calls} calls, {frames} frames, {} keys; wchar {:.0} B/frame)",
        calls as f64 / frames.max(1) as f64,
        stats.len(),
        wchar as f64 / frames.max(1) as f64
    )
}

/// One-row moves: `rounds` of 15 down and 15 up from the top (the list
/// does not scroll), then `scroll` moves down past the bottom of the
/// screen (each one scrolls the list by a row).
fn moves(s: &mut Session, rounds: usize, scroll: usize) -> (Vec<KeyStat>, Vec<KeyStat>) {
    s.nudge("g");
    let mut within = Vec::new();
    for _ in 0..rounds {
        for k in ["j", "k"] {
            for _ in 0..15 {
                within.push(s.key(k));
            }
        }
    }
    for _ in 0..ROWS {
        s.key("j");
    }
    let scrolling = (0..scroll).map(|_| s.key("j")).collect();
    (within, scrolling)
}

fn report_moves(
    r: &mut Report,
    scale: usize,
    pane: &str,
    within: &[KeyStat],
    scrolling: &[KeyStat],
) {
    let mut all = within.to_vec();
    all.extend_from_slice(scrolling);
    r.add(format!("x{scale} j/k on {pane}: key to frame"), lat(&all));
    r.add(
        format!("x{scale} j/k on {pane} within the page: bytes"),
        bytes(within),
    );
    r.add(
        format!("x{scale} j on {pane} scrolling the list: bytes"),
        bytes(scrolling),
    );
    r.add(format!("x{scale} j/k on {pane}: writes"), writes(&all));
}

fn tui(o: &Opts, bin: &Path, db: &Path, scale: usize, r: &mut Report) {
    // First complete frame, over several starts.
    let mut firsts = Vec::new();
    let mut first_bytes = 0;
    let mut hwm_first = Vec::new();
    for _ in 0..o.reps {
        let mut s = Session::start(bin, db, None);
        let f = s.wait_for_screen(&READY);
        firsts.push(ms(f.end.saturating_duration_since(s.spawned)));
        first_bytes = f.bytes;
        s.settle(Duration::from_millis(50));
        hwm_first.push(vm_hwm_kb(s.pid) as f64);
        s.quit();
    }
    r.add(
        format!("x{scale} first complete frame (spawn to frame end)"),
        format!(
            "median {:.0} ms, min {:.0}, max {:.0} (n={})",
            median(&firsts),
            pct(&firsts, 0.0),
            pct(&firsts, 1.0),
            firsts.len()
        ),
    );
    r.add(
        format!("x{scale} bytes of the first full frame"),
        format!("{first_bytes} B"),
    );
    r.add(
        format!("x{scale} peak RSS at the first frame (VmHWM)"),
        format!("{:.1} MB", median(&hwm_first) / 1024.0),
    );

    let mut s = Session::start(bin, db, None);
    s.wait_for_screen(&READY);
    s.settle(Duration::from_millis(100));

    // Idle: nothing may be drawn, almost no CPU.
    let frames0 = s.frames.len();
    let (c0, t0) = (cpu_seconds(s.pid), Instant::now());
    let io0 = proc_io(s.pid);
    let until = t0 + Duration::from_secs(o.idle);
    while Instant::now() < until {
        if let Ok((at, b)) = s
            .chunks
            .recv_timeout(until.saturating_duration_since(Instant::now()))
        {
            s.take(at, b);
        }
    }
    let (c1, t1) = (cpu_seconds(s.pid), Instant::now());
    let io1 = proc_io(s.pid);
    r.add(
        format!("x{scale} idle {} s: CPU", o.idle),
        format!(
            "{:.2} % ({:.0} ms of CPU)",
            (c1 - c0) / (t1 - t0).as_secs_f64() * 100.0,
            (c1 - c0) * 1000.0
        ),
    );
    r.add(
        format!("x{scale} idle {} s: frames, write calls", o.idle),
        format!(
            "{} frames, {} write calls",
            s.frames.len() - frames0,
            io1.0 - io0.0
        ),
    );

    // Row moves on the Overdue pane.
    let before_moves = s.frames.len();
    let (within, scrolling) = moves(&mut s, 4, 60);
    if o.dump {
        // `g`, then the first `j` (within the page).
        if let Some(f) = s.frames.get(before_moves + 1) {
            println!(
                "one j frame within the page on Overdue ({} B):\n{}",
                f.bytes,
                String::from_utf8_lossy(&f.data).replace('\x1b', "\\e")
            );
        }
        let f = s.frames.last().unwrap();
        println!(
            "one scrolling j frame on Overdue ({} B):\n{}",
            f.bytes,
            String::from_utf8_lossy(&f.data).replace('\x1b', "\\e")
        );
    }
    report_moves(r, scale, "Overdue", &within, &scrolling);

    // Filter typing on the Overdue pane.
    s.key("/");
    let typing: Vec<KeyStat> = "kenya 5".chars().map(|c| s.key(&c.to_string())).collect();
    r.add(
        format!("x{scale} typing /kenya 5 on Overdue: key to frame"),
        lat(&typing),
    );
    s.key("\x1b");

    // Pane switches: the first visit builds the pane's rows.
    let mut firsts = Vec::new();
    for k in ["2", "3", "4", "5", "6", "1"] {
        let st = s.key(k);
        firsts.push(format!("{k}: {:.1}", ms(st.latency)));
    }
    r.add(
        format!("x{scale} first visit of each pane (ms)"),
        firsts.join(", "),
    );
    let mut switches = Vec::new();
    for _ in 0..5 {
        for k in ["2", "3", "4", "5", "6", "1"] {
            switches.push(s.key(k));
        }
    }
    r.add(
        format!("x{scale} pane switch 1..6: key to frame"),
        lat(&switches),
    );
    r.add(
        format!("x{scale} pane switch: bytes per full frame"),
        bytes(&switches),
    );
    r.add(format!("x{scale} pane switch: writes"), writes(&switches));

    // Row moves and typing on the other list panes.
    for (k, name, text) in [
        ("2", "Reviews", "nigeria"),
        ("4", "Parties", "kenya"),
        ("5", "Contacts", "anna mfa"),
    ] {
        s.key(k);
        let (within, scrolling) = moves(&mut s, 2, 20);
        if o.dump {
            let f = s.frames.last().unwrap();
            println!(
                "one scrolling j frame on {name} ({} B):\n{}",
                f.bytes,
                String::from_utf8_lossy(&f.data).replace('\x1b', "\\e")
            );
        }
        report_moves(r, scale, name, &within, &scrolling);
        s.key("/");
        let typing: Vec<KeyStat> = text.chars().map(|c| s.key(&c.to_string())).collect();
        r.add(
            format!("x{scale} typing /{text} on {name}: key to frame"),
            lat(&typing),
        );
        s.key("\x1b");
    }
    s.key("1");
    s.settle(Duration::from_millis(50));
    r.add(
        format!("x{scale} peak RSS after every pane (VmHWM)"),
        format!("{:.1} MB", vm_hwm_kb(s.pid) as f64 / 1024.0),
    );
    s.quit();

    if o.strace {
        strace_writes(bin, db, scale, r);
    }
}

/// Runs a short session (first frame, 20 row moves, quit) under
/// `strace -f -e trace=write` and matches the writes to the terminal with
/// the frames the terminal received: one write per frame means as many
/// writes beginning a frame as frames, of the same sizes.
fn strace_writes(bin: &Path, db: &Path, scale: usize, r: &mut Report) {
    if Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        r.add(
            format!("x{scale} strace"),
            "strace not installed (apt-get install -y strace): skipped",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("strace.log");
    let mut s = Session::start(bin, db, Some(&log));
    s.wait_for_screen(&READY);
    s.settle(Duration::from_millis(200));
    for _ in 0..20 {
        s.key("j");
    }
    s.settle(Duration::from_millis(200));
    let frames: Vec<usize> = s.frames.iter().map(|f| f.bytes).collect();
    s.quit();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    // `PID write(1, "\33[?2026h..."..., 389) = 389`: stdout is the terminal.
    let writes: Vec<(bool, usize)> = text
        .lines()
        .filter(|l| l.contains("write(1, "))
        .filter_map(|l| {
            let size = l.rsplit_once("= ")?.1.trim().parse().ok()?;
            Some((l.contains("write(1, \"\\33[?2026h"), size))
        })
        .collect();
    // In order; the session's frames end before the quit (which writes a
    // last "show the cursor" frame and the restore).
    let frame_writes: Vec<usize> = writes.iter().filter(|w| w.0).map(|w| w.1).collect();
    let others = writes.len() - frame_writes.len();
    r.add(
        format!("x{scale} strace: writes to the terminal"),
        format!(
            "{} write(1) calls: {} begin a frame; the {} frames received before the quit \
             {}; {} other writes (alternate screen, restore)",
            writes.len(),
            frame_writes.len(),
            frames.len(),
            if frame_writes.get(..frames.len()) == Some(&frames[..]) {
                "are the first writes, byte for byte: one write per frame"
            } else {
                "do not match the writes: a frame took several writes"
            },
            others
        ),
    );
}

/// `revdesk overdue --format json` against the sqlite3 shell reading
/// every row of the tables it needs, interleaved, several times.
fn sqlite_compare(o: &Opts, bin: &Path, db: &Path, scale: usize, r: &mut Report) {
    let sqlite = Path::new("/usr/bin/sqlite3");
    let sqlite = if sqlite.exists() {
        Some(sqlite.to_path_buf())
    } else {
        which("sqlite3")
    };
    let time = |cmd: &mut Command| -> f64 {
        let t = Instant::now();
        let st = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        assert!(st.success(), "{cmd:?} failed");
        t.elapsed().as_secs_f64() * 1000.0
    };
    let revdesk = || {
        let mut c = Command::new(bin);
        c.arg("--db")
            .arg(db)
            .args(["--as-of", AS_OF, "overdue", "--format", "json"]);
        c
    };
    let sql = "SELECT * FROM groups; SELECT * FROM parties; SELECT * FROM people; \
               SELECT * FROM reviews; SELECT * FROM review_reviewers; SELECT * FROM extensions;";
    // Warm the page cache once.
    time(&mut revdesk());
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..o.reps.max(3) {
        ours.push(time(&mut revdesk()));
        if let Some(s) = &sqlite {
            theirs.push(time(Command::new(s).arg("-readonly").arg(db).arg(sql)));
        }
    }
    let peak = {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(bin)
            .arg("--db")
            .arg(db)
            .args(["--as-of", AS_OF, "overdue", "--format", "json"])
            .stdout(Stdio::null())
            .output();
        out.ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .and_then(|l| l.trim().parse::<f64>().ok())
            })
            .map(|kb| format!(", peak RSS {:.1} MB", kb / 1024.0))
            .unwrap_or_default()
    };
    r.add(
        format!("x{scale} revdesk overdue --format json"),
        format!(
            "median {:.0} ms (min {:.0}, n={}){peak}",
            median(&ours),
            pct(&ours, 0.0),
            ours.len()
        ),
    );
    match sqlite {
        Some(_) => {
            r.add(
                format!("x{scale} sqlite3 SELECT * of the 6 tables"),
                format!(
                    "median {:.0} ms (min {:.0}, n={})",
                    median(&theirs),
                    pct(&theirs, 0.0),
                    theirs.len()
                ),
            );
            r.add(
                format!("x{scale} overdue / sqlite3"),
                format!("{:.2}x", median(&ours) / median(&theirs)),
            );
        }
        None => r.add(
            format!("x{scale} sqlite3"),
            "no sqlite3 shell on this machine: comparison skipped",
        ),
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|f| f.is_file())
    })
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    let n = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{n} CPUs ({cpu}), {mem} memory")
}

fn main() {
    let o = opts();
    let bin = binary(&o);
    println!("revdesk terminal harness: {}", bin.display());
    println!("machine: {}", machine());
    println!("terminal {COLS}x{ROWS}, --as-of {AS_OF}");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average at start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    if load
        .split_whitespace()
        .next()
        .and_then(|l| l.parse::<f64>().ok())
        .is_some_and(|l| l > 1.0)
    {
        println!("warning: the machine is busy (1-minute load above 1); timings will be noisy");
    }
    let mut report = Report { rows: Vec::new() };
    for &scale in &o.scales {
        let db = desk(&o, scale);
        println!("scale x{scale}: {}", db.display());
        if o.tui {
            tui(&o, &bin, &db, scale, &mut report);
        }
        if o.sqlite {
            sqlite_compare(&o, &bin, &db, scale, &mut report);
        }
    }
    println!();
    println!("| measure | value |");
    println!("|---|---|");
    for (w, v) in &report.rows {
        println!("| {w} | {v} |");
    }
}
