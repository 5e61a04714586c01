//! A row of a register, new or edited (the Assistance pane; a review's
//! documents from the Timeline): read from the form's fields, written by
//! the store's one generic put, undone like any other save.

use super::*;
use crate::domain::registers::{
    AssistanceNeed, AssistanceRequest, ReviewDocument, Training, TranslationRequest,
};
use crate::store::register_rows::RegisterSnapshot;

/// A field's value parsed, or a refusal naming the field.
fn parsed<T: std::str::FromStr>(input: &Input<'_>, k: &str, what: &str) -> Result<T, StoreError> {
    let v = input.text(k).unwrap_or_else(|| input.choice(k));
    v.trim()
        .parse()
        .map_err(|_| StoreError::Invalid(format!("{k}: {:?} is not {what}", sanitize(&v))))
}

/// A comma-separated list of a field, each parsed.
fn list<T: std::str::FromStr>(
    input: &Input<'_>,
    k: &str,
    what: &str,
) -> Result<Vec<T>, StoreError> {
    let v = input.text(k).unwrap_or_default();
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| StoreError::Invalid(format!("{k}: {:?} is not {what}", sanitize(s))))
        })
        .collect()
}

/// The record the form describes.
fn record(input: &Input<'_>, kind: &FormKind) -> Result<RegisterSnapshot, StoreError> {
    Ok(match kind {
        FormKind::Document { review } => RegisterSnapshot::Document(ReviewDocument {
            review: *review,
            kind: parsed(input, "kind", "a document")?,
            available: input.need_date("available")?,
            published: input.date("published"),
        }),
        FormKind::Register { kind, id, .. } => {
            let id = id.unwrap_or(0);
            match kind {
                RowKind::Request => RegisterSnapshot::Request(AssistanceRequest {
                    id,
                    party: input
                        .text("party")
                        .unwrap_or_default()
                        .trim()
                        .to_uppercase()
                        .into(),
                    date: input.need_date("date")?,
                    category: parsed(input, "category", "a category")?,
                    status: parsed(input, "status", "a status")?,
                    note: input.text("note").unwrap_or_default(),
                }),
                RowKind::Need => RegisterSnapshot::Need(AssistanceNeed {
                    id,
                    review: parsed(input, "review", "a review number")?,
                    identified: input.need_date("identified")?,
                    category: parsed(input, "category", "a category")?,
                    description: input.text("description").unwrap_or_default(),
                }),
                RowKind::Training => RegisterSnapshot::Training(Training {
                    id,
                    date: input.need_date("date")?,
                    title: input.text("title").unwrap_or_default(),
                    officials: parsed(input, "officials", "a number of officials")?,
                    parties: list::<String>(input, "parties", "a party code")?
                        .into_iter()
                        .map(|p| p.to_uppercase().into())
                        .collect(),
                    languages: list(input, "languages", "a language (ar zh en fr ru es pt)")?,
                }),
                RowKind::Translation => RegisterSnapshot::Translation(TranslationRequest {
                    id,
                    review: parsed(input, "review", "a review number")?,
                    date: input.need_date("date")?,
                    document: parsed(input, "document", "a document")?,
                    from: parsed(input, "from", "a language")?,
                    to: parsed(input, "to", "a language")?,
                }),
            }
        }
        _ => return Err(StoreError::Invalid("not a register form".into())),
    })
}

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let expected = match kind {
        FormKind::Register { version, .. } => *version,
        _ => None,
    };
    let r = record(input, kind)?;
    let put = store.write(|w| w.put_register(&r, expected))?;
    if put.before.as_ref() == Some(&put.stored) {
        return Ok(None);
    }
    let what = put.stored.record();
    let (verb, step) = match put.before {
        Some(before) => (
            "saved",
            UndoStep::Changed {
                before: Snapshot::Register(before),
                version: put.version,
            },
        ),
        None => (
            "recorded",
            UndoStep::Added {
                record: RecordRef::Register(what),
                version: put.version,
            },
        ),
    };
    let date = match &put.stored {
        RegisterSnapshot::Request(r) => r.date,
        RegisterSnapshot::Need(n) => n.identified,
        RegisterSnapshot::Training(t) => t.date,
        RegisterSnapshot::Translation(t) => t.date,
        RegisterSnapshot::Document(d) => d.available,
    };
    let label = format!(
        "{verb} {} {}: {}",
        what.entity().replace('_', " "),
        what.key_text(),
        sanitize(&put.stored.summary())
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![step],
        },
        format!("{label}{}", input.later(date, "dated")),
    )))
}
