//! A form over the panes: fixed facts, then one line per field (label,
//! the field, its error beside it when it fits, else under it), a
//! colleague's change beside what was typed after a conflict, and the
//! form's notice. The keys are in the hint bar, from the keymap.

use super::theme::Theme;
use super::widgets::{centered, fit, pad, width, wrap};
use crate::app::form::{Field, FieldKind};
use crate::app::lines::Tone;
use crate::app::{Action, App, Context, Form, Side};
use crate::domain::model::Language;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// One line of the form's inside.
enum Row {
    Text(Tone, String),
    Blank,
    Field(usize),
    /// An error under its field (when it does not fit beside it).
    Error(String),
    Yours(String),
}

const MAX_W: u16 = 78;
const TEXT_W: usize = 50;
const DATE_W: usize = 12;

fn field_width(f: &Field) -> usize {
    match &f.kind {
        FieldKind::Text { .. } => TEXT_W,
        FieldKind::Date { .. } => DATE_W,
        FieldKind::Choice { options, .. } => {
            options.iter().map(|o| width(&o.label)).max().unwrap_or(4) + 4
        }
        FieldKind::Languages { .. } => 24,
    }
}

/// The keys the form's own hints name, from the keymap.
struct Keys {
    prev: String,
    next: String,
    toggle: String,
    close: String,
}

impl Keys {
    fn of(app: &App) -> Keys {
        let k = |a: Action| {
            app.keymap
                .keys_for(Context::Form, a)
                .first()
                .map_or_else(|| a.name().to_string(), |k| k.label())
        };
        Keys {
            prev: k(Action::ChoicePrev),
            next: k(Action::ChoiceNext),
            toggle: k(Action::ChoiceToggle),
            close: k(Action::CloseForm),
        }
    }
}

/// What is written beside the focused field when it has no error.
fn help_for(f: &Field, keys: &Keys) -> String {
    match &f.kind {
        FieldKind::Choice { .. } => format!(
            "{}/{}, {} or a first letter",
            keys.prev, keys.next, keys.toggle
        ),
        FieldKind::Languages { .. } => String::new(),
        FieldKind::Date { .. } => {
            if f.hint.is_empty() {
                "YYYY-MM-DD, t = today".into()
            } else {
                f.hint.into()
            }
        }
        FieldKind::Text { .. } => f.hint.into(),
    }
}

struct Layout {
    label_w: usize,
    field_x: usize,
    inner_w: usize,
}

impl Layout {
    fn field_w(&self, f: &Field) -> usize {
        field_width(f).min(self.inner_w.saturating_sub(self.field_x + 1))
    }
    /// Room beside a field for its error or hint.
    fn beside(&self, f: &Field) -> usize {
        if matches!(f.kind, FieldKind::Languages { .. }) {
            return 0;
        }
        self.inner_w
            .saturating_sub(self.field_x + self.field_w(f) + 2)
    }
}

fn rows(form: &Form, lay: &Layout, keys: &Keys) -> (Vec<Row>, Vec<Row>, Vec<Row>) {
    let mut head: Vec<Row> = form
        .facts
        .iter()
        .map(|f| Row::Text(Tone::Dim, f.clone()))
        .collect();
    head.push(Row::Blank);
    let mut body = Vec::new();
    for (i, f) in form.fields.list.iter().enumerate() {
        body.push(Row::Field(i));
        if let Some(e) = &f.error
            && width(e) > lay.beside(f)
        {
            for l in wrap(e, lay.inner_w.saturating_sub(lay.field_x + 2), 2) {
                body.push(Row::Error(l));
            }
        }
        if i == form.fields.focus && matches!(f.kind, FieldKind::Languages { .. }) {
            body.push(Row::Yours(format!(
                "{}/{} move, {} picks (or a code's first letter); none = pending",
                keys.prev, keys.next, keys.toggle
            )));
        }
        if let Some(y) = &f.yours {
            body.push(Row::Yours(format!("yours was: {y}")));
        }
    }
    let mut tail = vec![Row::Blank];
    if let Some(c) = &form.conflict {
        for l in wrap(
            &format!(
                "Not saved yet: {} changed this record at {}. Their other changes are merged; you both changed:",
                c.by, c.at
            ),
            lay.inner_w.saturating_sub(1),
            0,
        ) {
            tail.push(Row::Text(Tone::Warn, l));
        }
        let w1 = c
            .rows
            .iter()
            .map(|r| width(&r.what))
            .max()
            .unwrap_or(0)
            .clamp(5, 16);
        // The last column says which side is kept, in words.
        let w3 = 13;
        let rest = lay.inner_w.saturating_sub(w1 + 4 + w3 + 2);
        let w2 = (rest / 2).max(6);
        tail.push(Row::Text(
            Tone::Heading,
            format!(
                "  {}  {}  {}  {}",
                pad("", w1),
                pad("theirs", w2),
                pad("yours", rest.saturating_sub(w2 + 2)),
                "kept"
            ),
        ));
        for r in &c.rows {
            let kept = match r.chosen {
                Some(Side::Theirs) => "theirs",
                Some(Side::Yours) => "yours",
                None => "to choose",
            };
            tail.push(Row::Text(
                if r.chosen.is_none() {
                    Tone::Warn
                } else {
                    Tone::Normal
                },
                format!(
                    "  {}  {}  {}  {}",
                    pad(&r.what, w1),
                    pad(&r.theirs, w2),
                    pad(&r.yours, rest.saturating_sub(w2 + 2)),
                    kept
                ),
            ));
        }
    }
    if form.fields.confirm_discard {
        tail.push(Row::Text(
            Tone::Warn,
            format!(
                "Discard what you typed? {} again or y discards; any other key keeps it.",
                keys.close
            ),
        ));
    } else if let Some(n) = &form.notice {
        for l in wrap(n, lay.inner_w, 2) {
            tail.push(Row::Text(Tone::Warn, l));
        }
    }
    if let Some(n) = &form.fields.note {
        tail.push(Row::Text(Tone::Dim, n.clone()));
    }
    if matches!(tail.last(), Some(Row::Blank)) {
        tail.pop();
    }
    (head, body, tail)
}

/// Keeps `rows` to `h` lines: blanks go first, then facts, then the
/// fields far from the focus.
fn fit_rows(head: Vec<Row>, body: Vec<Row>, tail: Vec<Row>, h: usize, focus: usize) -> Vec<Row> {
    let total = |a: &[Row], b: &[Row], c: &[Row]| a.len() + b.len() + c.len();
    let (mut head, body, mut tail) = (head, body, tail);
    if total(&head, &body, &tail) > h {
        head.retain(|r| !matches!(r, Row::Blank));
        tail.retain(|r| !matches!(r, Row::Blank));
    }
    while total(&head, &body, &tail) > h && head.len() > 1 {
        head.pop();
    }
    if total(&head, &body, &tail) > h && !head.is_empty() {
        head.clear();
    }
    while head.len() + tail.len() + 1 > h && !tail.is_empty() {
        // Conflict rows beyond the room: keep the last lines (notice).
        tail.remove(tail.len().saturating_sub(2).min(1));
    }
    let room = h.saturating_sub(head.len() + tail.len());
    let mut body = body;
    if body.len() > room {
        let at = body
            .iter()
            .position(|r| matches!(r, Row::Field(i) if *i == focus))
            .unwrap_or(0);
        let start = at.saturating_sub(room / 2).min(body.len() - room);
        body = body.into_iter().skip(start).take(room).collect();
    }
    head.into_iter().chain(body).chain(tail).collect()
}

fn languages_spans(
    chosen: &[Language],
    cursor: usize,
    focused: bool,
    th: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, l) in Language::ALL.iter().enumerate() {
        let on = chosen.contains(l);
        let text = if on {
            format!("[{}]", l.as_str())
        } else {
            format!(" {} ", l.as_str())
        };
        let mut st = if on { th.key() } else { Style::new() };
        if focused && i == cursor {
            st = st.add_modifier(Modifier::REVERSED);
        }
        spans.push(Span::styled(text, st));
    }
    let now = if chosen.is_empty() {
        "pending".to_string()
    } else {
        chosen
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    spans.push(Span::styled(format!(" = {now}"), th.label()));
    spans
}

pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) {
    let keys = Keys::of(app);
    let Some(form) = app.form_mut() else {
        return;
    };
    let w = area.width.saturating_sub(2).min(MAX_W);
    let inner_w = w.saturating_sub(2) as usize;
    let label_w = form
        .fields
        .list
        .iter()
        .map(|f| width(f.label))
        .max()
        .unwrap_or(0)
        .min(20);
    let lay = Layout {
        label_w,
        field_x: label_w + 3,
        inner_w,
    };
    let (head, body, tail) = rows(form, &lay, &keys);
    let max_h = area.height.saturating_sub(1).max(3);
    let inner_max = max_h.saturating_sub(2) as usize;
    let focus = form.fields.focus;
    let fresh = form.fields.fresh;
    let lines = fit_rows(head, body, tail, inner_max, focus);
    let h = (lines.len() as u16 + 2).min(max_h);
    let rect = centered(area, w, h);
    let inner = Rect::new(
        rect.x + 1,
        rect.y + 1,
        rect.width.saturating_sub(2),
        h.saturating_sub(2),
    );
    f.render_widget(Clear, rect);
    let title = format!(" {} ", form.title);
    f.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(Span::styled(fit(&title, inner_w), th.tone(Tone::Heading))),
        rect,
    );
    for (row, line) in lines.iter().enumerate() {
        let y = inner.y + row as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let full = Rect::new(inner.x, y, inner.width, 1);
        match line {
            Row::Blank => {}
            Row::Text(tone, s) => {
                f.render_widget(
                    Paragraph::new(Span::styled(fit(&format!(" {s}"), inner_w), th.tone(*tone))),
                    full,
                );
            }
            Row::Error(s) => {
                f.render_widget(
                    Paragraph::new(Span::styled(
                        fit(s, inner_w.saturating_sub(lay.field_x)),
                        th.warn(),
                    )),
                    Rect::new(
                        inner.x + lay.field_x as u16,
                        y,
                        inner.width.saturating_sub(lay.field_x as u16),
                        1,
                    ),
                );
            }
            Row::Yours(s) => {
                f.render_widget(
                    Paragraph::new(Span::styled(
                        fit(s, inner_w.saturating_sub(lay.field_x)),
                        th.label(),
                    )),
                    Rect::new(
                        inner.x + lay.field_x as u16,
                        y,
                        inner.width.saturating_sub(lay.field_x as u16),
                        1,
                    ),
                );
            }
            Row::Field(i) => {
                let focused = *i == focus;
                let field = &mut form.fields.list[*i];
                draw_field(f, th, (&lay, &keys), field, (focused, fresh), (inner, y));
            }
        }
    }
}

/// Draws one field of the form on line `y`: its label, its value (the
/// focused one as the editing widget) and, beside it, its error or hint.
fn draw_field(
    f: &mut Frame,
    th: &Theme,
    (lay, keys): (&Layout, &Keys),
    field: &mut Field,
    (focused, fresh): (bool, bool),
    (inner, y): (Rect, u16),
) {
    let fw = lay.field_w(field);
    let marker = if focused { "›" } else { " " };
    let label_style = if field.error.is_some() {
        th.warn()
    } else if focused {
        th.key()
    } else {
        th.label()
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(marker.to_string(), th.key()),
            Span::styled(format!("{} ", pad(field.label, lay.label_w)), label_style),
        ])),
        Rect::new(inner.x, y, (lay.label_w + 2) as u16, 1),
    );
    let placeholder = match (&field.kind, field.required) {
        (FieldKind::Date { .. }, true) => "YYYY-MM-DD",
        (FieldKind::Date { .. }, false) => "not yet",
        (_, true) => "required",
        _ => "optional",
    };
    let replace = fresh && matches!(field.kind, FieldKind::Date { .. });
    let fx = inner.x + lay.field_x as u16;
    let frect = Rect::new(fx, y, fw as u16, 1);
    match &mut field.kind {
        FieldKind::Text { area: ta, .. } | FieldKind::Date { area: ta, .. } => {
            let base = Style::new().add_modifier(Modifier::UNDERLINED);
            ta.set_placeholder_text(placeholder);
            ta.set_placeholder_style(th.label());
            if !focused {
                // Only the focused field is the editing
                // widget; the others show their text from its
                // start (the widget keeps where it scrolled to,
                // and puts a cursor cell before a placeholder).
                let text = ta.lines().join(" ");
                let span = if text.is_empty() {
                    Span::styled(fit(placeholder, fw), th.label())
                } else {
                    Span::styled(fit(&text, fw), base)
                };
                f.render_widget(Paragraph::new(span), frect);
            } else {
                // A date about to be replaced shows selected.
                ta.set_style(if replace { th.selected() } else { base });
                ta.set_cursor_line_style(Style::new());
                ta.set_cursor_style(if focused {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    base
                });
                f.render_widget(&**ta, frect);
            }
        }
        FieldKind::Choice { options, selected } => {
            let label = options.get(*selected).map_or("", |o| o.label.as_str());
            let st = if focused { th.selected() } else { Style::new() };
            f.render_widget(
                Paragraph::new(Span::styled(fit(&format!("◂ {label} ▸"), fw), st)),
                frect,
            );
        }
        FieldKind::Languages { chosen, cursor } => {
            let spans = languages_spans(chosen, *cursor, focused, th);
            f.render_widget(
                Paragraph::new(Line::from(spans)),
                Rect::new(fx, y, inner.width.saturating_sub(lay.field_x as u16), 1),
            );
        }
    }
    // Beside the field: its error when it fits, else the hint
    // of the focused field.
    let room = lay.beside(field);
    let bx = fx + fw as u16 + 2;
    let beside = match &field.error {
        Some(e) if width(e) <= room => Some((e.clone(), th.warn())),
        Some(_) => None,
        None if focused && !matches!(field.kind, FieldKind::Languages { .. }) => {
            let h = help_for(field, keys);
            (!h.is_empty() && (field.value().is_empty() || !field.is_text()))
                .then_some((h, th.label()))
        }
        None => None,
    };
    if let Some((s, st)) = beside
        && room > 3
    {
        f.render_widget(
            Paragraph::new(Span::styled(fit(&s, room), st)),
            Rect::new(bx, y, room as u16, 1),
        );
    }
}
