//! How findings are put into words, the same in every format: term names, the
//! statement an atom makes, windows, scopes, parameters.

use crate::engine::{
    Analysis, Atom, BlockCause, Pair, ParamComparison, ParamOutcome, Relation, Side, TermRef,
};
use crate::model::{Modality, ParamValue};
use crate::resolved::Interval;
use crate::vocab::{ActionId, LabelId, PartyId, Vocab};

/// `proposal-id/term-id`.
pub fn term(analysis: &Analysis, r: TermRef) -> String {
    analysis.term_name(r)
}

/// A proposal's id and authors: `us-2025-03-11 (US)`.
pub fn proposal(analysis: &Analysis, vocab: &Vocab, i: usize) -> String {
    match analysis.proposals.get(i) {
        Some(p) => format!("{} ({})", p.id(), parties(vocab, &p.by)),
        None => format!("#{i}"),
    }
}

/// Party codes joined with commas.
pub fn parties(vocab: &Vocab, parties: &[PartyId]) -> String {
    parties
        .iter()
        .map(|&p| vocab.party_code(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The quoted wording of a term, if it has any.
pub fn text(analysis: &Analysis, r: TermRef) -> Option<&str> {
    analysis.term(r).and_then(|t| t.text.as_deref())
}

/// `must`, `must not`, `may`.
pub fn modality(m: Modality) -> &'static str {
    m.in_words()
}

/// The action's id, with a target: `military_aid to UA`.
pub fn action(vocab: &Vocab, action: ActionId, target: Option<PartyId>) -> String {
    match target {
        Some(t) => format!("{} to {}", vocab.action_id(action), vocab.party_code(t)),
        None => vocab.action_id(action).to_owned(),
    }
}

/// A window in words: `days 0–30`.
pub fn window(w: Interval) -> String {
    w.to_string()
}

/// Scope labels, or `everywhere`.
pub fn scope(vocab: &Vocab, scope: &[LabelId]) -> String {
    if scope.is_empty() {
        "everywhere".to_owned()
    } else {
        scope
            .iter()
            .map(|&l| vocab.label_id(l))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a relation is about: `US must / must not military_aid to UA, days 0–30`.
pub fn relation(analysis: &Analysis, vocab: &Vocab, r: &Relation) -> String {
    let (left, right) = (analysis.atom(&r.left), analysis.atom(&r.right));
    // A side not of this analysis has no atom to read: it shows as `?`.
    let says = |a: Option<&Atom>| a.map_or("?", |a| modality(a.modality));
    let modalities = if left.map(|a| a.modality) == right.map(|a| a.modality) {
        says(left).to_owned()
    } else {
        format!("{} / {}", says(left), says(right))
    };
    let target = left.and_then(|a| a.target).or(right.and_then(|a| a.target));
    let mut out = format!(
        "{} {modalities} {}",
        parties(vocab, &r.subjects),
        action(vocab, r.action, target)
    );
    if !r.scope.is_empty() {
        out.push_str(&format!(" in {}", scope(vocab, &r.scope)));
    }
    if let Some(w) = analysis.common_window(r) {
        out.push_str(&format!(", {}", window(w)));
    }
    out
}

/// What a derived side states, through its chain: `UA may resupply`.
pub fn derived(vocab: &Vocab, side: &Side) -> Option<String> {
    let last = side.chain.last()?;
    Some(format!(
        "{} {} {}",
        vocab.party_code(last.subject),
        modality(last.modality),
        vocab.action_id(last.action)
    ))
}

/// The rules of a derived side, `id: description` each.
pub fn rules(vocab: &Vocab, side: &Side) -> Vec<String> {
    side.chain
        .iter()
        .filter_map(|s| vocab.rules.get(s.rule))
        .map(|r| format!("{}: {}", r.def.id, r.def.description))
        .collect()
}

/// Which side is broader, in words, if one is.
pub fn coverage(analysis: &Analysis, r: &Relation) -> Option<String> {
    use crate::engine::Coverage;
    match r.coverage {
        Coverage::Same => None,
        Coverage::LeftBroader => Some(format!(
            "{} is broader; the rest of it is open",
            term(analysis, r.left.term)
        )),
        Coverage::RightBroader => Some(format!(
            "{} is broader; the rest of it is open",
            term(analysis, r.right.term)
        )),
        Coverage::Overlap => Some("they overlap in part; the rest of each is open".to_owned()),
    }
}

/// The differences a divergence rests on: windows and parameters.
pub fn differences(analysis: &Analysis, r: &Relation) -> Vec<String> {
    let mut out = Vec::new();
    if r.kind != crate::engine::RelationKind::Diverge {
        return out;
    }
    if let (Some(left), Some(right)) = (analysis.atom(&r.left), analysis.atom(&r.right))
        && left.window != right.window
        && let Some(common) = left.window.intersect(right.window)
    {
        out.push(format!(
            "window: {} against {}; common {}",
            window(left.window),
            window(right.window),
            window(common)
        ));
    }
    out.extend(r.params.iter().filter(|p| p.differs()).map(param));
    out
}

/// One parameter comparison in words: `days: 30 against 60, 30 apart`.
pub fn param(p: &ParamComparison) -> String {
    let side = |v: &Option<ParamValue>| v.as_ref().map_or("unspecified".to_owned(), value);
    let outcome = match &p.outcome {
        ParamOutcome::Same => "the same".to_owned(),
        ParamOutcome::OneSided => "given by one side only".to_owned(),
        ParamOutcome::Common(v) => format!("common {}", value(v)),
        ParamOutcome::Gap(g) => format!("{} apart", number(*g)),
        ParamOutcome::Disjoint => "nothing in common".to_owned(),
    };
    format!(
        "{}: {} against {}, {outcome}",
        p.name,
        side(&p.left),
        side(&p.right)
    )
}

/// A parameter value in words.
pub fn value(v: &ParamValue) -> String {
    match v {
        ParamValue::Number(n) => number(*n),
        ParamValue::Range {
            min: Some(a),
            max: Some(b),
        } => format!("{}–{}", number(*a), number(*b)),
        ParamValue::Range {
            min: Some(a),
            max: None,
        } => format!("at least {}", number(*a)),
        ParamValue::Range {
            min: None,
            max: Some(b),
        } => format!("at most {}", number(*b)),
        ParamValue::Range { min: None, max: None } => "any".to_owned(),
        ParamValue::Value(s) => s.clone(),
        ParamValue::Set(s) => s.join(", "),
    }
}

/// A number without a needless fraction.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Why a condition holds a term up, with the other side's terms named by `name`:
/// `in conflict with X (indirect)` or `open: the other side is silent on it`.
pub fn held_because(pair: &Pair, cause: &BlockCause, name: impl Fn(TermRef) -> String) -> String {
    let others: Vec<String> = cause
        .conflicts
        .iter()
        .filter_map(|&i| pair.relations.get(i))
        .map(|r| {
            let other = if Some(r.left.term) == cause.required() {
                r.right.term
            } else {
                r.left.term
            };
            let how = if r.is_indirect() { " (indirect)" } else { "" };
            format!("{}{how}", name(other))
        })
        .collect();
    why_held(&others)
}

/// `in conflict with X, Y`, or `open: the other side is silent on it` when there is
/// no conflict.
pub fn why_held(conflicts_with: &[String]) -> String {
    if conflicts_with.is_empty() {
        "open: the other side is silent on it".to_owned()
    } else {
        format!("in conflict with {}", conflicts_with.join(", "))
    }
}
