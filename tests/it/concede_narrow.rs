//! Narrowing a term's scope, topics or partition as a move of `armistice concede`
//! (issue 22, DESIGN §5): on a pair where each is the optimum — a halt to hostilities
//! in four regions against operations in Donetsk (scope), a refusal to negotiate a
//! ceasefire at sea or on energy against talks on the one at sea (topics), the release of every hostage
//! against holding the soldiers (partition) — the narrowing is found from the
//! conflict's common part, keeps the rest of the term, costs half a withdrawal, is
//! confirmed by the engine, and its `whatif` command reproduces it. A narrowing that
//! would leave the term nothing is never offered.

use serde_json::Value;

use crate::concede_moves::{concede_json, run, whatif_after};
use crate::support::cli::Run;

const SCOPE: [&str; 2] = [
    "tests/fixtures/concede/scope-a.json",
    "tests/fixtures/concede/scope-b.json",
];
const TOPICS: [&str; 2] = [
    "tests/fixtures/concede/topics-a.json",
    "tests/fixtures/concede/topics-b.json",
];
const PARTITION: [&str; 2] = [
    "tests/fixtures/concede/partition-a.json",
    "tests/fixtures/concede/partition-b.json",
];

/// Checks that the optimum is the one narrowing of `kind` on `term`, to `after`,
/// leaving out `left_out`, by setting `field`; confirmed by the engine and by the
/// `whatif` command; exit code `compare`'s. The candidate, for more checks.
fn optimum_is_narrowing(
    files: [&str; 2],
    kind: &str,
    term: &str,
    field: &str,
    after: &[&str],
    left_out: &[&str],
) -> Value {
    let (v, code) = concede_json(files, &[]);
    assert_eq!(code, run("compare", &files).code, "the exit code is compare's");
    assert_eq!(code, 1);
    let packages = v["packages"].as_array().unwrap();
    let best = &packages[0];
    let moves = best["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 1, "{best:#}");
    let candidate = v["candidates"][moves[0]["candidate"].as_u64().unwrap() as usize].clone();
    assert_eq!(candidate["kind"], kind, "{candidate:#}");
    assert_eq!(candidate["term"], term);
    // Half of withdrawing a core term (4), which is the next best.
    assert_eq!(best["cost"], 2.0);
    assert_eq!(packages[1]["cost"], 4.0);
    let narrowed = &candidate["narrowed"];
    assert_eq!(narrowed["field"], field);
    assert_eq!(narrowed["after"], serde_json::json!(after), "{narrowed:#}");
    assert_eq!(narrowed["left_out"], serde_json::json!(left_out));
    assert_eq!(best["verified"], true, "{best:#}");
    let edits = best["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert!(
        edits[0]["text"]
            .as_str()
            .unwrap()
            .starts_with(&format!("set {term} {field}=")),
        "{edits:?}"
    );
    let after = whatif_after(files, best);
    assert_eq!(after["conflicts"], 0, "{after:#}");
    assert_eq!(after["verdict"], "compatible with open points", "{after:#}");
    // Every package, and every point of the front, is confirmed.
    for p in packages.iter().chain(v["front"]["points"].as_array().unwrap()) {
        assert_eq!(p["verified"], true, "{p:#}");
    }
    // The other side's term lies wholly inside the common part: narrowing it would
    // leave it nothing, so it is not offered.
    let other = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"].as_str().unwrap().starts_with("narrow") && c["term"] != term)
        .count();
    assert_eq!(other, 0, "{v:#}");
    candidate
}

#[test]
fn narrowing_the_scope_is_the_optimum() {
    let c = optimum_is_narrowing(
        SCOPE,
        "narrow_scope",
        "halt/halt",
        "scope",
        &["luhansk", "zaporizhzhia", "kherson"],
        &["donetsk"],
    );
    assert_eq!(
        c["narrowed"]["before"],
        serde_json::json!(["donetsk", "luhansk", "zaporizhzhia", "kherson"])
    );
    assert_eq!(c["narrowed"]["dimension"], "area");
}

#[test]
fn narrowing_the_topics_is_the_optimum() {
    let c = optimum_is_narrowing(
        TOPICS,
        "narrow_topics",
        "refusal/no-talks",
        "about",
        &["energy_ceasefire"],
        &["maritime_ceasefire"],
    );
    assert_eq!(
        c["narrowed"]["before"],
        serde_json::json!(["maritime_ceasefire", "energy_ceasefire"])
    );
}

#[test]
fn narrowing_a_partition_is_the_optimum() {
    let c = optimum_is_narrowing(
        PARTITION,
        "narrow_partition",
        "all-out/release",
        "params.hostage_category",
        &[
            "women",
            "children",
            "elderly",
            "wounded",
            "sick",
            "female_soldiers",
            "men",
            "deceased",
        ],
        &["soldiers"],
    );
    // The term named no category: it covered every one.
    assert_eq!(c["narrowed"]["before"], serde_json::json!([]));
}

#[test]
fn each_narrowing_has_its_cost() {
    // Made dearer than a withdrawal, the scope narrowing is no longer the optimum;
    // `never` leaves it out; `narrow` prices them all.
    for (cost, best) in [
        ("narrow_scope=1.5", "withdraw"),
        ("narrow_scope=never", "withdraw"),
        ("narrow=0.25", "narrow_scope"),
        ("narrow=2,narrow_scope=0.5", "narrow_scope"),
    ] {
        let (v, _) = concede_json(SCOPE, &["--cost", cost]);
        let first = v["packages"][0]["moves"][0]["candidate"].as_u64().unwrap() as usize;
        assert_eq!(v["candidates"][first]["kind"], best, "{cost}: {v:#}");
    }
    let (v, _) = concede_json(SCOPE, &["--cost", "narrow=0.25"]);
    assert_eq!(v["packages"][0]["cost"], 1.0);
}

#[test]
fn narrowing_the_scope_text() {
    let Run { stdout, code, .. } = run("concede", &SCOPE);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn narrowing_the_topics_markdown() {
    let Run { stdout, code, .. } = run("concede", &[&TOPICS[..], &["--format", "markdown"]].concat());
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn narrowing_a_partition_text_and_json() {
    let Run { stdout, code, .. } = run("concede", &PARTITION);
    assert_eq!(code, 1);
    insta::assert_snapshot!("narrowing_a_partition_text", stdout);
    let (v, _) = concede_json(PARTITION, &[]);
    insta::assert_json_snapshot!("narrowing_a_partition_json", v["candidates"]);
}
