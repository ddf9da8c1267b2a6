//! `strict` made exact (DESIGN §5, v2): resolving a conflict or a deadlock can uncover
//! a condition it held — a withdrawn term may have met the other side's condition, a
//! deadlock broken leaves its terms waiting — a move can open a way that did not exist
//! before (a narrowing that clears a conflict only once the other term has moved), and
//! two moves that each resolve a problem can fail or succeed together, none of which
//! the concession problem of the proposals as they are foresees. The engine does:
//!
//! - one move ahead ([`Refiner::lookahead`]): each candidate made alone. A problem it
//!   leaves no trace of is resolved by it; a problem the proposals have that is left
//!   gains its new ways, joined with the move; one they do not have becomes
//!   *conditional* on the move: once it is made, the problem must be resolved too;
//! - two moves ahead ([`Refiner::pairs_ahead`]): each two moves that change what a term
//!   says, and a problem they leave no trace of is resolved by the two;
//! - after each search ([`Refiner::refine`]): every problem left after a package the
//!   engine does not confirm becomes conditional on the fewest of its moves that leave
//!   it (one, two, or all), and the instance is solved again, until every package
//!   listed is confirmed or a bound of rounds is reached.
//!
//! The solver takes a conditional problem as a [`Conditional`] conflict: a package
//! that makes all the trigger's moves must contain one of its ways, any other may
//! leave it, so the condition cuts off no package the engine would confirm: the
//! optimum stays exact, as far as the ways of each problem are complete (checked
//! against every subset of the candidate moves by `tests/it/concede_engine.rs`).

use std::collections::{HashMap, HashSet};

use super::costs::CostTable;
use super::edits::edits;
use super::moves::{Candidate, Move};
use super::problem::{ProblemKind, ProblemRef, Scope, candidate, problem_in};
use super::solver::{Concession, Conditional, Conflict, Instance};
use crate::engine::{Analysis, Baseline, TermRef};
use crate::vocab::Vocab;
use crate::whatif::{Keep, Outcome, Scenario, evaluate_one_with};

/// How many times the instance is refined and solved again at most.
pub const MAX_ROUNDS: usize = 8;

/// The most candidates looked one step ahead of (each costs an analysis of the
/// edited proposals).
pub const LOOKAHEAD: usize = 256;

/// The most moves that change a term looked two steps ahead of, in pairs.
pub const PAIRS_AHEAD: usize = 24;

/// A problem by its kind and the names of its terms.
type Key = (ProblemKind, Vec<String>);

fn key(p: &ProblemRef) -> Key {
    (p.kind, p.names.clone())
}

/// What the refinement needs of the run.
pub(super) struct Ctx<'a> {
    pub keyed: &'a Baseline,
    pub costs: &'a CostTable,
    pub scope: Scope,
    pub vocab: &'a Vocab,
}

/// The concession problem being refined: what the solver takes, and what each
/// problem is resolved by as the reports word it.
pub(super) struct Model<'a> {
    pub candidates: &'a mut Vec<Candidate>,
    pub instance: &'a mut Instance,
    pub problems: &'a mut Vec<ProblemRef>,
    /// Each problem's ways as the reports word what a move resolves.
    pub ways: &'a mut Vec<Vec<Vec<usize>>>,
}

/// What the refinement has done so far, across rounds.
#[derive(Default)]
pub(super) struct Refiner {
    /// The (problem, trigger) pairs added.
    added: HashSet<(Key, Vec<usize>)>,
    /// For each set of moves made alone, the problems left after it.
    alone: HashMap<Vec<usize>, Option<HashSet<Key>>>,
}

impl Refiner {
    /// Adds to `model` the problems that the packages (`packages`, each its moves)
    /// uncover; whether anything was added.
    pub(super) fn refine(&mut self, ctx: &Ctx, model: &mut Model, packages: &[Vec<usize>]) -> bool {
        let mut grew = false;
        for moves in packages {
            let Some(after) = analysis_after(ctx, model.candidates, moves) else {
                continue;
            };
            let found = problem_in(&after, ctx.costs, ctx.scope, ctx.vocab);
            let touched = touched(model.candidates, moves);
            for (i, p) in found.problems.iter().enumerate() {
                let k = key(p);
                // A problem the model has already, left although the package holds
                // one of its ways: those ways fail together with other moves.
                let modelled: Vec<Vec<usize>> = model
                    .problems
                    .iter()
                    .zip(model.ways.iter())
                    .filter(|(q, _)| key(q) == k)
                    .flat_map(|(_, ways)| ways.iter().cloned())
                    .collect();
                let trigger = self.trigger(ctx, model.candidates, moves, &k, &modelled);
                if !self.added.insert((k.clone(), trigger.clone())) {
                    continue;
                }
                let mut ways = ways_after(ctx, &after, &found, i, &touched, &trigger, model, false);
                // One more move that, with a one-move trigger, leaves no trace of it.
                if let [t] = *trigger.as_slice() {
                    let changing = changing(model.candidates);
                    if changing.len() <= PAIRS_AHEAD {
                        for o in changing.into_iter().filter(|&o| o != t) {
                            let mut pair = vec![t, o];
                            pair.sort_unstable();
                            if !ways.iter().any(|w| w.iter().all(|&y| y == o))
                                && self
                                    .known_after(ctx, model.candidates, pair)
                                    .is_some_and(|left| !left.contains(&k))
                            {
                                ways.push(vec![o]);
                            }
                        }
                    }
                }
                add_conditional(ctx, model, &after, p, trigger, ways);
                grew = true;
            }
        }
        grew
    }

    /// The fewest of `moves` that, made alone, leave problem `k` (holding one of its
    /// `modelled` ways, when the model has it): one, two, or all.
    fn trigger(
        &mut self,
        ctx: &Ctx,
        candidates: &[Candidate],
        moves: &[usize],
        k: &Key,
        modelled: &[Vec<usize>],
    ) -> Vec<usize> {
        let singles = moves.iter().map(|&m| vec![m]);
        let pairs = moves
            .iter()
            .enumerate()
            .flat_map(|(i, &m)| moves.iter().skip(i + 1).map(move |&n| vec![m, n]));
        for t in singles.chain(pairs) {
            let holds = modelled.is_empty() || modelled.iter().any(|w| w.iter().all(|x| t.contains(x)));
            if holds && self.leaves(ctx, candidates, t.clone(), k) {
                return t;
            }
        }
        moves.to_vec()
    }

    /// Whether `moves` made alone leave problem `k`.
    fn leaves(&mut self, ctx: &Ctx, candidates: &[Candidate], moves: Vec<usize>, k: &Key) -> bool {
        self.known_after(ctx, candidates, moves)
            .is_some_and(|left| left.contains(k))
    }

    /// The problems left after `moves` made alone; `None` when they cannot be made.
    fn known_after(
        &mut self,
        ctx: &Ctx,
        candidates: &[Candidate],
        moves: Vec<usize>,
    ) -> Option<&HashSet<Key>> {
        self.alone
            .entry(moves)
            .or_insert_with_key(|moves| {
                analysis_after(ctx, candidates, moves).map(|a| {
                    problem_in(&a, ctx.costs, ctx.scope, ctx.vocab)
                        .problems
                        .iter()
                        .map(key)
                        .collect()
                })
            })
            .as_ref()
    }
}

impl Refiner {
    /// One step ahead, before the first search: each move made alone (up to `limit`
    /// candidates), what the engine then finds. A problem the proposals have that is
    /// gone is resolved by the move; one that is left with new ways gains them, each joined with the move (a narrowing that
    /// clears a conflict only once the other term has moved); a problem they do not
    /// have becomes conditional on the move. The moves of those ways join the
    /// candidates. Whether every candidate was looked at (none when there are more
    /// than `limit`).
    pub(super) fn lookahead(&mut self, ctx: &Ctx, model: &mut Model, limit: usize) -> bool {
        let n = model.candidates.len();
        if n > limit {
            return false;
        }
        let mut known: HashMap<Key, Vec<usize>> = HashMap::new();
        for (i, p) in model.problems.iter().enumerate() {
            known.entry(key(p)).or_default().push(i);
        }
        // Moves that the look-ahead itself adds (the ways out of a problem a move
        // uncovers: a meeting, a commitment) are looked at too, within `limit`.
        for m in 0.. {
            if m >= model.candidates.len().min(limit) {
                break;
            }
            if model.candidates.get(m).is_none_or(|c| c.cost.finite().is_none()) {
                continue;
            }
            let Some(after) = analysis_after(ctx, model.candidates, &[m]) else {
                continue;
            };
            let found = problem_in(&after, ctx.costs, ctx.scope, ctx.vocab);
            self.alone
                .insert(vec![m], Some(found.problems.iter().map(key).collect()));
            let touched = touched(model.candidates, &[m]);
            // A problem the move alone leaves no trace of is resolved by it (a
            // commitment to a broader term meets the conditions on those it covers).
            let present: HashSet<Key> = found.problems.iter().map(key).collect();
            for (k, indices) in &known {
                if present.contains(k) {
                    continue;
                }
                for &pi in indices {
                    let Some(c) = model.instance.conflicts.get_mut(pi) else {
                        continue;
                    };
                    if c.ways.iter().any(|e| e.iter().all(|&y| y == m)) {
                        continue;
                    }
                    c.ways.push(vec![m]);
                    if let Some(r) = model.ways.get_mut(pi) {
                        r.push(vec![m]);
                    }
                }
            }
            for (i, p) in found.problems.iter().enumerate() {
                let k = key(p);
                let ways = ways_after(ctx, &after, &found, i, &touched, &[m], model, true);
                match known.get(&k) {
                    Some(indices) => {
                        for &pi in indices {
                            for w in &ways {
                                let mut x = w.clone();
                                x.push(m);
                                x.sort_unstable();
                                x.dedup();
                                let Some(c) = model.instance.conflicts.get_mut(pi) else {
                                    continue;
                                };
                                if c.ways.iter().any(|e| e.iter().all(|y| x.contains(y))) {
                                    continue;
                                }
                                c.ways.push(x.clone());
                                if let Some(r) = model.ways.get_mut(pi) {
                                    r.push(x);
                                }
                            }
                        }
                    }
                    None => {
                        if self.added.insert((k, vec![m])) {
                            add_conditional(ctx, model, &after, p, vec![m], ways);
                        }
                    }
                }
            }
        }
        model.candidates.len() <= limit
    }
}

impl Refiner {
    /// Two steps ahead: each two moves made together — of every move when there are
    /// at most `limit`, else of those that change what a term says (narrowings,
    /// meetings, commitments) when there are at most `limit` of them — and a problem
    /// the proposals have that they leave no trace of is resolved by the two (two
    /// meetings that each make one side say what the other says; a withdrawal and a
    /// commitment to a broader term). Whether every pair of moves was looked at.
    pub(super) fn pairs_ahead(&mut self, ctx: &Ctx, model: &mut Model, limit: usize) -> bool {
        // Every move when there are few, else those that change a term.
        let all: Vec<usize> = (0..model.candidates.len())
            .filter(|&i| model.candidates.get(i).is_some_and(|c| c.cost.finite().is_some()))
            .collect();
        let every = all.len() <= limit;
        let changing = if every { all } else { changing(model.candidates) };
        if changing.len() > limit {
            return false;
        }
        let known: Vec<(usize, Key, Vec<usize>)> = model
            .problems
            .iter()
            .enumerate()
            .map(|(i, p)| (i, key(p), p.uncovered_by.clone()))
            .collect();
        for (n, &m) in changing.iter().enumerate() {
            for &o in changing.iter().skip(n + 1) {
                let pair = [m, o];
                let Some(after) = analysis_after(ctx, model.candidates, &pair) else {
                    continue;
                };
                let present: HashSet<Key> = problem_in(&after, ctx.costs, ctx.scope, ctx.vocab)
                    .problems
                    .iter()
                    .map(key)
                    .collect();
                for (pi, k, trigger) in &known {
                    if present.contains(k) {
                        continue;
                    }
                    // An uncovered problem: the pair, less its trigger, resolves it
                    // once the trigger is made.
                    let way: Vec<usize> = pair.iter().copied().filter(|x| !trigger.contains(x)).collect();
                    let ways = if trigger.is_empty() {
                        model.instance.conflicts.get_mut(*pi).map(|c| &mut c.ways)
                    } else if trigger.iter().all(|x| pair.contains(x)) && !way.is_empty() {
                        model
                            .instance
                            .conditional
                            .iter_mut()
                            .find(|c| c.conflict == *pi)
                            .map(|c| &mut c.ways)
                    } else {
                        None
                    };
                    let Some(ways) = ways else { continue };
                    if ways.iter().any(|e| e.iter().all(|y| way.contains(y))) {
                        continue;
                    }
                    ways.push(way.clone());
                    if let Some(r) = model.ways.get_mut(*pi) {
                        r.push(way);
                    }
                }
            }
        }
        every
    }
}

/// The moves that change what a term says (narrowings, meetings, commitments,
/// conditions made concurrent) and may be made.
fn changing(candidates: &[Candidate]) -> Vec<usize> {
    (0..candidates.len())
        .filter(|&i| {
            candidates.get(i).is_some_and(|c| {
                c.cost.finite().is_some()
                    && !matches!(c.mv, Move::Withdraw { .. } | Move::DropCondition { .. })
            })
        })
        .collect()
}

/// The terms `moves` change otherwise than by withdrawing them, by name.
fn touched(candidates: &[Candidate], moves: &[usize]) -> HashSet<String> {
    moves
        .iter()
        .filter_map(|&m| candidates.get(m))
        .filter(|c| !matches!(c.mv, Move::Withdraw { .. } | Move::Commit { .. }))
        .map(|c| c.name.clone())
        .collect()
}

/// The ways of problem `i` of `found` (the problem of `after`) as moves of `model`
/// (new candidates added when `add`), less those that move a term in `touched` but by
/// withdrawing it (a narrowing or a meeting found on a changed term means something
/// else on the term as it was) and those that use a move of `trigger` (made, and the
/// problem is left).
#[allow(clippy::too_many_arguments)]
fn ways_after(
    ctx: &Ctx,
    after: &Analysis,
    found: &super::problem::Problem,
    i: usize,
    touched: &HashSet<String>,
    trigger: &[usize],
    model: &mut Model,
    add: bool,
) -> Vec<Vec<usize>> {
    found
        .instance
        .conflicts
        .get(i)
        .map_or(&[][..], |c| c.ways.as_slice())
        .iter()
        .filter_map(|w| {
            let moves = w
                .iter()
                .map(|&c| found.candidates.get(c))
                .collect::<Option<Vec<&Candidate>>>()?;
            if moves.iter().any(|c| changes(after, c.mv, touched)) {
                return None;
            }
            moves
                .into_iter()
                .map(|c| map(ctx, after, c, model, add))
                .collect::<Option<Vec<usize>>>()
        })
        .filter(|w| !w.iter().any(|m| trigger.contains(m)))
        .collect()
}

/// Adds problem `p` of `after`, uncovered by `trigger`, with `ways`.
fn add_conditional(
    ctx: &Ctx,
    model: &mut Model,
    after: &Analysis,
    p: &ProblemRef,
    trigger: Vec<usize>,
    ways: Vec<Vec<usize>>,
) {
    let base = ctx.keyed.analysis();
    model.problems.push(ProblemRef {
        kind: p.kind,
        terms: p.terms.iter().filter_map(|&t| locate(base, after, t)).collect(),
        names: p.names.clone(),
        uncovered_by: trigger.clone(),
    });
    // The conflict it stands for is resolved as the solver sees it (an empty way);
    // the conditional one says when it must be.
    let conflict = model.instance.conflicts.len();
    model.instance.conflicts.push(Conflict {
        ways: vec![Vec::new()],
    });
    model.instance.conditional.push(Conditional {
        conflict,
        when: trigger,
        ways: ways.clone(),
    });
    model.ways.push(ways);
}

/// The analysis after `moves` (indices into `candidates`), or `None` when the edits
/// cannot be evaluated.
fn analysis_after(ctx: &Ctx, candidates: &[Candidate], moves: &[usize]) -> Option<Analysis> {
    let scenario = Scenario::command_line(edits(ctx.keyed.analysis(), candidates, moves));
    let keep = Keep {
        analysis: true,
        proposals: false,
    };
    match evaluate_one_with(ctx.keyed, &scenario, ctx.vocab, keep) {
        Outcome::Evaluated(e) => e.analysis,
        Outcome::Invalid(_) => None,
    }
}

/// Whether move `mv` of the problem of `after` moves a term in `touched` (by name)
/// otherwise than by withdrawing it, or moves toward one.
fn changes(after: &Analysis, mv: Move, touched: &HashSet<String>) -> bool {
    let hit = |t: TermRef| touched.contains(&after.term_name(t));
    match mv {
        Move::Withdraw { .. } => false,
        Move::Meet { term, toward } => hit(term) || hit(toward),
        _ => hit(mv.term()),
    }
}

/// Term `r` of `after` as a term of `base`: the same proposal, the term of the same
/// id; `None` for a term a package added.
fn locate(base: &Analysis, after: &Analysis, r: TermRef) -> Option<TermRef> {
    let id = &after.term(r)?.id;
    let p = base.proposals.get(r.proposal)?;
    let term = p.proposal.terms.iter().position(|x| x.id == *id)?;
    Some(TermRef {
        proposal: r.proposal,
        term,
    })
}

/// Candidate `k` of the problem of `after` as a candidate of `model` (added when it
/// is new and `add`); `None` when it moves a term the proposals as they are do not
/// have, or is new and not to be added.
fn map(ctx: &Ctx, after: &Analysis, k: &Candidate, model: &mut Model, add: bool) -> Option<usize> {
    let base = ctx.keyed.analysis();
    let t = |r: TermRef| locate(base, after, r);
    let mv = match k.mv {
        Move::Withdraw { term } => Move::Withdraw { term: t(term)? },
        Move::Narrow { term, from, to } => Move::Narrow {
            term: t(term)?,
            from,
            to,
        },
        Move::Restrict { term, what } => Move::Restrict { term: t(term)?, what },
        Move::Meet { term, toward } => Move::Meet {
            term: t(term)?,
            toward: t(toward)?,
        },
        Move::DropCondition { term, condition } => Move::DropCondition {
            term: t(term)?,
            condition: t(condition)?,
        },
        Move::Concurrent { term, condition } => Move::Concurrent {
            term: t(term)?,
            condition: t(condition)?,
        },
        Move::Commit { proposal, required } => Move::Commit {
            proposal,
            required: t(required)?,
        },
    };
    if let Some(i) = model.candidates.iter().position(|c| c.mv == mv) {
        return Some(i);
    }
    if !add {
        return None;
    }
    let c = candidate(base, ctx.costs, mv, k.restricted.clone());
    model
        .instance
        .concessions
        .push(Concession::new(mv.proposal(), c.cost));
    model.candidates.push(c);
    Some(model.candidates.len() - 1)
}
