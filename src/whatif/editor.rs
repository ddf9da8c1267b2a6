//! Edits applied in sequence to proposals: terms are found through an index by id, and
//! dropped terms are taken out once, at the end. A concession package drops thousands
//! of terms; looking each up and removing it from the list one by one cost time in
//! proportion to the edits times the terms.

use super::apply::{Applied, EditError, EditPart, find_proposal, missing, set_field};
use super::edit::Edit;
use crate::collections::FastMap;
use crate::model::{Condition, Proposal};

/// Proposals being edited. [`Editor::finish`] leaves them as applying each edit in turn
/// to the list would; an edit that fails changes nothing.
pub struct Editor<'a> {
    proposals: &'a mut [Proposal],
    /// Per proposal, built when first needed: each term id and the positions of the
    /// live terms with that id, in order (one, unless a `set` gave two terms one id).
    index: Vec<Option<FastMap<Box<str>, Vec<usize>>>>,
    /// Per proposal: which positions are dropped.
    dropped: Vec<Vec<bool>>,
}

impl<'a> Editor<'a> {
    /// An editor of `proposals`.
    pub fn new(proposals: &'a mut [Proposal]) -> Editor<'a> {
        let n = proposals.len();
        Editor {
            proposals,
            index: (0..n).map(|_| None).collect(),
            dropped: vec![Vec::new(); n],
        }
    }

    /// Takes the dropped terms out, keeping the order of the others.
    pub fn finish(self) {
        for (p, dropped) in self.proposals.iter_mut().zip(self.dropped) {
            if dropped.iter().any(|&d| d) {
                let mut k = 0;
                p.terms.retain(|_| {
                    let keep = !dropped.get(k).copied().unwrap_or(false);
                    k += 1;
                    keep
                });
            }
        }
    }

    /// Applies one edit; on error nothing is changed.
    pub fn apply(&mut self, edit: &Edit) -> Result<Applied, EditError> {
        match edit {
            Edit::Set { term, field, value } => {
                let (p, t) = self.find_term(term)?;
                let proposal = self.proposals.get_mut(p).ok_or_else(|| missing(term))?;
                let old = proposal.terms.get(t).ok_or_else(|| missing(term))?;
                let new = set_field(old, field, value)?;
                let renamed =
                    (new.id != old.id).then(|| (term.clone(), format!("{}/{}", proposal.id, new.id)));
                let old_id = old.id.clone();
                let new_id = new.id.clone();
                if let Some(slot) = proposal.terms.get_mut(t) {
                    *slot = new;
                }
                if old_id != new_id {
                    self.unindex(p, &old_id, t);
                    self.reindex(p, new_id, t);
                }
                Ok(Applied { proposal: p, renamed })
            }
            Edit::Drop { term } => {
                let (p, t) = self.find_term(term)?;
                let id = self
                    .proposals
                    .get(p)
                    .and_then(|q| q.terms.get(t))
                    .map(|t| t.id.clone())
                    .ok_or_else(|| missing(term))?;
                self.unindex(p, &id, t);
                if let Some(d) = self.dropped.get_mut(p).and_then(|d| d.get_mut(t)) {
                    *d = true;
                }
                Ok(Applied {
                    proposal: p,
                    renamed: None,
                })
            }
            Edit::Add { proposal, term } => {
                let p = find_proposal(self.proposals, proposal)?;
                if self.position(p, &term.id).is_some() {
                    return Err(EditError::new(
                        EditPart::Added,
                        format!("proposal `{proposal}` already has a term `{}`", term.id),
                    )
                    .help(format!(
                        "`set` its fields, or `drop {proposal}/{}` before adding it",
                        term.id
                    )));
                }
                let target = self.proposals.get_mut(p).ok_or_else(|| missing(proposal))?;
                let t = target.terms.len();
                target.terms.push(term.clone());
                if let Some(d) = self.dropped.get_mut(p) {
                    d.push(false);
                }
                self.reindex(p, term.id.clone(), t);
                Ok(Applied {
                    proposal: p,
                    renamed: None,
                })
            }
            Edit::Require {
                term,
                condition,
                timing,
            } => {
                let (p, t) = self.find_term(term)?;
                if self.position(p, condition).is_none() {
                    let proposal = self.proposals.get(p).ok_or_else(|| missing(term))?;
                    return Err(EditError::new(
                        EditPart::Condition,
                        format!("proposal `{}` has no term `{condition}` to require", proposal.id),
                    )
                    .suggest(condition, self.live_ids(p)));
                }
                let target = self
                    .proposals
                    .get_mut(p)
                    .and_then(|q| q.terms.get_mut(t))
                    .ok_or_else(|| missing(term))?;
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
                Ok(Applied {
                    proposal: p,
                    renamed: None,
                })
            }
            Edit::Unrequire { term, condition } => {
                let (p, t) = self.find_term(term)?;
                let target = self
                    .proposals
                    .get_mut(p)
                    .and_then(|q| q.terms.get_mut(t))
                    .ok_or_else(|| missing(term))?;
                let Some(k) = target.requires.iter().position(|c| *c.term == **condition) else {
                    let err = EditError::new(
                        EditPart::Condition,
                        format!("`{term}` does not require `{condition}`"),
                    );
                    return Err(if target.requires.is_empty() {
                        err.help(format!("`{term}` has no conditions"))
                    } else {
                        let ids: Vec<&str> = target.requires.iter().map(|c| &*c.term).collect();
                        err.suggest(condition, ids)
                    });
                };
                let mut requires = std::mem::take(&mut target.requires).into_vec();
                requires.remove(k);
                target.requires = requires.into();
                Ok(Applied {
                    proposal: p,
                    renamed: None,
                })
            }
        }
    }

    /// The indices of the proposal and the live term a `proposal-id/term-id` names.
    fn find_term(&mut self, name: &str) -> Result<(usize, usize), EditError> {
        let Some((pid, tid)) = name.split_once('/') else {
            return Err(EditError::new(
                EditPart::Term,
                format!("`{name}` is not a term name of the form `proposal-id/term-id`"),
            ));
        };
        let p = find_proposal(self.proposals, pid)?;
        match self.position(p, tid) {
            Some(t) => Ok((p, t)),
            None => Err(
                EditError::new(EditPart::Term, format!("proposal `{pid}` has no term `{tid}`"))
                    .suggest(tid, self.live_ids(p)),
            ),
        }
    }

    /// The position of the first live term of proposal `p` with id `id`.
    fn position(&mut self, p: usize, id: &str) -> Option<usize> {
        self.index_of(p)?.get(id)?.first().copied()
    }

    /// The ids of proposal `p`'s live terms, in order (for suggestions).
    fn live_ids(&self, p: usize) -> Vec<&str> {
        let dropped = self.dropped.get(p);
        self.proposals.get(p).map_or(Vec::new(), |q| {
            q.terms
                .iter()
                .enumerate()
                .filter(|(t, _)| !dropped.and_then(|d| d.get(*t)).copied().unwrap_or(false))
                .map(|(_, term)| &*term.id)
                .collect()
        })
    }

    fn index_of(&mut self, p: usize) -> Option<&mut FastMap<Box<str>, Vec<usize>>> {
        let proposal = self.proposals.get(p)?;
        let slot = self.index.get_mut(p)?;
        if slot.is_none() {
            let mut index: FastMap<Box<str>, Vec<usize>> = FastMap::default();
            for (t, term) in proposal.terms.iter().enumerate() {
                index.entry(term.id.clone()).or_default().push(t);
            }
            if let Some(d) = self.dropped.get_mut(p) {
                *d = vec![false; proposal.terms.len()];
            }
            *slot = Some(index);
        }
        slot.as_mut()
    }

    fn unindex(&mut self, p: usize, id: &str, t: usize) {
        if let Some(index) = self.index_of(p)
            && let Some(at) = index.get_mut(id)
        {
            at.retain(|&k| k != t);
            if at.is_empty() {
                index.remove(id);
            }
        }
    }

    fn reindex(&mut self, p: usize, id: Box<str>, t: usize) {
        if let Some(index) = self.index_of(p) {
            let at = index.entry(id).or_default();
            let k = at.partition_point(|&k| k < t);
            at.insert(k, t);
        }
    }
}
