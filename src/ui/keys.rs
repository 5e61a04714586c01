//! Terminal key events to the app's keys: the one place crossterm's key
//! types meet the app.

use crate::app::{Key, KeyCode};
use ratatui::crossterm::event::{KeyCode as CKey, KeyEvent, KeyEventKind, KeyModifiers};

/// Converts a key press; `None` for releases and keys the app ignores.
pub fn from_event(e: KeyEvent) -> Option<Key> {
    if e.kind == KeyEventKind::Release {
        return None;
    }
    let shift = e.modifiers.contains(KeyModifiers::SHIFT);
    let code = match e.code {
        CKey::Char(c) => KeyCode::Char(c),
        CKey::Enter => KeyCode::Enter,
        CKey::Esc => KeyCode::Esc,
        CKey::Tab if shift => KeyCode::BackTab,
        CKey::Tab => KeyCode::Tab,
        CKey::BackTab => KeyCode::BackTab,
        CKey::Backspace => KeyCode::Backspace,
        CKey::Delete => KeyCode::Delete,
        CKey::Insert => KeyCode::Insert,
        CKey::Up => KeyCode::Up,
        CKey::Down => KeyCode::Down,
        CKey::Left => KeyCode::Left,
        CKey::Right => KeyCode::Right,
        CKey::Home => KeyCode::Home,
        CKey::End => KeyCode::End,
        CKey::PageUp => KeyCode::PageUp,
        CKey::PageDown => KeyCode::PageDown,
        CKey::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
        .normalized(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        let k = |c, m| from_event(KeyEvent::new(c, m));
        assert_eq!(
            k(CKey::Char('G'), KeyModifiers::SHIFT),
            Some(Key::char('G'))
        );
        assert_eq!(
            k(CKey::Char('d'), KeyModifiers::CONTROL),
            Some(Key::ctrl('d'))
        );
        assert_eq!(
            k(CKey::Tab, KeyModifiers::SHIFT),
            Some(Key::new(KeyCode::BackTab))
        );
        assert_eq!(
            k(CKey::BackTab, KeyModifiers::SHIFT),
            Some(Key::new(KeyCode::BackTab))
        );
    }
}
