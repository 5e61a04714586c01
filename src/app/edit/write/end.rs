//! A nomination ended.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::End { person } = kind else {
        return Ok(None);
    };
    let ended = input.need_date("ended")?;
    let (before, version) = store.write(|w| {
        let (before, _) = w.person(*person)?;
        w.end_nomination_checked(*person, ended, input.expected)?;
        Ok((before, w.version(RecordRef::Person(*person))?))
    })?;
    let label = format!(
        "the nomination of {} as {} ended on {ended}",
        safe(&before.name),
        role_label(before.role)
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![UndoStep::Changed {
                before: Snapshot::Person(before),
                version,
            }],
        },
        label,
    )))
}
