//! `revdesk contacts --vcard`: vCard 4.0 (RFC 6350) cards for the people
//! of the desk, text escaped (`\\`, `\,`, `\;`, `\n`), control characters
//! dropped, content lines folded at 75 octets, CRLF line endings.

use super::capital;
use super::lookup::Lookup;
use super::role_label;
use crate::domain::model::{Affiliation, Gender, Person, Role};

/// Escapes a TEXT value: backslash, comma, semicolon, newline (CR LF, CR
/// and LF all become `\n`); other control characters are dropped.
pub fn escape(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets (continuations
/// start with a space, which counts), never inside a UTF-8 sequence; each
/// line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Family name and given names of a full name: the last word is taken as
/// the family name. The full name is always in FN, exactly as recorded.
fn split_name(full: &str) -> (String, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.split_last() {
        Some((family, given)) if !given.is_empty() => (family.to_string(), given.join(" ")),
        Some((only, _)) => (only.to_string(), String::new()),
        None => (String::new(), String::new()),
    }
}

fn affiliation(a: Affiliation) -> &'static str {
    match a {
        Affiliation::ForeignAffairs => "Ministry of Foreign Affairs",
        Affiliation::Justice => "Ministry of Justice",
        Affiliation::Interior => "Ministry of the Interior",
        Affiliation::Other => "Other institution",
    }
}

/// One card.
pub fn card(l: &Lookup, p: &Person) -> String {
    let party = l
        .party(&p.party)
        .map_or(p.party.as_str(), |x| x.name.as_str());
    let (family, given) = split_name(&p.name);
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:4.0".to_string(),
        "KIND:individual".to_string(),
        format!("UID;VALUE=text:revdesk-person-{}", p.id),
        format!("FN:{}", escape(&p.name)),
        format!("N:{};{};;;", escape(&family), escape(&given)),
    ];
    if let Some(e) = p.email.as_deref().filter(|e| !e.trim().is_empty()) {
        lines.push(format!("EMAIL;TYPE=work:{}", escape(e.trim())));
    }
    if let Some(t) = p.phone.as_deref().filter(|t| !t.trim().is_empty()) {
        lines.push(format!(
            "TEL;VALUE=text;TYPE=work,voice:{}",
            escape(t.trim())
        ));
    }
    let mut org = escape(party);
    if let Some(a) = p.affiliation {
        org.push(';');
        org.push_str(&escape(affiliation(a)));
    }
    lines.push(format!("ORG:{org}"));
    lines.push(format!("TITLE:{}", escape(&capital(role_label(p.role)))));
    lines.push(format!(
        "ROLE:{}",
        escape(&format!(
            "{} of {party} in the Mechanism for the Review of the Implementation of UNTOC",
            capital(role_label(p.role))
        ))
    ));
    if let Some(g) = p.gender {
        lines.push(
            match g {
                Gender::Female => "GENDER:F",
                Gender::Male => "GENDER:M",
                Gender::Other => "GENDER:O",
            }
            .to_string(),
        );
    }
    let mut note = format!("Nominated {}.", p.nominated.format("%-d %B %Y"));
    if p.role != Role::Expert {
        let reviews: Vec<String> = l
            .reviews_of(&p.party)
            .iter()
            .map(|r| {
                if r.under_review == p.party {
                    format!("{} (under review)", r.id)
                } else {
                    let reviewed = l
                        .party(&r.under_review)
                        .map_or(r.under_review.as_str(), |x| x.name.as_str());
                    format!("{} (reviewing {reviewed})", r.id)
                }
            })
            .collect();
        if !reviews.is_empty() {
            note.push_str(&format!(" Reviews: {}.", reviews.join(", ")));
        }
    }
    lines.push(format!("NOTE:{}", escape(&note)));
    lines.push(format!("CATEGORIES:{}", escape(role_label(p.role))));
    lines.push("PRODID:-//revdesk//contacts//EN".to_string());
    lines.push("END:VCARD".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape(r"a\b,c;d"), r"a\\b\,c\;d");
        assert_eq!(escape("x\r\ny\nz\rw"), r"x\ny\nz\nw");
        assert_eq!(escape("bell\x07 esc\x1b[2J"), "bell esc[2J");
    }

    #[test]
    fn lines_fold_at_75_octets_on_char_boundaries() {
        let long = format!("NOTE:{}", "é".repeat(100));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        // Unfolding gives the line back.
        assert_eq!(folded.trim_end().replace("\r\n ", ""), long);
        assert_eq!(fold("FN:A"), "FN:A\r\n");
    }

    #[test]
    fn a_card_has_every_property() {
        let desk = Desk {
            parties: vec![Party {
                code: "AUT".into(),
                name: "Austria, Republic of; Vienna".into(),
                kind: PartyKind::State,
                regional_group: Some(Region::Weog),
                pairs_as: None,
                group: Some(1),
                instruments: Instruments::default(),
            }],
            ..Default::default()
        };
        let p = Person {
            id: 7,
            party: "AUT".into(),
            role: Role::FocalPoint,
            name: "Anna Maria\nHuber".into(),
            email: Some("anna@bmeia.example".into()),
            phone: Some("+43 1; ext. 2".into()),
            gender: Some(Gender::Female),
            affiliation: Some(Affiliation::Justice),
            nominated: d("2020-12-10"),
            ended: None,
        };
        let c = card(&Lookup::new(&desk, d("2024-02-29")), &p);
        assert!(c.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
        assert!(c.ends_with("END:VCARD\r\n"));
        assert!(c.contains("FN:Anna Maria\\nHuber\r\n"));
        assert!(c.contains("N:Huber;Anna Maria;;;\r\n"));
        assert!(c.contains("EMAIL;TYPE=work:anna@bmeia.example\r\n"));
        assert!(c.contains("TEL;VALUE=text;TYPE=work,voice:+43 1\\; ext. 2\r\n"));
        assert!(c.contains("ORG:Austria\\, Republic of\\; Vienna;Ministry of Justice\r\n"));
        assert!(c.contains("TITLE:Focal point\r\n"));
        assert!(c.contains("GENDER:F\r\n"));
        assert!(c.contains("NOTE:Nominated 10 December 2020."));
        for l in c.split("\r\n") {
            assert!(l.len() <= 75);
            assert!(!l.contains('\n') && !l.contains('\r'));
        }
    }
}
