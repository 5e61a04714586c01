//! Forms: fields built on `ratatui-textarea` (text and dates) and lists
//! (choices, languages), moved through with Tab and Shift-Tab, checked as
//! the cursor leaves a field and all together before a save. Nothing here
//! knows the store: `edit.rs` turns a form into a save.
//!
//! Every character that reaches a field is checked: control characters
//! never enter (typed or pasted), pasted line breaks and tabs become
//! spaces, invisible format characters are dropped. A field prefilled from
//! the store shows the sanitised text and keeps the stored text unless
//! the field is edited.

use super::action::Action;
use super::keys::{Key, KeyCode};
use crate::domain::model::Language;
use crate::domain::text::{parse_user_date, sanitize};
use chrono::NaiveDate;
use ratatui_textarea::{CursorMove, TextArea};

pub use crate::domain::text::{MAX_PASTE, accepts, clean_pasted};

/// A label inside a sentence: "Reason" becomes "reason", "SAQ submitted"
/// stays as it is.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_string(),
    }
}

/// One option of a list field: the stored spelling and what is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    /// One line of text, at most `max` characters.
    Text {
        area: Box<TextArea<'static>>,
        max: usize,
    },
    /// A date typed as YYYY-MM-DD (or `t` / `today`); empty allowed when
    /// `optional`.
    Date {
        area: Box<TextArea<'static>>,
        optional: bool,
    },
    /// One of a few options, cycled with Left/Right/Space or picked by
    /// its first letter.
    Choice {
        options: Vec<Choice>,
        selected: usize,
    },
    /// Up to three of the six languages, in the order picked; none means
    /// pending. Left/Right move, Space (or the code's first letter) picks.
    Languages {
        chosen: Vec<Language>,
        cursor: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The name the store uses for it in its messages ("date", "name").
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub error: Option<String>,
    /// A grey hint shown when the field is empty ("YYYY-MM-DD or t").
    pub hint: &'static str,
    /// The value when the form opened: a change is typed input.
    pub initial: String,
    /// What this session had typed, kept visible after "take theirs".
    pub yours: Option<String>,
    /// The stored text behind a sanitised prefill, used while the field
    /// still shows that prefill.
    stored: Option<(String, String)>,
    /// A check of a non-empty text (an e-mail address, a phone number).
    check: Option<fn(&str) -> Option<String>>,
}

fn text_area(text: &str) -> Box<TextArea<'static>> {
    let mut a = TextArea::new(vec![text.to_string()]);
    a.move_cursor(CursorMove::End);
    Box::new(a)
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Field {
        let mut f = Field {
            key,
            label,
            kind,
            required: false,
            error: None,
            hint: "",
            initial: String::new(),
            yours: None,
            stored: None,
            check: None,
        };
        f.initial = f.value();
        f
    }

    /// A text field prefilled with `stored` (shown sanitised).
    pub fn text(key: &'static str, label: &'static str, stored: &str, max: usize) -> Field {
        let shown = clean_pasted(&sanitize(stored));
        let mut f = Field::new(
            key,
            label,
            FieldKind::Text {
                area: text_area(&shown),
                max,
            },
        );
        if shown != stored {
            f.stored = Some((shown, stored.to_string()));
        }
        f
    }

    pub fn date(
        key: &'static str,
        label: &'static str,
        value: Option<NaiveDate>,
        optional: bool,
    ) -> Field {
        let text = value.map(|d| d.to_string()).unwrap_or_default();
        let mut f = Field::new(
            key,
            label,
            FieldKind::Date {
                area: text_area(&text),
                optional,
            },
        );
        f.required = !optional;
        f.hint = "YYYY-MM-DD, t = today";
        f
    }

    pub fn choice(
        key: &'static str,
        label: &'static str,
        options: Vec<Choice>,
        selected_value: &str,
    ) -> Field {
        let selected = options
            .iter()
            .position(|o| o.value == selected_value)
            .unwrap_or(0);
        Field::new(key, label, FieldKind::Choice { options, selected })
    }

    pub fn languages(key: &'static str, label: &'static str, chosen: &[Language]) -> Field {
        Field::new(
            key,
            label,
            FieldKind::Languages {
                chosen: chosen.to_vec(),
                cursor: 0,
            },
        )
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// Checks a non-empty text with `f` (a complaint, or `None` if fine).
    pub fn checked(mut self, f: fn(&str) -> Option<String>) -> Field {
        self.check = Some(f);
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Field {
        self.hint = hint;
        self
    }

    pub fn is_text(&self) -> bool {
        matches!(self.kind, FieldKind::Text { .. } | FieldKind::Date { .. })
    }

    /// The text shown (text and dates), the value (choices), or the
    /// language codes joined by commas.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text { area, .. } | FieldKind::Date { area, .. } => area.lines().join(" "),
            FieldKind::Choice { options, selected } => options
                .get(*selected)
                .map(|o| o.value.clone())
                .unwrap_or_default(),
            FieldKind::Languages { chosen, .. } => chosen
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// The value as it should be stored: the stored text behind an
    /// untouched sanitised prefill, else what is shown.
    pub fn stored_value(&self) -> String {
        let v = self.value();
        match &self.stored {
            Some((shown, stored)) if *shown == v => stored.clone(),
            _ => v,
        }
    }

    /// What the field shows, for messages and the conflict view.
    pub fn display(&self) -> String {
        match &self.kind {
            FieldKind::Choice { options, selected } => options
                .get(*selected)
                .map(|o| o.label.clone())
                .unwrap_or_default(),
            FieldKind::Languages { chosen, .. } if chosen.is_empty() => "pending".into(),
            _ => self.value(),
        }
    }

    /// Replaces the value (a colleague's, after "take theirs").
    pub fn set_value(&mut self, v: &str) {
        match &mut self.kind {
            FieldKind::Text { area, .. } | FieldKind::Date { area, .. } => {
                let shown = clean_pasted(&sanitize(v));
                **area = *text_area(&shown);
                self.stored = (shown != v).then(|| (shown, v.to_string()));
            }
            FieldKind::Choice { options, selected } => {
                if let Some(i) = options.iter().position(|o| o.value == v) {
                    *selected = i;
                }
            }
            FieldKind::Languages { chosen, .. } => {
                *chosen = v.split(',').filter_map(|s| s.parse().ok()).collect();
            }
        }
        self.error = None;
    }

    /// A choice field's value parsed, if it has one.
    pub fn parsed<T: std::str::FromStr>(&self) -> Option<T> {
        let v = self.value();
        if v.is_empty() { None } else { v.parse().ok() }
    }

    pub fn chosen_languages(&self) -> Vec<Language> {
        match &self.kind {
            FieldKind::Languages { chosen, .. } => chosen.clone(),
            _ => Vec::new(),
        }
    }

    pub fn area(&self) -> Option<&TextArea<'static>> {
        match &self.kind {
            FieldKind::Text { area, .. } | FieldKind::Date { area, .. } => Some(area),
            _ => None,
        }
    }
    pub fn area_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.kind {
            FieldKind::Text { area, .. } | FieldKind::Date { area, .. } => Some(area),
            _ => None,
        }
    }

    fn max(&self) -> usize {
        match &self.kind {
            FieldKind::Text { max, .. } => *max,
            FieldKind::Date { .. } => 10,
            _ => 0,
        }
    }

    fn len(&self) -> usize {
        self.value().chars().count()
    }

    /// Inserts text (already clean), cut to the field's size. Returns
    /// whether all of it went in.
    fn insert(&mut self, s: &str) -> bool {
        let room = self.max().saturating_sub(self.len());
        let take: String = s.chars().take(room).collect();
        let all = take.chars().count() == s.chars().count();
        if let Some(a) = self.area_mut() {
            a.insert_str(&take);
        }
        all
    }

    /// Checks the field alone; a valid `t`/`today` becomes the ISO date.
    pub fn check(&mut self, today: NaiveDate) -> bool {
        self.error = None;
        let v = self.value();
        let t = v.trim();
        match &mut self.kind {
            FieldKind::Date { area, optional } => {
                if t.is_empty() {
                    if !*optional {
                        self.error = Some("a date is needed (YYYY-MM-DD, or t for today)".into());
                    }
                } else {
                    match parse_user_date(t, today) {
                        Ok(d) => {
                            let iso = d.to_string();
                            if iso != v {
                                **area = *text_area(&iso);
                            }
                        }
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
            }
            FieldKind::Text { .. } => {
                if self.required && t.is_empty() {
                    self.error = Some(format!("{} is needed", lower_first(self.label)));
                } else if !t.is_empty()
                    && v != self.initial
                    && let Some(check) = self.check
                {
                    // Only what was typed is checked: a stored value the
                    // user did not touch never blocks another change.
                    self.error = check(t);
                }
            }
            FieldKind::Choice { .. } | FieldKind::Languages { .. } => {}
        }
        self.error.is_none()
    }

    /// The field's date (after a successful check).
    pub fn date_value(&self, today: NaiveDate) -> Option<NaiveDate> {
        parse_user_date(self.value().trim(), today).ok()
    }

    /// The trimmed text, `None` when empty.
    pub fn text_value(&self) -> Option<String> {
        let v = self.stored_value();
        let t = v.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    fn cycle(&mut self, forward: bool) {
        match &mut self.kind {
            FieldKind::Choice { options, selected } if !options.is_empty() => {
                let n = options.len();
                *selected = if forward {
                    (*selected + 1) % n
                } else {
                    (*selected + n - 1) % n
                };
            }
            FieldKind::Languages { cursor, .. } => {
                let n = Language::ALL.len();
                *cursor = if forward {
                    (*cursor + 1) % n
                } else {
                    (*cursor + n - 1) % n
                };
            }
            _ => {}
        }
    }

    /// Picks or drops a language; returns a complaint when a fourth is picked.
    fn toggle_language(&mut self, l: Language) -> Option<String> {
        if let FieldKind::Languages { chosen, cursor } = &mut self.kind {
            *cursor = Language::ALL.iter().position(|x| *x == l).unwrap_or(0);
            if let Some(i) = chosen.iter().position(|x| *x == l) {
                chosen.remove(i);
            } else if chosen.len() >= 3 {
                return Some("at most three languages (drop one first)".into());
            } else {
                chosen.push(l);
            }
        }
        None
    }

    fn toggle(&mut self) -> Option<String> {
        match &self.kind {
            FieldKind::Languages { cursor, .. } => {
                let l = Language::ALL[*cursor % Language::ALL.len()];
                self.toggle_language(l)
            }
            FieldKind::Choice { .. } => {
                self.cycle(true);
                None
            }
            _ => None,
        }
    }

    /// A letter typed on a list field: the next option starting with it
    /// (for languages: the language whose code starts with it).
    fn letter(&mut self, c: char) -> Option<String> {
        let c = c.to_lowercase().next().unwrap_or(c);
        match &mut self.kind {
            FieldKind::Choice { options, selected } => {
                let n = options.len();
                let hit = (1..=n)
                    .map(|k| (*selected + k) % n)
                    .find(|&i| options[i].label.to_lowercase().starts_with(c));
                if let Some(i) = hit {
                    *selected = i;
                }
                None
            }
            FieldKind::Languages { .. } => {
                let l = Language::ALL
                    .iter()
                    .find(|l| l.as_str().starts_with(c))
                    .copied()?;
                self.toggle_language(l)
            }
            _ => None,
        }
    }
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Nothing,
    /// Save (checked first); `over` saves over a colleague's change.
    Save {
        over: bool,
    },
    /// Take the colleague's values.
    TakeTheirs,
    /// Close the form (nothing typed, or discarding confirmed).
    Close,
}

/// The fields of a form and where the cursor is.
#[derive(Debug, Clone)]
pub struct Fields {
    pub list: Vec<Field>,
    pub focus: usize,
    /// Asked "discard what you typed?": a second Esc or y discards.
    pub confirm_discard: bool,
    /// A short note for the form's foot (a paste cut short, three languages).
    pub note: Option<String>,
    pub today: NaiveDate,
    /// The cursor just came to the field: a date typed now replaces the
    /// one shown (as if it were selected); an edit key keeps it.
    pub fresh: bool,
}

impl Fields {
    pub fn new(list: Vec<Field>, today: NaiveDate) -> Fields {
        Fields {
            list,
            focus: 0,
            confirm_discard: false,
            note: None,
            today,
            fresh: true,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Field> {
        self.list.iter().find(|f| f.key == key)
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.list.iter_mut().find(|f| f.key == key)
    }
    pub fn index(&self, key: &str) -> Option<usize> {
        self.list.iter().position(|f| f.key == key)
    }

    /// Whether anything was typed or picked since the form opened.
    pub fn dirty(&self) -> bool {
        self.list.iter().any(|f| f.value() != f.initial)
    }

    /// Sets an error on a field (by key), focusing the first wrong field.
    pub fn fail(&mut self, key: &str, msg: impl Into<String>) -> bool {
        match self.index(key) {
            Some(i) => {
                self.list[i].error = Some(msg.into());
                true
            }
            None => false,
        }
    }

    /// Checks every field; focuses the first wrong one.
    pub fn check_all(&mut self) -> bool {
        let today = self.today;
        let mut first = None;
        for (i, f) in self.list.iter_mut().enumerate() {
            if !f.check(today) && first.is_none() {
                first = Some(i);
            }
        }
        if let Some(i) = first {
            self.focus = i;
            self.fresh = true;
        }
        first.is_none()
    }

    /// Focuses the first field with an error; returns how many have one.
    pub fn focus_first_error(&mut self) -> usize {
        if let Some(i) = self.list.iter().position(|f| f.error.is_some()) {
            self.focus = i;
            self.fresh = true;
        }
        self.list.iter().filter(|f| f.error.is_some()).count()
    }

    fn leave(&mut self) {
        let today = self.today;
        if let Some(f) = self.list.get_mut(self.focus) {
            // An empty field is only complained about at the save.
            if !f.value().trim().is_empty() {
                f.check(today);
            }
        }
    }

    fn go(&mut self, forward: bool) {
        self.leave();
        self.fresh = true;
        let n = self.list.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Pastes text into the focused field.
    pub fn paste(&mut self, s: &str) {
        let clean = clean_pasted(s);
        let Some(f) = self.list.get_mut(self.focus) else {
            return;
        };
        if !f.is_text() {
            self.note = Some(format!(
                "{} is a list: pick with Left/Right or Space, pasted text is not used",
                f.label
            ));
            return;
        }
        f.error = None;
        let cut = clean.chars().count() < s.chars().count();
        if !f.insert(&clean) {
            self.note = Some(format!(
                "{} takes at most {} characters: the paste was cut",
                f.label,
                f.max()
            ));
        } else if cut {
            self.note =
                Some("pasted line breaks became spaces; control characters were left out".into());
        }
    }

    /// Feeds one key: `action` is what the `[form]` table makes of it.
    pub fn key(&mut self, action: Option<Action>, key: Key) -> FormEvent {
        if self.confirm_discard {
            self.confirm_discard = false;
            return match (action, key.code) {
                (Some(Action::CloseForm), _) | (_, KeyCode::Char('y' | 'Y')) => FormEvent::Close,
                _ => {
                    self.note = Some("kept: go on typing".into());
                    FormEvent::Nothing
                }
            };
        }
        self.note = None;
        let text = self.list.get(self.focus).is_some_and(|f| f.is_text());
        match action {
            Some(Action::NextField) => self.go(true),
            Some(Action::PrevField) => self.go(false),
            Some(Action::Submit) => {
                if self.focus + 1 >= self.list.len() {
                    self.leave();
                    return FormEvent::Save { over: false };
                }
                self.go(true);
            }
            Some(Action::Save) => {
                self.leave();
                return FormEvent::Save { over: false };
            }
            Some(Action::SaveOver) => {
                self.leave();
                return FormEvent::Save { over: true };
            }
            Some(Action::TakeTheirs) => return FormEvent::TakeTheirs,
            Some(Action::CloseForm) => {
                if self.dirty() {
                    self.confirm_discard = true;
                } else {
                    return FormEvent::Close;
                }
            }
            Some(Action::ClearInput) => {
                if let Some(f) = self.list.get_mut(self.focus)
                    && let Some(a) = f.area_mut()
                {
                    *a = *text_area("");
                    f.error = None;
                }
            }
            Some(a @ (Action::ChoicePrev | Action::ChoiceNext | Action::ChoiceToggle)) if !text => {
                if let Some(f) = self.list.get_mut(self.focus) {
                    f.error = None;
                    match a {
                        Action::ChoicePrev => f.cycle(false),
                        Action::ChoiceNext => f.cycle(true),
                        _ => self.note = f.toggle(),
                    }
                }
            }
            _ => self.raw_key(key),
        }
        FormEvent::Nothing
    }

    /// A key the form does not bind: edits the focused field.
    fn raw_key(&mut self, key: Key) {
        let fresh = std::mem::replace(&mut self.fresh, false);
        let Some(f) = self.list.get_mut(self.focus) else {
            return;
        };
        if fresh
            && matches!(f.kind, FieldKind::Date { .. })
            && key.typed_char().is_some_and(accepts)
            && let Some(a) = f.area_mut()
        {
            *a = *text_area("");
        }
        if !f.is_text() {
            if let Some(c) = key.typed_char() {
                if c == ' ' {
                    self.note = f.toggle();
                } else {
                    self.note = f.letter(c);
                }
                f.error = None;
            } else if matches!(key.code, KeyCode::Left) {
                f.cycle(false);
            } else if matches!(key.code, KeyCode::Right) {
                f.cycle(true);
            }
            return;
        }
        let max = f.max();
        let len = f.len();
        let Some(a) = f.area_mut() else {
            return;
        };
        let mut edited = true;
        match (key.code, key.ctrl, key.alt) {
            (KeyCode::Char(c), false, false) => {
                if !accepts(c) {
                    return;
                }
                if len >= max {
                    self.note = Some(format!("{} takes at most {max} characters", f.label));
                    return;
                }
                a.insert_char(c);
            }
            (KeyCode::Backspace, _, false) | (KeyCode::Char('h'), true, false) => {
                a.delete_char();
            }
            (KeyCode::Backspace, _, true) | (KeyCode::Char('w'), true, false) => {
                a.delete_word();
            }
            (KeyCode::Delete, _, _) | (KeyCode::Char('d'), true, false) => {
                a.delete_next_char();
            }
            (KeyCode::Char('k'), true, false) => {
                a.delete_line_by_end();
            }
            (KeyCode::Left, false, false) | (KeyCode::Char('b'), true, false) => {
                a.move_cursor(CursorMove::Back);
                edited = false;
            }
            (KeyCode::Right, false, false) | (KeyCode::Char('f'), true, false) => {
                a.move_cursor(CursorMove::Forward);
                edited = false;
            }
            (KeyCode::Left, true, _) | (KeyCode::Char('b'), false, true) => {
                a.move_cursor(CursorMove::WordBack);
                edited = false;
            }
            (KeyCode::Right, true, _) | (KeyCode::Char('f'), false, true) => {
                a.move_cursor(CursorMove::WordForward);
                edited = false;
            }
            (KeyCode::Home, _, _) | (KeyCode::Char('a'), true, false) => {
                a.move_cursor(CursorMove::Head);
                edited = false;
            }
            (KeyCode::End, _, _) | (KeyCode::Char('e'), true, false) => {
                a.move_cursor(CursorMove::End);
                edited = false;
            }
            _ => edited = false,
        }
        if edited {
            f.error = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    }

    #[test]
    fn pasted_text_is_cleaned() {
        assert_eq!(clean_pasted("a\r\nb\nc\td"), "a b c d");
        assert_eq!(clean_pasted("x\x1b[2Jy\u{202e}z\x07"), "x[2Jyz");
        assert_eq!(clean_pasted("Côte d'Ivoire"), "Côte d'Ivoire");
        assert_eq!(clean_pasted(&"a".repeat(MAX_PASTE + 10)).len(), MAX_PASTE);
    }

    #[test]
    fn dates_check_on_leaving_and_today_expands() {
        let mut fs = Fields::new(
            vec![
                Field::date("date", "Date", None, false),
                Field::text("note", "Note", "", 10),
            ],
            today(),
        );
        fs.key(None, Key::char('t'));
        fs.key(Some(Action::NextField), Key::new(KeyCode::Tab));
        assert_eq!(fs.list[0].value(), "2024-03-15");
        assert_eq!(fs.focus, 1);
        fs.key(Some(Action::PrevField), Key::new(KeyCode::BackTab));
        fs.key(Some(Action::ClearInput), Key::ctrl('u'));
        for c in "2023-02-30".chars() {
            fs.key(None, Key::char(c));
        }
        fs.key(Some(Action::NextField), Key::new(KeyCode::Tab));
        assert!(fs.list[0].error.as_deref().unwrap().contains("not a day"));
    }

    #[test]
    fn a_date_typed_on_arrival_replaces_the_one_shown() {
        let mut fs = Fields::new(
            vec![
                Field::text("note", "Note", "", 10),
                Field::date("date", "Date", Some(today()), false),
            ],
            today(),
        );
        fs.key(Some(Action::NextField), Key::new(KeyCode::Tab));
        for c in "2024-02-01".chars() {
            fs.key(None, Key::char(c));
        }
        assert_eq!(fs.list[1].value(), "2024-02-01");
        // An edit key first: the date is edited, not replaced.
        fs.key(Some(Action::PrevField), Key::new(KeyCode::BackTab));
        fs.key(Some(Action::NextField), Key::new(KeyCode::Tab));
        fs.key(None, Key::new(KeyCode::Backspace));
        fs.key(None, Key::char('2'));
        assert_eq!(fs.list[1].value(), "2024-02-02");
    }

    #[test]
    fn text_fields_refuse_control_characters_and_keep_their_size() {
        let mut fs = Fields::new(vec![Field::text("note", "Note", "", 5)], today());
        for c in "ab\u{7}\u{202e}cdefg".chars() {
            fs.key(None, Key::char(c));
        }
        assert_eq!(fs.list[0].value(), "abcde");
        assert!(fs.note.is_some());
    }

    #[test]
    fn a_sanitised_prefill_keeps_the_stored_text_until_edited() {
        let mut f = Field::text("name", "Name", "Eve\x1b[2J", 50);
        assert_eq!(f.value(), "Eve^[[2J");
        assert_eq!(f.stored_value(), "Eve\x1b[2J");
        f.insert("!");
        assert_eq!(f.stored_value(), "Eve^[[2J!");
    }

    #[test]
    fn languages_pick_up_to_three_in_order() {
        let mut f = Field::languages("languages", "Languages", &[]);
        for c in ['f', 'e', 'a', 'r'] {
            f.letter(c);
        }
        assert_eq!(f.value(), "fr,en,ar");
        f.letter('e');
        assert_eq!(f.value(), "fr,ar");
    }
}
