//! Renderers of a concession analysis ([`crate::concede::Concessions`]):
//! `text` (terminal), `markdown` (a briefing), `json` (for scripts, with its own output
//! types). The words the three (and the HTML appendix) share live here: each move in
//! domain words, each problem, what a package costs each side and how evenly, and
//! the balanced point of the Pareto front. The command that tries a package (an
//! `armistice whatif` command) is the caller's: the text and Markdown renderers take
//! it as a function of the package's edits.

pub mod json;
pub mod markdown;
pub mod text;

use crate::concede::{
    Candidate, Concessions, Cost, Move, PackageResult, ProblemKind, ProblemRef, Restriction, points,
};
use crate::engine::{BlockStatus, Direction, Finding, TermRef};
use crate::resolved::Interval;
use crate::whatif::Outcome;

/// A cost in words: `4`, `0.5` or `never` (a red line).
pub fn cost(c: Cost) -> String {
    match c {
        Cost::Finite(n) => points(n),
        Cost::Forbidden => "never".to_owned(),
    }
}

/// A candidate in words with its price: `withdraw us/aid (core, 4)`.
pub fn candidate(c: &Concessions, k: &Candidate) -> String {
    format!("{} ({}, {})", move_words(c, k, &plain), k.priority, cost(k.cost))
}

/// Names as they are (the text renderers guard what they print).
pub fn plain(name: &str) -> String {
    name.to_owned()
}

/// The window of `t` in its proposal's own days.
fn own_window(c: &Concessions, t: TermRef) -> Option<Interval> {
    let p = c.baseline.proposals.get(t.proposal)?;
    let w = p.terms.get(t.term)?.window;
    let shift = match (p.calendar, p.proposal.entry_into_force) {
        (Some(cal), Some(e)) => cal.days_until(e),
        _ => 0,
    };
    Some(if w.is_unstated() { w } else { w.shifted(-shift) })
}

/// A move in domain words: what the side does to which term.
/// Names (ids, user input) are written by `code`.
pub fn move_words(c: &Concessions, k: &Candidate, code: &dyn Fn(&str) -> String) -> String {
    let other = code(k.other.as_deref().unwrap_or(""));
    let name = code(&k.name);
    match k.mv {
        Move::Withdraw { .. } => format!("withdraw {name}"),
        Move::Narrow { term, from, to } => {
            let new = Interval::new(from, to);
            let was = own_window(c, term);
            let was_words = was.map_or(String::new(), |w| format!("; was {w}"));
            match (was, to) {
                (Some(old), Some(end)) if old.from == from => {
                    format!(
                        "shorten {name} to end on day {end} ({new}{was_words}), clear of the terms it conflicts with"
                    )
                }
                (Some(_), _) => {
                    format!(
                        "shift {name} to start on day {from} ({new}{was_words}), clear of the terms it conflicts with"
                    )
                }
                (None, _) => format!("narrow {name} to {new}, clear of the terms it conflicts with"),
            }
        }
        Move::Restrict { what, .. } => restrict_words(k, what, &name, code),
        Move::Meet { .. } => format!("{name} says what {other} says, meeting it inside its range"),
        Move::DropCondition { .. } => format!("drop the condition of {name} on {other}"),
        Move::Concurrent { .. } => {
            format!("let {name} take effect together with {other} (its condition concurrent, not before)")
        }
        Move::Commit { .. } => format!("{other} commits to {name} (adds it)"),
    }
}

/// A narrowing of scope, topics or partition in words: what the term comes to
/// cover, what it covered, and the part it leaves to the terms it conflicts with.
fn restrict_words(k: &Candidate, what: Restriction, name: &str, code: &dyn Fn(&str) -> String) -> String {
    let Some(r) = &k.restricted else {
        return format!("narrow {name}");
    };
    let list = |l: &[String]| l.iter().map(|x| code(x)).collect::<Vec<_>>().join(", ");
    let (after, left_out) = (list(&r.after), list(&r.left_out));
    match what {
        Restriction::Scope(_) => format!(
            "narrow the scope of {name} to {after} (was {}; taxonomy {}), leaving out {left_out}, where the terms it conflicts with apply",
            list(&r.before),
            code(&r.dimension)
        ),
        Restriction::Topics => format!(
            "narrow {name} to be about {after} (was about {}), leaving out {left_out}, which the terms it conflicts with are about",
            list(&r.before)
        ),
        Restriction::Partition(_) => {
            let before = if r.before.is_empty() {
                "every category".to_owned()
            } else {
                list(&r.before)
            };
            format!(
                "narrow {name} to the {} {after} (was {before}), leaving out {left_out}, which the terms it conflicts with cover",
                code(&r.dimension)
            )
        }
    }
}

/// A problem in words: `conflict a/x ⟷ b/y`, `deadlock a/e → a/b → b/b → b/e`,
/// `a/t pending on a/r`.
/// Names are written by `code`.
pub fn problem(p: &ProblemRef, code: &dyn Fn(&str) -> String) -> String {
    let (l, r) = (code(p.left()), code(p.right()));
    match p.kind {
        ProblemKind::Conflict => format!("conflict {l} ⟷ {r}"),
        ProblemKind::Indirect => format!("indirect conflict {l} ⟷ {r}"),
        ProblemKind::Contingent => format!("contingent conflict {l} ⟷ {r}"),
        ProblemKind::Deadlock | ProblemKind::Cycle => {
            let names: Vec<String> = p.names.iter().map(|n| code(n)).collect();
            let what = if p.kind == ProblemKind::Deadlock {
                "deadlock"
            } else {
                "another cycle of that deadlock"
            };
            format!("{what} {}", names.join(" → "))
        }
        ProblemKind::Pending | ProblemKind::Blocked => {
            let status = if p.kind == ProblemKind::Pending {
                "pending"
            } else {
                "blocked"
            };
            let required = code(p.names.last().map_or("", String::as_str));
            format!("{l} {status} on {required}")
        }
    }
}

/// A problem as the list of problems words it: [`problem`], and for one that moves
/// would uncover, which (`... once withdraw a/x is made`).
pub fn listed(c: &Concessions, p: &ProblemRef, code: &dyn Fn(&str) -> String) -> String {
    let what = problem(p, code);
    if p.uncovered_by.is_empty() {
        return what;
    }
    let moves: Vec<String> = p
        .uncovered_by
        .iter()
        .filter_map(|&m| c.candidates.get(m))
        .map(|k| move_words(c, k, code))
        .collect();
    let made = if moves.len() == 1 { "is" } else { "are" };
    format!("{what}, once {} {made} made", moves.join(" and "))
}

/// With `strict`, why the search for what packages uncover stopped short, in words.
pub fn strict_stopped(c: &Concessions) -> Option<String> {
    let rounds = c.strict_stopped?;
    Some(format!(
        "the engine does not confirm every package: after {rounds} round{} of adding what packages uncover, {}",
        if rounds == 1 { "" } else { "s" },
        if rounds >= crate::concede::STRICT_ROUNDS {
            "the bound of rounds was reached"
        } else {
            "nothing new was found to add"
        }
    ))
}

/// With `strict`, when the look ahead was cut short by its bound: what that leaves
/// unproven, in words.
pub fn strict_unproven(c: &Concessions) -> Option<String> {
    let bound = c.strict_unproven?;
    let how = if bound == crate::concede::STRICT_LOOKAHEAD {
        "each alone"
    } else {
        "two by two"
    };
    Some(format!(
        "the {} candidate moves were too many to try {how} before the search ({bound} at most): every package is confirmed by the engine, but none is proven the cheapest",
        c.candidates.len()
    ))
}

/// The problems a package's move resolves, in words.
pub fn resolves(c: &Concessions, k: &PackageResult, n: usize, code: &dyn Fn(&str) -> String) -> Vec<String> {
    k.resolves
        .get(n)
        .into_iter()
        .flatten()
        .filter_map(|&i| c.problems.get(i))
        .map(|p| problem(p, code))
        .collect()
}

/// What the problems are, counted: `2 conflicts, 1 deadlock`.
pub fn problem_counts(c: &Concessions) -> String {
    let mut parts = Vec::new();
    let kinds = [
        (ProblemKind::Conflict, "conflict"),
        (ProblemKind::Indirect, "indirect conflict"),
        (ProblemKind::Contingent, "contingent conflict"),
        (ProblemKind::Deadlock, "deadlock"),
        (ProblemKind::Cycle, "further cycle"),
        (ProblemKind::Pending, "pending condition"),
        (ProblemKind::Blocked, "blocked condition"),
    ];
    let own = || c.problems.iter().filter(|p| p.uncovered_by.is_empty());
    for (kind, word) in kinds {
        let n = own().filter(|p| p.kind == kind).count();
        if n > 0 {
            parts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
        }
    }
    let uncovered = c.problems.len() - own().count();
    if uncovered > 0 {
        parts.push(format!(
            "{uncovered} more that moves would uncover (found by the engine)"
        ));
    }
    if parts.is_empty() {
        "nothing to resolve".to_owned()
    } else {
        parts.join(", ")
    }
}

/// How a package's cost falls on the sides, in words: `all on a`, `shared evenly`,
/// `a bears 75% (3 of 4)`.
pub fn balance(ids: &[&str], k: &PackageResult) -> String {
    let costs = &k.package.cost_by_proposal;
    let total = k.package.cost;
    if total == 0 {
        return "costs no one anything".to_owned();
    }
    let paying: Vec<usize> = (0..ids.len())
        .filter(|&i| costs.get(i).is_some_and(|&c| c > 0))
        .collect();
    let most = costs.iter().copied().max().unwrap_or(0);
    let top = (0..ids.len()).find(|&i| costs.get(i) == Some(&most)).unwrap_or(0);
    let name = |i: usize| ids.get(i).copied().unwrap_or("?");
    match paying.as_slice() {
        [one] => format!("all on {}", name(*one)),
        _ if costs.iter().take(ids.len()).all(|&c| c == most) => "shared evenly".to_owned(),
        _ => format!(
            "{} bears {:.0}% ({} of {})",
            name(top),
            k.package.balance * 100.0,
            points(most),
            points(total)
        ),
    }
}

/// The costs to each side: `a 0.5 · b 2`.
pub fn shares(ids: &[&str], k: &PackageResult) -> String {
    ids.iter()
        .enumerate()
        .map(|(j, id)| {
            let paid = k.package.cost_by_proposal.get(j).copied().unwrap_or(0);
            format!("{id} {}", points(paid))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The balanced point of the front explained in words (`ids` as they should be
/// written).
pub fn balanced_words(c: &Concessions, ids: &[&str]) -> Option<String> {
    let front = c.front.as_ref()?;
    let k = front.points.get(front.balanced)?;
    let (a, b) = (ids.first().copied()?, ids.get(1).copied()?);
    let cost = |j: usize| points(k.package.cost_by_proposal.get(j).copied().unwrap_or(0));
    let n = front.points.len();
    let plural = if n == 1 { "" } else { "s" };
    let mut s = if ids.len() == 2 {
        format!(
            "{a} gives up {} and {b} {}: of the {n} package{plural} that no other beats for both sides, this is the one where the side that gives up more gives up least",
            cost(0),
            cost(1),
        )
    } else {
        let each: Vec<String> = ids
            .iter()
            .enumerate()
            .map(|(j, id)| {
                if j == 0 {
                    format!("{id} gives up {}", cost(j))
                } else {
                    format!("{id} {}", cost(j))
                }
            })
            .collect();
        format!(
            "{}: of the {n} package{plural} that no other beats for every side, this is the one where the side that gives up most gives up least",
            and_list(&each)
        )
    };
    let key = |p: &PackageResult| {
        let most = p.package.cost_by_proposal.iter().copied().max().unwrap_or(0);
        (most, p.package.cost)
    };
    let ties = front.points.iter().filter(|p| key(p) == key(k)).count() - 1;
    if ties > 0 {
        s.push_str(&format!(
            " (tied with {ties} other{} of the front, listed first)",
            if ties == 1 { "" } else { "s" }
        ));
    }
    let cheapest = front.points.iter().min_by_key(|p| p.package.cost);
    if let Some(ch) = cheapest
        && ch.package.cost < k.package.cost
    {
        s.push_str(&format!(
            "; it costs {} in all, against {} for the cheapest, which is {}",
            points(k.package.cost),
            points(ch.package.cost),
            balance(ids, ch)
        ));
    }
    if !k.verified() {
        s.push_str(" (not confirmed by the engine)");
    }
    Some(s)
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the front sets against what, and for whom: `cost to a against cost to b`
/// and `both sides` for two proposals, `costs to a, b and c` and `every side` for
/// more.
pub fn front_axes(ids: &[&str]) -> (String, &'static str) {
    match ids {
        [a, b] => (format!("cost to {a} against cost to {b}"), "both sides"),
        _ => {
            let each: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
            (format!("costs to {}", and_list(&each)), "every side")
        }
    }
}

/// What the engine found after a package: `confirmed` or what is left.
pub fn verification(k: &PackageResult) -> String {
    match k.remaining {
        None => "not confirmed: the edits could not be evaluated".to_owned(),
        Some(r) if r.none() => "confirmed by the engine on the edited proposals".to_owned(),
        Some(r) => {
            let mut left = Vec::new();
            for (n, word) in [
                (r.conflicts, "conflict"),
                (r.deadlocks, "deadlock"),
                (r.contingent, "contingent conflict"),
                (r.held, "held condition"),
            ] {
                if n > 0 {
                    left.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
                }
            }
            format!("NOT CONFIRMED: the engine still finds {}", left.join(", "))
        }
    }
}

/// The terms a package unblocks: held (blocked) before, not after.
pub fn unblocks(p: &PackageResult) -> Vec<String> {
    let Outcome::Evaluated(e) = &p.outcome else {
        return Vec::new();
    };
    e.pairs
        .iter()
        .flat_map(|pc| &pc.changes)
        .filter_map(|c| match (&c.change.finding, c.change.direction) {
            (
                Finding::Held {
                    term,
                    status: BlockStatus::Blocked,
                },
                Direction::Lost,
            ) => Some(term.clone()),
            _ => None,
        })
        .collect()
}
