//! The concessions section of the HTML briefing: the cheapest packages of moves after
//! which no conflict and no deadlock remains, each with its cost to each side, how
//! evenly that falls (in words), what it unblocks, the verdict after and whether the
//! engine confirms it; then the balanced point of the sides' costs, explained.

use super::Appendix;
use super::escape::Html;
use crate::concede::points;
use crate::concede::{Concessions, Packages};
use crate::report::concede::{balance, balanced_words, candidate, problem, unblocks, verification};
use crate::whatif::Outcome;

/// The appendix for `c`.
pub fn appendix(c: &Concessions) -> Appendix {
    let mut h = Html::new();
    let ids: Vec<&str> = c.baseline.proposals.iter().map(|p| p.id()).collect();
    match &c.packages {
        Packages::NoConflict => {
            h.el("p", "", "Nothing conflicts: there is nothing to concede.");
        }
        Packages::Infeasible(conflicts) => {
            h.el("p", "", "No package of concessions resolves every conflict: these conflicts set red line against red line.");
            h.raw("<ul class=\"plain\">\n");
            for &i in conflicts {
                if let Some(r) = c.problems.get(i) {
                    h.el("li", "", &problem(r, &crate::report::concede::plain));
                }
            }
            h.raw("</ul>\n");
        }
        Packages::Found { packages, .. } => {
            h.el(
                "p",
                "",
                "Each package is a set of moves (withdraw a term: core 4, normal 2, minor 1; narrow it in time, scope, topics or partition, or drop a condition: half that; make a condition concurrent: a quarter; red lines never) after which no conflict and no deadlock remains. Cheapest first.",
            );
            h.raw("<table class=\"packages\">\n<thead><tr><th>#</th><th>cost</th>");
            for id in &ids {
                h.open("th", &[]).text(&format!("paid by {id}")).close("th");
            }
            h.raw(
                "<th>how the cost falls</th><th>moves</th><th>after</th><th>unblocks</th></tr></thead>\n<tbody>\n",
            );
            for (n, k) in packages.iter().enumerate() {
                h.raw("<tr>");
                h.el("td", "", &(n + 1).to_string());
                h.el("td", "num", &points(k.package.cost));
                for j in 0..ids.len() {
                    let paid = k.package.cost_by_proposal.get(j).copied().unwrap_or(0);
                    h.el("td", "num", &points(paid));
                }
                h.el("td", "", &balance(&ids, k));
                let withdrawn: Vec<String> = k
                    .moves
                    .iter()
                    .filter_map(|&t| c.candidates.get(t))
                    .map(|x| candidate(c, x))
                    .collect();
                h.el("td", "", &withdrawn.join("; "));
                let after = match &k.outcome {
                    Outcome::Evaluated(e) => e
                        .summary
                        .pairs
                        .iter()
                        .map(|p| p.verdict.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    Outcome::Invalid(_) => "could not be evaluated".to_owned(),
                };
                let after = format!("{after} ({})", verification(k));
                h.el("td", "", &after);
                h.el("td", "", &unblocks(k).join(", "));
                h.raw("</tr>\n");
            }
            h.raw("</tbody></table>\n");
            if let Some(words) = balanced_words(c, &ids) {
                h.el("p", "", &format!("Balanced point: {words}."));
            }
        }
    }
    Appendix {
        id: "concessions".into(),
        title: "Cheapest concessions".into(),
        body: h,
    }
}
