//! Helpers shared by the integration tests: building proposals inline and random
//! proposals for property tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod diff;

use armistice::engine::{self, Analysis};
use armistice::model::Proposal;
use armistice::vocab::Vocab;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The default vocabulary.
pub fn vocab() -> Vocab {
    Vocab::default_pack().unwrap()
}

/// A proposal from JSON, with `by` and `source` filled in when missing.
pub fn proposal(mut v: Value) -> Proposal {
    let obj = v.as_object_mut().unwrap();
    obj.entry("by").or_insert(json!(["US"]));
    obj.entry("source").or_insert(json!("test"));
    serde_json::from_value(v).unwrap()
}

/// Analyses proposals given as JSON.
pub fn analyze(proposals: &[Value]) -> Analysis {
    let ps: Vec<Proposal> = proposals.iter().cloned().map(proposal).collect();
    engine::compare(&ps, &vocab()).unwrap()
}

const PARTIES: [&str; 3] = ["US", "RU", "UA"];
const ACTIONS: [&str; 9] = [
    "hostilities",
    "strikes",
    "ground_offensive",
    "military_aid",
    "halt_aid",
    "resupply",
    "training",
    "prisoner_exchange",
    "intelligence_sharing",
];
const LABELS: [&str; 6] = [
    "kursk",
    "russia",
    "ukraine",
    "front_line",
    "infrastructure",
    "energy_infrastructure",
];

fn term_strategy(allow_prohibitions: bool) -> impl Strategy<Value = Value> {
    let modalities: Vec<&str> = if allow_prohibitions {
        vec!["must", "must_not", "may"]
    } else {
        vec!["must", "may"]
    };
    (
        proptest::sample::subsequence(PARTIES.to_vec(), 1..=2),
        proptest::sample::select(modalities),
        proptest::sample::select(ACTIONS.to_vec()),
        proptest::option::of(proptest::sample::select(PARTIES.to_vec())),
        proptest::sample::subsequence(LABELS.to_vec(), 0..=2),
        proptest::option::of((0i64..3, 1i64..4)),
        proptest::option::of(proptest::sample::select(vec![30, 60])),
    )
        .prop_map(move |(subject, modality, action, target, scope, window, days)| {
            // A negating alias with `may` is invalid: use the plain action then.
            let action = if modality == "may" && action == "halt_aid" {
                "military_aid"
            } else {
                action
            };
            let modality = if !allow_prohibitions && action == "halt_aid" {
                "may"
            } else {
                modality
            };
            let action = if modality == "may" && action == "halt_aid" {
                "military_aid"
            } else {
                action
            };
            let mut t = json!({ "subject": subject, "modality": modality, "action": action, "text": "t" });
            if let Some(target) = target {
                t["target"] = json!(target);
            }
            if !scope.is_empty() {
                t["scope"] = json!(scope);
            }
            if let Some((from, len)) = window {
                t["window"] = json!({ "from": from * 10, "days": len * 10 });
            }
            if let Some(d) = days {
                t["params"] = json!({ "days": d });
            }
            t
        })
}

/// A random valid proposal with up to `max_terms` terms; requires only point to
/// earlier terms, so there is no cycle.
pub fn proposal_strategy(
    id: &'static str,
    max_terms: usize,
    allow_prohibitions: bool,
) -> impl Strategy<Value = Value> {
    proptest::collection::vec(
        (
            term_strategy(allow_prohibitions),
            proptest::collection::vec(0usize..8, 0..2),
        ),
        1..=max_terms,
    )
    .prop_map(move |terms| {
        let n = terms.len();
        let terms: Vec<Value> = terms
            .into_iter()
            .enumerate()
            .map(|(i, (mut t, reqs))| {
                t["id"] = json!(format!("t{i}"));
                let mut reqs: Vec<String> = reqs
                    .into_iter()
                    .filter(|&r| r < i && r < n)
                    .map(|r| format!("t{r}"))
                    .collect();
                reqs.sort();
                reqs.dedup();
                if !reqs.is_empty() {
                    t["requires"] = json!(reqs);
                }
                t
            })
            .collect();
        json!({ "id": id, "by": ["US"], "source": "test", "terms": terms })
    })
}
