//! Prints the precision and recall of `armistice draft` on the evaluation set
//! (`bench/draft-eval/cases`, or the folder given): `cargo run --example draft_eval`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("bench/draft-eval/cases"), PathBuf::from);
    let vocab = match armistice::vocab::Vocab::default_pack() {
        Ok(v) => v,
        Err(_) => {
            eprintln!("error: the default vocabulary does not resolve");
            return ExitCode::from(2);
        }
    };
    match armistice::draft::eval::evaluate(&dir, &vocab) {
        Ok(score) => {
            print!("{}", armistice::draft::eval::render(&score));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
