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
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(r.iter().map(|c| csv_cell(c)))?;
    }
    w.flush()?;
    Ok(())
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
