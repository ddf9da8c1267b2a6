//! Concessions checked against the engine itself on small generated pairs (issue 22):
//! every package `concede` lists is confirmed by running the engine on the edited
//! proposals, and its optimum equals the cheapest set of candidate moves, found by
//! trying every subset through the engine, that leaves no conflict and no deadlock —
//! also where terms can be narrowed in scope, topics and partitions.
//!
//! With `strict`, pending and blocked conditions too: resolving a conflict or a
//! deadlock can uncover conditions it held, and moves can fail or succeed together,
//! which `concede` finds by asking the engine (one and two moves ahead, then each
//! package it does not confirm) — here checked against every subset of the candidate
//! moves, judged by the engine alone.

use armistice::concede::{Concessions, CostTable, Options, Packages, Scope, concessions_with, edits};
use armistice::engine::{Analysis, Baseline};
use armistice::whatif::{Outcome, Scenario, evaluate_one};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{analyze, vocab};

/// A term of a small world where conflicts, deadlocks and pending conditions are
/// common: two parties, four actions, windows that overlap in part, all priorities.
fn term() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["RU", "UA"]),
        prop::sample::select(vec!["must", "must_not", "may"]),
        prop::sample::select(vec!["hostilities", "strikes", "elections", "border_control"]),
        0usize..5,
        prop::sample::select(vec!["normal", "normal", "core", "minor", "red_line"]),
    )
        .prop_map(|(subject, modality, action, window, priority)| {
            let mut t = json!({ "subject": subject, "modality": modality, "action": action, "priority": priority, "text": "t" });
            match window {
                1 => t["window"] = json!({ "days": 30 }),
                2 => t["window"] = json!({ "from": 20, "days": 40 }),
                3 => t["window"] = json!({ "from": 50 }),
                4 => t["window"] = json!("indefinite"),
                _ => {}
            }
            t
        })
}

/// A term of a world where conflicts can be cleared by narrowing what a term covers:
/// scopes in a hierarchy (Ukraine and its Donetsk region, Russia's Kursk), topics
/// (a full ceasefire and the maritime one within it) and hostage categories, besides
/// windows.
fn rich_term() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["must", "must_not", "may"]),
        prop::sample::select(vec!["hostilities", "strikes"]),
        0usize..3,
        prop::sample::select(vec!["normal", "core", "minor"]),
        0usize..5,
        0usize..3,
        0usize..3,
    )
        .prop_map(|(modality, action, window, priority, scope, about, category)| {
            let mut t = json!({ "subject": "RU", "modality": modality, "action": action, "priority": priority, "text": "t" });
            match window {
                1 => t["window"] = json!({ "days": 30 }),
                2 => t["window"] = json!({ "from": 20, "days": 40 }),
                _ => {}
            }
            match scope {
                1 => t["scope"] = json!(["ukraine"]),
                2 => t["scope"] = json!(["donetsk"]),
                3 => t["scope"] = json!(["ukraine", "kursk"]),
                4 => t["scope"] = json!(["kursk"]),
                _ => {}
            }
            match about {
                1 => t["about"] = json!(["full_ceasefire"]),
                2 => t["about"] = json!(["maritime_ceasefire"]),
                _ => {}
            }
            match category {
                1 => t["params"] = json!({ "hostage_category": ["women"] }),
                2 => t["params"] = json!({ "hostage_category": ["women", "soldiers"] }),
                _ => {}
            }
            t
        })
}

/// Proposal `id` of up to `max` terms of [`rich_term`], without conditions.
fn rich_proposal(id: &'static str, max: usize) -> impl Strategy<Value = Value> {
    prop::collection::vec(rich_term(), 1..=max).prop_map(move |terms| {
        let terms: Vec<Value> = terms
            .into_iter()
            .enumerate()
            .map(|(i, mut t)| {
                t["id"] = json!(format!("t{i}"));
                t
            })
            .collect();
        json!({ "id": id, "by": ["UA"], "source": "test", "terms": terms })
    })
}

/// Proposal `id` of up to `max` terms `t0`, `t1`, ...; each may require others,
/// earlier ones in a proposal whose `forward` is false and later ones otherwise (no
/// cycle inside a proposal; across the two, deadlocks).
fn proposal(id: &'static str, max: usize, forward: bool) -> impl Strategy<Value = Value> {
    prop::collection::vec((term(), prop::collection::vec(0usize..4, 0..=1)), 1..=max).prop_map(move |terms| {
        let n = terms.len();
        let terms: Vec<Value> = terms
            .into_iter()
            .enumerate()
            .map(|(i, (mut t, reqs))| {
                t["id"] = json!(format!("t{i}"));
                let reqs: Vec<String> = reqs
                    .into_iter()
                    .filter(|&r| r < n && if forward { r > i } else { r < i })
                    .map(|r| format!("t{r}"))
                    .collect();
                if !reqs.is_empty() {
                    t["requires"] = json!(reqs);
                }
                t
            })
            .collect();
        json!({ "id": id, "by": ["UA"], "source": "test", "terms": terms })
    })
}

/// Whether the analysis after `chosen` has none of the problems of `scope`.
fn clean(base: &Baseline, c: &Concessions, chosen: &[usize], scope: Scope) -> bool {
    let edits = edits(base.analysis(), &c.candidates, chosen);
    let Outcome::Evaluated(e) = evaluate_one(base, &Scenario::command_line(edits), &vocab()) else {
        return false;
    };
    let Some(a) = e.analysis else { return false };
    a.pairs.iter().all(|p| {
        let n = p.counts();
        n.conflicts + n.indirect + n.deadlocks == 0
            && (!scope.strict
                || p.blocked
                    .iter()
                    .all(|b| !b.by_coverage.is_empty() || b.causes.is_empty()))
    })
}

/// The cheapest subset of the candidate moves that the engine finds clean, by trying
/// every one; `None` when none is.
fn brute_force(c: &Concessions, scope: Scope) -> Option<u64> {
    brute_force_set(c, scope).map(|b| b.0)
}

/// [`brute_force`] with the moves (their words) of a cheapest set.
fn brute_force_set(c: &Concessions, scope: Scope) -> Option<(u64, Vec<String>)> {
    let base = Baseline::new(c.baseline.clone(), &vocab());
    let n = c.candidates.len();
    let mut best: Option<u64> = None;
    let mut set = Vec::new();
    for mask in 0u32..(1 << n) {
        let chosen: Vec<usize> = (0..n).filter(|&i| mask & (1 << i) != 0).collect();
        let Some(cost) = chosen
            .iter()
            .try_fold(0u64, |a, &i| c.candidates[i].cost.finite().map(|x| a + x))
        else {
            continue;
        };
        if best.is_some_and(|b| cost >= b) {
            continue;
        }
        if clean(&base, c, &chosen, scope) {
            best = Some(cost);
            set = chosen
                .iter()
                .map(|&i| format!("{:?}", c.candidates[i].mv))
                .collect();
        }
    }
    best.map(|b| (b, set))
}

fn check(a: Value, b: Value, scope: Scope) -> Result<(), TestCaseError> {
    let analysis: Analysis = analyze(&[a, b]);
    let options = Options {
        top: 8,
        ..Options::default()
    };
    let c = concessions_with(
        analysis,
        &CostTable::default(),
        scope,
        &options,
        &vocab(),
        &mut |_| {},
    )
    .map_err(|e| TestCaseError::fail(e.to_string()))?;
    // Small enough to enumerate: up to 2^10 subsets.
    prop_assume!(c.candidates.len() <= 10);
    let found = match &c.packages {
        Packages::NoConflict => {
            prop_assert!(c.problems.is_empty());
            return Ok(());
        }
        Packages::Infeasible(_) => None,
        Packages::Found { packages, .. } => {
            for p in packages.iter().chain(c.front.iter().flat_map(|f| &f.points)) {
                prop_assert!(
                    p.verified(),
                    "the engine does not confirm {:?}: {:?}\n{:#?}",
                    p.edits.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    p.remaining,
                    c.problems
                );
            }
            packages.first().map(|p| p.package.cost)
        }
    };

    prop_assert_eq!(
        found,
        brute_force(&c, scope),
        "problems {:?}; brute force {:?}",
        c.problems.iter().map(|p| (p.kind, &p.names)).collect::<Vec<_>>(),
        brute_force_set(&c, scope)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn packages_are_confirmed_and_optimal(a in proposal("a", 4, false), b in proposal("b", 4, true)) {
        check(a, b, Scope::default())?;
    }

    /// The same with narrowings of scope, topics and partitions among the moves.
    #[test]
    fn narrowings_are_confirmed_and_optimal(a in rich_proposal("a", 3), b in rich_proposal("b", 2)) {
        check(a, b, Scope::default())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// With `strict`, pending and blocked conditions too.
    #[test]
    fn strict_packages_are_confirmed_and_optimal(a in proposal("a", 4, false), b in proposal("b", 4, true)) {
        check(a, b, Scope { strict: true, contingent: false })?;
    }
}
