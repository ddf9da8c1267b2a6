//! JSON with comments: `//` and `/* */` comments are blanked to spaces, so that
//! serde_json reads the text with every byte position unchanged; nesting deeper than
//! [`crate::limits::Limits::max_depth`] and a leading byte-order mark are refused
//! before any parser runs.

use std::borrow::Cow;
use std::ops::Range;

use crate::limit_kind::LimitKind;

/// A problem found while preparing the text: its byte offset and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    /// Byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// A suggestion, if any.
    pub help: Option<String>,
    /// The limit the text went past, which the help says how to raise (see
    /// [`super::Diagnostic::limit`]).
    pub limit: Option<LimitKind>,
}

/// The text with comments replaced by spaces (newlines kept), or the first problem;
/// nesting deeper than `max_depth` is a problem. A text without comments is returned
/// as it is, not copied.
pub(super) fn blank_comments(text: &str, max_depth: usize) -> Result<Cow<'_, str>, Problem> {
    if text.starts_with('\u{feff}') {
        return Err(byte_order_mark());
    }
    let comments = find_comments(text.as_bytes(), max_depth)?;
    if comments.is_empty() {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in comments {
        out.push_str(text.get(last..range.start).unwrap_or_default());
        // A comment starts at `/` and ends before a line break or after `*/`: both ends
        // are character boundaries. Each character becomes as many spaces as it has
        // bytes, so every position after it stays where it was.
        for c in text.get(range.clone()).unwrap_or_default().chars() {
            match c {
                '\n' | '\r' => out.push(c),
                _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        last = range.end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    Ok(Cow::Owned(out))
}

/// The byte ranges of the comments in `bytes`, checking the nesting depth on the way.
/// Strings are skipped to their closing quote at once: most of a proposal is quoted
/// wording.
fn find_comments(bytes: &[u8], max_depth: usize) -> Result<Vec<Range<usize>>, Problem> {
    let mut comments = Vec::new();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => i = string_end(bytes, i + 1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let rest = bytes.get(i..).unwrap_or_default();
                let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |n| i + n);
                comments.push(i..end);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let Some(n) = memchr::memmem::find(bytes.get(i + 2..).unwrap_or_default(), b"*/") else {
                    return Err(Problem {
                        offset: i,
                        message: "unterminated comment: `/*` without `*/`".into(),
                        help: None,
                        limit: None,
                    });
                };
                comments.push(i..i + 2 + n + 2);
                i += 2 + n + 2;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Err(too_deep(i, max_depth));
                }
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(comments)
}

/// The position just after the quote that closes the string whose content starts at
/// `from` (the end of the text if none does).
fn string_end(bytes: &[u8], mut from: usize) -> usize {
    loop {
        let rest = bytes.get(from..).unwrap_or_default();
        match memchr::memchr2(b'"', b'\\', rest) {
            Some(n) if rest.get(n) == Some(&b'"') => return from + n + 1,
            // A backslash escapes the byte after it.
            Some(n) => from += n + 2,
            None => return bytes.len(),
        }
    }
}

fn too_deep(offset: usize, max_depth: usize) -> Problem {
    Problem {
        offset,
        message: format!("arrays and objects nested deeper than {max_depth} levels"),
        help: Some(format!(
            "a proposal needs only a few levels; if the file is right, {} (at most {})",
            LimitKind::Depth.raise(),
            crate::limits::DEPTH_CEILING
        )),
        limit: Some(LimitKind::Depth),
    }
}

/// The problem of a text that starts with a byte-order mark: JSON has none (RFC 8259
/// §8.1), and `fmt` could not keep it.
pub(super) fn byte_order_mark() -> Problem {
    Problem {
        offset: 0,
        message: "the file starts with a byte-order mark (U+FEFF)".into(),
        help: Some("save the file as UTF-8 without a byte-order mark (BOM)".into()),
        limit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::blank_comments;
    use crate::limits::MAX_DEPTH;

    #[test]
    fn comments_become_spaces_and_positions_stay() {
        let text = "{ // note é\n  \"a\": \"//not\", /* x\n y */ \"b\": 1 }";
        let out = blank_comments(text, MAX_DEPTH).unwrap();
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "{           \n  \"a\": \"//not\",     \n      \"b\": 1 }");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["a"], "//not");
    }

    #[test]
    fn escaped_quote_does_not_end_a_string() {
        let out = blank_comments(r#"{"a": "x\" // y"}"#, MAX_DEPTH).unwrap();
        assert_eq!(out, r#"{"a": "x\" // y"}"#);
    }

    #[test]
    fn too_deep_and_unterminated_are_refused() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(blank_comments(&deep, MAX_DEPTH).unwrap_err().offset, MAX_DEPTH);
        assert!(blank_comments(&"[".repeat(MAX_DEPTH), MAX_DEPTH).is_ok());
        assert_eq!(blank_comments("{} /* x", MAX_DEPTH).unwrap_err().offset, 3);
    }

    #[test]
    fn the_depth_limit_is_a_parameter() {
        let text = "{\"a\": [[1]]}";
        let e = blank_comments(text, 2).unwrap_err();
        assert_eq!(e.offset, 7);
        assert!(e.message.contains("deeper than 2 levels"), "{}", e.message);
        assert_eq!(e.limit, Some(crate::limit_kind::LimitKind::Depth));
        assert!(e.help.unwrap().contains("raise the limit `max_depth`"));
        assert!(blank_comments(text, 3).is_ok());
    }

    #[test]
    fn a_text_without_comments_is_not_copied() {
        let text = r#"{"a": "x/y \\", "b": [1, {"c": "/* not */ // not"}]}"#;
        assert!(matches!(blank_comments(text, MAX_DEPTH), Ok(std::borrow::Cow::Borrowed(t)) if t == text));
    }

    #[test]
    fn comments_at_the_end_and_around_crlf() {
        assert_eq!(blank_comments("{} // end", MAX_DEPTH).unwrap(), "{}       ");
        assert_eq!(blank_comments("{ // x\r\n}", MAX_DEPTH).unwrap(), "{     \r\n}");
        assert_eq!(blank_comments("{/**/}", MAX_DEPTH).unwrap(), "{    }");
        assert_eq!(blank_comments("{/*/}", MAX_DEPTH).unwrap_err().offset, 1);
        assert_eq!(
            blank_comments("{\"a\": \"unterminated", MAX_DEPTH).unwrap(),
            "{\"a\": \"unterminated"
        );
    }

    #[test]
    fn byte_order_mark_is_refused() {
        assert_eq!(blank_comments("\u{feff}{}", MAX_DEPTH).unwrap_err().offset, 0);
    }
}
