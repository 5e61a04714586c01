//! The keymap: flat TOML tables per context mapping key spellings to
//! action names,
//!
//! ```toml
//! [global]
//! "q" = "quit"
//! "ctrl-d" = "half_page_down"
//! [overdue]
//! "o" = "filter_obligation"
//! ```
//!
//! The defaults are `assets/keymap.toml`, compiled in. A user's
//! `keymap.toml` in the config folder overrides only the keys it names
//! (`"x" = "none"` unbinds a key). A pane's table wins over `[global]`;
//! `[input]` applies while typing a filter or a date, `[form]` in a form,
//! `[dialog]` in a question, a list to choose from or the audit trail. The help overlay and
//! the hint bar are generated from the merged keymap: one source of truth.

use super::action::Action;
use super::keys::Key;
use super::panes::Pane;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The built-in keymap.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where keys apply: everywhere, one pane, or while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    /// One pane's table, named by the pane.
    Pane(Pane),
    Input,
    /// In a form (fields, save, cancel).
    Form,
    /// In a dialog: a yes/no question, a list to choose from, the audit trail.
    Dialog,
}

/// The pane tables by their old names (`Context::Overdue`).
#[allow(non_upper_case_globals)]
impl Context {
    pub const Overdue: Context = Context::Pane(Pane::Overdue);
    pub const Reviews: Context = Context::Pane(Pane::Reviews);
    pub const Timeline: Context = Context::Pane(Pane::Timeline);
    pub const Parties: Context = Context::Pane(Pane::Parties);
    pub const Contacts: Context = Context::Pane(Pane::Contacts);
    pub const Figures: Context = Context::Pane(Pane::Figures);
}

impl Context {
    /// Every table, in the order the keymap file lists them.
    pub const ALL: [Context; Pane::COUNT + 4] = {
        let mut all = [Context::Global; Pane::COUNT + 4];
        let mut i = 0;
        while i < Pane::COUNT {
            all[i + 1] = Context::Pane(Pane::ALL[i]);
            i += 1;
        }
        all[Pane::COUNT + 1] = Context::Input;
        all[Pane::COUNT + 2] = Context::Form;
        all[Pane::COUNT + 3] = Context::Dialog;
        all
    };
    /// The TOML table name.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Pane(p) => p.unit().table(),
            Context::Input => "input",
            Context::Form => "form",
            Context::Dialog => "dialog",
        }
    }
    pub fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// Why `action` may not be bound in `context`'s table: a pane's command
/// bound in another pane's table.
fn misplaced(context: Context, action: Action) -> Option<String> {
    let Context::Pane(pane) = context else {
        return None;
    };
    let panes = Pane::handling(action);
    if panes.is_empty() || panes.contains(&pane) {
        return None;
    }
    Some(format!(
        "{} does nothing on the {} pane (use it in the table of {})",
        action.name(),
        pane.title(),
        super::panes::pane_list(&panes)
    ))
}

/// A keymap file that cannot be used, with the line at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// The file (or "built-in keymap").
    pub source: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, line {}: {}",
            self.source,
            self.line,
            self.message.trim_end()
        )
    }
}

impl std::error::Error for KeymapError {}

/// One binding in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
}

/// A section of the help overlay: a title and, per action, its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub title: String,
    pub entries: Vec<(Vec<Key>, Action)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<(Context, Key), Action>,
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

type RawTables = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

/// Parses one keymap text into bindings, in file order.
pub fn parse(text: &str, source: &str) -> Result<Vec<Binding>, KeymapError> {
    let err = |offset: usize, message: String| KeymapError {
        source: source.to_string(),
        line: line_of(text, offset),
        message,
    };
    let tables: RawTables = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        err(offset, e.message().to_string())
    })?;
    let mut out = Vec::new();
    for (ctx_name, table) in &tables {
        let Some(context) = Context::from_name(ctx_name.get_ref()) else {
            return Err(err(
                ctx_name.span().start,
                format!(
                    "unknown table [{}] (expected one of: {})",
                    ctx_name.get_ref(),
                    Context::ALL.map(|c| c.name()).join(" ")
                ),
            ));
        };
        for (key_name, value) in table {
            let key = Key::parse(key_name.get_ref())
                .map_err(|m| err(key_name.span().start, format!("[{}] {m}", context.name())))?;
            let Some(name) = value.get_ref().as_str() else {
                return Err(err(
                    value.span().start,
                    format!(
                        "[{}] {:?}: the action must be a string such as \"quit\"",
                        context.name(),
                        key_name.get_ref()
                    ),
                ));
            };
            let Some(action) = Action::from_name(name) else {
                return Err(err(
                    value.span().start,
                    format!(
                        "[{}] {:?}: unknown action {name:?} (see the built-in keymap for the names)",
                        context.name(),
                        key_name.get_ref()
                    ),
                ));
            };
            if let Some(why) = misplaced(context, action) {
                return Err(err(
                    value.span().start,
                    format!("[{}] {:?}: {why}", context.name(), key_name.get_ref()),
                ));
            }
            out.push((
                value.span().start,
                Binding {
                    context,
                    key,
                    action,
                },
            ));
        }
    }
    // BTreeMap iterates by name; file order is what the help should follow.
    out.sort_by_key(|(offset, _)| *offset);
    Ok(out.into_iter().map(|(_, b)| b).collect())
}

impl Keymap {
    /// The built-in keymap alone.
    pub fn defaults() -> Keymap {
        let bindings = parse(DEFAULT_KEYMAP, "built-in keymap")
            .unwrap_or_else(|e| panic!("assets/keymap.toml is broken: {e}"));
        Keymap::from_bindings(bindings)
    }

    fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        let mut km = Keymap {
            bindings: Vec::new(),
            index: HashMap::new(),
        };
        km.apply(bindings);
        km
    }

    /// Applies overrides: each named key replaces its binding in place (or
    /// is added); `none` removes it. Other keys are left alone.
    pub fn apply(&mut self, overrides: Vec<Binding>) {
        for b in overrides {
            let pos = self
                .bindings
                .iter()
                .position(|x| x.context == b.context && x.key == b.key);
            match (pos, b.action) {
                (Some(i), Action::Unbound) => {
                    self.bindings.remove(i);
                }
                (None, Action::Unbound) => {}
                (Some(i), _) => self.bindings[i] = b,
                (None, _) => self.bindings.push(b),
            }
        }
        self.index = self
            .bindings
            .iter()
            .map(|b| ((b.context, b.key), b.action))
            .collect();
    }

    /// The defaults with a user's keymap text applied on top.
    pub fn with_user_text(text: &str, source: &str) -> Result<Keymap, KeymapError> {
        let mut km = Keymap::defaults();
        km.apply(parse(text, source)?);
        Ok(km)
    }

    /// The defaults, with the user's file applied if it exists.
    pub fn load(user_file: Option<&Path>) -> Result<Keymap, KeymapError> {
        match user_file {
            Some(p) if p.exists() => {
                let text = std::fs::read_to_string(p).map_err(|e| KeymapError {
                    source: p.display().to_string(),
                    line: 0,
                    message: e.to_string(),
                })?;
                Keymap::with_user_text(&text, &p.display().to_string())
            }
            _ => Ok(Keymap::defaults()),
        }
    }

    /// The user's keymap file: `keymap.toml` in the config folder.
    pub fn user_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("org", "UNODC", "revdesk")
            .map(|d| d.config_dir().join("keymap.toml"))
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action of `key` in `context` only.
    pub fn get(&self, context: Context, key: Key) -> Option<Action> {
        self.index.get(&(context, key)).copied()
    }

    /// The action of `key` on a pane: the pane's table, then `[global]`.
    pub fn lookup(&self, pane: Context, key: Key) -> Option<Action> {
        self.get(pane, key)
            .or_else(|| self.get(Context::Global, key))
    }

    /// Keys that do `action` on a pane (pane keys first, then global keys
    /// the pane does not take over), in keymap order.
    pub fn keys_for(&self, pane: Context, action: Action) -> Vec<Key> {
        let mut out: Vec<Key> = self
            .bindings
            .iter()
            .filter(|b| b.context == pane && b.action == action)
            .map(|b| b.key)
            .collect();
        if matches!(pane, Context::Pane(_)) {
            out.extend(
                self.bindings
                    .iter()
                    .filter(|b| b.context == Context::Global && b.action == action)
                    .filter(|b| self.get(pane, b.key).is_none())
                    .map(|b| b.key),
            );
        }
        out
    }

    fn section(
        &self,
        title: &str,
        context: Context,
        skip_shadowed_by: Option<Context>,
    ) -> HelpSection {
        let mut entries: Vec<(Vec<Key>, Action)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.context == context) {
            if skip_shadowed_by.is_some_and(|p| self.get(p, b.key).is_some()) {
                continue;
            }
            match entries.iter_mut().find(|(_, a)| *a == b.action) {
                Some((keys, _)) => keys.push(b.key),
                None => entries.push((vec![b.key], b.action)),
            }
        }
        HelpSection {
            title: title.to_string(),
            entries,
        }
    }

    /// The help of a pane: its own keys, the global keys it does not take
    /// over, and the keys used while typing.
    pub fn help(&self, pane: Context, pane_title: &str) -> Vec<HelpSection> {
        let mut out = vec![
            self.section(&format!("{pane_title} pane"), pane, None),
            self.section("Everywhere", Context::Global, Some(pane)),
            self.section("While typing a filter or a date", Context::Input, None),
            self.section("In a form", Context::Form, None),
            self.section("In a dialog", Context::Dialog, None),
        ];
        out.retain(|s| !s.entries.is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::KeyCode;

    #[test]
    fn defaults_parse_and_cover_the_essentials() {
        let km = Keymap::defaults();
        let g = |k: Key| km.lookup(Context::Overdue, k);
        assert_eq!(g(Key::char('q')), Some(Action::Quit));
        assert_eq!(g(Key::char('?')), Some(Action::Help));
        assert_eq!(g(Key::char('j')), Some(Action::Down));
        assert_eq!(g(Key::new(KeyCode::Down)), Some(Action::Down));
        assert_eq!(g(Key::char('G')), Some(Action::Bottom));
        assert_eq!(g(Key::ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(g(Key::new(KeyCode::BackTab)), Some(Action::PrevPane));
        assert_eq!(g(Key::char('t')), Some(Action::SetAsOf));
        assert_eq!(g(Key::char('/')), Some(Action::Filter));
    }

    #[test]
    fn a_pane_command_bound_on_another_pane_is_refused_with_where_it_works() {
        let e = Keymap::with_user_text("[figures]\n\"r\" = \"remind\"\n", "k.toml").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .contains("remind does nothing on the Figures pane")
                && e.message.contains("the Overdue pane"),
            "{e}"
        );
        // Its own pane, and actions that work everywhere, are fine.
        assert!(Keymap::with_user_text("[overdue]\n\"R\" = \"remind\"\n", "k").is_ok());
        assert!(Keymap::with_user_text("[figures]\n\"x\" = \"quit\"\n", "k").is_ok());
        assert!(Keymap::with_user_text("[global]\n\"R\" = \"remind\"\n", "k").is_ok());
    }

    #[test]
    fn every_default_pane_binding_is_a_command_of_its_pane() {
        for b in Keymap::defaults().bindings() {
            assert_eq!(misplaced(b.context, b.action), None, "{b:?}");
        }
    }

    #[test]
    fn line_numbers() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }
}
