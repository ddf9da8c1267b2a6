//! The `lexicon` section of a vocabulary file: the words by which a statement names
//! the vocabulary's actions, parties and labels, read by `armistice draft`. Plain
//! data; sections of several files merge by adding words.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Words for drafting (`armistice draft`): phrases per action, per party and per
/// label, added to those drafting derives from the ids, aliases, names and
/// descriptions of the vocabulary. Every list only adds: an extension's words join
/// the default ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconDef {
    /// Per action id: the phrases that name it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actions: BTreeMap<String, ActionWords>,
    /// Per party code: its names, demonyms, capital, leaders and institutions
    /// ("Kyiv", "the Kremlin", "Moscow"). A phrase in capitals is matched exactly.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parties: BTreeMap<String, Vec<String>>,
    /// Per scope or topic label id: the phrases that name it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Vec<String>>,
}

/// The phrases of one action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionWords {
    /// Verbs, nouns and phrases naming the action ("deliver weapons", "hostages").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// Phrases naming the action's negation ("ceasefire", "pause in the fighting"):
    /// "must" with one of them is "must not" the action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negating: Vec<String>,
    /// Whether what follows the action's mention after "on", "about" or "toward" is
    /// its topic rather than a provision of its own (negotiations on a ceasefire).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub topical: bool,
}

impl LexiconDef {
    /// Whether the section adds nothing.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.parties.is_empty() && self.labels.is_empty()
    }

    /// Adds the words of `other` to these (a phrase already present is not doubled).
    pub fn extend(&mut self, other: &LexiconDef) {
        for (id, words) in &other.actions {
            let entry = self.actions.entry(id.clone()).or_default();
            add_all(&mut entry.phrases, &words.phrases);
            add_all(&mut entry.negating, &words.negating);
            entry.topical |= words.topical;
        }
        for (code, words) in &other.parties {
            add_all(self.parties.entry(code.clone()).or_default(), words);
        }
        for (id, words) in &other.labels {
            add_all(self.labels.entry(id.clone()).or_default(), words);
        }
    }
}

fn add_all(into: &mut Vec<String>, from: &[String]) {
    for w in from {
        if !into.contains(w) {
            into.push(w.clone());
        }
    }
}
