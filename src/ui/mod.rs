//! Drawing the app's state, and the terminal loop that feeds it keys
//! (`run`). One file per pane; everything drawn comes from `app` as
//! sanitised text.

pub mod assistance;
pub mod backend;
pub mod contacts;
pub mod dialog;
pub mod figures;
pub mod form;
pub mod help;
pub mod keys;
pub mod overdue;
pub mod palette;
pub mod parties;
pub mod reviews;
pub mod run;
pub mod theme;
pub mod timeline;
pub mod widgets;

use crate::app::{Action, App, Context, Mode, Overlay, Pane};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
pub use theme::Theme;
use widgets::{fit, fit_left, width};

/// Below this size the app shows a notice instead of a garbled screen
/// (and takes no key but quit).
pub use crate::app::screen::{MIN_HEIGHT, MIN_WIDTH};

/// Reads what the screen needs from the store, then draws it (the
/// terminal loop does the two apart: see [`draw_frame`]).
pub fn draw(f: &mut Frame, app: &mut App, th: &Theme) {
    app.read_for_screen(f.area().height as usize);
    draw_frame(f, app, th);
}

/// What a frame tells the terminal loop.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The list drawn with a cursor, if any: where its rows went.
    pub table: Option<widgets::TableRows>,
}

/// Draws the whole screen and says what the terminal loop needs of it.
/// Reads nothing from the store: [`App::read_for_screen`] did, before.
/// Takes the app mutably only to record how many rows fit (paging) and to
/// keep selections on screen.
pub fn draw_frame(f: &mut Frame, app: &mut App, th: &Theme) -> Drawn {
    let area = f.area();
    app.remember_message();
    app.set_screen_size(area.width, area.height);
    if app.too_small() {
        too_small(f, area, app, th);
        return Drawn::default();
    }
    let tabs = Rect::new(area.x, area.y, area.width, 1);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let status = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let hint = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    tab_bar(f, tabs, app, th);
    let table = draw_pane(f, body, app, th);
    status_bar(f, status, app, th);
    match (&app.overlay, &app.mode) {
        (Some(_), _) => overlay_hint_bar(f, hint, app, th),
        (None, Mode::Filter | Mode::AsOf { .. }) => input_line(f, hint, app, th),
        _ => hint_bar(f, hint, app, th),
    }
    match app.mode {
        Mode::Help { .. } => help::render(f, body, app, th),
        Mode::Palette { .. } => palette::render_palette(f, body, app, th),
        Mode::Messages { .. } => palette::render_messages(f, body, app, th),
        Mode::Reading { .. } => palette::render_reading(f, body, app, th),
        _ => {}
    }
    match app.overlay {
        Some(Overlay::Form(_)) => form::render(f, body, app, th),
        Some(_) => dialog::render(f, body, app, th),
        None => {}
    }
    Drawn { table }
}

/// Draws the pane shown (one render file per pane); returns where its
/// list's rows went, if it drew one.
fn draw_pane(f: &mut Frame, body: Rect, app: &mut App, th: &Theme) -> Option<widgets::TableRows> {
    match app.pane() {
        Pane::Overdue => overdue::render(f, body, app, th),
        Pane::Reviews => reviews::render(f, body, app, th),
        Pane::Timeline => {
            timeline::render(f, body, app, th);
            None
        }
        Pane::Parties => parties::render(f, body, app, th),
        Pane::Contacts => contacts::render(f, body, app, th),
        Pane::Figures => {
            figures::render(f, body, app, th);
            None
        }
        Pane::Assistance => assistance::render(f, body, app, th),
    }
}

/// The keys of the form or dialog on screen, from the keymap.
pub fn overlay_hints(app: &App) -> Vec<(String, &'static str)> {
    use Action::*;
    let (ctx, list): (Context, Vec<(Action, &'static str)>) = match &app.overlay {
        Some(Overlay::Form(form)) => {
            if form.fields.confirm_discard {
                (
                    Context::Form,
                    vec![(CloseForm, "discard"), (Submit, "keep typing")],
                )
            } else {
                let mut v = vec![
                    (NextField, "next"),
                    (PrevField, "back"),
                    (Save, "save"),
                    (CloseForm, "close"),
                ];
                if form.conflict.is_some() {
                    v = vec![
                        (TakeTheirs, "theirs"),
                        (SaveOver, "yours"),
                        (Save, "save"),
                        (CloseForm, "close"),
                        (NextField, "next"),
                    ];
                }
                (Context::Form, v)
            }
        }
        Some(Overlay::Confirm(c)) => {
            let mut v = vec![(Yes, c.verb), (No, "cancel")];
            if c.choice.is_some() {
                v.push((ChoiceNext, "change"));
            }
            (Context::Dialog, v)
        }
        Some(Overlay::Picker(_)) => (
            Context::Dialog,
            vec![
                (Down, "down"),
                (Up, "up"),
                (Choose, "choose"),
                (No, "cancel"),
            ],
        ),
        Some(Overlay::Audit(_)) => (
            Context::Dialog,
            vec![(Down, "down"), (Up, "up"), (No, "close")],
        ),
        None => return Vec::new(),
    };
    list.into_iter()
        .filter_map(|(a, word)| {
            let k = app.keymap.keys_for(ctx, a).into_iter().next()?;
            Some((k.label(), word))
        })
        .collect()
}

fn overlay_hint_bar(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, word) in overlay_hints(app) {
        let need = width(&k) + 1 + width(word) + 2;
        if used + need > area.width as usize {
            break;
        }
        spans.push(Span::styled(k, th.key()));
        spans.push(Span::raw(format!(" {word}  ")));
        used += need;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn too_small(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let mut lines = vec![
        Line::from(Span::styled("terminal too small", th.warn())),
        Line::from(format!("{}x{}", area.width, area.height)),
        Line::from(format!("revdesk needs {MIN_WIDTH}x{MIN_HEIGHT}")),
        Line::from("no key acts until it is larger (q quits)"),
    ];
    if app.form().is_some() {
        lines.push(Line::from("the open form is kept as it is"));
    }
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    f.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        Rect::new(area.x, y, area.width, h),
    );
}

/// What the tab bar holds at a width: the brand (or not), each pane's
/// label, and the cluster and as-at date. The date always shows. On a
/// narrow screen what matters least gives way first: the tabs' padding,
/// the words around the date, then the tabs' names one by one (the least
/// used first) to a short form, last to their numbers; the pane shown
/// keeps its name.
fn tab_layout(app: &App, w: usize) -> (bool, Vec<(Pane, String)>, String) {
    // Level 0: padded; 1: not; 2: numbers only. `short`: how many names,
    // in `SHORTEN_FIRST` order, take their short form.
    let tab = |p: Pane, level: usize, short: usize| -> String {
        let n = p.index() + 1;
        let shortened = SHORTEN_FIRST[..short.min(SHORTEN_FIRST.len())].contains(&p);
        let title = if shortened && p != app.pane() {
            short_title(p)
        } else {
            p.title()
        };
        match level {
            0 => format!(" {n} {title} "),
            1 => format!(" {n} {title}"),
            _ if p == app.pane() => format!(" {n} {title}"),
            _ => format!(" {n}"),
        }
    };
    let (c, d) = (app.cluster(), app.as_of());
    let dates = [
        format!("cluster {c} · as at {d} "),
        format!("cluster {c} · {d} "),
        format!("C{c} · {d} "),
    ];
    let tabs_w = |level, short| {
        Pane::ALL
            .iter()
            .map(|p| width(&tab(*p, level, short)))
            .sum::<usize>()
    };
    // The brand only when everything else fits whole beside it.
    let brand = width(BRAND) + tabs_w(0, 0) + width(&dates[0]) < w;
    let room = w - if brand { width(BRAND) } else { 0 };
    // The tabs' padding goes before the date's words.
    let whole = dates.iter().flat_map(|d| (0..2).map(move |l| (l, 0, d)));
    let shortened = (1..=SHORTEN_FIRST.len()).map(|k| (1, k, &dates[2]));
    let (level, short, date) = whole
        .chain(shortened)
        .find(|(l, k, d)| tabs_w(*l, *k) + width(d) < room)
        .unwrap_or((2, 0, &dates[2]));
    let tabs = Pane::ALL
        .iter()
        .map(|p| (*p, tab(*p, level, short)))
        .collect();
    (brand, tabs, date.clone())
}

/// The panes whose tab names shorten first on a narrow screen.
const SHORTEN_FIRST: [Pane; Pane::COUNT] = [
    Pane::Assistance,
    Pane::Figures,
    Pane::Timeline,
    Pane::Contacts,
    Pane::Parties,
    Pane::Reviews,
    Pane::Overdue,
];

/// A pane's name on a narrow tab bar.
fn short_title(p: Pane) -> &'static str {
    match p {
        Pane::Overdue => "Due",
        Pane::Reviews => "Revs",
        Pane::Timeline => "Time",
        Pane::Parties => "Party",
        Pane::Contacts => "Cont.",
        Pane::Figures => "Figs",
        Pane::Assistance => "Asst.",
    }
}

const BRAND: &str = " revdesk ";

fn tab_bar(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let w = area.width as usize;
    let (brand, tabs, date) = tab_layout(app, w);
    let mut spans = Vec::new();
    if brand {
        spans.push(Span::styled(
            BRAND,
            th.tone(crate::app::lines::Tone::Heading),
        ));
    }
    for (p, text) in tabs {
        let style = if p == app.pane() {
            th.tab_active()
        } else {
            th.tab()
        };
        spans.push(Span::styled(text, style));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used + width(&date) <= w {
        spans.push(Span::raw(" ".repeat(w - used - width(&date))));
        spans.push(Span::styled(date, th.key()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The pane whose tab is at column `x` of a tab bar `w` wide (a click
/// on the bar).
pub fn tab_at(app: &App, w: u16, x: u16) -> Option<Pane> {
    let (brand, tabs, _) = tab_layout(app, w as usize);
    let mut at = if brand { width(BRAND) } else { 0 };
    for (p, text) in tabs {
        let next = at + width(&text);
        if (at..next).contains(&(x as usize)) {
            return Some(p);
        }
        at = next;
    }
    None
}

fn status_bar(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let w = area.width as usize;
    let read_only = app.session.read_only.then(|| "read-only".to_string());
    // Where the cursor is: "12/635", or "12/40 of 635" under a filter.
    let at = app.pane().unit().cursor(app).map(|c| c.selected + 1);
    let rows = app.counts().map(|(shown, all)| {
        let at = if shown == 0 { 0 } else { at.unwrap_or(0) };
        match (shown == all, at > 0) {
            (true, true) => format!("{at}/{all}"),
            (true, false) => format!("{all} rows"),
            (false, true) => format!("{at}/{shown} of {all}"),
            (false, false) => format!("{shown} of {all} rows"),
        }
    });
    let full: Vec<String> = [
        Some(format!("as at {}", app.as_of())),
        Some(app.session.user.clone()),
        read_only.clone(),
        rows.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let facts = full.join(" · ");
    let msg = app.message.clone().unwrap_or_default();
    // The message matters most, then the facts, then the path. A long
    // message (a refusal, a conflict) pushes out the facts the tab bar
    // shows anyway; the read-only flag always stays.
    let mut text = String::from(" ");
    let path_room = w.saturating_sub(width(&facts) + width(&msg) + 8);
    if path_room >= 12 {
        text.push_str(&fit_left(&app.session.db_path, path_room));
        text.push_str(" · ");
    }
    text.push_str(&facts);
    if !msg.is_empty() {
        let fits = |t: &str| width(t) + 3 + width(&msg) <= w;
        if !fits(&text) {
            let shorter: Vec<String> = [
                format!(
                    " {}",
                    [Some(app.session.user.clone()), read_only.clone(), rows]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ")
                ),
                read_only.map(|r| format!(" {r}")).unwrap_or_default(),
            ]
            .into_iter()
            .collect();
            text = shorter
                .iter()
                .find(|t| fits(t))
                .cloned()
                .unwrap_or_else(|| shorter[1].clone());
        }
        if text.trim().is_empty() {
            text = format!(" {}", fit(&msg, w.saturating_sub(1)));
        } else {
            let room = w.saturating_sub(width(&text) + 3);
            text.push_str(" │ ");
            text.push_str(&fit(&msg, room));
        }
    }
    let text = fit(&text, w);
    let pad = w.saturating_sub(width(&text));
    f.render_widget(
        Paragraph::new(Line::from(format!("{text}{}", " ".repeat(pad)))).style(th.bar()),
        area,
    );
}

/// Short words for the hint bar.
fn hint_word(a: Action) -> &'static str {
    match a {
        Action::Help => "help",
        Action::Filter => "filter",
        Action::Open => "open",
        Action::FilterObligation => "obligation",
        Action::FilterGroup => "group",
        Action::FilterRegion => "region",
        Action::FilterStage => "stage",
        Action::FilterKind => "kind",
        Action::FilterCategory => "category",
        Action::NewRecord => "new request",
        Action::NewNeed => "new need",
        Action::NewTraining => "new training",
        Action::NewTranslation => "new translation",
        Action::Documents => "documents",
        Action::ToggleDueSoon => "due soon",
        Action::SortNext => "sort",
        Action::SortReverse => "reverse",
        Action::ReadNotes => "notes",
        Action::PrevReview => "prev",
        Action::NextReview => "next",
        Action::Down => "scroll",
        Action::Back => "back",
        Action::DetailDown => "details",
        Action::CopyEmail => "copy e-mail",
        Action::CopyCard => "copy card",
        Action::WriteReport => "report",
        Action::PaceView => "pace",
        Action::SetAsOf => "as at",
        Action::ToggleTheme => "theme",
        Action::NextPane => "pane",
        Action::Quit => "quit",
        Action::Remind => "remind",
        Action::Extend => "extend",
        Action::MarkMet => "met",
        Action::MarkRow => "mark",
        Action::SendMarked => "send",
        Action::Nominate => "nominate",
        Action::Edit => "edit",
        Action::EndNomination => "end",
        Action::Substitute => "replace",
        Action::Delete => "delete",
        Action::RequestRedraw => "redraw",
        Action::Undo => "undo",
        Action::Audit => "audit",
        other => other.name(),
    }
}

/// The main actions of a pane, in hint-bar order (from the pane's
/// command list).
pub fn hint_actions(pane: Pane) -> Vec<Action> {
    pane.hint_actions().collect()
}

/// The hint bar's (key, word) pairs for a pane, from the live keymap.
pub fn hints(app: &App, pane: Pane) -> Vec<(String, &'static str)> {
    pane.hint_actions()
        // A read-only session is not offered what it may not do.
        .filter(|a| !(app.session.read_only && a.is_editing()))
        .filter_map(|a| {
            let k = app.keymap.keys_for(pane.context(), a).into_iter().next()?;
            Some((k.label(), hint_word(a)))
        })
        .collect()
}

fn hint_bar(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, word) in hints(app, app.pane()) {
        let need = width(&k) + 1 + width(word) + 2;
        if used + need > area.width as usize {
            break;
        }
        spans.push(Span::styled(k, th.key()));
        spans.push(Span::raw(format!(" {word}  ")));
        used += need;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn input_line(f: &mut Frame, area: Rect, app: &App, th: &Theme) {
    let key = |a: Action| {
        app.keymap
            .keys_for(Context::Input, a)
            .first()
            .map_or_else(|| "?".to_string(), |k| k.label())
    };
    let (prompt, input, error, tail) = match &app.mode {
        Mode::AsOf { input, error } => (
            "as at (YYYY-MM-DD, or today): ".to_string(),
            input,
            error.clone(),
            format!(
                "{} set · {} cancel",
                key(Action::Confirm),
                key(Action::Cancel)
            ),
        ),
        _ => match app.filter_input(app.pane()) {
            Some(input) => (
                format!("filter {}: ", app.pane().title()),
                input,
                None,
                format!(
                    "{} keep · {} clear",
                    key(Action::Confirm),
                    key(Action::Cancel)
                ),
            ),
            None => return,
        },
    };
    let w = area.width as usize;
    let before = input.before_cursor();
    // Keep the cursor on screen: show the end of a long input.
    let room = w.saturating_sub(width(&prompt) + 2);
    let shown = if width(&input.text) > room {
        fit_left(&input.text, room)
    } else {
        input.text.clone()
    };
    let cursor_x = width(&prompt) + 1 + width(before).min(width(&shown));
    let mut spans = vec![
        Span::styled(format!(" {prompt}"), th.key()),
        Span::raw(shown.clone()),
    ];
    let used = 1 + width(&prompt) + width(&shown);
    let right = match &error {
        Some(e) => Span::styled(format!("  {e}"), th.warn()),
        None => Span::styled(format!("  {tail}"), th.label()),
    };
    if used + width(&right.content) <= w {
        spans.push(right);
    } else if let Some(e) = error {
        spans.push(Span::styled(
            fit(&format!("  {e}"), w.saturating_sub(used)),
            th.warn(),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    f.set_cursor_position((area.x + cursor_x.min(w.saturating_sub(1)) as u16, area.y));
}

/// The screen as text, one line per row, wide characters once, trailing
/// spaces trimmed: what snapshot tests compare.
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    let w = buf.area.width as usize;
    for row in buf.content.chunks(w.max(1)) {
        let mut line = String::new();
        let mut skip = 0usize;
        for c in row {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = c.symbol();
            line.push_str(sym);
            skip = width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
