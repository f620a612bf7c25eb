//! Proc macros of graphdoc, used through the `graphdoc` crate: [`models!`](macro@models)
//! generates Rust types from reference pages inside your crate, and
//! [`#[derive(Patch)]`](derive@Patch) gives your own structs a patch type.
//!
//! This crate is a thin adapter: the pages are read, modelled and emitted by
//! `graphdoc-codegen`, the engine behind the `graphdoc` command line, and the patch types of
//! the derive come from the same code as the patch types of `graphdoc-profile`.

#![warn(missing_docs)]

mod errors;
mod models;
mod patch;

use proc_macro::TokenStream;

/// Generates the Rust types of reference pages inside your crate, at compile time.
///
/// ```
/// // The pages are `tests/ui/docs/**/*.md` in this crate: paths are relative to Cargo.toml.
/// graphdoc::models!("tests/ui/docs");
///
/// let thing: Thing = serde_json::from_str(r#"{"displayName": "Lamp", "colour": "red"}"#)?;
/// assert_eq!(thing.colour, Some(ThingColour::Red));
///
/// // The update page makes a patch type.
/// let patch = ThingPatch::default().size(3).clear_display_name();
/// assert_eq!(serde_json::to_string(&patch)?, r#"{"displayName":null,"size":3}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// The first argument names the pages: a directory (searched recursively for `.md` files), a
/// file, or a glob such as `"docs/**/*.md"`, relative to the directory of the crate's
/// Cargo.toml. It must stay inside that directory (`..` may not leave it), so that the crate
/// builds from its package; a symlink inside the crate is followed.
///
/// The output is what `graphdoc generate` writes for the same pages, token for token.
///
/// # Options
///
/// | option | meaning |
/// | --- | --- |
/// | `types = ["skillProficiency", ..]` | only these types and enums (Graph names, any case, simple or qualified) and what they refer to |
/// | `derives = [Eq, Hash, ..]` | more derives for every generated struct and enum |
/// | `deny = ["placeholder", ..]` | warnings of these kinds fail the build; `"warnings"` means all |
///
/// ```
/// graphdoc::models!("tests/ui/docs", types = ["Person"], derives = [Eq]);
///
/// let someone = Person { name: Some("Ada".into()), ..Default::default() };
/// assert!(someone == someone.clone()); // `Eq`
/// ```
///
/// # Errors
///
/// Problems in the pages are compile errors at the path, each naming the page, line and
/// column, all reported at once: a file that cannot be read, a file that is not UTF-8, and a
/// table the engine cannot read as a table (`not-a-table`: its rows would silently be missing
/// from the types). Other findings are warnings and do not fail the build (a proc macro cannot
/// show warnings on stable Rust; `graphdoc generate <path> -v` lists them); `deny` turns them
/// into errors. Bad options are errors at the option.
///
/// # Rebuilding
///
/// Every page read is tracked: editing one expands the macro again on the next `cargo build`.
/// A page *added* to a directory (or newly matching a glob) is not noticed until something else
/// makes cargo recompile the crate: on stable Rust a macro cannot ask to be re-run when a
/// directory changes. When pages come and go, use the build-script path instead,
/// `graphdoc_codegen::Builder` in `build.rs` with `graphdoc::include_models!`, which tells
/// cargo about every directory.
#[proc_macro]
pub fn models(input: TokenStream) -> TokenStream {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    models::expand(input.into(), dir.as_deref()).into()
}

/// Derives `graphdoc::Patch` and a patch type for a struct with named fields.
///
/// For `struct Settings`, it generates `SettingsPatch` with one field per field of `Settings`:
/// a field of type `T` becomes `Option<T>` (absent / set), a field of type `Option<U>` becomes
/// `Option<Option<U>>` (absent / set to `None` / set to a value). The patch type derives
/// `Clone`, `Debug`, `Default` and `PartialEq`, and has a chained setter per field
/// (`.name(v)`, and `.clear_retries()` for optional fields). `apply` sets the fields a patch
/// holds; `diff` returns the patch of the fields that differ, so that
/// `a.apply(a.diff(&b))` makes `a` equal `b` on every field that is not skipped.
///
/// ```
/// use graphdoc::Patch;
///
/// #[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
/// struct Settings {
///     name: String,
///     retries: Option<u32>,
///     #[patch(skip)]
///     cache: Vec<u8>,
/// }
///
/// let old = Settings { name: "a".into(), retries: Some(3), cache: vec![1] };
/// let mut new = old.clone();
/// new.apply(SettingsPatch::default().name("b").clear_retries());
/// assert_eq!(new, Settings { name: "b".into(), retries: None, cache: vec![1] });
/// assert_eq!(old.diff(&new), SettingsPatch::default().name("b").clear_retries());
/// ```
///
/// # Attributes
///
/// | on | attribute | meaning |
/// | --- | --- | --- |
/// | struct | `#[patch(name = "SettingsUpdate")]` | the patch type's name (default: the struct's name + `Patch`) |
/// | struct | `#[patch(serde)]` | the patch type derives serde's `Serialize` and `Deserialize`: absent fields are not written, and `null` reads as "set to `None`" |
/// | struct | `#[patch(attr(derive(Eq), serde(rename_all = "camelCase")))]` | attributes put on the patch type |
/// | struct | `#[patch(crate = "::my::graphdoc")]` | where `graphdoc` is, when it is re-exported |
/// | field | `#[patch(skip)]` | the field is not in the patch: `apply` and `diff` ignore it |
/// | field | `#[patch(name = "displayName")]` | the field's name in the patch's JSON (needs `#[patch(serde)]`) |
/// | field | `#[patch(attr(serde(alias = "title")))]` | attributes put on the patch field |
///
/// The patch type and its fields have the visibility of the struct and its fields; doc comments
/// of the fields are copied, other attributes of the struct (its `#[serde(..)]` ones included)
/// are not: pass them on with `attr(..)`. Serde is not used unless asked for, and then through graphdoc's own
/// dependency, so the struct's crate needs serde only for its own derives:
///
/// ```
/// #[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
/// #[patch(serde, attr(serde(rename_all = "camelCase")))]
/// struct Settings {
///     display_name: String,
///     retries: Option<u32>,
/// }
///
/// let patch: SettingsPatch = serde_json::from_str(r#"{"retries": null}"#)?;
/// assert_eq!(patch, SettingsPatch::default().clear_retries());
/// let patch = SettingsPatch::default().display_name("x");
/// assert_eq!(serde_json::to_string(&patch)?, r#"{"displayName":"x"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Generic structs work; the `Patch` impl asks `PartialEq + Clone` of the field types that use
/// a type parameter. A field is optional when its type is written `Option<U>` (or
/// `std::option::Option<U>`); through a type alias it is patched as a plain value. Enums,
/// unions and tuple structs are errors: their fields are not named (or depend on the variant).
#[proc_macro_derive(Patch, attributes(patch))]
pub fn derive_patch(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => patch::expand(input).into(),
        Err(e) => e.into_compile_error().into(),
    }
}
