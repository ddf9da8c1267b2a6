//! Reading an input file: bytes (within a size limit) to UTF-8 text, JSON with comments
//! to the serde model, and a proposal through to its resolution, with every diagnostic
//! located in the text.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::every_error;
use super::span::{Document, Part};
use super::{Diagnostic, FileReport, Located, jsonc, syntax};
use crate::limit_kind::{LimitKind, Raise};
use crate::limits::{Limits, format_size};
use crate::model::Proposal;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// An input file and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
}

impl SourceFile {
    /// Reads `path` as UTF-8 text of at most [`crate::limits::MAX_FILE_BYTES`].
    pub fn read(path: &Path) -> Result<SourceFile, String> {
        SourceFile::read_limited(path, crate::limits::MAX_FILE_BYTES)
    }

    /// Reads `path` as UTF-8 text of at most `limit` bytes
    /// ([`crate::limits::Limits::max_file_bytes`]).
    pub fn read_limited(path: &Path, limit: u64) -> Result<SourceFile, String> {
        SourceFile::read_limited_with(path, limit, LimitKind::raise)
    }

    /// [`SourceFile::read_limited`], a file over the limit refused with `raise` saying
    /// how to raise it ([`LimitKind::FileSize`]; the command line names its flag).
    pub fn read_limited_with(path: &Path, limit: u64, raise: Raise) -> Result<SourceFile, String> {
        let shown = path.display();
        let cannot = |e: std::io::Error| {
            match e.kind() {
            // `-` is a file name like any other: standard input is `/dev/stdin`.
            std::io::ErrorKind::NotFound if path.as_os_str() == "-" => {
                "cannot read `-`: no such file; to read standard input, give `/dev/stdin` (armistice takes `-` as a file name)".to_owned()
            }
            std::io::ErrorKind::NotFound => format!("cannot read `{shown}`: no such file"),
            _ => format!("cannot read `{shown}`: {e}"),
        }
        };
        let file = std::fs::File::open(path).map_err(cannot)?;
        let meta = file.metadata().map_err(cannot)?;
        if meta.is_dir() {
            return Err(format!("cannot read `{shown}`: it is a directory"));
        }
        if meta.len() > limit {
            return Err(too_large(path, meta.len(), limit, raise));
        }
        // Room for the whole file at once (a list grown by doubling would copy it).
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |n| n.saturating_add(1)));
        file.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(path, bytes.len() as u64, limit, raise));
        }
        if let Some(order) = utf16(&bytes) {
            return Err(format!(
                "cannot read `{shown}`: not UTF-8 text: it looks like UTF-16 ({order}), every other byte zero; save the file as UTF-8"
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes(), e.utf8_error()))?;
        Ok(SourceFile {
            path: path.to_owned(),
            text,
        })
    }

    /// A file whose text is already in memory (the embedded vocabulary, a test).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Locates a diagnostic by its JSON path: the value, or for an unknown name that is
    /// a key (an unknown parameter), the key.
    pub fn locate(&self, diagnostic: Diagnostic) -> Located {
        self.locate_in(&Document::parse(&self.text), diagnostic)
    }

    fn locate_in(&self, doc: &Document, diagnostic: Diagnostic) -> Located {
        let part = if diagnostic.message.starts_with("unknown parameter") {
            Part::Key
        } else {
            Part::Value
        };
        Located {
            span: doc.locate(&diagnostic.path, part),
            diagnostic,
            note: None,
        }
    }

    /// Locates each diagnostic (parsing the text once).
    pub fn locate_all(&self, diagnostics: Vec<Diagnostic>) -> Vec<Located> {
        if diagnostics.is_empty() {
            return Vec::new();
        }
        let doc = Document::parse(&self.text);
        diagnostics.into_iter().map(|d| self.locate_in(&doc, d)).collect()
    }
}

/// The byte order of a file that begins as UTF-16 text without a byte-order mark
/// (ASCII characters with a zero byte before or after each), which would otherwise
/// pass as UTF-8 full of NUL characters and fail to parse for a reason that misleads.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes.get(..4)? {
        [0, a, 0, b] if *a != 0 && *b != 0 => Some("big-endian"),
        [a, 0, b, 0] if *a != 0 && *b != 0 => Some("little-endian"),
        _ => None,
    }
}

/// The message for a file that is not UTF-8: the line and column of the first bad byte
/// (the column in characters, as in every other message), the byte and its offset.
fn not_utf8(path: &Path, bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let valid = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let byte = bytes
        .get(at)
        .map_or(String::new(), |b| format!("byte 0x{b:02x} "));
    format!(
        "cannot read `{}`: not UTF-8 text: {byte}at {}:{line}:{column} (byte offset {at}) is not valid UTF-8; save the file as UTF-8",
        path.display(),
        path.display()
    )
}

fn too_large(path: &Path, len: u64, limit: u64, raise: Raise) -> String {
    format!(
        "cannot read `{}`: the file has {len} bytes, more than the limit of {}; {}",
        path.display(),
        format_size(limit),
        raise(LimitKind::FileSize)
    )
}

/// Parses JSON with comments into `T`, an object type (the text must hold an object);
/// a syntax or type error comes back located, with its JSON path.
pub fn parse_json<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Box<Located>> {
    parse_json_limited(file, crate::limits::MAX_DEPTH)
}

/// [`parse_json`], refusing nesting deeper than `max_depth` (at most
/// [`crate::limits::DEPTH_CEILING`]; a higher value is taken as the ceiling).
pub fn parse_json_limited<T: DeserializeOwned>(
    file: &SourceFile,
    max_depth: usize,
) -> Result<T, Box<Located>> {
    parse_json_every(file, max_depth).map_err(|mut all| Box::new(all.swap_remove(0)))
}

/// [`parse_json_limited`], with every type error of the file (up to 50) rather than
/// the first, and a syntax error that the first type error hid; in file order, never
/// empty.
pub fn parse_json_every<T: DeserializeOwned>(file: &SourceFile, max_depth: usize) -> Result<T, Vec<Located>> {
    let max_depth = max_depth.min(crate::limits::DEPTH_CEILING);
    // Most files are plain JSON, valid and shallow: serde_json alone reads them at full
    // speed. Its own recursion limit refuses nesting deeper than
    // [`SERDE_JSON_DEPTH`], so when ours is at least that, a file it accepts is within
    // ours. Anything else (comments, deep nesting, errors) takes the careful path.
    if max_depth >= SERDE_JSON_DEPTH && starts_with_object(&file.text) {
        let mut plain = serde_json::Deserializer::from_str(&file.text);
        if let Ok(value) = <T as serde::Deserialize>::deserialize(&mut plain)
            && plain.end().is_ok()
        {
            return Ok(value);
        }
    }
    let text = jsonc::blank_comments(&file.text, max_depth).map_err(|p| {
        vec![Located {
            diagnostic: Diagnostic {
                help: p.help,
                limit: p.limit,
                ..Diagnostic::error("", p.message)
            },
            span: Some(p.offset..(p.offset + 1).min(file.text.len())),
            note: None,
        }]
    })?;
    let first = text.find(|c: char| !c.is_whitespace());
    if let Some(at) = first.filter(|_| !starts_with_object(&text)) {
        return Err(vec![Located {
            diagnostic: Diagnostic::error("", "expected a JSON object at the top of the file"),
            span: Some(at..at + text[at..].chars().next().map_or(0, char::len_utf8)),
            note: None,
        }]);
    }
    // Most files are valid: parse at full speed, and track the JSON path only to
    // explain an error. The nesting was bounded above, so serde_json's own recursion
    // limit (127 levels) is lifted: the depth limit is ours alone.
    let mut fast = serde_json::Deserializer::from_str(&text);
    fast.disable_recursion_limit();
    if let Ok(value) = <T as serde::Deserialize>::deserialize(&mut fast)
        && fast.end().is_ok()
    {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(&text);
    de.disable_recursion_limit();
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let of_type = inner.classify() == serde_json::error::Category::Data;
        let first = syntax::from_serde(&text, &path, inner);
        let mut all = if of_type {
            every_error::besides::<T>(&text, &first.diagnostic)
        } else {
            Vec::new()
        };
        all.push(first);
        all.sort_by_key(|l| l.span.as_ref().map_or(usize::MAX, |s| s.start));
        all
    })?;
    de.end().map_err(|e| vec![syntax::from_serde(&text, "", e)])?;
    Ok(value)
}

/// The deepest nesting serde_json reads with its recursion limit on (it refuses the
/// 128th level).
const SERDE_JSON_DEPTH: usize = 127;

/// Whether the first character that is not whitespace opens an object (a struct would
/// also read from an array).
fn starts_with_object(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Parses a proposal; a syntax or type error comes back located, with its JSON path.
pub fn parse_proposal(file: &SourceFile) -> Result<Proposal, Box<Located>> {
    parse_json(file)
}

/// Parses and resolves a proposal: the resolved proposal when it has no error, and the
/// report of every diagnostic.
pub fn load_proposal(file: SourceFile, vocab: &Vocab) -> (Option<ResolvedProposal>, FileReport) {
    load_proposal_with(file, vocab, &Limits::default())
}

/// [`load_proposal`] within `limits` (the nesting depth; the file size is checked when
/// reading, by [`SourceFile::read_limited`]).
pub fn load_proposal_with(
    file: SourceFile,
    vocab: &Vocab,
    limits: &Limits,
) -> (Option<ResolvedProposal>, FileReport) {
    // Every term has an `"id"` key, so their count is about the number of terms (the
    // proposal's own id and a parameter so named make it a little more): room for
    // them is made at once rather than by doubling.
    let ids = memchr::memmem::find_iter(file.text.as_bytes(), b"\"id\"").count();
    let parsed =
        crate::model::term_list::expecting(ids, || parse_json_every::<Proposal>(&file, limits.max_depth));
    let (resolved, diagnostics) = match parsed {
        Ok(mut p) => {
            // Any room left over lives as long as the analysis. (An allocator may keep
            // a block that shrinks by less than half in place; the spare part was
            // never written, so it holds no memory then either.)
            p.terms.shrink_to_fit();
            let (resolved, diags) = super::validate::resolve_owned(p, vocab);
            let mut located = file.locate_all(diags);
            located.sort_by_key(|l| l.span.as_ref().map_or(usize::MAX, |s| s.start));
            (resolved, located)
        }
        Err(located) => (None, located),
    };
    (resolved, FileReport { file, diagnostics })
}

#[cfg(test)]
mod tests {
    use super::{SourceFile, parse_json_limited};

    /// `{"a": [[...]]}` nested `depth` levels in all.
    fn nested(depth: usize) -> SourceFile {
        let text = format!("{{\"a\": {}1{}}}", "[".repeat(depth - 1), "]".repeat(depth - 1));
        SourceFile::from_text("nested.json", text)
    }

    #[test]
    fn the_depth_limit_is_exact_on_both_sides_of_serde_jsons_own() {
        for limit in [5, 126, 127, 128, 129, 200] {
            for depth in [limit - 1, limit, limit + 1] {
                let parsed = parse_json_limited::<serde_json::Value>(&nested(depth), limit);
                match parsed {
                    Ok(_) => assert!(depth <= limit, "depth {depth} passed the limit {limit}"),
                    Err(e) => {
                        assert!(depth > limit, "depth {depth} refused under the limit {limit}");
                        let message = &e.diagnostic.message;
                        assert!(
                            message.contains(&format!("deeper than {limit} levels")),
                            "{message}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn comments_and_a_top_level_array_take_the_careful_path() {
        let commented = SourceFile::from_text("c.json", "{ // note\n \"a\": 1 }");
        let v: serde_json::Value = parse_json_limited(&commented, 128).unwrap();
        assert_eq!(v["a"], 1);
        let array = SourceFile::from_text("a.json", "  [1]");
        let e = parse_json_limited::<serde_json::Value>(&array, 128).unwrap_err();
        assert_eq!(e.span, Some(2..3));
    }
}
