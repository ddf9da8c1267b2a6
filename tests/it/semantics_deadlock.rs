//! Sequencing deadlocks as DESIGN §3 (v2) defines them, on the semantics cases of
//! issue #20 (`tests/fixtures/semantics/`): a simple cycle through conditions of both
//! proposals and correspondences (any direct relation but a conflict), with a
//! `before`; reported once per component as its shortest cycle, each edge with its
//! kind and each term with its wording.

use std::collections::BTreeSet;

use armistice::engine::{Analysis, BlockStatus, RelationKind, Verdict};
use serde_json::{Value, json};

use crate::support::cli::{Run, plain};
use crate::support::{self, analyze};

const DIR: &str = "tests/fixtures/semantics";

/// `armistice compare A B` in text and in JSON: the text, the JSON and the exit code.
fn compare(case: &str, a: &str, b: &str) -> (String, Value, i32) {
    let (a, b) = (format!("{DIR}/{case}/{a}"), format!("{DIR}/{case}/{b}"));
    let text = Run::of(plain().args(["compare", "--color=never", &a, &b]));
    let json = Run::of(plain().args(["compare", "--format", "json", &a, &b]));
    assert_eq!(text.code, json.code);
    (
        text.stdout,
        serde_json::from_str(&json.stdout).unwrap(),
        text.code,
    )
}

/// The terms a cycle passes, in order, from its JSON edges; each edge starts where the
/// last one ended, and the last returns to the first term.
fn cycle_terms(edges: &Value) -> Vec<String> {
    let edges = edges.as_array().unwrap();
    for (e, next) in edges.iter().zip(edges.iter().cycle().skip(1)) {
        assert_eq!(e["to"], next["from"], "the cycle is not closed: {edges:?}");
    }
    edges
        .iter()
        .map(|e| e["from"].as_str().unwrap().to_owned())
        .collect()
}

fn assert_simple(terms: &[String]) {
    let distinct: BTreeSet<&String> = terms.iter().collect();
    assert_eq!(distinct.len(), terms.len(), "a term twice in {terms:?}");
}

#[test]
fn case_04_a_closed_walk_that_repeats_a_term_is_no_deadlock() {
    let (text, json, code) = compare("04-deadlock-without-cycle", "a.json", "b.json");
    let pair = &json["pairs"][0];
    assert_eq!(pair["deadlocks"], json!([]));
    assert_eq!(pair["verdict"], "compatible with open points");
    assert_eq!(pair["counts"]["agree"], 4);
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
}

#[test]
fn case_05_a_deadlock_is_its_shortest_simple_cycle() {
    let (text, json, code) = compare("05-deadlock-cycle-not-simple", "a.json", "b.json");
    let deadlocks = json["pairs"][0]["deadlocks"].as_array().unwrap();
    assert_eq!(deadlocks.len(), 1);
    let terms = cycle_terms(&deadlocks[0]);
    assert_simple(&terms);
    // The reference's cycle: pa-22 wants the deployment ban before the exchange,
    // pb-22 wants them together; b1 (b3's own condition) is no part of it.
    assert_eq!(terms, ["pa-22/a3", "pa-22/a0", "pb-22/b0", "pb-22/b3"]);
    let kinds: Vec<(&str, &str)> = deadlocks[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["edge"].as_str().unwrap(),
                e["timing"].as_str().or(e["relation"].as_str()).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("requires", "before"),
            ("corresponds", "agree"),
            ("requires", "concurrent"),
            ("corresponds", "agree")
        ]
    );
    assert_eq!(deadlocks[0][0]["text"], "provision a3");
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn case_06_an_order_dispute_is_found_when_the_numbers_differ_too() {
    let (text, json, code) = compare("06-deadlock-missed-when-terms-diverge", "a.json", "b.json");
    let pair = &json["pairs"][0];
    assert_eq!(pair["verdict"], "conflicting");
    let deadlocks = pair["deadlocks"].as_array().unwrap();
    assert_eq!(deadlocks.len(), 1);
    assert_eq!(
        cycle_terms(&deadlocks[0]),
        ["p/withdraw", "p/pow", "q/pow", "q/withdraw"]
    );
    assert_eq!(deadlocks[0][1]["relation"], "diverge");
    // The deadlock is the finding: nothing is pending for the wait it describes.
    assert_eq!(pair["blocked"], json!([]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn case_06_with_a_longer_withdrawal_the_deadlock_stays_and_nothing_is_pending() {
    let (text, json, code) = compare(
        "06-deadlock-missed-when-terms-diverge",
        "a.json",
        "b-60-days.json",
    );
    let pair = &json["pairs"][0];
    let deadlocks = pair["deadlocks"].as_array().unwrap();
    assert_eq!(deadlocks.len(), 1, "{text}");
    assert_eq!(deadlocks[0][3]["relation"], "diverge", "30 against 60 days");
    assert_eq!(pair["counts"]["pending"], 0, "{text}");
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

/// Two terms of each side, `x` and `y`, and the conditions each side puts between them.
fn crossed(p_timing: &str, q_timing: &str, q_days: u32) -> Analysis {
    let side = |id: &str, req_from: &str, req_to: &str, timing: &str, days: u32| {
        json!({ "id": id, "terms": [
            { "id": "x", "subject": "RU", "action": "withdrawal", "window": { "days": days }, "text": "x",
              "requires": if req_from == "x" { json!([{ "term": req_to, "timing": timing }]) } else { json!([]) } },
            { "id": "y", "subject": ["RU", "UA"], "action": "prisoner_exchange", "text": "y",
              "requires": if req_from == "y" { json!([{ "term": req_to, "timing": timing }]) } else { json!([]) } }
        ]})
    };
    analyze(&[
        side("p", "x", "y", p_timing, 30),
        side("q", "y", "x", q_timing, q_days),
    ])
}

#[test]
fn concurrent_conditions_only_are_reciprocity_not_a_deadlock() {
    let a = crossed("concurrent", "concurrent", 30);
    assert!(a.pairs[0].deadlocks.is_empty());
    assert_eq!(a.pairs[0].verdict, Verdict::Compatible);
    // One `before` is enough, whichever side writes it, and a divergence on the
    // numbers (30 against 60 days) does not hide it.
    for (p, q, days) in [
        ("before", "concurrent", 30),
        ("concurrent", "before", 60),
        ("before", "before", 60),
    ] {
        let a = crossed(p, q, days);
        assert_eq!(a.pairs[0].deadlocks.len(), 1, "{p} {q} {days}");
        let cycle = &a.pairs[0].deadlocks[0].cycle;
        assert_eq!(cycle.len(), 4);
        assert_eq!(cycle[0].requires, Some(armistice::model::Timing::Before));
        let corr: Vec<_> = cycle.iter().filter_map(|e| e.relation).collect();
        let expected = if days == 30 {
            vec![RelationKind::Agree, RelationKind::Agree]
        } else {
            vec![RelationKind::Agree, RelationKind::Diverge]
        };
        let mut corr_sorted = corr.clone();
        corr_sorted.sort();
        let mut expected_sorted = expected;
        expected_sorted.sort();
        assert_eq!(corr_sorted, expected_sorted, "{p} {q} {days}");
        assert!(
            a.pairs[0]
                .blocked
                .iter()
                .all(|b| b.status != BlockStatus::Pending),
            "{p} {q} {days}: {:?}",
            a.pairs[0].blocked
        );
    }
}

#[test]
fn a_conflict_is_no_correspondence() {
    // q forbids what p's condition requires: the terms are blocked, not deadlocked.
    let p = json!({ "id": "p", "terms": [
        { "id": "x", "subject": "RU", "action": "withdrawal", "requires": ["y"], "text": "x" },
        { "id": "y", "subject": "UA", "action": "prisoner_exchange", "text": "y" }
    ]});
    let q = json!({ "id": "q", "terms": [
        { "id": "x", "subject": "RU", "action": "withdrawal", "text": "x" },
        { "id": "y", "subject": "UA", "modality": "must_not", "action": "prisoner_exchange", "requires": ["x"], "text": "y" }
    ]});
    let a = analyze(&[p, q]);
    assert!(a.pairs[0].deadlocks.is_empty());
    assert!(
        a.pairs[0]
            .blocked
            .iter()
            .any(|b| b.status == BlockStatus::Blocked)
    );
}

#[test]
fn one_deadlock_per_component_the_shortest() {
    // Two routes close the wait: a direct one (4 edges) and a detour through a third
    // pair of terms (6 edges). One deadlock, the short one.
    let p = json!({ "id": "p", "terms": [
        { "id": "a", "subject": "RU", "action": "withdrawal", "requires": ["b", "c"], "text": "a" },
        { "id": "b", "subject": "UA", "action": "prisoner_exchange", "text": "b" },
        { "id": "c", "subject": "UA", "action": "elections", "text": "c" }
    ]});
    let q = json!({ "id": "q", "terms": [
        { "id": "a", "subject": "RU", "action": "withdrawal", "text": "a" },
        { "id": "b", "subject": "UA", "action": "prisoner_exchange", "requires": ["a"], "text": "b" },
        { "id": "c", "subject": "UA", "action": "elections", "requires": ["b"], "text": "c" }
    ]});
    let a = analyze(&[p, q]);
    let d = &a.pairs[0].deadlocks;
    assert_eq!(d.len(), 1);
    let names: Vec<String> = d[0].cycle.iter().map(|e| a.term_name(e.from)).collect();
    assert_eq!(names, ["p/a", "p/b", "q/b", "q/a"]);
}

#[test]
fn the_search_is_bounded_by_max_paths() {
    let p = support::proposal(json!({ "id": "p", "terms": [
        { "id": "x", "subject": "RU", "action": "withdrawal", "requires": ["y"], "text": "x" },
        { "id": "y", "subject": "UA", "action": "prisoner_exchange", "text": "y" }
    ]}));
    let q = support::proposal(json!({ "id": "q", "terms": [
        { "id": "x", "subject": "RU", "action": "withdrawal", "text": "x" },
        { "id": "y", "subject": "UA", "action": "prisoner_exchange", "requires": ["x"], "text": "y" }
    ]}));
    let limits = armistice::limits::Limits {
        max_paths: 2,
        ..Default::default()
    };
    let err = armistice::engine::compare_with(&[p, q], &support::vocab(), &limits).unwrap_err();
    assert_eq!(
        err.limit(),
        Some(armistice::limit_kind::LimitKind::Paths),
        "{err:?}"
    );
}

#[test]
fn a_phased_exchange_shows_who_moves_first_when_the_numbers_differ_too() {
    let (text, json, code) = compare("phased-exchange", "side-a.json", "side-b.json");
    let pair = &json["pairs"][0];
    let deadlocks = pair["deadlocks"].as_array().unwrap();
    assert_eq!(deadlocks.len(), 1, "{text}");
    assert_eq!(
        cycle_terms(&deadlocks[0]),
        [
            "side-a/withdraw",
            "side-a/release",
            "side-b/release",
            "side-b/withdraw"
        ]
    );
    assert_eq!(pair["counts"]["conflicts"], 0, "no false conflict: {text}");
    assert_eq!(pair["counts"]["diverge"], 3);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}
