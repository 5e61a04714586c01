//! Reading one row's values as borrowed text, parsed in place (dates,
//! enumerations), by position or by column name.

use super::{Result, StoreError};
use chrono::NaiveDate;
use rusqlite::types::{FromSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{Row, Statement};
use std::cell::Cell;
use std::str::FromStr;

pub(crate) fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Invalid(format!(
        "the store holds an invalid {what}: {v:?} (run `revdesk check`)"
    ))
}

/// Reads a `YYYY-MM-DD` date. Done by hand: chrono's general parser
/// dominated loading a large desk.
pub(crate) fn parse_date(v: &str) -> Result<NaiveDate> {
    let b = v.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?))
        .flatten();
    parsed.ok_or_else(|| bad("date", v))
}

pub(crate) fn parse<T: FromStr>(what: &str, v: &str) -> Result<T> {
    v.parse().map_err(|_| bad(what, v))
}

/// Column `i` as borrowed text (`None` for NULL), without a copy. Fails
/// as `Row::get::<String>` would on a value of another type.
pub(crate) fn text<'r>(r: &'r Row<'_>, i: usize) -> Result<Option<&'r str>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(b) => match std::str::from_utf8(b) {
            Ok(s) => Ok(Some(s)),
            Err(e) => Err(rusqlite::Error::Utf8Error(i, e).into()),
        },
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            r.as_ref().column_name(i).unwrap_or("?").to_string(),
            other.data_type(),
        )
        .into()),
    }
}

/// Column `i`, which may not be NULL, as borrowed text.
pub(crate) fn text_nn<'r>(r: &'r Row<'_>, i: usize) -> Result<&'r str> {
    match text(r, i)? {
        Some(s) => Ok(s),
        None => Err(rusqlite::Error::InvalidColumnType(
            i,
            r.as_ref().column_name(i).unwrap_or("?").to_string(),
            rusqlite::types::Type::Null,
        )
        .into()),
    }
}

pub(crate) fn date_at(r: &Row<'_>, i: usize) -> Result<NaiveDate> {
    parse_date(text_nn(r, i)?)
}

pub(crate) fn opt_date_at(r: &Row<'_>, i: usize) -> Result<Option<NaiveDate>> {
    text(r, i)?.map(parse_date).transpose()
}

pub(crate) fn enum_at<T: FromStr>(r: &Row<'_>, i: usize, what: &str) -> Result<T> {
    parse(what, text_nn(r, i)?)
}

pub(crate) fn opt_enum_at<T: FromStr>(r: &Row<'_>, i: usize, what: &str) -> Result<Option<T>> {
    text(r, i)?.map(|v| parse(what, v)).transpose()
}

/// Where each column of one statement sits, by name, looked up once per
/// statement: asking SQLite for a name on every row (a call, a length and
/// a UTF-8 check for each column tried) was a large part of reading a
/// big desk.
pub(crate) struct Positions {
    names: Vec<Box<str>>,
    /// The address and length of the name last found at each position:
    /// the names asked for are `'static`, so the same address and length
    /// are the same name, and a row after the first finds each column
    /// without comparing text.
    found: Vec<Cell<(usize, usize)>>,
    /// Where the next name is looked for first: readers mostly ask for
    /// the columns in the order selected.
    next: Cell<usize>,
}

impl Positions {
    pub(crate) fn of(st: &Statement<'_>) -> Positions {
        let names: Vec<Box<str>> = st.column_names().map(Box::from).collect();
        Positions {
            found: names.iter().map(|_| Cell::new((0, 0))).collect(),
            names,
            next: Cell::new(0),
        }
    }

    fn at(&self, col: &'static str) -> Result<usize> {
        let (n, start) = (self.names.len(), self.next.get());
        let addr = (col.as_ptr() as usize, col.len());
        let order = (start..n).chain(0..start.min(n));
        let known = order.clone().find(|&i| self.found[i].get() == addr);
        let i = match known {
            Some(i) => i,
            None => order
                .clone()
                .find(|&i| self.names[i].eq_ignore_ascii_case(col))
                .ok_or_else(|| rusqlite::Error::InvalidColumnName(col.to_string()))?,
        };
        self.found[i].set(addr);
        self.next.set(i + 1);
        Ok(i)
    }
}

/// A row read by column name: a table module names its columns once and
/// reads them so, whatever their order in the `SELECT`. Made with the
/// statement's [`Positions`] when many rows are read ([`Named::with`]),
/// or looking each name up in the row (a single row, [`Named::new`]).
pub(crate) struct Named<'r, 's> {
    row: &'r Row<'s>,
    cols: Option<&'r Positions>,
}

impl<'r, 's> Named<'r, 's> {
    pub(crate) fn new(row: &'r Row<'s>) -> Self {
        Named { row, cols: None }
    }
    pub(crate) fn with(row: &'r Row<'s>, cols: &'r Positions) -> Self {
        Named {
            row,
            cols: Some(cols),
        }
    }
    fn at(&self, col: &'static str) -> Result<usize> {
        match self.cols {
            Some(cols) => cols.at(col),
            None => Ok(self.row.as_ref().column_index(col)?),
        }
    }
    pub(crate) fn get<T: FromSql>(&self, col: &'static str) -> Result<T> {
        Ok(self.row.get(self.at(col)?)?)
    }
    pub(crate) fn text(&self, col: &'static str) -> Result<Option<&'r str>> {
        text(self.row, self.at(col)?)
    }
    pub(crate) fn text_nn(&self, col: &'static str) -> Result<&'r str> {
        text_nn(self.row, self.at(col)?)
    }
    pub(crate) fn date(&self, col: &'static str) -> Result<NaiveDate> {
        date_at(self.row, self.at(col)?)
    }
    pub(crate) fn opt_date(&self, col: &'static str) -> Result<Option<NaiveDate>> {
        opt_date_at(self.row, self.at(col)?)
    }
    pub(crate) fn enumerated<T: FromStr>(&self, col: &'static str, what: &str) -> Result<T> {
        enum_at(self.row, self.at(col)?, what)
    }
    pub(crate) fn opt_enumerated<T: FromStr>(
        &self,
        col: &'static str,
        what: &str,
    ) -> Result<Option<T>> {
        opt_enum_at(self.row, self.at(col)?, what)
    }
}

/// Each row of `rows` read by name with `f`, the names looked up once;
/// `f` returns `false` to stop.
pub(crate) fn each_named(
    st: &mut Statement<'_>,
    params: impl rusqlite::Params,
    mut f: impl FnMut(&Named<'_, '_>) -> Result<bool>,
) -> Result<()> {
    let cols = Positions::of(st);
    let mut rows = st.query(params)?;
    while let Some(r) = rows.next()? {
        if !f(&Named::with(r, &cols))? {
            break;
        }
    }
    Ok(())
}

/// The columns of one table that hold a record's fields, in table order:
/// what its module's statements are built from.
pub trait Columns: Copy + 'static {
    const TABLE: &'static str;
    const ALL: &'static [Self];
    fn name(self) -> &'static str;

    /// The column names joined, for a `SELECT`.
    fn list() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|c| c.name()).collect();
        names.join(", ")
    }

    /// An `INSERT` of every column; parameter `?k` is the `k`-th of `ALL`.
    fn insert() -> String {
        Self::insert_rows(1)
    }

    /// An `INSERT` of `rows` records at once, every column of each, the
    /// parameters record after record in the order of `ALL`.
    fn insert_rows(rows: usize) -> String {
        let n = Self::ALL.len();
        let row = |r: usize| {
            let marks: Vec<String> = (1..=n).map(|k| format!("?{}", r * n + k)).collect();
            format!("({})", marks.join(", "))
        };
        let rows: Vec<String> = (0..rows).map(row).collect();
        format!(
            "INSERT INTO {} ({}) VALUES {}",
            Self::TABLE,
            Self::list(),
            rows.join(", ")
        )
    }
}

/// Text as a parameter, without a copy.
pub(crate) fn text_value(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

/// Optional text as a parameter (NULL for none).
pub(crate) fn opt_text_value(s: Option<&str>) -> ToSqlOutput<'_> {
    s.map_or(ToSqlOutput::Owned(Value::Null), text_value)
}

/// A date as a parameter, `YYYY-MM-DD` (NULL for none).
pub(crate) fn date_value(d: Option<NaiveDate>) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(d.map_or(Value::Null, |d| Value::Text(d.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn columns_are_found_by_name_once_per_statement() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (b, a); INSERT INTO t VALUES ('2024-02-29', 'x'), (NULL, 'y');",
        )
        .unwrap();
        let mut st = conn
            .prepare("SELECT a, b AS Due FROM t ORDER BY a")
            .unwrap();
        let mut seen = Vec::new();
        each_named(&mut st, [], |r| {
            // Any case, any order; the same answer as asking the row.
            seen.push((r.text_nn("A")?.to_string(), r.opt_date("due")?));
            assert_eq!(Named::with(r.row, r.cols.unwrap()).at("due")?, 1);
            Ok(true)
        })
        .unwrap();
        let leap = NaiveDate::from_ymd_opt(2024, 2, 29);
        assert_eq!(seen, [("x".into(), leap), ("y".into(), None)]);

        // A name the statement lacks is an error naming it, both ways.
        let mut st = conn.prepare("SELECT a FROM t").unwrap();
        let err = each_named(&mut st, [], |r| r.get::<String>("b").map(|_| true));
        assert!(err.unwrap_err().to_string().contains("b"));
        let one = conn.query_row("SELECT a FROM t", [], |r| {
            Ok(Named::new(r).get::<String>("b").is_err())
        });
        assert!(one.unwrap());
    }

    #[test]
    fn several_records_are_inserted_by_one_statement() {
        #[derive(Clone, Copy)]
        struct Ab(&'static str);
        impl Columns for Ab {
            const TABLE: &'static str = "t";
            const ALL: &'static [Ab] = &[Ab("a"), Ab("b")];
            fn name(self) -> &'static str {
                self.0
            }
        }
        assert_eq!(Ab::insert(), "INSERT INTO t (a, b) VALUES (?1, ?2)");
        let three = Ab::insert_rows(3);
        assert_eq!(
            three,
            "INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4), (?5, ?6)"
        );
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a, b)").unwrap();
        conn.execute(&three, rusqlite::params_from_iter(1..=6))
            .unwrap();
        let mut st = conn.prepare("SELECT a, b FROM t ORDER BY rowid").unwrap();
        let mut rows = Vec::new();
        each_named(&mut st, [], |r| {
            rows.push((r.get::<i64>("a")?, r.get::<i64>("b")?));
            Ok(true)
        })
        .unwrap();
        assert_eq!(rows, [(1, 2), (3, 4), (5, 6)]);
    }

    #[test]
    fn stopping_early_reads_no_further() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (n); INSERT INTO t VALUES (1), (2), (3);")
            .unwrap();
        let mut st = conn.prepare("SELECT n FROM t ORDER BY n").unwrap();
        let mut seen = Vec::new();
        each_named(&mut st, [], |r| {
            seen.push(r.get::<i64>("n")?);
            Ok(seen.len() < 2)
        })
        .unwrap();
        assert_eq!(seen, [1, 2]);
    }
}
