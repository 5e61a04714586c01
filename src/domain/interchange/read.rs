//! Reading a document one record at a time: each record is parsed, checked
//! and handed to a [`Sink`] (the store's open transaction, or a desk in
//! memory) before the next is read, so a document of any size is read in
//! the memory of one record. Records stop going to the sink at the first
//! problem (nothing will be written); reading goes on to find every
//! problem. A document that is not JSON, or has an unknown key or a value
//! of the wrong type, stops at that error.

use super::check::Validator;
use super::*;
use crate::domain::registers::{self, Registers};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Where the records of a document go as they are read and checked.
pub trait Sink {
    type Error;
    fn group(&mut self, g: Group) -> Result<(), Self::Error>;
    fn party(&mut self, p: Party) -> Result<(), Self::Error>;
    fn person(&mut self, p: Person) -> Result<(), Self::Error>;
    fn review(&mut self, r: Review) -> Result<(), Self::Error>;
    fn extension(&mut self, e: Extension) -> Result<(), Self::Error>;
    fn reminder(&mut self, r: Reminder) -> Result<(), Self::Error>;
    fn cluster_start(&mut self, c: ClusterStart) -> Result<(), Self::Error>;
    fn draw(&mut self, d: DrawRecord) -> Result<(), Self::Error>;
    /// A review given earlier, for the registers' checks (`None` when it
    /// cannot be read back: the checks that need it are left out).
    fn find_review(&self, id: i64) -> Option<Review>;
    /// A person given earlier, as [`Sink::find_review`].
    fn find_person(&self, id: i64) -> Option<Person>;
}

/// What a document holds besides the records given to the sink, and the
/// problems found (their lines not yet known).
#[derive(Debug, Default)]
pub struct Read {
    pub version: u32,
    pub registers: Option<Registers>,
    pub directory: Directory,
    pub problems: Vec<Problem>,
}

/// Why reading stopped before the end of the document.
#[derive(Debug)]
pub enum Stopped<E> {
    /// Not JSON, an unknown key or a value of the wrong type, at a path.
    Json {
        path: String,
        error: serde_json::Error,
    },
    /// The sink failed.
    Sink(E),
}

/// Reads a whole document from `de` (and checks nothing follows it).
pub fn read<'de, R: serde_json::de::Read<'de>, S: Sink>(
    de: &mut serde_json::Deserializer<R>,
    sink: &mut S,
) -> Result<Read, Stopped<S::Error>> {
    let mut state = State {
        v: Validator::default(),
        sink,
        failed: None,
        directory: Directory::default(),
        registers: None,
        seen: [false; KEYS.len()],
    };
    let mut track = serde_path_to_error::Track::new();
    let read = DocumentSeed(&mut state)
        .deserialize(serde_path_to_error::Deserializer::new(&mut *de, &mut track));
    if let Some(e) = state.failed.take() {
        return Err(Stopped::Sink(e));
    }
    if let Err(error) = read.and_then(|()| de.end()) {
        let path = super::json_path(&track.path().to_string());
        return Err(Stopped::Json { path, error });
    }
    state.v.finish();
    if let Some(reg) = &state.registers {
        let lookup = Lookup {
            v: &state.v,
            sink: &*state.sink,
        };
        for (path, message) in registers::problems_with(reg, &lookup) {
            state.v.err(format!("$.registers.{path}"), message);
        }
    }
    Ok(Read {
        version: state.v.version.unwrap_or(2),
        registers: state.registers,
        directory: state.directory,
        problems: state.v.problems,
    })
}

/// The desk as the registers' checks see it: names from what was read,
/// records from the sink.
struct Lookup<'a, S> {
    v: &'a Validator,
    sink: &'a S,
}

impl<S: Sink> registers::DeskLookup for Lookup<'_, S> {
    fn has_party(&self, code: &str) -> bool {
        self.v.codes.contains(code)
    }
    fn has_review(&self, id: i64) -> bool {
        self.v.review_ids.contains(&id)
    }
    fn has_person(&self, id: i64) -> bool {
        self.v.person_ids.contains(&id)
    }
    fn review(&self, id: i64) -> Option<Review> {
        self.sink.find_review(id)
    }
    fn person(&self, id: i64) -> Option<Person> {
        self.sink.find_person(id)
    }
}

/// The keys of a document, in the order `export` writes them.
const KEYS: [&str; 10] = [
    "format",
    "groups",
    "parties",
    "people",
    "reviews",
    "extensions",
    "reminders",
    "cluster_starts",
    "draws",
    "registers",
];

struct State<'s, S: Sink> {
    v: Validator,
    sink: &'s mut S,
    failed: Option<S::Error>,
    directory: Directory,
    registers: Option<Registers>,
    /// Which keys have been read (each may come once).
    seen: [bool; KEYS.len()],
}

impl<S: Sink> State<'_, S> {
    /// Hands a checked record to the sink while the document has no
    /// problem; false when the sink failed.
    fn give(&mut self, f: impl FnOnce(&mut S) -> Result<(), S::Error>) -> bool {
        if !self.v.problems.is_empty() {
            return true;
        }
        match f(self.sink) {
            Ok(()) => true,
            Err(e) => {
                self.failed = Some(e);
                false
            }
        }
    }

    fn group(&mut self, i: usize, raw: RawGroup) -> bool {
        match self.v.group(i, &raw) {
            Some(g) => self.give(|s| s.group(g)),
            None => true,
        }
    }

    fn party(&mut self, i: usize, raw: RawParty) -> bool {
        let party = self.v.party(i, &raw);
        if let Some(m) = self.v.mission(i, &raw) {
            self.directory
                .missions
                .insert(Text::from(raw.code.as_str()), m);
        }
        match party {
            Some(p) => self.give(|s| s.party(p)),
            None => true,
        }
    }

    fn person(&mut self, i: usize, mut raw: RawPerson) -> bool {
        let id = raw.id;
        let langs = raw.languages.take();
        let person = self.v.person(i, raw);
        let languages = self.v.languages(i, langs.as_deref());
        if !languages.is_empty() {
            self.directory.languages.insert(id, languages);
        }
        match person {
            Some(p) => self.give(|s| s.person(p)),
            None => true,
        }
    }

    fn review(&mut self, i: usize, raw: RawReview) -> bool {
        let r = self.v.review(i, &raw);
        self.give(|s| s.review(r))
    }

    fn extension(&mut self, i: usize, raw: RawExtension) -> bool {
        match self.v.extension(i, &raw) {
            Some(e) => self.give(|s| s.extension(e)),
            None => true,
        }
    }

    fn reminder(&mut self, i: usize, raw: RawReminder) -> bool {
        match self.v.reminder(i, raw) {
            Some(r) => self.give(|s| s.reminder(r)),
            None => true,
        }
    }

    fn cluster_start(&mut self, i: usize, raw: RawClusterStart) -> bool {
        match self.v.cluster_start(i, &raw) {
            Some(c) => self.give(|s| s.cluster_start(c)),
            None => true,
        }
    }

    fn draw(&mut self, i: usize, raw: RawDraw) -> bool {
        match self.v.draw(i, &raw) {
            Some(d) => self.give(|s| s.draw(d)),
            None => true,
        }
    }

    /// One key of the document and its value.
    fn entry<'de, A: MapAccess<'de>>(&mut self, key: usize, map: &mut A) -> Result<(), A::Error> {
        if std::mem::replace(&mut self.seen[key], true) {
            return Err(de::Error::duplicate_field(KEYS[key]));
        }
        let optional = |v: &mut Validator, present: bool| {
            if present {
                v.v2_only(
                    format!("$.{}", KEYS[key]),
                    format!("{} are not part of {FORMAT_V1}", KEYS[key]),
                );
            }
        };
        match KEYS[key] {
            "format" => {
                let f: String = map.next_value()?;
                self.v.format(&f);
            }
            "groups" => {
                map.next_value_seed(List::new(self, false, Self::group))?;
                self.v.groups_read = true;
            }
            "parties" => {
                map.next_value_seed(List::new(self, false, Self::party))?;
                self.v.parties_read = true;
            }
            "people" => {
                map.next_value_seed(List::new(self, false, Self::person))?;
            }
            "reviews" => {
                map.next_value_seed(List::new(self, false, Self::review))?;
                self.v.reviews_read = true;
            }
            "extensions" => {
                map.next_value_seed(List::new(self, false, Self::extension))?;
            }
            "reminders" => {
                map.next_value_seed(List::new(self, false, Self::reminder))?;
            }
            "cluster_starts" => {
                let present = map.next_value_seed(List::new(self, true, Self::cluster_start))?;
                optional(&mut self.v, present);
            }
            "draws" => {
                let present = map.next_value_seed(List::new(self, true, Self::draw))?;
                optional(&mut self.v, present);
            }
            _ => {
                self.registers = map.next_value()?;
                optional(&mut self.v, self.registers.is_some());
            }
        }
        if self.failed.is_some() {
            return Err(de::Error::custom("the store refused a record"));
        }
        Ok(())
    }
}

/// The top-level object.
struct DocumentSeed<'a, 's, S: Sink>(&'a mut State<'s, S>);

impl<'de, S: Sink> DeserializeSeed<'de> for DocumentSeed<'_, '_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("Document", &KEYS, self)
    }
}

impl<'de, S: Sink> Visitor<'de> for DocumentSeed<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Document")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            self.0.entry(key, &mut map)?;
        }
        if !self.0.seen[0] {
            return Err(de::Error::missing_field("format"));
        }
        Ok(())
    }
}

/// A key of the document, as its place in [`KEYS`].
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        KEYS.iter()
            .position(|k| *k == v)
            .ok_or_else(|| E::unknown_field(v, &KEYS))
    }
}

/// One list of the document, each element handed to `each` as it is
/// read; `optional`: `null` is the list left out. The value says whether
/// the list was there.
struct List<'a, 's, S: Sink, T> {
    state: &'a mut State<'s, S>,
    optional: bool,
    each: fn(&mut State<'s, S>, usize, T) -> bool,
    of: PhantomData<T>,
}

impl<'a, 's, S: Sink, T> List<'a, 's, S, T> {
    fn new(
        state: &'a mut State<'s, S>,
        optional: bool,
        each: fn(&mut State<'s, S>, usize, T) -> bool,
    ) -> Self {
        List {
            state,
            optional,
            each,
            of: PhantomData,
        }
    }
}

impl<'de, S: Sink, T: Deserialize<'de>> DeserializeSeed<'de> for List<'_, '_, S, T> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        if self.optional {
            d.deserialize_option(self)
        } else {
            d.deserialize_seq(self)
        }
    }
}

impl<'de, S: Sink, T: Deserialize<'de>> Visitor<'de> for List<'_, '_, S, T> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_seq(List {
            optional: false,
            ..self
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut i = 0;
        while let Some(item) = seq.next_element::<T>()? {
            if !(self.each)(self.state, i, item) {
                return Err(de::Error::custom("the store refused a record"));
            }
            i += 1;
        }
        Ok(true)
    }
}
