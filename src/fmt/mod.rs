//! The canonical layout of a proposal file, for `armistice fmt`: fields in the order
//! of the model, two-space indentation, one term per block, short arrays and objects of
//! plain values on one line. Values are kept as written (numbers keep their spelling);
//! comments (JSONC) are kept with the field or element they sit on or before; a
//! comment that cannot be kept in place is an error, never dropped.

mod print;

use jsonc_parser::ast::Value as Ast;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

use crate::model::Proposal;

/// Why a file could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmtError {
    /// The text is not JSON (with comments).
    Syntax(String),
    /// The text is JSON but not a valid proposal.
    Invalid(String),
    /// A comment sits where the canonical layout has no place for it.
    Comment(String),
}

impl std::fmt::Display for FmtError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FmtError::Syntax(m) => write!(f, "not valid JSON: {m}"),
            FmtError::Invalid(m) => write!(f, "not a valid proposal: {m}"),
            FmtError::Comment(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for FmtError {}

/// Field order of a proposal, as in [`Proposal`].
pub const PROPOSAL_FIELDS: [&str; 12] = [
    "$schema",
    "$vocab",
    "id",
    "title",
    "by",
    "kind",
    "date",
    "entry_into_force",
    "phases",
    "source",
    "note",
    "terms",
];
/// Field order of a term, as in [`crate::model::Term`].
pub const TERM_FIELDS: [&str; 16] = [
    "id",
    "subject",
    "modality",
    "action",
    "target",
    "about",
    "scope",
    "window",
    "params",
    "requires",
    "lapses_if",
    "priority",
    "text",
    "source",
    "note",
    "codes",
];
/// Field order of a window range.
pub const WINDOW_FIELDS: [&str; 7] = ["after", "from_start", "from", "to", "days", "hours", "by"];
/// Field order of a phase, as in [`crate::model::Phase`].
pub const PHASE_FIELDS: [&str; 4] = ["id", "from", "to", "days"];
/// Field order of a condition object (and of a lapse, which has no timing).
pub const CONDITION_FIELDS: [&str; 3] = ["term", "timing", "on"];
/// Field order of a parameter range.
pub const RANGE_FIELDS: [&str; 2] = ["min", "max"];

/// Widest line a short array or object may make when put on one line.
pub const MAX_WIDTH: usize = 100;

/// The canonical layout of the proposal file `text`.
pub fn format(text: &str) -> Result<String, FmtError> {
    let options = ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: false,
        allow_trailing_commas: true,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Separate,
        tokens: false,
    };
    let parsed =
        jsonc_parser::parse_to_ast(text, &collect, &options).map_err(|e| FmtError::Syntax(e.to_string()))?;
    let Some(root) = parsed.value else {
        return Err(FmtError::Syntax("the file is empty".to_owned()));
    };
    validate(&root)?;
    let mut comments: Vec<jsonc_parser::ast::Comment> = parsed
        .comments
        .iter()
        .flat_map(|m| m.values())
        .flat_map(|v| v.iter().cloned())
        .collect();
    comments.sort_by_key(|c| c.range().start);
    comments.dedup_by_key(|c| c.range().start);
    print::Printer::new(text, comments).document(&root)
}

/// Checks that `root` is a proposal, as the loader would read it.
fn validate(root: &Ast) -> Result<(), FmtError> {
    let value = to_json(root)?;
    serde_path_to_error::deserialize::<_, Proposal>(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if path == "." {
            FmtError::Invalid(inner)
        } else {
            FmtError::Invalid(format!("at `{path}`: {inner}"))
        }
    })?;
    Ok(())
}

/// The AST as a serde value.
fn to_json(v: &Ast) -> Result<serde_json::Value, FmtError> {
    use serde_json::Value as J;
    Ok(match v {
        Ast::StringLit(s) => J::String(s.value.to_string()),
        Ast::NumberLit(n) => serde_json::from_str::<serde_json::Number>(n.value)
            .map(J::Number)
            .map_err(|_| FmtError::Syntax(format!("bad number `{}`", n.value)))?,
        Ast::BooleanLit(b) => J::Bool(b.value),
        Ast::NullKeyword(_) => J::Null,
        Ast::Array(a) => J::Array(a.elements.iter().map(to_json).collect::<Result<_, _>>()?),
        Ast::Object(o) => {
            let mut map = serde_json::Map::new();
            for p in &o.properties {
                let key = p.name.as_str().to_owned();
                if map.contains_key(&key) {
                    return Err(FmtError::Invalid(format!("the field `{key}` appears twice")));
                }
                map.insert(key, to_json(&p.value)?);
            }
            J::Object(map)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Condition, ParamValue, Subject, Term, Timing, Window, WindowRange};

    /// The field orders above are those the model serializes in.
    #[test]
    fn field_orders_follow_the_model() {
        let term = Term {
            id: "t".into(),
            subject: Subject(Box::new(["US".into()])),
            modality: crate::model::Modality::May,
            action: "a".into(),
            target: Some("UA".into()),
            about: ["y".into()].into(),
            scope: Box::new(["x".into()]),
            window: Some(Window::Range(WindowRange {
                from: Some(1),
                to: Some(2),
                days: Some(1),
            })),
            params: [(
                "p".to_owned(),
                ParamValue::Range {
                    min: Some(1.0),
                    max: Some(2.0),
                },
            )]
            .into(),
            requires: [Condition {
                term: "u".into(),
                timing: Timing::Concurrent,
                on: crate::model::Outcome::Failed,
            }]
            .into(),
            lapses_if: vec![crate::model::Lapse {
                term: "u".into(),
                on: crate::model::Outcome::Breached,
            }]
            .into(),
            priority: crate::model::Priority::Core,
            text: Some("x".into()),
            source: Some("x".into()),
            note: Some("x".into()),
            codes: Some(Box::new([("pax".to_owned(), vec!["CeProv".to_owned()])].into())),
        };
        let v = serde_json::to_value(&term).unwrap();
        let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&v), TERM_FIELDS);
        assert_eq!(keys(&v["window"]), ["from", "to", "days"]);
        // Every form of window writes its keys in the canonical order.
        for w in [
            r#"{"after":"a","from_start":true,"days":3}"#,
            r#"{"after":"a","hours":3}"#,
            r#"{"from":"2025-01-01","to":4}"#,
            r#"{"by":4}"#,
            r#"{"hours":4}"#,
        ] {
            let window: Window = serde_json::from_str(w).unwrap();
            let ks = keys(&serde_json::to_value(&window).unwrap());
            let ranks: Vec<usize> = ks
                .iter()
                .map(|k| WINDOW_FIELDS.iter().position(|f| f == k).unwrap())
                .collect();
            assert!(ranks.windows(2).all(|r| r[0] < r[1]), "{w}");
        }
        let phase: crate::model::Phase =
            serde_json::from_str(r#"{"id":"p","from":1,"to":"2025-01-01","days":3}"#).unwrap();
        assert_eq!(keys(&serde_json::to_value(&phase).unwrap()), PHASE_FIELDS);
        assert_eq!(keys(&v["requires"][0]), CONDITION_FIELDS);
        assert_eq!(keys(&v["lapses_if"][0]), ["term", "on"]);
        assert_eq!(keys(&v["params"]["p"]), RANGE_FIELDS);
        let p = Proposal {
            schema: Some("s".into()),
            vocab: Some(crate::model::VocabRefs::One("v".into())),
            id: "p".into(),
            title: Some("x".into()),
            by: vec![],
            kind: crate::model::ProposalKind::Reading,
            date: Some("x".into()),
            entry_into_force: crate::model::Date::parse("2025-01-01"),
            phases: vec![crate::model::Phase {
                id: "p".into(),
                from: None,
                to: None,
                days: Some(1),
            }],
            source: Some("x".into()),
            note: Some("x".into()),
            terms: vec![],
        };
        assert_eq!(keys(&serde_json::to_value(&p).unwrap()), PROPOSAL_FIELDS);
    }
}
