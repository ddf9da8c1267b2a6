//! Reading vocabulary extension files: the same located syntax and type
//! errors as proposals, and each inconsistency of the merged vocabulary traced back to
//! the file and entry that caused it.

use std::collections::HashMap;

use super::{Diagnostic, FileReport, SourceFile, parse_json_every};
use crate::limit_kind::LimitKind;
use crate::limits::Limits;
use crate::vocab::{DEFAULT_PACK, Vocab, VocabFile, VocabIssue, split_file_path};

/// The name under which the embedded default pack is shown in diagnostics.
const DEFAULT_NAME: &str = "vocab/ceasefire.json (embedded)";

/// Parses `files` and merges them over the default pack; on failure, a report per file
/// that has a problem.
pub fn load_vocab(files: Vec<SourceFile>) -> Result<Vocab, Vec<FileReport>> {
    load_vocab_with(files, &Limits::default())
}

/// [`load_vocab`], refusing files nested deeper than [`Limits::max_depth`].
pub fn load_vocab_with(files: Vec<SourceFile>, limits: &Limits) -> Result<Vocab, Vec<FileReport>> {
    match load_vocab_reports(files, limits) {
        (Some(vocab), _) => Ok(vocab),
        (None, reports) => Err(reports),
    }
}

/// [`load_vocab_with`] that also gives the warnings: the vocabulary, if there is no
/// error, and a report per file with a problem (errors, or warnings only: a default
/// entry replaced, party codes that differ only in case).
pub fn load_vocab_reports(files: Vec<SourceFile>, limits: &Limits) -> (Option<Vocab>, Vec<FileReport>) {
    match load_inner(files, limits) {
        Ok((vocab, warnings)) => (Some(vocab), warnings),
        Err(reports) => (None, reports),
    }
}

type Loaded = (Vocab, Vec<FileReport>);

fn load_inner(files: Vec<SourceFile>, limits: &Limits) -> Result<Loaded, Vec<FileReport>> {
    let mut parsed = Vec::new();
    let mut reports = Vec::new();
    for file in files {
        match parse_json_every::<VocabFile>(&file, limits.max_depth) {
            Ok(v) => parsed.push((file, v)),
            Err(located) => reports.push(FileReport {
                file,
                diagnostics: located,
            }),
        }
    }
    reports.extend(parsed.iter().filter_map(|(file, v)| {
        let diagnostics = repeated_or_empty(v);
        (!diagnostics.is_empty()).then(|| FileReport {
            diagnostics: file.locate_all(diagnostics),
            file: file.clone(),
        })
    }));
    if !reports.is_empty() {
        return Err(reports);
    }
    let extra: Vec<VocabFile> = parsed.iter().map(|(_, v)| v.clone()).collect();
    let names: Vec<String> = std::iter::once(DEFAULT_NAME.to_owned())
        .chain(parsed.iter().map(|(f, _)| f.path.display().to_string()))
        .collect();
    let default = serde_json::from_str::<VocabFile>(DEFAULT_PACK).unwrap_or_default();
    let mut sources = vec![(SourceFile::from_text(DEFAULT_NAME, DEFAULT_PACK), default)];
    sources.extend(parsed);
    let (issues, limit) = match Vocab::with_named_extensions(&extra, &names) {
        Ok(vocab) => match too_deep(&vocab, limits.max_hierarchy_depth) {
            None => {
                let warnings = attribute(vocab.warnings.clone(), &sources, true);
                return Ok((vocab, warnings));
            }
            Some(issue) => (vec![issue], Some(LimitKind::HierarchyDepth)),
        },
        Err(issues) => (issues, None),
    };
    let mut reports = attribute(issues, &sources, false);
    if let Some(limit) = limit {
        for d in reports.iter_mut().flat_map(|r| &mut r.diagnostics) {
            d.diagnostic = d.diagnostic.clone().with_limit(limit, "");
        }
    }
    Err(reports)
}

/// The first action, or scope label, deeper in its hierarchy than `limit` levels:
/// closing a hierarchy lists each node's ancestors and descendants, so a deep chain
/// would take memory that grows with the square of its length.
fn too_deep(vocab: &Vocab, limit: usize) -> Option<VocabIssue> {
    let (is_label, node) = vocab.deeper_than(limit)?;
    let (what, id, parent, path) = if is_label {
        let l = &vocab.labels[node as usize];
        let parent = l.parent.map(|p| vocab.label_id(p)).unwrap_or_default();
        (
            "scope label",
            l.def.id.as_str(),
            parent,
            format!("scope label #{node}"),
        )
    } else {
        let a = &vocab.actions[node as usize];
        let parent = a.parent.map(|p| vocab.action_id(p)).unwrap_or_default();
        (
            "action",
            a.def.id.as_str(),
            parent,
            format!("actions[{node}].parent"),
        )
    };
    Some(VocabIssue {
        path,
        message: format!(
            "{what} `{id}` (inside `{parent}`) is {} levels deep, more than the limit of {limit}",
            limit + 1
        ),
    })
}

/// The entries of one file defined twice, or with an empty id: the merge keys entries
/// by id, so within one file the later would silently replace the earlier.
fn repeated_or_empty(v: &VocabFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let sections: [(&str, &str, Vec<&str>); 5] = [
        (
            "parties",
            "code",
            v.parties.iter().map(|p| p.code.as_str()).collect(),
        ),
        ("actions", "id", v.actions.iter().map(|a| a.id.as_str()).collect()),
        ("scopes", "id", v.scopes.iter().map(|s| s.id.as_str()).collect()),
        ("params", "id", v.params.iter().map(|p| p.id.as_str()).collect()),
        ("rules", "id", v.rules.iter().map(|r| r.id.as_str()).collect()),
    ];
    for (section, field, ids) in sections {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (j, id) in ids.into_iter().enumerate() {
            let path = format!("{section}[{j}].{field}");
            if id.trim().is_empty() {
                out.push(Diagnostic::error(path, format!("empty {field} in `{section}`")));
            } else if let Some(&k) = first.get(id) {
                out.push(
                    Diagnostic::error(path, format!("`{id}` is defined twice in `{section}`"))
                        .with_help(format!("the first definition is `{section}[{k}]`; keep one")),
                );
            } else {
                first.insert(id, j);
            }
        }
    }
    out
}

/// Sends each issue (a path in the merged vocabulary, or `@K/` and a path in file K)
/// to the file that defined the entry, as an error or a warning.
fn attribute(
    issues: Vec<VocabIssue>,
    sources: &[(SourceFile, VocabFile)],
    warnings: bool,
) -> Vec<FileReport> {
    let files: Vec<&VocabFile> = sources.iter().map(|(_, v)| v).collect();
    let mut per_file: Vec<Vec<Diagnostic>> = vec![Vec::new(); sources.len()];
    for issue in issues {
        let (k, path) = match split_file_path(&issue.path) {
            Some((k, path)) if k < sources.len() => (k, path.to_owned()),
            _ => trace(&files, &issue.path).unwrap_or((sources.len() - 1, issue.path.clone())),
        };
        let made = |path: String, message: String| {
            if warnings {
                Diagnostic::warning(path, message)
            } else {
                Diagnostic::error(path, message)
            }
        };
        let d = match issue.message.split_once("; did you mean ") {
            Some((msg, s)) => made(path, msg.to_owned()).with_help(format!("did you mean {s}")),
            None => match issue.message.split_once(": ") {
                // The remedy after the colon goes to the help line.
                Some((msg, help)) if warnings => made(path, msg.to_owned()).with_help(help.to_owned()),
                _ => made(path, issue.message),
            },
        };
        per_file[k].push(d);
    }
    sources
        .iter()
        .zip(per_file)
        .filter(|(_, diags)| !diags.is_empty())
        .map(|((file, _), diags)| FileReport {
            diagnostics: file.locate_all(diags),
            file: file.clone(),
        })
        .collect()
}

/// The file index and the path in that file of a path in the merged vocabulary.
fn trace(files: &[&VocabFile], path: &str) -> Option<(usize, String)> {
    if let Some(n) = path.strip_prefix("scope label #") {
        return trace_label(files, n.parse().ok()?);
    }
    let (section, rest) = path.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    let ids: fn(&VocabFile) -> Vec<&str> = match section {
        "parties" => |f| f.parties.iter().map(|p| p.code.as_str()).collect(),
        "actions" => |f| f.actions.iter().map(|a| a.id.as_str()).collect(),
        "scopes" => |f| f.scopes.iter().map(|s| s.id.as_str()).collect(),
        "params" => |f| f.params.iter().map(|p| p.id.as_str()).collect(),
        "topics" => |f| f.topics.iter().map(|t| t.id.as_str()).collect(),
        "groups" => |f| f.groups.iter().map(|g| g.id.as_str()).collect(),
        "rules" => |f| f.rules.iter().map(|r| r.id.as_str()).collect(),
        _ => return None,
    };
    let (k, j) = *origins(files, ids).get(index)?;
    Some((k, format!("{section}[{j}]{rest}")))
}

/// A scope label by its index over all merged taxonomies.
fn trace_label(files: &[&VocabFile], mut n: usize) -> Option<(usize, String)> {
    let origins = origins(files, |f| f.scopes.iter().map(|s| s.id.as_str()).collect());
    for (k, t) in origins {
        let labels = files.get(k)?.scopes.get(t)?.labels.len();
        if n < labels {
            return Some((k, format!("scopes[{t}].labels[{n}].parent")));
        }
        n -= labels;
    }
    None
}

/// For each entry of the merged list, in merged order, the file and the index in that
/// file of its definition (the last one wins, as in the merge).
fn origins(files: &[&VocabFile], ids: impl Fn(&VocabFile) -> Vec<&str>) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (k, f) in files.iter().enumerate() {
        if f.replace_default {
            merged.clear();
            position.clear();
        }
        for (j, id) in ids(f).into_iter().enumerate() {
            match position.get(id).and_then(|&at| merged.get_mut(at)) {
                Some(e) => *e = (k, j),
                None => {
                    position.insert(id, merged.len());
                    merged.push((k, j));
                }
            }
        }
    }
    merged
}
