//! Colours and emphasis. Two themes (dark, light) and a monochrome one for
//! `NO_COLOR`: everything that matters (selection, lateness, headings)
//! stays visible through modifiers and glyphs alone.

use crate::app::ThemeKind;
use crate::app::lines::Tone;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
    /// False under `NO_COLOR`.
    pub color: bool,
}

/// `NO_COLOR` set and not empty (<https://no-color.org>).
pub fn no_color_from_env() -> bool {
    no_color(std::env::var_os("NO_COLOR").as_deref())
}

/// Whether a `NO_COLOR` value turns colour off.
pub fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// `REVDESK_THEME=light` starts in the light theme.
pub fn kind_from_env() -> ThemeKind {
    kind(std::env::var("REVDESK_THEME").ok().as_deref())
}

/// The theme a `REVDESK_THEME` value asks for (dark unless "light").
pub fn kind(value: Option<&str>) -> ThemeKind {
    match value {
        Some(v) if v.trim().eq_ignore_ascii_case("light") => ThemeKind::Light,
        _ => ThemeKind::Dark,
    }
}

impl Theme {
    pub fn new(kind: ThemeKind, color: bool) -> Theme {
        Theme { kind, color }
    }
    pub fn mono() -> Theme {
        Theme::new(ThemeKind::Dark, false)
    }

    fn fg(&self, dark: Color, light: Color) -> Style {
        if !self.color {
            return Style::new();
        }
        Style::new().fg(match self.kind {
            ThemeKind::Dark => dark,
            ThemeKind::Light => light,
        })
    }

    pub fn tone(&self, t: Tone) -> Style {
        match t {
            Tone::Normal => Style::new(),
            Tone::Heading => self
                .fg(Color::Cyan, Color::Blue)
                .add_modifier(Modifier::BOLD),
            Tone::Warn => {
                if self.color {
                    self.fg(Color::LightRed, Color::Red)
                } else {
                    Style::new().add_modifier(Modifier::BOLD)
                }
            }
            Tone::Soon => {
                if self.color {
                    self.fg(Color::Yellow, Color::Magenta)
                } else {
                    Style::new().add_modifier(Modifier::UNDERLINED)
                }
            }
            Tone::Good => self.fg(Color::Green, Color::Green),
            Tone::Dim => {
                if self.color {
                    self.fg(Color::DarkGray, Color::DarkGray)
                } else {
                    Style::new().add_modifier(Modifier::DIM)
                }
            }
        }
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Cyan, Color::Blue)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// The selected row: reversed in every theme, so it shows without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn tab(&self) -> Style {
        self.fg(Color::Gray, Color::DarkGray)
    }
    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn bar(&self) -> Style {
        if self.color {
            match self.kind {
                ThemeKind::Dark => Style::new().bg(Color::DarkGray).fg(Color::White),
                ThemeKind::Light => Style::new().bg(Color::Gray).fg(Color::Black),
            }
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow, Color::Blue)
            .add_modifier(Modifier::BOLD)
    }
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray, Color::Gray)
    }
    pub fn label(&self) -> Style {
        self.tone(Tone::Dim)
    }
    pub fn warn(&self) -> Style {
        self.tone(Tone::Warn)
    }

    /// Style and glyph of a figure's series `i`: the glyph tells series
    /// apart when there is no colour.
    pub fn series(&self, i: usize) -> (Style, char) {
        const GLYPHS: [char; 6] = ['█', '▓', '▒', '░', '▚', '▞'];
        const DARK: [Color; 6] = [
            Color::LightRed,
            Color::Yellow,
            Color::Cyan,
            Color::LightBlue,
            Color::Magenta,
            Color::Green,
        ];
        const LIGHT: [Color; 6] = [
            Color::Red,
            Color::Magenta,
            Color::Blue,
            Color::Cyan,
            Color::DarkGray,
            Color::Green,
        ];
        let style = if self.color {
            Style::new().fg(match self.kind {
                ThemeKind::Dark => DARK[i % 6],
                ThemeKind::Light => LIGHT[i % 6],
            })
        } else {
            Style::new()
        };
        (style, GLYPHS[i % 6])
    }
}
