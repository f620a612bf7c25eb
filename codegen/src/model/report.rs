//! How examples fare when read into the generated types: the outcome of one example, the cause
//! of a failure, and the table that counts them per page kind.
//!
//! Reading needs the generated types compiled, which this crate cannot do; a test or a harness
//! does the reading and hands the written-back JSON here to be judged and counted, so that every
//! such test judges the same way.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::{Example, ExampleKind, Model};
use crate::diagnostic::{Diagnostic, Kind};
use crate::parse::lenient_json;

impl Example {
    /// The JSON values the example holds: the body, or each item of its `value` array when the
    /// body is a collection (`{"value": [...]}` or a bare array). An error for a body that is not
    /// JSON even when read leniently.
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    /// use serde_json::json;
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n\n## Example\n\
    ///             <!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\", \"isCollection\": true } -->\n\
    ///             ```json\n{ \"value\": [{ \"name\": \"x\", }] }\n```\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// let example = &model.examples[0];
    /// assert_eq!(example.values().unwrap(), [json!({"name": "x"})]);
    /// assert_eq!(example.rust_target(&model).as_deref(), Some("Thing"));
    /// assert_eq!(example.lines(), (14, 14));
    /// ```
    pub fn values(&self) -> Result<Vec<Value>, String> {
        let (body, _) = lenient_json::parse(&self.body).map_err(|e| e.message)?;
        Ok(match (self.collection, body) {
            (true, Value::Object(mut m)) if m.get("value").is_some_and(Value::is_array) => {
                match m.remove("value") {
                    Some(Value::Array(items)) => items,
                    _ => unreachable!("checked to be an array"),
                }
            }
            (true, Value::Array(items)) => items,
            (_, body) => vec![body],
        })
    }

    /// The Rust name of the generated type the example reads as: the patch type of an update
    /// request, the `Any…` enum of a type with derived types, or the type itself.
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let thing = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///              |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n";
    /// let update = "---\ndoc_type: apiPageType\n---\n# Update thing\n\n## HTTP request\n```http\nPATCH /things/{id}\n\
    ///               ```\n<!-- { \"blockType\": \"request\" } -->\n```http\nPATCH /things/1\n\n{\"size\": 3}\n```\n\
    ///               <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\
    ///               ```json\n{\"size\": 3}\n```\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", thing), Source::new("api/thing-update.md", update)]);
    /// let (model, _) = build_model(&pages);
    /// let (request, response) = (&model.examples[0], &model.examples[1]);
    /// assert_eq!((request.patch, request.rust_target(&model).as_deref()), (true, Some("ThingPatch")));
    /// assert_eq!((response.patch, response.rust_target(&model).as_deref()), (false, Some("Thing")));
    /// ```
    pub fn rust_target(&self, model: &Model) -> Option<String> {
        let def = model.types.get(self.target.as_ref()?)?;
        if self.patch {
            return def.patch.as_ref().map(|p| p.rust_name.clone());
        }
        Some(def.any_rust_name.as_ref().unwrap_or(&def.rust_name).clone())
    }

    /// The page lines the body spans (first and last).
    ///
    /// ```
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n\
    ///             <!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\
    ///             ```json\n{\n  \"size\": 3\n}\n```\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// assert_eq!(model.examples[0].lines(), (12, 14)); // `{` to `}`, not the fences
    /// ```
    pub fn lines(&self) -> (u32, u32) {
        let first = self.origin.pos.line;
        let more = u32::try_from(self.body.lines().count().saturating_sub(1)).unwrap_or(u32::MAX);
        (first, first.saturating_add(more))
    }
}

/// The first place where `written` differs from `read`, as a path (`value[0].name`, `(body)`);
/// `None` when they are the same JSON. A `null` member equals an absent one, and numbers compare
/// by value (`1` equals `1.0`): neither changes what a body means.
///
/// ```
/// use graphdoc_codegen::model::json_difference;
/// use serde_json::json;
///
/// assert_eq!(json_difference(&json!({"a": 1, "b": null}), &json!({"a": 1.0})), None);
/// assert_eq!(
///     json_difference(&json!({"a": [1, {"b": "x"}]}), &json!({"a": [1, {"b": "y"}]})).as_deref(),
///     Some("a[1].b")
/// );
/// ```
pub fn json_difference(read: &Value, written: &Value) -> Option<String> {
    let mut path = String::new();
    if differs(read, written, &mut path) {
        if path.is_empty() {
            path.push_str("(body)");
        }
        Some(path)
    } else {
        None
    }
}

fn differs(a: &Value, b: &Value, path: &mut String) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().any(|k| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                let d = differs(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    path,
                );
                if !d {
                    path.truncate(len);
                }
                d
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return true;
            }
            x.iter().zip(y).enumerate().any(|(i, (a, b))| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let d = differs(a, b, path);
                if !d {
                    path.truncate(len);
                }
                d
            })
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() != y.as_f64(),
        (a, b) => a != b,
    }
}

/// What happened when an example was read into its generated type and written back.
///
/// ```
/// use graphdoc_codegen::model::Outcome;
/// use serde_json::json;
///
/// let read = [json!({"name": "a"}), json!({"name": "b"})]; // the items of a collection body
/// let written = vec![Ok(json!({"name": "a"})), Ok(json!({"name": "B"}))];
/// assert_eq!(Outcome::judge(&read, written), Outcome::NotRoundTripped("value[1].name".into()));
/// let written = vec![Ok(json!({"name": "a"})), Err("missing field `id`".into())];
/// assert_eq!(Outcome::judge(&read, written), Outcome::Failed("missing field `id`".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Read, and written back as the same JSON ([`json_difference`] found none).
    RoundTripped,
    /// Read, but written back differently from here on (a path into the body).
    NotRoundTripped(String),
    /// Not read: serde's error, or why the body is not JSON.
    Failed(String),
}

impl Outcome {
    /// Judges one example from the values it held and what the generated type wrote back for
    /// each (or serde's error).
    ///
    /// ```
    /// use graphdoc_codegen::model::Outcome;
    /// use serde_json::json;
    ///
    /// let read = [json!({"a": 1})];
    /// assert_eq!(Outcome::judge(&read, vec![Ok(json!({"a": 1}))]), Outcome::RoundTripped);
    /// assert_eq!(
    ///     Outcome::judge(&read, vec![Ok(json!({"a": 2}))]),
    ///     Outcome::NotRoundTripped("a".into())
    /// );
    /// assert!(matches!(Outcome::judge(&read, vec![Err("bad".into())]), Outcome::Failed(_)));
    /// // A value with nothing written back for it is not a round trip.
    /// assert!(matches!(Outcome::judge(&read, vec![]), Outcome::Failed(_)));
    /// ```
    pub fn judge(read: &[Value], written: Vec<Result<Value, String>>) -> Outcome {
        if written.len() != read.len() {
            return Outcome::Failed(format!(
                "{} values read but {} written back",
                read.len(),
                written.len()
            ));
        }
        let mut outcome = Outcome::RoundTripped;
        for (i, (r, w)) in read.iter().zip(written).enumerate() {
            let at = |p: String| {
                if read.len() > 1 {
                    format!("value[{i}].{p}")
                } else {
                    p
                }
            };
            match w {
                Err(e) => return Outcome::Failed(e),
                Ok(w) => {
                    if let (Outcome::RoundTripped, Some(p)) = (&outcome, json_difference(r, &w)) {
                        outcome = Outcome::NotRoundTripped(at(p));
                    }
                }
            }
        }
        outcome
    }
}

/// Why an example did not round-trip.
///
/// ```
/// use graphdoc_codegen::model::Cause;
/// use graphdoc_codegen::{build_model, parse_pages, validate, Source};
///
/// let block = |body: &str| format!("<!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n\
///                                   ```json\n{body}\n```\n");
/// let page = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///                     |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n{}{}{}",
///                    block(r#"{"size": 3}"#), block(r#"{"size": "big"}"#), block(r#"{"size": "Int32"}"#));
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let checks = validate(&model); // `"big"` is not an Int32: an `example-type` finding
/// let causes: Vec<Cause> = model.examples.iter().map(|e| Cause::of(e, &checks)).collect();
/// assert_eq!(causes, [Cause::GeneratorBug, Cause::DocError, Cause::Placeholder]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// It holds placeholder values (`"String"`, `"Date"`): not data.
    Placeholder,
    /// It contradicts its own page: a value its property table types otherwise
    /// (`example-type`), or a body that is not JSON.
    DocError,
    /// Nothing on the page explains it: the generator is wrong.
    GeneratorBug,
}

impl Cause {
    /// Classifies a failed or not round-tripped example, given the diagnostics of
    /// [`validate`](crate::validate) (which check each value against its table).
    ///
    /// ```
    /// use graphdoc_codegen::model::Cause;
    /// use graphdoc_codegen::{build_model, parse_pages, validate, Source};
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n\
    ///             <!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\
    ///             ```json\n{ \"size\": \"big\" }\n```\n";
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// let big = &model.examples[0];
    /// assert_eq!(Cause::of(big, &validate(&model)), Cause::DocError);
    /// assert_eq!(Cause::of(big, &[]), Cause::GeneratorBug); // without the checks nothing explains it
    /// ```
    pub fn of(example: &Example, checks: &[Diagnostic]) -> Cause {
        if example.placeholder_count > 0 {
            return Cause::Placeholder;
        }
        let (first, last) = example.lines();
        let contradicted = checks.iter().any(|d| {
            d.kind == Kind::ExampleType
                && *d.file == *example.origin.file
                && (first..=last).contains(&d.pos.line)
        });
        if example.unreadable || contradicted {
            Cause::DocError
        } else {
            Cause::GeneratorBug
        }
    }
}

/// Counts for one row of the [`ExampleTable`].
///
/// ```
/// use graphdoc_codegen::model::{Counts, ExampleTable, Outcome};
/// use graphdoc_codegen::{build_model, parse_pages, Source};
///
/// let block = |body: &str| format!("<!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n\
///                                   ```json\n{body}\n```\n");
/// let page = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///                     |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n{}{}",
///                    block(r#"{"size": 3}"#), block(r#"{"size": "Int32"}"#));
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let mut table = ExampleTable::default();
/// table.add(&model.examples[0], &Outcome::RoundTripped, &[]);
/// table.add(&model.examples[1], &Outcome::Failed("invalid type".into()), &[]);
/// let expected = Counts { round_tripped: 1, failed: 1, placeholder: 1, real: 1, real_round_tripped: 1, ..Counts::default() };
/// assert_eq!(table.total(), expected);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Read and written back unchanged.
    pub round_tripped: usize,
    /// Read but written back differently.
    pub not_round_tripped: usize,
    /// Not read.
    pub failed: usize,
    /// Not round-tripped or failed, because of placeholder values.
    pub placeholder: usize,
    /// ... because the example contradicts its page.
    pub doc_error: usize,
    /// ... with nothing on the page to explain it.
    pub generator_bug: usize,
    /// Examples without placeholder values, whatever their outcome.
    pub real: usize,
    /// Examples without placeholder values that round-tripped.
    pub real_round_tripped: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.round_tripped += other.round_tripped;
        self.not_round_tripped += other.not_round_tripped;
        self.failed += other.failed;
        self.placeholder += other.placeholder;
        self.doc_error += other.doc_error;
        self.generator_bug += other.generator_bug;
        self.real += other.real;
        self.real_round_tripped += other.real_round_tripped;
    }

    /// Examples counted.
    ///
    /// ```
    /// use graphdoc_codegen::model::Counts;
    ///
    /// // Each example has one outcome; causes and `real` count some of them again.
    /// let c = Counts { round_tripped: 2, not_round_tripped: 1, failed: 1, doc_error: 2, real: 4, ..Counts::default() };
    /// assert_eq!(c.total(), 4);
    /// ```
    pub fn total(&self) -> usize {
        self.round_tripped + self.not_round_tripped + self.failed
    }
}

/// Examples counted per page kind (api or resource) and block kind (request, response, example),
/// with every failure classified; [`Display`](fmt::Display) prints it as a table.
///
/// ```
/// use graphdoc_codegen::model::{Cause, ExampleTable, Outcome};
/// use graphdoc_codegen::{build_model, parse_pages, validate, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n## Example\n\
///             <!-- { \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\
///             ```json\n{ \"size\": \"big\" }\n```\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let checks = validate(&model);
/// let mut table = ExampleTable::default();
/// for ex in &model.examples {
///     // What a harness with the generated types would report: serde refuses "big".
///     let cause = table.add(ex, &Outcome::Failed("invalid type: string \"big\"".into()), &checks);
///     assert_eq!(cause, Some(Cause::DocError));
/// }
/// assert_eq!(table.total().doc_error, 1);
/// assert_eq!(table.total().generator_bug, 0);
/// assert!(table.to_string().contains("resource"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ExampleTable {
    rows: BTreeMap<(&'static str, ExampleKind), Counts>,
    /// Examples without a known target type: not read, counted here.
    pub without_target: usize,
}

impl ExampleTable {
    /// Counts one example; returns why it missed ([`Cause::of`]), `None` when it round-tripped.
    ///
    /// ```
    /// use graphdoc_codegen::model::{Cause, ExampleTable, Outcome};
    /// use graphdoc_codegen::{build_model, parse_pages, validate, Source};
    ///
    /// let block = |body: &str| format!("<!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n\
    ///                                   ```json\n{body}\n```\n");
    /// let page = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///                     |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n{}{}{}",
    ///                    block(r#"{"size": 3}"#), block(r#"{"size": "big"}"#), block(r#"{"size": "Int32"}"#));
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// let (checks, ex, mut table) = (validate(&model), &model.examples, ExampleTable::default());
    /// assert_eq!(table.add(&ex[0], &Outcome::RoundTripped, &checks), None);
    /// assert_eq!(table.add(&ex[1], &Outcome::Failed("invalid type".into()), &checks), Some(Cause::DocError));
    /// assert_eq!(table.add(&ex[2], &Outcome::NotRoundTripped("size".into()), &checks), Some(Cause::Placeholder));
    /// assert_eq!((table.total().total(), table.total().doc_error, table.total().placeholder), (3, 1, 1));
    /// ```
    pub fn add(
        &mut self,
        example: &Example,
        outcome: &Outcome,
        checks: &[Diagnostic],
    ) -> Option<Cause> {
        let page = if example.page_is_api {
            "api"
        } else {
            "resource"
        };
        let row = self.rows.entry((page, example.kind)).or_default();
        let real = example.placeholder_count == 0;
        row.real += usize::from(real);
        match outcome {
            Outcome::RoundTripped => {
                row.round_tripped += 1;
                row.real_round_tripped += usize::from(real);
                return None;
            }
            Outcome::NotRoundTripped(_) => row.not_round_tripped += 1,
            Outcome::Failed(_) => row.failed += 1,
        }
        let cause = Cause::of(example, checks);
        match cause {
            Cause::Placeholder => row.placeholder += 1,
            Cause::DocError => row.doc_error += 1,
            Cause::GeneratorBug => row.generator_bug += 1,
        }
        Some(cause)
    }

    /// The counts of every row added up.
    ///
    /// ```
    /// use graphdoc_codegen::model::{ExampleTable, Outcome};
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let api = "---\ndoc_type: apiPageType\n---\n# Create thing\n\n## Example\n\
    ///            <!-- { \"blockType\": \"request\" } -->\n```http\nPOST /things\n\n{\"size\": 3}\n```\n\
    ///            <!-- { \"blockType\": \"response\" } -->\n```json\n{\"size\": 3}\n```\n";
    /// let (pages, _) = parse_pages(&[Source::new("api/thing-create.md", api)]);
    /// let (model, _) = build_model(&pages);
    /// let mut table = ExampleTable::default();
    /// table.add(&model.examples[0], &Outcome::RoundTripped, &[]); // row `api request`
    /// table.add(&model.examples[1], &Outcome::NotRoundTripped("size".into()), &[]); // row `api response`
    /// let t = table.total();
    /// assert_eq!((t.total(), t.round_tripped, t.not_round_tripped, t.generator_bug), (2, 1, 1, 1));
    /// assert!(table.to_string().contains("api        request") && table.to_string().contains("api        response"));
    /// ```
    pub fn total(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.rows.values() {
            all.add(c);
        }
        all
    }

    /// Share of the examples without placeholder values that round-trip, in percent (100 when
    /// there are none).
    ///
    /// ```
    /// use graphdoc_codegen::model::{ExampleTable, Outcome};
    /// use graphdoc_codegen::{build_model, parse_pages, Source};
    ///
    /// let block = |body: &str| format!("<!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.thing\" }} -->\n\
    ///                                   ```json\n{body}\n```\n");
    /// let page = format!("---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///                     |Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size.|\n\n{}{}{}",
    ///                    block(r#"{"size": 3}"#), block(r#"{"size": "big"}"#), block(r#"{"size": "Int32"}"#));
    /// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
    /// let (model, _) = build_model(&pages);
    /// let mut table = ExampleTable::default();
    /// assert_eq!(table.round_trip_percent(), 100.0);
    /// table.add(&model.examples[0], &Outcome::RoundTripped, &[]);
    /// table.add(&model.examples[1], &Outcome::Failed("invalid type".into()), &[]);
    /// table.add(&model.examples[2], &Outcome::Failed("invalid type".into()), &[]); // a placeholder: not counted
    /// assert_eq!(table.round_trip_percent(), 50.0);
    /// ```
    pub fn round_trip_percent(&self) -> f64 {
        let t = self.total();
        if t.real == 0 {
            return 100.0;
        }
        100.0 * t.real_round_tripped as f64 / t.real as f64
    }
}

impl fmt::Display for ExampleTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:<9} {:>6} {:>8} {:>8} {:>7} {:>7} {:>8} {:>7}",
            "page", "block", "total", "exact", "differs", "failed", "placeh", "doc-err", "gen-bug"
        )?;
        let line = |f: &mut fmt::Formatter<'_>, page: &str, block: &str, c: &Counts| {
            writeln!(
                f,
                "{page:<10} {block:<9} {:>6} {:>8} {:>8} {:>7} {:>7} {:>8} {:>7}",
                c.total(),
                c.round_tripped,
                c.not_round_tripped,
                c.failed,
                c.placeholder,
                c.doc_error,
                c.generator_bug
            )
        };
        for ((page, kind), c) in &self.rows {
            let block = match kind {
                ExampleKind::Request => "request",
                ExampleKind::Response => "response",
                ExampleKind::Example => "example",
            };
            line(f, page, block, c)?;
        }
        line(f, "all", "", &self.total())?;
        writeln!(
            f,
            "without placeholders: {} of {} round-trip ({:.1}%); {} examples had no known target type",
            self.total().real_round_tripped,
            self.total().real,
            self.round_trip_percent(),
            self.without_target
        )
    }
}
