//! A deliberately simple reference implementation of the relations (every atom against
//! every atom, no index, naive derivation to a fixpoint), and property tests that check
//! the engine against it and against the laws of comparison.

use std::collections::BTreeSet;

use armistice::engine::{self, Analysis, Baseline, RelationKind};
use armistice::model::{Modality, ParamValue};
use armistice::resolved::{Interval, ResolvedProposal};
use armistice::vocab::{PartyRef, Vocab};
use proptest::prelude::*;
use serde_json::Value;

use crate::support::{self, resolve_json};

#[derive(Debug, Clone, PartialEq)]
struct RefAtom {
    term: usize,
    subject: u32,
    modality: Modality,
    action: u32,
    target: Option<u32>,
    scope: Vec<u32>,
    window: Interval,
    derived: bool,
}

impl RefAtom {
    fn content(&self) -> (u32, Modality, u32, Option<u32>, Vec<u32>, Interval) {
        (
            self.subject,
            self.modality,
            self.action,
            self.target,
            self.scope.clone(),
            self.window,
        )
    }
}

fn within(parents: impl Fn(u32) -> Option<u32>, outer: u32, inner: u32) -> bool {
    let mut cur = Some(inner);
    while let Some(x) = cur {
        if x == outer {
            return true;
        }
        cur = parents(x);
    }
    false
}

fn action_within(v: &Vocab, outer: u32, inner: u32) -> bool {
    within(|a| v.actions[a as usize].parent, outer, inner)
}

fn label_within(v: &Vocab, outer: u32, inner: u32) -> bool {
    within(|l| v.labels[l as usize].parent, outer, inner)
}

/// Every term's written atoms, then what the rules derive from them (term by term:
/// a derived atom repeats no atom of its own term).
fn atoms(p: &ResolvedProposal, v: &Vocab) -> Vec<RefAtom> {
    let mut all = Vec::new();
    for (i, t) in p.terms.iter().enumerate() {
        let mut atoms: Vec<RefAtom> = t
            .subjects
            .iter()
            .map(|&s| RefAtom {
                term: i,
                subject: s,
                modality: t.modality,
                action: t.action,
                target: t.target,
                scope: t.scope.to_vec(),
                window: t.window,
                derived: false,
            })
            .collect();
        derive_all(&mut atoms, v);
        all.extend(atoms);
    }
    all
}

fn derive_all(atoms: &mut Vec<RefAtom>, v: &Vocab) {
    loop {
        let mut added = false;
        for a in atoms.clone() {
            for rule in &v.rules {
                if rule.when.modality.is_some_and(|m| m != a.modality)
                    || !action_within(v, rule.when.action, a.action)
                {
                    continue;
                }
                let mut vars: Vec<(String, u32)> = Vec::new();
                let mut ok = true;
                for (pat, val) in [
                    (Some(&rule.when.subject), Some(a.subject)),
                    (rule.when.target.as_ref(), a.target),
                ] {
                    match (pat, val) {
                        (None, _) => {}
                        (Some(_), None) => ok = false,
                        (Some(PartyRef::Party(p)), Some(x)) => ok &= *p == x,
                        (Some(PartyRef::Var(name)), Some(x)) => match vars.iter().find(|(n, _)| n == name) {
                            Some((_, y)) => ok &= *y == x,
                            None => vars.push((name.clone(), x)),
                        },
                    }
                }
                if !ok {
                    continue;
                }
                let get = |r: &PartyRef| match r {
                    PartyRef::Party(p) => Some(*p),
                    PartyRef::Var(n) => vars.iter().find(|(m, _)| m == n).map(|(_, x)| *x),
                };
                let Some(subject) = get(&rule.then.subject) else {
                    continue;
                };
                let d = RefAtom {
                    term: a.term,
                    subject,
                    modality: rule.then.modality.unwrap_or(a.modality),
                    action: rule.then.action,
                    target: rule.then.target.as_ref().and_then(get),
                    scope: a.scope.clone(),
                    window: a.window,
                    derived: true,
                };
                if !atoms.iter().any(|x| x.content() == d.content()) {
                    atoms.push(d);
                    added = true;
                }
            }
        }
        if !added {
            return;
        }
    }
}

/// An unstated window (no `window` in the file) relates to any window: it overlaps,
/// contains and lies within every window (DESIGN §2, v2).
fn windows_overlap(a: Interval, b: Interval) -> bool {
    if a.is_unstated() || b.is_unstated() {
        return true;
    }
    let end = |w: Interval| w.to().unwrap_or(i64::MAX);
    a.from.max(b.from) < end(a).min(end(b))
}

fn window_within(outer: Interval, inner: Interval) -> bool {
    if outer.is_unstated() || inner.is_unstated() {
        return true;
    }
    outer.from <= inner.from && inner.to().unwrap_or(i64::MAX) <= outer.to().unwrap_or(i64::MAX)
}

/// Two windows that a divergence may rest on: both stated, and different; a deadline
/// `by N` and a window that ends by day N (starting no earlier) are not different
/// (DESIGN §3 Settled details).
fn windows_differ(a: Interval, b: Interval) -> bool {
    if a.is_unstated() || b.is_unstated() {
        return false;
    }
    let ends_by = |w: Interval, deadline: Interval| {
        w.from >= deadline.from && matches!((w.to(), deadline.to()), (Some(e), Some(n)) if e <= n)
    };
    match (a.is_deadline(), b.is_deadline()) {
        (true, false) => !ends_by(b, a),
        (false, true) => !ends_by(a, b),
        _ => (a.from, a.to()) != (b.from, b.to()),
    }
}

/// Whether the days of `pieces` together cover all of `window` (the other side's
/// windows add up). Any uncovered stretch starts at the window's first day or where a
/// piece ends: each of those days inside the window must lie in some piece.
fn days_covered(window: Interval, pieces: &[Interval]) -> bool {
    let end = |w: Interval| w.to().unwrap_or(i64::MAX);
    let holds = |p: &Interval, d: i64| p.is_unstated() || (p.from <= d && d < end(*p));
    std::iter::once(window.from)
        .chain(pieces.iter().filter_map(|p| p.to()))
        .filter(|&d| window.from <= d && d < end(window))
        .all(|d| pieces.iter().any(|p| holds(p, d)))
}

fn scopes_overlap(v: &Vocab, a: &[u32], b: &[u32]) -> bool {
    (0..v.taxonomies.len()).all(|t| {
        let la: Vec<u32> = a
            .iter()
            .copied()
            .filter(|&l| v.labels[l as usize].taxonomy == t)
            .collect();
        let lb: Vec<u32> = b
            .iter()
            .copied()
            .filter(|&l| v.labels[l as usize].taxonomy == t)
            .collect();
        la.is_empty()
            || lb.is_empty()
            || la
                .iter()
                .any(|&x| lb.iter().any(|&y| label_within(v, x, y) || label_within(v, y, x)))
    })
}

fn scope_within(v: &Vocab, outer: &[u32], inner: &[u32]) -> bool {
    (0..v.taxonomies.len()).all(|t| {
        let lo: Vec<u32> = outer
            .iter()
            .copied()
            .filter(|&l| v.labels[l as usize].taxonomy == t)
            .collect();
        let li: Vec<u32> = inner
            .iter()
            .copied()
            .filter(|&l| v.labels[l as usize].taxonomy == t)
            .collect();
        lo.is_empty() || (!li.is_empty() && li.iter().all(|&y| lo.iter().any(|&x| label_within(v, x, y))))
    })
}

fn atom_within(v: &Vocab, outer: &RefAtom, inner: &RefAtom) -> bool {
    atom_within_untimed(v, outer, inner) && window_within(outer.window, inner.window)
}

/// [`atom_within`] but for time.
fn atom_within_untimed(v: &Vocab, outer: &RefAtom, inner: &RefAtom) -> bool {
    action_within(v, outer.action, inner.action)
        && (outer.target.is_none() || outer.target == inner.target)
        && scope_within(v, &outer.scope, &inner.scope)
}

/// The days of `b`'s window that also lie in `a`'s (an unstated window stands for the
/// other one).
fn common_days(a: Interval, b: Interval) -> Interval {
    if a.is_unstated() {
        return b;
    }
    if b.is_unstated() {
        return a;
    }
    let to = match (a.to(), b.to()) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    };
    Interval::new(a.from.max(b.from), to)
}

/// The parameters of the term an atom comes from.
fn params<'p>(p: &'p ResolvedProposal, a: &RefAtom) -> &'p armistice::model::Params {
    &p.proposal.terms[a.term].params
}

fn is_partition(v: &Vocab, name: &str) -> bool {
    v.params
        .get(name)
        .is_some_and(|d| d.kind == armistice::vocab::ParamKind::Partition)
}

fn is_tbd(x: &ParamValue) -> bool {
    matches!(x, ParamValue::Value(s) if s == "some" || s == "tbd")
}

/// The categories a partition value names; `None` (all of them) when it is left to
/// be agreed.
fn categories(x: &ParamValue) -> Option<BTreeSet<&str>> {
    match x {
        ParamValue::Value(s) if !is_tbd(x) => Some(BTreeSet::from([s.as_str()])),
        ParamValue::Set(s) => Some(s.iter().map(String::as_str).collect()),
        _ => None,
    }
}

fn partition_pairs<'p>(
    v: &'p Vocab,
    pa: &'p armistice::model::Params,
    pb: &'p armistice::model::Params,
) -> impl Iterator<Item = (Option<BTreeSet<&'p str>>, Option<BTreeSet<&'p str>>)> + 'p {
    let names: BTreeSet<&String> = pa
        .keys()
        .chain(pb.keys())
        .filter(|n| is_partition(v, n))
        .collect();
    names
        .into_iter()
        .map(move |n| (pa.get(n).and_then(categories), pb.get(n).and_then(categories)))
}

fn partitions_overlap(v: &Vocab, pa: &armistice::model::Params, pb: &armistice::model::Params) -> bool {
    partition_pairs(v, pa, pb).all(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => !x.is_disjoint(&y),
        _ => true,
    })
}

/// Whether the partitions of `outer` cover those of `inner`.
fn partition_within(v: &Vocab, outer: &armistice::model::Params, inner: &armistice::model::Params) -> bool {
    partition_pairs(v, outer, inner).all(|(o, i)| match (o, i) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => i.is_subset(&o),
    })
}

/// Two values meaning the same: a number its one-point range, a value its
/// one-element set, a set whatever its order and repeats.
fn same_meaning(x: &ParamValue, y: &ParamValue) -> bool {
    fn norm(x: &ParamValue) -> ParamValue {
        match x {
            ParamValue::Number(n) => ParamValue::Range {
                min: Some(*n),
                max: Some(*n),
            },
            ParamValue::Value(s) if !is_tbd(x) => ParamValue::Set(vec![s.clone()]),
            ParamValue::Set(s) => {
                let mut s = s.clone();
                s.sort();
                s.dedup();
                ParamValue::Set(s)
            }
            other => other.clone(),
        }
    }
    is_tbd(x) || is_tbd(y) || norm(x) == norm(y)
}

type RelKey = (RelationKind, bool, usize, usize, u32);

/// Relations as (kind, indirect, left term, right term, subject), and open points as
/// (side, term, subject).
fn reference(
    p: &ResolvedProposal,
    q: &ResolvedProposal,
    v: &Vocab,
) -> (BTreeSet<RelKey>, BTreeSet<(usize, usize, u32)>) {
    let (ap, aq) = (atoms(p, v), atoms(q, v));
    let mut rels = BTreeSet::new();
    let mut covered_p = vec![false; ap.len()];
    let mut covered_q = vec![false; aq.len()];
    // The days covered by atoms that cover an atom but for time.
    let mut pieces_p = vec![Vec::new(); ap.len()];
    let mut pieces_q = vec![Vec::new(); aq.len()];
    for (i, a) in ap.iter().enumerate() {
        for (j, b) in aq.iter().enumerate() {
            let (pa, pb) = (params(p, a), params(q, b));
            // An unspecified actor (v2) may be anyone: it meets every subject, and
            // covers a named one only in part.
            let someone = v.is_unspecified(a.subject) || v.is_unspecified(b.subject);
            let related = (a.subject == b.subject || someone)
                && (action_within(v, a.action, b.action) || action_within(v, b.action, a.action))
                && (a.target.is_none() || b.target.is_none() || a.target == b.target)
                && windows_overlap(a.window, b.window)
                && scopes_overlap(v, &a.scope, &b.scope)
                && partitions_overlap(v, pa, pb);
            if !related {
                continue;
            }
            use Modality::*;
            let mut kind = match (a.modality, b.modality) {
                (Must, Must) | (MustNot, MustNot) | (May, May) => RelationKind::Agree,
                (Must, May) | (May, Must) => RelationKind::Compatible,
                _ => RelationKind::Conflict,
            };
            // v2: a derived atom against a written one relates whatever the kind
            // (indirect agreement as well as indirect conflict); two derived atoms only
            // when they conflict.
            let indirect = a.derived || b.derived;
            if a.derived && b.derived && kind != RelationKind::Conflict {
                continue;
            }
            if kind == RelationKind::Agree {
                let differ = !indirect
                    && pa.iter().any(|(n, x)| {
                        !is_partition(v, n) && pb.iter().any(|(m, y)| n == m && !same_meaning(x, y))
                    });
                if differ || windows_differ(a.window, b.window) {
                    kind = RelationKind::Diverge;
                }
            }
            // Covers: `b` covers all of `a`, and the other way.
            let same_subject = a.subject == b.subject;
            let (b_covers_a, a_covers_b) = (
                same_subject && atom_within(v, b, a) && partition_within(v, pb, pa),
                same_subject && atom_within(v, a, b) && partition_within(v, pa, pb),
            );
            let open = |ps: &armistice::model::Params| ps.iter().any(|(_, x)| is_tbd(x));
            if !indirect {
                let (ea, eb) = (
                    open(pa) || v.is_unspecified(a.subject),
                    open(pb) || v.is_unspecified(b.subject),
                );
                kind = match (ea, eb) {
                    (false, false) => kind,
                    (true, true) => RelationKind::ToBeAgreed,
                    (ea, _) => {
                        // Every choice of the existential side lies in the other's coverage.
                        let (inside, chooser) = if ea {
                            (b_covers_a, a.modality)
                        } else {
                            (a_covers_b, b.modality)
                        };
                        match kind {
                            RelationKind::Conflict if inside => RelationKind::Conflict,
                            RelationKind::Compatible if inside && chooser == Modality::Must => {
                                RelationKind::Compatible
                            }
                            _ => RelationKind::ToBeAgreed,
                        }
                    }
                };
            }
            let subject = if v.is_unspecified(a.subject) {
                b.subject
            } else {
                a.subject
            };
            rels.insert((kind, indirect, a.term, b.term, subject));
            covered_p[i] |= b_covers_a;
            covered_q[j] |= a_covers_b;
            // An unspecified actor and a named party cover each other only in part, in
            // time as in the rest.
            if same_subject && atom_within_untimed(v, b, a) && partition_within(v, pb, pa) {
                pieces_p[i].push(common_days(a.window, b.window));
            }
            if same_subject && atom_within_untimed(v, a, b) && partition_within(v, pa, pb) {
                pieces_q[j].push(common_days(a.window, b.window));
            }
        }
    }
    let mut open = BTreeSet::new();
    for (side, (atoms, covered, pieces)) in [
        (0, (&ap, &covered_p, &pieces_p)),
        (1, (&aq, &covered_q, &pieces_q)),
    ] {
        for ((a, c), ps) in atoms.iter().zip(covered).zip(pieces) {
            if !a.derived && !c && !days_covered(a.window, ps) {
                open.insert((side, a.term, a.subject));
            }
        }
    }
    (rels, open)
}

fn engine_sets(a: &Analysis) -> (BTreeSet<RelKey>, BTreeSet<(usize, usize, u32)>) {
    let pair = &a.pairs[0];
    let mut rels = BTreeSet::new();
    for r in &pair.relations {
        for &s in &r.subjects {
            rels.insert((r.kind, r.is_indirect(), r.left.term.term, r.right.term.term, s));
        }
    }
    let mut open = BTreeSet::new();
    for o in &pair.open {
        for &s in &o.subjects {
            open.insert((o.term.proposal, o.term.term, s));
        }
    }
    (rels, open)
}

/// The labels of taxonomy `t` a scope covers: those within a label it names of `t`,
/// or all of `t` when it names none.
fn covered_labels(v: &Vocab, scope: &[u32], t: usize) -> BTreeSet<u32> {
    let named: Vec<u32> = scope
        .iter()
        .copied()
        .filter(|&l| v.labels[l as usize].taxonomy == t)
        .collect();
    (0..v.labels.len() as u32)
        .filter(|&x| v.labels[x as usize].taxonomy == t)
        .filter(|&x| named.is_empty() || named.iter().any(|&l| label_within(v, l, x)))
        .collect()
}

/// How much of written atom `x` (of a term with `subjects` subjects) the common part
/// with `y` covers, for `n` common subjects: (subjects × actions × places, days), by
/// counting (DESIGN §3, v2, as docs/semantics.md measures it).
fn reference_share(v: &Vocab, x: &RefAtom, y: &RefAtom, subjects: usize, n: usize) -> (f64, f64) {
    let actions = |a: u32| {
        (0..v.actions.len() as u32)
            .filter(|&b| action_within(v, a, b))
            .count() as f64
    };
    let common_action = if action_within(v, x.action, y.action) {
        y.action
    } else {
        x.action
    };
    let mut places = 1.0;
    for t in 0..v.taxonomies.len() {
        let (lx, ly) = (covered_labels(v, &x.scope, t), covered_labels(v, &y.scope, t));
        if !lx.is_empty() {
            places *= lx.intersection(&ly).count() as f64 / lx.len() as f64;
        }
    }
    let end_x = x.window.to().unwrap_or(x.window.from + 36_525);
    let end_y = y.window.to().unwrap_or(i64::MAX).min(end_x);
    let days =
        (end_y - x.window.from.max(y.window.from)).max(0) as f64 / (end_x - x.window.from).max(1) as f64;
    (
        // A relation covers at most all of a term's subjects (an unspecified actor
        // meets two named parties and is still one subject).
        (n as f64 / subjects as f64).min(1.0) * (actions(common_action) / actions(x.action)) * places,
        days,
    )
}

/// The reference's incidental overlaps (DESIGN §3, v2): the pairs of terms whose direct
/// relation is not a conflict and covers less of each term than another direct
/// relation of that term does (by substance, then days).
fn reference_incidental(
    p: &ResolvedProposal,
    q: &ResolvedProposal,
    v: &Vocab,
    rels: &BTreeSet<RelKey>,
) -> BTreeSet<(usize, usize)> {
    let written = |pr: &ResolvedProposal, t: usize| RefAtom {
        term: t,
        subject: 0,
        modality: pr.terms[t].modality,
        action: pr.terms[t].action,
        target: pr.terms[t].target,
        scope: pr.terms[t].scope.to_vec(),
        window: pr.terms[t].window,
        derived: false,
    };
    let mut pairs: std::collections::BTreeMap<(usize, usize), (bool, BTreeSet<u32>)> = Default::default();
    for &(kind, _, l, r, s) in rels.iter().filter(|k| !k.1) {
        let e = pairs.entry((l, r)).or_default();
        e.0 |= kind == RelationKind::Conflict;
        e.1.insert(s);
    }
    type Shares = ((usize, usize), bool, (f64, f64), (f64, f64));
    let shares: Vec<Shares> = pairs
        .iter()
        .map(|(&(l, r), (conflict, subjects))| {
            let (x, y) = (written(p, l), written(q, r));
            (
                (l, r),
                *conflict,
                reference_share(v, &x, &y, p.terms[l].subjects.len(), subjects.len()),
                reference_share(v, &y, &x, q.terms[r].subjects.len(), subjects.len()),
            )
        })
        .collect();
    let less = |a: (f64, f64), b: (f64, f64)| {
        let below = |x: f64, y: f64| x < y * (1.0 - 1e-9);
        below(a.0, b.0) || (!below(b.0, a.0) && below(a.1, b.1))
    };
    shares
        .iter()
        .filter(|&&((l, r), conflict, sl, sr)| {
            !conflict
                && shares.iter().any(|&((l2, _), _, s2, _)| l2 == l && less(sl, s2))
                && shares.iter().any(|&((_, r2), _, _, s2)| r2 == r && less(sr, s2))
        })
        .map(|(k, _, _, _)| *k)
        .collect()
}

/// The engine's incidental overlaps, as pairs of terms.
fn engine_incidental(a: &Analysis) -> BTreeSet<(usize, usize)> {
    a.pairs[0]
        .relations
        .iter()
        .filter(|r| r.incidental)
        .map(|r| (r.left.term.term, r.right.term.term))
        .collect()
}

fn conflicts(a: &Analysis) -> BTreeSet<(bool, usize, usize)> {
    a.pairs[0]
        .relations
        .iter()
        .filter(|r| r.is_conflict())
        .map(|r| (r.is_indirect(), r.left.term.term, r.right.term.term))
        .collect()
}

/// The kinds of edit the incremental reanalysis must follow.
const EDIT_KINDS: usize = 11;

/// An edit of a generated proposal, by `op`: drop term `k` (and the conditions on
/// it), flip its modality between must and may, append a copy of it under a new id,
/// insert a copy before it (every later term moves), rename it (and the conditions
/// on it), add or remove a condition, change only its wording, move it to the end,
/// change only its priority (its burden), or change only its `count` parameter, to a
/// whole number (which a term's key holds) or to a fraction (which it does not).
fn edit(q: &Value, op: usize, k: usize) -> Value {
    let mut q = q.clone();
    let terms = q["terms"].as_array_mut().unwrap();
    let k = k % terms.len();
    let id = terms[k]["id"].as_str().unwrap().to_owned();
    match op % EDIT_KINDS {
        0 if terms.len() > 1 => {
            terms.remove(k);
            for reqs in terms
                .iter_mut()
                .filter_map(|t| t.get_mut("requires").and_then(Value::as_array_mut))
            {
                reqs.retain(|r| required(r) != Some(id.as_str()));
            }
        }
        1 => {
            let flipped = if terms[k]["modality"] == "may" {
                "must"
            } else {
                "may"
            };
            terms[k]["modality"] = flipped.into();
            if terms[k]["action"] == "halt_aid" {
                terms[k]["action"] = "military_aid".into();
            }
        }
        3 => {
            let mut copy = terms[k].clone();
            copy["id"] = fresh_id(terms, "inserted").into();
            copy["scope"] = serde_json::json!(["kursk"]);
            copy.as_object_mut().unwrap().remove("requires");
            terms.insert(k, copy);
        }
        4 => {
            let renamed = fresh_id(terms, "renamed");
            terms[k]["id"] = renamed.clone().into();
            for reqs in terms
                .iter_mut()
                .filter_map(|t| t.get_mut("requires").and_then(Value::as_array_mut))
            {
                for r in reqs.iter_mut().filter(|r| required(r) == Some(id.as_str())) {
                    *r = renamed.clone().into();
                }
            }
        }
        5 => {
            // The last condition removed, or one on the first term added.
            let first = terms[0]["id"].clone();
            let free = terms[0]
                .get("requires")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty);
            let reqs = terms[k]
                .as_object_mut()
                .unwrap()
                .entry("requires")
                .or_insert(serde_json::json!([]));
            let reqs = reqs.as_array_mut().unwrap();
            if reqs.pop().is_none() && k > 0 && free {
                reqs.push(first);
            }
        }
        6 => terms[k]["text"] = "other wording".into(),
        8 => {
            let other = if terms[k]["priority"] == "core" {
                "minor"
            } else {
                "core"
            };
            terms[k]["priority"] = other.into();
        }
        9 => {
            let count = terms[k]["params"]["count"].as_f64().unwrap_or(0.0);
            terms[k]["params"] = serde_json::json!({ "count": count + 1.0 });
        }
        10 => {
            let count = terms[k]["params"]["count"].as_f64().unwrap_or(0.0);
            terms[k]["params"] = serde_json::json!({ "count": count + 0.5 });
        }
        7 => {
            // Moved to the end: every later term moves (conditions name terms by id).
            let moved = terms.remove(k);
            terms.push(moved);
        }
        _ => {
            let mut copy = terms[k].clone();
            copy["id"] = fresh_id(terms, "copy").into();
            copy.as_object_mut().unwrap().remove("requires");
            terms.push(copy);
        }
    }
    q
}

/// The term a condition names (`"id"` or `{"term": "id", ...}`).
fn required(r: &Value) -> Option<&str> {
    r.as_str().or_else(|| r.get("term").and_then(Value::as_str))
}

/// An id no term has.
fn fresh_id(terms: &[Value], prefix: &str) -> String {
    (0..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| terms.iter().all(|t| t["id"].as_str() != Some(id.as_str())))
        .unwrap()
}

/// `reanalyze` of `base` with `changes` equals `analyze` of the edited proposals.
fn assert_reanalyze_is_analyze(
    base: &Analysis,
    changes: Vec<(usize, Value)>,
    originals: &[Value],
    vocab: &Vocab,
) {
    let mut all = originals.to_vec();
    for (i, v) in &changes {
        all[*i] = v.clone();
    }
    let changed = || {
        changes
            .iter()
            .map(|(i, v)| (*i, resolve_json(v, vocab)))
            .collect::<Vec<_>>()
    };
    let full = engine::analyze(all.iter().map(|x| resolve_json(x, vocab)).collect(), vocab).unwrap();
    // Without keys (terms compared in full) and from a baseline (terms matched by
    // their keys where the keys can tell).
    let bare = engine::reanalyze(base, changed(), vocab).unwrap();
    let keyed = Baseline::new(base.clone(), vocab)
        .reanalyze(changed(), vocab)
        .unwrap()
        .into_analysis();
    for (how, incremental) in [("without keys", bare), ("with keys", keyed)] {
        assert_eq!(incremental.pairs, full.pairs, "{how}");
        assert_eq!(incremental.atoms, full.atoms, "{how}");
        assert_eq!(incremental.burden, full.burden, "{how}");
        assert_eq!(incremental.common, full.common, "{how}");
        for (a, b) in incremental.proposals.iter().zip(&full.proposals) {
            assert_eq!(a.proposal, b.proposal, "{how}");
            assert_eq!(a.terms, b.terms, "{how}");
        }
    }
}

#[test]
fn reanalyze_follows_edits_of_a_generated_pair() {
    // 1500 terms: large enough that one edit is a small share of the terms (the
    // incremental path) and that the relations fill several of the chunks an edit
    // shares, with conditions, derived atoms and every kind of relation.
    let w = armistice::generate::generate(&armistice::generate::Spec::new(1500, 3));
    let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
    let originals = [
        serde_json::to_value(&w.a).unwrap(),
        serde_json::to_value(&w.b).unwrap(),
    ];
    let base = engine::analyze(
        originals.iter().map(|x| resolve_json(x, &vocab)).collect(),
        &vocab,
    )
    .unwrap();
    for op in 0..EDIT_KINDS + 1 {
        for (which, k) in [(0, 17), (1, 723), (0, 1499)] {
            let edited = edit(&originals[which], op, k);
            assert_reanalyze_is_analyze(&base, vec![(which, edited)], &originals, &vocab);
        }
    }
    // Both sides at once, and a new version with 1% of its terms changed.
    let both = vec![(0, edit(&originals[0], 1, 5)), (1, edit(&originals[1], 4, 6))];
    assert_reanalyze_is_analyze(&base, both, &originals, &vocab);
    let next = serde_json::to_value(&w.a_next).unwrap();
    assert_reanalyze_is_analyze(&base, vec![(0, next)], &originals, &vocab);
    // Edits on top of edits: each what-if starts from the last one's analysis, whose
    // relations are partly shared with the analyses before it.
    let mut now = originals.clone();
    let mut last = Baseline::new(base, &vocab);
    for (step, (which, op, k)) in [(0, 0, 40), (1, 1, 900), (0, 4, 41), (0, 0, 1200), (1, 2, 3)]
        .into_iter()
        .enumerate()
    {
        let edited = edit(&now[which], op, k);
        let again = last
            .reanalyze(vec![(which, resolve_json(&edited, &vocab))], &vocab)
            .unwrap();
        now[which] = edited;
        let full = engine::analyze(now.iter().map(|x| resolve_json(x, &vocab)).collect(), &vocab).unwrap();
        assert_eq!(again.analysis().pairs, full.pairs, "edit {step}");
        last = again;
    }
}

/// Parameters that a term's key cannot hold (fractions) are compared in full: a what-if
/// that changes one re-relates the term, and an agreement becomes a divergence.
#[test]
fn reanalyze_compares_unpacked_parameters_in_full() {
    let vocab = support::vocab();
    let side = |id: &str, count: f64| {
        serde_json::json!({ "id": id, "by": ["US"], "source": "test", "terms": [
            { "id": "x", "subject": "RU", "action": "prisoner_exchange", "params": { "count": count }, "text": "x" }
        ] })
    };
    let originals = [side("p", 3.5), side("q", 3.5)];
    let base = engine::analyze(
        originals.iter().map(|x| resolve_json(x, &vocab)).collect(),
        &vocab,
    )
    .unwrap();
    let kind = |a: &Analysis| a.pairs[0].relations.first().map(|r| r.kind);
    assert_eq!(kind(&base), Some(RelationKind::Agree));
    let edited = side("p", 4.5);
    let again = engine::reanalyze(&base, vec![(0, resolve_json(&edited, &vocab))], &vocab).unwrap();
    assert_eq!(kind(&again), Some(RelationKind::Diverge));
    assert_reanalyze_is_analyze(&base, vec![(0, edited)], &originals, &vocab);
}

/// An edge of the reference's condition graph: a `requires` (with whether it is a
/// `before`, and the side) or a correspondence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RefEdge {
    Requires { before: bool, side: usize },
    Corresponds,
}

/// The reference's deadlocks (DESIGN §3, v2), by brute force: every simple cycle of the
/// condition graph (terms of `p` then of `q`; `requires` edges, and both directions of
/// every direct non-conflict relation the reference finds) enumerated from its least
/// term; the valid ones hold a `before` and conditions of both sides. For each
/// strongly connected component holding one, its terms (sorted) and the length of its
/// shortest valid cycle.
fn reference_deadlocks(
    p: &ResolvedProposal,
    q: &ResolvedProposal,
    rels: &BTreeSet<RelKey>,
    incidental: &BTreeSet<(usize, usize)>,
) -> BTreeSet<(Vec<usize>, usize)> {
    let n = p.terms.len() + q.terms.len();
    let offset = p.terms.len();
    let mut edges: Vec<(usize, usize, RefEdge)> = Vec::new();
    for (side, prop, base) in [(0, p, 0), (1, q, offset)] {
        for (t, term) in prop.terms.iter().enumerate() {
            for &(req, timing) in &term.requires {
                let before = timing == armistice::model::Timing::Before;
                edges.push((base + t, base + req, RefEdge::Requires { before, side }));
            }
        }
    }
    for &(kind, indirect, l, r, _) in rels {
        // Counterparts only: never an incidental overlap (v2).
        if !indirect && kind != RelationKind::Conflict && !incidental.contains(&(l, r)) {
            for e in [(l, offset + r), (offset + r, l)] {
                if !edges
                    .iter()
                    .any(|&(a, b, k)| (a, b) == e && k == RefEdge::Corresponds)
                {
                    edges.push((e.0, e.1, RefEdge::Corresponds));
                }
            }
        }
    }
    // Reachability, for the components.
    let mut reach = vec![vec![false; n]; n];
    for (i, row) in reach.iter_mut().enumerate() {
        row[i] = true;
    }
    for &(a, b, _) in &edges {
        reach[a][b] = true;
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if reach[i][k] && reach[k][j] {
                    reach[i][j] = true;
                }
            }
        }
    }
    let component = |x: usize| -> Vec<usize> { (0..n).filter(|&y| reach[x][y] && reach[y][x]).collect() };
    let mut best: std::collections::BTreeMap<Vec<usize>, usize> = Default::default();
    // Depth-first over simple paths from each start, through greater terms only.
    for start in 0..n {
        let mut stack: Vec<(usize, Vec<usize>, Vec<RefEdge>)> = vec![(start, vec![start], vec![])];
        while let Some((at, path, kinds)) = stack.pop() {
            for &(a, b, k) in edges.iter().filter(|e| e.0 == at) {
                let mut kinds = kinds.clone();
                kinds.push(k);
                if b == start {
                    let before = kinds
                        .iter()
                        .any(|k| matches!(k, RefEdge::Requires { before: true, .. }));
                    let sides = [0, 1].map(|s| {
                        kinds
                            .iter()
                            .any(|k| matches!(k, RefEdge::Requires { side, .. } if *side == s))
                    });
                    if before && sides[0] && sides[1] {
                        let c = component(start);
                        let len = kinds.len();
                        let slot = best.entry(c).or_insert(len);
                        *slot = (*slot).min(len);
                    }
                } else if b > start && !path.contains(&b) {
                    let mut path = path.clone();
                    path.push(b);
                    stack.push((b, path, kinds));
                }
                let _ = a;
            }
        }
    }
    best.into_iter().collect()
}

/// The engine's deadlocks as the reference gives them (each cycle's component, found
/// by the reference's reachability being the same graph, and its length), after
/// checking that each cycle is simple, closed, starts with a `before` and runs along
/// edges of the graph.
fn engine_deadlocks(
    a: &Analysis,
    rels: &BTreeSet<RelKey>,
    reference: &BTreeSet<(Vec<usize>, usize)>,
) -> BTreeSet<(Vec<usize>, usize)> {
    let offset = a.proposals[0].terms.len();
    let node = |t: armistice::engine::TermRef| if t.proposal == 0 { t.term } else { offset + t.term };
    let mut out = BTreeSet::new();
    for d in &a.pairs[0].deadlocks {
        let nodes: Vec<usize> = d.cycle.iter().map(|e| node(e.from)).collect();
        let distinct: BTreeSet<usize> = nodes.iter().copied().collect();
        assert_eq!(distinct.len(), nodes.len(), "a term twice in a cycle: {d:?}");
        assert_eq!(d.cycle[0].requires, Some(armistice::model::Timing::Before));
        for (e, next) in d.cycle.iter().zip(d.cycle.iter().cycle().skip(1)) {
            assert_eq!(e.to, next.from);
            match e.requires {
                Some(t) => {
                    let req = &a.proposals[e.from.proposal].terms[e.from.term].requires;
                    assert!(req.contains(&(e.to.term, t)), "no such condition: {e:?}");
                }
                None => {
                    let (l, r) = if e.from.proposal == 0 {
                        (e.from.term, e.to.term)
                    } else {
                        (e.to.term, e.from.term)
                    };
                    let kind = e.relation.unwrap();
                    assert!(
                        rels.iter()
                            .any(|&(k, ind, x, y, _)| !ind && k == kind && (x, y) == (l, r)),
                        "no such correspondence: {e:?}"
                    );
                }
            }
        }
        // The component the reference found the cycle's terms in.
        let c = reference
            .iter()
            .find(|(c, _)| distinct.is_subset(&c.iter().copied().collect()))
            .map(|(c, _)| c.clone())
            .unwrap_or_else(|| nodes.clone());
        out.insert((c, d.cycle.len()));
    }
    out
}

/// Each `requires` of a generated proposal made `concurrent` where `mask` says so.
fn some_concurrent(mut v: Value, mask: &[bool]) -> Value {
    let mut k = 0;
    for t in v["terms"].as_array_mut().unwrap() {
        if let Some(reqs) = t.get_mut("requires").and_then(Value::as_array_mut) {
            for r in reqs.iter_mut() {
                if mask.get(k).copied().unwrap_or(false) {
                    *r = serde_json::json!({ "term": r.as_str().unwrap(), "timing": "concurrent" });
                }
                k += 1;
            }
        }
    }
    v
}

/// Proposal `id` whose terms each require, by index, the terms listed (in either
/// direction, so that the two proposals of a pair can wait on each other).
fn crossing(id: &str, terms: Vec<(Value, Vec<usize>)>) -> Value {
    let n = terms.len();
    let terms = terms
        .into_iter()
        .enumerate()
        .map(|(i, (t, reqs))| (t, reqs.into_iter().map(|r| r % n).filter(|&r| r != i).collect()))
        .collect();
    support::numbered(id, terms)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn deadlocks_match_the_reference(
        p in proptest::collection::vec((support::term_strategy(true), proptest::collection::vec(0usize..4, 0..2)), 1..=4),
        q in proptest::collection::vec((support::term_strategy(true), proptest::collection::vec(0usize..4, 0..2)), 1..=4),
        mask_p in proptest::collection::vec(any::<bool>(), 8),
        mask_q in proptest::collection::vec(any::<bool>(), 8),
        same in any::<bool>(),
    ) {
        // Terms drawn at random, or q a copy of p with other conditions (so that every
        // term has a counterpart and cycles are likely).
        let vocab = support::vocab();
        // The copy keeps q's own window and parameters, so that counterparts often
        // diverge on the numbers.
        let q = if same {
            p.iter()
                .cloned()
                .zip(q)
                .map(|((mut t, _), (own, r))| {
                    for field in ["window", "params"] {
                        match own.get(field) {
                            Some(v) => t[field] = v.clone(),
                            None => {
                                t.as_object_mut().unwrap().remove(field);
                            }
                        }
                    }
                    (t, r)
                })
                .collect()
        } else {
            q
        };
        let (p, q) = (crossing("p", p), crossing("q", q));
        let (p, q) = (some_concurrent(p, &mask_p), some_concurrent(q, &mask_q));
        // A proposal with a cycle of its own is invalid unless all of it is concurrent.
        let (Some(rp), Some(rq)) = (armistice::load::resolve(&support::proposal(p.clone()), &vocab).0, armistice::load::resolve(&support::proposal(q.clone()), &vocab).0) else {
            return Ok(());
        };
        let (rels, _) = reference(&rp, &rq, &vocab);
        let incidental = reference_incidental(&rp, &rq, &vocab, &rels);
        let expected = reference_deadlocks(&rp, &rq, &rels, &incidental);
        let analysis = engine::analyze(vec![rp, rq], &vocab).unwrap();
        prop_assert_eq!(engine_deadlocks(&analysis, &rels, &expected), expected);
        // reanalyze equals analyze on an edit that touches the conditions.
        let base = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q, &vocab)], &vocab).unwrap();
        let edited = edit(&q, 5, 1);
        if armistice::load::resolve(&support::proposal(edited.clone()), &vocab).0.is_some() {
            assert_reanalyze_is_analyze(&base, vec![(1, edited)], &[p, q], &vocab);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn reanalyze_equals_a_full_recompute(
        p in support::proposal_strategy("p", 6, true),
        q in support::proposal_strategy("q", 6, true),
        r in support::proposal_strategy("r", 4, true),
        ops in proptest::collection::vec((0usize..EDIT_KINDS + 1, 0usize..8), 1..4),
        which in 0usize..3,
        also in proptest::option::of((0usize..3, 0usize..EDIT_KINDS + 1, 0usize..8)),
        two in any::<bool>(),
    ) {
        // One or more edits of one proposal, maybe an edit of another too, with two
        // or three proposals.
        let vocab = support::vocab();
        let originals: Vec<Value> = if two { vec![p, q] } else { vec![p, q, r] };
        let which = which % originals.len();
        let base = engine::analyze(originals.iter().map(|x| resolve_json(x, &vocab)).collect(), &vocab).unwrap();
        let mut edited = originals[which].clone();
        for (op, k) in ops {
            edited = edit(&edited, op, k);
        }
        let mut changes = vec![(which, edited)];
        if let Some((other, op, k)) = also.map(|(o, op, k)| (o % originals.len(), op, k)).filter(|(o, _, _)| *o != which) {
            changes.push((other, edit(&originals[other], op, k)));
        }
        assert_reanalyze_is_analyze(&base, changes, &originals, &vocab);
    }

    #[test]
    fn engine_matches_the_reference(p in support::proposal_strategy("p", 6, true), q in support::proposal_strategy("q", 6, true)) {
        let vocab = support::vocab();
        let (rp, rq) = (resolve_json(&p, &vocab), resolve_json(&q, &vocab));
        let expected = reference(&rp, &rq, &vocab);
        let incidental = reference_incidental(&rp, &rq, &vocab, &expected.0);
        let analysis = engine::analyze(vec![rp, rq], &vocab).unwrap();
        prop_assert_eq!(engine_sets(&analysis), expected);
        prop_assert_eq!(engine_incidental(&analysis), incidental.clone());
        // Incidental overlaps count for nothing and are never a conflict.
        let pair = &analysis.pairs[0];
        prop_assert!(pair.relations.iter().filter(|r| r.incidental).all(|r| !r.is_conflict()));
        let counted = pair.counts();
        let findings = pair.relations.iter().filter(|r| r.is_finding()).count();
        prop_assert_eq!(
            counted.conflicts + counted.indirect + counted.diverge + counted.to_be_agreed + counted.compatible + counted.agree + counted.indirect_agree,
            findings
        );
    }

    /// Every "X is broader; the rest of it is open" (and "the rest of each is open")
    /// in a report has its OPEN line for X (DESIGN §3, v2: open, pending, silent).
    #[test]
    fn every_rest_is_open_has_its_open_line(p in support::proposal_strategy("p", 6, true), q in support::proposal_strategy("q", 6, true)) {
        use armistice::report::{compare::{Sections, text}, style::Painter};
        let vocab = support::vocab();
        let analysis = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q, &vocab)], &vocab).unwrap();
        let report = text::render(&analysis, &vocab, &Sections::default(), Painter::new(false));
        let lines: Vec<&str> = report.lines().collect();
        let opens: BTreeSet<&str> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("OPEN      "))
            .filter_map(|l| l.split(' ').next())
            .collect();
        for (k, line) in lines.iter().enumerate() {
            let line = line.trim();
            let named: Vec<&str> = if let Some(t) = line.strip_suffix(" is broader; the rest of it is open") {
                vec![t]
            } else if line.ends_with("the rest of each is open") {
                // The relation's two terms, from its heading two lines up at most.
                let head = lines[..k].iter().rev().find(|l| !l.starts_with(' ')).copied().unwrap_or("");
                head.split_whitespace().filter(|w| w.contains('/')).collect()
            } else if let Some(rest) = line.strip_prefix("they overlap in part; the rest of ") {
                rest.strip_suffix(" is open").into_iter().collect()
            } else {
                continue;
            };
            for t in named {
                prop_assert!(opens.contains(t), "{t} has no OPEN line:\n{report}");
            }
        }
    }

    #[test]
    fn a_proposal_agrees_with_itself(p in support::proposal_strategy("p", 6, false)) {
        let vocab = support::vocab();
        let mut q = p.clone();
        q["id"] = "q".into();
        let analysis = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q, &vocab)], &vocab).unwrap();
        let pair = &analysis.pairs[0];
        prop_assert!(pair.relations.iter().all(|r| !r.is_conflict()));
        for (t, term) in analysis.proposals[0].proposal.terms.iter().enumerate() {
            // A term with a value left to be agreed is, against itself, to be agreed
            // (DESIGN: two existential terms always are); any other agrees.
            let unnamed = term.subject.parties().iter().any(|s| &**s == "unspecified");
            let itself = if unnamed || term.params.iter().any(|(_, v)| is_tbd(v)) {
                RelationKind::ToBeAgreed
            } else {
                RelationKind::Agree
            };
            prop_assert!(pair.relations.iter().any(|r| r.kind == itself && r.left.term.term == t && r.right.term.term == t));
        }
        prop_assert!(pair.open.is_empty());
    }

    #[test]
    fn compare_mirrors(p in support::proposal_strategy("p", 6, true), q in support::proposal_strategy("q", 6, true)) {
        let vocab = support::vocab();
        let ab = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q, &vocab)], &vocab).unwrap();
        let ba = engine::analyze(vec![resolve_json(&q, &vocab), resolve_json(&p, &vocab)], &vocab).unwrap();
        let (rels_ab, open_ab) = engine_sets(&ab);
        let (rels_ba, open_ba) = engine_sets(&ba);
        let swapped: BTreeSet<RelKey> = rels_ba.into_iter().map(|(k, i, l, r, s)| (k, i, r, l, s)).collect();
        prop_assert_eq!(rels_ab, swapped);
        let swapped: BTreeSet<(usize, usize, u32)> = open_ba.into_iter().map(|(side, t, s)| (1 - side, t, s)).collect();
        prop_assert_eq!(open_ab, swapped);
        prop_assert_eq!(ab.pairs[0].verdict, ba.pairs[0].verdict);
    }

    #[test]
    fn adding_a_term_never_removes_a_conflict(
        p in support::proposal_strategy("p", 5, true),
        q in support::proposal_strategy("q", 5, true),
        extra in support::proposal_strategy("x", 1, true),
    ) {
        let vocab = support::vocab();
        let before = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q, &vocab)], &vocab).unwrap();
        let mut q2 = q.clone();
        let mut t = extra["terms"][0].clone();
        t["id"] = "extra".into();
        t.as_object_mut().unwrap().remove("requires");
        q2["terms"].as_array_mut().unwrap().push(t);
        let after = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q2, &vocab)], &vocab).unwrap();
        prop_assert!(conflicts(&before).is_subset(&conflicts(&after)));
    }
}

/// A term shaped to overlap others on a corner: two or three parties, `hostilities` or
/// the `strikes` within it, a place and a kind of target, maybe a window.
fn sliver_term() -> impl Strategy<Value = Value> {
    (
        proptest::sample::subsequence(vec!["US", "RU", "UA"], 1..=3),
        proptest::sample::select(vec!["must_not", "must_not", "must_not", "must", "may"]),
        proptest::sample::select(vec!["hostilities", "strikes"]),
        proptest::option::of(proptest::sample::select(vec!["black_sea", "ukraine", "front_line"])),
        proptest::option::of(proptest::sample::select(vec![
            "infrastructure",
            "energy_infrastructure",
            "port_infrastructure",
        ])),
        proptest::option::of(1i64..4),
    )
        .prop_map(|(subject, modality, action, place, target, days)| {
            let mut t = serde_json::json!({ "subject": subject, "modality": modality, "action": action, "text": "t" });
            let scope: Vec<&str> = place.into_iter().chain(target).collect();
            if !scope.is_empty() {
                t["scope"] = serde_json::json!(scope);
            }
            if let Some(d) = days {
                t["window"] = serde_json::json!({ "days": d * 30 });
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Proposals whose provisions overlap on corners (the Black Sea against energy
    /// facilities, case 13): the engine's incidental overlaps are the reference's, no
    /// incidental overlap is a conflict or joins a deadlock, and a what-if that edits a
    /// term marks them as a full analysis does.
    #[test]
    fn incidental_overlaps_match_the_reference(
        p in proptest::collection::vec((sliver_term(), proptest::collection::vec(0usize..4, 0..2)), 1..=4),
        q in proptest::collection::vec((sliver_term(), proptest::collection::vec(0usize..4, 0..2)), 1..=4),
        op in 0usize..EDIT_KINDS + 1,
        k in 0usize..4,
    ) {
        let vocab = support::vocab();
        let (p, q) = (crossing("p", p), crossing("q", q));
        let (Some(rp), Some(rq)) = (armistice::load::resolve(&support::proposal(p.clone()), &vocab).0, armistice::load::resolve(&support::proposal(q.clone()), &vocab).0) else {
            return Ok(());
        };
        let (rels, open) = reference(&rp, &rq, &vocab);
        let incidental = reference_incidental(&rp, &rq, &vocab, &rels);
        let deadlocks = reference_deadlocks(&rp, &rq, &rels, &incidental);
        let analysis = engine::analyze(vec![rp, rq], &vocab).unwrap();
        prop_assert_eq!(engine_sets(&analysis), (rels.clone(), open));
        prop_assert_eq!(engine_incidental(&analysis), incidental);
        prop_assert_eq!(engine_deadlocks(&analysis, &rels, &deadlocks), deadlocks);
        let edited = edit(&q, op, k);
        if armistice::load::resolve(&support::proposal(edited.clone()), &vocab).0.is_some() {
            assert_reanalyze_is_analyze(&analysis, vec![(1, edited)], &[p, q], &vocab);
        }
    }
}

/// The sliver-shaped proposals do make incidental overlaps: the property above is not
/// checked on empty sets only.
#[test]
fn sliver_terms_make_incidental_overlaps() {
    let vocab = support::vocab();
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let pair = (
        proptest::collection::vec(sliver_term(), 2..=4),
        proptest::collection::vec(sliver_term(), 2..=4),
    );
    let (mut cases, mut with) = (0, 0);
    for _ in 0..200 {
        let (p, q) = pair.new_tree(&mut runner).unwrap().current();
        let (p, q) = (
            crossing("p", p.into_iter().map(|t| (t, vec![])).collect()),
            crossing("q", q.into_iter().map(|t| (t, vec![])).collect()),
        );
        let a = engine::analyze(vec![resolve_json(&p, &vocab), resolve_json(&q, &vocab)], &vocab).unwrap();
        cases += 1;
        with += usize::from(!engine_incidental(&a).is_empty());
    }
    assert!(
        with * 10 >= cases,
        "{with} of {cases} pairs with an incidental overlap"
    );
}
