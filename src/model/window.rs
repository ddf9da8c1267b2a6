//! The time window of a term, in days from entry into force.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// When a term applies: `"ceasefire"` (the window of the proposal's ceasefire term) or
/// a range of days from entry into force, `[from, to)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    /// The window of the proposal's ceasefire term (its first prohibition of
    /// hostilities, or of an action inside them, that has a window of its own).
    Ceasefire,
    /// An explicit range of days.
    Range(WindowRange),
}

/// A range of days from entry into force: `{"days": 30}` is `[0, 30)`,
/// `{"from": 30, "to": 60}` is `[30, 60)`, `{"from": 30}` has no end.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowRange {
    /// First day, counted from entry into force (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    /// Day on which the window ends (exclusive). Absent with `days` absent: no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
    /// Length in days, from `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// The keyword for the ceasefire window.
pub(super) const CEASEFIRE: &str = "ceasefire";

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Window::Ceasefire => serializer.serialize_str(CEASEFIRE),
            Window::Range(r) => r.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WindowVisitor;
        impl<'de> Visitor<'de> for WindowVisitor {
            type Value = Window;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`\"ceasefire\"` or an object with `from`, `to` or `days`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Window, E> {
                if v == CEASEFIRE {
                    Ok(Window::Ceasefire)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Window, A::Error> {
                WindowRange::deserialize(MapAccessDeserializer::new(map)).map(Window::Range)
            }
        }
        deserializer.deserialize_any(WindowVisitor)
    }
}

impl JsonSchema for Window {
    fn schema_name() -> Cow<'static, str> {
        "Window".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let range = generator.subschema_for::<WindowRange>();
        json_schema!({
            "description": "When the term applies: \"ceasefire\" (the window of the proposal's ceasefire term) or a range of days from entry into force.",
            "oneOf": [ { "const": CEASEFIRE }, range ]
        })
    }
}
