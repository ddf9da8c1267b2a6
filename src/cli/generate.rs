//! `armistice generate` (hidden): writes a synthetic workload for benchmarks —
//! `a.json`, `b.json`, `a-next.json` and the vocabulary extension `vocab.json`.

use std::path::PathBuf;

use super::Exit;
use super::common::{clobbers, print_error, write_atomic};
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
}

/// Runs `armistice generate`.
pub(crate) fn run(args: Args) -> Exit {
    let w = generate(&Spec::new(args.terms, args.seed));
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create `{}`: {e}", args.out.display());
        return Exit::Error;
    }
    let files: [(&str, serde_json::Result<Vec<u8>>); 4] = [
        ("vocab.json", to_json(&w.vocab, args.pretty)),
        ("a.json", to_json(&w.a, args.pretty)),
        ("b.json", to_json(&w.b, args.pretty)),
        ("a-next.json", to_json(&w.a_next, args.pretty)),
    ];
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
