//! Section IV of the paper: the support of the secretariat, from the
//! registers (DESIGN.md section 7): requests for assistance (paragraph 42),
//! training delivered (paragraph 43), translation requests (paragraph 50),
//! and the needs identified in lists of observations (paragraph 37). Left
//! out of a report written without the registers.

use super::Ctx;
use super::words::{count, plural};

/// Paragraph 37: the technical assistance needs identified so far.
pub(super) fn needs_identified(c: &Ctx<'_>) -> Option<String> {
    let n = c.registers.as_ref()?.needs_identified;
    Some(if n == 0 {
        format!(
            "As at {}, no technical assistance needs had been identified in the lists of observations.",
            c.date
        )
    } else {
        format!(
            "As at {}, {} technical assistance {} had been identified in the lists of observations.",
            c.date,
            count(n),
            plural(n, "need", "needs")
        )
    })
}

/// Paragraph 42: the requests for assistance, by category.
pub(super) fn assistance(c: &Ctx<'_>) -> Option<String> {
    let f = c.registers.as_ref()?;
    Some(format!(
        "As at {}: {}",
        c.date,
        lower_first(&f.assistance_paragraph())
    ))
}

/// Paragraph 43: officials trained, from how many States, in which languages.
pub(super) fn training(c: &Ctx<'_>) -> Option<String> {
    Some(c.registers.as_ref()?.training_paragraph())
}

/// Paragraph 50: the working translations the secretariat facilitated.
pub(super) fn translation(c: &Ctx<'_>) -> Option<String> {
    let f = c.registers.as_ref()?;
    Some(format!(
        "Automated machine translation is made available to focal points who request it, as an interim solution for working translations of the documents of a country review. {}",
        f.translation_paragraph()
    ))
}

/// "The secretariat …" inside a sentence: "the secretariat …".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
