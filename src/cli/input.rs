//! Text from the command line, cleaned as a form cleans what is typed or
//! pasted into it before anything is stored.

use crate::domain::text::{clean_pasted, email_problem, phone_problem};
use anyhow::{Result, bail};

/// `value` of option `--option` made fit for one line of the store: line
/// breaks and tabs become spaces, control and invisible characters are
/// left out (said on standard error, as a form says it of a paste).
/// Refused, naming the option, when longer than the form's field allows.
pub fn clean_arg(option: &str, value: &str, max: usize) -> Result<String> {
    let clean = clean_pasted(value);
    let n = clean.chars().count();
    if n > max {
        bail!("--{option}: at most {max} characters, {n} given; nothing was written");
    }
    if clean != value {
        eprintln!(
            "revdesk: --{option}: line breaks and tabs became spaces; control characters were left out"
        );
    }
    Ok(clean)
}

/// An optional e-mail address, cleaned and checked as the form checks it.
pub fn email_arg(value: Option<&str>, max: usize) -> Result<Option<String>> {
    let Some(v) = value else { return Ok(None) };
    let v = clean_arg("email", v, max)?;
    if let Some(problem) = email_problem(&v) {
        bail!("--email: {problem}; nothing was written");
    }
    Ok(Some(v))
}

/// An optional telephone number, cleaned and checked as the form checks it.
pub fn phone_arg(value: Option<&str>, max: usize) -> Result<Option<String>> {
    let Some(v) = value else { return Ok(None) };
    let v = clean_arg("phone", v, max)?;
    if let Some(problem) = phone_problem(&v) {
        bail!("--phone: {problem}; nothing was written");
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_left_out_and_long_text_refused() {
        assert_eq!(clean_arg("name", "Bad\x1b[2J", 200).unwrap(), "Bad[2J");
        assert_eq!(clean_arg("note", "two\nlines", 200).unwrap(), "two lines");
        let e = clean_arg("name", &"x".repeat(201), 200).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--name: at most 200 characters, 201 given; nothing was written"
        );
    }

    #[test]
    fn addresses_and_numbers_are_checked_like_the_form() {
        assert_eq!(
            email_arg(Some("a@b.example"), 200).unwrap().as_deref(),
            Some("a@b.example")
        );
        assert!(
            email_arg(Some("not an address"), 200)
                .unwrap_err()
                .to_string()
                .starts_with("--email: ")
        );
        assert!(phone_arg(Some("call me"), 60).is_err());
        assert_eq!(phone_arg(None, 60).unwrap(), None);
    }
}
