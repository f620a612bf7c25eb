//! Checks that need the whole model: each example body against the type it should read as.

use serde_json::Value;

use super::{is_placeholder, Example, Model, Prim, Ty};
use crate::diagnostic::{Diagnostics, Kind, LineIndex, Pos};
use crate::parse::lenient_json;

/// Reports example values the generated types cannot read (`example-type`) and enum values the
/// docs do not list (`undocumented-value`), at the value's line and column. Members the type does
/// not document are fine (`additional_data` keeps them); `null` fits every type; placeholder
/// strings are already reported as such and are skipped. Strings of GUIDs, dates, times,
/// durations and base64 must have their type's text form (`formats`).
pub(crate) fn examples(model: &Model, diags: &mut Diagnostics) {
    for ex in &model.examples {
        let Some(target) = &ex.target else {
            continue;
        };
        if ex.unreadable {
            continue;
        }
        let Ok((body, _)) = lenient_json::parse(&ex.body) else {
            continue;
        };
        let mut check = Check {
            model,
            path: Vec::new(),
            found: Vec::new(),
        };
        let ty = Ty::Struct(target.clone());
        match (&body, ex.collection) {
            (Value::Object(m), true) if m.get("value").is_some_and(Value::is_array) => {
                check.path.push(Step::Key("value".into()));
                check.value(&Ty::Collection(Box::new(ty)), &m["value"]);
            }
            (Value::Array(_), true) => check.value(&Ty::Collection(Box::new(ty)), &body),
            _ => check.value(&ty, &body),
        }
        for (path, kind, message) in check.found {
            let pos = position(ex, &path);
            diags.warn(&ex.origin.file, pos, kind, message);
        }
    }
}

/// One step of a path into a JSON value.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

struct Check<'a> {
    model: &'a Model,
    path: Vec<Step>,
    found: Vec<(Vec<Step>, Kind, String)>,
}

impl Check<'_> {
    fn value(&mut self, ty: &Ty, v: &Value) {
        if v.is_null() || matches!(v, Value::String(s) if is_placeholder(s)) {
            return;
        }
        match ty {
            Ty::Json | Ty::Prim(Prim::Json) => {}
            Ty::Prim(p) => {
                if !fits(*p, v) {
                    self.mismatch(&format!("Edm.{}", p.edm_name()), expected(*p), v);
                }
            }
            Ty::Enum(key) => {
                let Some(e) = self.model.enums.get(key) else {
                    return;
                };
                match v {
                    Value::String(s) => {
                        // Flag enums are written `"a,b"`: each part must be a member.
                        let documented = s
                            .split(',')
                            .all(|part| e.members.iter().any(|m| m.name == part.trim()));
                        if !documented {
                            let message = format!(
                                "`{}` is `{s:?}`, not a documented value of `{}`: it reads as `Other`",
                                self.shown_path(),
                                e.name
                            );
                            self.found
                                .push((self.path.clone(), Kind::UndocumentedValue, message));
                        }
                    }
                    _ => self.mismatch(&e.name, "a string", v),
                }
            }
            Ty::Collection(inner) => match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.path.push(Step::Index(i));
                        self.value(inner, item);
                        self.path.pop();
                    }
                }
                _ => self.mismatch(&format!("Collection({})", self.name(inner)), "an array", v),
            },
            Ty::Struct(key) => {
                let Some(def) = self.model.types.get(key) else {
                    return;
                };
                let Value::Object(members) = v else {
                    return self.mismatch(&def.name, "an object", v);
                };
                // A derived type named by `@odata.type` documents more members.
                let def = members
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .map(|t| t.trim_start_matches('#').to_ascii_lowercase())
                    .and_then(|k| self.model.types.get(&k))
                    .unwrap_or(def);
                for (name, member) in members {
                    // `@odata.type`, `property@odata.navigationLink`: annotations, not properties.
                    if name.contains('@') {
                        continue;
                    }
                    let Some(p) = def.properties.iter().find(|p| p.name == *name) else {
                        continue;
                    };
                    self.path.push(Step::Key(name.clone()));
                    self.value(&p.ty, member);
                    self.path.pop();
                }
            }
        }
    }

    fn mismatch(&mut self, type_name: &str, expected: &str, v: &Value) {
        let message = format!(
            "`{}` is {}, but its type `{type_name}` needs {expected}: the generated type cannot read this example",
            self.shown_path(),
            describe(v)
        );
        self.found
            .push((self.path.clone(), Kind::ExampleType, message));
    }

    fn name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Prim(p) => format!("Edm.{}", p.edm_name()),
            Ty::Struct(k) => self
                .model
                .types
                .get(k)
                .map_or(k.clone(), |t| t.name.clone()),
            Ty::Enum(k) => self
                .model
                .enums
                .get(k)
                .map_or(k.clone(), |e| e.name.clone()),
            Ty::Collection(inner) => format!("Collection({})", self.name(inner)),
            Ty::Json => "Json".into(),
        }
    }

    /// `value[0].createdBy.user`, or `(body)` for the whole body.
    fn shown_path(&self) -> String {
        let mut s = String::new();
        for step in &self.path {
            match step {
                Step::Key(k) if s.is_empty() => s.push_str(k),
                Step::Key(k) => {
                    s.push('.');
                    s.push_str(k);
                }
                Step::Index(i) => s.push_str(&format!("[{i}]")),
            }
        }
        if s.is_empty() {
            s.push_str("(body)");
        }
        s
    }
}

/// Whether the generated Rust type for `p` reads `v` (serde_json's rules for the mapped type).
fn fits(p: Prim, v: &Value) -> bool {
    let int_in = |min: i64, max: i64| v.as_i64().is_some_and(|n| (min..=max).contains(&n));
    match p {
        Prim::Boolean => v.is_boolean(),
        Prim::Byte => int_in(0, u8::MAX.into()),
        Prim::SByte => int_in(i8::MIN.into(), i8::MAX.into()),
        Prim::Int16 => int_in(i16::MIN.into(), i16::MAX.into()),
        Prim::Int32 => int_in(i32::MIN.into(), i32::MAX.into()),
        Prim::Int64 => v.as_i64().is_some(),
        Prim::Single | Prim::Double => v.is_number(),
        Prim::Guid
        | Prim::Date
        | Prim::DateTimeOffset
        | Prim::TimeOfDay
        | Prim::Duration
        | Prim::Binary => v.as_str().is_some_and(|s| super::formats::fits(p, s)),
        Prim::Json => true,
        Prim::String | Prim::Stream => v.is_string(),
    }
}

fn expected(p: Prim) -> &'static str {
    match p {
        Prim::Boolean => "`true` or `false`",
        Prim::Byte => "an integer from 0 to 255",
        Prim::SByte => "an integer from -128 to 127",
        Prim::Int16 => "a 16-bit integer",
        Prim::Int32 => "a 32-bit integer",
        Prim::Int64 => "a 64-bit integer",
        Prim::Single | Prim::Double => "a number",
        _ => super::formats::example(p),
    }
}

fn describe(v: &Value) -> String {
    let short = |s: String| {
        if s.chars().count() > 40 {
            format!("{}...", s.chars().take(40).collect::<String>())
        } else {
            s
        }
    };
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string `{}`", short(format!("{s:?}"))),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Where in the page the value at `path` starts: found by walking the body text, else the body's
/// start.
fn position(ex: &Example, path: &[Step]) -> Pos {
    let Some(offset) = locate(&ex.body, path) else {
        return ex.origin.pos;
    };
    let at = LineIndex::default().pos(&ex.body, offset);
    Pos {
        line: ex.origin.pos.line + at.line - 1,
        col: if at.line == 1 {
            ex.origin.pos.col + at.col - 1
        } else {
            at.col
        },
    }
}

/// Byte offset of the value at `path` in the (possibly lenient) JSON `text`: walks strings,
/// comments, bare keys and `...` placeholders the way the lenient reader does, and gives up
/// (`None`) on anything it does not understand.
fn locate(text: &str, path: &[Step]) -> Option<usize> {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    s.skip_ws();
    for step in path {
        match (step, s.peek()?) {
            (Step::Key(key), b'{') => {
                s.i += 1;
                loop {
                    s.skip_ws();
                    match s.peek()? {
                        b'}' => return None,
                        b',' => {
                            s.i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    let name = s.key()?;
                    s.skip_ws();
                    (s.peek()? == b':').then_some(())?;
                    s.i += 1;
                    s.skip_ws();
                    if name == *key {
                        break;
                    }
                    s.skip_value()?;
                }
            }
            (Step::Index(n), b'[') => {
                s.i += 1;
                let mut seen = 0;
                loop {
                    s.skip_ws();
                    match s.peek()? {
                        b']' => return None,
                        b',' => {
                            s.i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    if s.ellipsis() {
                        continue;
                    }
                    if seen == *n {
                        break;
                    }
                    s.skip_value()?;
                    seen += 1;
                }
            }
            _ => return None,
        }
    }
    Some(s.i)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.b.get(self.i + 1)) {
                (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => self.i += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.i += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.i += 2;
                    while self.i < self.b.len() && !self.b[self.i..].starts_with(b"*/") {
                        self.i += 1;
                    }
                    self.i = (self.i + 2).min(self.b.len());
                }
                _ => return,
            }
        }
    }

    /// `...` or `…` standing for omitted elements.
    fn ellipsis(&mut self) -> bool {
        let rest = &self.b[self.i..];
        // `...` and `…` are both three bytes.
        if !rest.starts_with(b"...") && !rest.starts_with("\u{2026}".as_bytes()) {
            return false;
        }
        let len = 3;
        self.i += len;
        while self.peek() == Some(b'.') {
            self.i += 1;
        }
        true
    }

    /// A quoted or bare key, unescaped only as far as comparison needs.
    fn key(&mut self) -> Option<String> {
        if self.peek()? == b'"' {
            let start = self.i;
            self.skip_string()?;
            let raw = std::str::from_utf8(&self.b[start..self.i]).ok()?;
            serde_json::from_str(raw).ok()
        } else {
            let start = self.i;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || b"_$@.-".contains(&c))
            {
                self.i += 1;
            }
            (self.i > start).then(|| String::from_utf8_lossy(&self.b[start..self.i]).into_owned())
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.i += 1;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                _ => self.i += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.i += 1;
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        c if c == close => {
                            self.i += 1;
                            return Some(());
                        }
                        b',' | b':' => self.i += 1,
                        _ if self.ellipsis() => {}
                        b'"' | b'{' | b'[' => self.skip_value()?,
                        _ => self.skip_scalar()?,
                    }
                }
            }
            _ => self.skip_scalar(),
        }
    }

    /// A number, `true`, `false`, `null` or a bare key.
    fn skip_scalar(&mut self) -> Option<()> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| !matches!(c, b',' | b':' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.i += 1;
        }
        (self.i > start).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_model, parse_pages, Diagnostic, Source};

    const THING: &str = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|count|Int32|How many.|\n|id|Guid|The key.|\n|level|skillLevel|How good. Possible values are: `low`, `high`.|\n|owner|[part](part.md)|Who.|\n|parts|[part](part.md) collection|Parts.|\n|tags|String collection|Tags.|\n\n## JSON representation\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.thing\"\n}-->\n```json\n{\"count\": 1}\n```\n";
    const PART: &str = "---\ndoc_type: resourcePageType\n---\n# part resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|Name.|\n|ok|Boolean|Fine.|\n";

    fn check(body: &str) -> Vec<Diagnostic> {
        let api = format!(
            "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Response\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n```json\n{body}\n```\n"
        );
        let (pages, _) = parse_pages(&[
            Source::new("resources/thing.md", THING),
            Source::new("resources/part.md", PART),
            Source::new("api/thing-get.md", api),
        ]);
        let (model, _) = build_model(&pages);
        let mut diags = Diagnostics::default();
        examples(&model, &mut diags);
        diags.items
    }

    fn found(body: &str) -> Vec<(u32, u32, Kind, String)> {
        check(body)
            .into_iter()
            .map(|d| (d.pos.line, d.pos.col, d.kind, d.message))
            .collect()
    }

    #[test]
    fn values_that_fit_are_not_reported() {
        let body = r##"{
  "count": 3, "id": "67e55044-10b1-426f-9247-bb680e5fe0c8", "level": "low,high",
  "owner": {"name": "a", "ok": true, "extra": 1}, "parts": [], "tags": ["x", null],
  "unknown": {"anything": 1}, "tags@odata.type": "#Collection(String)", "count2": "x"
}"##;
        assert_eq!(found(body), []);
        // Placeholders are reported elsewhere; null fits everything.
        assert_eq!(found(r#"{"count": "Int32", "owner": null}"#), []);
    }

    #[test]
    fn mismatches_name_the_value_and_where_it_is() {
        let body = "{\n  \"count\": 2.5,\n  \"parts\": [\n    {\"name\": \"a\"},\n    {\"ok\": \"yes\"}\n  ],\n  \"level\": \"medium\",\n  \"tags\": \"x\"\n}";
        let f = found(body);
        // The body starts on line 9 of the page.
        assert_eq!(
            f,
            [
                (
                    10,
                    12,
                    Kind::ExampleType,
                    "`count` is the number `2.5`, but its type `Edm.Int32` needs a 32-bit integer: the generated type cannot read this example".to_string()
                ),
                (
                    15,
                    12,
                    Kind::UndocumentedValue,
                    "`level` is `\"medium\"`, not a documented value of `skillLevel`: it reads as `Other`".to_string()
                ),
                (
                    13,
                    12,
                    Kind::ExampleType,
                    "`parts[1].ok` is the string `\"yes\"`, but its type `Edm.Boolean` needs `true` or `false`: the generated type cannot read this example".to_string()
                ),
                (
                    16,
                    11,
                    Kind::ExampleType,
                    "`tags` is the string `\"x\"`, but its type `Collection(Edm.String)` needs an array: the generated type cannot read this example".to_string()
                ),
            ]
        );
    }

    #[test]
    fn locate_walks_lenient_json() {
        let text = "{ // c\n  owner: {\"a\": [1, ..., {\"b\": \"}\"}, 3]},\n  \"x\\\"y\": 2, }";
        let at = |path: &[Step]| locate(text, path).map(|i| &text[i..i + 1]);
        use Step::{Index, Key};
        assert_eq!(
            at(&[Key("owner".into()), Key("a".into()), Index(2)]),
            Some("3")
        );
        assert_eq!(
            at(&[
                Key("owner".into()),
                Key("a".into()),
                Index(1),
                Key("b".into())
            ]),
            Some("\"")
        );
        assert_eq!(at(&[Key("x\"y".into())]), Some("2"));
        assert_eq!(at(&[Key("nope".into())]), None);
        assert_eq!(locate("[1", &[Index(3)]), None);
    }
}
