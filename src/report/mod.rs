//! Files for people outside the desk: the background paper's figures
//! (`report.md`, Figures I-VI as SVG, the CSV tables behind them), deadlines
//! for a calendar, a monthly message per focal point, and address cards.
//! Built from the domain alone, so the command line and the app share it;
//! every file is written owner-only.

pub mod calendar;
pub mod digest;
pub mod figures;
pub mod files;
pub mod lookup;
pub mod mail;
pub mod markdown;
pub mod pace_figure;
pub mod site;
pub mod tables;
pub mod vcard;

use crate::domain::figures as figure_data;
use crate::domain::model::{Desk, Obligation, Person, Role};
use crate::domain::registers::Registers;
use crate::domain::roster::{People, Roster, ScreenDesk};
use crate::domain::stats;
use crate::domain::tallies::Tallies;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use files::create_private;
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// Creates `dir` and its parents (new folders owner-only).
pub fn ensure_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("{}: exists and is not a folder", dir.display());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))
}

/// Writes `bytes` to a new owner-only file at `path`, creating its folder.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_dir(parent)?;
    }
    let mut f = create_private(path)?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// [`write_private`] without waiting for the disk: for the many files of
/// one folder, which [`sync_folder`] then makes durable together (one
/// flush of the file system instead of one per file, which dominated the
/// time of a folder of thousands of messages or pages).
pub fn write_private_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_dir(parent)?;
    }
    let mut f = create_private(path)?;
    f.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Makes every file written into `dir` durable: one `syncfs` of the file
/// system that holds it.
pub fn sync_folder(dir: &Path) -> Result<()> {
    use std::os::fd::AsRawFd;
    let f = std::fs::File::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
    // SAFETY: syncfs only reads the descriptor, which `f` keeps open.
    if unsafe { libc::syncfs(f.as_raw_fd()) } != 0 {
        return Err(std::io::Error::last_os_error())
            .with_context(|| format!("cannot write {} to disk", dir.display()));
    }
    Ok(())
}

/// Creates an owner-only file and lets `fill` write it through a buffer, so
/// output is written as it is produced rather than held whole.
pub fn write_private_with<T>(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T>,
) -> Result<T> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_dir(parent)?;
    }
    let mut w = std::io::BufWriter::new(create_private(path)?);
    let value = fill(&mut w).with_context(|| format!("cannot write {}", path.display()))?;
    let f = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", path.display()))?;
    f.sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(value)
}

/// The files of a report, in the order they are written, with what each is
/// (a new figure adds its line after the last figure).
pub const REPORT_FILES: &[(&str, &str)] = &[
    (
        "figure-1.svg",
        "Figure I, reviews affected by pending nominations",
    ),
    (
        "figure-2.svg",
        "Figure II, status of country reviews by group",
    ),
    ("figure-3.svg", "Figure III, preliminary consultations held"),
    (
        "figure-4.svg",
        "Figure IV, languages selected for the reviews",
    ),
    (
        "figure-5.svg",
        "Figure V, progress of the self-assessment questionnaires",
    ),
    ("figure-6.svg", "Figure VI, progress of written feedback"),
    (
        "figure-7.svg",
        "Figure VII, reviews concluded by group, actual and projected at the current pace",
    ),
    (
        "reviews.csv",
        "every country review with its stage, milestones and next due date",
    ),
    (
        "overdue.csv",
        "every overdue obligation, most overdue first, with its reminders",
    ),
    (
        "focal-points.csv",
        "every focal point nominated, current or since ended",
    ),
    ("report.md", "this report"),
];

/// Writes the report of the desk as at `as_of` into `dir`: `report.md`,
/// `figure-1.svg` … `figure-7.svg`, `reviews.csv`, `overdue.csv` and
/// `focal-points.csv`. Returns the files written. Quiet: for the app.
pub fn write_report(
    desk: &Desk,
    reg: &Registers,
    as_of: NaiveDate,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    write_report_with(desk, reg, as_of, dir, &mut |_| {})
}

/// [`write_report`], calling `step` with each file name before writing it.
pub fn write_report_with(
    desk: &Desk,
    reg: &Registers,
    as_of: NaiveDate,
    dir: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>> {
    let cluster = crate::domain::clusters::default_cluster(desk, as_of);
    let threshold = crate::domain::gate::Threshold::DEFAULT;
    write_report_in(desk, reg, cluster, threshold, as_of, dir, step)
}

/// The report of one cluster: its figures, its reviews and their
/// obligations, with the gate at `threshold`.
pub fn write_report_in(
    full: &Desk,
    reg: &Registers,
    cluster: u32,
    threshold: crate::domain::gate::Threshold,
    as_of: NaiveDate,
    dir: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>> {
    let whole = Whole::of(full, full.people.as_slice(), cluster, threshold, as_of);
    let view = crate::domain::clusters::view(full, cluster);
    write_cluster(&whole, &view, None, reg, None, dir, step)
}

/// Streams every focal point nominated by the report's date, by party,
/// date nominated and id (the rows of `focal-points.csv`).
pub type FocalPoints<'s> = dyn Fn(&mut dyn FnMut(&Person) -> Result<()>) -> Result<()> + 's;

/// What a report of a desk read without its reminder log and contact
/// details is told apart from it.
pub struct ReadApart<'s> {
    pub registers: &'s Registers,
    /// The reminder log's tallies as at the date: the cluster's reviews'
    /// reminders and those about nominations.
    pub tallies: Tallies,
    pub focal_points: &'s FocalPoints<'s>,
}

/// [`write_report_in`] of a desk given up, read without its reminder log
/// and with its people as a roster of their facts: the cluster's view is
/// made of the desk itself, not a copy beside it, and what the files say
/// of reminders and focal points is told apart.
pub fn write_report_of(
    full: ScreenDesk,
    apart: ReadApart<'_>,
    cluster: u32,
    threshold: crate::domain::gate::Threshold,
    as_of: NaiveDate,
    dir: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>> {
    let whole = Whole::of(&full, &*full.people, cluster, threshold, as_of);
    let (full, people) = full.into_parts();
    let view = crate::domain::clusters::into_view(full, cluster);
    let reg = apart.registers;
    let told = Some((apart.tallies, apart.focal_points));
    write_cluster(&whole, &view, Some(&people), reg, told, dir, step)
}

/// What a report computes from the whole desk before narrowing it to a
/// cluster.
struct Whole {
    stats: stats::Stats,
    pace: crate::domain::pace::Pace,
    scope: crate::domain::clusters::Scope,
    as_of: NaiveDate,
}

impl Whole {
    fn of(
        full: &Desk,
        people: &(impl People + ?Sized),
        cluster: u32,
        threshold: crate::domain::gate::Threshold,
        as_of: NaiveDate,
    ) -> Whole {
        Whole {
            stats: stats::compute_in(full, people, cluster, threshold, as_of),
            // The estimate pools every cluster: from the whole desk, not the view.
            pace: crate::domain::pace::pace(full, people, as_of, cluster, threshold),
            scope: crate::domain::clusters::Scope::new(full, cluster, as_of),
            as_of,
        }
    }
}

/// Writes the files of a report from the cluster's view of the desk, its
/// people the desk's own unless given apart (then `told` is given too).
fn write_cluster(
    whole: &Whole,
    desk: &Desk,
    people: Option<&Roster>,
    reg: &Registers,
    told: Option<(Tallies, &FocalPoints<'_>)>,
    dir: &Path,
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>> {
    ensure_dir(dir)?;
    let (stats, pace, scope, as_of) = (&whole.stats, &whole.pace, &whole.scope, whole.as_of);
    let figs = figure_data::figures(stats);
    let mut written = Vec::new();
    // Each file is written through a buffer as it is made, never held whole.
    type Fill<'f> = dyn FnMut(&mut std::io::BufWriter<std::fs::File>) -> Result<()> + 'f;
    let mut put = |name: &str, fill: &mut Fill<'_>| -> Result<()> {
        step(name);
        let path = dir.join(name);
        let mut w = std::io::BufWriter::new(create_private(&path)?);
        fill(&mut w)
            .and_then(|_| Ok(w.flush()?))
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
        Ok(())
    };
    for f in &figs {
        let svg = figures::render_svg(f, as_of)?;
        put(&format!("figure-{}.svg", f.number), &mut |w| {
            Ok(w.write_all(svg.as_bytes())?)
        })?;
    }
    let svg = pace_figure::render_svg(pace)?;
    put("figure-7.svg", &mut |w| Ok(w.write_all(svg.as_bytes())?))?;
    // The tables are written a row at a time, as each row is made.
    let (l, focal_points) = match (told, people) {
        (Some((tallies, f)), Some(people)) => (
            lookup::Lookup::with_people(desk, people, as_of, tallies),
            Some(f),
        ),
        (Some((tallies, f)), None) => (lookup::Lookup::with_tallies(desk, as_of, tallies), Some(f)),
        (None, _) => (lookup::Lookup::new(desk, as_of), None),
    };
    put("reviews.csv", &mut |w| tables::write_reviews_csv(w, &l))?;
    put("overdue.csv", &mut |w| {
        tables::write_overdue_csv(w, &l, Some(scope))
    })?;
    put("focal-points.csv", &mut |w| match focal_points {
        Some(each) => {
            let mut csv = tables::FocalPointRows::new(w)?;
            each(&mut |p| csv.row(&l, p))?;
            csv.finish()
        }
        None => tables::write_focal_points_csv(w, &l),
    })?;
    let files: Vec<(String, String)> = REPORT_FILES
        .iter()
        .filter(|(n, _)| *n != "report.md")
        .map(|(n, w)| (n.to_string(), w.to_string()))
        .collect();
    let reminded = [
        l.tallies().sent_about(Obligation::FocalPoint),
        l.tallies().sent_about(Obligation::Experts),
    ];
    // The tables' indexes are let go before report.md's obligations are made.
    drop(l);
    let ctx = match people {
        Some(people) => {
            markdown::Ctx::with_people(desk, people, Some(scope), stats, pace, as_of, &files)
                .with_registers(crate::domain::registers::figures(reg, as_of))
        }
        None => markdown::context_in(desk, Some(scope), stats, pace, Some(reg), as_of, &files),
    }
    .with_nominations_reminded(reminded);
    let md = markdown::write_report(&ctx);
    put("report.md", &mut |w| Ok(w.write_all(md.as_bytes())?))?;
    sync_folder(dir)?;
    Ok(written)
}

pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::FocalPoint => "focal point",
        Role::Expert => "governmental expert",
        Role::Observer => "observer",
    }
}

/// `s` with its first letter in capitals.
pub(crate) fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A date as the reports write it: "29 February 2024".
pub(crate) fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}
