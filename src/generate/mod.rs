//! Synthetic workloads for benchmarks: pairs of proposals of any size, drawn from the
//! vocabulary with controlled shares of agreed, conflicting, diverging, open and
//! derived relations, conditions of a realistic depth, and a second version of the
//! first proposal with a share of its terms changed (for `diff`).
//!
//! Terms are spread over generated sectors (a `sector` taxonomy given in a vocabulary
//! extension), as the terms of a real agreement are spread over places and subjects:
//! most terms meet a handful of others, not all of them.

mod rng;
pub mod shapes;

pub use rng::Rng;

use crate::model::{
    Condition, Modality, ParamValue, Params, Priority, Proposal, Subject, Term, Timing, Window, WindowRange,
};
use crate::vocab::{LabelDef, TaxonomyDef, VocabFile};

/// How a workload is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Terms in the first proposal.
    pub terms: usize,
    /// The seed: the same seed gives the same files.
    pub seed: u64,
    /// Share of the first proposal's terms the second repeats (agreement).
    pub agree: f64,
    /// Share it contradicts (conflict).
    pub conflict: f64,
    /// Share it repeats with another window or quantity (divergence).
    pub diverge: f64,
    /// Share of aid terms answered by a ban on the recipient's resupply (indirect).
    pub derived: f64,
    /// Share of terms with conditions on earlier terms.
    pub conditional: f64,
    /// Share of terms changed in the first proposal's next version.
    pub changed: f64,
}

impl Spec {
    /// The default mix: 40% agreed, 15% conflicting, 15% diverging, 5% derived, the
    /// rest open; 20% of terms conditional; 1% changed in the next version.
    pub fn new(terms: usize, seed: u64) -> Spec {
        Spec {
            terms,
            seed,
            agree: 0.40,
            conflict: 0.15,
            diverge: 0.15,
            derived: 0.05,
            conditional: 0.20,
            changed: 0.01,
        }
    }
}

/// A generated workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// The vocabulary extension with the sector taxonomy (the proposals need it).
    pub vocab: VocabFile,
    /// The first proposal.
    pub a: Proposal,
    /// The second proposal, answering the first.
    pub b: Proposal,
    /// The next version of the first proposal.
    pub a_next: Proposal,
}

const SUBJECTS: [&str; 4] = ["RU", "UA", "US", "EU"];
const ACTIONS: [&str; 12] = [
    "strikes",
    "ground_offensive",
    "naval_operations",
    "prisoner_exchange",
    "release_civilian_detainees",
    "return_children",
    "reinforcement",
    "mobilisation",
    "monitoring",
    "withdrawal",
    "humanitarian_access",
    "border_control",
];
const SECTORS_PER_ZONE: usize = 256;

/// Generates the workload `spec` describes.
pub fn generate(spec: &Spec) -> Workload {
    let mut rng = Rng::new(spec.seed);
    let sectors = (spec.terms / 8).max(1);
    let vocab = sector_vocab(sectors);
    let mut a_terms = Vec::with_capacity(spec.terms);
    let mut b_terms = Vec::with_capacity(spec.terms);
    for i in 0..spec.terms {
        let sector = i % sectors;
        let term = random_term(&mut rng, format!("a{i}"), sector, spec, i);
        let roll = rng.next_u64() as f64 / u64::MAX as f64;
        let answer = if &*term.action == "military_aid" {
            rng.chance(0.5).then(|| no_resupply(format!("b{i}"), &term))
        } else if roll < spec.agree {
            Some(Term {
                id: format!("b{i}").into(),
                requires: Default::default(),
                ..term.clone()
            })
        } else if roll < spec.agree + spec.conflict {
            let modality = if term.modality == Modality::MustNot {
                Modality::Must
            } else {
                Modality::MustNot
            };
            Some(Term {
                id: format!("b{i}").into(),
                modality,
                requires: Default::default(),
                ..term.clone()
            })
        } else if roll < spec.agree + spec.conflict + spec.diverge {
            Some(Term {
                id: format!("b{i}").into(),
                window: Some(days(0, 90)),
                requires: Default::default(),
                ..term.clone()
            })
        } else if rng.chance(0.5) {
            Some(random_term(&mut rng, format!("b{i}"), sector, spec, i))
        } else {
            None
        };
        a_terms.push(term);
        if let Some(t) = answer {
            b_terms.push(t);
        }
    }
    add_conditions(&mut rng, &mut b_terms, spec.conditional);
    let a = proposal("synthetic-a", vec!["US".into()], a_terms);
    let b = proposal("synthetic-b", vec!["RU".into()], b_terms);
    let a_next = next_version(&mut rng, &a, spec.changed);
    Workload { vocab, a, b, a_next }
}

fn sector_vocab(sectors: usize) -> VocabFile {
    let zones = sectors.div_ceil(SECTORS_PER_ZONE);
    let mut labels: Vec<LabelDef> = (0..zones)
        .map(|z| LabelDef {
            id: format!("zone-{z}"),
            description: None,
            parent: None,
            ..LabelDef::default()
        })
        .collect();
    labels.extend((0..sectors).map(|s| LabelDef {
        id: format!("sector-{s}"),
        description: None,
        parent: Some(format!("zone-{}", s / SECTORS_PER_ZONE)),
        ..LabelDef::default()
    }));
    VocabFile {
        name: Some("synthetic sectors".into()),
        scopes: vec![TaxonomyDef {
            id: "sector".into(),
            description: "generated sectors of the line of contact, grouped in zones".into(),
            labels,
            replace: false,
        }],
        ..VocabFile::default()
    }
}

fn random_term(rng: &mut Rng, id: String, sector: usize, spec: &Spec, i: usize) -> Term {
    let aid = rng.chance(spec.derived);
    let (subject, action, target) = if aid {
        ("US", "military_aid", Some("UA".to_owned()))
    } else {
        (*rng.pick(&SUBJECTS), *rng.pick(&ACTIONS), None)
    };
    let modality = if aid {
        Modality::Must
    } else {
        *rng.pick(&[
            Modality::MustNot,
            Modality::MustNot,
            Modality::Must,
            Modality::Must,
            Modality::May,
        ])
    };
    let scope = if rng.chance(0.01) {
        format!("zone-{}", sector / SECTORS_PER_ZONE)
    } else {
        format!("sector-{sector}")
    };
    let mut params = Params::new();
    if rng.chance(0.2) {
        params.insert(
            "count".to_owned(),
            ParamValue::Number((10 + rng.below(500)) as f64),
        );
    }
    Term {
        id: id.into(),
        subject: Subject(Box::new([subject.into()])),
        modality,
        action: action.into(),
        target: target.map(Into::into),
        about: Default::default(),
        scope: Box::new([scope.into()]),
        window: Some(days(0, *rng.pick(&[30, 30, 60]))),
        params,
        requires: Default::default(),
        lapses_if: Default::default(),
        priority: *rng.pick(&[
            Priority::Normal,
            Priority::Normal,
            Priority::Core,
            Priority::Minor,
        ]),
        text: Some(
            format!(
                "provision {i}: {subject} {} {action} in sector {sector}",
                modality.as_str()
            )
            .into(),
        ),
        source: None,
        note: None,
        codes: None,
    }
}

fn no_resupply(id: String, aid: &Term) -> Term {
    Term {
        id: id.into(),
        subject: Subject(Box::new(["UA".into()])),
        modality: Modality::MustNot,
        action: "resupply".into(),
        target: None,
        requires: Default::default(),
        params: Params::new(),
        text: Some("Ukraine must not resupply its forces during the ceasefire".into()),
        ..aid.clone()
    }
}

fn days(from: i64, days: i64) -> Window {
    Window::Range(WindowRange {
        from: Some(from),
        to: None,
        days: Some(days),
    })
}

/// Makes a share of terms require one or two of the terms shortly before them, in
/// chains of a few links; every condition points backwards, so there is no cycle.
fn add_conditions(rng: &mut Rng, terms: &mut [Term], share: f64) {
    for i in 1..terms.len() {
        if !rng.chance(share) {
            continue;
        }
        let mut requires = Vec::with_capacity(2);
        for _ in 0..1 + rng.below(2) {
            let back = 1 + rng.below(i.min(20));
            let required = terms[i - back].id.clone();
            if requires.iter().all(|c: &Condition| c.term != required) {
                let timing = if rng.chance(0.8) {
                    Timing::Before
                } else {
                    Timing::Concurrent
                };
                requires.push(Condition {
                    term: required,
                    timing,
                    on: Default::default(),
                });
            }
        }
        terms[i].requires = requires.into();
    }
}

fn proposal(id: &str, by: Vec<String>, terms: Vec<Term>) -> Proposal {
    Proposal {
        schema: None,
        vocab: None,
        id: id.into(),
        title: Some(format!("Synthetic proposal {id}")),
        by,
        kind: crate::model::ProposalKind::Position,
        date: Some("2025-03-11".into()),
        entry_into_force: None,
        phases: Vec::new(),
        source: Some("generated by `armistice generate`".into()),
        note: None,
        terms,
    }
}

fn next_version(rng: &mut Rng, a: &Proposal, share: f64) -> Proposal {
    let mut next = a.clone();
    next.id = format!("{}-next", a.id);
    for t in &mut next.terms {
        if !rng.chance(share) {
            continue;
        }
        match rng.below(3) {
            0 => {
                t.modality = if t.modality == Modality::MustNot {
                    Modality::Must
                } else {
                    Modality::MustNot
                }
            }
            1 => t.window = Some(days(0, 45)),
            _ => t.text = t.text.as_ref().map(|x| format!("{x}, as amended").into()),
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::resolve;
    use crate::vocab::Vocab;

    #[test]
    fn same_seed_same_workload_and_it_is_valid() {
        let w = generate(&Spec::new(400, 7));
        assert_eq!(w, generate(&Spec::new(400, 7)));
        assert_ne!(w.a, generate(&Spec::new(400, 8)).a);
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        for p in [&w.a, &w.b, &w.a_next] {
            let (resolved, diags) = resolve(p, &vocab);
            assert!(resolved.is_some(), "{diags:?}");
        }
        let analysis = crate::engine::analyze(
            [&w.a, &w.b]
                .iter()
                .map(|p| resolve(p, &vocab).0.unwrap())
                .collect(),
            &vocab,
        )
        .unwrap();
        let c = analysis.pairs[0].counts();
        assert!(
            c.agree > 50 && c.conflicts > 20 && c.diverge > 20 && c.indirect > 0 && c.open > 20,
            "{c:?}"
        );
    }
}
