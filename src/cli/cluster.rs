//! `revdesk cluster`: the gate of each group in a cluster, the threshold
//! that opens it, and the start of a group's next cluster.

use super::output::print_records;
use super::{Cli, TableFormat, TextFormat, date_arg, open};
use crate::domain::clusters;
use crate::domain::gate::{self, Threshold};
use crate::domain::lots::Rules;
use crate::domain::next_cluster::{self, StartRequest};
use crate::domain::text::{REASON_MAX, sanitize};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Start a group's next cluster: every review of the group in the
    /// cluster it last started, with the same pairings, from --date.
    /// Refused while the gate is closed, unless --decision is given.
    Start {
        /// The cluster to start (1-4).
        #[arg(long, value_name = "N")]
        cluster: u32,
        /// The group whose reviews start it.
        #[arg(long, value_name = "G")]
        group: u32,
        /// The day the new reviews start; their obligations run from it.
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
        /// The Conference's decision to start with the gate closed (kept in
        /// the audit trail and the draw log).
        #[arg(long, value_name = "TEXT")]
        decision: Option<String>,
        /// Seed of any additional reviewer drawn under rule (c).
        #[arg(long)]
        seed: Option<u64>,
        /// Most reviews one party may take as reviewer in a group (rule d).
        #[arg(long, default_value_t = 3)]
        cap: u32,
        /// Most reviewers of one review (rule c).
        #[arg(long, default_value_t = 4)]
        max_reviewers: usize,
        /// Show what would be created without writing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// The gate of every group of a cluster as at the date.
    Gate {
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
        /// How to write the gates.
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
    },
    /// Show the gate threshold, or set it (a share, e.g. 0.70).
    Threshold {
        /// The new threshold, a share between 0 and 1 (e.g. 0.70); none shows the current one.
        #[arg(value_name = "SHARE")]
        value: Option<String>,
    },
}

/// The keys of `revdesk cluster gate --format table|csv|json`.
pub const GATE_KEYS: [&str; 8] = [
    "cluster",
    "group",
    "threshold",
    "reviews",
    "needed",
    "concluded",
    "open",
    "opened",
];

pub fn run(cli: &Cli, command: &ClusterCommand, as_of: NaiveDate) -> Result<i32> {
    match command {
        ClusterCommand::Start {
            cluster,
            group,
            date,
            decision,
            seed,
            cap,
            max_reviewers,
            dry_run,
        } => {
            let store = open(cli, !*dry_run)?;
            let req = StartRequest {
                cluster: *cluster,
                group: *group,
                date: *date,
                decision: decision
                    .as_deref()
                    .map(|d| super::input::clean_arg("decision", d, REASON_MAX))
                    .transpose()?,
                threshold: store.gate_threshold()?,
                rules: Rules {
                    cap_per_group: *cap,
                    max_reviewers: *max_reviewers,
                    allow_more_reviewers: false,
                },
                seed: seed.unwrap_or_else(crate::store::draws::fresh_seed),
            };
            start(store, &req, *dry_run)
        }
        ClusterCommand::Gate { cluster, format } => {
            let store = open(cli, false)?;
            // Groups and reviews are all a gate reads (no people, no log).
            let desk = store.load_for_listing()?;
            let cluster = clusters::chosen(&desk, *cluster, as_of).map_err(anyhow::Error::msg)?;
            let gates = gate::gates(&desk, cluster, store.gate_threshold()?, as_of);
            match format {
                TextFormat::Json => print_records(TableFormat::Json, &GATE_KEYS, &gates)?,
                TextFormat::Csv => print_records(TableFormat::Csv, &GATE_KEYS, &gates)?,
                TextFormat::Table => print_records(TableFormat::Table, &GATE_KEYS, &gates)?,
                TextFormat::Text if gates.is_empty() => {
                    println!("No review of cluster {cluster} had started as at {as_of}.")
                }
                TextFormat::Text => {
                    for g in &gates {
                        println!("{}", g.sentence(as_of));
                    }
                }
            }
            Ok(0)
        }
        ClusterCommand::Threshold { value: None } => {
            let t = open(cli, false)?.gate_threshold()?;
            println!("{t} ({})", t.per_cent());
            Ok(0)
        }
        ClusterCommand::Threshold { value: Some(v) } => {
            let t: Threshold = v.parse().map_err(|e| anyhow::anyhow!("SHARE: {e}"))?;
            open(cli, true)?.write(|w| w.set_gate_threshold(t))?;
            println!("gate threshold set to {t} ({})", t.per_cent());
            Ok(0)
        }
    }
}

fn start(mut store: crate::store::Store, req: &StartRequest, dry_run: bool) -> Result<i32> {
    let desk = store.load_desk()?;
    let plan = match next_cluster::plan(&desk, req) {
        Ok(p) => p,
        Err(e) => bail!("{e}"),
    };
    let (before, _) = plan.pairings(&desk);
    let g = &plan.gate;
    let gate_text = if g.open {
        format!(
            "gate open: {} of {} reviews of group {} in cluster {} concluded, {} needed",
            g.concluded, g.reviews, g.group, g.cluster, g.needed
        )
    } else {
        format!(
            "gate closed: {} of {} reviews of group {} in cluster {} concluded, {} needed; started by decision: {}",
            g.concluded,
            g.reviews,
            g.group,
            g.cluster,
            g.needed,
            sanitize(req.decision.as_deref().unwrap_or_default())
        )
    };
    for e in &plan.extras {
        println!(
            "rule (c): {} is under review for the {} Protocol; additional reviewer {}",
            e.under_review, e.protocol, e.reviewer
        );
    }
    if dry_run {
        println!(
            "dry run: cluster {} for group {} from {}, {} reviews carried from cluster {}; {gate_text}; seed {}; nothing was written",
            req.cluster,
            req.group,
            req.date,
            plan.reviews.len(),
            plan.from,
            req.seed
        );
        return Ok(0);
    }
    let ids = store.write(|w| w.start_cluster(&plan, req, &before))?;
    println!(
        "started cluster {} for group {} on {}: {} reviews (#{}-#{}) carried from cluster {}; {gate_text}; seed {}",
        req.cluster,
        req.group,
        req.date,
        ids.len(),
        ids.first().copied().unwrap_or_default(),
        ids.last().copied().unwrap_or_default(),
        plan.from,
        req.seed
    );
    Ok(0)
}
