//! Dialogs over the panes: a yes/no question (delete, undo, redraw), a
//! short list to choose a record from, and the audit trail of a record.
//! Their keys are in the hint bar, from the keymap's `[dialog]` table.

use super::theme::Theme;
use super::widgets::{centered, fit, width, wrap};
use crate::app::edit::{AuditView, Confirm, Picker};
use crate::app::lines::Tone;
use crate::app::{Action, App, Context, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn block<'a>(title: &str, w: usize, th: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(Span::styled(
            fit(&format!(" {title} "), w),
            th.tone(Tone::Heading),
        ))
}

fn key(app: &App, a: Action) -> String {
    app.keymap
        .keys_for(Context::Dialog, a)
        .first()
        .map_or_else(|| "?".to_string(), |k| k.label())
}

fn confirm(f: &mut Frame, area: Rect, app: &App, c: &Confirm, th: &Theme) {
    let w = area.width.saturating_sub(4).min(78);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for l in &c.lines {
        for part in wrap(l, inner_w.saturating_sub(1), 2) {
            lines.push(Line::from(format!(" {part}")));
        }
    }
    if let Some((label, opts, sel)) = &c.choice {
        lines.push(Line::raw(""));
        let shown = opts.get(*sel).map_or("", |o| o.label.as_str());
        lines.push(Line::from(vec![
            Span::styled(format!(" {label}: "), th.label()),
            Span::styled(format!("◂ {shown} ▸"), th.selected()),
            Span::styled(
                format!(
                    "  {}/{} changes",
                    key(app, Action::ChoicePrev),
                    key(app, Action::ChoiceNext)
                ),
                th.label(),
            ),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(format!(" {}", key(app, Action::Yes)), th.key()),
        Span::raw(format!(" {}  ", c.verb)),
        Span::styled(key(app, Action::No), th.key()),
        Span::raw(" cancel"),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(block(&c.title, inner_w, th)),
        rect,
    );
}

fn picker(f: &mut Frame, area: Rect, p: &Picker, th: &Theme) {
    let w = area.width.saturating_sub(4).min(96);
    let inner_w = w.saturating_sub(2) as usize;
    let inner_h = (area.height.saturating_sub(2) as usize).max(1);
    let h = (p.items.len().min(inner_h) as u16 + 2).min(area.height);
    let shown = h.saturating_sub(2) as usize;
    let start = p
        .cursor
        .saturating_sub(shown.saturating_sub(1))
        .min(p.items.len().saturating_sub(shown));
    let lines: Vec<Line> = p
        .items
        .iter()
        .enumerate()
        .skip(start)
        .take(shown)
        .map(|(i, it)| {
            let text = fit(&format!(" {}", it.label), inner_w);
            let text = format!("{text}{}", " ".repeat(inner_w.saturating_sub(width(&text))));
            if i == p.cursor {
                Line::from(Span::styled(text, th.selected()))
            } else {
                Line::raw(text)
            }
        })
        .collect();
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(block(&p.title, inner_w, th)),
        rect,
    );
}

fn audit(f: &mut Frame, area: Rect, v: &mut AuditView, th: &Theme) {
    let w = area.width.saturating_sub(2).min(110);
    let inner_w = w.saturating_sub(2) as usize;
    let lines: Vec<(Tone, String)> = v
        .lines
        .iter()
        .flat_map(|(tone, s)| {
            let indent = s.len() - s.trim_start().len() + 2;
            wrap(s, inner_w.saturating_sub(1), indent)
                .into_iter()
                .map(move |l| (*tone, l))
        })
        .collect();
    let h = (lines.len() as u16 + 2).clamp(3, area.height);
    let inner_h = h.saturating_sub(2) as usize;
    v.height = inner_h;
    let max = lines.len().saturating_sub(inner_h);
    v.scroll = v.scroll.min(max);
    let text: Vec<Line> = lines
        .iter()
        .skip(v.scroll)
        .take(inner_h)
        .map(|(tone, s)| Line::from(Span::styled(format!(" {s}"), th.tone(*tone))))
        .collect();
    let more = if max > 0 {
        format!(
            " {}/{} ",
            (v.scroll + inner_h).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(text).block(
            block(&v.title, inner_w, th)
                .title_bottom(Line::from(Span::styled(more, th.label())).right_aligned()),
        ),
        rect,
    );
}

pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    let Some(overlay) = app.overlay.take() else {
        return;
    };
    let overlay = match overlay {
        Overlay::Confirm(c) => {
            confirm(f, area, app, &c, th);
            Overlay::Confirm(c)
        }
        Overlay::Picker(p) => {
            picker(f, area, &p, th);
            Overlay::Picker(p)
        }
        Overlay::Audit(mut v) => {
            audit(f, area, &mut v, th);
            Overlay::Audit(v)
        }
        other => other,
    };
    app.overlay = Some(overlay);
}
