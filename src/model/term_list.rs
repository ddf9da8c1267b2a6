//! Reading a proposal's `terms` with room for them made up front. serde grows a list
//! by doubling, as it cannot know its length; at 10^6 terms that copied the list
//! (300 MB) and cleared twice its size in fresh pages. A reader that knows about how
//! many terms a file holds ([`crate::load`] counts its `"id"` keys) says so with
//! [`expecting`] while it parses; without it the list grows as usual.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{SeqAccess, Visitor};

use super::Term;

thread_local! {
    /// How many terms the proposal being read on this thread is expected to hold.
    static EXPECTED: Cell<usize> = const { Cell::new(0) };
}

/// Runs `read` (which parses a proposal) with room made for `terms` terms.
pub fn expecting<T>(terms: usize, read: impl FnOnce() -> T) -> T {
    /// Puts the earlier expectation back, however `read` ends.
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            EXPECTED.set(self.0);
        }
    }
    let _restore = Restore(EXPECTED.replace(terms));
    read()
}

/// Deserializes a list of terms into a list with room for the expected number.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Term>, D::Error> {
    struct Terms(PhantomData<Term>);

    impl<'de> Visitor<'de> for Terms {
        type Value = Vec<Term>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Term>, A::Error> {
            let room = seq.size_hint().unwrap_or(0).max(EXPECTED.get());
            let mut terms = Vec::with_capacity(room);
            while let Some(t) = seq.next_element()? {
                terms.push(t);
            }
            Ok(terms)
        }
    }

    deserializer.deserialize_seq(Terms(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Proposal;

    const TEXT: &str = r#"{"id": "p", "by": ["US"], "terms": [
        {"id": "a", "subject": "US", "action": "strikes"},
        {"id": "b", "subject": "RU", "action": "strikes"}]}"#;

    #[test]
    fn reads_the_same_list_with_or_without_room() {
        let plain: Proposal = serde_json::from_str(TEXT).unwrap();
        let roomy: Proposal = expecting(1000, || serde_json::from_str(TEXT).unwrap());
        assert_eq!(plain, roomy);
        assert_eq!(roomy.terms.len(), 2);
        assert!(roomy.terms.capacity() >= 1000);
        assert!(plain.terms.capacity() < 1000);
        // The expectation ends with the read.
        assert_eq!(EXPECTED.get(), 0);
    }

    #[test]
    fn errors_are_the_ones_of_a_list() {
        let bad = r#"{"id": "p", "by": ["US"], "terms": {"a": 1}}"#;
        let err = serde_json::from_str::<Proposal>(bad).unwrap_err().to_string();
        assert!(err.contains("expected a sequence"), "{err}");
    }
}
