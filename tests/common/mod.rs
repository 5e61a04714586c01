//! Kept only so that a test file not yet folded into `tests/main` (with its
//! own `mod common;`) still builds: the fixtures live in
//! `tests/main/fixtures.rs`. New tests: a module of `tests/main`, not a file
//! here.
#![allow(dead_code, unused_imports)]

#[path = "../main/fixtures.rs"]
mod fixtures;
pub use fixtures::{Desk, SAMPLE, big_document, revdesk};
