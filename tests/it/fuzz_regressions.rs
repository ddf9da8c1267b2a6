//! The fuzz targets' inputs as ordinary tests on stable: every file of the committed
//! minimized corpus (`fuzz/corpus/<target>/`) and every crash the fuzzers found
//! (`fuzz/regressions/<target>/`, each named after what it found) goes through the
//! same harness the targets run (`fuzz/src/harness.rs`), without libFuzzer.

mod harness {
    #![allow(dead_code, unreachable_pub)]
    include!("../../fuzz/src/harness.rs");
}

use std::path::Path;

/// Runs `target` on every file under `fuzz/<dir>/<name>/`; returns how many there were.
fn run_all(dir: &str, name: &str, target: fn(&[u8])) -> usize {
    let folder = Path::new(crate::support::ROOT).join("fuzz").join(dir).join(name);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return 0;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "{name}: {} panics", path.display());
    }
    files.len()
}

fn corpus_and_crashes(name: &str, target: fn(&[u8])) {
    let corpus = run_all("corpus", name, target);
    assert!(corpus > 0, "fuzz/corpus/{name} is empty");
    run_all("regressions", name, target);
}

#[test]
fn load() {
    corpus_and_crashes("load", harness::load);
}

#[test]
fn compare() {
    corpus_and_crashes("compare", harness::compare);
}

#[test]
fn edit() {
    corpus_and_crashes("edit", harness::edit);
}

#[test]
fn diff() {
    corpus_and_crashes("diff", harness::diff);
}

#[test]
fn concede() {
    corpus_and_crashes("concede", harness::concede);
}

#[test]
fn report() {
    corpus_and_crashes("report", harness::report);
}

#[test]
fn fmt() {
    corpus_and_crashes("fmt", harness::fmt);
}
