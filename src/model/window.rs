//! The time window of a term, in days from entry into force.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// When a term applies: `"ceasefire"` (the window of the proposal's general ceasefire
/// term), `"indefinite"` (stated as without end) or a range of days from entry into
/// force, `[from, to)`. A term without a window leaves its duration unstated.
#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    /// The window of the proposal's general ceasefire: its one `must_not hostilities`
    /// term with no scope or partition.
    Ceasefire,
    /// Stated as without end ("permanent"), from entry into force.
    Indefinite,
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
/// The keyword for a window stated as without end.
pub(super) const INDEFINITE: &str = "indefinite";
/// The keywords a window may be, for "did you mean".
pub const WINDOW_KEYWORDS: [&str; 2] = [CEASEFIRE, INDEFINITE];

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Window::Ceasefire => serializer.serialize_str(CEASEFIRE),
            Window::Indefinite => serializer.serialize_str(INDEFINITE),
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
                f.write_str("`\"ceasefire\"`, `\"indefinite\"` or an object with `from`, `to` or `days`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Window, E> {
                match v {
                    CEASEFIRE => Ok(Window::Ceasefire),
                    INDEFINITE => Ok(Window::Indefinite),
                    // A word is a keyword misspelt (the loader suggests the nearest);
                    // anything else, such as an object written as a string, is not a
                    // window at all.
                    _ if v.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') => {
                        Err(E::unknown_variant(v, &WINDOW_KEYWORDS))
                    }
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
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
            "description": "When the term applies: \"ceasefire\" (the window of the proposal's general ceasefire term), \"indefinite\" (stated as without end) or a range of days from entry into force. Absent: the text states no duration.",
            "oneOf": [ { "const": CEASEFIRE }, { "const": INDEFINITE }, range ]
        })
    }
}
