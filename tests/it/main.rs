//! The integration tests, as one test binary: one module per area (`cargo test --test
//! it NAME` runs the tests whose path contains NAME, e.g. `hostile` or
//! `whatif_schema`). Helpers they share are in [`support`]; insta snapshots are in
//! `snapshots/`, named `it__MODULE__NAME.snap`; proptest keeps the failing cases it has
//! seen in `MODULE.proptest-regressions` next to each module.

// A test fails by panicking: unwrapping, expecting and panicking are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod adversarial;
mod analyst_reports;
mod support;

mod bench_smoke;
mod bundled_phased;
mod bundled_world;
mod check_fixtures;
mod check_good;
mod check_no_panic;
mod check_schema;
mod check_vocab;
mod compare_cli;
mod completions_cli;
mod concede_cases;
mod concede_cli;
mod concede_engine;
mod concede_moves;
mod concede_narrow;
mod concede_props;
mod diff_cli;
mod diff_impact;
mod diff_laws;
mod diff_snapshots;
mod draft_cues;
mod draft_eval;
mod engine_cases;
mod engine_reanalyze;
mod engine_reference;
mod escaping_cli;
mod fmt_cli;
mod fuzz_regressions;
mod graph_cli;
mod hostile;
mod limits_cli;
mod limits_lib;
mod long_chains;
mod markdown_escape_props;
mod memory_cli;
mod nothing_lost;
mod poor_messages;
mod readme;
mod report_browser;
mod report_escape_props;
mod report_html;
mod semantics_conditions;
mod semantics_counterparts;
mod semantics_deadlock;
mod semantics_params;
mod semantics_time;
mod semantics_vocab;
mod semantics_windows;
mod terminal_escape_props;
mod vocab_any_negotiation;
mod vocab_deep;
mod whatif_cli;
mod whatif_edit_names;
mod whatif_editor;
mod whatif_laws;
mod whatif_schema;
