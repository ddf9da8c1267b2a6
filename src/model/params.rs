//! Parameter values: the named quantities of a term.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of one parameter: `175`, `{"min": 30, "max": 60}`, `"all_for_all"`,
/// `["women", "children"]`, a ratio `{"ratio": {"per": "hostage", "count": 30}}`, or
/// `"some"` / `"tbd"` (a number or choice left to be agreed).
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
    /// So many for each one of another thing: 30 prisoners per hostage.
    Ratio {
        /// What the count is for each one of (`hostage`).
        per: String,
        /// How many for each.
        count: f64,
    },
}

impl ParamValue {
    /// Whether the value is left to be agreed (`"some"`, `"tbd"`): the term that
    /// carries it is existential, covering some of what it names, not all of it.
    pub fn is_open(&self) -> bool {
        matches!(self, ParamValue::Value(s) if is_open_word(s))
    }

    /// What the value allows, whatever way it is written.
    pub fn meaning(&self) -> Meaning<'_> {
        match self {
            ParamValue::Number(n) => Meaning::Bounds((*n, *n)),
            ParamValue::Range { min, max } => {
                Meaning::Bounds((min.unwrap_or(f64::NEG_INFINITY), max.unwrap_or(f64::INFINITY)))
            }
            ParamValue::Ratio { per, count } => Meaning::Ratio(per, (*count, *count)),
            ParamValue::Value(s) => Meaning::Set(vec![s]),
            ParamValue::Set(s) => {
                let mut v: Vec<&str> = s.iter().map(String::as_str).collect();
                v.sort_unstable();
                v.dedup();
                Meaning::Set(v)
            }
        }
    }

    /// Whether two values allow the same: `100` and `{"min": 100, "max": 100}`, a
    /// value and its one-element set, sets in any order.
    pub fn means_the_same(&self, other: &ParamValue) -> bool {
        self.meaning() == other.meaning()
    }
}

/// What a parameter value allows, whatever way it is written: a number is the
/// one-point range, a value its one-element set, a set sorted without repeats.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning<'a> {
    /// The least and greatest quantity allowed (infinite where open).
    Bounds((f64, f64)),
    /// So many of each `per`, between the two bounds.
    Ratio(&'a str, (f64, f64)),
    /// The enumeration values allowed, sorted, without repeats.
    Set(Vec<&'a str>),
}

/// `"some"` and `"tbd"`: a number or a choice left to be agreed.
pub fn is_open_word(s: &str) -> bool {
    matches!(s, "some" | "tbd")
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RangeRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ratio: Option<RatioRepr>,
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RatioRepr {
    per: String,
    #[serde(serialize_with = "serialize_number_ref")]
    count: f64,
}

fn serialize_number_ref<S: Serializer>(n: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serialize_number(*n, serializer)
}

impl Serialize for ParamValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ParamValue::Number(n) => serialize_number(*n, serializer),
            ParamValue::Range { min, max } => RangeRepr {
                min: *min,
                max: *max,
                ratio: None,
            }
            .serialize(serializer),
            ParamValue::Ratio { per, count } => RangeRepr {
                min: None,
                max: None,
                ratio: Some(RatioRepr {
                    per: per.clone(),
                    count: *count,
                }),
            }
            .serialize(serializer),
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
                f.write_str(
                    "a number, a range `{\"min\": .., \"max\": ..}`, a ratio `{\"ratio\": {\"per\": .., \"count\": ..}}`, a value or a list of values",
                )
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
                match r.ratio {
                    None => Ok(ParamValue::Range {
                        min: r.min,
                        max: r.max,
                    }),
                    Some(ratio) if r.min.is_none() && r.max.is_none() => Ok(ParamValue::Ratio {
                        per: ratio.per,
                        count: ratio.count,
                    }),
                    Some(_) => Err(de::Error::custom(
                        "a ratio stands alone: give either `ratio` or `min`/`max`",
                    )),
                }
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
            "description": "A number, a range {\"min\", \"max\"} (either bound optional), a ratio {\"ratio\": {\"per\", \"count\"}}, an enumeration value, a set of enumeration values, or \"some\" / \"tbd\" (to be agreed).",
            "oneOf": [
                { "type": "number" },
                {
                    "type": "object",
                    "properties": { "min": { "type": "number" }, "max": { "type": "number" } },
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "ratio": {
                            "type": "object",
                            "properties": { "per": { "type": "string" }, "count": { "type": "number" } },
                            "required": ["per", "count"],
                            "additionalProperties": false
                        }
                    },
                    "required": ["ratio"],
                    "additionalProperties": false
                },
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}
