//! `armistice diff --against OTHER`: snapshots of the change impact, and a check that
//! it agrees with running `armistice compare` before and after.

use std::collections::{BTreeSet, HashMap};

use armistice::diff::{DiffOptions, diff, impact};
use armistice::report::diff::{json, markdown, text};
use serde_json::Value;

use crate::support::diff::load;
use crate::support::{NEW, OLD, RU, US, cli, vocab};

#[test]
fn impact_snapshots() {
    for (name, old, new, other) in [
        ("fixture_against_ru", OLD, NEW, RU),
        ("us_to_fixture_against_ru", US, NEW, RU),
    ] {
        let ((a, _), (b, _), (o, _)) = (load(old), load(new), load(other));
        let mut d = diff(&a, &b, &vocab(), &DiffOptions::default());
        d.impact = Some(impact(&a, &b, &o, &d, &vocab()).unwrap());
        insta::assert_snapshot!(format!("{name}_text"), text::render(&d, false));
        insta::assert_snapshot!(format!("{name}_markdown"), markdown::render(&d));
        insta::assert_snapshot!(format!("{name}_json"), json::render(&d));
    }
}

#[test]
fn flipping_aid_resolves_the_conflict_with_russia() {
    let ((a, _), (b, _), (o, _)) = (load(OLD), load(NEW), load(RU));
    let d = diff(&a, &b, &vocab(), &DiffOptions::default());
    let i = impact(&a, &b, &o, &d, &vocab()).unwrap();
    assert_eq!(
        (i.before.as_str(), i.after.as_str()),
        ("conflicting", "compatible with open points")
    );
    let resolved = i
        .effects
        .iter()
        .find(|e| armistice::report::words::effect(e) == "conflict resolved")
        .expect("a conflict is resolved");
    assert_eq!(resolved.terms, ["aid"]);
    assert_eq!(resolved.witnesses[0].left, "mediator-draft/aid");
    assert_eq!(resolved.witnesses[0].right, "ru-2025-03-13/no-aid");
}

/// The JSON report of `armistice ARGS`, which must not fail (exit 0 or 1).
fn run_json(args: &[&str]) -> Value {
    let r = cli::run(args);
    assert!((0..2).contains(&r.code), "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// A pair's findings as `compare --format json` reports them, named after renaming.
fn findings(pair: &Value, rename: &HashMap<String, String>) -> BTreeSet<(String, Vec<String>)> {
    let name = |v: &Value| {
        let n = v.as_str().unwrap().to_owned();
        rename.get(&n).cloned().unwrap_or(n)
    };
    let mut out = BTreeSet::new();
    for r in pair["relations"].as_array().unwrap() {
        let kind = format!(
            "{}{}",
            r["kind"].as_str().unwrap(),
            if r["indirect"] == true { "+indirect" } else { "" }
        );
        out.insert((kind, vec![name(&r["left"]["term"]), name(&r["right"]["term"])]));
    }
    for b in pair["blocked"].as_array().unwrap() {
        out.insert((b["status"].as_str().unwrap().to_owned(), vec![name(&b["term"])]));
    }
    for o in pair["open"].as_array().unwrap() {
        out.insert(("open".to_owned(), vec![name(&o["term"])]));
    }
    out
}

#[test]
fn impact_agrees_with_compare_before_and_after() {
    for (old, new, other) in [(OLD, NEW, RU), (US, NEW, RU), (US, RU, OLD), (OLD, NEW, US)] {
        let d = run_json(&["diff", old, new, "--against", other, "--format", "json"]);
        let before = run_json(&["compare", old, other, "--format", "json"]);
        let after = run_json(&["compare", new, other, "--format", "json"]);
        let (bp, ap) = (&before["pairs"][0], &after["pairs"][0]);
        let i = &d["impact"];
        assert_eq!(i["verdict"]["before"], bp["verdict"], "{old} {new} {other}");
        assert_eq!(i["verdict"]["after"], ap["verdict"]);
        assert_eq!(i["counts"]["before"], bp["counts"]);
        assert_eq!(i["counts"]["after"], ap["counts"]);

        // The old version's names, carried to the new version's through the alignment.
        let (old_id, new_id) = (d["old"]["id"].as_str().unwrap(), d["new"]["id"].as_str().unwrap());
        let mut rename = HashMap::new();
        for t in d["terms"].as_array().unwrap() {
            if t["match"].is_object() {
                rename.insert(
                    format!("{old_id}/{}", t["old"]["id"].as_str().unwrap()),
                    format!("{new_id}/{}", t["new"]["id"].as_str().unwrap()),
                );
            }
        }
        let (then, now) = (findings(bp, &rename), findings(ap, &HashMap::new()));
        let mut expected: BTreeSet<(String, String, Vec<String>)> = BTreeSet::new();
        for (k, t) in then.difference(&now) {
            expected.insert(("lost".into(), k.clone(), t.clone()));
        }
        for (k, t) in now.difference(&then) {
            expected.insert(("gained".into(), k.clone(), t.clone()));
        }
        let got: BTreeSet<(String, String, Vec<String>)> = i["effects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["finding"]["kind"] != "deadlock")
            .map(|e| {
                let f = &e["finding"];
                let kind = match f["kind"].as_str().unwrap() {
                    "relation" => format!(
                        "{}{}",
                        f["relation"].as_str().unwrap(),
                        if f["indirect"] == true { "+indirect" } else { "" }
                    ),
                    k => k.to_owned(),
                };
                let terms = f["terms"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_owned())
                    .collect();
                (e["direction"].as_str().unwrap().to_owned(), kind, terms)
            })
            .collect();
        assert_eq!(got, expected, "{old} → {new} against {other}");
        assert!(!got.is_empty());
    }
}

/// Robustness case 15 for `diff --against`: the error names both files and points at
/// the `id` of the proposal measured against (the two versions may share an id).
#[test]
fn against_a_proposal_with_the_same_id_is_an_error() {
    let run = cli::Run::of(cli::armistice().args(["diff", US, RU, "--against", US, "--color", "never"]));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "error: proposal id `us-2025-03-11` is also the id of `{US}`\n --> {US}:3:9\n"
        )),
        "{}",
        run.stderr
    );
    let versions = cli::Run::of(cli::armistice().args(["diff", US, US, "--against", RU]));
    assert_eq!(
        versions.code, 0,
        "two versions may share their id: {}",
        versions.stderr
    );
}
