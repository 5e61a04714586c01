//! Pane 2: every review, filtered by group and stage, sorted by any column.

use super::theme::Theme;
use super::widgets::{
    CellText, Col, Spec, TableRows, facts_line, filter_fact, pane_marks, sort_fact, table,
};
use crate::app::App;
use crate::app::lines::Tone;
use crate::app::panes::ReviewColumn;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

const COLS: [Col; 9] = [
    Col::new(&["review", "rev.", "#"], 4, 6, 6, 0),
    Col::new(&["group", "grp", "G"], 1, 1, 5, 3),
    Col::new(&["under review", "under rev."], 6, 12, 24, 0).flex(),
    Col::new(&["reviewers", "revs."], 8, 13, 22, 1),
    Col::new(&["redraws", "redr.", "rd"], 3, 5, 7, 4),
    Col::new(&["languages", "lang."], 5, 7, 11, 3),
    Col::new(&["stage"], 5, 12, 21, 1),
    Col::new(&["next deadline", "next"], 10, 17, 34, 2),
    Col::new(&["projected", "proj."], 10, 10, 20, 4),
];

fn short_stage(s: &str) -> &str {
    match s {
        "awaiting nominations" => "await. nom.",
        "awaiting consultation" => "await. cons.",
        "written feedback" => "feedback",
        "lists of observations" => "observations",
        other => other,
    }
}

/// Draws the pane; returns where its table's rows went.
pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) -> Option<TableRows> {
    if area.height < 2 {
        return None;
    }
    let v = &app.reviews;
    let mut facts = vec![
        ("group", v.group.map_or("all".into(), |g| g.to_string())),
        ("stage", v.stage.map_or("all", |s| s.label()).to_string()),
        sort_fact(v.sort.label(), v.descending),
    ];
    let filter = v.filter.text.trim();
    facts.extend(filter_fact(filter));
    f.render_widget(
        Paragraph::new(facts_line(th, &facts)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let len = app.reviews.rows.len();
    if len == 0 {
        f.render_widget(
            Paragraph::new("No review matches the filters.").style(th.tone(Tone::Dim)),
            Rect::new(body.x, body.y + 1, body.width, 1),
        );
        return None;
    }
    let sort_col = ReviewColumn::ALL
        .iter()
        .position(|c| *c == app.reviews.sort)
        .unwrap_or(0);
    let marks = pane_marks(app);
    let spec = Spec {
        sort: Some((sort_col, app.reviews.descending)),
        ..Spec::new(&COLS).marking(&marks)
    };
    let mut cursor = app.reviews.cursor;
    let app_ref: &App = app;
    let drawn = table(f, body, th, spec, &mut cursor, len, |i| {
        let Some(l) = app_ref.review_line(i) else {
            return Vec::new();
        };
        let next = if l.next.is_empty() {
            vec!["—".to_string()]
        } else if !l.next_late.is_empty() {
            // Late: said in words at every width (colour alone is lost
            // under NO_COLOR).
            let date = l.next.rsplit(' ').next().unwrap_or("").to_string();
            let late = &l.next_late;
            vec![
                format!("{} · {}", l.next, l.next_status),
                format!("{} ({late})", l.next),
                format!("{} ({late})", l.next_short),
                format!("{date} ({late})"),
                format!("{} late", l.next_short),
                format!("{date} late"),
                late.clone(),
                late.replacen(" d ", "d ", 1),
                "late".into(),
            ]
        } else {
            let date = l.next.rsplit(' ').next().unwrap_or("").to_string();
            vec![
                format!("{} · {}", l.next, l.next_status),
                l.next.clone(),
                l.next_short.clone(),
                date,
            ]
        };
        vec![
            CellText::new(l.id.clone()),
            CellText::new(l.group.clone()),
            CellText::new(l.under_review.clone()),
            CellText::new(l.reviewers.clone()),
            CellText::new(l.redraws.clone()),
            CellText::new(l.languages.clone()),
            CellText::vars([l.stage.clone(), short_stage(&l.stage).to_string()]).tone(l.stage_tone),
            CellText::vars(next).tone(l.next_tone),
            CellText::vars([l.projected.clone(), l.projected.replace("concluded ", "")])
                .tone(l.projected_tone),
        ]
    });
    app.reviews.cursor = cursor;
    drawn
}
