//! Benchmark: the exact concession solver (`concede::solve`) on the conflict instance
//! of a generated pair, built as `armistice concede` builds it. 25 600 terms give
//! 14 745 conflicts, above the 10^4 conflicts that the solver is to settle exactly in
//! under a second. `ARMISTICE_BENCH_LARGE=1` adds 10^5 terms.
//!
//! The generated conflicts fall apart into many small connected components, so most of
//! that time is spent around the min-cut rather than in it. `concede-component` times
//! the min-cut where it does the work: one connected bipartite instance (a long even
//! cycle with random chords) of 2N concessions. `concede-mixed` times the mixed
//! instance of issue 22 (conflicts, deadlocks and pending conditions, with every
//! move), the one `bench/clingo/moves.sh` gives clingo.

mod common;

use std::time::Duration;

use armistice::concede::{Concession, Conflict, Cost, Instance};
use common::{Fixture, concede_instance, run_compare, run_solve};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn concede(c: &mut Criterion) {
    let mut group = c.benchmark_group("concede");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    let mut sizes = common::sizes();
    sizes.push(25_600);
    sizes.sort_unstable();
    for n in sizes {
        let f = Fixture::new(n);
        let Ok(analysis) = run_compare(f.pair(), &f.vocab) else {
            eprintln!("the generated pair of {n} terms does not analyse");
            continue;
        };
        let instance = concede_instance(&analysis);
        let conflicts = instance.conflicts.len();
        eprintln!("concede: {n} terms, {conflicts} conflicts");
        group.throughput(Throughput::Elements(conflicts as u64));
        for top in [1, 5] {
            group.bench_with_input(BenchmarkId::new(format!("top{top}"), n), &instance, |bench, i| {
                bench.iter(|| run_solve(i, top))
            });
        }
    }
    group.finish();
}

/// One connected bipartite instance: concessions `0..n` of proposal 0 and `n..2n` of
/// proposal 1, costs 1, 2 or 4, conflicts along the cycle `i – n+i – i+1` and two random
/// chords from each `i` (a fixed pseudo-random sequence).
fn one_component(n: usize) -> Instance {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    let mut instance = Instance::default();
    for side in 0..2 {
        for _ in 0..n {
            let cost = Cost::Finite([1, 2, 4][next(3)]);
            instance.concessions.push(Concession::new(side, cost));
        }
    }
    for i in 0..n {
        instance.conflicts.push(Conflict::edge(i, n + i));
        instance.conflicts.push(Conflict::edge((i + 1) % n, n + i));
        for _ in 0..2 {
            instance.conflicts.push(Conflict::edge(i, n + next(n)));
        }
    }
    instance
}

fn component(c: &mut Criterion) {
    let mut group = c.benchmark_group("concede-component");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for n in [500, 2_000] {
        let instance = one_component(n);
        group.throughput(Throughput::Elements(instance.conflicts.len() as u64));
        for top in [1, 5] {
            group.bench_with_input(BenchmarkId::new(format!("top{top}"), n), &instance, |bench, i| {
                bench.iter(|| run_solve(i, top))
            });
        }
    }
    group.finish();
}

/// The mixed instance (issue 22): 10^4 problems — conflicts, deadlocks and pending
/// conditions, with every move of DESIGN §5 — as `bench/clingo/moves.sh` gives clingo.
fn mixed(c: &mut Criterion) {
    let mut group = c.benchmark_group("concede-mixed");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for n in [1_000, 10_000] {
        let instance = armistice::concede::mixed_instance(n, 1);
        group.throughput(Throughput::Elements(instance.conflicts.len() as u64));
        for top in [1, 5] {
            group.bench_with_input(BenchmarkId::new(format!("top{top}"), n), &instance, |bench, i| {
                bench.iter(|| run_solve(i, top))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, concede, component, mixed);
criterion_main!(benches);
