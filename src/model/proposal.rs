//! A proposal: one side's (or a joint) position at one moment.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Day, Term};

/// One proposal file: metadata plus terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// The JSON Schema this file follows, for editors (ignored by armistice).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The vocabulary files this proposal needs (v2): a path or a list of paths,
    /// relative to this file, merged over the default pack with those of every other
    /// file of the run.
    #[serde(rename = "$vocab", default, skip_serializing_if = "Option::is_none")]
    pub vocab: Option<VocabRefs>,
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
    /// The date the agreement would enter into force, `YYYY-MM-DD`: day 0 of every
    /// window. With it, reports also give windows as dates, windows may be written with
    /// dates, and two proposals that both give one are compared on the calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<Date>,
    /// Named phases, each a window a term may name (`"window": "phase-2"`); without
    /// bounds of its own a phase starts where the one before ends (the first on day 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
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

/// The `$vocab` of a proposal: one path or a list of paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum VocabRefs {
    /// One vocabulary file.
    One(String),
    /// Several vocabulary files, merged in order.
    Many(Vec<String>),
}

impl VocabRefs {
    /// The paths, as written.
    pub fn paths(&self) -> &[String] {
        match self {
            VocabRefs::One(p) => std::slice::from_ref(p),
            VocabRefs::Many(ps) => ps,
        }
    }
}

impl Proposal {
    /// The term with this id, if any.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| *t.id == *id)
    }
}

/// A named phase: `{"id": "phase-1", "days": 42}`, or with explicit bounds (`from`,
/// `to` exclusive; days or, with `entry_into_force`, dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// The phase's name, as terms give it for their window.
    pub id: Box<str>,
    /// First day (default: where the phase before ends, day 0 for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DaySchema>")]
    pub from: Option<Day>,
    /// The day the phase ends (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DaySchema>")]
    pub to: Option<Day>,
    /// Its length in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// The schema of a [`Day`]: a day number or a date.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum DaySchema {
    /// Days from entry into force.
    Number(i64),
    /// A date (the proposal gives its entry into force).
    Date(Date),
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
