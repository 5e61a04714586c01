//! Where to write to: each party's permanent mission (a contact that
//! outlives nominations) and each person's working languages
//! (paragraph 60(b)). Kept beside the desk, not in it: the engine and the
//! screens never need them, only mail, forms and the interchange format.

use super::model::{Language, Text};
use std::collections::HashMap;

/// A party's permanent mission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mission {
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Mission {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none()
    }

    /// A mission as entered: blank fields are none; an e-mail address
    /// must be plain; a phone number is one line. Errors name the field.
    pub fn checked(email: Option<&str>, phone: Option<&str>) -> Result<Mission, String> {
        fn blank(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let email = blank(email);
        if let Some(e) = email
            && !valid_address(e)
        {
            return Err(format!(
                "mission_email: {e:?} is not a plain e-mail address"
            ));
        }
        let phone = blank(phone);
        if let Some(p) = phone
            && p.chars().any(char::is_control)
        {
            return Err("mission_phone: one line, no control characters".into());
        }
        Ok(Mission {
            email: email.map(str::to_string),
            phone: phone.map(str::to_string),
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// By party code.
    pub missions: HashMap<Text, Mission>,
    /// Working languages by person id, in order of preference.
    pub languages: HashMap<i64, Vec<Language>>,
}

impl Directory {
    pub fn mission(&self, party: &str) -> Option<&Mission> {
        self.missions.get(party)
    }

    pub fn languages(&self, person: i64) -> &[Language] {
        self.languages.get(&person).map_or(&[], |v| v.as_slice())
    }
}

/// A plain address `local@domain`: printable ASCII, no spaces, quotes,
/// brackets or control characters, one `@`, a dotted domain.
pub fn valid_address(s: &str) -> bool {
    if s.len() > 254 {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// The language of a message (docs/mail.md): the first of the
/// review's agreed languages; where they are pending (or the message is
/// about no review), the recipient's own working language; English
/// otherwise.
pub fn mail_language(review: Option<&[Language]>, recipient: &[Language]) -> Language {
    review
        .and_then(|l| l.first())
        .or_else(|| recipient.first())
        .copied()
        .unwrap_or(Language::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_language_first_then_the_recipient_then_english() {
        use Language::*;
        assert_eq!(mail_language(Some(&[Fr, En]), &[Ru]), Fr);
        assert_eq!(mail_language(Some(&[]), &[Ru, Es]), Ru);
        assert_eq!(mail_language(None, &[Ar]), Ar);
        assert_eq!(mail_language(Some(&[]), &[]), En);
        assert_eq!(mail_language(None, &[]), En);
    }
}
