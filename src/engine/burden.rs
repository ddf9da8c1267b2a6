//! Burden: the obligations and prohibitions each proposal places on each party,
//! counted and weighted by priority and window length, and the share a proposal places
//! on its own authors.

use super::atom::{Atom, ProposalAtoms};
use crate::model::{Modality, ProposalKind};
use crate::resolved::ResolvedProposal;
use crate::vocab::PartyId;

/// Days in the window of weight 1.
pub(super) const WINDOW_UNIT_DAYS: i64 = 30;
/// Windows longer than this (and open-ended ones) weigh as this many days.
pub(super) const WINDOW_CAP_DAYS: i64 = 360;

/// What one proposal asks of the parties.
#[derive(Debug, Clone, PartialEq)]
pub struct Burden {
    /// Index of the proposal.
    pub proposal: usize,
    /// One row per party bound, authors first, then in vocabulary order.
    pub rows: Vec<BurdenRow>,
    /// What kind of text the proposal is: the asymmetry is read only of a position.
    pub kind: ProposalKind,
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
    /// as 360 days); an `endeavour` (an obligation of means) weighs half.
    pub weight: f64,
    /// The weight in priority-days, summed exactly (so that a what-if can take a
    /// term's share out again): `weight` is this over 30.
    pub(crate) units: i64,
}

impl Burden {
    /// The share of the weighted burden placed on the proposal's own authors (0 to 1),
    /// the asymmetry index: `None` when it binds nobody, and when the proposal is no
    /// position (DESIGN §3: an agreement, a reading or a readout is not one side asking
    /// of the other, so its burden is given per party without an asymmetry).
    pub fn own_share(&self) -> Option<f64> {
        if self.kind != ProposalKind::Position {
            return None;
        }
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
pub(super) fn burden(index: usize, proposal: &ResolvedProposal, atoms: &[Atom]) -> Burden {
    let mut rows = proposal
        .by
        .iter()
        .map(|&party| BurdenRow {
            party,
            author: true,
            count: 0,
            weight: 0.0,
            units: 0,
        })
        .collect();
    for a in atoms {
        add(&mut rows, proposal, a, 1);
    }
    finish(index, proposal, rows)
}

/// The burden of proposal `index` in a new version `new` whose terms are those of the
/// earlier version `old` at the same places, from the earlier burden: the shares of
/// the terms `changed` (ascending; every term whose atoms or priority changed) taken
/// out as they were and put in as they are.
pub(super) fn burden_again(
    index: usize,
    earlier: &Burden,
    old: (&ResolvedProposal, &ProposalAtoms),
    new: (&ResolvedProposal, &ProposalAtoms),
    changed: &[usize],
) -> Burden {
    let mut rows = earlier.rows.clone();
    for &t in changed {
        for ((p, atoms), sign) in [(old, -1), (new, 1)] {
            let block = atoms.spans.get(t).and_then(|s| atoms.atoms.get(s.clone()));
            for a in block.unwrap_or_default() {
                add(&mut rows, p, a, sign);
            }
        }
    }
    rows.retain(|r| r.author || r.count > 0);
    finish(index, new.0, rows)
}

/// Adds (`sign` 1) or takes out (-1) atom `a`'s share, when it is a written
/// obligation or prohibition.
fn add(rows: &mut Vec<BurdenRow>, proposal: &ResolvedProposal, a: &Atom, sign: i64) {
    if a.is_derived() || !a.modality.binds() {
        return;
    }
    let priority = proposal
        .proposal
        .terms
        .get(a.term.term)
        .map(|t| t.priority)
        .unwrap_or_default();
    let days = a
        .window
        .days()
        .map_or(WINDOW_CAP_DAYS, |d| d.min(WINDOW_CAP_DAYS));
    let mut units = i64::from(priority.weight()).saturating_mul(days);
    if a.modality == Modality::Endeavour {
        // An obligation of means weighs half an obligation of result (rounded down,
        // the same way each time, so that a what-if takes out what it put in).
        units /= 2;
    }
    let at = match rows.iter().position(|r| r.party == a.subject) {
        Some(i) => i,
        None => {
            rows.push(BurdenRow {
                party: a.subject,
                author: false,
                count: 0,
                weight: 0.0,
                units: 0,
            });
            rows.len() - 1
        }
    };
    if let Some(row) = rows.get_mut(at) {
        row.count = row.count.saturating_add_signed(sign as isize);
        row.units = row.units.saturating_add(sign.saturating_mul(units));
    }
}

/// The rows in order (authors first, then the others by party) with their weights.
fn finish(index: usize, proposal: &ResolvedProposal, mut rows: Vec<BurdenRow>) -> Burden {
    let authors = proposal.by.len().min(rows.len());
    if let Some(others) = rows.get_mut(authors..) {
        others.sort_by_key(|r| r.party);
    }
    for r in &mut rows {
        r.weight = r.units as f64 / WINDOW_UNIT_DAYS as f64;
    }
    Burden {
        proposal: index,
        rows,
        kind: proposal.proposal.kind,
    }
}
