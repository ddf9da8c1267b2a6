//! Simplification of conflicts under forced and excluded concessions.
//!
//! Given concessions that must be made (`included`) and concessions that must not
//! (`excluded`: red lines, or a branch's choice), [`reduce`] drops the ways that use an
//! excluded concession, drops the conflicts already resolved, removes the included
//! concessions from the remaining ways, drops ways that contain another way, and forces
//! the concessions of a conflict left with one way — to a fixpoint. Every concession it
//! forces is needed by every package that respects the constraints.

/// A conflict as the solver sees it: its id in the instance and its ways, each sorted
/// and free of duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Clause {
    /// The conflict's id in the instance.
    pub id: usize,
    /// The ways; after [`reduce`]: at least two, none empty, none containing another.
    pub ways: Vec<Vec<usize>>,
    /// For a conditional conflict: the concessions that, all included, raise it
    /// (empty: always). [`reduce`] takes only unconditional clauses.
    pub when: Vec<usize>,
}

/// The result of [`reduce`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reduced {
    /// The concessions included, given and forced (a flag per concession).
    pub included: Vec<bool>,
    /// The concessions forced by the reduction, beyond those given.
    pub forced: Vec<usize>,
    /// The conflicts left unresolved.
    pub clauses: Vec<Clause>,
}

/// Reduces `clauses` under `included` and `excluded` (flags per concession, both of the
/// instance's length). Returns the ids of the conflicts that cannot be resolved if any.
pub(super) fn reduce(
    clauses: &[Clause],
    included: Vec<bool>,
    excluded: &[bool],
) -> Result<Reduced, Vec<usize>> {
    let mut included = included;
    let mut forced = Vec::new();
    let mut current: Vec<Clause> = clauses.to_vec();
    loop {
        let mut next = Vec::with_capacity(current.len());
        let mut blocked = Vec::new();
        let mut changed = false;
        for clause in current {
            match simplify(&clause.ways, &included, excluded) {
                Simplified::Resolved => {}
                Simplified::Blocked => blocked.push(clause.id),
                Simplified::Ways(mut ways) => {
                    if ways.len() == 1 {
                        for &x in ways.iter().flatten() {
                            if let Some(flag) = included.get_mut(x) {
                                *flag = true;
                            }
                            forced.push(x);
                        }
                        changed = true;
                    } else {
                        ways.shrink_to_fit();
                        next.push(Clause {
                            id: clause.id,
                            ways,
                            when: Vec::new(),
                        });
                    }
                }
            }
        }
        if !blocked.is_empty() {
            blocked.sort_unstable();
            blocked.dedup();
            return Err(blocked);
        }
        current = next;
        if !changed {
            forced.sort_unstable();
            forced.dedup();
            return Ok(Reduced {
                included,
                forced,
                clauses: current,
            });
        }
    }
}

/// One conflict after simplification.
enum Simplified {
    /// Some way is wholly included.
    Resolved,
    /// Every way uses an excluded concession.
    Blocked,
    /// The remaining ways, minus included concessions, none containing another.
    Ways(Vec<Vec<usize>>),
}

fn flag(flags: &[bool], x: usize) -> bool {
    flags.get(x).copied().unwrap_or(false)
}

fn simplify(ways: &[Vec<usize>], included: &[bool], excluded: &[bool]) -> Simplified {
    let mut out: Vec<Vec<usize>> = Vec::with_capacity(ways.len());
    for way in ways {
        if way.iter().any(|&x| flag(excluded, x)) {
            continue;
        }
        let rest: Vec<usize> = way.iter().copied().filter(|&x| !flag(included, x)).collect();
        if rest.is_empty() {
            return Simplified::Resolved;
        }
        out.push(rest);
    }
    if out.is_empty() {
        return Simplified::Blocked;
    }
    out.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    Simplified::Ways(drop_supersets(out))
}

/// The sorted `ways` in the order given, less each way that contains one kept before
/// it: given in an order where a subset comes before its supersets (shorter first, or
/// cheaper first), none of the ways kept contains another.
pub(super) fn drop_supersets(ways: impl IntoIterator<Item = Vec<usize>>) -> Vec<Vec<usize>> {
    let mut kept: Vec<Vec<usize>> = Vec::new();
    for way in ways {
        if !kept.iter().any(|k| is_subset(k, &way)) {
            kept.push(way);
        }
    }
    kept
}

/// Whether sorted `a` is a subset of sorted `b`.
fn is_subset(a: &[usize], b: &[usize]) -> bool {
    let mut j = 0;
    for &x in a {
        while j < b.len() && b.get(j).is_some_and(|&y| y < x) {
            j += 1;
        }
        if b.get(j) != Some(&x) {
            return false;
        }
        j += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(id: usize, ways: &[&[usize]]) -> Clause {
        Clause {
            id,
            ways: ways.iter().map(|w| w.to_vec()).collect(),
            when: Vec::new(),
        }
    }

    #[test]
    fn subset() {
        assert!(is_subset(&[1, 3], &[0, 1, 2, 3]));
        assert!(!is_subset(&[1, 4], &[0, 1, 2, 3]));
        assert!(is_subset(&[], &[0]));
    }

    #[test]
    fn forcing_cascades_through_dominated_ways() {
        // c0: {0} only → 0 forced; c1: {0,1} or {1,2} → after 0, {1} dominates {1,2} → 1 forced.
        let clauses = [
            clause(0, &[&[0]]),
            clause(1, &[&[0, 1], &[1, 2]]),
            clause(2, &[&[1], &[3]]),
        ];
        let r = reduce(&clauses, vec![false; 4], &[false; 4]).unwrap();
        assert_eq!(r.forced, vec![0, 1]);
        assert!(r.clauses.is_empty());
    }

    #[test]
    fn red_lines_block() {
        let clauses = [clause(0, &[&[0], &[1]]), clause(1, &[&[1, 2]]), clause(2, &[])];
        let r = reduce(&clauses, vec![false; 3], &[false, true, false]);
        assert_eq!(r, Err(vec![1, 2]));
    }
}
