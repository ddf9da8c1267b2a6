//! Short lists read without spare room. serde cannot know a list's length before it
//! ends, and starts it with room for four: a term's single scope label took 96 bytes
//! where 24 hold it, which at 10^6 terms was 130 MB. Here a list of one is made with
//! room for one, and a longer list gives back what it did not use.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Deserialize, SeqAccess, Visitor};

/// Deserializes a list with no spare room.
pub(super) fn deserialize<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
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

    deserializer.deserialize_seq(Exact(PhantomData))
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
    fn short_lists_hold_no_spare_room() {
        let t = term(r#"["north"]"#, r#"["b", "c", "d"]"#);
        assert_eq!(t.scope, ["north"]);
        assert_eq!((t.scope.len(), t.scope.capacity()), (1, 1));
        assert_eq!((t.requires.len(), t.requires.capacity()), (3, 3));
        let t = term("[]", r#"["b", "c"]"#);
        assert_eq!((t.scope.len(), t.scope.capacity()), (0, 0));
        assert_eq!((t.requires.len(), t.requires.capacity()), (2, 2));
        assert_eq!(t.requires[1].term, "c");
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
