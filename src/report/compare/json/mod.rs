//! The JSON report of a comparison. Its types are its own (not the engine's), so the
//! engine can change without breaking scripts; `schema_version` changes when they do.
//! The format is documented in `docs/json-output.md`. The types borrow from the
//! analysis and the long lists are streams: the report is written as it is made,
//! never held whole in memory.

use std::io::Write;

use serde::Serialize;

use super::{Section, Sections};
use crate::engine::{Analysis, Counts, Pair};
use crate::report::stream::{Stream, TermName, to_string, write_pretty};
use crate::report::words;
use crate::vocab::Vocab;

mod relation;
mod values;

use relation::relation_out;
pub use relation::{LapseOut, RelationOut, SideOut, StepOut, TriggerOut, WindowOut};
pub use values::{MarkOut, ParamCompareOut, ParamOut, PointOut, ValueOut};

/// The version of this output format.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The version of this format.
    pub schema_version: u32,
    /// Always `compare`.
    pub kind: &'static str,
    /// The proposals compared.
    pub proposals: Vec<ProposalOut<'a>>,
    /// The point-by-point table (with three or more proposals, or when asked for):
    /// each negotiated point, each proposal's terms on it and each pair's relation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<PointOut<'a>>>,
    /// One entry per pair of proposals.
    pub pairs: Stream<'a, PairOut<'a>>,
    /// With three or more proposals: groups of terms, one per proposal, that all agree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed_by_all: Option<Vec<Vec<TermName<'a>>>>,
    /// Burden per proposal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burden: Option<Vec<BurdenOut<'a>>>,
}

/// A proposal compared.
#[derive(Debug, Serialize)]
pub struct ProposalOut<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: Option<&'a str>,
    /// Its authors.
    pub by: &'a [String],
    /// Its date.
    pub date: Option<&'a str>,
    /// Its entry into force, `YYYY-MM-DD` (present only when it gives one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<String>,
    /// The date of day 0 of its windows in this report (present only with an entry
    /// into force): its entry into force, or, compared on the calendar with proposals
    /// that enter into force earlier, the earliest of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_0: Option<String>,
}

/// What two proposals are to each other.
#[derive(Debug, Serialize)]
pub struct PairOut<'a> {
    /// Left proposal id.
    pub left: &'a str,
    /// Right proposal id.
    pub right: &'a str,
    /// `compatible`, `compatible with open points` or `conflicting`.
    pub verdict: &'static str,
    /// Counts of findings.
    pub counts: Counts,
    /// Relations between terms (only those of the sections asked for).
    pub relations: Stream<'a, RelationOut<'a>>,
    /// Held-up terms.
    pub blocked: Stream<'a, BlockedOut<'a>>,
    /// Sequencing deadlocks.
    pub deadlocks: Vec<Vec<EdgeOut<'a>>>,
    /// Open points.
    pub open: Stream<'a, OpenOut<'a>>,
}

/// A held-up term.
#[derive(Debug, Serialize)]
pub struct BlockedOut<'a> {
    /// `proposal-id/term-id`.
    pub term: TermName<'a>,
    /// `blocked` or `pending`.
    pub status: &'static str,
    /// Terms of the other proposal it agrees with.
    pub agreed_with: Vec<TermName<'a>>,
    /// Each failing condition.
    pub causes: Vec<CauseOut<'a>>,
    /// When it is pending by coverage: the held-up terms of the other side that alone
    /// cover it (empty otherwise).
    pub by_coverage: Vec<TermName<'a>>,
}

/// A failing condition.
#[derive(Debug, Serialize)]
pub struct CauseOut<'a> {
    /// The chain of `requires` from the held-up term to the failing one.
    pub path: Vec<TermName<'a>>,
    /// Indices of the relations (conflicts) the required term is in; empty when open.
    pub conflicts: &'a [usize],
    /// The other side's terms that meet the required term only in part, with their
    /// relation; empty when it is open or in conflict.
    pub met_in_part: Vec<MetOut<'a>>,
}

/// A term that meets a condition only in part.
#[derive(Debug, Serialize)]
pub struct MetOut<'a> {
    /// `proposal-id/term-id`.
    pub term: TermName<'a>,
    /// The relation's kind (`diverge`, `compatible`, ...).
    pub relation: &'static str,
}

/// An edge of a deadlock cycle.
#[derive(Debug, Serialize)]
pub struct EdgeOut<'a> {
    /// From this term.
    pub from: TermName<'a>,
    /// To this term.
    pub to: TermName<'a>,
    /// `requires` (a condition) or `corresponds` (a relation across the proposals).
    pub edge: &'static str,
    /// For `requires`: `before` or `concurrent`.
    pub timing: Option<&'static str>,
    /// For `corresponds`: the kind of the two terms' relation (`agree`, `diverge`,
    /// `compatible`, ...).
    pub relation: Option<&'static str>,
    /// The wording of the `from` term (each term of the cycle is one edge's `from`).
    pub text: Option<&'a str>,
    /// Present and true when the `requires` edge is an anchor: the `from` term's
    /// window starts after the `to` term's, which counts as a `before` condition.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub anchor: bool,
}

/// An open point.
#[derive(Debug, Serialize)]
pub struct OpenOut<'a> {
    /// `proposal-id/term-id`.
    pub term: TermName<'a>,
    /// The subjects it is open for.
    pub subjects: Vec<&'a str>,
    /// Whether the other side covers part of it.
    pub partial: bool,
    /// The term's wording.
    pub text: Option<&'a str>,
    /// The term's own window (`null` when it states no duration).
    pub window: Option<WindowOut>,
    /// The term's parameters, typed, in file order.
    pub params: Vec<ParamOut>,
}

/// The burden of one proposal.
#[derive(Debug, Serialize)]
pub struct BurdenOut<'a> {
    /// The proposal id.
    pub proposal: &'a str,
    /// One row per party bound.
    pub rows: Vec<BurdenRowOut<'a>>,
    /// The share of the weighted burden on the proposal's own authors (the
    /// asymmetry): `null` when it binds nobody or is no position.
    pub own_share: Option<f64>,
    /// What kind of text the proposal is (`position`, `agreement`, `reading`,
    /// `readout`): the asymmetry is given only for a position.
    pub proposal_kind: &'static str,
    /// How the weights are made.
    pub weighting: &'static str,
}

/// The burden on one party.
#[derive(Debug, Serialize)]
pub struct BurdenRowOut<'a> {
    /// The party code.
    pub party: &'a str,
    /// Whether the party is an author.
    pub author: bool,
    /// Obligations and prohibitions binding it.
    pub count: usize,
    /// The same, weighted by priority and window length.
    pub weight: f64,
}

/// Builds the report; its long lists are made as it is serialized.
pub fn report<'a>(a: &'a Analysis, vocab: &'a Vocab, sections: &'a Sections) -> Report<'a> {
    Report {
        schema_version: SCHEMA_VERSION,
        kind: "compare",
        proposals: a
            .proposals
            .iter()
            .map(|p| ProposalOut {
                id: p.id(),
                title: p.proposal.title.as_deref(),
                by: &p.proposal.by,
                date: p.proposal.date.as_deref(),
                entry_into_force: p.proposal.entry_into_force.map(|d| d.to_string()),
                day_0: p.calendar.map(|d| d.to_string()),
            })
            .collect(),
        points: sections
            .shows_points(a.proposals.len())
            .then(|| values::points_out(a, vocab)),
        pairs: Stream::new(a.pairs.iter().map(move |pair| pair_out(a, vocab, sections, pair))),
        agreed_by_all: (a.proposals.len() > 2 && sections.shows(Section::Common)).then(|| {
            a.common
                .iter()
                .map(|g| g.iter().map(|&t| TermName(a, t)).collect())
                .collect()
        }),
        burden: sections.shows(Section::Burden).then(|| {
            a.burden
                .iter()
                .map(|b| BurdenOut {
                    proposal: a.proposals.get(b.proposal).map_or("", |p| p.id()),
                    rows: b
                        .rows
                        .iter()
                        .map(|r| BurdenRowOut {
                            party: vocab.party_code(r.party),
                            author: r.author,
                            count: r.count,
                            weight: r.weight,
                        })
                        .collect(),
                    own_share: b.own_share(),
                    proposal_kind: b.kind.as_str(),
                    weighting: words::BURDEN_WEIGHTING,
                })
                .collect()
        }),
    }
}

/// Writes the report to `out` as pretty JSON with a final newline, as it is made.
pub fn write(a: &Analysis, vocab: &Vocab, sections: &Sections, out: &mut dyn Write) -> std::io::Result<()> {
    write_pretty(&report(a, vocab, sections), out)
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(a: &Analysis, vocab: &Vocab, sections: &Sections) -> Result<String, serde_json::Error> {
    to_string(|out| write(a, vocab, sections, out)).map_err(serde_json::Error::io)
}

fn pair_out<'a>(a: &'a Analysis, vocab: &'a Vocab, sections: &'a Sections, pair: &'a Pair) -> PairOut<'a> {
    let c = pair.counts();
    let id = |i: usize| a.proposals.get(i).map_or("", |p| p.id());
    PairOut {
        left: id(pair.left),
        right: id(pair.right),
        verdict: pair.verdict.as_str(),
        counts: c,
        relations: Stream::new(
            sections
                .relations(pair)
                .map(move |(i, r)| relation_out(a, vocab, pair, i, r)),
        ),
        blocked: if sections.shows(Section::Blocked) {
            Stream::new(pair.blocked.iter().map(move |b| {
                BlockedOut {
                    term: TermName(a, b.term),
                    status: words::status(b.status),
                    agreed_with: b.agreed_with.iter().map(|&t| TermName(a, t)).collect(),
                    by_coverage: b.by_coverage.iter().map(|&t| TermName(a, t)).collect(),
                    causes: b
                        .causes
                        .iter()
                        .map(|c| CauseOut {
                            path: c.path.iter().map(|&t| TermName(a, t)).collect(),
                            conflicts: &c.conflicts,
                            met_in_part: c
                                .met_in_part
                                .iter()
                                .map(|&(t, k)| MetOut {
                                    term: TermName(a, t),
                                    relation: k.as_str(),
                                })
                                .collect(),
                        })
                        .collect(),
                }
            }))
        } else {
            Stream::empty()
        },
        deadlocks: if sections.shows(Section::Deadlocks) {
            pair.deadlocks
                .iter()
                .map(|d| {
                    d.cycle
                        .iter()
                        .map(|e| EdgeOut {
                            from: TermName(a, e.from),
                            to: TermName(a, e.to),
                            edge: if e.requires.is_some() {
                                "requires"
                            } else {
                                "corresponds"
                            },
                            timing: e.requires.map(|t| t.as_str()),
                            relation: e.relation.map(|k| k.as_str()),
                            text: words::text(a, e.from),
                            anchor: e.anchor,
                        })
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        },
        open: if sections.shows(Section::Open) {
            Stream::new(pair.open.iter().map(move |o| OpenOut {
                term: TermName(a, o.term),
                subjects: codes(vocab, &o.subjects),
                partial: o.partial,
                text: words::text(a, o.term),
                window: relation::term_window(a, o.term),
                params: values::term_params(a, o.term),
            }))
        } else {
            Stream::empty()
        },
    }
}

pub(super) fn codes<'a>(vocab: &'a Vocab, parties: &[crate::vocab::PartyId]) -> Vec<&'a str> {
    parties.iter().map(|&p| vocab.party_code(p)).collect()
}
