//! The embedded vocabulary is consistent, `--vocab` files extend it (and replace an
//! entry when they say so), and
//! `armistice vocab` prints it.

use std::collections::HashSet;

use armistice::vocab::{Vocab, VocabFile};

use crate::support::ROOT;
use crate::support::cli::run;

fn default_file() -> VocabFile {
    serde_json::from_str(armistice::vocab::DEFAULT_PACK).unwrap()
}

fn assert_unique<'a>(what: &str, names: impl IntoIterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for n in names {
        assert!(seen.insert(n), "{what} `{n}` is defined twice");
    }
}

#[test]
fn embedded_vocabulary_has_unique_names() {
    let f = default_file();
    assert_unique("party", f.parties.iter().map(|p| p.code.as_str()));
    assert_unique(
        "action name",
        f.actions.iter().flat_map(|a| {
            std::iter::once(a.id.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .chain(a.negations.iter().map(String::as_str))
        }),
    );
    assert_unique("taxonomy", f.scopes.iter().map(|s| s.id.as_str()));
    assert_unique(
        "scope label",
        f.scopes
            .iter()
            .flat_map(|s| s.labels.iter().map(|l| l.id.as_str())),
    );
    assert_unique("parameter", f.params.iter().map(|p| p.id.as_str()));
    assert_unique("rule", f.rules.iter().map(|r| r.id.as_str()));
}

#[test]
fn embedded_vocabulary_names_only_defined_actions_and_has_no_cycle() {
    let f = default_file();
    let ids: HashSet<&str> = f.actions.iter().map(|a| a.id.as_str()).collect();
    for a in &f.actions {
        if let Some(p) = &a.parent {
            assert!(ids.contains(p.as_str()), "parent `{p}` of `{}`", a.id);
        }
    }
    for r in &f.rules {
        assert!(ids.contains(r.when.action.as_str()), "rule `{}`", r.id);
        assert!(ids.contains(r.then.action.as_str()), "rule `{}`", r.id);
    }
    let v = Vocab::default_pack().unwrap();
    for (i, _) in v.actions.iter().enumerate() {
        let depth = v.action_ancestors(i as u32).take(v.actions.len() + 1).count();
        assert!(depth < v.actions.len(), "cycle above `{}`", v.action_id(i as u32));
    }
    for (i, l) in v.labels.iter().enumerate() {
        let mut cur = l.parent;
        for _ in 0..=v.labels.len() {
            match cur {
                Some(p) => cur = v.labels[p as usize].parent,
                None => break,
            }
        }
        assert!(cur.is_none(), "cycle above scope label #{i}");
    }
}

#[test]
fn embedded_vocabulary_covers_the_issue_list() {
    let v = Vocab::default_pack().unwrap();
    for code in ["US", "RU", "UA", "EU"] {
        assert!(v.party(code).is_some(), "{code}");
    }
    for action in [
        "hostilities",
        "strikes",
        "ground_offensive",
        "naval_operations",
        "military_aid",
        "intelligence_sharing",
        "prisoner_exchange",
        "release_civilian_detainees",
        "return_children",
        "resupply",
        "reinforcement",
        "training",
        "mobilisation",
        "rearmament",
        "monitoring",
        "negotiations",
        "sanctions_relief",
        "withdrawal",
        "elections",
        "border_control",
        "safe_navigation",
    ] {
        let (id, negated) = v.action(action).unwrap_or_else(|| panic!("{action}"));
        assert!(!negated);
        assert_eq!(v.action_id(id), action);
    }
    let (hostilities, _) = v.action("hostilities").unwrap();
    for inner in ["strikes", "ground_offensive", "naval_operations"] {
        assert!(
            v.action_contains(hostilities, v.action(inner).unwrap().0),
            "{inner}"
        );
    }
    let infra = v.label("infrastructure").unwrap();
    assert!(v.label_contains(infra, v.label("energy_infrastructure").unwrap()));
    let rules: HashSet<&str> = v.rules.iter().map(|r| r.def.id.as_str()).collect();
    for r in [
        "aid-enables-resupply",
        "aid-enables-rearmament",
        "foreign-training-is-training",
    ] {
        assert!(rules.contains(r), "{r}");
    }
}

#[test]
fn user_vocabulary_extends_and_overrides() {
    let text =
        std::fs::read_to_string(std::path::Path::new(ROOT).join("tests/fixtures/vocab/extension.json"))
            .unwrap();
    let file = armistice::load::SourceFile::from_text("extension.json", text);
    let v = armistice::load::load_vocab(vec![file]).unwrap();
    let default = Vocab::default_pack().unwrap();
    assert!(v.party("PL").is_some());
    assert_eq!(v.parties.len(), default.parties.len() + 1);
    let (corridor, _) = v.action("grain_deal").unwrap();
    let (navigation, _) = v.action("safe_navigation").unwrap();
    assert!(v.action_contains(navigation, corridor));
    let (elections, _) = v.action("national_elections").unwrap();
    assert_eq!(
        v.actions[elections as usize].def.description,
        "holding national elections within a set time"
    );
    assert_eq!(
        v.actions.len(),
        default.actions.len() + 1,
        "an entry of a known id adds to it, it does not add another"
    );
    assert!(v.label("odesa").is_some());
    // Issue 23: a taxonomy of a known id gains the labels; the default's stay, and a
    // label it repeats without a parent keeps its place in the tree.
    assert!(
        v.label("front_line").is_some(),
        "a taxonomy is extended, not replaced"
    );
    let kursk = v.label("kursk").unwrap();
    assert!(v.label_contains(v.label("russia").unwrap(), kursk));
    let (elections, _) = v.action("elections").unwrap();
    assert!(
        v.actions[elections as usize]
            .def
            .aliases
            .iter()
            .any(|a| a == "hold_elections")
    );
    assert!(v.label("energy_infrastructure").is_some());
}

#[test]
fn vocab_text() {
    let text = run(["vocab"]).success();
    insta::assert_snapshot!(text);
}

#[test]
fn vocab_json_is_the_merged_file() {
    let json = run([
        "vocab",
        "--format",
        "json",
        "--vocab",
        "tests/fixtures/vocab/extension.json",
    ])
    .success();
    let merged: VocabFile = serde_json::from_str(&json).unwrap();
    assert!(merged.parties.iter().any(|p| p.code == "PL"));
    let again = Vocab::build(std::slice::from_ref(&merged)).unwrap();
    assert_eq!(again.merged, merged);
}
