//! Helpers shared by the integration tests: the bundled files they use, running the
//! built binary ([`cli`]), building proposals inline, and random proposals for
//! property tests (as JSON here; as models, with their edits, in [`diff`]).

pub(crate) mod cli;
pub(crate) mod diff;
pub(crate) mod semantics;

use std::path::Path;

use armistice::engine::{self, Analysis};
use armistice::load;
use armistice::model::Proposal;
use armistice::resolved::ResolvedProposal;
use armistice::vocab::Vocab;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The package root. Paths in the tests are relative to it, and `cargo test` runs
/// the tests there.
pub(crate) const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The seed pair: the US proposal of 11 March 2025 ...
pub(crate) const US: &str = "proposals/us-2025-03-11.json";
/// ... and Russia's conditions of 13 March 2025.
pub(crate) const RU: &str = "proposals/ru-2025-03-13.json";

/// The diff fixture pair: two versions of one mediator's draft, old ...
pub(crate) const OLD: &str = "tests/fixtures/diff/old.json";
/// ... and new.
pub(crate) const NEW: &str = "tests/fixtures/diff/new.json";
/// A term's outcomes before and after: a trigger changed, lapses added.
pub(crate) const OUTCOMES_OLD: &str = "tests/fixtures/diff/outcomes-old.json";
/// See [`OUTCOMES_OLD`].
pub(crate) const OUTCOMES_NEW: &str = "tests/fixtures/diff/outcomes-new.json";

/// Text that would run script or inject markup if it were not escaped.
pub(crate) const HOSTILE: &str = "<script>document.title='pwned'</script>\"><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";

/// Writes to `dir` (made if missing) a conflicting pair of proposals, `a.json` and
/// `b.json`, whose every user string is [`HOSTILE`]; returns their paths.
pub(crate) fn hostile_pair(dir: &Path) -> (String, String) {
    std::fs::create_dir_all(dir).unwrap();
    let a = json!({
        "id": "a", "title": HOSTILE, "by": ["US"], "source": HOSTILE, "note": HOSTILE,
        "terms": [{ "id": "aid", "subject": "US", "action": "military_aid", "target": "UA",
                    "text": HOSTILE, "note": HOSTILE, "source": HOSTILE }]
    });
    let b = json!({
        "id": "b", "by": ["RU"], "source": "test",
        "terms": [{ "id": "no-aid", "subject": "US", "modality": "must_not", "action": "military_aid",
                    "target": "UA", "text": HOSTILE }]
    });
    let (pa, pb) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::write(&pa, a.to_string()).unwrap();
    std::fs::write(&pb, b.to_string()).unwrap();
    (pa.to_str().unwrap().to_owned(), pb.to_str().unwrap().to_owned())
}

/// The default vocabulary.
pub(crate) fn vocab() -> Vocab {
    Vocab::default_pack().unwrap()
}

/// A proposal from JSON, with `by` and `source` filled in when missing.
pub(crate) fn proposal(mut v: Value) -> Proposal {
    let obj = v.as_object_mut().unwrap();
    obj.entry("by").or_insert(json!(["US"]));
    obj.entry("source").or_insert(json!("test"));
    serde_json::from_value(v).unwrap()
}

/// Resolves `p`, which must be valid, against `vocab`.
pub(crate) fn resolve(p: &Proposal, vocab: &Vocab) -> ResolvedProposal {
    let (r, diags) = load::resolve(p, vocab);
    r.unwrap_or_else(|| panic!("invalid proposal: {diags:?}\n{p:#?}"))
}

/// Resolves a proposal given as JSON, which must be valid, against `vocab`.
pub(crate) fn resolve_json(v: &Value, vocab: &Vocab) -> ResolvedProposal {
    resolve(&serde_json::from_value(v.clone()).unwrap(), vocab)
}

/// Analyses proposals given as JSON.
pub(crate) fn analyze(proposals: &[Value]) -> Analysis {
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
/// Subjects other than party codes (v2): a group, everyone, no actor named.
const COLLECTIVE: [&str; 3] = ["third_states", "any", "unspecified"];
/// Topics (v2), nested (`full_ceasefire` ⊃ `maritime_ceasefire`) and disjoint.
const TOPICS: [&str; 4] = [
    "full_ceasefire",
    "maritime_ceasefire",
    "energy_ceasefire",
    "navigation",
];
const LABELS: [&str; 6] = [
    "kursk",
    "russia",
    "ukraine",
    "front_line",
    "infrastructure",
    "energy_infrastructure",
];

/// Parameters a generated term may carry: numbers and ranges meaning the same or not,
/// partitions overlapping, nested or disjoint, sets in another order, and values left
/// to be agreed.
const PARAMS: [&str; 12] = [
    r#"{"days": 30}"#,
    r#"{"days": 60}"#,
    r#"{"days": {"min": 30, "max": 30}}"#,
    r#"{"prisoner_category": ["women", "children"]}"#,
    r#"{"prisoner_category": ["children", "women"]}"#,
    r#"{"prisoner_category": "children"}"#,
    r#"{"prisoner_category": ["named_leaders"]}"#,
    r#"{"count": "some"}"#,
    r#"{"count": "tbd", "prisoner_category": ["women"]}"#,
    r#"{"exchange": ["all_for_all", "wounded_first"]}"#,
    r#"{"exchange": ["wounded_first", "all_for_all"]}"#,
    r#"{"exchange": "all_for_all", "days": 30}"#,
];

pub(crate) fn term_strategy(allow_prohibitions: bool) -> impl Strategy<Value = Value> {
    let modalities: Vec<&str> = if allow_prohibitions {
        vec!["must", "must_not", "may"]
    } else {
        vec!["must", "may"]
    };
    (
        prop_oneof![
            6 => proptest::sample::subsequence(PARTIES.to_vec(), 1..=2).prop_map(|s| json!(s)),
            1 => proptest::sample::select(COLLECTIVE.to_vec()).prop_map(|s| json!(s)),
        ],
        (
            proptest::sample::select(modalities),
            proptest::sample::subsequence(TOPICS.to_vec(), 0..=1),
        ),
        proptest::sample::select(ACTIONS.to_vec()),
        proptest::option::of(proptest::sample::select(PARTIES.to_vec())),
        proptest::sample::subsequence(LABELS.to_vec(), 0..=2),
        proptest::option::of((0i64..3, 1i64..6)),
        proptest::option::of(0usize..PARAMS.len()),
    )
        .prop_map(
            move |(subject, (modality, about), action, target, scope, window, days)| {
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
                let mut t =
                    json!({ "subject": subject, "modality": modality, "action": action, "text": "t" });
                if let Some(target) = target {
                    t["target"] = json!(target);
                }
                if !scope.is_empty() {
                    t["scope"] = json!(scope);
                }
                if !about.is_empty() {
                    t["about"] = json!(about);
                }
                // No window: the duration is unstated. A length of 4 is "without end":
                // `"indefinite"` from day 0, `{"from": …}` later; 5 a deadline.
                match window {
                    None => {}
                    Some((from, 5)) => t["window"] = json!({ "by": (from + 1) * 10 }),
                    Some((0, 4)) => t["window"] = json!("indefinite"),
                    Some((from, 4)) => t["window"] = json!({ "from": from * 10 }),
                    Some((from, len)) => t["window"] = json!({ "from": from * 10, "days": len * 10 }),
                }
                if let Some(k) = days {
                    t["params"] = serde_json::from_str(PARAMS[k]).unwrap_or_default();
                }
                t
            },
        )
}

/// A random valid proposal with up to `max_terms` terms; requires only point to
/// earlier terms, so there is no cycle.
pub(crate) fn proposal_strategy(
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
        let terms = terms
            .into_iter()
            .enumerate()
            .map(|(i, (t, reqs))| (t, reqs.into_iter().filter(|&r| r < i).collect()))
            .collect();
        numbered(id, terms)
    })
}

/// Proposal `id` (by the US) of `terms` named `t0`, `t1`, ... in order, each with
/// the list of the terms it requires, by index (the `requires` written sorted, without
/// repeats).
pub(crate) fn numbered(id: &str, terms: Vec<(Value, Vec<usize>)>) -> Value {
    let terms: Vec<Value> = terms
        .into_iter()
        .enumerate()
        .map(|(i, (mut t, reqs))| {
            t["id"] = json!(format!("t{i}"));
            let mut reqs: Vec<String> = reqs.into_iter().map(|r| format!("t{r}")).collect();
            reqs.sort();
            reqs.dedup();
            if !reqs.is_empty() {
                t["requires"] = json!(reqs);
            }
            t
        })
        .collect();
    json!({ "id": id, "by": ["US"], "source": "test", "terms": terms })
}
