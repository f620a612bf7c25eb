//! Example bodies: which type each request, response or example block should read as, and placeholder detection.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Operation, Origin, TypeDef};
use crate::diagnostic::{Diagnostics, Kind};
use crate::parse::{lenient_json, prose, Page, PageKind};

/// What an example block is.
///
/// ```
/// use graphdoc_codegen::model::ExampleKind;
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let api = "---\ndoc_type: apiPageType\n---\n# Create thing\n\n## Example\n\
///            <!-- { \"blockType\": \"request\" } -->\n```http\nPOST /things\n\n{\"size\": 3}\n```\n\
///            <!-- { \"blockType\": \"response\" } -->\n```json\n{\"size\": 3}\n```\n";
/// let (pages, _) = parse_pages(&[Source::new("api/thing-create.md", api)]);
/// let (model, _) = build_model(&pages);
/// let kinds: Vec<ExampleKind> = model.examples.iter().map(|e| e.kind).collect();
/// assert_eq!(kinds, [ExampleKind::Request, ExampleKind::Response]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    /// A request body.
    Request,
    /// A response body.
    Response,
    /// A free-standing example (`blockType: example`).
    Example,
}

/// A JSON body from the docs and the type it should read as.
///
/// ```
/// use graphdoc_codegen::model::ExampleKind;
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n\n\
///             <!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\
///             ```json\n{\"name\": \"String\"}\n```\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let ex = &model.examples[0];
/// assert_eq!((ex.kind, ex.page_is_api, ex.target.as_deref()), (ExampleKind::Example, false, Some("microsoft.graph.thing")));
/// assert_eq!((ex.body.as_str(), ex.patch, ex.collection), ("{\"name\": \"String\"}\n", false, false));
/// assert_eq!((ex.placeholders.clone(), ex.placeholder_count), (vec!["String".to_string()], 1));
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    /// Request, response or example.
    pub kind: ExampleKind,
    /// Kind of page it is on.
    pub page_is_api: bool,
    /// Where the body starts.
    pub origin: Origin,
    /// The key of the type the body holds, when known.
    pub target: Option<String>,
    /// The body is an update: read it as the target's patch type.
    pub patch: bool,
    /// The body is `{"value": [...]}` of the target.
    pub collection: bool,
    /// The body text.
    pub body: String,
    /// Placeholder values found (`"String"`, `"Date"`, `"Display Name value"`), at most a few.
    pub placeholders: Vec<String>,
    /// Number of placeholder values.
    pub placeholder_count: usize,
    /// The body could not be read as JSON, even leniently.
    pub unreadable: bool,
}

/// A string that stands for a type or a made-up value rather than data.
///
/// ```
/// use graphdoc_codegen::model::is_placeholder;
/// assert!(is_placeholder("String"));
/// assert!(is_placeholder("String (timestamp)"));
/// assert!(is_placeholder("Display Name value"));
/// assert!(!is_placeholder("advancedProfessional"));
/// ```
pub fn is_placeholder(s: &str) -> bool {
    const TYPE_NAMES: &[&str] = &[
        "string",
        "boolean",
        "bool",
        "int32",
        "int64",
        "int16",
        "integer",
        "int",
        "double",
        "single",
        "float",
        "decimal",
        "guid",
        "date",
        "datetime",
        "datetimeoffset",
        "timeofday",
        "duration",
        "binary",
        "stream",
        "byte",
        "number",
        "timestamp",
        "url",
        "enum",
    ];
    let t = s.trim();
    // Called for every string of every example: no allocation.
    let starts = |p| prose::starts_with_ci(t, p);
    let ends = |p| prose::ends_with_ci(t, p);
    // Most strings are data, longer than any type name: those skip the list.
    const LONGEST: usize = {
        let (mut n, mut i) = (0, 0);
        while i < TYPE_NAMES.len() {
            if TYPE_NAMES[i].len() > n {
                n = TYPE_NAMES[i].len();
            }
            i += 1;
        }
        n
    };
    (t.len() <= LONGEST && TYPE_NAMES.iter().any(|n| t.eq_ignore_ascii_case(n)))
        || starts("string (")
        || starts("edm.")
        || starts("<unknown primitive type")
        || (ends(" value") && t.starts_with(|c: char| c.is_ascii_uppercase()) && t.len() < 60)
        || (ends("-value") && !t.contains(' '))
}

/// The placeholder strings of a JSON body, gathered while serde_json reads it: no `Value` tree is
/// built, because the model only needs the verdict (and most bodies have none).
#[derive(Default)]
struct Placeholders {
    count: usize,
    /// The first few distinct ones, in document order.
    first: Vec<String>,
}

impl Placeholders {
    fn add(&mut self, s: &str) {
        self.count += 1;
        if self.first.len() < 3 && !self.first.iter().any(|f| f == s) {
            self.first.push(s.to_string());
        }
    }
}

impl<'de> serde::Deserialize<'de> for Placeholders {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut found = Placeholders::default();
        d.deserialize_any(Gather(&mut found))?;
        Ok(found)
    }
}

/// Reads one JSON value into the tally it holds: nested values add to one tally in document
/// order, rather than each returning its own to be merged.
struct Gather<'a>(&'a mut Placeholders);

impl<'de> serde::de::DeserializeSeed<'de> for Gather<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Gather<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        if is_placeholder(s) {
            self.0.add(s);
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Gather(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Annotations (`@odata.type`: "#microsoft.graph.x") are not data.
        while let Some(IsAnnotation(annotation)) = map.next_key()? {
            if annotation {
                map.next_value::<serde::de::IgnoredAny>()?;
            } else {
                map.next_value_seed(Gather(&mut *self.0))?;
            }
        }
        Ok(())
    }
}

/// Whether an object key is an annotation (`@odata.type`), read without allocating.
struct IsAnnotation(bool);

impl<'de> serde::Deserialize<'de> for IsAnnotation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IsAnnotation;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, s: &str) -> Result<IsAnnotation, E> {
                Ok(IsAnnotation(s.starts_with('@')))
            }
        }
        d.deserialize_str(V)
    }
}

/// The type a body names in its own `@odata.type` (or the first item's, for a `value` list), and
/// whether it is a list. Read only for bodies no annotation or operation types.
fn body_tag(body: &str) -> Option<(String, bool)> {
    let (value, _) = lenient_json::parse(body).ok()?;
    let tag = |v: &serde_json::Value| {
        v.get("@odata.type")?
            .as_str()
            .map(|t| t.trim().trim_start_matches('#').to_string())
    };
    if let Some(t) = tag(&value) {
        return Some((t, false));
    }
    let first = match &value {
        serde_json::Value::Array(items) => items.first(),
        v => v.get("value")?.as_array()?.first(),
    };
    Some((tag(first?)?, true))
}

pub(super) fn collect(
    pages: &[Page],
    types: &BTreeMap<String, TypeDef>,
    ops: &[Operation],
    struct_key: &dyn Fn(&str) -> Option<String>,
    diags: &mut Diagnostics,
) -> Vec<Example> {
    let mut out = Vec::new();
    let mut op_iter = ops.iter();
    for page in pages {
        let op = if page.kind == PageKind::Api && !page.templates.is_empty() {
            op_iter.next()
        } else {
            None
        };
        for ex in &page.examples {
            let kind = match ex.block_type.as_str() {
                "request" => ExampleKind::Request,
                "response" => ExampleKind::Response,
                "example" => ExampleKind::Example,
                _ => continue,
            };
            let Some(body) = ex.body.as_deref() else {
                continue;
            };
            let json_like = body.trim_start().starts_with(['{', '[']);
            let is_json_type = ex
                .message
                .as_ref()
                .and_then(|m| m.content_type())
                .is_none_or(|c| c.contains("json"));
            if !json_like || !is_json_type {
                continue;
            }
            let origin = Origin {
                file: page.path.clone(),
                pos: ex.body_pos,
            };
            let annotated = ex.annotated_type();
            let mut collection = annotated.is_some_and(|(_, c)| c);
            let mut target = annotated.and_then(|(t, _)| struct_key(t));
            let mut patch = false;
            if let Some(op) = op {
                match kind {
                    ExampleKind::Request if op.method == "PATCH" => {
                        if let Some(t) = op
                            .target
                            .as_ref()
                            .filter(|t| types.get(*t).is_some_and(|d| d.patch.is_some()))
                        {
                            target = Some(t.clone());
                            patch = true;
                            collection = false;
                        }
                    }
                    ExampleKind::Request
                        if op.method == "POST" && target.is_none() && op.status == Some(201) =>
                    {
                        target = op.target.clone();
                    }
                    ExampleKind::Response if target.is_none() => {
                        if let Some(super::Ty::Struct(k)) = &op.response {
                            target = Some(k.clone());
                        } else if let Some(super::Ty::Collection(inner)) = &op.response {
                            if let super::Ty::Struct(k) = inner.as_ref() {
                                target = Some(k.clone());
                                collection = true;
                            }
                        }
                    }
                    _ => {}
                }
            }
            if target.is_none() {
                // The body may name its type: `{"@odata.type": ...}` or `{"value": [{"@odata.type": ...}]}`.
                if let Some((t, c)) = body_tag(body) {
                    target = struct_key(&t);
                    collection = c;
                }
            }
            let (
                unreadable,
                Placeholders {
                    count,
                    first: placeholders,
                },
            ) = match lenient_json::parse_as::<Placeholders>(body) {
                Ok((found, _)) => (false, found),
                Err(e) => {
                    let pos = crate::diagnostic::LineIndex::default().pos(body, e.offset);
                    let line = origin.pos.line + pos.line - 1;
                    diags.warn(
                        &page.path,
                        crate::diagnostic::Pos { line, col: pos.col },
                        Kind::BadJson,
                        format!("example body is not JSON ({}): not validated", e.message),
                    );
                    (true, Placeholders::default())
                }
            };
            if count > 0 {
                diags.warn(
                    &page.path,
                    origin.pos,
                    Kind::Placeholder,
                    format!(
                        "{} example has {count} placeholder value(s) such as `{}`: not real data, round trip not expected",
                        match kind {
                            ExampleKind::Request => "request",
                            ExampleKind::Response => "response",
                            ExampleKind::Example => "json",
                        },
                        placeholders.first().map(String::as_str).unwrap_or("")
                    ),
                );
            }
            out.push(Example {
                kind,
                page_is_api: page.kind == PageKind::Api,
                origin,
                target,
                patch,
                collection,
                body: body.to_string(),
                placeholders,
                placeholder_count: count,
                unreadable,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> (usize, Vec<String>) {
        let (p, _) = lenient_json::parse_as::<Placeholders>(body).unwrap();
        (p.count, p.first)
    }

    #[test]
    fn placeholders_are_counted_in_document_order_without_annotations() {
        let body = r#"{"@odata.type": "String", "z": "Date", "a": ["String", 1, null, true,
            {"b": "Display Name value", "c": "real"}], "d": "Double", "e": "Guid"}"#;
        let (count, first) = found(body);
        assert_eq!(count, 5);
        assert_eq!(first, ["Date", "String", "Display Name value"]);
        assert_eq!(
            found(r#"{"a": "advancedProfessional", "n": 1.5}"#),
            (0, vec![])
        );
    }

    #[test]
    fn lenient_bodies_are_scanned_too() {
        let (count, first) = found("{\n  \"a\": \"String\", // a comment\n  ...\n}");
        assert_eq!((count, first), (1, vec!["String".to_string()]));
        assert!(lenient_json::parse_as::<Placeholders>("{\"a\": }").is_err());
    }
}
