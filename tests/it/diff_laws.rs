//! Laws of `armistice diff`, checked on generated proposals: a proposal against itself
//! is the same in meaning; the patch of a diff turns the old file into the new one; a
//! renamed term with unchanged content is aligned, not removed and added.

use armistice::diff::{DiffOptions, MatchBy, TermDiff, diff, json_patch};
use armistice::report::diff::patch;
use proptest::prelude::*;
use serde_json::Value;

use crate::support::diff::{apply, edit, edits, load, proposal, rename, resolve};
use crate::support::vocab;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_proposal_is_the_same_as_itself(p in proposal(8)) {
        let r = resolve(&p);
        let d = diff(&r, &r, &vocab(), &DiffOptions::default());
        prop_assert!(d.is_same_in_meaning());
        prop_assert!(d.metadata.is_empty());
        prop_assert_eq!(d.terms.len(), p.terms.len());
        for t in &d.terms {
            match t {
                TermDiff::Matched(m) => {
                    prop_assert_eq!(m.by, MatchBy::Id);
                    prop_assert!(m.changes.is_empty());
                }
                other => prop_assert!(false, "unmatched term {:?}", other),
            }
        }
        let v = serde_json::to_value(&p).unwrap();
        prop_assert!(json_patch(&v, &v, &d.pairs()).is_empty());
    }

    #[test]
    fn the_patch_turns_old_into_new(p in proposal(6), es in edits()) {
        let q = edit(&p, &es);
        let (a, b) = (resolve(&p), resolve(&q));
        let d = diff(&a, &b, &vocab(), &DiffOptions::default());
        let (va, vb) = (serde_json::to_value(&p).unwrap(), serde_json::to_value(&q).unwrap());
        let text = patch::render(&json_patch(&va, &vb, &d.pairs()));
        prop_assert_eq!(apply(&va, &text), vb);
    }

    #[test]
    fn a_renamed_term_is_aligned(p in proposal(6), pick in any::<prop::sample::Index>()) {
        let mut q = p.clone();
        let old = p.terms[pick.index(p.terms.len())].id.clone();
        rename(&mut q, &old, "fresh-name");
        let d = diff(&resolve(&p), &resolve(&q), &vocab(), &DiffOptions::default());
        let c = d.counts();
        prop_assert_eq!((c.added, c.removed), (0, 0));
        let renamed = d.terms.iter().find_map(|t| match t {
            TermDiff::Matched(m) if m.new.id == "fresh-name" => Some(m),
            _ => None,
        });
        let renamed = renamed.expect("the renamed term is matched");
        prop_assert_eq!(&*renamed.old.id, &*old);
        prop_assert!(renamed.by.confidence() >= 0.99, "confidence {:?}", renamed.by);
    }

    #[test]
    fn any_json_patch_applies(a in json(), b in json(), pairs in prop::collection::vec((0usize..6, 0usize..6), 0..6)) {
        let text = patch::render(&json_patch(&a, &b, &pairs));
        prop_assert_eq!(apply(&a, &text), b);
    }
}

/// Arbitrary JSON, with keys that need escaping in pointers and a `terms` array.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (0i64..5).prop_map(Value::from),
        prop::sample::select(&["a", "b", "~", "/"][..]).prop_map(Value::from),
    ];
    let tree = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(&["k", "a/b", "m~n", "", "~1"][..]),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    });
    let terms = prop::collection::vec(tree.clone(), 0..6).prop_map(Value::Array);
    prop_oneof![
        tree.clone(),
        (terms, tree).prop_map(|(t, x)| serde_json::json!({ "terms": t, "x": x })),
    ]
}

/// A term whose only change is a parameter's value is summed up with its new value on
/// the new side (the summary of an unchanged term is made once and shared).
#[test]
fn a_changed_parameter_shows_in_the_new_summary() {
    let (old, _) = load("proposals/us-ua-2025-03-11-jeddah.json");
    let mut written = old.proposal.clone();
    let term = written.terms.iter_mut().find(|t| &*t.id == "halt-ua").unwrap();
    term.params.insert(
        "extension".into(),
        armistice::model::ParamValue::Value("automatic".into()),
    );
    let new = resolve(&written);
    let d = diff(&old, &new, &vocab(), &DiffOptions::default());
    let m = d
        .terms
        .iter()
        .find_map(|t| match t {
            TermDiff::Matched(m) if m.old.id == "halt-ua" => Some(m),
            _ => None,
        })
        .unwrap();
    assert!(
        m.old.summary.contains("extension by_mutual_agreement"),
        "{}",
        m.old.summary
    );
    assert!(m.new.summary.contains("extension automatic"), "{}", m.new.summary);
}
