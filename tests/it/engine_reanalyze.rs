//! Law of the incremental engine: `engine::reanalyze` gives exactly what
//! `engine::analyze_with` gives on the edited proposals — every pair (relations with
//! their criticality, open points, held-up terms with their paths, deadlocks, the
//! verdict and the steps counted against `max_paths`), atoms, burden and common terms —
//! for edits across chains of `requires` (a term flipped, rescoped, conditioned,
//! unconditioned, dropped, renamed, copied or moved), and the same error when the
//! edited proposals take more steps than `max_paths`.

use armistice::engine::{self, Analysis, EngineError};
use armistice::limits::Limits;
use armistice::load;
use armistice::model::Proposal;
use armistice::resolved::ResolvedProposal;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{self, resolve_json};

const PARTIES: [&str; 2] = ["US", "RU"];
const ACTIONS: [&str; 3] = ["hostilities", "strikes", "ground_offensive"];
const LABELS: [&str; 3] = ["kursk", "ukraine", "infrastructure"];

/// A term: few parties, actions and labels, so that terms of two proposals meet often.
fn term() -> impl Strategy<Value = Value> {
    (
        proptest::sample::subsequence(PARTIES.to_vec(), 1..=2),
        proptest::sample::select(vec!["must", "must_not", "may"]),
        proptest::sample::select(ACTIONS.to_vec()),
        proptest::option::of(proptest::sample::select(LABELS.to_vec())),
    )
        .prop_map(|(subject, modality, action, label)| {
            let mut t = json!({ "subject": subject, "modality": modality, "action": action, "text": "t" });
            if let Some(l) = label {
                t["scope"] = json!([l]);
            }
            t
        })
}

/// A proposal of up to `max` terms, each requiring up to two of the four before it:
/// chains of conditions, without cycles.
fn proposal(id: &'static str, max: usize) -> impl Strategy<Value = Value> {
    proptest::collection::vec((term(), proptest::collection::vec(1usize..5, 0..3)), 1..=max).prop_map(
        move |terms| {
            let terms = terms
                .into_iter()
                .enumerate()
                .map(|(i, (t, back))| (t, back.into_iter().filter(|&b| b <= i).map(|b| i - b).collect()))
                .collect();
            support::numbered(id, terms)
        },
    )
}

fn ids(p: &Value) -> Vec<String> {
    p["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

fn required(p: &Value, id: &str) -> bool {
    p["terms"].as_array().unwrap().iter().any(|t| {
        t.get("requires")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|x| x == id))
    })
}

/// Applies edit `kind` to the term `pick` picks in `p` (edit number `n`).
fn edit(p: &mut Value, n: usize, kind: usize, pick: usize) {
    let names = ids(p);
    let k = pick % names.len();
    let id = names[k].clone();
    let is_required = required(p, &id);
    let terms = p["terms"].as_array_mut().unwrap();
    match kind % 8 {
        0 => {
            let m = terms[k]["modality"].as_str().unwrap();
            terms[k]["modality"] = json!(if m == "must_not" { "must" } else { "must_not" });
        }
        1 => terms[k]["scope"] = json!([LABELS[pick % LABELS.len()]]),
        2 if k > 0 => {
            // A condition on an earlier term: still no cycle.
            let earlier = &names[pick % k];
            let reqs = terms[k]
                .as_object_mut()
                .unwrap()
                .entry("requires")
                .or_insert_with(|| json!([]));
            if !reqs.as_array().unwrap().iter().any(|x| x == earlier) {
                reqs.as_array_mut().unwrap().push(json!(earlier));
            }
        }
        3 => {
            terms[k].as_object_mut().unwrap().remove("requires");
        }
        4 if names.len() > 1 && !is_required => {
            terms.remove(k);
        }
        5 if !is_required => {
            terms[k]["id"] = json!(format!("renamed{n}"));
        }
        6 => {
            let moved = terms.remove(k);
            terms.push(moved);
        }
        _ => {
            let mut copy = terms[k].clone();
            copy["id"] = json!(format!("added{n}"));
            copy["requires"] = json!([id]);
            terms.push(copy);
        }
    }
}

fn assert_same(again: &Result<Analysis, EngineError>, full: &Result<Analysis, EngineError>) {
    match (again, full) {
        (Ok(a), Ok(f)) => {
            assert_eq!(a.pairs, f.pairs);
            assert_eq!(a.atoms, f.atoms);
            assert_eq!(a.burden, f.burden);
            assert_eq!(a.common, f.common);
        }
        (Err(a), Err(f)) => assert_eq!(a, f),
        (a, f) => panic!(
            "reanalyze and analyze differ: {:?} against {:?}",
            a.as_ref().err(),
            f.as_ref().err()
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reanalyze_is_analyze_across_chains_of_conditions(
        p in proposal("p", 12),
        q in proposal("q", 12),
        r in proposal("r", 5),
        three in any::<bool>(),
        edits in proptest::collection::vec((0usize..3, 0usize..8, 0usize..100), 1..4),
        max_paths in proptest::option::of(0usize..60),
    ) {
        let vocab = support::vocab();
        let limits = Limits { max_paths: max_paths.unwrap_or(Limits::default().max_paths), ..Limits::default() };
        let mut values = if three { vec![p, q, r] } else { vec![p, q] };
        let originals: Vec<ResolvedProposal> = values.iter().map(|v| resolve_json(v, &vocab)).collect();
        let Ok(base) = engine::analyze_with(originals, &vocab, &limits) else {
            // Past the limit already: nothing to bring up to date.
            return Ok(());
        };
        let mut touched = Vec::new();
        for (n, &(which, kind, pick)) in edits.iter().enumerate() {
            let w = which % values.len();
            edit(&mut values[w], n, kind, pick);
            touched.push(w);
        }
        touched.sort_unstable();
        touched.dedup();
        // An edit can leave a proposal that no longer resolves (a copy requiring a term
        // another edit dropped, a cycle of conditions): no analysis to compare then.
        let valid = |v: &Value| {
            let model: Proposal = serde_json::from_value(v.clone()).unwrap();
            load::resolve(&model, &vocab).0.is_some()
        };
        prop_assume!(values.iter().all(valid));
        let changed: Vec<(usize, ResolvedProposal)> = touched.iter().map(|&w| (w, resolve_json(&values[w], &vocab))).collect();
        let full = engine::analyze_with(values.iter().map(|v| resolve_json(v, &vocab)).collect::<Vec<_>>(), &vocab, &limits);
        // Terms compared in full, and matched by their keys from a baseline.
        let bare = engine::reanalyze(&base, changed.clone(), &vocab);
        assert_same(&bare, &full);
        let keyed = engine::Baseline::new(base, &vocab).reanalyze(changed, &vocab).map(engine::Baseline::into_analysis);
        assert_same(&keyed, &full);
    }
}
