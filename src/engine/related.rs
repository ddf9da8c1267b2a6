//! [`Related`]: the vocabulary's hierarchies closed once: for each action and each
//! scope label, the ones it relates to (itself, its ancestors and descendants).

use crate::vocab::{ActionId, LabelId, Vocab};

/// For each action and each scope label, the ones related to it: itself, its
/// ancestors and its descendants.
#[derive(Debug, Clone)]
pub struct Related {
    actions: Vec<Vec<ActionId>>,
    /// The labels related to label `l`: `label_list[label_first[l]..label_first[l + 1]]`
    /// (one list for all labels: vocabularies may have many).
    label_first: Vec<usize>,
    label_list: Vec<LabelId>,
}

impl Related {
    /// Computes the relations of `vocab`'s hierarchies.
    pub fn new(vocab: &Vocab) -> Related {
        let mut actions: Vec<Vec<ActionId>> = (0..vocab.actions.len() as ActionId).map(|a| vec![a]).collect();
        for a in 0..vocab.actions.len() as ActionId {
            for anc in vocab.action_ancestors(a) {
                actions[a as usize].push(anc);
                actions[anc as usize].push(a);
            }
        }
        // Each label's count (itself, its ancestors, its descendants), summed up to
        // its list's end; the lists are then filled downwards to their starts.
        let n = vocab.labels.len();
        let ancestors = |l: usize| {
            std::iter::successors(vocab.labels.get(l).and_then(|x| x.parent), |&p| {
                vocab.labels.get(p as usize).and_then(|x| x.parent)
            })
        };
        let mut label_first = vec![1usize; n];
        label_first.push(0);
        for l in 0..n {
            for p in ancestors(l) {
                for c in [l, p as usize] {
                    if let Some(c) = label_first.get_mut(c) {
                        *c += 1;
                    }
                }
            }
        }
        let mut sum = 0;
        for c in &mut label_first {
            sum += *c;
            *c = sum;
        }
        let mut label_list = vec![0; sum];
        let mut put = |at: usize, label: LabelId| {
            if let Some(f) = label_first.get_mut(at) {
                *f -= 1;
                if let Some(slot) = label_list.get_mut(*f) {
                    *slot = label;
                }
            }
        };
        for l in 0..n {
            put(l, l as LabelId);
            for p in ancestors(l) {
                put(l, p);
                put(p as usize, l as LabelId);
            }
        }
        Related {
            actions,
            label_first,
            label_list,
        }
    }

    /// Whether these are the hierarchies of a vocabulary with as many actions and
    /// labels as `vocab`.
    pub fn fits(&self, vocab: &Vocab) -> bool {
        self.actions.len() == vocab.actions.len() && self.label_first.len() == vocab.labels.len() + 1
    }

    /// The labels related to `l`: itself, its ancestors and its descendants.
    pub fn labels(&self, l: LabelId) -> &[LabelId] {
        let l = l as usize;
        match (self.label_first.get(l), self.label_first.get(l + 1)) {
            (Some(&a), Some(&b)) => self.label_list.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The actions related to `a` (the relation is symmetric).
    pub fn actions(&self, a: ActionId) -> &[ActionId] {
        self.actions.get(a as usize).map_or(&[][..], Vec::as_slice)
    }
}
