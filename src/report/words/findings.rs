//! Findings in words: terms and proposals by name, what a relation is about and the
//! differences it rests on, why a term is held up, deadlock cycles, open points,
//! changed findings and the counts of a pair.

use super::values::{modality, number, parties, value, window, window_on};
use crate::engine::{
    Analysis, Atom, BlockCause, BlockStatus, ChainStep, Change, Counts, CycleEdge, Deadlock, Direction,
    Finding, Pair, ParamComparison, ParamOutcome, Relation, RelationKind, Side, TermRef,
};
use crate::model::{Date, Modality, ParamValue};
use crate::vocab::Vocab;

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

/// The date of day 0 of a relation's windows: its two proposals' calendar when they
/// share one (both give an entry into force and are compared on the calendar, or give
/// the same date); otherwise windows are days only.
pub fn calendar(analysis: &Analysis, r: &Relation) -> Option<Date> {
    let of = |t: TermRef| analysis.proposals.get(t.proposal).and_then(|p| p.calendar);
    let (a, b) = (of(r.left.term), of(r.right.term));
    if a == b { a } else { None }
}

/// How a pair's windows are compared, when either proposal gives an entry into force
/// (`None` otherwise): `windows on the calendar: day 0 is 19 January 2025; b enters
/// into force on day 10 (29 January 2025)`, or `windows in days from each one's
/// entry into force (b gives none)`.
pub fn time_basis(analysis: &Analysis, left: usize, right: usize) -> Option<String> {
    let (l, r) = (analysis.proposals.get(left)?, analysis.proposals.get(right)?);
    let (le, re) = (l.proposal.entry_into_force, r.proposal.entry_into_force);
    if le.is_none() && re.is_none() {
        return None;
    }
    match (l.calendar, r.calendar) {
        (Some(day0), Some(c)) if c == day0 => {
            let mut out = format!("windows on the calendar: day 0 is {}", day0.in_words());
            for p in [l, r] {
                if let Some(e) = p.proposal.entry_into_force.filter(|&e| e != day0) {
                    out.push_str(&format!(
                        "; {} enters into force on day {} ({})",
                        p.id(),
                        day0.days_until(e),
                        e.in_words()
                    ));
                }
            }
            Some(out)
        }
        _ => {
            let none: Vec<&str> = [l, r]
                .into_iter()
                .filter(|p| p.proposal.entry_into_force.is_none())
                .map(|p| p.id())
                .collect();
            Some(if none.is_empty() {
                "windows in days from each one's entry into force".to_owned()
            } else {
                format!(
                    "windows in days from each one's entry into force ({} gives none)",
                    none.join(", ")
                )
            })
        }
    }
}

/// The quoted wording of a term, if it has any.
pub fn text(analysis: &Analysis, r: TermRef) -> Option<&str> {
    analysis.term(r).and_then(|t| t.text.as_deref())
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
        super::values::action(vocab, r.action, target)
    );
    super::values::push_where(&mut out, vocab, &r.scope);
    if let Some(w) = analysis.common_window(r) {
        out.push_str(&format!(", {}", window_on(w, calendar(analysis, r))));
        // One side states a duration, the other none: the common part is the stated
        // one, and the other's silence on time is said, never a difference.
        let unstated = [(&r.left, left), (&r.right, right)]
            .into_iter()
            .filter(|(_, a)| a.is_some_and(|a| a.window.is_unstated()));
        if !w.is_unstated() {
            for (s, _) in unstated {
                out.push_str(&format!(" (duration unstated in {})", term(analysis, s.term)));
            }
        }
    }
    out
}

/// The atom one rule derived: `UA may resupply`.
pub fn step(vocab: &Vocab, s: &ChainStep) -> String {
    format!(
        "{} {} {}",
        vocab.party_code(s.subject),
        modality(s.modality),
        vocab.action_id(s.action)
    )
}

/// What a derived side states, through its chain: `UA may resupply`.
pub fn derived(vocab: &Vocab, side: &Side) -> Option<String> {
    side.chain.last().map(|last| step(vocab, last))
}

/// A side of a relation, its term named by `name`, and what it derives when it is
/// derived: `us/aid ⟹ UA may resupply`.
pub fn side(vocab: &Vocab, s: &Side, name: impl Fn(TermRef) -> String) -> String {
    match derived(vocab, s) {
        Some(d) => format!("{} ⟹ {d}", name(s.term)),
        None => name(s.term),
    }
}

/// The rules of a derived side, `id: description` each.
pub fn rules(vocab: &Vocab, side: &Side) -> Vec<String> {
    side.chain
        .iter()
        .filter_map(|s| vocab.rules.get(s.rule))
        .map(|r| format!("{}: {}", r.def.id, r.def.description))
        .collect()
}

/// Which side is broader, in words, if one is, and what becomes of the rest: open
/// when the broader term has its open point (so that every "the rest of it is open"
/// has its OPEN line), covered otherwise (the other side's other terms cover it).
pub fn coverage(analysis: &Analysis, r: &Relation) -> Option<String> {
    coverage_with(analysis, r, |t| term(analysis, t))
}

/// [`coverage`], with the terms named by `name` (a Markdown code span, an HTML
/// element), so that an id is never taken for a word to capitalise.
pub fn coverage_with(analysis: &Analysis, r: &Relation, name: impl Fn(TermRef) -> String) -> Option<String> {
    use crate::engine::Coverage;
    let term = |_: &Analysis, t: TermRef| name(t);
    let rest = |t: TermRef| {
        if is_open(analysis, r, t) {
            "the rest of it is open"
        } else {
            "other terms cover the rest of it"
        }
    };
    match r.coverage {
        Coverage::Same => None,
        Coverage::LeftBroader => Some(format!(
            "{} is broader; {}",
            term(analysis, r.left.term),
            rest(r.left.term)
        )),
        Coverage::RightBroader => Some(format!(
            "{} is broader; {}",
            term(analysis, r.right.term),
            rest(r.right.term)
        )),
        Coverage::Overlap => Some(
            match (
                is_open(analysis, r, r.left.term),
                is_open(analysis, r, r.right.term),
            ) {
                (true, true) => "they overlap in part; the rest of each is open".to_owned(),
                (false, false) => "they overlap in part; other terms cover the rest of each".to_owned(),
                (true, false) => format!(
                    "they overlap in part; the rest of {} is open",
                    term(analysis, r.left.term)
                ),
                (false, true) => format!(
                    "they overlap in part; the rest of {} is open",
                    term(analysis, r.right.term)
                ),
            },
        ),
    }
}

/// Whether term `t` of relation `r` is an open point of the pair `r` belongs to (open
/// points are in term order: a binary search).
fn is_open(analysis: &Analysis, r: &Relation, t: TermRef) -> bool {
    let (l, rt) = (r.left.term.proposal, r.right.term.proposal);
    let Some(pair) = analysis.pairs.iter().find(|p| p.left == l && p.right == rt) else {
        return true;
    };
    let at = pair.open.partition_point(|o| o.term < t);
    pair.open.get(at).is_some_and(|o| o.term == t)
}

/// The differences a divergence rests on: windows and parameters. For a relation to
/// be agreed, what each side leaves to be agreed, requires or excludes instead
/// (see `to_be_agreed`).
pub fn differences(analysis: &Analysis, r: &Relation) -> Vec<String> {
    let mut out = Vec::new();
    if r.kind == RelationKind::ToBeAgreed {
        return to_be_agreed(analysis, r);
    }
    if r.kind != RelationKind::Diverge {
        return out;
    }
    if let (Some(left), Some(right)) = (analysis.atom(&r.left), analysis.atom(&r.right))
        && left.modality != right.modality
    {
        out.push(format!(
            "strength: {} against {}; {}",
            left.modality.as_str(),
            right.modality.as_str(),
            "one side commits to the result, the other to an effort"
        ));
    }
    if let (Some(left), Some(right)) = (analysis.atom(&r.left), analysis.atom(&r.right))
        && left.window.differs(right.window)
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

/// What makes a relation to be agreed, side by side: `p/release leaves count to be
/// agreed`, `q/veto excludes prisoner_category named_leaders`.
fn to_be_agreed(analysis: &Analysis, r: &Relation) -> Vec<String> {
    [&r.left, &r.right]
        .into_iter()
        .filter_map(|s| {
            let t = analysis.term(s.term)?;
            let name = term(analysis, s.term);
            let open: Vec<&str> = t
                .params
                .iter()
                .filter(|(_, v)| v.is_open())
                .map(|(n, _)| n.as_str())
                .collect();
            if !open.is_empty() {
                return Some(format!("{name} leaves {} to be agreed", open.join(", ")));
            }
            let verb = match analysis.atom(s).map(|a| a.modality) {
                Some(Modality::MustNot) => "excludes",
                Some(Modality::May) => "permits",
                _ => "requires",
            };
            let what: Vec<String> = t
                .params
                .iter()
                .map(|(n, v)| format!("{n} {}", super::values::value_in_list(v)))
                .collect();
            Some(if what.is_empty() {
                format!("{name} {verb} all of it")
            } else {
                format!("{name} {verb} {}", what.join(", "))
            })
        })
        .collect()
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
        ParamOutcome::ToBeAgreed => "to be agreed".to_owned(),
    };
    format!(
        "{}: {} against {}, {outcome}",
        p.name,
        side(&p.left),
        side(&p.right)
    )
}

/// How many otherwise agreed terms a conflict blocks: `blocks 2 agreed terms`.
pub fn blocks(n: usize) -> String {
    format!("blocks {n} agreed term{}", if n == 1 { "" } else { "s" })
}

/// `blocked` or `pending`.
pub fn status(s: BlockStatus) -> &'static str {
    match s {
        BlockStatus::Blocked => "blocked",
        BlockStatus::Pending => "pending",
    }
}

/// The terms a held-up term agrees with, after its name: ` (agrees with a, b)`, or
/// nothing.
pub fn agrees_with(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" (agrees with {})", names.join(", "))
    }
}

/// One failing condition of a held-up term, the terms named by `name`:
/// `requires a → b — in conflict with c`.
pub fn cause(pair: &Pair, cause: &BlockCause, name: impl Fn(TermRef) -> String) -> String {
    let path: Vec<String> = cause.path.iter().skip(1).map(|&t| name(t)).collect();
    format!(
        "requires {} — {}",
        path.join(" → "),
        held_because(pair, cause, name)
    )
}

/// Why a term is pending by coverage, with the held-up terms that cover it named:
/// `by coverage: only b/full covers it, and it is held up`.
pub fn by_coverage(held: &[String]) -> String {
    match held {
        [one] => format!("by coverage: only {one} covers it, and it is held up"),
        _ => format!(
            "by coverage: only {} cover it, and they are held up",
            held.join(", ")
        ),
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
    if others.is_empty() && !cause.met_in_part.is_empty() {
        let by: Vec<String> = cause
            .met_in_part
            .iter()
            .map(|&(t, kind)| format!("{} ({})", name(t), met_by(kind)))
            .collect();
        return format!("met only in part: {}", by.join(", "));
    }
    why_held(&others)
}

/// How a counterpart falls short of a condition: a divergence, or a weaker
/// commitment than the condition asks (a `may` or `endeavour` against a `must`).
fn met_by(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Diverge => "diverges",
        RelationKind::Compatible => "commits to less",
        other => other.as_str(),
    }
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

/// A deadlock's cycle, back to its first term, each correspondence with the kind of
/// its relation: `a —requires (before)→ b —diverge— c —requires (before)→ d —agree— a`.
pub fn cycle(analysis: &Analysis, d: &Deadlock) -> String {
    let mut out = String::new();
    for e in &d.cycle {
        out.push_str(&term(analysis, e.from));
        out.push_str(&format!(" {} ", cycle_edge(e)));
    }
    if let Some(first) = d.cycle.first() {
        out.push_str(&term(analysis, first.from));
    }
    out
}

/// One edge of a deadlock's cycle, between its terms: `—requires (before)→` for a
/// condition, `—diverge—` for a correspondence (the kind of the two terms' relation).
pub fn cycle_edge(e: &CycleEdge) -> String {
    match (e.requires, e.relation) {
        (Some(_), _) if e.anchor => "—after→".to_owned(),
        (Some(t), _) => format!("—requires ({})→", t.as_str()),
        (None, Some(k)) => format!("—{}—", k.as_str()),
        (None, None) => "—corresponds—".to_owned(),
    }
}

/// `partly open` or `open`.
pub fn open(partial: bool) -> &'static str {
    if partial { "partly open" } else { "open" }
}

/// Who is silent on an open point: `ru-2025-03-13 is silent`, `… on part of it`.
pub fn silent(who: &str, partial: bool) -> String {
    let part = if partial { " on part of it" } else { "" };
    format!("{who} is silent{part}")
}

/// A changed finding in a negotiator's words: `conflict resolved`, `newly blocked`.
pub fn changed(c: &Change) -> &'static str {
    let [gained, lost] = match &c.finding {
        Finding::Relation {
            kind: RelationKind::Conflict,
            contingent: true,
            ..
        } => ["contingent conflict introduced", "contingent conflict resolved"],
        Finding::Relation {
            kind: RelationKind::Conflict,
            indirect: true,
            ..
        } => ["indirect conflict introduced", "indirect conflict resolved"],
        Finding::Relation { kind, .. } => match kind {
            RelationKind::Conflict => ["conflict introduced", "conflict resolved"],
            RelationKind::Agree => ["agreement gained", "agreement lost"],
            RelationKind::Diverge => ["divergence introduced", "divergence gone"],
            RelationKind::ToBeAgreed => ["left to be agreed", "no longer to be agreed"],
            RelationKind::Compatible => ["compatibility gained", "compatibility lost"],
        },
        Finding::Held { status, .. } => match status {
            BlockStatus::Blocked => ["newly blocked", "unblocked"],
            BlockStatus::Pending => ["newly pending", "no longer pending"],
        },
        Finding::Open { .. } => ["newly open", "no longer open"],
        Finding::Deadlock { .. } => ["deadlock introduced", "deadlock resolved"],
    };
    match c.direction {
        Direction::Gained => gained,
        Direction::Lost => lost,
    }
}

/// `gained` or `lost`.
pub fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Gained => "gained",
        Direction::Lost => "lost",
    }
}

/// The terms of a finding: `us/aid ⟷ ru/no-aid`, `ru/halt`, `a, b` for a deadlock.
pub fn finding(f: &Finding) -> String {
    finding_with(f, &|name| name.to_owned())
}

/// [`finding`], each term written by `name` (Markdown passes its code spans).
pub fn finding_with(f: &Finding, name: &dyn Fn(&str) -> String) -> String {
    match f {
        Finding::Relation { left, right, .. } => format!("{} ⟷ {}", name(left), name(right)),
        Finding::Held { term, .. } | Finding::Open { term } => name(term),
        Finding::Deadlock { terms } => terms.iter().map(|t| name(t)).collect::<Vec<_>>().join(", "),
    }
}

/// A pair's counts after its verdict: `2 conflicts, 1 indirect, 1 blocked, 3 open`,
/// or `nothing in common`.
pub fn counts(c: &Counts) -> String {
    let parts = [
        (c.conflicts, "conflict", "conflicts"),
        (c.indirect, "indirect", "indirect"),
        (c.contingent, "contingent", "contingent"),
        (c.deadlocks, "deadlock", "deadlocks"),
        (c.blocked, "blocked", "blocked"),
        (c.pending, "pending", "pending"),
        (c.diverge, "divergence", "divergences"),
        (c.to_be_agreed, "to be agreed", "to be agreed"),
        (c.compatible, "compatible", "compatible"),
        (c.open, "open", "open"),
        (c.agree, "agreed", "agreed"),
        (c.indirect_agree, "agreed indirectly", "agreed indirectly"),
    ];
    let s: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if s.is_empty() {
        "nothing in common".to_owned()
    } else {
        s.join(", ")
    }
}

/// The counts that differ before and after: `conflicts 2 → 0, open 3 → 2`, or `no
/// count changed`.
pub fn counts_change(before: &Counts, after: &Counts) -> String {
    let pick = |c: &Counts| {
        [
            ("conflicts", c.conflicts),
            ("indirect", c.indirect),
            ("contingent", c.contingent),
            ("diverge", c.diverge),
            ("to be agreed", c.to_be_agreed),
            ("compatible", c.compatible),
            ("agree", c.agree),
            ("agree indirectly", c.indirect_agree),
            ("blocked", c.blocked),
            ("pending", c.pending),
            ("open", c.open),
            ("deadlocks", c.deadlocks),
        ]
    };
    let parts: Vec<String> = pick(before)
        .into_iter()
        .zip(pick(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| format!("{name} {a} → {b}"))
        .collect();
    if parts.is_empty() {
        "no count changed".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_changed_finding_has_words_of_its_own() {
        let relation = |kind, indirect| Finding::Relation {
            contingent: false,
            kind,
            indirect,
            left: "a/x".into(),
            right: "b/y".into(),
        };
        let held = |status| Finding::Held {
            term: "a/x".into(),
            status,
        };
        let findings = [
            relation(RelationKind::Conflict, true),
            relation(RelationKind::Conflict, false),
            relation(RelationKind::Agree, false),
            relation(RelationKind::Diverge, false),
            relation(RelationKind::Compatible, false),
            held(BlockStatus::Blocked),
            held(BlockStatus::Pending),
            Finding::Open { term: "a/x".into() },
            Finding::Deadlock {
                terms: vec!["a/x".into()],
            },
        ];
        let mut words: Vec<&str> = findings
            .iter()
            .flat_map(|f| {
                [Direction::Gained, Direction::Lost].map(|direction| {
                    changed(&Change {
                        direction,
                        finding: f.clone(),
                    })
                })
            })
            .collect();
        assert_eq!(
            words[..2],
            ["indirect conflict introduced", "indirect conflict resolved"]
        );
        assert_eq!(words[10..12], ["newly blocked", "unblocked"]);
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), 2 * findings.len());
    }
}
