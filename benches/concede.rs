//! Benchmark: the exact concession solver (`concede::solve`) on the conflict instance
//! of a generated pair, built as `armistice concede` builds it. 25 600 terms give
//! 14 745 conflicts, above the 10^4 conflicts that the solver is to settle exactly in
//! under a second. `ARMISTICE_BENCH_LARGE=1` adds 10^5 terms.

mod common;

use std::time::Duration;

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

criterion_group!(benches, concede);
criterion_main!(benches);
