//! Memory and quadratic paths (robustness cases 01, 02, 03 and 09, TABLE rows 75 and
//! 109), on inputs generated here: every term the same, so that every term of one side
//! meets every term of the other. Each test asserts only that a run finishes with the
//! expected exit code, within a memory cap where memory was the bug, or stops at the
//! named limit; nothing is timed.

use std::path::{Path, PathBuf};

use armistice::concede::{CostTable, Options, Packages, concessions};
use armistice::engine::{self, BlockStatus, Direction, Finding};
use armistice::whatif::{Outcome, Scenario, Summary, evaluate, evaluate_one};
use serde_json::{Value, json};

use crate::support::cli::{Run, armistice};
use crate::support::{self, resolve_json};

/// A proposal `id` of `n` terms, each `RU <modality> hostilities` for 30 days.
fn same_terms(id: &str, n: usize, modality: &str) -> Value {
    let terms: Vec<Value> = (0..n)
        .map(|i| {
            json!({ "id": format!("t{i}"), "subject": "RU", "modality": modality,
                "action": "hostilities", "window": { "days": 30 }, "text": "x", "source": "s" })
        })
        .collect();
    json!({ "id": id, "by": ["US"], "source": "s", "terms": terms })
}

/// Proposal `p` of `k` conceding proposals of `n` terms: term `i` of each on day `i`
/// alone, `must` or `must_not` by turns across proposals, so that for each day every
/// two proposals conflict (case 09's generator).
fn conceding(p: usize, n: usize) -> Value {
    let by = ["US", "RU", "UA", "EU", "UK", "FR"][p % 6];
    let terms: Vec<Value> = (0..n)
        .map(|i| {
            let modality = if (p + i) % 2 == 1 { "must" } else { "must_not" };
            let priority = ["core", "normal", "minor"][(p * 7 + i) % 3];
            json!({ "id": format!("t{i}"), "subject": "RU", "modality": modality,
                "action": "hostilities", "window": { "from": i, "to": i + 1 },
                "priority": priority, "text": "x" })
        })
        .collect();
    json!({ "id": format!("cc{p}"), "by": [by], "source": "s", "terms": terms })
}

/// Writes `v` as `dir/name`.
fn write(dir: &Path, name: &str, v: &Value) -> String {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, serde_json::to_string(v).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

/// `armistice ARGS` with its address space capped at `kib` KiB (`ulimit -v`), so that
/// a run that keeps what it should not ends in an allocation failure instead of
/// finishing.
fn capped(kib: u64, args: &[&str]) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("armistice");
    let script = format!("ulimit -v {kib}; exec \"$0\" \"$@\"");
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.arg("-c").arg(script).arg(bin).args(args);
    Run::of(&mut cmd)
}

/// Case 01: the briefing's side-by-side rows of 200 × 200 conflicting terms (40,000
/// relations in one row) are grouped through an index; the quadratic grouping took
/// seconds at this size and minutes at 1000.
#[test]
fn report_of_an_all_conflicting_pair_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &same_terms("a", 200, "must_not"));
    let k = write(dir.path(), "k.json", &same_terms("k", 200, "must"));
    let out = dir.path().join("brief.html");
    let run = Run::of(
        armistice()
            .arg("report")
            .args([&a, &k])
            .arg("-o")
            .arg(&out)
            .args(["--max-nodes", "100", "--time-limit", "1"]),
    );
    assert_eq!(run.code, 0, "the page is written: {}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Point by point") && html.matches("<tr class=\"align").count() == 1);
}

/// Case 02: relations are counted as they are found, and a pair stops at
/// `--max-relations` with exit 2 and the flag named; one more allowed, it passes.
#[test]
fn relations_stop_at_their_limit() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &same_terms("a", 300, "must_not"));
    let b = write(dir.path(), "b.json", &same_terms("b", 300, "must_not"));
    let hit = Run::of(armistice().args(["compare", "-q", &a, &b, "--max-relations", "89999"]));
    assert_eq!(hit.code, 2, "{}", hit.stderr);
    assert!(
        hit.stderr.contains("more than 89999 relations") && hit.stderr.contains("`--max-relations N`"),
        "{}",
        hit.stderr
    );
    let fits = Run::of(armistice().args(["compare", "-q", &a, &b, "--max-relations", "90000"]));
    assert_eq!(fits.code, 0, "{}", fits.stderr);
    // A what-if whose edit relates one more term to all 300 goes past the limit: the
    // scenario is invalid, with the flag named, and the run exits 2.
    let add = r#"a={"id":"t-new","subject":"RU","modality":"must_not","action":"hostilities","window":{"days":30},"text":"x"}"#;
    let run = Run::of(armistice().args(["whatif", &a, &b, "--max-relations", "90000", "--add", add]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`--max-relations N`"), "{}", run.stderr);
}

/// Case 03: a sweep keeps of each scenario its summary and changes, not its analysis;
/// the summary is the analysis's.
#[test]
fn a_sweep_keeps_summaries_not_analyses() {
    let vocab = support::vocab();
    let (a, b) = (same_terms("a", 40, "must_not"), same_terms("b", 40, "must"));
    let base = engine::analyze(vec![resolve_json(&a, &vocab), resolve_json(&b, &vocab)], &vocab).unwrap();
    let scenarios: Vec<Scenario> = (0..4)
        .map(|i| Scenario::command_line(vec![armistice::whatif::parse_drop(&format!("a/t{i}")).unwrap()]))
        .collect();
    let keyed = engine::Baseline::new(base.clone(), &vocab);
    let result = evaluate(base, scenarios.clone(), &vocab);
    assert_eq!(result.scenarios.len(), 4);
    for (s, scenario) in result.scenarios.iter().zip(&scenarios) {
        let Outcome::Evaluated(e) = &s.outcome else {
            panic!("{:?}", s.outcome)
        };
        assert!(e.analysis.is_none(), "a sweep keeps no analysis");
        assert_eq!(e.edited, ["a"]);
        let Outcome::Evaluated(full) = evaluate_one(&keyed, scenario, &vocab) else {
            panic!()
        };
        let analysis = full.analysis.as_ref().unwrap();
        assert_eq!(e.summary, Summary::of(analysis));
        assert_eq!(e.summary.pairs[0].counts.conflicts, 39 * 40);
    }
}

/// Case 03 on the command line: a sweep of 5 edits (32 scenarios) on 150 × 150
/// conflicting terms finishes under a 1.5 GB cap.
#[test]
fn a_sweep_finishes_under_a_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &same_terms("a", 150, "must_not"));
    let b = write(dir.path(), "b.json", &same_terms("b", 150, "must"));
    let sweep: Vec<Value> = (0..5)
        .map(|i| json!({ "op": "drop", "term": format!("a/t{i}") }))
        .collect();
    let file = write(
        dir.path(),
        "sweep.json",
        &json!({ "scenarios": [{ "name": "s", "sweep": sweep }] }),
    );
    let run = capped(1_500_000, &["whatif", "-q", &a, &b, "--scenarios", &file]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// Case 09: each package of `concede --top` keeps its summary and the terms it
/// unblocks, no analysis and no edited proposals.
#[test]
fn concession_packages_keep_what_their_reports_show() {
    let vocab = support::vocab();
    let resolved = (0..3).map(|p| resolve_json(&conceding(p, 12), &vocab)).collect();
    let base = engine::analyze(resolved, &vocab).unwrap();
    let options = Options {
        top: 20,
        ..Options::default()
    };
    let c = concessions(base, &CostTable::default(), &options, &vocab, &mut |_| {}).unwrap();
    let Packages::Found { packages, .. } = &c.packages else {
        panic!("{:?}", c.packages)
    };
    assert!(packages.len() > 1);
    for k in packages {
        let Outcome::Evaluated(e) = &k.outcome else {
            panic!("{:?}", k.outcome)
        };
        assert!(e.analysis.is_none() && e.changed.is_empty());
        assert!(!e.edited.is_empty() && !e.summary.has_conflict());
        for c in e.pairs.iter().flat_map(|pc| &pc.changes) {
            assert_eq!(c.change.direction, Direction::Lost);
            assert!(matches!(
                c.change.finding,
                Finding::Held {
                    status: BlockStatus::Blocked,
                    ..
                }
            ));
            assert!(c.witnesses.is_empty() && c.held_by.is_empty());
        }
    }
}

/// Case 09 on the command line: `--top 300` over five proposals finishes under a cap.
#[test]
fn concede_top_finishes_under_a_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = (0..5)
        .map(|p| write(dir.path(), &format!("cc{p}.json"), &conceding(p, 40)))
        .collect();
    let mut args = vec!["concede", "-q", "--top", "300"];
    args.extend(files.iter().map(String::as_str));
    let run = capped(1_500_000, &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// TABLE row 75: `-o` into a missing folder is refused before any work, by every
/// command that writes one: with a relation limit of 1 the analysis would have failed
/// otherwise.
#[test]
fn output_into_a_missing_folder_is_refused_first() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &same_terms("a", 3, "must_not"));
    let b = write(dir.path(), "b.json", &same_terms("b", 3, "must"));
    let out = dir.path().join("nope/deeper/x.out");
    let out = out.to_string_lossy();
    let limited = ["--max-relations", "1"];
    for cmd in [
        vec!["compare", &a, &b],
        vec!["report", &a, &b],
        vec!["graph", &a, &b],
        vec!["concede", &a, &b],
        vec!["whatif", &a, &b, "--drop", "a/t0"],
    ] {
        let run = Run::of(armistice().args(&cmd).args(limited).args(["-o", &out]));
        assert_eq!(run.code, 2, "{cmd:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("folder") && run.stderr.contains("does not exist"),
            "{cmd:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("relations"), "{cmd:?}: {}", run.stderr);
    }
    for cmd in [vec!["diff", &a, &b], vec!["check", &a], vec!["schema"]] {
        let run = Run::of(armistice().args(&cmd).args(["-o", &out]));
        if run.code == 2 && run.stderr.contains("unexpected argument") {
            continue;
        }
        assert_eq!(run.code, 2, "{cmd:?}: {}", run.stderr);
        assert!(run.stderr.contains("does not exist"), "{cmd:?}: {}", run.stderr);
    }
    assert!(!dir.path().join("nope").exists());
}

/// TABLE row 109: a sweep of 10 drops whose scenarios are nearly all invalid (each
/// drops a term another requires) prints at most 50 errors, each located in the
/// scenario file, and counts the rest.
#[test]
fn a_sweep_prints_at_most_50_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let chained = |id: &str| {
        let terms: Vec<Value> = (0..11)
            .map(|i| {
                let mut t = json!({ "id": format!("t{i}"), "subject": "RU", "modality": "must_not",
                    "action": "hostilities", "text": "x" });
                if i < 10 {
                    t["requires"] = json!([{ "term": format!("t{}", i + 1) }]);
                }
                t
            })
            .collect();
        json!({ "id": id, "by": ["US"], "source": "s", "terms": terms })
    };
    let a = write(dir.path(), "a.json", &chained("a"));
    let b = write(dir.path(), "b.json", &chained("b"));
    let sweep: Vec<Value> = (1..11)
        .map(|i| json!({ "op": "drop", "term": format!("a/t{i}") }))
        .collect();
    let file = write(
        dir.path(),
        "sweep.json",
        &json!({ "scenarios": [{ "name": "s", "sweep": sweep }] }),
    );
    let run = Run::of(
        armistice()
            .args(["whatif", "-q", &a, &b, "--scenarios", &file])
            .env("NO_COLOR", "1"),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: scenario"))
        .count();
    assert_eq!(errors, 50, "{}", run.stderr);
    assert_eq!(run.stderr.matches(" --> ").count(), 50, "each located");
    assert!(run.stderr.contains("more errors in"), "{}", run.stderr);
}

/// A term renamed many times over in one scenario is followed through its renames
/// by a map (it was a scan of the renames for each): the original name maps to the
/// last.
#[test]
fn renames_are_followed_without_a_scan() {
    let p = support::proposal(same_terms("a", 2, "must_not"));
    let mut edits = Vec::new();
    let mut name = "t0".to_owned();
    for i in 0..2000 {
        let next = format!("r{i}");
        edits.push(armistice::whatif::ScenarioEdit {
            edit: armistice::whatif::parse_edit(&format!("set a/{name} id={next}")).unwrap(),
            origin: None,
        });
        name = next;
    }
    edits.push(armistice::whatif::ScenarioEdit {
        edit: armistice::whatif::parse_edit("set a/t1 id=u1").unwrap(),
        origin: None,
    });
    let edited = armistice::whatif::apply_edits(&[&p], &edits).unwrap();
    assert_eq!(edited.renames.len(), 2, "{:?}", edited.renames);
    assert_eq!(edited.renames["a/t0"], "a/r1999");
    assert_eq!(edited.renames["a/t1"], "a/u1");
}
