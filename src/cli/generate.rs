//! `armistice generate` (hidden): writes a synthetic workload for benchmarks —
//! `a.json`, `b.json`, `a-next.json` and the vocabulary extension `vocab.json` — or,
//! with `--shape`, an adversarial one (see [`crate::generate::shapes`]).

use std::path::PathBuf;

use super::Exit;
use super::common::{clobbers, print_error, write_atomic};
use crate::generate::shapes::{Shape, shape};
use crate::generate::{Spec, generate};

/// Arguments of `armistice generate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Terms in the first proposal.
    #[arg(long, default_value_t = 1000)]
    pub(crate) terms: usize,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Folder to write the files into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Indent the JSON (larger files, closer to hand-written ones).
    #[arg(long)]
    pub(crate) pretty: bool,
    /// Replace the files if they exist.
    #[arg(long)]
    pub(crate) force: bool,
    /// Write an adversarial workload of this shape instead, `--terms` terms a side (or
    /// levels deep): its proposals, and `vocab.json` and `scenarios.json` where the
    /// shape has them.
    #[arg(long, value_name = "SHAPE", value_parser = shape_names())]
    pub(crate) shape: Option<String>,
}

fn shape_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Shape::ALL.map(Shape::name))
}

/// Runs `armistice generate`.
pub(crate) fn run(args: Args) -> Exit {
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create `{}`: {e}", args.out.display());
        return Exit::Error;
    }
    let files: Vec<(String, serde_json::Result<Vec<u8>>)> =
        match args.shape.as_deref().and_then(Shape::from_name) {
            Some(s) => {
                let f = shape(s, args.terms);
                let extra = [("vocab.json", f.vocab), ("scenarios.json", f.scenarios)];
                f.proposals
                    .into_iter()
                    .chain(extra.into_iter().filter_map(|(n, v)| Some((n.to_owned(), v?))))
                    .map(|(name, v)| (name, to_json(&v, args.pretty)))
                    .collect()
            }
            None => {
                let w = generate(&Spec::new(args.terms, args.seed));
                vec![
                    ("vocab.json".to_owned(), to_json(&w.vocab, args.pretty)),
                    ("a.json".to_owned(), to_json(&w.a, args.pretty)),
                    ("b.json".to_owned(), to_json(&w.b, args.pretty)),
                    ("a-next.json".to_owned(), to_json(&w.a_next, args.pretty)),
                ]
            }
        };
    let refused: Vec<String> = files
        .iter()
        .filter_map(|(name, _)| clobbers(&args.out.join(name), &[], args.force))
        .collect();
    if !refused.is_empty() {
        refused.iter().for_each(|m| print_error(m));
        return Exit::Error;
    }
    for (name, bytes) in files {
        let path = args.out.join(name);
        let written = bytes
            .map_err(|e| e.to_string())
            .and_then(|b| write_atomic(&path, &b).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return Exit::Error;
        }
    }
    Exit::Clean
}

fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> serde_json::Result<Vec<u8>> {
    let mut bytes = if pretty {
        serde_json::to_vec_pretty(value)?
    } else {
        serde_json::to_vec(value)?
    };
    bytes.push(b'\n');
    Ok(bytes)
}
