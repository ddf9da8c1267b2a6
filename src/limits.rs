//! The limits that keep every run bounded: input size and nesting, vocabulary depth,
//! rule derivation, comparisons of terms and the relations kept, what-if scenarios and
//! the concession search. [`Limits`] is
//! passed to loading, the engine, `whatif` and `concede`; its `Default` is what the
//! command line uses without flags. The command line maps each field to a flag of its
//! own (`src/cli/limit_flags.rs` is the table; docs/limits.md lists them for users).

use std::time::Duration;

/// The deepest nesting [`Limits::max_depth`] may allow: the parsers recurse once per
/// level, so a higher value could overflow the stack.
pub const DEPTH_CEILING: usize = 1024;

/// How far armistice goes before it stops with an error instead of running out of
/// memory or time. Each error names what went past which limit, and carries the
/// limit's [`LimitKind`](crate::limit_kind::LimitKind) so that its reader says how to
/// raise it: the library by the field here, the command line by its flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input file read, in bytes (default 1 GiB, room for generated
    /// proposals of a million terms).
    pub max_file_bytes: u64,
    /// The deepest nesting of arrays and objects in an input file (default 128, at
    /// most [`DEPTH_CEILING`]); checked before any parser recurses.
    pub max_depth: usize,
    /// The deepest action or scope-label hierarchy of a vocabulary, in levels (default
    /// [`MAX_HIERARCHY_DEPTH`]): relating terms lists, for each action and label, its
    /// ancestors and descendants, so the memory grows with the depth.
    pub max_hierarchy_depth: usize,
    /// The most rule firings while deriving one proposal's implied atoms (default
    /// 1,000,000).
    pub max_firings: usize,
    /// The most atoms the rules may derive for one proposal (default 1,000,000). Each
    /// derived atom takes a firing, so by default the firings limit is met first; this
    /// one bounds memory when firings are raised.
    pub max_derived: usize,
    /// The most comparisons of atoms for one pair of proposals (default 500,000,000).
    /// Terms that meet few others stay far below it even at millions of terms.
    pub max_comparisons: usize,
    /// The most relations kept for one pair of proposals (default 10,000,000, about
    /// 1.5 GB of relations; the benchmarks' pair of a million terms each has about
    /// 1.6 million). Only terms that nearly all meet each other (no scopes, one subject
    /// and action) come near it: their relations grow with the product of the sides.
    pub max_relations: usize,
    /// The most steps taken tracing the `requires` paths of one pair's blocked terms
    /// (default 10,000,000). Only chains of hundreds of conditions on failing terms
    /// come near it: their paths grow with the square of the chain.
    pub max_paths: usize,
    /// The most scenarios one sweep of a scenario file may make (default 1024, a
    /// sweep of 10 edits).
    pub max_sweep: usize,
    /// The most scenarios one `whatif` run evaluates, sweeps expanded (default 4096).
    pub max_scenarios: usize,
    /// The most nodes the concession search explores (default 1,000,000).
    pub max_nodes: u64,
    /// How long the concession search may run (default 60 s; `None` for no limit,
    /// which only a library user can choose).
    pub time_limit: Option<Duration>,
    /// How long the search for the Pareto front of the concessions may run, within
    /// [`Limits::time_limit`] (default 1 s). The front is a second search, one per
    /// point: on a pair of thousands of conflicts its points are many and each costs a
    /// search of the whole instance, while the packages are found at once; it stops
    /// here, the packages standing.
    pub front_time_limit: Option<Duration>,
}

/// The default largest input file read, in bytes (1 GiB; [`Limits::max_file_bytes`]):
/// far above any hand-written proposal, and room for the generated proposals of a
/// million terms the benchmarks use.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// The default deepest nesting of arrays and objects accepted
/// ([`Limits::max_depth`]).
pub const MAX_DEPTH: usize = 128;

/// The default deepest vocabulary hierarchy, in levels ([`Limits::max_hierarchy_depth`]):
/// real taxonomies have a handful; a chain of 64 actions already makes each of them
/// related to 63 others.
pub const MAX_HIERARCHY_DEPTH: usize = 64;

/// The default most rule firings allowed for one proposal before the engine gives up
/// ([`Limits::max_firings`]).
pub const MAX_FIRINGS: usize = 1_000_000;

/// The most pairs of atoms compared for one pair of proposals. Terms that meet few
/// others stay far below it even at millions of terms; proposals whose every term
/// meets every other (no scopes, one subject and action) would take hours, and end
/// with an error instead.
pub const MAX_CANDIDATES: usize = 500_000_000;

/// The default most relations kept for one pair of proposals
/// ([`Limits::max_relations`]).
pub const MAX_RELATIONS: usize = 10_000_000;

/// The default time the search for the Pareto front may take
/// ([`Limits::front_time_limit`]).
pub const FRONT_TIME_LIMIT: Duration = Duration::from_secs(1);

/// The default most scenarios one sweep may make ([`Limits::max_sweep`]): 1024, a
/// sweep of 10 edits.
pub const MAX_SWEEP: usize = 1024;

/// The default most scenarios a run evaluates, sweeps expanded
/// ([`Limits::max_scenarios`]).
pub const MAX_SCENARIOS: usize = 4096;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: MAX_FILE_BYTES,
            max_depth: MAX_DEPTH,
            max_hierarchy_depth: MAX_HIERARCHY_DEPTH,
            max_firings: MAX_FIRINGS,
            max_derived: 1_000_000,
            max_comparisons: MAX_CANDIDATES,
            max_relations: MAX_RELATIONS,
            max_paths: 10_000_000,
            max_sweep: MAX_SWEEP,
            max_scenarios: MAX_SCENARIOS,
            max_nodes: 1_000_000,
            time_limit: Some(Duration::from_secs(60)),
            front_time_limit: Some(FRONT_TIME_LIMIT),
        }
    }
}

/// Reads a size in bytes: a whole number with an optional unit, `B`, `KB`, `MB`,
/// `GB`, `TB` (powers of 1000) or `KiB`, `MiB`, `GiB`, `TiB` (powers of 1024), in any
/// case and with or without a space: `2GiB`, `500 MB`, `1048576`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let bad =
        || format!("`{text}` is not a size: give bytes or a number with a unit, like `2GiB` or `500MB`");
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1000,
        "mb" | "m" => 1000 * 1000,
        "gb" | "g" => 1000 * 1000 * 1000,
        "tb" | "t" => 1000 * 1000 * 1000 * 1000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "tib" => 1 << 40,
        _ => return Err(bad()),
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large a size"))
}

/// A size for messages: `1 GiB`, `500 MiB`, `100 bytes` (the largest binary unit that
/// divides it, so that the number is exact).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 4] = [
        (1 << 40, "TiB"),
        (1 << 30, "GiB"),
        (1 << 20, "MiB"),
        (1 << 10, "KiB"),
    ];
    UNITS
        .iter()
        .find(|(size, _)| bytes >= *size && bytes.is_multiple_of(*size))
        .map_or_else(
            || format!("{bytes} bytes"),
            |(size, unit)| format!("{} {unit}", bytes / size),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_values() {
        let l = Limits::default();
        assert_eq!(l.max_file_bytes, 1 << 30);
        assert_eq!(l.max_depth, 128);
        assert!(l.max_depth <= DEPTH_CEILING);
        assert_eq!(l.max_hierarchy_depth, 64);
        assert_eq!((l.max_firings, l.max_derived), (1_000_000, 1_000_000));
        assert_eq!(l.max_comparisons, 500_000_000);
        assert_eq!(l.max_relations, 10_000_000);
        assert_eq!((l.max_sweep, l.max_scenarios), (1024, 4096));
        assert_eq!(l.max_nodes, 1_000_000);
        assert_eq!(l.time_limit, Some(Duration::from_secs(60)));
    }

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("500 MB"), Ok(500_000_000));
        assert_eq!(parse_size("1kib"), Ok(1024));
        assert_eq!(parse_size("7b"), Ok(7));
        assert!(parse_size("").is_err());
        assert!(parse_size("GiB").is_err());
        assert!(parse_size("1.5GiB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("3 parsecs").unwrap_err().contains("not a size"));
        assert!(parse_size("99999999999TiB").unwrap_err().contains("too large"));
    }

    #[test]
    fn sizes_format_exactly() {
        assert_eq!(format_size(1 << 30), "1 GiB");
        assert_eq!(format_size(500 << 20), "500 MiB");
        assert_eq!(format_size(1536), "1536 bytes");
        assert_eq!(format_size(2048), "2 KiB");
        assert_eq!(format_size(100), "100 bytes");
        assert_eq!(format_size(0), "0 bytes");
    }
}
