//! [`TermKey`]: a resolved term's id, what relating it reads and its conditions,
//! packed exactly into a few words when they are short and simple (an id of at most
//! 15 bytes; one subject, at most one scope label, no parameters, small numbers; at
//! most one condition). `reanalyze` matches the terms of a new version of a proposal
//! to the earlier version's by these keys, in two dense lists, and reads the terms
//! themselves only where a key could not be packed. Keys are made when a proposal is
//! resolved, while its terms are at hand.

use super::resolved::ResolvedTerm;
use crate::model::{Modality, Priority, Timing};

/// A term's id, relating content and conditions, packed; `0` in a part means "not
/// packed": compare the term itself. Packing is exact (two packed parts are equal
/// exactly when what they pack is), and a part packs or not by its value alone, so a
/// packed part never equals an unpacked one's value. (In 64-bit words, so that a key
/// takes 40 bytes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TermKey {
    id: [u64; 2],
    content: [u64; 2],
    requires: u64,
}

/// Whether two terms are the same in some part, as far as their keys tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Same {
    /// Both parts packed, and equal.
    Yes,
    /// Both packed and different, or only one packed: the values differ.
    No,
    /// Neither packed: compare the terms.
    Unknown,
}

impl TermKey {
    /// The key of the term with id `id` and `priority`, resolved as `term`.
    pub fn of(id: &str, priority: Priority, term: &ResolvedTerm) -> TermKey {
        let priority = match priority {
            Priority::RedLine => 0,
            Priority::Core => 1,
            Priority::Normal => 2,
            Priority::Minor => 3,
        };
        // The conditions above the two bits of the priority (always packed).
        let requires = pack_requires(&term.requires)
            .and_then(|r| r.checked_mul(4))
            .unwrap_or(0);
        TermKey {
            id: words(pack_id(id)),
            content: words(pack_content(term)),
            requires: requires | priority,
        }
    }

    /// Whether the ids of two terms are the same.
    pub fn same_id(&self, other: &TermKey) -> Same {
        same(self.id, other.id)
    }

    /// Whether two terms are the same for relating: modality, action, target,
    /// window, subjects, scope and parameters.
    pub fn same_content(&self, other: &TermKey) -> Same {
        same(self.content, other.content)
    }

    /// Whether two terms have the same conditions: the same required term indices
    /// with the same timings, in the same order.
    pub fn same_requires(&self, other: &TermKey) -> Same {
        same([self.requires >> 2, 0], [other.requires >> 2, 0])
    }

    /// Whether two terms have the same priority (always told by the keys).
    pub fn same_priority(&self, other: &TermKey) -> bool {
        self.requires & 3 == other.requires & 3
    }
}

fn same(a: [u64; 2], b: [u64; 2]) -> Same {
    match (a, b) {
        ([0, 0], [0, 0]) => Same::Unknown,
        (a, b) if a == b => Same::Yes,
        _ => Same::No,
    }
}

/// A packed part in two words (low, high), or zeros when it could not be packed.
fn words(packed: Option<u128>) -> [u64; 2] {
    let v = packed.unwrap_or(0);
    [(v & u128::from(u64::MAX)) as u64, (v >> 64) as u64]
}

/// No conditions as 1; one as its index and timing, from 2 up.
fn pack_requires(requires: &[(usize, Timing)]) -> Option<u64> {
    match requires {
        [] => Some(1),
        [(index, timing)] => {
            let timing = u64::from(*timing == Timing::Concurrent);
            u64::try_from(*index)
                .ok()?
                .checked_mul(2)?
                .checked_add(timing)?
                .checked_add(2)
        }
        _ => None,
    }
}

/// The id's length (plus one, so never zero) then its bytes, when it has at most 15.
fn pack_id(id: &str) -> Option<u128> {
    let bytes = id.as_bytes();
    let mut buf = [0u8; 16];
    let (len, rest) = buf.split_first_mut()?;
    *len = u8::try_from(bytes.len()).ok()?.checked_add(1)?;
    rest.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(buf))
}

/// The relating content in fields of fixed width, with the top bit set (so never
/// zero), when every value fits its field.
fn pack_content(t: &ResolvedTerm) -> Option<u128> {
    if !t.params.is_empty() {
        return None;
    }
    let [subject] = t.subjects.as_slice() else {
        return None;
    };
    let scope = match t.scope.as_slice() {
        [] => 0,
        [label] => label.checked_add(1)?,
        _ => return None,
    };
    let target = t.target.map_or(Some(0), |p| p.checked_add(1))?;
    let to = match t.window.to {
        None => 0,
        Some(to) => u128::try_from(to).ok()?.checked_add(1)?,
    };
    let modality = match t.modality {
        Modality::Must => 0,
        Modality::MustNot => 1,
        Modality::May => 2,
    };
    let fields: [(u128, u32); 7] = [
        (modality, 2),
        (u128::from(t.action), 16),
        (u128::from(*subject), 16),
        (u128::from(target), 17),
        (u128::from(scope), 26),
        (u128::try_from(t.window.from).ok()?, 20),
        (to, 20),
    ];
    let mut packed = 1u128;
    for (value, bits) in fields {
        if value >> bits != 0 {
            return None;
        }
        packed = (packed << bits) | value;
    }
    Some(packed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Interval;

    fn term() -> ResolvedTerm {
        ResolvedTerm {
            subjects: vec![3],
            modality: Modality::MustNot,
            action: 7,
            target: None,
            scope: vec![12],
            window: Interval {
                from: 0,
                to: Some(30),
            },
            params: Vec::new(),
            requires: Vec::new(),
        }
    }

    /// Every field that relating reads changes the key, and the key tells them apart
    /// exactly as comparing the terms does.
    #[test]
    fn keys_are_equal_exactly_when_the_terms_relate_the_same() {
        let base = term();
        let variants: Vec<ResolvedTerm> = vec![
            ResolvedTerm {
                modality: Modality::May,
                ..term()
            },
            ResolvedTerm {
                modality: Modality::Must,
                ..term()
            },
            ResolvedTerm { action: 8, ..term() },
            ResolvedTerm {
                subjects: vec![4],
                ..term()
            },
            ResolvedTerm {
                target: Some(0),
                ..term()
            },
            ResolvedTerm {
                scope: Vec::new(),
                ..term()
            },
            ResolvedTerm {
                scope: vec![11],
                ..term()
            },
            ResolvedTerm {
                window: Interval {
                    from: 1,
                    to: Some(30),
                },
                ..term()
            },
            ResolvedTerm {
                window: Interval { from: 0, to: None },
                ..term()
            },
            ResolvedTerm {
                window: Interval { from: 0, to: Some(0) },
                ..term()
            },
        ];
        let k = TermKey::of("a1", Priority::Normal, &base);
        assert_eq!(
            k.same_content(&TermKey::of("a1", Priority::Normal, &term())),
            Same::Yes
        );
        for v in &variants {
            assert_eq!(
                k.same_content(&TermKey::of("a1", Priority::Normal, v)),
                Same::No,
                "{v:?}"
            );
        }
        for (i, a) in variants.iter().enumerate() {
            for (j, b) in variants.iter().enumerate() {
                let same = TermKey::of("x", Priority::Normal, a).same_content(&TermKey::of(
                    "x",
                    Priority::Normal,
                    b,
                )) == Same::Yes;
                assert_eq!(same, i == j, "{a:?} against {b:?}");
            }
        }
        // Requirements are not part of relating.
        let conditioned = ResolvedTerm {
            requires: vec![(0, Timing::Before)],
            ..term()
        };
        assert_eq!(
            k.same_content(&TermKey::of("a1", Priority::Normal, &conditioned)),
            Same::Yes
        );
    }

    #[test]
    fn keys_tell_conditions_apart_exactly() {
        let with = |requires: Vec<(usize, Timing)>| {
            TermKey::of("a1", Priority::Normal, &ResolvedTerm { requires, ..term() })
        };
        let lists = [
            vec![],
            vec![(0, Timing::Before)],
            vec![(0, Timing::Concurrent)],
            vec![(1, Timing::Before)],
            vec![(0, Timing::Before), (1, Timing::Before)],
        ];
        for (i, a) in lists.iter().enumerate() {
            for (j, b) in lists.iter().enumerate() {
                let same = with(a.clone()).same_requires(&with(b.clone()));
                let want = match (a.len() > 1, b.len() > 1) {
                    (true, true) => Same::Unknown,
                    _ if i == j => Same::Yes,
                    _ => Same::No,
                };
                assert_eq!(same, want, "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn what_does_not_fit_is_compared_in_full() {
        let params = ResolvedTerm {
            params: vec![("count".into(), crate::model::ParamValue::Number(3.0))],
            ..term()
        };
        let two = ResolvedTerm {
            subjects: vec![1, 2],
            ..term()
        };
        let far = ResolvedTerm {
            window: Interval { from: -1, to: None },
            ..term()
        };
        let huge = ResolvedTerm {
            action: 1 << 16,
            ..term()
        };
        for t in [&params, &two, &far, &huge] {
            let k = TermKey::of("a1", Priority::Normal, t);
            assert_eq!(
                k.same_content(&TermKey::of("a1", Priority::Normal, t)),
                Same::Unknown
            );
            assert_eq!(
                k.same_content(&TermKey::of("a1", Priority::Normal, &term())),
                Same::No
            );
        }
    }

    #[test]
    fn priorities_are_always_told_apart() {
        let all = [
            Priority::RedLine,
            Priority::Core,
            Priority::Normal,
            Priority::Minor,
        ];
        let many = ResolvedTerm {
            requires: vec![(0, Timing::Before), (1, Timing::Before)],
            ..term()
        };
        for t in [term(), many] {
            for a in all {
                for b in all {
                    let (ka, kb) = (TermKey::of("a1", a, &t), TermKey::of("a1", b, &t));
                    assert_eq!(ka.same_priority(&kb), a == b);
                    assert_eq!(ka.same_requires(&kb), TermKey::of("a1", a, &t).same_requires(&ka));
                }
            }
        }
    }

    #[test]
    fn ids_pack_up_to_fifteen_bytes() {
        let t = term();
        let id = |s: &str| TermKey::of(s, Priority::Normal, &t);
        assert_eq!(id("a1").same_id(&id("a1")), Same::Yes);
        assert_eq!(id("a1").same_id(&id("a2")), Same::No);
        assert_eq!(id("a1").same_id(&id("a1\0")), Same::No);
        assert_eq!(id("").same_id(&id("")), Same::Yes);
        assert_eq!(id("fifteen-bytes-x").same_id(&id("fifteen-bytes-x")), Same::Yes);
        assert_eq!(
            id("sixteen-bytes-xy").same_id(&id("sixteen-bytes-xy")),
            Same::Unknown
        );
        assert_eq!(id("sixteen-bytes-xy").same_id(&id("a1")), Same::No);
    }
}
