//! revdesk: the desk of the secretariat of the UNTOC review mechanism.
//!
//! Dependencies point one way: `domain` ← `store` ← `app` ← `ui`, and
//! `cli` uses `domain` and `store`.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod store;
pub mod ui;
