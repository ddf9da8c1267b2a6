//! Benchmark: comparing two loaded proposals (`engine::analyze`), at several sizes.
//! `ARMISTICE_BENCH_LARGE=1` adds 10^5 terms.

mod common;

use std::time::Duration;

use common::{Fixture, run_compare};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn compare(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for n in common::sizes() {
        let f = Fixture::new(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &f, |bench, f| {
            bench.iter_batched(
                || f.pair(),
                |pair| run_compare(pair, &f.vocab),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
