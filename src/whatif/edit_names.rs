//! Ids in the command-line form of an edit. An id is written bare (`us-2025-03-11`)
//! when it holds nothing the edit language splits at, and as a JSON string otherwise
//! (`"we ird.p"/"a b"`): whitespace ends a word, `/` a proposal id, and in the short
//! form of `set` a `.` ends the term id; `=` ends the proposal id of the short form of
//! `add`. Any id can be written quoted; an edit's `Display` quotes just the ids that
//! need it, so that [`super::parse_edit`] reads it back. A whole edit on a command
//! line is quoted for the shell by [`shell_quote`].

use std::borrow::Cow;

/// What an error about a bare name adds: how to write any id.
pub(super) const QUOTE_HINT: &str =
    "an id with spaces, `/`, `.`, `=` or quotes in it is written as a JSON string, as in `\"my id\"/\"a.b\"`";

/// `id` as the long form of an edit writes it: bare when a word of the edit can hold
/// it, else as a JSON string.
pub(super) fn write_id(id: &str) -> Cow<'_, str> {
    let bare = !id.is_empty()
        && !id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '/');
    if bare {
        Cow::Borrowed(id)
    } else {
        // A JSON string is the quoted form; serializing a string cannot fail.
        Cow::Owned(serde_json::to_string(id).unwrap_or_default())
    }
}

/// A term's name `proposal-id/term-id` as the long form writes it, each id by
/// [`write_id`].
pub(super) fn write_term(name: &str) -> String {
    match name.split_once('/') {
        Some((p, t)) => format!("{}/{}", write_id(p), write_id(t)),
        None => write_id(name).into_owned(),
    }
}

/// An id read at the start of `text`, and the rest of `text` after it: a JSON string
/// when `text` starts with `"`, else the characters up to the first for which `ends`
/// holds (or the end). An id never contains `/`.
pub(super) fn read_id(text: &str, ends: impl Fn(char) -> bool) -> Result<(String, &str), String> {
    if text.starts_with('"') {
        let close = closing_quote(text).ok_or_else(|| format!("`{text}` has no closing `\"`"))?;
        let (quoted, rest) = text.split_at(close + 1);
        let id: String =
            serde_json::from_str(quoted).map_err(|e| format!("`{quoted}` is not a JSON string: {e}"))?;
        if id.contains('/') {
            return Err(format!("the id {quoted} contains `/`, which no id can contain"));
        }
        Ok((id, rest))
    } else {
        let end = text.find(&ends).unwrap_or(text.len());
        let (id, rest) = text.split_at(end);
        // Where `/` does not end the word (a condition, a proposal to add to), a bare
        // id with one is refused as a quoted one is: no id can hold it, and the edit
        // would print as one that does not read back.
        if id.contains('/') {
            return Err(format!("the id `{id}` contains `/`, which no id can contain"));
        }
        Ok((id.to_owned(), rest))
    }
}

/// The byte index of the `"` that closes the JSON string `text` starts with.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// In the short form of `set`, after `P/`: a bare term id and the rest from the `.`
/// that starts the field, the first `.` a term field's name (one of `fields`) follows
/// (else the first `.`; `None` when there is none). A second field's name before the
/// `=` (`c.window.modality` beside a term `c.window`) is an error: which `.` ends the
/// term id only its author knows, and the message says how to quote it.
pub(super) fn split_term_field<'r>(
    proposal: &str,
    rest: &'r str,
    fields: &[String],
) -> Result<Option<(&'r str, &'r str)>, String> {
    let is_field_at = |dot: usize| {
        let after = rest.get(dot + 1..).unwrap_or_default();
        fields.iter().any(|f| {
            after
                .strip_prefix(f.as_str())
                .is_some_and(|t| t.starts_with(['.', '=']) || t.starts_with(char::is_whitespace))
        })
    };
    let dots: Vec<usize> = rest.match_indices('.').map(|(i, _)| i).collect();
    let mut fields_at = dots.iter().copied().filter(|&d| is_field_at(d));
    let Some(dot) = fields_at.next().or(dots.first().copied()) else {
        return Ok(None);
    };
    let end = rest
        .get(dot..)
        .and_then(|r| r.find('='))
        .map_or(rest.len(), |e| dot + e);
    if let Some(second) = fields_at.find(|&d| d < end) {
        let (a, b) = (&rest[..dot], &rest[..second]);
        return Err(format!(
            "`{}` is ambiguous: term `{a}` or term `{b}`; quote the term id, as in `{}/{}{}`",
            &rest[..end],
            quoted(proposal),
            quoted(b),
            &rest[second..end]
        ));
    }
    Ok(Some(rest.split_at(dot)))
}

/// `id` as a JSON string.
fn quoted(id: &str) -> String {
    serde_json::to_string(id).unwrap_or_default()
}

/// A term name `PROPOSAL/TERM` read at the start of `text`, as `proposal-id/term-id`,
/// and the rest after it. A bare proposal id ends at `/` (or where `proposal_ends`
/// holds), a bare term id where `term_ends` holds. The error says what was read
/// instead of a term name.
pub(super) fn read_term(
    text: &str,
    proposal_ends: impl Fn(char) -> bool,
    term_ends: impl Fn(char) -> bool,
) -> Result<(String, &str), String> {
    let not_a_name = || {
        let word = if text.starts_with('"') {
            text
        } else {
            text.split(char::is_whitespace).next().unwrap_or(text)
        };
        format!("`{word}` is not a term name of the form `proposal-id/term-id`; {QUOTE_HINT}")
    };
    let (proposal, rest) = read_id(text, |c| c == '/' || proposal_ends(c))?;
    let rest = rest.strip_prefix('/').ok_or_else(not_a_name)?;
    let (term, rest) = read_id(rest, |c| c == '/' || term_ends(c))?;
    if proposal.is_empty() || term.is_empty() || rest.starts_with('/') {
        return Err(not_a_name());
    }
    Ok((format!("{proposal}/{term}"), rest))
}

/// `text` quoted for a POSIX shell, if it needs quoting.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("drop"), "drop");
        assert_eq!(shell_quote("drop us/aid"), "'drop us/aid'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    #[test]
    fn ids_are_quoted_only_when_they_must_be() {
        assert_eq!(write_id("us-2025-03-11"), "us-2025-03-11");
        assert_eq!(write_id("a.b=c"), "a.b=c");
        assert_eq!(write_id("a b"), "\"a b\"");
        assert_eq!(write_id(""), "\"\"");
        assert_eq!(write_id("say \"x\""), r#""say \"x\"""#);
        assert_eq!(write_id("a\nb"), r#""a\nb""#);
        assert_eq!(write_term("we ird.p/a b"), r#""we ird.p"/"a b""#);
    }

    #[test]
    fn ids_read_bare_or_quoted() {
        let ws = char::is_whitespace;
        assert_eq!(read_id("ab cd", ws).unwrap(), ("ab".into(), " cd"));
        assert_eq!(read_id(r#""a \"b\"" cd"#, ws).unwrap(), ("a \"b\"".into(), " cd"));
        assert!(read_id(r#""open"#, ws).is_err());
        assert!(read_id(r#""a/b""#, ws).is_err());
        assert_eq!(
            read_term(r#""we ird.p"/"a b" x"#, ws, ws).unwrap(),
            ("we ird.p/a b".into(), " x")
        );
        assert!(
            read_term("we ird.p/a b", ws, ws)
                .unwrap_err()
                .contains("JSON string")
        );
        assert!(read_term("p/t/u", ws, ws).is_err());
    }
}
