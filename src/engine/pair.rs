//! Relating the atoms of two proposals through an index on (subject, action), and
//! turning atom relations into term relations and open points.

use std::collections::HashMap;

use super::analysis::{ChainStep, Coverage, Open, Relation, RelationKind, Side};
use super::atom::{Atom, TermRef};
use super::derive;
use super::params;
use super::relate::relate;
use crate::load::ResolvedProposal;
use crate::vocab::{ActionId, PartyId, Vocab};

/// Where to find a proposal's atoms by subject and action.
#[derive(Debug, Clone, Default)]
pub struct AtomIndex {
    by_key: HashMap<(PartyId, ActionId), Vec<usize>>,
}

impl AtomIndex {
    /// Indexes `atoms`.
    pub fn new(atoms: &[Atom]) -> AtomIndex {
        let mut by_key: HashMap<(PartyId, ActionId), Vec<usize>> = HashMap::new();
        for (i, a) in atoms.iter().enumerate() {
            by_key.entry((a.subject, a.action)).or_default().push(i);
        }
        AtomIndex { by_key }
    }

    /// The atoms with this subject and exactly this action.
    pub fn get(&self, subject: PartyId, action: ActionId) -> &[usize] {
        self.by_key.get(&(subject, action)).map_or(&[], Vec::as_slice)
    }
}

/// For each action, the actions related to it: itself, its ancestors and descendants.
pub fn related_actions(vocab: &Vocab) -> Vec<Vec<ActionId>> {
    let n = vocab.actions.len();
    let mut related: Vec<Vec<ActionId>> = (0..n as ActionId).map(|a| vec![a]).collect();
    for a in 0..n as ActionId {
        for anc in vocab.action_ancestors(a) {
            related[a as usize].push(anc);
            related[anc as usize].push(a);
        }
    }
    related
}

/// One proposal as the pair computation sees it.
pub struct PairInput<'a> {
    /// The resolved proposal.
    pub proposal: &'a ResolvedProposal,
    /// Its atoms, written then derived.
    pub atoms: &'a [Atom],
    /// The index of its atoms.
    pub index: &'a AtomIndex,
}

/// The relations and open points between two proposals.
pub fn relate_pair(
    left: &PairInput,
    right: &PairInput,
    related: &[Vec<ActionId>],
    vocab: &Vocab,
) -> (Vec<Relation>, Vec<Open>) {
    let mut groups: HashMap<GroupKey, usize> = HashMap::new();
    let mut relations: Vec<Relation> = Vec::new();
    let mut seen_left = vec![Seen::default(); left.atoms.len()];
    let mut seen_right = vec![Seen::default(); right.atoms.len()];

    for (i, a) in left.atoms.iter().enumerate() {
        let actions = related.get(a.action as usize).map_or(&[][..], Vec::as_slice);
        for &action in actions {
            for &j in right.index.get(a.subject, action) {
                let b = &right.atoms[j];
                let Some(rel) = relate(a, b, vocab) else { continue };
                let derived = a.is_derived() || b.is_derived();
                if derived && rel.kind != RelationKind::Conflict {
                    continue;
                }
                let params = if derived {
                    Vec::new()
                } else {
                    params::compare(&term_params(left.proposal, a), &term_params(right.proposal, b))
                };
                let kind = match rel.kind {
                    RelationKind::Agree if a.window != b.window || params.iter().any(|p| p.differs()) => {
                        RelationKind::Diverge
                    }
                    k => k,
                };
                seen_left[i].related = true;
                seen_right[j].related = true;
                seen_left[i].covered |= matches!(rel.coverage, Coverage::Same | Coverage::RightBroader);
                seen_right[j].covered |= matches!(rel.coverage, Coverage::Same | Coverage::LeftBroader);

                let key = GroupKey {
                    kind,
                    left: a.term,
                    left_chain: rules(left.atoms, i),
                    right: b.term,
                    right_chain: rules(right.atoms, j),
                };
                match groups.get(&key) {
                    Some(&g) => {
                        let r = &mut relations[g];
                        if !r.subjects.contains(&a.subject) {
                            r.subjects.push(a.subject);
                        }
                    }
                    None => {
                        groups.insert(key, relations.len());
                        relations.push(Relation {
                            kind,
                            left: side(left.atoms, i),
                            right: side(right.atoms, j),
                            subjects: vec![a.subject],
                            action: rel.action,
                            scope: rel.scope,
                            window: rel.window,
                            coverage: rel.coverage,
                            params,
                            criticality: 0,
                        });
                    }
                }
            }
        }
    }
    relations.sort_by(|x, y| {
        (x.kind, x.is_indirect(), x.left.term, x.right.term).cmp(&(
            y.kind,
            y.is_indirect(),
            y.left.term,
            y.right.term,
        ))
    });
    let mut open = open_points(left.atoms, &seen_left);
    open.extend(open_points(right.atoms, &seen_right));
    (relations, open)
}

#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    related: bool,
    covered: bool,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct GroupKey {
    kind: RelationKind,
    left: TermRef,
    left_chain: Vec<usize>,
    right: TermRef,
    right_chain: Vec<usize>,
}

fn rules(atoms: &[Atom], i: usize) -> Vec<usize> {
    derive::chain(atoms, i)
        .into_iter()
        .map(|(rule, _)| rule)
        .collect()
}

fn side(atoms: &[Atom], i: usize) -> Side {
    let a = &atoms[i];
    let chain = derive::chain(atoms, i)
        .into_iter()
        .map(|(rule, k)| ChainStep {
            rule,
            subject: atoms[k].subject,
            modality: atoms[k].modality,
            action: atoms[k].action,
        })
        .collect();
    Side {
        term: a.term,
        chain,
        modality: a.modality,
        action: a.action,
        target: a.target,
        scope: a.scope.clone(),
        window: a.window,
    }
}

fn term_params(p: &ResolvedProposal, a: &Atom) -> Vec<(String, crate::model::ParamValue)> {
    p.terms
        .get(a.term.term)
        .map(|t| t.params.clone())
        .unwrap_or_default()
}

/// The written terms not fully covered by the other side, with the subjects for which
/// they are open.
fn open_points(atoms: &[Atom], seen: &[Seen]) -> Vec<Open> {
    let mut out: Vec<Open> = Vec::new();
    let mut by_term: HashMap<TermRef, usize> = HashMap::new();
    for (a, s) in atoms.iter().zip(seen).filter(|(a, _)| !a.is_derived()) {
        let entry = *by_term.entry(a.term).or_insert_with(|| {
            out.push(Open {
                term: a.term,
                subjects: Vec::new(),
                partial: false,
            });
            out.len() - 1
        });
        let o = &mut out[entry];
        if s.related {
            o.partial = true;
        }
        if !s.covered {
            o.subjects.push(a.subject);
        }
    }
    out.retain(|o| !o.subjects.is_empty());
    out
}
