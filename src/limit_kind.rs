//! Which limit of [`crate::limits::Limits`] a run stopped at. The errors that stop at
//! one (an analysis that derives or compares too much, a file too large or nested too
//! deep, a scenario file that makes too many scenarios) carry it, so that each reader
//! is told how to raise it in its own terms: the library names the field of `Limits`
//! ([`LimitKind::raise`]), the command line its flag (`crate::cli::limit_flags`).

/// A limit of [`crate::limits::Limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitKind {
    /// [`crate::limits::Limits::max_file_bytes`].
    FileSize,
    /// [`crate::limits::Limits::max_depth`].
    Depth,
    /// [`crate::limits::Limits::max_hierarchy_depth`].
    HierarchyDepth,
    /// [`crate::limits::Limits::max_firings`].
    Firings,
    /// [`crate::limits::Limits::max_derived`].
    Derived,
    /// [`crate::limits::Limits::max_comparisons`].
    Comparisons,
    /// [`crate::limits::Limits::max_relations`].
    Relations,
    /// [`crate::limits::Limits::max_paths`].
    Paths,
    /// [`crate::limits::Limits::max_sweep`].
    Sweep,
    /// [`crate::limits::Limits::max_scenarios`].
    Scenarios,
    /// [`crate::limits::Limits::max_nodes`].
    Nodes,
    /// [`crate::limits::Limits::time_limit`].
    Time,
}

/// How a message tells its reader to raise a limit: the words from `raise` on, such
/// as [`LimitKind::raise`]'s ``raise the limit `max_firings` ``.
pub type Raise = fn(LimitKind) -> String;

impl LimitKind {
    /// Every limit.
    pub const ALL: [LimitKind; 12] = [
        LimitKind::FileSize,
        LimitKind::Depth,
        LimitKind::HierarchyDepth,
        LimitKind::Firings,
        LimitKind::Derived,
        LimitKind::Comparisons,
        LimitKind::Relations,
        LimitKind::Paths,
        LimitKind::Sweep,
        LimitKind::Scenarios,
        LimitKind::Nodes,
        LimitKind::Time,
    ];

    /// The field of [`crate::limits::Limits`] that sets it: `max_firings`.
    pub fn field(self) -> &'static str {
        match self {
            LimitKind::FileSize => "max_file_bytes",
            LimitKind::Depth => "max_depth",
            LimitKind::HierarchyDepth => "max_hierarchy_depth",
            LimitKind::Firings => "max_firings",
            LimitKind::Derived => "max_derived",
            LimitKind::Comparisons => "max_comparisons",
            LimitKind::Relations => "max_relations",
            LimitKind::Paths => "max_paths",
            LimitKind::Sweep => "max_sweep",
            LimitKind::Scenarios => "max_scenarios",
            LimitKind::Nodes => "max_nodes",
            LimitKind::Time => "time_limit",
        }
    }

    /// How the library says to raise it, naming the field of
    /// [`crate::limits::Limits`]: ``raise the limit `max_firings` `` (a [`Raise`]).
    pub fn raise(self) -> String {
        format!("raise the limit `{}`", self.field())
    }
}

#[cfg(test)]
mod tests {
    use super::LimitKind;

    #[test]
    fn each_limit_names_its_own_field() {
        let mut fields: Vec<&str> = LimitKind::ALL.iter().map(|l| l.field()).collect();
        fields.sort_unstable();
        fields.dedup();
        assert_eq!(fields.len(), LimitKind::ALL.len());
        assert_eq!(LimitKind::Firings.raise(), "raise the limit `max_firings`");
    }
}
