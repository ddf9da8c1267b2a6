//! Merging vocabulary files by id, additively (DESIGN §6): a new id adds an entry; an
//! existing id adds to it — labels to a taxonomy, aliases and negating aliases to an
//! action, members to a group, values to a parameter, codes to either — and replaces it
//! only with `"replace": true` (a warning when the entry is the default pack's). Two
//! files that define the same entry differently (another parent, kind, unit or rule)
//! are an error naming both; the default pack's entry changed without `replace` is an
//! error that says how to replace it.
//!
//! Issues carry the index of the file they are about as a path prefix `@K/` (see
//! [`file_path`]), so that the loader can send each to its file.

use super::file::{ActionDef, Codes, LabelDef, ParamDef, PartyDef, RuleDef, TaxonomyDef};
use super::groups::merge_groups;
use super::{VocabFile, VocabIssue};

/// The path `path` in file number `k` of a merge, as the issues of the merge give it.
pub(crate) fn file_path(k: usize, path: &str) -> String {
    format!("@{k}/{path}")
}

/// The file number and the path in that file of an issue path of the merge, if it
/// names one.
pub(crate) fn split_file_path(path: &str) -> Option<(usize, &str)> {
    let (k, rest) = path.strip_prefix('@')?.split_once('/')?;
    Some((k.parse().ok()?, rest))
}

/// The merged file, the errors and the warnings of a merge.
pub(super) struct Merged {
    pub(super) file: VocabFile,
    pub(super) errors: Vec<VocabIssue>,
    pub(super) warnings: Vec<VocabIssue>,
}

/// For each entry, by key: its position in the merged list and the file that set its
/// defining fields last. It makes each look-up constant time: a file of many entries
/// merges in linear time.
type Origins = crate::collections::FastMap<String, (usize, usize)>;

struct Merger<'a> {
    names: &'a [String],
    default_first: bool,
    errors: Vec<VocabIssue>,
    warnings: Vec<VocabIssue>,
}

/// Merges vocabulary files by id, later over earlier. `names` names the files in
/// messages (by index; a missing name reads `file K`); `default_first` says that the
/// first file is the default pack, whose replaced entries are warned about.
pub(super) fn merge(files: &[VocabFile], names: &[String], default_first: bool) -> Merged {
    let mut m = Merger {
        names,
        default_first,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut out = VocabFile::default();
    let mut origins: [Origins; 7] = Default::default();
    for (k, f) in files.iter().enumerate() {
        if f.replace_default {
            out = VocabFile::default();
            origins = Default::default();
        }
        if f.name.is_some() {
            out.name.clone_from(&f.name);
        }
        let [parties, actions, scopes, topics, groups, params, rules] = &mut origins;
        for (j, p) in f.parties.iter().enumerate() {
            m.party(&mut out.parties, parties, p, k, j);
        }
        for (j, a) in f.actions.iter().enumerate() {
            m.action(&mut out.actions, actions, a, k, j);
        }
        for (j, t) in f.scopes.iter().enumerate() {
            m.taxonomy(&mut out.scopes, scopes, t, k, j);
        }
        for (j, l) in f.topics.iter().enumerate() {
            m.label(&mut out.topics, topics, l, k, &format!("topics[{j}]"));
        }
        for (j, g) in f.groups.iter().enumerate() {
            if g.replace && groups.get(&g.id).is_some_and(|&(_, o)| m.is_default(o)) {
                m.replaced_default(k, &format!("groups[{j}]"), "group", &g.id);
            }
            groups.insert(g.id.clone(), (0, k));
        }
        merge_groups(&mut out.groups, &f.groups);
        for (j, p) in f.params.iter().enumerate() {
            m.param(&mut out.params, params, p, k, j);
        }
        for (j, r) in f.rules.iter().enumerate() {
            m.rule(&mut out.rules, rules, r, k, j);
        }
        out.lexicon.extend(&f.lexicon);
    }
    Merged {
        file: out,
        errors: m.errors,
        warnings: m.warnings,
    }
}

/// Adds each of `from` not yet in `into`, in order.
fn add_new(into: &mut Vec<String>, from: &[String]) {
    for x in from {
        if !into.contains(x) {
            into.push(x.clone());
        }
    }
}

/// Adds the codes of `from` to `into`, scheme by scheme.
fn add_codes(into: &mut Codes, from: &Codes) {
    for (scheme, codes) in from {
        add_new(into.entry(scheme.clone()).or_default(), codes);
    }
}

impl Merger<'_> {
    fn name(&self, k: usize) -> String {
        match self.names.get(k) {
            Some(n) => format!("`{n}`"),
            None if k == 0 && self.default_first => "the default pack".to_owned(),
            None => format!("file {k}"),
        }
    }

    fn is_default(&self, k: usize) -> bool {
        k == 0 && self.default_first
    }

    fn replaced_default(&mut self, k: usize, path: &str, what: &str, id: &str) {
        self.warnings.push(VocabIssue {
            path: file_path(k, &format!("{path}.replace")),
            message: format!(
                "{what} `{id}` replaces the default pack's {what} of that id: what the default pack defines for it is no longer used; leave out `replace` to add to it instead"
            ),
        });
    }

    /// An entry that file `k` defines differently (`what_differs`) from file `by`,
    /// without `replace`.
    fn differs(&mut self, k: usize, by: usize, path: &str, what: &str, id: &str, what_differs: &str) {
        let message = if self.is_default(by) {
            format!(
                "{what} `{id}` differs from the default pack's ({what_differs}): an extension adds to an entry; write `\"replace\": true` in it to replace the entry"
            )
        } else {
            format!(
                "{what} `{id}` is defined differently in {} and in {} ({what_differs}): keep one definition, or write `\"replace\": true` in the later one",
                self.name(by),
                self.name(k)
            )
        };
        self.errors.push(VocabIssue {
            path: file_path(k, path),
            message,
        });
    }

    fn party(&mut self, into: &mut Vec<PartyDef>, origins: &mut Origins, p: &PartyDef, k: usize, j: usize) {
        let new = PartyDef {
            replace: false,
            ..p.clone()
        };
        match origins.get(&p.code).copied() {
            None => {
                origins.insert(p.code.clone(), (into.len(), k));
                into.push(new);
            }
            Some((at, by)) => {
                if p.replace && self.is_default(by) {
                    self.replaced_default(k, &format!("parties[{j}]"), "party", &p.code);
                }
                into[at] = new;
                origins.insert(p.code.clone(), (at, k));
            }
        }
    }

    fn action(
        &mut self,
        into: &mut Vec<ActionDef>,
        origins: &mut Origins,
        a: &ActionDef,
        k: usize,
        j: usize,
    ) {
        let path = format!("actions[{j}]");
        let Some((at, by)) = origins.get(&a.id).copied() else {
            origins.insert(a.id.clone(), (into.len(), k));
            into.push(ActionDef {
                replace: false,
                ..a.clone()
            });
            return;
        };
        if a.replace {
            if self.is_default(by) {
                self.replaced_default(k, &path, "action", &a.id);
            }
            into[at] = ActionDef {
                replace: false,
                ..a.clone()
            };
            origins.insert(a.id.clone(), (at, k));
            return;
        }
        let old = &mut into[at];
        if a.parent.is_some() && a.parent != old.parent {
            let differs = format!(
                "parent `{}` against `{}`",
                old.parent.as_deref().unwrap_or("none"),
                a.parent.as_deref().unwrap_or("none")
            );
            self.differs(k, by, &format!("{path}.parent"), "action", &a.id, &differs);
            return;
        }
        if !a.description.is_empty() {
            old.description.clone_from(&a.description);
        }
        add_new(&mut old.aliases, &a.aliases);
        add_new(&mut old.negations, &a.negations);
        add_codes(&mut old.codes, &a.codes);
    }

    fn taxonomy(
        &mut self,
        into: &mut Vec<TaxonomyDef>,
        origins: &mut Origins,
        t: &TaxonomyDef,
        k: usize,
        j: usize,
    ) {
        let path = format!("scopes[{j}]");
        let Some((at, by)) = origins.get(&t.id).copied() else {
            origins.insert(t.id.clone(), (into.len(), k));
            into.push(TaxonomyDef {
                replace: false,
                labels: Vec::new(),
                ..t.clone()
            });
            let at = into.len() - 1;
            let mut label_origins = Origins::default();
            for (i, l) in t.labels.iter().enumerate() {
                self.label(
                    &mut into[at].labels,
                    &mut label_origins,
                    l,
                    k,
                    &format!("{path}.labels[{i}]"),
                );
            }
            return;
        };
        if t.replace {
            if self.is_default(by) {
                self.replaced_default(k, &path, "taxonomy", &t.id);
            }
            into[at] = TaxonomyDef {
                replace: false,
                ..t.clone()
            };
            origins.insert(t.id.clone(), (at, k));
            return;
        }
        if !t.description.is_empty() {
            into[at].description.clone_from(&t.description);
        }
        // The labels already there came from the taxonomy's own origin (the file that
        // defined it), for messages that name both files.
        let mut label_origins: Origins = into[at]
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), (i, by)))
            .collect();
        for (i, l) in t.labels.iter().enumerate() {
            self.label(
                &mut into[at].labels,
                &mut label_origins,
                l,
                k,
                &format!("{path}.labels[{i}]"),
            );
        }
    }

    /// Adds label `l` of file `k` (at `path`) to `into`: a new one is added; a known
    /// one gains a description and codes, and a different parent only with `replace`.
    fn label(&mut self, into: &mut Vec<LabelDef>, origins: &mut Origins, l: &LabelDef, k: usize, path: &str) {
        let Some((at, by)) = origins.get(&l.id).copied() else {
            origins.insert(l.id.clone(), (into.len(), k));
            into.push(LabelDef {
                replace: false,
                ..l.clone()
            });
            return;
        };
        if by == k {
            // Defined twice in one file: kept twice, for the resolution to say so.
            into.push(l.clone());
            return;
        }
        if l.replace {
            if self.is_default(by) {
                self.replaced_default(k, path, "label", &l.id);
            }
            into[at] = LabelDef {
                replace: false,
                ..l.clone()
            };
            origins.insert(l.id.clone(), (at, k));
            return;
        }
        let old = &mut into[at];
        if l.parent.is_some() && l.parent != old.parent {
            let differs = format!(
                "parent `{}` against `{}`",
                old.parent.as_deref().unwrap_or("none"),
                l.parent.as_deref().unwrap_or("none")
            );
            self.differs(k, by, &format!("{path}.parent"), "label", &l.id, &differs);
            return;
        }
        if l.description.is_some() {
            old.description.clone_from(&l.description);
        }
        add_codes(&mut old.codes, &l.codes);
    }

    fn param(&mut self, into: &mut Vec<ParamDef>, origins: &mut Origins, p: &ParamDef, k: usize, j: usize) {
        let path = format!("params[{j}]");
        let Some((at, by)) = origins.get(&p.id).copied() else {
            origins.insert(p.id.clone(), (into.len(), k));
            into.push(ParamDef {
                replace: false,
                ..p.clone()
            });
            return;
        };
        if p.replace {
            if self.is_default(by) {
                self.replaced_default(k, &path, "parameter", &p.id);
            }
            into[at] = ParamDef {
                replace: false,
                ..p.clone()
            };
            origins.insert(p.id.clone(), (at, k));
            return;
        }
        let old = &mut into[at];
        if p.kind != old.kind {
            let differs = format!("kind `{}` against `{}`", old.kind.as_str(), p.kind.as_str());
            self.differs(k, by, &format!("{path}.kind"), "parameter", &p.id, &differs);
            return;
        }
        if p.unit.is_some() && p.unit != old.unit {
            let differs = format!(
                "unit `{}` against `{}`",
                old.unit.as_deref().unwrap_or("none"),
                p.unit.as_deref().unwrap_or("none")
            );
            self.differs(k, by, &format!("{path}.unit"), "parameter", &p.id, &differs);
            return;
        }
        if !p.description.is_empty() {
            old.description.clone_from(&p.description);
        }
        add_new(&mut old.values, &p.values);
    }

    fn rule(&mut self, into: &mut Vec<RuleDef>, origins: &mut Origins, r: &RuleDef, k: usize, j: usize) {
        let path = format!("rules[{j}]");
        let Some((at, by)) = origins.get(&r.id).copied() else {
            origins.insert(r.id.clone(), (into.len(), k));
            into.push(RuleDef {
                replace: false,
                ..r.clone()
            });
            return;
        };
        let old = &into[at];
        if r.replace {
            if self.is_default(by) {
                self.replaced_default(k, &path, "rule", &r.id);
            }
        } else if old.when != r.when || old.then != r.then {
            self.differs(k, by, &path, "rule", &r.id, "what it matches or implies");
            return;
        }
        into[at] = RuleDef {
            replace: false,
            ..r.clone()
        };
        origins.insert(r.id.clone(), (at, k));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn file(json: &str) -> VocabFile {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn an_extension_adds_to_an_entry_and_replaces_it_only_when_it_says_so() {
        let base = file(
            r#"{"actions": [{"id": "withdrawal", "description": "withdrawing", "aliases": ["withdraw"]}],
                "scopes": [{"id": "area", "description": "where", "labels": [{"id": "a"}]}]}"#,
        );
        let ext = file(
            r#"{"actions": [{"id": "withdrawal", "negations": ["stay_put"]}],
                "scopes": [{"id": "area", "labels": [{"id": "b", "parent": "a"}]}]}"#,
        );
        let m = merge(&[base.clone(), ext], &[], true);
        assert!(m.errors.is_empty() && m.warnings.is_empty());
        let w = &m.file.actions[0];
        assert_eq!(w.description, "withdrawing");
        assert_eq!(w.aliases, ["withdraw"]);
        assert_eq!(w.negations, ["stay_put"]);
        let labels: Vec<&str> = m.file.scopes[0].labels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(labels, ["a", "b"]);

        let replace = file(r#"{"scopes": [{"id": "area", "replace": true, "labels": [{"id": "c"}]}]}"#);
        let m = merge(&[base.clone(), replace], &[], true);
        assert_eq!(m.file.scopes[0].labels.len(), 1);
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert_eq!(
            split_file_path(&m.warnings[0].path),
            Some((1, "scopes[0].replace"))
        );

        let moved = file(r#"{"scopes": [{"id": "area", "labels": [{"id": "a", "parent": "x"}]}]}"#);
        let m = merge(&[base, moved], &[], true);
        assert_eq!(m.errors.len(), 1);
        assert!(m.errors[0].message.contains("replace"), "{}", m.errors[0].message);
    }

    #[test]
    fn two_extensions_that_disagree_are_an_error_naming_both() {
        let one = file(r#"{"params": [{"id": "seats", "kind": "quantity", "unit": "seats"}]}"#);
        let two = file(r#"{"params": [{"id": "seats", "kind": "manner", "values": ["x"]}]}"#);
        let names = ["default".to_owned(), "a.json".to_owned(), "b.json".to_owned()];
        let m = merge(&[VocabFile::default(), one, two], &names, true);
        assert_eq!(m.errors.len(), 1);
        let msg = &m.errors[0].message;
        assert!(msg.contains("`a.json`") && msg.contains("`b.json`"), "{msg}");
    }
}
