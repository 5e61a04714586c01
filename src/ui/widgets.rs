//! Text measured by display width, columns that shrink or drop out on
//! narrow terminals, and a table that builds only the rows on screen.

use super::theme::Theme;
use crate::app::cursor::ListCursor;
use crate::app::lines::Tone;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Cell, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table, TableState,
};
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

/// Variants of `full` for a cell: itself, then cut shorter and shorter
/// (ending in "…"), then `short` (a code): a long name is cut, not
/// dropped for the code while there is room for part of it.
pub fn shrinking(full: &str, short: &str) -> Vec<String> {
    let mut out = vec![full.to_string()];
    let mut w = full.width();
    while w > short.width() + 4 {
        w -= 1;
        out.push(fit(full, w));
    }
    out.push(short.to_string());
    out
}

/// Pads (or cuts) to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let s = fit(s, w);
    let n = w.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(n))
}

/// Word-wraps `s` to `w` columns, keeping its leading spaces on the
/// first line; continuation lines start with `indent` spaces. Words longer
/// than a line are broken. A no-break space (U+00A0) holds its words
/// together: a phone number written with them is never split.
pub fn wrap(s: &str, w: usize, indent: usize) -> Vec<String> {
    if w == 0 {
        return vec![String::new()];
    }
    if s.width() <= w {
        return vec![s.to_string()];
    }
    let indent = " ".repeat(indent.min(w / 2));
    let body = s.trim_start_matches(' ');
    let lead = &s[..s.len() - body.len()];
    let opts = textwrap::Options::new(w)
        .initial_indent(lead)
        .subsequent_indent(&indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(body, opts)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
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

/// The columns of a table, the sorted one (index, descending) and the
/// words a filter matched (marked in the rows).
#[derive(Debug, Clone, Copy)]
pub struct Spec<'a> {
    pub cols: &'a [Col],
    pub sort: Option<(usize, bool)>,
    pub marks: &'a [String],
}

impl<'a> Spec<'a> {
    pub fn new(cols: &'a [Col]) -> Spec<'a> {
        Spec {
            cols,
            sort: None,
            marks: &[],
        }
    }
    /// Marks these words where a row holds them.
    pub fn marking(mut self, marks: &'a [String]) -> Spec<'a> {
        self.marks = marks;
        self
    }
}

/// The words of the filter of the pane shown, to mark in its rows.
pub fn pane_marks(app: &crate::app::App) -> Vec<String> {
    filter_words(app.filter_input(app.pane()).map_or("", |i| i.text.as_str()))
}

/// The words of a filter, to mark in the rows (lower case).
pub fn filter_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `text` as spans in `style`, the parts matching one of `marks` (case
/// ignored) bold and underlined, so they show without colour too.
pub fn marked<'a>(text: String, style: Style, marks: &[String]) -> Vec<Span<'a>> {
    if marks.is_empty() {
        return vec![Span::styled(text, style)];
    }
    // Char-by-char lower case, so positions map back to `text`.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|(_, c)| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut hit = vec![false; chars.len()];
    for m in marks {
        let m: Vec<char> = m.chars().collect();
        if m.is_empty() || m.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - m.len() {
            if lower[start..start + m.len()] == m[..] {
                hit[start..start + m.len()].fill(true);
            }
        }
    }
    let strong = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let j = (i..chars.len())
            .find(|&j| hit[j] != hit[i])
            .unwrap_or(chars.len());
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let part = text[chars[i].0..end].to_string();
        out.push(Span::styled(part, if hit[i] { strong } else { style }));
        i = j;
    }
    out
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
    let body = area.height.saturating_sub(1) as usize;
    // A list longer than the screen gives its last column to a scrollbar.
    let bar = len > body && area.width > 20;
    let widths = fit_columns(cols, area.width - u16::from(bar));
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
                        let arrow = sort_arrow(desc);
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
    // The selected row is one reversed block: its cells' tones would each
    // cost two colour changes whenever the cursor comes or goes.
    let selected = (len > 0).then_some(cursor.selected);
    let rows: Vec<Row> = range
        .clone()
        .map(|i| {
            let cells = row(i);
            let plain = selected == Some(i);
            Row::new(
                cells
                    .into_iter()
                    .zip(cols)
                    .zip(&widths)
                    .filter_map(|((cell, c), w)| {
                        let w = (*w)? as usize;
                        let vars: Vec<&str> = cell.variants.iter().map(String::as_str).collect();
                        let text = pick(&vars, w);
                        let tone = if plain { Tone::Normal } else { cell.tone };
                        let spans = marked(text, th.tone(tone), spec.marks);
                        let line = if c.right {
                            Line::from(spans).alignment(Alignment::Right)
                        } else {
                            Line::from(spans)
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
    // The bar's column stays out of the table: a row drawn under it would
    // rewrite the bar's cell (selected, then not) at every move.
    let under = Rect::new(area.x, area.y, area.width - u16::from(bar), area.height);
    f.render_stateful_widget(table, under, &mut state);
    if bar {
        let mut sb = ScrollbarState::new(len.saturating_sub(body) + 1)
            .position(cursor.offset)
            .viewport_content_length(body);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(th.border()),
            drawn.area,
            &mut sb,
        );
    }
    Some(drawn)
}

/// A line of `label: value` pairs with dim labels, cut to the width.
/// The arrow of a sorted column: ▲ ascending, ▼ descending.
pub fn sort_arrow(descending: bool) -> &'static str {
    if descending { "▼" } else { "▲" }
}

/// The facts line's "sort" entry: the sorted column and its arrow.
pub fn sort_fact(label: &str, descending: bool) -> (&'static str, String) {
    ("sort", format!("{label} {}", sort_arrow(descending)))
}

/// The facts line's "filter" entry, when a filter is typed.
pub fn filter_fact(filter: &str) -> Option<(&'static str, String)> {
    (!filter.is_empty()).then(|| ("filter", format!("{filter:?}")))
}

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
        // A phone written with no-break spaces stays on one line.
        let phone = "+43\u{a0}1\u{a0}26060\u{a0}4321";
        let lines = wrap(&format!("  Ana Diaz · since 2020-01-01 · {phone}"), 30, 4);
        assert!(lines.iter().any(|l| l.contains(phone)), "{lines:?}");
        let items = ["aa".to_string(), "bb".into(), "cc".into()];
        assert_eq!(pack(&items, 8, ""), vec!["aa · bb", "cc"]);
    }

    #[test]
    fn filter_words_are_marked_in_any_case() {
        let marks = filter_words("SWE den");
        let spans = marked("Sweden, Sweden".into(), Style::new(), &marks);
        let strong: Vec<&str> = spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(strong, ["Sweden", "Sweden"]);
        let all: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(all, "Sweden, Sweden");
        assert_eq!(marked("abc".into(), Style::new(), &[]).len(), 1);
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
