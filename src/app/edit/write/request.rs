//! A party's request for assistance, new or edited (the Assistance pane).

use super::*;
use crate::domain::registers::AssistanceRequest;

pub(super) fn write(store: &mut Store, input: &Input<'_>, kind: &FormKind) -> Written {
    let FormKind::Request { id, version } = kind else {
        return Ok(None);
    };
    let bad = |field: &str, e: crate::domain::model::UnknownValue| {
        StoreError::Invalid(format!("{field}: {e}"))
    };
    let r = AssistanceRequest {
        id: id.unwrap_or(0),
        party: input
            .text("party")
            .unwrap_or_default()
            .trim()
            .to_uppercase()
            .into(),
        date: input.need_date("date")?,
        category: input
            .choice("category")
            .parse()
            .map_err(|e| bad("category", e))?,
        status: input
            .choice("status")
            .parse()
            .map_err(|e| bad("status", e))?,
        note: input.text("note").unwrap_or_default(),
    };
    let saved = store.write(|w| match id {
        Some(_) => w
            .put_assistance_request(&r, *version, "edit")
            .map(|()| r.clone()),
        None => w.add_assistance_request(&r),
    })?;
    let label = format!(
        "assistance request {}: {} asked for {} on {} ({})",
        saved.id,
        saved.party,
        saved.category.short_label(),
        saved.date,
        saved.status.label()
    );
    Ok(Some((
        SavedChange {
            label: label.clone(),
            steps: Vec::new(),
        },
        format!(
            "{} {label}{}",
            if id.is_some() { "saved" } else { "recorded" },
            input.later(saved.date, "dated")
        ),
    )))
}
