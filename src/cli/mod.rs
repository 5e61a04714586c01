//! Headless subcommands for scripts and cron. They share the domain and the
//! store with the app; nothing here draws a screen.

pub mod cluster;
pub mod demo;
pub mod docs;
pub mod draw;
pub mod edit;
pub mod export;
pub mod input;
pub mod mail;
pub mod ops;
pub mod output;
pub mod pace;
pub mod party;
pub mod party_arg;
pub mod query;
pub mod registers;
pub mod report;
pub mod site;

use crate::domain::model::{Affiliation, Gender, Language, Milestone, Obligation, Role};
use crate::domain::text::parse_date;
use crate::store::{Mode, Store};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// What `revdesk --help` says about exit codes (the README says the same).
pub const EXIT_STATUS: &str = "Exit status:
  0  done
  1  refused or failed (one line on standard error says why)
  2  wrong usage (an unknown command or option, or a value of the wrong form)

Each command has its own --help, with examples.";

/// revdesk: the desk of the secretariat of the UNTOC review mechanism.
///
/// With no command, opens the terminal app. The first start on a machine
/// with no store creates the built-in demo desk (fictional people on real
/// States).
#[derive(Debug, Parser)]
#[command(name = "revdesk", version, about, long_about, after_help = EXIT_STATUS)]
pub struct Cli {
    /// The store (a SQLite file). Default: $REVDESK_DB, else
    /// ~/.local/share/revdesk/revdesk.db. Only `init`, `demo`, `import`
    /// and the very first start on the default path create it.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Compute everything as it stood on this day (YYYY-MM-DD); default today.
    #[arg(long, global = true, value_name = "DATE", value_parser = date_arg)]
    pub as_of: Option<NaiveDate>,

    /// Open the store read-only: nothing can be written.
    #[arg(long, global = true)]
    pub read_only: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The one `--format` of every command that lists. CSV headers and JSON
/// keys are the same snake_case words; table headings are those words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people (cut to fit only on a terminal).
    #[value(alias = "text")]
    Table,
    /// CSV with a header line of snake_case keys.
    Csv,
    /// A JSON array of objects (keys in the README).
    Json,
}

/// `--format` of a command whose first form is sentences (`stats`,
/// `cluster gate`): the sentences, or the same facts as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Sentences, as in the paper.
    Text,
    /// Aligned columns (cut to fit only on a terminal).
    Table,
    /// CSV with a header line of snake_case keys.
    Csv,
    /// JSON (keys in the README).
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every obligation not met and past due, most overdue first.
    #[command(
        after_help = "Examples:\n  revdesk overdue\n  revdesk overdue --party aut --format csv\n  revdesk --as-of 2024-02-29 overdue --obligation saq --format json"
    )]
    Overdue {
        /// How to write the list.
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        /// Only this party (code or name, any case, e.g. aut).
        #[arg(long, value_name = "CODE")]
        party: Option<String>,
        /// Only this obligation.
        #[arg(long, value_name = "KIND", value_parser = enum_arg::<Obligation>)]
        obligation: Option<Obligation>,
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
    },
    /// The figures of the secretariat's background paper, as at the date.
    #[command(
        after_help = "Examples:\n  revdesk stats --as-of 2024-02-29\n  revdesk stats --format json\n  revdesk stats --format csv > figures.csv"
    )]
    Stats {
        /// How to write the figures.
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
    },
    /// How long each step of a review takes, and when each review and the
    /// gate will be reached at that pace.
    Pace {
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
        /// How to write the pace.
        #[arg(long, value_enum, default_value = "text")]
        format: TextFormat,
    },
    /// Load a revdesk/1 or revdesk/2 JSON document into an empty store (all or nothing).
    #[command(
        after_help = "Examples:\n  revdesk import desk.json\n  revdesk import desk.json --replace"
    )]
    Import {
        /// The revdesk/1 or revdesk/2 JSON document to load.
        file: PathBuf,
        /// Replace everything in a store that already holds a desk.
        #[arg(long)]
        replace: bool,
        /// Confirm emptying the draw log when a revdesk/1 document replaces the desk.
        #[arg(long)]
        yes: bool,
    },
    /// Write the whole desk, its cluster starts and draw log as a revdesk/2 JSON document.
    #[command(
        after_help = "Examples:\n  revdesk export -o desk.json\n  revdesk export | jq .parties"
    )]
    Export {
        /// Write to this file (owner-only) instead of standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Record the date of a review milestone.
    #[command(
        after_help = "Examples:\n  revdesk record saq --review 12 --date 2024-03-01\n  revdesk record consultation --review 12 --date 2024-03-01 --languages en,fr"
    )]
    Record {
        /// The milestone: consultation, saq, feedback, observations or summary.
        #[arg(value_parser = enum_arg::<Milestone>)]
        milestone: Milestone,
        /// The review, by number (as in `revdesk overdue`).
        #[arg(long, value_name = "ID")]
        review: i64,
        /// The day it happened (YYYY-MM-DD).
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
        /// Languages agreed at the consultation, e.g. en,fr (codes ar zh en fr ru es).
        #[arg(long, value_delimiter = ',', value_parser = enum_arg::<Language>)]
        languages: Option<Vec<Language>>,
        /// Replace a date (or languages) already recorded; without it a
        /// recorded date is never overwritten.
        #[arg(long)]
        replace: bool,
    },
    /// Record the nomination of a focal point, expert or observer.
    #[command(
        after_help = "Examples:\n  revdesk nominate --party aut --role focal_point --name \"Anna Gruber\" --email anna@example.org --date 2024-03-01"
    )]
    Nominate {
        /// The party (code or name, any case, e.g. aut).
        #[arg(long, value_name = "CODE")]
        party: String,
        /// The role: focal_point, expert or observer.
        #[arg(long, value_parser = enum_arg::<Role>)]
        role: Role,
        /// The person's full name.
        #[arg(long)]
        name: String,
        /// The person's e-mail address.
        #[arg(long)]
        email: Option<String>,
        /// The person's phone number, e.g. "+43 1 234 5678".
        #[arg(long)]
        phone: Option<String>,
        /// female, male or other.
        #[arg(long, value_parser = enum_arg::<Gender>)]
        gender: Option<Gender>,
        /// The ministry: foreign_affairs, justice, interior or other.
        #[arg(long, value_parser = enum_arg::<Affiliation>)]
        affiliation: Option<Affiliation>,
        /// Date of the nomination.
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
        /// A focal point for this review only (one per party per review).
        #[arg(long, value_name = "ID")]
        review: Option<i64>,
        /// Working languages, in order of preference, e.g. fr,en (codes ar zh en fr ru es).
        #[arg(long, value_delimiter = ',', value_parser = enum_arg::<Language>)]
        languages: Option<Vec<Language>>,
    },
    /// Set a party's permanent mission: written to when it has no focal
    /// point, in copy otherwise. An option left out keeps its value; "" clears it.
    Mission {
        /// The party (code or name, any case, e.g. aut).
        #[arg(long, value_name = "CODE")]
        party: String,
        /// The mission's e-mail address.
        #[arg(long)]
        email: Option<String>,
        /// The mission's phone number.
        #[arg(long)]
        phone: Option<String>,
    },
    /// Set a person's working languages, in order of preference (codes ar
    /// zh en fr ru es; none to clear).
    Languages {
        /// The person, by number (as in `revdesk contacts`).
        #[arg(long, value_name = "ID")]
        person: i64,
        /// The languages, e.g. fr,en (codes ar zh en fr ru es; none to clear).
        #[arg(value_delimiter = ',', value_parser = enum_arg::<Language>)]
        languages: Vec<Language>,
    },
    /// End a nomination (the record and its history are kept).
    #[command(after_help = "Examples:\n  revdesk end-nomination --person 40 --date 2024-03-01")]
    EndNomination {
        /// The person, by number (as in `revdesk contacts`).
        #[arg(long, value_name = "ID")]
        person: i64,
        /// The last day of the nomination.
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
    },
    /// Log a reminder sent to a party, or send it by e-mail (--send);
    /// one, or every overdue obligation (--overdue).
    #[command(
        after_help = "Examples:\n  revdesk remind --party aut --obligation saq --review 12 --channel note_verbale --note \"second reminder\"\n  revdesk remind --party aut --obligation saq --review 12 --send"
    )]
    Remind(mail::RemindArgs),
    /// Record an agreed extension of a review obligation.
    #[command(
        after_help = "Examples:\n  revdesk extend --review 12 --obligation saq --due 2024-09-30 --reason \"elections\""
    )]
    Extend {
        /// The review, by number.
        #[arg(long, value_name = "ID")]
        review: i64,
        /// The obligation extended: saq, feedback, observations or phase.
        #[arg(long, value_parser = enum_arg::<Obligation>)]
        obligation: Obligation,
        /// The new due date.
        #[arg(long, value_parser = date_arg)]
        due: NaiveDate,
        /// Why the extension was agreed.
        #[arg(long)]
        reason: String,
        /// Date the extension was agreed; default today.
        #[arg(long, value_parser = date_arg)]
        agreed: Option<NaiveDate>,
    },
    /// Write the built-in demo desk (fictional people on real States).
    Demo {
        /// Replace a store that already holds a desk.
        #[arg(long)]
        force: bool,
        /// A synthetic desk this many times the real one, for measuring.
        #[arg(long, default_value_t = 1)]
        scale: usize,
    },
    /// Drawing of lots: pair a whole group, or redraw one review.
    #[command(
        after_help = "Examples:\n  revdesk draw --group 1 --seed 42 --dry-run\n  revdesk draw --redraw 12 --requested-by aut"
    )]
    Draw {
        /// Draw every review of this group (it must have no pairings yet).
        #[arg(long, value_name = "N", conflicts_with = "redraw")]
        group: Option<u32>,
        /// Redraw the reviewers of this review (rule e: at most four times).
        #[arg(long, value_name = "REVIEW")]
        redraw: Option<i64>,
        /// The party that asked for the draw (code or name, any case; needed for a redraw).
        #[arg(long, value_name = "CODE")]
        requested_by: Option<String>,
        /// The random seed; the same seed and store give the same pairing.
        #[arg(long)]
        seed: Option<u64>,
        /// Thematic cluster of the reviews; default the latest started as at the date.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=4))]
        cluster: Option<u32>,
        /// Most reviews one party may take as reviewer in a group (rule d).
        #[arg(long, default_value_t = 3)]
        cap: u32,
        /// Most reviewers of one review, extra Protocol reviewers included (rule c).
        #[arg(long, default_value_t = 4)]
        max_reviewers: usize,
        /// Show the pairing without writing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Clusters: the gate, its threshold, and starting a group's next cluster.
    Cluster {
        #[command(subcommand)]
        action: cluster::ClusterCommand,
    },
    /// Parties joining after the draw: add, record a treaty action, assign a group.
    Party {
        #[command(subcommand)]
        action: party::PartyCommand,
    },
    /// The history of every drawing of lots: seed, rules, who asked, outcome.
    #[command(after_help = "Examples:\n  revdesk draws\n  revdesk draws --format json")]
    Draws {
        /// How to write the list (`text` is kept as another name for `table`).
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Write a consistent copy of the store while others keep working.
    Backup {
        /// The new file (must not exist; created owner-only).
        file: PathBuf,
    },
    /// Check the store: SQLite integrity, foreign keys, the desk's own rules.
    Check,
    /// Replace the store with a backup, after checking the backup is sound.
    Restore {
        /// The backup to restore (checked before anything is replaced).
        file: PathBuf,
        /// Confirm that everything in the current store is replaced.
        #[arg(long)]
        yes: bool,
    },
    /// Create an empty store (owner-only), or with --shared one shared by
    /// several staff accounts (group-writable).
    Init {
        /// The OS group of the staff who share the desk.
        #[arg(long, value_name = "GROUP")]
        shared: Option<String>,
    },
    /// Show the audit trail (newest first).
    #[command(
        after_help = "Examples:\n  revdesk audit --limit 20\n  revdesk audit --record review:12\n  revdesk audit --record party:aut --format json\n  revdesk audit --record party:aut --related"
    )]
    Audit {
        /// Only this record, e.g. review:12, person:40 or party:aut.
        #[arg(long, value_name = "ENTITY:KEY")]
        record: Option<String>,
        /// With what hangs on the party or review of --record: a party's
        /// people, reminders and register entries; a review's reminders,
        /// extensions and register entries.
        #[arg(long, requires = "record")]
        related: bool,
        /// Show at most this many entries.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// How to write the list (JSON carries before and after whole).
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Write the background paper's figures as at the date: report.md,
    /// Figures I-VI as SVG, and reviews.csv, overdue.csv, focal-points.csv.
    #[command(after_help = "Examples:\n  revdesk --as-of 2024-02-29 report --out report/")]
    Report {
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
    },
    /// Every obligation as an all-day iCalendar event on its due date.
    #[command(
        after_help = "Examples:\n  revdesk calendar --party aut -o deadlines.ics\n  revdesk calendar --from 2024-01-01 --to 2024-12-31 > 2024.ics"
    )]
    Calendar {
        /// Only this party's obligations (code or name, any case, e.g. aut).
        #[arg(long, value_name = "CODE")]
        party: Option<String>,
        /// Only obligations due on or after this day.
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
        /// Only obligations due on or before this day.
        #[arg(long, value_parser = date_arg)]
        to: Option<NaiveDate>,
        /// Write to this .ics file (owner-only) instead of standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
    },
    /// One e-mail per current focal point for a month, in its review's
    /// language: written as .eml files with index.csv (--out), or sent
    /// through config.toml's [mail] (--send).
    #[command(
        after_help = "Examples:\n  revdesk digest --month 2024-02 --out digest/\n  revdesk digest --month 2024-02 --send"
    )]
    Digest {
        /// The month (YYYY-MM); default the month of --as-of (or today).
        #[arg(long, value_name = "YYYY-MM", value_parser = report::month_arg)]
        month: Option<NaiveDate>,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR", required_unless_present = "send")]
        out: Option<PathBuf>,
        /// The secretariat's address, for From of the files (--send uses
        /// config.toml's from).
        #[arg(
            long,
            value_name = "ADDRESS",
            env = "REVDESK_SENDER",
            default_value = "revdesk@secretariat.example"
        )]
        sender: String,
        /// Send each message through config.toml's [mail].
        #[arg(long)]
        send: bool,
        /// Do not ask before sending (for scripts).
        #[arg(long)]
        yes: bool,
        /// Thematic cluster (1-4); default the latest started as at the date.
        #[arg(long, value_name = "N")]
        cluster: Option<u32>,
    },
    /// Print a shell completion script, e.g. `revdesk completions bash >
    /// ~/.local/share/bash-completion/completions/revdesk`.
    #[command(
        after_help = "Examples:\n  revdesk completions bash > ~/.local/share/bash-completion/completions/revdesk\n  revdesk completions zsh > ~/.zfunc/_revdesk\n  revdesk completions fish > ~/.config/fish/completions/revdesk.fish"
    )]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of revdesk or of one command, e.g.
    /// `revdesk manpage | man -l -`.
    #[command(
        after_help = "Examples:\n  revdesk manpage | man -l -\n  revdesk manpage overdue | man -l -\n  revdesk manpage --out man/"
    )]
    Manpage {
        /// One command's page, e.g. overdue or "party add" (default: revdesk).
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
        /// Write every page (revdesk.1, revdesk-overdue.1, ...) into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out: Option<PathBuf>,
    },
    /// Technical assistance: requests from parties, needs identified in lists of observations.
    Assistance {
        #[command(subcommand)]
        action: registers::AssistanceAction,
    },
    /// Training and briefings delivered.
    Training {
        #[command(subcommand)]
        action: registers::TrainingAction,
    },
    /// Requests for a working translation of a review's document.
    Translation {
        #[command(subcommand)]
        action: registers::TranslationAction,
    },
    /// Record a document of a review: when it became available, and when
    /// the party agreed to publish it.
    Document(registers::DocumentArgs),
    /// Note why a review's languages are still pending (or clear the note).
    LanguagesPending(registers::PendingArgs),
    /// Scope a focal point to one review, or back to all the party's reviews.
    Scope(registers::ScopeArgs),
    /// Write the public site as at the date: index.html with the status
    /// counters and every party, one parties/CODE.html per party. No
    /// e-mail address or phone number of anyone.
    Site {
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only the reviews of this thematic cluster.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=4))]
        cluster: Option<u32>,
    },
    /// The people current on the date, as a table, CSV or vCard 4.0 cards.
    #[command(
        after_help = "Examples:\n  revdesk contacts --party aut\n  revdesk contacts --role focal_point --format csv\n  revdesk contacts --format vcard -o people.vcf"
    )]
    Contacts {
        /// Only this party (code or name, any case, e.g. aut).
        #[arg(long, value_name = "CODE")]
        party: Option<String>,
        /// Only this role: focal_point, expert or observer.
        #[arg(long, value_parser = enum_arg::<Role>)]
        role: Option<Role>,
        /// How to write the people: table, csv, json or vcard (vCard 4.0).
        #[arg(long, value_enum, default_value = "table")]
        format: report::ContactFormat,
        /// Deprecated: the same as --format vcard.
        #[arg(long, hide = true, conflicts_with = "format")]
        vcard: bool,
        /// Write to this file (owner-only) instead of standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Strict ISO dates for every date argument (2023-02-30 is refused).
pub fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.to_string())
}

fn enum_arg<T: std::str::FromStr<Err = crate::domain::model::UnknownValue>>(
    s: &str,
) -> Result<T, String> {
    s.parse()
        .map_err(|e: crate::domain::model::UnknownValue| e.to_string())
}

/// The store path from `--db`, `REVDESK_DB` or the platform data folder.
pub fn store_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => crate::store::default_path()
            .context("no home folder to keep the store in; pass --db PATH"),
    }
}

/// Today on this machine: the only place the clock is read for the domain.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Opens an existing store for a command, read-only when asked. A path
/// with no store is refused: a mistyped `--db` must not look like an
/// empty desk (only [`create`] makes a store).
pub fn open(cli: &Cli, writes: bool) -> Result<Store> {
    let path = store_path(cli)?;
    if !path.try_exists().unwrap_or(true) {
        return Err(missing_store(cli, &path));
    }
    open_path(cli, &path, writes)
}

/// Opens the store for a command that means to make one (`demo`,
/// `import`, `restore`, `init`): created, with its folder, when missing.
pub fn create(cli: &Cli) -> Result<Store> {
    let path = store_path(cli)?;
    open_path(cli, &path, true)
}

/// The one-line refusal for a path with no store, naming the commands that
/// would create one there.
pub fn missing_store(cli: &Cli, path: &std::path::Path) -> anyhow::Error {
    let shown = crate::domain::text::sanitize(&path.display().to_string());
    let db = if cli.db.is_some() {
        format!(" --db {}", shell_word(&shown))
    } else {
        String::new()
    };
    anyhow::anyhow!(
        "no store at {shown}: create one with `revdesk{db} init` or `demo` (or `import FILE`); nothing was created"
    )
}

/// A word as a shell would read it back: quoted when it holds more than
/// letters, digits and `/._-+,:@=`.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@=".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn open_path(cli: &Cli, path: &std::path::Path, writes: bool) -> Result<Store> {
    let path = path.to_path_buf();
    let mode = if cli.read_only || !writes && path.exists() {
        Mode::ReadOnly
    } else {
        Mode::ReadWrite
    };
    if writes && cli.read_only {
        anyhow::bail!("this command writes to the store, but --read-only was given");
    }
    if writes {
        let files = crate::store::config::config_files(&path);
        if let Some(reason) = crate::store::config::reader_reason(&crate::store::os_user(), &files)
        {
            anyhow::bail!("read-only: {reason}; this command would change the store");
        }
    }
    Ok(Store::open(&path, mode)?)
}

/// Runs a headless command. Returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<i32> {
    let as_of = cli.as_of.unwrap_or_else(today);
    match command {
        Command::Completions { shell } => docs::completions(*shell),
        Command::Manpage { command, out } => docs::manpage(command.as_deref(), out.as_deref()),
        Command::Overdue {
            format,
            party,
            obligation,
            cluster,
        } => query::overdue(
            &open(cli, false)?,
            as_of,
            *format,
            party.as_deref(),
            *obligation,
            *cluster,
        ),
        Command::Stats { format, cluster } => {
            query::stats(&open(cli, false)?, as_of, *format, *cluster)
        }
        Command::Pace { cluster, format } => {
            pace::run(&open(cli, false)?, as_of, *cluster, *format)
        }
        Command::Import { file, replace, yes } => edit::import(cli, file, *replace, *yes),
        Command::Export { out } => export::export(&open(cli, false)?, out.as_deref()),
        Command::Demo { force, scale } => demo::run(cli, *force, *scale),
        Command::Draw {
            group,
            redraw,
            requested_by,
            seed,
            cluster,
            cap,
            max_reviewers,
            dry_run,
        } => {
            let req = draw::DrawRequest {
                group: *group,
                cluster: *cluster,
                redraw: *redraw,
                requested_by: requested_by
                    .as_deref()
                    .map(|r| input::clean_arg("requested-by", r, crate::domain::text::NAME_MAX))
                    .transpose()?,
                seed: *seed,
                dry_run: *dry_run,
                rules: crate::domain::lots::Rules {
                    cap_per_group: *cap,
                    max_reviewers: *max_reviewers,
                    allow_more_reviewers: false,
                },
            };
            if *dry_run {
                draw::draw(&mut open(cli, false)?, &req, as_of)
            } else {
                draw::draw(&mut open(cli, true)?, &req, as_of)
            }
        }
        Command::Cluster { action } => cluster::run(cli, action, as_of),
        Command::Party { action } => party::run(cli, action),
        Command::Draws { format } => draw::history(&open(cli, false)?, *format),
        Command::Backup { file } => ops::backup(&open(cli, false)?, file),
        Command::Check => ops::check(&open(cli, false)?),
        Command::Restore { file, yes } => ops::restore(cli, file, *yes),
        Command::Init { shared } => match shared {
            Some(group) => ops::init_shared(&store_path(cli)?, group),
            None => ops::init(cli),
        },
        Command::Remind(args) => mail::run(cli, args, as_of),
        Command::Mission {
            party,
            email,
            phone,
        } => mail::set_mission(
            &mut open(cli, true)?,
            party,
            email.as_deref(),
            phone.as_deref(),
        ),
        Command::Languages { person, languages } => {
            mail::set_languages(&mut open(cli, true)?, *person, languages)
        }
        Command::Audit {
            record,
            related,
            limit,
            format,
        } => query::audit(
            &open(cli, false)?,
            record.as_deref(),
            *related,
            *limit,
            *format,
        ),
        c @ (Command::Report { .. }
        | Command::Calendar { .. }
        | Command::Digest { .. }
        | Command::Contacts { .. }) => report::run(&open(cli, false)?, c, as_of),
        Command::Assistance { action } => {
            registers::assistance(&mut open(cli, true)?, action, as_of)
        }
        Command::Training { action } => registers::training(&mut open(cli, true)?, action, as_of),
        Command::Translation { action } => {
            registers::translation(&mut open(cli, true)?, action, as_of)
        }
        Command::Document(a) => registers::document(&mut open(cli, true)?, a),
        Command::LanguagesPending(a) => {
            registers::languages_pending(&mut open(cli, true)?, a, as_of)
        }
        Command::Scope(a) => registers::scope(&mut open(cli, true)?, a),
        Command::Site { out, cluster } => site::run(&open(cli, false)?, out, as_of, *cluster),
        other => edit::run(&mut open(cli, true)?, other, as_of),
    }
}

/// The bare `revdesk`: opens the app.
pub fn default_view(cli: &Cli) -> Result<i32> {
    // The very first start on a machine writes the demo desk.
    let path = store_path(cli)?;
    let first = demo::first_start(cli, &path)?;
    // The app opens the store read-write, or read-only with --read-only or
    // when the file cannot be written.
    let store = if cli.read_only {
        open(cli, false)?
    } else {
        match open(cli, true) {
            Ok(s) => s,
            Err(e) => {
                if !path.exists() {
                    return Err(e);
                }
                Store::open(&path, Mode::ReadOnly).map_err(|_| e)?
            }
        }
    };
    crate::ui::run::run(store, cli.as_of, today(), first)
}
