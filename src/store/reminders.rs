//! The `reminders` table: its columns, a reminder's values for them, and a
//! reminder read back by column name.

use super::Result;
use super::row::{Columns, Named, date_value, text_value};
use crate::domain::model::{Reminder, Text};
use rusqlite::params_from_iter;
use rusqlite::types::{ToSqlOutput, Value};
use std::sync::LazyLock;

/// A column of `reminders` a writer fills, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Date,
    Party,
    Review,
    Obligation,
    Channel,
    Note,
    RecordedBy,
}

impl Columns for Column {
    const TABLE: &'static str = "reminders";
    const ALL: &'static [Column] = &[
        Column::Id,
        Column::Date,
        Column::Party,
        Column::Review,
        Column::Obligation,
        Column::Channel,
        Column::Note,
        Column::RecordedBy,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Date => "date",
            Column::Party => "party",
            Column::Review => "review",
            Column::Obligation => "obligation",
            Column::Channel => "channel",
            Column::Note => "note",
            Column::RecordedBy => "recorded_by",
        }
    }
}

/// The columns of a [`Reminder`] itself, for readers of the log.
pub const FIELDS: &str = "date, party, review, obligation, channel, note";

/// Inserts a reminder; parameter `?k` is the `k`-th column.
pub static INSERT: LazyLock<String> = LazyLock::new(Column::insert);

/// The reminder's values for [`INSERT`]: `id` (`None`: the store gives
/// one) and who recorded it beside the reminder's own.
pub fn params<'a>(
    r: &'a Reminder,
    id: Option<i64>,
    recorded_by: &'a str,
) -> impl rusqlite::Params + 'a {
    params_from_iter(values(r, id, recorded_by))
}

/// [`params`] as values, to put several reminders in one statement.
pub fn values<'a>(
    r: &'a Reminder,
    id: Option<i64>,
    recorded_by: &'a str,
) -> impl Iterator<Item = ToSqlOutput<'a>> + 'a {
    Column::ALL.iter().map(move |&c| match c {
        Column::Id => ToSqlOutput::Owned(id.map_or(Value::Null, Value::Integer)),
        Column::Date => date_value(Some(r.date)),
        Column::Party => text_value(&r.party),
        Column::Review => ToSqlOutput::Owned(r.review.map_or(Value::Null, Value::Integer)),
        Column::Obligation => text_value(r.obligation.as_str()),
        Column::Channel => text_value(r.channel.as_str()),
        Column::Note => text_value(&r.note),
        Column::RecordedBy => text_value(recorded_by),
    })
}

/// Inserts [`BATCH`] reminders; parameters as [`values`] of each in turn.
pub static INSERT_BATCH: LazyLock<String> = LazyLock::new(|| Column::insert_rows(BATCH));

/// How many reminders an import writes with one statement: a statement
/// run once builds the lookups of its CHECK lists (obligation, channel)
/// once, not once a row.
pub const BATCH: usize = 64;

/// A reminder from a row that selected [`FIELDS`] (or more).
pub(crate) fn from_row(r: &Named<'_, '_>) -> Result<Reminder> {
    Ok(Reminder {
        date: r.date("date")?,
        party: Text::from(r.text_nn("party")?),
        review: r.get("review")?,
        obligation: r.enumerated("obligation", "obligation")?,
        channel: r.enumerated("channel", "channel")?,
        note: r.text_nn("note")?.to_string(),
    })
}
