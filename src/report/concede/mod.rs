//! Renderers of a concession analysis ([`crate::concede::Concessions`]):
//! `text` (terminal), `markdown` (a briefing), `json` (for scripts, with its own output
//! types). The words the three share live here. The command that tries a package
//! (an `armistice whatif` command) is the caller's: the text and Markdown renderers
//! take it as a function of the package's edits.

pub mod json;
pub mod markdown;
pub mod text;

use crate::concede::{Candidate, Cost, PackageResult};
use crate::engine::{BlockStatus, Direction, Finding};
use crate::whatif::Outcome;

/// A cost in words: `4` or `never` (a red line).
pub fn cost(c: Cost) -> String {
    match c {
        Cost::Finite(n) => n.to_string(),
        Cost::Forbidden => "never".to_owned(),
    }
}

/// A candidate in words: `us-2025-03-11/aid (core, 4)`.
pub fn candidate(c: &Candidate) -> String {
    format!("{} ({}, {})", c.name, c.priority, cost(c.cost))
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
