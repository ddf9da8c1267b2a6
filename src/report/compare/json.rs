//! The JSON report of a comparison. Its types are its own (not the engine's), so the
//! engine can change without breaking scripts; `schema_version` changes when they do.
//! The format is documented in `docs/json-output.md`.

use serde::Serialize;

use super::{Section, Sections};
use crate::engine::{Analysis, BlockStatus, Coverage, Pair, Relation, Side, TermRef};
use crate::load::Interval;
use crate::report::words;
use crate::vocab::Vocab;

/// The version of this output format.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The version of this format.
    pub schema_version: u32,
    /// Always `compare`.
    pub kind: &'static str,
    /// The proposals compared.
    pub proposals: Vec<ProposalOut>,
    /// One entry per pair of proposals.
    pub pairs: Vec<PairOut>,
    /// With three or more proposals: groups of terms, one per proposal, that all agree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed_by_all: Option<Vec<Vec<String>>>,
    /// Burden per proposal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burden: Option<Vec<BurdenOut>>,
}

/// A proposal compared.
#[derive(Debug, Serialize)]
pub struct ProposalOut {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its authors.
    pub by: Vec<String>,
    /// Its date.
    pub date: Option<String>,
}

/// What two proposals are to each other.
#[derive(Debug, Serialize)]
pub struct PairOut {
    /// Left proposal id.
    pub left: String,
    /// Right proposal id.
    pub right: String,
    /// `compatible`, `compatible with open points` or `conflicting`.
    pub verdict: &'static str,
    /// Counts of findings.
    pub counts: CountsOut,
    /// Relations between terms (filtered by `--only`).
    pub relations: Vec<RelationOut>,
    /// Held-up terms.
    pub blocked: Vec<BlockedOut>,
    /// Sequencing deadlocks.
    pub deadlocks: Vec<Vec<EdgeOut>>,
    /// Open points.
    pub open: Vec<OpenOut>,
}

/// Counts of a pair's findings (never filtered).
#[derive(Debug, Serialize)]
pub struct CountsOut {
    /// Direct conflicts.
    pub conflicts: usize,
    /// Indirect conflicts.
    pub indirect: usize,
    /// Divergences.
    pub diverge: usize,
    /// Must against may.
    pub compatible: usize,
    /// Agreements.
    pub agree: usize,
    /// Blocked terms.
    pub blocked: usize,
    /// Pending terms.
    pub pending: usize,
    /// Open terms.
    pub open: usize,
    /// Deadlocks.
    pub deadlocks: usize,
}

impl From<&crate::engine::Counts> for CountsOut {
    fn from(c: &crate::engine::Counts) -> CountsOut {
        CountsOut {
            conflicts: c.conflicts,
            indirect: c.indirect,
            diverge: c.diverge,
            compatible: c.compatible,
            agree: c.agree,
            blocked: c.blocked,
            pending: c.pending,
            open: c.open,
            deadlocks: c.deadlocks,
        }
    }
}

/// A relation between two terms.
#[derive(Debug, Serialize)]
pub struct RelationOut {
    /// Its index in the pair's relations, as `blocked[].causes[].conflicts` cite it.
    pub index: usize,
    /// `conflict`, `diverge`, `compatible` or `agree`.
    pub kind: &'static str,
    /// Whether a derived atom is involved.
    pub indirect: bool,
    /// The left side.
    pub left: SideOut,
    /// The right side.
    pub right: SideOut,
    /// The parties it holds for.
    pub subjects: Vec<String>,
    /// The common action.
    pub action: String,
    /// The common scope (empty: everywhere).
    pub scope: Vec<String>,
    /// The common window.
    pub window: WindowOut,
    /// `same`, `left_broader`, `right_broader` or `overlap`.
    pub coverage: &'static str,
    /// The differences a divergence rests on, in words.
    pub differences: Vec<String>,
    /// For a conflict, how many otherwise agreed terms it blocks.
    pub criticality: usize,
}

/// One side of a relation.
#[derive(Debug, Serialize)]
pub struct SideOut {
    /// `proposal-id/term-id`.
    pub term: String,
    /// The term's wording.
    pub text: Option<String>,
    /// The related atom's modality.
    pub modality: &'static str,
    /// The related atom's action.
    pub action: String,
    /// The related atom's target.
    pub target: Option<String>,
    /// The related atom's window.
    pub window: WindowOut,
    /// The rules that derived the related atom from the term (empty when written).
    pub chain: Vec<StepOut>,
}

/// One rule application.
#[derive(Debug, Serialize)]
pub struct StepOut {
    /// The rule's id.
    pub rule: String,
    /// What the rule says.
    pub description: String,
    /// The atom derived: `UA may resupply`.
    pub derived: String,
}

/// A window of days.
#[derive(Debug, Serialize)]
pub struct WindowOut {
    /// First day.
    pub from: i64,
    /// Day it ends (exclusive); null when open-ended.
    pub to: Option<i64>,
}

/// A held-up term.
#[derive(Debug, Serialize)]
pub struct BlockedOut {
    /// `proposal-id/term-id`.
    pub term: String,
    /// `blocked` or `pending`.
    pub status: &'static str,
    /// Terms of the other proposal it agrees with.
    pub agreed_with: Vec<String>,
    /// Each failing condition.
    pub causes: Vec<CauseOut>,
}

/// A failing condition.
#[derive(Debug, Serialize)]
pub struct CauseOut {
    /// The chain of `requires` from the held-up term to the failing one.
    pub path: Vec<String>,
    /// Indices of the relations (conflicts) the required term is in; empty when open.
    pub conflicts: Vec<usize>,
}

/// An edge of a deadlock cycle.
#[derive(Debug, Serialize)]
pub struct EdgeOut {
    /// From this term.
    pub from: String,
    /// To this term.
    pub to: String,
    /// `requires` or `agrees`.
    pub edge: &'static str,
    /// For `requires`: `before` or `concurrent`.
    pub timing: Option<&'static str>,
}

/// An open point.
#[derive(Debug, Serialize)]
pub struct OpenOut {
    /// `proposal-id/term-id`.
    pub term: String,
    /// The subjects it is open for.
    pub subjects: Vec<String>,
    /// Whether the other side covers part of it.
    pub partial: bool,
    /// The term's wording.
    pub text: Option<String>,
}

/// The burden of one proposal.
#[derive(Debug, Serialize)]
pub struct BurdenOut {
    /// The proposal id.
    pub proposal: String,
    /// One row per party bound.
    pub rows: Vec<BurdenRowOut>,
    /// The share of the weighted burden on the proposal's own authors.
    pub own_share: Option<f64>,
}

/// The burden on one party.
#[derive(Debug, Serialize)]
pub struct BurdenRowOut {
    /// The party code.
    pub party: String,
    /// Whether the party is an author.
    pub author: bool,
    /// Obligations and prohibitions binding it.
    pub count: usize,
    /// The same, weighted by priority and window length.
    pub weight: f64,
}

/// Builds the report.
pub fn report(a: &Analysis, vocab: &Vocab, sections: &Sections) -> Report {
    let term = |t: TermRef| words::term(a, t);
    Report {
        schema_version: SCHEMA_VERSION,
        kind: "compare",
        proposals: a
            .proposals
            .iter()
            .map(|p| ProposalOut {
                id: p.id().to_owned(),
                title: p.proposal.title.clone(),
                by: p.proposal.by.clone(),
                date: p.proposal.date.clone(),
            })
            .collect(),
        pairs: a
            .pairs
            .iter()
            .map(|pair| pair_out(a, vocab, sections, pair))
            .collect(),
        agreed_by_all: (a.proposals.len() > 2 && sections.shows(Section::Common)).then(|| {
            a.common
                .iter()
                .map(|g| g.iter().map(|&t| term(t)).collect())
                .collect()
        }),
        burden: sections.shows(Section::Burden).then(|| {
            a.burden
                .iter()
                .map(|b| BurdenOut {
                    proposal: a
                        .proposals
                        .get(b.proposal)
                        .map(|p| p.id().to_owned())
                        .unwrap_or_default(),
                    rows: b
                        .rows
                        .iter()
                        .map(|r| BurdenRowOut {
                            party: vocab.party_code(r.party).to_owned(),
                            author: r.author,
                            count: r.count,
                            weight: r.weight,
                        })
                        .collect(),
                    own_share: b.own_share(),
                })
                .collect()
        }),
    }
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(a: &Analysis, vocab: &Vocab, sections: &Sections) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(&report(a, vocab, sections))?;
    s.push('\n');
    Ok(s)
}

fn pair_out(a: &Analysis, vocab: &Vocab, sections: &Sections, pair: &Pair) -> PairOut {
    let term = |t: TermRef| words::term(a, t);
    let c = pair.counts();
    let codes = |ps: &[crate::vocab::PartyId]| ps.iter().map(|&p| vocab.party_code(p).to_owned()).collect();
    PairOut {
        left: a
            .proposals
            .get(pair.left)
            .map(|p| p.id().to_owned())
            .unwrap_or_default(),
        right: a
            .proposals
            .get(pair.right)
            .map(|p| p.id().to_owned())
            .unwrap_or_default(),
        verdict: pair.verdict.as_str(),
        counts: CountsOut::from(&c),
        relations: sections
            .relations(pair)
            .map(|(i, r)| relation_out(a, vocab, i, r))
            .collect(),
        blocked: if sections.shows(Section::Blocked) {
            pair.blocked
                .iter()
                .map(|b| BlockedOut {
                    term: term(b.term),
                    status: match b.status {
                        BlockStatus::Blocked => "blocked",
                        BlockStatus::Pending => "pending",
                    },
                    agreed_with: b.agreed_with.iter().map(|&t| term(t)).collect(),
                    causes: b
                        .causes
                        .iter()
                        .map(|c| CauseOut {
                            path: c.path.iter().map(|&t| term(t)).collect(),
                            conflicts: c.conflicts.clone(),
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        },
        deadlocks: if sections.shows(Section::Deadlocks) {
            pair.deadlocks
                .iter()
                .map(|d| {
                    d.cycle
                        .iter()
                        .map(|e| EdgeOut {
                            from: term(e.from),
                            to: term(e.to),
                            edge: if e.requires.is_some() {
                                "requires"
                            } else {
                                "agrees"
                            },
                            timing: e.requires.map(|t| t.as_str()),
                        })
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        },
        open: if sections.shows(Section::Open) {
            pair.open
                .iter()
                .map(|o| OpenOut {
                    term: term(o.term),
                    subjects: codes(&o.subjects),
                    partial: o.partial,
                    text: words::text(a, o.term).map(str::to_owned),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

fn relation_out(a: &Analysis, vocab: &Vocab, index: usize, r: &Relation) -> RelationOut {
    RelationOut {
        index,
        kind: r.kind.as_str(),
        indirect: r.is_indirect(),
        left: side_out(a, vocab, &r.left),
        right: side_out(a, vocab, &r.right),
        subjects: r
            .subjects
            .iter()
            .map(|&p| vocab.party_code(p).to_owned())
            .collect(),
        action: vocab.action_id(r.action).to_owned(),
        scope: r.scope.iter().map(|&l| vocab.label_id(l).to_owned()).collect(),
        window: window_out(r.window),
        coverage: match r.coverage {
            Coverage::Same => "same",
            Coverage::LeftBroader => "left_broader",
            Coverage::RightBroader => "right_broader",
            Coverage::Overlap => "overlap",
        },
        differences: words::differences(r),
        criticality: r.criticality,
    }
}

fn side_out(a: &Analysis, vocab: &Vocab, s: &Side) -> SideOut {
    SideOut {
        term: words::term(a, s.term),
        text: words::text(a, s.term).map(str::to_owned),
        modality: s.modality.as_str(),
        action: vocab.action_id(s.action).to_owned(),
        target: s.target.map(|t| vocab.party_code(t).to_owned()),
        window: window_out(s.window),
        chain: s
            .chain
            .iter()
            .map(|step| StepOut {
                rule: vocab
                    .rules
                    .get(step.rule)
                    .map(|r| r.def.id.clone())
                    .unwrap_or_default(),
                description: vocab
                    .rules
                    .get(step.rule)
                    .map(|r| r.def.description.clone())
                    .unwrap_or_default(),
                derived: format!(
                    "{} {} {}",
                    vocab.party_code(step.subject),
                    words::modality(step.modality),
                    vocab.action_id(step.action)
                ),
            })
            .collect(),
    }
}

fn window_out(w: Interval) -> WindowOut {
    WindowOut {
        from: w.from,
        to: w.to,
    }
}
