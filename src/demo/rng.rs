//! A small deterministic random source over ChaCha8 with the helpers the demo
//! needs. Each concern of the demo takes its own stream (`Rng::stream`), so a
//! change in one part leaves the others as they were.

use chrono::{Days, NaiveDate};
use rand_chacha::ChaCha8Rng;
use rand_core::{Rng as _, SeedableRng};

pub struct Rng(ChaCha8Rng);

impl Rng {
    /// The stream for one concern of the demo, named by a fixed tag.
    pub fn stream(tag: &str, seed: u64) -> Rng {
        // FNV-1a of the tag, mixed with the seed: stable on every platform.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in tag.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Rng(ChaCha8Rng::seed_from_u64(h ^ seed.rotate_left(17)))
    }

    #[cfg(test)]
    pub fn u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.0.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }

    /// Index drawn with the given weights (all non-negative, not all zero).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// A day in `a..=b` (returns `a` when `b < a`).
    pub fn date(&mut self, a: NaiveDate, b: NaiveDate) -> NaiveDate {
        let span = (b - a).num_days();
        if span <= 0 {
            return a;
        }
        add_days(a, self.range(0, span))
    }

    /// A working day (Monday to Friday) in `a..=b`; `a` when there is none.
    pub fn workday(&mut self, a: NaiveDate, b: NaiveDate) -> NaiveDate {
        use chrono::Datelike;
        let is_workday = |d: NaiveDate| d.weekday().number_from_monday() <= 5;
        for _ in 0..16 {
            let d = self.date(a, b);
            if is_workday(d) {
                return d;
            }
        }
        a.iter_days()
            .take_while(|d| *d <= b)
            .find(|d| is_workday(*d))
            .unwrap_or(a)
    }
}

/// The working day on or before `d` (Saturday and Sunday become Friday).
pub fn workday_before(d: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    match d.weekday().number_from_monday() {
        6 => add_days(d, -1),
        7 => add_days(d, -2),
        _ => d,
    }
}

/// `d` plus `n` days (`n` may be negative).
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    }
}
