//! A driver for profiling the one-edit what-if (BENCHMARKS.md): generates
//! the pair of `N` terms (seed 1, as `benches/whatif.rs`), analyses it, then runs
//! `engine::Baseline::reanalyze` with the middle term of the first proposal's modality flipped,
//! and a full `engine::analyze` of the same edited pair. It uses mimalloc, as the
//! binary and the bench do.
//!
//! Usage: `whatif_probe [N] [REPEAT]` (default 10000 terms, 1 run). With `REPEAT`
//! above 1, `reanalyze` runs that many more times on the same analysis and the
//! fastest and median times are printed: warm runs, as the bench times them, for
//! `perf record`. Instruction counts, repeatable whatever the machine load:
//!
//! ```text
//! cargo build --release --example whatif_probe
//! valgrind --tool=callgrind --toggle-collect='armistice::engine::incremental::reanalyze_with*' \
//!     target/release/examples/whatif_probe 10000
//! valgrind --tool=callgrind --toggle-collect='armistice::engine::analyze_shared*' \
//!     target/release/examples/whatif_probe 10000
//! ```
//!
//! (the second also counts the base analysis, so it reports two analyses; halve it).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;
use std::time::Instant;

use armistice::engine;
use armistice::generate::{Spec, generate};
use armistice::load::resolve_owned;
use armistice::model::Modality;
use armistice::vocab::Vocab;

fn main() -> ExitCode {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let repeat: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let w = generate(&Spec::new(n, 1));
    let Ok(vocab) = Vocab::with_extensions(std::slice::from_ref(&w.vocab)) else {
        eprintln!("error: the generated vocabulary is invalid");
        return ExitCode::from(2);
    };
    let mut edited = w.a.clone();
    let middle = edited.terms.len() / 2;
    if let Some(t) = edited.terms.get_mut(middle) {
        t.modality = if t.modality == Modality::MustNot {
            Modality::Must
        } else {
            Modality::MustNot
        };
    }
    let (Some(a), Some(b), Some(edited)) = (
        resolve_owned(w.a, &vocab).0,
        resolve_owned(w.b, &vocab).0,
        resolve_owned(edited, &vocab).0,
    ) else {
        eprintln!("error: a generated proposal does not resolve");
        return ExitCode::from(2);
    };
    let Ok(base) = engine::analyze(vec![a, b.clone()], &vocab) else {
        eprintln!("error: the generated pair does not analyse");
        return ExitCode::from(2);
    };
    // As `armistice whatif` does: the baseline's keys made once, before any what-if.
    let base = engine::Baseline::new(base, &vocab);

    let start = Instant::now();
    let again = base
        .reanalyze(vec![(0, edited.clone())], &vocab)
        .map(engine::Baseline::into_analysis);
    let incremental = start.elapsed();
    let start = Instant::now();
    let full_edited = edited.clone();
    let full = engine::analyze(vec![edited, b], &vocab);
    let whole = start.elapsed();
    let (Ok(again), Ok(full)) = (again, full) else {
        eprintln!("error: the edited pair does not analyse");
        return ExitCode::from(2);
    };
    if repeat > 1 {
        let mut times: Vec<_> = (0..repeat)
            .map(|_| {
                // Keyed when resolved, as `whatif` does, before the step timed.
                let edited = engine::Revision::new(full_edited.clone(), &vocab);
                let start = Instant::now();
                let again = base.reanalyze_revised(vec![(0, edited)], &vocab);
                let took = start.elapsed();
                drop(again);
                took
            })
            .collect();
        times.sort_unstable();
        println!(
            "{repeat} more reanalyze runs: fastest {:?}, median {:?}",
            times[0],
            times[repeat / 2]
        );
    }
    let relations = |a: &engine::Analysis| a.pairs.iter().map(|p| p.relations.len()).sum::<usize>();
    println!(
        "{n} terms: reanalyze {incremental:?}, analyze {whole:?}; {} relations, same pairs: {}",
        relations(&again),
        again.pairs == full.pairs
    );
    if std::env::var_os("WHATIF_PROBE_STATS").is_some() {
        for p in &again.pairs {
            eprintln!("{:?}; blocked {}", p.counts(), p.blocked.len());
        }
        eprintln!(
            "sizes: relation {} atom {} open {} blocked {}",
            std::mem::size_of::<engine::Relation>(),
            std::mem::size_of::<engine::Atom>(),
            std::mem::size_of::<engine::Open>(),
            std::mem::size_of::<engine::Blocked>()
        );
    }
    ExitCode::SUCCESS
}
