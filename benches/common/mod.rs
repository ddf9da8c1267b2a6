//! The workloads the benchmarks time, shared by every bench target and by
//! `tests/it/bench_smoke.rs` (which runs each of them once at a small size, untimed).
//!
//! A [`Fixture`] is a generated pair (`armistice::generate`, default mix) serialized
//! to JSON text and also loaded; each `run_*` function is exactly what one benchmark
//! times.

// Each bench target uses only some of these.
#![allow(dead_code)]

use armistice::concede::{self, CostTable, Instance, Options, Solution, SolveError};
use armistice::diff::{DiffOptions, ProposalDiff};
use armistice::engine::{Analysis, Baseline, EngineError, Revision};
use armistice::generate::{Spec, generate};
use armistice::load::{SourceFile, parse_proposal, resolve_owned};
use armistice::model::{Modality, Proposal};
use armistice::resolved::ResolvedProposal;
use armistice::vocab::Vocab;

/// The sizes (terms in the first proposal) every benchmark runs at, and the larger
/// ones when `ARMISTICE_BENCH_LARGE` is set (to anything but `0`).
pub(crate) fn sizes() -> Vec<usize> {
    let mut sizes = vec![100, 1_000, 10_000];
    if std::env::var("ARMISTICE_BENCH_LARGE").is_ok_and(|v| v != "0") {
        sizes.push(100_000);
    }
    sizes
}

/// A generated workload, as text and loaded.
pub(crate) struct Fixture {
    /// Terms in the first proposal.
    pub terms: usize,
    /// The default vocabulary with the generated sector taxonomy.
    pub vocab: Vocab,
    /// `a.json`, `b.json` and `a-next.json` as the generator writes them.
    pub texts: [String; 3],
    /// The three proposals, loaded.
    pub loaded: [ResolvedProposal; 3],
}

impl Fixture {
    /// Generates and loads the workload of `terms` terms (seed 1).
    pub(crate) fn new(terms: usize) -> Fixture {
        let w = generate(&Spec::new(terms, 1));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap_or_else(|e| {
            eprintln!("generated vocabulary is invalid: {e:?}");
            std::process::exit(2)
        });
        let texts = [&w.a, &w.b, &w.a_next].map(|p| serde_json::to_string(p).unwrap_or_default());
        let loaded = [w.a, w.b, w.a_next].map(|p| loaded(resolve_owned(p, &vocab).0));
        Fixture {
            terms,
            vocab,
            texts,
            loaded,
        }
    }

    /// Input size of a compare (the bytes of `a.json` and `b.json`).
    pub(crate) fn compare_bytes(&self) -> u64 {
        (self.texts[0].len() + self.texts[1].len()) as u64
    }

    /// The two proposals compared, cloned (the engine takes them by value).
    pub(crate) fn pair(&self) -> Vec<ResolvedProposal> {
        vec![self.loaded[0].clone(), self.loaded[1].clone()]
    }

    /// The first proposal with one term (the middle one) changed: its modality flipped.
    pub(crate) fn one_edit(&self) -> ResolvedProposal {
        let mut p: Proposal = self.loaded[0].proposal.clone();
        let middle = p.terms.len() / 2;
        if let Some(t) = p.terms.get_mut(middle) {
            t.modality = if t.modality == Modality::MustNot {
                Modality::Must
            } else {
                Modality::MustNot
            };
        }
        loaded(resolve_owned(p, &self.vocab).0)
    }
}

fn loaded(p: Option<ResolvedProposal>) -> ResolvedProposal {
    p.unwrap_or_else(|| {
        eprintln!("a generated proposal does not resolve");
        std::process::exit(2)
    })
}

/// Load: parse one proposal's JSON text (as `armistice` reads a file) and resolve it.
pub(crate) fn run_load(text: &str, vocab: &Vocab) -> Option<ResolvedProposal> {
    let file = SourceFile::from_text("bench.json", text);
    let proposal = parse_proposal(&file).ok()?;
    resolve_owned(proposal, vocab).0
}

/// Compare: the full analysis of two loaded proposals.
pub(crate) fn run_compare(pair: Vec<ResolvedProposal>, vocab: &Vocab) -> Result<Analysis, EngineError> {
    armistice::engine::analyze(pair, vocab)
}

/// Diff: `a.json` against `a-next.json` (1% of terms changed).
pub(crate) fn run_diff(f: &Fixture) -> ProposalDiff {
    armistice::diff::diff(&f.loaded[0], &f.loaded[2], &f.vocab, &DiffOptions::default())
}

/// One-edit what-if, as `armistice whatif` runs one: the analysis again with the first
/// proposal replaced by `edited` (keyed when it was resolved, as `whatif` does), from
/// a baseline whose keys were made once.
pub(crate) fn run_reanalyze(
    base: &Baseline,
    edited: Revision,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    base.reanalyze_revised(vec![(0, edited)], vocab)
        .map(Baseline::into_analysis)
}

/// The concession instance of an analysis, as `armistice concede` builds it
/// (`armistice::concede::problem`): every term in a conflict (direct or indirect) is a
/// candidate withdrawal priced by priority, every conflict an edge.
pub(crate) fn concede_instance(analysis: &Analysis) -> Instance {
    concede::problem(analysis, &CostTable::default()).instance
}

/// Concede: the exact solver on an instance, for the `top` cheapest packages.
pub(crate) fn run_solve(instance: &Instance, top: usize) -> Result<Solution, SolveError> {
    concede::solve(
        instance,
        &Options {
            top,
            ..Options::default()
        },
    )
}
