//! Property tests of the concession solver against a brute-force reference that
//! enumerates every subset of concessions of small instances.

use armistice::concede::{
    Concession, Conditional, Conflict, Cost, Instance, Method, Options, Package, SolveError, Solver, pareto,
    solve,
};
use proptest::prelude::*;

/// Whether `set` (flags per concession) contains a whole way of every conflict.
fn resolves(instance: &Instance, set: &[bool]) -> bool {
    instance
        .conflicts
        .iter()
        .all(|c| c.ways.iter().any(|w| w.iter().all(|&x| set[x])))
}

/// Every minimal package (concession ids ascending) with its cost, cheapest first.
fn brute_force(instance: &Instance) -> Vec<(u64, Vec<usize>)> {
    let n = instance.concessions.len();
    assert!(n <= 16, "brute force is for small instances");
    let mut out = Vec::new();
    for mask in 0u32..(1 << n) {
        let set: Vec<bool> = (0..n).map(|i| mask & (1 << i) != 0).collect();
        if (0..n).any(|i| set[i] && instance.concessions[i].cost == Cost::Forbidden) {
            continue;
        }
        if !resolves(instance, &set) {
            continue;
        }
        let minimal = (0..n).filter(|&i| set[i]).all(|i| {
            let mut less = set.clone();
            less[i] = false;
            !resolves(instance, &less)
        });
        if minimal {
            let ids: Vec<usize> = (0..n).filter(|&i| set[i]).collect();
            let cost = ids
                .iter()
                .map(|&i| instance.concessions[i].cost.finite().unwrap())
                .sum();
            out.push((cost, ids));
        }
    }
    out.sort();
    out
}

/// The conflicts every way of which uses a red line.
fn blocked(instance: &Instance) -> Vec<usize> {
    (0..instance.conflicts.len())
        .filter(|&c| {
            instance.conflicts[c]
                .ways
                .iter()
                .all(|w| w.iter().any(|&x| instance.concessions[x].cost == Cost::Forbidden))
        })
        .collect()
}

fn cost_strategy() -> impl Strategy<Value = Cost> {
    prop_oneof![1 => Just(Cost::Forbidden), 5 => (0u64..6).prop_map(Cost::Finite)]
}

/// Two proposals; edges between them, a few single-concession conflicts.
fn bipartite_instance() -> impl Strategy<Value = Instance> {
    (1usize..=5, 1usize..=5)
        .prop_flat_map(|(p, q)| {
            let concessions = prop::collection::vec(cost_strategy(), p + q).prop_map(move |costs| {
                costs
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| Concession::new(usize::from(i >= p), c))
                    .collect()
            });
            let edges =
                prop::collection::vec((0..p, p..p + q).prop_map(|(a, b)| Conflict::edge(a, b)), 0..=9);
            let singles = prop::collection::vec((0..p + q).prop_map(Conflict::single), 0..=2);
            (concessions, edges, singles)
        })
        .prop_map(|(concessions, mut conflicts, singles)| {
            conflicts.extend(singles);
            Instance {
                concessions,
                conflicts,
                ..Instance::default()
            }
        })
}

/// Two proposals; problems with one to four ways of one to three concessions (a
/// deadlock broken only by making every `before` condition of it concurrent is a
/// way of several concessions).
fn two_sided_instance() -> impl Strategy<Value = Instance> {
    (2usize..=10)
        .prop_flat_map(|n| {
            let concessions = prop::collection::vec((0usize..2, cost_strategy()), n).prop_map(|v| {
                v.into_iter()
                    .map(|(p, c)| Concession::new(p, c))
                    .collect::<Vec<_>>()
            });
            let way = prop::collection::vec(0..n, 1..=3);
            let conflict = prop::collection::vec(way, 1..=4).prop_map(|ways| Conflict { ways });
            (concessions, prop::collection::vec(conflict, 0..=8))
        })
        .prop_map(|(concessions, conflicts)| Instance {
            concessions,
            conflicts,
            ..Instance::default()
        })
}

/// The Pareto front of (cost to 0, cost to 1) by brute force: the distinct cost
/// pairs of the minimal packages that no other pair beats on both, ascending.
fn brute_front(instance: &Instance) -> Vec<(u64, u64)> {
    let pairs: Vec<(u64, u64)> = brute_force(instance)
        .into_iter()
        .map(|(_, ids)| {
            let side = |s: usize| {
                ids.iter()
                    .filter(|&&x| instance.concessions[x].proposal == s)
                    .map(|&x| instance.concessions[x].cost.finite().unwrap())
                    .sum::<u64>()
            };
            (side(0), side(1))
        })
        .collect();
    let mut front: Vec<(u64, u64)> = pairs
        .iter()
        .copied()
        .filter(|&(a, b)| !pairs.iter().any(|&(x, y)| x <= a && y <= b && (x, y) != (a, b)))
        .collect();
    front.sort_unstable();
    front.dedup();
    front
}

/// The Pareto front over every proposal's cost by brute force: the distinct cost
/// vectors of the minimal packages that no other vector beats, ascending.
fn brute_front_n(instance: &Instance, sides: usize) -> Vec<Vec<u64>> {
    let vectors: Vec<Vec<u64>> = brute_force(instance)
        .into_iter()
        .map(|(_, ids)| {
            (0..sides)
                .map(|s| {
                    ids.iter()
                        .filter(|&&x| instance.concessions[x].proposal == s)
                        .map(|&x| instance.concessions[x].cost.finite().unwrap())
                        .sum::<u64>()
                })
                .collect()
        })
        .collect();
    let mut front: Vec<Vec<u64>> = vectors
        .iter()
        .filter(|v| {
            !vectors
                .iter()
                .any(|u| u != *v && u.iter().zip(v.iter()).all(|(a, b)| a <= b))
        })
        .cloned()
        .collect();
    front.sort_unstable();
    front.dedup();
    front
}

/// Up to four proposals; conflicts with one to three ways of one or two concessions.
fn general_instance() -> impl Strategy<Value = Instance> {
    (2usize..=9)
        .prop_flat_map(|n| {
            let concessions = prop::collection::vec((0usize..4, cost_strategy()), n).prop_map(|v| {
                v.into_iter()
                    .map(|(p, c)| Concession::new(p, c))
                    .collect::<Vec<_>>()
            });
            let way = prop::collection::vec(0..n, 1..=2);
            let conflict = prop::collection::vec(way, 1..=3).prop_map(|ways| Conflict { ways });
            (concessions, prop::collection::vec(conflict, 0..=7))
        })
        .prop_map(|(concessions, conflicts)| Instance {
            concessions,
            conflicts,
            ..Instance::default()
        })
}

/// [`general_instance`] with one to three conditional conflicts: each arises once one
/// or two concessions are made (as resolving one problem can uncover another).
fn conditional_instance() -> impl Strategy<Value = Instance> {
    general_instance().prop_flat_map(|instance| {
        let n = instance.concessions.len();
        let way = prop::collection::vec(0..n, 1..=2);
        let conditional = (
            prop::collection::vec(0..n, 1..=2),
            prop::collection::vec(way, 0..=3),
        );
        (Just(instance), prop::collection::vec(conditional, 1..=3)).prop_map(|(mut instance, list)| {
            for (when, ways) in list {
                let conflict = instance.conflicts.len();
                instance.conflicts.push(Conflict {
                    ways: vec![Vec::new()],
                });
                instance.conditional.push(Conditional { conflict, when, ways });
            }
            instance
        })
    })
}

/// The least cost of a set of concessions (no red line) that resolves every conflict
/// and every conditional conflict whose trigger it holds, by trying every subset.
fn brute_force_conditional(instance: &Instance) -> Option<u64> {
    let n = instance.concessions.len();
    let mut best: Option<u64> = None;
    for mask in 0u32..(1 << n) {
        let set: Vec<bool> = (0..n).map(|i| mask & (1 << i) != 0).collect();
        let Some(cost) = (0..n)
            .filter(|&i| set[i])
            .try_fold(0u64, |a, i| instance.concessions[i].cost.finite().map(|c| a + c))
        else {
            continue;
        };
        let holds = |ways: &[Vec<usize>]| ways.iter().any(|w| w.iter().all(|&x| set[x]));
        let ok = resolves(instance, &set)
            && instance
                .conditional
                .iter()
                .all(|c| !c.when.iter().all(|&x| set[x]) || holds(&c.ways));
        if ok && best.is_none_or(|b| cost < b) {
            best = Some(cost);
        }
    }
    best
}

/// Checks the solver's answer against the brute-force reference.
fn check(instance: &Instance, top: usize, method: Method) -> Result<Vec<u64>, TestCaseError> {
    let reference = brute_force(instance);
    let options = Options {
        top,
        method,
        ..Options::default()
    };
    match solve(instance, &options) {
        Err(SolveError::Infeasible { red_line_conflicts }) => {
            prop_assert!(
                reference.is_empty(),
                "reported infeasible, but {:?} exists",
                reference.first()
            );
            prop_assert_eq!(red_line_conflicts, blocked(instance));
            Ok(Vec::new())
        }
        Err(e) => Err(TestCaseError::fail(format!("unexpected error: {e}"))),
        Ok(solution) => {
            if method == Method::Search {
                prop_assert_eq!(solution.solver, Solver::Search);
            }
            let costs: Vec<u64> = solution.packages.iter().map(|p| p.cost).collect();
            let expected: Vec<u64> = reference.iter().take(top.max(1)).map(|r| r.0).collect();
            prop_assert_eq!(&costs, &expected, "top-{} costs; reference {:?}", top, reference);
            for (i, p) in solution.packages.iter().enumerate() {
                check_package(instance, p)?;
                prop_assert!(
                    reference.iter().any(|r| r.1 == p.concessions),
                    "{:?} is not minimal",
                    p
                );
                prop_assert!(
                    solution.packages[..i]
                        .iter()
                        .all(|q| q.concessions != p.concessions),
                    "package {:?} repeated",
                    p.concessions
                );
            }
            Ok(costs)
        }
    }
}

/// A package resolves every conflict and its figures add up.
fn check_package(instance: &Instance, p: &Package) -> Result<(), TestCaseError> {
    let mut set = vec![false; instance.concessions.len()];
    for &x in &p.concessions {
        set[x] = true;
    }
    prop_assert!(resolves(instance, &set), "{:?} leaves a conflict", p.concessions);
    prop_assert!(p.concessions.windows(2).all(|w| w[0] < w[1]));
    let mut by = vec![0u64; p.cost_by_proposal.len()];
    for &x in &p.concessions {
        let c = instance.concessions[x];
        by[c.proposal] += c.cost.finite().unwrap();
    }
    prop_assert_eq!(&by, &p.cost_by_proposal);
    prop_assert_eq!(by.iter().sum::<u64>(), p.cost);
    let most = by.iter().copied().max().unwrap_or(0);
    let balance = if p.cost == 0 {
        0.0
    } else {
        most as f64 / p.cost as f64
    };
    prop_assert!((p.balance - balance).abs() < 1e-12);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn bipartite_matches_brute_force(instance in bipartite_instance(), top in 1usize..=6) {
        let auto = check(&instance, top, Method::Auto)?;
        let search = check(&instance, top, Method::Search)?;
        prop_assert_eq!(auto, search);
    }

    #[test]
    fn general_matches_brute_force(instance in general_instance(), top in 1usize..=6) {
        check(&instance, top, Method::Auto)?;
        check(&instance, top, Method::Search)?;
    }

    #[test]
    fn two_sided_matches_brute_force(instance in two_sided_instance(), top in 1usize..=6) {
        check(&instance, top, Method::Auto)?;
    }

    #[test]
    fn pareto_front_matches_brute_force(instance in two_sided_instance()) {
        let expected = brute_front(&instance);
        match pareto(&instance, &Options::default()) {
            Err(SolveError::Infeasible { .. }) => prop_assert!(expected.is_empty()),
            Err(e) => prop_assert!(false, "unexpected error: {}", e),
            Ok(front) => {
                let got: Vec<(u64, u64)> = front
                    .iter()
                    .map(|p| (p.cost_by_proposal[0], p.cost_by_proposal[1]))
                    .collect();
                prop_assert_eq!(&got, &expected);
                for p in &front {
                    check_package(&instance, p)?;
                }
            }
        }
    }

    #[test]
    fn conditional_conflicts_match_brute_force(instance in conditional_instance(), top in 1usize..=4) {
        let expected = brute_force_conditional(&instance);
        match solve(&instance, &Options { top, ..Options::default() }) {
            Err(SolveError::Infeasible { .. }) => prop_assert_eq!(expected, None),
            Err(e) => prop_assert!(false, "unexpected error: {}", e),
            Ok(solution) => {
                prop_assert_eq!(solution.packages.first().map(|p| p.cost), expected);
                for p in &solution.packages {
                    let set: Vec<bool> = (0..instance.concessions.len()).map(|i| p.concessions.contains(&i)).collect();
                    prop_assert!(resolves(&instance, &set), "{:?} leaves a conflict", p.concessions);
                    for c in &instance.conditional {
                        prop_assert!(
                            !c.when.iter().all(|&x| set[x]) || c.ways.iter().any(|w| w.iter().all(|&x| set[x])),
                            "{:?} raises {:?} and leaves it", p.concessions, c
                        );
                    }
                }
                prop_assert!(solution.packages.windows(2).all(|w| w[0].cost <= w[1].cost));
            }
        }
        // The front's points hold the conditions too, the cheapest for side 0 first.
        if let Ok(front) = pareto(&instance, &Options::default()) {
            for p in &front {
                let set: Vec<bool> = (0..instance.concessions.len()).map(|i| p.concessions.contains(&i)).collect();
                for c in &instance.conditional {
                    prop_assert!(!c.when.iter().all(|&x| set[x]) || c.ways.iter().any(|w| w.iter().all(|&x| set[x])));
                }
            }
        }
    }

    #[test]
    fn pareto_front_of_more_sides_matches_brute_force(instance in general_instance()) {
        let sides = instance.concessions.iter().map(|c| c.proposal + 1).max().unwrap_or(0).max(2);
        let expected = brute_front_n(&instance, sides);
        match pareto(&instance, &Options::default()) {
            Err(SolveError::Infeasible { .. }) => prop_assert!(expected.is_empty()),
            Err(e) => prop_assert!(false, "unexpected error: {}", e),
            Ok(front) => {
                let got: Vec<Vec<u64>> = front.iter().map(|p| p.cost_by_proposal.clone()).collect();
                prop_assert_eq!(&got, &expected);
                for p in &front {
                    check_package(&instance, p)?;
                }
            }
        }
    }

    #[test]
    fn top_one_is_optimal_and_top_k_extends_it(instance in general_instance()) {
        let one = solve(&instance, &Options::default());
        let five = solve(&instance, &Options { top: 5, ..Options::default() });
        match (one, five) {
            (Ok(one), Ok(five)) => {
                prop_assert_eq!(one.packages.len(), 1);
                prop_assert_eq!(one.packages[0].cost, five.packages[0].cost);
                prop_assert!(five.packages.windows(2).all(|w| w[0].cost <= w[1].cost));
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "top 1 gave {:?}, top 5 gave {:?}", a, b),
        }
    }
}
