//! The terminal report of a comparison: a verdict line per pair, then one block per
//! finding with the wording it rests on, then the burden matrix.

use std::fmt::Write;

use super::points::MarkKind;
use super::{Section, Sections};
use crate::engine::{Analysis, BlockStatus, Pair, Relation, RelationKind};
use crate::report::stream::{Spill, to_string};
use crate::report::style::{Painter, Role};
use crate::report::terminal::one_line as line;
use crate::report::words;
use crate::vocab::Vocab;

/// The counts after a verdict, under the name the concession renderers know it by
/// ([`words::counts`]).
pub use crate::report::words::counts as summary;

/// Renders `analysis` as text.
pub fn render(analysis: &Analysis, vocab: &Vocab, sections: &Sections, painter: Painter) -> String {
    // Writing to memory cannot fail.
    to_string(|out| write(analysis, vocab, sections, painter, out)).unwrap_or_default()
}

/// Writes the text report to `out` as it is made (a large comparison's report runs to
/// many times the size of its inputs).
pub fn write(
    analysis: &Analysis,
    vocab: &Vocab,
    sections: &Sections,
    painter: Painter,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = Spill::terminal(out, painter.enabled());
    if sections.shows_points(analysis.proposals.len()) {
        points(&mut out, analysis, vocab, painter);
    }
    // The table alone (the only section asked for) leaves out the pairs' blocks, and sums them up
    // in the verdicts.
    let detail = !sections.only_points();
    if detail {
        for pair in &analysis.pairs {
            pair_block(&mut out, analysis, vocab, sections, painter, pair);
        }
    }
    if analysis.proposals.len() > 2 || !detail {
        matrix(&mut out, analysis, painter);
        if sections.shows(Section::Common) {
            common(&mut out, analysis, painter);
        }
    }
    if sections.shows(Section::Burden) {
        burden(&mut out, analysis, vocab, painter);
    }
    out.finish()
}

fn pair_block(
    out: &mut Spill<'_>,
    a: &Analysis,
    vocab: &Vocab,
    sections: &Sections,
    p: Painter,
    pair: &Pair,
) {
    let c = pair.counts();
    let verdict = pair.verdict.as_str().to_uppercase();
    let role = match pair.verdict {
        crate::engine::Verdict::Conflicting => Role::Bad,
        crate::engine::Verdict::CompatibleWithOpenPoints => Role::Warn,
        crate::engine::Verdict::Compatible => Role::Good,
    };
    let _ = writeln!(
        out,
        "{} vs {}: {} — {}",
        p.paint(Role::Strong, &line(&words::proposal(a, vocab, pair.left))),
        p.paint(Role::Strong, &line(&words::proposal(a, vocab, pair.right))),
        p.paint(role, &verdict),
        words::counts(&c)
    );
    if let Some(basis) = words::time_basis(a, pair.left, pair.right) {
        let _ = writeln!(out, "{}", line(&basis));
    }
    let _ = writeln!(out);
    for (i, r) in sections.findings(pair) {
        let contingent = words::contingent(a, pair, i, r, |t| name(a, t));
        relation(out, a, vocab, p, r, contingent.as_deref());
        out.spill();
    }
    if sections.shows(Section::Blocked) {
        for b in &pair.blocked {
            out.spill();
            let (label, role) = match b.status {
                BlockStatus::Blocked => ("BLOCKED ", Role::Bad),
                BlockStatus::Pending => ("PENDING ", Role::Warn),
            };
            let names: Vec<String> = b.agreed_with.iter().map(|&t| name(a, t)).collect();
            let agreed = words::agrees_with(&names);
            let _ = writeln!(
                out,
                "{}  {}{agreed}",
                p.paint(role, label),
                p.paint(Role::Strong, &name(a, b.term))
            );
            for cause in &b.causes {
                let why = words::cause(pair, cause, |t| name(a, t));
                let _ = writeln!(out, "          {why}");
            }
            if !b.by_coverage.is_empty() {
                let held: Vec<String> = b.by_coverage.iter().map(|&t| name(a, t)).collect();
                let _ = writeln!(out, "          {}", words::by_coverage(&held));
            }
            for t in held_terms(b) {
                quote_named(out, a, p, t);
            }
        }
    }
    if sections.shows(Section::Deadlocks) {
        for d in &pair.deadlocks {
            let _ = writeln!(
                out,
                "{}  {}",
                p.paint(Role::Bad, "DEADLOCK"),
                line(&words::cycle(a, d))
            );
            for e in &d.cycle {
                quote_named(out, a, p, e.from);
            }
            out.spill();
        }
    }
    if sections.shows(Section::Open) {
        for o in &pair.open {
            let other = if o.term.proposal == pair.left {
                pair.right
            } else {
                pair.left
            };
            let silent = a.proposals.get(other).map(|q| q.id()).unwrap_or_default();
            let _ = writeln!(
                out,
                "{}  {} ({}) — {}: {}",
                p.paint(Role::Warn, "OPEN    "),
                p.paint(Role::Strong, &name(a, o.term)),
                words::parties(vocab, &o.subjects),
                words::open(o.partial),
                line(&words::silent(silent, o.partial)),
            );
            quote(out, a, p, o.term);
            values(out, a, o.term, true);
            out.spill();
        }
    }
    out.push('\n');
}

fn relation(
    out: &mut Spill<'_>,
    a: &Analysis,
    vocab: &Vocab,
    p: Painter,
    r: &Relation,
    contingent: Option<&str>,
) {
    let (label, role) = match r.kind {
        RelationKind::Conflict if contingent.is_some() => ("CONTINGENT", Role::Warn),
        RelationKind::Conflict if r.is_indirect() => ("INDIRECT", Role::Bad),
        RelationKind::Conflict => ("CONFLICT", Role::Bad),
        RelationKind::Diverge => ("DIVERGE ", Role::Warn),
        RelationKind::ToBeAgreed => ("TO AGREE", Role::Warn),
        RelationKind::Compatible => ("COMPAT  ", Role::Warn),
        RelationKind::Agree if r.is_indirect() => ("IMPLIED ", Role::Good),
        RelationKind::Agree => ("AGREE   ", Role::Good),
    };
    let side = |s: &crate::engine::Side| words::side(vocab, s, |t| name(a, t));
    let critical = if r.criticality > 0 {
        format!("  [{}]", words::blocks(r.criticality))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{}  {} ⟷ {}{critical}",
        p.paint(role, label),
        p.paint(Role::Strong, &side(&r.left)),
        p.paint(Role::Strong, &side(&r.right))
    );
    let _ = writeln!(out, "          {}", line(&words::relation(a, vocab, r)));
    if let Some(c) = contingent {
        let _ = writeln!(out, "          {}", line(c));
    }
    for s in [&r.left, &r.right] {
        for rule in words::rules(vocab, s) {
            let _ = writeln!(out, "          rule {}", line(&rule));
        }
    }
    for d in words::differences(a, r) {
        let _ = writeln!(out, "          {}", line(&d));
    }
    if let Some(c) = words::coverage(a, r) {
        let _ = writeln!(out, "          {}", line(&c));
    }
    quote(out, a, p, r.left.term);
    values(out, a, r.left.term, false);
    quote(out, a, p, r.right.term);
    values(out, a, r.right.term, false);
}

/// A term's values under its wording (its parameters; its own window too, with
/// `window`), when it has any.
fn values(out: &mut Spill<'_>, a: &Analysis, t: crate::engine::TermRef, window: bool) {
    if let Some(v) = words::term_values(a, t, window) {
        let _ = writeln!(out, "          values: {}", line(&v));
    }
}

fn quote(out: &mut Spill<'_>, a: &Analysis, p: Painter, t: crate::engine::TermRef) {
    if let Some(text) = words::text(a, t) {
        let who = a.proposals.get(t.proposal).map(|q| q.id()).unwrap_or_default();
        let _ = writeln!(
            out,
            "          {}: {}",
            line(who),
            p.paint(Role::Dim, &format!("\"{}\"", line(text)))
        );
    }
    if let Some(l) = words::lapses(a, t, |t| name(a, t)) {
        let _ = writeln!(out, "          {}", line(&l));
    }
}

/// The terms whose wording a held-up term's finding quotes: the term, the terms its
/// failing conditions require, and the held-up terms that cover it, each once.
pub(crate) fn held_terms(b: &crate::engine::Blocked) -> Vec<crate::engine::TermRef> {
    let mut out = vec![b.term];
    let required = b.causes.iter().filter_map(|c| c.required());
    for t in required.chain(b.by_coverage.iter().copied()) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// A term's wording under its full name (`p/pow: "..."`), for findings that name
/// several terms of one proposal.
fn quote_named(out: &mut Spill<'_>, a: &Analysis, p: Painter, t: crate::engine::TermRef) {
    if let Some(text) = words::text(a, t) {
        let _ = writeln!(
            out,
            "          {}: {}",
            line(&words::term(a, t)),
            p.paint(Role::Dim, &format!("\"{}\"", line(text)))
        );
    }
}

/// The point-by-point table: a block per point, each proposal's terms under its
/// letter, then each pair's mark.
fn points(out: &mut Spill<'_>, a: &Analysis, vocab: &Vocab, p: Painter) {
    let legend: Vec<String> = a
        .proposals
        .iter()
        .enumerate()
        .map(|(i, q)| format!("{} {}", words::column(i), line(q.id())))
        .collect();
    let _ = writeln!(
        out,
        "{}  {}",
        p.paint(Role::Strong, "POINT BY POINT"),
        legend.join(" · ")
    );
    let table = super::points::points(a);
    let width = words::column(a.proposals.len().saturating_sub(1)).len();
    for (n, row) in table.rows.iter().enumerate() {
        let label = words::point_name(a, vocab, row);
        let _ = writeln!(out, "{:>3}. {}", n + 1, p.paint(Role::Strong, &line(&label)));
        for (i, cell) in row.terms.iter().enumerate() {
            let col = words::column(i);
            if cell.is_empty() {
                let _ = writeln!(out, "     {col:width$}  —");
            }
            for (k, &t) in cell.iter().enumerate() {
                let col = if k == 0 { col.as_str() } else { "" };
                let _ = writeln!(
                    out,
                    "     {col:width$}  {}",
                    line(&words::point_term(a, vocab, t))
                );
            }
        }
        let marks: Vec<String> = row
            .marks
            .iter()
            .filter(|m| m.left_has || m.right_has)
            .map(|m| {
                let what = words::mark(m, words::column);
                let role = match m.kinds.first() {
                    Some(MarkKind::Conflict | MarkKind::IndirectConflict) => Role::Bad,
                    Some(MarkKind::Agree | MarkKind::Implied) => Role::Good,
                    _ => Role::Warn,
                };
                format!(
                    "{}–{} {}",
                    words::column(m.left),
                    words::column(m.right),
                    p.paint(role, &what)
                )
            })
            .collect();
        let _ = writeln!(out, "     {:width$}  {}", "", marks.join(" · "));
        out.spill();
    }
    out.push('\n');
}

fn matrix(out: &mut Spill<'_>, a: &Analysis, p: Painter) {
    let _ = writeln!(out, "{}", p.paint(Role::Strong, "VERDICTS"));
    let width = a.proposals.iter().map(|q| q.id().len()).max().unwrap_or(0);
    for pair in &a.pairs {
        let (l, r) = (&a.proposals[pair.left], &a.proposals[pair.right]);
        let _ = writeln!(
            out,
            "  {:width$}  {:width$}  {}",
            line(l.id()),
            line(r.id()),
            pair.verdict.as_str()
        );
    }
    out.push('\n');
}

fn common(out: &mut Spill<'_>, a: &Analysis, p: Painter) {
    let _ = writeln!(out, "{}", p.paint(Role::Strong, "AGREED BY ALL"));
    if a.common.is_empty() {
        let _ = writeln!(out, "  no term is agreed by all {} proposals", a.proposals.len());
    }
    for group in &a.common {
        let names: Vec<String> = group.iter().map(|&t| name(a, t)).collect();
        let _ = writeln!(out, "  {}", names.join(" = "));
    }
    out.push('\n');
}

fn burden(out: &mut Spill<'_>, a: &Analysis, vocab: &Vocab, p: Painter) {
    let parties = a.burdened_parties();
    let width = a.proposals.iter().map(|q| q.id().len()).max().unwrap_or(0).max(8);
    let _ = write!(out, "{}  {:width$}", p.paint(Role::Strong, "BURDEN"), "binds");
    for &party in &parties {
        let _ = write!(out, " {:>5}", vocab.party_code(party));
    }
    let _ = writeln!(out, "   weighted share on its authors");
    for b in &a.burden {
        let id = a.proposals.get(b.proposal).map(|q| q.id()).unwrap_or_default();
        let _ = write!(out, "        {:width$}", line(id));
        for &party in &parties {
            let n = b.rows.iter().find(|r| r.party == party).map_or(0, |r| r.count);
            let _ = write!(out, " {n:>5}");
        }
        let (others, total) = b.on_others();
        let share = words::burden_share(b);
        if b.kind.is_position() {
            let _ = writeln!(out, "   {share:>4}  ({others} of {total} on others)");
        } else {
            let _ = writeln!(out, "   {share}");
        }
    }
    let _ = writeln!(out, "        {}", words::BURDEN_WEIGHTING);
}

/// A term's name on a line of the report: its line breaks and control characters
/// shown, so that an id cannot forge a line (the rest of the report goes through
/// [`crate::report::terminal::guard`]).
fn name(a: &Analysis, t: crate::engine::TermRef) -> String {
    line(&words::term(a, t)).into_owned()
}
