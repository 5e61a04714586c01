//! A quick hash for maps keyed by the desk's own codes and ids.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (the multiply-rotate hash of rustc) for the maps of party
/// codes and ids (engine, app indexes): SipHash's resistance to hash flooding buys nothing
/// against the desk's own records. Two details matter for short codes: the
/// tail of a key is read with two overlapping loads (not a byte copy, which
/// made it slower than SipHash), and `finish` mixes every bit into the low
/// ones a table uses to pick a bucket (plain FxHash crowded party codes into
/// a few buckets). Measured against SipHash and plain FxHash in
/// PERFORMANCE.md.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = tail;
        }
        let k = rest.len();
        let word = match k {
            0 => 0,
            1..=3 => {
                u64::from(rest[0]) | u64::from(rest[k / 2]) << 8 | u64::from(rest[k - 1]) << 16
            }
            _ => {
                let lo = rest.first_chunk::<4>().copied().unwrap_or_default();
                let hi = rest.last_chunk::<4>().copied().unwrap_or_default();
                u64::from(u32::from_le_bytes(lo)) | u64::from(u32::from_le_bytes(hi)) << 32
            }
        };
        self.add(word ^ (bytes.len() as u64) << 56);
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // The finaliser of MurmurHash3: every input bit reaches the low
        // output bits.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

pub fn fx_map<K, V>(capacity: usize) -> FxMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}
