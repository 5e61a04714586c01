//! Pane 7: requests for assistance and needs identified, training
//! delivered, translation requests; the paper's totals above the list.

use super::theme::Theme;
use super::widgets::{
    CellText, Col, Spec, TableRows, facts_line, filter_fact, pane_marks, sort_fact, table,
};
use crate::app::App;
use crate::app::lines::Tone;
use crate::app::panes::{AssistanceColumn, RowKind};
use crate::domain::registers::figures;
use crate::domain::stats::thousands;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

const COLS: [Col; 6] = [
    Col::new(&["date"], 10, 10, 10, 0),
    Col::new(&["kind"], 4, 11, 11, 1),
    Col::new(&["party", "pty"], 3, 10, 12, 0),
    Col::new(&["category", "cat."], 6, 16, 16, 2),
    Col::new(&["status"], 4, 13, 14, 3),
    Col::new(&["detail"], 6, 20, 60, 4).flex(),
];

/// Draws the pane; returns where its table's rows went.
pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) -> Option<TableRows> {
    if area.height < 3 {
        return None;
    }
    let fig = figures(&app.registers, app.as_of());
    let totals = vec![
        (
            "requests",
            format!(
                "{} from {} parties",
                thousands(fig.assistance.requests),
                fig.assistance.parties
            ),
        ),
        (
            "trained",
            format!(
                "{} officials from {} parties",
                thousands(fig.training.officials),
                fig.training.parties
            ),
        ),
        ("translations", fig.translation_requests.to_string()),
        ("needs", fig.needs_identified.to_string()),
    ];
    f.render_widget(
        Paragraph::new(facts_line(th, &totals)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let v = &app.assistance;
    let mut facts = vec![
        ("kind", v.kind.map_or("all", RowKind::label).to_string()),
        (
            "category",
            v.category.map_or("all", |c| c.short_label()).to_string(),
        ),
        sort_fact(v.sort.label(), v.descending),
    ];
    let filter = v.filter.text.trim();
    facts.extend(filter_fact(filter));
    f.render_widget(
        Paragraph::new(facts_line(th, &facts)),
        Rect::new(area.x, area.y + 1, area.width, 1),
    );
    let body = Rect::new(area.x, area.y + 2, area.width, area.height - 2);
    let len = v.rows.len();
    if len == 0 {
        f.render_widget(
            Paragraph::new("No record matches the filters.").style(th.tone(Tone::Dim)),
            Rect::new(body.x, body.y + 1, body.width, 1),
        );
        return None;
    }
    let sort_col = AssistanceColumn::ALL
        .iter()
        .position(|c| *c == v.sort)
        .unwrap_or(0);
    let marks = pane_marks(app);
    let spec = Spec {
        cols: &COLS,
        sort: Some((sort_col, v.descending)),
        marks: &marks,
    };
    let mut cursor = v.cursor;
    let view = &app.assistance;
    let drawn = table(f, body, th, spec, &mut cursor, len, |i| {
        let Some(r) = view.rows.get(i).and_then(|&k| view.all.get(k)) else {
            return Vec::new();
        };
        vec![
            CellText::new(r.date.to_string()),
            CellText::vars([r.kind.label(), &r.kind.label()[..4]]),
            CellText::new(r.party.clone()),
            CellText::new(r.category.map_or("—", |c| c.short_label())),
            CellText::new(r.status.clone()),
            CellText::new(r.detail.clone()),
        ]
    });
    app.assistance.cursor = cursor;
    drawn
}
