//! Output helpers shared by the headless commands: safe CSV cells, aligned
//! tables measured by display width, files written owner-only.

use crate::domain::text::sanitize;
pub use crate::report::files::{create_private, csv_cell, write_csv};
use unicode_width::UnicodeWidthStr;

pub use crate::domain::text::fit;

/// The table heading of a key of the CSV and JSON forms: `days_overdue` is
/// `DAYS OVERDUE`, so a column has one name in every format.
pub fn heading(key: &str) -> String {
    key.replace('_', " ").to_uppercase()
}

/// The headings of `keys`, for [`table`].
pub fn headings(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| heading(k)).collect()
}

/// A value of an enumeration as words in text (`note_verbale` is
/// `note verbale`); data keeps the snake_case spelling.
pub fn words(snake: &str) -> String {
    snake.replace('_', " ")
}

/// [`table`] for standard output: cells are cut to `caps` only on a
/// terminal; in a pipe or a file every cell is whole.
pub fn stdout_table(header: &[String], rows: &[Vec<String>], caps: &[usize]) -> String {
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(&header, rows, stdout_caps(caps))
}

/// The caps of a table on standard output: none in a pipe or a file.
pub fn stdout_caps(caps: &[usize]) -> &[usize] {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        caps
    } else {
        &[]
    }
}

/// A JSON value as one cell: text as it is, nothing as empty, anything
/// else (numbers, booleans, arrays, objects) as compact JSON.
pub fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(t) => t.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Writes serialisable rows to standard output in the format asked: JSON as
/// they serialise; CSV and table with one column per key of `keys` (the
/// table headed by [`heading`], cells cut only on a terminal).
pub fn print_records<T: serde::Serialize>(
    format: super::TableFormat,
    keys: &[&str],
    rows: &[T],
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if format == super::TableFormat::Json {
        serde_json::to_writer_pretty(&mut out, rows)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let mut cells = Vec::with_capacity(rows.len());
    for r in rows {
        let v = serde_json::to_value(r)?;
        cells.push(keys.iter().map(|k| cell(&v[*k])).collect::<Vec<_>>());
    }
    match format {
        super::TableFormat::Csv => write_csv(&mut out, keys, &cells)?,
        _ => write!(out, "{}", stdout_table(&headings(keys), &cells, &[]))?,
    }
    out.flush()?;
    Ok(())
}

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

/// A writer that makes text inert as [`inert`] does, a line at a time, so
/// a command can stream to standard output without holding its output:
/// the bytes written are those of `inert` on the whole text. Call
/// [`InertLines::finish`] to write a last line with no line end.
pub struct InertLines<W: std::io::Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: std::io::Write> InertLines<W> {
    pub fn new(out: W) -> InertLines<W> {
        InertLines {
            out,
            line: Vec::new(),
        }
    }

    fn emit(&mut self) -> std::io::Result<()> {
        // Invalid UTF-8 never spans a line end (0x0A is never part of a
        // sequence), so a line read lossily is the whole text read lossily.
        let text = String::from_utf8_lossy(&self.line);
        let made = inert(&text);
        self.out.write_all(made.as_bytes())?;
        self.line.clear();
        Ok(())
    }

    /// Writes what is left (a line without its end) and flushes.
    pub fn finish(mut self) -> std::io::Result<W> {
        if !self.line.is_empty() {
            self.emit()?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: std::io::Write> std::io::Write for InertLines<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = memchr::memchr(b'\n', rest) {
            self.line.extend_from_slice(&rest[..=at]);
            self.emit()?;
            rest = &rest[at + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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
                .map(|(i, c)| table_cell(c, caps.get(i).copied().unwrap_or(0)))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &cells {
        widen(&mut widths, r);
    }
    let mut out = table_line(
        &header.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
        &widths,
    );
    out.push('\n');
    for r in &cells {
        out.push_str(&table_line(r, &widths));
        out.push('\n');
    }
    out
}

/// A cell of a [`table`]: sanitised, cut to `cap` (0 = no cap).
pub fn table_cell(c: &str, cap: usize) -> String {
    let c = sanitize(c);
    if cap > 0 { fit(&c, cap) } else { c }
}

/// Widens `widths` to hold the cells of one row (from [`table_cell`]).
pub fn widen(widths: &mut [usize], cells: &[String]) {
    for (w, c) in widths.iter_mut().zip(cells) {
        *w = (*w).max(c.width());
    }
}

/// One line of a [`table`] with columns `widths` wide, without its line end.
pub fn table_line(cells: &[String], widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, c) in cells.iter().enumerate() {
        s.push_str(c);
        if i + 1 < cells.len() {
            let w = widths.get(i).copied().unwrap_or(0);
            s.push_str(&" ".repeat(w.saturating_sub(c.width()) + 2));
        }
    }
    s.truncate(s.trim_end().len());
    s
}

/// The columns of an aligned table ([`table`]), for a table written in
/// two passes over rows that are not held: [`Layout::measure`] each row,
/// then [`Layout::write_header`] and [`Layout::write_row`] each row again.
/// The text is that of [`table`] on the same rows.
pub struct Layout {
    header: Vec<String>,
    caps: Vec<usize>,
    widths: Vec<usize>,
}

impl Layout {
    pub fn new(header: &[&str], caps: &[usize]) -> Layout {
        Layout {
            header: header.iter().map(|h| h.to_string()).collect(),
            caps: caps.to_vec(),
            widths: header.iter().map(|h| h.width()).collect(),
        }
    }

    /// A row's cells as shown: sanitised, cut to their caps.
    fn cells(&self, row: &[String]) -> Vec<String> {
        row.iter()
            .enumerate()
            .map(|(i, c)| table_cell(c, self.caps.get(i).copied().unwrap_or(0)))
            .collect()
    }

    /// First pass: the columns grow to hold `row`.
    pub fn measure(&mut self, row: &[String]) {
        let cells = self.cells(row);
        widen(&mut self.widths, &cells);
    }

    pub fn write_header(&self, out: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        writeln!(out, "{}", table_line(&self.header, &self.widths))
    }

    /// Second pass: one row, aligned.
    pub fn write_row(
        &self,
        out: &mut (impl std::io::Write + ?Sized),
        row: &[String],
    ) -> std::io::Result<()> {
        writeln!(out, "{}", table_line(&self.cells(row), &self.widths))
    }
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
    fn headings_are_the_keys_in_words() {
        assert_eq!(heading("days_overdue"), "DAYS OVERDUE");
        assert_eq!(headings(&["party", "os_user"]), ["PARTY", "OS USER"]);
        assert_eq!(words("note_verbale"), "note verbale");
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
    fn inert_lines_write_what_inert_makes_of_the_whole() {
        use std::io::Write;
        let text = "a,\x1b[2J\r\nb\u{202e}c\nt\u{e9}\nlast";
        let bytes = [text.as_bytes(), &[0xff, b'\n', 0xc3], b"x"].concat();
        for chunk in [1, 2, 3, 7, 100] {
            let mut w = InertLines::new(Vec::new());
            for part in bytes.chunks(chunk) {
                w.write_all(part).unwrap();
            }
            let got = w.finish().unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                inert(&String::from_utf8_lossy(&bytes)),
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn fit_cuts_by_width() {
        assert_eq!(fit("Côte d'Ivoire", 6), "Côte …");
        assert_eq!(fit("abc", 3), "abc");
    }
}
