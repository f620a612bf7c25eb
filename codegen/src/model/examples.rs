//! Example bodies: which type each request, response or example block should read as, and placeholder detection.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{Operation, Origin, TypeDef};
use crate::diagnostic::{Diagnostics, Kind};
use crate::parse::{lenient_json, Page, PageKind};

/// What an example block is.
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
    let lower = t.to_ascii_lowercase();
    TYPE_NAMES.contains(&lower.as_str())
        || lower.starts_with("string (")
        || lower.starts_with("edm.")
        || lower.starts_with("<unknown primitive type")
        || (lower.ends_with(" value")
            && t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.len() < 60)
        || (lower.ends_with("-value") && !lower.contains(' '))
}

fn scan(v: &Value, found: &mut Vec<String>, count: &mut usize) {
    match v {
        Value::String(s) if is_placeholder(s) => {
            *count += 1;
            if found.len() < 3 && !found.contains(s) {
                found.push(s.clone());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| scan(x, found, count)),
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| !k.starts_with('@'))
            .for_each(|(_, x)| scan(x, found, count)),
        _ => {}
    }
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
            let mut placeholders = Vec::new();
            let mut count = 0;
            let unreadable = match lenient_json::parse(body) {
                Ok((v, _)) => {
                    scan(&v, &mut placeholders, &mut count);
                    false
                }
                Err(e) => {
                    let pos = crate::diagnostic::LineIndex::new(body).pos(body, e.offset);
                    let line = origin.pos.line + pos.line - 1;
                    diags.warn(
                        &page.path,
                        crate::diagnostic::Pos { line, col: pos.col },
                        Kind::BadJson,
                        format!("example body is not JSON ({}): not validated", e.message),
                    );
                    true
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
