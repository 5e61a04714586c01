//! Numbers and lists as the paper writes them inside a sentence.

use crate::domain::model::{Desk, PartyKind};
use crate::domain::stats::thousands;

/// A count as UN documents write it inside a sentence: one to nine in
/// words, larger numbers in figures with thousands separators.
pub fn count(n: u64) -> String {
    match n {
        0..=9 => words(n),
        _ => thousands(n),
    }
}

/// A number in words (below 100; larger numbers in figures).
pub fn words(n: u64) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        _ => thousands(n),
    }
}

/// "first", "second", … for group numbers.
pub(super) fn ordinal(n: &str) -> String {
    match n {
        "1" => "first".into(),
        "2" => "second".into(),
        "3" => "third".into(),
        "4" => "fourth".into(),
        "5" => "fifth".into(),
        other => format!("number {other}"),
    }
}

pub(super) fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 { one.into() } else { many.into() }
}

/// "no questionnaire was", "one questionnaire was", "149 questionnaires were".
pub(super) fn how_many(n: u64, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}"),
        _ => format!("{} {}", count(n), plural(n, one, many)),
    }
}

/// As [`num`], with "no review" for zero.
pub(super) fn num0(n: u64, one: &str, many: &str) -> String {
    if n == 0 {
        format!("no {one}")
    } else {
        num(n, one, many)
    }
}

/// "1 review", "1,006 reviews".
pub(super) fn num(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), plural(n, one, many))
}

/// "a, b and c".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "States parties" when every party counted is a State, else "parties"
/// (singular for one).
pub(super) fn noun<'a>(
    desk: &Desk,
    codes: impl IntoIterator<Item = &'a str>,
) -> (&'static str, &'static str) {
    let all_states = codes
        .into_iter()
        .all(|c| desk.party(c).is_none_or(|p| p.kind == PartyKind::State));
    if all_states {
        ("State party", "States parties")
    } else {
        ("party", "parties")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_words_and_figures() {
        assert_eq!(count(0), "zero");
        assert_eq!(count(8), "eight");
        assert_eq!(count(10), "10");
        assert_eq!(count(1006), "1,006");
        assert_eq!(words(33), "thirty-three");
        assert_eq!(words(40), "forty");
        assert_eq!(words(1234), "1,234");
    }

    #[test]
    fn lists_read_naturally() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&v(&["a"])), "a");
        assert_eq!(and_list(&v(&["a", "b"])), "a and b");
        assert_eq!(and_list(&v(&["a", "b", "c"])), "a, b and c");
    }
}
