//! New parties and treaty actions (DESIGN.md section 4, paragraphs 9-10):
//! a State that joins after the draw, a later ratification of or
//! accession to a Protocol, and the assignment of a party to a group, new
//! or existing. Each is checked against the desk before anything is
//! written; an error names the option that is wrong.

use super::interchange::valid_code;
use super::model::{Desk, Instruments, Party, PartyKind, Protocol, Region, Text};
use chrono::NaiveDate;

/// A refusal naming the option (or form field) that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn refuse<T>(field: &'static str, message: impl Into<String>) -> Result<T, FieldError> {
    Err(FieldError {
        field,
        message: message.into(),
    })
}

/// Parses a regional group as the command line and the forms give it.
pub fn region(field: &'static str, s: &str) -> Result<Region, FieldError> {
    s.trim()
        .to_ascii_uppercase()
        .parse()
        .or_else(|e: super::model::UnknownValue| refuse(field, e.to_string()))
}

/// The option naming a Protocol's date.
pub fn protocol_field(p: Protocol) -> &'static str {
    match p {
        Protocol::Tip => "--tip",
        Protocol::Som => "--som",
        Protocol::Fa => "--fa",
    }
}

/// Every Protocol date on or after the Convention's: a State becomes party
/// to a Protocol only as a party to the Convention.
fn check_instruments(i: &Instruments) -> Result<(), FieldError> {
    let Some(convention) = i.convention else {
        return refuse(
            "--convention",
            "the date the party became bound by the Convention is needed",
        );
    };
    for p in Protocol::ALL {
        if let Some(d) = i.date(p)
            && d < convention
        {
            return refuse(
                protocol_field(p),
                format!("{d} is before the Convention's date {convention}"),
            );
        }
    }
    Ok(())
}

/// Checks a party to add: a new code of 2 to 8 capitals or digits, a name,
/// a regional group for a State (an organization pairs as one), the
/// Convention's date and Protocol dates not before it. It awaits a group.
pub fn check_new(desk: &Desk, p: &Party) -> Result<(), FieldError> {
    if !valid_code(&p.code) {
        return refuse(
            "--code",
            format!(
                "{:?} is not 2 to 8 upper-case letters or digits",
                p.code.as_str()
            ),
        );
    }
    if desk.party(&p.code).is_some() {
        return refuse("--code", format!("{} is already a party", p.code));
    }
    if p.name.trim().is_empty() {
        return refuse("--name", "a party needs a name");
    }
    if p.name.chars().any(char::is_control) {
        return refuse("--name", "control characters are not allowed in a name");
    }
    match (p.kind, p.regional_group, p.pairs_as) {
        (PartyKind::State, None, _) => {
            return refuse("--region", "a State needs its UN regional group");
        }
        (PartyKind::State, Some(_), Some(_)) => {
            return refuse(
                "--pairs-as",
                "only an organization without a regional group pairs as one",
            );
        }
        (PartyKind::Organization, None, None) => {
            return refuse(
                "--pairs-as",
                "an organization without a regional group needs the group it pairs as",
            );
        }
        _ => {}
    }
    if p.group.is_some() {
        return refuse(
            "--group",
            "a new party awaits assignment: use `party assign`",
        );
    }
    check_instruments(&p.instruments)
}

/// What `party set` changes; `None` keeps the value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyChange {
    pub name: Option<String>,
    pub tip: Option<NaiveDate>,
    pub som: Option<NaiveDate>,
    pub fa: Option<NaiveDate>,
}

impl PartyChange {
    pub fn is_empty(&self) -> bool {
        *self == PartyChange::default()
    }
}

/// The party `code` with `change` applied, checked.
pub fn changed(desk: &Desk, code: &str, change: &PartyChange) -> Result<Party, FieldError> {
    let Some(old) = desk.party(code) else {
        return refuse("--code", format!("unknown party {code:?}"));
    };
    if change.is_empty() {
        return refuse(
            "--code",
            "nothing to change: give --name, --tip, --som or --fa",
        );
    }
    let mut p = old.clone();
    if let Some(name) = &change.name {
        if name.trim().is_empty() {
            return refuse("--name", "a party needs a name");
        }
        if name.chars().any(char::is_control) {
            return refuse("--name", "control characters are not allowed in a name");
        }
        p.name = Text::from(name.as_str());
    }
    for (prot, date) in [
        (Protocol::Tip, change.tip),
        (Protocol::Som, change.som),
        (Protocol::Fa, change.fa),
    ] {
        if let Some(d) = date {
            match prot {
                Protocol::Tip => p.instruments.tip = Some(d),
                Protocol::Som => p.instruments.som = Some(d),
                Protocol::Fa => p.instruments.fa = Some(d),
            }
        }
    }
    check_instruments(&p.instruments)?;
    Ok(p)
}

/// The assignment of a party to a group: the group's start when the group
/// is new (`Some`), `None` when it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub party: Party,
    pub new_group: Option<NaiveDate>,
}

/// Checks assigning `code` to `group`. An existing group keeps its start
/// (a different `--start` is refused); a new group needs one, on or after
/// the start of every group in every cluster (groups begin in order); a
/// party with reviews stays in its group.
pub fn assign(
    desk: &Desk,
    code: &str,
    group: u32,
    start: Option<NaiveDate>,
    cluster_starts: &[(u32, u32, NaiveDate)],
) -> Result<Assignment, FieldError> {
    let Some(old) = desk.party(code) else {
        return refuse("--code", format!("unknown party {code:?}"));
    };
    if group == 0 {
        return refuse("--group", "a group number is a whole number from 1");
    }
    if old.group == Some(group) {
        return refuse("--group", format!("{code} is already in group {group}"));
    }
    if let Some(g) = old.group
        && desk
            .reviews
            .iter()
            .any(|r| r.group == g && r.parties().any(|c| c == code))
    {
        return refuse(
            "--group",
            format!("{code} has reviews in group {g}, where it stays"),
        );
    }
    let new_group = match (desk.group_start(group), start) {
        (Some(s), Some(given)) if s != given => {
            return refuse(
                "--start",
                format!("group {group} started on {s}, not {given}"),
            );
        }
        (Some(_), _) => None,
        (None, None) => {
            return refuse(
                "--start",
                format!("group {group} is new: give the day it starts"),
            );
        }
        (None, Some(given)) => {
            check_new_group_start(desk, given, cluster_starts)?;
            Some(given)
        }
    };
    if let (Some(convention), Some(s)) = (
        old.instruments.convention,
        new_group.or(desk.group_start(group)),
    ) && convention > s
    {
        return refuse(
            "--group",
            format!(
                "{code} became bound by the Convention on {convention}, after group {group} starts on {s}"
            ),
        );
    }
    let mut party = old.clone();
    party.group = Some(group);
    Ok(Assignment { party, new_group })
}

/// A new group starts no earlier than any group, in any cluster, before it.
fn check_new_group_start(
    desk: &Desk,
    start: NaiveDate,
    cluster_starts: &[(u32, u32, NaiveDate)],
) -> Result<(), FieldError> {
    if let Some(g) = desk
        .groups
        .iter()
        .filter(|g| g.start > start)
        .min_by_key(|g| g.start)
    {
        return refuse(
            "--start",
            format!(
                "{start} is before group {}'s start on {}",
                g.number, g.start
            ),
        );
    }
    if let Some((c, g, s)) = cluster_starts
        .iter()
        .filter(|(_, _, s)| *s > start)
        .min_by_key(|(_, _, s)| *s)
    {
        return refuse(
            "--start",
            format!("{start} is before group {g}'s start of cluster {c} on {s}"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn state(code: &str, group: Option<u32>) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: Some(Region::Apg),
            pairs_as: None,
            group,
            instruments: Instruments {
                convention: Some(d("2023-02-20")),
                tip: Some(d("2023-02-20")),
                ..Default::default()
            },
        }
    }

    fn desk() -> Desk {
        let mut aut = state("AUT", Some(1));
        aut.instruments.convention = Some(d("2004-09-23"));
        Desk {
            groups: vec![
                Group {
                    number: 1,
                    start: d("2020-12-01"),
                },
                Group {
                    number: 3,
                    start: d("2022-11-01"),
                },
            ],
            parties: vec![aut, state("BTN", None)],
            ..Default::default()
        }
    }

    #[test]
    fn a_new_party_is_checked_field_by_field() {
        let desk = desk();
        assert_eq!(check_new(&desk, &state("SSD", None)), Ok(()));
        let e = |p: Party| check_new(&desk, &p).unwrap_err().to_string();
        assert!(e(state("BTN", None)).starts_with("--code: BTN is already a party"));
        assert!(e(state("ssd", None)).starts_with("--code:"));
        let mut p = state("SSD", None);
        p.regional_group = None;
        assert!(e(p).starts_with("--region:"));
        let mut p = state("SSD", None);
        p.instruments.som = Some(d("2020-01-01"));
        assert_eq!(
            e(p),
            "--som: 2020-01-01 is before the Convention's date 2023-02-20"
        );
        let mut p = state("SSD", None);
        p.instruments.convention = None;
        assert!(e(p).starts_with("--convention:"));
        let mut p = state("SSD", None);
        p.kind = PartyKind::Organization;
        p.regional_group = None;
        assert!(e(p).starts_with("--pairs-as:"));
        assert!(
            region("--region", "XYZ")
                .unwrap_err()
                .to_string()
                .starts_with("--region: \"XYZ\" is not a valid regional group")
        );
        assert_eq!(region("--region", "grulac"), Ok(Region::Grulac));
    }

    #[test]
    fn a_later_accession_to_a_protocol() {
        let desk = desk();
        let change = PartyChange {
            fa: Some(d("2024-05-01")),
            ..Default::default()
        };
        assert_eq!(
            changed(&desk, "BTN", &change).unwrap().instruments.fa,
            Some(d("2024-05-01"))
        );
        let early = PartyChange {
            fa: Some(d("2022-05-01")),
            ..Default::default()
        };
        assert!(
            changed(&desk, "BTN", &early)
                .unwrap_err()
                .to_string()
                .starts_with("--fa: 2022-05-01 is before")
        );
        assert!(
            changed(&desk, "XXX", &change)
                .unwrap_err()
                .to_string()
                .starts_with("--code: unknown party")
        );
        assert!(changed(&desk, "BTN", &PartyChange::default()).is_err());
    }

    #[test]
    fn assignment_to_a_new_or_existing_group() {
        let desk = desk();
        let starts = [(4, 1, d("2024-03-01"))];
        // A new group needs a start, not before any group's in any cluster.
        assert!(
            assign(&desk, "BTN", 4, None, &starts)
                .unwrap_err()
                .to_string()
                .starts_with("--start: group 4 is new")
        );
        assert_eq!(
            assign(&desk, "BTN", 4, Some(d("2022-01-01")), &starts)
                .unwrap_err()
                .to_string(),
            "--start: 2022-01-01 is before group 3's start on 2022-11-01"
        );
        assert_eq!(
            assign(&desk, "BTN", 4, Some(d("2024-01-01")), &starts)
                .unwrap_err()
                .to_string(),
            "--start: 2024-01-01 is before group 1's start of cluster 4 on 2024-03-01"
        );
        let a = assign(&desk, "BTN", 4, Some(d("2024-07-01")), &starts).unwrap();
        assert_eq!(
            (a.party.group, a.new_group),
            (Some(4), Some(d("2024-07-01")))
        );
        // An existing group keeps its start; BTN joined after group 1 began.
        assert!(
            assign(&desk, "BTN", 1, Some(d("2021-01-01")), &starts)
                .unwrap_err()
                .to_string()
                .starts_with("--start: group 1 started on 2020-12-01")
        );
        assert!(
            assign(&desk, "BTN", 1, None, &starts)
                .unwrap_err()
                .to_string()
                .starts_with("--group: BTN became bound")
        );
        assert!(
            assign(&desk, "AUT", 1, None, &starts)
                .unwrap_err()
                .to_string()
                .starts_with("--group: AUT is already in group 1")
        );
    }
}
