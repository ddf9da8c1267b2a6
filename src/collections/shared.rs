//! [`Shared`]: an immutable list behind a reference count, so that copying it is a
//! pointer copy. The parts of an analysis that `reanalyze` carries over from the
//! earlier one (atoms' scopes, relations' subjects, scopes, chains and parameters)
//! are made of these, so that a kept relation costs no allocation. A list is one word:
//! a thin pointer to one allocation holding the count, the length and the items (a
//! relation holds five lists, an atom one, and there are millions of each).

use std::borrow::Borrow;
use std::fmt;
use std::hash::Hash;
use std::ops::Deref;

use triomphe::ThinArc;

use super::FastSet;

/// An immutable list, shared on clone; the empty list holds no allocation. It reads as
/// a slice (`Deref<Target = [T]>`).
pub struct Shared<T>(Option<ThinArc<(), T>>);

impl<T> Shared<T> {
    /// The empty list.
    pub const fn empty() -> Shared<T> {
        Shared(None)
    }

    /// The items of `items`, moved out in one allocation; `items` is left empty with
    /// its room, ready for the next list.
    pub fn take_from(items: &mut Vec<T>) -> Shared<T> {
        Shared((!items.is_empty()).then(|| ThinArc::from_header_and_iter((), items.drain(..))))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

impl<T> Default for Shared<T> {
    fn default() -> Shared<T> {
        Shared(None)
    }
}

impl<T> Deref for Shared<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.0.as_ref().map_or(&[], |list| &list.slice)
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(mut v: Vec<T>) -> Shared<T> {
        Shared::take_from(&mut v)
    }
}

impl<T: Clone> From<&[T]> for Shared<T> {
    fn from(v: &[T]) -> Shared<T> {
        Shared((!v.is_empty()).then(|| ThinArc::from_header_and_iter((), v.iter().cloned())))
    }
}

impl<T> FromIterator<T> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Shared<T> {
        Shared::from(iter.into_iter().collect::<Vec<T>>())
    }
}

/// Lists made once each: the atoms of terms with the same scope, or the open points
/// open for the same subjects, hold one list, so that there are few allocations and
/// copies of them count on a few reference counts that stay in the cache.
pub(crate) struct Interner<T> {
    made: FastSet<Shared<T>>,
}

impl<T> Default for Interner<T> {
    fn default() -> Interner<T> {
        Interner {
            made: FastSet::default(),
        }
    }
}

impl<T: Clone + Eq + Hash> Interner<T> {
    /// `list` as a shared list: the one made before for an equal list, if any.
    pub(crate) fn of(&mut self, list: &[T]) -> Shared<T> {
        if let Some(made) = self.made.get(list) {
            return made.clone();
        }
        let made = Shared::from(list);
        self.made.insert(made.clone());
        made
    }
}

/// A list is found in an interner by its items (its hash and equality are theirs).
impl<T> Borrow<[T]> for Shared<T> {
    fn borrow(&self) -> &[T] {
        self
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: Hash> Hash for Shared<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_the_list_it_was_made_from() {
        let s: Shared<u32> = vec![3, 1, 2].into();
        assert_eq!(&*s, &[3, 1, 2]);
        assert_eq!(s.clone(), s);
        assert_eq!(format!("{s:?}"), "[3, 1, 2]");
        let empty: Shared<u32> = Vec::new().into();
        assert!(empty.is_empty());
        assert_eq!(empty, Shared::empty());
        assert_eq!((0..3).collect::<Shared<u32>>(), Shared::from(&[0, 1, 2][..]));
        let mut room = Vec::with_capacity(8);
        room.extend([5, 6]);
        assert_eq!(&*Shared::take_from(&mut room), &[5, 6]);
        assert!(room.is_empty() && room.capacity() >= 8);
    }

    #[test]
    fn equal_lists_are_made_once() {
        let mut lists = Interner::default();
        let (a, b) = (lists.of(&[7u32]), lists.of(&[7]));
        assert_eq!(a.as_ptr(), b.as_ptr());
        assert_ne!(a.as_ptr(), lists.of(&[8]).as_ptr());
        let (c, d) = (lists.of(&[7, 8]), lists.of(&[7, 8]));
        assert_eq!(&*c, &[7, 8]);
        assert_eq!(c.as_ptr(), d.as_ptr());
        assert_ne!(c.as_ptr(), lists.of(&[8, 7]).as_ptr());
        assert!(lists.of(&[]).is_empty());
    }
}
