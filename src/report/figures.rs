//! Figures I-VI as SVG bar charts.
//!
//! plotters (SVG backend, no font files needed: text stays `<text>` for the
//! viewer to render) draws the frame: background, value axis with its
//! ticks, grid and axis titles, and gives the mapping from data to pixels.
//! The bars, their counts, the category labels, the legend and the title are
//! then written as plain SVG in that same pixel space, each bar a
//! `<rect class="bar">` carrying its category, series and value (and a
//! `<title>` tooltip), so the chart can be checked and read by machines as
//! well as people.

use crate::domain::figures::{Figure, Orientation};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::fmt::Write as _;

const WIDTH: u32 = 960;
const FONT: &str = "sans-serif";
const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";
const GRID: RGBColor = RGBColor(225, 225, 225);
const AXIS: RGBColor = RGBColor(110, 110, 110);

/// Fill colour of a series: stages run from red (stuck) through blues
/// (progressing) to green (done); "submitted" dark, "in preparation" light,
/// "not started" grey, so every figure reads the same way.
pub fn series_colour(key: &str, index: usize) -> &'static str {
    match key {
        "awaiting_nominations" => "#c0504d",
        "awaiting_consultation" => "#f0a150",
        "saq" => "#9dc3e6",
        "feedback" => "#4a86c5",
        "observations" => "#1f4e79",
        "concluded" => "#3a8e5c",
        "submitted" => "#1f4e79",
        "in_preparation" => "#7fb2e0",
        "not_started" => "#b8b8b8",
        "consultation_held" => "#2f75b5",
        "reviews" => "#2f75b5",
        _ => ["#2f75b5", "#f0a150", "#3a8e5c", "#c0504d", "#7f6fb0"][index % 5],
    }
}

/// Text made safe inside XML: markup escaped, control characters dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A rough width in pixels of `s` in a sans-serif face of `size` px.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '(' | ')' | ' ' | 'I' | 'f' | 't'
            | 'r' => 0.34,
            'm' | 'w' | 'M' | 'W' => 0.92,
            c if c.is_uppercase() => 0.7,
            _ => 0.6,
        })
        .sum::<f64>()
        * size
}

const TITLE_SIZE: f64 = 20.0;
/// How much wider bold text runs than regular.
const BOLD: f64 = 1.12;

/// Breaks `s` into lines no wider than `max` pixels at `size` px.
fn wrap_px(s: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in s.split_whitespace() {
        let candidate = if line.is_empty() {
            w.to_string()
        } else {
            format!("{line} {w}")
        };
        if !line.is_empty() && text_width(&candidate, size) > max {
            lines.push(std::mem::replace(&mut line, w.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The top of the value axis: the largest value with room for its label,
/// rounded up to a multiple of a "nice" step so the ticks are round.
fn axis_max(max: u64) -> u64 {
    let want = (max as f64 * 1.12).ceil() as u64 + 1;
    let want = want.max(5);
    let step = [1u64, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|s| want / s <= 10)
        .unwrap_or(1000);
    want.div_ceil(step) * step
}

struct Legend {
    /// (x, y, series index) of each entry, in pixels.
    entries: Vec<(f64, f64, usize)>,
    height: f64,
}

/// Lays the legend out left to right, wrapping to new rows.
fn legend_layout(fig: &Figure, left: f64, right: f64, top: f64) -> Legend {
    let (mut x, mut y) = (left, top);
    let mut entries = Vec::new();
    for (i, s) in fig.series.iter().enumerate() {
        let w = 18.0 + text_width(&s.label, 13.0) + 22.0;
        if x > left && x + w > right {
            x = left;
            y += 22.0;
        }
        entries.push((x, y, i));
        x += w;
    }
    Legend {
        entries,
        height: y - top + 22.0,
    }
}

fn plot_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("cannot draw the chart: {e}")
}

/// Where the parts of a figure go, in pixels.
struct Layout {
    horizontal: bool,
    /// Categories, at least one so an empty figure still has a plot.
    n: usize,
    title: String,
    title_lines: Vec<String>,
    subtitle_y: f64,
    legend: Legend,
    /// Height of the title, date and legend above the plot.
    head: u32,
    height: u32,
    /// Top of the value axis.
    top_max: u64,
    /// Width of the longest category label.
    label_room: f64,
}

impl Layout {
    fn of(fig: &Figure) -> Layout {
        let horizontal = fig.orientation == Orientation::Horizontal;
        let n = fig.categories.len().max(1);
        let title = format!("Figure {}. {}", fig.roman(), fig.title);
        let title_lines = wrap_px(&title, TITLE_SIZE * BOLD, WIDTH as f64 - 60.0);
        let subtitle_y = 34.0 + 26.0 * (title_lines.len() as f64 - 1.0) + 24.0;
        let legend_top = subtitle_y + 20.0;
        let legend = legend_layout(fig, 40.0, WIDTH as f64 - 40.0, legend_top);
        let head = (legend_top + legend.height + 14.0).round() as u32;
        let height: u32 = if horizontal {
            head + 40 + n as u32 * 38 + 70
        } else {
            560 + head - 100
        };
        // Category label lengths decide the left margin of a horizontal chart.
        let label_room = fig
            .categories
            .iter()
            .map(|c| text_width(&c.label, 13.0))
            .fold(0.0, f64::max);
        Layout {
            horizontal,
            n,
            title,
            title_lines,
            subtitle_y,
            legend,
            head,
            height,
            top_max: axis_max(fig.max_value()),
            label_room,
        }
    }
}

/// The plotting area below the header.
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Tick labels and axis titles.
fn axis_styles() -> (TextStyle<'static>, TextStyle<'static>) {
    (
        (FONT, 16).into_font().color(&RGBColor(60, 60, 60)),
        (FONT, 17).into_font().color(&RGBColor(40, 40, 40)),
    )
}

/// Renders one figure as a standalone SVG document.
pub fn render_svg(fig: &Figure, as_of: NaiveDate) -> Result<String> {
    let layout = Layout::of(fig);
    let mut buf = String::new();
    let mut marks = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (WIDTH, layout.height)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        let area: Area = root.margin(layout.head, 16, 24, 36);
        if layout.horizontal {
            horizontal_bars(&area, fig, &layout, as_of, &mut marks)?;
        } else {
            vertical_bars(&area, fig, &layout, as_of, &mut marks)?;
        }
        root.present().map_err(plot_err)?;
    }
    assemble(fig, as_of, &layout, &buf, &marks)
}

/// One bar per category, left to right, first category at the top.
fn horizontal_bars(
    area: &Area,
    fig: &Figure,
    layout: &Layout,
    as_of: NaiveDate,
    marks: &mut String,
) -> Result<()> {
    let (n, top_max) = (layout.n, layout.top_max);
    let (tick_style, desc_style) = axis_styles();
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(52)
        .y_label_area_size((layout.label_room + 46.0).round() as u32)
        .build_cartesian_2d(0u64..top_max, 0f64..n as f64)
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(10)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .label_style(tick_style)
        .axis_desc_style(desc_style)
        .x_desc(fig.value_axis.as_str())
        .y_desc(fig.category_axis.as_str())
        .x_label_formatter(&|v| v.to_string())
        .draw()
        .map_err(plot_err)?;
    if fig.categories.is_empty() {
        let (x0, y) = chart.backend_coord(&(0, n as f64 / 2.0));
        let (x1, _) = chart.backend_coord(&(top_max, n as f64 / 2.0));
        empty_note(marks, (x0 + x1) / 2, y, as_of);
    }
    for (c, cat) in fig.categories.iter().enumerate() {
        // First category at the top.
        let row = (n - 1 - c) as f64;
        let (lx, ly) = chart.backend_coord(&(0, row + 0.5));
        let _ = writeln!(
            marks,
            r#"<text class="category" x="{}" y="{ly}" dy="0.35em" text-anchor="end" font-family="{FONT}" font-size="13" fill="{INK}">{}</text>"#,
            lx - 8,
            xml_escape(&cat.label)
        );
        let v = fig.value(c, 0);
        let (x0, y0) = chart.backend_coord(&(0, row + 0.82));
        let (x1, y1) = chart.backend_coord(&(v, row + 0.18));
        bar(marks, fig, c, 0, (x0, y0, x1, y1));
        let _ = writeln!(
            marks,
            r#"<text class="value" x="{}" y="{}" dy="0.35em" text-anchor="start" font-family="{FONT}" font-size="13" font-weight="bold" fill="{INK}">{v}</text>"#,
            x1 + 6,
            (y0 + y1) / 2
        );
    }
    Ok(())
}

/// A cluster of bars per category, one per series, upwards.
fn vertical_bars(
    area: &Area,
    fig: &Figure,
    layout: &Layout,
    as_of: NaiveDate,
    marks: &mut String,
) -> Result<()> {
    let (n, top_max) = (layout.n, layout.top_max);
    let (tick_style, desc_style) = axis_styles();
    let two_line = fig.categories.iter().any(|c| c.reviews.is_some());
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(if two_line { 74 } else { 56 })
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..n as f64, 0u64..top_max)
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(10)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .label_style(tick_style)
        .axis_desc_style(desc_style)
        .y_desc(fig.value_axis.as_str())
        .x_desc(fig.category_axis.as_str())
        .y_label_formatter(&|v| v.to_string())
        .draw()
        .map_err(plot_err)?;
    let k = fig.series.len().max(1) as f64;
    // Bars fill 80 per cent of a category, at most 90 px each.
    let (c0, _) = chart.backend_coord(&(0.0, 0));
    let (c1, _) = chart.backend_coord(&(1.0, 0));
    let cat_px = (c1 - c0) as f64;
    let bar_px = (cat_px * 0.8 / k).min(90.0);
    let gap = if bar_px > 14.0 { 3.0 } else { 1.0 };
    if fig.categories.is_empty() {
        let (x, y0) = chart.backend_coord(&(n as f64 / 2.0, 0));
        let (_, y1) = chart.backend_coord(&(n as f64 / 2.0, top_max));
        empty_note(marks, x, (y0 + y1) / 2, as_of);
    }
    for (c, cat) in fig.categories.iter().enumerate() {
        let (cx, base) = chart.backend_coord(&(c as f64 + 0.5, 0));
        let _ = writeln!(
            marks,
            r#"<text class="category" x="{cx}" y="{}" text-anchor="middle" font-family="{FONT}" font-size="14" font-weight="bold" fill="{INK}">{}</text>"#,
            base + 22,
            xml_escape(&cat.label)
        );
        if let Some(r) = cat.reviews {
            let _ = writeln!(
                marks,
                r#"<text class="category-note" x="{cx}" y="{}" text-anchor="middle" font-family="{FONT}" font-size="12" fill="{MUTED}">{r} review{}</text>"#,
                base + 39,
                if r == 1 { "" } else { "s" }
            );
        }
        let left = cx as f64 - bar_px * k / 2.0;
        for s in 0..fig.series.len() {
            let v = fig.value(c, s);
            let x0 = (left + bar_px * s as f64 + gap / 2.0).round() as i32;
            let x1 = (left + bar_px * (s + 1) as f64 - gap / 2.0).round() as i32;
            let (_, y0) = chart.backend_coord(&(0.0, v));
            bar(marks, fig, c, s, (x0, y0, x1, base));
            let _ = writeln!(
                marks,
                r#"<text class="value" x="{}" y="{}" text-anchor="middle" font-family="{FONT}" font-size="{}" font-weight="bold" fill="{INK}">{v}</text>"#,
                (x0 + x1) / 2,
                y0 - 5,
                if bar_px < 26.0 { 11 } else { 13 }
            );
        }
    }
    Ok(())
}

/// Title, date and legend above the plot.
fn header(fig: &Figure, layout: &Layout, as_of: NaiveDate) -> String {
    let mut head_marks = String::new();
    for (i, line) in layout.title_lines.iter().enumerate() {
        let _ = writeln!(
            head_marks,
            r#"<text class="title" x="{}" y="{}" text-anchor="middle" font-family="{FONT}" font-size="{TITLE_SIZE}" font-weight="bold" fill="{INK}">{}</text>"#,
            WIDTH / 2,
            34 + 26 * i,
            xml_escape(line)
        );
    }
    let _ = writeln!(
        head_marks,
        r#"<text class="subtitle" x="{}" y="{}" text-anchor="middle" font-family="{FONT}" font-size="14" fill="{MUTED}">As at {}</text>"#,
        WIDTH / 2,
        layout.subtitle_y,
        as_of.format("%-d %B %Y")
    );
    for (x, y, i) in &layout.legend.entries {
        let s = &fig.series[*i];
        let _ = writeln!(
            head_marks,
            r#"<g class="legend-entry" data-series="{}"><rect class="swatch" x="{x}" y="{}" width="13" height="13" fill="{}"/><text x="{}" y="{}" font-family="{FONT}" font-size="13" fill="{INK}">{}</text></g>"#,
            xml_escape(&s.key),
            y + 1.0,
            series_colour(&s.key, *i),
            x + 19.0,
            y + 12.0,
            xml_escape(&s.label)
        );
    }
    head_marks
}

/// The document: what plotters drew (`plot`), given a title and a
/// description, with the header and the bars added.
fn assemble(
    fig: &Figure,
    as_of: NaiveDate,
    layout: &Layout,
    plot: &str,
    marks: &str,
) -> Result<String> {
    let head_marks = header(fig, layout, as_of);
    let close = plot
        .rfind("</svg>")
        .ok_or_else(|| anyhow!("the SVG backend wrote no closing tag"))?;
    let open_end = plot
        .find('>')
        .ok_or_else(|| anyhow!("the SVG backend wrote no opening tag"))?
        + 1;
    let mut out = String::with_capacity(plot.len() + marks.len() + head_marks.len() + 512);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    out.push('\n');
    out.push_str(&plot[..open_end - 1]);
    let _ = write!(
        out,
        r#" role="img" aria-labelledby="figure-title" class="revdesk-figure figure-{}">"#,
        fig.number
    );
    let _ = write!(
        out,
        "\n<title id=\"figure-title\">{}</title>\n<desc>{}</desc>\n",
        xml_escape(&layout.title),
        xml_escape(&describe(fig, as_of))
    );
    out.push_str(&plot[open_end..close]);
    out.push_str("<g class=\"header\">\n");
    out.push_str(&head_marks);
    out.push_str("</g>\n<g class=\"bars\">\n");
    out.push_str(marks);
    out.push_str("</g>\n");
    out.push_str(&plot[close..]);
    Ok(out)
}

/// Said where there is nothing to draw.
fn empty_note(out: &mut String, x: i32, y: i32, as_of: NaiveDate) {
    let _ = writeln!(
        out,
        r#"<text class="empty" x="{x}" y="{y}" text-anchor="middle" font-family="{FONT}" font-size="15" fill="{MUTED}">No country review to show as at {}</text>"#,
        as_of.format("%-d %B %Y")
    );
}

/// One bar, tagged with what it shows.
fn bar(out: &mut String, fig: &Figure, c: usize, s: usize, (x0, y0, x1, y1): (i32, i32, i32, i32)) {
    let (cat, ser) = (&fig.categories[c], &fig.series[s]);
    let v = fig.value(c, s);
    let (x, w) = (x0.min(x1), (x1 - x0).abs());
    let (y, h) = (y0.min(y1), (y1 - y0).abs());
    let _ = writeln!(
        out,
        r#"<rect class="bar series-{s}" id="bar-{c}-{s}" data-category="{}" data-series="{}" data-value="{v}" x="{x}" y="{y}" width="{w}" height="{h}" fill="{}"><title>{}: {}, {v}</title></rect>"#,
        xml_escape(&cat.key),
        xml_escape(&ser.key),
        if cat.key == "pending" {
            "#b8b8b8"
        } else {
            series_colour(&ser.key, s)
        },
        xml_escape(&cat.label),
        xml_escape(&ser.label)
    );
}

/// The figure in words, for screen readers.
fn describe(fig: &Figure, as_of: NaiveDate) -> String {
    let mut parts = Vec::new();
    for (c, cat) in fig.categories.iter().enumerate() {
        let cells: Vec<String> = fig
            .series
            .iter()
            .enumerate()
            .map(|(s, ser)| format!("{} {}", ser.label, fig.value(c, s)))
            .collect();
        parts.push(format!("{}: {}", cat.label, cells.join(", ")));
    }
    format!(
        "As at {}. {}.",
        as_of.format("%-d %B %Y"),
        if parts.is_empty() {
            "No data".to_string()
        } else {
            parts.join("; ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::figures::{Category, Series};

    fn fig(orientation: Orientation) -> Figure {
        Figure {
            number: 2,
            title: "Status <&> \"test\"".into(),
            category_axis: "Group".into(),
            value_axis: "Reviews".into(),
            orientation,
            categories: (1..=3)
                .map(|g| Category {
                    key: g.to_string(),
                    label: format!("Group {g}"),
                    reviews: Some(10),
                })
                .collect(),
            series: ["saq", "feedback"]
                .iter()
                .map(|k| Series {
                    key: (*k).into(),
                    label: k.to_uppercase(),
                })
                .collect(),
            values: vec![vec![3, 0], vec![10, 7], vec![0, 1]],
        }
    }

    #[test]
    fn axis_max_leaves_room_and_is_round() {
        assert_eq!(axis_max(0), 5);
        assert_eq!(axis_max(4), 6);
        assert!(axis_max(33) >= 37 && axis_max(33).is_multiple_of(5));
        assert_eq!(axis_max(900) % 100, 0);
    }

    #[test]
    fn svg_has_one_tagged_bar_per_cell_and_escapes_text() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        for o in [Orientation::Vertical, Orientation::Horizontal] {
            let mut f = fig(o);
            if o == Orientation::Horizontal {
                f.series.truncate(1);
                f.values.iter_mut().for_each(|r| r.truncate(1));
            }
            let svg = render_svg(&f, d).unwrap();
            let cells = f.categories.len() * f.series.len();
            assert_eq!(svg.matches("<rect class=\"bar ").count(), cells, "{svg}");
            assert!(svg.contains("Status &lt;&amp;&gt; &quot;test&quot;"));
            assert!(!svg.contains("<&>"));
            assert!(svg.contains("As at 29 February 2024"));
            assert!(svg.contains(r#"data-category="2" data-series="saq" data-value="10""#));
        }
    }

    #[test]
    fn taller_values_make_taller_bars() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let svg = render_svg(&fig(Orientation::Vertical), d).unwrap();
        let height = |id: &str| -> i32 {
            let at = svg.find(&format!("id=\"{id}\"")).unwrap();
            let rest = &svg[at..];
            let h = rest.find("height=\"").unwrap() + 8;
            rest[h..h + rest[h..].find('"').unwrap()].parse().unwrap()
        };
        assert!(height("bar-1-0") > height("bar-0-0"));
        assert!(height("bar-0-0") > 0);
        assert_eq!(height("bar-0-1"), 0);
    }
}
