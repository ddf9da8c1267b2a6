//! Outcomes (DESIGN §2–§3, v2): the conditions on another term's outcome (`requires`
//! with `on` succeeded, failed or breached), which make a term, and what requires it,
//! contingent; and `lapses_if`, the outcomes on which a term ends. Both resolved to
//! term indices, every unknown or self-naming id an error.

use super::diagnostic::Diagnostic;
use crate::collections::FastMap;
use crate::model::Proposal;
use crate::resolved::Outcomes;

/// The outcomes of `proposal`, whose term ids are `ids`; problems with `lapses_if` go
/// to `diags` (those of `requires` are found with the rest of the term).
pub(super) fn resolve(
    proposal: &Proposal,
    ids: &FastMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Outcomes {
    let mut lapses = Vec::new();
    let mut triggers = Vec::new();
    for (i, t) in proposal.terms.iter().enumerate() {
        let mut named: Vec<usize> = Vec::new();
        for (j, l) in t.lapses_if.as_slice().iter().enumerate() {
            let path = || format!("terms[{i}].lapses_if[{j}].term");
            match ids.get(&*l.term) {
                // A term may end on its own breach ("the ceasefire ends once it is
                // violated"); on any other outcome of its own it says nothing.
                Some(&k) if k == i && l.on != crate::model::Outcome::Breached => diags.push(
                    Diagnostic::error(
                        path(),
                        format!("term `{}` lapses on its own outcome `{}`", t.id, l.on.as_str()),
                    )
                    .with_help(
                        "name the term whose outcome ends this one; a term may lapse on its own `breached`",
                    ),
                ),
                Some(&k) if named.contains(&k) => diags.push(
                    Diagnostic::warning(path(), format!("`{}` is named twice in `lapses_if`", l.term))
                        .with_help("keep the outcome meant"),
                ),
                Some(&k) => {
                    named.push(k);
                    lapses.push((i, k, l.on));
                }
                None => diags.push(
                    Diagnostic::error(
                        path(),
                        format!(
                            "`lapses_if` names `{}`, which is not a term of this proposal",
                            l.term
                        ),
                    )
                    .suggest(&l.term, ids.keys().copied()),
                ),
            }
        }
        for c in t.requires.iter().filter(|c| c.on.is_trigger()) {
            if let Some(&k) = ids.get(&*c.term).filter(|&&k| k != i) {
                triggers.push((i, k, c.on));
            }
        }
    }
    // Each contingent term's own trigger: its first.
    let mut own = triggers.clone();
    own.dedup_by_key(|&mut (i, _, _)| i);
    Outcomes::new(contingent(proposal, ids, own), lapses, triggers)
}

/// The contingent terms, ascending: those with a trigger of their own (`triggered`,
/// ascending), and those that require one, through any chain of preconditions, with
/// the trigger of the first they reach. A worklist over who requires whom: no
/// recursion, each term once.
fn contingent(
    proposal: &Proposal,
    ids: &FastMap<&str, usize>,
    triggered: Vec<(usize, usize, crate::model::Outcome)>,
) -> Vec<(usize, usize, crate::model::Outcome)> {
    if triggered.is_empty() {
        return triggered;
    }
    let n = proposal.terms.len();
    let mut required_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in proposal.terms.iter().enumerate() {
        for c in t.requires.iter().filter(|c| !c.on.is_trigger()) {
            if let Some(&k) = ids.get(&*c.term).filter(|&&k| k != i) {
                required_by[k].push(i);
            }
        }
    }
    let mut trigger: Vec<Option<(usize, crate::model::Outcome)>> = vec![None; n];
    let mut work: Vec<usize> = Vec::with_capacity(triggered.len());
    for &(i, k, on) in &triggered {
        trigger[i] = Some((k, on));
        work.push(i);
    }
    while let Some(k) = work.pop() {
        let inherited = trigger[k];
        for &i in &required_by[k] {
            if trigger[i].is_none() {
                trigger[i] = inherited;
                work.push(i);
            }
        }
    }
    trigger
        .into_iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|(k, on)| (i, k, on)))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::Outcome;

    fn resolved(json: &str) -> crate::resolved::ResolvedProposal {
        let p: crate::model::Proposal = serde_json::from_str(json).unwrap();
        let (r, diags) = crate::load::resolve(&p, &crate::vocab::Vocab::default_pack().unwrap());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        r.unwrap()
    }

    #[test]
    fn a_trigger_makes_its_term_and_what_requires_it_contingent() {
        let r = resolved(
            r#"{"id": "p", "by": ["US"], "source": "s", "terms": [
              {"id": "talks", "subject": ["RU", "UA"], "action": "negotiations", "text": "x"},
              {"id": "resume", "subject": ["US"], "action": "military_aid", "text": "x",
               "requires": [{"term": "talks", "on": "failed"}]},
              {"id": "after", "subject": ["US"], "action": "intelligence_sharing", "text": "x",
               "requires": ["resume"]},
              {"id": "free", "subject": ["UA"], "modality": "may", "action": "hostilities", "text": "x",
               "lapses_if": [{"term": "talks", "on": "breached"}]}
            ]}"#,
        );
        assert_eq!(r.outcomes.trigger(0), None);
        assert_eq!(r.outcomes.trigger(1), Some((0, Outcome::Failed)));
        assert_eq!(r.outcomes.trigger(2), Some((0, Outcome::Failed)));
        assert!(!r.outcomes.is_contingent(3));
        assert_eq!(r.outcomes.lapses(3).collect::<Vec<_>>(), [(0, Outcome::Breached)]);
        assert_eq!(r.outcomes.lapses(2).count(), 0);
        // A trigger is no precondition: nothing waits on the talks.
        assert!(r.terms[1].requires.is_empty());
        assert_eq!(r.terms[2].requires.len(), 1);
    }
}
