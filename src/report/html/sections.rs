//! The sections of the briefing about findings: the verdicts, every conflict and
//! indirect conflict with its explanation and wording, the other relations, blocked
//! terms and deadlocks, open points, and the sources.

use super::escape::Html;
use crate::engine::{Analysis, Relation, RelationKind, Side, TermRef, Verdict};
use crate::report::graph::RelationEdge;
use crate::report::words;
use crate::vocab::Vocab;

/// The verdict of each pair, and the proposals compared.
pub(super) fn verdicts(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"verdict\">\n<h2>Verdict</h2>\n");
    for pair in &a.pairs {
        let class = match pair.verdict {
            Verdict::Conflicting => "verdict conflicting",
            Verdict::CompatibleWithOpenPoints => "verdict compatible-with-open-points",
            Verdict::Compatible => "verdict compatible",
        };
        h.open("div", &[("class", class)])
            .el("strong", "", &pair.verdict.as_str().to_uppercase())
            .text(&format!(
                " — {} and {}: {}",
                words::proposal(a, vocab, pair.left),
                words::proposal(a, vocab, pair.right),
                words::counts(&pair.counts())
            ))
            .raw("</div>\n");
    }
    if a.proposals.len() > 2 {
        h.raw("<h3>Agreed by all</h3>\n<ul class=\"plain\">");
        if a.common.is_empty() {
            h.el(
                "li",
                "",
                &format!("No term is agreed by all {} proposals.", a.proposals.len()),
            );
        }
        for g in &a.common {
            let names: Vec<String> = g.iter().map(|&t| words::term(a, t)).collect();
            h.el("li", "", &names.join(" = "));
        }
        h.raw("</ul>\n");
    }
    h.raw("<h3>Proposals</h3>\n<ul class=\"plain\">\n");
    for (i, p) in a.proposals.iter().enumerate() {
        h.raw("<li>")
            .text(&format!("{} ", words::column(i)))
            .el("strong", "", &words::proposal(a, vocab, i));
        if let Some(t) = &p.proposal.title {
            h.text(": ").open("bdi", &[("dir", "auto")]).text(t).raw("</bdi>");
        }
        if let Some(d) = &p.proposal.date {
            h.text(&format!(" ({d})"));
        }
        h.raw("</li>\n");
    }
    h.raw("</ul>\n</section>\n");
}

/// Every conflict, direct and indirect, of every pair, with its explanation.
pub(super) fn conflicts(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"conflicts\">\n<h2>Conflicts</h2>\n");
    let any = a
        .pairs
        .iter()
        .any(|p| p.relations.iter().any(Relation::is_conflict));
    if !any {
        h.el(
            "p",
            "",
            "No term of one proposal conflicts with a term of another.",
        );
    } else {
        h.raw("<table class=\"stack findings\">\n<thead><tr><th>kind</th><th>terms</th>")
            .raw("<th>why</th><th>wording</th></tr></thead>\n<tbody>\n");
        for pair in &a.pairs {
            // The unconditional conflicts (first in report order), then the contingent
            // ones, apart.
            let unconditional = pair
                .relations
                .iter()
                .enumerate()
                .take_while(|(_, r)| r.is_conflict())
                .filter(|(i, _)| pair.contingent.binary_search(i).is_err());
            for (_, r) in unconditional {
                finding_row(h, a, vocab, r, None);
                h.spill();
            }
            let shown = pair
                .contingent
                .iter()
                .filter(|i| pair.lapsed.binary_search(i).is_err());
            for &i in shown {
                if let Some(r) = pair.relations.get(i) {
                    let c = words::contingent(a, pair, i, r, |t| words::term(a, t));
                    finding_row(h, a, vocab, r, c.as_deref());
                    h.spill();
                }
            }
        }
        h.raw("</tbody>\n</table>\n");
    }
    h.raw("</section>\n");
}

fn side_name(a: &Analysis, vocab: &Vocab, s: &Side) -> String {
    words::side(vocab, s, |t| words::term(a, t))
}

/// A conflict's row; `contingent` says on what it depends, when it is contingent.
fn finding_row(h: &mut Html, a: &Analysis, vocab: &Vocab, r: &Relation, contingent: Option<&str>) {
    let kind = RelationEdge::of(r);
    let badge = if contingent.is_some() {
        "contingent conflict"
    } else {
        kind.as_str()
    };
    h.open("tr", &[("class", &format!("finding k-{}", class_of(kind)))])
        .open("td", &[("data-label", "kind")])
        .el("span", "badge kind", badge);
    if r.criticality > 0 {
        h.raw("<div class=\"why\">")
            .text(&words::blocks(r.criticality))
            .raw("</div>");
    }
    h.raw("</td>")
        .open("td", &[("data-label", "terms")])
        .raw("<div class=\"tid\"><bdi>")
        .text(&side_name(a, vocab, &r.left))
        .raw("</bdi></div><div>⟷</div><div class=\"tid\"><bdi>")
        .text(&side_name(a, vocab, &r.right))
        .raw("</bdi></div>")
        .raw("</td>")
        .open("td", &[("data-label", "why")])
        .el("div", "stmt", &words::relation(a, vocab, r));
    let mut why: Vec<String> = [&r.left, &r.right]
        .into_iter()
        .flat_map(|s| words::rules(vocab, s))
        .map(|rule| format!("rule {rule}"))
        .collect();
    why.extend(contingent.map(str::to_owned));
    why.extend(words::differences(a, r));
    why.extend(words::coverage(a, r));
    for w in why {
        h.el("div", "why", &w);
    }
    h.raw("</td>").open("td", &[("data-label", "wording")]);
    for t in [r.left.term, r.right.term] {
        quote(h, a, t);
    }
    h.raw("</td></tr>\n");
}

/// A term's wording as a quotation, attributed.
pub(super) fn quote(h: &mut Html, a: &Analysis, t: TermRef) {
    let who = a.proposals.get(t.proposal).map(|p| p.id()).unwrap_or_default();
    match words::text(a, t) {
        Some(text) => {
            h.open("blockquote", &[("cite", &source(a, t)), ("dir", "auto")])
                .text(text)
                .raw("</blockquote>")
                .raw("<div class=\"src\">— <bdi>")
                .text(who)
                .raw("</bdi></div>");
        }
        None => {
            h.raw("<div class=\"src\"><bdi>")
                .text(who)
                .raw("</bdi>: no wording given</div>");
        }
    }
    if let Some(v) = words::term_values(a, t, false) {
        h.raw("<div class=\"why\">values of <bdi class=\"tid\">")
            .text(&words::term(a, t))
            .raw("</bdi>: ")
            .text(&v)
            .raw("</div>");
    }
    if let Some(l) = words::lapses(a, t, |t| words::term(a, t)) {
        h.el("div", "why", &l);
    }
}

/// The CSS class suffix of a relation kind.
pub(super) fn class_of(k: RelationEdge) -> &'static str {
    match k {
        RelationEdge::Conflict => "conflict",
        RelationEdge::Indirect => "indirect",
        RelationEdge::Diverge => "diverge",
        RelationEdge::ToBeAgreed => "to-be-agreed",
        RelationEdge::Compatible => "compatible",
        RelationEdge::Agree | RelationEdge::IndirectAgree => "agree",
    }
}

/// Where a term's wording comes from: its own source, or its proposal's.
pub(super) fn source(a: &Analysis, t: TermRef) -> String {
    let term = a.term(t).and_then(|t| t.source.as_deref());
    let proposal = a
        .proposals
        .get(t.proposal)
        .and_then(|p| p.proposal.source.as_deref());
    term.or(proposal).unwrap_or("no source given").to_owned()
}

/// Divergences, must-against-may pairs and agreements, briefly.
pub(super) fn other_relations(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"relations\">\n<h2>Divergences and agreements</h2>\n<ul class=\"plain\">\n");
    let mut any = false;
    for pair in &a.pairs {
        for r in pair
            .relations
            .iter()
            .filter(|r| r.kind != RelationKind::Conflict && r.is_finding())
        {
            any = true;
            let kind = RelationEdge::of(r);
            h.open("li", &[("class", &format!("relation k-{}", class_of(kind)))])
                .el("span", &format!("badge k-{}", class_of(kind)), kind.as_str())
                .raw(" ")
                .el(
                    "span",
                    "tid",
                    &format!(
                        "{} ⟷ {}",
                        side_name(a, vocab, &r.left),
                        side_name(a, vocab, &r.right)
                    ),
                )
                .el("div", "stmt", &words::relation(a, vocab, r));
            for d in words::differences(a, r).into_iter().chain(words::coverage(a, r)) {
                h.el("div", "why", &d);
            }
            for t in [r.left.term, r.right.term] {
                if let Some(v) = words::term_values(a, t, false) {
                    h.el("div", "why", &format!("values of {}: {v}", words::term(a, t)));
                }
            }
            h.raw("</li>\n").spill();
        }
    }
    if !any {
        h.el("li", "", "None.");
    }
    h.raw("</ul>\n</section>\n");
}

/// Blocked and pending terms with their failing conditions, and sequencing deadlocks.
pub(super) fn blocked(h: &mut Html, a: &Analysis) {
    h.raw("<section id=\"blocked\">\n<h2>Blocked terms and deadlocks</h2>\n<ul class=\"plain\">\n");
    let mut any = false;
    for pair in &a.pairs {
        for b in &pair.blocked {
            any = true;
            let status = words::status(b.status);
            let other = if b.term.proposal == pair.left {
                pair.right
            } else {
                pair.left
            };
            let against = a.proposals.get(other).map_or("", |q| q.id());
            h.open("li", &[("class", &format!("held {status}"))])
                .el("span", &format!("badge {status}"), status)
                .raw(" <bdi class=\"tid\">")
                .text(&words::term(a, b.term))
                .raw("</bdi> against <bdi class=\"tid\">")
                .text(against)
                .raw("</bdi>");
            let names: Vec<String> = b.agreed_with.iter().map(|&t| words::term(a, t)).collect();
            h.text(&words::agrees_with(&names));
            for cause in &b.causes {
                h.el("div", "why", &words::cause(pair, cause, |t| words::term(a, t)));
            }
            if !b.by_coverage.is_empty() {
                let held: Vec<String> = b.by_coverage.iter().map(|&t| words::term(a, t)).collect();
                h.el("div", "why", &words::by_coverage(&held));
            }
            for t in crate::report::compare::text::held_terms(b) {
                wording(h, a, t);
            }
            h.raw("</li>\n").spill();
        }
        for d in &pair.deadlocks {
            any = true;
            h.raw("<li class=\"deadlock\">")
                .el("span", "badge blocked", "deadlock")
                .raw(" ")
                .el("span", "cycle", &words::cycle(a, d))
                .el(
                    "div",
                    "why",
                    "each side waits on the other: no order satisfies both",
                );
            for e in &d.cycle {
                wording(h, a, e.from);
            }
            h.raw("</li>\n").spill();
        }
    }
    if !any {
        h.el(
            "li",
            "",
            "No term is held up by its conditions, and no conditions wait on each other.",
        );
    }
    h.raw("</ul>\n</section>\n");
}

/// A term's wording under its name, each isolated (`<bdi>`): `p/pow: “...”`.
fn wording(h: &mut Html, a: &Analysis, t: TermRef) {
    if let Some(text) = words::text(a, t) {
        h.raw("<div class=\"why\"><bdi class=\"tid\">")
            .text(&words::term(a, t))
            .raw("</bdi>: “<bdi dir=\"auto\">")
            .text(text)
            .raw("</bdi>”</div>");
    }
}

/// Terms the other side is silent on.
pub(super) fn open(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"open\">\n<h2>Open points</h2>\n<ul class=\"plain\">\n");
    let mut any = false;
    for pair in &a.pairs {
        for o in &pair.open {
            any = true;
            let other = if o.term.proposal == pair.left {
                pair.right
            } else {
                pair.left
            };
            let silent = a.proposals.get(other).map(|q| q.id()).unwrap_or_default();
            h.raw("<li class=\"open\"><bdi class=\"tid\">")
                .text(&words::term(a, o.term))
                .raw("</bdi>")
                .text(&format!(
                    " ({}) — {}",
                    words::parties(vocab, &o.subjects),
                    words::silent(silent, o.partial)
                ));
            if let Some(v) = words::term_values(a, o.term, true) {
                h.el("div", "why", &format!("values: {v}"));
            }
            if let Some(text) = words::text(a, o.term) {
                h.open("blockquote", &[("dir", "auto")])
                    .text(text)
                    .raw("</blockquote>");
            }
            h.raw("</li>\n").spill();
        }
    }
    if !any {
        h.el("li", "", "None: every term is answered by the other side.");
    }
    h.raw("</ul>\n</section>\n");
}

/// The sources of the proposals.
pub(super) fn sources(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"sources\">\n<h2>Sources</h2>\n<ul class=\"plain\">\n");
    for (i, p) in a.proposals.iter().enumerate() {
        h.raw("<li>")
            .el("strong", "", &words::proposal(a, vocab, i))
            .text(": ")
            .open("bdi", &[("dir", "auto")])
            .text(p.proposal.source.as_deref().unwrap_or("no source given"))
            .raw("</bdi>");
        if let Some(n) = &p.proposal.note {
            h.open("div", &[("class", "note"), ("dir", "auto")])
                .text(n)
                .raw("</div>");
        }
        h.raw("</li>\n");
    }
    h.raw("</ul>\n</section>\n");
}
