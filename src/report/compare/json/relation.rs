//! The relations of the JSON comparison report: each relation with its two sides,
//! their windows (days, and dates when day 0 has one), the rules that derived a side,
//! and for a contingent conflict the outcomes it depends on.

use serde::Serialize;

use super::codes;
use super::values::{ParamCompareOut, ParamOut, param_compare, term_params};
use crate::engine::{Analysis, Coverage, Pair, Relation, Side};
use crate::model::Date;
use crate::report::stream::TermName;
use crate::report::words;
use crate::resolved::Interval;
use crate::vocab::Vocab;

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
    /// Every parameter of the two terms compared, with both values typed (written
    /// terms only; empty when neither gives one).
    pub params: Vec<ParamCompareOut>,
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
    /// The term's parameters, typed, in file order.
    pub params: Vec<ParamOut>,
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

pub(super) fn relation_out<'a>(
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
                let (by, on) = a.trigger(s.term)?;
                Some(TriggerOut {
                    term: TermName(a, s.term),
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
        params: r.params.iter().map(param_compare).collect(),
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
        params: term_params(a, s.term),
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
            .lapses(s.term)
            .into_iter()
            .map(|(by, on)| LapseOut {
                term: TermName(a, by),
                outcome: on.as_str(),
            })
            .collect(),
    }
}

/// A term's own window, with its dates when its proposal has a calendar.
pub(super) fn term_window(a: &Analysis, t: crate::engine::TermRef) -> Option<WindowOut> {
    let p = a.proposals.get(t.proposal)?;
    window_out(p.terms.get(t.term)?.window, p.calendar)
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
