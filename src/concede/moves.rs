//! The moves a side can make (DESIGN §5, v2), as plain data, and what each costs the
//! side that makes it. A move names terms of the analysis; `edits.rs` turns a
//! package of moves into what-if edits, and the renderers word them.

use super::costs::CostTable;
use super::restrict::Restricted;
use super::solver::Cost;
use crate::engine::{Analysis, TermRef};
use crate::model::Priority;

/// One move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Move {
    /// Withdraw a term.
    Withdraw {
        /// The term.
        term: TermRef,
    },
    /// Narrow a term's window so that it no longer overlaps the terms it conflicts
    /// with: shorten it (end it earlier) or shift its start later.
    Narrow {
        /// The term.
        term: TermRef,
        /// The new first day, in the proposal's own days from its entry into force.
        from: i64,
        /// The new end (exclusive), or `None` for no end.
        to: Option<i64>,
    },
    /// Narrow what a term covers — its scope in one taxonomy, its topics, or the
    /// categories of a partition parameter — so that it no longer overlaps the terms
    /// it conflicts with (what it comes to cover: `restrict.rs`).
    Restrict {
        /// The term.
        term: TermRef,
        /// What is narrowed.
        what: Restriction,
    },
    /// Say what a term of the other side says (its modality, parameters and window),
    /// so that a divergence or a weaker commitment becomes agreement: the move meets
    /// the divergence at the other side's end of its range.
    Meet {
        /// The term that moves.
        term: TermRef,
        /// The term of the other side it comes to agree with.
        toward: TermRef,
    },
    /// Drop a condition.
    DropCondition {
        /// The term that holds the condition.
        term: TermRef,
        /// The required term.
        condition: TermRef,
    },
    /// Make a `before` condition `concurrent`: the two terms take effect together.
    Concurrent {
        /// The term that holds the condition.
        term: TermRef,
        /// The required term.
        condition: TermRef,
    },
    /// Commit to a term the other side's condition requires: the committing proposal
    /// adds it.
    Commit {
        /// The committing proposal.
        proposal: usize,
        /// The required term (of the other proposal).
        required: TermRef,
    },
}

/// What a [`Move::Restrict`] narrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Restriction {
    /// The scope labels of one taxonomy (its index in the vocabulary's taxonomies).
    Scope(u32),
    /// The topics (`about`).
    Topics,
    /// The categories of a partition parameter (the index of its name among the
    /// vocabulary's partitions, sorted).
    Partition(u32),
}

/// The kind of a move, for the cost table and the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveKind {
    /// [`Move::Withdraw`].
    Withdraw,
    /// [`Move::Narrow`].
    Narrow,
    /// [`Move::Restrict`] of a scope.
    NarrowScope,
    /// [`Move::Restrict`] of topics.
    NarrowTopics,
    /// [`Move::Restrict`] of a partition.
    NarrowPartition,
    /// [`Move::Meet`].
    Meet,
    /// [`Move::DropCondition`].
    DropCondition,
    /// [`Move::Concurrent`].
    Concurrent,
    /// [`Move::Commit`].
    Commit,
}

impl MoveKind {
    /// The name used in JSON: `withdraw`, `narrow`, `narrow_scope`, `narrow_topics`,
    /// `narrow_partition`, `meet`, `drop_condition`, `concurrent`, `commit`.
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Withdraw => "withdraw",
            MoveKind::Narrow => "narrow",
            MoveKind::NarrowScope => "narrow_scope",
            MoveKind::NarrowTopics => "narrow_topics",
            MoveKind::NarrowPartition => "narrow_partition",
            MoveKind::Meet => "meet",
            MoveKind::DropCondition => "drop_condition",
            MoveKind::Concurrent => "concurrent",
            MoveKind::Commit => "commit",
        }
    }
}

impl Move {
    /// The move's kind.
    pub fn kind(&self) -> MoveKind {
        match self {
            Move::Withdraw { .. } => MoveKind::Withdraw,
            Move::Narrow { .. } => MoveKind::Narrow,
            Move::Restrict { what, .. } => match what {
                Restriction::Scope(_) => MoveKind::NarrowScope,
                Restriction::Topics => MoveKind::NarrowTopics,
                Restriction::Partition(_) => MoveKind::NarrowPartition,
            },
            Move::Meet { .. } => MoveKind::Meet,
            Move::DropCondition { .. } => MoveKind::DropCondition,
            Move::Concurrent { .. } => MoveKind::Concurrent,
            Move::Commit { .. } => MoveKind::Commit,
        }
    }

    /// The term the move changes (for a commitment: the term committed to).
    pub fn term(&self) -> TermRef {
        match *self {
            Move::Withdraw { term }
            | Move::Narrow { term, .. }
            | Move::Restrict { term, .. }
            | Move::Meet { term, .. }
            | Move::DropCondition { term, .. }
            | Move::Concurrent { term, .. } => term,
            Move::Commit { required, .. } => required,
        }
    }

    /// The proposal that makes the move (and pays for it).
    pub fn proposal(&self) -> usize {
        match *self {
            Move::Commit { proposal, .. } => proposal,
            _ => self.term().proposal,
        }
    }

    /// What the move costs by `costs`: the priority it is priced by, and the cost.
    pub fn price(&self, a: &Analysis, costs: &CostTable) -> (Priority, Cost) {
        let priority = a.term(self.term()).map(|t| t.priority).unwrap_or_default();
        let cost = match self {
            Move::Withdraw { .. } => costs.cost(priority),
            Move::Narrow { .. } => costs.share(priority, costs.narrow),
            Move::Restrict { what, .. } => costs.share(
                priority,
                match what {
                    Restriction::Scope(_) => costs.narrow_scope,
                    Restriction::Topics => costs.narrow_topics,
                    Restriction::Partition(_) => costs.narrow_partition,
                },
            ),
            Move::Meet { .. } => costs.share(priority, costs.meet),
            Move::DropCondition { .. } => costs.share(priority, costs.drop),
            Move::Concurrent { .. } => costs.share(priority, costs.concurrent),
            Move::Commit { .. } => costs.commit(priority),
        };
        (priority, cost)
    }
}

/// A candidate move of the concession problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The move.
    pub mv: Move,
    /// `proposal-id/term-id` of the term it changes (for a commitment, of the term
    /// committed to).
    pub name: String,
    /// For a move on a condition or toward another term: that term's name.
    pub other: Option<String>,
    /// The priority it is priced by.
    pub priority: Priority,
    /// What it costs the proposal that makes it, in hundredths; [`Cost::Forbidden`]
    /// for a red line, or a move set aside (`set_aside`).
    pub cost: Cost,
    /// For a narrowing of scope, topics or partition: what it narrows, and to what.
    pub restricted: Option<Restricted>,
    /// Set aside: tried alone by the engine, the move raised a problem of its own (a
    /// commitment that conflicts with the other side's terms, a meeting that leaves
    /// another term diverging), so no package uses it.
    pub set_aside: bool,
}
