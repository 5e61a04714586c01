//! Helpers shared by the integration tests: run the real binary on a
//! temporary store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = include_str!("sample.json");

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Desk {
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        Desk { dir, db }
    }

    /// A desk with the sample document imported.
    pub fn sample() -> Desk {
        let d = Desk::new();
        let f = d.file("sample.json", SAMPLE);
        d.ok(&["import", f.to_str().unwrap()]);
        d
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn run(&self, args: &[&str]) -> Output {
        revdesk(&self.db, args)
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "revdesk {args:?} failed: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs and expects failure; returns standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(!o.status.success(), "revdesk {args:?} should have failed");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(!err.contains("panicked"), "panic: {err}");
        err
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    pub fn export(&self) -> String {
        self.ok(&["export"])
    }
}

pub fn revdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_revdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "tester")
        .env_remove("REVDESK_DB")
        .output()
        .unwrap()
}
