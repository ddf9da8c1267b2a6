//! The JSON report of a comparison. Its types are its own (not the engine's), so the
//! engine can change without breaking scripts; `schema_version` changes when they do.
//! The format is documented in `docs/json-output.md`. The types borrow from the
//! analysis and the long lists are streams: the report is written as it is made,
//! never held whole in memory.

use std::io::Write;

use serde::Serialize;

use super::{Section, Sections};
use crate::engine::{Analysis, Coverage, Pair, Relation, Side};
use crate::model::Date;
use crate::report::stream::{Stream, TermName, to_string, write_pretty};
use crate::report::words;
use crate::resolved::Interval;
use crate::vocab::Vocab;

/// The version of this output format.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The version of this format.
    pub schema_version: u32,
    /// Always `compare`.
    pub kind: &'static str,
    /// The proposals compared.
    pub proposals: Vec<ProposalOut<'a>>,
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
    pub counts: CountsOut,
    /// Relations between terms (only those of the sections asked for).
    pub relations: Stream<'a, RelationOut<'a>>,
    /// Held-up terms.
    pub blocked: Stream<'a, BlockedOut<'a>>,
    /// Sequencing deadlocks.
    pub deadlocks: Vec<Vec<EdgeOut<'a>>>,
    /// Open points.
    pub open: Stream<'a, OpenOut<'a>>,
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
    /// Terms left to be agreed.
    pub to_be_agreed: usize,
    /// Must against may.
    pub compatible: usize,
    /// Agreements.
    pub agree: usize,
    /// Indirect agreements: a term agrees with what the other side implies through
    /// the vocabulary's rules.
    pub indirect_agree: usize,
    /// Blocked terms.
    pub blocked: usize,
    /// Pending terms.
    pub pending: usize,
    /// Open terms.
    pub open: usize,
    /// Deadlocks.
    pub deadlocks: usize,
    /// Contingent conflicts (direct or indirect): they conflict only if another term's
    /// outcome comes (not counted in `conflicts` or `indirect`).
    pub contingent: usize,
}

impl From<&crate::engine::Counts> for CountsOut {
    fn from(c: &crate::engine::Counts) -> CountsOut {
        CountsOut {
            conflicts: c.conflicts,
            indirect: c.indirect,
            diverge: c.diverge,
            to_be_agreed: c.to_be_agreed,
            compatible: c.compatible,
            agree: c.agree,
            indirect_agree: c.indirect_agree,
            blocked: c.blocked,
            pending: c.pending,
            open: c.open,
            deadlocks: c.deadlocks,
            contingent: c.contingent,
        }
    }
}

/// A relation between two terms.
#[derive(Debug, Serialize)]
pub struct RelationOut<'a> {
    /// Its index in the pair's relations, as `blocked[].causes[].conflicts` cite it.
    pub index: usize,
    /// `conflict`, `diverge`, `to_be_agreed`, `compatible` or `agree`.
    pub kind: &'static str,
    /// Whether a derived atom is involved.
    pub indirect: bool,
    /// An incidental overlap: a counterpart of neither term (each has a relation
    /// that covers more of it), not a conflict; it counts for nothing, and only JSON
    /// shows it.
    pub incidental: bool,
    /// The left side.
    pub left: SideOut<'a>,
    /// The right side.
    pub right: SideOut<'a>,
    /// The parties it holds for.
    pub subjects: Vec<&'a str>,
    /// The common action.
    pub action: &'a str,
    /// The common topics the action is about (left out when any topic).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<&'a str>,
    /// The common scope (empty: everywhere).
    pub scope: Vec<&'a str>,
    /// The common window.
    /// `null` when neither side states a duration.
    pub window: Option<WindowOut>,
    /// `same`, `left_broader`, `right_broader` or `overlap`.
    pub coverage: &'static str,
    /// The differences a divergence rests on, or what a term left to be agreed
    /// leaves open against what the other side requires or excludes, in words.
    pub differences: Vec<String>,
    /// For a conflict, how many otherwise agreed terms it blocks.
    pub criticality: usize,
    /// For a contingent conflict: the outcomes it depends on, each with the term that
    /// applies only after it (absent for any other relation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contingent_on: Vec<TriggerOut<'a>>,
    /// For a contingent conflict whose terms never apply together (one lapses on the
    /// outcome that brings the other in): `true`, and the relation is no finding.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub never_together: bool,
}

/// An outcome a contingent conflict depends on: `term` applies only after
/// `if_term` has `outcome` (`succeeded`, `failed`, `breached`).
#[derive(Debug, Serialize)]
pub struct TriggerOut<'a> {
    /// The contingent term (a side of the relation).
    pub term: TermName<'a>,
    /// The term whose outcome it waits on.
    pub if_term: TermName<'a>,
    /// The outcome.
    pub outcome: &'static str,
    /// The condition in words: `p/talks fails`.
    pub sentence: String,
}

/// One side of a relation.
#[derive(Debug, Serialize)]
pub struct SideOut<'a> {
    /// `proposal-id/term-id`.
    pub term: TermName<'a>,
    /// The term's wording.
    pub text: Option<&'a str>,
    /// The related atom's modality.
    pub modality: &'static str,
    /// The related atom's action.
    pub action: &'a str,
    /// The related atom's target.
    pub target: Option<&'a str>,
    /// The related atom's window.
    /// `null` when the term states no duration (unstated).
    pub window: Option<WindowOut>,
    /// The rules that derived the related atom from the term (empty when written).
    pub chain: Vec<StepOut<'a>>,
    /// The outcomes of other terms on which the term ends (`lapses_if`; absent when
    /// none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lapses_if: Vec<LapseOut<'a>>,
}

/// An outcome on which a term ends.
#[derive(Debug, Serialize)]
pub struct LapseOut<'a> {
    /// The term whose outcome ends it.
    pub term: TermName<'a>,
    /// The outcome: `breached`, `failed`, `succeeded`, `fulfilled` or `in_force`.
    pub outcome: &'static str,
}

/// One rule application.
#[derive(Debug, Serialize)]
pub struct StepOut<'a> {
    /// The rule's id.
    pub rule: &'a str,
    /// What the rule says.
    pub description: &'a str,
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
    /// Present and true for a deadline (`by`): done at some time before `to`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deadline: bool,
    /// The date of `from`, when day 0 has a date (present only then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_date: Option<String>,
    /// The date of `to` (exclusive), when day 0 has a date and the window ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_date: Option<String>,
    /// The window in words with its dates (present only when it has dates): `days
    /// 42–50 (2–10 March 2025)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
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
        counts: CountsOut::from(&c),
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
            }))
        } else {
            Stream::empty()
        },
    }
}

fn codes<'a>(vocab: &'a Vocab, parties: &[crate::vocab::PartyId]) -> Vec<&'a str> {
    parties.iter().map(|&p| vocab.party_code(p)).collect()
}

fn relation_out<'a>(
    a: &'a Analysis,
    vocab: &'a Vocab,
    pair: &Pair,
    index: usize,
    r: &'a Relation,
) -> RelationOut<'a> {
    let contingent_on = if pair.contingent.binary_search(&index).is_ok() {
        [&r.left, &r.right]
            .into_iter()
            .filter_map(|s| {
                let t = s.term;
                let (by, on) = a.proposals.get(t.proposal)?.outcomes.trigger(t.term)?;
                let by = crate::engine::TermRef {
                    proposal: t.proposal,
                    term: by,
                };
                Some(TriggerOut {
                    term: TermName(a, t),
                    if_term: TermName(a, by),
                    outcome: on.as_str(),
                    sentence: words::outcome(&words::term(a, by), on),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    RelationOut {
        contingent_on,
        never_together: pair.lapsed.binary_search(&index).is_ok(),
        index,
        kind: r.kind.as_str(),
        indirect: r.is_indirect(),
        incidental: r.incidental,
        left: side_out(a, vocab, &r.left),
        right: side_out(a, vocab, &r.right),
        subjects: codes(vocab, &r.subjects),
        action: vocab.action_id(r.action),
        about: r
            .scope
            .iter()
            .filter(|&&l| vocab.is_topic(l))
            .map(|&l| vocab.label_id(l))
            .collect(),
        scope: r
            .scope
            .iter()
            .filter(|&&l| !vocab.is_topic(l))
            .map(|&l| vocab.label_id(l))
            .collect(),
        window: window_out(
            a.common_window(r).unwrap_or(Interval::ALWAYS),
            words::calendar(a, r),
        ),
        coverage: match r.coverage {
            Coverage::Same => "same",
            Coverage::LeftBroader => "left_broader",
            Coverage::RightBroader => "right_broader",
            Coverage::Overlap => "overlap",
        },
        differences: words::differences(a, r),
        criticality: r.criticality,
    }
}

fn side_out<'a>(a: &'a Analysis, vocab: &'a Vocab, s: &'a Side) -> SideOut<'a> {
    let atom = a.atom(s);
    SideOut {
        term: TermName(a, s.term),
        text: words::text(a, s.term),
        // A side not of this analysis has no atom to read: it is written empty.
        modality: atom.map_or("", |a| a.modality.as_str()),
        action: atom.map_or("", |a| vocab.action_id(a.action)),
        target: atom.and_then(|a| a.target).map(|t| vocab.party_code(t)),
        window: window_out(
            atom.map_or(Interval::ALWAYS, |a| a.window),
            a.proposals.get(s.term.proposal).and_then(|p| p.calendar),
        ),
        chain: s
            .chain
            .iter()
            .map(|step| {
                let rule = vocab.rules.get(step.rule);
                StepOut {
                    rule: rule.map_or("", |r| r.def.id.as_str()),
                    description: rule.map_or("", |r| r.def.description.as_str()),
                    derived: words::step(vocab, step),
                }
            })
            .collect(),
        lapses_if: a
            .proposals
            .get(s.term.proposal)
            .map(|p| {
                p.outcomes
                    .lapses(s.term.term)
                    .map(|(by, on)| LapseOut {
                        term: TermName(
                            a,
                            crate::engine::TermRef {
                                proposal: s.term.proposal,
                                term: by,
                            },
                        ),
                        outcome: on.as_str(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A window, or `None` (`null`) when it is unstated; with its dates when day 0 is
/// the date `calendar`.
fn window_out(w: Interval, calendar: Option<Date>) -> Option<WindowOut> {
    let date = |d: i64| calendar.and_then(|c| c.plus_days(d)).map(|d| d.to_string());
    (!w.is_unstated()).then(|| WindowOut {
        from: w.from,
        to: w.to(),
        deadline: w.is_deadline(),
        from_date: date(w.from),
        to_date: w.to().and_then(date),
        text: calendar.map(|c| words::window_on(w, Some(c))),
    })
}
