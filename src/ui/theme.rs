//! Colours and emphasis. Two themes (dark, light) and a monochrome one for
//! `NO_COLOR`: everything that matters (selection, lateness, headings)
//! stays visible through modifiers and glyphs alone.
//!
//! Colours go by role; `theme.toml` in revdesk's config folder
//! (`~/.config/revdesk/theme.toml` on Linux) changes any of them in either
//! built-in theme, e.g.
//!
//! ```toml
//! [dark]
//! heading = "lightblue"
//! warn = "#ff5f5f"
//! [light]
//! key = "magenta"
//! ```
//!
//! Colours are names (`red`, `lightred`, `darkgray`, ...), `#rrggbb` or a
//! number 0-255. The theme chosen with `T` is remembered in `state.toml`
//! beside it.

use crate::app::ThemeKind;
use crate::app::lines::Tone;
use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

macro_rules! roles {
    ($($role:ident => $dark:expr, $light:expr, $what:literal;)+) => {
        /// A theme's colour for each role.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Palette { $(#[doc = $what] pub $role: Color,)+ }

        impl Palette {
            /// The roles, as named in `theme.toml`.
            pub const ROLES: &'static [&'static str] = &[$(stringify!($role)),+];
            pub const DARK: Palette = Palette { $($role: $dark,)+ };
            pub const LIGHT: Palette = Palette { $($role: $light,)+ };
            fn slot(&mut self, role: &str) -> Option<&mut Color> {
                match role { $(stringify!($role) => Some(&mut self.$role),)+ _ => None }
            }
        }
    };
}

roles! {
    heading => Color::Cyan, Color::Blue, "Headings and section titles.";
    warn => Color::LightRed, Color::Red, "Late, missing, refused.";
    soon => Color::Yellow, Color::Magenta, "Due soon.";
    good => Color::Green, Color::Green, "Met, done.";
    dim => Color::DarkGray, Color::DarkGray, "Labels and what matters less.";
    header => Color::Cyan, Color::Blue, "Table headers.";
    tab => Color::Gray, Color::DarkGray, "Tabs not shown.";
    bar_fg => Color::White, Color::Black, "Status bar text.";
    bar_bg => Color::DarkGray, Color::Gray, "Status bar background.";
    key => Color::Yellow, Color::Blue, "Keys in hints and help.";
    border => Color::DarkGray, Color::Gray, "Borders of boxes.";
}

impl Palette {
    pub fn builtin(kind: ThemeKind) -> Palette {
        match kind {
            ThemeKind::Dark => Palette::DARK,
            ThemeKind::Light => Palette::LIGHT,
        }
    }
}

/// The two palettes as a theme file leaves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palettes {
    pub dark: Palette,
    pub light: Palette,
}

impl Default for Palettes {
    fn default() -> Palettes {
        Palettes {
            dark: Palette::DARK,
            light: Palette::LIGHT,
        }
    }
}

impl Palettes {
    pub fn get(&self, kind: ThemeKind) -> Palette {
        match kind {
            ThemeKind::Dark => self.dark,
            ThemeKind::Light => self.light,
        }
    }

    /// Reads a theme file's text (`source` names it in errors): only the
    /// roles it names change.
    pub fn parse(text: &str, source: &str) -> Result<Palettes, String> {
        let tables: BTreeMap<String, BTreeMap<String, String>> =
            toml::from_str(text).map_err(|e| format!("{source}: {}", e.message().trim()))?;
        let mut out = Palettes::default();
        for (name, roles) in tables {
            let palette = match name.as_str() {
                "dark" => &mut out.dark,
                "light" => &mut out.light,
                other => {
                    return Err(format!(
                        "{source}: [{other}] is not a theme (use [dark] or [light])"
                    ));
                }
            };
            for (role, value) in roles {
                let slot = palette.slot(&role).ok_or_else(|| {
                    format!(
                        "{source}: [{name}] {role} is not a role (roles: {})",
                        Palette::ROLES.join(", ")
                    )
                })?;
                *slot = Color::from_str(value.trim()).map_err(|_| {
                    format!(
                        "{source}: [{name}] {role} = {value:?} is not a colour \
                         (a name such as lightred, #rrggbb, or 0-255)"
                    )
                })?;
            }
        }
        Ok(out)
    }

    /// The theme file in the config folder, if any; a broken file is
    /// said (`Err`), and the built-in colours are used.
    pub fn load(path: Option<&Path>) -> (Palettes, Option<String>) {
        let Some(path) = path else {
            return (Palettes::default(), None);
        };
        match std::fs::read_to_string(path) {
            Ok(text) => match Palettes::parse(&text, &path.display().to_string()) {
                Ok(p) => (p, None),
                Err(e) => (Palettes::default(), Some(e)),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Palettes::default(), None),
            Err(e) => (
                Palettes::default(),
                Some(format!("{} cannot be read: {e}", path.display())),
            ),
        }
    }
}

/// `theme.toml` in the config folder.
pub fn theme_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "UNODC", "revdesk")
        .map(|d| d.config_dir().join("theme.toml"))
}

/// `state.toml` in the config folder: what the session remembers (the
/// theme chosen with `T`).
pub fn state_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "UNODC", "revdesk")
        .map(|d| d.config_dir().join("state.toml"))
}

/// The theme remembered in a state file's text.
pub fn remembered(text: &str) -> Option<ThemeKind> {
    let v: toml::Table = toml::from_str(text).ok()?;
    match v.get("theme")?.as_str()? {
        "light" => Some(ThemeKind::Light),
        "dark" => Some(ThemeKind::Dark),
        _ => None,
    }
}

/// Remembers the theme in the state file (other keys in it are kept).
pub fn remember(path: &Path, kind: ThemeKind) -> std::io::Result<()> {
    let mut v: toml::Table = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default();
    let name = match kind {
        ThemeKind::Dark => "dark",
        ThemeKind::Light => "light",
    };
    v.insert("theme".into(), toml::Value::String(name.into()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = toml::to_string(&v).map_err(std::io::Error::other)?;
    std::fs::write(
        path,
        format!("# revdesk remembers these between sessions.\n{text}"),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
    /// False under `NO_COLOR`.
    pub color: bool,
    pub palette: Palette,
}

/// `NO_COLOR` set and not empty (<https://no-color.org>).
pub fn no_color_from_env() -> bool {
    no_color(std::env::var_os("NO_COLOR").as_deref())
}

/// Whether a `NO_COLOR` value turns colour off.
pub fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// `REVDESK_THEME=light` starts in the light theme; without it, the
/// theme last chosen with `T` (dark the first time).
pub fn kind_from_env() -> ThemeKind {
    match std::env::var("REVDESK_THEME") {
        Ok(v) => kind(Some(&v)),
        Err(_) => state_path()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| remembered(&t))
            .unwrap_or(ThemeKind::Dark),
    }
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
        Theme {
            kind,
            color,
            palette: Palette::builtin(kind),
        }
    }
    /// The theme with the colours of a theme file.
    pub fn with(kind: ThemeKind, color: bool, palettes: &Palettes) -> Theme {
        Theme {
            kind,
            color,
            palette: palettes.get(kind),
        }
    }
    pub fn mono() -> Theme {
        Theme::new(ThemeKind::Dark, false)
    }

    fn fg(&self, role: Color) -> Style {
        if !self.color {
            return Style::new();
        }
        Style::new().fg(role)
    }

    pub fn tone(&self, t: Tone) -> Style {
        match t {
            Tone::Normal => Style::new(),
            Tone::Heading => self.fg(self.palette.heading).add_modifier(Modifier::BOLD),
            Tone::Warn => {
                if self.color {
                    self.fg(self.palette.warn)
                } else {
                    Style::new().add_modifier(Modifier::BOLD)
                }
            }
            Tone::Soon => {
                if self.color {
                    self.fg(self.palette.soon)
                } else {
                    Style::new().add_modifier(Modifier::UNDERLINED)
                }
            }
            Tone::Good => self.fg(self.palette.good),
            Tone::Dim => {
                if self.color {
                    self.fg(self.palette.dim)
                } else {
                    Style::new().add_modifier(Modifier::DIM)
                }
            }
        }
    }

    pub fn header(&self) -> Style {
        self.fg(self.palette.header)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// The selected row: reversed in every theme, so it shows without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn tab(&self) -> Style {
        self.fg(self.palette.tab)
    }
    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn bar(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.bar_bg).fg(self.palette.bar_fg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self) -> Style {
        self.fg(self.palette.border)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_file_changes_only_the_roles_it_names() {
        let p = Palettes::parse(
            "[dark]\nheading = \"lightblue\"\nwarn = \"#ff0000\"\n[light]\nkey = \"5\"\n",
            "t",
        )
        .unwrap();
        assert_eq!(p.dark.heading, Color::LightBlue);
        assert_eq!(p.dark.warn, Color::Rgb(255, 0, 0));
        assert_eq!(p.dark.key, Palette::DARK.key);
        assert_eq!(p.light.key, Color::Indexed(5));
        let th = Theme::with(ThemeKind::Dark, true, &p);
        assert_eq!(th.tone(Tone::Heading).fg, Some(Color::LightBlue));
        // Without colour the roles do not matter.
        assert_eq!(
            Theme::with(ThemeKind::Dark, false, &p)
                .tone(Tone::Heading)
                .fg,
            None
        );
    }

    #[test]
    fn a_wrong_theme_file_names_what_is_wrong() {
        let e = Palettes::parse("[dark]\nheadin = \"red\"\n", "t.toml").unwrap_err();
        assert!(e.contains("headin is not a role"), "{e}");
        let e = Palettes::parse("[dark]\nwarn = \"reddish\"\n", "t.toml").unwrap_err();
        assert!(e.contains("is not a colour"), "{e}");
        let e = Palettes::parse("[blue]\n", "t.toml").unwrap_err();
        assert!(e.contains("not a theme"), "{e}");
    }

    #[test]
    fn the_theme_chosen_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("revdesk").join("state.toml");
        remember(&path, ThemeKind::Light).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(remembered(&text), Some(ThemeKind::Light));
        remember(&path, ThemeKind::Dark).unwrap();
        assert_eq!(
            remembered(&std::fs::read_to_string(&path).unwrap()),
            Some(ThemeKind::Dark)
        );
    }
}
