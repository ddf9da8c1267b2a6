//! Adversarial workloads: valid inputs in the worst shapes we know for each stage —
//! many identical terms a side, every term in conflict with every other, every term
//! requiring the next (in opposite orders on the two sides), deep and wide
//! hierarchies, a maximal what-if sweep, many proposals. The benchmark
//! (`bench/adversarial.sh`) times every command on them against `compare` on an
//! ordinary workload of the same size; the test `tests/it/adversarial.rs` checks that
//! every command finishes or stops at a named limit under a memory cap.
//!
//! The files are built as JSON values, not through the model, so that they read as a
//! user would write them.

use serde_json::{Value, json};

/// A shape of adversarial input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// N identical agreeing terms a side: N² relations.
    Identical,
    /// N identical terms a side, each in conflict with each of the other side.
    Conflict,
    /// Every term requires the next on one side and the previous on the other: one
    /// strongly connected component of 2N terms.
    Chain,
    /// An action hierarchy N deep, and terms at every tenth level.
    DeepActions,
    /// A scope-label hierarchy N deep, and terms at every tenth level.
    DeepLabels,
    /// N sibling scope labels: one side names each, the other their parent.
    Wide,
    /// A what-if sweep of ten drops (1024 scenarios) over the `identical` pair.
    Sweep,
    /// N / 10 proposals of ten identical terms each.
    Many,
}

impl Shape {
    /// Every shape, in the order the benchmark prints them.
    pub const ALL: [Shape; 8] = [
        Shape::Identical,
        Shape::Conflict,
        Shape::Chain,
        Shape::DeepActions,
        Shape::DeepLabels,
        Shape::Wide,
        Shape::Sweep,
        Shape::Many,
    ];

    /// The shape's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Identical => "identical",
            Shape::Conflict => "conflict",
            Shape::Chain => "chain",
            Shape::DeepActions => "deep-actions",
            Shape::DeepLabels => "deep-labels",
            Shape::Wide => "wide",
            Shape::Sweep => "sweep",
            Shape::Many => "many",
        }
    }

    /// The shape called `name`.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The files of an adversarial workload: each a file name and its JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeFiles {
    /// The proposals, in the order to give them (`a.json`, `b.json`, or `p0.json`…).
    pub proposals: Vec<(String, Value)>,
    /// The vocabulary extension the proposals need, if any (`vocab.json`).
    pub vocab: Option<Value>,
    /// The what-if scenario file, if any (`scenarios.json`).
    pub scenarios: Option<Value>,
}

/// The workload of `shape` at size `n` (terms a side, or hierarchy depth).
pub fn shape(shape: Shape, n: usize) -> ShapeFiles {
    let n = n.max(2);
    let pair = |a: Vec<Value>, b: Vec<Value>| {
        vec![
            ("a.json".to_owned(), proposal("shape-a", "US", a)),
            ("b.json".to_owned(), proposal("shape-b", "RU", b)),
        ]
    };
    let same = |side: &str, modality: &str| -> Vec<Value> {
        (0..n)
            .map(|i| term(&format!("{side}{i}"), modality, "strikes", None))
            .collect()
    };
    match shape {
        Shape::Identical => files(pair(same("a", "must_not"), same("b", "must_not"))),
        Shape::Conflict => files(pair(same("a", "must_not"), same("b", "must"))),
        Shape::Sweep => {
            let mut f = files(pair(same("a", "must_not"), same("b", "must_not")));
            let drops: Vec<Value> = (0..10.min(n))
                .map(|i| json!({"op": "drop", "term": format!("shape-a/a{i}")}))
                .collect();
            f.scenarios = Some(json!({"scenarios": [{"name": "drops", "edits": [], "sweep": drops}]}));
            f
        }
        Shape::Chain => {
            let chained = |side: &str, next: &dyn Fn(usize) -> Option<usize>| -> Vec<Value> {
                (0..n)
                    .map(|i| {
                        let mut t = term(
                            &format!("{side}{i}"),
                            "must_not",
                            "strikes",
                            Some(&format!("s{i}")),
                        );
                        if let Some(j) = next(i) {
                            t["requires"] = json!([format!("{side}{j}")]);
                        }
                        t
                    })
                    .collect()
            };
            let mut f = files(pair(
                chained("a", &|i| (i + 1 < n).then_some(i + 1)),
                chained("b", &|i| i.checked_sub(1)),
            ));
            f.vocab = Some(labels_vocab(
                (0..n).map(|i| (format!("s{i}"), Some("all".to_owned()))),
            ));
            f
        }
        Shape::DeepActions => {
            let actions: Vec<Value> = (0..n)
                .map(|i| {
                    let parent = if i == 0 {
                        "hostilities".to_owned()
                    } else {
                        format!("act{}", i - 1)
                    };
                    json!({"id": format!("act{i}"), "description": format!("level {i}"), "parent": parent})
                })
                .collect();
            let levels = every_tenth(n);
            let a = levels
                .iter()
                .map(|&i| term(&format!("a{i}"), "must_not", &format!("act{i}"), None));
            let b = levels
                .iter()
                .map(|&i| term(&format!("b{i}"), "must", &format!("act{}", n - 1 - i), None));
            let mut f = files(pair(a.collect(), b.collect()));
            f.vocab = Some(json!({"name": "deep actions", "actions": actions}));
            f
        }
        Shape::DeepLabels => {
            let chain = (0..n).map(|i| (format!("l{i}"), (i > 0).then(|| format!("l{}", i - 1))));
            let levels = every_tenth(n);
            let a = levels
                .iter()
                .map(|&i| term(&format!("a{i}"), "must_not", "strikes", Some(&format!("l{i}"))));
            let b = levels.iter().map(|&i| {
                term(
                    &format!("b{i}"),
                    "must",
                    "strikes",
                    Some(&format!("l{}", n - 1 - i)),
                )
            });
            let mut f = files(pair(a.collect(), b.collect()));
            f.vocab = Some(labels_vocab(chain));
            f
        }
        Shape::Wide => {
            let a = (0..n).map(|i| term(&format!("a{i}"), "must_not", "strikes", Some(&format!("s{i}"))));
            let b = vec![term("b0", "must", "strikes", Some("all"))];
            let mut f = files(pair(a.collect(), b));
            f.vocab = Some(labels_vocab(
                (0..n).map(|i| (format!("s{i}"), Some("all".to_owned()))),
            ));
            f
        }
        Shape::Many => {
            let proposals = (0..(n / 10).max(2))
                .map(|p| {
                    let terms = (0..10)
                        .map(|i| term(&format!("t{i}"), "must_not", "strikes", None))
                        .collect();
                    (
                        format!("p{p}.json"),
                        proposal(&format!("shape-p{p}"), "US", terms),
                    )
                })
                .collect();
            files(proposals)
        }
    }
}

fn files(proposals: Vec<(String, Value)>) -> ShapeFiles {
    ShapeFiles {
        proposals,
        vocab: None,
        scenarios: None,
    }
}

/// Every tenth level of a hierarchy `n` deep (at least two levels).
fn every_tenth(n: usize) -> Vec<usize> {
    (0..n).step_by((n / 10).max(1)).collect()
}

/// A term of `RU` on `action`, days 0–30, in `scope` if given.
fn term(id: &str, modality: &str, action: &str, scope: Option<&str>) -> Value {
    let mut t = json!({
        "id": id,
        "subject": "RU",
        "modality": modality,
        "action": action,
        "window": {"days": 30},
        "text": format!("term {id}: RU {modality} {action}"),
    });
    if let Some(label) = scope {
        t["scope"] = json!([label]);
    }
    t
}

fn proposal(id: &str, by: &str, terms: Vec<Value>) -> Value {
    json!({
        "id": id,
        "title": format!("Adversarial proposal {id}"),
        "by": [by],
        "source": "an adversarial shape generated by armistice",
        "terms": terms,
    })
}

/// A vocabulary extension with one scope taxonomy, `shape`: a root label `all` and
/// `labels` (id, parent).
fn labels_vocab(labels: impl Iterator<Item = (String, Option<String>)>) -> Value {
    let mut all = vec![json!({"id": "all", "description": "every generated label"})];
    all.extend(labels.map(|(id, parent)| match parent {
        Some(p) => json!({"id": id, "parent": p}),
        None => json!({"id": id}),
    }));
    json!({
        "name": "generated labels",
        "scopes": [{"id": "shape", "description": "generated labels", "labels": all}],
    })
}
