//! The proposal file format: serde types for a proposal and its terms.
//!
//! These types are what a proposal file *says*, checked only for shape. Names of
//! parties, actions, scope labels and parameters are plain strings here; `crate::load`
//! resolves them against the vocabulary and reports what does not resolve.

mod condition;
mod date;
mod exact;
mod param_map;
mod params;
mod proposal;
mod subject;
mod term;
pub mod term_list;
mod thin;
mod window;

pub use condition::{Condition, Lapse, Lapses, Outcome, Timing};
pub use date::Date;
pub use param_map::Params;
pub use params::{Meaning, ParamValue, is_open_word};
pub use proposal::{Phase, Proposal, ProposalKind, VocabRefs};
pub use subject::Subject;
pub use term::{Modality, Priority, Term};
pub use thin::{ThinSlice, ThinStr};
pub use window::{Anchor, DateRange, Day, WINDOW_KEYWORDS, Window, WindowRange};
