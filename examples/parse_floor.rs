//! The parse floor of the benchmarks (bench/peers.sh, BENCHMARKS.md): reads proposal
//! files and parses them with serde_json alone, into `serde_json::Value` or into the
//! typed `armistice::model::Proposal`, with no validation or analysis. What `armistice
//! compare` costs beyond this is what the analysis adds to reading the input.
//!
//! Usage: `parse_floor value|proposal FILE...` (prints the number of terms parsed).

use std::process::ExitCode;

use armistice::model::Proposal;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let files: Vec<String> = args.collect();
    if !matches!(mode.as_str(), "value" | "proposal") || files.is_empty() {
        eprintln!("usage: parse_floor value|proposal FILE...");
        return ExitCode::from(2);
    }
    let mut terms = 0usize;
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read `{path}`: {e}");
                return ExitCode::from(2);
            }
        };
        let parsed = if mode == "value" {
            serde_json::from_str::<serde_json::Value>(&text)
                .map(|v| v.get("terms").and_then(|t| t.as_array()).map_or(0, Vec::len))
        } else {
            serde_json::from_str::<Proposal>(&text).map(|p| p.terms.len())
        };
        match parsed {
            Ok(n) => terms += n,
            Err(e) => {
                eprintln!("error: cannot parse `{path}`: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{terms} terms");
    ExitCode::SUCCESS
}
