//! The concession problem of an analysis, as the solver takes it (DESIGN §5, v2):
//! every problem that keeps a pair from being compatible — a conflict (direct or
//! indirect; contingent ones when asked), a sequencing deadlock, and when asked
//! (`strict`) every condition left pending or blocked — with the ways to resolve it,
//! each a set of moves that together do. A move is one concession of the solver's
//! instance, shared by every problem it helps resolve.

use std::collections::HashMap;

use super::costs::CostTable;
use super::cycles::{Cycle, Edge, cycles};
use super::moves::{Candidate, Move};
use super::narrow::Narrowings;
use super::restrict::{Restricted, Restrictions};
use super::solver::{Concession, Conflict, Instance};
use crate::engine::{Analysis, BlockStatus, RelationKind, TermRef, meets};
use crate::model::Timing;
use crate::vocab::Vocab;

/// Which problems to resolve beyond conflicts and deadlocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scope {
    /// Conditions left pending or blocked (not terms pending by coverage).
    pub strict: bool,
    /// Contingent conflicts (those that conflict only after another term's outcome).
    pub contingent: bool,
}

/// What kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A direct conflict.
    Conflict,
    /// An indirect conflict (through the vocabulary's rules).
    Indirect,
    /// A contingent conflict.
    Contingent,
    /// A sequencing deadlock (the cycle the engine reports).
    Deadlock,
    /// Another cycle of a deadlock's component, with a `before` condition: a package
    /// must break it too, or the deadlock stays.
    Cycle,
    /// A condition left pending: the required term is open or met only in part.
    Pending,
    /// A condition blocked: the required term is in conflict.
    Blocked,
}

impl ProblemKind {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Conflict => "conflict",
            ProblemKind::Indirect => "indirect_conflict",
            ProblemKind::Contingent => "contingent_conflict",
            ProblemKind::Deadlock => "deadlock",
            ProblemKind::Cycle => "deadlock_cycle",
            ProblemKind::Pending => "pending",
            ProblemKind::Blocked => "blocked",
        }
    }
}

/// One problem to resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemRef {
    /// What kind.
    pub kind: ProblemKind,
    /// The terms it names: the two terms of a conflict; the terms of a deadlock's
    /// cycle in order; the held term and then the chain of conditions to the required
    /// term of a pending or blocked condition.
    pub terms: Vec<TermRef>,
    /// The same, as `proposal-id/term-id`.
    pub names: Vec<String>,
    /// For a problem the proposals do not have but a package's moves uncover (with
    /// `strict`, found by the engine): those moves (indices into the candidates),
    /// once all of which are made the problem must be resolved too. Empty for a
    /// problem of the proposals as they are.
    pub uncovered_by: Vec<usize>,
}

impl ProblemRef {
    /// The left term of a conflict (the first term named).
    pub fn left(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }

    /// The right term of a conflict (the second term named).
    pub fn right(&self) -> &str {
        self.names.get(1).map_or("", String::as_str)
    }
}

/// The concession problem of an analysis: the solver's [`Instance`] and what its ids
/// stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The candidate moves; concession `i` of the instance is move `i`.
    pub candidates: Vec<Candidate>,
    /// The problems; conflict `i` of the instance is problem `i` here.
    pub problems: Vec<ProblemRef>,
    /// The instance the solver takes.
    pub instance: Instance,
}

/// The concession problem of `baseline` with withdrawals only and no more than
/// conflicts, priced by `costs` (the first release's problem, kept for callers of
/// the library); [`problem_with`] asks for every move.
pub fn problem(baseline: &Analysis, costs: &CostTable) -> Problem {
    problem_with(baseline, costs, Scope::default())
}

/// The concession problem of `baseline` over `scope`, moves priced by `costs`,
/// without the vocabulary: terms are narrowed in time only; [`problem_in`] narrows
/// scope, topics and partitions too.
pub fn problem_with(baseline: &Analysis, costs: &CostTable, scope: Scope) -> Problem {
    build(baseline, costs, scope, Restrictions::default())
}

/// The concession problem of `baseline` over `scope`, moves priced by `costs`, under
/// `vocab` (the one `baseline` was analysed with): every move, narrowings of scope,
/// topics and partitions included.
pub fn problem_in(baseline: &Analysis, costs: &CostTable, scope: Scope, vocab: &Vocab) -> Problem {
    build(
        baseline,
        costs,
        scope,
        Restrictions::of(baseline, vocab, scope.contingent),
    )
}

fn build(baseline: &Analysis, costs: &CostTable, scope: Scope, restrictions: Restrictions) -> Problem {
    let mut b = Builder {
        a: baseline,
        costs,
        restrictions: &restrictions,
        index: HashMap::new(),
        out: Problem {
            candidates: Vec::new(),
            problems: Vec::new(),
            instance: Instance::default(),
        },
    };
    let narrowings = Narrowings::of(baseline, scope.contingent);
    for pair in &baseline.pairs {
        for (i, r) in pair.relations.iter().enumerate() {
            if r.kind != RelationKind::Conflict {
                continue;
            }
            let contingent = pair.contingent.binary_search(&i).is_ok();
            if contingent && (!scope.contingent || pair.lapsed.binary_search(&i).is_ok()) {
                continue;
            }
            let kind = match (contingent, r.is_indirect()) {
                (true, _) => ProblemKind::Contingent,
                (false, true) => ProblemKind::Indirect,
                (false, false) => ProblemKind::Conflict,
            };
            let (l, rt) = (r.left.term, r.right.term);
            let mut ways = vec![
                vec![Move::Withdraw { term: l }],
                vec![Move::Withdraw { term: rt }],
            ];
            if !r.is_indirect() {
                for (t, other) in [(l, rt), (rt, l)] {
                    if let Some(mv) = narrowings.avoiding(t, other) {
                        ways.push(vec![mv]);
                    }
                    ways.extend(b.restrictions.of_term(t).iter().map(|&mv| vec![mv]));
                }
            }
            b.push(kind, vec![l, rt], ways);
        }
        for d in &pair.deadlocks {
            for (n, cycle) in cycles(baseline, pair, d).iter().enumerate() {
                let (terms, ways) = deadlock_ways(cycle);
                let kind = if n == 0 {
                    ProblemKind::Deadlock
                } else {
                    ProblemKind::Cycle
                };
                b.push(kind, terms, ways);
            }
        }
        if scope.strict {
            for held in pair.blocked.iter().filter(|h| h.by_coverage.is_empty()) {
                for cause in held.causes.iter() {
                    let path: Vec<TermRef> = cause.path.iter().copied().collect();
                    let Some(&required) = path.last() else { continue };
                    let other = if required.proposal == pair.left {
                        pair.right
                    } else {
                        pair.left
                    };
                    let mut ways: Vec<Vec<Move>> =
                        path.iter().map(|&t| vec![Move::Withdraw { term: t }]).collect();
                    for w in path.windows(2) {
                        if let [t, c] = *w {
                            ways.push(vec![Move::DropCondition {
                                term: t,
                                condition: c,
                            }]);
                        }
                    }
                    let commit = Move::Commit {
                        proposal: other,
                        required,
                    };
                    let kind = match held.status {
                        BlockStatus::Blocked => ProblemKind::Blocked,
                        BlockStatus::Pending => ProblemKind::Pending,
                    };
                    // Committing to (or meeting) a term that leaves a value or its
                    // actor to be agreed leaves it to be agreed: no way.
                    let definite = !existential(baseline, required);
                    if !definite {
                    } else if kind == ProblemKind::Blocked {
                        // Met only once the other side withdraws what conflicts with
                        // the required term and commits to it.
                        let partners: Vec<TermRef> = cause
                            .conflicts
                            .iter()
                            .filter_map(|&ci| pair.relations.get(ci))
                            .map(|r| {
                                if r.left.term == required {
                                    r.right.term
                                } else {
                                    r.left.term
                                }
                            })
                            .collect();
                        // Each partner withdrawn, or narrowed clear of its conflicts
                        // (when they are all direct): every combination, up to a bound.
                        let direct = cause
                            .conflicts
                            .iter()
                            .filter_map(|&ci| pair.relations.get(ci))
                            .all(|r| !r.is_indirect());
                        let options = |t: TermRef| -> Vec<Move> {
                            let mut o = vec![Move::Withdraw { term: t }];
                            if direct {
                                o.extend(narrowings.avoiding(t, required));
                                o.extend(b.restrictions.of_term(t).iter().copied());
                            }
                            o
                        };
                        let cleared = combinations(partners.iter().map(|&t| options(t)).collect());
                        for way in &cleared {
                            ways.push(std::iter::once(commit).chain(way.iter().copied()).collect());
                        }
                        // A term of the other side that meets the required term (agrees,
                        // or commits to more) meets the condition once the conflicting
                        // ones are gone, or once the required term is narrowed clear of
                        // them.
                        let modality = |t: TermRef| {
                            baseline
                                .proposals
                                .get(t.proposal)
                                .and_then(|p| p.terms.get(t.term))
                                .map(|x| x.modality)
                        };
                        let agreed = pair.relations.iter().any(|r| {
                            let other = if r.left.term == required {
                                r.right.term
                            } else {
                                r.left.term
                            };
                            !r.is_conflict()
                                && !r.incidental
                                && !r.is_indirect()
                                && [r.left.term, r.right.term].contains(&required)
                                && !partners.contains(&other)
                                && matches!(
                                    (modality(required), modality(other)),
                                    (Some(m), Some(o)) if meets(r.kind, m, o)
                                )
                        });
                        if agreed {
                            ways.extend(cleared);
                            // Or the required term narrowed clear of its conflicts.
                            if direct {
                                let own = narrowings.avoiding(required, required).into_iter();
                                let own = own.chain(b.restrictions.of_term(required).iter().copied());
                                ways.extend(own.map(|m| vec![m]).collect::<Vec<_>>());
                            }
                        }
                    } else if cause.met_in_part.is_empty() {
                        ways.push(vec![commit]);
                    } else {
                        // Met once every counterpart that meets it in part says what it
                        // says; or, when one alone does and the required term relates
                        // to nothing else there, once it says what that one says.
                        let all: Vec<Move> = cause
                            .met_in_part
                            .iter()
                            .map(|&(u, _)| Move::Meet {
                                term: u,
                                toward: required,
                            })
                            .collect();
                        ways.push(all);
                        if let [(u, RelationKind::Diverge)] = *cause.met_in_part.iter().as_slice() {
                            let alone = pair.relations.iter().all(|r| {
                                r.incidental
                                    || !(r.left.term == required || r.right.term == required)
                                    || r.left.term == u
                                    || r.right.term == u
                            });
                            if alone {
                                ways.push(vec![Move::Meet {
                                    term: required,
                                    toward: u,
                                }]);
                            }
                        }
                    }
                    b.push(kind, path, ways);
                }
            }
        }
    }
    b.out
}

/// The most ways a blocked condition's partners give (beyond it, only their
/// withdrawals).
const MAX_COMBINATIONS: usize = 64;

/// One choice from each of `options`, every combination (only the first of each
/// when there would be more than [`MAX_COMBINATIONS`]).
fn combinations(options: Vec<Vec<Move>>) -> Vec<Vec<Move>> {
    let count = options
        .iter()
        .try_fold(1usize, |n, o| n.checked_mul(o.len().max(1)))
        .filter(|&n| n <= MAX_COMBINATIONS);
    if count.is_none() {
        return vec![options.iter().filter_map(|o| o.first().copied()).collect()];
    }
    let mut out: Vec<Vec<Move>> = vec![Vec::new()];
    for o in options.iter().filter(|o| !o.is_empty()) {
        out = out
            .iter()
            .flat_map(|prefix| {
                o.iter().map(move |&m| {
                    let mut w = prefix.clone();
                    w.push(m);
                    w
                })
            })
            .collect();
    }
    out
}

/// Whether term `t` is existential (DESIGN §3): a value `some` or `tbd`, or no actor
/// named.
fn existential(a: &Analysis, t: TermRef) -> bool {
    a.term(t).is_some_and(|term| {
        term.params.iter().any(|(_, v)| v.is_open())
            || term.subject.parties().iter().any(|p| &**p == "unspecified")
    })
}

/// The terms of a deadlock's cycle and the ways to break it: withdraw any term of it,
/// drop any of its conditions, or make every `before` condition in it `concurrent`
/// (not when an anchor is one of them: an anchored window waits on the other term's
/// end whatever the condition says).
fn deadlock_ways(cycle: &Cycle) -> (Vec<TermRef>, Vec<Vec<Move>>) {
    let terms: Vec<TermRef> = cycle.iter().map(|e| e.0).collect();
    let mut ways: Vec<Vec<Move>> = terms.iter().map(|&t| vec![Move::Withdraw { term: t }]).collect();
    let mut concurrent = Vec::new();
    let mut anchored = false;
    for (i, &(from, edge)) in cycle.iter().enumerate() {
        let Edge::Requires(timing, anchor) = edge else {
            continue;
        };
        let Some(&(to, _)) = cycle.get((i + 1) % cycle.len()) else {
            continue;
        };
        anchored |= anchor;
        if anchor {
            continue;
        }
        ways.push(vec![Move::DropCondition {
            term: from,
            condition: to,
        }]);
        if timing == Timing::Before {
            concurrent.push(Move::Concurrent {
                term: from,
                condition: to,
            });
        }
    }
    if !anchored && !concurrent.is_empty() {
        ways.push(concurrent);
    }
    (terms, ways)
}

/// Move `mv` of `a` as a candidate, priced by `costs`; `restricted` says what a
/// narrowing of scope, topics or partition makes of the term.
pub(super) fn candidate(
    a: &Analysis,
    costs: &CostTable,
    mv: Move,
    restricted: Option<Restricted>,
) -> Candidate {
    let (priority, cost) = mv.price(a, costs);
    let other = match mv {
        Move::Meet { toward: o, .. }
        | Move::DropCondition { condition: o, .. }
        | Move::Concurrent { condition: o, .. } => Some(a.term_name(o)),
        Move::Commit { proposal, .. } => a.proposals.get(proposal).map(|p| p.id().to_owned()),
        Move::Withdraw { .. } | Move::Narrow { .. } | Move::Restrict { .. } => None,
    };
    Candidate {
        mv,
        name: a.term_name(mv.term()),
        other,
        priority,
        cost,
        restricted,
        set_aside: false,
    }
}

struct Builder<'a> {
    a: &'a Analysis,
    costs: &'a CostTable,
    restrictions: &'a Restrictions,
    index: HashMap<Move, usize>,
    out: Problem,
}

impl Builder<'_> {
    /// The concession id of `mv`, made a candidate when it is new.
    fn id(&mut self, mv: Move) -> usize {
        if let Some(&i) = self.index.get(&mv) {
            return i;
        }
        let k = candidate(self.a, self.costs, mv, self.restrictions.get(&mv).cloned());
        let i = self.out.candidates.len();
        self.out
            .instance
            .concessions
            .push(Concession::new(mv.proposal(), k.cost));
        self.out.candidates.push(k);
        self.index.insert(mv, i);
        i
    }

    fn push(&mut self, kind: ProblemKind, terms: Vec<TermRef>, ways: Vec<Vec<Move>>) {
        let ways = ways
            .into_iter()
            .map(|way| way.into_iter().map(|mv| self.id(mv)).collect())
            .collect();
        self.out.instance.conflicts.push(Conflict { ways });
        let names = terms.iter().map(|&t| self.a.term_name(t)).collect();
        self.out.problems.push(ProblemRef {
            kind,
            terms,
            names,
            uncovered_by: Vec::new(),
        });
    }
}
