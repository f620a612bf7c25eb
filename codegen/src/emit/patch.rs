//! Patch types and `graphdoc::Patch` impls: one implementation shared by graphdoc-profile and `#[derive(Patch)]`.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::tokens::{braced, bracketed, doc_attrs, join, moved, str_lit, Piece, Reuse, IS_NONE};

/// One field of the type being patched.
///
/// ```
/// use graphdoc_codegen::emit::patch::{emit_patch, PatchField, PatchSpec};
/// use quote::{format_ident, quote};
///
/// let field = |name: &str, optional| PatchField { ident: format_ident!("{name}"), ty: quote!(u32),
///     optional, rename: None, doc: None, attrs: vec![], vis: None };
/// let spec = PatchSpec { target: format_ident!("Thing"), patch: format_ident!("ThingPatch"),
///     vis: quote!(pub), generics: Default::default(), fields: vec![field("size", true), field("count", false)],
///     serde: false, serde_crate: None, runtime: quote!(::graphdoc), additional_data: false,
///     typed_fields: vec![], attrs: vec![], doc: "An update of a thing.".into() };
/// let text = graphdoc_codegen::format(&emit_patch(&spec), &[]);
/// assert!(text.contains("pub size: ::core::option::Option<::core::option::Option<u32>>,"));
/// assert!(text.contains("pub count: ::core::option::Option<u32>,"));
/// assert!(text.contains("pub fn clear_size(") && !text.contains("pub fn clear_count("));
/// ```
#[derive(Clone)]
pub struct PatchField {
    /// The field of the target type.
    pub ident: Ident,
    /// The value type `T`: for an `Option<T>` field, `T`; otherwise the field type itself.
    pub ty: TokenStream,
    /// The target field is `Option<T>`: the patch field is then `Option<Option<T>>` (absent / null / value).
    pub optional: bool,
    /// Wire name for serde, when it differs from the field name.
    pub rename: Option<String>,
    /// Doc text for the patch field.
    pub doc: Option<String>,
    /// Extra attributes for the patch field (`#[patch(attr(...))]` in the derive).
    pub attrs: Vec<TokenStream>,
    /// Visibility of this patch field when it differs from [`PatchSpec::vis`] (the derive
    /// mirrors each field of the user's struct).
    pub vis: Option<TokenStream>,
}

/// Everything needed to emit a patch type for a struct.
///
/// ```
/// use graphdoc_codegen::emit::patch::{emit_patch, PatchField, PatchSpec};
/// use quote::{format_ident, quote};
///
/// let name = PatchField { ident: format_ident!("name"), ty: quote!(String), optional: true,
///     rename: Some("displayName".into()), doc: None, attrs: vec![], vis: None };
/// let spec = PatchSpec { target: format_ident!("Thing"), patch: format_ident!("ThingPatch"),
///     vis: quote!(pub), generics: Default::default(), fields: vec![name], serde: true,
///     serde_crate: Some("::graphdoc::__private::serde".into()), runtime: quote!(::graphdoc),
///     additional_data: true, typed_fields: vec![], attrs: vec![], doc: "An update of a thing.".into() };
/// let text = graphdoc_codegen::format(&emit_patch(&spec), &[]);
/// assert!(text.contains("#[serde(crate = \"::graphdoc::__private::serde\")]\n#[allow(clippy::option_option)]\npub struct ThingPatch {"));
/// assert!(text.contains("rename = \"displayName\",\n        default,\n        deserialize_with = \"::graphdoc::patch::deserialize_some\""));
/// assert!(text.contains("#[serde(flatten)]\n    pub additional_data:"));
/// ```
#[derive(Clone)]
pub struct PatchSpec {
    /// The target struct.
    pub target: Ident,
    /// The patch struct's name.
    pub patch: Ident,
    /// Visibility of the patch struct and its fields.
    pub vis: TokenStream,
    /// Generics of the target, as written after the name (with bounds).
    pub generics: syn::Generics,
    /// Fields to patch, in order.
    pub fields: Vec<PatchField>,
    /// Derive serde for the patch type, omitting absent fields and reading `null` as "set null".
    pub serde: bool,
    /// Path of the serde crate to use in `#[serde(crate = ...)]`, if not `serde`.
    pub serde_crate: Option<String>,
    /// Path of the graphdoc runtime (`::graphdoc`).
    pub runtime: TokenStream,
    /// The target has `additional_data: serde_json::Map` (generated types): the patch gets one
    /// too, flattened, so a body's members that are not patch fields (`@odata.type`, or a
    /// property the update page does not list) are kept and written back. `apply` merges it
    /// into the target's (`null` removes a member); `diff` leaves it empty, as it covers the
    /// patch fields only. Needs [`serde`](Self::serde).
    pub additional_data: bool,
    /// The target's typed fields, as (wire name, field): a member of the patch's
    /// `additional_data` with one of these names sets that field in `apply` (when its value reads
    /// as the field's type; otherwise it is dropped), rather than joining the target's
    /// `additional_data`, which would then write the name twice. Used with
    /// [`additional_data`](Self::additional_data).
    pub typed_fields: Vec<(String, Ident)>,
    /// Extra attributes for the patch struct.
    pub attrs: Vec<TokenStream>,
    /// Doc text for the patch struct.
    pub doc: String,
}

/// Emits the patch struct, its setters and the `Patch` impl for the target.
///
/// ```
/// use graphdoc_codegen::emit::patch::{emit_patch, PatchField, PatchSpec};
/// use quote::{format_ident, quote};
///
/// let name = PatchField { ident: format_ident!("name"), ty: quote!(String), optional: true,
///     rename: None, doc: None, attrs: vec![], vis: None };
/// let spec = PatchSpec { target: format_ident!("Thing"), patch: format_ident!("ThingPatch"),
///     vis: quote!(pub), generics: Default::default(), fields: vec![name], serde: false,
///     serde_crate: None, runtime: quote!(::graphdoc), additional_data: false, typed_fields: vec![],
///     attrs: vec![], doc: "An update of a thing.".into() };
/// let text = graphdoc_codegen::format(&emit_patch(&spec), &[]);
/// assert!(text.starts_with("/// An update of a thing.\n"));
/// assert!(text.contains("pub fn name(mut self, value: impl ::core::convert::Into<String>) -> Self {"));
/// assert!(text.contains("impl ::graphdoc::Patch for Thing {\n    type Patch = ThingPatch;\n"));
/// ```
pub fn emit_patch(spec: &PatchSpec) -> TokenStream {
    emit_patch_in(spec, &Reuse::default())
}

/// [`emit_patch`], taking the groups that recur between patch types from `reuse`: the emit
/// module passes one for all the patch types of a run, which share its runtime path and spans.
pub(crate) fn emit_patch_in(spec: &PatchSpec, reuse: &Reuse) -> TokenStream {
    let PatchSpec {
        target,
        patch,
        vis,
        generics,
        fields,
        serde,
        serde_crate,
        runtime,
        additional_data,
        typed_fields,
        attrs,
        doc,
    } = spec;
    let map = quote!(#runtime::__private::serde_json::Map<::std::string::String, #runtime::__private::serde_json::Value>);
    let (impl_g, ty_g, where_g) = generics.split_for_impl();
    // `derive(Default)` would demand `T: Default` of every type parameter, and `diff` starts from
    // a default patch: generic patch types get an impl without bounds instead (all fields `None`).
    let generic = generics.type_params().next().is_some();
    let default_derive = (!generic).then(|| quote!(::core::default::Default,));
    let patch_where = patch_impl_where(generics, fields);
    let serde_derive = if *serde {
        let krate = serde_crate.as_deref().unwrap_or("::serde");
        let ser: syn::Path = syn::parse_str(&format!("{krate}::Serialize"))
            .unwrap_or_else(|_| syn::parse_quote!(::serde::Serialize));
        let de: syn::Path = syn::parse_str(&format!("{krate}::Deserialize"))
            .unwrap_or_else(|_| syn::parse_quote!(::serde::Deserialize));
        let krate_attr = serde_crate.as_deref().map(|k| {
            let k = str_lit(k);
            quote!(#[serde(crate = #k)])
        });
        quote! {
            #[derive(#ser, #de)]
            #krate_attr
        }
    } else {
        TokenStream::new()
    };

    // The same for every field: made once.
    let runtime_path = runtime.to_string().replace(' ', "");
    let serde_path = serde_crate.as_deref().unwrap_or("::serde");
    let params: Vec<&Ident> = generics.type_params().map(|p| &p.ident).collect();
    let deserialize_some = str_lit(&format!("{runtime_path}::patch::deserialize_some"));
    let deserialize_value = str_lit(&format!("{runtime_path}::patch::deserialize_value"));
    let skip_if_none = str_lit(IS_NONE);
    // Spanned at the field's type, so that a type lacking `Clone`, `Debug` or `PartialEq` is
    // reported there rather than at the derive.
    let spans: Vec<Span> = fields.iter().map(|f| first_span(&f.ty)).collect();
    let field_defs = fields.iter().zip(&spans).map(|(f, &span)| {
        let ident = &f.ident;
        let ty = &f.ty;
        let attrs = &f.attrs;
        let field_vis = f.vis.as_ref().unwrap_or(vis);
        let doc = f.doc.as_deref().map(|d| moved(reuse.doc_attrs(d)));
        let patch_ty = moved(if f.optional {
            quote_spanned!(span=> ::core::option::Option<::core::option::Option<#ty>>)
        } else {
            quote_spanned!(span=> ::core::option::Option<#ty>)
        });
        let serde_attr = serde.then(|| {
            let piece = Piece::PatchSerde {
                optional: f.optional,
                renamed: f.rename.is_some(),
            };
            reuse.group(piece, f.rename.as_deref().unwrap_or(""), || {
                let rename = f.rename.as_deref().map(|r| {
                    let r = str_lit(r);
                    quote!(rename = #r,)
                });
                // A present member is a change: `null` is "set null" for an optional field, and
                // for any other field a value of its type (an error unless the type reads `null`).
                let path = if f.optional {
                    &deserialize_some
                } else {
                    &deserialize_value
                };
                bracketed(quote!(serde(#rename default, deserialize_with = #path, skip_serializing_if = #skip_if_none)))
            })
        });
        let serde_attr = serde_attr.map(|g| quote!(# #g));
        // Serde infers no bound for a field read with `deserialize_with`: a field of a generic
        // type states its own.
        let bound = (*serde && mentions(ty, &params) && !states_bound(attrs)).then(|| {
            let bound = str_lit(&format!("{ty}: {serde_path}::Deserialize<'de>"));
            quote!(#[serde(bound(deserialize = #bound))])
        });
        quote! {
            #doc
            #serde_attr
            #bound
            #(#attrs)*
            #field_vis #ident: #patch_ty
        }
    });
    // A type parameter or lifetime that only skipped fields used must still be used by the
    // patch type (E0392): a marker field holds it, covariant and without auto-trait effects.
    let unused: Vec<TokenStream> = generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => {
                let ident = &t.ident;
                Some((quote!(#ident), ident))
            }
            syn::GenericParam::Lifetime(l) => {
                let lt = &l.lifetime;
                Some((quote!(&#lt ()), &l.lifetime.ident))
            }
            syn::GenericParam::Const(_) => None,
        })
        .filter(|(_, ident)| !fields.iter().any(|f| mentions(&f.ty, &[*ident])))
        .map(|(ty, _)| ty)
        .collect();
    let marker = (!unused.is_empty()).then(|| {
        let skip = serde.then(|| quote!(#[serde(skip)]));
        quote! {
            #skip
            #[doc(hidden)]
            __marker: ::core::marker::PhantomData<fn() -> (#(#unused,)*)>,
        }
    });
    let marker_default = marker
        .is_some()
        .then(|| quote!(__marker: ::core::marker::PhantomData,));
    let default_impl = generic.then(|| {
        let nones = fields.iter().map(|f| {
            let ident = &f.ident;
            quote!(#ident: ::core::option::Option::None,)
        });
        let additional =
            additional_data.then(|| quote!(additional_data: ::core::default::Default::default(),));
        quote! {
            impl #impl_g ::core::default::Default for #patch #ty_g #where_g {
                fn default() -> Self {
                    Self { #(#nones)* #additional #marker_default }
                }
            }
        }
    });

    // What every setter and `apply` repeat, built once per patch type: interpolating a group
    // shares its tokens, where building them again costs an allocation per identifier.
    let must_use = quote!(#[must_use]);
    let some = quote!(::core::option::Option::Some);
    let paren = |ts| Group::new(Delimiter::Parenthesis, ts);
    // `(Some(value.into()))`, `(value.into())` and `(None)`, after `Some`; `(value)` in `apply`.
    let set_some = paren(quote!(#some(value.into())));
    let set_value = paren(quote!(value.into()));
    let set_none = paren(quote!(::core::option::Option::None));
    let bind_value = paren(quote!(value));
    // `clear_x` for each optional field, unless a field already gives a setter that name (a
    // property `clearX` beside `x`): then the clearing one gets a suffix. The derive reports
    // such clashes before, so there this changes nothing.
    let mut setter_names: Vec<String> = fields.iter().map(|f| ident_text(&f.ident)).collect();
    setter_names.extend(
        fields
            .iter()
            .filter(|f| f.optional)
            .map(|f| clear_name(&ident_text(&f.ident))),
    );
    let mut clear_names = crate::naming::dedupe(setter_names, &[])
        .split_off(fields.len())
        .into_iter();
    let setters = fields.iter().map(|f| {
        let ident = &f.ident;
        let ty = &f.ty;
        let name = ident_text(ident);
        let set_doc = str_lit(&format!(" Sets `{name}` to `value`."));
        if f.optional {
            let clear = format_ident!("{}", clear_names.next().unwrap_or_default());
            let clear_doc = str_lit(&format!(" Sets `{name}` to null."));
            quote! {
                #[doc = #set_doc]
                #must_use
                #vis fn #ident(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                    self.#ident = #some #set_some;
                    self
                }
                #[doc = #clear_doc]
                #must_use
                #vis fn #clear(mut self) -> Self {
                    self.#ident = #some #set_none;
                    self
                }
            }
        } else {
            quote! {
                #[doc = #set_doc]
                #must_use
                #vis fn #ident(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                    self.#ident = #some #set_value;
                    self
                }
            }
        }
    });

    let additional_field = additional_data.then(|| {
        quote! {
            /// Members that are not patch fields (`@odata.type` among them), written as they are.
            #[serde(flatten)]
            #vis additional_data: #map,
        }
    });
    let additional_apply = additional_data.then(|| {
        let wires = typed_fields.iter().map(|(wire, _)| str_lit(wire));
        let idents = typed_fields.iter().map(|(_, ident)| ident);
        quote! {
            for (name, value) in patch.additional_data {
                match name.as_str() {
                    #(#wires => #runtime::patch::assign(&mut self.#idents, value),)*
                    _ if value.is_null() => {
                        self.additional_data.remove(&name);
                    }
                    _ => {
                        self.additional_data.insert(name, value);
                    }
                }
            }
        }
    });
    let applies = fields.iter().map(|f| {
        let ident = &f.ident;
        quote! {
            if let #some #bind_value = patch.#ident {
                self.#ident = value;
            }
        }
    });
    let diffs = fields.iter().zip(&spans).map(|(f, &span)| {
        let ident = &f.ident;
        // A call, not `!=`: clippy's float_cmp would otherwise flag the user's `f64` field.
        quote_spanned! {span=>
            if ::core::cmp::PartialEq::ne(&self.#ident, &newer.#ident) {
                patch.#ident = ::core::option::Option::Some(::core::clone::Clone::clone(&newer.#ident));
            }
        }
    });
    let patch_param = if fields.is_empty() && !additional_data {
        quote!(_patch)
    } else {
        quote!(patch)
    };
    let newer_param = if fields.is_empty() {
        quote!(_newer)
    } else {
        quote!(newer)
    };

    // Field names are the target's: a name the target allows is allowed here too. And
    // `Option<Option<T>>` is the point of a patch field (absent, null, value).
    let mut allows = Vec::new();
    if fields
        .iter()
        .any(|f| ident_text(&f.ident).contains(|c: char| c.is_ascii_uppercase()))
    {
        allows.push(quote!(non_snake_case));
    }
    if fields.iter().any(|f| f.optional) {
        allows.push(quote!(clippy::option_option));
    }
    let struct_allows = (!allows.is_empty()).then(|| quote!(#[allow(#(#allows),*)]));
    let doc = doc_attrs(doc);
    // Bodies are built as groups from owned streams: interpolating a `TokenStream` copies it,
    // interpolating a `Group` shares it (this is most of emit's time on the real reference).
    let mut fields_stream = join(field_defs, Some(','));
    fields_stream.extend(additional_field);
    fields_stream.extend(marker);
    let fields_body = braced(fields_stream);
    let setters_body = braced(join(setters, None));
    let mut apply_stream = join(applies, None);
    apply_stream.extend(additional_apply);
    let apply_body = braced(apply_stream);
    let default_patch = quote!(<#patch #ty_g as ::core::default::Default>::default());
    let diff_body = braced(if fields.is_empty() {
        default_patch
    } else {
        let mut diff_stream = quote!(let mut patch = #default_patch;);
        diff_stream.extend(join(diffs, None));
        diff_stream.extend(quote!(patch));
        diff_stream
    });
    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            #default_derive
            ::core::cmp::PartialEq
        )]
        #serde_derive
        #struct_allows
        #(#attrs)*
        #vis struct #patch #generics #where_g #fields_body

        #default_impl

        // Setters are named after the fields, whatever their names say to these lints.
        #[allow(non_snake_case, clippy::should_implement_trait, clippy::wrong_self_convention)]
        impl #impl_g #patch #ty_g #where_g #setters_body

        // The target's fields are read and written whether deprecated or not, as derives do.
        #[allow(deprecated)]
        impl #impl_g #runtime::Patch for #target #ty_g #patch_where {
            type Patch = #patch #ty_g;

            fn apply(&mut self, #patch_param: Self::Patch) #apply_body

            fn diff(&self, #newer_param: &Self) -> Self::Patch #diff_body
        }
    }
}

/// The where clause of the `Patch` impl: the target's own, plus `PartialEq + Clone` for every
/// field type that names a type parameter (`diff` compares and clones fields), as serde bounds
/// generic fields. Fields of concrete types need no bound: the compiler checks them directly.
fn patch_impl_where(generics: &syn::Generics, fields: &[PatchField]) -> TokenStream {
    let params: Vec<&Ident> = generics.type_params().map(|p| &p.ident).collect();
    let (_, _, where_g) = generics.split_for_impl();
    let bounded: Vec<TokenStream> = fields
        .iter()
        .filter(|f| mentions(&f.ty, &params))
        .map(|f| {
            let ty = &f.ty;
            let full = if f.optional {
                quote!(::core::option::Option<#ty>)
            } else {
                quote!(#ty)
            };
            quote!(#full: ::core::cmp::PartialEq + ::core::clone::Clone)
        })
        .collect();
    if bounded.is_empty() {
        return quote!(#where_g);
    }
    let own = where_g.map(|w| {
        let p = w.predicates.iter();
        quote!(#(#p,)*)
    });
    quote!(where #own #(#bounded),*)
}

/// The span of the first token of `ts` (the whole of it cannot be joined on stable Rust).
fn first_span(ts: &TokenStream) -> Span {
    ts.clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |t| t.span())
}

/// Whether `ts` contains one of `idents` (a type parameter) anywhere.
fn mentions(ts: &TokenStream, idents: &[&Ident]) -> bool {
    !idents.is_empty()
        && ts.clone().into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => idents.iter().any(|p| **p == i),
            proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), idents),
            _ => false,
        })
}

/// The name of the setter that sets field `field` to null: `clear_display_name`, and `clear_1st`
/// (not `clear__1st`) for a field `_1st`, whose `_` only makes a leading digit an identifier.
/// Other leading underscores stay: fields `a` and `_a` have setters `clear_a` and `clear__a`.
///
/// ```
/// use graphdoc_codegen::emit::patch::clear_name;
/// assert_eq!(clear_name("display_name"), "clear_display_name");
/// assert_eq!(clear_name("_1st"), "clear_1st");
/// assert_eq!(clear_name("_a"), "clear__a");
/// ```
pub fn clear_name(field: &str) -> String {
    let digit_escape = field
        .strip_prefix('_')
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    format!("clear_{}", digit_escape.unwrap_or(field))
}

/// Whether passed-on attributes already state a serde `bound` (`#[patch(attr(serde(bound ..)))]`):
/// serde refuses a second one.
fn states_bound(attrs: &[TokenStream]) -> bool {
    attrs.iter().any(|a| {
        let text = a.to_string();
        text.contains("serde") && text.contains("bound")
    })
}

/// The identifier without an `r#` prefix.
fn ident_text(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_string).unwrap_or(s)
}
