//! `#[derive(Patch)]`: reads the struct and its `#[patch(..)]` attributes into the engine's
//! `PatchSpec`; the patch type itself is emitted by `graphdoc_codegen::emit::patch`, the code that
//! also writes graphdoc-profile's patch types.

use std::panic::{catch_unwind, AssertUnwindSafe};

use graphdoc_codegen::emit::patch::{emit_patch, PatchField, PatchSpec};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Fields, LitStr, Meta, Token, Type};

use crate::errors::{panic_message, Errors};

/// What `#[derive(Patch)]` expands to. Errors in attributes are reported together with the
/// patch type built as if the faulty attribute were absent, so that a typo gives one error and
/// not one for every use of the patch type.
pub(crate) fn expand(input: DeriveInput) -> TokenStream {
    expand_with(input, emit_patch)
}

/// The expansion with the emitter given, so that tests can stand in a failing one. A panic is a
/// compile error at the struct's name that says it is a graphdoc bug.
fn expand_with(input: DeriveInput, emit: fn(&PatchSpec) -> TokenStream) -> TokenStream {
    match catch_unwind(AssertUnwindSafe(|| expand_unguarded(&input, emit))) {
        Ok(out) => out,
        Err(payload) => syn::Error::new_spanned(
            &input.ident,
            format!(
                "graphdoc bug: #[derive(Patch)] panicked ({}); please report it with this struct",
                panic_message(&*payload)
            ),
        )
        .into_compile_error(),
    }
}

fn expand_unguarded(input: &DeriveInput, emit: fn(&PatchSpec) -> TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let out = spec(input, &mut errors)
        .map(|spec| emit(&spec))
        .unwrap_or_default();
    errors.emit_with(out)
}

/// `#[patch(..)]` on the struct.
#[derive(Default)]
struct StructAttrs {
    name: Option<Ident>,
    serde: bool,
    runtime: Option<syn::Path>,
    attrs: Vec<TokenStream>,
}

/// `#[patch(..)]` on a field.
#[derive(Default)]
struct FieldAttrs {
    skip: bool,
    name: Option<LitStr>,
    attrs: Vec<TokenStream>,
}

fn spec(input: &DeriveInput, errors: &mut Errors) -> Option<PatchSpec> {
    let fields: Vec<&syn::Field> = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => named.named.iter().collect(),
            // `struct Marker;` has nothing to patch: its patch is empty, which is well defined.
            Fields::Unit => Vec::new(),
            Fields::Unnamed(unnamed) => {
                errors.spanned(
                    unnamed,
                    "#[derive(Patch)] needs named fields: a patch names the fields it sets, and its setters are named after them",
                );
                return None;
            }
        },
        Data::Enum(e) => {
            errors.spanned(
                e.enum_token,
                "#[derive(Patch)] works on structs, not enums: which fields an enum has depends on its variant; patch the enum as a whole field of a struct instead",
            );
            return None;
        }
        Data::Union(u) => {
            errors.spanned(
                u.union_token,
                "#[derive(Patch)] works on structs, not unions: only one field of a union is set at a time",
            );
            return None;
        }
    };
    let attrs = struct_attrs(&input.attrs, errors);
    let target = &input.ident;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let self_ty = quote!(#target #ty_generics);
    let runtime = attrs
        .runtime
        .as_ref()
        .map_or_else(|| quote!(::graphdoc), ToTokens::to_token_stream);

    let mut patch_fields = Vec::new();
    let mut setters: Vec<(String, Span)> = Vec::new();
    for field in fields {
        let fa = field_attrs(&field.attrs, attrs.serde, errors);
        if fa.skip {
            continue;
        }
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let (ty, optional) = match option_inner(&field.ty) {
            Some(inner) => (inner, true),
            None => (&field.ty, false),
        };
        // `Self` in a field type means the target, but inside the patch type it would mean the
        // patch type: it is spelled out.
        let ty = replace_self(ty.to_token_stream(), &self_ty);
        let text = ident.to_string();
        let text = text.strip_prefix("r#").unwrap_or(&text).to_string();
        let mut names = vec![text.clone()];
        if optional {
            names.push(graphdoc_codegen::emit::patch::clear_name(&text));
        }
        let clash = names.iter().find_map(|name| {
            let (_, first) = setters.iter().find(|(n, _)| n == name)?;
            Some((name.clone(), *first))
        });
        if let Some((name, first)) = clash {
            let mut e = syn::Error::new(
                ident.span(),
                format!("the patch type would have two setters named `{name}`: rename a field or skip it with #[patch(skip)]"),
            );
            e.combine(syn::Error::new(
                first,
                "the other one comes from this field",
            ));
            errors.push(e);
            // Left out of the patch, so that the error is not followed by rustc's own.
            continue;
        }
        setters.extend(names.into_iter().map(|n| (n, ident.span())));
        let docs: Vec<TokenStream> = field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .map(ToTokens::to_token_stream)
            .collect();
        let doc = docs.is_empty().then(|| {
            if optional {
                format!("`{text}`: `None` leaves it unchanged, `Some(None)` sets it to `None`, `Some(Some(v))` to `v`.")
            } else {
                format!("`{text}`: `None` leaves it unchanged, `Some(v)` sets it to `v`.")
            }
        });
        let mut field_attrs = docs;
        field_attrs.extend(fa.attrs);
        patch_fields.push(PatchField {
            ident,
            ty,
            optional,
            rename: fa.name.map(|n| n.value()),
            doc,
            attrs: field_attrs,
            vis: Some(field.vis.to_token_stream()),
        });
    }

    let patch = attrs
        .name
        .unwrap_or_else(|| format_ident!("{}Patch", target, span = target.span()));
    let serde_crate = attrs
        .serde
        .then(|| format!("{}::__private::serde", runtime.to_string().replace(' ', "")));
    Some(PatchSpec {
        target: target.clone(),
        patch,
        vis: input.vis.to_token_stream(),
        generics: input.generics.clone(),
        fields: patch_fields,
        serde: attrs.serde,
        serde_crate,
        runtime,
        additional_data: false,
        typed_fields: Vec::new(),
        attrs: attrs.attrs,
        doc: format!(
            "A partial update of [`{target}`], made by `#[derive(Patch)]`: a field that is `None` leaves that field unchanged."
        ),
    })
}

/// Reads `#[patch(..)]` on the struct.
fn struct_attrs(attrs: &[Attribute], errors: &mut Errors) -> StructAttrs {
    let mut out = StructAttrs::default();
    let mut seen = Seen::default();
    for attr in patch_attrs(attrs, errors) {
        let result = attr.parse_nested_meta(|meta| {
            let key = key(&meta);
            seen.check(&meta, &key, errors);
            match key.as_str() {
                "name" => {
                    let Some(lit) = string_value(&meta, errors)? else {
                        return Ok(());
                    };
                    match syn::parse_str::<Ident>(&lit.value()) {
                        Ok(mut ident) => {
                            ident.set_span(lit.span());
                            out.name = Some(ident);
                        }
                        Err(_) => errors.spanned(
                            &lit,
                            format!("`{}` is not a Rust identifier: `name` is the patch type's name", lit.value()),
                        ),
                    }
                }
                "serde" => {
                    out.serde = true;
                    if meta.input.peek(Token![=]) {
                        errors.spanned(&meta.path, "`serde` takes no value: write #[patch(serde)]");
                        skip_value(&meta)?;
                    }
                }
                "crate" => {
                    let Some(lit) = string_value(&meta, errors)? else {
                        return Ok(());
                    };
                    match lit.parse::<syn::Path>() {
                        Ok(path) => out.runtime = Some(path),
                        Err(_) => errors.spanned(
                            &lit,
                            format!("`{}` is not a path: `crate` is where graphdoc is, such as `\"::graphdoc\"`", lit.value()),
                        ),
                    }
                }
                "attr" => out.attrs.extend(passed_on(&meta, errors)?),
                "skip" => {
                    errors.spanned(
                        &meta.path,
                        "`skip` goes on a field: #[patch(skip)] leaves that field out of the patch",
                    );
                    skip_value(&meta)?;
                }
                _ => {
                    errors.spanned(
                        &meta.path,
                        format!("unknown patch attribute `{key}`: on a struct, expected `name = \"..\"`, `serde`, `attr(..)` or `crate = \"..\"`"),
                    );
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

/// Reads `#[patch(..)]` on a field.
fn field_attrs(attrs: &[Attribute], serde: bool, errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    let mut seen = Seen::default();
    let mut first: Option<syn::Path> = None;
    for attr in patch_attrs(attrs, errors) {
        let result = attr.parse_nested_meta(|meta| {
            let key = key(&meta);
            seen.check(&meta, &key, errors);
            if key != "skip" && first.is_none() {
                first = Some(meta.path.clone());
            }
            match key.as_str() {
                "skip" => out.skip = true,
                "name" => {
                    let Some(lit) = string_value(&meta, errors)? else {
                        return Ok(());
                    };
                    if serde {
                        out.name = Some(lit);
                    } else {
                        errors.spanned(
                            &meta.path,
                            "`name` on a field is its name in the patch's JSON, which needs #[patch(serde)] on the struct",
                        );
                    }
                }
                "attr" => out.attrs.extend(passed_on(&meta, errors)?),
                "serde" | "crate" => {
                    errors.spanned(
                        &meta.path,
                        format!("`{key}` goes on the struct, not on a field"),
                    );
                    skip_value(&meta)?;
                }
                _ => {
                    errors.spanned(
                        &meta.path,
                        format!("unknown patch attribute `{key}`: on a field, expected `skip`, `name = \"..\"` or `attr(..)`"),
                    );
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if let (true, Some(path)) = (out.skip, first) {
        errors.spanned(
            path,
            "a skipped field is not in the patch: this has no effect",
        );
    }
    out
}

/// The `#[patch(..)]` attributes; `#[patch]` and `#[patch = ..]` are errors.
fn patch_attrs<'a>(attrs: &'a [Attribute], errors: &mut Errors) -> Vec<&'a Attribute> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("patch"))
        .filter(|a| match &a.meta {
            Meta::List(_) => true,
            other => {
                errors.spanned(other, "expected `#[patch(..)]`, such as `#[patch(skip)]`");
                false
            }
        })
        .collect()
}

fn key(meta: &syn::meta::ParseNestedMeta<'_>) -> String {
    meta.path.get_ident().map_or_else(
        || meta.path.to_token_stream().to_string().replace(' ', ""),
        Ident::to_string,
    )
}

/// Keys seen in the `#[patch]` attributes of one item, to report repeats.
#[derive(Default)]
struct Seen(Vec<String>);

impl Seen {
    fn check(&mut self, meta: &syn::meta::ParseNestedMeta<'_>, key: &str, errors: &mut Errors) {
        // `attr(..)` may be given as often as wanted.
        if key == "attr" {
            return;
        }
        if self.0.iter().any(|k| k == key) {
            errors.spanned(&meta.path, format!("`{key}` is given twice"));
        } else {
            self.0.push(key.to_string());
        }
    }
}

/// The string literal after `key =`. Anything else is an error in `errors` and is skipped, so
/// that the keys after it are still read and reported (as serde_derive's `Ctxt` collects them).
fn string_value(
    meta: &syn::meta::ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        errors.spanned(&meta.path, format!("expected `{} = \"..\"`", key(meta)));
        skip_value(meta)?;
        return Ok(None);
    }
    let value = meta.value()?;
    if value.peek(LitStr) {
        return value.parse().map(Some);
    }
    let other: syn::Expr = value.parse()?;
    errors.spanned(&other, "expected a string literal");
    Ok(None)
}

/// Reads past the value of an attribute that was reported, `= value` or `(..)`, so that the
/// attributes after it are still checked.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

/// `attr(derive(Hash), serde(deny_unknown_fields))` → `#[derive(Hash)]`, `#[serde(..)]`. A
/// malformed value is an error in `errors` and is skipped, so that the keys after it are still
/// read.
fn passed_on(
    meta: &syn::meta::ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<Vec<TokenStream>> {
    match attributes(meta) {
        Ok(attrs) => Ok(attrs),
        Err(e) => {
            errors.push(e);
            skip_value(meta)?;
            Ok(Vec::new())
        }
    }
}

/// The attributes inside `attr(..)`, or why they cannot be read.
fn attributes(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Vec<TokenStream>> {
    let content;
    syn::parenthesized!(content in meta.input);
    let metas = Punctuated::<Meta, Token![,]>::parse_terminated(&content)?;
    if metas.is_empty() {
        return Err(meta.error(
            "`attr()` is empty: write the attributes to pass on, such as `attr(derive(Hash))`",
        ));
    }
    Ok(metas.into_iter().map(|m| quote!(#[#m])).collect())
}

/// `U` when `ty` is written `Option<U>` (also `std::option::Option<U>`, `core::option::Option<U>`).
/// A type alias of `Option` is not seen through: such a field is patched as a plain value.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(tp) = ty else { return None };
    if tp.qself.is_some() {
        return None;
    }
    let names: Vec<String> = tp
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if !matches!(
        names.as_slice(),
        ["Option"] | ["std" | "core", "option", "Option"]
    ) {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &tp.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// Replaces every `Self` in `ts` with `with`.
fn replace_self(ts: TokenStream, with: &TokenStream) -> TokenStream {
    ts.into_iter()
        .flat_map(|t| match t {
            TokenTree::Ident(i) if i == "Self" => with.clone(),
            TokenTree::Group(g) => {
                let mut group =
                    proc_macro2::Group::new(g.delimiter(), replace_self(g.stream(), with));
                group.set_span(g.span());
                TokenTree::Group(group).into_token_stream()
            }
            other => other.into_token_stream(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(input: TokenStream) -> Vec<String> {
        let mut errors = Errors::default();
        let _ = spec(&syn::parse2(input).unwrap(), &mut errors);
        errors
            .finish()
            .map(|e| e.into_iter().map(|e| e.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_panic_in_the_emitter_is_a_compile_error_at_the_struct() {
        fn panics(_: &PatchSpec) -> TokenStream {
            panic!("boom")
        }
        let out = expand_with(
            syn::parse2(quote!(
                struct Settings {
                    a: u32,
                }
            ))
            .unwrap(),
            panics,
        );
        let file: syn::File = syn::parse2(out).unwrap();
        let [syn::Item::Macro(m)] = file.items.as_slice() else {
            panic!("one compile_error! expected")
        };
        let message: LitStr = syn::parse2(m.mac.tokens.clone()).unwrap();
        assert_eq!(
            message.value(),
            "graphdoc bug: #[derive(Patch)] panicked (boom); please report it with this struct"
        );
    }

    #[test]
    fn option_fields_are_found_however_option_is_spelled() {
        for ty in [
            quote!(Option<u32>),
            quote!(std::option::Option<u32>),
            quote!(::core::option::Option<u32>),
        ] {
            let ty: Type = syn::parse2(ty).unwrap();
            assert_eq!(
                option_inner(&ty).unwrap().to_token_stream().to_string(),
                "u32"
            );
        }
        for ty in [
            quote!(Vec<Option<u32>>),
            quote!(my::Option<u32>),
            quote!(Option),
            quote!(<T as X>::Option<u32>),
        ] {
            let ty: Type = syn::parse2(ty).unwrap();
            assert!(option_inner(&ty).is_none(), "{}", ty.to_token_stream());
        }
    }

    #[test]
    fn self_in_field_types_names_the_target() {
        let out = replace_self(quote!(Option<Box<Self>>), &quote!(Node<T>));
        assert_eq!(out.to_string().replace(' ', ""), "Option<Box<Node<T>>>");
    }

    #[test]
    fn every_attribute_error_is_reported_at_once() {
        let found = errors_of(quote! {
            #[patch(name = "not an ident", skip, colour)]
            #[patch]
            struct S {
                #[patch(skip, attr(serde(default)))]
                a: u32,
                #[patch(name = "b")]
                b: u32,
                #[patch(serde, skip, skip)]
                c: u32,
                clear_d: u32,
                d: Option<u32>,
            }
        });
        let expected = [
            "expected `#[patch(..)]`",
            "`not an ident` is not a Rust identifier",
            "`skip` goes on a field",
            "unknown patch attribute `colour`",
            "a skipped field is not in the patch",
            "`name` on a field is its name in the patch's JSON",
            "`serde` goes on the struct",
            "`skip` is given twice",
            "a skipped field is not in the patch",
            "the patch type would have two setters named `clear_d`",
            "the other one comes from this field",
        ];
        crate::errors::assert_messages_start_with(&found, &expected);
    }

    #[test]
    fn shapes_without_named_fields_are_errors_and_unit_structs_are_empty_patches() {
        assert!(errors_of(quote!(
            enum E {
                A,
            }
        ))
        .iter()
        .any(|e| e.contains("not enums")));
        assert!(errors_of(quote!(union U { a: u32 }))
            .iter()
            .any(|e| e.contains("not unions")));
        assert!(errors_of(quote!(
            struct T(u32);
        ))
        .iter()
        .any(|e| e.contains("needs named fields")));
        let mut errors = Errors::default();
        let spec = spec(
            &syn::parse2(quote!(
                struct Marker;
            ))
            .unwrap(),
            &mut errors,
        )
        .unwrap();
        assert!(errors.finish().is_none() && spec.fields.is_empty());
        assert_eq!(spec.patch, "MarkerPatch");
    }
}
