//! The side-by-side table, which is the point-by-point table of the other formats
//! ([`crate::report::compare::points`]): one column per proposal (its letter, title and
//! id), one row per negotiated point, each term a card with its values, and each
//! pair's relation on the point marked in the first column.

use super::escape::Html;
use super::{held, term_card};
use crate::engine::Analysis;
use crate::report::compare::points::{MarkKind, points};
use crate::report::words;
use crate::vocab::Vocab;

/// The side-by-side table.
pub(super) fn alignment(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"alignment\">\n<h2>Point by point</h2>\n")
        .raw("<p class=\"legend\">Each negotiated point (terms that are counterparts of each other) in a row, ")
        .raw("each proposal's terms on it in its column with their windows and values, and what each pair of ")
        .raw("proposals is to each other on it: ")
        .raw("<span class=\"badge k-conflict\">conflict</span> <span class=\"badge k-indirect\">indirect conflict</span> ")
        .raw("<span class=\"badge k-contingent\">contingent conflict</span> ")
        .raw("<span class=\"badge k-diverge\">diverge</span> <span class=\"badge k-to-be-agreed\">to be agreed</span> ")
        .raw("<span class=\"badge k-compatible\">compatible</span> ")
        .raw("<span class=\"badge k-agree\">agree</span> <span class=\"badge\">open</span>.</p>\n")
        .raw("<table class=\"stack alignment\">\n<thead><tr><th>point</th>");
    for (i, p) in a.proposals.iter().enumerate() {
        h.raw("<th>")
            .text(&format!("{} ", words::column(i)))
            .open("bdi", &[("dir", "auto")])
            .text(p.proposal.title.as_deref().unwrap_or(p.id()))
            .raw("</bdi><div class=\"src\"><bdi class=\"tid\">")
            .text(p.id())
            .raw("</bdi></div></th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    let held = held(a);
    for (n, row) in points(a).rows.iter().enumerate() {
        let gravest = row.marks.iter().filter_map(|m| m.kinds.first()).min().copied();
        let class = format!("align k-{}", gravest.map_or("open", class_of));
        h.open("tr", &[("class", &class)])
            .open("td", &[("data-label", "point")])
            .el(
                "strong",
                "",
                &format!("{}. {}", n + 1, words::point_name(a, vocab, row)),
            )
            .raw("<ul class=\"rels\">");
        for m in row.marks.iter().filter(|m| m.left_has || m.right_has) {
            let kind = m.kinds.first().map_or("open", |&k| class_of(k));
            h.raw("<li>")
                .text(&format!("{}–{} ", words::column(m.left), words::column(m.right)))
                .el("span", &format!("badge k-{kind}"), &words::mark(m, words::column))
                .raw("</li>");
        }
        h.raw("</ul></td>");
        for (pi, p) in a.proposals.iter().enumerate() {
            let terms = row.terms.get(pi).map_or(&[][..], Vec::as_slice);
            let label = format!("{} {}", words::column(pi), p.id());
            if terms.is_empty() {
                h.open("td", &[("class", "empty"), ("data-label", &label)])
                    .text("silent")
                    .close("td");
                continue;
            }
            h.open("td", &[("data-label", &label)]);
            for &t in terms {
                term_card(h, a, vocab, t, held.get(&t).map_or(&[][..], Vec::as_slice));
            }
            h.raw("</td>");
        }
        h.raw("</tr>\n").spill();
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

/// The CSS class suffix of a mark.
fn class_of(k: MarkKind) -> &'static str {
    match k {
        MarkKind::Conflict => "conflict",
        MarkKind::IndirectConflict => "indirect",
        MarkKind::Contingent => "contingent",
        MarkKind::Diverge => "diverge",
        MarkKind::ToBeAgreed => "to-be-agreed",
        MarkKind::Compatible => "compatible",
        MarkKind::Implied | MarkKind::Agree => "agree",
    }
}
