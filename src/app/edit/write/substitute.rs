//! A person in the place of another: the old nomination ended and the new one made, in one transaction.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Substitute { party, old } = kind else {
        return Ok(None);
    };
    let nominated = input.need_date("nominated")?;
    let ended = input.need_date("ended")?;
    let name = input.text("name").unwrap_or_default();
    let email = input.text("email");
    let phone = input.text("phone");
    let gender = input.fs.get("gender").and_then(|f| f.parsed());
    let affiliation = input.fs.get("affiliation").and_then(|f| f.parsed());
    let (before, ended_v, new, new_v) = store.write(|w| {
        let (before, _) = w.person(*old)?;
        let after = w.end_nomination_checked(*old, ended, input.expected)?;
        let ended_v = w.version(RecordRef::Person(after.id))?;
        let new = w.nominate(&NewPerson {
            party: party.clone(),
            role: before.role,
            name: name.clone(),
            email: email.clone(),
            phone: phone.clone(),
            gender,
            affiliation,
            nominated,
        })?;
        let new_v = w.version(RecordRef::Person(new.id))?;
        Ok((before, ended_v, new, new_v))
    })?;
    let label = format!(
        "{} replaces {} as {} of {} (nominated {nominated}, the old one ended {ended})",
        safe(&new.name),
        safe(&before.name),
        role_label(before.role),
        input.party_name
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![
                UndoStep::Changed {
                    before: Snapshot::Person(before),
                    version: ended_v,
                },
                UndoStep::Added {
                    record: RecordRef::Person(new.id),
                    version: new_v,
                },
            ],
        },
        label,
    )))
}
