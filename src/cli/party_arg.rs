//! The one way every command finds the party a user typed: the code in any
//! case (`aut` is AUT) or the whole name in any case; a near miss gets the
//! closest codes and names, never a bare "unknown".

use crate::domain::model::Party;
use anyhow::{Result, bail};

/// How many suggestions a near miss lists.
const SUGGESTIONS: usize = 3;

/// Below this similarity (0 to 1, Jaro-Winkler) a party is not suggested.
const CLOSE_ENOUGH: f64 = 0.75;

/// The code of the party `input` names. `flag` (e.g. `--party`) starts the
/// error, which names the closest parties when some are close.
pub fn resolve(parties: &[Party], flag: &str, input: &str) -> Result<String> {
    let typed = input.trim();
    let found = parties
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(typed))
        .or_else(|| parties.iter().find(|p| same_name(&p.name, typed)));
    if let Some(p) = found {
        return Ok(p.code.to_string());
    }
    let shown = crate::domain::text::sanitize(typed);
    let near = suggestions(parties, typed);
    if near.is_empty() {
        bail!("{flag}: unknown party {shown:?} (no party code or name is close)");
    }
    bail!(
        "{flag}: unknown party {shown:?}; did you mean {}?",
        near.join(", ")
    )
}

/// [`resolve`] for an optional argument.
pub fn resolve_opt(parties: &[Party], flag: &str, input: Option<&str>) -> Result<Option<String>> {
    input.map(|i| resolve(parties, flag, i)).transpose()
}

fn same_name(name: &str, typed: &str) -> bool {
    name.to_lowercase() == typed.to_lowercase()
}

/// The closest parties as `CODE (Name)`, best first.
fn suggestions(parties: &[Party], typed: &str) -> Vec<String> {
    let upper = typed.to_uppercase();
    let lower = typed.to_lowercase();
    let mut scored: Vec<(f64, &Party)> = parties
        .iter()
        .map(|p| {
            let name = p.name.to_lowercase();
            let by_code = strsim::jaro_winkler(&upper, &p.code);
            let by_name = strsim::jaro_winkler(&lower, &name);
            // A typed beginning of a name ("switz") is as good as a match.
            let by_prefix = if lower.chars().count() >= 3 && name.starts_with(&lower) {
                0.95
            } else {
                0.0
            };
            (by_code.max(by_name).max(by_prefix), p)
        })
        .filter(|(s, _)| *s >= CLOSE_ENOUGH)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
    scored
        .iter()
        .take(SUGGESTIONS)
        .map(|(_, p)| format!("{} ({})", p.code, crate::domain::text::sanitize(&p.name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Instruments, PartyKind};

    fn party(code: &str, name: &str) -> Party {
        Party {
            code: code.into(),
            name: name.into(),
            kind: PartyKind::State,
            regional_group: None,
            pairs_as: None,
            group: Some(1),
            instruments: Instruments::default(),
        }
    }

    fn desk() -> Vec<Party> {
        vec![
            party("AUS", "Australia"),
            party("AUT", "Austria"),
            party("CHE", "Switzerland"),
            party("FRA", "France"),
            party("KEN", "Kenya"),
        ]
    }

    #[test]
    fn codes_and_names_in_any_case() {
        let d = desk();
        assert_eq!(resolve(&d, "--party", "aut").unwrap(), "AUT");
        assert_eq!(resolve(&d, "--party", " Aut ").unwrap(), "AUT");
        assert_eq!(resolve(&d, "--party", "switzerland").unwrap(), "CHE");
        assert_eq!(resolve_opt(&d, "--party", None).unwrap(), None);
    }

    #[test]
    fn near_misses_name_the_closest() {
        let d = desk();
        let e = resolve(&d, "--party", "AUTT").unwrap_err().to_string();
        assert!(
            e.starts_with("--party: unknown party \"AUTT\"; did you mean AUT (Austria)"),
            "{e}"
        );
        let e = resolve(&d, "--party", "Austrai").unwrap_err().to_string();
        assert!(e.contains("did you mean AUT (Austria)"), "{e}");
        let e = resolve(&d, "--party", "switz").unwrap_err().to_string();
        assert!(e.contains("did you mean CHE (Switzerland)"), "{e}");
        let e = resolve(&d, "--requested-by", "QQQQQ")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "--requested-by: unknown party \"QQQQQ\" (no party code or name is close)"
        );
    }
}
