//! The `parties` table: its columns, a party's values for them, and a
//! party read back by column name. A new field is a new [`Column`] (the
//! compiler then asks for its value) plus its line in [`from_row`].

use super::Result;
use super::row::{Columns, Named, date_value, opt_text_value, text_value};
use crate::domain::model::{Instruments, Party, Region, Text};
use rusqlite::params_from_iter;
use rusqlite::types::{ToSqlOutput, Value};
use std::sync::LazyLock;

/// A column of `parties` that holds part of a [`Party`], in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Code,
    Name,
    Kind,
    RegionalGroup,
    PairsAs,
    Group,
    Convention,
    Tip,
    Som,
    Fa,
}

impl Columns for Column {
    const TABLE: &'static str = "parties";
    const ALL: &'static [Column] = &[
        Column::Code,
        Column::Name,
        Column::Kind,
        Column::RegionalGroup,
        Column::PairsAs,
        Column::Group,
        Column::Convention,
        Column::Tip,
        Column::Som,
        Column::Fa,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Name => "name",
            Column::Kind => "kind",
            Column::RegionalGroup => "regional_group",
            Column::PairsAs => "pairs_as",
            Column::Group => "grp",
            Column::Convention => "convention",
            Column::Tip => "tip",
            Column::Som => "som",
            Column::Fa => "fa",
        }
    }
}

impl Column {
    /// The party's value for this column, as stored.
    fn value(self, p: &Party) -> ToSqlOutput<'_> {
        let i = &p.instruments;
        match self {
            Column::Code => text_value(&p.code),
            Column::Name => text_value(&p.name),
            Column::Kind => text_value(p.kind.as_str()),
            Column::RegionalGroup => opt_text_value(p.regional_group.map(Region::as_str)),
            Column::PairsAs => opt_text_value(p.pairs_as.map(Region::as_str)),
            Column::Group => ToSqlOutput::Owned(p.group.map_or(Value::Null, |g| g.into())),
            Column::Convention => date_value(i.convention),
            Column::Tip => date_value(i.tip),
            Column::Som => date_value(i.som),
            Column::Fa => date_value(i.fa),
        }
    }
}

/// Every column of a party, for `SELECT {COLUMNS} FROM parties`.
pub static COLUMNS: LazyLock<String> = LazyLock::new(Column::list);

/// Inserts a party; parameter `?k` is the `k`-th column.
pub static INSERT: LazyLock<String> = LazyLock::new(Column::insert);

/// The party's values for [`INSERT`].
pub fn params(p: &Party) -> impl rusqlite::Params + '_ {
    params_from_iter(Column::ALL.iter().map(move |&c| c.value(p)))
}

/// A party from a row that selected [`COLUMNS`].
pub(crate) fn from_row(r: &Named<'_, '_>) -> Result<Party> {
    Ok(Party {
        code: Text::from(r.text_nn("code")?),
        name: Text::from(r.text_nn("name")?),
        kind: r.enumerated("kind", "party kind")?,
        regional_group: r.opt_enumerated("regional_group", "regional group")?,
        pairs_as: r.opt_enumerated("pairs_as", "regional group")?,
        group: r.get("grp")?,
        instruments: Instruments {
            convention: r.opt_date("convention")?,
            tip: r.opt_date("tip")?,
            som: r.opt_date("som")?,
            fa: r.opt_date("fa")?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::PartyKind;
    use chrono::NaiveDate;
    use rusqlite::Connection;

    #[test]
    fn a_party_reads_back_as_written() {
        assert_eq!(
            *COLUMNS,
            "code, name, kind, regional_group, pairs_as, grp, convention, tip, som, fa"
        );
        let conn = Connection::open_in_memory().unwrap();
        // Columns in another order than the statement's: read by name.
        conn.execute_batch(
            "CREATE TABLE parties (fa, som, tip, convention, grp, pairs_as, regional_group,
                                   kind, name, code PRIMARY KEY);",
        )
        .unwrap();
        let p = Party {
            code: "EU".into(),
            name: "European Union".into(),
            kind: PartyKind::Organization,
            regional_group: None,
            pairs_as: Some(Region::Weog),
            group: Some(3),
            instruments: Instruments {
                convention: NaiveDate::from_ymd_opt(2004, 5, 21),
                tip: None,
                som: NaiveDate::from_ymd_opt(2006, 9, 6),
                fa: None,
            },
        };
        conn.execute(&INSERT, params(&p)).unwrap();
        let back = conn
            .query_row(&format!("SELECT {} FROM parties", *COLUMNS), [], |r| {
                Ok(from_row(&Named::new(r)))
            })
            .unwrap()
            .unwrap();
        assert_eq!(back, p);
    }
}
