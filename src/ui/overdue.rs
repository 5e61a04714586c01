//! Pane 1: every obligation overdue or due soon, most overdue first.

use super::theme::Theme;
use super::widgets::{
    CellText, Col, Spec, TableRows, facts_line, filter_fact, pane_marks, sort_fact, table,
};
use crate::app::App;
use crate::app::lines::{OverdueLine, Tone};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

const COLS: [Col; 7] = [
    Col::new(&["party"], 8, 14, 24, 0).flex(),
    Col::new(&["obligation", "oblig."], 5, 12, 12, 1),
    Col::new(&["late / due in", "late"], 11, 13, 13, 1).right(),
    Col::new(&["due"], 10, 11, 11, 2),
    Col::new(&["focal point", "FP"], 8, 12, 22, 3),
    Col::new(&["review", "rev."], 5, 8, 22, 4),
    Col::new(&["reminders", "rem."], 3, 11, 32, 5),
];

/// Draws the pane; returns where its table's rows went.
pub fn render(f: &mut Frame, area: Rect, app: &mut App, th: &Theme) -> Option<TableRows> {
    if area.height < 2 {
        return None;
    }
    let v = &app.overdue;
    let filter = v.filter.text.trim();
    let mut facts = vec![
        (
            "obligation",
            v.obligation.map_or("all", |o| o.label()).to_string(),
        ),
        ("group", v.group.map_or("all".into(), |g| g.to_string())),
        ("region", v.region.map_or("all", |r| r.as_str()).to_string()),
        (
            "due soon",
            if v.due_soon { "shown" } else { "hidden" }.to_string(),
        ),
        sort_fact(v.sort.label(), v.descending),
    ];
    facts.extend(filter_fact(filter));
    if !v.marked.is_empty() {
        facts.push(("marked", v.marked.len().to_string()));
    }
    f.render_widget(
        Paragraph::new(facts_line(th, &facts)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let len = app.overdue.rows.len();
    if len == 0 {
        let msg = if app.data.overdue.is_empty() {
            format!("Nothing overdue or due soon as at {}.", app.as_of())
        } else {
            "No row matches the filters.".to_string()
        };
        f.render_widget(
            Paragraph::new(msg).style(th.tone(Tone::Dim)),
            Rect::new(body.x, body.y + 1, body.width, 1),
        );
        return None;
    }
    let mut cursor = app.overdue.cursor;
    let marks = pane_marks(app);
    let spec = Spec {
        sort: (app.overdue.sort.column()).map(|c| (c, app.overdue.descending)),
        ..Spec::new(&COLS).marking(&marks)
    };
    let app_ref: &App = app;
    let drawn = table(f, body, th, spec, &mut cursor, len, |i| {
        match app_ref.overdue_line_shown(i) {
            Some(l) => overdue_cells(l),
            None => Vec::new(),
        }
    });
    app.overdue.cursor = cursor;
    drawn
}

/// One Overdue row's cells, each with its shorter forms.
fn overdue_cells(l: OverdueLine) -> Vec<CellText> {
    let due = if l.original_due.is_some() {
        format!("{}*", l.due)
    } else {
        l.due.clone()
    };
    let reminded = if !l.reminders_read {
        // The status line says why.
        vec!["?".to_string()]
    } else if l.reminders == 0 {
        vec!["—".to_string()]
    } else {
        vec![
            format!("{}× {}", l.reminders, l.last_reminder),
            format!("{}× {}", l.reminders, l.last_reminder_short),
            format!("{}×", l.reminders),
        ]
    };
    let party = if l.marked {
        format!("● {}", l.party)
    } else {
        l.party.clone()
    };
    // Whom the debtor waits on says more than its focal point.
    let (fp, fp_tone) = match &l.waiting_on {
        Some(code) => (
            vec![format!("waiting on {code}"), format!("wait {code}")],
            Tone::Dim,
        ),
        None => (
            vec![l.focal_point.clone()],
            if l.no_focal_point {
                Tone::Warn
            } else {
                Tone::Normal
            },
        ),
    };
    vec![
        CellText::new(party),
        CellText::vars([l.obligation, l.obligation_short]),
        CellText::new(l.days.clone()).tone(l.tone),
        CellText::vars([due, l.due.clone()]),
        CellText::vars(fp).tone(fp_tone),
        CellText::vars([
            l.review.clone(),
            l.review_short.clone(),
            l.review_short.split(' ').next().unwrap_or("").to_string(),
        ]),
        CellText::vars(reminded).tone(if !l.reminders_read {
            Tone::Warn
        } else if l.reminders == 0 {
            Tone::Dim
        } else {
            Tone::Normal
        }),
    ]
}
