//! The command palette (`:`) and the list of the last status messages:
//! two boxes over the pane, drawn from the app's state.

use super::theme::Theme;
use super::widgets::{centered, fit, pad, width};
use crate::app::lines::Tone;
use crate::app::{App, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use textwrap::Options;

fn boxed<'a>(th: &Theme, title: String, bottom: String) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(Span::styled(title, th.tone(Tone::Heading)))
        .title_bottom(Line::from(Span::styled(bottom, th.label())).right_aligned())
}

/// The palette: the typed query on top, then every matching action with
/// its keys, the selected one highlighted.
pub fn render_palette(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let Mode::Palette { input, selected } = &app.mode else {
        return;
    };
    let entries = app.palette_entries(&input.text);
    let w = area.width.saturating_sub(4).min(78);
    let h = area
        .height
        .saturating_sub(2)
        .min(entries.len() as u16 + 4)
        .max(5);
    let rect = centered(area, w, h);
    let inner_w = w.saturating_sub(2) as usize;
    let rows = h.saturating_sub(3) as usize;
    let selected = (*selected).min(entries.len().saturating_sub(1));
    let first = selected.saturating_sub(rows.saturating_sub(1));
    let key_w = 12;
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", th.key()),
        Span::raw(fit(&input.text, inner_w.saturating_sub(2))),
    ])];
    if entries.is_empty() {
        lines.push(Line::from(Span::styled(
            " no action matches",
            th.tone(Tone::Dim),
        )));
    }
    for (i, e) in entries.iter().enumerate().skip(first).take(rows) {
        let keys: Vec<String> = e.keys.iter().map(|k| k.label()).collect();
        let desc_w = inner_w.saturating_sub(key_w + 3);
        let line = Line::from(vec![
            Span::styled(format!(" {} ", pad(&keys.join(", "), key_w)), th.key()),
            Span::raw(format!(" {}", pad(e.action.description(), desc_w))),
        ]);
        lines.push(if i == selected {
            line.style(th.selected())
        } else {
            line
        });
    }
    let count = format!(" {}/{} ", entries.len().min(selected + 1), entries.len());
    let block = boxed(
        th,
        format!(
            " Actions: {} pane · Enter runs · Esc closes ",
            app.pane().title()
        ),
        count,
    );
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(block), rect);
    let cursor = width(input.before_cursor()).min(inner_w.saturating_sub(3));
    f.set_cursor_position((rect.x + 3 + cursor as u16, rect.y + 1));
}

/// The last status messages, oldest first, each wrapped whole.
pub fn render_messages(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    let title = match app.messages.len() {
        1 => " The last message · Esc closes ".to_string(),
        n => format!(" The last {n} messages · Esc closes "),
    };
    let paragraphs: Vec<String> = app.messages.iter().cloned().collect();
    let scroll = match app.mode {
        Mode::Messages { scroll } => scroll,
        _ => 0,
    };
    let scroll = text_box(f, area, th, title, &paragraphs, scroll, false);
    app.mode = Mode::Messages { scroll };
}

/// The reading overlay: reminders and their notes, whole.
pub fn render_reading(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    let Mode::Reading {
        title,
        paragraphs,
        scroll,
    } = &mut app.mode
    else {
        return;
    };
    let title = format!(" {title} · Esc closes ");
    *scroll = text_box(f, area, th, title, paragraphs, *scroll, true);
}

/// Draws `paragraphs` word-wrapped in a box over `area`, from line
/// `scroll` (kept in range, and returned); `spaced`: a blank line between
/// paragraphs.
fn text_box(
    f: &mut Frame,
    area: Rect,
    th: &Theme,
    title: String,
    paragraphs: &[String],
    scroll: usize,
    spaced: bool,
) -> usize {
    let w = area.width.saturating_sub(4).min(100);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines: Vec<String> = Vec::new();
    for (i, m) in paragraphs.iter().enumerate() {
        if spaced && i > 0 {
            lines.push(String::new());
        }
        let opts = Options::new(inner_w.saturating_sub(1).max(4))
            .initial_indent(" ")
            .subsequent_indent("   ");
        lines.extend(textwrap::wrap(m, opts).into_iter().map(|l| l.into_owned()));
    }
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = centered(area, w, h);
    let inner_h = h.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(inner_h);
    let scroll = scroll.min(max);
    let text: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(inner_h)
        .map(|l| Line::raw(l.clone()))
        .collect();
    let block = boxed(
        th,
        title,
        if max > 0 {
            format!(" {}/{} ", scroll + inner_h, lines.len())
        } else {
            String::new()
        },
    );
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(text).block(block), rect);
    scroll
}
