//! The semantics cases on parameters (`tests/fixtures/semantics/`, from the cases of
//! issue 20): values compared by meaning, parameter kinds, and terms left to be
//! agreed. Each case is a pair `a.json`, `b.json`, compared by the built binary; the
//! text report is a snapshot and the JSON findings are checked one by one.

use serde_json::Value;

use crate::support::cli::{Run, armistice};

/// `armistice compare a.json b.json` of case `name`, as text and as JSON, with the
/// exit code.
fn compare(name: &str) -> (String, Value, i32) {
    let dir = format!("tests/fixtures/semantics/{name}");
    let (a, b) = (format!("{dir}/a.json"), format!("{dir}/b.json"));
    let text = Run::of(armistice().args(["compare", &a, &b, "--color=never"]));
    let json = Run::of(armistice().args(["compare", &a, &b, "--format", "json"]));
    assert_eq!(text.code, json.code);
    assert!(text.code < 2, "{}", text.stderr);
    (text.stdout, serde_json::from_str(&json.stdout).unwrap(), text.code)
}

/// The relations of the first pair as (kind, left term, right term).
fn relations(v: &Value) -> Vec<(String, String, String)> {
    v["pairs"][0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_owned(),
                r["left"]["term"].as_str().unwrap().to_owned(),
                r["right"]["term"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn rel(kind: &str, left: &str, right: &str) -> (String, String, String) {
    (kind.to_owned(), left.to_owned(), right.to_owned())
}

/// Cases 01–03: a set in another order, a number and its one-point range, a value
/// and its one-element set mean the same, so the terms agree and the pair is
/// compatible (0.1.0 said "diverge" and "compatible with open points").
#[test]
fn values_written_differently_but_meaning_the_same_agree() {
    for name in [
        "01-param-set-order",
        "02-param-number-vs-range",
        "03-param-value-vs-set",
    ] {
        let (text, json, code) = compare(name);
        assert_eq!(code, 0, "{name}");
        assert_eq!(relations(&json), vec![rel("agree", "p/pow", "q/pow")], "{name}");
        assert_eq!(json["pairs"][0]["verdict"], "compatible", "{name}");
        insta::assert_snapshot!(name, text);
    }
}
