//! A term: who must, must not, or may do what, where, when, how much, and only if.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Condition, Lapses, Params, Subject, ThinSlice, ThinStr, Window};

/// One provision of a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Identifier, unique in the proposal; elsewhere the term is named
    /// `proposal-id/term-id`.
    pub id: Box<str>,
    /// The party or parties bound by the term: party codes, groups of the vocabulary
    /// (`third_states`), `"any"` (everyone: "no one may ...") or `"unspecified"` (the
    /// text names no actor: "prisoners shall be released").
    pub subject: Subject,
    /// Obligation (`must`, the default), prohibition (`must_not`) or permission (`may`).
    #[serde(default)]
    pub modality: Modality,
    /// What is to be done: an action of the vocabulary, or one of its aliases. A
    /// negating alias (`halt_military_aid`) turns `must` into `must_not`.
    pub action: Box<str>,
    /// The party the action is directed at (for example the recipient of aid).
    /// Absent: any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ThinStr>,
    /// What the action is about: topics of the vocabulary (negotiations about
    /// `maritime_ceasefire`). Absent or empty: any topic. Narrows what the term covers,
    /// like a scope.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub about: ThinSlice<Box<str>>,
    /// Where the term applies: labels of the vocabulary's scope taxonomies (areas,
    /// target classes). Absent or empty: everywhere.
    #[serde(
        default,
        deserialize_with = "super::exact::deserialize",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub scope: Box<[Box<str>]>,
    /// When the term applies, in days from entry into force. Absent: from entry into
    /// force on, without end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// Named quantities: a number, a range, an enumeration value or a set.
    #[serde(default, skip_serializing_if = "Params::is_empty")]
    pub params: Params,
    /// Terms of the same proposal that are conditions of this one: a term id (a
    /// precondition: in force before this one) or `{"term": id, "timing": "concurrent",
    /// "on": "failed"}` (an outcome other than in force or fulfilled is a trigger).
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub requires: ThinSlice<Condition>,
    /// Outcomes of other terms of the proposal on which this term ends (v2).
    #[serde(default, skip_serializing_if = "Lapses::is_empty")]
    pub lapses_if: Lapses,
    /// What conceding the term costs its authors.
    #[serde(default, skip_serializing_if = "Priority::is_normal")]
    pub priority: Priority,
    /// The original wording, quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Box<str>>,
    /// Where the wording comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ThinStr>,
    /// A note by whoever encoded the term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<ThinStr>,
    /// External classification codes of the provision, by scheme (v2): `{"pax":
    /// ["TjPrire"]}` names variables of the PA-X peace agreements database. Kept
    /// and shown, not compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<Box<std::collections::BTreeMap<String, Vec<String>>>>,
}

/// The deontic force of a term.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// An obligation: the subject must do the action.
    #[default]
    Must,
    /// A prohibition: the subject must not do the action.
    MustNot,
    /// A permission: the subject may do the action.
    May,
    /// An obligation of means: the subject must try, not achieve the result
    /// ("will help restore", "shall seek", "make every effort").
    Endeavour,
}

impl Modality {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Must => "must",
            Modality::MustNot => "must_not",
            Modality::May => "may",
            Modality::Endeavour => "endeavour",
        }
    }

    /// In words, as summaries and reports write it: `must not`.
    pub fn in_words(self) -> &'static str {
        match self {
            Modality::Must => "must",
            Modality::MustNot => "must not",
            Modality::May => "may",
            Modality::Endeavour => "endeavour",
        }
    }

    /// The modality after a negating alias: "must halt aid" is "must not aid".
    /// A permission or an effort cannot be negated (there is no "may not" or
    /// "endeavour not" modality).
    pub fn negated(self) -> Option<Modality> {
        match self {
            Modality::Must => Some(Modality::MustNot),
            Modality::MustNot => Some(Modality::Must),
            Modality::May | Modality::Endeavour => None,
        }
    }

    /// Whether the term binds its subject (an obligation, of result or of means, or a
    /// prohibition).
    pub fn binds(self) -> bool {
        !matches!(self, Modality::May)
    }
}

impl std::fmt::Display for Modality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What conceding a term costs its authors.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Never conceded.
    RedLine,
    /// Central to the proposal.
    Core,
    /// An ordinary provision.
    #[default]
    Normal,
    /// A detail.
    Minor,
}

impl Priority {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::RedLine => "red_line",
            Priority::Core => "core",
            Priority::Normal => "normal",
            Priority::Minor => "minor",
        }
    }

    /// Whether this is the default priority (kept out of serialized files).
    pub fn is_normal(&self) -> bool {
        *self == Priority::Normal
    }

    /// The weight of the priority in burden figures and concession costs:
    /// red line 8, core 4, normal 2, minor 1.
    pub fn weight(self) -> u32 {
        match self {
            Priority::RedLine => 8,
            Priority::Core => 4,
            Priority::Normal => 2,
            Priority::Minor => 1,
        }
    }
}

impl std::fmt::Display for Priority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
