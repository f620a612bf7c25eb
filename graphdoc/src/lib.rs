//! Runtime items that graphdoc-generated code uses.
//!
//! graphdoc turns Microsoft Graph reference pages into typed Rust. The code
//! it writes needs a few things that are not plain Rust types: partial
//! updates ([`Patch`], [`patch::deserialize_some`]), the Edm primitive types
//! (the [`time`] module, [`Binary`], [`Guid`]) and a path to serde. This crate
//! holds exactly those, so a generated crate such as `graphdoc-profile`
//! depends only on `graphdoc` and users need no direct dependency on serde,
//! jiff or uuid.
//!
//! | Edm type              | Rust type                   |
//! |-----------------------|-----------------------------|
//! | `Edm.DateTimeOffset`  | [`time::DateTimeOffset`]    |
//! | `Edm.Date`            | [`time::Date`]              |
//! | `Edm.TimeOfDay`       | [`time::TimeOfDay`]         |
//! | `Edm.Duration`        | [`time::Duration`]          |
//! | `Edm.Binary`          | [`Binary`]                  |
//! | `Edm.Guid`            | [`Guid`]                    |
//!
//! Values of the time types and [`Binary`] write back exactly the text they
//! were read from for the forms Graph uses, so reading and re-sending a
//! resource does not churn its fields.
//!
//! ```
//! use graphdoc::time::DateTimeOffset;
//!
//! let when: DateTimeOffset = serde_json::from_str(r#""2016-12-31T23:58:10.4520456+03:00""#)?;
//! assert_eq!(when.timestamp().to_string(), "2016-12-31T20:58:10.4520456Z");
//! assert_eq!(serde_json::to_string(&when)?, r#""2016-12-31T23:58:10.4520456+03:00""#);
//! # Ok::<(), serde_json::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Implements `Serialize` (via `Display`) and `Deserialize` (via `FromStr`)
/// for a type carried as a JSON string.
macro_rules! serde_via_str {
    ($ty:ty, $expecting:literal) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                struct StrVisitor;

                impl ::serde::de::Visitor<'_> for StrVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(StrVisitor)
            }
        }
    };
}

mod binary;
pub mod patch;
pub mod poly;
pub mod time;

pub use binary::{Binary, ParseBinaryError};

/// `Edm.Guid`: a UUID, written in JSON as `"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"`.
///
/// ```
/// use graphdoc::Guid;
///
/// let id: Guid = serde_json::from_str(r#""67e55044-10b1-426f-9247-bb680e5fe0c8""#)?;
/// assert_eq!(serde_json::to_string(&id)?, r#""67e55044-10b1-426f-9247-bb680e5fe0c8""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub use uuid::Uuid as Guid;

/// Generates the Rust types of reference pages inside your crate (feature `macros`, on by default).
#[cfg(feature = "macros")]
pub use graphdoc_macros::models;

/// `#[derive(graphdoc::Patch)]`: a patch type and a [`Patch`](trait@Patch) impl for your own
/// struct (feature `macros`, on by default).
#[cfg(feature = "macros")]
pub use graphdoc_macros::Patch;

/// The date/time library behind the [`time`] types, re-exported so callers
/// can name what their accessors return without a dependency of their own.
pub use jiff;

/// A partial update of a value.
///
/// Generated resource types implement this with a companion patch type whose
/// fields mirror the resource's patchable properties. For a nullable property
/// of type `T` the patch field is `Option<Option<T>>`:
///
/// - outer `None`: leave the property unchanged (and omit it from JSON);
/// - `Some(None)`: set the property to null (sent as JSON `null`);
/// - `Some(Some(v))`: set the property to `v`.
///
/// Such fields use [`patch::deserialize_some`] so that the JSON distinction
/// between an absent member and `null` survives a round trip.
///
/// Implementations must satisfy, for every patchable field,
///
/// ```text
/// let mut a = old.clone();
/// a.apply(old.diff(&new));
/// a == new
/// ```
///
/// and `diff` should leave unchanged fields as outer `None`, so a patch sent
/// to the service only touches what actually changed.
///
/// # Example
///
/// A hand-written implementation for a tiny resource:
///
/// ```
/// use graphdoc::Patch;
///
/// #[derive(Clone, Debug, PartialEq)]
/// struct Event {
///     subject: Option<String>,
///     is_all_day: Option<bool>,
/// }
///
/// #[derive(Debug, Default, PartialEq)]
/// struct EventPatch {
///     subject: Option<Option<String>>,
///     is_all_day: Option<Option<bool>>,
/// }
///
/// impl Patch for Event {
///     type Patch = EventPatch;
///
///     fn apply(&mut self, patch: EventPatch) {
///         if let Some(subject) = patch.subject {
///             self.subject = subject;
///         }
///         if let Some(is_all_day) = patch.is_all_day {
///             self.is_all_day = is_all_day;
///         }
///     }
///
///     fn diff(&self, newer: &Self) -> EventPatch {
///         EventPatch {
///             subject: (self.subject != newer.subject).then(|| newer.subject.clone()),
///             is_all_day: (self.is_all_day != newer.is_all_day).then_some(newer.is_all_day),
///         }
///     }
/// }
///
/// let old = Event { subject: Some("Standup".into()), is_all_day: Some(false) };
/// let new = Event { subject: None, is_all_day: Some(false) };
///
/// let patch = old.diff(&new);
/// assert_eq!(patch, EventPatch { subject: Some(None), is_all_day: None });
///
/// let mut updated = old.clone();
/// updated.apply(patch);
/// assert_eq!(updated, new);
/// ```
pub trait Patch {
    /// The partial update type; each field is `None` when it leaves the
    /// corresponding property unchanged.
    type Patch;

    /// Applies `patch` to `self`, changing only the fields it sets.
    fn apply(&mut self, patch: Self::Patch);

    /// Returns the patch that turns `self` into `newer`.
    fn diff(&self, newer: &Self) -> Self::Patch;
}

/// Includes the Rust that a build script generated into `OUT_DIR` with
/// `graphdoc_codegen::Builder` (`include!(concat!(env!("OUT_DIR"), "/", $file))`).
///
/// ```ignore
/// // build.rs
/// fn main() -> Result<(), graphdoc_codegen::Error> {
///     graphdoc_codegen::Builder::new()
///         .docs("docs")
///         .types(["skillProficiency"])
///         .generate("profile.rs")
/// }
///
/// // src/lib.rs
/// graphdoc::include_models!("profile.rs");
/// ```
///
/// The file name must be a string literal; use it inside a module to keep
/// the generated items apart:
///
/// ```ignore
/// pub mod profile {
///     graphdoc::include_models!("profile.rs");
/// }
/// ```
#[macro_export]
macro_rules! include_models {
    ($file:literal) => {
        ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", $file));
    };
}

/// Dependencies that generated code names by path, so that users of a
/// generated crate need not depend on them directly. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    /// The comparison key of an evolvable enum's `Other(value)`: the position of `value` among
    /// the documented `values` when it is one of them (so it equals that variant), else past them
    /// all, with its text.
    ///
    /// ```
    /// use graphdoc::__private::evolvable_key;
    /// assert_eq!(evolvable_key(&["me", "all"], "all"), (1, ""));
    /// assert_eq!(evolvable_key(&["me", "all"], "some"), (2, "some"));
    /// ```
    pub fn evolvable_key<'a>(values: &[&str], value: &'a str) -> (usize, &'a str) {
        match values.iter().position(|v| *v == value) {
            Some(position) => (position, ""),
            None => (values.len(), value),
        }
    }
}
