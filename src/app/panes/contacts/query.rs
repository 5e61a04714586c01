//! How the typed words narrow the Contacts list: substring matches
//! first, then fuzzy ones when those are few.

use super::{
    ContactColumn, ContactWord, Contacts, ContactsView, FUZZY_WHEN_FEWER_THAN, letters_of,
};
use crate::app::panes::{exact, reselect};
use crate::app::search::{Needles, words};
use nucleo_matcher::Utf32Str;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};

impl ContactsView {
    /// Forgets the previous answer (the rows changed underneath).
    pub fn reset(&mut self) {
        self.answered.clear();
        self.subs.clear();
        self.fuzzy = None;
        self.rows.clear();
    }

    /// Narrows the list to the query: rows holding every word (case and
    /// accents ignored) first, in list order; then, when those are few,
    /// names that match every word fuzzily, best first. When the query
    /// only grew, only the previous matches are searched again.
    pub fn refilter(&mut self, all: &Contacts) {
        let q = self.filter.text.trim().to_string();
        let old = std::mem::take(&mut self.rows);
        if q.is_empty() {
            self.rows = (0..all.rows.len() as u32).collect();
            self.exact = self.rows.len();
            self.subs.clear();
            self.fuzzy = None;
            self.answered.clear();
            self.sort_rows(all);
            reselect(&mut self.cursor, &old, &self.rows);
            return;
        }
        let grew = !self.answered.is_empty() && q.starts_with(&self.answered);
        let words = words(&q);
        let prev_subs = std::mem::take(&mut self.subs);
        // Narrowing reads the previous matches row by row, in list order
        // (scattered through the text); past a sixteenth of the list, one
        // pass over the whole text in its own order is quicker (measured).
        let (subs, subs_in_name): (Vec<u32>, Option<Vec<bool>>) =
            if grew && prev_subs.len() * 16 < all.rows.len() {
                let finders: Vec<ContactWord> = words.iter().map(|w| all.word(w)).collect();
                let subs = prev_subs
                    .iter()
                    .copied()
                    .filter(|&r| finders.iter().all(|w| all.row_has(r as usize, w)))
                    .collect();
                (subs, None)
            } else {
                let (subs, in_name) = all.rows_containing_all(&words);
                (subs, Some(in_name))
            };
        let prev_fuzzy = self.fuzzy.take();
        let mut fuzzy_rows = Vec::new();
        if q.chars().count() >= 3 && subs.len() < FUZZY_WHEN_FEWER_THAN {
            let universe: Vec<u32> = match (grew, prev_fuzzy) {
                (true, Some(f)) => {
                    let mut u: Vec<u32> = prev_subs.into_iter().chain(f).collect();
                    u.sort_unstable();
                    u
                }
                _ => (0..all.rows.len() as u32).collect(),
            };
            let atoms: Vec<Atom> = q
                .split_whitespace()
                .map(|w| {
                    Atom::new(
                        w,
                        CaseMatching::Ignore,
                        Normalization::Smart,
                        AtomKind::Fuzzy,
                        false,
                    )
                })
                .collect();
            // Letters every atom needs (ASCII letters and digits only:
            // a safe test, as the text searched is folded).
            let need = words.iter().fold(0, |m, w| m | letters_of(w));
            let mut scored = Vec::new();
            let mut k = 0;
            let mut hay = String::new();
            for r in universe {
                // Skip the substring matches (both lists ascending).
                while k < subs.len() && subs[k] < r {
                    k += 1;
                }
                if k < subs.len() && subs[k] == r {
                    continue;
                }
                if !all.may_match(r as usize, need) {
                    continue;
                }
                let hay = Utf32Str::new(all.fuzzy_text(r as usize, &mut hay), &mut self.buf);
                let mut total = 0u32;
                let mut hit = true;
                for a in &atoms {
                    match a.score(hay, &mut self.matcher) {
                        Some(s) => total += u32::from(s),
                        None => {
                            hit = false;
                            break;
                        }
                    }
                }
                if hit {
                    scored.push((total, r));
                }
            }
            self.fuzzy = Some(scored.iter().map(|s| s.1).collect());
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            // Far-fetched matches (letters strewn about) are noise: keep
            // those at least half as good as the best.
            if let Some(&(best, _)) = scored.first() {
                scored.retain(|(s, _)| s * 2 >= best);
            }
            fuzzy_rows = scored.into_iter().map(|s| s.1).collect();
        }
        self.exact = subs.len();
        // Matches in the person's name before matches elsewhere.
        let needles = Needles::new(&words);
        let (mut in_name, elsewhere): (Vec<u32>, Vec<u32>) = match subs_in_name {
            Some(flags) => {
                let (mut a, mut b) = (Vec::with_capacity(subs.len()), Vec::new());
                for (&r, n) in subs.iter().zip(flags) {
                    if n { a.push(r) } else { b.push(r) }
                }
                (a, b)
            }
            None if subs.len() > 4096 => {
                let holding = all.names_holding(&needles);
                subs.iter()
                    .partition(|&&r| holding[all.rows[r as usize].person as usize])
            }
            None => subs
                .iter()
                .partition(|&&r| needles.all_in(all.name(r as usize))),
        };
        in_name.extend(elsewhere);
        in_name.extend(fuzzy_rows);
        self.rows = exact(in_name);
        self.subs = exact(subs);
        self.answered = q;
        self.sort_rows(all);
        reselect(&mut self.cursor, &old, &self.rows);
    }

    /// Puts the rows in the order chosen: the substring matches among
    /// themselves, then the fuzzy ones (ties keep their order: by name,
    /// or best match first).
    fn sort_rows(&mut self, all: &Contacts) {
        if self.sort == ContactColumn::Name && !self.descending {
            return;
        }
        let party_rank = all.party_ranks();
        let key = |r: u32| -> u64 {
            let Some(c) = all.rows.get(r as usize) else {
                return u64::MAX;
            };
            match self.sort {
                ContactColumn::Name => u64::from(r),
                ContactColumn::Role => c.role() as u64,
                ContactColumn::Party => party_rank
                    .get(c.party() as usize)
                    .map_or(u64::MAX, |&k| u64::from(k)),
            }
        };
        let desc = self.descending;
        let exact = self.exact.min(self.rows.len());
        let (subs, fuzzy) = self.rows.split_at_mut(exact);
        for part in [subs, fuzzy] {
            if desc {
                part.sort_by_key(|&r| std::cmp::Reverse(key(r)));
            } else {
                part.sort_by_key(|&r| key(r));
            }
        }
    }
}
