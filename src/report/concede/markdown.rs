//! The Markdown report of a concession analysis: the packages in a table, then each
//! package with what it withdraws, what it unblocks and the edits that apply it.

use std::fmt::Write;

use super::unblocks;
use crate::concede::{Concessions, Packages};
use crate::report::markdown as md;
use crate::whatif::{Edit, Outcome};

/// Renders `c` as Markdown; `try_edits` gives the command that applies a package's
/// edits.
pub fn render(c: &Concessions, try_edits: impl Fn(&[Edit]) -> String) -> String {
    let mut out = String::new();
    let ids: Vec<&str> = c.baseline.proposals.iter().map(|q| q.id()).collect();
    let heading: Vec<String> = ids.iter().map(|i| md::code(i)).collect();
    let codes: Vec<String> = ids.iter().map(|i| md::cell_code(i)).collect();
    let _ = writeln!(out, "# Concessions between {}\n", heading.join(" and "));
    let _ = writeln!(out, "{} conflicts to resolve:\n", c.conflicts.len());
    for k in &c.conflicts {
        let how = if k.indirect { " (indirect)" } else { "" };
        let _ = writeln!(out, "- {} ⟷ {}{how}", md::code(&k.left), md::code(&k.right));
    }
    out.push('\n');
    match &c.packages {
        Packages::NoConflict => {
            let _ = writeln!(out, "Nothing to concede: no conflict.");
        }
        Packages::Infeasible(conflicts) => {
            let _ = writeln!(
                out,
                "**No package exists**: red lines clash on these conflicts:\n"
            );
            for &i in conflicts {
                if let Some(k) = c.conflicts.get(i) {
                    let reds: Vec<String> = c.red_lines(i).iter().map(|r| md::code(&r.name)).collect();
                    let _ = writeln!(
                        out,
                        "- {} ⟷ {}: red lines {}",
                        md::code(&k.left),
                        md::code(&k.right),
                        reds.join(", ")
                    );
                }
            }
        }
        Packages::Found { packages, .. } => {
            let _ = writeln!(
                out,
                "| package | withdraw | cost | {} | balance |\n|---|---|--:|{}--:|",
                codes.join(" | "),
                "--:|".repeat(ids.len())
            );
            for (i, k) in packages.iter().enumerate() {
                let names: Vec<String> = k
                    .terms
                    .iter()
                    .filter_map(|&t| c.candidates.get(t))
                    .map(|x| md::cell_code(&x.name))
                    .collect();
                let costs: Vec<String> = (0..ids.len())
                    .map(|j| {
                        k.package
                            .cost_by_proposal
                            .get(j)
                            .copied()
                            .unwrap_or(0)
                            .to_string()
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {:.2} |",
                    i + 1,
                    names.join(", "),
                    k.package.cost,
                    costs.join(" | "),
                    k.package.balance
                );
            }
            out.push('\n');
            for &(p, k) in &c.one_sided() {
                if let (Some(id), Some(pkg)) = (ids.get(p), packages.get(k)) {
                    let _ = writeln!(
                        out,
                        "- If only {} concedes: cost {} (package {}).",
                        md::code(id),
                        pkg.package.cost,
                        k + 1
                    );
                }
            }
            out.push('\n');
            for (i, k) in packages.iter().enumerate() {
                let _ = writeln!(out, "## Package {}: cost {}\n", i + 1, k.package.cost);
                for &t in &k.terms {
                    if let Some(x) = c.candidates.get(t) {
                        let _ = writeln!(
                            out,
                            "- withdraw {} ({}, cost {})",
                            md::code(&x.name),
                            x.priority,
                            super::cost(x.cost)
                        );
                    }
                }
                if let Outcome::Evaluated(e) = &k.outcome {
                    for pair in &e.summary.pairs {
                        let _ = writeln!(out, "- after: {}", pair.verdict.as_str());
                    }
                }
                let un = unblocks(k);
                if !un.is_empty() {
                    let names: Vec<String> = un.iter().map(|u| md::code(u)).collect();
                    let _ = writeln!(out, "- unblocks {}", names.join(", "));
                }
                let _ = writeln!(out, "\n{}\n", md::fence("sh", &try_edits(&k.edits)));
            }
        }
    }
    out
}
