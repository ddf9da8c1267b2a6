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

use crate::engine::{Analysis, TermRef};
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
    let ids: Vec<&str> = a.proposals.iter().map(|p| p.id()).collect();
    let title = format!("Briefing: {}", ids.join(" vs "));
    page::head(h, &title);
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

/// One term as a card: id, priority, held-up status (`held`: blocked or pending, if
/// it is held up), statement, wording and source.
fn term_card(
    h: &mut Html,
    a: &Analysis,
    vocab: &Vocab,
    t: TermRef,
    held: Option<crate::engine::BlockStatus>,
) {
    let (Some(term), Some(resolved)) = (
        a.term(t),
        a.proposals.get(t.proposal).and_then(|p| p.terms.get(t.term)),
    ) else {
        return;
    };
    h.open(
        "div",
        &[("class", "term"), ("id", &format!("t-{}", words::term(a, t)))],
    )
    .el("span", "tid", &term.id);
    if !term.priority.is_normal() {
        h.raw(" ").el(
            "span",
            &format!("badge prio {}", term.priority.as_str()),
            &term.priority.as_str().replace('_', " "),
        );
    }
    match held {
        Some(crate::engine::BlockStatus::Blocked) => {
            h.raw(" <span class=\"badge blocked\">blocked</span>");
        }
        Some(crate::engine::BlockStatus::Pending) => {
            h.raw(" <span class=\"badge pending\">pending</span>");
        }
        None => {}
    }
    let stmt = format!(
        "{}, {}",
        words::statement(vocab, resolved),
        words::window_on(
            resolved.window,
            a.proposals.get(t.proposal).and_then(|p| p.calendar)
        )
    );
    h.el("div", "stmt", &stmt);
    if let Some(text) = &term.text {
        h.el("blockquote", "", text);
    }
    h.el("div", "src", &format!("Source: {}", sections::source(a, t)));
    if let Some(n) = &term.note {
        h.el("div", "note", &format!("Note: {n}"));
    }
    h.raw("</div>");
}
