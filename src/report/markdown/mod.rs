//! `report.md`: the numbers of sections II and III of the background paper
//! as paragraphs a secretariat officer can paste into a paper, and the
//! tables behind Figures I-VI. Every number comes from `stats::compute`
//! (through `domain::figures`), the same code as `revdesk stats`; the
//! deadline engine adds what is overdue.
//!
//! The report is the list [`SECTIONS`], written in order. Each paragraph of
//! the paper is one function from the [`Ctx`] to its text (or to nothing,
//! where the paper would leave it out); the paragraphs are numbered as they
//! are written. To add a paragraph, write its function in the module of its
//! part of the paper and put one [`Part::Para`] line in its place in the list.

mod clusters;
mod languages;
mod pace;
mod preparatory;
mod progress;
mod support;
mod words;

pub use words::{count, words};

use super::long_date;
use crate::domain::clusters::Scope;
use crate::domain::engine::{self, Settings};
use crate::domain::figures::{self, Figure, Orientation};
use crate::domain::model::{Desk, Group, Obligation, Role, Stage};
use crate::domain::pace::Pace;
use crate::domain::registers::{RegisterFigures, Registers};
use crate::domain::roster::People;
use crate::domain::stages::focal_point_parties;
use crate::domain::stats::{Stats, percent, thousands};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use words::noun;

/// One part of `report.md`, in the order of [`SECTIONS`].
#[derive(Clone, Copy)]
pub enum Part {
    /// A heading, written as is.
    Heading(&'static str),
    /// A heading written only when the context has what it heads.
    HeadingIf(&'static str, fn(&Ctx<'_>) -> bool),
    /// A numbered paragraph; `None` leaves it out (and its number unused).
    Para(fn(&Ctx<'_>) -> Option<String>),
    /// Text written as is (title, figures, list of files).
    Text(fn(&Ctx<'_>, &mut String)),
}

/// The whole report, in order: headings and paragraphs follow sections II
/// and III of the secretariat's background paper.
pub const SECTIONS: &[Part] = &[
    Part::Text(title),
    Part::Heading("## II. Preparatory work and pairing of participating parties"),
    Part::Para(preparatory::parties_taking_part),
    Part::Heading("### A. Drawing of lots"),
    Part::Para(preparatory::drawing_of_lots),
    Part::Heading("### B. Status of nominations"),
    Part::Para(preparatory::focal_points_nominated),
    Part::Para(preparatory::one_or_several_focal_points),
    Part::Para(preparatory::focal_points_changed),
    Part::Para(preparatory::pending_nominations),
    Part::Para(preparatory::nomination_reminders),
    Part::Para(preparatory::experts),
    Part::Para(preparatory::observers),
    Part::Text(clusters::heading),
    Part::Para(progress::groups_started),
    Part::Para(progress::stages),
    Part::Para(progress::first_phase_end),
    Part::Para(clusters::gate),
    Part::Heading("### A. Initial and preparatory steps of a country review"),
    Part::Para(progress::consultations),
    Part::Para(languages::languages),
    Part::Heading("### B. Self-assessment questionnaires"),
    Part::Para(progress::questionnaires),
    Part::Heading("### C. Written feedback"),
    Part::Para(progress::written_feedback),
    Part::Heading("### D. Lists of observations and summaries of lists of observations"),
    Part::Para(progress::observations),
    Part::Para(support::needs_identified),
    Part::Heading("### E. Pace of the reviews and the beginning of the next cluster"),
    Part::Para(pace::pace_and_gate),
    Part::HeadingIf("## IV. Support provided by the secretariat", support::shown),
    Part::Para(support::assistance),
    Part::HeadingIf("### A. Training and capacity-building", support::shown),
    Part::Para(support::training),
    Part::HeadingIf(
        "### B. Tools, resources and new features of the RevMod platform",
        support::shown,
    ),
    Part::Para(support::translation),
    Part::Text(figure_tables),
    Part::Text(pace::figure),
    Part::Text(file_list),
];

/// What every part reads: the desk as at one day, its figures, and the
/// obligations the deadline engine finds.
pub struct Ctx<'a> {
    pub desk: &'a Desk,
    pub stats: &'a Stats,
    pub as_of: NaiveDate,
    /// `as_of` as the paper writes it ("29 February 2024").
    pub date: String,
    /// The files of the report besides `report.md`, with what each is.
    pub files: &'a [(String, String)],
    /// How many obligations of each kind are overdue as at `as_of` (of
    /// the scope's cluster when given one).
    overdue: [u64; Obligation::COUNT],
    /// Parties with a focal point in force as at `as_of`.
    pub with_fp: BTreeSet<&'a str>,
    /// Parties with an observer in force as at `as_of`.
    pub observer_parties: BTreeSet<&'a str>,
    /// Groups started by `as_of`, by number.
    pub groups: Vec<&'a Group>,
    /// Figures I-VI.
    pub figures: Vec<Figure>,
    /// The pace of the reviews and the projected gates (Figure VII),
    /// estimated over every cluster.
    pub pace: &'a Pace,
    /// How to call the parties that nominated a focal point.
    fp_noun: (&'static str, &'static str),
    /// The figures of the registers (section IV); `None` leaves it out.
    pub registers: Option<RegisterFigures>,
    /// Reminders sent by `as_of` about focal points and about experts,
    /// when told apart from the desk (read without its log).
    pub nominations_reminded: Option<[u64; 2]>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        desk: &'a Desk,
        stats: &'a Stats,
        pace: &'a Pace,
        as_of: NaiveDate,
        files: &'a [(String, String)],
    ) -> Ctx<'a> {
        Ctx::with_people(
            desk,
            desk.people.as_slice(),
            None,
            stats,
            pace,
            as_of,
            files,
        )
    }

    /// [`Ctx::new`] with the people given apart from the desk, counting
    /// only the obligations `scope` keeps when given one.
    pub fn with_people(
        desk: &'a Desk,
        people: &'a (impl People + ?Sized),
        scope: Option<&Scope>,
        stats: &'a Stats,
        pace: &'a Pace,
        as_of: NaiveDate,
        files: &'a [(String, String)],
    ) -> Ctx<'a> {
        let mut groups: Vec<&Group> = desk.groups.iter().filter(|g| g.start <= as_of).collect();
        groups.sort_by_key(|g| g.number);
        let with_fp = focal_point_parties(people, as_of);
        let observer_parties = people
            .facts()
            .filter(|p| p.role == Role::Observer && p.current(as_of))
            .map(|p| p.party)
            .collect();
        let mut overdue = [0; Obligation::COUNT];
        // Counted as the engine finds them: no obligation is held.
        engine::kept_with(desk, people, as_of, Settings::default(), |i| {
            if i.status.days_overdue().is_some() && scope.is_none_or(|s| s.keeps(i)) {
                overdue[i.obligation.index()] += 1;
            }
            false
        });
        Ctx {
            desk,
            stats,
            as_of,
            date: long_date(as_of),
            files,
            overdue,
            observer_parties,
            groups,
            figures: figures::figures(stats),
            pace,
            fp_noun: noun(desk, with_fp.iter().copied()),
            with_fp,
            registers: None,
            nominations_reminded: None,
        }
    }

    /// The context with the figures of the registers (section IV).
    pub fn with_registers(mut self, figures: RegisterFigures) -> Ctx<'a> {
        self.registers = Some(figures);
        self
    }

    /// The context with the reminders sent about focal points and about
    /// experts told, for a desk read without its reminder log.
    pub fn with_nominations_reminded(mut self, sent: [u64; 2]) -> Ctx<'a> {
        self.nominations_reminded = Some(sent);
        self
    }

    /// Reviews at stage `s`.
    pub fn stage(&self, s: Stage) -> u64 {
        self.stats.stage(s)
    }

    /// Reviews that have not commenced: awaiting nominations or the
    /// preliminary consultation.
    pub fn not_commenced(&self) -> u64 {
        self.stage(Stage::AwaitingNominations) + self.stage(Stage::AwaitingConsultation)
    }

    /// Reviews past the preliminary consultation.
    pub fn advancing(&self) -> u64 {
        self.stats.reviews.total - self.not_commenced()
    }

    /// How many obligations `o` are overdue.
    pub fn overdue(&self, o: Obligation) -> u64 {
        self.overdue[o.index()]
    }
}

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// The tables behind a figure, as a Markdown table with totals.
pub fn figure_table(fig: &Figure) -> String {
    let mut out = String::new();
    let group_context = fig.categories.iter().any(|c| c.reviews.is_some());
    let mut header = vec![cell(&fig.category_axis)];
    header.extend(fig.series.iter().map(|s| cell(&s.label)));
    if group_context {
        header.push("Reviews in the group".into());
    }
    if fig.orientation == Orientation::Horizontal {
        header.push("Per cent".into());
    }
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let aligns: Vec<&str> = header
        .iter()
        .enumerate()
        .map(|(i, _)| if i == 0 { ":---" } else { "---:" })
        .collect();
    let _ = writeln!(out, "| {} |", aligns.join(" | "));
    let total = fig.total();
    for (c, cat) in fig.categories.iter().enumerate() {
        let mut row = vec![cell(&cat.label)];
        row.extend((0..fig.series.len()).map(|s| thousands(fig.value(c, s))));
        if group_context {
            row.push(cat.reviews.map(thousands).unwrap_or_default());
        }
        if fig.orientation == Orientation::Horizontal {
            row.push(percent(fig.category_total(c), total));
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let mut row = vec!["**Total**".to_string()];
    row.extend((0..fig.series.len()).map(|s| format!("**{}**", thousands(fig.series_total(s)))));
    if group_context {
        let reviews: u64 = fig.categories.iter().filter_map(|c| c.reviews).sum();
        row.push(format!("**{}**", thousands(reviews)));
    }
    if fig.orientation == Orientation::Horizontal {
        row.push(format!("**{}**", percent(total, total)));
    }
    let _ = writeln!(out, "| {} |", row.join(" | "));
    out
}

/// The whole of `report.md`: [`SECTIONS`] in order.
/// `desk` is the report's cluster as seen by itself; `pace` is estimated
/// over every cluster.
pub fn report(
    desk: &Desk,
    stats: &Stats,
    pace: &Pace,
    as_of: NaiveDate,
    files: &[(String, String)],
) -> String {
    report_in(desk, None, stats, pace, None, as_of, files)
}

/// [`report`] of one cluster's view of the desk, with section IV from
/// `reg` when given: `scope` keeps the
/// obligations that belong to that cluster (a later cluster brings no
/// nominations of its own).
pub fn report_in(
    desk: &Desk,
    scope: Option<&Scope>,
    stats: &Stats,
    pace: &Pace,
    reg: Option<&Registers>,
    as_of: NaiveDate,
    files: &[(String, String)],
) -> String {
    write_parts(
        &context_in(desk, scope, stats, pace, reg, as_of, files),
        SECTIONS,
    )
}

/// What [`report_in`] writes from, for a caller that tells it more (the
/// reminders sent, when the desk was read without its log) before
/// writing it with [`write_report`].
pub fn context_in<'a>(
    desk: &'a Desk,
    scope: Option<&Scope>,
    stats: &'a Stats,
    pace: &'a Pace,
    reg: Option<&Registers>,
    as_of: NaiveDate,
    files: &'a [(String, String)],
) -> Ctx<'a> {
    let ctx = Ctx::with_people(
        desk,
        desk.people.as_slice(),
        scope,
        stats,
        pace,
        as_of,
        files,
    );
    match reg {
        Some(reg) => ctx.with_registers(crate::domain::registers::figures(reg, as_of)),
        None => ctx,
    }
}

/// `report.md` from its context.
pub fn write_report(ctx: &Ctx<'_>) -> String {
    write_parts(ctx, SECTIONS)
}

/// Writes `parts` in order, numbering the paragraphs from one.
pub fn write_parts(ctx: &Ctx<'_>, parts: &[Part]) -> String {
    let mut out = String::new();
    let mut n = 0;
    for part in parts {
        match part {
            Part::Heading(h) => {
                let _ = write!(out, "{h}\n\n");
            }
            Part::HeadingIf(h, shown) => {
                if shown(ctx) {
                    let _ = write!(out, "{h}\n\n");
                }
            }
            Part::Para(para) => {
                if let Some(text) = para(ctx) {
                    n += 1;
                    let _ = write!(out, "{n}. {text}\n\n");
                }
            }
            Part::Text(text) => text(ctx, &mut out),
        }
    }
    out
}

/// The title and the note on what is counted.
fn title(ctx: &Ctx<'_>, out: &mut String) {
    let (date, as_of) = (&ctx.date, ctx.as_of);
    let _ = write!(
        out,
        "# Status of the functioning of the Mechanism: figures as at {date}\n\n\
         *Computed by revdesk from the desk as it stood on {date}: nominations, \
         milestones and reminders dated later are not counted. The same figures \
         are given by `revdesk stats --as-of {as_of}`. Paragraphs follow sections II \
         {} of the secretariat's background paper.*\n\n",
        if ctx.registers.is_some() {
            "to IV"
        } else {
            "and III"
        }
    );
}

/// Each figure: its picture and the table behind it.
fn figure_tables(ctx: &Ctx<'_>, out: &mut String) {
    out.push_str("## Figures\n\n");
    for f in &ctx.figures {
        let _ = write!(
            out,
            "### Figure {}. {}\n\n![Figure {}: {}](figure-{}.svg)\n\n{}\n",
            f.roman(),
            f.title,
            f.roman(),
            f.title,
            f.number,
            figure_table(f)
        );
    }
}

/// The other files of the report, linked.
fn file_list(ctx: &Ctx<'_>, out: &mut String) {
    if ctx.files.is_empty() {
        return;
    }
    out.push_str("## Files\n\n");
    for (name, what) in ctx.files {
        let _ = writeln!(out, "- [`{name}`]({name}): {what}");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_are_escaped() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn paragraphs_are_numbered_as_written_and_left_out_ones_skip_no_number() {
        let desk = Desk::default();
        let as_of = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let stats = crate::domain::stats::compute(&desk, as_of);
        let pace = crate::domain::pace::pace(
            &desk,
            desk.people.as_slice(),
            as_of,
            1,
            crate::domain::gate::Threshold::DEFAULT,
        );
        let ctx = Ctx::new(&desk, &stats, &pace, as_of, &[]);
        let parts = [
            Part::Heading("## H"),
            Part::Para(|_| Some("first".into())),
            Part::Para(|_| None),
            Part::Para(|c| Some(format!("as at {}", c.date))),
        ];
        assert_eq!(
            write_parts(&ctx, &parts),
            "## H\n\n1. first\n\n2. as at 29 February 2024\n\n"
        );
    }
}
