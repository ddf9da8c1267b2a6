//! `armistice draft`: the evaluation set meets its targets, each category of miss the
//! evaluation reports is found by a test, and `draft` then `compare` works end to end.

use armistice::draft::eval::{Miss, evaluate, score};
use armistice::vocab::Vocab;
use assert_cmd::Command;

fn vocab() -> Vocab {
    Vocab::default_pack().unwrap()
}

#[test]
fn evaluation_meets_its_targets() {
    let s = evaluate(std::path::Path::new("bench/draft-eval/cases"), &vocab()).unwrap();
    assert!(
        s.unchecked.is_empty(),
        "drafts that do not check: {:?}",
        s.unchecked
    );
    assert!(s.hand >= 12, "{}", s.hand);
    assert!(s.recall() >= 0.70, "recall {:.3}", s.recall());
    assert!(s.precision() >= 0.80, "precision {:.3}", s.precision());
}

fn misses(text: &str, hand_terms: &str) -> Vec<Miss> {
    let hand = format!(r#"{{"id": "h", "by": ["US"], "terms": [{hand_terms}]}}"#);
    let s = score("t", text, &hand, &vocab()).unwrap();
    s.misses.iter().map(|m| m.1).collect()
}

#[test]
fn a_match_is_no_miss() {
    let m = misses(
        "The United States will resume military aid to Ukraine.",
        r#"{"id": "a", "subject": "US", "action": "military_aid", "target": "UA"}"#,
    );
    assert_eq!(m, vec![]);
}

#[test]
fn subject_differs() {
    // "a halt to the aid" names no actor: drafted unspecified, the reader knows it is US aid.
    let m = misses(
        "Putin demanded a halt to the aid.",
        r#"{"id": "a", "subject": "US", "modality": "must_not", "action": "military_aid"}"#,
    );
    assert_eq!(m, vec![Miss::Subject]);
}

#[test]
fn modality_differs() {
    let m = misses(
        "The United States will resume military aid.",
        r#"{"id": "a", "subject": "US", "modality": "endeavour", "action": "military_aid"}"#,
    );
    assert_eq!(m, vec![Miss::Modality]);
}

#[test]
fn action_differs() {
    let m = misses(
        "The United States will resume military aid.",
        r#"{"id": "a", "subject": "US", "action": "intelligence_sharing"}"#,
    );
    assert_eq!(m, vec![Miss::Action]);
}

#[test]
fn not_drafted_and_extra() {
    let m = misses(
        "The United States will communicate to Russia that reciprocity is the key.",
        r#"{"id": "a", "subject": "US", "action": "negotiations"}"#,
    );
    assert_eq!(m, vec![Miss::NotDrafted]);
    let m = misses("Russia and Ukraine would conduct a prisoner exchange.", "");
    assert_eq!(m, vec![Miss::Extra]);
}

#[test]
fn draft_then_compare_in_one_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Russia and Ukraine would halt all conflict for 30 days.\n").unwrap();
    std::fs::write(
        &b,
        "Russia will not halt hostilities. Ukraine must not resupply its forces.\n",
    )
    .unwrap();
    let script = "armistice draft a.txt --id a --by US -o a.jsonc && armistice draft - --id b --by RU -o b.jsonc < b.txt && armistice compare a.jsonc b.jsonc";
    let bin = assert_cmd::cargo::cargo_bin("armistice");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("conflict"), "{stdout}");
    Command::cargo_bin("armistice")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "a.jsonc", "b.jsonc"])
        .assert()
        .success();
}

#[test]
fn unknown_author_is_an_error() {
    let out = Command::cargo_bin("armistice")
        .unwrap()
        .args(["draft", "-", "--id", "x", "--by", "USA"])
        .write_stdin("The United States will resume aid.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `US`"));
}
