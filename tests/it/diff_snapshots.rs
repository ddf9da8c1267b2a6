//! Snapshots of every `armistice diff` format on the fixture pair and on the seed pair,
//! with each patch applied to its old file to check that it gives the new one.

use armistice::diff::{DiffOptions, diff, json_patch};
use armistice::report::diff::{json, markdown, patch, text};

use crate::support::diff::{apply, load};
use crate::support::{NEW, OLD, OUTCOMES_NEW, OUTCOMES_OLD, RU, US, vocab};

const PAIRS: [(&str, &str, &str); 3] = [
    ("fixture", OLD, NEW),
    ("seed", US, RU),
    ("outcomes", OUTCOMES_OLD, OUTCOMES_NEW),
];

#[test]
fn every_format_on_every_pair() {
    for (name, old, new) in PAIRS {
        let ((a, va), (b, vb)) = (load(old), load(new));
        let d = diff(&a, &b, &vocab(), &DiffOptions::default());
        insta::assert_snapshot!(format!("{name}_text"), text::render(&d, false));
        insta::assert_snapshot!(format!("{name}_text_color"), text::render(&d, true));
        insta::assert_snapshot!(format!("{name}_markdown"), markdown::render(&d));
        let j = json::render(&d);
        insta::assert_snapshot!(format!("{name}_json"), j);
        let back: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back["schema_version"], json::SCHEMA_VERSION);
        let p = patch::render(&json_patch(&va, &vb, &d.pairs()));
        insta::assert_snapshot!(format!("{name}_patch"), p);
        assert_eq!(apply(&va, &p), vb, "the {name} patch does not give the new file");
    }
}

#[test]
fn ignored_fields_leave_the_result() {
    let ((a, _), (b, _)) = (load(PAIRS[0].1), load(PAIRS[0].2));
    let opts = DiffOptions::ignoring("text,source,note,title,date").unwrap();
    let d = diff(&a, &b, &vocab(), &opts);
    insta::assert_snapshot!("fixture_text_ignoring", text::render(&d, false));
    assert!(d.metadata.is_empty());
}

#[test]
fn the_fixture_pair_says_what_changed_in_domain_words() {
    let ((a, _), (b, _)) = (load(PAIRS[0].1), load(PAIRS[0].2));
    let out = text::render(&diff(&a, &b, &vocab(), &DiffOptions::default()), false);
    for expected in [
        "modality  must → must_not: US now agrees to halt military aid to UA",
        "window    30 → 60 days (lengthened)",
        "scope     everywhere → energy_infrastructure (narrowed)",
        "CHANGED  energy-strikes (matched to `strikes` by similarity",
        "CHANGED  prisoners (matched to `pow` by similarity 1.00)",
        "The US would [-restart-]{+pause+} delivering aid to Kyiv.",
        "ADDED    talks",
        "REMOVED  monitor",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn the_seed_pair_aligns_aid_with_its_halt() {
    let ((a, _), (b, _)) = (load(PAIRS[1].1), load(PAIRS[1].2));
    let out = text::render(&diff(&a, &b, &vocab(), &DiffOptions::default()), false);
    assert!(out.contains("CHANGED  no-aid (matched to `aid`"), "{out}");
    assert!(out.contains("must → must_not: the proposal now demands that US halt military aid to UA"));
}

/// The fixture's old version against itself with the `count` of `pow` set to `count`.
fn with_count(count: armistice::model::ParamValue) -> armistice::diff::ProposalDiff {
    let (a, _) = load(PAIRS[0].1);
    let mut written = a.proposal.clone();
    let pow = written.terms.iter_mut().find(|t| &*t.id == "pow").unwrap();
    pow.params.insert("count".into(), count);
    diff(
        &a,
        &crate::support::diff::resolve(&written),
        &vocab(),
        &DiffOptions::default(),
    )
}

#[test]
fn a_range_reads_as_in_a_comparison() {
    // `at least 30` and `at most 200`, as `compare` says them, in every diff format
    // (they were `≥ 30` and `≤ 200`).
    use armistice::model::ParamValue::Range;
    let d = with_count(Range {
        min: Some(30.0),
        max: None,
    });
    let line = "`count` 175 → at least 30";
    let (t, m) = (text::render(&d, false), markdown::render(&d));
    assert!(t.contains(line), "{t}");
    assert!(m.contains(line), "{m}");
    let j: serde_json::Value = serde_json::from_str(&json::render(&d)).unwrap();
    let pow = j["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["new"]["id"] == "pow")
        .unwrap();
    let summary = pow["new"]["summary"].as_str().unwrap();
    assert!(summary.contains(", count at least 30,"), "{summary}");
    assert!(
        pow["changes"][0]["summary"].as_str().unwrap().starts_with(line),
        "{pow}"
    );
    let d = with_count(Range {
        min: None,
        max: Some(200.0),
    });
    let t = text::render(&d, false);
    assert!(t.contains("`count` 175 → at most 200"), "{t}");
}
