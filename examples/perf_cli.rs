//! The headless harness of PERFORMANCE.md (issue 21): runs every headless
//! command of a release binary on two demo desks (×10 and ×100), beside the
//! `sqlite3` shell reading every row of every table of the same desk, and
//! prints one markdown table: wall time and peak RSS at each scale, how
//! peak RSS grew from the small desk to the large one, the large desk's
//! time as a multiple of `sqlite3`'s, and whether the command meets the
//! targets.
//!
//! ```text
//! revdesk --db /tmp/x10.db demo --scale 10; revdesk --db /tmp/x100.db demo --scale 100
//! cargo run --release --example perf_cli -- --bin target/release/revdesk /tmp/x10.db /tmp/x100.db
//! cargo run --release --example perf_cli -- --reps 3 --only contacts /tmp/x10.db /tmp/x100.db
//! ```
//!
//! Options: `--bin PATH` (default `target/release/revdesk`), `--reps N`
//! (runs of each command and of `sqlite3`; the median time and the
//! largest peak RSS are shown; default 1), `--only WORD` (only the
//! commands whose line holds WORD; repeatable).
//!
//! How it measures: each command is a child process with standard output
//! to `/dev/null`; wall time from spawn to `wait4`, peak RSS the child's
//! `ru_maxrss`. Files a command writes go to a scratch folder, removed
//! after each run. `import` loads the desk's own export (written once,
//! before the runs) into a new store each run.
//!
//! Targets (issue 21), on the large desk: peak RSS ≤ 120 MB; time ≤ 8×
//! `sqlite3`; and peak RSS ≤ 60 MB or grown less than 2.5× from the
//! small desk.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const AS_OF: &str = "2026-11-29";
const RSS_MAX: f64 = 120.0;
const TIME_RATIO_MAX: f64 = 8.0;
const RSS_FLAT: f64 = 60.0;
const GROWTH_MAX: f64 = 2.5;

/// Wall seconds and peak RSS (MB) of one child process, or why it failed.
/// `check` exits 1 when it finds a problem in the desk, which is a
/// finding, not a failure: its run is measured all the same.
fn measure(mut cmd: Command) -> Result<(f64, f64), String> {
    let check = cmd.get_args().any(|a| a == "check");
    let t = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut stderr = child.stderr.take();
    // Drained on a thread, so a chatty child never blocks on a full pipe.
    let drain = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = std::io::Read::read_to_string(e, &mut s);
        }
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = t.elapsed().as_secs_f64();
    let err = drain.join().unwrap_or_default();
    if r != pid {
        return Err("wait4 failed".into());
    }
    let allowed = if check { 1 } else { 0 };
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) > allowed {
        let last = err.lines().last().unwrap_or("").to_string();
        return Err(format!("exit {}: {last}", libc::WEXITSTATUS(status)));
    }
    Ok((secs, usage.ru_maxrss as f64 / 1024.0))
}

/// Median time and largest peak RSS of `reps` runs of `make()`.
fn measure_reps(reps: usize, mut make: impl FnMut() -> Command) -> Result<(f64, f64), String> {
    let mut times = Vec::new();
    let mut rss: f64 = 0.0;
    for _ in 0..reps.max(1) {
        let (s, m) = measure(make())?;
        times.push(s);
        rss = rss.max(m);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], rss))
}

/// The tables of a store, as `sqlite3` lists them.
fn tables(db: &Path) -> Vec<String> {
    Command::new("sqlite3")
        .arg(db)
        .arg("SELECT name FROM sqlite_master WHERE type='table'")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// `sqlite3` reading every row of every table of `db`.
fn sqlite_all(db: &Path) -> Command {
    let sql: String = tables(db)
        .iter()
        .map(|t| format!("SELECT * FROM \"{t}\";"))
        .collect();
    let mut c = Command::new("sqlite3");
    c.arg(db).arg(sql);
    c
}

/// Every headless command that reads the desk (and `import`, which
/// writes a new one), as argument lists; `{s}` is the scratch folder,
/// `{x}` the desk's export.
const COMMANDS: &[&str] = &[
    "overdue",
    "overdue --format csv",
    "overdue --format json",
    "stats",
    "stats --format json",
    "pace",
    "pace --format json",
    "draws",
    "cluster gate",
    "audit",
    "audit --limit 1000000 --format json",
    "check",
    "backup {s}/b.db",
    "export -o {s}/x.json",
    "import {x}",
    "report --out {s}/report",
    "digest --month 2026-11 --out {s}/digest",
    "calendar -o {s}/c.ics",
    "calendar",
    "contacts",
    "contacts --format csv",
    "contacts --format json",
    "contacts --format vcard -o {s}/c.vcf",
    "contacts --format vcard",
    "site --out {s}/site",
];

/// One command's figures at one scale.
type Figures = Result<(f64, f64), String>;

struct Opts {
    bin: PathBuf,
    reps: usize,
    only: Vec<String>,
    desks: Vec<PathBuf>,
}

fn opts() -> Opts {
    let mut o = Opts {
        bin: PathBuf::from("target/release/revdesk"),
        reps: 1,
        only: Vec::new(),
        desks: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bin" => o.bin = args.next().map(PathBuf::from).unwrap_or(o.bin),
            "--reps" => o.reps = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--only" => o.only.extend(args.next()),
            _ => o.desks.push(PathBuf::from(a)),
        }
    }
    o
}

/// The figures of every command (and of `sqlite3`, first) on one desk.
fn run_desk(o: &Opts, db: &Path, commands: &[&str]) -> (Figures, Vec<Figures>) {
    let base = measure_reps(o.reps, || sqlite_all(db));
    let scratch = std::env::temp_dir().join(format!("perf_cli_{}", std::process::id()));
    let export = std::env::temp_dir().join(format!("perf_cli_{}.json", std::process::id()));
    let _ = std::fs::remove_file(&export);
    let made = Command::new(&o.bin)
        .arg("--db")
        .arg(db)
        .args(["--as-of", AS_OF, "export", "-o"])
        .arg(&export)
        .stderr(Stdio::null())
        .status();
    if !matches!(made, Ok(s) if s.success()) {
        eprintln!("could not export {} for import", db.display());
    }
    let s = scratch.to_string_lossy().to_string();
    let x = export.to_string_lossy().to_string();
    let mut out = Vec::new();
    for line in commands {
        let argv: Vec<String> = line
            .split_whitespace()
            .map(|a| a.replace("{s}", &s).replace("{x}", &x))
            .collect();
        let import = argv[0] == "import";
        let fig = measure_reps(o.reps, || {
            let _ = std::fs::remove_dir_all(&scratch);
            let _ = std::fs::create_dir_all(&scratch);
            let mut c = Command::new(&o.bin);
            let target = if import {
                scratch.join("new.db")
            } else {
                db.to_path_buf()
            };
            c.arg("--db")
                .arg(target)
                .args(["--as-of", AS_OF])
                .args(&argv);
            c
        });
        let _ = std::fs::remove_dir_all(&scratch);
        eprintln!("{}: {line}: {fig:?}", db.display());
        out.push(fig);
    }
    let _ = std::fs::remove_file(&export);
    (base, out)
}

fn cell(f: &Figures) -> String {
    match f {
        Ok((s, m)) => format!("{s:.2} s, {m:.0} MB"),
        Err(e) => format!("failed ({e})"),
    }
}

/// The table row of one command: figures at both scales, growth, ratio,
/// verdict.
fn row(line: &str, small: &Figures, large: &Figures, base: &Figures) -> String {
    let (growth, ratio, verdict) = match (small, large, base) {
        (Ok((_, m1)), Ok((s2, m2)), Ok((b, _))) => {
            let growth = m2 / m1;
            let ratio = s2 / b;
            let mut missed = Vec::new();
            if *m2 > RSS_MAX {
                missed.push("RSS");
            }
            if ratio > TIME_RATIO_MAX {
                missed.push("time");
            }
            if *m2 > RSS_FLAT && growth >= GROWTH_MAX {
                missed.push("growth");
            }
            let verdict = if missed.is_empty() {
                "pass".to_string()
            } else {
                format!("**fail** ({})", missed.join(", "))
            };
            (format!("{growth:.2}×"), format!("{ratio:.1}×"), verdict)
        }
        _ => ("-".into(), "-".into(), "**fail**".into()),
    };
    format!(
        "| `{line}` | {} | {} | {growth} | {ratio} | {verdict} |",
        cell(small),
        cell(large)
    )
}

fn main() {
    let o = opts();
    if o.desks.len() != 2 {
        eprintln!("usage: perf_cli [--bin PATH] [--reps N] [--only WORD] SMALL.db LARGE.db");
        std::process::exit(2);
    }
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("sqlite3 is missing (apt-get install -y sqlite3): no baseline");
    }
    let commands: Vec<&str> = COMMANDS
        .iter()
        .copied()
        .filter(|c| o.only.is_empty() || o.only.iter().any(|w| c.contains(w.as_str())))
        .collect();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let (base_small, small) = run_desk(&o, &o.desks[0], &commands);
    let (base_large, large) = run_desk(&o, &o.desks[1], &commands);
    let load_end = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "Desks: {} (small), {} (large); binary {}; {} run(s) each, median time, largest peak RSS.",
        o.desks[0].display(),
        o.desks[1].display(),
        o.bin.display(),
        o.reps
    );
    println!(
        "Load average before: {}; after: {}.",
        load.trim(),
        load_end.trim()
    );
    println!();
    println!(
        "| command | small: time, peak RSS | large: time, peak RSS | RSS growth | large ÷ sqlite3 time | targets |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| `sqlite3`, every row of every table | {} | {} | | 1 | |",
        cell(&base_small),
        cell(&base_large)
    );
    for (i, line) in commands.iter().enumerate() {
        println!("{}", row(line, &small[i], &large[i], &base_large));
    }
}
