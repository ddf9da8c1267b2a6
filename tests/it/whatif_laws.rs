//! Laws of what-if evaluation on random proposals: setting a field to its current
//! value changes nothing; dropping a term and adding it back gives the baseline
//! findings; a scenario's analysis is the full analysis of the edited proposals (the
//! incremental `reanalyze` behind it gives exactly what `analyze` gives, with two or
//! three proposals and every kind of edit).

use std::collections::BTreeSet;

use armistice::engine::{self, Analysis, Finding};
use armistice::model::Proposal;
use armistice::whatif::{Edit, Outcome, Scenario, evaluate_one};
use proptest::prelude::*;
use serde_json::Value;

use crate::support::{self, resolve_json};

const FIELDS: [&str; 11] = [
    "id", "subject", "modality", "action", "target", "scope", "window", "params", "requires", "priority",
    "text",
];

fn baseline(p: &Value, q: &Value) -> Analysis {
    baseline_of(&[p, q])
}

fn baseline_of(proposals: &[&Value]) -> Analysis {
    let vocab = support::vocab();
    let resolved = proposals.iter().map(|v| resolve_json(v, &vocab)).collect();
    engine::analyze(resolved, &vocab).unwrap()
}

fn all_findings(a: &Analysis) -> Vec<BTreeSet<Finding>> {
    a.pairs.iter().map(|p| engine::findings(a, p)).collect()
}

fn run(base: &Analysis, edits: Vec<Edit>) -> Outcome {
    let vocab = support::vocab();
    let base = engine::Baseline::new(base.clone(), &vocab);
    evaluate_one(&base, &Scenario::command_line(edits), &vocab)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn setting_a_field_to_its_value_changes_nothing(
        p in support::proposal_strategy("p", 5, true),
        q in support::proposal_strategy("q", 5, true),
        pick in 0usize..100,
        field in proptest::sample::select(FIELDS.to_vec()),
    ) {
        let base = baseline(&p, &q);
        let terms = p["terms"].as_array().unwrap();
        let term = &terms[pick % terms.len()];
        let value = term.get(field).cloned().unwrap_or(Value::Null);
        let edit = Edit::Set {
            term: format!("p/{}", term["id"].as_str().unwrap()),
            field: field.to_owned(),
            value,
        };
        match run(&base, vec![edit]) {
            Outcome::Evaluated(e) => {
                prop_assert!(e.changed.is_empty(), "no proposal changed");
                prop_assert!(e.pairs.iter().all(|pc| pc.changes.is_empty()));
                prop_assert_eq!(all_findings(e.analysis.as_ref().unwrap()), all_findings(&base));
            }
            Outcome::Invalid(problems) => prop_assert!(false, "{:?}", problems),
        }
    }

    #[test]
    fn dropping_then_re_adding_a_term_gives_the_baseline(
        p in support::proposal_strategy("p", 5, true),
        q in support::proposal_strategy("q", 5, true),
        pick in 0usize..100,
    ) {
        let base = baseline(&p, &q);
        let model = &base.proposals[0].proposal;
        let term = model.terms[pick % model.terms.len()].clone();
        let edits = vec![
            Edit::Drop { term: format!("p/{}", term.id) },
            Edit::Add { proposal: "p".to_owned(), term },
        ];
        match run(&base, edits) {
            Outcome::Evaluated(e) => {
                prop_assert!(e.pairs.iter().all(|pc| pc.changes.is_empty()), "{:?}", e.pairs);
                prop_assert_eq!(all_findings(e.analysis.as_ref().unwrap()), all_findings(&base));
            }
            Outcome::Invalid(problems) => prop_assert!(false, "{:?}", problems),
        }
    }

    #[test]
    fn a_scenario_is_the_full_analysis_of_the_edited_proposals(
        p in support::proposal_strategy("p", 5, true),
        q in support::proposal_strategy("q", 5, true),
        pick in 0usize..100,
        modality in proptest::sample::select(vec!["must", "must_not", "may"]),
        drop_in_q in any::<bool>(),
    ) {
        let base = baseline(&p, &q);
        let pt = &base.proposals[0].proposal.terms;
        let qt = &base.proposals[1].proposal.terms;
        let mut edits = vec![Edit::Set {
            term: format!("p/{}", pt[pick % pt.len()].id),
            field: "modality".to_owned(),
            value: Value::String(modality.to_owned()),
        }];
        let dropped = &qt[pick % qt.len()].id;
        let required = qt.iter().any(|t| t.requires.iter().any(|c| &c.term == dropped));
        if drop_in_q && !required {
            edits.push(Edit::Drop { term: format!("q/{dropped}") });
        }
        let vocab = support::vocab();
        match run(&base, edits) {
            Outcome::Evaluated(e) => {
                let full = engine::analyze(e.analysis.as_ref().unwrap().proposals.clone(), &vocab).unwrap();
                prop_assert_eq!(all_findings(e.analysis.as_ref().unwrap()), all_findings(&full));
                let edited: Vec<&Proposal> = e.analysis.as_ref().unwrap().proposals.iter().map(|r| &r.proposal).collect();
                for (i, changed) in &e.changed {
                    prop_assert_eq!(edited[*i], changed);
                }
            }
            // A negating alias under `may` is invalid; that is reported, not evaluated.
            Outcome::Invalid(_) => prop_assert_eq!(modality, "may"),
        }
    }

    #[test]
    fn every_kind_of_edit_gives_the_full_analysis(
        p in support::proposal_strategy("p", 6, true),
        q in support::proposal_strategy("q", 6, true),
        r in support::proposal_strategy("r", 4, true),
        three in any::<bool>(),
        picks in proptest::collection::vec((0usize..6, 0usize..100), 1..4),
    ) {
        let originals: Vec<&Value> = if three { vec![&p, &q, &r] } else { vec![&p, &q] };
        let base = baseline_of(&originals);
        let edits: Vec<Edit> = picks.iter().enumerate().map(|(n, &(kind, pick))| some_edit(&base, n, kind, pick)).collect();
        let vocab = support::vocab();
        match run(&base, edits) {
            Outcome::Evaluated(e) => {
                let full = engine::analyze(e.analysis.as_ref().unwrap().proposals.clone(), &vocab).unwrap();
                prop_assert_eq!(&e.analysis.as_ref().unwrap().pairs, &full.pairs);
                prop_assert_eq!(&e.analysis.as_ref().unwrap().atoms, &full.atoms);
                prop_assert_eq!(&e.analysis.as_ref().unwrap().burden, &full.burden);
                prop_assert_eq!(&e.analysis.as_ref().unwrap().common, &full.common);
            }
            // Two edits of one scenario may collide (a term renamed, then named by
            // its old name): reported, not evaluated.
            Outcome::Invalid(_) => prop_assert!(picks.len() > 1),
        }
    }
}

/// Edit number `n` of a scenario, of kind `kind`, on the term `pick` picks in the
/// proposal `pick` picks: a rename or a drop (of a term nothing requires), a condition
/// added or removed, a new scope or window, or a copy added.
fn some_edit(base: &Analysis, n: usize, kind: usize, pick: usize) -> Edit {
    let proposal = &base.proposals[pick % base.proposals.len()].proposal;
    let term = &proposal.terms[pick % proposal.terms.len()];
    let name = format!("{}/{}", proposal.id, term.id);
    let first = &proposal.terms[0];
    let set = |field: &str, value: Value| Edit::Set {
        term: name.clone(),
        field: field.to_owned(),
        value,
    };
    let required = proposal
        .terms
        .iter()
        .any(|t| t.requires.iter().any(|c| c.term == term.id));
    match kind {
        0 if !required => set("id", Value::String(format!("renamed{n}"))),
        1 if first.requires.is_empty()
            && term.id != first.id
            && term.requires.iter().all(|c| c.term != first.id) =>
        {
            Edit::Require {
                term: name,
                condition: first.id.to_string(),
                timing: Default::default(),
            }
        }
        1 | 2 if !term.requires.is_empty() => Edit::Unrequire {
            term: name,
            condition: term.requires[0].term.to_string(),
        },
        3 => set("scope", serde_json::json!(["kursk"])),
        4 => set("window", serde_json::json!({ "from": 10, "days": 20 })),
        5 if !required && proposal.terms.len() > 1 => Edit::Drop { term: name },
        _ => {
            let mut copy = term.clone();
            copy.id = format!("added{n}").into();
            copy.requires = Default::default();
            Edit::Add {
                proposal: proposal.id.clone(),
                term: copy,
            }
        }
    }
}
