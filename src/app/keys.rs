//! Keys as the app sees them: a small terminal-free type, spelled in the
//! keymap as strings like `"j"`, `"G"`, `"?"`, `"ctrl-d"`, `"shift-tab"`,
//! `"pagedown"`, `"enter"`. The terminal layer converts its own key events
//! into [`Key`]; nothing here knows about crossterm.

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key with the modifiers that matter. Shift is folded into the
/// character (`G`, `?`) or the code (`BackTab`); control letters are
/// always lower case, so `ctrl-D` and `ctrl-d` are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Named keys, in the spelling the keymap uses first.
const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub const fn new(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
    pub const fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }
    pub fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            ctrl: true,
            alt: false,
        }
    }
    /// Normalises a key built from a terminal event (control letters lower
    /// case, shift-tab as back-tab is the caller's business).
    pub fn normalized(mut self) -> Key {
        if self.ctrl
            && let KeyCode::Char(c) = self.code
        {
            self.code = KeyCode::Char(c.to_ascii_lowercase());
        }
        self
    }

    /// The character this key types into a text field, if any.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }

    /// Parses a keymap spelling: a single character (`"G"`, `"?"`), or a
    /// name (`"enter"`, `"pagedown"`, `"f1"`) with optional `ctrl-`,
    /// `alt-` and `shift-` prefixes (`"ctrl-d"`, `"shift-tab"`).
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            // A single character is the key itself, even "-".
            if rest.chars().count() == 1 {
                break;
            }
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-") {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-") {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        if rest.is_empty() {
            return Err(format!("{s:?} names no key"));
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if c.is_control() {
                    return Err(format!("{s:?}: control characters are not key names"));
                }
                if shift {
                    if !c.is_alphabetic() {
                        return Err(format!(
                            "{s:?}: write the shifted character itself instead of shift-"
                        ));
                    }
                    shift = false;
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else if ctrl {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(&(_, code)) = NAMES.iter().find(|(n, _)| *n == lower) {
                    code
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCode::F(n)
                } else {
                    return Err(format!(
                        "{s:?} is not a key (use one character, or a name: enter esc tab backspace \
                         delete insert up down left right home end pageup pagedown space f1-f12, \
                         with ctrl- alt- shift- before it)"
                    ));
                }
            }
        };
        let code = match (code, shift) {
            (KeyCode::Tab, true) => KeyCode::BackTab,
            (code, false) => code,
            (_, true) => return Err(format!("{s:?}: shift- goes only with letters and tab")),
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The canonical keymap spelling (parses back to the same key).
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "shift-tab".to_string(),
            KeyCode::F(n) => format!("f{n}"),
            other => NAMES
                .iter()
                .find(|(_, c)| *c == other)
                .map(|(n, _)| n.to_string())
                .unwrap_or_default(),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("ctrl-");
        }
        if self.alt {
            s.push_str("alt-");
        }
        s.push_str(&base);
        s
    }

    /// A short label for help and hint bars: `Ctrl-d`, `Shift-Tab`, `PgDn`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        s.push_str(&base);
        s
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(Key::parse("G").unwrap(), Key::char('G'));
        assert_eq!(Key::parse("shift-g").unwrap(), Key::char('G'));
        assert_eq!(Key::parse("?").unwrap(), Key::char('?'));
        assert_eq!(Key::parse("-").unwrap(), Key::char('-'));
        assert_eq!(Key::parse("ctrl-d").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("Ctrl-D").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("shift-tab").unwrap(), Key::new(KeyCode::BackTab));
        assert_eq!(Key::parse("PgDn").unwrap(), Key::new(KeyCode::PageDown));
        assert_eq!(Key::parse("f1").unwrap(), Key::new(KeyCode::F(1)));
        assert_eq!(Key::parse("space").unwrap(), Key::char(' '));
        for bad in ["", "ctrl-", "pagedownn", "f13", "shift-1", "shift-enter"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for s in [
            "j",
            "G",
            "?",
            "ctrl-d",
            "shift-tab",
            "pagedown",
            "enter",
            "space",
            "f5",
            "alt-x",
        ] {
            let k = Key::parse(s).unwrap();
            assert_eq!(Key::parse(&k.name()).unwrap(), k, "{s}");
        }
    }
}
