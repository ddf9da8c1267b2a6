//! [`Related`]: the vocabulary's hierarchies closed once: for each action and each
//! scope label, the ones it relates to (itself, its ancestors and descendants).

use crate::collections::FlatLists;
use crate::vocab::{ActionId, LabelId, Vocab};

/// For each action and each scope label, the ones related to it: itself, its
/// ancestors and its descendants.
#[derive(Debug, Clone)]
pub(crate) struct Related {
    actions: Vec<Vec<ActionId>>,
    /// The labels related to each label (in one flat list: vocabularies may have
    /// many).
    labels: FlatLists<LabelId>,
}

impl Related {
    /// Computes the relations of `vocab`'s hierarchies.
    pub(crate) fn new(vocab: &Vocab) -> Related {
        let mut actions: Vec<Vec<ActionId>> = (0..vocab.actions.len() as ActionId).map(|a| vec![a]).collect();
        for a in 0..vocab.actions.len() as ActionId {
            for anc in vocab.action_ancestors(a) {
                actions[a as usize].push(anc);
                actions[anc as usize].push(a);
            }
        }
        // Each label's list: itself, its ancestors and its descendants.
        let ancestors = |l: usize| {
            std::iter::successors(vocab.labels.get(l).and_then(|x| x.parent), |&p| {
                vocab.labels.get(p as usize).and_then(|x| x.parent)
            })
        };
        let labels = FlatLists::build(vocab.labels.len(), |add| {
            for l in 0..vocab.labels.len() {
                add(l, l as LabelId);
                for p in ancestors(l) {
                    add(l, p);
                    add(p as usize, l as LabelId);
                }
            }
        });
        Related { actions, labels }
    }

    /// Whether these are the hierarchies of a vocabulary with as many actions and
    /// labels as `vocab`.
    pub(crate) fn fits(&self, vocab: &Vocab) -> bool {
        self.actions.len() == vocab.actions.len() && self.labels.covers(vocab.labels.len())
    }

    /// The labels related to `l`: itself, its ancestors and its descendants.
    pub(crate) fn labels(&self, l: LabelId) -> &[LabelId] {
        self.labels.list(l as usize)
    }

    /// The actions related to `a` (the relation is symmetric).
    pub(crate) fn actions(&self, a: ActionId) -> &[ActionId] {
        self.actions.get(a as usize).map_or(&[][..], Vec::as_slice)
    }
}
