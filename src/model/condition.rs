//! Conditions: the terms of the same proposal that a term requires.

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
    #[serde(default)]
    timing: Timing,
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.timing {
            Timing::Before => serializer.serialize_str(&self.term),
            timing => ConditionRepr {
                term: self.term.clone(),
                timing,
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
                f.write_str("a term id or `{\"term\": id, \"timing\": \"before\" | \"concurrent\"}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Condition, E> {
                Ok(Condition {
                    term: v.into(),
                    timing: Timing::Before,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Condition, A::Error> {
                let r = ConditionRepr::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Condition {
                    term: r.term,
                    timing: r.timing,
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
                        }
                    },
                    "required": ["term"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
