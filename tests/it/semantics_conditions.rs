//! Conditions as DESIGN §2–§3 (v2) define them, on the semantics cases of issue #20
//! (`tests/fixtures/semantics/`): reciprocity (case 14) and what meets a condition
//! (case 15).

use serde_json::Value;

use crate::support::cli::{Run, plain};

const DIR: &str = "tests/fixtures/semantics";

fn run(args: &[&str]) -> Run {
    Run::of(plain().args(args))
}

#[test]
fn case_14_mutual_concurrent_conditions_are_reciprocity() {
    let mutual = format!("{DIR}/14-mutual-concurrent-refused/mutual.json");
    let checked = run(&["check", &mutual]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(checked.stdout.starts_with("ok  t "), "{}", checked.stdout);
    // Against a side that orders the two halts, the order dispute is a deadlock.
    let ordered = format!("{DIR}/14-mutual-concurrent-refused/ordered.json");
    let compared = run(&["compare", "--color=never", &mutual, &ordered]);
    assert_eq!(compared.code, 1, "{}", compared.stderr);
    insta::assert_snapshot!(compared.stdout);
    let json = run(&["compare", "--format", "json", &mutual, &ordered]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["pairs"][0]["deadlocks"].as_array().unwrap().len(), 1);
}

/// `armistice compare` of case 15's `a` variant against `b.json`: text and JSON.
fn case_15(a: &str) -> (String, Value) {
    let dir = format!("{DIR}/15-may-meets-must-condition");
    let (a, b) = (format!("{dir}/{a}"), format!("{dir}/b.json"));
    let text = run(&["compare", "--color=never", &a, &b]);
    let json = run(&["compare", "--format", "json", &a, &b]);
    (text.stdout, serde_json::from_str(&json.stdout).unwrap())
}

/// The terms pending by their conditions (not by coverage).
fn pending(v: &Value) -> Vec<String> {
    held(v, false)
}

/// The terms pending by conditions (`by_coverage` false) or by coverage (true).
fn held(v: &Value, by_coverage: bool) -> Vec<String> {
    v["pairs"][0]["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["status"] == "pending")
        .filter(|b| b["by_coverage"].as_array().unwrap().is_empty() != by_coverage)
        .map(|b| b["term"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn case_15_a_may_never_meets_a_must_condition() {
    let (text, v) = case_15("a.json");
    assert_eq!(pending(&v), ["b/nav"], "{text}");
    // a/nav's one counterpart, b/nav, is held: a/nav is pending by coverage, named
    // once, and that does not propagate.
    assert_eq!(held(&v, true), ["a/nav"], "{text}");
    assert!(
        text.contains("by coverage: only b/nav covers it, and it is held up"),
        "{text}"
    );
    assert!(
        text.contains("requires b/lift — met only in part: a/relief (commits to less)"),
        "{text}"
    );
    insta::assert_snapshot!(text);
    // The control: silent on sanctions, b/nav is pending on an open term.
    let (text, v) = case_15("a-silent.json");
    assert_eq!(pending(&v), ["b/nav"], "{text}");
    assert!(text.contains("open: the other side is silent on it"), "{text}");
    // A `must` meets it: nothing pending.
    let (text, v) = case_15("a-must.json");
    assert_eq!(pending(&v), Vec::<String>::new(), "{text}");
    assert_eq!(held(&v, true), Vec::<String>::new(), "{text}");
    assert_eq!(v["pairs"][0]["verdict"], "compatible");
}

#[test]
fn case_15_an_endeavour_diverges_from_a_must_and_does_not_meet_its_condition() {
    let (text, v) = case_15("a-endeavour.json");
    let rel = &v["pairs"][0]["relations"][0];
    assert_eq!(rel["kind"], "diverge", "{text}");
    assert_eq!(rel["left"]["modality"], "endeavour");
    assert_eq!(pending(&v), ["b/nav"], "{text}");
    assert!(text.contains("strength: endeavour against must"), "{text}");
    insta::assert_snapshot!(text);
}
