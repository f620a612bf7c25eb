//! Emit: the only code that uses quote — model in, tokens out; fully qualified paths throughout.

pub mod docs;
pub mod patch;
mod tokens;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Group, Literal, TokenStream};
use quote::quote;

use crate::model::{EnumDef, Model, Prim, Ty, TypeDef};
use patch::{emit_patch_in, PatchField, PatchSpec};
use tokens::{braced, bracketed, doc_attrs, ident, join, moved, str_lit, Piece, Reuse, IS_NONE};

/// What to emit.
///
/// ```
/// use graphdoc_codegen::{generate, EmitOptions, Options, Source};
///
/// let page = |name: &str, ty: &str| Source::new(format!("resources/{name}.md"), format!(
///     "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
///      |Property|Type|Description|\n|:---|:---|:---|\n|x|{ty}|An x.|\n"));
/// let sources = [page("thing", "part"), page("part", "String"), page("other", "String")];
/// let emit = EmitOptions { types: Some(vec!["microsoft.graph.Thing".into()]), ..EmitOptions::default() };
/// let out = generate(&sources, &Options { emit, ..Options::default() });
/// assert!(out.rust.contains("pub struct Thing") && out.rust.contains("pub struct Part"));
/// assert!(!out.rust.contains("pub struct Other"));
///
/// // A derive an item already has is not asked for again (it would be implemented twice).
/// let emit = EmitOptions { extra_derives: vec!["PartialEq".into(), "Hash".into()], ..EmitOptions::default() };
/// let out = generate(&sources, &Options { emit, ..Options::default() });
/// assert_eq!(out.rust.matches("PartialEq").count(), out.rust.matches("pub struct").count());
/// assert_eq!(out.rust.matches("Hash\n)]").count(), 3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct EmitOptions {
    /// Only these types (Graph names, any case, simple or qualified) and what they reference; all when `None`.
    pub types: Option<Vec<String>>,
    /// Extra derives for every struct and enum (paths such as `Eq` or `schemars::JsonSchema`).
    /// One that is not a path is skipped: the CLI, [`Builder`](crate::Builder) and the macros
    /// reject it before. One naming a trait the item already has (`PartialEq`, `Serialize`, ...)
    /// is left out for that item.
    pub extra_derives: Vec<String>,
}

/// An extra derive as a path, or why it is not one: the emitter skips what fails here, and the
/// CLI and [`Builder`](crate::Builder) report it with this message.
///
/// ```
/// use graphdoc_codegen::emit::derive_path;
///
/// assert!(derive_path("schemars::JsonSchema").is_ok());
/// assert_eq!(
///     derive_path("Eq, Hash").err().as_deref(),
///     Some("extra derive `Eq, Hash` is not a path such as `Eq` or `schemars::JsonSchema`")
/// );
/// ```
pub fn derive_path(derive: &str) -> Result<syn::Path, String> {
    syn::parse_str(derive).map_err(|_| {
        format!("extra derive `{derive}` is not a path such as `Eq` or `schemars::JsonSchema`")
    })
}

/// Emits the Rust items for `model`.
///
/// ```
/// use graphdoc_codegen::emit::{emit, EmitOptions};
/// use graphdoc_codegen::{build_model, format, parse_pages, Source};
///
/// let page = |name: &str| Source::new(format!("resources/{name}.md"), format!(
///     "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
///      |Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n"));
/// let (pages, _) = parse_pages(&[page("zebra"), page("ant")]);
/// let (model, _) = build_model(&pages);
/// let text = format(&emit(&model, &EmitOptions::default()), &[]);
/// let (ant, zebra) = (text.find("pub struct Ant {").unwrap(), text.find("pub struct Zebra {").unwrap());
/// assert!(ant < zebra);
/// ```
pub fn emit(model: &Model, options: &EmitOptions) -> TokenStream {
    let selected = select(model, options.types.as_deref());
    let names = Names::new(model, selected.as_ref());
    let extra: Vec<syn::Path> = options
        .extra_derives
        .iter()
        .filter_map(|d| derive_path(d).ok())
        .collect();
    let shared = Shared::new(&extra);
    let types = FieldTypes::new(&names);
    let reuse = Reuse::default();
    let mut items = Vec::new();
    let mut ordered: Vec<(&str, TokenStream)> = Vec::new();
    for (key, t) in &model.types {
        if selected.as_ref().is_some_and(|s| !s.contains(key)) {
            continue;
        }
        ordered.push((
            &t.rust_name,
            emit_struct(t, &names, &types, &shared, &reuse),
        ));
        if let Some(any) = &t.any_rust_name {
            ordered.push((any, emit_any(model, key, t, any, &names, &extra)));
        }
    }
    for (key, e) in &model.enums {
        if selected.as_ref().is_some_and(|s| !s.contains(key)) {
            continue;
        }
        ordered.push((&e.rust_name, emit_enum(e, &extra, &shared, &reuse)));
    }
    // Sorted by Rust name so the output reads like an index and never depends on input order.
    ordered.sort_by(|a, b| a.0.cmp(b.0));
    items.extend(ordered.into_iter().map(|(_, t)| t));
    join(items, None)
}

/// Keys of the selected types and everything they reference (bases and property types).
fn select(model: &Model, types: Option<&[String]>) -> Option<BTreeSet<String>> {
    let types = types?;
    let mut todo: Vec<String> = Vec::new();
    for wanted in types {
        todo.extend(model.keys_named(wanted).cloned());
    }
    let mut seen = BTreeSet::new();
    while let Some(k) = todo.pop() {
        if !seen.insert(k.clone()) {
            continue;
        }
        if let Some(t) = model.types.get(&k) {
            todo.extend(t.base.clone());
            for p in &t.properties {
                collect_refs(&p.ty, &mut todo);
            }
        }
    }
    Some(seen)
}

fn collect_refs(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Struct(k) | Ty::Enum(k) => out.push(k.clone()),
        Ty::Collection(inner) => collect_refs(inner, out),
        Ty::Prim(_) | Ty::Json => {}
    }
}

/// Rust names by key, for types referenced from properties and doc links.
struct Names<'a> {
    by_key: BTreeMap<&'a str, &'a str>,
    /// Polymorphic types: key → the `Any…` enum that holds them in properties.
    any: BTreeMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    /// Names of the emitted types only, so doc links never point at a type that was left out.
    fn new(model: &'a Model, selected: Option<&BTreeSet<String>>) -> Self {
        let by_key = model
            .types
            .iter()
            .map(|(k, t)| (k.as_str(), t.rust_name.as_str()))
            .chain(
                model
                    .enums
                    .iter()
                    .map(|(k, e)| (k.as_str(), e.rust_name.as_str())),
            )
            .filter(|(k, _)| selected.is_none_or(|s| s.contains(*k)))
            .collect();
        let any = model
            .types
            .iter()
            .filter(|(k, _)| selected.is_none_or(|s| s.contains(*k)))
            .filter_map(|(k, t)| Some((k.as_str(), t.any_rust_name.as_deref()?)))
            .collect();
        Names { by_key, any }
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        self.by_key.get(key).copied()
    }

    /// Whether the type `key` is emitted.
    fn emitted(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    fn links(&self, links: &[(String, String)]) -> Vec<(String, String)> {
        links
            .iter()
            .filter_map(|(text, key)| Some((text.clone(), self.get(key)?.to_string())))
            .collect()
    }
}

/// Field types as tokens, each built once per run.
///
/// A type is handed out as one invisible group (`Delimiter::None`), the form in which
/// `macro_rules!` passes on a `$t:ty`: rustc, syn and prettyplease read it as the type inside.
/// Interpolating a group shares its tokens, where interpolating the type's own tokens copies
/// each of them, with an allocation per identifier; the real reference's 29,000 struct and patch
/// fields use about 2,500 distinct types.
struct FieldTypes<'a> {
    names: &'a Names<'a>,
    /// By type and boxing.
    built: RefCell<BTreeMap<(&'a Ty, bool), FieldType>>,
}

/// One field type, as [`FieldTypes`] hands it out.
#[derive(Clone)]
struct FieldType {
    /// `T`.
    bare: Group,
    /// `::core::option::Option<T>`.
    optional: Group,
}

impl<'a> FieldTypes<'a> {
    fn new(names: &'a Names<'a>) -> Self {
        FieldTypes {
            names,
            built: RefCell::default(),
        }
    }

    /// The tokens for a property of type `ty`.
    fn get(&self, ty: &'a Ty, boxed: bool) -> FieldType {
        self.built
            .borrow_mut()
            .entry((ty, boxed))
            .or_insert_with(|| {
                let t = ty_tokens(ty, self.names, boxed);
                let optional = quote!(::core::option::Option<#t>);
                FieldType {
                    bare: Group::new(Delimiter::None, t),
                    optional: Group::new(Delimiter::None, optional),
                }
            })
            .clone()
    }
}

fn json_value() -> TokenStream {
    quote!(::graphdoc::__private::serde_json::Value)
}

fn ty_tokens(ty: &Ty, names: &Names<'_>, boxed: bool) -> TokenStream {
    let t = match ty {
        Ty::Prim(p) => prim_tokens(*p),
        Ty::Struct(k) if names.any.contains_key(k.as_str()) => {
            let i = ident(names.any[k.as_str()]);
            quote!(#i)
        }
        Ty::Struct(k) | Ty::Enum(k) => match names.get(k) {
            Some(n) => {
                let i = ident(n);
                quote!(#i)
            }
            None => json_value(),
        },
        Ty::Collection(inner) => {
            let i = ty_tokens(inner, names, false);
            quote!(::std::vec::Vec<#i>)
        }
        Ty::Json => json_value(),
    };
    if boxed {
        quote!(::std::boxed::Box<#t>)
    } else {
        t
    }
}

fn prim_tokens(p: Prim) -> TokenStream {
    match p {
        Prim::String | Prim::Stream => quote!(::std::string::String),
        Prim::Boolean => quote!(bool),
        Prim::Byte => quote!(u8),
        Prim::SByte => quote!(i8),
        Prim::Int16 => quote!(i16),
        Prim::Int32 => quote!(i32),
        Prim::Int64 => quote!(i64),
        Prim::Single => quote!(f32),
        Prim::Double => quote!(f64),
        Prim::Guid => quote!(::graphdoc::Guid),
        Prim::Date => quote!(::graphdoc::time::Date),
        Prim::DateTimeOffset => quote!(::graphdoc::time::DateTimeOffset),
        Prim::TimeOfDay => quote!(::graphdoc::time::TimeOfDay),
        Prim::Duration => quote!(::graphdoc::time::Duration),
        Prim::Binary => quote!(::graphdoc::Binary),
        Prim::Json => json_value(),
    }
}

const SERDE_CRATE: &str = "::graphdoc::__private::serde";

/// Tokens that are the same in every struct or enum, built once per run. Each is attributes or
/// an item body whose top level is a few groups: interpolating it copies those few tokens and
/// shares the groups, where building it afresh for each of thousands of types was a large part
/// of emit's time.
struct Shared {
    /// `#[derive(..)] #[serde(crate = ..)]` of a struct.
    struct_derives: TokenStream,
    /// `#[serde(skip_serializing_if = ..)]` of a field whose wire name is its Rust name.
    skip_if_none: TokenStream,
    /// The path in it, as a literal.
    skip_lit: Literal,
    /// The `additional_data` field closing every struct.
    additional_data: TokenStream,
    /// `#[derive(..)]` of an enum.
    enum_derives: TokenStream,
    /// Bodies of an enum's `key` and of its `PartialEq`, `Hash`, `PartialOrd` and `Ord` impls,
    /// which compare documented values by position and others by text, so that `Other("x")`
    /// equals the variant of `"x"` as it does on the wire.
    enum_key: Group,
    enum_eq: Group,
    enum_hash: Group,
    enum_partial_cmp: Group,
    enum_cmp: Group,
    /// Bodies of an enum's `FromStr`, `Display`, `Serialize` and `Deserialize` impls.
    enum_from_str: Group,
    enum_display: Group,
    enum_serialize: Group,
    enum_deserialize: Group,
}

impl Shared {
    fn new(extra: &[syn::Path]) -> Self {
        let skip = str_lit(IS_NONE);
        Shared {
            struct_derives: serde_derives(extra),
            skip_if_none: quote!(#[serde(skip_serializing_if = #skip)]),
            skip_lit: skip,
            additional_data: quote! {
                /// Members the docs do not list (`@odata.type` among them), kept as read and written back.
                #[serde(flatten)]
                pub additional_data: ::graphdoc::__private::serde_json::Map<::std::string::String, ::graphdoc::__private::serde_json::Value>,
            },
            enum_derives: quote! {
                #[derive(::core::clone::Clone, ::core::fmt::Debug)]
            },
            enum_key: braced(quote! {
                ::graphdoc::__private::evolvable_key(Self::VALUES, self.as_str())
            }),
            // Two documented variants are equal when they are the same variant; only `Other`
            // needs its text looked up among the documented values.
            enum_eq: braced(quote! {
                fn eq(&self, other: &Self) -> bool {
                    match (self, other) {
                        (Self::Other(_), _) | (_, Self::Other(_)) => self.key() == other.key(),
                        _ => ::core::mem::discriminant(self) == ::core::mem::discriminant(other),
                    }
                }
            }),
            // Equal values have the same wire text.
            enum_hash: braced(quote! {
                fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                    ::core::hash::Hash::hash(self.as_str(), state);
                }
            }),
            enum_partial_cmp: braced(quote! {
                fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                    ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
                }
            }),
            enum_cmp: braced(quote! {
                fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                    ::core::cmp::Ord::cmp(&self.key(), &other.key())
                }
            }),
            enum_from_str: braced(quote! {
                type Err = ::core::convert::Infallible;

                fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                    ::core::result::Result::Ok(::core::convert::From::from(value))
                }
            }),
            enum_display: braced(quote! {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.as_str())
                }
            }),
            enum_serialize: braced(quote! {
                fn serialize<S: ::graphdoc::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }),
            enum_deserialize: braced(quote! {
                fn deserialize<D: ::graphdoc::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    let value = <::std::string::String as ::graphdoc::__private::serde::Deserialize>::deserialize(deserializer)?;
                    ::core::result::Result::Ok(::core::convert::From::from(value.as_str()))
                }
            }),
        }
    }
}

/// The derives every generated struct has: an extra derive of one of these names is left out
/// (it would implement the trait twice), and `models!` reports it.
///
/// ```
/// assert!(graphdoc_codegen::emit::STRUCT_DERIVES.contains(&"PartialEq"));
/// ```
pub const STRUCT_DERIVES: &[&str] = &[
    "Clone",
    "Debug",
    "Default",
    "PartialEq",
    "Serialize",
    "Deserialize",
];

fn serde_derives(extra: &[syn::Path]) -> TokenStream {
    let extra = not_own(extra, STRUCT_DERIVES);
    quote! {
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::default::Default,
            ::core::cmp::PartialEq,
            ::graphdoc::__private::serde::Serialize,
            ::graphdoc::__private::serde::Deserialize
            #(, #extra)*
        )]
        #[serde(crate = #SERDE_CRATE)]
    }
}

fn struct_doc(t: &TypeDef, names: &Names<'_>) -> String {
    let mut doc = docs::clean(&t.description, &names.links(&t.doc_links));
    if doc.is_empty() {
        doc = format!("The {} type.", docs::code(&t.name));
    }
    let qualified = format!("{}.{}", t.namespace, t.name);
    let base = t
        .base
        .as_deref()
        .and_then(|b| names.get(b))
        .map(|b| {
            format!(
                " Derived from {}; its properties are repeated here.",
                docs::type_link(b)
            )
        })
        .unwrap_or_default();
    format!(
        "{doc}\n\nGraph type {}, documented in {}.{base}",
        docs::code(&qualified),
        docs::code(&t.origin.file)
    )
}

fn emit_struct<'a>(
    t: &'a TypeDef,
    names: &Names<'_>,
    types: &FieldTypes<'a>,
    shared: &Shared,
    reuse: &Reuse,
) -> TokenStream {
    let name = ident(&t.rust_name);
    let doc = struct_doc(t, names);
    let derives = &shared.struct_derives;
    let fields = t.properties.iter().map(|p| {
        let field = ident(&p.rust_name);
        let ty = types.get(&p.ty, p.boxed).optional;
        let wire = &p.name;
        let mut d = docs::clean(&p.description, &names.links(&p.doc_links));
        if d.is_empty() {
            d = docs::code(wire);
        }
        let d = moved(reuse.doc_attrs(&d));
        let serde_attr = moved(if p.rust_name == *wire {
            shared.skip_if_none.clone()
        } else {
            let g = reuse.group(Piece::FieldSerde, wire, || {
                let wire = str_lit(wire);
                let skip = &shared.skip_lit;
                bracketed(quote!(serde(rename = #wire, skip_serializing_if = #skip)))
            });
            quote!(# #g)
        });
        quote! {
            #d
            #serde_attr
            pub #field: #ty
        }
    });
    let patch = t.patch.as_ref().map(|pd| {
        let fields = t
            .properties
            .iter()
            .filter(|p| pd.fields.contains(&p.name))
            .map(|p| PatchField {
                ident: ident(&p.rust_name),
                ty: TokenStream::from(proc_macro2::TokenTree::Group(
                    types.get(&p.ty, p.boxed).bare,
                )),
                optional: true,
                rename: Some(p.name.clone()),
                doc: Some(format!(
                    "{}: absent leaves it unchanged, `Some(None)` sets null, `Some(Some(v))` sets `v`.",
                    docs::code(&p.name)
                )),
                attrs: Vec::new(),
                vis: None,
            })
            .collect();
        let pages: Vec<String> = pd.origins.iter().map(|o| docs::code(&o.file)).collect();
        let spec = PatchSpec {
            target: name.clone(),
            patch: ident(&pd.rust_name),
            vis: quote!(pub),
            generics: syn::Generics::default(),
            fields,
            serde: true,
            serde_crate: Some(SERDE_CRATE.to_string()),
            runtime: quote!(::graphdoc),
            additional_data: true,
            // Every typed property: a patch read from JSON holds a patch field's member in
            // that field, but one built in code may also hold it in `additional_data`.
            typed_fields: t
                .properties
                .iter()
                .map(|p| (p.name.clone(), ident(&p.rust_name)))
                .collect(),
            attrs: Vec::new(),
            doc: format!(
                "An update of {}: the properties its update page ({}) accepts. Serialises only the fields that are set, and the members in `additional_data` (`@odata.type`, or properties the page does not list).",
                docs::type_link(&t.rust_name),
                pages.join(", ")
            ),
        };
        emit_patch_in(&spec, reuse)
    });
    let doc = doc_attrs(&doc);
    let mut body = join(fields, Some(','));
    body.extend(shared.additional_data.clone());
    let body = braced(body);
    let mut out = quote! {
        #doc
        #derives
        pub struct #name #body
    };
    out.extend(patch);
    out
}

/// `#[derive(..)]` of the extra derives, without the traits the generated item implements itself
/// (`own`): asking for `Eq` on every type must not derive it twice where it is already derived.
/// The extra derives whose last segment does not name one of the item's `own` traits.
fn not_own<'a>(extra: &'a [syn::Path], own: &[&str]) -> Vec<&'a syn::Path> {
    extra
        .iter()
        .filter(|p| {
            p.segments
                .last()
                .is_none_or(|s| !own.contains(&s.ident.to_string().as_str()))
        })
        .collect()
}

fn extra_derive(extra: &[syn::Path], own: &[&str]) -> TokenStream {
    let extra = not_own(extra, own);
    if extra.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[derive(#(#extra),*)])
    }
}

/// The `Any…` enum of a type with derived types: one boxed variant per type (the base first, then
/// the emitted subtypes in key order), chosen by `@odata.type` when read.
fn emit_any(
    model: &Model,
    key: &str,
    t: &TypeDef,
    any: &str,
    names: &Names<'_>,
    extra: &[syn::Path],
) -> TokenStream {
    let name = ident(any);
    let members: Vec<(&str, &TypeDef)> = std::iter::once((key, t))
        .chain(
            t.subtypes
                .iter()
                .filter(|k| names.emitted(k))
                .filter_map(|k| Some((k.as_str(), model.types.get(k)?))),
        )
        .collect();
    let variants: Vec<_> = members.iter().map(|(_, d)| ident(&d.rust_name)).collect();
    let tags: Vec<String> = members
        .iter()
        .map(|(_, d)| format!("{}.{}", d.namespace, d.name))
        .collect();
    let keys: Vec<&str> = members.iter().map(|(k, _)| *k).collect();
    let docs: Vec<TokenStream> = members
        .iter()
        .zip(&tags)
        .map(|((_, d), tag)| {
            doc_attrs(&format!(
                "{}: {}.",
                docs::code(tag),
                docs::type_link(&d.rust_name)
            ))
        })
        .collect();
    let base = &variants[0];
    let base_tag = &tags[0];
    let (sub_variants, sub_tags, sub_keys) = (&variants[1..], &tags[1..], &keys[1..]);
    let sub_hashed: Vec<String> = sub_tags.iter().map(|t| format!("#{t}")).collect();
    let doc = doc_attrs(&format!(
        "{0} or a type derived from it, as a property typed `{base_tag}` holds it.\n\n\
         Read by `@odata.type` (any case, with or without `#`); a value without one, or naming \
         no type below, reads as {0}. A derived value built in code gets its `@odata.type` \
         when written.",
        docs::type_link(&t.rust_name)
    ));
    let extra_derive = extra_derive(
        extra,
        &[
            "Clone",
            "Debug",
            "PartialEq",
            "Default",
            "Serialize",
            "Deserialize",
        ],
    );
    // With `--type`, no subtype may be emitted: then there is nothing to match (clippy's
    // match_single_binding).
    let choose = if sub_variants.is_empty() {
        quote!(|_, value| ::graphdoc::poly::read(value, Self::#base))
    } else {
        quote! {
            |key, value| match key {
                #(
                    ::core::option::Option::Some(#sub_keys) => ::graphdoc::poly::read(value, Self::#sub_variants),
                )*
                _ => ::graphdoc::poly::read(value, Self::#base),
            }
        }
    };
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        #extra_derive
        pub enum #name {
            #(
                #docs
                #variants(::std::boxed::Box<#variants>),
            )*
        }

        impl #name {
            /// The qualified Graph name of the type held (`microsoft.graph.x`).
            pub fn odata_type(&self) -> &'static str {
                match self {
                    #(Self::#variants(_) => #tags,)*
                }
            }
        }

        #(
            impl ::core::convert::From<#variants> for #name {
                fn from(value: #variants) -> Self {
                    Self::#variants(::std::boxed::Box::new(value))
                }
            }
        )*

        impl ::graphdoc::__private::serde::Serialize for #name {
            fn serialize<S: ::graphdoc::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    Self::#base(value) => ::graphdoc::__private::serde::Serialize::serialize(&**value, serializer),
                    #(
                        Self::#sub_variants(value) => ::graphdoc::poly::serialize_tagged(&**value, &value.additional_data, #sub_hashed, serializer),
                    )*
                }
            }
        }

        impl<'de> ::graphdoc::__private::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::graphdoc::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::graphdoc::poly::deserialize(deserializer, #choose)
            }
        }
    }
}

fn emit_enum(e: &EnumDef, extra: &[syn::Path], shared: &Shared, reuse: &Reuse) -> TokenStream {
    let name = ident(&e.rust_name);
    let qualified = format!("{}.{}", e.namespace, e.name);
    let origin = if e.named_by_generator {
        format!(
            " The docs give no name for it; it is named after the property that uses it ({}).",
            docs::code(&e.origin.file)
        )
    } else {
        format!(" Documented in {}.", docs::code(&e.origin.file))
    };
    let doc = format!(
        "Graph enumeration {qualified}.{origin}\n\nEvolvable: a value the docs did not list reads as [`{name}::Other`] and writes back unchanged.",
        qualified = docs::code(&qualified),
        name = e.rust_name
    );
    let variants: Vec<_> = e.members.iter().map(|m| ident(&m.rust_name)).collect();
    let wires: Vec<_> = e.members.iter().map(|m| str_lit(&m.name)).collect();
    // Without documented values every value is `Other`: the fast path would be unreachable.
    let eq_body = if variants.is_empty() {
        braced(quote! {
            fn eq(&self, other: &Self) -> bool {
                self.key() == other.key()
            }
        })
    } else {
        shared.enum_eq.clone()
    };
    // An enum table without rows leaves nothing to match (clippy's match_single_binding).
    let from_body = if variants.is_empty() {
        quote!({ Self::Other(::std::string::ToString::to_string(value)) })
    } else {
        quote!({
            match value {
                #(#wires => Self::#variants,)*
                other => Self::Other(::std::string::ToString::to_string(other)),
            }
        })
    };
    let docs_: Vec<String> = e
        .members
        .iter()
        .map(|m| {
            let d = docs::clean(&m.description, &[]);
            if d.is_empty() {
                docs::code(&m.name)
            } else {
                format!("{}: {d}", docs::code(&m.name))
            }
        })
        .collect();
    let doc = doc_attrs(&doc);
    let docs_: Vec<TokenStream> = docs_.iter().map(|d| reuse.doc_attrs(d)).collect();
    let extra_derive = extra_derive(
        extra,
        &[
            "Clone",
            "Debug",
            "PartialEq",
            "Eq",
            "Hash",
            "PartialOrd",
            "Ord",
            // Written by hand, or (Default) impossible on an enum without `#[default]`.
            "Default",
            "Serialize",
            "Deserialize",
        ],
    );
    let key_doc = reuse.doc_attrs(
        "What the comparison traits compare: the documented position, or past the documented values and the text of one the docs did not list.",
    );
    let Shared {
        enum_derives,
        enum_key,
        enum_hash,
        enum_partial_cmp,
        enum_cmp,
        enum_from_str,
        enum_display,
        enum_serialize,
        enum_deserialize,
        ..
    } = shared;
    quote! {
        #doc
        #enum_derives
        #extra_derive
        pub enum #name {
            #(
                #docs_
                #variants,
            )*
            /// A value the docs did not list, kept exactly as received. Built in code with a
            /// documented value, it equals, hashes and orders as that value's variant.
            Other(::std::string::String),
        }

        impl #name {
            /// Every documented value, in documented order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Other(value) => value.as_str(),
                }
            }

            #key_doc
            fn key(&self) -> (usize, &str) #enum_key
        }

        impl ::core::cmp::PartialEq for #name #eq_body

        impl ::core::cmp::Eq for #name {}

        impl ::core::hash::Hash for #name #enum_hash

        impl ::core::cmp::PartialOrd for #name #enum_partial_cmp

        impl ::core::cmp::Ord for #name #enum_cmp

        impl ::core::str::FromStr for #name #enum_from_str

        impl ::core::convert::From<&str> for #name {
            fn from(value: &str) -> Self #from_body
        }

        impl ::core::fmt::Display for #name #enum_display

        impl ::graphdoc::__private::serde::Serialize for #name #enum_serialize

        impl<'de> ::graphdoc::__private::serde::Deserialize<'de> for #name #enum_deserialize
    }
}
