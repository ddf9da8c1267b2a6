//! The limits in the library: each one hit through the public API with a small
//! `Limits` value, with the error naming the place and the limit, and passed when the
//! limit is raised; `reanalyze` keeps the limits of its base analysis.

use std::time::Duration;

use armistice::concede::{Concession, Conflict, Cost, Instance, Limit, Options, SolveError, solve};
use armistice::engine::{self, EngineError};
use armistice::limits::Limits;
use armistice::load::{self, SourceFile};
use armistice::model::Proposal;
use armistice::whatif::{Outcome, Scenario, evaluate_one, parse_drop};

use crate::support::{self, RU, US};

fn seed() -> Vec<Proposal> {
    [US, RU]
        .iter()
        .map(|p| load::parse_proposal(&SourceFile::read(p.as_ref()).unwrap()).unwrap())
        .collect()
}

fn with(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    f(&mut l);
    l
}

#[test]
fn file_size() {
    let path = std::path::Path::new("tests/fixtures/limits/nested.json");
    let e = SourceFile::read_limited(path, 100).unwrap_err();
    assert!(e.contains("nested.json`: the file has"), "{e}");
    assert!(e.contains("more than the limit of 100 bytes"), "{e}");
    assert!(SourceFile::read_limited(path, 1 << 10).is_ok());
}

#[test]
fn depth() {
    let file = SourceFile::read("tests/fixtures/limits/nested.json".as_ref()).unwrap();
    let e = load::parse_json_limited::<Proposal>(&file, 3).unwrap_err();
    assert!(e.diagnostic.message.contains("deeper than 3 levels"));
    assert!(load::parse_json_limited::<Proposal>(&file, 4).is_ok());
    let vocab = support::vocab();
    let (resolved, report) = load::load_proposal_with(file.clone(), &vocab, &with(|l| l.max_depth = 3));
    assert!(resolved.is_none());
    assert_eq!(report.errors(), 1);
    assert!(
        load::load_proposal_with(file, &vocab, &with(|l| l.max_depth = 4))
            .0
            .is_some()
    );
}

#[test]
fn depth_past_serde_jsons_own_limit() {
    // serde_json stops at 127 levels by itself; the depth limit is ours alone.
    let text = format!(
        r#"{{"id": "x", "by": ["US"], "source": "s", "terms": [], "note": {}1{}}}"#,
        "[".repeat(199),
        "]".repeat(199)
    );
    let e = load::parse_json_limited::<Proposal>(&SourceFile::from_text("deep.json", text), 200).unwrap_err();
    assert!(
        e.diagnostic.message.contains("expected a string"),
        "{}",
        e.diagnostic.message
    );
}

#[test]
fn firings() {
    let vocab = support::vocab();
    let e = engine::compare_with(&seed(), &vocab, &with(|l| l.max_firings = 1)).unwrap_err();
    assert_eq!(
        e,
        EngineError::TooManyFirings {
            proposal: "us-2025-03-11".into(),
            limit: 1
        }
    );
    // The library names the field of `Limits`; the command line names its flag.
    assert_eq!(e.limit(), Some(armistice::limit_kind::LimitKind::Firings));
    assert!(e.to_string().contains("raise the limit `max_firings`"), "{e}");
    assert!(engine::compare_with(&seed(), &vocab, &with(|l| l.max_firings = 2)).is_ok());
}

#[test]
fn derived_atoms() {
    let vocab = support::vocab();
    let e = engine::compare_with(&seed(), &vocab, &with(|l| l.max_derived = 1)).unwrap_err();
    assert_eq!(
        e,
        EngineError::TooManyDerived {
            proposal: "us-2025-03-11".into(),
            limit: 1
        }
    );
    let a = engine::compare_with(&seed(), &vocab, &with(|l| l.max_derived = 2)).unwrap();
    assert_eq!(a.atoms[0].atoms.iter().filter(|a| a.is_derived()).count(), 2);
}

#[test]
fn comparisons() {
    let vocab = support::vocab();
    let e = engine::compare_with(&seed(), &vocab, &with(|l| l.max_comparisons = 5)).unwrap_err();
    assert_eq!(
        e,
        EngineError::TooManyRelations {
            left: "us-2025-03-11".into(),
            right: "ru-2025-03-13".into(),
            limit: 5
        }
    );
    assert!(engine::compare_with(&seed(), &vocab, &with(|l| l.max_comparisons = 100)).is_ok());
}

#[test]
fn reanalysis_keeps_the_limits_of_its_base() {
    let vocab = support::vocab();
    let tight = with(|l| l.max_derived = 2);
    let base = engine::compare_with(&seed(), &vocab, &tight).unwrap();
    assert_eq!(base.limits, tight);
    let base = engine::Baseline::new(base, &vocab);
    // Another aid term in the US proposal makes the rules derive a third atom.
    let edit = armistice::whatif::parse_edit(
        r#"add us-2025-03-11 {"id": "more", "subject": "US", "action": "military_aid", "target": "UA", "text": "x"}"#,
    )
    .unwrap();
    let grown = Scenario::command_line(vec![edit]);
    match evaluate_one(&base, &grown, &vocab) {
        Outcome::Invalid(problems) => assert!(format!("{problems:?}").contains("TooManyDerived")),
        Outcome::Evaluated(_) => panic!("the limit of the base analysis applies"),
    }
    let roomy = engine::Baseline::new(engine::compare(&seed(), &vocab).unwrap(), &vocab);
    assert!(matches!(
        evaluate_one(&roomy, &grown, &vocab),
        Outcome::Evaluated(_)
    ));
    let dropped = Scenario::command_line(vec![parse_drop("us-2025-03-11/pow").unwrap()]);
    assert!(matches!(
        evaluate_one(&base, &dropped, &vocab),
        Outcome::Evaluated(_)
    ));
}

fn odd_cycle() -> Instance {
    // A triangle of conflicts: not bipartite, so the branch and bound runs.
    Instance {
        concessions: (0..3).map(|p| Concession::new(p, Cost::Finite(1))).collect(),
        conflicts: vec![Conflict::edge(0, 1), Conflict::edge(1, 2), Conflict::edge(0, 2)],
        ..Instance::default()
    }
}

#[test]
fn search_nodes() {
    let e = solve(&odd_cycle(), &Options::within(&with(|l| l.max_nodes = 1))).unwrap_err();
    assert!(matches!(
        e,
        SolveError::BudgetExceeded {
            limit: Limit::Nodes,
            ..
        }
    ));
    assert!(solve(&odd_cycle(), &Options::within(&Limits::default())).is_ok());
}

#[test]
fn search_time() {
    let options = Options::within(&with(|l| l.time_limit = Some(Duration::from_nanos(1))));
    std::thread::sleep(Duration::from_millis(1));
    let e = solve(&odd_cycle(), &options).unwrap_err();
    assert!(matches!(
        e,
        SolveError::BudgetExceeded {
            limit: Limit::Time,
            ..
        }
    ));
    assert!(Options::within(&Limits::default()).deadline.is_some());
    assert!(Options::within(&with(|l| l.time_limit = None)).deadline.is_none());
}
