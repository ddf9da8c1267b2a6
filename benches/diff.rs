//! Benchmark: diffing a proposal against its next version (1% of terms changed), at
//! several sizes. `ARMISTICE_BENCH_LARGE=1` adds 10^5 terms.

mod common;

use std::time::Duration;

use common::{Fixture, run_diff};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn diff(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for n in common::sizes() {
        let f = Fixture::new(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &f, |bench, f| {
            bench.iter(|| run_diff(f))
        });
    }
    group.finish();
}

criterion_group!(benches, diff);
criterion_main!(benches);
