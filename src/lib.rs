//! revdesk: the desk of the secretariat of the UNTOC review mechanism.
//!
//! Dependencies point one way: `domain` ← `store` ← `app` ← `ui`, and
//! `cli` uses `domain` and `store`; `report` (files for people outside the
//! desk) is built from `domain` alone and serves both `cli` and `app`.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod report;
pub mod store;
pub mod ui;
