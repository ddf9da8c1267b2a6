//! The flags that raise (or lower) the limits of [`crate::limits::Limits`], in groups
//! flattened into the subcommands they apply to, all shown under one "Limits" heading;
//! the one place that names them in messages ([`raise`]: the library's errors carry
//! the [`LimitKind`] they stopped at, and the command line words how to raise it); and
//! the message for a concession search that ran out of its budget.

use std::time::Duration;

use crate::concede::{Limit, SolveError};
use crate::limit_kind::LimitKind;
use crate::limits::{DEPTH_CEILING, Limits, parse_size};

/// The flag that sets a limit, with its argument: `--max-firings N`.
pub(crate) fn flag(limit: LimitKind) -> &'static str {
    match limit {
        LimitKind::FileSize => "--max-file-size SIZE",
        LimitKind::Depth => "--max-depth N",
        LimitKind::HierarchyDepth => "--max-hierarchy-depth N",
        LimitKind::Firings => "--max-firings N",
        LimitKind::Derived => "--max-derived N",
        LimitKind::Comparisons => "--max-comparisons N",
        LimitKind::Relations => "--max-relations N",
        LimitKind::Paths => "--max-paths N",
        LimitKind::Sweep => "--max-sweep N",
        LimitKind::Scenarios => "--max-scenarios N",
        LimitKind::Nodes => "--max-nodes N",
        LimitKind::Time => "--time-limit SECONDS",
    }
}

/// How the command line says to raise a limit, by its flag: ``raise the limit with
/// `--max-firings N` `` (the [`crate::limit_kind::Raise`] every command words the
/// library's errors with).
pub(crate) fn raise(limit: LimitKind) -> String {
    format!("raise the limit with `{}`", flag(limit))
}

/// Limits on reading input files: every command that reads proposals or vocabularies.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits")]
pub(crate) struct ReadLimitOptions {
    /// The largest input file read: bytes, or a number with a unit (`500MB`, `2GiB`).
    #[arg(long, value_name = "SIZE", default_value = "1GiB", value_parser = parse_size)]
    pub(crate) max_file_size: u64,
    /// The deepest nesting of arrays and objects in an input file (at most 1024).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_depth, value_parser = parse_depth)]
    pub(crate) max_depth: usize,
    /// The deepest action or scope-label hierarchy of a vocabulary, in levels.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_hierarchy_depth, value_parser = parse_positive)]
    pub(crate) max_hierarchy_depth: usize,
}

impl ReadLimitOptions {
    /// `limits` with these flags' values.
    pub(crate) fn apply(&self, limits: Limits) -> Limits {
        Limits {
            max_file_bytes: self.max_file_size,
            max_depth: self.max_depth,
            max_hierarchy_depth: self.max_hierarchy_depth,
            ..limits
        }
    }
}

fn parse_depth(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))?;
    if n == 0 || n > DEPTH_CEILING {
        return Err(format!(
            "the depth must be from 1 to {DEPTH_CEILING}: the parsers recurse once per level, and deeper nesting could overflow the stack"
        ));
    }
    Ok(n)
}

fn parse_positive(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{text}` is not a whole number from 1 up")),
    }
}

/// Limits on the analysis: every command that compares proposals.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits")]
pub(crate) struct EngineLimitOptions {
    /// The most rule firings while deriving one proposal's implied terms.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_firings)]
    pub(crate) max_firings: usize,
    /// The most atoms the rules may derive for one proposal.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_derived)]
    pub(crate) max_derived: usize,
    /// The most comparisons of terms (atoms) for one pair of proposals.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_comparisons)]
    pub(crate) max_comparisons: usize,
    /// The most relations kept for one pair of proposals.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_relations)]
    pub(crate) max_relations: usize,
    /// The most steps taken tracing the `requires` paths of one pair's blocked terms.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_paths)]
    pub(crate) max_paths: usize,
}

impl EngineLimitOptions {
    /// `limits` with these flags' values.
    pub(crate) fn apply(&self, limits: Limits) -> Limits {
        Limits {
            max_firings: self.max_firings,
            max_derived: self.max_derived,
            max_comparisons: self.max_comparisons,
            max_relations: self.max_relations,
            max_paths: self.max_paths,
            ..limits
        }
    }
}

/// Limits on what-if scenarios.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits")]
pub(crate) struct SweepLimitOptions {
    /// The most scenarios one sweep of a scenario file may make (a sweep of n edits
    /// makes up to 2^n).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_sweep)]
    pub(crate) max_sweep: usize,
    /// The most scenarios evaluated in one run, sweeps expanded.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_scenarios)]
    pub(crate) max_scenarios: usize,
}

impl SweepLimitOptions {
    /// `limits` with these flags' values.
    pub(crate) fn apply(&self, limits: Limits) -> Limits {
        Limits {
            max_sweep: self.max_sweep,
            max_scenarios: self.max_scenarios,
            ..limits
        }
    }
}

/// Limits on the concession search.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Limits")]
pub(crate) struct SearchLimitOptions {
    /// The most search nodes to explore before giving up.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_nodes)]
    pub(crate) max_nodes: u64,
    /// Give up the search after this many seconds [default: 60; 10 for `report`].
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub(crate) time_limit: Option<f64>,
    /// Give up the search for the Pareto front after this many seconds (within
    /// `--time-limit`); the packages stand.
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds,
          default_value_t = crate::limits::FRONT_TIME_LIMIT.as_secs_f64())]
    pub(crate) front_time_limit: f64,
}

impl SearchLimitOptions {
    /// `limits` with these flags' values; without `--time-limit`, the search may run
    /// for `default_time`.
    pub(crate) fn apply(&self, limits: Limits, default_time: Duration) -> Limits {
        Limits {
            max_nodes: self.max_nodes,
            time_limit: Some(
                self.time_limit
                    .map_or(default_time, |s| Duration::from_secs_f64(s.min(1e9))),
            ),
            front_time_limit: Some(Duration::from_secs_f64(self.front_time_limit.min(1e9))),
            ..limits
        }
    }
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 => Ok(s),
        _ => Err(format!("must be a positive number of seconds, not `{text}`")),
    }
}

/// What to say when the concession search stopped at a limit: which, the limit, and
/// the flag that raises it.
pub(crate) fn search_stopped(error: &SolveError, limits: &Limits) -> String {
    match error {
        SolveError::BudgetExceeded {
            explored,
            limit: Limit::Nodes,
        } => format!(
            "the concession search explored {}, its limit, before it could prove the cheapest packages; {}",
            super::common::plural(usize::try_from(*explored).unwrap_or(usize::MAX), "node"),
            raise(LimitKind::Nodes)
        ),
        SolveError::BudgetExceeded {
            explored,
            limit: Limit::Time,
        } => format!(
            "the concession search stopped at its time limit of {} after {}; {}",
            limits
                .time_limit
                .map_or_else(|| "none".to_owned(), |t| format!("{} s", t.as_secs_f64())),
            super::common::plural(usize::try_from(*explored).unwrap_or(usize::MAX), "node"),
            raise(LimitKind::Time)
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct All {
        #[command(flatten)]
        read: ReadLimitOptions,
        #[command(flatten)]
        engine: EngineLimitOptions,
        #[command(flatten)]
        sweep: SweepLimitOptions,
        #[command(flatten)]
        search: SearchLimitOptions,
    }

    impl All {
        fn limits(&self) -> Limits {
            let l = self.engine.apply(self.read.apply(Limits::default()));
            self.search.apply(self.sweep.apply(l), Duration::from_secs(60))
        }
    }

    #[test]
    fn without_flags_the_limits_are_the_defaults() {
        let all = All::try_parse_from(["x"]).unwrap();
        assert_eq!(all.limits(), Limits::default());
    }

    #[test]
    fn each_flag_sets_its_limit() {
        let all = All::try_parse_from([
            "x",
            "--max-file-size=2GiB",
            "--max-depth=3",
            "--max-hierarchy-depth=11",
            "--max-firings=4",
            "--max-derived=5",
            "--max-comparisons=6",
            "--max-relations=11",
            "--max-paths=10",
            "--max-sweep=7",
            "--max-scenarios=8",
            "--max-nodes=9",
            "--time-limit=1.5",
            "--front-time-limit=0.25",
        ])
        .unwrap();
        let expected = Limits {
            max_file_bytes: 2 << 30,
            max_depth: 3,
            max_hierarchy_depth: 11,
            max_firings: 4,
            max_derived: 5,
            max_comparisons: 6,
            max_relations: 11,
            max_paths: 10,
            max_sweep: 7,
            max_scenarios: 8,
            max_nodes: 9,
            time_limit: Some(Duration::from_millis(1500)),
            front_time_limit: Some(Duration::from_millis(250)),
        };
        assert_eq!(all.limits(), expected);
        assert!(All::try_parse_from(["x", "--front-time-limit=0"]).is_err());
        assert!(All::try_parse_from(["x", "--max-depth=0"]).is_err());
        assert!(All::try_parse_from(["x", "--max-depth=1025"]).is_err());
        assert!(All::try_parse_from(["x", "--max-hierarchy-depth=0"]).is_err());
        assert!(All::try_parse_from(["x", "--time-limit=-1"]).is_err());
        assert!(All::try_parse_from(["x", "--time-limit=inf"]).is_err());
    }

    #[test]
    fn every_limit_is_raised_by_a_flag_of_its_own_name() {
        for limit in LimitKind::ALL {
            let flag = flag(limit);
            let (name, _) = flag.split_once(' ').unwrap();
            let expected = match limit {
                // The flags speak of a file's size and of a time limit.
                LimitKind::FileSize => "--max-file-size".to_owned(),
                LimitKind::Time => "--time-limit".to_owned(),
                _ => format!("--{}", limit.field().replace('_', "-")),
            };
            assert_eq!(name, expected);
            let all = All::try_parse_from(["x", &format!("{name}=1")]);
            assert!(all.is_ok(), "{flag} is not a flag");
        }
    }

    #[test]
    fn search_messages_name_the_flag() {
        let nodes = SolveError::BudgetExceeded {
            explored: 5,
            limit: Limit::Nodes,
        };
        assert!(search_stopped(&nodes, &Limits::default()).contains("explored 5 nodes, its limit"));
        let time = SolveError::BudgetExceeded {
            explored: 5,
            limit: Limit::Time,
        };
        let m = search_stopped(&time, &Limits::default());
        assert!(
            m.contains("time limit of 60 s") && m.contains("`--time-limit SECONDS`"),
            "{m}"
        );
    }
}
