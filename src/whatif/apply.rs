//! Applying edits to proposals (the serde model): names checked with "did you mean",
//! and a `set` done on the term's JSON form, so every field of the model can be set and
//! is checked by the same code that reads proposal files.

use serde_json::{Map, Value};

use super::edit::Edit;
use super::editor::Editor;
use crate::model::{Proposal, Term};
use crate::vocab::did_you_mean;

/// Which part of an edit an error is about, for locating it in a scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPart {
    /// The term name (or, for `add`, the proposal id).
    Term,
    /// The field of a `set`.
    Field,
    /// The value of a `set`.
    Value,
    /// The term added by `add`.
    Added,
    /// The condition of `require` or `unrequire`.
    Condition,
}

impl EditPart {
    /// The key of that part in the JSON form of an edit.
    pub fn key(self) -> &'static str {
        match self {
            EditPart::Term | EditPart::Added => "term",
            EditPart::Field => "field",
            EditPart::Value => "value",
            EditPart::Condition => "condition",
        }
    }
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// The part of the edit at fault.
    pub part: EditPart,
    /// What is wrong: lowercase, no final period, user input in backticks.
    pub message: String,
    /// A suggestion, such as "did you mean `modality`?".
    pub help: Option<String>,
}

impl EditError {
    pub(super) fn new(part: EditPart, message: String) -> EditError {
        EditError {
            part,
            message,
            help: None,
        }
    }

    pub(super) fn suggest<'a>(
        mut self,
        name: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> EditError {
        if let Some(s) = did_you_mean(name, candidates) {
            self.help = Some(format!("did you mean `{s}`?"));
        }
        self
    }

    pub(super) fn help(mut self, help: String) -> EditError {
        self.help = Some(help);
        self
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// What applying an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The index of the proposal changed.
    pub proposal: usize,
    /// A term renamed by `set ... id=...`: its old and new `proposal-id/term-id`.
    pub renamed: Option<(String, String)>,
}

/// The fields of a term, as named in proposal files.
pub fn term_fields() -> Vec<String> {
    fields().to_vec()
}

/// The fields of a term, read once from the model's schema (a package of concessions
/// sets thousands of fields).
fn fields() -> &'static [String] {
    static FIELDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| {
        let schema = schemars::schema_for!(Term);
        schema
            .as_object()
            .and_then(|o| o.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    })
}

/// Applies `edit` to `proposals`, in place. On error nothing is changed. (A sequence
/// of edits is applied through one [`Editor`], which finds terms by an index.)
pub fn apply(proposals: &mut [Proposal], edit: &Edit) -> Result<Applied, EditError> {
    let mut editor = Editor::new(proposals);
    let applied = editor.apply(edit)?;
    editor.finish();
    Ok(applied)
}

pub(super) fn missing(name: &str) -> EditError {
    EditError::new(EditPart::Term, format!("`{name}` went missing while editing"))
}

pub(super) fn find_proposal(proposals: &[Proposal], id: &str) -> Result<usize, EditError> {
    proposals.iter().position(|p| p.id == id).ok_or_else(|| {
        let ids: Vec<&str> = proposals.iter().map(|p| p.id.as_str()).collect();
        unknown_proposal(id, &ids)
    })
}

/// The error for a proposal id that is none of `ids`, with "did you mean" or the list.
pub fn unknown_proposal(id: &str, ids: &[&str]) -> EditError {
    let err = EditError::new(EditPart::Term, format!("unknown proposal `{id}`"));
    if did_you_mean(id, ids.iter().copied()).is_some() {
        err.suggest(id, ids.iter().copied())
    } else {
        let list: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
        err.help(format!("the proposals compared are {}", list.join(", ")))
    }
}

/// Makes room in the window of the term `object` for its field `key` to be set: a
/// window is one form at a time, so setting `window.by` makes it a deadline, and
/// `window.after` an anchor, whatever it was; `days` and `hours` stay with an anchor
/// (one or the other); `from`, `to` and `days` stay together. A window written as a
/// word (`"ceasefire"`, a phase) gives way to the object.
fn fresh_window(object: &mut Map<String, Value>, key: &str) {
    let current = object
        .get("window")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let anchored = current.contains_key("after");
    let keep: &[&str] = match key {
        "by" => &[],
        "after" | "from_start" => &["after", "from_start", "days", "hours"],
        "days" if anchored => &["after", "from_start"],
        "hours" if anchored => &["after", "from_start"],
        "hours" => &[],
        _ if current.contains_key("by") || current.contains_key("hours") || anchored => &[],
        _ => &["from", "to", "days"],
    };
    let kept: Map<String, Value> = current
        .into_iter()
        .filter(|(k, _)| keep.contains(&k.as_str()))
        .collect();
    object.insert("window".to_owned(), Value::Object(kept));
}

/// The term with `field` (a dotted path) set to `value` (`null` removes it), read back
/// through the model's own deserializer.
pub(super) fn set_field(term: &Term, field: &str, value: &Value) -> Result<Term, EditError> {
    let fields = fields();
    let mut segments = field.split('.');
    let first = segments.next().unwrap_or_default();
    if !fields.iter().any(|f| f == first) {
        return Err(
            EditError::new(EditPart::Field, format!("unknown field `{first}` of a term"))
                .suggest(first, fields.iter().map(String::as_str))
                .or_help(format!(
                    "the fields are {}",
                    fields
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        );
    }
    let mut json = serde_json::to_value(term)
        .map_err(|e| EditError::new(EditPart::Field, format!("cannot read the term: {e}")))?;
    let path: Vec<&str> = field.split('.').collect();
    let Some((last, parents)) = path.split_last() else {
        return Err(EditError::new(EditPart::Field, "empty field".to_owned()));
    };
    let mut object = json
        .as_object_mut()
        .ok_or_else(|| EditError::new(EditPart::Field, "the term is not an object".to_owned()))?;
    if let ["window"] = parents {
        fresh_window(object, last);
    }
    let mut walked = String::new();
    for seg in parents {
        if seg.is_empty() {
            return Err(EditError::new(EditPart::Field, format!("bad field `{field}`")));
        }
        walked = if walked.is_empty() {
            (*seg).to_owned()
        } else {
            format!("{walked}.{seg}")
        };
        let entry = object
            .entry(seg.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        object = entry.as_object_mut().ok_or_else(|| {
            EditError::new(
                EditPart::Field,
                format!("`{walked}` is not an object, so `{field}` cannot be set"),
            )
            .help(format!("set `{walked}` as a whole"))
        })?;
    }
    if last.is_empty() {
        return Err(EditError::new(EditPart::Field, format!("bad field `{field}`")));
    }
    if value.is_null() {
        object.remove(*last);
    } else if field == "about"
        && let Value::String(topic) = value
    {
        // One topic, as the edit language writes it (`about=maritime_ceasefire`), is
        // the list of that topic.
        object.insert(
            (*last).to_owned(),
            Value::Array(vec![Value::String(topic.clone())]),
        );
    } else {
        object.insert((*last).to_owned(), value.clone());
    }
    serde_path_to_error::deserialize(json).map_err(|e| {
        let at = e.path().to_string();
        let inner = e.into_inner();
        let place = if at == "." || at == field {
            String::new()
        } else {
            format!(" (at `{at}`)")
        };
        EditError::new(
            EditPart::Value,
            format!("cannot set `{field}` to `{}`: {inner}{place}", value),
        )
    })
}

impl EditError {
    fn or_help(self, help: String) -> EditError {
        if self.help.is_some() {
            self
        } else {
            self.help(help)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Window};
    use serde_json::json;

    fn seed() -> Vec<Proposal> {
        ["proposals/us-2025-03-11.json", "proposals/ru-2025-03-13.json"]
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    fn set(term: &str, field: &str, value: Value) -> Edit {
        Edit::Set {
            term: term.into(),
            field: field.into(),
            value,
        }
    }

    #[test]
    fn one_topic_is_the_list_of_it() {
        let t: Term =
            serde_json::from_value(json!({"id": "t", "subject": "US", "action": "negotiations"})).unwrap();
        let set = set_field(&t, "about", &json!("maritime_ceasefire")).unwrap();
        assert_eq!(&*set.about, &["maritime_ceasefire".into()]);
        let set = set_field(&t, "about", &json!(["navigation", "energy_ceasefire"])).unwrap();
        assert_eq!(set.about.len(), 2);
        assert!(set_field(&set, "about", &Value::Null).unwrap().about.is_empty());
    }

    #[test]
    fn set_any_field_through_the_model() {
        let mut ps = seed();
        apply(&mut ps, &set("us-2025-03-11/aid", "modality", json!("must_not"))).unwrap();
        assert_eq!(ps[0].term("aid").unwrap().modality, Modality::MustNot);
        apply(&mut ps, &set("us-2025-03-11/aid", "window", json!("ceasefire"))).unwrap();
        assert_eq!(ps[0].term("aid").unwrap().window, Some(Window::Ceasefire));
        apply(&mut ps, &set("us-2025-03-11/aid", "window", Value::Null)).unwrap();
        assert_eq!(ps[0].term("aid").unwrap().window, None);
        apply(&mut ps, &set("us-2025-03-11/aid", "window.days", json!(60))).unwrap();
        assert!(matches!(&ps[0].term("aid").unwrap().window, Some(Window::Range(r)) if r.days == Some(60)));
        // One form at a time: a deadline replaces the range, an anchor the deadline,
        // and days after an anchor keep the anchor.
        let window = |ps: &[Proposal]| serde_json::to_string(&ps[0].term("aid").unwrap().window).unwrap();
        apply(&mut ps, &set("us-2025-03-11/aid", "window.by", json!(50))).unwrap();
        assert_eq!(window(&ps), r#"{"by":50}"#);
        apply(&mut ps, &set("us-2025-03-11/aid", "window.after", json!("halt"))).unwrap();
        assert_eq!(window(&ps), r#"{"after":"halt"}"#);
        apply(&mut ps, &set("us-2025-03-11/aid", "window.days", json!(9))).unwrap();
        assert_eq!(window(&ps), r#"{"after":"halt","days":9}"#);
        apply(&mut ps, &set("us-2025-03-11/aid", "window.hours", json!(12))).unwrap();
        assert_eq!(window(&ps), r#"{"after":"halt","hours":12}"#);
        apply(&mut ps, &set("us-2025-03-11/aid", "window.to", json!(30))).unwrap();
        assert_eq!(window(&ps), r#"{"to":30}"#);
        apply(&mut ps, &set("us-2025-03-11/aid", "window", json!("phase-1"))).unwrap();
        apply(
            &mut ps,
            &set("us-2025-03-11/aid", "window.by", json!("2025-03-01")),
        )
        .unwrap();
        assert_eq!(window(&ps), r#"{"by":"2025-03-01"}"#);
        apply(&mut ps, &set("us-2025-03-11/aid", "params.count", json!(3))).unwrap();
        assert_eq!(ps[0].term("aid").unwrap().params.len(), 1);
        let a = apply(&mut ps, &set("us-2025-03-11/aid", "id", json!("help"))).unwrap();
        assert_eq!(
            a.renamed,
            Some(("us-2025-03-11/aid".into(), "us-2025-03-11/help".into()))
        );
    }

    #[test]
    fn unknown_names_suggest() {
        let mut ps = seed();
        let e = apply(&mut ps, &set("us-2025-03-11/aid", "modalty", json!("may"))).unwrap_err();
        assert_eq!(e.part, EditPart::Field);
        assert_eq!(e.help.as_deref(), Some("did you mean `modality`?"));
        let e = apply(
            &mut ps,
            &Edit::Drop {
                term: "us-2025-03-11/aidd".into(),
            },
        )
        .unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `aid`?"));
        let e = apply(
            &mut ps,
            &Edit::Drop {
                term: "us-2025-03-12/aid".into(),
            },
        )
        .unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `us-2025-03-11`?"));
        let e = apply(&mut ps, &set("us-2025-03-11/aid", "modality", json!("maybe"))).unwrap_err();
        assert_eq!(e.part, EditPart::Value);
        assert!(e.message.contains("unknown variant `maybe`"), "{}", e.message);
        let e = apply(&mut ps, &set("us-2025-03-11/aid", "text.x", json!(1))).unwrap_err();
        assert!(e.message.contains("`text` is not an object"), "{}", e.message);
        let unreq = Edit::Unrequire {
            term: "ru-2025-03-13/halt".into(),
            condition: "no-ad".into(),
        };
        let e = apply(&mut ps, &unreq).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `no-aid`?"));
        assert_eq!(ps, seed(), "failed edits change nothing");
    }

    #[test]
    fn conditions_added_and_removed() {
        let mut ps = seed();
        let req = Edit::Require {
            term: "ru-2025-03-13/no-aid".into(),
            condition: "no-intel".into(),
            timing: crate::model::Timing::Concurrent,
        };
        apply(&mut ps, &req).unwrap();
        assert_eq!(ps[1].term("no-aid").unwrap().requires.len(), 1);
        let unreq = Edit::Unrequire {
            term: "ru-2025-03-13/no-aid".into(),
            condition: "no-intel".into(),
        };
        apply(&mut ps, &unreq).unwrap();
        assert_eq!(ps, seed());
    }
}
