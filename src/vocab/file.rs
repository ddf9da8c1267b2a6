//! The vocabulary file format: parties, actions, scope taxonomies, parameters and
//! derivation rules, as written in `vocab/*.json` and in the extension files a run is
//! given.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Modality;

/// A vocabulary file. Entries are merged into the default pack by id: a new id adds
/// an entry; an existing id adds to it (labels to a taxonomy, aliases and negating
/// aliases to an action, members to a group, values to a parameter) without copying
/// it, and replaces it only when it says `"replace": true`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabFile {
    /// The JSON Schema this file follows, for editors (ignored by armistice).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A name for the pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Start from an empty vocabulary instead of the default pack.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace_default: bool,
    /// The parties that may appear as subjects, authors and targets.
    #[serde(default)]
    pub parties: Vec<PartyDef>,
    /// The actions and their hierarchy.
    #[serde(default)]
    pub actions: Vec<ActionDef>,
    /// The scope taxonomies (areas, target classes, ...).
    #[serde(default)]
    pub scopes: Vec<TaxonomyDef>,
    /// The topic taxonomy (v2): what an action is about (negotiations `about`
    /// `maritime_ceasefire`), one tree of labels narrowing coverage like a scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<LabelDef>,
    /// Groups of parties (v2: `third_states`), usable as a subject; a group stands
    /// for its members. An extension's group with an existing id adds members to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupDef>,
    /// The parameters terms may carry.
    #[serde(default)]
    pub params: Vec<ParamDef>,
    /// Derivation rules: a term matching `if` implies the term `then`.
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    /// Words for drafting proposals from statements (`armistice draft`): phrases per
    /// action, party and label. Merged by adding words (docs/draft.md).
    #[serde(default, skip_serializing_if = "crate::draft::LexiconDef::is_empty")]
    pub lexicon: crate::draft::LexiconDef,
}

/// A party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyDef {
    /// The short code used in files (`US`, `RU`, `UA`).
    pub code: String,
    /// The display name.
    pub name: String,
    /// In an extension: replace the party of this code (its name) on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// A group of parties, usable wherever a term names its subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// The name used in files (`third_states`).
    pub id: String,
    /// What the group is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The party codes of its members.
    pub members: Vec<String>,
    /// In an extension: replace the group's members instead of adding to them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// An action of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    /// The identifier used in files (`military_aid`).
    pub id: String,
    /// What the action is (in an extension that adds to an existing action, it may
    /// be left out).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The broader action that contains this one (`strikes` is inside `hostilities`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Other names of the same action, with the same modality (`resume_aid`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Names that negate the action (`halt_aid`): "must halt aid" is "must not aid".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negations: Vec<String>,
    /// External classification codes of the provisions the action encodes, by scheme
    /// (`{"pax": ["CeProv"]}`: the variable names of the PA-X peace agreements
    /// database).
    #[serde(default, skip_serializing_if = "Codes::is_empty")]
    pub codes: Codes,
    /// In an extension: replace the action of this id as a whole instead of adding
    /// to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// External classification codes by scheme: `{"pax": ["CeProv", "CeGen"]}`.
pub type Codes = std::collections::BTreeMap<String, Vec<String>>;

/// A scope taxonomy: a tree of labels along one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyDef {
    /// The dimension (`area`, `target_class`).
    pub id: String,
    /// What the dimension distinguishes (in an extension that adds labels to an
    /// existing taxonomy, it may be left out).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The labels, each optionally inside a broader one of the same taxonomy. In an
    /// extension, labels are added to the taxonomy of the same id.
    #[serde(default)]
    pub labels: Vec<LabelDef>,
    /// In an extension: replace the taxonomy of this id, labels and all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// A scope label.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelDef {
    /// The label used in files (`energy_infrastructure`).
    pub id: String,
    /// What the label covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The broader label that contains this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// External classification codes, by scheme (`{"pax": ["GRef"]}`).
    #[serde(default, skip_serializing_if = "Codes::is_empty")]
    pub codes: Codes,
    /// In an extension: replace the label of this id (its parent) on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// A parameter terms may carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    /// The name used in files (`count`).
    pub id: String,
    /// What the parameter measures.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The kind of value.
    pub kind: ParamKind,
    /// The unit of a quantity (`days`, `people`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The allowed values of a partition or a manner (the categories, the ways); for
    /// a ratio, what it may be `per` (any when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// In an extension: replace the parameter of this id (its kind, unit and values)
    /// instead of adding values to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// The kind of a parameter: what its values mean when two terms are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// A set of categories from `values` that narrows what the term covers, like a
    /// scope (`prisoner_category: ["women", "children"]`): disjoint categories relate
    /// nothing, and a term without it covers every category.
    Partition,
    /// A number or a range of numbers, in `unit`, or a ratio to another quantity
    /// (`{"ratio": {"per": "hostage", "count": 30}}`): different values diverge, with
    /// the gap or the common range.
    Quantity,
    /// How it is done: one value, or a set of values, from `values` (`exchange:
    /// all_for_all`); different values diverge. Files written for the first release
    /// may still call it `enumeration`.
    #[serde(alias = "enumeration")]
    Manner,
    /// A ratio linking two quantities: so many for each one of another thing, `per`
    /// one of `values` when they are given (`{"ratio": {"per": "hostage", "count":
    /// 30}}`).
    Ratio,
}

impl ParamKind {
    /// The name used in vocabulary files.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamKind::Partition => "partition",
            ParamKind::Quantity => "quantity",
            ParamKind::Manner => "manner",
            ParamKind::Ratio => "ratio",
        }
    }
}

/// A derivation rule: a term matching `if` implies the term `then`, in the same window
/// and scope. Party variables (`?A`) bind subject and target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// The rule's identifier, quoted in indirect findings.
    pub id: String,
    /// What the rule says, in words.
    pub description: String,
    /// The pattern a term must match.
    #[serde(rename = "if")]
    pub when: PatternDef,
    /// The term implied.
    pub then: PatternDef,
    /// In an extension: replace the rule of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

/// A term pattern of a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    /// A party code or a variable (`?A`).
    pub subject: String,
    /// The modality; in `if`, absent matches any modality that binds or permits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    /// The action; in `if`, actions inside it match too.
    pub action: String,
    /// A party code or a variable; in `if`, absent matches any target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}
