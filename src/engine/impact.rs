//! Change impact: what changed between two analyses of the same negotiation (before
//! and after an edit, or an old and a new version of a proposal), finding by finding,
//! each with the terms that witness it.

use std::collections::{BTreeSet, HashMap};

use super::analysis::{Analysis, BlockStatus, Pair, RelationKind, Verdict};

/// A finding, named by terms (`proposal-id/term-id`) so that two analyses can be
/// matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Finding {
    /// A relation between two terms.
    Relation {
        /// Its kind.
        kind: RelationKind,
        /// Whether a derived atom is involved.
        indirect: bool,
        /// Whether it is a contingent conflict (it conflicts only if another term's
        /// outcome comes).
        contingent: bool,
        /// The left term.
        left: String,
        /// The right term.
        right: String,
    },
    /// A term held up by its conditions.
    Held {
        /// The term.
        term: String,
        /// Blocked or pending.
        status: BlockStatus,
    },
    /// A term the other side is silent on.
    Open {
        /// The term.
        term: String,
    },
    /// A sequencing deadlock, by the terms on its cycle (sorted).
    Deadlock {
        /// The terms on the cycle.
        terms: Vec<String>,
    },
}

/// Whether a finding appeared or went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Present after, not before.
    Gained,
    /// Present before, not after.
    Lost,
}

/// One changed finding (in words: `report::words::changed`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Gained or lost.
    pub direction: Direction,
    /// The finding.
    pub finding: Finding,
}

impl Change {
    /// The terms that witness the change.
    pub fn witnesses(&self) -> Vec<&str> {
        match &self.finding {
            Finding::Relation { left, right, .. } => vec![left, right],
            Finding::Held { term, .. } | Finding::Open { term } => vec![term],
            Finding::Deadlock { terms } => terms.iter().map(String::as_str).collect(),
        }
    }
}

/// What changed for one pair of proposals.
#[derive(Debug, Clone, PartialEq)]
pub struct PairImpact {
    /// The left proposal's id (after).
    pub left: String,
    /// The right proposal's id (after).
    pub right: String,
    /// The verdict before, if the pair existed.
    pub before: Option<Verdict>,
    /// The verdict after.
    pub after: Verdict,
    /// Every finding gained or lost, lost first.
    pub changes: Vec<Change>,
}

/// The findings of `after` against those of `before`, pair by pair. `rename` maps
/// names in `before` (proposal ids and `proposal-id/term-id`) to their names in
/// `after`, for a proposal or term that was renamed; names it lacks are kept.
pub fn impact(before: &Analysis, after: &Analysis, rename: &HashMap<String, String>) -> Vec<PairImpact> {
    let name = |n: String| rename.get(&n).cloned().unwrap_or(n);
    let before_pairs: HashMap<(String, String), (Verdict, BTreeSet<Finding>)> = before
        .pairs
        .iter()
        .map(|p| {
            let ids = ids(before, p);
            let findings = findings(before, p)
                .into_iter()
                .map(|f| rename_finding(f, &name))
                .collect();
            ((name(ids.0), name(ids.1)), (p.verdict, findings))
        })
        .collect();
    after
        .pairs
        .iter()
        .map(|p| {
            let (left, right) = ids(after, p);
            let now = findings(after, p);
            let (verdict, then) = match before_pairs.get(&(left.clone(), right.clone())) {
                Some((v, f)) => (Some(*v), f.clone()),
                None => (None, BTreeSet::new()),
            };
            let mut changes: Vec<Change> = then
                .difference(&now)
                .map(|f| Change {
                    direction: Direction::Lost,
                    finding: f.clone(),
                })
                .chain(now.difference(&then).map(|f| Change {
                    direction: Direction::Gained,
                    finding: f.clone(),
                }))
                .collect();
            changes.sort();
            PairImpact {
                left,
                right,
                before: verdict,
                after: p.verdict,
                changes,
            }
        })
        .collect()
}

fn ids(a: &Analysis, p: &Pair) -> (String, String) {
    let id = |i: usize| a.proposals.get(i).map(|p| p.id().to_owned()).unwrap_or_default();
    (id(p.left), id(p.right))
}

/// Every finding of a pair, named by terms.
pub fn findings(a: &Analysis, p: &Pair) -> BTreeSet<Finding> {
    let mut out = BTreeSet::new();
    for (i, r) in p.relations.iter().enumerate() {
        // A contingent conflict whose terms never apply together is no finding.
        if p.lapsed.binary_search(&i).is_ok() {
            continue;
        }
        out.insert(Finding::Relation {
            kind: r.kind,
            indirect: r.is_indirect(),
            contingent: p.contingent.binary_search(&i).is_ok(),
            left: a.term_name(r.left.term),
            right: a.term_name(r.right.term),
        });
    }
    for b in &p.blocked {
        out.insert(Finding::Held {
            term: a.term_name(b.term),
            status: b.status,
        });
    }
    for o in &p.open {
        out.insert(Finding::Open {
            term: a.term_name(o.term),
        });
    }
    for d in &p.deadlocks {
        let mut terms: Vec<String> = d.cycle.iter().map(|e| a.term_name(e.from)).collect();
        terms.sort();
        terms.dedup();
        out.insert(Finding::Deadlock { terms });
    }
    out
}

fn rename_finding(f: Finding, name: &impl Fn(String) -> String) -> Finding {
    match f {
        Finding::Relation {
            kind,
            indirect,
            contingent,
            left,
            right,
        } => Finding::Relation {
            kind,
            indirect,
            contingent,
            left: name(left),
            right: name(right),
        },
        Finding::Held { term, status } => Finding::Held {
            term: name(term),
            status,
        },
        Finding::Open { term } => Finding::Open { term: name(term) },
        Finding::Deadlock { terms } => {
            let mut terms: Vec<String> = terms.into_iter().map(name).collect();
            terms.sort();
            Finding::Deadlock { terms }
        }
    }
}
