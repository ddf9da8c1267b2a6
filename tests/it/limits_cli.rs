//! The limits on the built binary (docs/limits.md): each one hit with a small flag
//! value on a small input, its message snapshotted (what, where, the limit, the flag),
//! exit 2; then the same input passes with the limit raised. Also the depth ceiling,
//! and the flags in the manual page.

use crate::support::cli::{Run, armistice};
use crate::support::{RU, US};

const NESTED: &str = "tests/fixtures/limits/nested.json";
const SWEEP: &str = "tests/fixtures/limits/sweep.json";

/// `armistice CMD ARGS`.
fn run(cmd: &str, args: &[&str]) -> Run {
    Run::of(armistice().arg(cmd).args(args))
}

/// Runs `cmd args low` and expects exit 2, then `cmd args high` and expects `passes`;
/// returns the first run's standard error.
fn hit_then_raised(cmd: &str, args: &[&str], low: &[&str], high: &[&str], passes: i32) -> String {
    let hit = run(cmd, &[args, low].concat());
    assert_eq!(hit.code, 2, "{}", hit.stderr);
    let raised = run(cmd, &[args, high].concat());
    assert_eq!(raised.code, passes, "{}", raised.stderr);
    hit.stderr
}

#[test]
fn file_size() {
    let err = hit_then_raised(
        "check",
        &[NESTED, "--color=never"],
        &["--max-file-size", "100"],
        &["--max-file-size", "1KiB"],
        0,
    );
    insta::assert_snapshot!(err);
    let Run { stderr, code, .. } = run("check", &[NESTED, "--max-file-size", "1 parsec"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a size"), "{stderr}");
}

#[test]
fn file_size_applies_to_vocabularies_scenarios_and_fmt() {
    let Run { stderr, code, .. } = run(
        "vocab",
        &[
            "--vocab",
            "tests/fixtures/vocab/extension.json",
            "--max-file-size",
            "10",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("more than the limit of 10 bytes"), "{stderr}");
    let Run { stderr, code, .. } = run("whatif", &[US, RU, "--scenarios", SWEEP, "--max-file-size", "10"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("sweep.json`: the file has"), "{stderr}");
    let Run { stderr, code, .. } = run("fmt", &["--check", NESTED, "--max-file-size", "10"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--max-file-size SIZE"), "{stderr}");
}

#[test]
fn depth() {
    let err = hit_then_raised(
        "check",
        &[NESTED, "--color=never"],
        &["--max-depth", "3"],
        &["--max-depth", "4"],
        0,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn depth_has_a_ceiling() {
    let Run { stderr, code, .. } = run("check", &[NESTED, "--max-depth", "1025"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("from 1 to 1024"), "{stderr}");
}

#[test]
fn nesting_at_the_ceiling_overflows_nothing() {
    // 1024 levels: the file, a scenario list, a scenario, its edits, an edit, and a
    // value 1019 levels deep that the parser reads whole (a `set` value is any JSON).
    let dir = tempfile::tempdir().unwrap();
    let value = format!("{}{}", "[".repeat(1019), "]".repeat(1019));
    let scenarios = format!(
        r#"{{"scenarios": [{{"name": "deep", "edits": [{{"op": "set", "term": "us-2025-03-11/halt", "field": "note", "value": {value}}}]}}]}}"#
    );
    let path = dir.path().join("deep.json");
    std::fs::write(&path, scenarios).unwrap();
    let path = path.to_str().unwrap();
    let Run { stderr, code, .. } = run(
        "whatif",
        &[
            US,
            RU,
            "--scenarios",
            path,
            "--max-depth",
            "1024",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("invalid type: sequence, expected a string"),
        "{stderr}"
    );
    let Run { stderr, code, .. } = run("whatif", &[US, RU, "--scenarios", path, "--max-depth", "1023"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nested deeper than 1023 levels"), "{stderr}");
    // A proposal nested as deep, where a string is expected.
    let proposal = format!(
        r#"{{"id": "x", "by": ["US"], "source": "s", "terms": [], "note": {}{}}}"#,
        "[".repeat(1023),
        "]".repeat(1023)
    );
    let path = dir.path().join("deep-proposal.json");
    std::fs::write(&path, proposal).unwrap();
    let Run { stderr, code, .. } = run("check", &[path.to_str().unwrap(), "--max-depth", "1024"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("expected a string"), "{stderr}");
}

#[test]
fn firings() {
    let err = hit_then_raised(
        "compare",
        &[US, RU],
        &["--max-firings", "1"],
        &["--max-firings", "2"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn derived_atoms() {
    let err = hit_then_raised(
        "compare",
        &[US, RU],
        &["--max-derived", "1"],
        &["--max-derived", "2"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn comparisons() {
    let err = hit_then_raised(
        "compare",
        &[US, RU],
        &["--max-comparisons", "5"],
        &["--max-comparisons", "100"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn paths() {
    let err = hit_then_raised(
        "compare",
        &[US, RU],
        &["--max-paths", "1"],
        &["--max-paths", "100"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn engine_limits_apply_to_every_analysing_command() {
    for cmd in ["graph", "whatif", "concede", "report"] {
        let mut args = vec![US, RU, "--max-firings", "1"];
        if cmd == "whatif" {
            args.extend(["--drop", "us-2025-03-11/pow"]);
        }
        let Run { stderr, code, .. } = run(cmd, &args);
        assert_eq!(code, 2, "{cmd}: {stderr}");
        assert!(stderr.contains("--max-firings N"), "{cmd}: {stderr}");
    }
    let Run { stderr, code, .. } = run(
        "diff",
        &[
            US,
            "proposals/us-2025-03-18-readout.json",
            "--against",
            RU,
            "--max-comparisons",
            "1",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--max-comparisons N"), "{stderr}");
}

#[test]
fn a_scenario_past_an_engine_limit_names_the_flag() {
    // The baseline derives two atoms; another aid term makes the rules derive a third.
    let more = r#"us-2025-03-11={"id": "more", "subject": "US", "action": "military_aid", "target": "UA", "text": "x"}"#;
    let expected = "rules derived more than 2 atoms from proposal `us-2025-03-11`; raise the limit with `--max-derived N` or check the vocabulary's rules";
    let args = [US, RU, "--max-derived", "2", "--add", more, "--color=never"];
    let Run { code, stdout, stderr } = run("whatif", &args);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("error: scenario `command line`: {expected}")),
        "{stderr}"
    );
    assert!(stdout.contains(expected), "{stdout}");
    let json = run("whatif", &[&args[..], &["--format", "json"]].concat()).stdout;
    assert!(json.contains(expected), "{json}");
}

#[test]
fn sweep() {
    let err = hit_then_raised(
        "whatif",
        &[US, RU, "--scenarios", SWEEP],
        &["--max-sweep", "6"],
        &["--max-sweep", "7"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn scenarios() {
    // One from the command line, one named, seven from the sweep: nine in all.
    let args = [US, RU, "--scenarios", SWEEP, "--drop", "us-2025-03-11/pow"];
    let err = hit_then_raised(
        "whatif",
        &args,
        &["--max-scenarios", "8"],
        &["--max-scenarios", "9"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn search_nodes() {
    let err = hit_then_raised(
        "concede",
        &[US, RU],
        &["--max-nodes", "2"],
        &["--max-nodes", "100"],
        1,
    );
    insta::assert_snapshot!(err);
}

#[test]
fn search_time() {
    // A nanosecond: gone before the search's first node.
    let err = hit_then_raised(
        "concede",
        &[US, RU],
        &["--time-limit", "1e-9"],
        &["--time-limit", "600"],
        1,
    );
    insta::assert_snapshot!(err);
    let Run { stderr, code, .. } = run("concede", &[US, RU, "--time-limit", "0"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("positive number of seconds"), "{stderr}");
}

#[test]
fn the_report_says_why_its_search_stopped() {
    let stopped = run("report", &[US, RU, "--max-nodes", "1"]);
    assert_eq!(stopped.code, 0, "the page is written: {}", stopped.stderr);
    let page = stopped.stdout;
    assert!(
        page.contains("The search for concessions stopped: the concession search explored 1 node, its limit"),
        "{page}"
    );
    assert!(page.contains("--max-nodes N"));
    let page = run("report", &[US, RU]).stdout;
    assert!(!page.contains("The search for concessions stopped"));
}

#[test]
fn the_manual_lists_the_flags() {
    let page = run("man", &[]).success();
    for flag in [
        "max\\-file\\-size",
        "max\\-depth",
        "max\\-firings",
        "max\\-derived",
        "max\\-comparisons",
        "max\\-sweep",
        "max\\-scenarios",
        "max\\-nodes",
        "time\\-limit",
    ] {
        assert!(page.contains(flag), "{flag}");
    }
}
