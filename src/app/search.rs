//! Fast text search over many rows: every row's text folded (lower case,
//! accents off) into one buffer, so a query is one pass of `str::find`
//! over the buffer instead of one search per row.

use nucleo_matcher::chars::{normalize, to_lower_case};

/// Lower case without accents: "Côte" → "cote", "İ" → "i̇" stays findable.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(s.chars().map(|c| to_lower_case(normalize(c))));
    }
}

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Byte length of `s` once folded.
pub fn folded_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars()
            .map(|c| to_lower_case(normalize(c)).len_utf8())
            .sum()
    }
}

/// One folded word's searcher, built once for many rows.
pub struct WordFinder(memchr::memmem::Finder<'static>);

impl WordFinder {
    pub fn new(word: &str) -> WordFinder {
        WordFinder(memchr::memmem::Finder::new(word.as_bytes()).into_owned())
    }

    pub fn is_in(&self, hay: &[u8]) -> bool {
        self.0.find(hay).is_some()
    }
}

/// Searchers for the folded words of a query, built once per key: a
/// `str::contains` per row sets up a new searcher each time, which at
/// 160,000 rows costs more than the search.
pub struct Needles(Vec<WordFinder>);

impl Needles {
    pub fn new(words: &[String]) -> Needles {
        Needles(words.iter().map(|w| WordFinder::new(w)).collect())
    }

    /// Whether `hay` holds every word.
    pub fn all_in(&self, hay: &str) -> bool {
        self.all_in_bytes(hay.as_bytes())
    }

    pub fn all_in_bytes(&self, hay: &[u8]) -> bool {
        self.0.iter().all(|f| f.is_in(hay))
    }
}

/// The folded words of a query.
pub fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

/// Rows of folded text in one buffer. Rows are separated by a newline,
/// which no folded query contains, so a match never spans two rows.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    text: String,
    /// Start of each row, and the end of the last (the text stays under
    /// 4 GiB: a row past it is not added).
    starts: Vec<u32>,
}

impl Corpus {
    pub fn with_capacity(rows: usize, bytes: usize) -> Corpus {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Corpus {
            text: String::with_capacity(bytes),
            starts,
        }
    }

    /// Appends one row made of `parts` (folded, joined by spaces).
    pub fn push(&mut self, parts: &[&str]) {
        self.push_with(parts, fold_into);
    }

    /// Appends one row made of `parts` already folded (joined by spaces).
    pub fn push_folded(&mut self, parts: &[&str]) {
        self.push_with(parts, |p, out| out.push_str(p));
    }

    /// Appends one row, each part written by `write`.
    fn push_with(&mut self, parts: &[&str], write: impl Fn(&str, &mut String)) {
        let start = self.text.len();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            if p.contains('\n') {
                write(&p.replace('\n', " "), &mut self.text);
            } else {
                write(p, &mut self.text);
            }
        }
        if self.text.len() >= u32::MAX as usize {
            // Past 4 GiB of text (tens of millions of rows): the row is
            // kept, empty, so that row numbers still match.
            self.text.truncate(start);
        }
        self.text.push('\n');
        self.starts.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Gives back the room reserved but not used.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes of row `i` (without its newline): no char-boundary
    /// checks, for the searchers that read bytes.
    pub fn row_bytes(&self, i: usize) -> &[u8] {
        &self.text.as_bytes()[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// The folded text of row `i` (without its newline).
    pub fn row(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// Calls `f(row, offset)` with where `needle` (folded) first occurs
    /// in each row holding it, rows ascending. One searcher for the whole
    /// buffer (built once, SIMD); after a hit the search goes on from the
    /// next row, and the row of a hit is found by walking forward.
    fn each_first_match(&self, needle: &str, mut f: impl FnMut(usize, usize)) {
        if needle.contains('\n') {
            return;
        }
        if needle.is_empty() {
            (0..self.len()).for_each(|r| f(r, 0));
            return;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let hay = self.text.as_bytes();
        let (mut pos, mut row) = (0usize, 0usize);
        while let Some(i) = finder.find(&hay[pos..]) {
            let at = pos + i;
            while self.starts[row + 1] as usize <= at {
                row += 1;
            }
            f(row, at - self.starts[row] as usize);
            pos = self.starts[row + 1] as usize;
            if pos >= hay.len() {
                break;
            }
        }
    }

    /// Rows containing `needle` (folded), ascending.
    pub fn rows_containing(&self, needle: &str) -> Vec<usize> {
        let mut out = Vec::new();
        self.each_first_match(needle, |r, _| out.push(r));
        out
    }

    /// Per row, where `needle` first occurs in it, plus one (0: not in
    /// the row).
    pub fn first_match(&self, needle: &str) -> Vec<u32> {
        let mut out = vec![0u32; self.len()];
        self.each_first_match(needle, |r, at| out[r] = at as u32 + 1);
        out
    }

    /// A bitmap of the rows containing `needle`.
    pub fn hits(&self, needle: &str) -> Vec<bool> {
        let mut v = vec![false; self.len()];
        for r in self.rows_containing(needle) {
            v[r] = true;
        }
        v
    }
}

/// The domain's quick hash map, for the indexes rebuilt at every load.
pub use crate::domain::hash::FxMap;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Côte d'Ivoire"), "cote d'ivoire");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold("中国"), "中国");
    }

    #[test]
    fn corpus_finds_rows_once_each() {
        let mut c = Corpus::with_capacity(3, 64);
        c.push(&["Anna Anna", "AUT"]);
        c.push(&["Côte d'Ivoire"]);
        c.push(&["anna", "x\ny"]);
        assert_eq!(c.rows_containing("anna"), vec![0, 2]);
        assert_eq!(c.rows_containing("cote"), vec![1]);
        assert_eq!(c.rows_containing("x y"), vec![2]);
        assert_eq!(c.rows_containing("aut\nc"), Vec::<usize>::new());
        assert_eq!(c.hits("ivoire"), vec![false, true, false]);
        assert_eq!(c.rows_containing(""), vec![0, 1, 2]);
    }

    #[test]
    fn first_match_is_the_leftmost_in_each_row() {
        let mut c = Corpus::with_capacity(4, 64);
        c.push(&["Anna Anna", "AUT"]);
        c.push(&["Côte d'Ivoire"]);
        c.push(&["Hannah", "anna@x"]);
        c.push(&[""]);
        // Offsets plus one; a match never spans two rows.
        assert_eq!(c.first_match("anna"), vec![1, 0, 2, 0]);
        assert_eq!(c.first_match("aut"), vec![11, 0, 0, 0]);
        assert_eq!(c.first_match("aut\ncote"), vec![0, 0, 0, 0]);
        assert_eq!(c.first_match("ecote"), vec![0, 0, 0, 0]);
        assert_eq!(c.first_match(""), vec![1, 1, 1, 1]);
        assert_eq!(c.row_bytes(2), b"hannah anna@x");
    }

    #[test]
    fn needles_want_every_word() {
        let n = Needles::new(&words("ann GRU"));
        assert!(n.all_in("anna gruber"));
        assert!(!n.all_in("anna müller"));
        assert!(Needles::new(&[]).all_in("anything"));
    }
}
