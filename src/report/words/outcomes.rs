//! The words for outcomes (DESIGN §2–§3, v2): on what a contingent conflict depends
//! (`conflicts only if p/talks fails`) and on what a term lapses (`lapses if p/talks is
//! breached`).

use crate::engine::{Analysis, Pair, Relation, TermRef};
use crate::model::Outcome;

/// A term and its outcome, as a clause: `p/talks fails`, `p/halt is breached`.
pub fn outcome(term: &str, on: Outcome) -> String {
    let verb = match on {
        Outcome::InForce => "is in force",
        Outcome::Fulfilled => "is fulfilled",
        Outcome::Succeeded => "succeeds",
        Outcome::Failed => "fails",
        Outcome::Breached => "is breached",
    };
    format!("{term} {verb}")
}

/// For a contingent conflict of `pair` (index `i` into its relations): on what it
/// depends, with terms named by `name` — `contingent: conflicts only if p/talks fails
/// (p/resume applies only then)`; `None` for any other relation.
pub fn contingent(
    a: &Analysis,
    pair: &Pair,
    i: usize,
    r: &Relation,
    name: impl Fn(TermRef) -> String,
) -> Option<String> {
    pair.contingent.binary_search(&i).ok()?;
    let mut ifs = Vec::new();
    let mut applies = Vec::new();
    for side in [&r.left, &r.right] {
        if let Some((trigger, on)) = a.trigger(side.term) {
            ifs.push(outcome(&name(trigger), on));
            applies.push(name(side.term));
        }
    }
    let verb = if applies.len() == 1 { "applies" } else { "apply" };
    Some(format!(
        "contingent: conflicts only if {} ({} {verb} only then)",
        ifs.join(" and "),
        applies.join(" and ")
    ))
}

/// On what term `t` lapses, with terms named by `name`: `lapses if p/talks is
/// breached`; `None` when it has no `lapses_if`.
pub fn lapses(a: &Analysis, t: TermRef, name: impl Fn(TermRef) -> String) -> Option<String> {
    let ifs: Vec<String> = a
        .lapses(t)
        .into_iter()
        .map(|(by, on)| outcome(&name(by), on))
        .collect();
    (!ifs.is_empty()).then(|| format!("{} lapses if {}", name(t), ifs.join(" or ")))
}
