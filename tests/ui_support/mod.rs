//! Kept only so that a test file not yet folded into `tests/main` (with its
//! own `mod ui_support;`) still builds: the fixtures live in
//! `tests/main/fixtures.rs`. New tests: a module of `tests/main`, not a file
//! here.
#![allow(dead_code, unused_imports)]

#[path = "../main/fixtures.rs"]
mod fixtures;
pub use fixtures::{
    SAMPLE, TempStore, app_on, as_of, colleague, d, editing_app, editing_app_on, key,
    paper_groups, party, person, press, raw_cells, sample_app, sample_desk, screen, screen_with,
    today, type_in,
};
