//! The headless harness of PERFORMANCE.md: runs every headless command of a
//! release binary on existing demo desks, beside the `sqlite3` shell reading
//! every row of every table, and prints wall time and peak RSS (the child's
//! `ru_maxrss` from `wait4`). Outputs go to a scratch directory, removed
//! after each command.
//!
//! ```text
//! revdesk --db /tmp/x10.db demo --scale 10; revdesk --db /tmp/x100.db demo --scale 100
//! cargo run --release --example perf_cli -- --bin target/release/revdesk /tmp/x10.db /tmp/x100.db
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Wall seconds and peak RSS (MB) of one child process, or why it failed.
fn measure(mut cmd: Command) -> Result<(f64, f64), String> {
    let t = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = t.elapsed().as_secs_f64();
    if r != pid {
        return Err("wait4 failed".into());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("exit status {status}"));
    }
    Ok((secs, usage.ru_maxrss as f64 / 1024.0))
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

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let bin = match args.iter().position(|a| a == "--bin") {
        Some(i) if i + 1 < args.len() => {
            let b = PathBuf::from(args.remove(i + 1));
            args.remove(i);
            b
        }
        _ => PathBuf::from("target/release/revdesk"),
    };
    let has_sqlite = Command::new("sqlite3").arg("-version").output().is_ok();
    if !has_sqlite {
        eprintln!("sqlite3 is missing (apt-get install -y sqlite3): no baseline");
    }
    let scratch = std::env::temp_dir().join(format!("perf_cli_{}", std::process::id()));
    println!("| desk | command | time s | peak RSS MB | × sqlite3 time |");
    println!("|---|---|---|---|---|");
    for db in &args {
        let db = Path::new(db);
        let base = if has_sqlite {
            let sql: String = tables(db)
                .iter()
                .map(|t| format!("SELECT * FROM \"{t}\";"))
                .collect();
            let mut c = Command::new("sqlite3");
            c.arg(db).arg(sql);
            measure(c).ok()
        } else {
            None
        };
        if let Some((s, m)) = base {
            println!(
                "| {} | sqlite3, every row of every table | {s:.2} | {m:.0} | 1 |",
                db.display()
            );
        }
        let s = scratch.to_string_lossy().to_string();
        let commands: Vec<Vec<String>> = [
            vec!["check"],
            vec!["stats"],
            vec!["overdue"],
            vec!["audit"],
            vec!["calendar", "-o", &format!("{s}/c.ics")],
            vec!["contacts", "--vcard", "-o", &format!("{s}/c.vcf")],
            vec!["export", "-o", &format!("{s}/x.json")],
            vec!["report", "--out", &format!("{s}/report")],
            vec![
                "digest",
                "--month",
                "2026-11",
                "--out",
                &format!("{s}/digest"),
            ],
            vec!["backup", &format!("{s}/b.db")],
        ]
        .iter()
        .map(|v| v.iter().map(|a| a.to_string()).collect())
        .collect();
        for argv in commands {
            let _ = std::fs::create_dir_all(&scratch);
            let mut c = Command::new(&bin);
            c.arg("--db")
                .arg(db)
                .args(["--as-of", "2026-11-29"])
                .args(&argv);
            let line = match measure(c) {
                Ok((secs, mb)) => format!(
                    "{secs:.2} | {mb:.0} | {}",
                    base.map(|(b, _)| format!("{:.1}", secs / b))
                        .unwrap_or("-".into())
                ),
                Err(e) => format!("failed: {e} | | "),
            };
            println!("| {} | {} | {line} |", db.display(), argv[0]);
            let _ = std::fs::remove_dir_all(&scratch);
        }
    }
}
