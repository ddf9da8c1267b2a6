//! Every command on every adversarial shape (`armistice generate --shape`, see
//! `src/generate/shapes.rs`) under a memory cap: it finishes (exit 0 or 1), or it stops
//! at a named limit (exit 2, the message naming the `--max-…` flag that raises it).
//! Never a crash, an abort or a kill. How long each takes is measured in the benchmark
//! (`bench/adversarial.sh`, BENCHMARKS.md), not here.

use std::path::{Path, PathBuf};
use std::process::Command;

use armistice::generate::shapes::Shape;

use crate::support::cli::armistice;

/// The address space each run may use, in KiB (`ulimit -v`): 3 GiB, a tenth of what
/// the unbounded paths of 0.1.0 needed at the benchmark's sizes.
const MEMORY_KIB: u64 = 3 << 20;

/// The size of each shape here: large enough that a quadratic path in memory would
/// go past the cap (or take minutes), small enough for a debug build.
fn size(shape: Shape) -> usize {
    match shape {
        Shape::DeepActions | Shape::DeepLabels => 20_000,
        Shape::Wide => 2_000,
        Shape::Many => 300,
        Shape::Identical | Shape::Conflict | Shape::Chain => 300,
        // 1024 scenarios, each a what-if of its own.
        Shape::Sweep => 40,
    }
}

/// Writes `shape` into `dir`; its proposals, vocabulary and scenario file.
fn generate(shape: Shape, dir: &Path) -> (Vec<PathBuf>, Option<PathBuf>, Option<PathBuf>) {
    let n = size(shape).to_string();
    let out = armistice()
        .args(["generate", "--shape", shape.name(), "--terms", &n, "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut proposals: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !["vocab.json", "scenarios.json"].contains(&p.file_name().unwrap().to_str().unwrap()))
        .collect();
    proposals.sort();
    let extra = |name: &str| Some(dir.join(name)).filter(|p| p.exists());
    (proposals, extra("vocab.json"), extra("scenarios.json"))
}

/// Runs the binary with `args` under the memory cap; the exit code (-1 for a signal)
/// and standard error.
fn capped(args: &[String]) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("armistice");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every command's arguments on one shape.
fn commands(
    dir: &Path,
    proposals: &[PathBuf],
    vocab: Option<&Path>,
    scenarios: Option<&Path>,
) -> Vec<Vec<String>> {
    let s = |p: &Path| p.display().to_string();
    let files: Vec<String> = proposals.iter().map(|p| s(p)).collect();
    let first = proposals[0].clone();
    let first_id = {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
        format!(
            "{}/{}",
            v["id"].as_str().unwrap(),
            v["terms"][0]["id"].as_str().unwrap()
        )
    };
    let with_vocab = |mut args: Vec<String>| {
        if let Some(v) = vocab {
            args.extend(["--vocab".to_owned(), s(v)]);
        }
        args
    };
    let cmd =
        |name: &str, rest: Vec<String>| with_vocab([vec![name.to_owned(), "-q".to_owned()], rest].concat());
    let whatif_edit = match scenarios {
        Some(sc) => vec!["--scenarios".to_owned(), s(sc)],
        None => vec!["--drop".to_owned(), first_id],
    };
    let mut all = vec![
        with_vocab([vec!["check".to_owned()], files.clone()].concat()),
        cmd("compare", files.clone()),
        cmd("graph", files.clone()),
        cmd(
            "report",
            [
                files.clone(),
                vec!["-o".to_owned(), s(&dir.join("brief.html")), "--force".to_owned()],
            ]
            .concat(),
        ),
        cmd("diff", files[..2].to_vec()),
        cmd("whatif", [files.clone(), whatif_edit].concat()),
        cmd("concede", files.clone()),
        vec!["fmt".to_owned(), "--check".to_owned(), s(&first)],
    ];
    if vocab.is_some() {
        all.push(with_vocab(vec!["vocab".to_owned()]));
    }
    all
}

#[test]
fn every_command_on_every_shape_finishes_or_stops_at_a_limit() {
    let mut failures = Vec::new();
    for shape in Shape::ALL {
        let dir = tempfile::tempdir().unwrap();
        let (proposals, vocab, scenarios) = generate(shape, dir.path());
        for args in commands(dir.path(), &proposals, vocab.as_deref(), scenarios.as_deref()) {
            let (code, stderr) = capped(&args);
            let at_limit = code == 2 && stderr.contains("--max-");
            if !(code == 0 || code == 1 || at_limit) {
                let tail: String = stderr.chars().take(600).collect();
                failures.push(format!("{} {}: exit {code}\n{tail}", shape.name(), args[0]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
