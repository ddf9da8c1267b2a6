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
    /// What the text is: one side's `position` (the default), an `agreement` signed by
    /// its parties, a `reading` of another text, or a `readout` of a meeting. The
    /// burden's asymmetry (the share on its own authors) is given only for positions.
    #[serde(default, skip_serializing_if = "ProposalKind::is_position")]
    pub kind: ProposalKind,
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

/// What kind of text a proposal file encodes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// One side's position: what its authors ask and offer.
    #[default]
    Position,
    /// An agreement accepted by its parties.
    Agreement,
    /// One reading of another text (an analyst's or a party's interpretation).
    Reading,
    /// A readout of a meeting or call, by one of its participants.
    Readout,
}

impl ProposalKind {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalKind::Position => "position",
            ProposalKind::Agreement => "agreement",
            ProposalKind::Reading => "reading",
            ProposalKind::Readout => "readout",
        }
    }

    /// Whether this is the default kind (kept out of serialized files).
    pub fn is_position(&self) -> bool {
        *self == ProposalKind::Position
    }
}

impl std::fmt::Display for ProposalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
