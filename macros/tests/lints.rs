//! What `#[derive(Patch)]` emits compiles cleanly under lints users turn on: clippy's pedantic
//! `float_cmp`, `deprecated` and `non_snake_case` (CI runs clippy on this file with `-D warnings`),
//! and with generics the patch type must mirror (defaults, parameters only skipped fields use,
//! generic fields read by serde).
#![deny(warnings, clippy::pedantic)]

use std::marker::PhantomData;

use graphdoc::Patch;
use serde::{Deserialize, Serialize};

/// Floats, a deprecated field and a field named as the wire names it.
#[derive(graphdoc::Patch, Clone, Debug, Default, PartialEq)]
#[allow(non_snake_case)]
pub struct Settings {
    /// Compared in `diff`.
    pub ratio: f64,
    /// Still patched while deprecated.
    #[deprecated(note = "use `ratio`")]
    pub old_ratio: Option<f32>,
    /// Its setters are `displayName` and `clear_displayName`.
    pub displayName: Option<String>,
}

/// A parameter with a default.
#[derive(graphdoc::Patch, Clone, Debug, Default, PartialEq)]
pub struct Labelled<T = String> {
    /// The value.
    pub value: T,
}

/// A parameter and a lifetime that only a skipped field uses.
#[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
pub struct Id<'a, K> {
    /// The number.
    pub raw: u64,
    /// Not patched.
    #[patch(skip)]
    pub kind: PhantomData<&'a K>,
}

/// A generic field read through serde.
#[derive(graphdoc::Patch, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[patch(serde)]
pub struct Tagged<T> {
    /// The label.
    pub label: String,
    /// The value.
    pub value: Option<T>,
    /// A field whose bound the user states (serde refuses two).
    #[patch(attr(serde(bound(deserialize = "T: serde::Deserialize<'de>"))))]
    pub other: Option<Wrapped<T>>,
}

/// A generic wrapper for [`Tagged::other`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wrapped<U>(pub U);

#[test]
fn floats_and_deprecated_fields_are_patched() {
    let old = Settings::default();
    #[allow(deprecated)]
    let new = Settings {
        ratio: 0.5,
        old_ratio: Some(1.5),
        displayName: Some("x".into()),
    };
    let mut patched = old.clone();
    patched.apply(old.diff(&new));
    assert_eq!(patched, new);
    let cleared = SettingsPatch::default().clear_displayName();
    assert_eq!(cleared.displayName, Some(None));
}

#[test]
fn generics_are_mirrored() {
    let empty: Labelled = Labelled::default();
    let named = Labelled {
        value: "b".to_owned(),
    };
    let patch: LabelledPatch = empty.diff(&named);
    assert_eq!(patch.value.as_deref(), Some("b"));

    let (first, second) = (
        Id::<u8> {
            raw: 1,
            kind: PhantomData,
        },
        Id::<u8> {
            raw: 2,
            kind: PhantomData,
        },
    );
    let mut patched = first.clone();
    patched.apply(first.diff(&second));
    assert_eq!(patched, second);

    let patch: TaggedPatch<u32> = serde_json::from_str(r#"{"value": null}"#).unwrap();
    assert_eq!(patch.value, Some(None));
    assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"value":null}"#);
}
