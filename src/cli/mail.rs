//! `revdesk remind`: log a reminder, or send it by e-mail and log it once
//! the server accepted it; one, or every overdue obligation at once.
//!
//! A bulk run is resumable: each message is logged in its own transaction
//! as soon as it is accepted, and a reminder already logged on the day is
//! not sent again without `--again`, so running the same command after an
//! interruption sends only the rest.

use super::{Cli, date_arg, enum_arg, open};
use crate::domain::blocking::Blocking;
use crate::domain::directory::Directory;
use crate::domain::engine::{self, Item, Settings};
use crate::domain::model::{Channel, Desk, Obligation, Reminder};
use crate::report::mail::reminder::{self, Context, Outgoing};
use crate::report::mail::transport::Mailer;
use crate::store::Store;
use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

#[derive(Debug, Clone, clap::Args)]
pub struct RemindArgs {
    /// The party reminded (code or name, any case); with --overdue, only this party.
    #[arg(long, value_name = "CODE", required_unless_present = "overdue")]
    pub party: Option<String>,
    /// The obligation; with --overdue, only this obligation.
    #[arg(long, value_parser = enum_arg::<Obligation>, required_unless_present = "overdue")]
    pub obligation: Option<Obligation>,
    /// The review (needed for saq, feedback, observations, phase).
    #[arg(long, value_name = "ID", conflicts_with = "overdue")]
    pub review: Option<i64>,
    /// How the party was reached; --send means email.
    #[arg(long, value_parser = enum_arg::<Channel>, required_unless_present = "send")]
    pub channel: Option<Channel>,
    /// The secretariat's note (kept in the log, never put in a message).
    #[arg(long, default_value = "")]
    pub note: String,
    /// Date sent; default the --as-of date or today (not with --send).
    #[arg(long, value_parser = date_arg, conflicts_with = "send")]
    pub date: Option<NaiveDate>,
    /// Send by e-mail through config.toml's [mail]; each message is logged
    /// only once the server accepted it, with its Message-ID.
    #[arg(long)]
    pub send: bool,
    /// Send (or log) a reminder already logged the same day once more.
    #[arg(long)]
    pub again: bool,
    /// Every overdue obligation: one reminder per party and obligation.
    #[arg(long)]
    pub overdue: bool,
    /// With --overdue: only this review group (the party's, for nominations).
    #[arg(long, value_name = "N", requires = "overdue")]
    pub group: Option<u32>,
    /// With --overdue: only reviews of this cluster (nominations always).
    #[arg(long, value_name = "N", requires = "overdue", value_parser = clap::value_parser!(u32).range(1..=4))]
    pub cluster: Option<u32>,
    /// With --overdue: also obligations waiting on another party.
    #[arg(long, requires = "overdue")]
    pub waiting: bool,
    /// Do not ask before a bulk run (for scripts).
    #[arg(long)]
    pub yes: bool,
    /// With --send: print the first message exactly as it would go out,
    /// and the count; send and log nothing.
    #[arg(long, requires = "send")]
    pub preview: bool,
}

/// Runs `revdesk remind`.
pub fn run(cli: &Cli, a: &RemindArgs, as_of: NaiveDate) -> Result<i32> {
    let channel = match (a.send, a.channel) {
        (true, Some(c)) if c != Channel::Email => {
            bail!("--send sends an e-mail: leave out --channel or give --channel email")
        }
        (true, _) => Channel::Email,
        (false, Some(c)) => c,
        (false, None) => bail!("--channel is needed to log a reminder"),
    };
    let note = super::input::clean_arg("note", &a.note, crate::domain::text::NOTE_MAX)?;
    let a = &RemindArgs { note, ..a.clone() };
    // Checked before anything is sent: a reader cannot log what it sends.
    let mut store = open(cli, true)?;
    let mailer = if a.send { Some(mailer(&store)?) } else { None };
    let desk = store.load_desk()?;
    let date = a.date.unwrap_or(as_of);
    let items = if a.overdue {
        let (items, waiting) = overdue_items(&desk, a, as_of)?;
        if waiting > 0 && !a.waiting {
            eprintln!(
                "{waiting} overdue obligation{} wait on another party first: left out (--waiting to include).",
                if waiting == 1 { "" } else { "s" }
            );
        }
        items
    } else {
        vec![single_item(&desk, a, as_of)?]
    };
    let groups = if a.overdue {
        reminder::group(items)
    } else {
        vec![items]
    };
    // Already reminded today: not sent again without --again, nor logged
    // again by a bulk run (a single log is a record of what happened).
    let once_a_day = (a.send || a.overdue) && !a.again;
    let mut todo: Vec<(Vec<Item>, u32)> = Vec::new();
    let mut done_today = 0;
    for g in groups {
        let mut left = Vec::new();
        let mut n = 0;
        for i in g {
            let k = store.reminders_on(&i.party, i.obligation, i.review, date)?;
            if k > 0 && once_a_day {
                done_today += 1;
                continue;
            }
            n = n.max(k);
            left.push(i);
        }
        if !left.is_empty() {
            todo.push((left, n + 1));
        }
    }
    if done_today > 0 {
        eprintln!(
            "{done_today} already reminded on {date}: not again (--again to send or log once more)."
        );
    }
    if todo.is_empty() {
        eprintln!("nothing to {}.", if a.send { "send" } else { "log" });
        return Ok(0);
    }
    let obligations: usize = todo.iter().map(|(g, _)| g.len()).sum();
    if let (true, Some(m)) = (a.preview, &mailer) {
        return preview(&store, &desk, m, &todo, as_of, obligations);
    }
    if a.overdue && !confirm(a, todo.len(), obligations, mailer.as_ref())? {
        eprintln!("nothing was sent or logged.");
        return Ok(1);
    }
    match &mailer {
        Some(m) => send_all(&mut store, &desk, m, &todo, a, date, as_of),
        None => log_all(&mut store, &todo, channel, a, date),
    }
}

fn mailer(store: &Store) -> Result<Mailer> {
    let files = crate::store::config::config_files(store.path());
    let (config, source) = crate::store::config::mail_config(&files)
        .map_err(anyhow::Error::msg)?
        .with_context(|| {
            format!(
                "--send needs a [mail] section in {}",
                files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        })?;
    Mailer::new(&config, &source)
}

/// The one obligation named on the command line, as the engine sees it.
fn single_item(desk: &Desk, a: &RemindArgs, as_of: NaiveDate) -> Result<Item> {
    let (Some(party), Some(obligation)) = (a.party.as_deref(), a.obligation) else {
        bail!("--party and --obligation are needed (or --overdue)");
    };
    let party = super::party_arg::resolve(&desk.parties, "--party", party)?;
    let party = party.as_str();
    let review = if obligation.per_party() {
        None
    } else {
        a.review
    };
    let found = engine::obligations(desk, as_of, Settings::default())
        .into_iter()
        .find(|i| i.party == party && i.obligation == obligation && i.review == review);
    match found {
        Some(i) if a.send && i.status.is_met() => {
            bail!("{party}'s {obligation} is met as at {as_of}: nothing to remind")
        }
        Some(i) => Ok(i),
        // Logging only: the store checks what is owed and says why not.
        None if !a.send => Ok(Item {
            review: a.review,
            party: party.to_string(),
            obligation,
            due: as_of,
            original_due: None,
            met: None,
            status: engine::Status::DueToday,
        }),
        None => bail!(
            "{party} owes no {obligation}{} as at {as_of}",
            a.review
                .map(|r| format!(" in review {r}"))
                .unwrap_or_default()
        ),
    }
}

/// Overdue items the filters keep, those that can act only unless
/// `--waiting`, and how many were left out for waiting.
fn overdue_items(desk: &Desk, a: &RemindArgs, as_of: NaiveDate) -> Result<(Vec<Item>, usize)> {
    let party = super::party_arg::resolve_opt(&desk.parties, "--party", a.party.as_deref())?;
    let by_id: std::collections::HashMap<i64, &crate::domain::model::Review> =
        desk.reviews.iter().map(|r| (r.id, r)).collect();
    let review = |id: Option<i64>| id.and_then(|id| by_id.get(&id).copied());
    let items: Vec<Item> = engine::overdue(desk, as_of, Settings::default())
        .into_iter()
        .filter(|i| party.as_deref().is_none_or(|p| i.party == p))
        .filter(|i| a.obligation.is_none_or(|o| i.obligation == o))
        .filter(|i| match (a.cluster, review(i.review)) {
            (Some(c), Some(r)) => r.cluster == c,
            _ => true,
        })
        .filter(|i| match (a.group, review(i.review)) {
            (None, _) => true,
            (Some(g), Some(r)) => r.group == g,
            (Some(g), None) => desk.party(&i.party).and_then(|p| p.group) == Some(g),
        })
        .collect();
    let mut keep = Vec::new();
    let mut waiting = 0;
    for (i, w) in Blocking::new(desk, as_of).triage(items) {
        if w.is_some() && !a.waiting {
            waiting += 1;
        } else {
            keep.push(i);
        }
    }
    Ok((keep, waiting))
}

/// Shows the count; asks on a terminal, needs --yes otherwise.
fn confirm(
    a: &RemindArgs,
    messages: usize,
    obligations: usize,
    m: Option<&Mailer>,
) -> Result<bool> {
    let what = match m {
        Some(m) => format!(
            "{messages} message{} about {obligations} overdue obligation{} to send through {}",
            plural(messages),
            plural(obligations),
            m.describe
        ),
        None => format!("{obligations} reminder{} to log", plural(obligations)),
    };
    eprintln!("{what}.");
    if a.yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        bail!("{what}: add --yes to go ahead from a script");
    }
    eprint!("Go ahead? [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn reminder_row(i: &Item, channel: Channel, note: &str, date: NaiveDate) -> Reminder {
    Reminder {
        date,
        party: i.party.as_str().into(),
        review: i.review,
        obligation: i.obligation,
        channel,
        note: note.to_string(),
    }
}

fn log_all(
    store: &mut Store,
    todo: &[(Vec<Item>, u32)],
    channel: Channel,
    a: &RemindArgs,
    date: NaiveDate,
) -> Result<i32> {
    let mut n = 0;
    for (g, _) in todo {
        for i in g {
            let r = reminder_row(i, channel, &a.note, date);
            let id = store.write(|w| w.remind(&r))?;
            println!(
                "reminder {id}: {} about {} by {} on {date}",
                r.party,
                r.obligation.label(),
                super::output::words(channel.as_str())
            );
            n += 1;
        }
    }
    if a.overdue {
        eprintln!("logged {n} reminder{}.", plural(n));
    }
    Ok(0)
}

/// What one message is about, for the user.
fn label(o: &Outgoing) -> String {
    let reviews = match o.key.reviews.as_slice() {
        [] => String::new(),
        [r] => format!(" review {r}"),
        rs => format!(
            " reviews {}",
            rs.iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    };
    format!("{} {}{reviews}", o.key.party, o.key.obligation)
}

/// The first message as it would go out, and the count.
fn preview(
    store: &Store,
    desk: &Desk,
    mailer: &Mailer,
    todo: &[(Vec<Item>, u32)],
    as_of: NaiveDate,
    obligations: usize,
) -> Result<i32> {
    let dir = store.directory()?;
    let cx = Context {
        desk,
        dir: &dir,
        as_of,
        from: &mailer.from,
        now: chrono::Utc::now(),
    };
    let first = todo
        .iter()
        .find_map(|(g, n)| reminder::reminder(&cx, g, *n).ok());
    match first {
        Some(o) => std::io::stdout().write_all(&o.draft.formatted()?)?,
        None => eprintln!("no message can be written: no party here has an address."),
    }
    eprintln!(
        "preview: {} message{} about {obligations} obligation{} would go through {}; nothing was sent.",
        todo.len(),
        plural(todo.len()),
        plural(obligations),
        mailer.describe
    );
    Ok(0)
}

fn send_all(
    store: &mut Store,
    desk: &Desk,
    mailer: &Mailer,
    todo: &[(Vec<Item>, u32)],
    a: &RemindArgs,
    date: NaiveDate,
    as_of: NaiveDate,
) -> Result<i32> {
    let dir: Directory = store.directory()?;
    let cx = Context {
        desk,
        dir: &dir,
        as_of,
        from: &mailer.from,
        now: chrono::Utc::now(),
    };
    let (mut sent, mut no_address, mut failed) = (0usize, 0usize, 0usize);
    for (k, (g, n)) in todo.iter().enumerate() {
        let out = match reminder::reminder(&cx, g, *n) {
            Ok(o) => o,
            Err(e) => {
                no_address += 1;
                eprintln!(
                    "{} {}: not sent, nothing logged: {e:#}",
                    g[0].party, g[0].obligation
                );
                continue;
            }
        };
        let message = out.draft.build()?;
        if let Err(e) = mailer.send(&message) {
            failed += 1;
            eprintln!("{}: not sent, nothing logged: {e}", label(&out));
            if !e.refused {
                let left = todo.len() - k - 1;
                if left > 0 {
                    eprintln!(
                        "stopped: {left} more not tried; run the same command again to send them."
                    );
                }
                failed += left;
                break;
            }
            continue;
        }
        // Accepted: logged now, one row per review, with the Message-ID.
        let id = &out.draft.message_id;
        store.write(|w| {
            for i in g {
                w.log_sent(&reminder_row(i, Channel::Email, &a.note, date), id)?;
            }
            Ok(())
        })?;
        sent += 1;
        let cc = out
            .draft
            .cc
            .iter()
            .map(|c| format!(" cc {}", c.address))
            .collect::<String>();
        println!(
            "sent {} to {}{cc} [{}] {id}",
            label(&out),
            out.draft
                .to
                .iter()
                .map(|t| t.address.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            out.draft.lang
        );
    }
    eprintln!(
        "sent {sent} message{} through {}{}{}.",
        plural(sent),
        mailer.describe,
        if no_address > 0 {
            format!("; {no_address} with no address")
        } else {
            String::new()
        },
        if failed > 0 {
            format!("; {failed} not sent")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 || (!a.overdue && no_address > 0) {
        1
    } else {
        0
    })
}

/// Where `revdesk digest` puts its messages.
pub struct DigestHow<'a> {
    /// Write `.eml` files and index.csv here.
    pub out: Option<&'a std::path::Path>,
    /// From of the files when not sending.
    pub sender: &'a str,
    pub send: bool,
    /// Do not ask before sending.
    pub yes: bool,
}

/// The files of a digest: each message, and `index.csv` a row per message,
/// written as each message is. The messages' files are made on a thread
/// of their own, while the next messages are composed: creating thousands
/// of files is the file system's work, and it need not wait.
struct DigestIndex {
    /// Taken when the index ends.
    rows: Option<crate::report::files::CsvRows<std::io::BufWriter<std::fs::File>>>,
    len: usize,
    files: Option<std::sync::mpsc::SyncSender<(std::path::PathBuf, String)>>,
    writer: Option<std::thread::JoinHandle<Result<()>>>,
}

impl DigestIndex {
    /// Starts `index.csv` in `out` (a folder that exists).
    fn new(out: &Path) -> Result<DigestIndex> {
        let file = crate::report::files::create_private(&out.join("index.csv"))?;
        let header = ["file", "to", "party", "subject", "items", "language"];
        let (files, queue) = std::sync::mpsc::sync_channel::<(std::path::PathBuf, String)>(64);
        let writer = std::thread::spawn(move || {
            for (path, text) in queue {
                crate::report::write_private_unsynced(&path, text.as_bytes())?;
            }
            Ok(())
        });
        Ok(DigestIndex {
            rows: Some(crate::report::files::CsvRows::new(
                std::io::BufWriter::new(file),
                &header,
            )?),
            len: 0,
            files: Some(files),
            writer: Some(writer),
        })
    }

    /// Writes a message's file (made durable with the folder, at the end).
    fn write(&mut self, out: &Path, m: &crate::report::digest::Message) -> Result<()> {
        let sent = match &self.files {
            Some(files) => files.send((out.join(&m.file), m.text.clone())).is_ok(),
            None => false,
        };
        if !sent {
            // The writer stopped on an error: that error is the answer.
            self.stop_writer()?;
            anyhow::bail!("{}: not written", m.file);
        }
        let Some(rows) = self.rows.as_mut() else {
            anyhow::bail!("{}: the index has ended", m.file);
        };
        rows.row(&[
            m.file.as_str(),
            m.to.as_str(),
            m.party.as_str(),
            m.subject.as_str(),
            &m.items.to_string(),
            &m.lang.to_string(),
        ])?;
        self.len += 1;
        Ok(())
    }

    /// Lets the writer finish the files sent to it; its error, if any.
    fn stop_writer(&mut self) -> Result<()> {
        self.files = None;
        match self.writer.take().map(std::thread::JoinHandle::join) {
            Some(Ok(r)) => r,
            Some(Err(_)) => anyhow::bail!("the thread writing the messages stopped"),
            None => anyhow::bail!("a message could not be written"),
        }
    }

    /// Ends `index.csv` and makes the folder durable.
    fn finish(mut self, out: &Path) -> Result<()> {
        self.stop_writer()?;
        if let Some(rows) = self.rows.take() {
            rows.finish()?;
        }
        crate::report::sync_folder(out)
    }
}

impl Drop for DigestIndex {
    /// On an early return, the files already sent are still written.
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = self.stop_writer();
        }
    }
}

/// `digest --out` without `--send`: every message written to its file as
/// it is made, none held.
fn digest_files(
    req: crate::report::digest::Request<'_>,
    out: &Path,
    month_name: &str,
) -> Result<i32> {
    crate::report::ensure_dir(out)?;
    let as_at = crate::domain::periods::months_end(req.month, 1).min(req.as_of);
    let focal_points = req
        .desk
        .people
        .iter()
        .filter(|p| p.role == crate::domain::model::Role::FocalPoint && p.current(as_at))
        .count();
    let progress = super::report::Progress::new(focal_points as u64, "digest");
    let mut index = DigestIndex::new(out)?;
    let (as_at, skipped) = crate::report::digest::plan_each(req, &mut |m| {
        progress.step(&m.file);
        index.write(out, &m)
    })?;
    progress.done();
    say_skipped(&skipped);
    let n = index.len;
    index.finish(out)?;
    eprintln!(
        "wrote {n} messages for {month_name} (as at {as_at}) and index.csv to {}; nothing was sent",
        out.display(),
    );
    Ok(0)
}

/// Names on standard error the focal points a digest has no message for.
fn say_skipped(skipped: &[String]) {
    for s in skipped {
        eprintln!(
            "revdesk: no message for {}",
            crate::domain::text::sanitize(s)
        );
    }
}

/// `revdesk digest`: the month's messages, written to `out` and/or sent.
/// The rules read `rules` when given, else the desk's people (see
/// `report::digest::plan_each`).
pub fn digest(
    store: &Store,
    (desk, rules): (&Desk, Option<&crate::domain::roster::Roster>),
    scope: Option<&crate::domain::clusters::Scope>,
    month: NaiveDate,
    how: &DigestHow,
    as_of: NaiveDate,
) -> Result<i32> {
    let DigestHow {
        out,
        sender,
        send,
        yes,
    } = *how;
    use crate::report::mail::compose::Addressee;
    use crate::report::{digest, ensure_dir};
    let mailer = if send { Some(mailer(store)?) } else { None };
    let from = match &mailer {
        Some(m) => m.from.clone(),
        None => Addressee::new("", sender).map_err(|e| anyhow::anyhow!("--sender: {e}"))?,
    };
    // A digest writes to focal points alone, and names no mission: their
    // working languages only.
    let dir = store.languages_of(crate::domain::model::Role::FocalPoint)?;
    let t = crate::report::mail::locale::Texts::new(crate::domain::model::Language::En);
    let month_name = t.month_year(month)?;
    let req = digest::Request {
        desk,
        rules,
        dir: &dir,
        scope,
        month,
        as_of,
        sender: &from,
        now: chrono::Utc::now(),
    };
    let Some(mailer) = mailer else {
        // Only files: each message is written as it is made.
        let Some(out) = out else { return Ok(0) };
        return digest_files(req, out, &month_name);
    };
    let plan = digest::plan_in(req)?;
    say_skipped(&plan.skipped);
    if let Some(out) = out {
        ensure_dir(out)?;
        let progress = super::report::Progress::new(plan.messages.len() as u64, "digest");
        let mut index = DigestIndex::new(out)?;
        for m in &plan.messages {
            progress.step(&m.file);
            index.write(out, m)?;
        }
        progress.done();
        index.finish(out)?;
        eprintln!(
            "wrote {} messages for {month_name} (as at {}) and index.csv to {}",
            plan.messages.len(),
            plan.as_at,
            out.display(),
        );
    }
    let n = plan.messages.len();
    eprintln!(
        "{n} message{} for {month_name} to send through {}.",
        plural(n),
        mailer.describe
    );
    if !yes && std::io::stdin().is_terminal() {
        eprint!("Go ahead? [y/N] ");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("nothing was sent.");
            return Ok(1);
        }
    }
    let mut sent = 0;
    for (k, m) in plan.messages.iter().enumerate() {
        match mailer.send(&m.draft.build()?) {
            Ok(()) => {
                sent += 1;
                println!(
                    "sent {} to {} [{}] {}",
                    m.party, m.to, m.lang, m.draft.message_id
                );
            }
            Err(e) => {
                eprintln!("{} ({}): not sent: {e}", m.party, m.to);
                if !e.refused {
                    eprintln!("stopped: {} more not tried.", n - k - 1);
                    break;
                }
            }
        }
    }
    eprintln!("sent {sent} of {n} messages through {}.", mailer.describe);
    Ok(if sent == n { 0 } else { 1 })
}

/// `revdesk mission`: a party's permanent mission, fields left out kept.
pub fn set_mission(
    store: &mut Store,
    party: &str,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<i32> {
    let party = &super::party_arg::resolve(&store.parties()?, "--party", party)?;
    let old = store
        .directory()?
        .mission(party)
        .cloned()
        .unwrap_or_default();
    let m = crate::domain::directory::Mission {
        email: email.map(str::to_string).or(old.email),
        phone: phone.map(str::to_string).or(old.phone),
    };
    store.write(|w| w.set_mission(party, &m))?;
    let now = store
        .directory()?
        .mission(party)
        .cloned()
        .unwrap_or_default();
    println!(
        "{party}: permanent mission {}, {}",
        now.email.as_deref().unwrap_or("no e-mail"),
        now.phone.as_deref().unwrap_or("no phone")
    );
    Ok(0)
}

/// `revdesk languages`: a person's working languages.
pub fn set_languages(
    store: &mut Store,
    person: i64,
    languages: &[crate::domain::model::Language],
) -> Result<i32> {
    store.write(|w| w.set_languages(person, languages))?;
    let codes: Vec<&str> = languages.iter().map(|l| l.as_str()).collect();
    println!(
        "person {person}: working languages {}",
        if codes.is_empty() {
            "none".to_string()
        } else {
            codes.join(",")
        }
    );
    Ok(0)
}
