//! Short lists read at their size. serde cannot know a list's length before it ends,
//! and starts it with room for four: a term's single scope label took 64 bytes where
//! 16 hold it, and boxing the list afterwards moves it once more. Here a list of one is
//! made with room for one, and a longer list gives back what it did not use.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Deserialize, SeqAccess, Visitor};

/// Deserializes a list with no spare room.
pub(super) fn deserialize<'de, D, T>(deserializer: D) -> Result<Box<[T]>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let Some(first) = seq.next_element()? else {
                return Ok(Vec::new());
            };
            let Some(second) = seq.next_element()? else {
                return Ok(vec![first]);
            };
            let mut list = vec![first, second];
            while let Some(next) = seq.next_element()? {
                list.push(next);
            }
            list.shrink_to_fit();
            Ok(list)
        }
    }

    deserializer
        .deserialize_seq(Exact(PhantomData))
        .map(Vec::into_boxed_slice)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::model::Term;

    fn term(scope: &str, requires: &str) -> Term {
        serde_json::from_str(&format!(
            r#"{{"id": "a", "subject": "RU", "action": "strikes", "scope": {scope}, "requires": {requires}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn short_lists_are_read_in_full() {
        let t = term(r#"["north"]"#, r#"["b", "c", "d"]"#);
        assert_eq!(*t.scope, ["north".into()]);
        assert_eq!(t.requires.len(), 3);
        let t = term("[]", r#"["b", "c"]"#);
        assert!(t.scope.is_empty());
        assert_eq!(t.requires.len(), 2);
        assert_eq!(&*t.requires[1].term, "c");
    }

    #[test]
    fn what_is_not_a_list_is_refused_as_before() {
        let e = serde_json::from_str::<Term>(
            r#"{"id": "a", "subject": "RU", "action": "strikes", "scope": "north"}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("expected a sequence"), "{e}");
    }
}
