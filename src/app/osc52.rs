//! The clipboard over SSH: OSC 52 asks the user's terminal (not the
//! server) to set its clipboard. Pure: builds the bytes, the terminal layer
//! writes them. Inside tmux or GNU screen the sequence is also wrapped in
//! the multiplexer's passthrough (DCS), which hands it on to the terminal
//! outside. Whether the terminal obeyed cannot be seen from here, so the
//! app says it sent the text, never that it was copied.

pub use crate::domain::text::base64;

/// What stands between the app and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Direct,
    /// tmux: its own OSC 52 handling (`set-clipboard on`) and, wrapped,
    /// its passthrough (`allow-passthrough on`).
    Tmux,
    /// GNU screen: DCS passthrough, in short pieces (screen limits one).
    Screen,
}

impl Route {
    /// The route from the environment: `$TMUX`, `$STY`, `$TERM`.
    pub fn from_env(tmux: Option<&str>, sty: Option<&str>, term: Option<&str>) -> Route {
        let set = |v: Option<&str>| v.is_some_and(|v| !v.is_empty());
        if set(tmux) {
            Route::Tmux
        } else if set(sty) || term.is_some_and(|t| t.starts_with("screen")) {
            Route::Screen
        } else {
            Route::Direct
        }
    }
}

/// Whether the app sends copies to the terminal, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copying {
    On(Route),
    /// Turned off (`REVDESK_CLIPBOARD=off`, `clipboard = false`): why.
    Off(String),
}

impl Default for Copying {
    fn default() -> Copying {
        Copying::On(Route::Direct)
    }
}

impl Copying {
    /// From `REVDESK_CLIPBOARD`, what the configuration says (`Some(why)`
    /// when it turns copying off) and the route.
    pub fn decide(env: Option<&str>, config_off: Option<String>, route: Route) -> Copying {
        let off = |v: &str| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "off" | "0" | "false" | "no"
            )
        };
        match (env, config_off) {
            (Some(v), _) if off(v) => Copying::Off(format!("REVDESK_CLIPBOARD={}", v.trim())),
            (_, Some(why)) => Copying::Off(why),
            _ => Copying::On(route),
        }
    }

    /// What the status line says after copying `what` (already made
    /// inert): what was done, not what the terminal may have done.
    pub fn message(&self, what: &str) -> String {
        match self {
            Copying::On(Route::Direct) => format!("sent {what} to the terminal's clipboard"),
            Copying::On(Route::Tmux) => {
                format!("sent {what} to the terminal's clipboard (through tmux)")
            }
            Copying::On(Route::Screen) => {
                format!("sent {what} to the terminal's clipboard (through screen)")
            }
            Copying::Off(why) => format!("copying is off ({why}): {what} not sent"),
        }
    }
}

/// The escape sequence that puts `text` on the clipboard. Base64 keeps the
/// payload inert whatever the text holds.
pub fn sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// How long one piece of a screen passthrough may be.
const SCREEN_PIECE: usize = 76;

/// The bytes to write for `text` along `route`.
pub fn sequence_for(text: &str, route: Route) -> String {
    let plain = sequence(text);
    match route {
        Route::Direct => plain,
        // Plain for tmux's own handling, then wrapped for passthrough
        // (every ESC inside doubled); whichever tmux allows gets through.
        Route::Tmux => format!(
            "{plain}\x1bPtmux;{}\x1b\\",
            plain.replace('\x1b', "\x1b\x1b")
        ),
        Route::Screen => {
            let b64 = base64(text.as_bytes());
            let pieces: Vec<&str> = b64
                .as_bytes()
                .chunks(SCREEN_PIECE)
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect();
            format!("\x1bP\x1b]52;c;{}\x07\x1b\\", pieces.join("\x1b\\\x1bP"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), enc);
        }
        assert_eq!(sequence("a@b"), "\x1b]52;c;YUBi\x07");
    }

    #[test]
    fn the_route_follows_the_environment() {
        assert_eq!(Route::from_env(None, None, Some("xterm")), Route::Direct);
        assert_eq!(
            Route::from_env(Some("/tmp/tmux-1/default,1,0"), None, Some("screen")),
            Route::Tmux
        );
        assert_eq!(
            Route::from_env(Some(""), Some("12.pts"), None),
            Route::Screen
        );
        assert_eq!(
            Route::from_env(None, None, Some("screen.xterm-256color")),
            Route::Screen
        );
    }

    #[test]
    fn passthrough_wraps_the_sequence() {
        assert_eq!(
            sequence_for("a@b", Route::Tmux),
            "\x1b]52;c;YUBi\x07\x1bPtmux;\x1b\x1b]52;c;YUBi\x07\x1b\\"
        );
        assert_eq!(
            sequence_for("a@b", Route::Screen),
            "\x1bP\x1b]52;c;YUBi\x07\x1b\\"
        );
        // 60 bytes are 80 base64 characters: two pieces of at most 76.
        let long = "x".repeat(60);
        let s = sequence_for(&long, Route::Screen);
        let b64 = base64(long.as_bytes());
        assert_eq!(
            s,
            format!(
                "\x1bP\x1b]52;c;{}\x1b\\\x1bP{}\x07\x1b\\",
                &b64[..76],
                &b64[76..]
            )
        );
    }

    #[test]
    fn copying_is_off_by_environment_or_configuration() {
        let on = Copying::decide(None, None, Route::Tmux);
        assert_eq!(on, Copying::On(Route::Tmux));
        assert_eq!(
            on.message("a@b"),
            "sent a@b to the terminal's clipboard (through tmux)"
        );
        let off = Copying::decide(Some("off"), None, Route::Direct);
        assert_eq!(
            off.message("a@b"),
            "copying is off (REVDESK_CLIPBOARD=off): a@b not sent"
        );
        let cfg = Copying::decide(
            None,
            Some("clipboard = false in c.toml".into()),
            Route::Direct,
        );
        assert!(matches!(cfg, Copying::Off(_)));
        assert_eq!(
            Copying::decide(Some("on"), None, Route::Screen),
            Copying::On(Route::Screen)
        );
    }
}
