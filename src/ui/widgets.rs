//! Text measured by display width, columns that shrink or drop out on
//! narrow terminals, and a table that builds only the rows on screen.

use super::theme::Theme;
use crate::app::cursor::ListCursor;
use crate::app::lines::Tone;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Where a frame drew a table's rows, and its first row's index: the
/// terminal loop scrolls those rows on the terminal when the next frame
/// only moves them by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRows {
    pub area: Rect,
    pub offset: usize,
}

/// Display width of a string (wide CJK characters count two).
pub fn width(s: &str) -> usize {
    s.width()
}

pub use crate::domain::text::fit;

/// Cuts from the left: `…/share/revdesk.db`.
pub fn fit_left(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut rev = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        rev.push(c);
        used += cw;
    }
    let mut out = String::from("…");
    out.extend(rev.into_iter().rev());
    out
}

/// The longest of `variants` (long to short) that fits `w`, else the
/// shortest cut to fit.
pub fn pick(variants: &[&str], w: usize) -> String {
    for v in variants {
        if v.width() <= w {
            return v.to_string();
        }
    }
    fit(variants.last().copied().unwrap_or(""), w)
}

/// Pads (or cuts) to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let s = fit(s, w);
    let n = w.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(n))
}

/// Word-wraps `s` to `w` columns; continuation lines start with `indent`
/// spaces. Words longer than a line are cut.
pub fn wrap(s: &str, w: usize, indent: usize) -> Vec<String> {
    if w == 0 {
        return vec![String::new()];
    }
    if s.width() <= w {
        return vec![s.to_string()];
    }
    let indent = indent.min(w / 2);
    let lead = s.len() - s.trim_start().len();
    let mut lines = Vec::new();
    let mut cur = s[..lead].to_string();
    let mut fresh = true;
    for word in s[lead..].split(' ') {
        let need = if fresh {
            word.width()
        } else {
            word.width() + 1
        };
        if !fresh && cur.width() + need > w {
            lines.push(std::mem::take(&mut cur));
            cur = " ".repeat(indent);
            fresh = true;
        }
        if !fresh {
            cur.push(' ');
        }
        cur.push_str(word);
        fresh = false;
        while cur.width() > w {
            let head = fit(&cur, w);
            let kept = head.trim_end_matches('…').chars().count();
            let rest: String = cur.chars().skip(kept).collect();
            lines.push(head);
            cur = format!("{}{rest}", " ".repeat(indent));
        }
    }
    if !cur.trim().is_empty() {
        lines.push(cur);
    }
    lines
}

/// Joins `items` with " · " into as few lines of `w` columns as possible.
pub fn pack(items: &[String], w: usize, lead: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.width() + 3 + item.width() > w {
            out.push(fit(&line, w));
            line.clear();
        }
        if line.is_empty() {
            line.push_str(lead);
        } else {
            line.push_str(" · ");
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        out.push(fit(&line, w));
    }
    out
}

/// A table column: its header variants and how it gives way.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub header: &'static [&'static str],
    /// Narrowest useful width; below it the column is dropped.
    pub min: u16,
    /// Width it gets before less important columns grow.
    pub want: u16,
    /// Width beyond which it does not grow (except the flexible column).
    pub ideal: u16,
    /// 0 is most important; the highest numbers drop out first.
    pub priority: u8,
    /// Takes what is left over.
    pub flex: bool,
    pub right: bool,
}

impl Col {
    pub const fn new(
        header: &'static [&'static str],
        min: u16,
        want: u16,
        ideal: u16,
        priority: u8,
    ) -> Col {
        Col {
            header,
            min,
            want,
            ideal,
            priority,
            flex: false,
            right: false,
        }
    }
    pub const fn flex(mut self) -> Col {
        self.flex = true;
        self
    }
    pub const fn right(mut self) -> Col {
        self.right = true;
        self
    }
}

pub const GAP: u16 = 1;

/// Widths for `cols` in `total` columns: `None` for a dropped column.
pub fn fit_columns(cols: &[Col], total: u16) -> Vec<Option<u16>> {
    let mut shown: Vec<bool> = vec![true; cols.len()];
    let used = |shown: &[bool], w: &dyn Fn(&Col) -> u16| -> u16 {
        let n = shown.iter().filter(|s| **s).count() as u16;
        let sum: u16 = cols
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| w(c))
            .sum();
        sum + GAP * n.saturating_sub(1)
    };
    while used(&shown, &|c| c.min) > total && shown.iter().filter(|s| **s).count() > 1 {
        // Drop the least important column (the rightmost among equals).
        let drop = (0..cols.len())
            .filter(|&i| shown[i])
            .max_by_key(|&i| (cols[i].priority, i))
            .unwrap_or(0);
        shown[drop] = false;
    }
    let mut w: Vec<u16> = cols.iter().map(|c| c.min).collect();
    let mut extra = total.saturating_sub(used(&shown, &|c| c.min));
    let mut order: Vec<usize> = (0..cols.len()).filter(|&i| shown[i]).collect();
    order.sort_by_key(|&i| (cols[i].priority, i));
    for target in [|c: &Col| c.want, |c: &Col| c.ideal] {
        for &i in &order {
            let grow = target(&cols[i]).saturating_sub(w[i]).min(extra);
            w[i] += grow;
            extra -= grow;
        }
    }
    if let Some(i) = order.iter().copied().find(|&i| cols[i].flex) {
        w[i] += extra;
    }
    (0..cols.len()).map(|i| shown[i].then_some(w[i])).collect()
}

/// A cell: text variants from long to short, a tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellText {
    pub variants: Vec<String>,
    pub tone: Tone,
}

impl CellText {
    pub fn new(s: impl Into<String>) -> CellText {
        CellText {
            variants: vec![s.into()],
            tone: Tone::Normal,
        }
    }
    pub fn vars<S: Into<String>>(v: impl IntoIterator<Item = S>) -> CellText {
        CellText {
            variants: v.into_iter().map(Into::into).collect(),
            tone: Tone::Normal,
        }
    }
    pub fn tone(mut self, t: Tone) -> CellText {
        self.tone = t;
        self
    }
}

/// The columns of a table and the sorted one (index, descending).
#[derive(Debug, Clone, Copy)]
pub struct Spec<'a> {
    pub cols: &'a [Col],
    pub sort: Option<(usize, bool)>,
}

impl<'a> Spec<'a> {
    pub fn new(cols: &'a [Col]) -> Spec<'a> {
        Spec { cols, sort: None }
    }
}

/// Draws a table of `len` rows with a header, building only the rows on
/// screen. `row(i)` gives the cells of row `i`. Returns where the rows
/// were drawn (`None`: no room).
pub fn table(
    f: &mut Frame,
    area: Rect,
    th: &Theme,
    spec: Spec<'_>,
    cursor: &mut ListCursor,
    len: usize,
    mut row: impl FnMut(usize) -> Vec<CellText>,
) -> Option<TableRows> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let (cols, sort) = (spec.cols, spec.sort);
    let widths = fit_columns(cols, area.width);
    let body = area.height.saturating_sub(1) as usize;
    let range = cursor.visible(len, body);
    let drawn = TableRows {
        area: Rect::new(area.x, area.y + 1, area.width, body as u16),
        offset: cursor.offset,
    };
    let header = Row::new(
        cols.iter()
            .enumerate()
            .zip(&widths)
            .filter_map(|((i, c), w)| {
                let w = (*w)? as usize;
                let h = match sort {
                    Some((col, desc)) if col == i => {
                        let arrow = if desc { "▼" } else { "▲" };
                        format!("{}{arrow}", pick(c.header, w.saturating_sub(1)))
                    }
                    _ => pick(c.header, w),
                };
                let line = if c.right {
                    Line::from(h).alignment(Alignment::Right)
                } else {
                    Line::from(h)
                };
                Some(Cell::from(line))
            }),
    )
    .style(th.header());
    let rows: Vec<Row> = range
        .clone()
        .map(|i| {
            let cells = row(i);
            Row::new(
                cells
                    .into_iter()
                    .zip(cols)
                    .zip(&widths)
                    .filter_map(|((cell, c), w)| {
                        let w = (*w)? as usize;
                        let vars: Vec<&str> = cell.variants.iter().map(String::as_str).collect();
                        let text = pick(&vars, w);
                        let span = Span::styled(text, th.tone(cell.tone));
                        let line = if c.right {
                            Line::from(span).alignment(Alignment::Right)
                        } else {
                            Line::from(span)
                        };
                        Some(Cell::from(line))
                    }),
            )
        })
        .collect();
    let constraints: Vec<Constraint> = widths
        .iter()
        .filter_map(|w| w.map(Constraint::Length))
        .collect();
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(GAP)
        .row_highlight_style(th.selected());
    let mut state = TableState::new();
    if len > 0 {
        state.select(Some(cursor.selected - cursor.offset));
    }
    f.render_stateful_widget(table, area, &mut state);
    Some(drawn)
}

/// A line of `label: value` pairs with dim labels, cut to the width.
pub fn facts_line<'a>(th: &Theme, pairs: &[(&'a str, String)]) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (label, value)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", th.label()));
        }
        spans.push(Span::styled(format!("{label}: "), th.label()));
        spans.push(Span::raw(value.clone()));
    }
    Line::from(spans)
}

/// Centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_by_display_width() {
        assert_eq!(fit("Côte d'Ivoire", 6), "Côte …");
        assert_eq!(fit("中国中国", 5), "中国…");
        assert_eq!(width(&fit("中国中国", 5)), 5);
        assert_eq!(fit_left("/a/b/c.db", 6), "…/c.db");
        assert_eq!(pad("中", 4), "中  ");
    }

    #[test]
    fn wrapping_keeps_words_and_indents() {
        assert_eq!(
            wrap("  a bb ccc dddd", 8, 4),
            vec!["  a bb", "    ccc", "    dddd"]
        );
        assert_eq!(wrap("short", 10, 2), vec!["short"]);
        for l in wrap("x abcdefghijklmnop", 6, 2) {
            assert!(width(&l) <= 6, "{l}");
        }
        let items = ["aa".to_string(), "bb".into(), "cc".into()];
        assert_eq!(pack(&items, 8, ""), vec!["aa · bb", "cc"]);
    }

    #[test]
    fn columns_drop_least_important_first() {
        let cols = [
            Col::new(&["a"], 10, 10, 10, 0).flex(),
            Col::new(&["b"], 10, 10, 10, 2),
            Col::new(&["c"], 10, 10, 10, 1),
        ];
        assert_eq!(fit_columns(&cols, 40), vec![Some(18), Some(10), Some(10)]);
        assert_eq!(fit_columns(&cols, 25), vec![Some(14), None, Some(10)]);
        assert_eq!(fit_columns(&cols, 5), vec![Some(10), None, None]);
    }
}
