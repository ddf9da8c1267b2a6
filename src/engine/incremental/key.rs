//! [`TermKey`]: a resolved term's id, what relating it reads and its conditions,
//! packed exactly into a few words when they are short and simple (an id of at most
//! 15 bytes; one subject, at most one scope label, small numbers; no parameter or one
//! whole number; at most one condition). `reanalyze` matches the terms of a new version of a proposal
//! to the earlier version's by these keys, in two dense lists, and reads the terms
//! themselves only where a key could not be packed. A proposal's [`Keys`] are made
//! once for a [`super::Baseline`] and once for each new version a what-if brings.

use std::ops::Deref;

use rayon::prelude::*;

use crate::collections::FlatLists;
use crate::model::{Modality, ParamValue, Priority, Timing};
use crate::resolved::{ResolvedProposal, ResolvedTerm};
use crate::vocab::Vocab;

/// What a what-if reads of one version of a proposal besides its terms. Empty when
/// not made: terms are then compared in full, and who requires each is found from
/// the terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keys {
    /// Each term's key (index `i` is `terms[i]`).
    pub(crate) terms: Vec<TermKey>,
    /// Who requires each term: held-up terms are traced up from a changed term without
    /// going through every term.
    pub(crate) required_by: FlatLists,
}

impl Keys {
    /// The keys of `p`'s terms, made in parallel, and who requires each term.
    pub(crate) fn of(p: &ResolvedProposal, vocab: &Vocab) -> Keys {
        let mut names: Vec<&str> = vocab.params.keys().map(String::as_str).collect();
        names.sort_unstable();
        let index = |name: &str| -> Option<u16> { u16::try_from(names.binary_search(&name).ok()?).ok() };
        let terms = p
            .terms
            .par_iter()
            .zip(p.proposal.terms.par_iter())
            .map(|(r, t)| TermKey::of(&t.id, t.priority, t.params.as_slice(), r, index))
            .collect();
        Keys {
            terms,
            required_by: required_by(&p.terms),
        }
    }
}

/// Who requires each of `terms` (the reverse of their `requires`).
pub(crate) fn required_by(terms: &[ResolvedTerm]) -> FlatLists {
    let edges: Vec<(usize, usize)> = terms
        .iter()
        .enumerate()
        .flat_map(|(t, term)| term.requires.iter().map(move |&(req, _)| (req, t)))
        .collect();
    FlatLists::of(terms.len(), &edges)
}

/// One version of a proposal as a what-if compares it: its terms and its keys.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Version<'a> {
    /// The proposal.
    pub(crate) resolved: &'a ResolvedProposal,
    /// Its keys (empty when not made).
    pub(crate) keys: &'a Keys,
}

impl Deref for Version<'_> {
    type Target = ResolvedProposal;

    fn deref(&self) -> &ResolvedProposal {
        self.resolved
    }
}

/// A term's id, relating content, conditions, priority and parameters, packed; `0`
/// in a part means "not packed": compare the term itself. Packing is exact (two packed
/// parts are equal exactly when what they pack is, for terms resolved against the same
/// vocabulary),
/// and a part packs or not by its value alone, so a packed part never equals an
/// unpacked one's value. (In 64-bit words, so that a key takes 48 bytes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TermKey {
    id: [u64; 2],
    content: [u64; 2],
    requires: u64,
    params: u64,
}

/// Whether two terms are the same in some part, as far as their keys tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Same {
    /// Both parts packed, and equal.
    Yes,
    /// Both packed and different, or only one packed: the values differ.
    No,
    /// Neither packed: compare the terms.
    Unknown,
}

impl TermKey {
    /// The key of the term with id `id` and `priority`, resolved as `term`;
    /// `param_index` numbers the vocabulary's parameters.
    pub(crate) fn of(
        id: &str,
        priority: Priority,
        params: &[(String, ParamValue)],
        term: &ResolvedTerm,
        param_index: impl Fn(&str) -> Option<u16>,
    ) -> TermKey {
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
            params: pack_params(params, param_index).unwrap_or(0),
        }
    }

    /// Whether every part is packed: two such keys are equal exactly when the terms'
    /// ids, relating content, conditions and priorities are.
    pub(crate) fn is_whole(&self) -> bool {
        self.id != [0, 0] && self.content != [0, 0] && self.requires >> 2 != 0 && self.params != 0
    }

    /// Whether the ids of two terms are the same.
    pub(crate) fn same_id(&self, other: &TermKey) -> Same {
        same(self.id, other.id)
    }

    /// Whether two terms are the same for relating: modality, action, target,
    /// window, subjects, scope and parameters.
    pub(crate) fn same_content(&self, other: &TermKey) -> Same {
        match (
            same(self.content, other.content),
            same([self.params, 0], [other.params, 0]),
        ) {
            (Same::No, _) | (_, Same::No) => Same::No,
            (Same::Yes, Same::Yes) => Same::Yes,
            _ => Same::Unknown,
        }
    }

    /// Whether two terms have the same conditions: the same required term indices
    /// with the same timings, in the same order.
    pub(crate) fn same_requires(&self, other: &TermKey) -> Same {
        same([self.requires >> 2, 0], [other.requires >> 2, 0])
    }

    /// Whether two terms have the same priority (always told by the keys).
    pub(crate) fn same_priority(&self, other: &TermKey) -> bool {
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

/// No parameters as 1; one parameter whose value is a whole number below 2^32 as its
/// name's index and the number (bit 1 set).
fn pack_params(params: &[(String, ParamValue)], index: impl Fn(&str) -> Option<u16>) -> Option<u64> {
    match params {
        [] => Some(1),
        [(name, ParamValue::Number(x))] if x.fract() == 0.0 && *x >= 0.0 && *x < 4_294_967_296.0 => {
            let name = u64::from(index(name)?);
            Some(2 | (name << 2) | ((*x as u64) << 18))
        }
        _ => None,
    }
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

/// The packed start of an unstated window: the largest of the start's 20 bits.
const UNSTATED_FROM: u128 = (1 << 20) - 1;

/// The relating content in fields of fixed width, with the top bit set (so never
/// zero), when every value fits its field.
fn pack_content(t: &ResolvedTerm) -> Option<u128> {
    let [subject] = &t.subjects[..] else {
        return None;
    };
    let scope = match &t.scope[..] {
        [] => 0,
        [label] => label.checked_add(1)?,
        _ => return None,
    };
    let target = t.target.map_or(Some(0), |p| p.checked_add(1))?;
    // A deadline has the days of a plain window and is not one: it is compared in full.
    if t.window.is_deadline() {
        return None;
    }
    let to = match t.window.to() {
        None => 0,
        Some(to) => u128::try_from(to).ok()?.checked_add(1)?,
    };
    // An unstated window takes the one start no stated window packs with.
    let from = if t.window.is_unstated() {
        UNSTATED_FROM
    } else {
        u128::try_from(t.window.from)
            .ok()
            .filter(|&f| f < UNSTATED_FROM)?
    };
    let modality = match t.modality {
        Modality::Must => 0,
        Modality::MustNot => 1,
        Modality::May => 2,
        Modality::Endeavour => 3,
    };
    let fields: [(u128, u32); 7] = [
        (modality, 2),
        (u128::from(t.action), 16),
        (u128::from(*subject), 16),
        (u128::from(target), 17),
        (u128::from(scope), 26),
        (from, 20),
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

    /// The parameter names of the tests' vocabulary: `count` is the first.
    fn names(name: &str) -> Option<u16> {
        ["count", "size"]
            .iter()
            .position(|n| *n == name)
            .and_then(|i| u16::try_from(i).ok())
    }
    use crate::resolved::Interval;

    /// The key of a term without parameters.
    fn key(id: &str, priority: Priority, t: &ResolvedTerm, names: fn(&str) -> Option<u16>) -> TermKey {
        TermKey::of(id, priority, &[], t, names)
    }

    fn term() -> ResolvedTerm {
        ResolvedTerm {
            subjects: vec![3].into(),
            modality: Modality::MustNot,
            action: 7,
            target: None,
            scope: vec![12].into(),
            window: Interval::new(0, Some(30)),
            requires: Default::default(),
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
                subjects: vec![4].into(),
                ..term()
            },
            ResolvedTerm {
                target: Some(0),
                ..term()
            },
            ResolvedTerm {
                scope: Default::default(),
                ..term()
            },
            ResolvedTerm {
                scope: vec![11].into(),
                ..term()
            },
            ResolvedTerm {
                window: Interval::new(1, Some(30)),
                ..term()
            },
            ResolvedTerm {
                window: Interval::new(0, None),
                ..term()
            },
            ResolvedTerm {
                window: Interval::new(0, Some(0)),
                ..term()
            },
        ];
        let k = key("a1", Priority::Normal, &base, names);
        assert_eq!(
            k.same_content(&key("a1", Priority::Normal, &term(), names)),
            Same::Yes
        );
        for v in &variants {
            assert_eq!(
                k.same_content(&key("a1", Priority::Normal, v, names)),
                Same::No,
                "{v:?}"
            );
        }
        for (i, a) in variants.iter().enumerate() {
            for (j, b) in variants.iter().enumerate() {
                let (ka, kb) = (
                    key("x", Priority::Normal, a, names),
                    key("x", Priority::Normal, b, names),
                );
                let same = ka.same_content(&kb) == Same::Yes;
                assert_eq!(same, i == j, "{a:?} against {b:?}");
            }
        }
        // Requirements are not part of relating.
        let conditioned = ResolvedTerm {
            requires: vec![(0, Timing::Before)].into(),
            ..term()
        };
        assert_eq!(
            k.same_content(&key("a1", Priority::Normal, &conditioned, names)),
            Same::Yes
        );
    }

    #[test]
    fn keys_tell_conditions_apart_exactly() {
        let with = |requires: Vec<(usize, Timing)>| {
            key(
                "a1",
                Priority::Normal,
                &ResolvedTerm {
                    requires: requires.into(),
                    ..term()
                },
                names,
            )
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
        let two = ResolvedTerm {
            subjects: vec![1, 2].into(),
            ..term()
        };
        let far = ResolvedTerm {
            window: Interval::new(-1, None),
            ..term()
        };
        let huge = ResolvedTerm {
            action: 1 << 16,
            ..term()
        };
        let plain = term();
        let fraction = [("count".to_owned(), ParamValue::Number(3.5))];
        let cases: [(&[(String, ParamValue)], &ResolvedTerm); 4] =
            [(&fraction, &plain), (&[], &two), (&[], &far), (&[], &huge)];
        for (params, t) in cases {
            let k = TermKey::of("a1", Priority::Normal, params, t, names);
            assert_eq!(
                k.same_content(&TermKey::of("a1", Priority::Normal, params, t, names)),
                Same::Unknown
            );
            assert_eq!(
                k.same_content(&key("a1", Priority::Normal, &plain, names)),
                Same::No
            );
        }
    }

    #[test]
    fn one_whole_number_is_packed_exactly() {
        let with =
            |params: Vec<(String, ParamValue)>| TermKey::of("a1", Priority::Normal, &params, &term(), names);
        let count = |x: f64| vec![("count".to_owned(), ParamValue::Number(x))];
        let packed = [
            vec![],
            count(3.0),
            count(4.0),
            count(0.0),
            vec![("size".to_owned(), ParamValue::Number(3.0))],
        ];
        for (i, a) in packed.iter().enumerate() {
            for (j, b) in packed.iter().enumerate() {
                let want = if i == j { Same::Yes } else { Same::No };
                assert_eq!(
                    with(a.clone()).same_content(&with(b.clone())),
                    want,
                    "{a:?} against {b:?}"
                );
            }
        }
        // -0 is 0, as the values compare.
        assert_eq!(with(count(-0.0)).same_content(&with(count(0.0))), Same::Yes);
        let unpacked = [
            count(-1.0),
            count(1e10),
            vec![("other".to_owned(), ParamValue::Number(3.0))],
            vec![(
                "count".to_owned(),
                ParamValue::Range {
                    min: Some(1.0),
                    max: None,
                },
            )],
            vec![
                ("count".to_owned(), ParamValue::Number(1.0)),
                ("size".to_owned(), ParamValue::Number(1.0)),
            ],
        ];
        for p in unpacked {
            assert_eq!(
                with(p.clone()).same_content(&with(p.clone())),
                Same::Unknown,
                "{p:?}"
            );
            assert_eq!(with(p.clone()).same_content(&with(count(3.0))), Same::No, "{p:?}");
        }
    }

    #[test]
    fn a_whole_key_packs_every_part() {
        let k = key("a1", Priority::Normal, &term(), names);
        assert!(k.is_whole());
        let long = key("an-id-of-sixteen", Priority::Normal, &term(), names);
        let open = [("count".to_owned(), ParamValue::Range { min: None, max: None })];
        let many = ResolvedTerm {
            requires: vec![(0, Timing::Before), (1, Timing::Before)].into(),
            ..term()
        };
        for k in [
            long,
            TermKey::of("a1", Priority::Normal, &open, &term(), names),
            key("a1", Priority::Normal, &many, names),
        ] {
            assert!(!k.is_whole());
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
            requires: vec![(0, Timing::Before), (1, Timing::Before)].into(),
            ..term()
        };
        for t in [term(), many] {
            for a in all {
                for b in all {
                    let (ka, kb) = (key("a1", a, &t, names), key("a1", b, &t, names));
                    assert_eq!(ka.same_priority(&kb), a == b);
                    assert_eq!(ka.same_requires(&kb), key("a1", a, &t, names).same_requires(&ka));
                }
            }
        }
    }

    #[test]
    fn ids_pack_up_to_fifteen_bytes() {
        let t = term();
        let id = |s: &str| key(s, Priority::Normal, &t, names);
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
