//! Syntax and type errors: a serde_json error, with the JSON path serde_path_to_error
//! tracked, turned into a located diagnostic with words people can act on ("unknown
//! field `windw`" with "did you mean `window`?").

use serde_json::error::Category;

use super::span::{Document, Part, offset_of};
use super::{Diagnostic, Located};

/// Turns a deserialization error about `text`, at the JSON path serde_path_to_error
/// wrote as `path`, into a located diagnostic.
pub(super) fn from_serde(text: &str, path: &str, inner: serde_json::Error) -> Located {
    from_serde_in(&Document::parse(text), text, path, inner)
}

/// [`from_serde`] with `text` already parsed into `doc` (for many errors of one text).
pub(super) fn from_serde_in(doc: &Document<'_>, text: &str, path: &str, inner: serde_json::Error) -> Located {
    let path = clean_path(path);
    let raw = strip_position(&inner.to_string());
    let at = offset_of(text, inner.line(), inner.column());
    match inner.classify() {
        Category::Data => data_error(doc, text, path, &raw, at),
        Category::Eof if text.trim().is_empty() => Located {
            diagnostic: Diagnostic::error("", "empty file: expected a JSON object"),
            span: Some(0..0),
            note: None,
        },
        Category::Eof => Located {
            diagnostic: Diagnostic::error(path, format!("unexpected end of file {}", eof_what(&raw)))
                .with_help("a closing `}` or `]` may be missing"),
            span: Some(text.trim_end().len()..text.trim_end().len()),
            note: None,
        },
        Category::Syntax | Category::Io => syntax_error(text, path, &raw, at),
    }
}

fn data_error(doc: &Document<'_>, text: &str, path: String, raw: &str, at: usize) -> Located {
    let (diagnostic, part) = if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        let d = Diagnostic::error(path.clone(), format!("unknown field {name}"));
        (with_suggestion(d, name, &expected, "fields"), Part::Key)
    } else if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        let d = Diagnostic::error(path.clone(), format!("unknown value {name}"));
        (with_suggestion(d, name, &expected, "values"), Part::Value)
    } else {
        (Diagnostic::error(path.clone(), plain_words(raw)), Part::Value)
    };
    let span = doc.locate(&path, part).or(Some(at..(at + 1).min(text.len())));
    Located {
        diagnostic,
        span,
        note: None,
    }
}

fn syntax_error(text: &str, path: String, raw: &str, at: usize) -> Located {
    let (message, span) = if raw == "trailing comma" {
        let comma = text.get(..at).and_then(|t| t.rfind(',')).unwrap_or(at);
        (
            "trailing comma: JSON allows none after the last element".to_owned(),
            comma..comma + 1,
        )
    } else if raw == "trailing characters" {
        ("unexpected text after the end of the document".to_owned(), at..at)
    } else {
        (plain_words(raw), at..at)
    };
    let end = next_char_end(text, span.end.max(span.start));
    Located {
        diagnostic: Diagnostic::error(path, format!("syntax error: {message}")),
        span: Some(span.start..end.max(span.end)),
        note: None,
    }
}

/// The end of the character that starts at `at`, so that the caret covers it.
fn next_char_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .map_or(at, |c| at + c.len_utf8())
}

/// `"EOF while parsing a list"` → `"inside a list"`.
fn eof_what(raw: &str) -> String {
    match raw.strip_prefix("EOF while parsing ") {
        Some(what) => format!("inside {}", plain_words(what)),
        None => "too early".into(),
    }
}

/// `` `windw`, expected one of `id`, `window` `` → (`` `windw` ``, [id, window]).
fn split_expected(rest: &str) -> (&str, Vec<&str>) {
    let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
    let names = expected.split('`').skip(1).step_by(2).collect();
    (name, names)
}

fn with_suggestion(d: Diagnostic, name: &str, expected: &[&str], what: &str) -> Diagnostic {
    let bare = name.trim_matches('`');
    match crate::vocab::did_you_mean(bare, expected.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None if expected.is_empty() => d.with_help(format!("no {what} are allowed here")),
        None => d.with_help(format!(
            "expected one of {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// serde's Rust words in the words of the file format.
fn plain_words(raw: &str) -> String {
    let mut s = quote_strings(raw);
    for (from, to) in [
        ("expected i64", "expected an integer"),
        ("expected u64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected an object"),
        ("expected struct Proposal", "expected a proposal object"),
        ("expected struct VocabFile", "expected a vocabulary object"),
        ("expected struct ", "expected an object "),
        ("invalid type: sequence", "invalid type: list"),
        ("invalid type: map", "invalid type: object"),
    ] {
        s = s.replace(from, to);
    }
    s
}

/// `string "x"` → `` string `x` ``, so that user input stands in backticks.
fn quote_strings(raw: &str) -> String {
    match raw.split_once("string \"") {
        Some((before, after)) => match after.rsplit_once("\", expected") {
            Some((value, rest)) => format!("{before}string `{value}`, expected{rest}"),
            None => raw.to_owned(),
        },
        None => raw.to_owned(),
    }
}

/// serde_json appends " at line L column C"; the location is shown otherwise.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// serde_path_to_error writes `.` for the root and `?` for unknown steps.
fn clean_path(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.') {
        if part == "?" || part.is_empty() {
            break;
        }
        if !out.is_empty() && !part.starts_with('[') {
            out.push('.');
        }
        out.push_str(part.strip_suffix("[?]").unwrap_or(part));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{clean_path, plain_words, split_expected};

    #[test]
    fn paths() {
        assert_eq!(clean_path("."), "");
        assert_eq!(clean_path("terms[0].?"), "terms[0]");
        assert_eq!(clean_path("terms[3].window.days"), "terms[3].window.days");
    }

    #[test]
    fn expected_names() {
        let (name, exp) = split_expected("`windw`, expected one of `id`, `window`");
        assert_eq!(name, "`windw`");
        assert_eq!(exp, vec!["id", "window"]);
        let (_, exp) = split_expected("`mustnot`, expected `must` or `must_not`");
        assert_eq!(exp, vec!["must", "must_not"]);
    }

    #[test]
    fn words() {
        assert_eq!(
            plain_words("invalid type: string \"x\", expected i64"),
            "invalid type: string `x`, expected an integer"
        );
    }
}
