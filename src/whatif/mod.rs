//! What-if: edits to the proposals compared ([`edit`], [`apply`](mod@apply)), named
//! scenarios and sweeps ([`scenario`]), and their evaluation against the baseline
//! analysis: for each scenario the verdicts and counts after its edits ([`Summary`];
//! the analysis itself only when asked, [`Keep`]) and every finding that changed, with
//! the terms that witness it. Scenarios are evaluated one after the other, each
//! analysis let go before the next is made. The result, [`WhatIf`], is plain data for
//! the renderers in `crate::report::whatif`. `crate::concede` evaluates each package of
//! concessions it finds as a scenario.

pub mod apply;
pub mod edit;
mod edit_names;
mod editor;
mod eval;
pub mod scenario;
mod summary;

pub use apply::{Applied, EditError, EditPart, apply, term_fields};
pub use edit::{
    Edit, EditSyntaxError, parse_add, parse_drop, parse_edit, parse_set, parse_value, write_value,
};
pub use edit_names::shell_quote;
pub use editor::Editor;
pub use eval::{
    ChangedFinding, Edited, Evaluation, Held, Keep, Outcome, PairChanges, Problem, ScenarioResult, WhatIf,
    Witness, apply_edits, evaluate, evaluate_one, evaluate_one_with, evaluate_with,
};
pub use scenario::{Scenario, ScenarioDef, ScenarioEdit, ScenarioFile};
pub use summary::{PairSummary, Summary};
