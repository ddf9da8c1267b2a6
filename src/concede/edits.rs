//! The what-if edits that carry out a package of moves, in an order the edit
//! language applies: narrowings, meetings, commitments and conditions first (none on
//! a term the package withdraws), then each condition on a withdrawn term held by a
//! term that stays lifted (`unrequire`), then the withdrawn terms dropped.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::moves::{Candidate, Move};
use crate::engine::{Analysis, TermRef};
use crate::model::{Term, Timing};
use crate::resolved::Interval;
use crate::whatif::Edit;

/// The edits that apply the moves `chosen` (indices into `candidates`), in the order
/// the module documentation gives.
pub fn edits(a: &Analysis, candidates: &[Candidate], chosen: &[usize]) -> Vec<Edit> {
    let moves: Vec<Move> = chosen
        .iter()
        .filter_map(|&i| candidates.get(i))
        .map(|c| c.mv)
        .collect();
    let gone: HashSet<TermRef> = moves
        .iter()
        .filter_map(|m| match *m {
            Move::Withdraw { term } => Some(term),
            _ => None,
        })
        .collect();
    let dropped: HashSet<(TermRef, TermRef)> = moves
        .iter()
        .filter_map(|m| match *m {
            Move::DropCondition { term, condition } => Some((term, condition)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    // Narrowings of scope, topics and partitions: the field set to what the
    // candidate says it becomes.
    for &i in chosen {
        if let Some(Candidate {
            mv: Move::Restrict { term, .. },
            restricted: Some(r),
            ..
        }) = candidates.get(i)
            && !gone.contains(term)
        {
            out.push(set(a, *term, &r.field, r.value.clone()));
        }
    }
    let mut added: HashSet<(usize, String)> = HashSet::new();
    for mv in &moves {
        match *mv {
            Move::Withdraw { .. } => {}
            Move::Narrow { term, from, to } if !gone.contains(&term) => {
                let window = match to {
                    Some(to) => json!({ "from": from, "to": to }),
                    None => json!({ "from": from }),
                };
                out.push(set(a, term, "window", window));
            }
            Move::Meet { term, toward } if !gone.contains(&term) => out.extend(meet(a, term, toward)),
            Move::DropCondition { term, condition }
                if !gone.contains(&term) && !gone.contains(&condition) =>
            {
                out.push(Edit::Unrequire {
                    term: a.term_name(term),
                    condition: id(a, condition),
                });
            }
            Move::Concurrent { term, condition }
                if !gone.contains(&term)
                    && !gone.contains(&condition)
                    && !dropped.contains(&(term, condition)) =>
            {
                out.push(Edit::Require {
                    term: a.term_name(term),
                    condition: id(a, condition),
                    timing: Timing::Concurrent,
                });
            }
            Move::Commit { proposal, required } => {
                if let Some(edit) = commit(a, proposal, required, &mut added) {
                    out.push(edit);
                }
            }
            _ => {}
        }
    }
    // Withdrawals: every condition on a withdrawn term held by one that stays is
    // lifted first (unless the package drops it already), then the terms go.
    let mut withdrawn: Vec<TermRef> = gone.iter().copied().collect();
    withdrawn.sort_unstable();
    // (The resolved conditions name their terms by index: a search by id for each
    // condition made this quadratic on proposals of thousands of terms.)
    for (pi, p) in a.proposals.iter().enumerate() {
        for (ti, t) in p.terms.iter().enumerate() {
            let holder = TermRef {
                proposal: pi,
                term: ti,
            };
            if t.requires.is_empty() || gone.contains(&holder) {
                continue;
            }
            for &(ci, _) in t.requires.iter() {
                let cond = TermRef {
                    proposal: pi,
                    term: ci,
                };
                if gone.contains(&cond) && !dropped.contains(&(holder, cond)) {
                    out.push(Edit::Unrequire {
                        term: a.term_name(holder),
                        condition: id(a, cond),
                    });
                }
            }
        }
    }
    out.extend(withdrawn.iter().map(|&d| Edit::Drop { term: a.term_name(d) }));
    out
}

/// A term's id.
fn id(a: &Analysis, t: TermRef) -> String {
    a.term(t).map(|x| x.id.to_string()).unwrap_or_default()
}

fn set(a: &Analysis, t: TermRef, field: &str, value: Value) -> Edit {
    Edit::Set {
        term: a.term_name(t),
        field: field.to_owned(),
        value,
    }
}

/// The edits by which `term` comes to say what `toward` says: its subjects, modality,
/// action, target, topics and scope, the parameters `toward` states, and (when both
/// state one) its window.
fn meet(a: &Analysis, term: TermRef, toward: TermRef) -> Vec<Edit> {
    let (Some(mine), Some(theirs)) = (a.term(term), a.term(toward)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // What it covers and how strongly: every field that decides the relation.
    let (Ok(Value::Object(m)), Ok(Value::Object(t))) =
        (serde_json::to_value(mine), serde_json::to_value(theirs))
    else {
        return out;
    };
    for field in ["subject", "modality", "action", "target", "about", "scope"] {
        let (now, then) = (m.get(field), t.get(field));
        if now != then {
            out.push(set(a, term, field, then.cloned().unwrap_or(Value::Null)));
        }
    }
    let mut params = mine.params.clone();
    for (name, value) in theirs.params.iter() {
        params.insert(name.clone(), value.clone());
    }
    if params != mine.params
        && let Ok(v) = serde_json::to_value(&params)
    {
        out.push(set(a, term, "params", v));
    }
    let (w_mine, w_theirs) = (window(a, term), window(a, toward));
    if let (Some(m), Some(t)) = (w_mine, w_theirs)
        && !m.is_unstated()
        && !t.is_unstated()
        && m != t
        && let Some(v) = own_window(a, term.proposal, t)
    {
        out.push(set(a, term, "window", v));
    }
    out
}

/// The resolved window of `t` (in the analysis's days).
fn window(a: &Analysis, t: TermRef) -> Option<Interval> {
    Some(a.proposals.get(t.proposal)?.terms.get(t.term)?.window)
}

/// `w` (in the analysis's days) written as a window of proposal `p`, in its own days:
/// `None` for an unstated window (leave the field out).
fn own_window(a: &Analysis, p: usize, w: Interval) -> Option<Value> {
    if w.is_unstated() {
        return None;
    }
    let q = a.proposals.get(p)?;
    let shift = match (q.calendar, q.proposal.entry_into_force) {
        (Some(c), Some(e)) => c.days_until(e),
        _ => 0,
    };
    let from = w.from.checked_sub(shift)?.max(0);
    let to = match w.to() {
        Some(e) => Some(e.checked_sub(shift)?),
        None => None,
    };
    Some(match (w.is_deadline(), to) {
        (true, Some(by)) if from == 0 => json!({ "by": by }),
        (_, Some(to)) => json!({ "from": from, "to": to }),
        (_, None) if from == 0 => json!("indefinite"),
        (_, None) => json!({ "from": from }),
    })
}

/// The edit by which proposal `p` commits to `required`: a copy of it added to `p`,
/// without its conditions or lapses, its window in `p`'s days, under an id `p` does
/// not use yet. `None` when the copy cannot be written (or the package commits to it
/// twice).
fn commit(a: &Analysis, p: usize, required: TermRef, added: &mut HashSet<(usize, String)>) -> Option<Edit> {
    let q = a.proposals.get(p)?;
    let source = a.term(required)?;
    let mut value = serde_json::to_value(source).ok()?;
    let obj = value.as_object_mut()?;
    let taken: HashSet<&str> = q.proposal.terms.iter().map(|t| &*t.id).collect();
    let from = a.proposals.get(required.proposal).map_or("", |x| x.id());
    let id = (0..)
        .map(|n| match n {
            0 => source.id.to_string(),
            1 => format!("{}-{from}", source.id),
            n => format!("{}-{from}-{n}", source.id),
        })
        .find(|id| !taken.contains(id.as_str()))?;
    if !added.insert((p, source.id.to_string())) {
        return None;
    }
    obj.insert("id".into(), json!(id));
    obj.remove("requires");
    obj.remove("lapses_if");
    match window(a, required).and_then(|w| own_window(a, p, w)) {
        Some(w) => obj.insert("window".into(), w),
        None => obj.remove("window"),
    };
    let term: Term = serde_json::from_value(value).ok()?;
    Some(Edit::Add {
        proposal: q.id().to_owned(),
        term,
    })
}
