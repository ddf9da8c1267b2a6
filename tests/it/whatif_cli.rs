//! `armistice whatif` on the built binary: every output format on the seed case
//! (snapshots), the seed findings read back from JSON, scenario files, `--write-dir`,
//! and every error path.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use crate::support::cli::{Run, armistice, run};
use crate::support::{RU, US};

const SEED: &str = "examples/scenarios/seed.json";
const DROP_AID_INTEL: [&str; 4] = ["--drop", "us-2025-03-11/aid", "--drop", "us-2025-03-11/intel"];

/// `armistice whatif US RU ARGS --color=never`, on the seed pair.
fn whatif(args: &[&str]) -> Run {
    Run::of(
        armistice()
            .arg("whatif")
            .args([US, RU])
            .args(args)
            .arg("--color=never"),
    )
}

/// A fresh, empty scratch folder for one test, removed when the guard drops.
fn scratch() -> TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn seed_text() {
    let r = whatif(&DROP_AID_INTEL);
    assert_eq!(r.code, 1, "the baseline conflicts: exit 1\n{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn seed_markdown() {
    let r = whatif(&[&DROP_AID_INTEL[..], &["--format", "markdown"]].concat());
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn seed_json() {
    let r = whatif(&[&DROP_AID_INTEL[..], &["--format", "json"]].concat());
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn seed_scenario_file_text() {
    let r = whatif(&["--scenarios", SEED]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

fn json(args: &[&str]) -> Value {
    let r = whatif(&[args, &["--format", "json"]].concat());
    serde_json::from_str(&r.stdout).unwrap()
}

fn has_change(changes: &Value, change: &str, finding: Value) -> bool {
    changes
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["change"] == change && c["finding"] == finding)
}

#[test]
fn seed_us_drops_aid_and_intel() {
    let v = json(&DROP_AID_INTEL);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["baseline"]["pairs"][0]["verdict"], "conflicting");
    let s = &v["scenarios"][0];
    assert_eq!(s["status"], "evaluated");
    assert_eq!(s["changed_proposals"], serde_json::json!(["us-2025-03-11"]));
    let pair = &s["summary"]["pairs"][0];
    assert_eq!(pair["conflicts"], 0);
    assert_eq!(pair["indirect"], 0);
    assert_eq!(pair["blocked"], 0);
    assert_eq!(pair["verdict"], "compatible with open points");
    let changes = &s["changes"][0]["changes"];
    let rel = |kind: &str, indirect: bool, l: &str, r: &str| serde_json::json!({"type": "relation", "kind": kind, "indirect": indirect, "left": l, "right": r});
    assert!(has_change(
        changes,
        "conflict resolved",
        rel("conflict", false, "us-2025-03-11/aid", "ru-2025-03-13/no-aid")
    ));
    assert!(has_change(
        changes,
        "conflict resolved",
        rel("conflict", false, "us-2025-03-11/intel", "ru-2025-03-13/no-intel")
    ));
    assert!(has_change(
        changes,
        "indirect conflict resolved",
        rel("conflict", true, "us-2025-03-11/aid", "ru-2025-03-13/no-resupply")
    ));
    let held =
        |status: &str| serde_json::json!({"type": "held", "term": "ru-2025-03-13/halt", "status": status});
    assert!(has_change(changes, "unblocked", held("blocked")));
    assert!(has_change(changes, "newly pending", held("pending")));
    // The halt now waits on Russia's demands on Ukraine, which stay open.
    let pending = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["change"] == "newly pending")
        .unwrap();
    for t in ["ru-2025-03-13/no-train", "ru-2025-03-13/no-reinforce"] {
        assert!(
            pending["held_by"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["required"] == t && h["conflicts_with"].as_array().unwrap().is_empty()),
            "{t} holds the halt as an open condition"
        );
        // Open before and after: no change names it as an open point.
        assert!(!has_change(
            changes,
            "no longer open",
            serde_json::json!({"type": "open", "term": t})
        ));
    }
    // Every witness is quoted.
    for c in changes.as_array().unwrap() {
        for w in c["witnesses"].as_array().unwrap() {
            assert!(w["text"].is_string(), "{w}");
        }
    }
}

#[test]
fn edits_apply_in_command_line_order_across_flags() {
    let add = r#"us-2025-03-11={"id":"pause","subject":"US","modality":"must_not","action":"military_aid","target":"UA","window":"ceasefire","text":"pause"}"#;
    let r = whatif(&[
        "--add",
        add,
        "--edit",
        "require us-2025-03-11/halt pause concurrent",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = whatif(&["--edit", "require us-2025-03-11/halt pause", "--add", add]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("has no term `pause` to require"),
        "{}",
        r.stderr
    );
}

#[test]
fn setting_a_field_to_its_value_changes_nothing() {
    let r = whatif(&["--set", "us-2025-03-11/aid.priority=core"]);
    assert_eq!(r.code, 1);
    let v = json(&["--set", "us-2025-03-11/aid.priority=core"]);
    assert_eq!(v["scenarios"][0]["changed_proposals"], serde_json::json!([]));
    assert_eq!(v["scenarios"][0]["changes"][0]["changes"], serde_json::json!([]));
}

#[test]
fn unknown_term_suggests() {
    let r = whatif(&["--drop", "us-2025-03-11/aidd"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("proposal `us-2025-03-11` has no term `aidd`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `aid`?"), "{}", r.stderr);
    let r = whatif(&["--drop", "us-2025-03-12/aid"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown proposal `us-2025-03-12`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `us-2025-03-11`?"), "{}", r.stderr);
}

#[test]
fn unknown_field_suggests() {
    let r = whatif(&["--set", "us-2025-03-11/aid.modalty=must_not"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown field `modalty` of a term"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `modality`?"), "{}", r.stderr);
    let r = whatif(&["--edit", "set us-2025-03-11/aid modality=maybe"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown variant `maybe`"), "{}", r.stderr);
}

#[test]
fn bad_syntax_is_an_error() {
    for (args, expected) in [
        (
            vec!["--edit", "sett us-2025-03-11/aid modality=may"],
            "did you mean `set`?",
        ),
        (
            vec!["--edit", "set us-2025-03-11/aid modality"],
            "expected `set PROPOSAL/TERM FIELD=VALUE`",
        ),
        (
            vec!["--edit", "drop aid"],
            "not a term name of the form `proposal-id/term-id`",
        ),
        (
            vec!["--set", "us-2025-03-11/aid=must"],
            "expected `PROPOSAL/TERM.FIELD=VALUE`",
        ),
        (vec!["--add", "us-2025-03-11={\"id\": 1}"], "bad term"),
        // Robustness case 12: what follows the term is not dropped without a word.
        (
            vec![
                "--edit",
                r#"add us-2025-03-11 {"id":"n2","subject":"US","action":"strikes","text":"x"} {"id":"n3","subject":"RU","action":"hostilities"} ; junk"#,
            ],
            "unexpected text after the term; add one term per edit",
        ),
        (
            vec![
                "--add",
                r#"us-2025-03-11={"id":"n2","subject":"US","action":"strikes","text":"x"} garbage"#,
            ],
            "unexpected text after the term; add one term per edit",
        ),
        // The library names the short form, the command line its flag.
        (
            vec!["--set", "us-2025-03-11/aid"],
            "error: --set: bad `--set` `us-2025-03-11/aid`: expected `PROPOSAL/TERM.FIELD=VALUE`\n",
        ),
        (
            vec!["--add", "us-2025-03-11"],
            "error: --add: bad `--add` `us-2025-03-11`: expected `PROPOSAL={\"id\": ..., ...}`\n",
        ),
        (
            vec!["--edit", "require ru-2025-03-13/halt no-aid later"],
            "unknown timing `later`",
        ),
        (vec![], "no scenario"),
    ] {
        let r = whatif(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: no report on bad syntax");
    }
}

#[test]
fn a_scenario_leaving_a_proposal_invalid_is_reported() {
    let r = whatif(&["--drop", "ru-2025-03-13/no-aid"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("the edits leave `ru-2025-03-13` invalid"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("add `unrequire ru-2025-03-13/halt no-aid` first"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("INVALID"), "{}", r.stdout);
    let r = whatif(&["--set", "us-2025-03-11/aid.action=militry_aid"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `military_aid`?"), "{}", r.stderr);
    let v = json(&["--set", "us-2025-03-11/aid.action=militry_aid"]);
    assert_eq!(v["scenarios"][0]["status"], "invalid");
    assert_eq!(v["scenarios"][0]["problems"][0]["kind"], "invalid_proposal");
}

#[test]
fn scenario_file_errors_are_located() {
    let tmp = scratch();
    let dir = tmp.path();
    let file = dir.join("bad.json");
    std::fs::write(
        &file,
        "{\n  \"scenarios\": [\n    { \"name\": \"a\", \"edits\": [ { \"op\": \"dropp\", \"term\": \"us-2025-03-11/aid\" } ] }\n  ]\n}\n",
    )
    .unwrap();
    let r = whatif(&["--scenarios", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`dropp`"), "{}", r.stderr);
    assert!(
        r.stderr.contains("bad.json:3:"),
        "file, line and column: {}",
        r.stderr
    );
    assert!(r.stderr.contains("scenarios[0].edits[0].op"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `drop`?"), "{}", r.stderr);

    std::fs::write(
        &file,
        r#"{"scenarios": [{"name": "a", "edits": [{"op": "drop", "term": "us-2025-03-11/aidd"}]}]}"#,
    )
    .unwrap();
    let r = whatif(&["--scenarios", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("scenarios[0].edits[0].term"), "{}", r.stderr);
    assert!(r.stderr.contains("bad.json:1:"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `aid`?"), "{}", r.stderr);
}

#[test]
fn sweeps_are_bounded() {
    let tmp = scratch();
    let dir = tmp.path();
    let file = dir.join("sweep.json");
    let sweep: Vec<Value> = (0..11)
        .map(|k| serde_json::json!({"op": "set", "term": "us-2025-03-11/aid", "field": "note", "value": format!("n{k}")}))
        .collect();
    let doc = serde_json::json!({"scenarios": [{"name": "big", "sweep": sweep}]});
    std::fs::write(&file, doc.to_string()).unwrap();
    let r = whatif(&["--scenarios", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("sweep `big` of 11 edits would make 2047 scenarios, more than the limit of 1024"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

fn write_dir_run(dir: &Path, extra: &[&str]) -> Run {
    whatif(
        &[
            &DROP_AID_INTEL[..],
            &["--write-dir", dir.to_str().unwrap()],
            extra,
        ]
        .concat(),
    )
}

#[test]
fn write_dir_writes_edited_proposals_and_refuses_to_overwrite() {
    let tmp = scratch();
    let dir = tmp.path();
    let r = write_dir_run(dir, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let written = dir.join("us-2025-03-11.command-line.json");
    let p: armistice::model::Proposal =
        serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
    assert!(p.term("aid").is_none() && p.term("intel").is_none() && p.term("halt").is_some());
    assert!(
        !dir.join("ru-2025-03-13.command-line.json").exists(),
        "only changed proposals"
    );

    std::fs::write(&written, "keep").unwrap();
    let r = write_dir_run(dir, &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("exists; give `--force` to overwrite it"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "keep");

    let r = write_dir_run(dir, &["--force"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_ne!(std::fs::read_to_string(&written).unwrap(), "keep");
}

#[test]
fn write_dir_never_writes_over_an_input() {
    let tmp = scratch();
    let dir = tmp.path();
    let input = dir.join("us-2025-03-11.command-line.json");
    let original = std::fs::read_to_string(US).unwrap();
    std::fs::write(&input, &original).unwrap();
    let out = run([
        &["whatif", input.to_str().unwrap(), RU],
        &DROP_AID_INTEL[..],
        &["--write-dir", dir.to_str().unwrap(), "--force"],
    ]
    .concat());
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("it is an input file"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
}
