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

/// A large, valid revdesk/1 document: `n` parties in three groups, one
/// review each, four people each, and reminders. Deterministic.
pub fn big_document(n: usize) -> String {
    use chrono::NaiveDate;
    use revdesk::domain::model::*;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let regions = Region::ALL;
    let mut desk = revdesk::domain::model::Desk {
        groups: vec![
            Group {
                number: 1,
                start: d(2020, 12, 1),
            },
            Group {
                number: 2,
                start: d(2021, 11, 1),
            },
            Group {
                number: 3,
                start: d(2022, 11, 1),
            },
        ],
        ..Default::default()
    };
    let code = |i: usize| Text::from(format!("P{i:05}"));
    for i in 0..n {
        desk.parties.push(Party {
            code: code(i),
            name: format!("Party {i}").into(),
            kind: PartyKind::State,
            regional_group: Some(regions[i % regions.len()]),
            pairs_as: None,
            group: Some((i % 3) as u32 + 1),
            instruments: Instruments {
                convention: Some(d(2004, 1, 1)),
                tip: Some(d(2005, 1, 1)),
                som: None,
                fa: None,
            },
        });
        for k in 0..4 {
            desk.people.push(Person {
                id: (i * 4 + k + 1) as i64,
                party: code(i),
                role: if k == 0 {
                    Role::FocalPoint
                } else {
                    Role::Expert
                },
                name: format!("Person {i}-{k}").into(),
                email: Some(format!("p{i}.{k}@mfa.example").into()),
                phone: Some(format!("+1 555 {i:05}").into()),
                gender: Some(if k % 2 == 0 {
                    Gender::Female
                } else {
                    Gender::Male
                }),
                affiliation: Some(Affiliation::Justice),
                nominated: d(2021, 1, 1 + (k as u32)),
                ended: None,
            });
        }
        let m = Milestones {
            consultation_held: (i % 2 == 0).then(|| d(2023, 1, 10)),
            saq_submitted: (i % 4 == 0).then(|| d(2023, 6, 30)),
            ..Default::default()
        };
        desk.reviews.push(Review {
            id: i as i64 + 1,
            group: (i % 3) as u32 + 1,
            cluster: 1,
            under_review: code(i),
            reviewers: smallvec::smallvec![code((i + 5) % n), code((i + 11) % n)],
            start: None,
            redraws: 0,
            languages: if m.consultation_held.is_some() {
                smallvec::smallvec![Language::En]
            } else {
                Languages::new()
            },
            milestones: m,
        });
        desk.reminders.push(Reminder {
            date: d(2024, 1, 5),
            party: code(i),
            review: Some(i as i64 + 1),
            obligation: Obligation::Saq,
            channel: Channel::Email,
            note: format!("reminder {i}"),
        });
    }
    revdesk::domain::interchange::to_json(&desk)
}
