//! Reliability campaign: parallel writers, SIGKILL during imports and edits,
//! and stores that cannot be written. Every trial checks the store after.

use crate::fixtures::{Desk, big_document, revdesk};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_revdesk")
}

fn count(db: &Path, sql: &str) -> i64 {
    let c = Connection::open(db).unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn integrity(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// A small deterministic generator for "random" moments.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

#[test]
fn four_writers_a_hundred_writes_each() {
    let d = Desk::sample();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = d.db.clone();
            std::thread::spawn(move || {
                let mut errors = Vec::new();
                for i in 0..100 {
                    let o = revdesk(
                        &db,
                        &[
                            "remind",
                            "--party",
                            "AUT",
                            "--obligation",
                            "saq",
                            "--review",
                            "1",
                            "--channel",
                            "email",
                            "--note",
                            &format!("w{w}-{i}"),
                            "--date",
                            "2024-01-01",
                        ],
                    );
                    if !o.status.success() {
                        errors.push(String::from_utf8_lossy(&o.stderr).into_owned());
                    }
                }
                errors
            })
        })
        .collect();
    let errors: Vec<String> = writers
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        errors.is_empty(),
        "{} writes failed, first: {:?}",
        errors.len(),
        errors.first()
    );
    let notes: Vec<String> = {
        let c = Connection::open(&d.db).unwrap();
        let mut st = c
            .prepare("SELECT note FROM reminders WHERE note LIKE 'w%-%'")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let distinct: std::collections::BTreeSet<&String> = notes.iter().collect();
    assert_eq!(notes.len(), 400, "lost or duplicated writes");
    assert_eq!(distinct.len(), 400);
    assert_eq!(
        count(&d.db, "SELECT count(*) FROM audit WHERE action = 'remind'"),
        400
    );
    assert_eq!(integrity(&d.db), "ok");
}

#[test]
fn sigkill_during_imports_leaves_all_or_nothing() {
    let d = Desk::new();
    let doc = d.file("big.json", &big_document(3000));
    // How long a whole import takes here, to aim the kills inside it.
    d.ok(&["init"]);
    let t = Instant::now();
    d.ok(&["import", doc.to_str().unwrap()]);
    let full = t.elapsed().as_millis() as u64;
    let parties = count(&d.db, "SELECT count(*) FROM parties");
    let people = count(&d.db, "SELECT count(*) FROM people");
    assert_eq!((parties, people), (3000, 12000));

    let mut rng = Lcg(7);
    let (mut complete, mut empty) = (0, 0);
    for trial in 0..16 {
        let db = d.dir.path().join(format!("trial{trial}.db"));
        revdesk(&db, &["init"]);
        let mut child = Command::new(bin())
            .args([
                "--db",
                db.to_str().unwrap(),
                "import",
                doc.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.next(full + 20)));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(integrity(&db), "ok", "trial {trial}");
        let p = count(&db, "SELECT count(*) FROM parties");
        let n = count(&db, "SELECT count(*) FROM people");
        let r = count(&db, "SELECT count(*) FROM reminders");
        let a = count(&db, "SELECT count(*) FROM audit WHERE action = 'import'");
        match (p, n, r, a) {
            (0, 0, 0, 0) => empty += 1,
            (3000, 12000, 3000, 1) => complete += 1,
            other => panic!("trial {trial}: half an import: {other:?}"),
        }
        let o = revdesk(&db, &["check"]);
        assert!(
            o.status.success(),
            "trial {trial}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    eprintln!("import kills: {empty} rolled back, {complete} complete (import takes {full} ms)");
    assert!(empty > 0, "no kill landed inside an import");
}

/// An import into a store it creates writes the store beside its path
/// and puts it there when whole, in its WAL: killed at any moment, the
/// path holds nothing or the whole desk.
#[test]
fn sigkill_during_an_import_into_a_new_store_leaves_all_or_nothing() {
    let d = Desk::new();
    let doc = d.file("big.json", &big_document(3000));
    let t = Instant::now();
    d.ok(&["import", doc.to_str().unwrap()]);
    let full = t.elapsed().as_millis() as u64;
    assert_eq!(journal_mode(&d.db), "wal");

    let mut rng = Lcg(13);
    let (mut complete, mut absent) = (0, 0);
    for trial in 0..12 {
        let db = d.dir.path().join(format!("new{trial}.db"));
        let mut child = Command::new(bin())
            .args([
                "--db",
                db.to_str().unwrap(),
                "import",
                doc.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.next(full * 2)));
        let _ = child.kill();
        let _ = child.wait();
        if !db.exists() {
            absent += 1;
            continue;
        }
        // Read-only first: what a colleague's `check` would see.
        let o = revdesk(&db, &["check"]);
        assert!(
            o.status.success(),
            "trial {trial}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert_eq!(integrity(&db), "ok", "trial {trial}");
        assert_eq!(journal_mode(&db), "wal", "trial {trial}");
        let p = count(&db, "SELECT count(*) FROM parties");
        let n = count(&db, "SELECT count(*) FROM people");
        let r = count(&db, "SELECT count(*) FROM reminders");
        let a = count(&db, "SELECT count(*) FROM audit WHERE action = 'import'");
        assert_eq!(
            (p, n, r, a),
            (3000, 12000, 3000, 1),
            "trial {trial}: half an import"
        );
        complete += 1;
    }
    eprintln!(
        "new-store import kills: {absent} left nothing, {complete} complete (import takes {full} ms)"
    );
    assert!(absent > 0, "no kill landed inside an import");
}

fn journal_mode(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn sigkill_during_a_stream_of_edits_leaves_whole_transactions() {
    let d = Desk::sample();
    let mut rng = Lcg(11);
    let db = d.db.to_str().unwrap().to_string();
    let mut killed_mid_stream = 0;
    for trial in 0..16 {
        // A stream of edits: a shell loop of revdesk commands, killed as a
        // process group at a random moment.
        let script = format!(
            "for i in $(seq 1 40); do {bin} --db {db} remind --party AUT --obligation saq --review 1 \
             --channel email --note t{trial}-$i --date 2024-01-01 || exit 1; \
             {bin} --db {db} nominate --party KEN --role expert --name \"E {trial} $i\" --date 2023-01-01 || exit 1; done",
            bin = bin()
        );
        let mut child = {
            use std::os::unix::process::CommandExt;
            Command::new("sh")
                .args(["-c", &script])
                .process_group(0)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        std::thread::sleep(Duration::from_millis(20 + rng.next(400)));
        let pgid = child.id() as i32;
        // SAFETY: sends SIGKILL to the process group we just created.
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        let status = child.wait().unwrap();
        if !status.success() {
            killed_mid_stream += 1;
        }
        // `sh` is gone, but a revdesk it started may still be finishing a
        // commit (SIGKILL waits for an fsync in progress): wait until no
        // process of the group is left.
        let gone = Instant::now();
        // SAFETY: signal 0 only asks whether the group still exists.
        while unsafe { libc::kill(-pgid, 0) } == 0 && gone.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(integrity(&d.db), "ok", "trial {trial}");
        // Each edit wrote its row and its audit entry in one transaction:
        // counted together, in one read.
        let c = Connection::open(&d.db).unwrap();
        c.busy_timeout(Duration::from_secs(10)).unwrap();
        let (reminders, audited, experts, nominated): (i64, i64, i64, i64) = c
            .query_row(
                "SELECT (SELECT count(*) FROM reminders WHERE note LIKE 't%-%'), \
                        (SELECT count(*) FROM audit WHERE action = 'remind'), \
                        (SELECT count(*) FROM people WHERE name LIKE 'E %'), \
                        (SELECT count(*) FROM audit WHERE action = 'nominate')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            reminders, audited,
            "trial {trial}: a reminder without its audit entry or the reverse"
        );
        assert_eq!(experts, nominated, "trial {trial}");
    }
    assert!(
        killed_mid_stream >= 10,
        "only {killed_mid_stream} kills landed mid-stream"
    );
    let o = revdesk(&d.db, &["check"]);
    assert!(o.status.success());
}

#[test]
fn the_audit_log_is_append_only() {
    let d = Desk::sample();
    let c = Connection::open(&d.db).unwrap();
    let e = c
        .execute("UPDATE audit SET os_user = 'mallory'", [])
        .unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    let e = c.execute("DELETE FROM audit", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    assert!(count(&d.db, "SELECT count(*) FROM audit") > 0);
}

fn one_line_error(o: &std::process::Output) -> String {
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    err
}

#[test]
fn read_only_sessions_write_nothing() {
    let d = Desk::sample();
    let before = d.export();
    let err = one_line_error(&d.run(&[
        "--read-only",
        "remind",
        "--party",
        "AUT",
        "--obligation",
        "experts",
        "--channel",
        "email",
    ]));
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(d.export(), before);
}

/// Runs `args` as the unprivileged user `nobody`, where root's CI would
/// otherwise ignore file permissions.
fn as_nobody(args: &[&str]) -> Option<std::process::Output> {
    let probe = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .output();
    if !probe.map(|o| o.status.success()).unwrap_or(false) {
        return None;
    }
    Some(
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", bin()])
            .args(args)
            .env("USER", "nobody")
            .output()
            .unwrap(),
    )
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn unwritable_files_and_folders_as_another_user() {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        eprintln!("skipped: needs root to switch to another user");
        return;
    }
    let d = Desk::sample();
    let shared = d.dir.path().join("ro");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(d.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    let store = shared.join("desk.db");
    std::fs::copy(&d.db, &store).unwrap();
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(&store).unwrap();
    let s = store.to_str().unwrap();

    // A store this user cannot write: reads work, the edit is refused.
    let o = as_nobody(&[
        "--db",
        s,
        "overdue",
        "--as-of",
        "2024-02-29",
        "--format",
        "json",
    ])
    .expect("setpriv");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = as_nobody(&[
        "--db",
        s,
        "remind",
        "--party",
        "AUT",
        "--obligation",
        "experts",
        "--channel",
        "email",
    ])
    .unwrap();
    let err = one_line_error(&o);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&store).unwrap(), before);

    // A folder this user cannot write: no store can be created there.
    let missing = shared.join("new.db");
    let o = as_nobody(&["--db", missing.to_str().unwrap(), "init"]).unwrap();
    let err = one_line_error(&o);
    assert!(err.contains("ermission denied"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn a_full_disk_writes_nothing_half() {
    let probe = Command::new("unshare").args(["-rm", "true"]).output();
    if !probe.map(|o| o.status.success()).unwrap_or(false) {
        eprintln!("skipped: no user namespaces here");
        return;
    }
    let d = Desk::new();
    let big = d.file("big.json", &big_document(1500));
    let sample = d.file("sample.json", crate::fixtures::SAMPLE);
    let mnt = d.dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    // Inside a private mount namespace: a 400 KiB tmpfs holds the store.
    let script = format!(
        "set -u; mount -t tmpfs -o size=400k none {mnt} || exit 90; \
         {bin} --db {mnt}/desk.db import {sample} || exit 91; \
         {bin} --db {mnt}/desk.db export > {mnt}/../before.json || exit 92; \
         {bin} --db {mnt}/desk.db import --replace {big} 2> {mnt}/../err.txt; echo $? > {mnt}/../rc.txt; \
         {bin} --db {mnt}/desk.db export > {mnt}/../after.json || exit 93; \
         {bin} --db {mnt}/desk.db check > {mnt}/../check.txt || exit 94",
        mnt = mnt.display(),
        bin = bin(),
        sample = sample.display(),
        big = big.display()
    );
    let o = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "script failed: {:?} {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let dir = d.dir.path();
    let rc = std::fs::read_to_string(dir.join("rc.txt")).unwrap();
    let err = std::fs::read_to_string(dir.join("err.txt")).unwrap();
    assert_ne!(rc.trim(), "0", "the import should not fit");
    assert!(
        err.contains("disk is full") || err.contains("full"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let before = std::fs::read_to_string(dir.join("before.json")).unwrap();
    let after = std::fs::read_to_string(dir.join("after.json")).unwrap();
    assert_eq!(before, after, "a failed import changed the store");
}

#[test]
fn damaged_and_foreign_files_get_one_line_errors() {
    let d = Desk::sample();
    // Truncated: half of a real store.
    let bytes = std::fs::read(&d.db).unwrap();
    let cut = d.dir.path().join("cut.db");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    for args in [&["overdue"][..], &["check"], &["export"]] {
        let o = revdesk(&cut, args);
        let err = one_line_error(&o);
        assert!(
            err.contains("damaged") || err.contains("malformed") || err.contains("not a"),
            "{args:?}: {err}"
        );
    }
    // Not SQLite, and an empty store file used as a restore source.
    let junk = d.file(
        "junk.db",
        "SQLite format 2\0 but not really a database file at all",
    );
    let err = one_line_error(&revdesk(&junk, &["stats"]));
    assert!(err.contains("not a SQLite database"), "{err}");
    let err = one_line_error(&d.run(&["restore", junk.to_str().unwrap(), "--yes"]));
    assert!(err.contains("not a SQLite database"), "{err}");
}

#[test]
fn backup_while_writing_then_restore() {
    let d = Desk::sample();
    let db = d.db.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..60 {
            let o = revdesk(
                &db,
                &[
                    "remind",
                    "--party",
                    "AUT",
                    "--obligation",
                    "experts",
                    "--channel",
                    "phone",
                    "--note",
                    &format!("b{i}"),
                    "--date",
                    "2024-01-01",
                ],
            );
            assert!(o.status.success());
        }
    });
    let mut backups = Vec::new();
    for i in 0..5 {
        let b = d.dir.path().join(format!("backup{i}.db"));
        d.ok(&["backup", b.to_str().unwrap()]);
        backups.push(b);
        std::thread::sleep(Duration::from_millis(30));
    }
    writer.join().unwrap();
    for b in &backups {
        assert_eq!(integrity(b), "ok");
        // Each copy is a consistent snapshot: rows and audit agree.
        let r = count(b, "SELECT count(*) FROM reminders WHERE note LIKE 'b%'");
        let a = count(b, "SELECT count(*) FROM audit WHERE action = 'remind'");
        assert_eq!(r, a);
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(b).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Restore the last backup into a fresh store and compare exports.
    let target = Desk::new();
    let last = backups.last().unwrap();
    target.ok(&["restore", last.to_str().unwrap(), "--yes"]);
    let expected = revdesk(last, &["export"]);
    assert_eq!(target.export(), String::from_utf8(expected.stdout).unwrap());
    // An existing file is never overwritten.
    let err = one_line_error(&d.run(&["backup", last.to_str().unwrap()]));
    assert!(err.contains("already exists"), "{err}");
}
