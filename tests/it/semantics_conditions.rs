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
