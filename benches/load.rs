//! Benchmark: loading a proposal (parse its JSON text and resolve it against the
//! vocabulary), at several sizes. `ARMISTICE_BENCH_LARGE=1` adds 10^5 terms.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{Fixture, run_load};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for n in common::sizes() {
        let f = Fixture::new(n);
        group.throughput(Throughput::Bytes(f.texts[0].len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &f, |bench, f| {
            bench.iter(|| run_load(black_box(&f.texts[0]), &f.vocab))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
