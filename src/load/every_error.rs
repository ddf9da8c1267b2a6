//! Every type error of a file, not only the first. serde stops at the first value of
//! the wrong type; to find the others, the offending value is taken out of a parsed
//! copy of the document (a whole object when a field of it is missing) and the copy is
//! read again, each error mapped back to its path in the file. At most
//! [`MAX_TYPE_ERRORS`] are collected, so a file of many bad terms costs that many
//! readings at most.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

use super::span::Document;
use super::syntax;
use super::{Diagnostic, Located};

/// The most type errors reported for one file (as many as a report shows).
pub(super) const MAX_TYPE_ERRORS: usize = super::render::MAX_SHOWN;

/// One step of a path in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The type errors of `text` other than `first` (already reported), and a syntax error
/// further on that the first type error hid. `text` is plain JSON (its comments
/// blanked) whose nesting was bounded.
pub(super) fn besides<T: DeserializeOwned>(text: &str, first: &Diagnostic) -> Vec<Located> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let mut value = match Value::deserialize(&mut de).and_then(|v| de.end().map(|()| v)) {
        Ok(value) => value,
        Err(e) => return vec![syntax::from_serde(text, "", e)],
    };
    let doc = Document::parse(text);
    let mut removed = Removed::default();
    let mut found: Vec<Located> = Vec::new();
    // Objects that lost a field here, by their path in the file.
    let mut emptied = HashSet::new();
    // Each turn reads the whole copy: bounded, even where turns find nothing new (a
    // missing field that follows from one taken out, an error met again).
    for _ in 0..MAX_TYPE_ERRORS * 4 {
        let Err(e) = serde_path_to_error::deserialize::<_, T>(&value) else {
            break;
        };
        if found.len() + 1 == MAX_TYPE_ERRORS {
            if let Some(last) = found.last_mut() {
                last.note = Some(format!(
                    "type checking stops after {MAX_TYPE_ERRORS} errors: more may follow"
                ));
            }
            break;
        }
        let steps = steps(e.path());
        let path = removed.original(&steps);
        let inner = e.into_inner();
        // A field taken out for its type is missing now: no second error for it.
        let consequence = inner.to_string().starts_with("missing field") && emptied.contains(&path);
        let located = syntax::from_serde_in(&doc, text, &path, inner);
        let new = located.diagnostic != *first && !found.iter().any(|f| f.diagnostic == located.diagnostic);
        if new && !consequence {
            found.push(located);
        }
        // The value at the path goes (the object itself, for a missing field); the
        // root cannot, and the copy shrinks at every turn, so this ends.
        if !removed.take_out(&mut value, &steps) {
            break;
        }
        if let Some((Step::Key(_), parent)) = steps.split_last() {
            emptied.insert(removed.original(parent));
        }
    }
    found
}

/// The steps of a serde path, up to the first it cannot name.
fn steps(path: &serde_path_to_error::Path) -> Vec<Step> {
    path.iter()
        .map_while(|segment| match segment {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } | Segment::Enum { variant: key } => Some(Step::Key(key.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

/// The array elements taken out so far, by the original path of their array, so that
/// later paths are given in the file's own numbering.
#[derive(Default)]
struct Removed {
    /// Original indices taken out of each array, ascending.
    by_array: HashMap<String, Vec<usize>>,
}

impl Removed {
    /// The path in the file of `steps` in the copy, written as serde_path_to_error
    /// writes paths (`terms[2].requires[0].timing`).
    fn original(&self, steps: &[Step]) -> String {
        let mut path = String::new();
        for step in steps {
            match step {
                Step::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Step::Index(i) => {
                    let index = self.original_index(&path, *i);
                    path.push_str(&format!("[{index}]"));
                }
            }
        }
        path
    }

    /// The file's index of element `i` of the copy's array at `array` (a path in the file).
    fn original_index(&self, array: &str, i: usize) -> usize {
        let mut index = i;
        for &gone in self.by_array.get(array).map(Vec::as_slice).unwrap_or_default() {
            if gone <= index {
                index += 1;
            }
        }
        index
    }

    /// Takes the value at `steps` out of `value`; false when there is none.
    fn take_out(&mut self, value: &mut Value, steps: &[Step]) -> bool {
        let Some((last, parents)) = steps.split_last() else {
            return false;
        };
        let array_path = self.original(parents);
        let mut at = value;
        for step in parents {
            let next = match (step, at) {
                (Step::Key(k), Value::Object(map)) => map.get_mut(k.as_str()),
                (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
                _ => None,
            };
            match next {
                Some(next) => at = next,
                None => return false,
            }
        }
        match (last, at) {
            (Step::Key(k), Value::Object(map)) => map.shift_remove(k.as_str()).is_some(),
            (Step::Index(i), Value::Array(items)) if *i < items.len() => {
                let original = self.original_index(&array_path, *i);
                items.remove(*i);
                let gone = self.by_array.entry(array_path).or_default();
                let at = gone.partition_point(|&g| g < original);
                gone.insert(at, original);
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{SourceFile, parse_json_every};
    use crate::model::Proposal;

    fn located(terms: &[String]) -> Vec<crate::load::Located> {
        let text = format!(
            r#"{{"id": "p", "title": "t", "by": ["US"], "date": "2025-03-11", "terms": [{}]}}"#,
            terms.join(",")
        );
        let file = SourceFile::from_text("p.json", text);
        parse_json_every::<Proposal>(&file, 64).unwrap_err()
    }

    fn errors(terms: &[String]) -> Vec<String> {
        located(terms).into_iter().map(|l| l.diagnostic.path).collect()
    }

    fn term(id: usize, modality: &str) -> String {
        format!(r#"{{"id": "t{id}", "subject": ["RU"], "modality": "{modality}", "action": "hostilities"}}"#)
    }

    #[test]
    fn paths_keep_the_files_numbering_after_an_element_is_taken_out() {
        let terms = [
            r#"{"id": "a", "subject": ["RU"], "action": "hostilities", "modality": "must", "requires": [{"timing": "before"}, {"timing": "before"}, {"term": 1}]}"#.to_owned(),
            term(1, "mustt"),
            term(2, "must"),
            term(3, "shall"),
        ];
        assert_eq!(
            errors(&terms),
            [
                "terms[0].requires[0]",
                "terms[0].requires[1]",
                "terms[0].requires[2].term",
                "terms[1].modality",
                "terms[3].modality"
            ]
        );
    }

    #[test]
    fn at_most_fifty_type_errors_and_the_first_among_them() {
        let terms: Vec<String> = (0..200).map(|i| term(i, "mustt")).collect();
        let found = errors(&terms);
        assert_eq!(found.len(), super::MAX_TYPE_ERRORS);
        assert_eq!(found[0], "terms[0].modality");
        assert_eq!(found[49], "terms[49].modality");
        let notes: Vec<_> = located(&terms).into_iter().filter_map(|l| l.note).collect();
        assert_eq!(notes, ["type checking stops after 50 errors: more may follow"]);
        let exactly: Vec<String> = (0..50).map(|i| term(i, "mustt")).collect();
        assert!(located(&exactly).iter().all(|l| l.note.is_none()));
    }
}
