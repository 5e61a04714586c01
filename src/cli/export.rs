//! `revdesk export`: the revdesk/2 document written as the store is read,
//! one record at a time, in one read snapshot. Neither the desk nor the
//! JSON text is ever held whole.

use super::output::shown;
use crate::domain::interchange::{self, FORMAT};
use crate::domain::registers::Registers;
use crate::store::{Store, StoreError};
use anyhow::Result;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use std::cell::Cell;
use std::io::Write;
use std::path::Path;

/// Reads a list, calling its argument with one element after another
/// until that returns `false`.
type Read<'s, T> = Box<dyn Fn(&mut dyn FnMut(T) -> bool) -> Result<(), StoreError> + 's>;

/// A JSON array serialised as its elements are read from the store.
struct Streamed<'s, T>(Read<'s, T>);

impl<T: Serialize> Serialize for Streamed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let mut failed = None;
        let read = (self.0)(&mut |item| match seq.serialize_element(&item) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        read.map_err(S::Error::custom)?;
        seq.end()
    }
}

/// The document with the field order of [`interchange::Document`], every
/// list streamed.
#[derive(Serialize)]
struct StreamedDocument<'s> {
    format: &'static str,
    groups: Streamed<'s, interchange::RawGroup>,
    parties: Streamed<'s, interchange::RawParty>,
    people: Streamed<'s, interchange::RawPerson>,
    reviews: Streamed<'s, interchange::RawReview>,
    extensions: Streamed<'s, interchange::RawExtension>,
    reminders: Streamed<'s, interchange::RawReminder>,
    cluster_starts: Streamed<'s, interchange::RawClusterStart>,
    draws: Streamed<'s, interchange::RawDraw>,
    #[serde(skip_serializing_if = "Option::is_none")]
    registers: Option<Registers>,
}

/// How many parties, reviews and draws were written.
#[derive(Default)]
struct Counts {
    parties: Cell<usize>,
    reviews: Cell<usize>,
    draws: Cell<usize>,
}

fn bump(c: &Cell<usize>) {
    c.set(c.get() + 1);
}

fn document<'s>(store: &'s Store, counts: &'s Counts) -> Result<StreamedDocument<'s>> {
    let registers = store.load_registers()?;
    Ok(StreamedDocument {
        format: FORMAT,
        groups: Streamed(Box::new(|f| {
            store.each_group(|g| f(interchange::raw_group(&g)))
        })),
        parties: Streamed(Box::new(|f| {
            store.each_party(|p, m| {
                bump(&counts.parties);
                let mut raw = interchange::raw_party(&p);
                raw.mission = m.as_ref().map(interchange::raw_mission);
                f(raw)
            })
        })),
        people: Streamed(Box::new(|f| {
            store.each_person(|p, langs| {
                let mut raw = interchange::raw_person(&p);
                raw.languages = interchange::raw_languages(&langs);
                f(raw)
            })
        })),
        reviews: Streamed(Box::new(|f| {
            store.each_review(|r| {
                bump(&counts.reviews);
                f(interchange::raw_review(&r))
            })
        })),
        extensions: Streamed(Box::new(|f| {
            store.each_extension(|e| f(interchange::raw_extension(&e)))
        })),
        reminders: Streamed(Box::new(|f| {
            store.each_reminder(|r| f(interchange::raw_reminder(&r)))
        })),
        cluster_starts: Streamed(Box::new(|f| {
            // A few per group: read whole, sorted as the document wants.
            let mut starts = store.cluster_starts()?;
            starts.sort();
            for c in &starts {
                if !f(interchange::raw_cluster_start(c)) {
                    break;
                }
            }
            Ok(())
        })),
        draws: Streamed(Box::new(|f| {
            store.each_draw(|d| {
                bump(&counts.draws);
                f(interchange::raw_draw(&d))
            })
        })),
        registers: (!registers.is_empty()).then_some(registers),
    })
}

/// Writes the whole document to `w`, pretty-printed, ending with a newline.
fn write_document(store: &Store, counts: &Counts, w: &mut dyn Write) -> Result<()> {
    store.snapshot(|| {
        let doc = document(store, counts)?;
        serde_json::to_writer_pretty(&mut *w, &doc)?;
        w.write_all(b"\n")?;
        Ok(())
    })
}

pub fn export(store: &Store, out: Option<&Path>) -> Result<i32> {
    let counts = Counts::default();
    match out {
        Some(path) => {
            crate::report::write_private_with(path, |w| write_document(store, &counts, w))?;
            eprintln!(
                "wrote {} ({} parties, {} reviews, {} draws)",
                shown(path),
                counts.parties.get(),
                counts.reviews.get(),
                counts.draws.get()
            );
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            write_document(store, &counts, &mut w)?;
            w.flush()?;
        }
    }
    Ok(0)
}
