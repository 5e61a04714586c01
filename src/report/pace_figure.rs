//! Figure VII as SVG: for each group, the share of its reviews concluded
//! over time, actual up to the as-at date and projected after it at the
//! current pace (docs/pace.md), with the gate's threshold.
//!
//! As for Figures I-VI, plotters draws the frame (background, the share
//! axis with its grid) and gives the mapping to pixels; the lines, the
//! year ticks, the date of the projection and the legend are written as
//! plain SVG in that pixel space, each line a `<path>` carrying its group
//! and kind (actual or projected), so the figure can be checked by machines.

use super::figures::{series_colour, xml_escape};
use crate::domain::pace::{GatePace, Pace};
use anyhow::{Result, anyhow};
use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use std::fmt::Write as _;

const WIDTH: u32 = 960;
const HEIGHT: u32 = 600;
const FONT: &str = "sans-serif";
const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";
const GATE: &str = "#c0504d";
const GRID: RGBColor = RGBColor(225, 225, 225);
const AXIS: RGBColor = RGBColor(110, 110, 110);
/// Where the plot starts, below the title, the date and the legend.
const HEAD: u32 = 118;

/// The title of the figure, as report.md lists it.
pub const TITLE: &str = "Country reviews concluded by group, actual and projected";

/// One group's line: the dates its reviews concluded and are projected to.
struct Line<'a> {
    gate: &'a GatePace,
    concluded: Vec<NaiveDate>,
    projected: Vec<NaiveDate>,
}

fn plot_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("cannot draw the pace chart: {e}")
}

/// Renders Figure VII of `pace` as a standalone SVG document.
pub fn render_svg(pace: &Pace) -> Result<String> {
    let as_of = pace.as_of;
    let lines: Vec<Line> = pace
        .gates
        .iter()
        .map(|g| {
            let of_group = || pace.reviews.iter().filter(|r| r.group == g.gate.group);
            let mut concluded: Vec<NaiveDate> = of_group().filter_map(|r| r.concluded).collect();
            let mut projected: Vec<NaiveDate> = of_group().filter_map(|r| r.projected).collect();
            concluded.sort_unstable();
            projected.sort_unstable();
            Line {
                gate: g,
                concluded,
                projected,
            }
        })
        .collect();
    // From the first start to the last projected date, a little after it.
    let first = pace
        .reviews
        .iter()
        .map(|r| r.start)
        .min()
        .unwrap_or(as_of - chrono::TimeDelta::days(365));
    let last = lines
        .iter()
        .filter_map(|l| l.projected.last())
        .max()
        .copied()
        .unwrap_or(as_of)
        .max(as_of);
    let span = (last - first).num_days().max(30);
    let x_end = span + span / 20 + 1;
    let day = |d: NaiveDate| (d - first).num_days() as f64;

    let mut buf = String::new();
    let mut marks = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        let area = root.margin(HEAD, 16, 24, 36);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..x_end as f64, 0f64..100f64)
            .map_err(plot_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(11)
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(AXIS)
            .label_style((FONT, 16).into_font().color(&RGBColor(60, 60, 60)))
            .axis_desc_style((FONT, 17).into_font().color(&RGBColor(40, 40, 40)))
            .y_desc("Reviews concluded (per cent of those started)")
            .x_desc("Date")
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()
            .map_err(plot_err)?;
        let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
        let (_, base) = px(0.0, 0.0);
        let (_, top) = px(0.0, 100.0);

        // A tick and a label on the first of every month, every third, sixth
        // or twelfth month: at most about a dozen.
        let step: u32 = [1u32, 3, 6, 12]
            .into_iter()
            .find(|m| x_end / (30 * i64::from(*m)) <= 12)
            .unwrap_or(12 * (1 + (x_end / (365 * 12)) as u32));
        let mut tick = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
        while day(tick) < x_end as f64 {
            if tick > first {
                let (x, _) = px(day(tick), 0.0);
                let label = if step.is_multiple_of(12) {
                    tick.year().to_string()
                } else {
                    tick.format("%b %Y").to_string()
                };
                let _ = writeln!(
                    marks,
                    r##"<line class="tick" x1="{x}" y1="{base}" x2="{x}" y2="{}" stroke="#6e6e6e"/><text class="tick-label" x="{x}" y="{}" text-anchor="middle" font-family="{FONT}" font-size="14" fill="{INK}">{label}</text>"##,
                    base + 6,
                    base + 24
                );
            }
            match tick.checked_add_months(chrono::Months::new(step)) {
                Some(t) => tick = t,
                None => break,
            }
        }

        // The gate's threshold.
        let share = pace.gate.gate.threshold;
        let per_cent = share.per_cent();
        let value = per_cent.trim_end_matches(" per cent");
        let (x0, gy) = px(0.0, share.as_f64() * 100.0);
        let (x1, _) = px(x_end as f64, share.as_f64() * 100.0);
        let _ = writeln!(
            marks,
            r#"<line class="threshold" data-value="{value}" x1="{x0}" y1="{gy}" x2="{x1}" y2="{gy}" stroke="{GATE}" stroke-width="1.5" stroke-dasharray="8 5"/><text x="{}" y="{}" font-family="{FONT}" font-size="13" fill="{GATE}">{per_cent}: the gate</text>"#,
            x0 + 8,
            gy - 6,
        );

        // The as-at date: actual to its left, projected to its right.
        let (ax, _) = px(day(as_of), 0.0);
        let _ = writeln!(
            marks,
            r#"<line class="as-of" x1="{ax}" y1="{base}" x2="{ax}" y2="{top}" stroke="{MUTED}" stroke-width="1"/><text x="{}" y="{}" text-anchor="start" font-family="{FONT}" font-size="13" fill="{MUTED}">As at {}; projected after</text>"#,
            ax + 5,
            top + 14,
            as_of.format("%-d %B %Y")
        );

        for (i, line) in lines.iter().enumerate() {
            group_marks(&mut marks, line, i, as_of, &px, &day);
        }
        root.present().map_err(plot_err)?;
    }

    assemble(pace, &lines, &buf, &marks)
}

/// The SVG the backend wrote, with the title, description, header and the
/// marks drawn by hand put inside it.
fn assemble(pace: &Pace, lines: &[Line], buf: &str, marks: &str) -> Result<String> {
    let head = header(pace, lines);
    let close = buf
        .rfind("</svg>")
        .ok_or_else(|| anyhow!("the SVG backend wrote no closing tag"))?;
    let open_end = buf
        .find('>')
        .ok_or_else(|| anyhow!("the SVG backend wrote no opening tag"))?
        + 1;
    let title = format!("Figure VII. {TITLE}");
    let mut out = String::with_capacity(buf.len() + marks.len() + head.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&buf[..open_end - 1]);
    out.push_str(r#" role="img" aria-labelledby="figure-title" class="revdesk-figure figure-7">"#);
    let _ = write!(
        out,
        "\n<title id=\"figure-title\">{}</title>\n<desc>{}</desc>\n",
        xml_escape(&title),
        xml_escape(&describe(pace))
    );
    out.push_str(&buf[open_end..close]);
    out.push_str("<g class=\"header\">\n");
    out.push_str(&head);
    out.push_str("</g>\n<g class=\"lines\">\n");
    out.push_str(marks);
    out.push_str("</g>\n");
    out.push_str(&buf[close..]);
    Ok(out)
}

/// One group's actual and projected lines, and its gate's projected date.
fn group_marks(
    marks: &mut String,
    line: &Line,
    i: usize,
    as_of: NaiveDate,
    px: &dyn Fn(f64, f64) -> (i32, i32),
    day: &dyn Fn(NaiveDate) -> f64,
) {
    let colour = series_colour("", i);
    let n = line.gate.gate.reviews.max(1) as f64;
    let share = |k: usize| k as f64 * 100.0 / n;
    let group = line.gate.gate.group;
    let mut d = String::new();
    let (sx, sy) = px(0.0, 0.0);
    let _ = write!(d, "M{sx},{sy}");
    for (k, c) in line.concluded.iter().enumerate() {
        let (x, y0) = px(day(*c), share(k));
        let (_, y1) = px(day(*c), share(k + 1));
        let _ = write!(d, " L{x},{y0} L{x},{y1}");
    }
    let now = share(line.concluded.len());
    let (ex, ey) = px(day(as_of), now);
    let _ = write!(d, " L{ex},{ey}");
    let _ = writeln!(
        marks,
        r#"<path class="actual" data-group="{group}" data-concluded="{}" d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"><title>Group {group}: {} of {} reviews concluded as at {}</title></path>"#,
        line.concluded.len(),
        line.concluded.len(),
        line.gate.gate.reviews,
        as_of.format("%-d %B %Y")
    );
    if !line.projected.is_empty() {
        let mut d = format!("M{ex},{ey}");
        let done = line.concluded.len();
        for (k, p) in line.projected.iter().enumerate() {
            let (x, y0) = px(day(*p), share(done + k));
            let (_, y1) = px(day(*p), share(done + k + 1));
            let _ = write!(d, " L{x},{y0} L{x},{y1}");
        }
        let _ = writeln!(
            marks,
            r#"<path class="projected" data-group="{group}" data-projected="{}" d="{d}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="6 4"><title>Group {group}: {} more projected to conclude</title></path>"#,
            line.projected.len(),
            line.projected.len()
        );
    }
    if let Some(g) = line
        .gate
        .projected
        .filter(|_| line.gate.gate.opened.is_none())
    {
        let (x, y) = px(day(g), share(line.gate.gate.needed as usize));
        let _ = writeln!(
            marks,
            r#"<circle class="gate-projected" data-group="{group}" data-date="{g}" cx="{x}" cy="{y}" r="5" fill="{colour}" stroke="{GATE}" stroke-width="2"><title>Group {group}: gate projected to open on {}</title></circle>"#,
            g.format("%-d %B %Y")
        );
    }
}

/// Title, date and legend above the plot.
fn header(pace: &Pace, lines: &[Line]) -> String {
    let mut out = String::new();
    let title = format!("Figure VII. {TITLE}");
    let _ = writeln!(
        out,
        r#"<text class="title" x="{}" y="34" text-anchor="middle" font-family="{FONT}" font-size="19" font-weight="bold" fill="{INK}">{}</text>"#,
        WIDTH / 2,
        xml_escape(&title)
    );
    let _ = writeln!(
        out,
        r#"<text class="subtitle" x="{}" y="58" text-anchor="middle" font-family="{FONT}" font-size="14" fill="{MUTED}">Cluster {}, as at {}: solid, concluded; dashed, projected</text>"#,
        WIDTH / 2,
        pace.cluster,
        pace.as_of.format("%-d %B %Y")
    );
    let mut x = 60.0;
    for (i, l) in lines.iter().enumerate() {
        let label = format!(
            "Group {} ({} reviews)",
            l.gate.gate.group, l.gate.gate.reviews
        );
        let _ = writeln!(
            out,
            r#"<g class="legend-entry" data-group="{}"><line x1="{x}" y1="84" x2="{}" y2="84" stroke="{}" stroke-width="3"/><text x="{}" y="89" font-family="{FONT}" font-size="13" fill="{INK}">{}</text></g>"#,
            l.gate.gate.group,
            x + 22.0,
            series_colour("", i),
            x + 28.0,
            xml_escape(&label)
        );
        x += 28.0 + label.len() as f64 * 7.2 + 24.0;
    }
    out
}

/// The figure in words, for screen readers: each group's gate sentence.
fn describe(pace: &Pace) -> String {
    if pace.gates.is_empty() {
        return format!(
            "As at {}, no review of cluster {} has started.",
            pace.as_of.format("%-d %B %Y"),
            pace.cluster
        );
    }
    pace.gates
        .iter()
        .map(GatePace::sentence)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gate::Threshold;
    use crate::domain::model::{Desk, Group, Languages, Milestones, Review};
    use crate::domain::pace::pace;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Four reviews of group 1 started 2021-01-01, two concluded, two in
    /// their last step, as at 2021-03-01.
    fn desk() -> Desk {
        let m = |f: &str, c: Option<&str>| Milestones {
            consultation_held: Some(d("2021-01-05")),
            saq_submitted: Some(d("2021-01-10")),
            feedback_submitted: Some(d(f)),
            observations_finalized: c.map(d),
            summary_finalized: c.map(d),
        };
        let review = |id, m| Review {
            id,
            group: 1,
            cluster: 1,
            under_review: "AUT".into(),
            reviewers: smallvec::smallvec!["FRA".into(), "KEN".into()],
            start: None,
            redraws: 0,
            languages: Languages::new(),
            milestones: m,
        };
        Desk {
            groups: vec![Group {
                number: 1,
                start: d("2021-01-01"),
            }],
            reviews: vec![
                review(1, m("2021-01-20", Some("2021-01-30"))),
                review(2, m("2021-01-20", Some("2021-02-09"))),
                review(3, m("2021-02-25", None)),
                review(4, m("2021-02-27", None)),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn lines_of_actual_and_projected_with_the_gate() {
        let desk = desk();
        let p = pace(
            &desk,
            desk.people.as_slice(),
            d("2021-03-01"),
            1,
            Threshold::DEFAULT,
        );
        // Observations: events 10, 20, censored 4 and 2 (out of the risk
        // set by day 10): S(10) = 1/2. The open spells, 4 and 2 days old,
        // halve at 10: 6 and 8 days on. The gate needs 3 of 4: the 3rd date.
        assert_eq!(p.reviews[2].projected, Some(d("2021-03-07")));
        assert_eq!(p.reviews[3].projected, Some(d("2021-03-09")));
        assert_eq!(p.gate.projected, Some(d("2021-03-07")));
        let svg = render_svg(&p).unwrap();
        assert!(svg.contains(r#"<path class="actual" data-group="1" data-concluded="2""#));
        assert!(svg.contains(r#"<path class="projected" data-group="1" data-projected="2""#));
        assert!(svg.contains(r#"class="gate-projected" data-group="1" data-date="2021-03-07""#));
        assert!(svg.contains(r#"class="threshold" data-value="70""#));
        assert!(svg.contains("70 per cent: the gate"));
        assert!(svg.contains("As at 1 March 2021"));
        assert!(svg.contains("<desc>At the current pace, the gate opens on 7 March 2021"));
        assert!(svg.ends_with("</svg>\n") || svg.ends_with("</svg>"));
    }

    #[test]
    fn nothing_started_still_draws_a_figure() {
        let desk = desk();
        let p = pace(
            &desk,
            desk.people.as_slice(),
            d("2020-06-01"),
            1,
            Threshold::DEFAULT,
        );
        let svg = render_svg(&p).unwrap();
        assert!(!svg.contains("<path class="));
        assert!(svg.contains("no review of cluster 1 has started"));
    }
}
