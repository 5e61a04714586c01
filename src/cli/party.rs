//! `revdesk party`: a State that joins after the draw, a later
//! ratification of or accession to a Protocol, the assignment to a group.

use super::input::clean_arg;
use super::{Cli, date_arg, open};
use crate::domain::accession::{self, PartyChange};
use crate::domain::model::{Instruments, Party, PartyKind, Text};
use crate::domain::text::{NAME_MAX, sanitize};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Add a party that joined after the draw; it awaits a group.
    Add {
        /// 2 to 8 upper-case letters or digits (ISO 3166 alpha-3 for a State).
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// state or organization.
        #[arg(long, default_value = "state")]
        kind: String,
        /// UN regional group: AFG, APG, EEG, GRULAC or WEOG.
        #[arg(long, value_name = "R")]
        region: Option<String>,
        /// The group an organization without one pairs as.
        #[arg(long, value_name = "R")]
        pairs_as: Option<String>,
        /// The day it became bound by the Convention.
        #[arg(long, value_parser = date_arg)]
        convention: NaiveDate,
        #[arg(long, value_parser = date_arg)]
        tip: Option<NaiveDate>,
        #[arg(long, value_parser = date_arg)]
        som: Option<NaiveDate>,
        #[arg(long, value_parser = date_arg)]
        fa: Option<NaiveDate>,
    },
    /// Record a ratification of or accession to a Protocol, or a new name.
    Set {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = date_arg)]
        tip: Option<NaiveDate>,
        #[arg(long, value_parser = date_arg)]
        som: Option<NaiveDate>,
        #[arg(long, value_parser = date_arg)]
        fa: Option<NaiveDate>,
    },
    /// Assign a party to a group, new (give --start) or existing.
    Assign {
        #[arg(long)]
        code: String,
        #[arg(long, value_name = "G")]
        group: u32,
        /// The new group's start.
        #[arg(long, value_parser = date_arg)]
        start: Option<NaiveDate>,
    },
}

pub fn run(cli: &Cli, command: &PartyCommand) -> Result<i32> {
    let mut store = open(cli, true)?;
    let desk = store.load_desk()?;
    match command {
        PartyCommand::Add {
            code,
            name,
            kind,
            region,
            pairs_as,
            convention,
            tip,
            som,
            fa,
        } => {
            let kind: PartyKind = kind.parse().map_err(|e| anyhow::anyhow!("--kind: {e}"))?;
            let parse_region = |field, r: &Option<String>| {
                r.as_deref()
                    .map(|r| accession::region(field, r))
                    .transpose()
            };
            let party = Party {
                code: Text::from(code.as_str()),
                name: Text::from(clean_arg("name", name, NAME_MAX)?.as_str()),
                kind,
                regional_group: parse_region("--region", region)?,
                pairs_as: parse_region("--pairs-as", pairs_as)?,
                group: None,
                instruments: Instruments {
                    convention: Some(*convention),
                    tip: *tip,
                    som: *som,
                    fa: *fa,
                },
            };
            accession::check_new(&desk, &party)?;
            store.write(|w| w.add_party(&party))?;
            println!(
                "party {}: {} added, bound by the Convention from {convention}; it awaits a group (`revdesk party assign`)",
                sanitize(&party.code),
                sanitize(&party.name)
            );
        }
        PartyCommand::Set {
            code,
            name,
            tip,
            som,
            fa,
        } => {
            let change = PartyChange {
                name: name
                    .as_deref()
                    .map(|n| clean_arg("name", n, NAME_MAX))
                    .transpose()?,
                tip: *tip,
                som: *som,
                fa: *fa,
            };
            let party = accession::changed(&desk, code, &change)?;
            store.write(|w| w.put_party(&party))?;
            let i = &party.instruments;
            let date = |d: Option<NaiveDate>| d.map_or("-".to_string(), |d| d.to_string());
            println!(
                "party {}: {}; TIP {}, SOM {}, FA {}",
                sanitize(&party.code),
                sanitize(&party.name),
                date(i.tip),
                date(i.som),
                date(i.fa)
            );
        }
        PartyCommand::Assign { code, group, start } => {
            let starts: Vec<(u32, u32, NaiveDate)> = store
                .cluster_starts()?
                .iter()
                .map(|s| (s.cluster, s.group, s.start))
                .collect();
            let a = accession::assign(&desk, code, *group, *start, &starts)?;
            store.write(|w| w.assign_party(code, *group, a.new_group))?;
            match a.new_group {
                Some(s) => {
                    println!(
                        "party {}: assigned to the new group {group}, which starts on {s}",
                        sanitize(code)
                    )
                }
                None => println!("party {}: assigned to group {group}", sanitize(code)),
            }
        }
    }
    Ok(0)
}
