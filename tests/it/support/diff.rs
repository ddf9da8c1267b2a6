//! Helpers of the diff tests: loading proposals, generating them as models with
//! edits for a second version, applying patches.

use std::path::Path;

use armistice::load::{self, SourceFile};
use armistice::model::{
    Condition, Modality, ParamValue, Params, Priority, Proposal, Subject, Term, Timing, Window, WindowRange,
};
use armistice::resolved::ResolvedProposal;
use proptest::prelude::*;
use serde_json::Value;

use super::vocab;

/// Reads and resolves a proposal file (relative to the package root).
pub(crate) fn load(path: &str) -> (ResolvedProposal, Value) {
    let path = Path::new(super::ROOT).join(path);
    let file = SourceFile::read(&path).unwrap();
    let value = serde_json::from_str(&file.text).unwrap();
    (resolve(&load::parse_proposal(&file).unwrap()), value)
}

/// Resolves a proposal that must be valid against the default vocabulary.
pub(crate) fn resolve(p: &Proposal) -> ResolvedProposal {
    super::resolve(p, &vocab())
}

/// Applies an RFC 6902 patch (as rendered JSON text) to `doc`.
pub(crate) fn apply(doc: &Value, patch_text: &str) -> Value {
    let patch: json_patch::Patch = serde_json::from_str(patch_text).unwrap();
    let mut out = doc.clone();
    json_patch::patch(&mut out, &patch).unwrap();
    out
}

const PARTIES: [&str; 4] = ["US", "RU", "UA", "EU"];
const ACTIONS: [&str; 10] = [
    "hostilities",
    "strikes",
    "military_aid",
    "resume_aid",
    "halt_aid",
    "prisoner_exchange",
    "training",
    "resupply",
    "negotiations",
    "naval_operations",
];
const LABELS: [&str; 6] = [
    "front_line",
    "kursk",
    "black_sea",
    "infrastructure",
    "energy_infrastructure",
    "civilians",
];
const WORDS: [&str; 12] = [
    "Russia", "Ukraine", "would", "halt", "all", "strikes", "for", "30", "days", "aid", "to", "Kyiv",
];

fn text() -> impl Strategy<Value = Option<Box<str>>> {
    prop::option::weighted(
        0.9,
        prop::collection::vec(prop::sample::select(&WORDS[..]), 1..8).prop_map(|w| w.join(" ").into()),
    )
}

fn term() -> impl Strategy<Value = Term> {
    (
        prop::sample::subsequence(&PARTIES[..], 1..3),
        prop::sample::select(&[Modality::Must, Modality::MustNot, Modality::May][..]),
        prop::sample::select(&ACTIONS[..]),
        prop::option::of(prop::sample::select(&PARTIES[..])),
        prop::sample::subsequence(&LABELS[..], 0..2),
        prop_oneof![
            Just(None),
            Just(Some(Window::Ceasefire)),
            Just(Some(Window::Indefinite)),
            (1i64..90).prop_map(|d| Some(range(d)))
        ],
        prop::option::of(1.0f64..500.0),
        prop::sample::select(
            &[
                Priority::RedLine,
                Priority::Core,
                Priority::Normal,
                Priority::Minor,
            ][..],
        ),
        text(),
        prop::option::of(prop::sample::select(&["a note", "another note"][..])),
    )
        .prop_map(
            |(subject, modality, action, target, scope, window, count, priority, text, note)| {
                // A negating alias cannot take `may`.
                let modality = if action.starts_with("halt") && modality == Modality::May {
                    Modality::Must
                } else {
                    modality
                };
                // One general ceasefire per proposal (`t0`): a second unscoped
                // prohibition of hostilities with another window would make
                // `"ceasefire"` ambiguous, an input error.
                let modality = if action == "hostilities" && modality == Modality::MustNot && scope.is_empty()
                {
                    Modality::Must
                } else {
                    modality
                };
                let mut params = Params::new();
                if let Some(c) = count {
                    params.insert("count".to_owned(), ParamValue::Number(c.round()));
                }
                Term {
                    id: "".into(),
                    subject: Subject(subject.into_iter().map(Into::into).collect()),
                    modality,
                    action: action.into(),
                    target: target.map(Into::into),
                    about: Default::default(),
                    scope: scope.into_iter().map(Into::into).collect(),
                    window,
                    params,
                    requires: Default::default(),
                    lapses_if: Default::default(),
                    priority,
                    text,
                    source: None,
                    note: note.map(Into::into),
                    codes: None,
                }
            },
        )
}

fn range(days: i64) -> Window {
    Window::Range(WindowRange {
        from: None,
        to: None,
        days: Some(days),
    })
}

/// A valid proposal: a ceasefire term first, then up to `max` more terms, each
/// perhaps requiring earlier ones.
pub(crate) fn proposal(max: usize) -> impl Strategy<Value = Proposal> {
    (
        1i64..90,
        prop::collection::vec(
            (
                term(),
                prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..3),
            ),
            0..max,
        ),
        prop::option::of(prop::sample::select(&["Draft", "Second draft"][..])),
    )
        .prop_map(|(days, terms, title)| {
            let mut all = vec![Term {
                id: "t0".into(),
                subject: Subject(Box::new(["RU".into(), "UA".into()])),
                modality: Modality::MustNot,
                action: "hostilities".into(),
                target: None,
                about: Default::default(),
                scope: Box::default(),
                window: Some(range(days)),
                params: Params::new(),
                requires: Default::default(),
                lapses_if: Default::default(),
                priority: Priority::Core,
                text: Some("halt all conflict".into()),
                source: None,
                note: None,
                codes: None,
            }];
            for (i, (mut t, reqs)) in terms.into_iter().enumerate() {
                t.id = format!("t{}", i + 1).into();
                let mut requires = std::mem::take(&mut t.requires).into_vec();
                for (idx, concurrent) in reqs {
                    let k = idx.index(i + 1);
                    let id: Box<str> = format!("t{k}").into();
                    if !requires.iter().any(|c| c.term == id) {
                        requires.push(Condition {
                            term: id,
                            timing: if concurrent {
                                Timing::Concurrent
                            } else {
                                Timing::Before
                            },
                            // Now and then a trigger (the term applies only if the
                            // required one fails): contingent conflicts are generated too.
                            on: if k % 3 == 2 {
                                armistice::model::Outcome::Failed
                            } else {
                                armistice::model::Outcome::InForce
                            },
                        });
                    }
                }
                t.requires = requires.into();
                all.push(t);
            }
            Proposal {
                schema: None,
                vocab: None,
                id: "p".into(),
                title: title.map(str::to_owned),
                by: vec!["US".into()],
                kind: Default::default(),
                date: Some("2025-03-11".into()),
                entry_into_force: None,
                phases: Vec::new(),
                source: Some("generated".into()),
                note: None,
                terms: all,
            }
        })
}

/// An edit of a proposal, for generating a second version.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    /// Renames a term (and the conditions naming it).
    Rename(prop::sample::Index),
    /// Drops a term other than the ceasefire term (and the conditions naming it).
    Drop(prop::sample::Index),
    /// Adds a term at the end.
    Add(Box<Term>),
    /// Flips a term's modality between must and must_not.
    Flip(prop::sample::Index),
    /// Changes the ceasefire term's length.
    Days(i64),
    /// Rewords a term.
    Reword(prop::sample::Index, Option<Box<str>>),
    /// Swaps two terms.
    Swap(prop::sample::Index, prop::sample::Index),
    /// Changes the title.
    Title(Option<String>),
}

/// Edits of a proposal.
pub(crate) fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        any::<prop::sample::Index>().prop_map(Edit::Rename),
        any::<prop::sample::Index>().prop_map(Edit::Drop),
        term().prop_map(|t| Edit::Add(Box::new(t))),
        any::<prop::sample::Index>().prop_map(Edit::Flip),
        (1i64..120).prop_map(Edit::Days),
        (any::<prop::sample::Index>(), text()).prop_map(|(i, t)| Edit::Reword(i, t)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        prop::option::of(Just("Retitled".to_owned())).prop_map(Edit::Title),
    ];
    prop::collection::vec(edit, 0..5)
}

/// Applies edits to a proposal; the result is still valid.
pub(crate) fn edit(p: &Proposal, edits: &[Edit]) -> Proposal {
    let mut p = p.clone();
    let mut fresh = 0;
    for e in edits {
        let n = p.terms.len();
        match e {
            Edit::Rename(i) => {
                let k = i.index(n);
                fresh += 1;
                let (old, new) = (p.terms[k].id.clone(), format!("renamed{fresh}"));
                rename(&mut p, &old, &new);
            }
            Edit::Drop(i) => {
                let droppable: Vec<usize> = (0..n).filter(|&k| !is_anchor(&p.terms[k])).collect();
                if !droppable.is_empty() {
                    let id = p.terms.remove(droppable[i.index(droppable.len())]).id;
                    for t in &mut p.terms {
                        let mut requires = std::mem::take(&mut t.requires).into_vec();
                        requires.retain(|c| c.term != id);
                        t.requires = requires.into();
                    }
                }
            }
            Edit::Add(t) => {
                fresh += 1;
                let mut t = (**t).clone();
                t.id = format!("added{fresh}").into();
                p.terms.push(t);
            }
            Edit::Flip(i) => {
                let t = &mut p.terms[i.index(n)];
                // An unscoped `hostilities` flipped to `must_not` would be a second
                // general ceasefire, making `"ceasefire"` ambiguous: left alone.
                let general = &*t.action == "hostilities" && t.scope.is_empty();
                if !is_anchor(t) && !general {
                    t.modality = match t.modality {
                        Modality::Must => Modality::MustNot,
                        Modality::MustNot => Modality::Must,
                        Modality::May => Modality::May,
                        Modality::Endeavour => Modality::Endeavour,
                    };
                }
            }
            Edit::Days(d) => {
                if let Some(t) = p.terms.iter_mut().find(|t| is_anchor(t)) {
                    t.window = Some(range(*d));
                }
            }
            Edit::Reword(i, text) => p.terms[i.index(n)].text = text.clone(),
            Edit::Swap(a, b) => p.terms.swap(a.index(n), b.index(n)),
            Edit::Title(t) => p.title = t.clone(),
        }
    }
    p
}

/// A ceasefire term: edits keep one, so that `"ceasefire"` windows stay valid.
fn is_anchor(t: &Term) -> bool {
    &*t.action == "hostilities"
        && t.modality == Modality::MustNot
        && matches!(t.window, Some(Window::Range(_)))
}

/// Renames term `old` to `new`, with the conditions naming it.
pub(crate) fn rename(p: &mut Proposal, old: &str, new: &str) {
    for t in &mut p.terms {
        if &*t.id == old {
            t.id = new.into();
        }
        for c in &mut t.requires {
            if &*c.term == old {
                c.term = new.into();
            }
        }
    }
}
