//! The embedded data of the demo: the States (`assets/states.csv`), per
//! country facts (`assets/demo/countries.csv`) and name lists
//! (`assets/demo/names.txt`). Parsed once per build; malformed embedded data
//! is a programming error caught by the tests.

use crate::domain::model::{Language, Region};
use std::collections::BTreeMap;

const STATES_CSV: &str = include_str!("../../assets/states.csv");
const COUNTRIES_CSV: &str = include_str!("../../assets/demo/countries.csv");
const NAMES_TXT: &str = include_str!("../../assets/demo/names.txt");

/// One row of `states.csv`.
#[derive(Debug, Clone)]
pub struct StateRow {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub region: Option<Region>,
}

/// Splits one CSV line, honouring double quotes ("" inside quotes is a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Every State of `states.csv`, in file order.
pub fn states() -> Vec<StateRow> {
    STATES_CSV
        .lines()
        .skip(1)
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f = csv_fields(l);
            let get = |i: usize| f.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
            StateRow {
                iso3: get(0),
                iso2: get(1),
                name: get(2),
                region: get(5).parse().ok(),
            }
        })
        .collect()
}

/// Facts about one party used to make its people and languages plausible.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    /// International calling code, e.g. "43" or "1-268".
    pub dial: String,
    /// Working languages of the Mechanism it would use, most likely first.
    pub languages: Vec<Language>,
    /// Name cultures of `names.txt` to draw its people from.
    pub cultures: Vec<String>,
}

pub fn countries() -> BTreeMap<String, CountryInfo> {
    COUNTRIES_CSV
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f = csv_fields(l);
            let get = |i: usize| f.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
            let info = CountryInfo {
                dial: get(1),
                languages: get(2)
                    .split_whitespace()
                    .filter_map(|s| s.parse().ok())
                    .collect(),
                cultures: get(3).split_whitespace().map(str::to_string).collect(),
            };
            (get(0), info)
        })
        .collect()
}

/// The names of one naming culture.
#[derive(Debug, Clone, Default)]
pub struct Culture {
    pub female: Vec<String>,
    pub male: Vec<String>,
    /// (masculine, feminine) forms; the same where the surname has one form.
    pub surnames: Vec<(String, String)>,
    /// Surname written first ("Tanaka Yuko").
    pub family_first: bool,
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn cultures() -> BTreeMap<String, Culture> {
    let mut out: BTreeMap<String, Culture> = BTreeMap::new();
    let mut borrow: Vec<(String, String)> = Vec::new();
    let mut current: Option<String> = None;
    for line in NAMES_TXT.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.to_string());
            out.entry(name.to_string()).or_default();
            continue;
        }
        let (Some(key), Some((k, v))) = (current.clone(), line.split_once(':')) else {
            continue;
        };
        let c = out.entry(key.clone()).or_default();
        match k.trim() {
            "female" => c.female = list(v),
            "male" => c.male = list(v),
            "surnames" => {
                c.surnames = list(v)
                    .into_iter()
                    .map(|s| match s.split_once('|') {
                        Some((m, f)) => (m.trim().to_string(), f.trim().to_string()),
                        None => (s.clone(), s),
                    })
                    .collect()
            }
            "order" => c.family_first = v.trim() == "family-first",
            "given" => borrow.push((key, v.trim().to_string())),
            _ => {}
        }
    }
    for (to, from) in borrow {
        if let Some(src) = out.get(&from).cloned() {
            let c = out.entry(to).or_default();
            c.female = src.female;
            c.male = src.male;
        }
    }
    out
}
