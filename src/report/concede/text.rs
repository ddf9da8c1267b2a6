//! The terminal report of a concession analysis: the conflicts and candidate
//! concessions, each package with its cost to each side, balance, what it unblocks and
//! the edits that apply it, then which side conceding alone is cheaper.

use std::fmt::Write;

use super::{candidate, unblocks};
use crate::concede::{Concessions, Packages};
use crate::report::compare::text::summary;
use crate::report::style::{Painter, Role};
use crate::report::terminal::{guard, one_line as line};
use crate::whatif::{Edit, Outcome};

/// Renders `c` as text; `try_edits` gives the command that applies a package's edits
/// (the command line gives a `whatif` command).
pub fn render(c: &Concessions, try_edits: impl Fn(&[Edit]) -> String, p: Painter) -> String {
    let mut out = String::new();
    // Every string from the files is shown on one line (`line`), and the whole text is
    // guarded at the end: nothing from an input reaches the terminal as a control.
    let ids: Vec<String> = c
        .baseline
        .proposals
        .iter()
        .map(|q| line(q.id()).into_owned())
        .collect();
    let _ = writeln!(
        out,
        "{}  {}: {} conflict{}",
        p.paint(Role::Strong, "CONCEDE"),
        ids.join(" vs "),
        c.conflicts.len(),
        if c.conflicts.len() == 1 { "" } else { "s" }
    );
    for k in &c.conflicts {
        let how = if k.indirect { "indirect" } else { "conflict" };
        let _ = writeln!(out, "  {how:<8}  {} ⟷ {}", line(&k.left), line(&k.right));
    }
    if !c.candidates.is_empty() {
        let names: Vec<String> = c
            .candidates
            .iter()
            .map(|x| line(&candidate(x)).into_owned())
            .collect();
        let _ = writeln!(out, "  {:<8}  {}", "withdraw", names.join(", "));
    }
    out.push('\n');
    match &c.packages {
        Packages::NoConflict => {
            let _ = writeln!(out, "{}", p.paint(Role::Good, "nothing to concede: no conflict"));
        }
        Packages::Infeasible(conflicts) => {
            let _ = writeln!(
                out,
                "{}",
                p.paint(
                    Role::Bad,
                    "NO PACKAGE: red lines clash; these conflicts need a red line conceded"
                )
            );
            for &i in conflicts {
                if let Some(k) = c.conflicts.get(i) {
                    let reds: Vec<String> = c
                        .red_lines(i)
                        .iter()
                        .map(|r| line(&r.name).into_owned())
                        .collect();
                    let _ = writeln!(
                        out,
                        "  {} ⟷ {}  red line{}: {}",
                        line(&k.left),
                        line(&k.right),
                        if reds.len() == 1 { "" } else { "s" },
                        reds.join(", ")
                    );
                }
            }
        }
        Packages::Found { packages, .. } => {
            for (i, k) in packages.iter().enumerate() {
                let shares: Vec<String> = ids
                    .iter()
                    .enumerate()
                    .map(|(j, id)| {
                        format!("{id} {}", k.package.cost_by_proposal.get(j).copied().unwrap_or(0))
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "{}  cost {}  ({})  balance {:.2}",
                    p.paint(Role::Strong, &format!("PACKAGE {}", i + 1)),
                    k.package.cost,
                    shares.join(" · "),
                    k.package.balance
                );
                for (n, &t) in k.terms.iter().enumerate() {
                    if let Some(cand) = c.candidates.get(t) {
                        let label = if n == 0 { "withdraw" } else { "" };
                        let _ = writeln!(out, "  {label:<8}  {}", line(&candidate(cand)));
                    }
                }
                match &k.outcome {
                    Outcome::Evaluated(e) => {
                        for pair in &e.summary.pairs {
                            let _ = writeln!(
                                out,
                                "  {:<8}  {} — {}",
                                "after",
                                pair.verdict.as_str(),
                                summary(&pair.counts)
                            );
                        }
                        let un = unblocks(k);
                        if !un.is_empty() {
                            let _ = writeln!(out, "  {:<8}  {}", "unblocks", line(&un.join(", ")));
                        }
                    }
                    Outcome::Invalid(_) => {
                        let _ = writeln!(
                            out,
                            "  {:<8}  {}",
                            "after",
                            p.paint(Role::Bad, "could not be evaluated")
                        );
                    }
                }
                let _ = writeln!(
                    out,
                    "  {:<8}  {}",
                    "try",
                    p.paint(Role::Dim, &line(&try_edits(&k.edits)))
                );
                out.push('\n');
            }
            let sided = c.one_sided();
            for &(prop, k) in &sided {
                if let (Some(id), Some(pkg)) = (ids.get(prop), packages.get(k)) {
                    let _ = writeln!(
                        out,
                        "{}  only {id} concedes: cost {} (package {})",
                        p.paint(Role::Strong, "ONE-SIDED"),
                        pkg.package.cost,
                        k + 1
                    );
                }
            }
            if let [(a, ka), (b, kb)] = sided.as_slice()
                && let (Some(pa), Some(pb)) = (packages.get(*ka), packages.get(*kb))
            {
                let (ida, idb) = (
                    ids.get(*a).cloned().unwrap_or_default(),
                    ids.get(*b).cloned().unwrap_or_default(),
                );
                let (ca, cb) = (pa.package.cost, pb.package.cost);
                let verdict = if ca < cb {
                    format!("{ida} conceding is cheaper ({ca} against {cb})")
                } else if cb < ca {
                    format!("{idb} conceding is cheaper ({cb} against {ca})")
                } else {
                    format!("both cost {ca}")
                };
                let _ = writeln!(out, "{}  {verdict}", p.paint(Role::Strong, "CHEAPER  "));
            }
        }
    }
    guard(&out, p.enabled()).into_owned()
}
