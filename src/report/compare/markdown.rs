//! The Markdown report of a comparison: a briefing to paste into a document or an
//! issue, with every finding and the wording it rests on.

use std::fmt::Write;

use super::{Section, Sections};
use crate::engine::{Analysis, Pair, Relation, RelationKind, TermRef};
use crate::report::markdown as md;
use crate::report::words;
use crate::vocab::Vocab;

/// Renders `analysis` as Markdown.
pub fn render(a: &Analysis, vocab: &Vocab, sections: &Sections) -> String {
    let mut out = String::new();
    let ids: Vec<&str> = a.proposals.iter().map(|p| p.id()).collect();
    let _ = writeln!(
        out,
        "# Comparison of {}\n",
        ids.iter().map(|i| md::code(i)).collect::<Vec<_>>().join(", ")
    );
    for (i, p) in a.proposals.iter().enumerate() {
        let title = p
            .proposal
            .title
            .as_deref()
            .map(|t| format!(": {}", esc(t)))
            .unwrap_or_default();
        let date = p
            .proposal
            .date
            .as_deref()
            .map(|d| format!(" ({})", esc(d)))
            .unwrap_or_default();
        let _ = writeln!(out, "- **{}**{title}{date}", esc(&words::proposal(a, vocab, i)));
    }
    out.push('\n');
    if sections.shows_points(a.proposals.len()) {
        points(&mut out, a, vocab);
    }
    // The table alone (the only section asked for) leaves out the pairs' sections, and sums them
    // up in the verdicts.
    let detail = !sections.only_points();
    if detail {
        for pair in &a.pairs {
            pair_section(&mut out, a, vocab, sections, pair);
        }
    }
    if a.proposals.len() > 2 || !detail {
        let _ = writeln!(out, "## Verdicts\n\n| | | verdict |\n|---|---|---|");
        for pair in &a.pairs {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md::cell_code(ids[pair.left]),
                md::cell_code(ids[pair.right]),
                pair.verdict.as_str()
            );
        }
        out.push('\n');
        if sections.shows(Section::Common) {
            let _ = writeln!(out, "## Agreed by all\n");
            if a.common.is_empty() {
                let _ = writeln!(out, "No term is agreed by all {} proposals.", a.proposals.len());
            }
            for g in &a.common {
                let names: Vec<String> = g.iter().map(|&t| code(a, t)).collect();
                let _ = writeln!(out, "- {}", names.join(" = "));
            }
            out.push('\n');
        }
    }
    if sections.shows(Section::Burden) {
        burden(&mut out, a, vocab);
    }
    out
}

/// The point-by-point table: a row per point, a column per proposal, the marks of
/// every pair in the last.
fn points(out: &mut String, a: &Analysis, vocab: &Vocab) {
    let _ = writeln!(
        out,
        "## Point by point\n\nEach negotiated point (terms that are counterparts of each other) in a row, each proposal's terms in its column, and what each pair of proposals is to each other on it.\n"
    );
    let heads: Vec<String> = a
        .proposals
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}: {}", words::column(i), md::cell_code(p.id())))
        .collect();
    let _ = writeln!(out, "| | point | {} | relations |", heads.join(" | "));
    let _ = writeln!(out, "|---:|---|{}---|", "---|".repeat(heads.len()));
    for (n, row) in super::points::points(a).rows.iter().enumerate() {
        let cells: Vec<String> = row
            .terms
            .iter()
            .map(|cell| {
                if cell.is_empty() {
                    return "—".to_owned();
                }
                cell.iter()
                    .map(|&t| {
                        let id = a.term(t).map(|t| &*t.id).unwrap_or_default();
                        format!(
                            "{}: {}",
                            md::cell_code(id),
                            esc(&words::point_summary(a, vocab, t))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect();
        let marks: Vec<String> = row
            .marks
            .iter()
            .filter(|m| m.left_has || m.right_has)
            .map(|m| {
                format!(
                    "{}–{} {}",
                    words::column(m.left),
                    words::column(m.right),
                    words::mark(m, words::column)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            n + 1,
            esc(&words::point_name(a, vocab, row)),
            cells.join(" | "),
            marks.join("; ")
        );
    }
    out.push('\n');
}

fn pair_section(out: &mut String, a: &Analysis, vocab: &Vocab, sections: &Sections, pair: &Pair) {
    let _ = writeln!(
        out,
        "## {} and {}\n\n**Verdict: {}** — {}.\n",
        esc(&words::proposal(a, vocab, pair.left)),
        esc(&words::proposal(a, vocab, pair.right)),
        pair.verdict.as_str(),
        words::counts(&pair.counts())
    );
    if let Some(basis) = words::time_basis(a, pair.left, pair.right) {
        let mut chars = basis.chars();
        let capital: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        let _ = writeln!(out, "{}.\n", esc(&capital));
    }
    for (i, r) in sections.findings(pair) {
        let contingent = words::contingent(a, pair, i, r, |t| code(a, t));
        relation(out, a, vocab, r, contingent.as_deref());
    }
    if sections.shows(Section::Blocked) && !pair.blocked.is_empty() {
        let _ = writeln!(out, "### Held up by their conditions\n");
        for b in &pair.blocked {
            let names: Vec<String> = b.agreed_with.iter().map(|&t| code(a, t)).collect();
            let _ = writeln!(
                out,
                "- {} is **{}**{}:",
                code(a, b.term),
                words::status(b.status),
                words::agrees_with(&names)
            );
            for c in &b.causes {
                let _ = writeln!(out, "  - {}", words::cause(pair, c, |t| code(a, t)));
            }
            if !b.by_coverage.is_empty() {
                let held: Vec<String> = b.by_coverage.iter().map(|&t| code(a, t)).collect();
                let _ = writeln!(out, "  - {}", words::by_coverage(&held));
            }
            for t in super::text::held_terms(b) {
                if let Some(text) = words::text(a, t) {
                    let _ = writeln!(out, "  - {}: “{}”", code(a, t), esc(text));
                }
            }
        }
        out.push('\n');
    }
    if sections.shows(Section::Deadlocks) && !pair.deadlocks.is_empty() {
        let _ = writeln!(out, "### Sequencing deadlocks\n");
        for d in &pair.deadlocks {
            let steps: Vec<String> = d
                .cycle
                .iter()
                .map(|e| match (e.requires, e.relation) {
                    (Some(_), _) if e.anchor => {
                        format!("{} starts after {}", code(a, e.from), code(a, e.to))
                    }
                    (Some(t), _) => {
                        format!("{} requires ({}) {}", code(a, e.from), t.as_str(), code(a, e.to))
                    }
                    (None, k) => format!(
                        "{} corresponds to {} ({})",
                        code(a, e.from),
                        code(a, e.to),
                        k.map_or("corresponds", |k| k.as_str())
                    ),
                })
                .collect();
            let _ = writeln!(out, "- {}", steps.join("; "));
            for e in &d.cycle {
                if let Some(text) = words::text(a, e.from) {
                    let _ = writeln!(out, "  - `{}`: “{}”", words::term(a, e.from), esc(text));
                }
            }
        }
        out.push('\n');
    }
    if sections.shows(Section::Open) && !pair.open.is_empty() {
        let _ = writeln!(
            out,
            "### Open points\n\n| term | for | | wording | values |\n|---|---|---|---|---|"
        );
        for o in &pair.open {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md::cell_code(&words::term(a, o.term)),
                words::parties(vocab, &o.subjects),
                words::open(o.partial),
                words::text(a, o.term).map(esc).unwrap_or_default(),
                words::term_values(a, o.term, true)
                    .map(|v| esc(&v))
                    .unwrap_or_default()
            );
        }
        out.push('\n');
    }
}

fn relation(out: &mut String, a: &Analysis, vocab: &Vocab, r: &Relation, contingent: Option<&str>) {
    let kind = match r.kind {
        RelationKind::Conflict if contingent.is_some() => "Contingent conflict",
        RelationKind::Conflict if r.is_indirect() => "Indirect conflict",
        RelationKind::Conflict => "Conflict",
        RelationKind::Diverge => "Divergence",
        RelationKind::ToBeAgreed => "To be agreed",
        RelationKind::Compatible => "Compatible",
        RelationKind::Agree if r.is_indirect() => "Indirect agreement",
        RelationKind::Agree => "Agreement",
    };
    let side = |s: &crate::engine::Side| words::side(vocab, s, |t| code(a, t));
    let _ = writeln!(out, "### {kind}: {} ⟷ {}\n", side(&r.left), side(&r.right));
    let _ = writeln!(out, "{}.", esc(&words::relation(a, vocab, r)));
    if let Some(c) = contingent {
        // The terms are code spans of their own (`code`): the sentence is not escaped.
        let _ = writeln!(out, "{}.", sentence(c));
    }
    if r.criticality > 0 {
        let _ = writeln!(out, "It blocks {} otherwise agreed term(s).", r.criticality);
    }
    for s in [&r.left, &r.right] {
        for rule in words::rules(vocab, s) {
            let _ = writeln!(out, "Rule {}.", esc(&rule));
        }
    }
    let label = if r.kind == RelationKind::ToBeAgreed {
        "To be agreed"
    } else {
        "Difference"
    };
    for d in words::differences(a, r) {
        let _ = writeln!(out, "{label}: {}.", esc(&d));
    }
    // The terms are code spans of their own, kept as written; the rest is words.
    if let Some(c) = words::coverage_with(a, r, |t| code(a, t)) {
        let _ = writeln!(out, "{}.", sentence(&c));
    }
    out.push('\n');
    for t in [r.left.term, r.right.term] {
        if let Some(text) = words::text(a, t) {
            let who = a.proposals.get(t.proposal).map(|p| p.id()).unwrap_or_default();
            let _ = writeln!(out, "> **{}**: “{}”\n", esc(who), esc(text));
        }
        if let Some(v) = words::term_values(a, t, false) {
            let _ = writeln!(out, "Values of {}: {}.\n", code(a, t), esc(&v));
        }
        if let Some(l) = words::lapses(a, t, |t| code(a, t)) {
            let _ = writeln!(out, "{}.\n", sentence(&l));
        }
    }
}

fn burden(out: &mut String, a: &Analysis, vocab: &Vocab) {
    let parties = a.burdened_parties();
    let _ = writeln!(
        out,
        "## Burden\n\nObligations and prohibitions each proposal places on each party; the share is {}.\n",
        words::BURDEN_WEIGHTING
    );
    let head: Vec<&str> = parties.iter().map(|&p| vocab.party_code(p)).collect();
    let _ = writeln!(
        out,
        "| proposal | {} | share on its authors (weighted) |",
        head.join(" | ")
    );
    let _ = writeln!(out, "|---|{}---|", "---:|".repeat(parties.len()));
    for b in &a.burden {
        let cells: Vec<String> = parties
            .iter()
            .map(|&p| {
                b.rows
                    .iter()
                    .find(|r| r.party == p)
                    .map_or(0, |r| r.count)
                    .to_string()
            })
            .collect();
        let share = words::burden_share(b);
        let id = a.proposals.get(b.proposal).map(|p| p.id()).unwrap_or_default();
        let _ = writeln!(out, "| {} | {} | {share} |", md::cell_code(id), cells.join(" | "));
    }
    out.push('\n');
}

/// A term's name as code: `` `us/aid` ``.
fn code(a: &Analysis, t: TermRef) -> String {
    md::code(&words::term(a, t))
}

/// `text` with its first letter in upper case.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Escapes text for Markdown: characters that would start markup, and table pipes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
