//! Pane 5: quick lookup of focal points, experts and observers.

use super::theme::Theme;
use super::widgets::{
    CellText, Col, Spec, TableRows, fit, marked, pane_marks, shrinking, table, width,
};
use crate::app::cursor::ListCursor;
use crate::app::lines::Tone;
use crate::app::{App, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const COLS: [Col; 6] = [
    Col::new(&["name"], 10, 16, 28, 0).flex(),
    Col::new(&["role"], 4, 10, 19, 2),
    Col::new(&["party"], 3, 5, 20, 1),
    Col::new(&["email"], 10, 22, 40, 1),
    Col::new(&["phone"], 8, 14, 18, 3),
    Col::new(&["affiliation", "affil.", "aff."], 4, 4, 15, 5),
];

fn short_role(r: &str) -> String {
    let (role, ended) = match r.strip_suffix(" (ended)") {
        Some(x) => (x, true),
        None => (r, false),
    };
    let short = match role {
        "focal point" => "FP",
        "expert" => "exp.",
        _ => "obs.",
    };
    if ended {
        format!("{short} (ended)")
    } else {
        short.to_string()
    }
}

fn short_affiliation(a: &str) -> &str {
    match a {
        "foreign affairs" => "MFA",
        "justice" => "MoJ",
        "interior" => "MoI",
        "other" => "oth.",
        other => other,
    }
}

/// Draws the pane; returns where its table's rows went.
pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) -> Option<TableRows> {
    if area.height < 2 {
        return None;
    }
    let v = &app.contacts;
    let q = v.filter.text.trim();
    let line = if q.is_empty() {
        let key = app
            .keymap
            .keys_for(app.pane().context(), crate::app::Action::Filter)
            .first()
            .map_or_else(|| "/".to_string(), |k| k.label());
        Line::from(vec![
            Span::styled(key, th.key()),
            Span::styled(
                " then type part of a name, party, e-mail or phone",
                th.label(),
            ),
        ])
    } else {
        let fuzzy = v.rows.len() - v.exact;
        let mut spans = vec![
            Span::styled("search: ", th.label()),
            Span::raw(format!("{q:?}")),
            Span::styled(format!(" · {} matching", v.exact), th.label()),
        ];
        if fuzzy > 0 {
            spans.push(Span::styled(format!(", then {fuzzy} close"), th.label()));
        }
        if app.mode == Mode::Filter {
            spans.push(Span::styled(" (typing)", th.label()));
        }
        Line::from(spans)
    };
    f.render_widget(
        Paragraph::new(line),
        Rect::new(area.x, area.y, area.width, 1),
    );
    // The list, and under it the selected person's whole card.
    let card = area.height >= 4;
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height - 1 - u16::from(card),
    );
    let len = app.contacts.rows.len();
    if len == 0 {
        f.render_widget(
            Paragraph::new("No one matches.").style(th.tone(Tone::Dim)),
            Rect::new(body.x, body.y + 1, body.width, 1),
        );
        return None;
    }
    let mut cursor = app.contacts.cursor;
    let marks = pane_marks(app);
    let app_ref: &App = app;
    let cols = columns(app_ref, cursor, body.height as usize, len);
    let spec = Spec {
        sort: Some((app_ref.contacts.sort.column(), app_ref.contacts.descending)),
        ..Spec::new(&cols).marking(&marks)
    };
    let drawn = table(f, body, th, spec, &mut cursor, len, |i| {
        let Some(l) = app_ref.contact_line_shown(i) else {
            return Vec::new();
        };
        let tone = if l.current { Tone::Normal } else { Tone::Dim };
        vec![
            CellText::new(l.name.clone()).tone(tone),
            CellText::vars([l.role.clone(), short_role(&l.role)]).tone(tone),
            CellText::vars(shrinking(
                format!("{} {}", l.party_code, l.party).trim_end(),
                &l.party_code,
            ))
            .tone(tone),
            CellText::new(l.email.clone()).tone(tone),
            CellText::new(l.phone.clone()).tone(tone),
            CellText::vars([
                l.affiliation.clone(),
                short_affiliation(&l.affiliation).to_string(),
            ])
            .tone(tone),
        ]
    });
    app.contacts.cursor = cursor;
    if card && let Some(l) = app.contact_line_shown(cursor.selected) {
        // What people come for first: a narrow screen cuts the rest.
        let party = format!("{} {}", l.party_code, l.party)
            .trim_end()
            .to_string();
        let parts: Vec<String> = [l.name, l.email, l.phone, l.role, party, l.affiliation]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let spans = marked(
            fit(&parts.join(" · "), area.width as usize),
            th.key(),
            &marks,
        );
        f.render_widget(
            Paragraph::new(Line::from(spans)),
            Rect::new(area.x, area.y + area.height - 1, area.width, 1),
        );
    }
    drawn
}

/// The columns at this height: the e-mail and the phone as wide as the
/// longest on screen (what was read from the store for this frame), and
/// kept whole (the other columns but the name give way first).
fn columns(app: &App, mut cursor: ListCursor, height: usize, len: usize) -> [Col; 6] {
    // Where the table will put the rows (the cursor may not be settled).
    let near = cursor.visible(len, height.saturating_sub(1));
    let (mut email, mut phone) = (0, 0);
    for i in near {
        if let Some(l) = app.contact_line_shown(i) {
            email = email.max(width(&l.email));
            phone = phone.max(width(&l.phone));
        }
    }
    let mut cols = COLS;
    for (c, w) in [(3, email), (4, phone)] {
        let w = (w as u16).max(cols[c].min);
        cols[c].min = w;
        cols[c].want = w;
        cols[c].ideal = w;
        cols[c].priority = 0;
    }
    cols
}
