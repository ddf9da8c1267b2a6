//! Merging vocabulary files and resolving their names into indices, with every
//! inconsistency reported (unknown parents, duplicate names, hierarchy cycles).

use std::collections::HashMap;

use super::file::{ActionDef, LabelDef, ParamDef, PartyDef, PatternDef, RuleDef, TaxonomyDef, VocabFile};
use super::groups::{ANY, Group, TOPIC_TAXONOMY, UNSPECIFIED, resolve_groups};
use super::hierarchy::Hierarchy;
use super::merge::merge;
use super::{ActionId, DEFAULT_PACK, LabelId, PartyId, did_you_mean};
use crate::collections::FastMap;
use crate::model::Modality;

/// One inconsistency in a vocabulary, at a JSON path of the merged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabIssue {
    /// Where, as a JSON path (`actions[3].parent`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// A resolved action.
#[derive(Debug, Clone)]
pub struct Action {
    /// Its definition.
    pub def: ActionDef,
    /// The action that contains it.
    pub parent: Option<ActionId>,
}

/// A resolved scope label.
#[derive(Debug, Clone)]
pub struct Label {
    /// Its definition.
    pub def: LabelDef,
    /// The index of its taxonomy in [`Vocab::taxonomies`].
    pub taxonomy: usize,
    /// The label that contains it.
    pub parent: Option<LabelId>,
}

/// A party in a rule pattern: a fixed party or a variable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PartyRef {
    /// A party of the vocabulary.
    Party(PartyId),
    /// A variable such as `?A`, bound by the first match.
    Var(String),
}

/// A resolved rule pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The subject.
    pub subject: PartyRef,
    /// The modality, if fixed.
    pub modality: Option<Modality>,
    /// The action.
    pub action: ActionId,
    /// The target, if constrained.
    pub target: Option<PartyRef>,
}

/// A resolved derivation rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its definition, as written.
    pub def: RuleDef,
    /// The pattern a term must match.
    pub when: Pattern,
    /// The term implied.
    pub then: Pattern,
}

/// The effective vocabulary: the merged definitions plus lookup indices.
#[derive(Debug, Clone)]
pub struct Vocab {
    /// The merged definitions, as `armistice vocab` prints them in JSON.
    pub merged: VocabFile,
    /// Parties, in definition order; a [`PartyId`] indexes this.
    pub parties: Vec<PartyDef>,
    /// Actions, in definition order; an [`ActionId`] indexes this.
    pub actions: Vec<Action>,
    /// Scope taxonomies, in definition order, then the topic taxonomy (`topic`) when
    /// the vocabulary has topics: topics narrow coverage like one more scope dimension.
    pub taxonomies: Vec<TaxonomyDef>,
    /// Scope and topic labels of all taxonomies; a [`LabelId`] indexes this.
    pub labels: Vec<Label>,
    /// Groups of parties, in definition order.
    pub groups: Vec<Group>,
    /// The index of the topic taxonomy in `taxonomies`, if there are topics.
    pub topic_taxonomy: Option<usize>,
    /// Parameters by name.
    pub params: HashMap<String, ParamDef>,
    /// Derivation rules, in definition order.
    pub rules: Vec<Rule>,
    /// What the merge and the resolution warn about: a default entry replaced, party
    /// codes that differ only in case. A path `@K/…` is in file number K of the merge.
    pub warnings: Vec<VocabIssue>,
    /// The extension files in effect, as the loader names them, in merge order, for
    /// the remedy of an unknown name.
    pub sources: Vec<String>,
    /// Whether the default pack is in effect (no file said `replace_default`).
    pub default_in_effect: bool,
    /// The parties `any` stands for when a run has set them (see
    /// [`Vocab::set_run_parties`]); every party of the vocabulary otherwise.
    pub run_parties: Option<Vec<PartyId>>,
    pub(super) party_index: FastMap<String, PartyId>,
    pub(super) action_index: FastMap<String, (ActionId, bool)>,
    pub(super) label_index: FastMap<String, LabelId>,
    pub(super) group_index: FastMap<String, usize>,
    pub(super) action_tree: Hierarchy,
    pub(super) label_tree: Hierarchy,
}

impl Vocab {
    /// The embedded default ceasefire pack.
    pub fn default_pack() -> Result<Vocab, Vec<VocabIssue>> {
        Vocab::build(&[parse_default()?])
    }

    /// Merges `files` in order (each adding to the previous ones, or replacing them
    /// when it says `replace_default`) and resolves the result.
    pub fn build(files: &[VocabFile]) -> Result<Vocab, Vec<VocabIssue>> {
        Vocab::build_named(files, &[], false)
    }

    /// The default pack with `extra` files merged over it.
    pub fn with_extensions(extra: &[VocabFile]) -> Result<Vocab, Vec<VocabIssue>> {
        Vocab::with_named_extensions(extra, &[])
    }

    /// [`Vocab::with_extensions`], naming the files in messages: `names[0]` is the
    /// default pack's name, `names[k]` that of `extra[k - 1]`.
    pub fn with_named_extensions(extra: &[VocabFile], names: &[String]) -> Result<Vocab, Vec<VocabIssue>> {
        let mut files = vec![parse_default()?];
        files.extend_from_slice(extra);
        Vocab::build_named(&files, names, true)
    }

    fn build_named(
        files: &[VocabFile],
        names: &[String],
        default_first: bool,
    ) -> Result<Vocab, Vec<VocabIssue>> {
        let merged = merge(files, names, default_first);
        if !merged.errors.is_empty() {
            return Err(merged.errors);
        }
        let mut vocab = Vocab::resolve(merged.file)?;
        vocab.warnings.splice(0..0, merged.warnings);
        // A file that starts from an empty vocabulary leaves out those before it.
        let restart = files.iter().rposition(|f| f.replace_default);
        vocab.default_in_effect = default_first && restart.is_none();
        let from = restart.unwrap_or(usize::from(default_first));
        vocab.sources = names.get(from..).unwrap_or_default().to_vec();
        Ok(vocab)
    }

    fn resolve(merged: VocabFile) -> Result<Vocab, Vec<VocabIssue>> {
        let mut issues = Vec::new();
        let warnings = near_duplicate_parties(&merged.parties);
        let party_index = index_unique(
            merged.parties.iter().map(|p| p.code.as_str()),
            "parties",
            "code",
            &mut issues,
        );
        let mut action_index = FastMap::default();
        for (i, a) in merged.actions.iter().enumerate() {
            let names = std::iter::once((&a.id, false, "id".to_owned()))
                .chain(
                    a.aliases
                        .iter()
                        .enumerate()
                        .map(|(j, n)| (n, false, format!("aliases[{j}]"))),
                )
                .chain(
                    a.negations
                        .iter()
                        .enumerate()
                        .map(|(j, n)| (n, true, format!("negations[{j}]"))),
                );
            for (name, negate, field) in names {
                if action_index
                    .insert(name.clone(), (i as ActionId, negate))
                    .is_some()
                {
                    issues.push(VocabIssue {
                        path: format!("actions[{i}].{field}"),
                        message: format!("action name `{name}` is defined twice"),
                    });
                }
            }
        }
        for (i, p) in merged.parties.iter().enumerate() {
            if p.code.starts_with('?') {
                issues.push(VocabIssue {
                    path: format!("parties[{i}].code"),
                    message: format!(
                        "party code `{}` begins with `?`, which marks a variable in rules: a rule could never name this party",
                        p.code
                    ),
                });
            } else if p.code == ANY || p.code == UNSPECIFIED {
                issues.push(VocabIssue {
                    path: format!("parties[{i}].code"),
                    message: format!("party code `{}` is reserved: it is a subject of its own", p.code),
                });
            } else if action_index.contains_key(&p.code) {
                issues.push(VocabIssue {
                    path: format!("parties[{i}].code"),
                    message: format!("party code `{}` is also the name of an action", p.code),
                });
            }
        }
        let ids: HashMap<&str, ActionId> = merged
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i as ActionId))
            .collect();
        let actions: Vec<Action> = merged
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| Action {
                def: a.clone(),
                parent: a.parent.as_ref().and_then(|p| {
                    let found = ids.get(p.as_str()).copied();
                    if found.is_none() {
                        issues.push(unknown(
                            format!("actions[{i}].parent"),
                            "action",
                            p,
                            ids.keys().copied(),
                        ));
                    }
                    found
                }),
            })
            .collect();
        let action_tree = check_acyclic(
            actions.iter().map(|a| a.parent),
            |i| format!("actions[{i}].parent"),
            "action",
            &mut issues,
        );

        let mut taxonomies = merged.scopes.clone();
        let topic_taxonomy = (!merged.topics.is_empty()).then(|| {
            taxonomies.push(TaxonomyDef {
                id: TOPIC_TAXONOMY.to_owned(),
                description: "what an action is about (the `about` of a term)".to_owned(),
                labels: merged.topics.clone(),
                replace: false,
            });
            taxonomies.len() - 1
        });
        let label_path = |t: usize, j: usize| {
            if Some(t) == topic_taxonomy {
                format!("topics[{j}]")
            } else {
                format!("scopes[{t}].labels[{j}]")
            }
        };
        let mut labels = Vec::new();
        let mut label_index = FastMap::default();
        for (t, tax) in taxonomies.iter().enumerate() {
            for (j, l) in tax.labels.iter().enumerate() {
                if label_index
                    .insert(l.id.clone(), labels.len() as LabelId)
                    .is_some()
                {
                    issues.push(VocabIssue {
                        path: format!("{}.id", label_path(t, j)),
                        message: format!("label `{}` is defined twice", l.id),
                    });
                }
                labels.push(Label {
                    def: l.clone(),
                    taxonomy: t,
                    parent: None,
                });
            }
        }
        let mut k = 0;
        for (t, tax) in taxonomies.iter().enumerate() {
            for (j, l) in tax.labels.iter().enumerate() {
                if let Some(p) = &l.parent {
                    match label_index.get(p) {
                        Some(&pid) if labels[pid as usize].taxonomy == t => labels[k].parent = Some(pid),
                        Some(_) => issues.push(VocabIssue {
                            path: format!("{}.parent", label_path(t, j)),
                            message: format!("parent `{p}` of `{}` is in another taxonomy", l.id),
                        }),
                        None => issues.push(unknown(
                            format!("{}.parent", label_path(t, j)),
                            if Some(t) == topic_taxonomy {
                                "topic"
                            } else {
                                "scope label"
                            },
                            p,
                            tax.labels.iter().map(|l| l.id.as_str()),
                        )),
                    }
                }
                k += 1;
            }
        }
        let label_tree = check_acyclic(
            labels.iter().map(|l| l.parent),
            |i| format!("scope label #{i}"),
            "scope label",
            &mut issues,
        );

        let mut params = HashMap::new();
        for (i, p) in merged.params.iter().enumerate() {
            if params.insert(p.id.clone(), p.clone()).is_some() {
                issues.push(VocabIssue {
                    path: format!("params[{i}].id"),
                    message: format!("parameter `{}` is defined twice", p.id),
                });
            }
        }

        let (groups, group_index) = resolve_groups(&merged, &party_index, &mut issues);

        let mut vocab = Vocab {
            merged: VocabFile::default(),
            parties: merged.parties.clone(),
            actions,
            taxonomies,
            labels,
            groups,
            topic_taxonomy,
            group_index,
            params,
            rules: Vec::new(),
            warnings,
            sources: Vec::new(),
            default_in_effect: true,
            run_parties: None,
            party_index,
            action_index,
            label_index,
            action_tree,
            label_tree,
        };
        let mut rule_ids = HashMap::new();
        for (i, r) in merged.rules.iter().enumerate() {
            if rule_ids.insert(r.id.as_str(), i).is_some() {
                issues.push(VocabIssue {
                    path: format!("rules[{i}].id"),
                    message: format!("rule `{}` is defined twice", r.id),
                });
            }
            let when = vocab.pattern(&r.when, &format!("rules[{i}].if"), None, &mut issues);
            let then = vocab.pattern(&r.then, &format!("rules[{i}].then"), Some(&r.when), &mut issues);
            if let (Some(when), Some(then)) = (when, then) {
                vocab.rules.push(Rule {
                    def: r.clone(),
                    when,
                    then,
                });
            }
        }
        vocab.merged = merged;
        if issues.is_empty() { Ok(vocab) } else { Err(issues) }
    }

    fn pattern(
        &self,
        p: &PatternDef,
        path: &str,
        bound_by: Option<&PatternDef>,
        issues: &mut Vec<VocabIssue>,
    ) -> Option<Pattern> {
        let subject = self.party_ref(&p.subject, &format!("{path}.subject"), bound_by, issues);
        let target = p
            .target
            .as_ref()
            .map(|t| self.party_ref(t, &format!("{path}.target"), bound_by, issues));
        let action = match self.action_index.get(&p.action) {
            Some(&(a, false)) => Some(a),
            Some(&(_, true)) => {
                issues.push(VocabIssue {
                    path: format!("{path}.action"),
                    message: format!(
                        "rules name actions by id, not by a negating alias like `{}`",
                        p.action
                    ),
                });
                None
            }
            None => {
                issues.push(unknown(
                    format!("{path}.action"),
                    "action",
                    &p.action,
                    self.action_names(),
                ));
                None
            }
        };
        if bound_by.is_some() && p.modality.is_none() {
            issues.push(VocabIssue {
                path: format!("{path}.modality"),
                message: "the implied term needs a modality".into(),
            });
        }
        Some(Pattern {
            subject: subject?,
            modality: p.modality,
            action: action?,
            target: target.map_or(Some(None), |t| t.map(Some))?,
        })
    }

    fn party_ref(
        &self,
        name: &str,
        path: &str,
        bound_by: Option<&PatternDef>,
        issues: &mut Vec<VocabIssue>,
    ) -> Option<PartyRef> {
        if let Some(var) = name.strip_prefix('?') {
            if var.is_empty() {
                issues.push(VocabIssue {
                    path: path.into(),
                    message: "a variable needs a name, like `?A`".into(),
                });
                return None;
            }
            if let Some(when) = bound_by
                && when.subject != name
                && when.target.as_deref() != Some(name)
            {
                issues.push(VocabIssue {
                    path: path.into(),
                    message: format!("variable `{name}` is not bound by the rule's `if` pattern"),
                });
                return None;
            }
            return Some(PartyRef::Var(name.to_owned()));
        }
        match self.party(name) {
            Some(p) => Some(PartyRef::Party(p)),
            None => {
                issues.push(unknown(
                    path.into(),
                    "party",
                    name,
                    self.parties.iter().map(|p| p.code.as_str()),
                ));
                None
            }
        }
    }
}

/// A warning for each party code that differs from an earlier one only in case (`il`
/// beside `IL`): codes are case-sensitive, so the two are two parties.
fn near_duplicate_parties(parties: &[PartyDef]) -> Vec<VocabIssue> {
    let mut first: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for (i, p) in parties.iter().enumerate() {
        match first.get(&p.code.to_lowercase()) {
            Some(&earlier) if earlier != p.code => out.push(VocabIssue {
                path: format!("parties[{i}].code"),
                message: format!(
                    "party code `{}` differs from `{earlier}` only in case: codes are case-sensitive, so these are two parties; if they are one, use `{earlier}`",
                    p.code
                ),
            }),
            _ => {
                first.insert(p.code.to_lowercase(), &p.code);
            }
        }
    }
    out
}

fn parse_default() -> Result<VocabFile, Vec<VocabIssue>> {
    serde_json::from_str(DEFAULT_PACK).map_err(|e| {
        vec![VocabIssue {
            path: String::new(),
            message: format!("the embedded default vocabulary is invalid: {e}"),
        }]
    })
}

fn index_unique<'a>(
    names: impl Iterator<Item = &'a str>,
    list: &str,
    field: &str,
    issues: &mut Vec<VocabIssue>,
) -> FastMap<String, u32> {
    let mut index = FastMap::default();
    for (i, n) in names.enumerate() {
        if index.insert(n.to_owned(), i as u32).is_some() {
            issues.push(VocabIssue {
                path: format!("{list}[{i}].{field}"),
                message: format!("`{n}` is defined twice"),
            });
        }
    }
    index
}

pub(super) fn unknown<'a>(
    path: String,
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> VocabIssue {
    let hint = did_you_mean(name, known)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    VocabIssue {
        path,
        message: format!("unknown {what} `{name}`{hint}"),
    }
}

/// Reports each node on a cycle of a parent relation (each node's parent given by
/// index), and closes the hierarchy.
fn check_acyclic(
    parents: impl Iterator<Item = Option<u32>>,
    path: impl Fn(usize) -> String,
    what: &str,
    issues: &mut Vec<VocabIssue>,
) -> Hierarchy {
    let parents: Vec<Option<u32>> = parents.collect();
    for start in Hierarchy::on_cycles(&parents) {
        issues.push(VocabIssue {
            path: path(start),
            message: format!("the {what} hierarchy has a cycle"),
        });
    }
    Hierarchy::new(&parents)
}
