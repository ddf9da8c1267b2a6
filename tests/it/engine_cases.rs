//! The comparison engine, relation class by relation class and edge case by edge case,
//! on small proposals written inline.

use armistice::engine::{Analysis, BlockStatus, Coverage, RelationKind, Verdict};
use serde_json::{Value, json};

use crate::support::{self, analyze};

fn p(id: &str, terms: Value) -> Value {
    json!({ "id": id, "terms": terms })
}

fn kinds(a: &Analysis) -> Vec<(RelationKind, bool, String, String)> {
    a.pairs[0]
        .relations
        .iter()
        .map(|r| {
            (
                r.kind,
                r.is_indirect(),
                a.term_name(r.left.term),
                a.term_name(r.right.term),
            )
        })
        .collect()
}

#[test]
fn agree_on_the_same_term() {
    let t = json!([{ "id": "halt", "subject": ["RU", "UA"], "modality": "must_not", "action": "hostilities", "window": { "days": 30 }, "text": "x" }]);
    let a = analyze(&[p("a", t.clone()), p("b", t)]);
    assert_eq!(
        kinds(&a),
        vec![(RelationKind::Agree, false, "a/halt".into(), "b/halt".into())]
    );
    let r = a.pairs[0].relations.first().unwrap();
    assert_eq!(
        r.subjects.len(),
        2,
        "one relation for a multi-subject term, with both subjects"
    );
    assert_eq!(r.coverage, Coverage::Same);
    assert_eq!(a.pairs[0].verdict, Verdict::Compatible);
    assert!(a.pairs[0].open.is_empty());
}

#[test]
fn aliases_meet_as_the_same_action() {
    let a = analyze(&[
        p(
            "us",
            json!([{ "id": "aid", "subject": "US", "action": "resume_aid", "target": "UA", "text": "x" }]),
        ),
        p(
            "ru",
            json!([{ "id": "no-aid", "subject": "US", "action": "halt_aid", "target": "UA", "text": "x" }]),
        ),
    ]);
    assert_eq!(
        kinds(&a),
        vec![(RelationKind::Conflict, false, "us/aid".into(), "ru/no-aid".into())]
    );
    assert_eq!(a.pairs[0].verdict, Verdict::Conflicting);
}

#[test]
fn must_against_may_is_compatible_and_may_against_must_not_conflicts() {
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": "UA", "action": "training", "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": "UA", "modality": "may", "action": "training", "text": "x" }]),
        ),
        p(
            "c",
            json!([{ "id": "z", "subject": "UA", "modality": "must_not", "action": "training", "text": "x" }]),
        ),
    ]);
    let kind = |pair: usize| a.pairs[pair].relations.first().unwrap().kind;
    assert_eq!(kind(0), RelationKind::Compatible); // a–b
    assert_eq!(kind(1), RelationKind::Conflict); // a–c
    assert_eq!(kind(2), RelationKind::Conflict); // b–c
}

#[test]
fn different_parameters_diverge_with_the_gap() {
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": ["RU", "UA"], "action": "prisoner_exchange", "params": { "count": 175 }, "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": ["RU", "UA"], "action": "prisoner_exchange", "params": { "count": 500 }, "text": "x" }]),
        ),
    ]);
    let r = a.pairs[0].relations.first().unwrap();
    assert_eq!(r.kind, RelationKind::Diverge);
    assert_eq!(r.params[0].outcome, armistice::engine::ParamOutcome::Gap(325.0));
}

#[test]
fn different_windows_diverge_on_the_common_part() {
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": "RU", "modality": "must_not", "action": "hostilities", "window": { "days": 30 }, "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": "RU", "modality": "must_not", "action": "hostilities", "window": { "days": 60 }, "text": "x" }]),
        ),
    ]);
    let r = a.pairs[0].relations.first().unwrap();
    assert_eq!(r.kind, RelationKind::Diverge);
    assert_eq!(a.common_window(r).and_then(|w| w.to()), Some(30));
    assert_eq!(r.coverage, Coverage::RightBroader);
    let open = &a.pairs[0].open;
    assert_eq!(open.len(), 1, "the rest of the 60 days is open");
    assert!(open.first().unwrap().partial);
    assert_eq!(a.term_name(open.first().unwrap().term), "b/y");
}

#[test]
fn disjoint_windows_relate_nothing() {
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": "US", "action": "military_aid", "window": { "days": 30 }, "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": "US", "action": "halt_aid", "window": { "from": 30, "days": 30 }, "text": "x" }]),
        ),
    ]);
    assert!(a.pairs[0].relations.is_empty());
    assert_eq!(a.pairs[0].open.len(), 2);
    assert_eq!(a.pairs[0].verdict, Verdict::CompatibleWithOpenPoints);
}

#[test]
fn hierarchy_and_taxonomy_give_broader_and_narrower() {
    let a = analyze(&[
        p(
            "full",
            json!([{ "id": "halt", "subject": ["RU", "UA"], "modality": "must_not", "action": "hostilities", "text": "x" }]),
        ),
        p(
            "energy",
            json!([{ "id": "energy", "subject": ["RU", "UA"], "modality": "must_not", "action": "strikes", "scope": ["energy_infrastructure"], "text": "x" }]),
        ),
    ]);
    let r = a.pairs[0].relations.first().unwrap();
    assert_eq!(r.kind, RelationKind::Agree);
    assert_eq!(r.coverage, Coverage::LeftBroader);
    assert_eq!(a.term_name(a.pairs[0].open.first().unwrap().term), "full/halt");
    assert!(a.pairs[0].open.first().unwrap().partial);
}

#[test]
fn disjoint_scopes_and_targets_relate_nothing() {
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": "RU", "modality": "must_not", "action": "strikes", "scope": ["kursk"], "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": "RU", "action": "strikes", "scope": ["front_line"], "text": "x" }]),
        ),
    ]);
    assert!(a.pairs[0].relations.is_empty());
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": "US", "action": "military_aid", "target": "UA", "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": "US", "action": "halt_aid", "target": "RU", "text": "x" }]),
        ),
    ]);
    assert!(a.pairs[0].relations.is_empty());
}

#[test]
fn a_multi_subject_term_is_partly_open_when_one_subject_is_missing() {
    let a = analyze(&[
        p(
            "a",
            json!([{ "id": "x", "subject": ["RU", "UA"], "action": "prisoner_exchange", "text": "x" }]),
        ),
        p(
            "b",
            json!([{ "id": "y", "subject": "RU", "action": "prisoner_exchange", "text": "x" }]),
        ),
    ]);
    let open = &a.pairs[0].open;
    assert_eq!(open.len(), 1);
    assert_eq!(open.first().unwrap().subjects.len(), 1);
    assert!(open.first().unwrap().partial);
}

#[test]
fn derived_chain_gives_an_indirect_conflict_with_its_rule() {
    let a = analyze(&[
        p(
            "us",
            json!([{ "id": "train", "subject": "UK", "action": "training", "target": "UA", "text": "x" }]),
        ),
        p(
            "ru",
            json!([{ "id": "no-train", "subject": "UA", "modality": "must_not", "action": "training", "text": "x" }]),
        ),
    ]);
    let r = a.pairs[0].relations.first().unwrap();
    assert_eq!(r.kind, RelationKind::Conflict);
    assert!(r.is_indirect());
    let rule = &support::vocab().rules[r.left.chain[0].rule];
    assert_eq!(rule.def.id, "foreign-training-is-training");
}

#[test]
fn derived_atoms_are_never_open_and_derived_agreements_are_not_reported() {
    let aid =
        json!([{ "id": "aid", "subject": "US", "action": "military_aid", "target": "UA", "text": "x" }]);
    let a = analyze(&[p("a", aid.clone()), p("b", aid)]);
    assert_eq!(
        kinds(&a),
        vec![(RelationKind::Agree, false, "a/aid".into(), "b/aid".into())]
    );
    assert!(a.pairs[0].open.is_empty());
}

#[test]
fn blocked_and_pending_with_criticality() {
    let a = analyze(&[
        p(
            "us",
            json!([
                { "id": "halt", "subject": "RU", "modality": "must_not", "action": "hostilities", "text": "x" },
                { "id": "aid", "subject": "US", "action": "military_aid", "target": "UA", "text": "x" }
            ]),
        ),
        p(
            "ru",
            json!([
                { "id": "halt", "subject": "RU", "modality": "must_not", "action": "hostilities", "requires": ["no-aid", "talks"], "text": "x" },
                { "id": "no-aid", "subject": "US", "action": "halt_aid", "target": "UA", "text": "x" },
                { "id": "talks", "subject": "RU", "action": "negotiations", "requires": ["elections"], "text": "x" },
                { "id": "elections", "subject": "UA", "action": "elections", "text": "x" }
            ]),
        ),
    ]);
    let pair = &a.pairs[0];
    let halt = pair
        .blocked
        .iter()
        .find(|b| a.term_name(b.term) == "ru/halt")
        .unwrap();
    assert_eq!(halt.status, BlockStatus::Blocked);
    assert_eq!(halt.agreed_with.len(), 1);
    let paths: Vec<Vec<String>> = halt
        .causes
        .iter()
        .map(|c| c.path.iter().map(|&t| a.term_name(t)).collect())
        .collect();
    assert!(paths.contains(&vec!["ru/halt".into(), "ru/no-aid".into()]));
    assert!(
        paths.contains(&vec!["ru/halt".into(), "ru/talks".into(), "ru/elections".into()]),
        "transitive: {paths:?}"
    );
    let talks = pair
        .blocked
        .iter()
        .find(|b| a.term_name(b.term) == "ru/talks")
        .unwrap();
    assert_eq!(talks.status, BlockStatus::Pending);
    let conflict = pair.relations.iter().find(|r| r.is_conflict()).unwrap();
    assert_eq!(conflict.criticality, 1);
}

#[test]
fn crossed_preconditions_are_a_deadlock_and_concurrent_ones_are_not() {
    let side = |id: &str, first: &str, then: &str, timing: &str| {
        p(
            id,
            json!([
                { "id": first, "subject": ["RU", "UA"], "action": "prisoner_exchange", "text": "x",
                  "requires": [{ "term": then, "timing": timing }] },
                { "id": then, "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "text": "x" }
            ]),
        )
    };
    // P: exchange only after withdrawal. Q: withdrawal only after exchange.
    let q = p(
        "q",
        json!([
            { "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "text": "x" },
            { "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "requires": ["pow"], "text": "x" }
        ]),
    );
    let a = analyze(&[side("p", "pow", "out", "before"), q.clone()]);
    assert_eq!(a.pairs[0].deadlocks.len(), 1);
    assert_eq!(a.pairs[0].verdict, Verdict::Conflicting);
    let cycle = &a.pairs[0].deadlocks[0].cycle;
    assert_eq!(
        cycle.first().unwrap().from,
        cycle.last().unwrap().to,
        "a closed cycle"
    );

    let concurrent = |id: &str| {
        p(
            id,
            json!([
                { "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "text": "x",
                  "requires": [{ "term": "out", "timing": "concurrent" }] },
                { "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "text": "x",
                  "requires": [] }
            ]),
        )
    };
    let q2 = p(
        "q",
        json!([
            { "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "text": "x" },
            { "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "requires": [{ "term": "pow", "timing": "concurrent" }], "text": "x" }
        ]),
    );
    let a = analyze(&[concurrent("p"), q2]);
    assert!(a.pairs[0].deadlocks.is_empty());
    // The same order on both sides is no deadlock either.
    let same = p(
        "q",
        json!([
            { "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "requires": ["out"], "text": "x" },
            { "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "text": "x" }
        ]),
    );
    let a = analyze(&[side("p", "pow", "out", "before"), same]);
    assert!(a.pairs[0].deadlocks.is_empty());
}

#[test]
fn three_proposals_give_a_matrix_and_common_terms() {
    let halt = json!({ "id": "halt", "subject": "RU", "modality": "must_not", "action": "hostilities", "text": "x" });
    let a = analyze(&[
        p(
            "a",
            json!([halt.clone(), { "id": "aid", "subject": "US", "action": "military_aid", "text": "x" }]),
        ),
        p("b", json!([halt.clone()])),
        p(
            "c",
            json!([halt, { "id": "no-aid", "subject": "US", "action": "halt_aid", "text": "x" }]),
        ),
    ]);
    assert_eq!(a.pairs.len(), 3);
    assert_eq!(a.common.len(), 1);
    assert_eq!(
        a.common[0].iter().map(|&t| a.term_name(t)).collect::<Vec<_>>(),
        ["a/halt", "b/halt", "c/halt"]
    );
    assert_eq!(a.pairs[1].verdict, Verdict::Conflicting); // a–c
}

#[test]
fn burden_counts_obligations_and_the_share_on_authors() {
    let a = analyze(&[
        json!({ "id": "ru", "by": ["RU"], "terms": [
            { "id": "halt", "subject": ["RU", "UA"], "modality": "must_not", "action": "hostilities", "window": { "days": 30 }, "text": "x" },
            { "id": "no-train", "subject": "UA", "modality": "must_not", "action": "training", "window": { "days": 30 }, "text": "x" },
            { "id": "may", "subject": "RU", "modality": "may", "action": "training", "text": "x" }
        ]}),
        p(
            "other",
            json!([{ "id": "x", "subject": "US", "action": "elections", "text": "x" }]),
        ),
    ]);
    let b = &a.burden[0];
    assert_eq!(b.on_others(), (2, 3), "permissions are no burden");
    assert!((b.own_share().unwrap() - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn duplicate_proposal_ids_are_an_error() {
    let t = json!([{ "id": "x", "subject": "US", "action": "elections", "text": "x" }]);
    let ps: Vec<_> = [p("same", t.clone()), p("same", t)]
        .into_iter()
        .map(support::proposal)
        .collect();
    let err = armistice::engine::compare(&ps, &support::vocab()).unwrap_err();
    assert_eq!(err.to_string(), "two proposals have the id `same`");
}

#[test]
fn impact_names_each_change_with_its_witnesses() {
    use armistice::engine::{Direction, Finding, impact};
    use armistice::report::words;
    let us = |aid: bool| {
        let mut terms = vec![
            json!({ "id": "halt", "subject": "RU", "modality": "must_not", "action": "hostilities", "text": "x" }),
        ];
        if aid {
            terms.push(json!({ "id": "aid", "subject": "US", "action": "military_aid", "target": "UA", "text": "x" }));
        }
        p("us", Value::Array(terms))
    };
    let ru = p(
        "ru",
        json!([
            { "id": "halt", "subject": "RU", "modality": "must_not", "action": "hostilities", "requires": ["no-aid"], "text": "x" },
            { "id": "no-aid", "subject": "US", "action": "halt_aid", "target": "UA", "text": "x" }
        ]),
    );
    let before = analyze(&[us(true), ru.clone()]);
    let after = analyze(&[us(false), ru]);
    let pairs = impact(&before, &after, &Default::default());
    assert_eq!(pairs[0].before, Some(Verdict::Conflicting));
    assert_eq!(pairs[0].after, Verdict::CompatibleWithOpenPoints);
    let described: Vec<(&str, Vec<&str>)> = pairs[0]
        .changes
        .iter()
        .map(|c| (words::changed(c), c.witnesses()))
        .collect();
    assert!(
        described.contains(&("conflict resolved", vec!["us/aid", "ru/no-aid"])),
        "{described:?}"
    );
    assert!(
        described.contains(&("unblocked", vec!["ru/halt"])),
        "{described:?}"
    );
    assert!(
        described.contains(&("newly pending", vec!["ru/halt"])),
        "no-aid is now only open: {described:?}"
    );
    assert!(pairs[0].changes.iter().any(|c| c.direction == Direction::Gained
        && c.finding
            == Finding::Open {
                term: "ru/no-aid".into()
            }));
}

fn vocab_with_rules(rules: Value) -> armistice::vocab::Vocab {
    let extra: armistice::vocab::VocabFile = serde_json::from_value(json!({ "rules": rules })).unwrap();
    armistice::vocab::Vocab::with_extensions(&[extra]).unwrap()
}

#[test]
fn a_chain_of_two_rules_is_reported_rule_by_rule() {
    let vocab = vocab_with_rules(json!([{
        "id": "resupply-enables-reinforcement",
        "description": "a party that may resupply may reinforce",
        "if": { "subject": "?A", "modality": "may", "action": "resupply" },
        "then": { "subject": "?A", "modality": "may", "action": "reinforcement" }
    }]));
    let ps: Vec<_> = [
        p("us", json!([{ "id": "aid", "subject": "US", "action": "military_aid", "target": "UA", "text": "x" }])),
        p("ru", json!([{ "id": "no-reinforce", "subject": "UA", "modality": "must_not", "action": "reinforcement", "text": "x" }])),
    ]
    .into_iter()
    .map(support::proposal)
    .collect();
    let a = armistice::engine::compare(&ps, &vocab).unwrap();
    let r = a.pairs[0].relations.first().unwrap();
    assert_eq!(r.kind, RelationKind::Conflict);
    let rules: Vec<&str> = r
        .left
        .chain
        .iter()
        .map(|s| vocab.rules[s.rule].def.id.as_str())
        .collect();
    assert_eq!(rules, ["aid-enables-resupply", "resupply-enables-reinforcement"]);
}

#[test]
fn rules_that_imply_each_other_reach_a_fixpoint() {
    let vocab = vocab_with_rules(json!([
        { "id": "a-to-b", "description": "x", "if": { "subject": "?A", "modality": "may", "action": "training" },
          "then": { "subject": "?A", "modality": "may", "action": "rearmament" } },
        { "id": "b-to-a", "description": "x", "if": { "subject": "?A", "modality": "may", "action": "rearmament" },
          "then": { "subject": "?A", "modality": "may", "action": "training" } }
    ]));
    let ps: Vec<_> = [
        p("a", json!([{ "id": "t", "subject": "UA", "modality": "may", "action": "training", "text": "x" }])),
        p("b", json!([{ "id": "r", "subject": "UA", "modality": "must_not", "action": "rearmament", "text": "x" }])),
    ]
    .into_iter()
    .map(support::proposal)
    .collect();
    let a = armistice::engine::compare(&ps, &vocab).unwrap();
    assert_eq!(
        a.atoms[0].atoms.len(),
        2,
        "the written atom and one derived, no loop"
    );
    assert!(
        a.pairs[0]
            .relations
            .iter()
            .any(|r| r.is_conflict() && r.is_indirect())
    );
}

/// Regression: vocabularies with more than 65,536 scope labels (the generator's sectors
/// for a million terms) once overflowed the label index and panicked.
#[test]
fn more_than_u16_many_scope_labels() {
    let labels: Vec<Value> = (0..70_000)
        .map(|i| {
            if i == 0 {
                json!({ "id": "zone" })
            } else {
                json!({ "id": format!("s{i}"), "parent": "zone" })
            }
        })
        .collect();
    let extra: armistice::vocab::VocabFile = serde_json::from_value(json!({
        "scopes": [{ "id": "sector", "description": "generated", "labels": labels }]
    }))
    .unwrap();
    let vocab = armistice::vocab::Vocab::with_extensions(&[extra]).unwrap();
    let t = |id: &str, modality: &str, scope: &str| json!([{ "id": id, "subject": "RU", "modality": modality, "action": "strikes", "scope": [scope], "text": "x" }]);
    let ps: Vec<_> = [
        p("a", t("x", "must_not", "s69999")),
        p("b", t("y", "may", "zone")),
    ]
    .into_iter()
    .map(support::proposal)
    .collect();
    let a = armistice::engine::compare(&ps, &vocab).unwrap();
    assert_eq!(
        kinds(&a),
        vec![(RelationKind::Conflict, false, "a/x".into(), "b/y".into())]
    );
    assert_eq!(
        a.pairs[0].relations.first().unwrap().coverage,
        Coverage::RightBroader
    );
}

#[test]
fn endeavour_against_each_modality() {
    // DESIGN §3: must vs endeavour diverge (strength), endeavour vs endeavour agree,
    // endeavour vs may compatible, endeavour vs must_not conflict.
    let term = |m: &str| json!([{ "id": "t", "subject": "US", "modality": m, "action": "sanctions_relief", "target": "RU", "text": "x" }]);
    for (other, kind) in [
        ("must", RelationKind::Diverge),
        ("endeavour", RelationKind::Agree),
        ("may", RelationKind::Compatible),
        ("must_not", RelationKind::Conflict),
    ] {
        let a = analyze(&[p("a", term("endeavour")), p("b", term(other))]);
        assert_eq!(
            kinds(&a),
            vec![(kind, false, "a/t".into(), "b/t".into())],
            "{other}"
        );
        let b = analyze(&[p("a", term(other)), p("b", term("endeavour"))]);
        assert_eq!(
            kinds(&b),
            vec![(kind, false, "a/t".into(), "b/t".into())],
            "{other} mirrored"
        );
    }
}

#[test]
fn an_endeavour_weighs_half_an_obligation_in_the_burden() {
    let t = |m: &str| json!([{ "id": "t", "subject": "RU", "modality": m, "action": "withdrawal", "window": { "days": 30 }, "text": "x" }]);
    let a = analyze(&[p("a", t("must")), p("b", t("endeavour"))]);
    let row = |i: usize| a.burden[i].rows.iter().find(|r| r.count > 0).unwrap().clone();
    assert_eq!(row(0).count, 1);
    assert_eq!(row(1).count, 1, "an effort is still an obligation");
    assert_eq!(row(1).weight * 2.0, row(0).weight);
}
