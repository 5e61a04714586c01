//! A quick hash for maps keyed by the desk's own codes and ids.
//!
//! foldhash (its fast variant with a fixed seed, so runs are repeatable)
//! for the maps of party codes and ids (engine, app indexes): SipHash's
//! resistance to hash flooding buys nothing against the desk's own
//! records, and foldhash mixes short keys such as party codes well (plain
//! FxHash crowded them into a few buckets).

use foldhash::fast::FixedState;
use std::collections::{HashMap, HashSet};

/// A hash map with foldhash.
pub type FxMap<K, V> = HashMap<K, V, FixedState>;

/// A hash set with foldhash.
pub type FxSet<K> = HashSet<K, FixedState>;

pub fn fx_map<K, V>(capacity: usize) -> FxMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, FixedState::default())
}
