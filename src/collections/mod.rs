//! Generic containers the analysis is built from, with no knowledge of negotiations:
//! the fast deterministic hash map and set, [`Chunked`] lists shared in chunks,
//! [`Shared`] lists behind a reference count, and the interner that makes equal
//! lists one.

pub(crate) mod chunked;
mod flat;
pub(crate) mod shared;

pub use chunked::{Chunked, Summary};
pub(crate) use flat::FlatLists;
pub use shared::Shared;

/// A hash map with a fast, deterministic hasher (foldhash with a fixed seed). Its keys
/// are names from input files, bounded by the file size limits, or the analysis' own
/// indices; SipHash's resistance to chosen collisions buys nothing for a local tool,
/// and what hashing costs is a large share of reading a big proposal.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
/// The hash set of [`FastMap`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
