//! The result of a comparison, as plain data: what the renderers, the change impact
//! of a diff, `whatif` and `concede` read.

use super::atom::{Atom, ProposalAtoms, TermRef};
use super::burden::Burden;
use super::param_compare::ParamComparison;
use super::relations::Relations;
use crate::collections::chunked::Chunked;
use crate::collections::shared::Shared;
use crate::model::{Modality, Outcome, Timing};
use crate::resolved::{Interval, ResolvedProposal};
use crate::vocab::{ActionId, LabelId, PartyId};
use std::sync::Arc;

/// Everything armistice found in a set of proposals.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The proposals compared, in the order given (shared: a what-if shares the
    /// proposals it did not change with the analysis it started from).
    pub proposals: Vec<Arc<ResolvedProposal>>,
    /// Each proposal's atoms, term by term (shared likewise).
    pub atoms: Vec<Arc<ProposalAtoms>>,
    /// One entry per pair of proposals `(i, j)` with `i < j`, in order.
    pub pairs: Vec<Pair>,
    /// With three or more proposals: groups of terms, one per proposal, that all agree.
    pub common: Vec<Vec<TermRef>>,
    /// Burden per proposal and party.
    pub burden: Vec<Burden>,
    /// The limits the analysis was made within; [`super::reanalyze`] keeps them.
    pub limits: crate::limits::Limits,
    /// The vocabulary's hierarchies as relating reads them, kept for
    /// [`super::reanalyze`], which runs with the same vocabulary.
    pub(crate) related: Arc<super::related::Related>,
}

/// What two proposals are to each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Index of the left proposal.
    pub left: usize,
    /// Index of the right proposal.
    pub right: usize,
    /// Relations between terms, conflicts first.
    pub relations: Relations,
    /// Terms one side has and the other is silent on, in whole or in part, in term
    /// order (the left proposal's first).
    pub open: Chunked<Open>,
    /// Terms whose conditions are in conflict (blocked) or only open (pending).
    pub blocked: Vec<Blocked>,
    /// Cycles of conditions across the two proposals.
    pub deadlocks: Vec<Deadlock>,
    /// The conflicts (indices into `relations`, ascending) that are contingent: one of
    /// their terms applies only after another term's outcome (DESIGN §3, v2), so they
    /// conflict only if that happens. Counted apart from the other conflicts; they do
    /// not make the verdict conflicting nor hold up a term.
    pub contingent: Vec<usize>,
    /// Among the contingent conflicts, those whose two terms never apply together: one
    /// lapses on the outcome that brings the other in. No finding: counted nowhere and
    /// left out of the reports but JSON.
    pub lapsed: Vec<usize>,
    /// The overall judgement.
    pub verdict: Verdict,
    /// The steps tracing the paths of held-up terms took (counted against
    /// [`crate::limits::Limits::max_paths`]); `reanalyze` carries them over.
    pub(crate) path_steps: usize,
}

/// The kind of a relation between two terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// Obligation or permission against prohibition.
    Conflict,
    /// Same modality, different parameters or windows.
    Diverge,
    /// One side (or both) leaves a number, a choice or an actor to be agreed, and not
    /// every admissible choice would agree or conflict (v2).
    ToBeAgreed,
    /// Obligation against permission: one side asks more than the other offers.
    Compatible,
    /// Same modality and parameters on the common part.
    Agree,
}

impl RelationKind {
    /// The name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Conflict => "conflict",
            RelationKind::Diverge => "diverge",
            RelationKind::ToBeAgreed => "to_be_agreed",
            RelationKind::Compatible => "compatible",
            RelationKind::Agree => "agree",
        }
    }
}

/// Which side covers more of the other (action, target, scope and window together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coverage {
    /// Both cover the same.
    Same,
    /// The left term is broader: part of it is left open by the right.
    LeftBroader,
    /// The right term is broader.
    RightBroader,
    /// They overlap; each has a part the other does not cover.
    Overlap,
}

impl Coverage {
    /// The coverage of two terms from whether the left covers the right and the right
    /// the left.
    pub(crate) fn of(left_holds: bool, right_holds: bool) -> Coverage {
        match (left_holds, right_holds) {
            (true, true) => Coverage::Same,
            (true, false) => Coverage::LeftBroader,
            (false, true) => Coverage::RightBroader,
            (false, false) => Coverage::Overlap,
        }
    }
}

/// One side of a relation: a term, or an atom derived from it by rules. What the
/// related atom says (its modality, action, target, scope and window) is read from the
/// analysis's atoms with [`Analysis::atom`]: the side names it by its place in its
/// term's block, which stays the same while the term does, whatever else changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The written term.
    pub term: TermRef,
    /// The related atom's place in the term's block of atoms
    /// ([`ProposalAtoms::spans`]): its subjects first, then the atoms derived from them.
    pub atom: u32,
    /// The rules that derived the related atom from the term, in order; empty for the
    /// term itself.
    pub chain: Shared<ChainStep>,
}

/// One rule application in a derivation chain.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainStep {
    /// Index of the rule in the vocabulary.
    pub rule: usize,
    /// The subject of the atom the rule derived.
    pub subject: PartyId,
    /// Its modality.
    pub modality: Modality,
    /// Its action.
    pub action: ActionId,
}

/// A relation between a term of the left proposal and a term of the right one.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// What they are to each other.
    pub kind: RelationKind,
    /// The left side.
    pub left: Side,
    /// The right side.
    pub right: Side,
    /// The parties the relation holds for.
    pub subjects: Shared<PartyId>,
    /// The common action (the narrower of the two).
    pub action: ActionId,
    /// The common scope.
    pub scope: Shared<LabelId>,
    /// Which side is broader.
    pub coverage: Coverage,
    /// Parameters of the two terms compared (written terms only).
    pub params: Shared<ParamComparison>,
    /// For a conflict: how many otherwise agreed terms it blocks.
    pub criticality: usize,
    /// An incidental overlap (v2): a relation that is a counterpart of neither term,
    /// each having a relation that covers more of it elsewhere, and not a conflict.
    /// Kept for JSON; it counts for nothing (verdict, conditions, deadlocks) and the
    /// other reports leave it out (see `engine::counterpart`).
    pub incidental: bool,
}

impl Relation {
    /// Whether a derived atom is involved (an indirect relation).
    pub fn is_indirect(&self) -> bool {
        !self.left.chain.is_empty() || !self.right.chain.is_empty()
    }

    /// Whether the relation is a finding: anything but an incidental overlap.
    pub fn is_finding(&self) -> bool {
        !self.incidental
    }

    /// Whether the relation is a conflict, direct or indirect.
    pub fn is_conflict(&self) -> bool {
        self.kind == RelationKind::Conflict
    }
}

/// A term the other proposal is silent on, in whole or in part.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// The term.
    pub term: TermRef,
    /// The subjects for which it is open.
    pub subjects: Shared<PartyId>,
    /// Whether the other side covers part of it (the rest is open).
    pub partial: bool,
}

/// Whether a term's conditions fail or only wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockStatus {
    /// A required term is in conflict with the other side.
    Blocked,
    /// A required term is only open (the other side is silent on it) or met in part
    /// (a divergence, or a weaker commitment than the condition asks).
    Pending,
}

/// A term held up by its conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    /// The term.
    pub term: TermRef,
    /// Blocked or pending.
    pub status: BlockStatus,
    /// Terms of the other proposal it agrees with (or is compatible with).
    pub agreed_with: Shared<TermRef>,
    /// Each failing condition, with the path of `requires` from the term to it.
    pub causes: Shared<BlockCause>,
    /// When the term is pending by coverage (it has no failing condition of its own,
    /// but what covers it on the other side is held up): those held-up terms.
    pub by_coverage: Shared<TermRef>,
}

/// One condition that holds a term up.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockCause {
    /// The chain of `requires`, from the held-up term to the failing required term.
    pub path: Shared<TermRef>,
    /// The conflicts (indices into [`Pair::relations`]) the required term is in;
    /// empty when it is only open or met in part.
    pub conflicts: Shared<usize>,
    /// When the required term is in no conflict: the other side's terms that meet it
    /// only in part, with their relation (a divergence, a weaker commitment: a `may`
    /// or `endeavour` against a `must` condition); empty when it is only open.
    pub met_in_part: Shared<(TermRef, RelationKind)>,
}

impl BlockCause {
    /// The required term that fails.
    pub fn required(&self) -> Option<TermRef> {
        self.path.last().copied()
    }
}

/// A sequencing deadlock: a simple cycle (no term twice) of conditions of both
/// proposals and correspondences across them, with at least one `before` condition:
/// each side waits on the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadlock {
    /// The cycle, as edges from term to term, starting with a `before` condition; the
    /// last edge returns to the first term.
    pub cycle: Vec<CycleEdge>,
}

/// One edge of a deadlock cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleEdge {
    /// From this term.
    pub from: TermRef,
    /// To this term.
    pub to: TermRef,
    /// `Some(timing)` for a `requires` condition; `None` for a correspondence across
    /// proposals.
    pub requires: Option<Timing>,
    /// For a correspondence: the relation of the two terms (any direct relation but a
    /// conflict); `None` for a `requires` condition.
    pub relation: Option<RelationKind>,
    /// Whether the `before` condition is an anchor: `from`'s window is `after` `to`'s
    /// (which counts as a `before` condition for deadlocks).
    pub anchor: bool,
}

/// The overall judgement on a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Nothing conflicts and nothing is left open.
    Compatible,
    /// Nothing conflicts, but there are open points, divergences or held-up terms.
    CompatibleWithOpenPoints,
    /// At least one conflict (direct or indirect) or sequencing deadlock.
    Conflicting,
}

impl Verdict {
    /// The name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Compatible => "compatible",
            Verdict::CompatibleWithOpenPoints => "compatible with open points",
            Verdict::Conflicting => "conflicting",
        }
    }
}

/// Counts of a pair's findings (as the JSON reports write them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Direct conflicts.
    pub conflicts: usize,
    /// Indirect conflicts (through derived atoms).
    pub indirect: usize,
    /// Divergences.
    pub diverge: usize,
    /// Terms left to be agreed (an existential term against the other side).
    pub to_be_agreed: usize,
    /// Compatible (must against may) relations.
    pub compatible: usize,
    /// Agreements (direct).
    pub agree: usize,
    /// Indirect agreements (v2): a term of one side agrees with what a term of the
    /// other implies through the vocabulary's rules. They count as agreement.
    pub indirect_agree: usize,
    /// Blocked terms.
    pub blocked: usize,
    /// Pending terms.
    pub pending: usize,
    /// Open terms (in whole or in part).
    pub open: usize,
    /// Sequencing deadlocks.
    pub deadlocks: usize,
    /// Contingent conflicts (direct or indirect), counted here and not among
    /// `conflicts` or `indirect`.
    pub contingent: usize,
}

impl Pair {
    /// The counts of the pair's findings.
    pub fn counts(&self) -> Counts {
        let mut c = self.relations.counts();
        for &i in &self.contingent {
            match self.relations.get(i) {
                Some(r) if r.is_indirect() => c.indirect = c.indirect.saturating_sub(1),
                Some(_) => c.conflicts = c.conflicts.saturating_sub(1),
                None => continue,
            }
            if self.lapsed.binary_search(&i).is_err() {
                c.contingent += 1;
            }
        }
        for b in &self.blocked {
            match b.status {
                BlockStatus::Blocked => c.blocked += 1,
                BlockStatus::Pending => c.pending += 1,
            }
        }
        c.open = self.open.len();
        c.deadlocks = self.deadlocks.len();
        c
    }
}

impl Analysis {
    /// The atom a side of a relation names (`None` only for a side that is not of
    /// this analysis).
    pub fn atom(&self, side: &Side) -> Option<&Atom> {
        self.atoms
            .get(side.term.proposal)?
            .in_block(side.term.term, side.atom)
    }

    /// The common window of a relation: where the windows of its two sides overlap
    /// (`None` only for a relation that is not of this analysis).
    pub fn common_window(&self, r: &Relation) -> Option<Interval> {
        self.atom(&r.left)?.window.intersect(self.atom(&r.right)?.window)
    }

    /// The outcome term `t` applies only after (the trigger term and its outcome), when
    /// it is contingent.
    pub fn trigger(&self, t: TermRef) -> Option<(TermRef, Outcome)> {
        let (term, on) = self.proposals.get(t.proposal)?.outcomes.trigger(t.term)?;
        Some((TermRef { term, ..t }, on))
    }

    /// The outcomes on which term `t` lapses: (the term, its outcome), in file order.
    pub fn lapses(&self, t: TermRef) -> Vec<(TermRef, Outcome)> {
        self.proposals.get(t.proposal).map_or_else(Vec::new, |p| {
            p.outcomes
                .lapses(t.term)
                .map(|(term, on)| (TermRef { term, ..t }, on))
                .collect()
        })
    }

    /// The written term a reference names.
    pub fn term(&self, r: TermRef) -> Option<&crate::model::Term> {
        self.proposals.get(r.proposal)?.proposal.terms.get(r.term)
    }

    /// `proposal-id/term-id` for a reference.
    pub fn term_name(&self, r: TermRef) -> String {
        match (self.proposals.get(r.proposal), self.term(r)) {
            (Some(p), Some(t)) => format!("{}/{}", p.proposal.id, t.id),
            _ => format!("#{}/#{}", r.proposal, r.term),
        }
    }

    /// Every party some proposal binds, in vocabulary order: the columns of a burden
    /// matrix.
    pub fn burdened_parties(&self) -> Vec<PartyId> {
        let mut parties: Vec<PartyId> = self
            .burden
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| r.party))
            .collect();
        parties.sort_unstable();
        parties.dedup();
        parties
    }

    /// Whether any pair has a conflict or a deadlock.
    pub fn has_conflict(&self) -> bool {
        self.pairs.iter().any(|p| p.verdict == Verdict::Conflicting)
    }
}
