//! The terminal backend: crossterm's, but writing fewer bytes for the
//! same screen. Over SSH a row move should cost a few hundred bytes
//! (PERFORMANCE.md), and most of a small frame is not text but escape
//! sequences. What it does differently from `CrosstermBackend::draw`:
//! - a colour change says only what changed (foreground or background),
//!   not both;
//! - dropping every attribute is one `CSI 0 m`, not one per attribute;
//! - the next line's start is reached with `CSI E`, a jump forward on the
//!   same line after plain text with `CSI n C`, instead of an absolute
//!   move each time;
//! - a frame ends with a reset only when something is set;
//! - the cursor is hidden once, not on every frame.
//!
//! Everything else is crossterm's backend, unchanged.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveRight, MoveTo};
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Colors, Print, SetAttribute, SetBackgroundColor, SetColors, SetForegroundColor,
    SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// [`CrosstermBackend`] with a leaner [`Backend::draw`] (see the module).
pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether the terminal's cursor is known to be hidden.
    hidden: bool,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> LeanBackend<W> {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            hidden: false,
        }
    }
}

/// What the terminal's pen is set to while a frame is written.
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const RESET: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn is_reset(&self) -> bool {
        self.fg == Color::Reset
            && self.bg == Color::Reset
            && self.underline == Color::Reset
            && self.modifier.is_empty()
    }

    /// Sets the pen to `cell`'s style, writing only what changes.
    fn take(&mut self, w: &mut impl Write, cell: &Cell) -> io::Result<()> {
        if cell.modifier != self.modifier {
            if !(self.modifier - cell.modifier).is_empty() {
                // Something is dropped: start again from nothing.
                queue!(w, SetAttribute(Attribute::Reset))?;
                *self = Pen::RESET;
            }
            add_modifiers(w, cell.modifier - self.modifier)?;
            self.modifier = cell.modifier;
        }
        let fg = (cell.fg != self.fg).then_some(cell.fg.into_crossterm());
        let bg = (cell.bg != self.bg).then_some(cell.bg.into_crossterm());
        match (fg, bg) {
            (Some(f), Some(b)) => queue!(w, SetColors(Colors::new(f, b)))?,
            (Some(f), None) => queue!(w, SetForegroundColor(f))?,
            (None, Some(b)) => queue!(w, SetBackgroundColor(b))?,
            (None, None) => {}
        }
        (self.fg, self.bg) = (cell.fg, cell.bg);
        if cell.underline_color != self.underline {
            queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
            self.underline = cell.underline_color;
        }
        Ok(())
    }
}

fn add_modifiers(w: &mut impl Write, added: Modifier) -> io::Result<()> {
    const ATTRIBUTES: [(Modifier, Attribute); 9] = [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    for (m, a) in ATTRIBUTES {
        if added.contains(m) {
            queue!(w, SetAttribute(a))?;
        }
    }
    Ok(())
}

/// Where the terminal's cursor is after the last cell written, and
/// whether that cell was one column of plain ASCII (so a move forward on
/// the same line can be relative).
#[derive(Clone, Copy)]
struct At {
    x: u16,
    y: u16,
    narrow: bool,
}

/// Moves the cursor from `at` (unknown: `None`) to `(x, y)` in as few
/// bytes as the terminal allows.
fn go(w: &mut impl Write, at: Option<At>, x: u16, y: u16) -> io::Result<()> {
    match at {
        Some(a) if a.y == y && a.x + 1 == x => Ok(()),
        // `CSI E` (next line), from any column, also the last (waiting to
        // wrap). Not CR LF: a newline makes standard output, which is
        // line-buffered, split the frame into two writes.
        Some(a) if x == 0 && a.y + 1 == y => w.write_all(b"\x1b[E"),
        Some(a) if a.y == y && a.narrow && x > a.x + 1 => queue!(w, MoveRight(x - a.x - 1)),
        _ => queue!(w, MoveTo(x, y)),
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.inner;
        let mut pen = Pen::RESET;
        let mut at: Option<At> = None;
        for (x, y, cell) in content {
            go(w, at, x, y)?;
            pen.take(w, cell)?;
            let symbol = cell.symbol();
            queue!(w, Print(symbol))?;
            at = Some(At {
                x,
                y,
                narrow: matches!(symbol.as_bytes(), [b' '..=b'~']),
            });
        }
        if !pen.is_reset() {
            queue!(w, SetAttribute(Attribute::Reset))?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.hidden {
            queue!(self.inner, Hide)?;
            self.hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.hidden = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    /// Also forgets whether the cursor is hidden: a screen cleared is one
    /// taken back (after a suspend), where anything may have shown it.
    fn clear(&mut self) -> io::Result<()> {
        self.hidden = false;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.hidden = false;
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }

    fn scroll_region_up(&mut self, region: std::ops::Range<u16>, amount: u16) -> io::Result<()> {
        self.inner.scroll_region_up(region, amount)
    }

    fn scroll_region_down(&mut self, region: std::ops::Range<u16>, amount: u16) -> io::Result<()> {
        self.inner.scroll_region_down(region, amount)
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A small deterministic generator (no dependency for one test).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    fn random_buffer(g: &mut Lcg, area: Rect) -> Buffer {
        const TEXT: [&str; 6] = ["ab", " ", "  x", "─│", "█", "中文"];
        const COLOURS: [Color; 5] = [
            Color::Reset,
            Color::Red,
            Color::Indexed(8),
            Color::Rgb(1, 2, 3),
            Color::LightCyan,
        ];
        const MODS: [Modifier; 5] = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::REVERSED,
            Modifier::DIM,
            Modifier::UNDERLINED,
        ];
        let mut b = Buffer::empty(area);
        for _ in 0..g.next(40) {
            let mut mods = MODS[g.next(5)] | MODS[g.next(5)];
            // Never bold and dim at once (a write adds to the cell's
            // modifiers): terminals disagree (one intensity or two), and
            // crossterm's backend sets the two in either order.
            let other = if mods.contains(Modifier::BOLD) {
                mods.remove(Modifier::DIM);
                Modifier::DIM
            } else if mods.contains(Modifier::DIM) {
                Modifier::BOLD
            } else {
                Modifier::empty()
            };
            let style = Style::default()
                .fg(COLOURS[g.next(5)])
                .bg(COLOURS[g.next(5)])
                .add_modifier(mods)
                .remove_modifier(other);
            let (x, y) = (g.next(area.width as usize), g.next(area.height as usize));
            b.set_string(x as u16, y as u16, TEXT[g.next(6)], style);
        }
        b
    }

    /// A writer whose bytes the test can take while a backend owns it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// What a terminal shows after `frames`, drawn as ratatui does (the
    /// cells that changed since the frame before, then the cursor hidden),
    /// and how many bytes that took.
    fn shown<B: Backend>(frames: &[Buffer], mut backend: B, out: &Shared) -> (String, usize) {
        let area = frames[0].area;
        let mut before = Buffer::empty(area);
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
        let mut parser = vt100::Parser::new(size(area.height), size(area.width), 0);
        let mut bytes = 0;
        for f in frames {
            assert!(backend.draw(before.diff(f).into_iter()).is_ok());
            assert!(backend.hide_cursor().is_ok());
            let written = std::mem::take(&mut *out.0.borrow_mut());
            // A newline would split the frame's one write (standard
            // output is line-buffered).
            assert!(!written.contains(&b'\n'));
            bytes += written.len();
            parser.process(&written);
            before = f.clone();
        }
        let screen = parser.screen();
        let text = screen.contents_formatted();
        (format!("{text}|hidden: {}", screen.hide_cursor()), bytes)
    }

    #[test]
    fn the_screen_is_the_same_as_with_crossterms_backend_in_fewer_bytes() {
        let area = Rect::new(0, 0, 20, 6);
        let (mut lean_bytes, mut plain_bytes) = (0, 0);
        for seed in 0..300 {
            let mut g = Lcg(seed);
            let frames: Vec<Buffer> = (0..4).map(|_| random_buffer(&mut g, area)).collect();
            let out = Shared::default();
            let (lean, n) = shown(&frames, LeanBackend::new(out.clone()), &out);
            lean_bytes += n;
            let (plain, n) = shown(&frames, CrosstermBackend::new(out.clone()), &out);
            plain_bytes += n;
            assert_eq!(lean, plain, "seed {seed}");
        }
        assert!(
            lean_bytes * 10 < plain_bytes * 9,
            "{lean_bytes} vs {plain_bytes}"
        );
    }
}
