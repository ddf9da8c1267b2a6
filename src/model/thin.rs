//! Values most terms leave out, held behind one thin pointer. A term is the unit of
//! memory at scale (two proposals of 10^6 terms hold two million of them), and an
//! absent `Option<Box<str>>` or empty `Box<[T]>` still takes two words in each. Here
//! an absent value takes one word, and a present one costs one small allocation more:
//! the right trade for the fields a term rarely has (its target, topics, conditions,
//! source and note).
//!
//! Both types read, write and describe themselves (JSON Schema) exactly as the value
//! they hold, and dereference to it, so code reads them as a `str` or a slice.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string, one word wide (use `Option<ThinStr>` for an optional one: still one word).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThinStr(Box<Box<str>>);

impl ThinStr {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for ThinStr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ThinStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ThinStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ThinStr {
    fn from(s: &str) -> ThinStr {
        ThinStr(Box::new(s.into()))
    }
}

impl From<String> for ThinStr {
    fn from(s: String) -> ThinStr {
        ThinStr(Box::new(s.into_boxed_str()))
    }
}

impl From<Box<str>> for ThinStr {
    fn from(s: Box<str>) -> ThinStr {
        ThinStr(Box::new(s))
    }
}

impl From<ThinStr> for Box<str> {
    fn from(s: ThinStr) -> Box<str> {
        *s.0
    }
}

impl From<ThinStr> for String {
    fn from(s: ThinStr) -> String {
        (*s.0).into()
    }
}

impl PartialEq<str> for ThinStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ThinStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for ThinStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ThinStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for ThinStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for ThinStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ThinStr, D::Error> {
        Box::<str>::deserialize(deserializer).map(ThinStr::from)
    }
}

impl JsonSchema for ThinStr {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

/// A list, one word wide; empty, it allocates nothing.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ThinSlice<T>(Option<Box<Box<[T]>>>);

impl<T> ThinSlice<T> {
    /// The items.
    pub fn as_slice(&self) -> &[T] {
        self.0.as_deref().map_or(&[], |items| items)
    }

    /// The items, to change in place.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self.0.as_deref_mut().map_or(&mut [], |items| items)
    }

    /// The items as a vector.
    pub fn into_vec(self) -> Vec<T> {
        self.0.map_or_else(Vec::new, |items| items.into_vec())
    }
}

impl<T> Default for ThinSlice<T> {
    fn default() -> ThinSlice<T> {
        ThinSlice(None)
    }
}

impl<T> Deref for ThinSlice<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T> std::ops::DerefMut for ThinSlice<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

impl<T> From<Box<[T]>> for ThinSlice<T> {
    fn from(items: Box<[T]>) -> ThinSlice<T> {
        ThinSlice((!items.is_empty()).then(|| Box::new(items)))
    }
}

impl<T> From<Vec<T>> for ThinSlice<T> {
    fn from(items: Vec<T>) -> ThinSlice<T> {
        ThinSlice::from(items.into_boxed_slice())
    }
}

impl<T, const N: usize> From<[T; N]> for ThinSlice<T> {
    fn from(items: [T; N]) -> ThinSlice<T> {
        ThinSlice::from(Vec::from(items))
    }
}

impl<T> FromIterator<T> for ThinSlice<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> ThinSlice<T> {
        ThinSlice::from(items.into_iter().collect::<Vec<T>>())
    }
}

impl<'a, T> IntoIterator for &'a ThinSlice<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<'a, T> IntoIterator for &'a mut ThinSlice<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_mut_slice().iter_mut()
    }
}

impl<T: fmt::Debug> fmt::Debug for ThinSlice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl<T: Serialize> Serialize for ThinSlice<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ThinSlice<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ThinSlice<T>, D::Error> {
        super::exact::deserialize(deserializer).map(ThinSlice::from)
    }
}

impl<T: JsonSchema> JsonSchema for ThinSlice<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Vec::<T>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn absent_values_take_one_word() {
        assert_eq!(size_of::<Option<ThinStr>>(), size_of::<usize>());
        assert_eq!(size_of::<ThinSlice<Box<str>>>(), size_of::<usize>());
    }

    #[test]
    fn they_read_and_write_as_what_they_hold() {
        let s: ThinStr = serde_json::from_str(r#""UA""#).unwrap();
        assert_eq!(s, "UA");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""UA""#);
        let list: ThinSlice<Box<str>> = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(serde_json::to_string(&list).unwrap(), r#"["a","b"]"#);
        let empty: ThinSlice<Box<str>> = serde_json::from_str("[]").unwrap();
        assert!(empty.is_empty() && empty.0.is_none());
        assert_eq!(empty, ThinSlice::default());
    }
}
