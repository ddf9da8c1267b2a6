//! The hash map of the loading and vocabulary steps: a fast, deterministic hasher
//! (foldhash with a fixed seed). The keys are names from input files, bounded by the
//! file size limits; what they cost to hash is a large share of reading a big proposal,
//! and SipHash's resistance to chosen collisions buys nothing for a local tool.

/// A hash map with foldhash's fixed-seed hasher.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
