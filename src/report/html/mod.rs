//! The HTML briefing: one standalone page (inline CSS and SVG, no script, no external
//! asset, a Content-Security-Policy that forbids loading anything) with the verdict,
//! the proposals side by side, every conflict explained and quoted, blocked terms and
//! deadlocks, open points, the burden chart and the sources.
//!
//! Every piece of user text reaches the page through [`escape::escape`], by way of
//! the [`escape::Html`] builder, which accepts markup only as string literals.
//!
//! Extension point: sections computed elsewhere (the cheapest concession packages,
//! [`concede::appendix`]) are passed to [`render`] as [`Appendix`] values, built with
//! the same builder, and placed after the findings.

mod chart;
pub mod concede;
pub mod escape;
mod page;
mod rows;
mod sections;
mod timeline;

use crate::collections::FastMap;
use crate::engine::{Analysis, BlockStatus, TermRef};
use crate::report::words;
use crate::vocab::Vocab;
use escape::Html;

/// A section of the briefing computed outside the comparison, such as concession
/// packages: an anchor id, a heading and a body built with [`Html`].
#[derive(Debug)]
pub struct Appendix {
    /// The section's anchor (`id` attribute).
    pub id: String,
    /// Its heading.
    pub title: String,
    /// Its content.
    pub body: Html<'static>,
}

/// Renders `a` as a standalone HTML page, with `appendices` after the findings.
pub fn render(a: &Analysis, vocab: &Vocab, appendices: Vec<Appendix>) -> String {
    let mut h = Html::new();
    page_into(&mut h, a, vocab, appendices);
    h.into_string()
}

/// [`render`], written to `out` as it is made: the page is never held whole.
pub fn render_to(
    a: &Analysis,
    vocab: &Vocab,
    appendices: Vec<Appendix>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut h = Html::streaming(out);
    page_into(&mut h, a, vocab, appendices);
    h.finish()
}

fn page_into(h: &mut Html<'_>, a: &Analysis, vocab: &Vocab, appendices: Vec<Appendix>) {
    let titles: Vec<&str> = a
        .proposals
        .iter()
        .map(|p| p.proposal.title.as_deref().unwrap_or(p.id()))
        .collect();
    page::head(h, &titles);
    sections::verdicts(h, a, vocab);
    rows::alignment(h, a, vocab);
    timeline::timeline(h, a);
    sections::conflicts(h, a, vocab);
    sections::blocked(h, a);
    sections::other_relations(h, a, vocab);
    sections::open(h, a, vocab);
    chart::burden(h, a, vocab);
    for ap in appendices {
        h.open("section", &[("id", &ap.id)])
            .el("h2", "", &ap.title)
            .append(ap.body)
            .raw("</section>\n");
    }
    sections::sources(h, a, vocab);
    page::tail(h);
}

/// Each held-up term, with every pair that holds it up: its status there and the
/// other proposal of the pair, found in one pass over the pairs.
fn held(a: &Analysis) -> FastMap<TermRef, Vec<(BlockStatus, usize)>> {
    let mut held: FastMap<TermRef, Vec<(BlockStatus, usize)>> = FastMap::default();
    for pair in &a.pairs {
        for b in &pair.blocked {
            let other = if b.term.proposal == pair.left {
                pair.right
            } else {
                pair.left
            };
            held.entry(b.term).or_default().push((b.status, other));
        }
    }
    held
}

/// One term as a card: id, priority, held-up status against each proposal that holds
/// it up, what it says with its window and values, its wording, and its source and
/// note when it gives its own (a proposal's source is given once, under Sources).
fn term_card(h: &mut Html, a: &Analysis, vocab: &Vocab, t: TermRef, held: &[(BlockStatus, usize)]) {
    let (Some(term), Some(p)) = (a.term(t), a.proposals.get(t.proposal)) else {
        return;
    };
    let Some(resolved) = p.terms.get(t.term) else {
        return;
    };
    h.open(
        "div",
        &[("class", "term"), ("id", &format!("t-{}", words::term(a, t)))],
    )
    .open("bdi", &[("class", "tid")])
    .text(&term.id)
    .raw("</bdi>");
    if !term.priority.is_normal() {
        h.raw(" ").el(
            "span",
            &format!("badge prio {}", term.priority.as_str()),
            &term.priority.as_str().replace('_', " "),
        );
    }
    for &(status, other) in held {
        let status = words::status(status);
        let against = a.proposals.get(other).map_or("", |q| q.id());
        h.raw(" ").el(
            "span",
            &format!("badge {status}"),
            &format!("{status} against {against}"),
        );
    }
    let mut stmt = format!(
        "{}, {}",
        words::statement(vocab, resolved),
        words::window_on(resolved.window, p.calendar)
    );
    if let Some(values) = words::term_values(a, t, false) {
        stmt.push_str(&format!(", {values}"));
    }
    h.el("div", "stmt", &stmt);
    if let Some(text) = &term.text {
        h.open("blockquote", &[("dir", "auto")])
            .text(text)
            .raw("</blockquote>");
    }
    if let Some(source) = &term.source {
        h.open("div", &[("class", "src"), ("dir", "auto")])
            .text(&format!("Source: {source}"))
            .raw("</div>");
    }
    if let Some(n) = &term.note {
        h.open("div", &[("class", "note"), ("dir", "auto")])
            .text(&format!("Note: {n}"))
            .raw("</div>");
    }
    h.raw("</div>");
}
