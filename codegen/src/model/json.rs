//! The model as JSON with a stable, documented shape (`graphdoc model`), so that a change of the
//! model can be reviewed as a diff.

use serde::Serialize;

use super::{EnumDef, Example, ExampleKind, Model, Operation, Property, Ty, TypeDef};

/// The value of `"format"`; bumped whenever a field changes meaning or disappears.
///
/// ```
/// let json = graphdoc_codegen::Model::default().to_json();
/// assert!(json.contains(graphdoc_codegen::model::JSON_FORMAT));
/// ```
pub const FORMAT: &str = "graphdoc-model/1";

impl Model {
    /// The model as pretty-printed JSON (two-space indent, trailing newline) in the shape below.
    /// The output depends only on the pages and the paths they were given as: types and enums are
    /// sorted by lowercase qualified name, operations and examples follow the pages (sorted by
    /// path), properties and enum members keep their documented order, and no position other
    /// than an example's line is included, so editing one page changes only what it documents.
    ///
    /// ```text
    /// {
    ///   "format": "graphdoc-model/1",
    ///   "pages": 14,                              // pages read
    ///   "types": [{                               // resources and complex types
    ///     "name": "microsoft.graph.skillProficiency",
    ///     "rust": "SkillProficiency",             // the generated struct
    ///     "base": "microsoft.graph.itemFacet",    // or null
    ///     "source": "docs/resources/skillproficiency.md",
    ///     "description": "...",
    ///     "properties": [{                        // as generated: inherited ones first
    ///       "name": "displayName",                // the JSON member
    ///       "rust": "display_name",               // the field
    ///       "type": "Edm.String",                 // see below
    ///       "read_only": false,
    ///       "relationship": false,
    ///       "boxed": false,                       // the field is boxed to break a cycle
    ///       "declared_by": "microsoft.graph.skillProficiency",
    ///       "source": "docs/resources/skillproficiency.md",
    ///       "description": "..."
    ///     }],
    ///     "patch": {                              // or null: no update page
    ///       "rust": "SkillProficiencyPatch",
    ///       "fields": ["categories", "displayName"],   // JSON members, property order
    ///       "sources": ["docs/api/skillproficiency-update.md"]
    ///     }
    ///   }],
    ///   "enums": [{
    ///     "name": "microsoft.graph.skillProficiencyLevel",
    ///     "rust": "SkillProficiencyLevel",
    ///     "source": "docs/resources/skillproficiency.md",
    ///     "named_by_generator": false,            // true: the docs gave no name
    ///     "members": [{ "value": "elementary", "rust": "Elementary", "description": "" }]
    ///   }],
    ///   "operations": [{
    ///     "method": "PATCH",
    ///     "paths": ["/me/profile/skills/{id}"],
    ///     "title": "Update skillProficiency",
    ///     "target": "microsoft.graph.skillProficiency",     // or null
    ///     "response": "microsoft.graph.skillProficiency",   // a type, or null
    ///     "status": 200,                                    // or null
    ///     "source": "docs/api/skillproficiency-update.md",
    ///     "request_body": [{ "name": "displayName", "type": "Edm.String", "description": "..." }]
    ///   }],
    ///   "examples": [{
    ///     "kind": "request",                      // "request", "response" or "example"
    ///     "source": "docs/api/skillproficiency-update.md:70",   // where the body starts
    ///     "type": "microsoft.graph.skillProficiency",           // or null: not known
    ///     "patch": true,                          // reads as the patch type
    ///     "collection": false,                    // a `{"value": [...]}` of the type
    ///     "placeholders": 0,                      // placeholder values such as "String"
    ///     "readable": true                        // false: not JSON even leniently
    ///   }]
    /// }
    /// ```
    ///
    /// A `"type"` is `Edm.<Name>` for a primitive (`Edm.Int32`, `Edm.DateTimeOffset`), the
    /// qualified name of a type or enum, `Collection(<type>)`, or `Json` for untyped JSON (also
    /// what a type no page defines becomes).
    ///
    /// ```
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///             |Property|Type|Description|\n|:--|:--|:--|\n|tags|String collection|Tags.|\n";
    /// let (pages, _) = graphdoc_codegen::parse_pages(&[graphdoc_codegen::Source::new("thing.md", page)]);
    /// let (model, _) = graphdoc_codegen::build_model(&pages);
    /// let json: serde_json::Value = serde_json::from_str(&model.to_json()).unwrap();
    /// assert_eq!(json["format"], "graphdoc-model/1");
    /// assert_eq!(json["types"][0]["name"], "microsoft.graph.thing");
    /// assert_eq!(json["types"][0]["properties"][0]["type"], "Collection(Edm.String)");
    /// ```
    pub fn to_json(&self) -> String {
        let view = ModelView {
            format: FORMAT,
            pages: self.pages,
            types: self.types.values().map(|t| self.type_view(t)).collect(),
            enums: self.enums.values().map(enum_view).collect(),
            operations: self
                .operations
                .iter()
                .map(|o| self.operation_view(o))
                .collect(),
            examples: self.examples.iter().map(|e| self.example_view(e)).collect(),
        };
        let mut out = serde_json::to_string_pretty(&view).expect("the view has string keys only");
        out.push('\n');
        out
    }

    /// `microsoft.graph.skillProficiency` for a key, as the docs spell it.
    fn qualified(&self, key: &str) -> String {
        let (ns, name) = match (self.types.get(key), self.enums.get(key)) {
            (Some(t), _) => (&t.namespace, &t.name),
            (None, Some(e)) => (&e.namespace, &e.name),
            (None, None) => return key.to_string(),
        };
        format!("{ns}.{name}")
    }

    fn ty(&self, ty: &Ty) -> String {
        match ty {
            Ty::Prim(p) => format!("Edm.{}", p.edm_name()),
            Ty::Struct(k) | Ty::Enum(k) => self.qualified(k),
            Ty::Collection(inner) => format!("Collection({})", self.ty(inner)),
            Ty::Json => "Json".to_string(),
        }
    }

    fn type_view<'a>(&self, t: &'a TypeDef) -> TypeView<'a> {
        TypeView {
            name: format!("{}.{}", t.namespace, t.name),
            rust: &t.rust_name,
            base: t.base.as_deref().map(|b| self.qualified(b)),
            source: &t.origin.file,
            description: &t.description,
            properties: t
                .properties
                .iter()
                .map(|p| PropertyView {
                    name: &p.name,
                    rust: &p.rust_name,
                    ty: self.ty(&p.ty),
                    read_only: p.read_only,
                    relationship: p.relationship,
                    boxed: p.boxed,
                    declared_by: self.qualified(&p.declared_by),
                    source: &p.origin.file,
                    description: &p.description,
                })
                .collect(),
            patch: t.patch.as_ref().map(|p| PatchView {
                rust: &p.rust_name,
                fields: &p.fields,
                sources: p.origins.iter().map(|o| &*o.file).collect(),
            }),
        }
    }

    fn operation_view<'a>(&self, o: &'a Operation) -> OperationView<'a> {
        OperationView {
            method: &o.method,
            paths: &o.paths,
            title: &o.title,
            target: o.target.as_deref().map(|t| self.qualified(t)),
            response: o.response.as_ref().map(|t| self.ty(t)),
            status: o.status,
            source: &o.origin.file,
            request_body: o.request_body.iter().map(|p| self.body_view(p)).collect(),
        }
    }

    fn body_view<'a>(&self, p: &'a Property) -> BodyPropertyView<'a> {
        BodyPropertyView {
            name: &p.name,
            ty: self.ty(&p.ty),
            description: &p.description,
        }
    }

    fn example_view(&self, e: &Example) -> ExampleView {
        ExampleView {
            kind: e.kind,
            source: format!("{}:{}", e.origin.file, e.origin.pos.line),
            ty: e.target.as_deref().map(|t| self.qualified(t)),
            patch: e.patch,
            collection: e.collection,
            placeholders: e.placeholder_count,
            readable: !e.unreadable,
        }
    }
}

fn enum_view(e: &EnumDef) -> EnumView<'_> {
    EnumView {
        name: format!("{}.{}", e.namespace, e.name),
        rust: &e.rust_name,
        source: &e.origin.file,
        named_by_generator: e.named_by_generator,
        members: e
            .members
            .iter()
            .map(|m| MemberView {
                value: &m.name,
                rust: &m.rust_name,
                description: &m.description,
            })
            .collect(),
    }
}

// The views below are the documented shape; the model's own structs may change freely.

#[derive(Serialize)]
struct ModelView<'a> {
    format: &'static str,
    pages: usize,
    types: Vec<TypeView<'a>>,
    enums: Vec<EnumView<'a>>,
    operations: Vec<OperationView<'a>>,
    examples: Vec<ExampleView>,
}

#[derive(Serialize)]
struct TypeView<'a> {
    name: String,
    rust: &'a str,
    base: Option<String>,
    source: &'a str,
    description: &'a str,
    properties: Vec<PropertyView<'a>>,
    patch: Option<PatchView<'a>>,
}

#[derive(Serialize)]
struct PropertyView<'a> {
    name: &'a str,
    rust: &'a str,
    #[serde(rename = "type")]
    ty: String,
    read_only: bool,
    relationship: bool,
    boxed: bool,
    declared_by: String,
    source: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct PatchView<'a> {
    rust: &'a str,
    fields: &'a [String],
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct EnumView<'a> {
    name: String,
    rust: &'a str,
    source: &'a str,
    named_by_generator: bool,
    members: Vec<MemberView<'a>>,
}

#[derive(Serialize)]
struct MemberView<'a> {
    value: &'a str,
    rust: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct OperationView<'a> {
    method: &'a str,
    paths: &'a [String],
    title: &'a str,
    target: Option<String>,
    response: Option<String>,
    status: Option<u16>,
    source: &'a str,
    request_body: Vec<BodyPropertyView<'a>>,
}

#[derive(Serialize)]
struct BodyPropertyView<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: String,
    description: &'a str,
}

#[derive(Serialize)]
struct ExampleView {
    kind: ExampleKind,
    source: String,
    #[serde(rename = "type")]
    ty: Option<String>,
    patch: bool,
    collection: bool,
    placeholders: usize,
    readable: bool,
}
