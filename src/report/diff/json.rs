//! The JSON rendering of a diff: its own serde types, versioned by `schema_version`
//! and documented in `docs/json-output.md`.

use serde::Serialize;

use crate::engine::Counts as FindingCounts;
use serde_json::{Value, json};

use super::is_improvement;
use crate::diff::{
    Change, ChangeKind, Direction, Effect, Impact, Link, MatchBy, ProposalDiff, ProposalInfo, Segment,
    SegmentKind, TermDiff, TermSide,
};
use crate::engine::Finding;
use crate::model::{ParamValue, Timing};
use crate::report::stream::{Stream, to_string, write_pretty};
use crate::report::words;
use crate::resolved::Interval;

/// The version of this output format; raised on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole output.
#[derive(Debug, Serialize)]
pub struct DiffOutput<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Always `"diff"`.
    pub kind: &'static str,
    /// The old version.
    pub old: ProposalOut,
    /// The new version.
    pub new: ProposalOut,
    /// No change in meaning outside the ignored fields.
    pub same_in_meaning: bool,
    /// Term counts.
    pub counts: CountsOut,
    /// The ignored fields.
    pub ignored: Vec<&'static str>,
    /// Changes to the proposal's own fields.
    pub metadata: Vec<MetaOut>,
    /// Every term of either version, made as it is written.
    pub terms: Stream<'a, TermOut<'a>>,
    /// Against a third proposal OTHER: what the change does to the relations with
    /// OTHER.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<ImpactOut>,
}

/// The change impact against OTHER.
#[derive(Debug, Serialize)]
pub struct ImpactOut {
    /// OTHER's id.
    pub other: String,
    /// The verdicts before and after.
    pub verdict: BeforeAfter<&'static str>,
    /// The finding counts before and after.
    pub counts: BeforeAfter<FindingCounts>,
    /// Every finding gained or lost.
    pub effects: Vec<EffectOut>,
}

/// A value before and after the change.
#[derive(Debug, Serialize)]
pub struct BeforeAfter<T> {
    /// With OLD.
    pub before: T,
    /// With NEW.
    pub after: T,
}

/// One finding gained or lost.
#[derive(Debug, Serialize)]
pub struct EffectOut {
    /// In words: `conflict resolved`, `agreement lost`, `newly blocked`...
    pub effect: &'static str,
    /// `gained` or `lost`.
    pub direction: &'static str,
    /// Whether it brings the sides closer.
    pub improvement: bool,
    /// The finding: `relation` (with `relation` and `indirect`), `blocked`, `pending`,
    /// `open` or `deadlock`, and the terms it names.
    pub finding: FindingOut,
    /// The pairs of terms that witness it.
    pub witnesses: Vec<WitnessOut>,
    /// The diffed proposal's term ids it is attributed to.
    pub terms: Vec<String>,
}

/// A finding, named by terms.
#[derive(Debug, Serialize)]
pub struct FindingOut {
    /// `relation`, `blocked`, `pending`, `open` or `deadlock`.
    pub kind: &'static str,
    /// For a relation: `conflict`, `diverge`, `compatible` or `agree`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<&'static str>,
    /// For a relation: whether a derived atom is involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indirect: Option<bool>,
    /// For a contingent conflict: `true` (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contingent: Option<bool>,
    /// The terms, `proposal-id/term-id`.
    pub terms: Vec<String>,
}

/// Two terms that witness an effect.
#[derive(Debug, Serialize)]
pub struct WitnessOut {
    /// First term.
    pub left: String,
    /// Second term.
    pub right: String,
    /// `relation` or `requires`.
    pub link: &'static str,
}

/// A version.
#[derive(Debug, Serialize)]
pub struct ProposalOut {
    /// Proposal id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Authors, party codes.
    pub by: Vec<String>,
}

/// Term counts.
#[derive(Debug, Serialize)]
pub struct CountsOut {
    /// Matched, with a change in meaning.
    pub changed: usize,
    /// New only.
    pub added: usize,
    /// Old only.
    pub removed: usize,
    /// Matched, without a change in meaning.
    pub unchanged: usize,
}

/// A change to a proposal field.
#[derive(Debug, Serialize)]
pub struct MetaOut {
    /// Field name.
    pub field: &'static str,
    /// Old value.
    pub old: Option<String>,
    /// New value.
    pub new: Option<String>,
    /// In words.
    pub summary: String,
    /// For a term field (`source`, `note`) that changed on every matched term, said
    /// once: how many terms (absent for the proposal's own fields). `old` and `new`
    /// are then the terms' shared value, `null` when they differ or give none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every_term: Option<usize>,
}

/// One term of either version.
#[derive(Debug, Serialize)]
pub struct TermOut<'a> {
    /// `changed`, `unchanged`, `added` or `removed`.
    pub status: &'static str,
    /// The old term (absent when added).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<SideOut<'a>>,
    /// The new term (absent when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<SideOut<'a>>,
    /// How it was matched (matched terms only).
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub matched: Option<MatchOut>,
    /// The changes, field by field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ChangeOut>,
}

/// A term in one version.
#[derive(Debug, Serialize)]
pub struct SideOut<'a> {
    /// Index in `terms`.
    pub index: usize,
    /// Term id.
    pub id: &'a str,
    /// In one line.
    pub summary: &'a str,
    /// Original wording.
    pub text: Option<&'a str>,
}

/// How two terms were matched.
#[derive(Debug, Serialize)]
pub struct MatchOut {
    /// `id` or `similarity`.
    pub by: &'static str,
    /// `0..=1`, two decimals.
    pub confidence: f64,
}

/// One change.
#[derive(Debug, Serialize)]
pub struct ChangeOut {
    /// The field.
    pub field: &'static str,
    /// `renamed`, `modality`, `subject`, `target`, `action`, `scope`, `window`,
    /// `param`, `requires`, `priority`, `wording`, `annotation` or `notation`.
    pub kind: &'static str,
    /// False for notation only.
    pub meaningful: bool,
    /// In words.
    pub summary: String,
    /// The old value (`null` when absent).
    pub old: Value,
    /// The new value.
    pub new: Value,
    /// `widened`, `narrowed` or `shifted` (scope, window, action, parameter, priority).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    /// The parameter's name (`param` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Parties or conditions added (`subject`, `requires`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Value>,
    /// Parties or conditions removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Value>,
    /// Conditions whose timing changed (`requires`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retimed: Option<Value>,
    /// The word diff (`wording`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<WordOut>>,
}

/// A run of an inline word diff.
#[derive(Debug, Serialize)]
pub struct WordOut {
    /// `same`, `removed` or `added`.
    pub op: &'static str,
    /// The text.
    pub text: String,
}

/// Converts a diff into its output types.
pub fn output(d: &ProposalDiff) -> DiffOutput<'_> {
    let c = d.counts();
    DiffOutput {
        schema_version: SCHEMA_VERSION,
        kind: "diff",
        old: proposal(&d.old),
        new: proposal(&d.new),
        same_in_meaning: d.is_same_in_meaning(),
        counts: CountsOut {
            changed: c.changed,
            added: c.added,
            removed: c.removed,
            unchanged: c.unchanged,
        },
        ignored: d.ignored.iter().map(|f| f.as_str()).collect(),
        metadata: d
            .metadata
            .iter()
            .map(|m| MetaOut {
                field: m.field.as_str(),
                old: m.old.clone(),
                new: m.new.clone(),
                summary: words::meta_change(m),
                every_term: m.every_term.map(|e| e.terms),
            })
            .collect(),
        terms: Stream::new(d.terms.iter().map(term)),
        impact: d.impact.as_ref().map(impact),
    }
}

fn impact(i: &Impact) -> ImpactOut {
    ImpactOut {
        other: i.other.clone(),
        verdict: BeforeAfter {
            before: i.before.as_str(),
            after: i.after.as_str(),
        },
        counts: BeforeAfter {
            before: i.before_counts,
            after: i.after_counts,
        },
        effects: i.effects.iter().map(effect).collect(),
    }
}

fn effect(e: &Effect) -> EffectOut {
    let names = e.change.witnesses().into_iter().map(str::to_owned).collect();
    let finding = match &e.change.finding {
        Finding::Relation {
            kind,
            indirect,
            contingent,
            ..
        } => FindingOut {
            kind: "relation",
            relation: Some(kind.as_str()),
            indirect: Some(*indirect),
            contingent: contingent.then_some(true),
            terms: names,
        },
        Finding::Held { status, .. } => FindingOut {
            kind: words::status(*status),
            relation: None,
            indirect: None,
            contingent: None,
            terms: names,
        },
        Finding::Open { .. } => FindingOut {
            kind: "open",
            relation: None,
            indirect: None,
            contingent: None,
            terms: names,
        },
        Finding::Deadlock { .. } => FindingOut {
            kind: "deadlock",
            relation: None,
            indirect: None,
            contingent: None,
            terms: names,
        },
    };
    EffectOut {
        effect: words::effect(e),
        direction: words::direction(e.change.direction),
        improvement: is_improvement(e),
        finding,
        witnesses: e
            .witnesses
            .iter()
            .map(|w| WitnessOut {
                left: w.left.clone(),
                right: w.right.clone(),
                link: match w.link {
                    Link::Relation => "relation",
                    Link::Requires => "requires",
                },
            })
            .collect(),
        terms: e.terms.clone(),
    }
}

/// Renders `d` as pretty JSON, ending with a newline.
pub fn render(d: &ProposalDiff) -> String {
    // Writing to memory cannot fail, and the output types always serialize.
    to_string(|out| write(d, out)).unwrap_or_default()
}

/// Writes the diff to `out` as pretty JSON with a final newline, as it is made (a diff
/// lists every term of both versions).
pub fn write(d: &ProposalDiff, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_pretty(&output(d), out)
}

fn proposal(p: &ProposalInfo) -> ProposalOut {
    ProposalOut {
        id: p.id.clone(),
        title: p.title.clone(),
        by: p.by.clone(),
    }
}

fn side(s: &TermSide) -> SideOut<'_> {
    SideOut {
        index: s.index,
        id: &s.id,
        summary: &s.summary,
        text: s.text.as_deref(),
    }
}

fn term(t: &TermDiff) -> TermOut<'_> {
    match t {
        TermDiff::Matched(m) => TermOut {
            status: if m.changes_meaning() {
                "changed"
            } else {
                "unchanged"
            },
            old: Some(side(&m.old)),
            new: Some(side(&m.new)),
            matched: Some(MatchOut {
                by: match m.by {
                    MatchBy::Id => "id",
                    MatchBy::Similarity(_) => "similarity",
                },
                confidence: (m.by.confidence() * 100.0).round() / 100.0,
            }),
            changes: m.changes.iter().map(change).collect(),
        },
        TermDiff::Added(s) => TermOut {
            status: "added",
            old: None,
            new: Some(side(s)),
            matched: None,
            changes: Vec::new(),
        },
        TermDiff::Removed(s) => TermOut {
            status: "removed",
            old: Some(side(s)),
            new: None,
            matched: None,
            changes: Vec::new(),
        },
    }
}

fn change(c: &Change) -> ChangeOut {
    let mut out = ChangeOut {
        field: c.field.as_str(),
        kind: "",
        meaningful: c.is_meaningful(),
        summary: words::change(c),
        old: Value::Null,
        new: Value::Null,
        direction: None,
        name: None,
        added: None,
        removed: None,
        retimed: None,
        words: None,
    };
    let (kind, old, new) = match &c.kind {
        ChangeKind::Renamed { old, new } => ("renamed", json!(old), json!(new)),
        ChangeKind::Modality { old, new, .. } => ("modality", json!(old.as_str()), json!(new.as_str())),
        ChangeKind::Subject {
            old,
            new,
            added,
            removed,
        } => {
            out.added = Some(json!(added));
            out.removed = Some(json!(removed));
            ("subject", json!(old), json!(new))
        }
        ChangeKind::Target { old, new } => ("target", json!(old), json!(new)),
        ChangeKind::Action { old, new, direction } => {
            out.direction = Some(dir(*direction));
            ("action", json!(old), json!(new))
        }
        ChangeKind::About { old, new, direction } => {
            out.direction = Some(dir(*direction));
            ("about", json!(old), json!(new))
        }
        ChangeKind::Scope { old, new, direction } => {
            out.direction = Some(dir(*direction));
            ("scope", json!(old), json!(new))
        }
        ChangeKind::Window {
            old, new, direction, ..
        } => {
            out.direction = Some(dir(*direction));
            ("window", interval(*old), interval(*new))
        }
        ChangeKind::Param {
            name,
            old,
            new,
            direction,
        } => {
            out.direction = direction.map(dir);
            out.name = Some(name.clone());
            ("param", param_json(old.as_ref()), param_json(new.as_ref()))
        }
        ChangeKind::Requires {
            added,
            removed,
            retimed,
        } => {
            let list = |cs: &[(String, Timing)]| {
                json!(
                    cs.iter()
                        .map(|(id, t)| json!({"term": id, "timing": t.as_str()}))
                        .collect::<Vec<_>>()
                )
            };
            out.added = Some(list(added));
            out.removed = Some(list(removed));
            out.retimed = Some(json!(
                retimed
                    .iter()
                    .map(|(id, a, b)| json!({"term": id, "old": a.as_str(), "new": b.as_str()}))
                    .collect::<Vec<_>>()
            ));
            ("requires", Value::Null, Value::Null)
        }
        ChangeKind::Triggers { added, removed } | ChangeKind::Lapses { added, removed } => {
            let list = |cs: &[(String, crate::model::Outcome)]| {
                json!(
                    cs.iter()
                        .map(|(id, on)| json!({"term": id, "on": on.as_str()}))
                        .collect::<Vec<_>>()
                )
            };
            out.added = Some(list(added));
            out.removed = Some(list(removed));
            let kind = if matches!(c.kind, ChangeKind::Triggers { .. }) {
                "triggers"
            } else {
                "lapses_if"
            };
            (kind, Value::Null, Value::Null)
        }
        ChangeKind::Priority { old, new, direction } => {
            out.direction = Some(dir(*direction));
            ("priority", json!(old.as_str()), json!(new.as_str()))
        }
        ChangeKind::Wording { old, new, words } => {
            out.words = Some(words.iter().map(word).collect());
            ("wording", json!(old), json!(new))
        }
        ChangeKind::Annotation { old, new } => ("annotation", json!(old), json!(new)),
        ChangeKind::Notation { old, new } => ("notation", json!(old), json!(new)),
    };
    out.kind = kind;
    out.old = old;
    out.new = new;
    out
}

fn dir(d: Direction) -> &'static str {
    match d {
        Direction::Widened => "widened",
        Direction::Narrowed => "narrowed",
        Direction::Shifted => "shifted",
    }
}

/// A window, or `null` when it is unstated.
fn interval(i: Interval) -> Value {
    if i.is_unstated() {
        return Value::Null;
    }
    json!({ "from": i.from, "to": i.to() })
}

fn param_json(v: Option<&ParamValue>) -> Value {
    match v {
        Some(v) => serde_json::to_value(v).unwrap_or_else(|_| json!(words::value_in_list(v))),
        None => Value::Null,
    }
}

fn word(s: &Segment) -> WordOut {
    WordOut {
        op: match s.kind {
            SegmentKind::Same => "same",
            SegmentKind::Removed => "removed",
            SegmentKind::Added => "added",
        },
        text: s.text.clone(),
    }
}
