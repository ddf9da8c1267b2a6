//! The Markdown report of a concession analysis: the problems to resolve, the
//! packages in a table (cost to each side and how evenly it falls, in words), the
//! Pareto front of the sides' costs with its balanced point explained, then each
//! package with its moves in domain words, what each resolves, the verdict after it
//! as the engine found it, and the command that applies it.

use std::fmt::Write;

use super::{
    balance, balanced_words, front_axes, listed, move_words, problem, problem_counts, resolves, shares,
    strict_stopped, strict_unproven, unblocks, verification,
};
use crate::concede::{Concessions, Packages, points};
use crate::report::markdown as md;
use crate::whatif::{Edit, Outcome};

/// Renders `c` as Markdown; `try_edits` gives the command that applies a package's
/// edits.
pub fn render(c: &Concessions, try_edits: impl Fn(&[Edit]) -> String) -> String {
    let mut out = String::new();
    let ids: Vec<&str> = c.baseline.proposals.iter().map(|q| q.id()).collect();
    let heading: Vec<String> = ids.iter().map(|i| md::code(i)).collect();
    let codes: Vec<String> = ids.iter().map(|i| md::cell_code(i)).collect();
    let code = |s: &str| md::code(s);
    let cell = |s: &str| md::cell_code(s);
    let _ = writeln!(out, "# Concessions between {}\n", heading.join(" and "));
    let _ = writeln!(out, "To resolve: {}.\n", problem_counts(c));
    for k in &c.problems {
        let _ = writeln!(out, "- {}", listed(c, k, &code));
    }
    out.push('\n');
    match &c.packages {
        Packages::NoConflict => {
            let _ = writeln!(out, "Nothing to concede: no conflict and no deadlock.");
        }
        Packages::Infeasible(problems) => {
            let _ = writeln!(out, "**No package exists**: red lines clash on these problems:\n");
            for &i in problems {
                if let Some(k) = c.problems.get(i) {
                    let reds: Vec<String> = c.red_lines(i).iter().map(|r| md::code(&r.name)).collect();
                    let _ = writeln!(out, "- {}: red lines {}", problem(k, &code), reds.join(", "));
                }
            }
        }
        Packages::Found { packages, .. } => {
            if let Some(why) = strict_stopped(c) {
                let _ = writeln!(out, "**Not exact**: {why}.\n");
            }
            if let Some(why) = strict_unproven(c) {
                let _ = writeln!(out, "**Not proven the cheapest**: {why}.\n");
            }
            let _ = writeln!(
                out,
                "| package | moves | cost | {} | how the cost falls | verified |\n|---|---|--:|{}---|---|",
                codes.join(" | "),
                "--:|".repeat(ids.len())
            );
            for (i, k) in packages.iter().enumerate() {
                let names: Vec<String> = k
                    .moves
                    .iter()
                    .filter_map(|&t| c.candidates.get(t))
                    .map(|x| move_words(c, x, &cell))
                    .collect();
                let costs: Vec<String> = (0..ids.len())
                    .map(|j| points(k.package.cost_by_proposal.get(j).copied().unwrap_or(0)))
                    .collect();
                let cell_ids: Vec<String> = ids.iter().map(|i| md::cell_code(i)).collect();
                let cell_refs: Vec<&str> = cell_ids.iter().map(String::as_str).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    i + 1,
                    names.join("; "),
                    points(k.package.cost),
                    costs.join(" | "),
                    balance(&cell_refs, k),
                    if k.verified() { "yes" } else { "**no**" }
                );
            }
            out.push('\n');
            let code_ids: Vec<String> = ids.iter().map(|i| md::code(i)).collect();
            let code_refs: Vec<&str> = code_ids.iter().map(String::as_str).collect();
            if let Some(e) = &c.front_stopped {
                let _ = writeln!(out, "The Pareto front was not found: {e}.\n");
            }
            if let Some(front) = &c.front {
                let (axes, whom) = front_axes(&code_refs);
                let _ = writeln!(
                    out,
                    "## Pareto front\n\nThe packages no other beats for {whom} ({axes}):\n"
                );
                for (i, k) in front.points.iter().enumerate() {
                    let moves: Vec<String> = k
                        .moves
                        .iter()
                        .filter_map(|&m| c.candidates.get(m))
                        .map(|x| move_words(c, x, &code))
                        .collect();
                    let mark = if i == front.balanced {
                        " **(balanced)**"
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "- {}{mark}: {}", shares(&code_refs, k), moves.join("; "));
                }
                if let Some(words) = balanced_words(c, &code_refs) {
                    let _ = writeln!(out, "\n**Balanced point**: {words}.");
                }
                out.push('\n');
            }
            for &(p, k) in &c.one_sided() {
                if let (Some(id), Some(pkg)) = (ids.get(p), packages.get(k)) {
                    let _ = writeln!(
                        out,
                        "- If only {} concedes: cost {} (package {}).",
                        md::code(id),
                        points(pkg.package.cost),
                        k + 1
                    );
                }
            }
            out.push('\n');
            for (i, k) in packages.iter().enumerate() {
                let which = if i == 0 { "optimal" } else { "next best" };
                let _ = writeln!(
                    out,
                    "## Package {} ({which}): cost {}, {}\n",
                    i + 1,
                    points(k.package.cost),
                    balance(&code_refs, k)
                );
                for (n, &t) in k.moves.iter().enumerate() {
                    if let Some(x) = c.candidates.get(t) {
                        let done = resolves(c, k, n, &code);
                        let done = if done.is_empty() {
                            String::new()
                        } else {
                            format!(": resolves {}", done.join("; "))
                        };
                        let _ = writeln!(
                            out,
                            "- {} ({}, cost {}){done}",
                            move_words(c, x, &code),
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
                let _ = writeln!(out, "- verified: {}", verification(k));
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
