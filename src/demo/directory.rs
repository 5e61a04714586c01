//! The demo desk's permanent missions and working languages: fictional
//! addresses at reserved `.example` domains, languages that fit each
//! regional group. Parties not yet in a group (new parties) have no
//! mission yet, so the demo shows a party with no address at all.

use crate::domain::directory::{Directory, Mission};
use crate::domain::model::{Desk, Language, Region, Role};

/// The missions and working languages of the demo `desk`.
pub fn directory(desk: &Desk) -> Directory {
    let mut dir = Directory::default();
    for p in desk.parties.iter().filter(|p| p.group.is_some()) {
        let code = p.code.to_ascii_lowercase();
        let n = p.code.bytes().map(u32::from).sum::<u32>();
        dir.missions.insert(
            p.code.clone(),
            Mission {
                email: Some(format!("permanent.mission@{code}.mission.example")),
                phone: Some(format!("+41 22 555 {:02} {:02}", n % 100, (n / 7) % 100)),
            },
        );
    }
    for person in desk.people.iter().filter(|p| p.role != Role::Observer) {
        let region = desk.party(&person.party).and_then(|p| p.pairing_region());
        dir.languages
            .insert(person.id, languages(region, person.id));
    }
    dir
}

/// Working languages a person of `region` plausibly has, varied by `id`.
fn languages(region: Option<Region>, id: i64) -> Vec<Language> {
    use Language::*;
    let pick = id.rem_euclid(4);
    match (region, pick) {
        (Some(Region::Grulac), 0) => vec![En, Es],
        (Some(Region::Grulac), _) => vec![Es, En],
        (Some(Region::Afg), 0 | 1) => vec![Fr, En],
        (Some(Region::Afg), 2) => vec![Ar, Fr],
        (Some(Region::Afg), _) => vec![En],
        (Some(Region::Eeg), 0 | 1) => vec![Ru, En],
        (Some(Region::Eeg), _) => vec![En, Ru],
        (Some(Region::Apg), 0) => vec![Zh, En],
        (Some(Region::Apg), 1) => vec![Ar, En],
        (Some(Region::Apg), _) => vec![En],
        (Some(Region::Weog), 0) => vec![Fr, En],
        (Some(Region::Weog), 1) => vec![Es, En],
        (Some(Region::Weog), _) => vec![En, Fr],
        (None, _) => vec![En],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grouped_party_has_a_fictional_mission_and_people_languages() {
        let demo = crate::demo::build(crate::demo::paper_date());
        let dir = directory(&demo.desk);
        let grouped = demo
            .desk
            .parties
            .iter()
            .filter(|p| p.group.is_some())
            .count();
        assert_eq!(dir.missions.len(), grouped);
        assert!(
            grouped < demo.desk.parties.len(),
            "a new party has no mission"
        );
        for m in dir.missions.values() {
            let e = m.email.as_deref().unwrap();
            assert!(e.ends_with(".example"), "{e}");
            assert!(crate::domain::directory::valid_address(e), "{e}");
        }
        for lang in Language::ALL {
            assert!(
                dir.languages.values().any(|l| l[0] == *lang),
                "someone works in {lang} first"
            );
        }
    }
}
