//! Comparing parameter values: the same, a common range, or a gap.

use std::hash::{BuildHasher, Hash, Hasher};

use crate::collections::FastMap;
use crate::collections::shared::Shared;
use crate::model::{Meaning, ParamValue};

/// How one parameter compares between two terms.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamOutcome {
    /// Both give the same value.
    Same,
    /// Only one side gives the parameter; the other is silent on it.
    OneSided,
    /// The values differ but have this in common (a number, a range or a set).
    Common(ParamValue),
    /// Quantities that do not meet, this far apart.
    Gap(f64),
    /// Values with nothing in common (enumerations, ratios of different things, or
    /// a number against a value).
    Disjoint,
    /// One side leaves the value to be agreed (`"some"`, `"tbd"`).
    ToBeAgreed,
}

/// One parameter of two related terms.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamComparison {
    /// The parameter's name.
    pub name: String,
    /// The left term's value.
    pub left: Option<ParamValue>,
    /// The right term's value.
    pub right: Option<ParamValue>,
    /// How they compare.
    pub outcome: ParamOutcome,
}

impl ParamComparison {
    /// Whether the two sides differ on this parameter (both give it, differently).
    pub fn differs(&self) -> bool {
        !matches!(
            self.outcome,
            ParamOutcome::Same | ParamOutcome::OneSided | ParamOutcome::ToBeAgreed
        )
    }
}

/// Comparisons of parameters, each kept once: the terms of a pair often give the same
/// values (a count of 300 on both sides, say), and each relation held its own copy of
/// the same comparison (at 10^6 terms, 60 MB of them).
#[derive(Default)]
pub(super) struct Comparisons {
    /// The comparisons made, by a hash of their content (a later one with the same
    /// hash but another content takes the place).
    made: FastMap<u64, Shared<ParamComparison>>,
}

impl Comparisons {
    /// The comparison of `left` and `right` (see [`compare`]), shared with an equal one
    /// made before.
    pub(super) fn of(
        &mut self,
        left: &[(String, ParamValue)],
        right: &[(String, ParamValue)],
        skip: &dyn Fn(&str) -> bool,
    ) -> Shared<ParamComparison> {
        let made = compare(left, right, skip);
        if made.is_empty() {
            return Shared::empty();
        }
        let mut h = foldhash::fast::FixedState::default().build_hasher();
        for p in &made {
            p.name.hash(&mut h);
            for v in [&p.left, &p.right] {
                v.is_some().hash(&mut h);
                if let Some(v) = v {
                    hash_value(v, &mut h);
                }
            }
            hash_outcome(&p.outcome, &mut h);
        }
        let key = h.finish();
        match self.made.get(&key) {
            Some(earlier) if **earlier == *made => earlier.clone(),
            _ => {
                let shared = Shared::from(made);
                self.made.insert(key, shared.clone());
                shared
            }
        }
    }
}

fn hash_value(v: &ParamValue, h: &mut impl Hasher) {
    std::mem::discriminant(v).hash(h);
    match v {
        ParamValue::Number(n) => n.to_bits().hash(h),
        ParamValue::Range { min, max } => {
            min.map(f64::to_bits).hash(h);
            max.map(f64::to_bits).hash(h);
        }
        ParamValue::Value(s) => s.hash(h),
        ParamValue::Set(s) => s.hash(h),
        ParamValue::Ratio { per, count } => {
            per.hash(h);
            count.to_bits().hash(h);
        }
    }
}

fn hash_outcome(o: &ParamOutcome, h: &mut impl Hasher) {
    std::mem::discriminant(o).hash(h);
    match o {
        ParamOutcome::Common(v) => hash_value(v, h),
        ParamOutcome::Gap(g) => g.to_bits().hash(h),
        ParamOutcome::Same | ParamOutcome::OneSided | ParamOutcome::Disjoint | ParamOutcome::ToBeAgreed => {}
    }
}

/// Compares two sorted parameter lists, name by name, leaving out the names `skip`
/// says (partitions, which change what a term covers rather than its values).
pub(super) fn compare(
    left: &[(String, ParamValue)],
    right: &[(String, ParamValue)],
    skip: &dyn Fn(&str) -> bool,
) -> Vec<ParamComparison> {
    if left.is_empty() && right.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<&String> = left.iter().chain(right).map(|(n, _)| n).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter(|n| !skip(n))
        .map(|name| {
            let l = left.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
            let r = right.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
            let outcome = match (&l, &r) {
                (Some(a), Some(b)) => outcome(a, b),
                _ => ParamOutcome::OneSided,
            };
            ParamComparison {
                name: name.clone(),
                left: l,
                right: r,
                outcome,
            }
        })
        .collect()
}

fn outcome(a: &ParamValue, b: &ParamValue) -> ParamOutcome {
    if a.is_open() || b.is_open() {
        return ParamOutcome::ToBeAgreed;
    }
    match (a.meaning(), b.meaning()) {
        (Meaning::Bounds(x), Meaning::Bounds(y)) => bounds_outcome(x, y, |v| v),
        (Meaning::Ratio(p, x), Meaning::Ratio(q, y)) if p == q => bounds_outcome(x, y, |v| match v {
            ParamValue::Number(n) => ParamValue::Ratio {
                per: p.to_owned(),
                count: n,
            },
            other => other,
        }),
        (Meaning::Set(x), Meaning::Set(y)) => {
            if x == y {
                return ParamOutcome::Same;
            }
            let common: Vec<String> = x
                .iter()
                .filter(|v| y.contains(v))
                .map(|v| (*v).to_owned())
                .collect();
            match common.as_slice() {
                [] => ParamOutcome::Disjoint,
                [one] => ParamOutcome::Common(ParamValue::Value(one.clone())),
                _ => ParamOutcome::Common(ParamValue::Set(common)),
            }
        }
        _ => ParamOutcome::Disjoint,
    }
}

/// Two ranges compared: the same when they allow the same, else the common range
/// (through `wrap`, for a ratio) or the gap.
fn bounds_outcome(x: (f64, f64), y: (f64, f64), wrap: impl Fn(ParamValue) -> ParamValue) -> ParamOutcome {
    if x == y {
        return ParamOutcome::Same;
    }
    let lo = x.0.max(y.0);
    let hi = x.1.min(y.1);
    if lo > hi {
        ParamOutcome::Gap(lo - hi)
    } else if lo == hi {
        ParamOutcome::Common(wrap(ParamValue::Number(lo)))
    } else {
        ParamOutcome::Common(wrap(ParamValue::Range {
            min: lo.is_finite().then_some(lo),
            max: hi.is_finite().then_some(hi),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare(left: &[(String, ParamValue)], right: &[(String, ParamValue)]) -> Vec<ParamComparison> {
        super::compare(left, right, &|_| false)
    }

    fn p(name: &str, v: ParamValue) -> Vec<(String, ParamValue)> {
        vec![(name.to_owned(), v)]
    }

    #[test]
    fn numbers_gap_and_common_range() {
        let c = compare(
            &p("days", ParamValue::Number(30.0)),
            &p("days", ParamValue::Number(60.0)),
        );
        assert_eq!(c[0].outcome, ParamOutcome::Gap(30.0));
        let at_least = ParamValue::Range {
            min: Some(30.0),
            max: None,
        };
        let c = compare(
            &p("days", at_least),
            &p(
                "days",
                ParamValue::Range {
                    min: None,
                    max: Some(60.0),
                },
            ),
        );
        assert_eq!(
            c[0].outcome,
            ParamOutcome::Common(ParamValue::Range {
                min: Some(30.0),
                max: Some(60.0)
            })
        );
    }

    #[test]
    fn enumerations_and_one_sided() {
        let a = p(
            "exchange",
            ParamValue::Set(vec!["all_for_all".into(), "wounded_first".into()]),
        );
        let b = p("exchange", ParamValue::Value("wounded_first".into()));
        assert_eq!(
            compare(&a, &b)[0].outcome,
            ParamOutcome::Common(ParamValue::Value("wounded_first".into()))
        );
        let c = compare(&a, &p("count", ParamValue::Number(1.0)));
        assert!(c.iter().all(|c| c.outcome == ParamOutcome::OneSided));
        assert!(c.iter().all(|c| !c.differs()));
    }

    #[test]
    fn values_are_compared_by_meaning_not_by_writing() {
        let set = |v: &[&str]| ParamValue::Set(v.iter().map(|s| (*s).to_owned()).collect());
        let same = |a: ParamValue, b: ParamValue| {
            let c = compare(&p("x", a), &p("x", b));
            assert_eq!(c[0].outcome, ParamOutcome::Same, "{c:?}");
            assert!(!c[0].differs());
        };
        same(set(&["a", "b"]), set(&["b", "a"]));
        same(set(&["a", "b", "a"]), set(&["a", "b"]));
        same(ParamValue::Value("a".into()), set(&["a"]));
        same(
            ParamValue::Number(100.0),
            ParamValue::Range {
                min: Some(100.0),
                max: Some(100.0),
            },
        );
        let ratio = |per: &str, count: f64| ParamValue::Ratio {
            per: per.into(),
            count,
        };
        same(ratio("hostage", 30.0), ratio("hostage", 30.0));
        let c = compare(&p("x", ratio("hostage", 30.0)), &p("x", ratio("hostage", 50.0)));
        assert_eq!(c[0].outcome, ParamOutcome::Gap(20.0));
        let c = compare(&p("x", ratio("hostage", 30.0)), &p("x", ratio("soldier", 30.0)));
        assert_eq!(c[0].outcome, ParamOutcome::Disjoint);
        let c = compare(&p("x", ParamValue::Number(30.0)), &p("x", ratio("hostage", 30.0)));
        assert_eq!(c[0].outcome, ParamOutcome::Disjoint);
        // A common part smaller than a side is still a difference.
        let c = compare(&p("x", set(&["a", "b"])), &p("x", set(&["b", "c"])));
        assert_eq!(c[0].outcome, ParamOutcome::Common(ParamValue::Value("b".into())));
        assert!(c[0].differs());
    }

    #[test]
    fn a_value_left_to_be_agreed_is_no_difference_of_values() {
        for open in ["some", "tbd"] {
            let c = compare(
                &p("count", ParamValue::Value(open.into())),
                &p("count", ParamValue::Number(3.0)),
            );
            assert_eq!(c[0].outcome, ParamOutcome::ToBeAgreed);
            assert!(!c[0].differs());
        }
    }

    #[test]
    fn equal_comparisons_are_kept_once() {
        let mut made = Comparisons::default();
        let (a, b) = (
            p("count", ParamValue::Number(300.0)),
            p("count", ParamValue::Number(200.0)),
        );
        let first = made.of(&a, &b, &|_| false);
        assert_eq!(*first, *compare(&a, &b));
        let again = made.of(&a, &b, &|_| false);
        assert_eq!(again.as_ptr(), first.as_ptr(), "the same list, not a copy");
        assert_eq!(*made.of(&b, &a, &|_| false), *compare(&b, &a));
        assert_eq!(*made.of(&a, &a, &|_| false), *compare(&a, &a));
        assert_eq!(made.made.len(), 3, "one list for each distinct comparison");
        assert!(made.of(&[], &[], &|_| false).is_empty());
        assert_eq!(made.made.len(), 3);
    }
}
