//! Conditions: the terms of the same proposal that a term requires (and on which of
//! their outcomes), and the outcomes of other terms on which a term lapses.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A condition of a term on another term of the same proposal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Condition {
    /// The id of the required term.
    pub term: Box<str>,
    /// Whether the required term must be in force before, or together with, this one.
    pub timing: Timing,
    /// What of the required term the condition waits on (DESIGN §2, v2): its being in
    /// force or fulfilled (a precondition), or an outcome (a trigger).
    pub on: Outcome,
}

/// What a condition waits on in the required term.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The required term is in force (the default precondition).
    #[default]
    InForce,
    /// The required term has been carried out.
    Fulfilled,
    /// The required term (talks, a process) has succeeded: a trigger.
    Succeeded,
    /// The required term has failed: a trigger ("phase 2 if the talks fail").
    Failed,
    /// The required term has been breached: a trigger ("a violation frees the other
    /// side").
    Breached,
}

impl Outcome {
    /// Every outcome, in the order files name them.
    pub const ALL: [Outcome; 5] = [
        Outcome::InForce,
        Outcome::Fulfilled,
        Outcome::Succeeded,
        Outcome::Failed,
        Outcome::Breached,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::InForce => "in_force",
            Outcome::Fulfilled => "fulfilled",
            Outcome::Succeeded => "succeeded",
            Outcome::Failed => "failed",
            Outcome::Breached => "breached",
        }
    }

    /// Whether a condition on this outcome is a trigger (the term applies only after
    /// the outcome, DESIGN §3) rather than a precondition.
    pub fn is_trigger(self) -> bool {
        matches!(self, Outcome::Succeeded | Outcome::Failed | Outcome::Breached)
    }
}

/// A term's lapse: it ends when the named term of the same proposal has this outcome
/// (`lapses_if`, DESIGN §2, v2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lapse {
    /// The id of the term whose outcome ends this one.
    pub term: Box<str>,
    /// The outcome: `breached`, `failed`, `succeeded`, `fulfilled` or `in_force`.
    pub on: Outcome,
}

/// A term's lapses, kept out of line (most terms have none, and every term of a
/// proposal of millions carries the field): read as a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[expect(
    clippy::box_collection,
    reason = "one word in every term (a boxed slice would take two): most terms have no lapse"
)]
pub struct Lapses(Option<Box<Vec<Lapse>>>);

impl Lapses {
    /// The lapses, in file order.
    pub fn as_slice(&self) -> &[Lapse] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The lapses' list, to change.
    pub fn to_mut(&mut self) -> &mut Vec<Lapse> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<Vec<Lapse>> for Lapses {
    fn from(list: Vec<Lapse>) -> Lapses {
        Lapses((!list.is_empty()).then(|| Box::new(list)))
    }
}

impl Serialize for Lapses {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Lapses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Lapse>::deserialize(deserializer).map(Lapses::from)
    }
}

impl JsonSchema for Lapses {
    fn schema_name() -> Cow<'static, str> {
        "Lapses".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = <Vec<Lapse>>::json_schema(generator);
        schema.insert(
            "description".into(),
            "Outcomes of other terms of the same proposal on which this term ends (\"a violation frees the other side\").".into(),
        );
        schema
    }
}

/// The order a condition imposes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// The required term must be in force before this one ("only after").
    #[default]
    Before,
    /// The required term is implemented together with this one ("subject to
    /// acceptance and concurrent implementation").
    Concurrent,
}

impl Timing {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Timing::Before => "before",
            Timing::Concurrent => "concurrent",
        }
    }
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ConditionRepr {
    term: Box<str>,
    #[serde(default, skip_serializing_if = "is_before")]
    timing: Timing,
    #[serde(default, skip_serializing_if = "is_in_force")]
    on: Outcome,
}

fn is_before(t: &Timing) -> bool {
    *t == Timing::Before
}

fn is_in_force(o: &Outcome) -> bool {
    *o == Outcome::InForce
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.timing, self.on) {
            (Timing::Before, Outcome::InForce) => serializer.serialize_str(&self.term),
            (timing, on) => ConditionRepr {
                term: self.term.clone(),
                timing,
                on,
            }
            .serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConditionVisitor;
        impl<'de> Visitor<'de> for ConditionVisitor {
            type Value = Condition;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a term id or `{\"term\": id, \"timing\": \"before\" | \"concurrent\", \"on\": outcome}`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Condition, E> {
                Ok(Condition {
                    term: v.into(),
                    timing: Timing::Before,
                    on: Outcome::InForce,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Condition, A::Error> {
                let r = ConditionRepr::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Condition {
                    term: r.term,
                    timing: r.timing,
                    on: r.on,
                })
            }
        }
        deserializer.deserialize_any(ConditionVisitor)
    }
}

impl JsonSchema for Condition {
    fn schema_name() -> Cow<'static, str> {
        "Condition".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A required term of the same proposal: its id (a precondition, in force before this term) or an object naming the term and the timing.",
            "oneOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "object",
                    "properties": {
                        "term": { "type": "string", "minLength": 1, "description": "The id of the required term." },
                        "timing": {
                            "enum": ["before", "concurrent"],
                            "description": "`before` (default): in force before this term; `concurrent`: implemented together with it."
                        },
                        "on": {
                            "enum": ["in_force", "fulfilled", "succeeded", "failed", "breached"],
                            "description": "`in_force` (default) or `fulfilled`: a precondition; `succeeded`, `failed` or `breached`: a trigger, the term applies only after that outcome and its conflicts are contingent."
                        }
                    },
                    "required": ["term"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
