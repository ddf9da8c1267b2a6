//! A term's subject and labels against the vocabulary (v2): party codes, groups
//! (expanded to their members), `any` (every party) and `unspecified` (standing alone);
//! `about` topics and `scope` labels, each from its own taxonomy, resolved together
//! into the term's labels (topics narrow coverage like one more scope dimension).

use super::diagnostic::Diagnostic;
use super::validate::{Cx, Names};
use crate::model::Term;
use crate::vocab::{LabelId, PartyId};

impl Cx<'_> {
    /// The parties term `t` (at index `p`) binds, without repeats, in file order.
    pub(super) fn subjects(&mut self, t: &Term, p: usize) -> Vec<PartyId> {
        // Each list with room for what it may hold, not the four a list starts with.
        let mut subjects = Vec::with_capacity(t.subject.parties().len());
        for (j, s) in t.subject.parties().iter().enumerate() {
            let sp = || {
                if t.subject.parties().len() == 1 {
                    format!("terms[{p}].subject")
                } else {
                    format!("terms[{p}].subject[{j}]")
                }
            };
            let unspecified = self.vocab.unspecified();
            let expanded: Option<Vec<PartyId>> = if **s == *crate::vocab::UNSPECIFIED {
                Some(vec![unspecified])
            } else if **s == *crate::vocab::ANY {
                Some(self.vocab.any_parties())
            } else if let Some(g) = self.vocab.group(s) {
                Some(g.members.clone())
            } else {
                self.subject_party(s, sp).map(|id| vec![id])
            };
            let Some(expanded) = expanded else { continue };
            if expanded.len() == 1 && subjects.contains(&expanded[0]) {
                self.diags
                    .push(Diagnostic::warning(sp(), format!("party `{s}` is named twice")));
            }
            for id in expanded {
                if !subjects.contains(&id) {
                    subjects.push(id);
                }
            }
        }
        if subjects.len() > 1 && subjects.contains(&self.vocab.unspecified()) {
            self.diags.push(
                Diagnostic::error(
                    format!("terms[{p}].subject"),
                    "`unspecified` stands alone: it says the text names no actor",
                )
                .with_help("write `\"subject\": \"unspecified\"`, or name the parties"),
            );
        }

        subjects
    }

    /// The topic and scope labels of term `t` (at index `p`), sorted, without repeats.
    pub(super) fn labels(&mut self, t: &Term, p: usize) -> Vec<LabelId> {
        let mut scope = Vec::with_capacity(t.scope.len() + t.about.len());
        for (j, topic) in t.about.iter().enumerate() {
            match self.vocab.label(topic) {
                Some(l) if self.vocab.is_topic(l) => scope.push(l),
                found => {
                    let d = Diagnostic::error(
                        format!("terms[{p}].about[{j}]"),
                        if found.is_some() {
                            format!("`{topic}` is a scope label, not a topic")
                        } else {
                            format!("unknown topic `{topic}`")
                        },
                    );
                    let d = match self.hint(Names::Topics, topic) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d,
                    };
                    let d = if found.is_some() {
                        d.with_help(format!("move `{topic}` to `scope`"))
                    } else {
                        d
                    };
                    self.diags.push(d);
                }
            }
        }
        for (j, label) in t.scope.iter().enumerate() {
            match self.vocab.label(label) {
                Some(l) if self.vocab.is_topic(l) => self.diags.push(
                    Diagnostic::error(
                        format!("terms[{p}].scope[{j}]"),
                        format!("`{label}` is a topic, not a scope label"),
                    )
                    .with_help(format!("move `{label}` to `about`")),
                ),
                Some(l) => scope.push(l),
                None => {
                    let d = Diagnostic::error(
                        format!("terms[{p}].scope[{j}]"),
                        format!("unknown scope label `{label}`"),
                    );
                    self.push_suggesting(d, Names::ScopeLabels, label);
                }
            }
        }
        scope.sort_unstable();
        scope.dedup();
        scope
    }

    /// The party a subject names when it is no group, `any` or `unspecified`; an
    /// unknown name is suggested among every subject name.
    fn subject_party(&mut self, code: &str, path: impl FnOnce() -> String) -> Option<PartyId> {
        let found = self.vocab.party(code);
        if found.is_none() {
            let d = Diagnostic::error(path(), format!("unknown party `{code}`"));
            self.push_with_remedy(d, Names::Subjects, code);
        }
        found
    }

    /// Records `d` about the unknown party or action `name` with its remedy: the
    /// nearest name if one is near, else the vocabulary files in effect and how to
    /// add the name to one of them.
    pub(super) fn push_with_remedy(&mut self, d: Diagnostic, names: Names, name: &str) {
        let help = match self.hint(names, name) {
            Some(s) => format!("did you mean `{s}`?"),
            None => self.remedy(names, name),
        };
        self.diags.push(d.with_help(help));
    }

    /// How to add the unknown `name` to the vocabulary: which files are in effect, and
    /// the entry to write in a file named in the proposal's `$vocab`.
    fn remedy(&self, names: Names, name: &str) -> String {
        let mut files: Vec<String> = self.vocab.sources.iter().map(|f| format!("`{f}`")).collect();
        if self.vocab.default_in_effect {
            files.insert(0, "the default pack".to_owned());
        }
        let in_effect = match files.as_slice() {
            [only] if self.vocab.default_in_effect => format!("only {only} is in effect"),
            _ => format!("in effect: {}", files.join(", ")),
        };
        let shown = crate::load::spelled(name);
        let entry = match names {
            Names::Actions => format!(
                r#"`"actions": [{{"id": "{shown}", "description": "…"}}]`, or `{{"id": "an_action", "aliases": ["{shown}"]}}` to make it another name of a known action"#
            ),
            _ => format!(r#"`"parties": [{{"code": "{shown}", "name": "…"}}]`"#),
        };
        format!(
            "{in_effect}; to add it, name a vocabulary file in this proposal's `$vocab` and write in it {entry}"
        )
    }
}
