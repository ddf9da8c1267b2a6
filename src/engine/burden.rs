//! Burden: the obligations and prohibitions each proposal places on each party,
//! counted and weighted by priority and window length, and the share a proposal places
//! on its own authors.

use super::atom::Atom;
use crate::load::ResolvedProposal;
use crate::vocab::PartyId;

/// Days in the window of weight 1.
pub const WINDOW_UNIT_DAYS: f64 = 30.0;
/// Windows longer than this (and open-ended ones) weigh as this many days.
pub const WINDOW_CAP_DAYS: f64 = 360.0;

/// What one proposal asks of the parties.
#[derive(Debug, Clone, PartialEq)]
pub struct Burden {
    /// Index of the proposal.
    pub proposal: usize,
    /// One row per party bound, authors first, then in vocabulary order.
    pub rows: Vec<BurdenRow>,
}

/// What one proposal asks of one party.
#[derive(Debug, Clone, PartialEq)]
pub struct BurdenRow {
    /// The party.
    pub party: PartyId,
    /// Whether the party is an author of the proposal.
    pub author: bool,
    /// Obligations and prohibitions binding the party (one per term and party).
    pub count: usize,
    /// The same, each weighted by priority (red line 8, core 4, normal 2, minor 1)
    /// times window length in units of 30 days (open-ended and longer windows count
    /// as 360 days).
    pub weight: f64,
}

impl Burden {
    /// The share of the weighted burden placed on the proposal's own authors (0 to 1),
    /// or `None` when it binds nobody.
    pub fn own_share(&self) -> Option<f64> {
        let total: f64 = self.rows.iter().map(|r| r.weight).sum();
        let own: f64 = self.rows.iter().filter(|r| r.author).map(|r| r.weight).sum();
        (total > 0.0).then(|| own / total)
    }

    /// How many of the proposal's obligations and prohibitions bind others than its
    /// authors, and how many there are in all.
    pub fn on_others(&self) -> (usize, usize) {
        let total = self.rows.iter().map(|r| r.count).sum();
        let others = self.rows.iter().filter(|r| !r.author).map(|r| r.count).sum();
        (others, total)
    }
}

/// The burden of proposal `index`, from its written atoms.
pub fn burden(index: usize, proposal: &ResolvedProposal, atoms: &[Atom]) -> Burden {
    let mut rows: Vec<BurdenRow> = proposal
        .by
        .iter()
        .map(|&party| BurdenRow {
            party,
            author: true,
            count: 0,
            weight: 0.0,
        })
        .collect();
    for a in atoms.iter().filter(|a| !a.is_derived() && a.modality.binds()) {
        let priority = proposal
            .proposal
            .terms
            .get(a.term.term)
            .map(|t| t.priority)
            .unwrap_or_default();
        let days = a
            .window
            .days()
            .map_or(WINDOW_CAP_DAYS, |d| (d as f64).min(WINDOW_CAP_DAYS));
        let weight = f64::from(priority.weight()) * days / WINDOW_UNIT_DAYS;
        let row = match rows.iter().position(|r| r.party == a.subject) {
            Some(i) => &mut rows[i],
            None => {
                rows.push(BurdenRow {
                    party: a.subject,
                    author: false,
                    count: 0,
                    weight: 0.0,
                });
                let last = rows.len() - 1;
                &mut rows[last]
            }
        };
        row.count += 1;
        row.weight += weight;
    }
    let authors = proposal.by.len().min(rows.len());
    rows[authors..].sort_by_key(|r| r.party);
    Burden {
        proposal: index,
        rows,
    }
}
