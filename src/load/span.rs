//! Finding a JSON path (`terms[3].window.days`) in the source text: the byte range of
//! the value at that path, or of its key, from the syntax tree of jsonc-parser.

use std::ops::Range;

use jsonc_parser::ast::{ObjectProp, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// What to underline at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// The value.
    Value,
    /// The key of the last step, when it is an object property (else the value).
    Key,
}

/// A parsed document, kept to locate several paths.
pub(super) struct Document<'t> {
    root: Option<Value<'t>>,
}

impl<'t> Document<'t> {
    /// Parses `text` (JSON with comments); a text that does not parse locates nothing.
    pub(super) fn parse(text: &'t str) -> Document<'t> {
        let root = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .ok()
            .and_then(|r| r.value);
        Document { root }
    }

    /// The byte range of `part` at `path`, or of the deepest value on the way to it
    /// when the path goes further than the document (a missing field).
    pub(super) fn locate(&self, path: &str, part: Part) -> Option<Range<usize>> {
        let mut value = self.root.as_ref()?;
        let mut rest = path.strip_prefix('.').unwrap_or(path);
        let mut last_prop: Option<&ObjectProp> = None;
        while !rest.is_empty() {
            rest = rest.strip_prefix('.').unwrap_or(rest);
            let step = match value {
                Value::Array(a) => {
                    index_step(rest).and_then(|(i, after)| Some((a.elements.get(i)?, None, after)))
                }
                Value::Object(o) => key_step(o.properties.as_slice(), rest)
                    .map(|(prop, after)| (&prop.value, Some(prop), after)),
                _ => None,
            };
            match step {
                Some((v, prop, after)) => {
                    value = v;
                    last_prop = prop;
                    rest = after;
                }
                None => break,
            }
        }
        let range = match (part, last_prop, rest.is_empty(), value) {
            (Part::Key, Some(prop), true, _) => prop.name.range(),
            // A whole object that has an id (a term) is shown by its id.
            (_, _, _, Value::Object(o)) => o.get("id").map_or(o.range, |p| p.range),
            _ => value.range(),
        };
        Some(range.start..range.end)
    }
}

/// `[12]...` → (12, "...").
fn index_step(rest: &str) -> Option<(usize, &str)> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let index = inner.get(..close)?.parse().ok()?;
    Some((index, inner.get(close + 1..)?))
}

/// The property whose name starts `rest` and is followed by the end, `.` or `[`; the
/// longest such name, so that keys containing `.` are found too.
fn key_step<'a, 'p, 't>(props: &'p [ObjectProp<'t>], rest: &'a str) -> Option<(&'p ObjectProp<'t>, &'a str)> {
    props
        .iter()
        .filter_map(|p| {
            let name = p.name.as_str();
            let after = rest.strip_prefix(name)?;
            (after.is_empty() || after.starts_with('.') || after.starts_with('[')).then_some((
                p,
                after,
                name.len(),
            ))
        })
        .max_by_key(|(_, _, len)| *len)
        .map(|(p, after, _)| (p, after))
}

/// The byte offset of 1-based `line` and 1-based byte `column`, as serde_json reports them.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    floor_char_boundary(text, (line_start + column.saturating_sub(1)).min(text.len()))
}

/// The largest char boundary at or below `i`.
pub(super) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{Document, Part, offset_of};

    const TEXT: &str =
        "{\n  // c\n  \"terms\": [\n    { \"id\": \"a\", \"params\": { \"a.b\": 3 } }\n  ]\n}\n";

    fn at(path: &str, part: Part) -> &'static str {
        let r = Document::parse(TEXT).locate(path, part).unwrap();
        &TEXT[r]
    }

    #[test]
    fn finds_values_and_keys() {
        assert_eq!(at("terms[0].id", Part::Value), "\"a\"");
        assert_eq!(at("terms[0].id", Part::Key), "\"id\"");
        assert_eq!(at("terms[0].params.a.b", Part::Value), "3");
        assert_eq!(at("terms[0].params.a.b", Part::Key), "\"a.b\"");
        assert_eq!(at("terms[0]", Part::Key), "\"id\": \"a\"");
        assert_eq!(at("terms[0].params", Part::Value), "{ \"a.b\": 3 }");
    }

    #[test]
    fn stops_at_the_deepest_existing_value() {
        assert_eq!(
            at("terms[0].window.days", Part::Value),
            at("terms[0]", Part::Value)
        );
        assert_eq!(at("terms[7]", Part::Value), at("terms", Part::Value));
        assert_eq!(at("", Part::Value), TEXT.trim_end());
    }

    #[test]
    fn lines_and_columns() {
        let off = TEXT.find("\"id\"").unwrap();
        assert_eq!(offset_of(TEXT, 4, 7), off);
        assert_eq!(offset_of(TEXT, 99, 1), TEXT.len());
    }
}
