//! Merging vocabulary files by id: an entry with an existing id replaces it, a new id
//! adds one; a group with an existing id adds its members (unless it says `replace`).

use std::collections::HashMap;

use super::VocabFile;
use super::groups::merge_groups;

/// Merges vocabulary files by id, later over earlier.
pub(super) fn merge(files: &[VocabFile]) -> VocabFile {
    let mut out = VocabFile::default();
    for f in files {
        if f.replace_default {
            out = VocabFile::default();
        }
        if f.name.is_some() {
            out.name.clone_from(&f.name);
        }
        upsert(&mut out.parties, &f.parties, |p| &p.code);
        upsert(&mut out.actions, &f.actions, |a| &a.id);
        upsert(&mut out.scopes, &f.scopes, |s| &s.id);
        upsert(&mut out.topics, &f.topics, |t| &t.id);
        merge_groups(&mut out.groups, &f.groups);
        upsert(&mut out.params, &f.params, |p| &p.id);
        upsert(&mut out.rules, &f.rules, |r| &r.id);
        out.lexicon.extend(&f.lexicon);
    }
    out
}

/// Puts each of `from` into `into`, replacing the entry with the same key; linear, so
/// that a file of many entries merges quickly.
fn upsert<T: Clone>(into: &mut Vec<T>, from: &[T], key: impl Fn(&T) -> &String) {
    let mut position: HashMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, e)| (key(e).clone(), i))
        .collect();
    for item in from {
        match position.get(key(item)).and_then(|&at| into.get_mut(at)) {
            Some(existing) => *existing = item.clone(),
            None => {
                position.insert(key(item).clone(), into.len());
                into.push(item.clone());
            }
        }
    }
}
