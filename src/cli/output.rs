//! Output helpers shared by the headless commands: safe CSV cells, aligned
//! tables measured by display width, files written owner-only.

use crate::domain::text::sanitize;
pub use crate::report::files::{create_private, csv_cell, write_csv};
use unicode_width::UnicodeWidthStr;

pub use crate::domain::text::fit;

/// Text for a terminal, line by line made inert as the app shows it
/// (control characters in caret notation, invisible ones removed); line
/// ends, `\n` or `\r\n`, are kept, so CSV, vCard and iCalendar keep
/// their shape.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(b) => (b, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            },
        };
        out.push_str(&sanitize(body));
        out.push_str(end);
    }
    out
}

/// A path as the user should read it in a message.
pub fn shown(path: &std::path::Path) -> String {
    sanitize(&path.display().to_string())
}

/// Renders an aligned plain-text table; untrusted cells are sanitised.
/// `widths[i]` caps column i (0 = no cap).
pub fn table(header: &[&str], rows: &[Vec<String>], caps: &[usize]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    let c = sanitize(c);
                    match caps.get(i) {
                        Some(&cap) if cap > 0 => fit(&c, cap),
                        _ => c,
                    }
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.width());
            }
        }
    }
    let line = |r: &[String]| {
        let mut s = String::new();
        for (i, c) in r.iter().enumerate() {
            s.push_str(c);
            if i + 1 < r.len() {
                s.push_str(&" ".repeat(widths[i].saturating_sub(c.width()) + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    out.push('\n');
    for r in &cells {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_by_display_width() {
        let t = table(
            &["A", "B"],
            &[
                vec!["中国".into(), "x".into()],
                vec!["ab".into(), "y".into()],
            ],
            &[],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[1].width(), lines[2].width());
    }

    #[test]
    fn inert_keeps_line_ends_and_neutralises_the_rest() {
        assert_eq!(
            inert("a,\x1b[2J\r\nb\u{202e}c\nlast"),
            "a,^[[2J\r\nbc\nlast"
        );
        assert_eq!(inert("plain\n"), "plain\n");
    }

    #[test]
    fn fit_cuts_by_width() {
        assert_eq!(fit("Côte d'Ivoire", 6), "Côte …");
        assert_eq!(fit("abc", 3), "abc");
    }
}
