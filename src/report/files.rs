//! Writing files safely: owner-only files, and CSV cells a spreadsheet
//! cannot run as formulas.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// A spreadsheet would run a cell starting with `=`, `+`, `-`, `@`, tab or
/// carriage return as a formula: such cells get a leading apostrophe.
pub fn csv_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Writes rows as CSV with a header, every cell neutralised.
pub fn write_csv<W: Write>(out: W, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut w = CsvRows::new(out, header)?;
    for r in rows {
        w.row(r)?;
    }
    w.finish()
}

/// CSV written a row at a time as [`write_csv`] writes it, for rows that
/// are made as they are written rather than held.
pub struct CsvRows<W: Write>(csv::Writer<W>);

impl<W: Write> CsvRows<W> {
    /// Starts the CSV with its header line.
    pub fn new(out: W, header: &[&str]) -> anyhow::Result<CsvRows<W>> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header)?;
        Ok(CsvRows(w))
    }

    /// One row, every cell neutralised.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> anyhow::Result<()> {
        self.0
            .write_record(cells.iter().map(|c| csv_cell(c.as_ref())))?;
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

/// Creates (or truncates) a file readable by its owner only.
pub fn create_private(path: &Path) -> anyhow::Result<std::fs::File> {
    use anyhow::Context;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for s in ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(s).starts_with('\''), "{s}");
        }
        assert_eq!(csv_cell("Austria"), "Austria");
        assert_eq!(csv_cell(""), "");
    }
}
