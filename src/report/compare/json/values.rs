//! Values in the JSON comparison report as typed values beside the sentences: each
//! parameter value by its kind (a number, a range, an enumeration value, a set, a
//! ratio), each parameter of a relation compared (both sides' values, the common part
//! or the gap), a term's own parameters, and the point-by-point table.

use serde::Serialize;

use crate::engine::{Analysis, ParamComparison, ParamOutcome, TermRef};
use crate::model::ParamValue;
use crate::report::compare::points::{Points, points};
use crate::report::stream::TermName;
use crate::report::words;
use crate::vocab::Vocab;

/// A parameter value by its kind, with its words (`text`).
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueOut {
    /// An exact quantity.
    Number {
        /// The quantity.
        value: f64,
        /// In words.
        text: String,
    },
    /// A range; either bound may be absent (`null`: unbounded).
    Range {
        /// The least value, inclusive.
        min: Option<f64>,
        /// The greatest value, inclusive.
        max: Option<f64>,
        /// In words: `30–60`, `at least 30`.
        text: String,
    },
    /// One value of an enumeration (or `some`/`tbd`: to be agreed).
    Value {
        /// The value.
        value: String,
        /// Whether it is left to be agreed (`some`, `tbd`).
        to_be_agreed: bool,
        /// In words.
        text: String,
    },
    /// A set of enumeration values.
    Set {
        /// The values.
        values: Vec<String>,
        /// In words.
        text: String,
    },
    /// So many for each one of another thing.
    Ratio {
        /// How many for each.
        count: f64,
        /// For each one of what.
        per: String,
        /// In words: `30 per hostage`.
        text: String,
    },
}

impl ValueOut {
    /// The typed form of `v`.
    pub fn of(v: &ParamValue) -> ValueOut {
        let text = words::value(v);
        match v {
            ParamValue::Number(n) => ValueOut::Number { value: *n, text },
            ParamValue::Range { min, max } => ValueOut::Range {
                min: *min,
                max: *max,
                text,
            },
            ParamValue::Value(s) => ValueOut::Value {
                value: s.clone(),
                to_be_agreed: v.is_open(),
                text,
            },
            ParamValue::Set(s) => ValueOut::Set {
                values: s.clone(),
                text,
            },
            ParamValue::Ratio { per, count } => ValueOut::Ratio {
                count: *count,
                per: per.clone(),
                text,
            },
        }
    }
}

/// One parameter of a term, as written.
#[derive(Debug, Serialize)]
pub struct ParamOut {
    /// Its name (`count`, `trucks_per_day`, `exchange`).
    pub name: String,
    /// Its value.
    pub value: ValueOut,
}

/// A term's parameters, in file order.
pub(super) fn term_params(a: &Analysis, t: TermRef) -> Vec<ParamOut> {
    a.term(t).map_or_else(Vec::new, |term| {
        term.params
            .iter()
            .map(|(name, v)| ParamOut {
                name: name.clone(),
                value: ValueOut::of(v),
            })
            .collect()
    })
}

/// One parameter of a relation's two terms, compared.
#[derive(Debug, Serialize)]
pub struct ParamCompareOut {
    /// Its name.
    pub name: String,
    /// The left term's value (`null`: it gives none).
    pub left: Option<ValueOut>,
    /// The right term's value (`null`: it gives none).
    pub right: Option<ValueOut>,
    /// `same`, `one_sided`, `common`, `gap`, `disjoint` or `to_be_agreed`.
    pub outcome: &'static str,
    /// What the two values have in common (`common` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common: Option<ValueOut>,
    /// How far apart two quantities are (`gap` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// The comparison in words, as the other reports give it.
    pub text: String,
}

/// The typed form of a parameter comparison.
pub(super) fn param_compare(p: &ParamComparison) -> ParamCompareOut {
    let (outcome, common, gap) = match &p.outcome {
        ParamOutcome::Same => ("same", None, None),
        ParamOutcome::OneSided => ("one_sided", None, None),
        ParamOutcome::Common(v) => ("common", Some(ValueOut::of(v)), None),
        ParamOutcome::Gap(g) => ("gap", None, Some(*g)),
        ParamOutcome::Disjoint => ("disjoint", None, None),
        ParamOutcome::ToBeAgreed => ("to_be_agreed", None, None),
    };
    ParamCompareOut {
        name: p.name.clone(),
        left: p.left.as_ref().map(ValueOut::of),
        right: p.right.as_ref().map(ValueOut::of),
        outcome,
        common,
        gap,
        text: words::param(p),
    }
}

/// One row of the point-by-point table.
#[derive(Debug, Serialize)]
pub struct PointOut<'a> {
    /// What the point is about: `withdrawal`, `humanitarian_access in gaza`.
    pub about: String,
    /// Each proposal's terms on the point, one list per proposal in the order of
    /// `proposals` (empty: silent on it).
    pub terms: Vec<Vec<TermName<'a>>>,
    /// Each pair's relation on the point, in the order of `pairs`.
    pub marks: Vec<MarkOut<'a>>,
}

/// What a pair of proposals is to each other on one point.
#[derive(Debug, Serialize)]
pub struct MarkOut<'a> {
    /// Left proposal id.
    pub left: &'a str,
    /// Right proposal id.
    pub right: &'a str,
    /// The kinds of their relations on it, the gravest first: `conflict`,
    /// `indirect_conflict`, `contingent_conflict`, `diverge`, `to_be_agreed`,
    /// `compatible`, `implied_agreement`, `agree`.
    pub relations: Vec<String>,
    /// The mark in words: the relations, `open: q is silent`, `no direct relation`,
    /// or empty when neither has a term on it.
    pub text: String,
}

/// The point-by-point table of `a`.
pub(super) fn points_out<'a>(a: &'a Analysis, vocab: &Vocab) -> Vec<PointOut<'a>> {
    let Points { rows } = points(a);
    let id = |i: usize| a.proposals.get(i).map_or("", |p| p.id());
    rows.iter()
        .map(|row| PointOut {
            about: words::point_name(a, vocab, row),
            terms: row
                .terms
                .iter()
                .map(|cell| cell.iter().map(|&t| TermName(a, t)).collect())
                .collect(),
            marks: row
                .marks
                .iter()
                .map(|m| MarkOut {
                    left: id(m.left),
                    right: id(m.right),
                    relations: m
                        .kinds
                        .iter()
                        .map(|&k| words::mark_kind(k).replace(' ', "_"))
                        .collect(),
                    text: words::mark(m, |i| id(i).to_owned()),
                })
                .collect(),
        })
        .collect()
}
