//! The concessions section of the HTML briefing: the cheapest packages of withdrawn
//! terms after which no conflict remains, each with its cost to each side, its balance,
//! what it unblocks, and the verdict after.

use super::Appendix;
use super::escape::Html;
use crate::concede::{Concessions, Packages};
use crate::report::concede::{candidate, unblocks};
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
                if let Some(r) = c.conflicts.get(i) {
                    h.el("li", "", &format!("{} ⟷ {}", r.left, r.right));
                }
            }
            h.raw("</ul>\n");
        }
        Packages::Found { packages, .. } => {
            h.el(
                "p",
                "",
                "Each package withdraws terms (cost by priority: core 4, normal 2, minor 1; red lines never) so that no conflict remains. Cheapest first.",
            );
            h.raw("<table class=\"packages\">\n<thead><tr><th>#</th><th>cost</th>");
            for id in &ids {
                h.open("th", &[]).text(&format!("paid by {id}")).close("th");
            }
            h.raw(
                "<th>balance</th><th>withdraws</th><th>after</th><th>unblocks</th></tr></thead>\n<tbody>\n",
            );
            for (n, k) in packages.iter().enumerate() {
                h.raw("<tr>");
                h.el("td", "", &(n + 1).to_string());
                h.el("td", "num", &k.package.cost.to_string());
                for j in 0..ids.len() {
                    let paid = k.package.cost_by_proposal.get(j).copied().unwrap_or(0);
                    h.el("td", "num", &paid.to_string());
                }
                h.el("td", "num", &format!("{:.2}", k.package.balance));
                let withdrawn: Vec<String> = k
                    .terms
                    .iter()
                    .filter_map(|&t| c.candidates.get(t))
                    .map(candidate)
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
                h.el("td", "", &after);
                h.el("td", "", &unblocks(k).join(", "));
                h.raw("</tr>\n");
            }
            h.raw("</tbody></table>\n");
        }
    }
    Appendix {
        id: "concessions".into(),
        title: "Cheapest concessions".into(),
        body: h,
    }
}
