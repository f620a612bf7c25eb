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
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n\
///             |level|String|Possible values are: `low`, `high`.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// assert_eq!(model.types.keys().collect::<Vec<_>>(), ["microsoft.graph.thing"]);
/// assert_eq!(model.enums.keys().collect::<Vec<_>>(), ["microsoft.graph.thinglevel"]);
/// assert_eq!((model.operations.len(), model.examples.len(), model.pages), (0, 0, 1));
/// ```
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
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let thing = &model.types["microsoft.graph.thing"];
/// assert_eq!(&*thing.origin.file, "resources/thing.md");
/// assert_eq!((thing.origin.pos.line, thing.origin.pos.col), (4, 1)); // the title
/// assert_eq!(thing.properties[0].origin.pos.line, 8); // the table row
/// ```
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
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let table = "|Property|Type|Description|\n|:---|:---|:---|\n";
/// let item = format!("---\ndoc_type: resourcePageType\n---\n# item resource type\n\n{table}|id|String|Id.|\n");
/// let thing = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///                      Inherits from [item](item.md).\n\n{table}|name|String|The name.|\n");
/// let (pages, _) = parse_pages(&[Source::new("resources/item.md", item), Source::new("resources/thing.md", thing)]);
/// let (model, _) = build_model(&pages);
/// let (item, thing) = (&model.types["microsoft.graph.item"], &model.types["microsoft.graph.thing"]);
/// assert_eq!((&*thing.name, &*thing.namespace, &*thing.rust_name), ("thing", "microsoft.graph", "Thing"));
/// assert_eq!((thing.base.as_deref(), &*item.derived), (Some("microsoft.graph.item"), ["microsoft.graph.thing".to_string()].as_slice()));
/// assert_eq!((item.any_rust_name.as_deref(), thing.any_rust_name.as_deref()), (Some("AnyItem"), None));
/// assert_eq!(thing.properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["id", "name"]);
/// assert_eq!((thing.own.len(), thing.patch.is_none()), (1, true));
/// ```
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
///
/// ```
/// use graphdoc_codegen::model::{Prim, Ty};
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|displayName|String|The name. Read-only.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let thing = &model.types["microsoft.graph.thing"];
/// let p = &thing.properties[0];
/// assert_eq!((&*p.name, &*p.rust_name, &p.ty), ("displayName", "display_name", &Ty::Prim(Prim::String)));
/// assert_eq!((p.read_only, p.relationship, p.boxed), (true, false, false));
/// assert_eq!((&*p.description, &*p.declared_by), ("The name. Read-only.", "microsoft.graph.thing"));
/// assert_eq!(thing.own[0].rust_name, "");
/// ```
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
///
/// ```
/// use graphdoc_codegen::model::{Prim, Ty};
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|tags|String collection|Tags.|\n\
///             |level|String|Possible values are: `low`, `high`.|\n|owner|person|Who.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let tys: Vec<&Ty> = model.types["microsoft.graph.thing"].properties.iter().map(|p| &p.ty).collect();
/// assert_eq!(tys[0], &Ty::Collection(Box::new(Ty::Prim(Prim::String))));
/// assert_eq!(tys[1], &Ty::Enum("microsoft.graph.thinglevel".into()));
/// assert_eq!(tys[2], &Ty::Json); // no page documents `person`
/// ```
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
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let table = "|Property|Type|Description|\n|:---|:---|:---|\n";
/// let thing = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n{table}\
///                      |id|String|Id.|\n|name|String|The name.|\n");
/// let update = format!("---\ndoc_type: apiPageType\n---\n# Update thing\n\n## HTTP request\n\
///                       ```http\nPATCH /things/{{id}}\n```\n## Request body\n{table}|name|String|New name.|\n");
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", thing), Source::new("api/thing-update.md", update)]);
/// let (model, _) = build_model(&pages);
/// let patch = model.types["microsoft.graph.thing"].patch.as_ref().unwrap();
/// assert_eq!((patch.fields.as_slice(), patch.rust_name.as_str()), (["name".to_string()].as_slice(), "ThingPatch"));
/// assert_eq!((&*patch.origins[0].file, patch.origins[0].pos.line), ("api/thing-update.md", 8));
/// ```
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
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n\
///             |level|String|Possible values are: `low`, `high`, `unknownFutureValue`.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let level = &model.enums["microsoft.graph.thinglevel"];
/// assert_eq!((&*level.name, &*level.namespace, &*level.rust_name), ("thingLevel", "microsoft.graph", "ThingLevel"));
/// assert!(level.named_by_generator); // from owner and property: the page gives no name
/// assert_eq!(level.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["low", "high", "unknownFutureValue"]);
/// assert_eq!(level.origin.pos.line, 8);
/// ```
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
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: enumPageType\n---\n# skillLevel enum type\n\n## Members\n\
///             |Member|Description|\n|:---|:---|\n|low|Not much.|\n|unknownFutureValue|Sentinel.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/skilllevel.md", page)]);
/// let (model, _) = build_model(&pages);
/// let level = &model.enums["microsoft.graph.skilllevel"];
/// assert!(!level.named_by_generator);
/// let m = &level.members[1];
/// assert_eq!((&*m.name, &*m.rust_name, &*m.description), ("unknownFutureValue", "UnknownFutureValue", "Sentinel."));
/// ```
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
///
/// ```
/// use graphdoc_codegen::model::Ty;
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let get = "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## HTTP request\n```http\nGET /things/{id}\n\
///            ```\n## Response\nIf successful, this method returns a `200 OK` response code and a \
///            [thing](../resources/thing.md) object in the response body.\n";
/// let thing = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n|Property|Type|Description|\n|-|-|-|\n|id|String|Id.|\n";
/// let (pages, _) = parse_pages(&[Source::new("api/thing-get.md", get), Source::new("resources/thing.md", thing)]);
/// let (model, _) = build_model(&pages);
/// let op = &model.operations[0];
/// assert_eq!((&*op.method, &*op.paths, &*op.title), ("GET", ["/things/{id}".to_string()].as_slice(), "Get thing"));
/// assert_eq!((op.target.as_deref(), op.status, op.request_body.len()), (Some("microsoft.graph.thing"), Some(200), 0));
/// assert_eq!(op.response, Some(Ty::Struct("microsoft.graph.thing".into())));
/// assert_eq!((&*op.origin.file, op.origin.pos.line), ("api/thing-get.md", 8)); // the request line
/// ```
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
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let table = "|Property|Type|Description|\n|:---|:---|:---|\n";
    /// let item = format!("---\ndoc_type: resourcePageType\n---\n# item resource type\n\n{table}|id|String|Id.|\n");
    /// let thing = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///                      Inherits from [item](item.md).\n\n{table}|name|String|The name.|\n");
    /// let (pages, _) = parse_pages(&[Source::new("resources/item.md", item), Source::new("resources/thing.md", thing)]);
    /// let (model, _) = build_model(&pages);
    /// assert_eq!(model.types["microsoft.graph.thing"].properties.len(), 2); // `id` and `name`
    /// assert_eq!(model.property_count(), 2); // `id` is counted for `item` only
    /// ```
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

    /// The error for a name that names no type or enum (see [`keys_named`](Self::keys_named)),
    /// or `None` when it names one: what the CLI's `--type` and `Builder::types` report.
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// assert_eq!(model.unknown_name("Thing"), None);
    /// assert_eq!(
    ///     model.unknown_name("thnig").as_deref(),
    ///     Some("no type or enum named `thnig` in the pages; they define `thing`")
    /// );
    /// ```
    pub fn unknown_name(&self, name: &str) -> Option<String> {
        self.keys_named(name).next().is_none().then(|| {
            format!(
                "no type or enum named `{name}` in the pages; they define {}",
                self.some_names()
            )
        })
    }

    /// The Graph names of the first dozen types and enums, for a message about a name that
    /// [`keys_named`](Self::keys_named) does not find: `` `a`, `b` and 3 more `` (or "no type or
    /// enum").
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// assert_eq!(model.some_names(), "`thing`");
    /// ```
    pub fn some_names(&self) -> String {
        const SHOWN: usize = 12;
        let names: Vec<String> = self
            .types
            .values()
            .map(|t| format!("`{}`", t.name))
            .chain(self.enums.values().map(|e| format!("`{}`", e.name)))
            .collect();
        if names.is_empty() {
            return "no type or enum".to_string();
        }
        let more = names.len().saturating_sub(SHOWN);
        let mut known = names.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
        if more > 0 {
            known.push_str(&format!(" and {more} more"));
        }
        known
    }
}
