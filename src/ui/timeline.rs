//! Pane 3: one review as a horizontal timeline from its start to the end of
//! its phase, with its obligations, reminders, extensions and documents below.

use super::theme::Theme;
use super::widgets::{fit, pack, pad, width};
use crate::app::App;
use crate::app::lines::{Lane, TimelineModel, Tone};
use crate::domain::pace::Outlook;
use crate::domain::periods::months_end;
use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const LABEL: u16 = 13;

/// Maps dates to the columns of an axis `w` cells wide.
struct Axis {
    start: NaiveDate,
    span: i64,
    w: i64,
}

impl Axis {
    fn col(&self, d: NaiveDate) -> i64 {
        (d - self.start).num_days() * (self.w - 1) / self.span.max(1)
    }
    fn inside(&self, c: i64) -> bool {
        (0..self.w).contains(&c)
    }
}

fn cells_to_line(cells: Vec<(char, Style)>) -> Vec<Span<'static>> {
    // Merge runs of one style into one span.
    let mut spans: Vec<Span> = Vec::new();
    let mut cur = String::new();
    let mut style = Style::new();
    for (c, s) in cells {
        if s != style && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), style));
        }
        style = s;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, style));
    }
    spans
}

fn lane_line(lane: &Lane, axis: &Axis, as_of: NaiveDate, th: &Theme) -> Line<'static> {
    let dim = th.tone(Tone::Dim);
    let warn = th.tone(Tone::Warn);
    let base = if lane.marks.is_empty() { '┄' } else { '─' };
    let mut cells: Vec<(char, Style)> = vec![(base, dim); axis.w as usize];
    let clamp = |c: i64| c.clamp(0, axis.w - 1) as usize;
    for m in &lane.marks {
        if let Some((a, b)) = m.late {
            let (ca, cb) = (axis.col(a), axis.col(b));
            if cb >= 0 && ca < axis.w {
                for cell in &mut cells[clamp(ca)..=clamp(cb)] {
                    *cell = ('━', warn);
                }
            }
        }
    }
    let today = axis.col(as_of);
    if axis.inside(today) {
        let c = &mut cells[today as usize];
        *c = if c.0 == '━' {
            ('┃', warn)
        } else {
            ('│', th.key())
        };
    }
    for m in &lane.marks {
        if let Some(o) = m.original_due {
            let c = axis.col(o);
            if axis.inside(c) {
                cells[c as usize] = ('◇', Style::new());
            }
        }
        let c = axis.col(m.due);
        let late_unmet = m.met.is_none() && m.late.is_some();
        let style = if late_unmet { warn } else { Style::new() };
        if axis.inside(c) {
            cells[c as usize] = ('◆', style);
        } else if c < 0 {
            cells[0] = ('◂', style);
        } else {
            cells[axis.w as usize - 1] = ('▸', style);
        }
        if let Some(met) = m.met {
            let c = axis.col(met);
            if axis.inside(c) {
                cells[c as usize] = ('●', th.tone(Tone::Good));
            }
        }
    }
    let late = lane
        .marks
        .iter()
        .any(|m| m.met.is_none() && m.late.is_some());
    let label_style = if lane.marks.is_empty() {
        dim
    } else if late {
        warn
    } else {
        Style::new()
    };
    let mut spans = vec![Span::styled(pad(lane.label, LABEL as usize), label_style)];
    spans.extend(cells_to_line(cells));
    Line::from(spans)
}

/// Writes `text` into `row` at `at` if it fits without overlapping.
fn place(row: &mut [char], at: usize, text: &str) -> bool {
    let n = text.chars().count();
    if at + n > row.len() || row[at..at + n].iter().any(|c| *c != ' ') {
        return false;
    }
    for (i, c) in text.chars().enumerate() {
        row[at + i] = c;
    }
    // Keep one blank after a label.
    true
}

pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    let Some(m) = app.timeline_model_shown() else {
        let msg = if app.desk.reviews.is_empty() {
            "There are no reviews in this desk.".to_string()
        } else {
            "No review selected: choose one on the Reviews pane (2) and press Enter.".to_string()
        };
        f.render_widget(
            Paragraph::new(msg).style(th.tone(Tone::Dim)),
            Rect::new(area.x, area.y + 1, area.width, 1),
        );
        return;
    };
    let w = area.width as usize;
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        fit(&m.title, w),
        th.tone(Tone::Heading),
    ))];
    let facts: Vec<String> = m.facts.split(" · ").map(str::to_string).collect();
    for l in pack(&facts, w, "").into_iter().take(2) {
        lines.push(Line::from(Span::styled(l, th.label())));
    }
    let aw = area.width.saturating_sub(LABEL + 1).max(10) as i64;
    let axis = Axis {
        start: m.start,
        span: (m.end - m.start).num_days(),
        w: aw,
    };

    // The marker is "today" only on today's date; otherwise "as at".
    let word = if m.as_of == app.today {
        "today"
    } else {
        "as at"
    };
    let today_row = today_row(&m, &axis, aw, word);
    lines.push(Line::from(Span::styled(today_row, th.key())));

    lines.extend(axis_lines(&m, &axis, aw, th));
    for lane in &m.lanes {
        lines.push(lane_line(lane, &axis, m.as_of, th));
    }
    if let Some(o) = m.outlook {
        lines.push(outlook_line(o, &m, &axis, th));
    }
    lines.push(Line::from(vec![
        Span::raw(" ".repeat(LABEL as usize)),
        Span::raw("◆ due  "),
        Span::raw("◇ before extension  "),
        Span::styled("●", th.tone(Tone::Good)),
        Span::raw(" met  "),
        Span::styled("━", th.tone(Tone::Warn)),
        Span::raw(" late  "),
        Span::styled("│", th.key()),
        Span::raw(format!(" {word}  ")),
        Span::styled("◎", th.key()),
        Span::raw(" projected"),
    ]));
    let head = lines.len() as u16;
    f.render_widget(
        Paragraph::new(lines),
        Rect::new(area.x, area.y, area.width, head.min(area.height)),
    );
    if area.height <= head {
        return;
    }

    // Below: obligations, reminders, extensions; scrolled with j/k.
    let mut detail: Vec<Line> = Vec::new();
    let heading = |s: String| Line::from(Span::styled(s, th.tone(Tone::Heading)));
    detail.push(heading(format!("Obligations ({})", m.obligations.len())));
    let due_text = |o: &crate::app::lines::ObligationLine| match &o.original_due {
        Some(orig) => format!("due {} (extended from {orig})", o.due),
        None => format!("due {}", o.due),
    };
    let due_w = m
        .obligations
        .iter()
        .map(|o| width(&due_text(o)))
        .max()
        .unwrap_or(14)
        .min(w / 2);
    for o in &m.obligations {
        detail.push(Line::from(vec![
            Span::raw(format!(
                "  {} {} {} ",
                pad(&o.party, 5),
                pad(o.obligation, 12),
                pad(&due_text(o), due_w)
            )),
            Span::styled(
                format!(
                    "{}{}",
                    if o.met.is_empty() {
                        String::new()
                    } else {
                        format!("met {} · ", o.met)
                    },
                    o.status
                ),
                th.tone(o.tone),
            ),
        ]));
    }
    detail.push(heading(format!("Reminders ({})", m.reminders.len())));
    if m.reminders.is_empty() {
        detail.push(Line::from(Span::styled("  none", th.label())));
    }
    for r in &m.reminders {
        detail.push(Line::from(format!(
            "  {} {} {} {} {}",
            r.date,
            pad(r.channel, 13),
            pad(&r.party, 5),
            pad(r.obligation, 12),
            r.note
        )));
    }
    if !m.extensions.is_empty() {
        detail.push(heading(format!("Extensions ({})", m.extensions.len())));
        for e in &m.extensions {
            detail.push(Line::from(format!("  {e}")));
        }
    }
    if !m.documents.is_empty() {
        detail.push(heading(format!("Documents ({})", m.documents.len())));
        for doc in &m.documents {
            detail.push(Line::from(format!("  {doc}")));
        }
    }
    let rest = Rect::new(area.x, area.y + head, area.width, area.height - head);
    app.timeline.height = rest.height as usize;
    let max = detail.len().saturating_sub(rest.height as usize);
    app.timeline.scroll = app.timeline.scroll.min(max);
    let detail: Vec<Line> = detail
        .into_iter()
        .skip(app.timeline.scroll)
        .take(rest.height as usize)
        .map(|l| cut_line(l, w))
        .collect();
    f.render_widget(Paragraph::new(detail), rest);
}

/// The conclusion, or the projected one at the current pace (DESIGN.md
/// section 5): a marker where it falls on the axis (an arrow at the end
/// when after the phase end), and its date.
fn outlook_line(o: Outlook, m: &TimelineModel, axis: &Axis, th: &Theme) -> Line<'static> {
    let label = Span::raw(pad("conclusion", LABEL as usize));
    let (date, glyph, style, text) = match o {
        Outlook::Concluded(d) => (d, '●', th.tone(Tone::Good), format!("concluded {d}")),
        Outlook::Projected(d) => (
            d,
            '◎',
            th.key(),
            format!(
                "projected {d} at the current pace ({} d after {})",
                (d - m.as_of).num_days(),
                m.as_of
            ),
        ),
        Outlook::Unknown(s) => {
            let text = format!(
                "not projectable at the current pace: no estimate of the time left in the {} step",
                s.short_label()
            );
            return Line::from(vec![label, Span::styled(text, th.tone(Tone::Dim))]);
        }
    };
    let w = axis.w as usize;
    let c = axis.col(date);
    let mut row = vec![' '; w];
    let at = if axis.inside(c) {
        row[c as usize] = glyph;
        c as usize
    } else {
        row[w - 1] = '▸';
        w - 1
    };
    // The date after the marker if it fits, else before it.
    let after = format!(" {text}");
    let before = format!("{text} ");
    let n = width(&after);
    if at + 1 + n <= w {
        place(&mut row, at + 1, &after);
    } else if at >= n {
        place(&mut row, at - n, &before);
    }
    let row: String = row.into_iter().collect();
    Line::from(vec![label, Span::styled(row, style)])
}

/// The as-at date's marker above the axis (or where it is, off it);
/// `word` names it ("today" or "as at").
fn today_row(m: &TimelineModel, axis: &Axis, aw: i64, word: &str) -> String {
    let today = axis.col(m.as_of);
    let today_text = format!("{word} {}", m.as_of);
    let mut today_row = " ".repeat(LABEL as usize);
    if axis.inside(today) {
        let t = today as usize;
        let after = format!("▼ {today_text}");
        let before = format!("{today_text} ▼");
        if t + width(&after) <= aw as usize {
            today_row.push_str(&" ".repeat(t));
            today_row.push_str(&after);
        } else {
            today_row.push_str(&" ".repeat((t + 1).saturating_sub(width(&before))));
            today_row.push_str(&before);
        }
    } else if today >= aw {
        let days = (m.as_of - m.end).num_days();
        let text = format!("{today_text}: {days} d after the phase end ▶");
        let text = fit(&text, aw as usize);
        today_row.push_str(&" ".repeat(aw as usize - width(&text)));
        today_row.push_str(&text);
    } else {
        today_row.push_str(&format!("◀ {today_text}: before the review starts"));
    }
    today_row
}

/// Month labels and the scale under them, every six months.
fn axis_lines(m: &TimelineModel, axis: &Axis, aw: i64, th: &Theme) -> [Line<'static>; 2] {
    let ticks: Vec<NaiveDate> = [0u32, 6, 12, 18]
        .iter()
        .map(|&n| {
            if n == 0 {
                m.start
            } else {
                months_end(m.start, n) + Days::new(1)
            }
        })
        .collect();
    let mut labels = vec![' '; aw as usize];
    let mut scale = vec!['─'; aw as usize];
    for t in &ticks {
        let c = axis.col(*t).clamp(0, aw - 1) as usize;
        scale[c] = if c == 0 { '├' } else { '┼' };
        place(&mut labels, c, &t.format("%Y-%m").to_string());
    }
    scale[aw as usize - 1] = '┤';
    let end_label = m.end.to_string();
    let at = (aw as usize).saturating_sub(end_label.len());
    // The end date wins over a tick label it would overlap.
    if !place(&mut labels, at, &end_label) {
        for c in labels[at.saturating_sub(1)..].iter_mut() {
            *c = ' ';
        }
        place(&mut labels, at, &end_label);
    }
    [
        Line::from(vec![
            Span::raw(" ".repeat(LABEL as usize)),
            Span::styled(labels.into_iter().collect::<String>(), th.label()),
        ]),
        Line::from(vec![
            Span::raw(" ".repeat(LABEL as usize)),
            Span::styled(scale.into_iter().collect::<String>(), th.label()),
        ]),
    ]
}

/// Cuts a line to `w` columns with an ellipsis (instead of a hard clip).
fn cut_line(l: Line<'static>, w: usize) -> Line<'static> {
    let total: usize = l.spans.iter().map(|s| width(&s.content)).sum();
    if total <= w {
        return l;
    }
    let mut left = w;
    let mut spans = Vec::new();
    for s in l.spans {
        if left == 0 {
            break;
        }
        let sw = width(&s.content);
        if sw <= left {
            left -= sw;
            spans.push(s);
        } else {
            spans.push(Span::styled(fit(&s.content, left), s.style));
            left = 0;
        }
    }
    Line::from(spans)
}
