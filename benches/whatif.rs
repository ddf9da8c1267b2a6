//! Benchmark: a one-edit what-if. `reanalyze` with one term of the first proposal
//! changed, against a full `analyze` of the same edited pair, at several sizes.
//! `ARMISTICE_BENCH_LARGE=1` adds 10^5 terms, the size at which a one-edit what-if
//! must take at most 1/20 of a full analysis.
//!
//! It runs with mimalloc, the allocator the `armistice` binary uses: a what-if copies
//! the unchanged parts of the analysis, which is allocation-heavy (BENCHMARKS.md also
//! gives the figures with the system allocator, which the other benches use).

mod common;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Duration;

use common::{Fixture, run_compare, run_reanalyze};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

fn whatif(c: &mut Criterion) {
    let mut group = c.benchmark_group("whatif");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for n in common::sizes() {
        let f = Fixture::new(n);
        let Ok(base) = run_compare(f.pair(), &f.vocab) else {
            eprintln!("the generated pair of {n} terms does not analyse");
            continue;
        };
        let base = armistice::engine::Baseline::new(base, &f.vocab);
        let edited = f.one_edit();
        group.bench_with_input(BenchmarkId::new("reanalyze", n), &f, |bench, f| {
            bench.iter_batched(
                || armistice::engine::Revision::new(edited.clone(), &f.vocab),
                |e| run_reanalyze(&base, e, &f.vocab),
                BatchSize::PerIteration,
            )
        });
        group.bench_with_input(BenchmarkId::new("analyze", n), &f, |bench, f| {
            bench.iter_batched(
                || vec![edited.clone(), f.loaded[1].clone()],
                |pair| run_compare(pair, &f.vocab),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, whatif);
criterion_main!(benches);
