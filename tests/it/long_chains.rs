//! Valid pairs whose conditions chain through 10^5 terms (robustness case 16, fixed
//! for issue 18): the deadlock search walks the condition graph without recursion, so
//! `compare`, `whatif` and `concede` answer instead of overflowing the stack.

use serde_json::{Value, json};

use crate::support::cli::{Run, plain};

/// Terms in each proposal: a chain long enough that a recursive search of the
/// condition graph (one stack frame per term of a path) overflowed the main thread.
const TERMS: usize = 100_000;

/// One proposal of the chain: term `i` bans strikes in sector `s{i}`, and every other
/// term (odd ones in `a`, even ones in `b`) requires the next. The two proposals agree
/// term by term, so the condition graph holds one path through all 2 × 10^5 terms.
fn proposal(id: &str, by: &str, odd: bool) -> Value {
    let terms: Vec<Value> = (0..TERMS)
        .map(|i| {
            let mut t = json!({
                "id": format!("{id}{i}"), "subject": "RU", "modality": "must_not",
                "action": "strikes", "scope": [format!("s{i}")], "text": "x"
            });
            if (i % 2 == 1) == odd && i + 1 < TERMS {
                t["requires"] = json!([format!("{id}{}", i + 1)]);
            }
            t
        })
        .collect();
    json!({"id": id, "by": [by], "source": "s", "terms": terms})
}

#[test]
fn issue_18_long_condition_chains_compare_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let labels: Vec<Value> = (0..TERMS).map(|i| json!({"id": format!("s{i}")})).collect();
    let vocab =
        json!({"name": "chain", "scopes": [{"id": "sector", "description": "chain", "labels": labels}]});
    let write = |name: &str, v: &Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_vec(v).unwrap()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let v = write("v.json", &vocab);
    let a = write("a.json", &proposal("a", "US", true));
    let b = write("b.json", &proposal("b", "RU", false));
    for args in [
        vec!["compare", "-q"],
        vec!["whatif", "--drop", "a/a1", "--format", "json"],
        vec!["concede", "--format", "json"],
    ] {
        let run = Run::of(plain().args(&args).args(["--vocab", &v, &a, &b]));
        // Every term agrees with its counterpart: compatible, no deadlock.
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("overflow"), "{args:?}: {}", run.stderr);
    }
}
