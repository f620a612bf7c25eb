//! Model: one typed picture of all pages — types, enums, operations, examples — with no markdown and no tokens.

mod build;
mod examples;
mod formats;
mod json;
mod report;
mod validate;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::Pos;
pub use crate::parse::types::Prim;
pub(crate) use build::build;
pub use examples::{is_placeholder, Example, ExampleKind};
pub use json::FORMAT as JSON_FORMAT;
pub use report::{json_difference, Cause, Counts, ExampleTable, Outcome};
pub(crate) use validate::examples as validate_examples;

/// Everything read from a set of pages, merged: the input of the emitter.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Model {
    /// Structured types (resources and complex types), keyed by lowercase qualified name.
    pub types: BTreeMap<String, TypeDef>,
    /// Enumerations, keyed by lowercase qualified name.
    pub enums: BTreeMap<String, EnumDef>,
    /// Operations from api pages, in file order.
    pub operations: Vec<Operation>,
    /// Request, response and example bodies with the type they should read as.
    pub examples: Vec<Example>,
    /// Number of pages read.
    pub pages: usize,
}

/// Where something was documented.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// File, as given with the source.
    pub file: Arc<str>,
    /// Position.
    pub pos: Pos,
}

impl Serialize for Pos {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Pos", 2)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("col", &self.col)?;
        st.end()
    }
}

/// A resource or complex type.
#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    /// Canonical name (`skillProficiency`).
    pub name: String,
    /// Namespace (`microsoft.graph`).
    pub namespace: String,
    /// The Rust identifier chosen for it.
    pub rust_name: String,
    /// Description from the page.
    pub description: String,
    /// Links in the description that name documented types: (link text, type key).
    pub doc_links: Vec<(String, String)>,
    /// Base type key.
    pub base: Option<String>,
    /// Keys of the types that name this one as their base.
    pub derived: Vec<String>,
    /// Keys of every type derived from this one, directly or through others, in key order.
    pub subtypes: Vec<String>,
    /// The Rust name of the enum over this type and its [`subtypes`](Self::subtypes), chosen by
    /// `@odata.type` when read (`AnyItemFacet`); `None` when nothing derives from it.
    pub any_rust_name: Option<String>,
    /// Properties declared by this type (not inherited).
    pub own: Vec<Property>,
    /// All properties, inherited ones first (root base first), each name once.
    pub properties: Vec<Property>,
    /// Update (PATCH) support, when an api page documents one.
    pub patch: Option<PatchDef>,
    /// Where the type is documented.
    pub origin: Origin,
}

/// One property of a type.
#[derive(Clone, Debug, Serialize)]
pub struct Property {
    /// The wire (JSON) name.
    pub name: String,
    /// The Rust field name chosen for it (empty in [`TypeDef::own`], which emits no fields).
    pub rust_name: String,
    /// Its type.
    pub ty: Ty,
    /// The description, as written (markdown flattened); shared by the copies inherited properties make.
    pub description: Arc<str>,
    /// Links in the description that name documented types: (link text, type key).
    pub doc_links: Vec<(String, String)>,
    /// Documented read-only.
    pub read_only: bool,
    /// A relationship (navigation property).
    pub relationship: bool,
    /// The key of the type that declares it (differs from the owner for inherited ones).
    pub declared_by: String,
    /// Box the value: the property closes a cycle of types that contain each other. Never set
    /// for a polymorphic type, whose enum boxes every variant.
    pub boxed: bool,
    /// Where it is documented.
    pub origin: Origin,
}

/// A property type, resolved.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum Ty {
    /// A primitive.
    Prim(Prim),
    /// A structured type, by key.
    Struct(String),
    /// An enum, by key.
    Enum(String),
    /// A collection.
    Collection(Box<Ty>),
    /// Untyped JSON: `Json` in the docs, or a type the docs do not define.
    Json,
}

/// Patch (update) support of a type.
#[derive(Clone, Debug, Serialize)]
pub struct PatchDef {
    /// Wire names of the patchable properties, in property order.
    pub fields: Vec<String>,
    /// The Rust name of the patch type.
    pub rust_name: String,
    /// The update pages.
    pub origins: Vec<Origin>,
}

/// An enumeration; values the docs never listed are kept by the generated type.
#[derive(Clone, Debug, Serialize)]
pub struct EnumDef {
    /// Canonical name.
    pub name: String,
    /// Namespace.
    pub namespace: String,
    /// The Rust identifier chosen for it.
    pub rust_name: String,
    /// Members in documented order.
    pub members: Vec<EnumMember>,
    /// Set when the generator had to name the enum (from owner and property).
    pub named_by_generator: bool,
    /// Where documented.
    pub origin: Origin,
}

/// One enum member.
#[derive(Clone, Debug, Serialize)]
pub struct EnumMember {
    /// The wire value.
    pub name: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// Description, when a table gives one.
    pub description: String,
}

/// An operation documented by an api page.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// Upper-case method.
    pub method: String,
    /// Path templates.
    pub paths: Vec<String>,
    /// The page title.
    pub title: String,
    /// The resource the operation acts on, when known.
    pub target: Option<String>,
    /// Request-body properties.
    pub request_body: Vec<Property>,
    /// The response type, when known.
    pub response: Option<Ty>,
    /// The success status.
    pub status: Option<u16>,
    /// The page.
    pub origin: Origin,
}

impl Model {
    /// Number of properties over all types (own properties, so inherited ones count once).
    pub fn property_count(&self) -> usize {
        self.types.values().map(|t| t.own.len()).sum()
    }

    /// Keys of the types and enums that `name` names: a Graph name in any case, simple
    /// (`skillProficiency`) or qualified (`microsoft.graph.skillProficiency`), with or without a
    /// leading `#`. This is how [`EmitOptions::types`](crate::EmitOptions::types) is read.
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// assert_eq!(model.keys_named("Thing").count(), 1);
    /// assert_eq!(model.keys_named("#microsoft.graph.thing").count(), 1);
    /// assert_eq!(model.keys_named("other").count(), 0);
    /// ```
    pub fn keys_named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a String> + 'a {
        let wanted = name.trim_start_matches('#').to_ascii_lowercase();
        self.types
            .keys()
            .chain(self.enums.keys())
            .filter(move |k| **k == wanted || k.rsplit('.').next() == Some(wanted.as_str()))
    }
}
