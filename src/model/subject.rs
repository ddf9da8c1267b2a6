//! The subject of a term: one party code or several.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The parties a term binds, written as one code (`"US"`) or a list (`["RU", "UA"]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Subject(pub Box<[Box<str>]>);

impl Subject {
    /// The party codes, in file order.
    pub fn parties(&self) -> &[Box<str>] {
        &self.0
    }
}

impl Serialize for Subject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &*self.0 {
            [one] => serializer.serialize_str(one),
            many => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Subject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SubjectVisitor;
        impl<'de> Visitor<'de> for SubjectVisitor {
            type Value = Subject;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a party code or a list of party codes")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Subject, E> {
                Ok(Subject(Box::new([v.into()])))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Subject, A::Error> {
                let mut parties = Vec::new();
                while let Some(p) = seq.next_element::<Box<str>>()? {
                    parties.push(p);
                }
                Ok(Subject(parties.into_boxed_slice()))
            }
        }
        deserializer.deserialize_any(SubjectVisitor)
    }
}

impl JsonSchema for Subject {
    fn schema_name() -> Cow<'static, str> {
        "Subject".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The parties a term binds: one party code or a non-empty list of them.",
            "oneOf": [
                { "type": "string", "minLength": 1 },
                { "type": "array", "items": { "type": "string", "minLength": 1 }, "minItems": 1 }
            ]
        })
    }
}
