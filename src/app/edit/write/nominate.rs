//! A person nominated.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Nominate { party } = kind else {
        return Ok(None);
    };
    let p = NewPerson {
        party: party.clone(),
        role: input
            .fs
            .get("role")
            .and_then(|f| f.parsed())
            .unwrap_or(Role::FocalPoint),
        name: input.text("name").unwrap_or_default(),
        email: input.text("email"),
        phone: input.text("phone"),
        gender: input.fs.get("gender").and_then(|f| f.parsed()),
        affiliation: input.fs.get("affiliation").and_then(|f| f.parsed()),
        nominated: input.need_date("nominated")?,
    };
    let languages = input
        .fs
        .get("languages")
        .map(|f| f.chosen_languages())
        .unwrap_or_default();
    let (person, version) = store.write(|w| {
        let person = w.nominate(&p)?;
        if !languages.is_empty() {
            w.set_languages(person.id, &languages)?;
        }
        let v = w.version(RecordRef::Person(person.id))?;
        Ok((person, v))
    })?;
    let label = format!(
        "{} nominated as {} of {} on {}",
        safe(&person.name),
        role_label(person.role),
        input.party_name,
        person.nominated
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![UndoStep::Added {
                record: RecordRef::Person(person.id),
                version,
            }],
        },
        format!("{label}{}", input.later(person.nominated, "nominated")),
    )))
}
