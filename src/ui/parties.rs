//! Pane 4: every party, and beside it the selected party's details.

use super::theme::Theme;
use super::widgets::{
    CellText, Col, Spec, TableRows, facts_line, filter_fact, pane_marks, sort_fact, table, wrap,
};
use crate::app::App;
use crate::app::lines::Tone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const COLS: [Col; 6] = [
    Col::new(&["code"], 4, 4, 5, 3),
    Col::new(&["party"], 8, 14, 26, 0).flex(),
    Col::new(&["region", "rgn"], 6, 6, 6, 2),
    Col::new(&["group", "G"], 1, 1, 5, 2),
    Col::new(&["C T S F", "instr."], 7, 7, 7, 4),
    Col::new(&["focal pt", "FP"], 4, 4, 9, 1),
];

fn short_fp(s: &str) -> &'static str {
    match s {
        "nominated" => "ok",
        "changed" => "chg",
        "ended" => "end",
        _ => "none",
    }
}

/// Draws the pane; returns where its table's rows went.
pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) -> Option<TableRows> {
    if area.height < 2 {
        return None;
    }
    let v = &app.parties;
    let mut facts = vec![
        (
            "group",
            match v.group {
                None => "all".to_string(),
                Some(None) => "none yet".to_string(),
                Some(Some(g)) => g.to_string(),
            },
        ),
        ("region", v.region.map_or("all", |r| r.as_str()).to_string()),
        sort_fact(v.sort.label(), v.descending),
    ];
    let filter = v.filter.text.trim();
    facts.extend(filter_fact(filter));
    f.render_widget(
        Paragraph::new(facts_line(th, &facts)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    // The list takes about half, never less than 30 columns.
    let list_w = (body.width / 2).clamp(30.min(body.width), 64);
    let list = Rect::new(body.x, body.y, list_w, body.height);
    let detail = Rect::new(body.x + list_w, body.y, body.width - list_w, body.height);
    let len = app.parties.rows.len();
    let mut drawn = None;
    if len == 0 {
        f.render_widget(
            Paragraph::new("No party matches the filters.").style(th.tone(Tone::Dim)),
            Rect::new(list.x, list.y + 1, list.width, 1),
        );
    } else {
        let mut cursor = app.parties.cursor;
        let marks = pane_marks(app);
        let spec = Spec {
            sort: Some((app.parties.sort.column(), app.parties.descending)),
            ..Spec::new(&COLS).marking(&marks)
        };
        let app_ref: &App = app;
        drawn = table(f, list, th, spec, &mut cursor, len, |i| {
            let Some(l) = app_ref.party_line(i) else {
                return Vec::new();
            };
            vec![
                CellText::new(l.code.clone()),
                CellText::new(l.name.clone()),
                CellText::new(l.region.clone()),
                CellText::new(l.group.clone()),
                CellText::new(l.instruments.clone()),
                CellText::vars([l.focal_point, short_fp(l.focal_point)]).tone(l.fp_tone),
            ]
        });
        app.parties.cursor = cursor;
    }
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(th.border());
    let inner = block.inner(detail);
    // Wrapped here, with a hanging indent, so scrolling counts real lines.
    let lines: Vec<Line> = app
        .party_detail()
        .into_iter()
        .flat_map(|(tone, s)| {
            let indent = s.len() - s.trim_start().len() + 2;
            wrap(&s, inner.width as usize, indent)
                .into_iter()
                .map(move |l| Line::from(Span::styled(l, th.tone(tone))))
        })
        .collect();
    let max = lines.len().saturating_sub(inner.height as usize);
    app.parties.detail_scroll = app.parties.detail_scroll.min(max);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((app.parties.detail_scroll as u16, 0)),
        detail,
    );
    drawn
}
