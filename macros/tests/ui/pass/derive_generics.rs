//! Generic structs: type parameters need no `Default` for the patch, and the `Patch` impl asks
//! `PartialEq + Clone` only of the fields that use them; lifetimes, const generics and where
//! clauses are kept. `Self` in a field type still means the struct.
#![deny(warnings)]

use graphdoc::Patch;
use std::borrow::Cow;
use std::fmt::Debug;

/// Has no `Default`: the patch type must not need one.
#[derive(Clone, Debug, PartialEq)]
struct Id(u64);

#[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
struct Entry<'a, T, const N: usize>
where
    T: Debug,
{
    key: Cow<'a, str>,
    value: T,
    previous: Option<T>,
    bytes: [u8; N],
    next: Option<Box<Self>>,
}

fn main() {
    let old: Entry<'_, Id, 2> = Entry { key: "k".into(), value: Id(1), previous: None, bytes: [0; 2], next: None };
    let mut new = old.clone();
    new.value = Id(2);
    new.previous = Some(Id(1));
    new.next = Some(Box::new(old.clone()));
    let mut a = old.clone();
    a.apply(old.diff(&new));
    assert_eq!(a, new);
    let patch = EntryPatch::<Id, 2>::default().key("other").bytes([1, 2]).clear_next();
    a.apply(patch);
    assert_eq!((a.key.as_ref(), a.bytes, a.next.is_none()), ("other", [1, 2], true));
}
