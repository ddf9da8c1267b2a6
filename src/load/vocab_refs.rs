//! A proposal's `$vocab` (v2), read before the proposal itself: the vocabulary must be
//! known to resolve any proposal of a run, and every proposal's `$vocab` files are
//! merged once into it. The text is scanned for a top-level `"$vocab"` key; a file
//! without one (the common case) costs one pass over its bytes and no parse, read a
//! piece at a time ([`may_name_vocab`]) so that a large proposal is not held in memory
//! once more before it is loaded.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::SourceFile;
use super::jsonc::blank_comments;
use crate::model::VocabRefs;

/// The key, quoted as it is written.
const KEY: &str = "\"$vocab\"";

/// Whether the file at `path` may name vocabulary files: whether its bytes hold
/// `"$vocab"` anywhere, read a megabyte at a time. A file that cannot be read may (its
/// loading says what is wrong with it).
pub fn may_name_vocab(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return true;
    };
    let key = KEY.as_bytes();
    let finder = memchr::memmem::Finder::new(key);
    let mut buf = vec![0u8; 1 << 20];
    // The last bytes of the piece before, so that a key across two pieces is found.
    let mut kept = 0;
    loop {
        let Some(room) = buf.get_mut(kept..) else {
            return true;
        };
        let n = match file.read(room) {
            Ok(0) => return false,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        };
        let filled = buf.get(..kept + n).unwrap_or_default();
        if finder.find(filled).is_some() {
            return true;
        }
        let tail = filled.len().saturating_sub(key.len() - 1);
        buf.copy_within(tail..kept + n, 0);
        kept = kept + n - tail;
    }
}

/// The vocabulary files the proposal `file` names in `$vocab`, resolved against the
/// directory of the file, in order. A `$vocab` that is not a path or a list of paths
/// gives none here: reading the proposal says what is wrong with it.
pub fn vocab_refs(file: &SourceFile, max_depth: usize) -> Vec<PathBuf> {
    if !file.text.contains(KEY) {
        return Vec::new();
    }
    let Ok(text) = blank_comments(&file.text, max_depth) else {
        return Vec::new();
    };
    let Some(at) = top_level_key(&text, KEY) else {
        return Vec::new();
    };
    let rest = text.get(at + KEY.len()..).unwrap_or_default().trim_start();
    let Some(value) = rest.strip_prefix(':') else {
        return Vec::new();
    };
    let mut values = serde_json::Deserializer::from_str(value).into_iter::<VocabRefs>();
    let Some(Ok(refs)) = values.next() else {
        return Vec::new();
    };
    let dir = file.path.parent().unwrap_or_else(|| Path::new(""));
    refs.paths().iter().map(|p| dir.join(p)).collect()
}

/// The byte offset of `key` (a quoted string) where it is a key of the top-level
/// object: at depth 1, outside every string.
fn top_level_key(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                if depth == 1 && text.get(i..).is_some_and(|t| t.starts_with(key)) {
                    return Some(i);
                }
                // Skip the string, escapes and all.
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn refs(text: &str) -> Vec<PathBuf> {
        vocab_refs(&SourceFile::from_text("dir/p.json", text), 64)
    }

    #[test]
    fn a_key_is_found_across_the_pieces_of_a_large_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let pad = " ".repeat((1 << 20) - 3);
        std::fs::write(&path, format!("{{{pad}\"$vocab\": \"v.json\"}}")).unwrap();
        assert!(may_name_vocab(&path));
        std::fs::write(&path, format!("{{{pad}\"id\": \"x\"}}")).unwrap();
        assert!(!may_name_vocab(&path));
        assert!(may_name_vocab(&dir.path().join("missing.json")));
    }

    #[test]
    fn reads_a_top_level_vocab_as_a_path_or_a_list() {
        assert_eq!(
            refs(r#"{"$vocab": "a.json", "id": "x"}"#),
            [PathBuf::from("dir/a.json")]
        );
        assert_eq!(
            refs("{ // c\n \"$vocab\" : [\"a.json\", \"../b.json\"], \"id\": \"x\"}"),
            [PathBuf::from("dir/a.json"), PathBuf::from("dir/../b.json")]
        );
        assert!(refs(r#"{"id": "x"}"#).is_empty());
        // Not at the top level, inside a string, or not paths: none.
        assert!(refs(r#"{"terms": [{"$vocab": "a.json"}]}"#).is_empty());
        assert!(refs(r#"{"text": "\"$vocab\": \"a.json\""}"#).is_empty());
        assert!(refs(r#"{"$vocab": 3}"#).is_empty());
    }
}
