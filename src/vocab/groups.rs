//! Groups of parties and the subjects of their own (v2): a group stands for its
//! members, `any` for every party, `unspecified` for an actor the text does not name;
//! and the topic taxonomy, which a term's `about` names. How a vocabulary resolves
//! them, and how a term's subject and labels are read with them.

use super::file::{GroupDef, VocabFile};
use super::resolve::unknown;
use super::{LabelId, PartyId, Vocab, VocabIssue};
use crate::collections::FastMap;

/// A resolved group of parties.
#[derive(Debug, Clone)]
pub struct Group {
    /// Its definition, with the members of every file merged.
    pub def: GroupDef,
    /// Its members, in definition order, without repeats.
    pub members: Vec<PartyId>,
}

/// The subject written `"any"`: everyone — every party the proposals of the run name
/// (see [`Vocab::set_run_parties`]), every party of the vocabulary until a run sets them.
pub const ANY: &str = "any";
/// The subject written `"unspecified"`: the text names no actor.
pub const UNSPECIFIED: &str = "unspecified";
/// The id of the topic taxonomy among [`Vocab::taxonomies`].
pub const TOPIC_TAXONOMY: &str = "topic";

impl Vocab {
    /// The subject of a term that names no actor (`"unspecified"`): one id past the
    /// parties, which relates to every party's atoms as an existential choice.
    pub fn unspecified(&self) -> PartyId {
        PartyId::try_from(self.parties.len()).unwrap_or(PartyId::MAX)
    }

    /// Whether `p` is [`Vocab::unspecified`].
    pub fn is_unspecified(&self, p: PartyId) -> bool {
        p as usize >= self.parties.len()
    }

    /// The parties the subject `any` stands for: those of the run when it has set them
    /// ([`Vocab::set_run_parties`]), else every party of the vocabulary.
    pub fn any_parties(&self) -> Vec<PartyId> {
        match &self.run_parties {
            Some(parties) => parties.clone(),
            None => (0..self.unspecified()).collect(),
        }
    }

    /// Has `any` stand for `parties` (sorted, without repeats, known ones only): the
    /// parties of the proposals of a run. A vocabulary of every state and armed group
    /// would otherwise make "no one may ..." bind dozens of parties that no proposal
    /// of the run names.
    pub fn set_run_parties(&mut self, parties: impl IntoIterator<Item = PartyId>) {
        let mut list: Vec<PartyId> = parties.into_iter().filter(|&p| !self.is_unspecified(p)).collect();
        list.sort_unstable();
        list.dedup();
        self.run_parties = (!list.is_empty()).then_some(list);
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.group_index.get(id).and_then(|&g| self.groups.get(g))
    }

    /// Every name a subject may be written with: party codes, groups, `any`,
    /// `unspecified`.
    pub fn subject_names(&self) -> impl Iterator<Item = &str> {
        self.parties
            .iter()
            .map(|p| p.code.as_str())
            .chain(self.groups.iter().map(|g| g.def.id.as_str()))
            .chain([ANY, UNSPECIFIED])
    }

    /// Whether label `l` is a topic (of the topic taxonomy) rather than a scope label.
    pub fn is_topic(&self, l: LabelId) -> bool {
        self.topic_taxonomy
            .is_some_and(|t| self.labels.get(l as usize).is_some_and(|x| x.taxonomy == t))
    }

    /// Every topic name.
    pub fn topic_names(&self) -> impl Iterator<Item = &str> {
        self.labels
            .iter()
            .filter(|l| Some(l.taxonomy) == self.topic_taxonomy)
            .map(|l| l.def.id.as_str())
    }
}

/// Merges groups: a group with a known id adds its members to it, unless it says
/// `replace`.
pub(super) fn merge_groups(into: &mut Vec<GroupDef>, from: &[GroupDef]) {
    for g in from {
        match into.iter_mut().find(|e| e.id == g.id) {
            Some(e) if !g.replace => {
                for m in &g.members {
                    if !e.members.contains(m) {
                        e.members.push(m.clone());
                    }
                }
                if g.description.is_some() {
                    e.description.clone_from(&g.description);
                }
            }
            Some(e) => {
                *e = GroupDef {
                    replace: false,
                    ..g.clone()
                }
            }
            None => into.push(GroupDef {
                replace: false,
                ..g.clone()
            }),
        }
    }
}

/// The groups with their members resolved, and their index by id.
pub(super) fn resolve_groups(
    merged: &VocabFile,
    parties: &FastMap<String, PartyId>,
    issues: &mut Vec<VocabIssue>,
) -> (Vec<Group>, FastMap<String, usize>) {
    let mut groups = Vec::with_capacity(merged.groups.len());
    let mut index = FastMap::default();
    for (i, g) in merged.groups.iter().enumerate() {
        if parties.contains_key(&g.id) || g.id == ANY || g.id == UNSPECIFIED {
            issues.push(VocabIssue {
                path: format!("groups[{i}].id"),
                message: format!(
                    "group `{}` has the name of a party or of a reserved subject",
                    g.id
                ),
            });
        }
        if index.insert(g.id.clone(), groups.len()).is_some() {
            issues.push(VocabIssue {
                path: format!("groups[{i}].id"),
                message: format!("group `{}` is defined twice", g.id),
            });
        }
        let mut members = Vec::with_capacity(g.members.len());
        for (j, m) in g.members.iter().enumerate() {
            match parties.get(m) {
                Some(&p) if !members.contains(&p) => members.push(p),
                Some(_) => {}
                None => issues.push(unknown(
                    format!("groups[{i}].members[{j}]"),
                    "party",
                    m,
                    parties.keys().map(String::as_str),
                )),
            }
        }
        groups.push(Group {
            def: g.clone(),
            members,
        });
    }
    (groups, index)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn group(id: &str, members: &[&str], replace: bool) -> GroupDef {
        GroupDef {
            id: id.into(),
            description: None,
            members: members.iter().map(|m| (*m).to_owned()).collect(),
            replace,
        }
    }

    /// An extension's group adds its members to the group of that id, unless it says
    /// `replace`; topics are a taxonomy of their own.
    #[test]
    fn groups_merge_by_adding_members_and_topics_are_their_own_taxonomy() {
        let ext = VocabFile {
            groups: vec![group("third_states", &["EU"], false)],
            ..VocabFile::default()
        };
        let v = Vocab::with_extensions(&[ext]).unwrap();
        let members: Vec<&str> = v
            .group("third_states")
            .unwrap()
            .members
            .iter()
            .map(|&p| v.party_code(p))
            .collect();
        assert!(members.contains(&"US") && members.contains(&"EU"), "{members:?}");
        let ext = VocabFile {
            groups: vec![group("third_states", &["EU"], true)],
            ..VocabFile::default()
        };
        let v = Vocab::with_extensions(&[ext]).unwrap();
        assert_eq!(v.group("third_states").unwrap().members.len(), 1);
        assert!(v.is_unspecified(v.unspecified()));
        assert_eq!(v.party_code(v.unspecified()), UNSPECIFIED);
        let maritime = v.label("maritime_ceasefire").unwrap();
        assert!(v.is_topic(maritime));
        assert!(!v.is_topic(v.label("kursk").unwrap()));
        assert!(v.label_contains(v.label("full_ceasefire").unwrap(), maritime));
    }
}
