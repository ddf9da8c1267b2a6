//! armistice compares negotiation proposals term by term.
//!
//! Each side's proposal is a file of structured terms (who must, must not or may do
//! what, where, when, how much, and on which conditions). armistice computes where the
//! proposals agree and conflict, which agreements are blocked by which conditions, what
//! changed between two versions of a proposal, and what a change to a term would do.
//!
//! The pipeline: [`model`] (the file format) → [`vocab`] (the domain pack) → [`load`]
//! (reading and validation) → [`resolved`] (names turned into ids) → [`engine`] (the
//! analysis) → [`diff`], [`whatif`], [`concede`] → [`report`] (renderers) → [`cli`]
//! (the command line). [`limits`] bounds every step: input size and nesting,
//! derivation, comparisons, scenarios and the concession search. `ARCHITECTURE.md`
//! in the repository is the map of the code and its invariants.

pub mod cli;
pub mod collections;
pub mod concede;
pub mod diff;
pub mod draft;
pub mod engine;
pub mod fmt;
#[doc(hidden)]
pub mod generate;
pub mod limit_kind;
pub mod limits;
pub mod load;
pub mod model;
pub mod report;
pub mod resolved;
pub mod terms;
pub mod vocab;
pub mod whatif;
