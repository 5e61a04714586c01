//! An agreed extension recorded.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Extension {
        review, obligation, ..
    } = kind
    else {
        return Ok(None);
    };
    let e = Extension {
        review: *review,
        obligation: *obligation,
        due: input.need_date("due")?,
        reason: input.text("reason").unwrap_or_default(),
        agreed: input.need_date("agreed")?,
    };
    let (id, version) = store.write(|w| {
        let id = w.extend(&e)?;
        Ok((id, w.version(RecordRef::Extension(id))?))
    })?;
    let label = format!(
        "extension {id}: review #{review} {} now due {}",
        obligation.label(),
        e.due
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![UndoStep::Added {
                record: RecordRef::Extension(id),
                version,
            }],
        },
        format!("recorded {label}{}", input.later(e.agreed, "agreed")),
    )))
}
