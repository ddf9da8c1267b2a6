//! JSON with comments: `//` and `/* */` comments are blanked to spaces, so that
//! serde_json reads the text with every byte position unchanged; nesting deeper than
//! [`crate::limits::Limits::max_depth`] and a leading byte-order mark are refused
//! before any parser runs.

/// The default deepest nesting of arrays and objects accepted
/// ([`crate::limits::Limits::max_depth`]).
pub const MAX_DEPTH: usize = 128;

/// A problem found while preparing the text: its byte offset and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// A suggestion, if any.
    pub help: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    String,
    StringEscape,
    LineComment,
    BlockComment,
}

/// The text with comments replaced by spaces (newlines kept), or the first problem;
/// nesting deeper than `max_depth` is a problem.
pub fn blank_comments(text: &str, max_depth: usize) -> Result<String, Problem> {
    if text.starts_with('\u{feff}') {
        return Err(byte_order_mark());
    }
    let mut out = text.as_bytes().to_vec();
    let mut state = State::Normal;
    let mut depth = 0usize;
    let mut comment_start = 0usize;
    let mut i = 0usize;
    while i < out.len() {
        let b = out[i];
        let next = out.get(i + 1).copied();
        match state {
            State::Normal => match (b, next) {
                (b'"', _) => state = State::String,
                (b'/', Some(b'/')) => {
                    state = State::LineComment;
                    out[i] = b' ';
                    out[i + 1] = b' ';
                    i += 1;
                }
                (b'/', Some(b'*')) => {
                    state = State::BlockComment;
                    comment_start = i;
                    out[i] = b' ';
                    out[i + 1] = b' ';
                    i += 1;
                }
                (b'[' | b'{', _) => {
                    depth += 1;
                    if depth > max_depth {
                        return Err(too_deep(i, max_depth));
                    }
                }
                (b']' | b'}', _) => depth = depth.saturating_sub(1),
                _ => {}
            },
            State::String => match b {
                b'\\' => state = State::StringEscape,
                b'"' => state = State::Normal,
                // Most of a proposal is quoted wording: skip to the next quote or
                // backslash at once.
                _ => {
                    let rest = out.get(i..).unwrap_or_default();
                    let skip = rest
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\')
                        .unwrap_or(rest.len());
                    i += skip;
                    continue;
                }
            },
            State::StringEscape => state = State::String,
            State::LineComment => {
                if b == b'\n' {
                    state = State::Normal;
                } else if b != b'\r' {
                    out[i] = b' ';
                }
            }
            State::BlockComment => {
                if b == b'*' && next == Some(b'/') {
                    out[i] = b' ';
                    out[i + 1] = b' ';
                    i += 1;
                    state = State::Normal;
                } else if b != b'\n' && b != b'\r' {
                    out[i] = b' ';
                }
            }
        }
        i += 1;
    }
    if state == State::BlockComment {
        return Err(Problem {
            offset: comment_start,
            message: "unterminated comment: `/*` without `*/`".into(),
            help: None,
        });
    }
    // Only whole UTF-8 sequences inside comments were replaced, byte by byte, by spaces:
    // the result is valid UTF-8.
    String::from_utf8(out).map_err(|e| Problem {
        offset: e.utf8_error().valid_up_to(),
        message: "the text is not valid UTF-8".into(),
        help: None,
    })
}

fn too_deep(offset: usize, max_depth: usize) -> Problem {
    Problem {
        offset,
        message: format!("arrays and objects nested deeper than {max_depth} levels"),
        help: Some(format!(
            "a proposal needs only a few levels; if the file is right, raise the limit with `--max-depth N` (at most {})",
            crate::limits::DEPTH_CEILING
        )),
    }
}

/// The problem of a text that starts with a byte-order mark: JSON has none (RFC 8259
/// §8.1), and `fmt` could not keep it.
pub fn byte_order_mark() -> Problem {
    Problem {
        offset: 0,
        message: "the file starts with a byte-order mark (U+FEFF)".into(),
        help: Some("save the file as UTF-8 without a byte-order mark (BOM)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, blank_comments};

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
        assert!(e.help.unwrap().contains("--max-depth N"));
        assert!(blank_comments(text, 3).is_ok());
    }

    #[test]
    fn byte_order_mark_is_refused() {
        assert_eq!(blank_comments("\u{feff}{}", MAX_DEPTH).unwrap_err().offset, 0);
    }
}
