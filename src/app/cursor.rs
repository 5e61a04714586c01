//! A selection in a list of rows, and a one-line text field.

use super::action::Action;

/// The selected row of a list and the first row on screen. The screen tells
/// it how many rows fit (`height`), so paging moves by a screenful.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
}

impl ListCursor {
    fn page(&self) -> usize {
        self.height.max(1)
    }

    /// Applies a movement; returns false for actions that are not movements.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let s = self.selected;
        self.selected = match action {
            Action::Up => s.saturating_sub(1),
            Action::Down => (s + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => s.saturating_sub(self.page()),
            Action::PageDown => (s + self.page()).min(last),
            Action::HalfPageUp => s.saturating_sub(self.page().div_ceil(2)),
            Action::HalfPageDown => (s + self.page().div_ceil(2)).min(last),
            _ => return false,
        };
        if matches!(action, Action::PageUp | Action::PageDown) {
            // Keep the selection's place on screen, as pagers do.
            let rel = s.saturating_sub(self.offset);
            self.offset = self.selected.saturating_sub(rel);
        }
        self.settle(len);
        true
    }

    /// Keeps the selection inside the list and on screen.
    pub fn settle(&mut self, len: usize) {
        if len == 0 {
            *self = ListCursor {
                height: self.height,
                ..Default::default()
            };
            return;
        }
        self.selected = self.selected.min(len - 1);
        let h = self.page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.height == 0 {
            // Not drawn yet: the height is unknown, and the first frame
            // scrolls as far as it needs (keys pressed before it must not
            // scroll a screenful of rows away).
            return;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        // No empty space below the last row when the list could fill it.
        self.offset = self.offset.min(len.saturating_sub(h));
    }

    /// Sets the screen height and returns the rows to draw.
    pub fn visible(&mut self, len: usize, height: usize) -> std::ops::Range<usize> {
        self.height = height;
        self.settle(len);
        self.offset..(self.offset + height).min(len)
    }
}

/// A line of typed text with a cursor (in characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }
    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(b, _)| b)
    }
    pub fn insert(&mut self, c: char) {
        let b = self.byte(self.cursor);
        self.text.insert(b, c);
        self.cursor += 1;
    }
    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            let b = self.byte(self.cursor - 1);
            self.text.remove(b);
            self.cursor -= 1;
        }
    }
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
    /// The text before the cursor (to place the terminal cursor).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte(self.cursor)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_before_the_first_frame_do_not_scroll() {
        let mut c = ListCursor::default();
        for _ in 0..6 {
            c.apply(Action::Down, 100);
        }
        assert_eq!((c.selected, c.offset), (6, 0));
        // The first frame: 20 rows fit, row 6 is on screen as it is.
        assert_eq!(c.visible(100, 20), 0..20);
        // Once drawn, moving past the screen scrolls.
        c.apply(Action::Bottom, 100);
        assert_eq!(c.offset, 80);
    }

    #[test]
    fn movements_stay_in_bounds() {
        let mut c = ListCursor {
            height: 10,
            ..Default::default()
        };
        c.apply(Action::Up, 5);
        assert_eq!(c.selected, 0);
        c.apply(Action::Bottom, 5);
        assert_eq!(c.selected, 4);
        c.apply(Action::Down, 5);
        assert_eq!(c.selected, 4);
        c.apply(Action::PageDown, 100);
        assert_eq!(c.selected, 14);
        assert!(c.offset <= 14 && 14 < c.offset + 10);
        c.apply(Action::HalfPageUp, 100);
        assert_eq!(c.selected, 9);
        c.apply(Action::Top, 0);
        assert_eq!(c.selected, 0);
    }

    #[test]
    fn line_input_edits_by_character() {
        let mut l = LineInput::default();
        for c in "Côte".chars() {
            l.insert(c);
        }
        l.left();
        l.left();
        l.backspace();
        assert_eq!(l.text, "Cte");
        assert_eq!(l.before_cursor(), "C");
        l.right();
        l.right();
        l.right();
        assert_eq!(l.cursor, 3);
    }
}
