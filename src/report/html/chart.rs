//! The burden matrix as an inline SVG bar chart: for each proposal, one bar per party
//! bound (its obligations and prohibitions), the proposal's authors in grey and the
//! others in red, with the weighted share on the authors; and the matrix as a table.

use super::escape::Html;
use crate::engine::Analysis;
use crate::report::words;
use crate::vocab::Vocab;

const WIDTH: usize = 720;
const LABEL: usize = 190;
const BAR_AREA: usize = 440;
const ROW: usize = 22;
const HEAD: usize = 26;

/// The burden section: chart and table.
pub(super) fn burden(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"burden\">\n<h2>Burden</h2>\n")
        .raw("<p class=\"legend\">Obligations and prohibitions each proposal places on each party: ")
        .raw("grey bars on the proposal's own authors, red bars on others. The share is ")
        .text(words::BURDEN_WEIGHTING)
        .raw(". The share on its own authors (the asymmetry) is given only for a position.</p>\n");
    chart(h, a, vocab);
    table(h, a, vocab);
    h.raw("</section>\n");
}

fn chart(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    let max = a
        .burden
        .iter()
        .flat_map(|b| b.rows.iter().map(|r| r.count))
        .max()
        .unwrap_or(0)
        .max(1);
    let rows: usize = a.burden.iter().map(|b| b.rows.len().max(1)).sum();
    let height = a.burden.len() * HEAD + rows * ROW + 8;
    let (w, ht) = (WIDTH.to_string(), height.to_string());
    let view = format!("0 0 {WIDTH} {height}");
    h.open(
        "svg",
        &[
            ("class", "chart"),
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", &w),
            ("height", &ht),
            ("viewBox", &view),
            ("role", "img"),
            ("aria-label", "burden per proposal and party"),
        ],
    );
    let mut y = 0;
    for b in &a.burden {
        let share = match (b.kind, b.own_share()) {
            (crate::model::ProposalKind::Position, None) => "binds nobody".to_owned(),
            (crate::model::ProposalKind::Position, Some(s)) => {
                format!("{:.0}% of the weighted burden on its authors", s * 100.0)
            }
            (kind, _) => format!("a {kind}: burden per party, no asymmetry"),
        };
        y += HEAD;
        let ty = (y - 8).to_string();
        h.open("text", &[("class", "head"), ("x", "0"), ("y", &ty)])
            .text(&format!("{} — {share}", words::proposal(a, vocab, b.proposal)))
            .close("text");
        for r in &b.rows {
            let len = (r.count * BAR_AREA / max).max(2);
            let (ry, ty) = ((y + 3).to_string(), (y + 15).to_string());
            let party = vocab.party_code(r.party);
            let class = if r.author { "author" } else { "other" };
            h.open("text", &[("x", "16"), ("y", &ty)])
                .text(party)
                .close("text");
            h.open(
                "rect",
                &[
                    ("class", class),
                    ("x", &LABEL.to_string()),
                    ("y", &ry),
                    ("width", &len.to_string()),
                    ("height", "15"),
                    ("rx", "2"),
                ],
            )
            .open("title", &[])
            .text(&format!(
                "{party}: {} obligation(s) or prohibition(s), weight {}",
                r.count,
                words::number((r.weight * 10.0).round() / 10.0)
            ))
            .close("title")
            .close("rect");
            let nx = (LABEL + len + 6).to_string();
            h.open("text", &[("x", &nx), ("y", &ty)])
                .text(&r.count.to_string())
                .close("text");
            y += ROW;
        }
        if b.rows.is_empty() {
            y += ROW;
        }
    }
    h.raw("</svg>\n");
}

fn table(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    let parties = a.burdened_parties();
    h.raw("<table class=\"matrix\">\n<thead><tr><th>proposal binds</th>");
    for &p in &parties {
        h.el("th", "", vocab.party_code(p));
    }
    h.raw("<th>weighted share on its authors</th></tr></thead>\n<tbody>\n");
    for b in &a.burden {
        h.raw("<tr>").el(
            "td",
            "tid",
            a.proposals.get(b.proposal).map(|p| p.id()).unwrap_or_default(),
        );
        // Each party's count found in a map: a find per cell would be quadratic in
        // the parties bound.
        let counts: crate::collections::FastMap<_, usize> =
            b.rows.iter().map(|r| (r.party, r.count)).collect();
        for &p in &parties {
            let n = counts.get(&p).copied().unwrap_or(0);
            h.el("td", "", &n.to_string());
        }
        let (others, total) = b.on_others();
        let share = words::burden_share(b);
        let cell = if b.kind.is_position() {
            format!("{share} ({others} of {total} on others)")
        } else {
            share
        };
        h.el("td", "", &cell).raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}
