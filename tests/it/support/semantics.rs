//! What the semantics tests share: `compare` of two fixture files as text and JSON,
//! and the relations of its first pair as (kind, left term, right term).

use serde_json::Value;

use super::cli::{Run, armistice};

/// `armistice compare A B` (with `--vocab` when given), as text and as JSON, with
/// the exit code; the two runs agree on it, and it is not an error.
pub(crate) fn compare_files(a: &str, b: &str, vocab: Option<&str>) -> (String, Value, i32) {
    let mut args = vec!["compare", a, b];
    if let Some(v) = vocab {
        args.extend(["--vocab", v]);
    }
    let text = Run::of(armistice().args(&args).arg("--color=never"));
    let json = Run::of(armistice().args(&args).args(["--format", "json"]));
    assert_eq!(text.code, json.code);
    assert!(text.code < 2, "{}", text.stderr);
    (
        text.stdout,
        serde_json::from_str(&json.stdout).unwrap(),
        text.code,
    )
}

/// The relations of the first pair as (kind, left term, right term).
pub(crate) fn relations(v: &Value) -> Vec<(String, String, String)> {
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

/// A relation as [`relations`] gives it.
pub(crate) fn rel(kind: &str, left: &str, right: &str) -> (String, String, String) {
    (kind.to_owned(), left.to_owned(), right.to_owned())
}
