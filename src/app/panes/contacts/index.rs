//! What a Contacts row holds and how one word is looked for in it: the
//! folded text of every person in one buffer, e-mail domains held once.

use crate::app::data::{Derived, NONE};
use crate::app::search::{Corpus, Needles, WordFinder, fold};
use crate::domain::model::{Role, Text};
use crate::domain::roster::ScreenDesk;

/// One person in the Contacts list (8 bytes: there may be 160,000).
#[derive(Debug, Clone, Copy)]
pub struct ContactRow {
    /// Index into `desk.people`.
    pub person: u32,
    /// The party index (low 29 bits; all ones: none), the role (2 bits)
    /// and whether current (top bit).
    packed: u32,
}

impl ContactRow {
    const PARTY: u32 = (1 << 29) - 1;
    const CURRENT: u32 = 1 << 31;

    /// `party`: index into `desk.parties`, `u32::MAX` (or any index past
    /// 2^29 - 2) for none.
    pub fn new(person: u32, party: u32, role: Role, current: bool) -> ContactRow {
        ContactRow {
            person,
            packed: party.min(ContactRow::PARTY)
                | (role as u32) << 29
                | if current { ContactRow::CURRENT } else { 0 },
        }
    }
    /// Index into `desk.parties` (`u32::MAX`: none).
    pub fn party(&self) -> u32 {
        match self.packed & ContactRow::PARTY {
            ContactRow::PARTY => u32::MAX,
            p => p,
        }
    }
    pub fn role(&self) -> Role {
        Role::ALL[((self.packed >> 29) & 3) as usize]
    }
    pub fn current(&self) -> bool {
        self.packed & ContactRow::CURRENT != 0
    }
}

/// Everyone nominated by the date (current people first, then by name),
/// and what the search reads. A row matches a word found in the person's
/// name, e-mail or phone, the party's name or code, or the role.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    /// In list order.
    pub rows: Vec<ContactRow>,
    /// One row per person of the desk, in person order: name, e-mail and
    /// phone, folded. Party and role are not repeated per person.
    pub text: Corpus,
    /// Length of each person's folded name at the start of their text.
    name_len: Vec<u32>,
    /// Each person's e-mail, as split between their text and `domains`.
    mail: Vec<Mail>,
    /// Distinct e-mail domains, folded, each from its "@": held once, not
    /// per person (583 at a hundred times the real desk, for 163,800
    /// addresses).
    domains: Vec<String>,
    /// The first bytes of the local parts' rests after a dotted name (a
    /// 256-bit set).
    kept_first: [u64; 4],
    /// Folded name and code of each party.
    party_name: Vec<Text>,
    party_code: Vec<Text>,
    /// Per list row, the letters and digits of the name and party name:
    /// a fuzzy match needs them all, so most rows are ruled out by one
    /// test before the matcher runs.
    letters: Vec<u32>,
}

/// Where a person's e-mail is kept. The text of a person is their name,
/// the e-mail's local part and the phone; the domain (from its "@") is in
/// [`Contacts::domains`]. A local part that starts with the name, dots for
/// spaces ("ana.silva.12" for "Ana Silva"), keeps only what follows in the
/// text (".12"). At a hundred times the real desk this keeps 4.6 MB of
/// e-mail text out of memory.
#[derive(Debug, Clone, Copy)]
struct Mail {
    /// Index into `domains`; [`Mail::WHOLE`]: the whole e-mail (if any) is
    /// in the person's text.
    domain: u16,
    /// Length of what of the local part is in the text, after the name and
    /// a space; with [`Mail::DOTTED`] set, the dotted name comes before it.
    local: u16,
}

impl Mail {
    const WHOLE: u16 = u16::MAX;
    const DOTTED: u16 = 0x8000;
    fn dotted(self) -> bool {
        self.local & Mail::DOTTED != 0
    }
    fn len(self) -> usize {
        usize::from(self.local & !Mail::DOTTED)
    }
}

/// What follows the dotted name at the start of `local`, if it starts so
/// (the name has no dot of its own: then a word is in the dotted name
/// exactly when the word with spaces for its dots is in the name).
fn after_dotted_name<'a>(local: &'a str, name: &str) -> Option<&'a str> {
    let dotted = !name.contains('.')
        && local.len() >= name.len()
        && local
            .bytes()
            .zip(name.bytes())
            .all(|(l, n)| l == if n == b' ' { b'.' } else { n });
    dotted.then(|| local.get(name.len()..)).flatten()
}

/// A folded word of a query, as the Contacts rows are searched for it.
pub struct ContactWord {
    finder: WordFinder,
    word: String,
    /// The word with spaces for its dots (a dotted name holds a piece of
    /// the word when the name holds the same piece of this).
    undotted: String,
    /// Its searcher, when the word has a dot.
    undotted_finder: Option<WordFinder>,
    /// Per domain: whether "@domain" holds the word.
    in_domain: Vec<bool>,
    /// When the word has an "@" with text before it: where that "@" is,
    /// and per domain whether the domain continues with what follows it.
    span: Option<(usize, Vec<bool>)>,
    /// Whether any e-mail may hold the word beyond the text at all: most
    /// words (letters only) cannot, and the rows are not looked at again.
    needs_mail: bool,
}

/// Bit of an ASCII letter or digit (others: 0). Digits share six bits
/// (0 and 6, 1 and 7, ...): a row lacking a bit still lacks the digit,
/// and 32 bits a row (not 64) save 0.65 MB at 163,800 people.
fn letter_bit(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + (c as u32 - '0' as u32) % 6),
        _ => 0,
    }
}

/// The letter bits of folded text.
pub fn letters_of(folded: &str) -> u32 {
    folded.chars().fold(0, |m, c| m | letter_bit(c))
}

impl Contacts {
    /// The folded name of list row `r`.
    pub fn name(&self, r: usize) -> &str {
        let Some(c) = self.rows.get(r) else {
            return "";
        };
        self.name_of(c.person as usize)
    }

    /// Each party's place in name order (by party index).
    pub fn party_ranks(&self) -> Vec<u32> {
        let mut order: Vec<usize> = (0..self.party_name.len()).collect();
        order.sort_by(|&a, &b| self.party_name[a].cmp(&self.party_name[b]));
        let mut rank = vec![0u32; order.len()];
        for (k, p) in order.into_iter().enumerate() {
            rank[p] = k as u32;
        }
        rank
    }

    /// The folded name of person `p`.
    fn name_of(&self, p: usize) -> &str {
        let row = self.text.row(p);
        let len = self.name_len.get(p).map_or(0, |&n| n as usize);
        row.get(..len).unwrap_or(row)
    }

    fn party_part(&self, c: &ContactRow) -> (&str, &str) {
        match (
            self.party_name.get(c.party() as usize),
            self.party_code.get(c.party() as usize),
        ) {
            (Some(n), Some(k)) => (n, k),
            _ => ("", "?"),
        }
    }

    /// Whether each person's name (by person index) holds every needle:
    /// one pass over the text in its own order, quicker than looking up
    /// many list rows one by one (the list is a permutation of it).
    pub fn names_holding(&self, needles: &Needles) -> Vec<bool> {
        (0..self.text.len())
            .map(|p| {
                let row = self.text.row_bytes(p);
                let len = self.name_len.get(p).map_or(0, |&n| n as usize);
                needles.all_in_bytes(row.get(..len).unwrap_or(row))
            })
            .collect()
    }

    /// The searcher of one folded word.
    pub fn word(&self, w: &str) -> ContactWord {
        let in_domain: Vec<bool> = self.domains.iter().map(|d| d.contains(w)).collect();
        // From a dotted name into what follows it, the word must hold the
        // first byte of what follows (past its own first byte).
        let into_kept = w
            .bytes()
            .skip(1)
            .any(|b| self.kept_first[usize::from(b >> 6)] >> (b & 63) & 1 == 1);
        let needs_mail = in_domain.contains(&true)
            || w.contains('.')
            || into_kept
            || w[1.min(w.len())..].contains('@');
        ContactWord {
            needs_mail,
            finder: WordFinder::new(w),
            word: w.to_string(),
            undotted: w.replace('.', " "),
            undotted_finder: w
                .contains('.')
                .then(|| WordFinder::new(&w.replace('.', " "))),
            in_domain,
            span: w.rfind('@').filter(|&at| at > 0).map(|at| {
                let after = &w[at..];
                (
                    at,
                    self.domains.iter().map(|d| d.starts_with(after)).collect(),
                )
            }),
        }
    }

    /// Whether person `p`'s e-mail holds the word beyond what their text
    /// shows: in the domain, in a dotted name before the rest of the local
    /// part, or across either seam.
    fn mail_has(&self, p: usize, w: &ContactWord) -> bool {
        let Some(&m) = self.mail.get(p) else {
            return false;
        };
        if m.domain == Mail::WHOLE {
            return false;
        }
        if w.in_domain.get(m.domain as usize).copied().unwrap_or(false) {
            return true;
        }
        let row = self.text.row_bytes(p);
        let name_len = self
            .name_len
            .get(p)
            .map_or(0, |&n| n as usize)
            .min(row.len());
        let name = &row[..name_len];
        let from = (name_len + 1).min(row.len());
        let kept = &row[from..(from + m.len()).min(row.len())];
        let (word, undotted) = (w.word.as_bytes(), w.undotted.as_bytes());
        // `local` (the dotted name, then `kept`) ends with `x`.
        let local_ends_with = |x: &[u8], undotted_x: &[u8]| {
            if !m.dotted() || x.len() <= kept.len() {
                kept.ends_with(x)
            } else {
                let cut = x.len() - kept.len();
                x.ends_with(kept) && name.ends_with(&undotted_x[..cut])
            }
        };
        if m.dotted() {
            // Within the dotted name (a word without a dot is in the name,
            // which the text holds), or from it into what follows.
            if w.undotted_finder.as_ref().is_some_and(|u| u.is_in(name)) {
                return true;
            }
            for j in 1..=kept.len().min(word.len().saturating_sub(1)) {
                let cut = word.len() - j;
                if word.ends_with(&kept[..j]) && name.ends_with(&undotted[..cut]) {
                    return true;
                }
            }
        }
        match &w.span {
            Some((at, starts)) if starts.get(m.domain as usize).copied().unwrap_or(false) => {
                local_ends_with(&word[..*at], &undotted[..*at])
            }
            _ => false,
        }
    }

    /// Whether list row `r` holds the folded word: the person's name,
    /// e-mail or phone, the party's name or code, or the role.
    pub fn row_has(&self, r: usize, w: &ContactWord) -> bool {
        let Some(c) = self.rows.get(r) else {
            return false;
        };
        let (name, code) = self.party_part(c);
        let f = &w.finder;
        f.is_in(self.text.row_bytes(c.person as usize))
            || f.is_in(name.as_bytes())
            || f.is_in(code.as_bytes())
            || f.is_in(crate::app::data::role_label(c.role()).as_bytes())
            || (w.needs_mail && self.mail_has(c.person as usize, w))
    }

    /// The name and party name of list row `r`, what fuzzy matching reads,
    /// written into `buf`.
    pub fn fuzzy_text<'a>(&self, r: usize, buf: &'a mut String) -> &'a str {
        buf.clear();
        buf.push_str(self.name(r));
        buf.push(' ');
        if let Some(c) = self.rows.get(r) {
            buf.push_str(self.party_part(c).0);
        }
        buf
    }

    /// Whether list row `r` may match fuzzily atoms needing `need` letters.
    pub fn may_match(&self, r: usize, need: u32) -> bool {
        self.letters.get(r).is_some_and(|&m| m & need == need)
    }

    /// List rows holding every word, ascending, and for each whether its
    /// name holds them all: one pass over the text and the parties for the
    /// first word (where it first occurs tells whether it is in the name,
    /// the start of the text), then the other words row by row.
    pub fn rows_containing_all(&self, words: &[String]) -> (Vec<u32>, Vec<bool>) {
        let Some((first, rest)) = words.split_first() else {
            return (
                (0..self.rows.len() as u32).collect(),
                vec![true; self.rows.len()],
            );
        };
        let f = first.as_str();
        let at = self.text.first_match(f);
        let in_party: Vec<bool> = self
            .party_name
            .iter()
            .zip(&self.party_code)
            .map(|(n, k)| n.contains(f) || k.contains(f))
            .collect();
        // Everything a row's party or role decides, decided once here: a
        // `str::contains` per row sets up a searcher each time.
        let unknown_party = "?".contains(f);
        let in_role: Vec<bool> = Role::ALL
            .iter()
            .map(|&r| crate::app::data::role_label(r).contains(f))
            .collect();
        let rest_needles = Needles::new(rest);
        let first_word = self.word(f);
        // E-mails beyond the text, in person order (the text's own order:
        // a pass in list order would jump about in memory).
        let mail_hits: Option<Vec<bool>> = first_word.needs_mail.then(|| {
            (0..self.mail.len())
                .map(|p| at[p] == 0 && self.mail_has(p, &first_word))
                .collect()
        });
        let rest_finders: Vec<ContactWord> = rest.iter().map(|w| self.word(w)).collect();
        // Sized for every row (a first letter matches most), so that they
        // are not copied as they grow; the caller keeps them trimmed.
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut in_name = Vec::with_capacity(self.rows.len());
        for (r, c) in self.rows.iter().enumerate() {
            let p = c.person as usize;
            let found = at[p] != 0
                || in_party
                    .get(c.party() as usize)
                    .copied()
                    .unwrap_or(unknown_party)
                || in_role[c.role() as usize]
                || mail_hits
                    .as_ref()
                    .is_some_and(|m| m.get(p).copied().unwrap_or(false));
            if found && rest_finders.iter().all(|w| self.row_has(r, w)) {
                rows.push(r as u32);
                let name_len = self.name_len.get(p).copied().unwrap_or(0);
                in_name.push(
                    at[p] != 0
                        && at[p] - 1 < name_len
                        && (rest.is_empty() || rest_needles.all_in(self.name(r))),
                );
            }
        }
        (rows, in_name)
    }
}

/// The Contacts rows. E-mail and phone are streamed from `store` (the
/// desk in memory holds none); without a store the desk's own are read.
/// No string per person is kept: the search text is one buffer written in
/// person order, and the list is a sorted permutation of it.
pub fn contacts(desk: &ScreenDesk, d: &Derived, store: Option<&crate::store::Store>) -> Contacts {
    use crate::app::data::safe;
    let people = &*desk.people;
    let ids = people.ids();
    let mut text = Corpus::with_capacity(people.len(), people.len() * 32);
    let mut name_len = Vec::with_capacity(people.len());
    let mut mail = Vec::with_capacity(people.len());
    let mut domains: Vec<String> = Vec::new();
    let mut domain_ix: crate::app::search::FxMap<String, u16> = Default::default();
    let mut push = |text: &mut Corpus,
                    name_len: &mut Vec<u32>,
                    mail: &mut Vec<Mail>,
                    i: usize,
                    email: Option<&str>,
                    phone: Option<&str>| {
        let name = fold(&safe(people.name(i)));
        let email = fold(&safe(email.unwrap_or("")));
        let phone = fold(&safe(phone.unwrap_or("")));
        let mut m = Mail {
            domain: Mail::WHOLE,
            local: 0,
        };
        let mut local = email.as_str();
        if let Some(at) = email.rfind('@').filter(|&at| email.len() - at > 1) {
            let domain = &email[at..];
            let n = domain_ix.len();
            let ix = match domain_ix.get(domain) {
                Some(&k) => Some(k),
                None if n < usize::from(Mail::WHOLE) => {
                    domain_ix.insert(domain.to_string(), n as u16);
                    domains.push(domain.to_string());
                    Some(n as u16)
                }
                None => None,
            };
            let l = &email[..at];
            let (kept, dotted) = match after_dotted_name(l, &name) {
                Some(rest) => (rest, Mail::DOTTED),
                None => (l, 0),
            };
            if let Some(k) = ix.filter(|_| kept.len() < usize::from(Mail::DOTTED)) {
                m = Mail {
                    domain: k,
                    local: kept.len() as u16 | dotted,
                };
                local = kept;
            }
        }
        text.push_folded(&[&name, local, &phone]);
        name_len.push(name.len() as u32);
        mail.push(m);
    };
    // With the store's details: people are in id order in both, so one
    // merge; a person the store no longer has gets none.
    let sorted = ids.windows(2).all(|w| w[0] < w[1]);
    let mut streamed = false;
    if let (Some(store), true, None) = (store, sorted, people.reach(0)) {
        let mut next = 0usize;
        let read = store.for_each_contact(|id, email, phone| {
            let Ok(k) = ids[next..].binary_search(&id) else {
                return;
            };
            for i in next..next + k {
                push(&mut text, &mut name_len, &mut mail, i, None, None);
            }
            push(&mut text, &mut name_len, &mut mail, next + k, email, phone);
            next += k + 1;
        });
        if read.is_ok() {
            for i in next..people.len() {
                push(&mut text, &mut name_len, &mut mail, i, None, None);
            }
            streamed = true;
        } else {
            text = Corpus::with_capacity(people.len(), people.len() * 32);
            name_len.clear();
            mail.clear();
        }
    }
    if !streamed {
        for i in 0..people.len() {
            let (email, phone) = people.reach(i).unwrap_or((None, None));
            push(&mut text, &mut name_len, &mut mail, i, email, phone);
        }
    }
    drop(domain_ix);
    text.shrink_to_fit();
    let members = people.members();
    let ended = |i: usize| !members[i].current(d.as_of);
    let name = |i: usize| {
        let row = text.row(i);
        &row[..(name_len[i] as usize).min(row.len())]
    };
    let mut order: Vec<u32> = (0..people.len())
        .filter(|&i| members[i].nominated <= d.as_of)
        .map(|i| i as u32)
        .collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        (ended(a), name(a), a).cmp(&(ended(b), name(b), b))
    });
    let party_name: Vec<Text> = d.party_name.iter().map(|n| Text::from(fold(n))).collect();
    let party_code: Vec<Text> = d.party_code.iter().map(|n| Text::from(fold(n))).collect();
    let party_letters: Vec<u32> = party_name.iter().map(|n| letters_of(n)).collect();
    let mut letters = Vec::with_capacity(order.len());
    let rows = order
        .into_iter()
        .map(|i| {
            let i = i as usize;
            let pi = people.party(i).unwrap_or(NONE);
            let party = if pi == NONE { u32::MAX } else { pi as u32 };
            letters.push(letters_of(name(i)) | party_letters.get(pi).copied().unwrap_or(0));
            ContactRow::new(i as u32, party, members[i].role, !ended(i))
        })
        .collect();
    let mut kept_first = [0u64; 4];
    for (p, m) in mail.iter().enumerate() {
        if m.domain != Mail::WHOLE && m.dotted() && m.len() > 0 {
            let row = text.row_bytes(p);
            if let Some(&b) = row.get(name_len[p] as usize + 1) {
                kept_first[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
    }
    Contacts {
        rows,
        text,
        name_len,
        mail,
        domains,
        kept_first,
        party_name,
        party_code,
        letters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_row_packs_party_role_and_currency() {
        assert_eq!(std::mem::size_of::<ContactRow>(), 8);
        for party in [
            0,
            1,
            18_900,
            ContactRow::PARTY - 1,
            ContactRow::PARTY,
            u32::MAX,
        ] {
            for role in [Role::FocalPoint, Role::Expert, Role::Observer] {
                for current in [true, false] {
                    let c = ContactRow::new(7, party, role, current);
                    let want = if party >= ContactRow::PARTY {
                        u32::MAX
                    } else {
                        party
                    };
                    assert_eq!(
                        (c.person, c.party(), c.role(), c.current()),
                        (7, want, role, current)
                    );
                }
            }
        }
    }
}
