//! Untrusted text made safe for a terminal, and strict date parsing.

use chrono::NaiveDate;

/// Neutralises text before it reaches a terminal: C0 and C1 control
/// characters are shown in caret notation (`^[`, `^?`, `M-^[`), bidi
/// overrides and isolates, zero-width and other invisible format characters
/// are removed. Tabs become a space, so columns stay aligned.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(needs_care) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\0'..='\x1f' => {
                out.push('^');
                out.push(char::from(c as u8 + 0x40));
            }
            '\x7f' => out.push_str("^?"),
            '\u{80}'..='\u{9f}' => {
                out.push_str("M-^");
                out.push(char::from((c as u32 - 0x80 + 0x40) as u8));
            }
            c if invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for one line of a message: control characters and runs of white
/// space become one space (none at either end); bidi controls and
/// invisible characters go. One pass: a digest makes it for every value
/// of every message.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_control() || (c.is_whitespace() && !invisible(c)) {
            gap = !out.is_empty();
        } else if !invisible(c) {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

fn needs_care(c: char) -> bool {
    c.is_control() || invisible(c)
}

/// Bidi controls, zero-width and other format characters that can hide or
/// reorder what a reader sees.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
        | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{206a}'..='\u{206f}' // deprecated format characters
        | '\u{061c}'              // Arabic letter mark
        | '\u{00ad}'              // soft hyphen
        | '\u{feff}'              // zero-width no-break space (BOM)
        | '\u{180e}'              // Mongolian vowel separator
        | '\u{fff9}'..='\u{fffb}' // interlinear annotations
    )
}

/// Most characters one paste may bring into a field.
pub const MAX_PASTE: usize = 4000;

/// Most characters a person's name may have, in a form or on the command line.
pub const NAME_MAX: usize = 200;
/// Most characters of an e-mail address.
pub const EMAIL_MAX: usize = 200;
/// Most characters of a telephone number.
pub const PHONE_MAX: usize = 60;
/// Most characters of a reminder's note.
pub const NOTE_MAX: usize = 1000;
/// Most characters of an extension's reason.
pub const REASON_MAX: usize = 500;

/// Whether a typed character may enter a text field.
pub fn accepts(c: char) -> bool {
    !c.is_control() && sanitize(c.encode_utf8(&mut [0u8; 4])) == c.to_string()
}

/// Text made fit for a one-line field, as a form does with a paste and the
/// command line with an argument: line breaks and tabs become spaces,
/// other control characters and invisible format characters are dropped.
/// At most [`MAX_PASTE`] characters are kept.
pub fn clean_pasted(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_PASTE));
    let mut chars = s.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        if n >= MAX_PASTE {
            break;
        }
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                ' '
            }
            '\n' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}' => ' ',
            c if !accepts(c) => continue,
            c => c,
        };
        out.push(c);
        n += 1;
    }
    out
}

/// A light check of an e-mail address: one `@`, a dotted domain, no
/// spaces. Empty is fine (the field is optional).
pub fn email_problem(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let bad = || Some(format!("{s:?} is not an e-mail address (name@domain)"));
    if s.chars().any(char::is_whitespace) {
        return bad();
    }
    match s.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            None
        }
        _ => bad(),
    }
}

/// A light check of a telephone number: digits, spaces and + - ( ) . /,
/// with "ext" or "x" before an extension.
pub fn phone_problem(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let lower = s.to_lowercase().replace("ext", "").replace('x', "");
    let ok_chars = lower
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if !ok_chars || digits < 4 {
        return Some(format!(
            "{s:?} is not a telephone number (digits, spaces, + - ( ) . /)"
        ));
    }
    None
}

/// Parses an ISO date `YYYY-MM-DD`, strictly: exactly that shape, and a day
/// that exists (2023-02-30 is refused).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Shape(s.to_string()));
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| DateError::NoSuchDay(s.to_string()))
}

/// Parses a date typed by a person: `today` or `t` for `today`, else ISO.
pub fn parse_user_date(s: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    match s.trim() {
        "t" | "today" => Ok(today),
        other => parse_date(other),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{0:?} is not a date in the form YYYY-MM-DD")]
    Shape(String),
    #[error("{0:?} is not a day of the calendar")]
    NoSuchDay(String),
}

/// Standard base64 with padding (RFC 4648): the clipboard sequence and
/// encoded mail headers both use it.
pub fn base64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Cuts `s` to at most `w` display columns, marking a cut with `…`.
pub fn fit(s: &str, w: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_caret_notation() {
        assert_eq!(sanitize("Eve\x1b[2J\u{202e}"), "Eve^[[2J");
        assert_eq!(sanitize("a\x07b\x7fc"), "a^Gb^?c");
        assert_eq!(sanitize("x\u{9b}31m"), "xM-^[31m");
        assert_eq!(sanitize("line\nbreak\r"), "line^Jbreak^M");
    }

    #[test]
    fn a_line_is_cleaned_like_a_paste_into_a_form() {
        assert_eq!(clean_pasted("Bad\x1b[2J"), "Bad[2J");
        assert_eq!(clean_pasted("a\r\nb\nc\td"), "a b c d");
        assert_eq!(clean_pasted("x\u{9b}31m\u{202e}y"), "x31my");
        assert_eq!(clean_pasted("Nguyễn Thị Minh"), "Nguyễn Thị Minh");
        assert!(!accepts('\x1b') && !accepts('\u{200b}') && accepts('é'));
    }

    #[test]
    fn one_line_is_the_text_made_safe_and_its_white_space_collapsed() {
        // What it replaces: controls to spaces, then `sanitize`, then
        // white space collapsed.
        let slow = |s: &str| {
            sanitize(&s.replace(|c: char| c.is_control(), " "))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for s in [
            "",
            "   ",
            "Côte d'Ivoire",
            "  a \t\n b  ",
            "a\u{200b}b",
            "a \u{200b} b",
            "\u{200b} a",
            "a\x1b[2Jb\u{202e}c\u{9b}d\u{7f}",
            "x\u{3000}y\u{a0}z\u{2028}w",
            "\u{feff}\u{feff}",
            "中国 \r\n الجزائر",
        ] {
            assert_eq!(one_line(s), slow(s), "{s:?}");
        }
        assert_eq!(one_line(" a\u{1b}[2J  b\u{202e} "), "a [2J b");
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(sanitize("a\u{200b}b\u{2066}c\u{feff}"), "abc");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        for s in [
            "Côte d'Ivoire",
            "Türkiye",
            "中国",
            "الجزائر",
            "Nguyễn Thị Minh",
        ] {
            assert_eq!(sanitize(s), s);
        }
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(matches!(
            parse_date("2023-02-29"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            parse_date("2023-02-30"),
            Err(DateError::NoSuchDay(_))
        ));
        for no_day in [
            "2024-00-10",
            "2024-13-01",
            "2024-04-31",
            "2024-01-00",
            "1900-02-29",
        ] {
            assert!(
                matches!(parse_date(no_day), Err(DateError::NoSuchDay(_))),
                "{no_day}"
            );
        }
        assert_eq!(parse_date("2000-02-29").unwrap().to_string(), "2000-02-29");
        for (s, y, m, d) in [("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31)] {
            assert_eq!(
                parse_date(s).unwrap(),
                NaiveDate::from_ymd_opt(y, m, d).unwrap()
            );
        }
        for bad in [
            "2023-2-3",
            "+2023-02-03",
            "2023/02/03",
            "",
            "20230203xx",
            "２０２３-02-03",
        ] {
            assert!(matches!(parse_date(bad), Err(DateError::Shape(_))), "{bad}");
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(parse_user_date("t", today).unwrap(), today);
        assert_eq!(parse_user_date(" today ", today).unwrap(), today);
    }
}
