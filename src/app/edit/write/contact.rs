//! A person's contact details, saved against the version read.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Contact { person } = kind else {
        return Ok(None);
    };
    let name = input
        .fs
        .get("name")
        .map(|f| f.stored_value())
        .unwrap_or_default();
    let email = input.fs.get("email").and_then(|f| f.text_value());
    let phone = input.fs.get("phone").and_then(|f| f.text_value());
    let gender = input.fs.get("gender").and_then(|f| f.parsed());
    let affiliation = input.fs.get("affiliation").and_then(|f| f.parsed());
    let languages = input.fs.get("languages").map(|f| f.chosen_languages());
    let known = store.directory()?.languages(*person).to_vec();
    // Working languages are kept beside the person (not undone with it).
    let new_languages = languages.filter(|l| *l != known);
    let out = store.write(|w| {
        if let Some(l) = &new_languages {
            w.set_languages(*person, l)?;
        }
        let (current, version) = w.person(*person)?;
        if let Some(e) = input.expected
            && e != version
        {
            return Err(w.conflict("person", *person));
        }
        let mut after = current.clone();
        // Untouched prefills keep the stored text exactly.
        after.name = if name.trim() == current.name.trim() {
            current.name.clone()
        } else {
            name.trim().into()
        };
        after.email = email.as_deref().map(Box::from);
        after.phone = phone.as_deref().map(Box::from);
        after.gender = gender;
        after.affiliation = affiliation;
        if after == current {
            return Ok(new_languages
                .is_some()
                .then(|| (current.clone(), after, version)));
        }
        w.put_person(&after, Some(version), "edit")?;
        let v = w.version(RecordRef::Person(*person))?;
        Ok(Some((current, after, v)))
    })?;
    let Some((before, after, version)) = out else {
        return Ok(None);
    };
    let mut changed: Vec<String> = snapshot_values(&Snapshot::Person(before.clone()))
        .into_iter()
        .zip(snapshot_values(&Snapshot::Person(after.clone())))
        .filter(|(a, b)| a.2 != b.2)
        .map(|(a, b)| format!("{} {}", a.1, shown(a.0, &b.2)))
        .collect();
    if let Some(l) = &new_languages {
        let codes: Vec<&str> = l.iter().map(|l| l.as_str()).collect();
        changed.push(format!("working languages {}", codes.join(",")));
    }
    let label = format!("{}: {}", safe(&after.name), changed.join(", "));
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![UndoStep::Changed {
                before: Snapshot::Person(before),
                version,
            }],
        },
        format!("saved {label}"),
    )))
}
