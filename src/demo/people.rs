//! The demo's fictional people: names drawn from the naming cultures of each
//! party, e-mail addresses at reserved `.example` domains, telephone numbers
//! in the 555 range, and the nominations as they stood on 29 February 2024
//! (focal points, governmental experts, observers) with their history.

use super::data::{CountryInfo, Culture};
use super::progress::{Plan, paper_date, skewed};
use super::rng::{Rng, add_days, workday_before};
use crate::domain::model::{Affiliation, Desk, Gender, Person, Role};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Focal points on the paper's date (paragraphs 12-15).
pub const FOCAL_POINTS: usize = 172;
pub const FOCAL_POINT_WOMEN: usize = 53;
/// Foreign affairs, justice, interior, other.
pub const FOCAL_POINT_AFFILIATIONS: [(Affiliation, usize); 4] = [
    (Affiliation::ForeignAffairs, 83),
    (Affiliation::Justice, 62),
    (Affiliation::Interior, 27),
    (Affiliation::Other, 0),
];
/// Parties with more than one current focal point: (extra focal points, parties).
pub const SEVERAL: [(usize, usize); 2] = [(1, 6), (2, 2)];
/// Parties that changed their focal point at least once.
pub const CHANGED: usize = 67;
/// Governmental experts (paragraph 18) and observers (paragraph 19).
pub const EXPERTS: usize = 1006;
pub const EXPERT_WOMEN: usize = 391;
pub const OBSERVERS: usize = 15;
/// Parties with a focal point but no expert yet on the paper's date.
pub const FOCAL_POINT_BUT_NO_EXPERT: usize = 9;

/// Makes names, e-mail addresses and telephone numbers.
pub struct Namer<'a> {
    cultures: &'a BTreeMap<String, Culture>,
    info: &'a BTreeMap<String, CountryInfo>,
    iso2: &'a BTreeMap<String, String>,
    names: BTreeSet<(String, String)>,
    emails: BTreeSet<String>,
}

/// Lower-case ASCII for an e-mail address: accents dropped, other letters kept.
pub fn fold(s: &str) -> String {
    const TABLE: [(&str, &str); 16] = [
        ("a", "àáâãäåāăąạảấầẩẫậắằẳẵặ"),
        ("c", "çćĉċč"),
        ("d", "ďđð"),
        ("e", "èéêëēĕėęěẹẻẽếềểễệ"),
        ("g", "ĝğġģ"),
        ("i", "ìíîïĩīĭįıỉị"),
        ("l", "ĺļľŀł"),
        ("n", "ñńņňŉ"),
        ("o", "òóôõöøōŏőơọỏốồổỗộớờởỡợ"),
        ("r", "ŕŗř"),
        ("s", "śŝşšș"),
        ("t", "ţťŧț"),
        ("u", "ùúûüũūŭůűųưụủứừửữự"),
        ("y", "ýÿŷỳỵỷỹ"),
        ("z", "źżž"),
        ("th", "þ"),
    ];
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == 'æ' {
            out.push_str("ae");
        } else if c == 'ß' {
            out.push_str("ss");
        } else if c == ' ' || c == '-' {
            out.push('-');
        } else if let Some((plain, _)) = TABLE.iter().find(|(_, v)| v.contains(c)) {
            out.push_str(plain);
        }
    }
    out.trim_matches('-').to_string()
}

fn department(a: Option<Affiliation>) -> &'static str {
    match a {
        Some(Affiliation::ForeignAffairs) => "mfa",
        Some(Affiliation::Justice) => "moj",
        Some(Affiliation::Interior) => "moi",
        _ => "gov",
    }
}

impl<'a> Namer<'a> {
    pub fn new(
        cultures: &'a BTreeMap<String, Culture>,
        info: &'a BTreeMap<String, CountryInfo>,
        iso2: &'a BTreeMap<String, String>,
    ) -> Self {
        Namer {
            cultures,
            info,
            iso2,
            names: BTreeSet::new(),
            emails: BTreeSet::new(),
        }
    }

    fn culture(&self, party: &str, rng: &mut Rng) -> Option<&'a Culture> {
        let keys = self
            .info
            .get(party)
            .map(|i| i.cultures.as_slice())
            .unwrap_or_default();
        let key = if keys.is_empty() {
            "english".to_string()
        } else {
            rng.pick(keys).clone()
        };
        self.cultures
            .get(&key)
            .or_else(|| self.cultures.get("english"))
    }

    /// A new person of `party`; the id is given later.
    pub fn person(
        &mut self,
        rng: &mut Rng,
        party: &str,
        role: Role,
        gender: Gender,
        affiliation: Affiliation,
        nominated: NaiveDate,
    ) -> Person {
        let mut name = String::new();
        let mut given = String::new();
        let mut surname = String::new();
        for _ in 0..24 {
            let Some(c) = self.culture(party, rng) else {
                break;
            };
            let list = if gender == Gender::Female {
                &c.female
            } else {
                &c.male
            };
            if list.is_empty() || c.surnames.is_empty() {
                continue;
            }
            given = rng.pick(list).clone();
            let (m, f) = rng.pick(&c.surnames);
            surname = if gender == Gender::Female {
                f.clone()
            } else {
                m.clone()
            };
            name = if c.family_first {
                format!("{surname} {given}")
            } else {
                format!("{given} {surname}")
            };
            if !self.names.contains(&(party.to_string(), name.clone())) {
                break;
            }
        }
        self.names.insert((party.to_string(), name.clone()));
        let first = fold(given.split_whitespace().next().unwrap_or(&given));
        let last = fold(&surname);
        let country = self
            .iso2
            .get(party)
            .map(|s| s.to_lowercase())
            .unwrap_or_else(|| party.to_lowercase());
        let domain = format!("{}.{country}.example", department(Some(affiliation)));
        let mut email = format!("{first}.{last}@{domain}");
        let mut n = 2;
        while self.emails.contains(&email) {
            email = format!("{first}.{last}{n}@{domain}");
            n += 1;
        }
        self.emails.insert(email.clone());
        let phone = rng.chance(0.9).then(|| self.phone(party, rng));
        Person {
            id: 0,
            party: party.into(),
            role,
            name: name.into(),
            email: Some(email.into()),
            phone: phone.map(Box::from),
            gender: Some(gender),
            affiliation: Some(affiliation),
            nominated,
            ended: None,
        }
    }

    /// "+43 1 555 0142", "+1 268 555 0187": the party's calling code and a
    /// fictional 555 number.
    fn phone(&self, party: &str, rng: &mut Rng) -> String {
        let dial = self
            .info
            .get(party)
            .map(|i| i.dial.as_str())
            .unwrap_or("000");
        let tail = rng.range(100, 199);
        match dial.split_once('-') {
            Some((cc, area)) => format!("+{cc} {area} 555 0{tail}"),
            None => format!("+{dial} {} 555 0{tail}", rng.range(1, 89)),
        }
    }
}

/// Affiliation of an expert: mostly justice and interior.
pub fn expert_affiliation(rng: &mut Rng) -> Affiliation {
    [
        Affiliation::ForeignAffairs,
        Affiliation::Justice,
        Affiliation::Interior,
        Affiliation::Other,
    ][rng.weighted(&[0.22, 0.38, 0.28, 0.12])]
}

/// Affiliation of a focal point not counted in the paper's figures.
pub fn focal_affiliation(rng: &mut Rng) -> Affiliation {
    [
        Affiliation::ForeignAffairs,
        Affiliation::Justice,
        Affiliation::Interior,
    ][rng.weighted(&[0.48, 0.36, 0.16])]
}

pub fn gender(rng: &mut Rng, women: f64) -> Gender {
    if rng.chance(women) {
        Gender::Female
    } else {
        Gender::Male
    }
}

/// First start of any review of each party, and the earliest consultation
/// held on or before the paper's date in any of its reviews.
pub fn party_dates(desk: &Desk) -> (BTreeMap<String, NaiveDate>, BTreeMap<String, NaiveDate>) {
    let mut first: BTreeMap<String, NaiveDate> = BTreeMap::new();
    let mut consulted: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for r in &desk.reviews {
        let Some(s) = desk.review_start(r) else {
            continue;
        };
        for p in r.parties() {
            let e = first.entry(p.to_string()).or_insert(s);
            *e = (*e).min(s);
            if let Some(c) = r
                .milestones
                .consultation_held
                .filter(|c| *c <= paper_date())
            {
                let e = consulted.entry(p.to_string()).or_insert(c);
                *e = (*e).min(c);
            }
        }
    }
    (first, consulted)
}

/// The nominations as they stood on the paper's date, with their history.
/// People get ids later, once every nomination is known.
pub fn nominate(desk: &Desk, plan: &Plan, namer: &mut Namer, seed: u64) -> Vec<Person> {
    let mut rng = Rng::stream("people", seed);
    let with_fp: Vec<String> = desk
        .parties
        .iter()
        .filter(|p| p.group.is_some() && !plan.without_fp.contains(p.code.as_str()))
        .map(|p| p.code.to_string())
        .collect();
    let first_fp = first_focal_points(&mut rng, desk, &with_fp);
    let chains = focal_point_chains(&mut rng, desk, &with_fp, &first_fp);
    let mut people = focal_points(&mut rng, namer, chains);
    experts(&mut rng, namer, &with_fp, &first_fp, &mut people);
    observers(&mut rng, namer, desk, &mut people);
    people
}

/// A focal point's party, nominated, ended.
type Chain = (String, NaiveDate, Option<NaiveDate>);

/// First nominations: some on time, most late, always before the
/// consultations the party took part in.
fn first_focal_points(
    rng: &mut Rng,
    desk: &Desk,
    with_fp: &[String],
) -> BTreeMap<String, NaiveDate> {
    let paper = paper_date();
    let (first, consulted) = party_dates(desk);
    let mut first_fp: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for code in with_fp {
        let f = first.get(code).copied().unwrap_or(paper);
        let upper = consulted
            .get(code)
            .map(|c| add_days(*c, -5))
            .unwrap_or(add_days(paper, -7));
        let d = if rng.chance(0.3) {
            rng.workday(add_days(f, -20), add_days(f, 13))
        } else {
            add_days(f, 14 + skewed(rng, 0, 720))
        };
        first_fp.insert(
            code.clone(),
            workday_before(d.min(upper).min(add_days(paper, -7))),
        );
    }

    first_fp
}

/// Focal point chains (party, nominated, ended) with the paper's date in
/// view: substitutions, and parties with more than one focal point.
fn focal_point_chains(
    rng: &mut Rng,
    desk: &Desk,
    with_fp: &[String],
    first_fp: &BTreeMap<String, NaiveDate>,
) -> Vec<Chain> {
    let paper = paper_date();
    let mut chains: Vec<(String, NaiveDate, Option<NaiveDate>)> = Vec::new();
    let mut changeable: Vec<&String> = with_fp
        .iter()
        .filter(|c| first_fp[*c] <= add_days(paper, -240))
        .collect();
    rng.shuffle(&mut changeable);
    let changed: BTreeSet<&String> = changeable.iter().take(CHANGED).copied().collect();
    for code in with_fp {
        let n1 = first_fp[code];
        if !changed.contains(code) {
            chains.push((code.clone(), n1, None));
            continue;
        }
        let s1 = rng.workday(add_days(n1, 120), add_days(paper, -30));
        let twice = rng.chance(0.2) && (paper - s1).num_days() > 200;
        chains.push((code.clone(), n1, Some(s1)));
        if twice {
            let s2 = rng.workday(add_days(s1, 90), add_days(paper, -5));
            chains.push((code.clone(), s1, Some(s2)));
            chains.push((code.clone(), s2, None));
        } else {
            chains.push((code.clone(), s1, None));
        }
    }
    // More than one focal point: one for the own review, one as reviewer.
    let mut several: Vec<&String> = with_fp
        .iter()
        .filter(|c| {
            desk.reviews
                .iter()
                .filter(|r| r.parties().any(|p| p == c.as_str()))
                .count()
                >= 2
        })
        .collect();
    rng.shuffle(&mut several);
    let mut it = several.into_iter();
    for (extra, count) in SEVERAL {
        for _ in 0..count {
            let Some(code) = it.next() else { break };
            for _ in 0..extra {
                let from = add_days(first_fp[code], 30).min(add_days(paper, -10));
                chains.push((code.clone(), rng.workday(from, add_days(paper, -5)), None));
            }
        }
    }

    chains
}

/// The focal points of the chains, with the paper's exact shares of
/// gender and ministry among those current on its date.
fn focal_points(rng: &mut Rng, namer: &mut Namer, chains: Vec<Chain>) -> Vec<Person> {
    let mut genders: Vec<Gender> = (0..FOCAL_POINTS)
        .map(|i| {
            if i < FOCAL_POINT_WOMEN {
                Gender::Female
            } else {
                Gender::Male
            }
        })
        .collect();
    let mut affiliations: Vec<Affiliation> = FOCAL_POINT_AFFILIATIONS
        .iter()
        .flat_map(|(a, n)| std::iter::repeat_n(*a, *n))
        .collect();
    rng.shuffle(&mut genders);
    rng.shuffle(&mut affiliations);
    let mut people = Vec::new();
    for (code, nominated, ended) in chains {
        let (g, a) = if ended.is_none() {
            (
                genders.pop().unwrap_or(Gender::Male),
                affiliations.pop().unwrap_or(Affiliation::ForeignAffairs),
            )
        } else {
            (gender(rng, 0.3), focal_affiliation(rng))
        };
        let mut p = namer.person(rng, &code, Role::FocalPoint, g, a, nominated);
        p.ended = ended;
        people.push(p);
    }

    people
}

/// Experts: most parties with a focal point, 1006 in all.
fn experts(
    rng: &mut Rng,
    namer: &mut Namer,
    with_fp: &[String],
    first_fp: &BTreeMap<String, NaiveDate>,
    people: &mut Vec<Person>,
) {
    let paper = paper_date();
    let mut expert_parties: Vec<&String> = with_fp.iter().collect();
    // The latest focal points are those whose experts are still awaited.
    expert_parties.sort_by_key(|c| std::cmp::Reverse(first_fp[*c]));
    let late: Vec<&String> = expert_parties
        .iter()
        .take(3 * FOCAL_POINT_BUT_NO_EXPERT)
        .copied()
        .collect();
    let mut skip: Vec<&String> = late.clone();
    rng.shuffle(&mut skip);
    let skip: BTreeSet<&String> = skip.into_iter().take(FOCAL_POINT_BUT_NO_EXPERT).collect();
    expert_parties.retain(|c| !skip.contains(c));
    expert_parties.sort();
    let weights: Vec<f64> = expert_parties
        .iter()
        .map(|_| 1.0 + skewed(rng, 0, 14) as f64)
        .collect();
    let total: f64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| ((w * EXPERTS as f64 / total).round() as usize).max(1))
        .collect();
    while counts.iter().sum::<usize>() != EXPERTS {
        let i = rng.below(counts.len());
        if counts.iter().sum::<usize>() < EXPERTS {
            counts[i] += 1;
        } else if counts[i] > 1 {
            counts[i] -= 1;
        }
    }
    let mut genders: Vec<Gender> = (0..EXPERTS)
        .map(|i| {
            if i < EXPERT_WOMEN {
                Gender::Female
            } else {
                Gender::Male
            }
        })
        .collect();
    rng.shuffle(&mut genders);
    for (code, n) in expert_parties.iter().zip(counts) {
        let from = first_fp[*code];
        for _ in 0..n {
            let d = rng.workday(
                add_days(from, -7),
                add_days(from, 150).min(add_days(paper, -1)),
            );
            let g = genders.pop().unwrap_or(Gender::Male);
            let a = expert_affiliation(rng);
            // Some replaced an earlier expert.
            if rng.chance(0.08) && (d - from).num_days() > 90 {
                let before = rng.workday(from, add_days(d, -60));
                let og = gender(rng, 0.38);
                let mut old = namer.person(rng, code, Role::Expert, og, a, before);
                old.ended = Some(d);
                people.push(old);
            }
            people.push(namer.person(rng, code, Role::Expert, g, a, d));
        }
    }
}

/// Observers: parties whose own review had started in earnest.
fn observers(rng: &mut Rng, namer: &mut Namer, desk: &Desk, people: &mut Vec<Person>) {
    let paper = paper_date();
    let mut own: Vec<(String, NaiveDate)> = desk
        .reviews
        .iter()
        .filter_map(|r| {
            r.milestones
                .consultation_held
                .map(|c| (r.under_review.to_string(), c))
        })
        .filter(|(_, c)| *c <= add_days(paper, -20))
        .collect();
    rng.shuffle(&mut own);
    for (code, c) in own.into_iter().take(OBSERVERS) {
        let d = rng.workday(add_days(c, 7), add_days(paper, -3));
        let a = if rng.chance(0.7) {
            Affiliation::ForeignAffairs
        } else {
            Affiliation::Other
        };
        let g = gender(rng, 0.45);
        people.push(namer.person(rng, &code, Role::Observer, g, a, d));
    }
}
