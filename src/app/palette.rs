//! The command palette (`:`): every action the pane's keys can run, with
//! its keys, taken from the live keymap and narrowed by a fuzzy match on
//! what is typed. Enter runs the one selected.

use super::action::Action;
use super::cursor::LineInput;
use super::keymap::Context;
use super::keys::Key;
use super::{App, Mode};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// One line of the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    pub action: Action,
    /// Its keys on this pane, in keymap order.
    pub keys: Vec<Key>,
}

impl PaletteEntry {
    /// How well `query` names it: a fuzzy match on the action's name
    /// first, then every word of the query found in its description.
    fn score(
        &self,
        pattern: &Pattern,
        words: &[String],
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
    ) -> Option<u32> {
        let name = self.action.name().replace('_', " ");
        if let Some(s) = pattern.score(Utf32Str::new(&name, buf), matcher) {
            return Some(s + 1000);
        }
        let desc = self.action.description().to_lowercase();
        words.iter().all(|w| desc.contains(w.as_str())).then_some(1)
    }
}

impl App {
    /// Every action the keys of the pane shown run (its own table, then
    /// the global keys it does not take over), once each, in keymap order;
    /// the palette itself is left out.
    pub fn palette_all(&self) -> Vec<PaletteEntry> {
        let pane = self.pane().context();
        let mut out: Vec<PaletteEntry> = Vec::new();
        for section in self
            .keymap
            .help(pane, self.pane().title())
            .into_iter()
            .take(2)
        {
            for (keys, action) in section.entries {
                if matches!(action, Action::Palette | Action::Unbound) {
                    continue;
                }
                // A read-only session is not offered what it may not do.
                if self.session.read_only && action.is_editing() {
                    continue;
                }
                match out.iter_mut().find(|e| e.action == action) {
                    Some(e) => e.keys.extend(keys),
                    None => out.push(PaletteEntry { action, keys }),
                }
            }
        }
        out
    }

    /// The entries matching `query` (fuzzy on the name, case and accents
    /// ignored; or words of the description), best first; all of them for
    /// an empty query.
    pub fn palette_entries(&self, query: &str) -> Vec<PaletteEntry> {
        let all = self.palette_all();
        let query = query.trim();
        if query.is_empty() {
            return all;
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut scored: Vec<(u32, usize, PaletteEntry)> = all
            .into_iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let score = e.score(&pattern, &words, &mut matcher, &mut buf)?;
                Some((score, i, e))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, e)| e).collect()
    }

    /// A key while the palette is open: typing narrows it, the cursor
    /// keys choose, Enter runs, Esc closes.
    pub(in crate::app) fn palette_key(&mut self, key: Key, mut input: LineInput, selected: usize) {
        let action = self.keymap.get(Context::Input, key);
        let len = self.palette_entries(&input.text).len();
        let last = len.saturating_sub(1);
        let mut selected = selected.min(last);
        match action {
            Some(Action::Cancel) => {
                self.mode = Mode::Normal;
                return;
            }
            Some(Action::Confirm) => {
                self.mode = Mode::Normal;
                match self.palette_entries(&input.text).get(selected) {
                    Some(e) => self.apply(e.action),
                    None => self.say("no action matches"),
                }
                return;
            }
            Some(Action::Up) => selected = selected.saturating_sub(1),
            Some(Action::Down) => selected = (selected + 1).min(last),
            Some(Action::PageUp) => selected = selected.saturating_sub(10),
            Some(Action::PageDown) => selected = (selected + 10).min(last),
            Some(Action::DeleteBack) => {
                input.backspace();
                selected = 0;
            }
            Some(Action::ClearInput) => {
                input.clear();
                selected = 0;
            }
            Some(Action::CursorLeft) => input.left(),
            Some(Action::CursorRight) => input.right(),
            _ => {
                if let Some(c) = key.typed_char() {
                    input.insert(c);
                    selected = 0;
                }
            }
        }
        self.mode = Mode::Palette { input, selected };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Keymap;
    use crate::app::Session;
    use crate::domain::model::Desk;

    fn app() -> App {
        let today = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        App::new(
            Desk::default(),
            today,
            None,
            Keymap::defaults(),
            Session {
                db_path: "t.db".into(),
                user: "u".into(),
                read_only: false,
            },
        )
    }

    #[test]
    fn lists_the_panes_own_and_global_actions_with_their_keys() {
        let a = app();
        let all = a.palette_all();
        let find = |act| all.iter().find(|e| e.action == act);
        assert_eq!(find(Action::Remind).unwrap().keys, vec![Key::char('r')]);
        assert!(find(Action::Quit).unwrap().keys.contains(&Key::char('q')));
        assert!(find(Action::Palette).is_none());
        // Another pane's command is not offered on Overdue.
        assert!(find(Action::CopyEmail).is_none());
    }

    #[test]
    fn typing_narrows_and_enter_runs() {
        let mut a = app();
        a.handle_key(Key::char(':'));
        assert!(matches!(a.mode, Mode::Palette { .. }));
        a.type_text("remnd");
        let Mode::Palette { input, .. } = &a.mode else {
            panic!("palette closed");
        };
        let first = a.palette_entries(&input.text)[0].action;
        assert_eq!(first, Action::Remind);
        // Words of a description find an action too; nothing else.
        let found: Vec<Action> = a
            .palette_entries("clipboard")
            .iter()
            .map(|e| e.action)
            .collect();
        assert!(found.is_empty(), "{found:?}");
        let found = a.palette_entries("obligation filter");
        assert_eq!(found[0].action, Action::FilterObligation, "{found:?}");
        a.type_text("");
        a.handle_key(Key::new(crate::app::KeyCode::Esc));
        assert_eq!(a.mode, Mode::Normal);
        a.handle_key(Key::char(':'));
        a.type_text("pane contacts");
        a.handle_key(Key::new(crate::app::KeyCode::Enter));
        assert_eq!(a.pane(), crate::app::Pane::Contacts);
    }
}
