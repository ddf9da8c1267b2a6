//! Law: applying a sequence of edits through one `Editor` (terms found by an index,
//! dropped terms taken out at the end) leaves the proposals exactly as a plain
//! reference does, edit by edit on the list, and fails at the same edit.

use armistice::model::{Condition, Proposal, Term, Timing};
use armistice::whatif::{Edit, Editor};
use proptest::prelude::*;
use serde_json::json;

fn term(id: &str) -> Term {
    serde_json::from_value(json!({ "id": id, "subject": "US", "action": "strikes" })).unwrap()
}

fn proposal(n: usize) -> Proposal {
    serde_json::from_value(json!({
        "id": "p", "by": ["US"],
        "terms": (0..n).map(|k| serde_json::to_value(term(&format!("t{k}"))).unwrap()).collect::<Vec<_>>(),
    }))
    .unwrap()
}

/// The reference: each edit on the list itself, the first term with the id found by a
/// linear search. `false` when the edit cannot be applied.
fn reference(p: &mut Proposal, edit: &Edit) -> bool {
    let find = |p: &Proposal, name: &str| {
        let id = name.strip_prefix("p/")?;
        p.terms.iter().position(|t| &*t.id == id)
    };
    match edit {
        Edit::Drop { term } => find(p, term).map(|t| p.terms.remove(t)).is_some(),
        Edit::Add { term, .. } => {
            let fresh = p.terms.iter().all(|t| t.id != term.id);
            if fresh {
                p.terms.push(term.clone());
            }
            fresh
        }
        Edit::Set { term, value, .. } => match find(p, term) {
            Some(t) => {
                p.terms[t].id = value.as_str().unwrap().into();
                true
            }
            None => false,
        },
        Edit::Require {
            term,
            condition,
            timing,
        } => match find(p, term) {
            Some(t) if p.terms.iter().any(|c| *c.id == **condition) => {
                let target = &mut p.terms[t];
                match target.requires.iter_mut().find(|c| *c.term == **condition) {
                    Some(c) => c.timing = *timing,
                    None => {
                        let mut requires = std::mem::take(&mut target.requires).into_vec();
                        requires.push(Condition {
                            term: condition.as_str().into(),
                            timing: *timing,
                            on: Default::default(),
                        });
                        target.requires = requires.into();
                    }
                }
                true
            }
            _ => false,
        },
        Edit::Unrequire { term, condition } => match find(p, term) {
            Some(t) => match p.terms[t].requires.iter().position(|c| *c.term == **condition) {
                Some(k) => {
                    let mut requires = std::mem::take(&mut p.terms[t].requires).into_vec();
                    requires.remove(k);
                    p.terms[t].requires = requires.into();
                    true
                }
                None => false,
            },
            None => false,
        },
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    // Few ids, so that renames make two terms share one and drops hit them.
    let id = (0..3usize).prop_map(|k| format!("t{k}"));
    prop_oneof![
        id.clone().prop_map(|t| Edit::Drop {
            term: format!("p/{t}")
        }),
        id.clone().prop_map(|t| Edit::Add {
            proposal: "p".into(),
            term: term(&t)
        }),
        (id.clone(), id.clone()).prop_map(|(t, to)| Edit::Set {
            term: format!("p/{t}"),
            field: "id".into(),
            value: json!(to),
        }),
        (id.clone(), id.clone(), any::<bool>()).prop_map(|(t, c, concurrent)| Edit::Require {
            term: format!("p/{t}"),
            condition: c,
            timing: if concurrent {
                Timing::Concurrent
            } else {
                Timing::Before
            },
        }),
        (id.clone(), id).prop_map(|(t, c)| Edit::Unrequire {
            term: format!("p/{t}"),
            condition: c
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn an_editor_applies_edits_as_the_list_would(n in 0..4usize, edits in prop::collection::vec(edit(), 0..24)) {
        let mut expected = proposal(n);
        let expected_stop = edits.iter().position(|e| !reference(&mut expected, e));

        let mut edited = vec![proposal(n)];
        let mut editor = Editor::new(&mut edited);
        let stop = edits.iter().position(|e| editor.apply(e).is_err());
        editor.finish();

        prop_assert_eq!(stop, expected_stop);
        prop_assert_eq!(&edited[0], &expected);
    }
}
