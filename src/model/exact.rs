//! Short lists read without spare room. serde cannot know a list's length before it
//! ends, and starts it with room for four: a term's single scope label took 96 bytes
//! where 24 hold it, which at 10^6 terms was 130 MB.

use serde::{Deserialize, Deserializer};

/// Deserializes a list, then gives back the room it did not use.
pub(super) fn deserialize<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::model::Term;

    #[test]
    fn short_lists_hold_no_spare_room() {
        let t: Term = serde_json::from_str(
            r#"{"id": "a", "subject": "RU", "action": "strikes", "scope": ["north"], "requires": ["b", "c"]}"#,
        )
        .unwrap();
        assert_eq!((t.scope.len(), t.scope.capacity()), (1, 1));
        assert_eq!((t.requires.len(), t.requires.capacity()), (2, 2));
    }
}
