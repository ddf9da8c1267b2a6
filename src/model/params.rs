//! Parameter values: the named quantities of a term.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of one parameter: `175`, `{"min": 30, "max": 60}`, `"all_for_all"` or
/// `["kherson", "zaporizhzhia"]`.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// An exact quantity.
    Number(f64),
    /// A range of quantities; either bound may be open.
    Range {
        /// Least value (inclusive), if bounded below.
        min: Option<f64>,
        /// Greatest value (inclusive), if bounded above.
        max: Option<f64>,
    },
    /// One value of an enumeration.
    Value(String),
    /// A set of enumeration values.
    Set(Vec<String>),
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RangeRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
}

impl Serialize for ParamValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ParamValue::Number(n) => serialize_number(*n, serializer),
            ParamValue::Range { min, max } => RangeRepr { min: *min, max: *max }.serialize(serializer),
            ParamValue::Value(v) => serializer.serialize_str(v),
            ParamValue::Set(s) => s.serialize(serializer),
        }
    }
}

/// Whole numbers are written without a fraction, so that files round-trip.
fn serialize_number<S: Serializer>(n: f64, serializer: S) -> Result<S::Ok, S::Error> {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serializer.serialize_i64(n as i64)
    } else {
        serializer.serialize_f64(n)
    }
}

impl<'de> Deserialize<'de> for ParamValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParamVisitor;
        impl<'de> Visitor<'de> for ParamVisitor {
            type Value = ParamValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, a range `{\"min\": .., \"max\": ..}`, a value or a list of values")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParamValue, E> {
                Ok(ParamValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParamValue, E> {
                Ok(ParamValue::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ParamValue, E> {
                Ok(ParamValue::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ParamValue, E> {
                Ok(ParamValue::Value(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ParamValue, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element::<String>()? {
                    values.push(v);
                }
                Ok(ParamValue::Set(values))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ParamValue, A::Error> {
                let r = RangeRepr::deserialize(MapAccessDeserializer::new(map))?;
                Ok(ParamValue::Range {
                    min: r.min,
                    max: r.max,
                })
            }
        }
        deserializer.deserialize_any(ParamVisitor)
    }
}

impl JsonSchema for ParamValue {
    fn schema_name() -> Cow<'static, str> {
        "ParamValue".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, a range {\"min\", \"max\"} (either bound optional), an enumeration value, or a set of enumeration values.",
            "oneOf": [
                { "type": "number" },
                {
                    "type": "object",
                    "properties": { "min": { "type": "number" }, "max": { "type": "number" } },
                    "additionalProperties": false
                },
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}
