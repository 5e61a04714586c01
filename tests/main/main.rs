//! Every integration test that can share a process, in one test binary: one
//! link of the library and the dev-dependencies instead of one per file,
//! which is most of what `cargo test` costs on two cores.
//!
//! Run one part with its module name as the filter, e.g.
//! `cargo test --test main reports::` or `cargo test --test main ui_snapshots`.
//! A new area of tests is a new file here plus one `mod` line below; shared
//! builders go in `fixtures`. Snapshots live in `tests/main/snapshots/`,
//! named `main__<module>__<name>.snap`.
//!
//! Apart from this binary: `tests/tui_pty.rs` (timed waits on the real
//! binary in a pseudo-terminal) and `tests/ui_perf.rs` (timing, run in
//! release by hand); each says why at its top.

mod fixtures;

mod app_keymap;
mod app_state;
mod cli_conventions;
mod cli_core;
mod clusters;
mod draw;
mod edit_concurrency;
mod edit_forms;
mod edit_read_only;
mod edit_redraw;
mod edit_report;
mod hostile;
mod mail;
mod pace;
mod register_edits;
mod registers;
mod reliability;
mod reports;
mod trust_app;
mod trust_cli;
mod ui_layout;
mod ui_sanitize;
mod ui_snapshots;
