//! A review's milestones and languages, saved against the version read.

use super::*;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Milestones { review } = kind else {
        return Ok(None);
    };
    let langs = input.fs.get("languages").map(|f| f.chosen_languages());
    // A milestone the form does not show (recorded after the as-at
    // date) is kept as stored.
    let dates: Vec<(Milestone, Option<NaiveDate>)> = Milestone::ALL
        .iter()
        .filter(|m| input.fs.get(m.field()).is_some())
        .map(|m| (*m, input.date(m.field())))
        .collect();
    let out = store.write(|w| {
        let (current, version) = w.review(*review)?;
        if let Some(e) = input.expected
            && e != version
        {
            return Err(w.conflict("review", *review));
        }
        let mut after = current.clone();
        for (m, d) in &dates {
            after.milestones.set(*m, *d);
        }
        if let Some(langs) = &langs {
            after.languages = Languages::from_slice(langs);
        }
        if after == current {
            return Ok(None);
        }
        w.put_review(&after, Some(version), "record")?;
        let v = w.version(RecordRef::Review(*review))?;
        Ok(Some((current, after, v)))
    })?;
    let Some((before, after, version)) = out else {
        return Ok(None);
    };
    let changed: Vec<String> = snapshot_values(&Snapshot::Review(before.clone()))
        .into_iter()
        .zip(snapshot_values(&Snapshot::Review(after)))
        .filter(|(a, b)| a.2 != b.2)
        .map(|(a, b)| format!("{} {}", a.1, shown(a.0, &b.2)))
        .collect();
    let label = format!("review #{review}: {}", changed.join(", "));
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: vec![UndoStep::Changed {
                before: Snapshot::Review(before),
                version,
            }],
        },
        format!("recorded {label}"),
    )))
}
