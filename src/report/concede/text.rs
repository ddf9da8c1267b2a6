//! The terminal report of a concession analysis: the problems to resolve, each
//! package with its cost to each side (and how evenly it falls, in words), each move
//! in domain words with what it resolves, the verdict after it as the engine found
//! it, and the command that applies it; then the Pareto front of the sides' costs
//! and its balanced point explained, and which side conceding alone is cheaper.

use std::fmt::Write;

use super::{
    balance, balanced_words, front_axes, listed, move_words, plain, problem, problem_counts, resolves,
    shares, strict_stopped, strict_unproven, unblocks, verification,
};
use crate::concede::{Concessions, PackageResult, Packages, points};
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
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let _ = writeln!(
        out,
        "{}  {}: {}",
        p.paint(Role::Strong, "CONCEDE"),
        ids.join(" vs "),
        problem_counts(c)
    );
    for k in &c.problems {
        let _ = writeln!(out, "  {:<8}  {}", "resolve", line(&listed(c, k, &plain)));
    }
    out.push('\n');
    match &c.packages {
        Packages::NoConflict => {
            let _ = writeln!(
                out,
                "{}",
                p.paint(Role::Good, "nothing to concede: no conflict and no deadlock")
            );
        }
        Packages::Infeasible(problems) => {
            let _ = writeln!(
                out,
                "{}",
                p.paint(
                    Role::Bad,
                    "NO PACKAGE: red lines clash; these problems need a red line moved"
                )
            );
            for &i in problems {
                if let Some(k) = c.problems.get(i) {
                    let reds: Vec<String> = c
                        .red_lines(i)
                        .iter()
                        .map(|r| line(&r.name).into_owned())
                        .collect();
                    let _ = writeln!(
                        out,
                        "  {}  red line{}: {}",
                        line(&problem(k, &plain)),
                        if reds.len() == 1 { "" } else { "s" },
                        reds.join(", ")
                    );
                }
            }
        }
        Packages::Found { packages, .. } => {
            if let Some(why) = strict_stopped(c) {
                let _ = writeln!(out, "{}  {}\n", p.paint(Role::Bad, "STRICT"), line(&why));
            }
            if let Some(why) = strict_unproven(c) {
                let _ = writeln!(out, "{}  {}\n", p.paint(Role::Bad, "STRICT"), line(&why));
            }
            for (i, k) in packages.iter().enumerate() {
                let title = if i == 0 {
                    "PACKAGE 1 (optimal)".to_owned()
                } else {
                    format!("PACKAGE {} (next best)", i + 1)
                };
                package(&mut out, c, k, &title, &id_refs, &try_edits, p);
            }
            front(&mut out, c, packages, &id_refs, p);
            one_sided(&mut out, c, packages, &ids, p);
        }
    }
    guard(&out, p.enabled()).into_owned()
}

fn package(
    out: &mut String,
    c: &Concessions,
    k: &PackageResult,
    title: &str,
    ids: &[&str],
    try_edits: &impl Fn(&[Edit]) -> String,
    p: Painter,
) {
    let _ = writeln!(
        out,
        "{}  cost {}  ({})  {}",
        p.paint(Role::Strong, title),
        points(k.package.cost),
        shares(ids, k),
        balance(ids, k)
    );
    for (n, &m) in k.moves.iter().enumerate() {
        if let Some(cand) = c.candidates.get(m) {
            let _ = writeln!(
                out,
                "  {:<8}  {} ({}, {})",
                "move",
                line(&move_words(c, cand, &plain)),
                cand.priority,
                super::cost(cand.cost)
            );
            let done = resolves(c, k, n, &plain);
            if !done.is_empty() {
                let _ = writeln!(out, "  {:<8}    resolves {}", "", line(&done.join("; ")));
            }
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
    let role = if k.verified() { Role::Good } else { Role::Bad };
    let _ = writeln!(out, "  {:<8}  {}", "verified", p.paint(role, &verification(k)));
    let _ = writeln!(
        out,
        "  {:<8}  {}",
        "try",
        p.paint(Role::Dim, &line(&try_edits(&k.edits)))
    );
    out.push('\n');
}

/// The Pareto front and its balanced point.
fn front(out: &mut String, c: &Concessions, packages: &[PackageResult], ids: &[&str], p: Painter) {
    if let Some(e) = &c.front_stopped {
        let _ = writeln!(out, "{}  not found: {e}\n", p.paint(Role::Strong, "FRONT"));
    }
    let Some(front) = &c.front else { return };
    let (axes, whom) = front_axes(ids);
    let _ = writeln!(
        out,
        "{}  {axes}: the packages no other beats for {whom}",
        p.paint(Role::Strong, "FRONT")
    );
    for (i, k) in front.points.iter().enumerate() {
        let listed = packages
            .iter()
            .position(|q| q.package.concessions == k.package.concessions)
            .map_or(String::new(), |n| format!("  (package {})", n + 1));
        let mark = if i == front.balanced { "balanced" } else { "" };
        let moves: Vec<String> = k
            .moves
            .iter()
            .filter_map(|&m| c.candidates.get(m))
            .map(|x| line(&move_words(c, x, &plain)).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "  {mark:<8}  {}{listed}: {}",
            shares(ids, k),
            moves.join("; ")
        );
    }
    if let Some(words) = balanced_words(c, ids) {
        let _ = writeln!(out, "{}  {}", p.paint(Role::Strong, "BALANCED"), line(&words));
    }
    out.push('\n');
}

fn one_sided(out: &mut String, c: &Concessions, packages: &[PackageResult], ids: &[String], p: Painter) {
    let sided = c.one_sided();
    for &(prop, k) in &sided {
        if let (Some(id), Some(pkg)) = (ids.get(prop), packages.get(k)) {
            let _ = writeln!(
                out,
                "{}  only {id} concedes: cost {} (package {})",
                p.paint(Role::Strong, "ONE-SIDED"),
                points(pkg.package.cost),
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
            format!(
                "{ida} conceding is cheaper ({} against {})",
                points(ca),
                points(cb)
            )
        } else if cb < ca {
            format!(
                "{idb} conceding is cheaper ({} against {})",
                points(cb),
                points(ca)
            )
        } else {
            format!("both cost {}", points(ca))
        };
        let _ = writeln!(out, "{}  {verdict}", p.paint(Role::Strong, "CHEAPER  "));
    }
}
