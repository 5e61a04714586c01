//! Pane 6: the statistics of `domain::stats::compute` as at the session's
//! date, with the paper's Figures I-VI as bars by group.

use super::theme::Theme;
use super::widgets::{fit, pack, pad, width};
use crate::app::App;
use crate::app::figures::{Figure, figures, gate_line, summary};
use crate::app::lines::Tone;
use crate::domain::pace::{Pace, Spell};
use crate::domain::stats::thousands;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Splits `total` cells among `values` in proportion, summing exactly
/// (largest remainders first).
pub fn shares(values: &[u64], max: u64, total: usize) -> Vec<usize> {
    if max == 0 {
        return vec![0; values.len()];
    }
    let sum: u64 = values.iter().sum();
    let target =
        ((u128::from(sum) * total as u128 + u128::from(max) / 2) / u128::from(max)) as usize;
    let target = target.min(total);
    let exact: Vec<f64> = values
        .iter()
        .map(|v| *v as f64 * total as f64 / max as f64)
        .collect();
    let mut out: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..values.len()).filter(|&k| values[k] > 0).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let mut k = 0;
    while out.iter().sum::<usize>() < target && !order.is_empty() {
        out[order[k % order.len()]] += 1;
        k += 1;
    }
    // A series that is not zero shows at least one cell.
    for i in 0..values.len() {
        if values[i] > 0 && out[i] == 0 {
            if out.iter().sum::<usize>() >= total {
                let big = (0..out.len()).max_by_key(|&j| out[j]).unwrap_or(0);
                if out[big] <= 1 {
                    continue;
                }
                out[big] -= 1;
            }
            out[i] = 1;
        }
    }
    out
}

fn figure_lines(fig: &Figure, w: usize, th: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(vec![
        Span::styled(format!("Figure {} ", fig.number), th.tone(Tone::Heading)),
        Span::styled(fit(fig.title, w.saturating_sub(11)), th.tone(Tone::Heading)),
    ])];
    if fig.series.len() > 1 {
        // The legend wraps: every series is named, whatever the width.
        let mut spans = vec![Span::raw("  ")];
        let mut used = 2;
        for (i, s) in fig.series.iter().enumerate() {
            let (style, glyph) = th.series(i);
            let total: u64 = fig
                .rows
                .iter()
                .map(|r| r.1.get(i).copied().unwrap_or(0))
                .sum();
            let text = format!(" {s} {total}  ");
            if used > 2 && used + 1 + width(&text) > w {
                out.push(Line::from(std::mem::take(&mut spans)));
                spans.push(Span::raw("  "));
                used = 2;
            }
            used += 1 + width(&text);
            spans.push(Span::styled(glyph.to_string(), style));
            spans.push(Span::styled(text, th.label()));
        }
        out.push(Line::from(spans));
    }
    if fig.rows.is_empty() {
        out.push(Line::from(Span::styled(
            "  no data as at this date",
            th.label(),
        )));
    }
    let label_w = fig
        .rows
        .iter()
        .map(|r| width(&r.0))
        .max()
        .unwrap_or(0)
        .clamp(5, 12);
    let num_w = 5;
    let bar_w = w.saturating_sub(2 + label_w + 1 + num_w + 1).max(4);
    let max = fig.max_row();
    for (label, values) in &fig.rows {
        let mut spans = vec![Span::raw(format!("  {} ", pad(label, label_w)))];
        let cells = shares(values, max, bar_w);
        for (i, n) in cells.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let (style, glyph) = if fig.series.len() == 1 {
                (th.series(2).0, '█')
            } else {
                th.series(i)
            };
            spans.push(Span::styled(glyph.to_string().repeat(*n), style));
        }
        let used: usize = cells.iter().sum();
        let sum: u64 = values.iter().sum();
        spans.push(Span::raw(" ".repeat(bar_w - used.min(bar_w) + 1)));
        spans.push(Span::raw(format!("{sum:>num_w$}")));
        if fig.series.len() > 1 && w >= 100 {
            let parts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            spans.push(Span::styled(
                format!("  ({})", parts.join(" + ")),
                th.label(),
            ));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::raw(""));
    out
}

/// The pace view: each step's median, then the gate of each group and
/// when it is projected to open.
fn pace_lines(p: &Pace, w: usize, th: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::from(Span::styled(
            format!(
                "Pace of the reviews as at {} · cluster {} · every review started by then",
                p.as_of, p.cluster
            ),
            th.tone(Tone::Heading),
        )),
        Line::raw(""),
        Line::from(Span::styled(
            format!(
                "  {}{:>8}{:>10}{:>8}",
                pad("step", 28),
                "median",
                "complete",
                "open"
            ),
            th.label(),
        )),
    ];
    for s in Spell::ALL {
        let f = p.spells.get(s);
        let median = f
            .median_days
            .map_or("—".to_string(), |m| format!("{} d", thousands_i(m)));
        out.push(Line::raw(format!(
            "  {}{median:>8}{:>10}{:>8}",
            pad(step_name(s), 28),
            thousands(f.complete),
            thousands(f.open)
        )));
    }
    out.push(Line::raw(""));
    let threshold = p.gate.gate.threshold.per_cent();
    out.push(Line::from(Span::styled(
        format!("The gate ({threshold} of a group's reviews concluded)"),
        th.tone(Tone::Heading),
    )));
    out.push(Line::from(Span::styled(
        format!(
            "  {}{:>9}{:>8}{:>11}  {}  {}",
            pad("group", 7),
            "reviews",
            "needed",
            "concluded",
            pad("opened", 10),
            "projected to open"
        ),
        th.label(),
    )));
    for g in &p.gates {
        let gate = &g.gate;
        let (projected, tone) = match (gate.opened, g.projected) {
            (Some(_), _) => ("open".to_string(), Tone::Good),
            (None, Some(d)) => (d.to_string(), Tone::Normal),
            (None, None) => ("cannot be projected".to_string(), Tone::Warn),
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "  {}{:>9}{:>8}{:>11}  {}  ",
                pad(&gate.group.to_string(), 7),
                thousands(gate.reviews),
                thousands(gate.needed),
                thousands(gate.concluded),
                pad(&gate.opened.map_or("—".to_string(), |d| d.to_string()), 10)
            )),
            Span::styled(projected, th.tone(tone)),
        ]));
    }
    if p.gates.is_empty() {
        out.push(Line::from(Span::styled(
            "  no review of this cluster has started as at this date",
            th.label(),
        )));
    }
    out.push(Line::raw(""));
    for s in p.sentences() {
        for l in wrap(&s, w.saturating_sub(2)) {
            out.push(Line::raw(format!("  {l}")));
        }
    }
    out
}

fn step_name(s: Spell) -> &'static str {
    match s {
        Spell::Consultation => "start → consultation",
        Spell::Saq => "consultation → SAQ",
        Spell::Feedback => "SAQ → written feedback",
        Spell::Observations => "feedback → conclusion",
    }
}

fn thousands_i(n: i64) -> String {
    u64::try_from(n).map_or_else(|_| n.to_string(), thousands)
}

/// Breaks `s` into lines of at most `w` columns, at spaces.
fn wrap(s: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && width(&line) + 1 + width(word) > w.max(20) {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    if app.figures.pace {
        let lines = pace_lines(&app.projection().pace, area.width as usize, th);
        app.figures.height = area.height as usize;
        let max = lines.len().saturating_sub(area.height as usize);
        app.figures.scroll = app.figures.scroll.min(max);
        f.render_widget(
            Paragraph::new(lines).scroll((app.figures.scroll as u16, 0)),
            area,
        );
        return;
    }
    let stats = app.stats();
    let w = area.width as usize;
    let mut head: Vec<Line> = vec![Line::from(Span::styled(
        format!("Figures of cluster {} as at {}", stats.cluster, stats.as_of),
        th.tone(Tone::Heading),
    ))];
    // Pack the key numbers into as few lines as the width allows.
    for l in pack(&summary(stats), w, "  ") {
        head.push(Line::from(l));
    }
    head.push(Line::from(Span::styled(
        fit(&gate_line(stats), w),
        th.tone(Tone::Heading),
    )));
    head.push(Line::raw(""));
    let figs = figures(stats);
    let two_columns = area.width >= 140;
    let body: Vec<Line> = if two_columns {
        let half = (w - 2) / 2;
        let left: Vec<Line> = figs[..3]
            .iter()
            .flat_map(|g| figure_lines(g, half, th))
            .collect();
        let right: Vec<Line> = figs[3..]
            .iter()
            .flat_map(|g| figure_lines(g, half, th))
            .collect();
        let n = left.len().max(right.len());
        (0..n)
            .map(|i| {
                let l = left.get(i).cloned().unwrap_or_default();
                let lw: usize = l.spans.iter().map(|s| width(&s.content)).sum();
                let mut spans = l.spans;
                spans.push(Span::raw(" ".repeat(half.saturating_sub(lw) + 2)));
                if let Some(r) = right.get(i) {
                    spans.extend(r.spans.clone());
                }
                Line::from(spans)
            })
            .collect()
    } else {
        figs.iter().flat_map(|g| figure_lines(g, w, th)).collect()
    };
    let mut lines = head;
    lines.extend(body);
    app.figures.height = area.height as usize;
    let max = lines.len().saturating_sub(area.height as usize);
    app.figures.scroll = app.figures.scroll.min(max);
    f.render_widget(
        Paragraph::new(lines).scroll((app.figures.scroll as u16, 0)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn shares_sum_and_show_small_series() {
        let s = shares(&[10, 20, 30], 60, 30);
        assert_eq!(s.iter().sum::<usize>(), 30);
        assert_eq!(s, vec![5, 10, 15]);
        let s = shares(&[1, 1000], 1001, 20);
        assert!(s[0] >= 1);
        assert_eq!(shares(&[0, 0], 0, 10), vec![0, 0]);
        // A shorter row gets a shorter bar.
        assert_eq!(shares(&[5], 10, 20), vec![10]);
    }
}
