//! Parse: one page of markdown into a [`Page`] of typed facts with positions; knows nothing of other pages.

pub mod http;
mod inline;
pub mod lenient_json;
pub mod markdown;
pub mod prose;
mod skim;
mod trim;
pub mod types;

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostics, Kind, LineIndex, Pos};
use markdown::{Block, Inline, Link, RawTable};
use types::TypeExpr;

/// What a page documents, from `doc_type` (or the file's folder when that is missing).
///
/// ```
/// use graphdoc_codegen::{parse::PageKind, parse_pages, Source};
///
/// let (pages, _) = parse_pages(&[
///     Source::new("docs/api/user-get.md", "# Get user\n"),
///     Source::new("docs/x.md", "---\ndoc_type: enumPageType\n---\n# x enum type\n"),
///     Source::new("docs/y.md", "# y\n"),
/// ]);
/// let kinds: Vec<PageKind> = pages.iter().map(|p| p.kind).collect();
/// assert_eq!(kinds, [PageKind::Api, PageKind::Enum, PageKind::Other]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// A resource or complex type.
    Resource,
    /// An API operation.
    Api,
    /// One or more enumerations.
    Enum,
    /// Prose only.
    Conceptual,
    /// Unknown.
    Other,
}

/// A property, relationship or request-body row.
///
/// ```
/// use graphdoc_codegen::parse::types::{Prim, TypeExpr};
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let md = "# thing resource type\n\n## Properties\n|Property|Type|Description|\n|-|-|-|\n\
///           |**level** (deprecated)|`String`|Read-only. Possible values are: `low`, `high`.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", md)]);
/// let row = &pages[0].properties[0];
/// assert_eq!((row.name.as_str(), row.ty_text.as_str()), ("level", "`String`"));
/// assert_eq!(row.ty, TypeExpr::Prim(Prim::String));
/// assert!(row.read_only && row.inherited_from.is_none());
/// assert_eq!(row.values, ["low", "high"]);
/// assert_eq!((row.pos.line, row.pos.col), (6, 1));
/// ```
#[derive(Clone, Debug)]
pub struct PropertyRow {
    /// The wire name (bold, backticks and `(deprecated)` removed).
    pub name: String,
    /// The Type cell, parsed.
    pub ty: TypeExpr,
    /// The Type cell as written.
    pub ty_text: String,
    /// The description cell.
    pub description: Inline,
    /// "Read-only" in the description.
    pub read_only: bool,
    /// "Inherited from [x](..)" in the description.
    pub inherited_from: Option<Link>,
    /// Values listed after "Possible values are:".
    pub values: Vec<String>,
    /// Where the row starts.
    pub pos: Pos,
}

/// An enumeration documented by a table (`### x values`, `# x enum type` + `## Members`).
///
/// ```
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let md = "# thing resource type\n\n### skillLevel values\n\n|Member|Description|\n|-|-|\n|low|Beginner.|\n|high|Expert.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", md)]);
/// let e = &pages[0].enums[0];
/// assert_eq!((e.name.as_str(), e.pos.line), ("skillLevel", 5));
/// let names: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
/// assert_eq!(names, ["low", "high"]);
/// ```
#[derive(Clone, Debug)]
pub struct EnumDecl {
    /// The enum name from its heading.
    pub name: String,
    /// Members in order.
    pub members: Vec<EnumMember>,
    /// Where the table starts.
    pub pos: Pos,
}

/// One member of an [`EnumDecl`].
///
/// ```
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let md = "# skillLevel enum type\n\n## Members\n|Member|Value|Description|\n|-|-|-|\n|low|0|Beginner.|\n|high|x||\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/skilllevel.md", md)]);
/// let m = &pages[0].enums[0].members;
/// assert_eq!((m[0].name.as_str(), m[0].value, m[0].description.as_str()), ("low", Some(0), "Beginner."));
/// assert_eq!((m[1].name.as_str(), m[1].value, m[1].description.as_str()), ("high", None, ""));
/// ```
#[derive(Clone, Debug)]
pub struct EnumMember {
    /// The wire value.
    pub name: String,
    /// The numeric value, when the table has one.
    pub value: Option<i64>,
    /// Description text.
    pub description: String,
}

/// A fenced block tagged (or recognisable) as a request, response, resource or example.
///
/// ```
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let md = "# Get thing\n\n## Example\n<!-- { \"blockType\": \"response\" } -->\n```http\n\
///           HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\"}\n```\n";
/// let (pages, _) = parse_pages(&[Source::new("api/thing-get.md", md)]);
/// let ex = &pages[0].examples[0];
/// assert_eq!((ex.block_type.as_str(), ex.annotation.len()), ("response", 1));
/// assert_eq!(ex.message.as_ref().map(|m| (m.status, m.body.is_none())), Some((Some(200), true)));
/// assert_eq!(ex.body.as_deref(), Some("{\"id\": \"1\"}\n"));
/// assert_eq!((ex.pos.line, ex.body_pos.line), (5, 9));
/// assert!(md[ex.body_offset..].starts_with("{\"id\""));
/// ```
#[derive(Clone, Debug)]
pub struct Example {
    /// `request`, `response`, `resource`, `example` (from the annotation, or inferred).
    pub block_type: String,
    /// The annotation object (empty when there was none).
    pub annotation: Map<String, Value>,
    /// The HTTP message, for http blocks; its body is moved to [`Example::body`].
    pub message: Option<http::Message>,
    /// The JSON body text.
    pub body: Option<String>,
    /// Where the body starts.
    pub body_pos: Pos,
    /// Byte offset of the body in the file (for mapping JSON errors).
    pub body_offset: usize,
    /// Where the block starts.
    pub pos: Pos,
}

impl Example {
    /// `@odata.type` (or the old `@type`) of the annotation, without `#` and `Collection(...)`.
    ///
    /// ```
    /// use graphdoc_codegen::{parse_pages, Source};
    ///
    /// let response = |ty: &str| format!("<!-- {{ \"blockType\": \"response\", {ty} }} -->\n```http\nHTTP/1.1 200 OK\n```\n");
    /// let list = response("\"@odata.type\": \"Collection(microsoft.graph.thing)\"");
    /// let old = response("\"@type\": \"#microsoft.graph.thing\", \"isCollection\": \"true\"");
    /// let upper = response("\"@odata.type\": \"COLLECTION(#microsoft.graph.thing)\"");
    /// let md = format!("# List things\n\n## Example\n```http\nGET /me/things\n```\n{list}{old}{upper}");
    /// let (pages, _) = parse_pages(&[Source::new("api/thing-list.md", md)]);
    /// let types: Vec<_> = pages[0].examples.iter().map(|e| e.annotated_type()).collect();
    /// let thing = Some(("microsoft.graph.thing", true));
    /// assert_eq!(types, [None, thing, thing, thing]);
    /// ```
    pub fn annotated_type(&self) -> Option<(&str, bool)> {
        let t = self
            .annotation
            .get("@odata.type")
            .or_else(|| self.annotation.get("@type"))?
            .as_str()?
            .trim()
            .trim_start_matches('#');
        // `Collection(x)` in any case, `x` with or without its own `#`.
        let inner = t
            .get(..11)
            .filter(|p| p.eq_ignore_ascii_case("collection("))
            .map(|_| t[11..].trim_end_matches(')').trim().trim_start_matches('#'));
        let collection = inner.is_some();
        let t = inner.unwrap_or(t);
        let is_collection = collection
            || matches!(self.annotation.get("isCollection"), Some(Value::Bool(true)))
            || matches!(self.annotation.get("isCollection"), Some(Value::String(s)) if s == "true");
        Some((t, is_collection))
    }
}

/// One operation template line.
///
/// ```
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let md = "# Update thing\n\n## HTTP request\n```http\npatch /me/things/{id}\n\
///           PATCH /users/{id | userPrincipalName}/things/{id}\n```\n";
/// let (pages, _) = parse_pages(&[Source::new("api/thing-update.md", md)]);
/// let t = &pages[0].templates;
/// assert_eq!((t[0].method.as_str(), t[0].path.as_str(), t[0].pos.line), ("PATCH", "/me/things/{id}", 5));
/// assert_eq!((t[1].path.as_str(), t[1].pos.line), ("/users/{id | userPrincipalName}/things/{id}", 6));
/// ```
#[derive(Clone, Debug)]
pub struct HttpTemplate {
    /// Upper-case method.
    pub method: String,
    /// Path template.
    pub path: String,
    /// Where.
    pub pos: Pos,
}

/// Everything graphdoc reads from one page.
///
/// ```
/// use graphdoc_codegen::{parse::PageKind, parse_pages, Source};
///
/// let md = "---\ntitle: thing\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\n\
///           A thing. Inherits from [entity](entity.md).\n\n## Properties\n|Property|Type|\n|-|-|\n|name|String|\n";
/// let (pages, _) = parse_pages(&[Source::new("docs/resources/Thing.md", md)]);
/// let p = &pages[0];
/// assert_eq!((p.stem.as_str(), p.kind, p.title.as_deref()), ("thing", PageKind::Resource, Some("thing")));
/// assert_eq!((p.h1.as_deref(), p.h1_pos.line), (Some("thing resource type"), 4));
/// assert_eq!(p.namespace.as_deref(), Some("microsoft.graph"));
/// assert_eq!(p.description.as_ref().unwrap().text, "A thing. Inherits from entity.");
/// assert_eq!(p.inherits.as_ref().unwrap().dest, "entity.md");
/// assert_eq!(p.properties[0].name, "name");
/// ```
#[derive(Clone, Debug)]
pub struct Page {
    /// The path given with the source.
    pub path: Arc<str>,
    /// The file stem, lowercased (`skillproficiency`).
    pub stem: String,
    /// Page kind.
    pub kind: PageKind,
    /// `title` from the front matter.
    pub title: Option<String>,
    /// The H1 text.
    pub h1: Option<String>,
    /// Where the H1 is.
    pub h1_pos: Pos,
    /// The `Namespace:` line.
    pub namespace: Option<String>,
    /// The first paragraph of prose under the H1.
    pub description: Option<Inline>,
    /// "Inherits from [x](x.md)".
    pub inherits: Option<Link>,
    /// The `blockType: resource` annotation.
    pub resource: Option<Map<String, Value>>,
    /// Rows of the Properties tables.
    pub properties: Vec<PropertyRow>,
    /// Rows of the Relationships tables.
    pub relationships: Vec<PropertyRow>,
    /// Rows of the Request body tables (api pages).
    pub request_body: Vec<PropertyRow>,
    /// Enumerations documented by tables.
    pub enums: Vec<EnumDecl>,
    /// `## HTTP request` templates.
    pub templates: Vec<HttpTemplate>,
    /// The success status named in the Response section.
    pub response_status: Option<u16>,
    /// The type named by a link in the Response section ("a [x](x.md) object").
    pub response_type: Option<(TypeExpr, bool)>,
    /// Where the Response section is.
    pub response_pos: Pos,
    /// Requests, responses, resources and examples.
    pub examples: Vec<Example>,
}

/// How the markdown of a page is read: both give the same [`Page`] and diagnostics.
///
/// ```
/// use graphdoc_codegen::parse::{parse_page_with, Reading};
///
/// let md = "# Get thing\n\n## Permissions\n|Permission type|Permissions|\n|-|-|\n|Delegated|User.Read|\n\
///           \n## Response\nIf successful, this method returns a `200 OK` response code.\n";
/// let (skim, _) = parse_page_with("api/thing-get.md", md, Reading::default());
/// let (full, _) = parse_page_with("api/thing-get.md", md, Reading::Full);
/// assert_eq!((skim.response_status, full.response_status), (Some(200), Some(200)));
/// assert_eq!(format!("{skim:?}"), format!("{full:?}"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reading {
    /// pulldown-cmark reads the sections where facts live; the others are read by lines (fast).
    #[default]
    Skim,
    /// pulldown-cmark reads every section (the reference the fast reading is tested against).
    Full,
}

/// Parses one page (a file's text) the given way: the page and its diagnostics.
///
/// [`parse_pages`](crate::parse_pages) is the entry point; this one exists so that the two
/// readings can be compared page by page.
///
/// ```
/// use graphdoc_codegen::parse::{parse_page_with, Reading};
///
/// let md = "# thing resource type\n\n## Properties\n|Property|Type|Description|\n|-|-|-|\n|a|String|x|\n\n## Methods\n|Method|Return type|\n|-|-|\n|List|thing|\n";
/// let (skim, _) = parse_page_with("resources/thing.md", md, Reading::Skim);
/// let (full, _) = parse_page_with("resources/thing.md", md, Reading::Full);
/// assert_eq!(skim.properties.len(), 1);
/// assert_eq!(format!("{skim:?}"), format!("{full:?}"));
/// ```
pub fn parse_page_with(path: &str, text: &str, reading: Reading) -> (Page, Vec<crate::Diagnostic>) {
    let mut diags = Diagnostics::default();
    let page = parse_page(path.into(), text, reading, &mut diags);
    (page, diags.items)
}

/// Parses one page. Problems become diagnostics; the page is returned with whatever could be read.
pub(crate) fn parse_page(
    path: Arc<str>,
    text: &str,
    reading: Reading,
    diags: &mut Diagnostics,
) -> Page {
    let text = &*lf_only(text);
    let lines = LineIndex::default();
    let stem = stem_of(&path);
    let mut page = Page {
        path: path.clone(),
        stem,
        kind: PageKind::Other,
        title: None,
        h1: None,
        h1_pos: Pos { line: 1, col: 1 },
        namespace: None,
        description: None,
        inherits: None,
        resource: None,
        properties: Vec::new(),
        relationships: Vec::new(),
        request_body: Vec::new(),
        enums: Vec::new(),
        templates: Vec::new(),
        response_status: None,
        response_type: None,
        response_pos: Pos { line: 1, col: 1 },
        examples: Vec::new(),
    };
    if text.trim().is_empty() {
        diags.warn(
            &path,
            Pos { line: 1, col: 1 },
            Kind::EmptyPage,
            "page is empty: nothing read",
        );
        return page;
    }
    let text = &*markdown::untab_delimiter_rows(text);
    let (front, body_start) = front_matter(text);
    let doc_type = front
        .iter()
        .find(|(k, _)| *k == "doc_type")
        .map(|(_, v)| v.to_ascii_lowercase());
    page.title = front
        .iter()
        .find(|(k, _)| *k == "title")
        .map(|(_, v)| v.to_string());
    page.kind = match doc_type.as_deref() {
        Some(t) if t.starts_with("resourcepagetype") => PageKind::Resource,
        Some(t) if t.starts_with("apipagetype") => PageKind::Api,
        Some(t) if t.starts_with("enum") => PageKind::Enum,
        Some(t) if t.starts_with("conceptual") => PageKind::Conceptual,
        _ if path.contains("/resources/") || path.starts_with("resources/") => PageKind::Resource,
        _ if path.contains("/api/") || path.starts_with("api/") => PageKind::Api,
        _ => PageKind::Other,
    };

    let mut walker = Walker {
        page: &mut page,
        text,
        lines: &lines,
        diags,
        h2: String::new(),
        h3: String::new(),
        h3_orig: String::new(),
        h1_text: String::new(),
        pending: None,
        seen_http_template: false,
        seen_table: false,
        after_h1: false,
    };
    let body = &text[body_start..];
    match reading {
        Reading::Skim => skim::each_block(body, body_start, &mut |b| walker.block(b)),
        Reading::Full => markdown::blocks(body, body_start)
            .into_iter()
            .for_each(|b| walker.block(b)),
    }
    let seen_table = walker.seen_table;
    if page.kind == PageKind::Resource && !seen_table && page.resource.is_some() {
        diags.warn(
            &path,
            page.h1_pos,
            Kind::NoTables,
            "resource page has no property table: the type has no properties of its own (members are kept in `additional_data`)",
        );
    }
    page
}

/// `text` with every line ending made `\n`: the text whose lines and columns diagnostics give.
///
/// CRLF pages exist, and CommonMark also ends a line at a lone CR. Read as LF, both
/// [readings](Reading) see the same lines (the line reader splits at `\n` only), and a
/// diagnostic names the line an editor shows. A tool that prints a diagnostic's source line
/// looks it up in this text.
///
/// ```
/// use graphdoc_codegen::parse::lf_only;
///
/// assert_eq!(lf_only("a\r\nb\rc\n"), "a\nb\nc\n");
/// // CR CR LF is two line ends: a lone CR, then CRLF.
/// assert_eq!(lf_only("a\nb\r\nc\rd\r\r\n\ne"), "a\nb\nc\nd\n\n\ne");
/// assert!(matches!(lf_only("a\nb"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn lf_only(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn stem_of(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let file = file.strip_suffix(".txt").unwrap_or(file);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    stem.to_ascii_lowercase()
}

/// Reads `key: value` lines of a leading `---` block; returns them (borrowed: only `title` is
/// kept) and where the markdown starts.
/// Deliberately line-based: real pages have `title: driveItem: createUploadSession`, invalid YAML.
fn front_matter(text: &str) -> (Vec<(&str, &str)>, usize) {
    let mut entries = Vec::new();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (entries, 0);
    };
    if trim::ws(first.trim_start_matches('\u{feff}')) != "---" {
        return (entries, 0);
    }
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        if trim::ws(line) == "---" {
            return (entries, offset);
        }
        if let Some((k, v)) = line.split_once(':') {
            let v = trim::ws(trim::ascii(trim::ws(v), b"\"'"));
            entries.push((trim::ws(k), v));
        }
    }
    // No closing `---`: not front matter after all.
    (Vec::new(), 0)
}

struct Walker<'a> {
    page: &'a mut Page,
    text: &'a str,
    lines: &'a LineIndex,
    diags: &'a mut Diagnostics,
    h2: String,
    h3: String,
    /// `h3` as written (enum names come from `### name values`).
    h3_orig: String,
    h1_text: String,
    pending: Option<(Map<String, Value>, Pos)>,
    seen_http_template: bool,
    seen_table: bool,
    after_h1: bool,
}

impl Walker<'_> {
    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(self.text, offset)
    }

    fn block(&mut self, block: Block) {
        match block {
            Block::Heading {
                level,
                text,
                offset,
            } => {
                self.pending = None;
                // Headings are lowercased into the walker's own buffers: every page has dozens.
                let lower_into = |buf: &mut String| {
                    buf.clear();
                    buf.push_str(&text.text);
                    buf.make_ascii_lowercase();
                };
                match level {
                    1 => {
                        if self.page.h1.is_none() {
                            lower_into(&mut self.h1_text);
                            self.page.h1 = Some(text.text);
                            self.page.h1_pos = self.pos(offset);
                            self.after_h1 = true;
                        }
                        self.h2.clear();
                        self.h3.clear();
                    }
                    2 => {
                        lower_into(&mut self.h2);
                        self.h3.clear();
                        self.after_h1 = false;
                        if self.h2.starts_with("response") {
                            self.page.response_pos = self.pos(offset);
                        }
                    }
                    _ => {
                        lower_into(&mut self.h3);
                        self.h3_orig = text.text;
                        self.after_h1 = false;
                    }
                }
            }
            Block::Paragraph { text, offset, end } => {
                self.pending = None;
                self.paragraph(text, offset, end);
            }
            Block::Table(t) => {
                self.pending = None;
                self.seen_table = true;
                self.table(t);
            }
            Block::Html { text, offset } => self.html(&text, offset),
            Block::Code {
                lang,
                text,
                offset,
                body_offset,
            } => {
                let annotation = self.pending.take();
                self.code(lang, text, offset, body_offset, annotation);
            }
        }
    }

    fn paragraph(&mut self, text: Inline, offset: usize, end: usize) {
        if looks_like_broken_table(&self.text[offset..end.min(self.text.len())]) {
            self.diags.warn(
                &self.page.path,
                self.pos(offset),
                Kind::NotATable,
                "lines look like a table but the header and delimiter rows disagree (not a GFM table): rows not read",
            );
        }
        if let Some(ns) = text.text.strip_prefix("Namespace:") {
            self.page.namespace = Some(ns.trim().to_string());
            return;
        }
        if self.page.inherits.is_none() && (self.h2.is_empty() || self.h2.contains("propert")) {
            self.page.inherits = prose::inherits_from(&text).cloned();
        }
        if self.after_h1
            && self.page.description.is_none()
            && !text.text.starts_with("[!")
            && !text.text.is_empty()
        {
            self.page.description = Some(text.clone());
        }
        if self.h2.starts_with("response") && self.page.response_status.is_none() {
            self.page.response_status = http::status_in_prose(&text.text);
            if self.page.response_type.is_none() {
                self.page.response_type = text
                    .links
                    .iter()
                    .find(|l| l.dest.contains(".md") && !l.dest.contains("/api/"))
                    .map(|l| {
                        let ty = types::parse_type(&Inline {
                            text: l.text.clone(),
                            links: vec![l.clone()],
                            all_strong: false,
                        });
                        let lower = text.text.to_ascii_lowercase();
                        let collection =
                            lower.contains("collection of") || lower.contains(" objects");
                        (ty, collection)
                    });
            }
        }
    }

    fn html(&mut self, text: &str, offset: usize) {
        let trimmed = text.trim();
        let Some(inner) = trimmed.strip_prefix("<!--") else {
            return;
        };
        let inner = inner.trim_start_matches('-');
        let inner = match inner.rfind("-->") {
            Some(i) => &inner[..i],
            None => inner,
        };
        let json = inner.trim();
        if !json.starts_with('{') {
            return;
        }
        let pos = self.pos(offset);
        match lenient_json::parse(json) {
            Ok((Value::Object(map), repairs)) => {
                if map.get("type").and_then(Value::as_str) == Some("#page.annotation") {
                    return;
                }
                if !repairs.is_empty() {
                    // Every kind of repair, once: a comma before `...` is removed along with
                    // it, and "trailing comma" alone would name the wrong defect.
                    let mut kinds: Vec<&str> = Vec::new();
                    for r in &repairs {
                        if !kinds.contains(&r.kind.describe()) {
                            kinds.push(r.kind.describe());
                        }
                    }
                    self.diags.warn(
                        &self.page.path,
                        pos,
                        Kind::JsonRepaired,
                        format!(
                            "annotation is not strict JSON: {} (read leniently)",
                            kinds.join(", ")
                        ),
                    );
                }
                self.pending = Some((map, pos));
            }
            Ok(_) => {}
            Err(e) => {
                // A commented-out JSON body or prose: report only when it claims to be an annotation.
                if json.contains("blockType") || json.contains("@odata.type") {
                    self.diags.warn(
                        &self.page.path,
                        pos,
                        Kind::BadAnnotation,
                        format!("annotation is not JSON ({}): ignored", e.message),
                    );
                }
            }
        }
    }

    fn code(
        &mut self,
        lang: String,
        text: String,
        offset: usize,
        body_offset: usize,
        annotation: Option<(Map<String, Value>, Pos)>,
    ) {
        let pos = self.pos(offset);
        let (annotation, _) = annotation.unwrap_or_default();
        let declared = annotation
            .get("blockType")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        if self.h2.starts_with("http request") && !self.seen_http_template
            || declared.as_deref() == Some("ignored") && self.h2.starts_with("http request")
        {
            self.seen_http_template = true;
            let (ok, bad) = http::templates(&text);
            for t in ok {
                let pos = self.pos(body_offset + line_offset(&text, t.line));
                self.page.templates.push(HttpTemplate {
                    method: t.method,
                    path: t.path,
                    pos,
                });
            }
            for (line, l) in bad {
                let pos = self.pos(body_offset + line_offset(&text, line));
                self.diags.warn(
                    &self.page.path,
                    pos,
                    Kind::BadHttp,
                    format!(
                        "`{}` is not a `METHOD /path` line: skipped",
                        truncate(&l, 60)
                    ),
                );
            }
            return;
        }
        let block_type = match declared {
            Some(t) if t == "ignored" || t == "samples" || t == "permissions" => return,
            Some(t) => t,
            None if lang == "json" && self.h2.contains("json representation") => "resource".into(),
            None if lang == "http" => {
                let first = text.trim_start();
                if first.starts_with("HTTP/") {
                    "response".into()
                } else if self.h2.starts_with("example") || self.h3.starts_with("request") {
                    "request".into()
                } else {
                    return;
                }
            }
            None => return,
        };
        let is_http = lang == "http"
            || text.trim_start().starts_with("HTTP/")
            || block_type == "request" && !text.trim_start().starts_with(['{', '[']);
        let (message, body, rel) = if is_http {
            match http::message_head(&text) {
                Some((m, body_at)) => {
                    // The body is kept once, in the example: the block's text, cut to it.
                    let (rel, body) = body_at.map_or((0, None), |at| {
                        let mut body = text;
                        body.drain(..at);
                        (at, Some(body))
                    });
                    (Some(m), body, rel)
                }
                None => {
                    self.diags.warn(
                        &self.page.path,
                        pos,
                        Kind::BadHttp,
                        format!("{block_type} block has no HTTP start line: body not read"),
                    );
                    (None, None, 0)
                }
            }
        } else {
            (None, Some(text), 0)
        };
        if block_type == "resource" && self.page.resource.is_none() {
            self.page.resource = Some(annotation.clone());
        }
        let body_offset = body_offset + rel;
        self.page.examples.push(Example {
            block_type,
            annotation,
            message,
            body,
            body_pos: self.pos(body_offset),
            body_offset,
            pos,
        });
    }

    fn table(&mut self, t: RawTable) {
        let header: Vec<String> = t.header.iter().map(|c| normalize_header(&c.text)).collect();
        let pos = self.pos(t.offset);
        let col = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
        let name_col = col(&[
            "property",
            "property name",
            "name",
            "relationship",
            "relationship name",
            "parameter",
            "parameter name",
        ]);
        let type_col = col(&["type"]);
        let desc_col = col(&["description", "descrition"]);
        let member_col = col(&["member", "name", "value"]);
        let (h2, h3) = (self.h2.as_str(), self.h3.as_str());
        // Where property rows go, worked out before the walker is changed (the headings are
        // borrowed from it).
        let target = if h2.starts_with("relationship") {
            Some(Target::Relationships)
        } else if h2.contains("propert") && self.page.kind != PageKind::Api {
            Some(Target::Properties)
        } else if h2.contains("request body") {
            Some(Target::RequestBody)
        } else if self.page.kind == PageKind::Resource && h2.is_empty() && h3.is_empty() {
            Some(Target::Properties)
        } else {
            None
        };

        // Enum tables: `### x values` (any page) or `## Members` under `# x enum type`.
        let enum_name = h3
            .strip_suffix(" values")
            .map(|_| original_case(&self.h3_orig, " values"))
            .or_else(|| {
                (h2 == "members" || self.page.kind == PageKind::Enum && h2.is_empty())
                    .then(|| self.h1_text.strip_suffix(" enum type").map(|_| ()))
                    .flatten()
                    .map(|_| original_case(self.page.h1.as_deref().unwrap_or(""), " enum type"))
            });
        if let (Some(name), Some(mc), None) = (enum_name, member_col, type_col) {
            let value_col = header
                .iter()
                .enumerate()
                .position(|(i, h)| i != mc && (h == "value" || h == "int value"));
            let members = t
                .rows
                .iter()
                .filter_map(|r| {
                    let name = clean_name(&r.cells.get(mc)?.text);
                    (!name.is_empty()).then(|| EnumMember {
                        name,
                        value: value_col
                            .and_then(|c| r.cells.get(c))
                            .and_then(|c| c.text.trim().parse().ok()),
                        description: desc_col
                            .and_then(|c| r.cells.get(c))
                            .map(|c| c.text.clone())
                            .unwrap_or_default(),
                    })
                })
                .collect();
            self.page.enums.push(EnumDecl { name, members, pos });
            self.todo_cells(&t);
            return;
        }

        let (Some(nc), Some(tc), Some(target)) = (name_col, type_col, target) else {
            self.todo_cells(&t);
            return;
        };
        let width = header.len();
        // A line can continue a description only where the table has one apart from the names.
        let described = desc_col.is_some_and(|dc| dc != nc);
        // The row before is a property row of this table, so a line can continue its description.
        let mut after_row = false;
        for raw in t.rows {
            let rpos = self.pos(raw.range.start);
            let source_cells = split_row(&self.text[raw.range.clone()]);
            let mut cells = raw.cells;
            if after_row && described && !target.rows(self.page).is_empty() {
                if let Some(line) = continuation(&mut cells, nc) {
                    self.continue_description(target, rpos, line);
                    continue;
                }
            }
            after_row = false;
            if source_cells > width {
                self.diags.warn(
                    &self.page.path,
                    rpos,
                    Kind::RaggedRow,
                    format!(
                        "row has {source_cells} cells, header has {width}: the extra cells were kept in the last column"
                    ),
                );
                if let Some(last) = cells.last_mut() {
                    let raw_text = &self.text[raw.range.clone()];
                    last.text = rejoin_tail(raw_text, width).unwrap_or_else(|| last.text.clone());
                }
            } else if source_cells < width {
                self.diags.warn(
                    &self.page.path,
                    rpos,
                    Kind::RaggedRow,
                    format!("row has {source_cells} cells, header has {width}: missing cells read as empty"),
                );
            }
            let Some(name_cell) = cells.get(nc) else {
                continue;
            };
            let span = name_span(&name_cell.text);
            // `|**Company terms**|&nbsp;|` section dividers and empty rows.
            let other_empty = cells
                .iter()
                .enumerate()
                .all(|(i, c)| i == nc || trim::ws(&c.text).is_empty());
            if span.is_empty() || name_cell.all_strong && other_empty {
                continue;
            }
            // The name cell's text is cut to the name in place, unless another column reads it.
            let name = if nc != tc && desc_col != Some(nc) {
                let mut text = std::mem::take(&mut cells[nc].text);
                text.truncate(span.end);
                text.drain(..span.start);
                text
            } else {
                name_cell.text[span].to_string()
            };
            let name_pos = rpos;
            let ty_cell = cells.get_mut(tc).map(std::mem::take).unwrap_or_default();
            let description = desc_col
                .and_then(|c| cells.get_mut(c))
                .map(std::mem::take)
                .unwrap_or_default();
            todo_in_description(self.diags, &self.page.path, rpos, &name, &description);
            let mut row = PropertyRow {
                ty: types::parse_type(&ty_cell),
                ty_text: ty_cell.text,
                read_only: false,
                inherited_from: None,
                values: Vec::new(),
                description,
                name,
                pos: name_pos,
            };
            read_description(&mut row);
            target.rows(self.page).push(row);
            after_row = true;
        }
    }
}

impl Walker<'_> {
    /// Joins `line`, a row that only continues the description of the last row of `target`
    /// (see [`continuation`]), to that row.
    fn continue_description(&mut self, target: Target, pos: Pos, line: Inline) {
        let path = Arc::clone(&self.page.path);
        let Some(row) = target.rows(self.page).last_mut() else {
            return;
        };
        self.diags.warn(
            &path,
            pos,
            Kind::RaggedRow,
            format!(
                "row holds only a sentence where a name belongs: read as the rest of the description of `{}` (a line break inside its cell)",
                row.name
            ),
        );
        todo_in_description(self.diags, &path, pos, &row.name, &line);
        append_line(&mut row.description, line);
        // What the description says is read again from the whole of it.
        read_description(row);
    }
}

/// What a property's description says of it: "Read-only", "Inherited from [x](..)", the values
/// it lists. Read when the row is made, and again when a continuation line joins the description.
fn read_description(row: &mut PropertyRow) {
    row.read_only = prose::is_read_only(&row.description.text);
    row.inherited_from = prose::inherited_from(&row.description).cloned();
    row.values = prose::listed_values(&row.description.text);
}

/// A `todo` warning for a TODO in (a line of) the description of property `name`.
fn todo_in_description(
    diags: &mut Diagnostics,
    path: &Arc<str>,
    pos: Pos,
    name: &str,
    description: &Inline,
) {
    if prose::has_todo(&description.text) {
        diags.warn(
            path,
            pos,
            Kind::Todo,
            format!("description of `{name}` is a TODO"),
        );
    }
}

/// The cell of a row that only continues the description of the row before, taken from `cells`:
/// a line break inside a description cell leaves its second line as a row of its own (GFM reads
/// `|a|Int64|First line` + `second line.|` as two rows), and that line's first cell is a
/// sentence where a property name should be, with nothing in the other cells. A wire name has no
/// space in it, so a first cell with one cannot be a property; a bold one is a section divider.
fn continuation(cells: &mut [Inline], name_col: usize) -> Option<Inline> {
    // Checked for nearly every row: the other cells first, as one of them (the type) is filled
    // in almost all.
    let rest_empty = cells
        .iter()
        .enumerate()
        .all(|(i, c)| i == name_col || trim::ws(&c.text).is_empty());
    let first = cells.get(name_col).filter(|_| rest_empty)?;
    let name = &first.text[name_span(&first.text)];
    let sentence = !first.all_strong && name.contains(|c: char| c.is_whitespace());
    sentence.then(|| std::mem::take(&mut cells[name_col]))
}

/// Appends a continuation line to a description, a space between them.
fn append_line(description: &mut Inline, line: Inline) {
    let line_text = trim::ws(&line.text);
    if !description.text.is_empty() && !line_text.is_empty() {
        description.text.push(' ');
    }
    description.text.push_str(line_text);
    description.links.extend(line.links);
    description.all_strong &= line.all_strong;
}

impl Walker<'_> {
    /// TODOs left in tables that are not property tables (property descriptions are reported
    /// with the row): `|Delegated (work or school account)|**TODO: Determine scopes **|`.
    fn todo_cells(&mut self, t: &RawTable) {
        for row in &t.rows {
            let raw = &self.text[row.range.clone()];
            let Some(at) = raw.find("TODO") else {
                continue;
            };
            let cell = raw[at..].split('|').next().unwrap_or("");
            let cell = cell.trim().trim_end_matches(['*', '`', '_']).trim();
            let section = if self.h2.is_empty() {
                "a"
            } else {
                self.h2.as_str()
            };
            let message = format!("{section} table cell is a TODO: `{}`", truncate(cell, 60));
            let pos = self.pos(row.range.start + at);
            self.diags.warn(&self.page.path, pos, Kind::Todo, message);
        }
    }
}

#[derive(Clone, Copy)]
enum Target {
    Properties,
    Relationships,
    RequestBody,
}

impl Target {
    fn rows(self, page: &mut Page) -> &mut Vec<PropertyRow> {
        match self {
            Target::Properties => &mut page.properties,
            Target::Relationships => &mut page.relationships,
            Target::RequestBody => &mut page.request_body,
        }
    }
}

fn original_case(heading: &str, suffix: &str) -> String {
    let h = heading.trim();
    if prose::ends_with_ci(h, suffix) {
        // The suffix is ASCII: where it starts is a character boundary.
        h[..h.len() - suffix.len()].trim().to_string()
    } else {
        h.to_string()
    }
}

/// A header cell for matching: `**Property Name**` → `property name`.
pub(crate) fn normalize_header(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in header_words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

/// Whether a header cell normalises to `name` (lowercase, single spaces), without allocating.
pub(crate) fn header_is(text: &str, name: &str) -> bool {
    let mut want = name.split(' ');
    header_words(text).all(|w| want.next().is_some_and(|n| w.eq_ignore_ascii_case(n)))
        && want.next().is_none()
}

fn header_words(text: &str) -> std::str::SplitWhitespace<'_> {
    trim::ascii(trim::ws(text), b"*`").split_whitespace()
}

/// `**name**`, `` `name` ``, `backupReviewers (deprecated)` → the wire name.
fn clean_name(text: &str) -> String {
    text[name_span(text)].to_string()
}

/// Where [`clean_name`]'s name is in `text`: a property row's name is cut from its cell in place.
fn name_span(text: &str) -> std::ops::Range<usize> {
    let t = trim::ws(trim::ascii(trim::ws(text), b"*`"));
    let t = match t.find(" (") {
        Some(i) if t.ends_with(')') => &t[..i],
        _ => t,
    };
    let t = trim::ws(t);
    // `t` is a subslice of `text`: its offset is the distance between their starts.
    let start = t.as_ptr() as usize - text.as_ptr() as usize;
    start..start + t.len()
}

/// How many cells a source row has. Counted for every property row, so no list is built.
fn split_row(line: &str) -> usize {
    cells_of(line).count()
}

/// Cells in a source row: splits on `|` outside code spans, ignoring escaped `\|` and outer pipes.
fn cells_of(line: &str) -> impl Iterator<Item = &str> {
    let line = trim::ws(trim::ascii_end(line, b"\n\r"));
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner
        .strip_suffix('|')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(inner);
    let mut marks = memchr::memchr3_iter(b'\\', b'`', b'|', inner.as_bytes());
    let mut start = Some(0);
    let mut in_code = false;
    // A backslash escapes the byte after it.
    let mut escaped_until = 0;
    std::iter::from_fn(move || {
        let from = start?;
        for i in marks.by_ref() {
            if i < escaped_until {
                continue;
            }
            match inner.as_bytes()[i] {
                b'\\' => escaped_until = i + 2,
                b'`' => in_code = !in_code,
                _ if !in_code => {
                    start = Some(i + 1);
                    return Some(&inner[from..i]);
                }
                _ => {}
            }
        }
        start = None;
        Some(&inner[from..])
    })
}

/// The text of cells `width-1..` of a source row joined with `|`, markdown stripped lightly.
fn rejoin_tail(line: &str, width: usize) -> Option<String> {
    let cells: Vec<&str> = cells_of(line).collect();
    let tail = cells.get(width.checked_sub(1)?..)?;
    Some(tail.join("|").trim().to_string())
}

fn looks_like_broken_table(src: &str) -> bool {
    // Most paragraphs are one line: memchr says so without walking it char by char.
    let mut lines = markdown::split_on(src, b'\n');
    let (Some(a), Some(b)) = (lines.next(), lines.next()) else {
        return false;
    };
    let b = b.strip_suffix('\r').unwrap_or(b);
    // Every paragraph is tested: the check that fails soonest goes first.
    b.bytes().all(|c| matches!(c, b'|' | b'-' | b':' | b' '))
        && b.contains('|')
        && b.contains("--")
        && a.contains('|')
}

fn line_offset(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line).map(str::len).sum()
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_split_at_pipes_outside_code_and_escapes() {
        let cells_of = |l| super::cells_of(l).collect::<Vec<_>>();
        assert_eq!(cells_of("|a|b|c|\n"), ["a", "b", "c"]);
        assert_eq!(
            cells_of("a \\| b | `x|y` | z"),
            ["a \\| b ", " `x|y` ", " z"]
        );
        assert_eq!(cells_of("|x\\\\|y|"), ["x\\\\", "y"]);
        assert_eq!(cells_of("|ends in escape\\|"), ["ends in escape\\|"]);
        assert_eq!(cells_of(""), [""]);
    }

    #[test]
    fn a_name_span_is_where_clean_name_finds_the_name() {
        for (cell, name) in [
            ("id", "id"),
            (" **displayName** ", "displayName"),
            ("`level`", "level"),
            ("backupReviewers (deprecated)", "backupReviewers"),
            ("**a (b)**", "a"),
            ("  ", ""),
            ("é (x)", "é"),
        ] {
            let span = super::name_span(cell);
            assert_eq!(&cell[span], name, "{cell:?}");
            assert_eq!(super::clean_name(cell), name, "{cell:?}");
        }
    }

    #[test]
    fn header_is_agrees_with_normalize_header() {
        use super::{header_is, normalize_header};
        for (cell, name) in [
            ("**Property  Name**", "property name"),
            (" `Type` ", "type"),
            ("Type", "type"),
            ("Types", "type"),
            ("", "type"),
            ("Property", "property name"),
            ("Property Name Extra", "property name"),
        ] {
            assert_eq!(
                header_is(cell, name),
                normalize_header(cell) == name,
                "{cell:?} vs {name:?}"
            );
        }
    }

    use super::*;

    fn parse(text: &str) -> (Page, Vec<crate::Diagnostic>) {
        let mut d = Diagnostics::default();
        let p = parse_page("docs/resources/x.md".into(), text, Reading::Full, &mut d);
        (p, d.items)
    }

    #[test]
    fn front_matter_is_lenient() {
        let (fm, at) = front_matter(
            "--- \ntitle: driveItem: createUploadSession\ndoc_type: \"apiPageType\" \n---\n# x\n",
        );
        assert_eq!(fm[0], ("title", "driveItem: createUploadSession"));
        assert_eq!(fm[1].1, "apiPageType");
        assert_eq!(at, 72);
        assert_eq!(front_matter("no front matter").1, 0);
        assert_eq!(front_matter("---\nunclosed: yes\n").1, 0);
    }

    #[test]
    fn resource_page() {
        let md = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\nInherits from [itemFacet](itemfacet.md).\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|level|skillLevel|How good. Possible values are: `low`, `high`, `unknownFutureValue`.|\n|id|String|Id. Read-only. Inherited from [entity](entity.md).|\n|extra|String|a | b|\n|short|\n\n### skillLevel values\n\n|Member|\n|:---|\n|low|\n|high|\n\n## JSON representation\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.thing\",\n}-->\n```json\n{\"level\": \"String\"}\n```\n";
        let (p, d) = parse(md);
        assert_eq!(p.kind, PageKind::Resource);
        assert_eq!(p.namespace.as_deref(), Some("microsoft.graph"));
        assert_eq!(p.description.as_ref().unwrap().text, "A thing.");
        assert_eq!(p.inherits.as_ref().unwrap().dest, "itemfacet.md");
        assert_eq!(p.properties.len(), 4);
        assert_eq!(
            p.properties[0].values,
            ["low", "high", "unknownFutureValue"]
        );
        assert!(p.properties[1].read_only);
        assert_eq!(
            p.properties[1].inherited_from.as_ref().unwrap().text,
            "entity"
        );
        assert_eq!(p.properties[2].description.text, "a | b");
        assert_eq!(p.properties[0].pos, Pos { line: 15, col: 1 });
        assert_eq!(p.enums[0].name, "skillLevel");
        assert_eq!(p.enums[0].members.len(), 2);
        assert_eq!(
            p.resource.as_ref().unwrap()["@odata.type"],
            Value::String("microsoft.graph.thing".into())
        );
        let kinds: Vec<_> = d.iter().map(|d| (d.kind, d.pos.line)).collect();
        assert!(kinds.contains(&(Kind::RaggedRow, 17)), "{kinds:?}");
        assert!(kinds.contains(&(Kind::RaggedRow, 18)), "{kinds:?}");
        assert!(kinds.contains(&(Kind::JsonRepaired, 28)), "{kinds:?}");
    }

    /// `resources/insights-shared.md` and four others: a tab in the delimiter row. Read as
    /// Microsoft's renderer reads it, the table is there; else its rows would be lost silently.
    #[test]
    fn a_tab_in_a_delimiter_row_keeps_the_table() {
        let md = "# thing resource type\n\n## Properties\n| Property | Type \t| Description |\n| -------- |------\t \t| ----- |\n| id\t\t| String\t| Id. Read only. \t |\n| name | String | Name. |\n";
        for reading in [Reading::Skim, Reading::Full] {
            let (p, d) = parse_page_with("resources/thing.md", md, reading);
            assert!(d.is_empty(), "{d:?}");
            let rows: Vec<_> = p
                .properties
                .iter()
                .map(|r| (r.name.as_str(), r.pos.line))
                .collect();
            assert_eq!(rows, [("id", 6), ("name", 7)], "{reading:?}");
            assert_eq!(p.properties[0].description.text, "Id. Read only.");
            assert!(p.properties[0].read_only);
        }
    }

    /// An annotation with several defects names each kind of repair once.
    #[test]
    fn a_repaired_annotation_names_every_repair() {
        let md = "# Get thing\n\n## Example\n<!-- { \"blockType\": \"request\", // note\n \"name\": \"get_thing\", ... } -->\n```http\nGET /things\n```\n";
        let (_, d) = parse_page_with("api/thing-get.md", md, Reading::Skim);
        let repaired: Vec<&str> = d
            .iter()
            .filter(|d| d.kind == Kind::JsonRepaired)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            repaired,
            ["annotation is not strict JSON: comment removed, trailing comma removed, ellipsis placeholder removed (read leniently)"]
        );
    }

    /// `resources/intune-deviceconfig-deliveryoptimizationbandwidthabsolute.md` and five other
    /// real pages: a line break inside a description cell. GFM reads the second line as a row of
    /// its own, which once became a property named by a sentence (and a field
    /// `the_value_0_zero_means_…` in the generated struct).
    #[test]
    fn a_sentence_alone_in_a_row_continues_the_description_above() {
        let md = "# thing resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|mode|String|How it runs. Valid values 0 to 4\nThe value 0 means automatic. Possible values are: `auto`, `manual`.|\nAnd a TODO too.|\n|**Advanced settings**|\n|size|Int64|Size.|\n|short|\n|id|String|Id.|\n";
        for reading in [Reading::Skim, Reading::Full] {
            let (p, d) = parse_page_with("resources/thing.md", md, reading);
            let rows: Vec<_> = p
                .properties
                .iter()
                .map(|r| (r.name.as_str(), r.pos.line))
                .collect();
            // The divider row (bold) and the one-word ragged row are left as they were.
            assert_eq!(
                rows,
                [("mode", 6), ("size", 10), ("short", 11), ("id", 12)],
                "{reading:?}"
            );
            let mode = &p.properties[0];
            assert_eq!(
                mode.description.text,
                "How it runs. Valid values 0 to 4 The value 0 means automatic. Possible values are: `auto`, `manual`. And a TODO too."
            );
            // What the description says is read from all of it.
            assert_eq!(mode.values, ["auto", "manual"]);
            let found: Vec<_> = d.iter().map(|d| (d.kind, d.pos.line)).collect();
            assert_eq!(
                found,
                [
                    (Kind::RaggedRow, 7),
                    (Kind::RaggedRow, 8),
                    (Kind::Todo, 8),
                    (Kind::RaggedRow, 9),
                    (Kind::RaggedRow, 11)
                ],
                "{reading:?}"
            );
            assert!(
                d[0].message.contains("rest of the description of `mode`"),
                "{}",
                d[0].message
            );
        }
    }

    #[test]
    fn api_page() {
        let md = "---\ndoc_type: apiPageType\n---\n# Update thing\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPATCH /me/things/{id}\nPATCH /users/{id | userPrincipalName}/things/{id}\n```\n## Request body\n|Property|Type|Description|\n|:---|:---|:---|\n|level|String|x|\n\n## Response\nIf successful, this method returns a `200 OK` response code and an updated [thing](../resources/thing.md) object in the response body.\n## Example\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"u\"\n}-->\n```http\nPATCH https://graph.microsoft.com/beta/me/things/1\nContent-type: application/json\n\n{\"level\": \"low\"}\n```\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n{\"level\": \"low\"}\n```\n";
        let (p, d) = parse(md);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.kind, PageKind::Api);
        assert_eq!(p.templates.len(), 2);
        assert_eq!(p.templates[1].pos.line, 10);
        assert_eq!(p.request_body.len(), 1);
        assert_eq!(p.response_status, Some(200));
        assert!(
            matches!(&p.response_type, Some((TypeExpr::Named(n), false)) if n.page.as_deref() == Some("thing"))
        );
        assert_eq!(p.examples.len(), 2);
        assert_eq!(p.examples[0].block_type, "request");
        assert_eq!(
            p.examples[0].body.as_deref().map(str::trim),
            Some("{\"level\": \"low\"}")
        );
        assert_eq!(p.examples[0].body_pos.line, 29);
        assert_eq!(
            p.examples[1].annotated_type(),
            Some(("microsoft.graph.thing", false))
        );
        assert_eq!(p.examples[1].body_pos.line, 35);
    }

    #[test]
    fn todos_are_reported_in_every_table_where_they_are() {
        let md = "# Update thing\n\n## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n|Delegated|**TODO: Determine scopes **|\n|Application|User.Read|\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|level|String|TODO: Add Description|\n";
        let (_, d) = parse(md);
        let todos: Vec<(Pos, &str)> = d
            .iter()
            .filter(|d| d.kind == Kind::Todo)
            .map(|d| (d.pos, d.message.as_str()))
            .collect();
        assert_eq!(
            todos,
            [
                (
                    Pos { line: 7, col: 14 },
                    "permissions table cell is a TODO: `TODO: Determine scopes`"
                ),
                (Pos { line: 13, col: 1 }, "description of `level` is a TODO"),
            ]
        );
    }

    #[test]
    fn bad_input_does_not_panic() {
        for text in [
            "",
            "   \n",
            "---\n",
            "|a|\n|-|\n|",
            "<!--",
            "<!-- { \"blockType\": \"request\" ",
            "```http\n",
            "## Properties\n|Property|Type|\n|-|-|\n|x|\n|y|String|z|w|\n",
            "# x enum type\n## Members\n|Member|Value|\n|-|-|\n|a|not a number|\n",
            "## Response\nreturns 999",
            "\u{feff}---\ndoc_type: x\n---\n",
        ] {
            let _ = parse(text);
        }
    }
}
