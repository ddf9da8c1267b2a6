//! The point-by-point table in words: a point's name, a term in its cell (its id and
//! what it says, with its window, dates and values), the letter of a proposal's column
//! and the mark of a pair on a point.

use super::values::{push_where, term_summary};
use crate::engine::{Analysis, TermRef};
use crate::report::compare::points::{Mark, MarkKind, Point};
use crate::vocab::Vocab;

/// What a point is about: the action of its first term, and where when every term
/// on it says the same (`withdrawal`, `humanitarian_access in gaza`).
pub fn point_name(a: &Analysis, vocab: &Vocab, point: &Point) -> String {
    let resolved = |t: &TermRef| a.proposals.get(t.proposal).and_then(|p| p.terms.get(t.term));
    let mut terms = point.terms.iter().flatten().filter_map(resolved);
    let Some(first) = terms.next() else {
        return String::new();
    };
    let mut out = vocab.action_id(first.action).to_owned();
    if terms.all(|t| t.scope == first.scope) {
        push_where(&mut out, vocab, &first.scope);
    }
    out
}

/// A term in its cell: its id, then what it says with its window (and dates, when its
/// proposal gives an entry into force) and its values: `halt: IL, HAMAS must not
/// hostilities, days 0–42 (19 January–2 March 2025)`, `aid: IL must
/// humanitarian_access in gaza, days 0–42 (…), trucks_per_day 600`.
pub fn point_term(a: &Analysis, vocab: &Vocab, t: TermRef) -> String {
    match a.term(t) {
        Some(written) => format!("{}: {}", written.id, point_summary(a, vocab, t)),
        None => String::new(),
    }
}

/// [`point_term`] without the id: what the term says, with its window, dates and
/// values.
pub fn point_summary(a: &Analysis, vocab: &Vocab, t: TermRef) -> String {
    let Some(p) = a.proposals.get(t.proposal) else {
        return String::new();
    };
    match (p.terms.get(t.term), p.proposal.terms.get(t.term)) {
        (Some(rt), Some(written)) => term_summary(vocab, rt, &written.params, p.calendar),
        _ => String::new(),
    }
}

/// The letter of the `i`th proposal's column: `A`, `B`, … `Z`, then `P27`, `P28`, ….
pub fn column(i: usize) -> String {
    match u8::try_from(i) {
        Ok(n) if n < 26 => char::from(b'A' + n).to_string(),
        _ => format!("P{}", i + 1),
    }
}

/// A mark's kind in words: `conflict`, `contingent conflict`, `agree`.
pub fn mark_kind(k: MarkKind) -> &'static str {
    match k {
        MarkKind::Conflict => "conflict",
        MarkKind::IndirectConflict => "indirect conflict",
        MarkKind::Contingent => "contingent conflict",
        MarkKind::Diverge => "diverge",
        MarkKind::ToBeAgreed => "to be agreed",
        MarkKind::Compatible => "compatible",
        MarkKind::Implied => "implied agreement",
        MarkKind::Agree => "agree",
    }
}

/// What a pair is to each other on a point, the proposals named by `name`: its
/// relations, the gravest first (`conflict, diverge`), or `open: B is silent` when
/// only one has a term on it, or `no direct relation` when both have terms joined only
/// through a third proposal; empty when neither has.
pub fn mark(m: &Mark, name: impl Fn(usize) -> String) -> String {
    if !m.kinds.is_empty() {
        return m
            .kinds
            .iter()
            .map(|&k| mark_kind(k))
            .collect::<Vec<_>>()
            .join(", ");
    }
    match (m.left_has, m.right_has) {
        (true, true) => "no direct relation".to_owned(),
        (true, false) => format!("open: {} is silent", name(m.right)),
        (false, true) => format!("open: {} is silent", name(m.left)),
        (false, false) => String::new(),
    }
}

/// A term's values as the findings give them beside its wording: its parameters
/// (`count 33, ratio 30 per civilian_hostage`), after its own window when `window` is
/// asked for and stated (with its dates when its proposal gives an entry into force);
/// `None` when there is nothing to give.
pub fn term_values(a: &Analysis, t: TermRef, window: bool) -> Option<String> {
    let p = a.proposals.get(t.proposal)?;
    let (rt, written) = (p.terms.get(t.term)?, p.proposal.terms.get(t.term)?);
    let mut parts = Vec::new();
    if window && !rt.window.is_unstated() {
        parts.push(super::values::window_on(rt.window, p.calendar));
    }
    parts.extend(
        written
            .params
            .iter()
            .map(|(name, v)| format!("{name} {}", super::values::value_in_list(v))),
    );
    (!parts.is_empty()).then(|| parts.join(", "))
}
