//! The help overlay: every key of the current pane, generated from the
//! live keymap (so a user's keymap shows as it is).

use super::theme::Theme;
use super::widgets::{centered, fit, pad, width};
use crate::app::{Action, App, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The overlay's lines for the current pane: section titles, then
/// `keys  description` rows.
pub fn help_lines(app: &App) -> Vec<(bool, String, String)> {
    let pane = app.pane();
    let mut out = Vec::new();
    for (i, section) in app
        .keymap
        .help(pane.context(), pane.title())
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push((false, String::new(), String::new()));
        }
        out.push((true, section.title.clone(), String::new()));
        for (keys, action) in section.entries {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            out.push((false, keys.join(", "), action.description().to_string()));
        }
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    let lines = help_lines(app);
    let key_w = lines
        .iter()
        .filter(|l| !l.0)
        .map(|l| width(&l.1))
        .max()
        .unwrap_or(0)
        .min(22);
    let w = area.width.saturating_sub(4).min(84);
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = centered(area, w, h);
    let inner_w = w.saturating_sub(2) as usize;
    let inner_h = h.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(inner_h);
    let scroll = match app.mode {
        Mode::Help { scroll } => scroll.min(max),
        _ => 0,
    };
    app.mode = Mode::Help { scroll };
    let text: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(inner_h)
        .map(|(title, keys, desc)| {
            if *title {
                Line::from(Span::styled(
                    fit(keys, inner_w),
                    th.tone(crate::app::lines::Tone::Heading),
                ))
            } else if keys.is_empty() {
                Line::raw("")
            } else {
                let desc_w = inner_w.saturating_sub(key_w + 3);
                Line::from(vec![
                    Span::styled(format!(" {} ", pad(keys, key_w)), th.key()),
                    Span::raw(format!(" {}", fit(desc, desc_w))),
                ])
            }
        })
        .collect();
    let ctx = app.pane().context();
    let keys = |a: Action| app.keymap.keys_for(ctx, a).first().map(|k| k.label());
    let more = match (max > 0, keys(Action::Down), keys(Action::Up)) {
        (true, Some(d), Some(u)) => format!(
            " {}/{} {d}/{u} scroll ",
            scroll + inner_h.min(lines.len()),
            lines.len()
        ),
        (true, _, _) => format!(" {}/{} ", scroll + inner_h.min(lines.len()), lines.len()),
        _ => String::new(),
    };
    let close: Vec<String> = [Action::Help, Action::Back]
        .into_iter()
        .filter_map(keys)
        .collect();
    let title = if close.is_empty() {
        format!(" Keys: {} pane ", app.pane().title())
    } else {
        format!(
            " Keys: {} pane · {} closes ",
            app.pane().title(),
            close.join(" or ")
        )
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(Span::styled(
            title,
            th.tone(crate::app::lines::Tone::Heading),
        ))
        .title_bottom(Line::from(Span::styled(more, th.label())).right_aligned());
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(text).block(block), rect);
}
