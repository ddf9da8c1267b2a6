//! The result of a diff: one plain data type, [`ProposalDiff`], that renderers read.
//! Names are already resolved to strings (party codes, action and label ids), so a
//! renderer needs nothing else.

use super::word_diff::Segment;
use super::{Field, Impact};
use crate::model::{Modality, Outcome, ParamValue, Priority, Timing};
use crate::resolved::Interval;

/// What changed from one version of a proposal to another.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalDiff {
    /// The old version.
    pub old: ProposalInfo,
    /// The new version.
    pub new: ProposalInfo,
    /// Changes to the proposal's own fields (id, title, date, by, source, note).
    pub metadata: Vec<MetaChange>,
    /// Every term of either version, matched, added or removed, in the new version's
    /// order (a removed term where it stood in the old version).
    pub terms: Vec<TermDiff>,
    /// The fields left out of the comparison.
    pub ignored: Vec<Field>,
    /// Against a third proposal OTHER: what the change does to the relations with
    /// OTHER.
    pub impact: Option<Impact>,
}

/// Who a version is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalInfo {
    /// The proposal id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its authors, as party codes.
    pub by: Vec<String>,
}

/// A change to a field of the proposal itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaChange {
    /// Which field.
    pub field: Field,
    /// The old value (`by` as codes joined by `, `); `None` when absent.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
    /// For a provenance field (`source`, `note`) of the terms that changed on every
    /// matched term: reported once for the proposal rather than on each term. `old`
    /// and `new` are then the terms' value when they share one (`None` when they give
    /// none, or differ: `old_values` and `new_values` say how many there are).
    pub every_term: Option<EveryTerm>,
}

/// A provenance field changed on every matched term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EveryTerm {
    /// How many terms.
    pub terms: usize,
    /// How many different values the old terms gave (0: none gave one).
    pub old_values: usize,
    /// How many different values the new terms give.
    pub new_values: usize,
}

/// One term of the old version, the new version, or both.
#[derive(Debug, Clone, PartialEq)]
pub enum TermDiff {
    /// A term present in both versions (perhaps renamed or rewritten).
    Matched(MatchedTerm),
    /// A term of the new version only.
    Added(TermSide),
    /// A term of the old version only.
    Removed(TermSide),
}

/// A term as one version has it.
#[derive(Debug, Clone, PartialEq)]
pub struct TermSide {
    /// Its index in the version's `terms`.
    pub index: usize,
    /// Its id.
    pub id: String,
    /// What it says, in one line ([`crate::report::words::term_summary`]): `US must
    /// not military_aid to UA, days 0–30`.
    pub summary: String,
    /// Its original wording.
    pub text: Option<String>,
}

/// How two terms were matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MatchBy {
    /// Same id.
    Id,
    /// Different ids; same action family and enough in common (action, subject,
    /// wording, other fields). The confidence is in `0..=1`.
    Similarity(f64),
}

impl MatchBy {
    /// The confidence of the match: 1 for a match by id.
    pub fn confidence(self) -> f64 {
        match self {
            MatchBy::Id => 1.0,
            MatchBy::Similarity(c) => c,
        }
    }
}

/// A term present in both versions, with what changed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchedTerm {
    /// The old term.
    pub old: TermSide,
    /// The new term.
    pub new: TermSide,
    /// How the two were matched.
    pub by: MatchBy,
    /// The changes, field by field, in [`Field::ALL`] order.
    pub changes: Vec<Change>,
}

impl MatchedTerm {
    /// Whether any change alters what the term means.
    pub fn changes_meaning(&self) -> bool {
        self.changes.iter().any(Change::is_meaningful)
    }
}

/// One change to one field of a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Which field.
    pub field: Field,
    /// What happened to it.
    pub kind: ChangeKind,
}

/// What a window is written as, when it names something of the proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// `"ceasefire"`: the window of the general ceasefire term.
    Ceasefire,
    /// A phase, by id.
    Phase(String),
    /// Anchored to a term (`after`), from its end or, with `from_start`, its start.
    After {
        /// The term's id.
        term: String,
        /// Counted from the start of its window.
        from_start: bool,
    },
}

impl Named {
    /// What `w` names, if anything.
    pub fn of(w: Option<&crate::model::Window>) -> Option<Named> {
        use crate::model::Window;
        match w? {
            Window::Ceasefire => Some(Named::Ceasefire),
            Window::Phase(p) => Some(Named::Phase(p.to_string())),
            Window::After(a) => Some(Named::After {
                term: a.after.to_string(),
                from_start: a.from_start,
            }),
            _ => None,
        }
    }
}

impl Change {
    /// Whether the change alters the proposal (a notation change does not).
    pub fn is_meaningful(&self) -> bool {
        !matches!(self.kind, ChangeKind::Notation { .. })
    }

    /// The word diff of a rewording, when both versions have a wording (renderers
    /// show it inline instead of a summary).
    pub fn rewording(&self) -> Option<&[Segment]> {
        match &self.kind {
            ChangeKind::Wording {
                old: Some(_),
                new: Some(_),
                words,
            } => Some(words),
            _ => None,
        }
    }
}

/// Which way a quantity, a set or an interval moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The new value contains the old (wider scope, longer window, broader action,
    /// larger number, higher priority).
    Widened,
    /// The old value contains the new.
    Narrowed,
    /// Neither contains the other.
    Shifted,
}

/// What happened to a field, in domain terms.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// The term's id changed (the terms were matched by similarity).
    Renamed {
        /// Old id.
        old: String,
        /// New id.
        new: String,
    },
    /// The effective modality changed (after negating aliases).
    Modality {
        /// Old modality.
        old: Modality,
        /// New modality.
        new: Modality,
        /// The parties bound, in the new version.
        subject: Vec<String>,
        /// The action, in the new version.
        action: String,
        /// The target, in the new version.
        target: Option<String>,
        /// Whether the new version's authors bind themselves (all subjects are authors).
        self_binding: bool,
    },
    /// The parties bound changed.
    Subject {
        /// Old parties.
        old: Vec<String>,
        /// New parties.
        new: Vec<String>,
        /// Parties now bound that were not.
        added: Vec<String>,
        /// Parties no longer bound.
        removed: Vec<String>,
    },
    /// The target changed (`None`: any).
    Target {
        /// Old target.
        old: Option<String>,
        /// New target.
        new: Option<String>,
    },
    /// The action changed; `Widened` when the new action contains the old.
    Action {
        /// Old action id.
        old: String,
        /// New action id.
        new: String,
        /// Broader, narrower or neither, through the action hierarchy.
        direction: Direction,
    },
    /// The topics changed; empty means any topic.
    About {
        /// Old topics.
        old: Vec<String>,
        /// New topics.
        new: Vec<String>,
        /// Wider, narrower or neither, through the topic taxonomy.
        direction: Direction,
    },
    /// The scope changed; empty means everywhere.
    Scope {
        /// Old labels.
        old: Vec<String>,
        /// New labels.
        new: Vec<String>,
        /// Wider, narrower or neither, through the scope taxonomies.
        direction: Direction,
    },
    /// The window changed.
    Window {
        /// Old interval.
        old: Interval,
        /// New interval.
        new: Interval,
        /// Longer, shorter or moved.
        direction: Direction,
        /// What each version's window names, if anything (`"ceasefire"`, a phase, a
        /// term it is anchored to): the same in both, the change follows it.
        named: [Option<Named>; 2],
    },
    /// A parameter was added, removed or changed.
    Param {
        /// The parameter's name.
        name: String,
        /// Old value.
        old: Option<ParamValue>,
        /// New value.
        new: Option<ParamValue>,
        /// For two numbers or two ranges: larger, smaller or neither.
        direction: Option<Direction>,
    },
    /// Conditions were added, removed or retimed (named by the new ids where matched).
    Requires {
        /// Conditions now required.
        added: Vec<(String, Timing)>,
        /// Conditions no longer required.
        removed: Vec<(String, Timing)>,
        /// Conditions whose timing changed: id, old timing, new timing.
        retimed: Vec<(String, Timing, Timing)>,
    },
    /// Trigger conditions (on another term's outcome) added or removed, named by the
    /// new ids where matched; a changed outcome is one removed and one added.
    Triggers {
        /// Outcomes the term now applies only after.
        added: Vec<(String, Outcome)>,
        /// Outcomes it no longer waits on.
        removed: Vec<(String, Outcome)>,
    },
    /// Lapses (`lapses_if`) added or removed, named as triggers are.
    Lapses {
        /// Outcomes on which the term now ends.
        added: Vec<(String, Outcome)>,
        /// Outcomes on which it no longer ends.
        removed: Vec<(String, Outcome)>,
    },
    /// The priority changed; `Widened` means raised.
    Priority {
        /// Old priority.
        old: Priority,
        /// New priority.
        new: Priority,
        /// Raised (`Widened`) or lowered (`Narrowed`).
        direction: Direction,
    },
    /// The wording changed, with the word diff.
    Wording {
        /// Old text.
        old: Option<String>,
        /// New text.
        new: Option<String>,
        /// The word-level diff.
        words: Vec<Segment>,
    },
    /// A source or note changed.
    Annotation {
        /// Old value.
        old: Option<String>,
        /// New value.
        new: Option<String>,
    },
    /// Written differently, same meaning (an alias, an order, `"ceasefire"` for the
    /// same days): shown, but not a difference in meaning.
    Notation {
        /// The old spelling, as JSON.
        old: String,
        /// The new spelling, as JSON.
        new: String,
    },
}

impl ProposalDiff {
    /// Whether the versions are the same in meaning: no change outside the ignored
    /// fields other than notation.
    pub fn is_same_in_meaning(&self) -> bool {
        self.metadata.is_empty()
            && self.terms.iter().all(|t| match t {
                TermDiff::Matched(m) => !m.changes_meaning(),
                TermDiff::Added(_) | TermDiff::Removed(_) => false,
            })
    }

    /// The matched pairs, as (old index, new index).
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        self.terms
            .iter()
            .filter_map(|t| match t {
                TermDiff::Matched(m) => Some((m.old.index, m.new.index)),
                _ => None,
            })
            .collect()
    }

    /// How many terms were changed, added, removed and left unchanged in meaning.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for t in &self.terms {
            match t {
                TermDiff::Matched(m) if m.changes_meaning() => c.changed += 1,
                TermDiff::Matched(_) => c.unchanged += 1,
                TermDiff::Added(_) => c.added += 1,
                TermDiff::Removed(_) => c.removed += 1,
            }
        }
        c
    }
}

/// Term counts of a diff.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched terms with a change in meaning.
    pub changed: usize,
    /// Terms of the new version only.
    pub added: usize,
    /// Terms of the old version only.
    pub removed: usize,
    /// Matched terms without a change in meaning.
    pub unchanged: usize,
}
