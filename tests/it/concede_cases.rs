//! Hand-made cases of the concession solver: the seed pair, red lines, budgets, progress,
//! malformed instances, and a large two-proposal instance.

use std::time::Instant;

use armistice::concede::{
    Concession, Conflict, Cost, Instance, Limit, Method, Options, Package, SolveError, Solver, solve,
    solve_with_progress,
};

fn finite(proposal: usize, cost: u64) -> Concession {
    Concession::new(proposal, Cost::Finite(cost))
}

fn top(k: usize) -> Options {
    Options {
        top: k,
        ..Options::default()
    }
}

/// The seed pair: US `aid` and `intel` against RU `no-aid`, `no-intel`, `no-resupply`
/// (indirectly through aid). Costs: core 3, normal 2; RU's `no-aid` is a red line.
fn seed() -> Instance {
    Instance {
        concessions: vec![
            finite(0, 3),                        // 0 us/aid (core)
            finite(0, 2),                        // 1 us/intel
            Concession::new(1, Cost::Forbidden), // 2 ru/no-aid (red line)
            finite(1, 2),                        // 3 ru/no-intel
            finite(1, 2),                        // 4 ru/no-resupply
        ],
        conflicts: vec![Conflict::edge(0, 2), Conflict::edge(1, 3), Conflict::edge(0, 4)],
        ..Instance::default()
    }
}

fn ids(p: &Package) -> &[usize] {
    &p.concessions
}

#[test]
fn seed_pair_optimal_and_next_best() {
    let s = solve(&seed(), &top(5)).unwrap();
    assert_eq!(s.solver, Solver::MinCut);
    let got: Vec<(&[usize], u64)> = s.packages.iter().map(|p| (ids(p), p.cost)).collect();
    // The red line forces US to drop aid; intel is conceded by either side.
    assert_eq!(got, vec![(&[0, 1][..], 5), (&[0, 3][..], 5)]);
    let first = &s.packages[0];
    assert_eq!(first.cost_by_proposal, vec![5, 0]);
    assert_eq!(first.balance, 1.0);
    assert_eq!(s.packages[1].cost_by_proposal, vec![3, 2]);
    assert!((s.packages[1].balance - 0.6).abs() < 1e-12);
}

#[test]
fn red_lines_on_both_ends_are_infeasible() {
    let instance = Instance {
        concessions: vec![
            Concession::new(0, Cost::Forbidden),
            Concession::new(1, Cost::Forbidden),
            finite(0, 1),
            finite(1, 1),
        ],
        conflicts: vec![
            Conflict::edge(2, 3),
            Conflict::edge(0, 1),
            Conflict::edge(0, 3),
            Conflict {
                ways: vec![vec![1, 2], vec![0]],
            },
            Conflict { ways: vec![] },
        ],
        ..Instance::default()
    };
    let err = solve(&instance, &top(3)).unwrap_err();
    assert_eq!(
        err,
        SolveError::Infeasible {
            red_line_conflicts: vec![1, 3, 4]
        }
    );
    assert_eq!(
        err.to_string(),
        "no package of concessions exists: red lines block conflicts `1`, `3`, `4`"
    );
}

#[test]
fn no_conflicts_gives_the_empty_package() {
    let instance = Instance {
        concessions: vec![finite(0, 1), finite(1, 1)],
        conflicts: vec![],
        ..Instance::default()
    };
    let s = solve(&instance, &top(3)).unwrap();
    assert_eq!(s.packages.len(), 1);
    let p = &s.packages[0];
    assert!(p.concessions.is_empty());
    assert_eq!(
        (p.cost, p.cost_by_proposal.clone(), p.balance),
        (0, vec![0, 0], 0.0)
    );
}

#[test]
fn an_empty_way_means_resolved_and_single_ways_are_forced() {
    let instance = Instance {
        concessions: vec![finite(0, 4), finite(1, 1), finite(2, 2)],
        conflicts: vec![
            Conflict {
                ways: vec![vec![], vec![1]],
            },
            Conflict::single(0),
            Conflict::edge(1, 2),
        ],
        ..Instance::default()
    };
    let s = solve(&instance, &top(4)).unwrap();
    let got: Vec<(&[usize], u64)> = s.packages.iter().map(|p| (ids(p), p.cost)).collect();
    assert_eq!(got, vec![(&[0, 1][..], 5), (&[0, 2][..], 6)]);
    assert_eq!(s.packages[0].cost_by_proposal, vec![4, 1, 0]);
}

#[test]
fn three_proposals_use_the_search() {
    // A triangle of conflicts between three proposals: not bipartite.
    let instance = Instance {
        concessions: vec![finite(0, 1), finite(1, 1), finite(2, 1)],
        conflicts: vec![Conflict::edge(0, 1), Conflict::edge(1, 2), Conflict::edge(2, 0)],
        ..Instance::default()
    };
    let s = solve(&instance, &top(5)).unwrap();
    assert_eq!(s.solver, Solver::Search);
    let sets: Vec<&[usize]> = s.packages.iter().map(ids).collect();
    assert_eq!(sets, vec![&[0, 1][..], &[0, 2], &[1, 2]]);
    assert!(s.packages.iter().all(|p| (p.balance - 0.5).abs() < 1e-12));
}

/// Odd cycles of conflicts among three proposals: the search has real work to do.
fn hard(n: usize) -> Instance {
    let concessions = (0..n).map(|i| finite(i % 3, 1 + (i as u64 * 7) % 5)).collect();
    let conflicts = (0..n)
        .flat_map(|i| [Conflict::edge(i, (i + 1) % n), Conflict::edge(i, (i + 5) % n)])
        .collect();
    Instance {
        concessions,
        conflicts,
        ..Instance::default()
    }
}

#[test]
fn node_budget_ends_with_an_error() {
    let options = Options {
        top: 3,
        max_nodes: 20,
        ..Options::default()
    };
    let err = solve(&hard(61), &options).unwrap_err();
    assert_eq!(
        err,
        SolveError::BudgetExceeded {
            explored: 20,
            limit: Limit::Nodes
        }
    );
    assert_eq!(err.to_string(), "search budget exceeded after 20 nodes");
}

#[test]
fn past_deadline_ends_with_an_error() {
    let options = Options {
        deadline: Some(Instant::now()),
        ..Options::default()
    };
    let err = solve(&hard(61), &options).unwrap_err();
    assert_eq!(
        err,
        SolveError::BudgetExceeded {
            explored: 0,
            limit: Limit::Time
        }
    );
}

#[test]
fn progress_is_reported_during_long_searches() {
    let mut reports = Vec::new();
    let options = Options {
        max_nodes: 5000,
        ..Options::default()
    };
    let result = solve_with_progress(&hard(61), &options, &mut |p| reports.push(p));
    assert!(!reports.is_empty());
    assert!(reports.windows(2).all(|w| w[0].explored < w[1].explored));
    assert!(reports.iter().all(|p| p.max_nodes == 5000));
    if let Some(last) = reports.last()
        && last.found > 0
    {
        assert!(last.best_cost.is_some());
    }
    // Whether it finished or not, it ended in a value.
    assert!(matches!(
        result,
        Ok(_)
            | Err(SolveError::BudgetExceeded {
                limit: Limit::Nodes,
                ..
            })
    ));
}

#[test]
fn malformed_instances_are_errors() {
    let bad_id = Instance {
        concessions: vec![finite(0, 1)],
        conflicts: vec![Conflict::edge(0, 7)],
        ..Instance::default()
    };
    let err = solve(&bad_id, &top(1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid concession instance: conflict `0` names concession `7`, but there are 1"
    );
    let overflow = Instance {
        concessions: vec![finite(0, u64::MAX / 2), finite(1, u64::MAX / 2)],
        conflicts: vec![Conflict::edge(0, 1)],
        ..Instance::default()
    };
    assert!(matches!(
        solve(&overflow, &top(1)),
        Err(SolveError::InvalidInstance { .. })
    ));
}

/// A deterministic pseudo-random two-proposal instance with `m` edge conflicts.
fn large(m: usize, side: usize) -> Instance {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let concessions = (0..2 * side).map(|i| finite(i / side, 1 + next() % 10)).collect();
    let conflicts = (0..m)
        .map(|_| Conflict::edge((next() as usize) % side, side + (next() as usize) % side))
        .collect();
    Instance {
        concessions,
        conflicts,
        ..Instance::default()
    }
}

#[test]
fn ten_thousand_conflicts_by_min_cut() {
    let instance = large(10_000, 5_000);
    let s = solve(&instance, &top(1)).unwrap();
    assert_eq!(s.solver, Solver::MinCut);
    let p = &s.packages[0];
    let mut set = vec![false; instance.concessions.len()];
    for &x in &p.concessions {
        set[x] = true;
    }
    assert!(
        instance
            .conflicts
            .iter()
            .all(|c| c.ways.iter().any(|w| w.iter().all(|&x| set[x])))
    );
    // Minimal: every concession has a conflict that only it resolves in the package.
    for &x in &p.concessions {
        let needed = instance.conflicts.iter().any(|c| {
            c.ways.iter().any(|w| w.contains(&x))
                && !c
                    .ways
                    .iter()
                    .any(|w| !w.contains(&x) && w.iter().all(|&y| set[y]))
        });
        assert!(needed, "concession {x} is redundant");
    }
    // No cheaper than conceding one whole side would be, and equal to what the search
    // finds on a small slice of the same instance.
    let side: u64 = (0..5_000)
        .map(|i| instance.concessions[i].cost.finite().unwrap())
        .sum();
    assert!(p.cost < side);
    let small = Instance {
        concessions: instance.concessions.clone(),
        conflicts: instance.conflicts[..40].to_vec(),
        ..Instance::default()
    };
    let by_cut = solve(&small, &top(3)).unwrap();
    let by_search = solve(
        &small,
        &Options {
            top: 3,
            method: Method::Search,
            ..Options::default()
        },
    )
    .unwrap();
    let costs = |s: &armistice::concede::Solution| s.packages.iter().map(|p| p.cost).collect::<Vec<_>>();
    assert_eq!(costs(&by_cut), costs(&by_search));
}
