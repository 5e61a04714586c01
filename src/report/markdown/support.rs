//! Section IV of the paper: the support of the secretariat, from the
//! registers (DESIGN.md section 7): requests for assistance (paragraph 42),
//! training delivered (paragraph 43), translation requests (paragraph 50),
//! and the needs identified in lists of observations (paragraph 37). Left
//! out of a report written without the registers.

use super::Ctx;
use super::words::{count, plural};

/// Whether the report has the registers (section IV is written).
pub(super) fn shown(c: &Ctx<'_>) -> bool {
    c.registers.is_some()
}

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

#[cfg(test)]
mod tests {
    use crate::domain::model::{Desk, Language};
    use crate::domain::registers::{
        AssistanceCategory, AssistanceRequest, AssistanceStatus, DocumentKind, Registers,
        TranslationRequest,
    };
    use crate::domain::stats;

    #[test]
    fn section_four_comes_from_the_registers_and_only_with_them() {
        let desk = Desk::default();
        let as_of = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let s = stats::compute(&desk, as_of);
        let reg = Registers {
            assistance_requests: vec![AssistanceRequest {
                id: 1,
                party: "AUT".into(),
                date: as_of,
                category: AssistanceCategory::PlatformTraining,
                status: AssistanceStatus::Open,
                note: String::new(),
            }],
            translation_requests: vec![TranslationRequest {
                id: 1,
                review: 1,
                date: as_of,
                document: DocumentKind::Feedback,
                from: Language::Es,
                to: Language::En,
            }],
            ..Default::default()
        };
        let pace = crate::domain::pace::pace(
            &desk,
            desk.people.as_slice(),
            as_of,
            1,
            crate::domain::gate::Threshold::DEFAULT,
        );
        let with = super::super::report_in(&desk, None, &s, &pace, Some(&reg), as_of, &[]);
        assert!(with.contains("## IV. Support provided by the secretariat"));
        assert!(with.contains(
            "As at 29 February 2024: the secretariat received a total of 1 request by 1 State, as follows: 1 request for training on the use of the RevMod platform."
        ));
        assert!(with.contains(
            "facilitating the translation of a written feedback from Spanish into English."
        ));
        assert!(with.contains("no technical assistance needs had been identified"));
        assert!(with.contains("No briefings or training had been recorded."));
        let without = super::super::report(&desk, &s, &pace, as_of, &[]);
        assert!(!without.contains("## IV."));
        assert!(!without.contains("technical assistance needs"));
    }
}
