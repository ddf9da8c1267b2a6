//! A proposal: one side's (or a joint) position at one moment.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Term;

/// One proposal file: metadata plus terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// The JSON Schema this file follows, for editors (ignored by armistice).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Identifier of the proposal, unique among the proposals compared
    /// (for example `us-2025-03-11`). Terms are named `proposal-id/term-id`.
    pub id: String,
    /// A human title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The parties that put the proposal forward (party codes of the vocabulary).
    pub by: Vec<String>,
    /// The date of the proposal, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the proposal's wording comes from (a citation or address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A free note by whoever encoded the proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The provisions of the proposal.
    #[serde(deserialize_with = "super::term_list::deserialize")]
    #[schemars(with = "Vec<Term>")]
    pub terms: Vec<Term>,
}

impl Proposal {
    /// The term with this id, if any.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| *t.id == *id)
    }
}
