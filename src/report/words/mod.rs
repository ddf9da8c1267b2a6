//! How findings and values are put into words: the one place every renderer (text,
//! Markdown, HTML, the sentences of the JSON reports, the diff renderers) takes its
//! words from, so that every format says the same thing the same way (a range is `at
//! least 30` in a comparison and in a diff alike).
//!
//! By topic: `values` (numbers, parameter values, windows, scopes, parties, a term's
//! statement and summary), `findings` (terms and proposals by name, relations and
//! their differences, held-up terms, deadlocks, open points, changed findings,
//! counts), `outcomes` (a contingent conflict's condition, a term's lapses), `points`
//! (the point-by-point table of N proposals) and
//! `changes` (what changed between two versions of a proposal). Everything
//! is used from here: `words::value`, `words::relation`, `words::change`.

mod changes;
mod findings;
mod outcomes;
mod points;
mod values;

pub use changes::{change, change_with, diff_counts, effect, meta_change, modality_gloss, witnesses};
pub use findings::{
    agrees_with, blocks, by_coverage, calendar, cause, changed, counts, counts_change, coverage,
    coverage_with, cycle, cycle_edge, derived, differences, direction, finding, finding_with, held_because,
    open, param, proposal, relation, rules, side, silent, status, step, term, text, time_basis, why_held,
};
pub use outcomes::{contingent, lapses, outcome};
pub use points::{column, mark, mark_kind, point_name, point_summary, point_term, term_values};
pub use values::{
    BURDEN_WEIGHTING, action, burden_share, dates, modality, number, parties, scope, scope_named, share,
    statement, term_summary, value, value_in_list, window, window_on,
};
