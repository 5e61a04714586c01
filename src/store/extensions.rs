//! The `extensions` table: its columns, an extension's values for them,
//! and an extension read back by column name.

use super::Result;
use super::row::{Columns, Named, date_value, text_value};
use crate::domain::model::Extension;
use rusqlite::params_from_iter;
use rusqlite::types::{ToSqlOutput, Value};
use std::sync::LazyLock;

/// A column of `extensions` a writer fills, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Review,
    Obligation,
    Due,
    Reason,
    Agreed,
    RecordedBy,
}

impl Columns for Column {
    const TABLE: &'static str = "extensions";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Review,
        Column::Obligation,
        Column::Due,
        Column::Reason,
        Column::Agreed,
        Column::RecordedBy,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Review => "review",
            Column::Obligation => "obligation",
            Column::Due => "due",
            Column::Reason => "reason",
            Column::Agreed => "agreed",
            Column::RecordedBy => "recorded_by",
        }
    }
}

/// The columns of an [`Extension`] itself.
pub const FIELDS: &str = "review, obligation, due, reason, agreed";

/// Inserts an extension; parameter `?k` is the `k`-th column.
pub static INSERT: LazyLock<String> = LazyLock::new(Column::insert);

/// The extension's values for [`INSERT`]: `id` (`None`: the store gives
/// one) and who recorded it beside the extension's own.
pub fn params<'a>(
    e: &'a Extension,
    id: Option<i64>,
    recorded_by: &'a str,
) -> impl rusqlite::Params + 'a {
    params_from_iter(Column::ALL.iter().map(move |&c| match c {
        Column::Id => ToSqlOutput::Owned(id.map_or(Value::Null, Value::Integer)),
        Column::Review => ToSqlOutput::Owned(Value::Integer(e.review)),
        Column::Obligation => text_value(e.obligation.as_str()),
        Column::Due => date_value(Some(e.due)),
        Column::Reason => text_value(&e.reason),
        Column::Agreed => date_value(Some(e.agreed)),
        Column::RecordedBy => text_value(recorded_by),
    }))
}

/// An extension from a row that selected [`FIELDS`] (or more).
pub(crate) fn from_row(r: &Named<'_, '_>) -> Result<Extension> {
    Ok(Extension {
        review: r.get("review")?,
        obligation: r.enumerated("obligation", "obligation")?,
        due: r.date("due")?,
        reason: r.text_nn("reason")?.to_string(),
        agreed: r.date("agreed")?,
    })
}
