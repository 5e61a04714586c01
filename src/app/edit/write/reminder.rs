//! A reminder logged.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Reminder {
        party,
        review,
        obligation,
    } = kind
    else {
        return Ok(None);
    };
    let r = Reminder {
        date: input.need_date("date")?,
        party: party.as_str().into(),
        review: *review,
        obligation: *obligation,
        channel: input.choice("channel").parse().unwrap_or(Channel::Email),
        note: input.text("note").unwrap_or_default(),
    };
    let (id, version) = store.write(|w| {
        let id = w.remind(&r)?;
        Ok((id, w.version(RecordRef::Reminder(id))?))
    })?;
    let label = format!(
        "reminder {id} to {} about {} by {} on {}",
        input.party_name,
        obligation.label(),
        channel_label(r.channel),
        r.date
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![UndoStep::Added {
                record: RecordRef::Reminder(id),
                version,
            }],
        },
        format!("logged {label}{}", input.later(r.date, "dated")),
    )))
}
