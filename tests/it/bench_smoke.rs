//! The benchmarks' workloads run, untimed, at a small size: the generator's files load,
//! and load, compare, diff, the one-edit what-if and concede (the very functions the
//! benches in `benches/` time) give sensible results. Nothing here is timed.

#[path = "../../benches/common/mod.rs"]
mod common;

use armistice::engine::RelationKind;
use common::{Fixture, concede_instance, run_compare, run_diff, run_load, run_reanalyze, run_solve};

#[test]
fn every_benched_workload_runs_at_a_small_size() {
    let f = Fixture::new(200);
    assert!(f.compare_bytes() > 0);

    for (text, expected) in f.texts.iter().zip(&f.loaded) {
        let loaded = run_load(text, &f.vocab).expect("generated text loads");
        assert_eq!(loaded.proposal, expected.proposal);
        assert_eq!(loaded.terms, expected.terms);
    }

    let analysis = run_compare(f.pair(), &f.vocab).unwrap();
    let counts = analysis.pairs[0].counts();
    assert!(
        counts.conflicts > 0 && counts.agree > 0 && counts.open > 0,
        "{counts:?}"
    );

    let d = run_diff(&f).counts();
    assert!(d.changed > 0, "{d:?}");
    assert_eq!((d.added, d.removed), (0, 0), "{d:?}");

    // The one-edit what-if gives what a full analysis of the edited pair gives.
    let edited = f.one_edit();
    let keyed = armistice::engine::Baseline::new(analysis.clone(), &f.vocab);
    let again = run_reanalyze(
        &keyed,
        armistice::engine::Revision::new(edited.clone(), &f.vocab),
        &f.vocab,
    )
    .unwrap();
    let full = run_compare(vec![edited, f.loaded[1].clone()], &f.vocab).unwrap();
    assert_eq!(format!("{:?}", again.pairs), format!("{:?}", full.pairs));

    let instance = concede_instance(&analysis);
    let conflicts = analysis.pairs[0]
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Conflict)
        .count();
    // Every conflict is a problem; deadlocks add theirs (concessions v2, issue 22).
    assert!(instance.conflicts.len() >= conflicts);
    let solution = run_solve(&instance, 3).unwrap();
    let best = &solution.packages[0];
    assert!(best.cost > 0 && !best.concessions.is_empty());
    assert!(solution.packages.windows(2).all(|w| w[0].cost <= w[1].cost));
}

#[test]
fn bench_sizes_grow_only_on_request() {
    // The variable is read, never set, here: the default run has three sizes.
    if std::env::var_os("ARMISTICE_BENCH_LARGE").is_none() {
        assert_eq!(common::sizes(), vec![100, 1_000, 10_000]);
    }
}
