//! The mixed concession instance of the benchmarks (`armistice::concede::mixed_instance`):
//! writes it as answer-set facts for `bench/clingo/moves.lp` and prints the optimum the
//! exact solver finds, with the time the solve took (median of the runs asked for).
//!
//! Usage: `concede_mixed PROBLEMS SEED FACTS.lp [RUNS]`; prints one line of JSON:
//! `{"problems": N, "concessions": M, "cost": C, "solver": "...", "seconds": [..]}`.

use std::time::Instant;

use armistice::concede::{Options, mixed_instance, solve, to_asp};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(seed), Some(out)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2).and_then(|a| a.parse::<u64>().ok()),
        args.get(3),
    ) else {
        eprintln!("usage: concede_mixed PROBLEMS SEED FACTS.lp [RUNS]");
        return std::process::ExitCode::from(2);
    };
    let runs = args
        .get(4)
        .and_then(|a| a.parse::<usize>().ok())
        .unwrap_or(3)
        .max(1);
    let instance = mixed_instance(n, seed);
    if let Err(e) = std::fs::write(out, to_asp(&instance)) {
        eprintln!("cannot write `{out}`: {e}");
        return std::process::ExitCode::from(2);
    }
    let mut seconds = Vec::new();
    let mut answer = None;
    for _ in 0..runs {
        let start = Instant::now();
        let solution = solve(&instance, &Options::default());
        seconds.push(start.elapsed().as_secs_f64());
        answer = Some(solution);
    }
    match answer {
        Some(Ok(s)) => {
            let cost = s.packages.first().map_or(0, |p| p.cost);
            println!(
                "{{\"problems\": {}, \"concessions\": {}, \"cost\": {cost}, \"solver\": \"{:?}\", \"seconds\": {seconds:?}}}",
                instance.conflicts.len(),
                instance.concessions.len(),
                s.solver
            );
            std::process::ExitCode::SUCCESS
        }
        Some(Err(e)) => {
            eprintln!("{e}");
            std::process::ExitCode::from(1)
        }
        None => std::process::ExitCode::from(1),
    }
}
