//! [`Params`]: a term's named quantities, as a JSON object of parameter values. Held
//! as a list sorted by name rather than a B-tree: a term has one parameter or two, and
//! a B-tree node for them took about 600 bytes. The list is boxed: parameters are read
//! far more often than edited, and a term without any holds two words, not three.
//! It reads, writes and describes itself (JSON Schema) exactly as a map from names to
//! values: sorted by name, a repeated name keeping its last value.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ParamValue, ThinSlice};

/// A term's parameters, by name (sorted, each name once).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(ThinSlice<(String, ParamValue)>);

impl Params {
    /// No parameters.
    pub fn new() -> Params {
        Params::default()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The value of parameter `name`.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        let at = self.find(name).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// Sets parameter `name`, returning its earlier value.
    pub fn insert(&mut self, name: String, value: ParamValue) -> Option<ParamValue> {
        match self.find(&name) {
            Ok(at) => self
                .0
                .as_mut_slice()
                .get_mut(at)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                let mut entries = std::mem::take(&mut self.0).into_vec();
                entries.insert(at, (name, value));
                self.0 = entries.into();
                None
            }
        }
    }

    /// Removes parameter `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<ParamValue> {
        let at = self.find(name).ok()?;
        let mut entries = std::mem::take(&mut self.0).into_vec();
        let (_, value) = entries.remove(at);
        self.0 = entries.into();
        Some(value)
    }

    /// The parameters by name, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&String, &ParamValue)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The parameters as a sorted list of `(name, value)`.
    pub fn as_slice(&self) -> &[(String, ParamValue)] {
        &self.0
    }

    /// Whether both give the same names with values that allow the same
    /// ([`ParamValue::means_the_same`]).
    pub fn means_the_same(&self, other: &Params) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0.iter())
                .all(|((k, v), (l, w))| k == l && v.means_the_same(w))
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }
}

impl FromIterator<(String, ParamValue)> for Params {
    /// Sorted by name; a repeated name keeps its last value, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, ParamValue)>>(iter: I) -> Params {
        let mut entries: Vec<(String, ParamValue)> = iter.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, ParamValue)> = Vec::with_capacity(entries.len());
        for e in entries {
            match out.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => out.push(e),
            }
        }
        Params(out.into())
    }
}

impl<const N: usize> From<[(String, ParamValue); N]> for Params {
    fn from(entries: [(String, ParamValue); N]) -> Params {
        entries.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Params {
    type Item = (&'a String, &'a ParamValue);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, ParamValue)>,
        fn(&'a (String, ParamValue)) -> (&'a String, &'a ParamValue),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParamsVisitor;

        impl<'de> Visitor<'de> for ParamsVisitor {
            type Value = Params;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of parameter values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Params, A::Error> {
                // One parameter is the usual case: room for exactly one.
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(1).min(64));
                while let Some(entry) = map.next_entry::<String, ParamValue>()? {
                    entries.push(entry);
                }
                if entries.is_sorted_by(|a, b| a.0 < b.0) {
                    return Ok(Params(entries.into()));
                }
                Ok(entries.into_iter().collect())
            }
        }

        deserializer.deserialize_map(ParamsVisitor)
    }
}

/// Described exactly as the map it reads as.
impl JsonSchema for Params {
    fn inline_schema() -> bool {
        <BTreeMap<String, ParamValue>>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <BTreeMap<String, ParamValue>>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <BTreeMap<String, ParamValue>>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <BTreeMap<String, ParamValue>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> ParamValue {
        ParamValue::Number(x)
    }

    #[test]
    fn reads_and_writes_as_a_map_sorted_by_name() {
        let p: Params = serde_json::from_str(r#"{"b": 2, "a": 1, "c": "x"}"#).unwrap();
        let names: Vec<&String> = p.keys().collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"a":1,"b":2,"c":"x"}"#);
        let map: BTreeMap<String, ParamValue> =
            serde_json::from_str(r#"{"b": 2, "a": 1, "c": "x"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            serde_json::to_string(&p).unwrap()
        );
    }

    #[test]
    fn a_repeated_name_keeps_its_last_value_as_a_map_does() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let p: Params = serde_json::from_str(text).unwrap();
        let map: BTreeMap<String, ParamValue> = serde_json::from_str(text).unwrap();
        assert_eq!(p.get("a"), Some(&n(3.0)));
        assert_eq!(p.len(), 2);
        assert!(p.iter().eq(map.iter()));
    }

    #[test]
    fn edits_keep_the_order() {
        let mut p = Params::new();
        assert_eq!(p.insert("m".into(), n(1.0)), None);
        assert_eq!(p.insert("a".into(), n(2.0)), None);
        assert_eq!(p.insert("z".into(), n(3.0)), None);
        assert_eq!(p.insert("m".into(), n(4.0)), Some(n(1.0)));
        assert_eq!(p.keys().map(String::as_str).collect::<Vec<_>>(), ["a", "m", "z"]);
        assert_eq!(p.remove("a"), Some(n(2.0)));
        assert_eq!(p.remove("a"), None);
        assert_eq!(p.get("z"), Some(&n(3.0)));
        assert_eq!(
            Params::from([("b".to_owned(), n(1.0)), ("a".to_owned(), n(2.0))]).as_slice()[0].0,
            "a"
        );
    }

    #[test]
    fn its_schema_is_the_maps() {
        let ours = schemars::schema_for!(Params);
        let map = schemars::schema_for!(BTreeMap<String, ParamValue>);
        assert_eq!(ours, map);
    }

    #[test]
    fn refuses_what_is_not_an_object() {
        assert!(serde_json::from_str::<Params>("[1]").is_err());
        assert!(serde_json::from_str::<Params>(r#"{"a": true}"#).is_err());
    }
}
