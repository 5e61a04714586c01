//! The people of a desk as the screens hold them: a small fixed row per
//! person and one buffer of names, not a [`Person`] each (with its inline
//! party code and name), so a large desk stays small in memory (figures in
//! PERFORMANCE.md). The rules read people through [`People`],
//! so the same engine, statistics and stages run on either.

use super::hash::FxMap;
use super::model::{Affiliation, Desk, Gender, Party, Person, Role, Text, in_force};
use chrono::NaiveDate;
use std::ops::Deref;
use std::sync::Arc;

/// What the rules read of a person: never the name or contact details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<'a> {
    pub party: &'a str,
    pub role: Role,
    pub gender: Option<Gender>,
    pub affiliation: Option<Affiliation>,
    pub nominated: NaiveDate,
    pub ended: Option<NaiveDate>,
}

impl Facts<'_> {
    /// Nominated on or before `as_of` and not ended by then.
    pub fn current(&self, as_of: NaiveDate) -> bool {
        in_force(self.nominated, self.ended, as_of)
    }
}

/// People as the rules read them, in person order.
pub trait People {
    fn facts(&self) -> impl Iterator<Item = Facts<'_>>;
    /// [`facts`](People::facts) with each person's id (what a check names).
    fn facts_by_id(&self) -> impl Iterator<Item = (i64, Facts<'_>)>;
}

impl<'a> From<&'a Person> for Facts<'a> {
    fn from(p: &'a Person) -> Facts<'a> {
        Facts {
            party: &p.party,
            role: p.role,
            gender: p.gender,
            affiliation: p.affiliation,
            nominated: p.nominated,
            ended: p.ended,
        }
    }
}

impl People for [Person] {
    fn facts(&self) -> impl Iterator<Item = Facts<'_>> {
        self.iter().map(Facts::from)
    }
    fn facts_by_id(&self) -> impl Iterator<Item = (i64, Facts<'_>)> {
        self.iter().map(|p| (p.id, Facts::from(p)))
    }
}

/// One person of a [`Roster`], without id and name (kept beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Index into the roster's party codes: below [`Roster::known`] it is
    /// the index in `desk.parties`.
    pub party: u32,
    pub nominated: NaiveDate,
    pub ended: Option<NaiveDate>,
    /// End of the name in the roster's buffer (its start is the end of the
    /// one before).
    name_end: u32,
    pub role: Role,
    pub gender: Option<Gender>,
    pub affiliation: Option<Affiliation>,
}

impl Member {
    /// Nominated on or before `as_of` and not ended by then.
    pub fn current(&self, as_of: NaiveDate) -> bool {
        in_force(self.nominated, self.ended, as_of)
    }
}

/// E-mail and phone of a person, when the roster was made from people that
/// carry them (a desk read whole); a store-backed screen reads them from
/// the store instead.
type Reach = (Option<Box<str>>, Option<Box<str>>);

/// Every person of a desk, in the order they were added (the store's: by id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    ids: Vec<i64>,
    members: Vec<Member>,
    names: String,
    /// Party codes by number: the desk's parties in order, then codes only
    /// a person names (never from a store, whose foreign keys forbid them).
    codes: Vec<Text>,
    known: usize,
    /// Whether the ids ascend (found once, when built).
    sorted: bool,
    /// Empty, or one per person.
    reach: Vec<Reach>,
}

impl Roster {
    pub fn len(&self) -> usize {
        self.members.len()
    }
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
    pub fn id(&self, i: usize) -> i64 {
        self.ids[i]
    }
    pub fn ids(&self) -> &[i64] {
        &self.ids
    }
    pub fn members(&self) -> &[Member] {
        &self.members
    }
    pub fn name(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.members[i - 1].name_end as usize
        };
        self.names
            .get(start..self.members[i].name_end as usize)
            .unwrap_or("")
    }
    /// The party code of person `i`.
    pub fn code(&self, i: usize) -> &str {
        self.codes
            .get(self.members[i].party as usize)
            .map_or("", |c| c.as_str())
    }
    /// The index in `desk.parties` of person `i`'s party, if a party of the desk.
    pub fn party(&self, i: usize) -> Option<usize> {
        let p = self.members[i].party as usize;
        (p < self.known).then_some(p)
    }
    /// Index of the person with `id` (ids ascending, as a store reads them,
    /// else a scan).
    pub fn position(&self, id: i64) -> Option<usize> {
        if self.sorted {
            self.ids.binary_search(&id).ok()
        } else {
            self.ids.iter().position(|&x| x == id)
        }
    }
    /// E-mail and phone of person `i` when the roster holds them.
    pub fn reach(&self, i: usize) -> Option<(Option<&str>, Option<&str>)> {
        self.reach.get(i).map(|(e, p)| (e.as_deref(), p.as_deref()))
    }
    /// The roster of `people`, keeping their e-mails and phones if any has one.
    pub fn from_people(people: &[Person], parties: &[Party]) -> Roster {
        let mut b = RosterBuilder::new(parties, people.len());
        for p in people {
            b.push(p.id, &p.name, Facts::from(p));
        }
        let mut r = b.finish();
        if people
            .iter()
            .any(|p| p.email.is_some() || p.phone.is_some())
        {
            r.reach = people
                .iter()
                .map(|p| (p.email.clone(), p.phone.clone()))
                .collect();
        }
        r
    }
}

impl Roster {
    /// What the rules read of person `i`.
    pub fn facts_of(&self, i: usize) -> Facts<'_> {
        let m = &self.members[i];
        Facts {
            party: self.codes.get(m.party as usize).map_or("", |c| c.as_str()),
            role: m.role,
            gender: m.gender,
            affiliation: m.affiliation,
            nominated: m.nominated,
            ended: m.ended,
        }
    }
}

impl People for Roster {
    fn facts(&self) -> impl Iterator<Item = Facts<'_>> {
        (0..self.len()).map(|i| self.facts_of(i))
    }
    fn facts_by_id(&self) -> impl Iterator<Item = (i64, Facts<'_>)> {
        (0..self.len()).map(|i| (self.ids[i], self.facts_of(i)))
    }
}

/// Builds a [`Roster`] one person at a time (a store streams its rows in).
pub struct RosterBuilder {
    roster: Roster,
    index: FxMap<Text, u32>,
}

impl RosterBuilder {
    pub fn new(parties: &[Party], people: usize) -> RosterBuilder {
        let codes: Vec<Text> = parties.iter().map(|p| p.code.clone()).collect();
        let mut index = FxMap::default();
        for (i, c) in codes.iter().enumerate().rev() {
            index.insert(c.clone(), i as u32);
        }
        RosterBuilder {
            roster: Roster {
                ids: Vec::with_capacity(people),
                members: Vec::with_capacity(people),
                names: String::with_capacity(people * 14),
                known: codes.len(),
                sorted: true,
                codes,
                reach: Vec::new(),
            },
            index,
        }
    }

    /// Adds person `id`, named `name`.
    pub fn push(&mut self, id: i64, name: &str, e: Facts<'_>) {
        let r = &mut self.roster;
        let party = match self.index.get(e.party) {
            Some(&n) => n,
            None => {
                r.codes.push(Text::from(e.party));
                let n = (r.codes.len() - 1) as u32;
                self.index.insert(Text::from(e.party), n);
                n
            }
        };
        r.names.push_str(name);
        r.ids.push(id);
        r.members.push(Member {
            party,
            nominated: e.nominated,
            ended: e.ended,
            name_end: u32::try_from(r.names.len()).unwrap_or(u32::MAX),
            role: e.role,
            gender: e.gender,
            affiliation: e.affiliation,
        });
    }

    pub fn finish(mut self) -> Roster {
        self.roster.sorted = self.roster.ids.windows(2).all(|w| w[0] < w[1]);
        self.roster.names.shrink_to_fit();
        self.roster.ids.shrink_to_fit();
        self.roster.members.shrink_to_fit();
        self.roster
    }
}

/// A desk as the screens hold it: its people as a [`Roster`]; the inner
/// desk's own `people` stay empty. It reads as a [`Desk`] for everything
/// else (parties, reviews, extensions); the rules that read people must be
/// given `people` (the `*_with` functions of the engine, statistics and
/// stages), since the inner desk has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenDesk {
    desk: Desk,
    /// Shared, not copied, by a cluster's view of the desk and the desk.
    pub people: Arc<Roster>,
}

impl ScreenDesk {
    /// `desk` without people, and its people.
    pub fn new(desk: Desk, people: Roster) -> ScreenDesk {
        ScreenDesk::sharing(desk, Arc::new(people))
    }
    /// `desk` without people, and people another desk holds too.
    pub fn sharing(mut desk: Desk, people: Arc<Roster>) -> ScreenDesk {
        desk.people = Vec::new();
        ScreenDesk { desk, people }
    }
    /// The inner desk (no people).
    pub fn desk(&self) -> &Desk {
        &self.desk
    }
    /// The inner desk (no people) and the people, given up.
    pub fn into_parts(self) -> (Desk, Arc<Roster>) {
        (self.desk, self.people)
    }
    /// A whole desk again, its people made from the roster (with e-mail and
    /// phone only where the roster holds them).
    pub fn to_desk(&self) -> Desk {
        let r = &self.people;
        let people = (0..r.len())
            .map(|i| {
                let m = &r.members[i];
                let (email, phone) = r.reach(i).unwrap_or((None, None));
                Person {
                    id: r.id(i),
                    party: Text::from(r.code(i)),
                    role: m.role,
                    name: Text::from(r.name(i)),
                    email: email.map(Box::from),
                    phone: phone.map(Box::from),
                    gender: m.gender,
                    affiliation: m.affiliation,
                    nominated: m.nominated,
                    ended: m.ended,
                }
            })
            .collect();
        Desk {
            people,
            ..self.desk.clone()
        }
    }
}

impl From<Desk> for ScreenDesk {
    fn from(mut desk: Desk) -> ScreenDesk {
        let people = Arc::new(Roster::from_people(&desk.people, &desk.parties));
        desk.people = Vec::new();
        ScreenDesk { desk, people }
    }
}

impl Deref for ScreenDesk {
    type Target = Desk;
    fn deref(&self) -> &Desk {
        &self.desk
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Instruments, PartyKind};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn party(code: &str) -> Party {
        Party {
            code: code.into(),
            name: code.into(),
            kind: PartyKind::State,
            regional_group: None,
            pairs_as: None,
            group: Some(1),
            instruments: Instruments::default(),
        }
    }

    fn person(id: i64, party: &str, name: &str, email: Option<&str>) -> Person {
        Person {
            id,
            party: party.into(),
            role: Role::Expert,
            name: name.into(),
            email: email.map(Into::into),
            phone: None,
            gender: Some(Gender::Female),
            affiliation: None,
            nominated: d("2020-01-01"),
            ended: Some(d("2021-01-01")),
        }
    }

    #[test]
    fn a_member_is_twenty_bytes() {
        assert_eq!(std::mem::size_of::<Member>(), 20);
    }

    #[test]
    fn roster_reads_back_what_people_held() {
        let parties = [party("KEN"), party("NGA")];
        let people = [
            person(3, "NGA", "Ada Obi", None),
            person(7, "KEN", "", Some("x@y.example")),
            person(9, "ZZZ", "Émile Zola", None),
        ];
        let r = Roster::from_people(&people, &parties);
        assert_eq!(r.len(), 3);
        assert_eq!(
            (0..3).map(|i| r.name(i)).collect::<Vec<_>>(),
            ["Ada Obi", "", "Émile Zola"]
        );
        assert_eq!(
            (0..3).map(|i| r.code(i)).collect::<Vec<_>>(),
            ["NGA", "KEN", "ZZZ"]
        );
        assert_eq!(
            (0..3).map(|i| r.party(i)).collect::<Vec<_>>(),
            [Some(1), Some(0), None]
        );
        assert_eq!(r.position(7), Some(1));
        assert_eq!(r.position(8), None);
        assert_eq!(r.reach(1), Some((Some("x@y.example"), None)));
        let facts: Vec<Facts> = r.facts().collect();
        let direct: Vec<Facts> = people.facts().collect();
        assert_eq!(facts, direct);
        let by_id: Vec<(i64, Facts)> = r.facts_by_id().collect();
        assert_eq!(by_id, people.facts_by_id().collect::<Vec<_>>());
        assert_eq!(by_id.iter().map(|p| p.0).collect::<Vec<_>>(), [3, 7, 9]);
        assert!(!r.members()[0].current(d("2021-01-01")));
        assert!(r.members()[0].current(d("2020-12-31")));
    }

    fn desk_again() -> Desk {
        Desk {
            parties: vec![party("KEN")],
            people: vec![person(1, "KEN", "A", None)],
            ..Desk::default()
        }
    }

    #[test]
    fn a_screen_desk_keeps_no_people_of_its_own() {
        let s = ScreenDesk::from(desk_again());
        assert!(s.desk().people.is_empty());
        assert_eq!(s.people.len(), 1);
        assert_eq!(s.people.reach(0), None);
        assert_eq!(s.to_desk(), desk_again());
    }
}
