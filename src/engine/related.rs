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
    /// Each action's size: the actions it contains, itself included.
    action_sizes: Vec<u32>,
    /// Each label's size: the labels it contains, itself included.
    label_sizes: Vec<u32>,
    /// Each taxonomy's number of labels.
    taxonomy_sizes: Vec<u32>,
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
        let mut action_sizes = vec![1u32; vocab.actions.len()];
        for a in 0..vocab.actions.len() as ActionId {
            for anc in vocab.action_ancestors(a) {
                if let Some(n) = action_sizes.get_mut(anc as usize) {
                    *n = n.saturating_add(1);
                }
            }
        }
        let mut label_sizes = vec![1u32; vocab.labels.len()];
        let mut taxonomy_sizes = vec![0u32; vocab.taxonomies.len()];
        for (l, label) in vocab.labels.iter().enumerate() {
            if let Some(n) = taxonomy_sizes.get_mut(label.taxonomy) {
                *n = n.saturating_add(1);
            }
            for p in ancestors(l) {
                if let Some(n) = label_sizes.get_mut(p as usize) {
                    *n = n.saturating_add(1);
                }
            }
        }
        Related {
            actions,
            labels,
            action_sizes,
            label_sizes,
            taxonomy_sizes,
        }
    }

    /// The size of action `a`: the actions it contains, itself included.
    pub(crate) fn action_size(&self, a: ActionId) -> u32 {
        self.action_sizes.get(a as usize).copied().unwrap_or(1)
    }

    /// The size of label `l`: the labels it contains, itself included.
    pub(crate) fn label_size(&self, l: LabelId) -> u32 {
        self.label_sizes.get(l as usize).copied().unwrap_or(1)
    }

    /// The number of labels of taxonomy `t`.
    pub(crate) fn taxonomy_size(&self, t: usize) -> u32 {
        self.taxonomy_sizes.get(t).copied().unwrap_or(0)
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
