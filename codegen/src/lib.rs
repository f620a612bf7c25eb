//! graphdoc-codegen: Microsoft Graph–style reference pages (markdown) → a typed model → Rust.
//!
//! The pipeline has three rooms and data flows one way:
//! [`parse`](parse_pages) (pulldown-cmark, one page at a time) → [`model`](build_model) (merging,
//! naming, checks) → [`emit`](emit_tokens) (quote) → [`format`](format()) (prettyplease). [`generate`] runs
//! them all. None of them does I/O: sources come in as bytes, text and diagnostics come out.
//! Reading files is the job of [`sources`], used by the CLI, by `graphdoc::models!` and by
//! [`Builder`], the build-script front end.
//!
//! ```
//! use graphdoc_codegen::{generate, Options, Source};
//!
//! let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
//!             |Property|Type|Description|\n|:---|:---|:---|\n|displayName|String|The name.|\n";
//! let out = generate(&[Source::new("resources/thing.md", page)], &Options::default());
//! assert!(out.rust.contains("pub struct Thing"));
//! assert!(out.rust.contains("pub display_name: ::core::option::Option<::std::string::String>"));
//! assert!(!out.has_errors());
//! ```

// Every public item is documented; this keeps it so.
#![warn(missing_docs)]

mod builder;
mod diagnostic;
pub mod emit;
pub mod model;
pub mod naming;
pub mod parse;
pub mod sources;

use std::borrow::Cow;
use std::sync::Arc;

use proc_macro2::TokenStream;

pub use builder::{Builder, Error, Inputs};
use diagnostic::Diagnostics;
pub use diagnostic::{Diagnostic, Kind, Pos, Severity};
pub use emit::EmitOptions;
pub use model::Model;
pub use parse::Page;

/// One input page: a path (used in diagnostics and to tell `api/` from `resources/`) and its bytes.
///
/// ```
/// use graphdoc_codegen::parse::PageKind;
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let (pages, _) = parse_pages(&[
///     Source::new("docs/resources/thing.md", "# thing resource type\n"),
///     Source::new("docs/api/thing-get.md", "# Get thing\n"),
/// ]);
/// assert_eq!((&*pages[0].path, pages[0].kind), ("docs/api/thing-get.md", PageKind::Api));
/// assert_eq!((&*pages[1].path, pages[1].kind), ("docs/resources/thing.md", PageKind::Resource));
/// ```
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as it should appear in diagnostics (`docs/api/x.md`).
    pub path: String,
    /// The raw bytes; non-UTF-8 input is reported and read with replacement characters.
    pub bytes: Vec<u8>,
}

impl Source {
    /// A source from a path and its contents.
    ///
    /// ```
    /// let s = graphdoc_codegen::Source::new("docs/a.md", "# a");
    /// assert_eq!(s.path, "docs/a.md");
    /// ```
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Source {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// The text the parser reads: the bytes as UTF-8 (invalid ones as U+FFFD), line ends made
    /// LF by [`parse::lf_only`]. A diagnostic's line and column count in this text, so a tool
    /// that shows the line a diagnostic names takes it from here.
    ///
    /// ```
    /// use graphdoc_codegen::{parse_pages, Source};
    ///
    /// let s = Source::new("api/x.md", b"# x\r\n\r\n|a|b|\r\n\xff".to_vec());
    /// assert_eq!(s.text(), "# x\n\n|a|b|\n\u{fffd}");
    /// let (_, diagnostics) = parse_pages(&[s.clone()]);
    /// let bad = diagnostics.iter().find(|d| d.kind.code() == "encoding").unwrap();
    /// assert_eq!(s.text().split('\n').nth(bad.pos.line as usize - 1), Some("\u{fffd}"));
    /// ```
    pub fn text(&self) -> Cow<'_, str> {
        let text = String::from_utf8_lossy(&self.bytes);
        let lf = match parse::lf_only(&text) {
            Cow::Owned(lf) => Some(lf),
            Cow::Borrowed(_) => None,
        };
        lf.map_or(text, Cow::Owned)
    }
}

/// Options of a whole run.
///
/// ```
/// use graphdoc_codegen::{generate, EmitOptions, Options, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n";
/// let options = Options {
///     emit: EmitOptions { extra_derives: vec!["Eq".into()], ..EmitOptions::default() },
///     header: vec!["@generated".into()],
/// };
/// let out = generate(&[Source::new("resources/thing.md", page)], &options);
/// assert!(out.rust.starts_with("// @generated\n\n/// The `thing` type.\n"));
/// assert!(out.rust.contains("serde::Deserialize,\n    Eq\n)]\n"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// What to emit.
    pub emit: EmitOptions,
    /// Lines for the header comment of the formatted file (each becomes `// line`).
    pub header: Vec<String>,
}

/// The header of a generated file: the `@generated` marker and the command that regenerates it.
///
/// Built here only, so that `graphdoc generate` and `graphdoc check` (which compares a file with
/// what `generate` would write) agree byte for byte.
///
/// ```
/// let h = graphdoc_codegen::header("graphdoc generate docs --out models.rs");
/// assert_eq!(h, [
///     "@generated by graphdoc from reference pages; do not edit.",
///     "Regenerate with: graphdoc generate docs --out models.rs",
/// ]);
/// ```
pub fn header(regenerate_with: &str) -> Vec<String> {
    vec![
        "@generated by graphdoc from reference pages; do not edit.".to_string(),
        format!("Regenerate with: {regenerate_with}"),
    ]
}

/// Everything a run produces.
///
/// ```
/// use graphdoc_codegen::{format, generate, Kind, Options, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|part|widget|A part.|\n";
/// let out = generate(&[Source::new("resources/thing.md", page)], &Options::default());
/// assert_eq!(out.model.types["microsoft.graph.thing"].rust_name, "Thing");
/// assert_eq!(out.rust, format(&out.tokens, &[]));
/// assert_eq!(out.diagnostics[0].kind, Kind::UnresolvedType);
/// assert_eq!(out.diagnostics[0].pos.line, 8);
/// ```
#[derive(Debug)]
pub struct Generated {
    /// The model, for inspection or `graphdoc model`.
    pub model: Model,
    /// The emitted items.
    pub tokens: TokenStream,
    /// The formatted file (header included).
    pub rust: String,
    /// All diagnostics, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Generated {
    /// Whether any diagnostic is an error.
    ///
    /// ```
    /// use graphdoc_codegen::{generate, Options, Severity, Source};
    ///
    /// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///             |Property|Type|Description|\n|:---|:---|:---|\n|part|widget|A part.|\n";
    /// let warned = generate(&[Source::new("resources/thing.md", page)], &Options::default());
    /// assert_eq!(warned.diagnostics[0].severity, Severity::Warning);
    /// assert!(!warned.has_errors());
    /// let broken = generate(&[Source::new("resources/thing.md", b"# thing\xff".to_vec())], &Options::default());
    /// assert_eq!(broken.diagnostics[0].severity, Severity::Error);
    /// assert!(broken.has_errors());
    /// ```
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses every source into pages (sorted by path, so the result does not depend on input order).
///
/// ```
/// use graphdoc_codegen::{parse_pages, Kind, Source};
///
/// let (pages, diagnostics) = parse_pages(&[
///     Source::new("resources/thing.md", "# thing resource type\n"),
///     Source::new("api/empty.md", ""),
/// ]);
/// let paths: Vec<&str> = pages.iter().map(|p| &*p.path).collect();
/// assert_eq!(paths, ["api/empty.md", "resources/thing.md"]);
/// assert_eq!(pages[1].h1.as_deref(), Some("thing resource type"));
/// assert_eq!((&*diagnostics[0].file, diagnostics[0].kind), ("api/empty.md", Kind::EmptyPage));
///
/// // Two different pages under one path: the same one is read whatever the order, and it is an error.
/// let a = Source::new("api/x.md", "# a\n");
/// let b = Source::new("api/x.md", "# b\n");
/// let (ab, diagnostics) = parse_pages(&[a.clone(), b.clone()]);
/// let (ba, _) = parse_pages(&[b, a]);
/// assert_eq!((ab.len(), ab[0].h1.as_deref()), (1, ba[0].h1.as_deref()));
/// assert_eq!(diagnostics[0].kind, Kind::Duplicate);
/// ```
pub fn parse_pages(sources: &[Source]) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let mut sorted: Vec<&Source> = sources.iter().collect();
    // By path, then contents: which of two different sources under one path is read must not
    // depend on input order either. The same page given twice (a file and its directory) is read
    // once; two different pages under one path cannot both be, and that is an error.
    sorted.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.bytes.cmp(&b.bytes)));
    sorted.dedup_by(|later, kept| {
        if later.path != kept.path {
            return false;
        }
        if later.bytes != kept.bytes {
            diags.push(
                &Arc::from(later.path.as_str()),
                Pos { line: 1, col: 1 },
                Severity::Error,
                Kind::Duplicate,
                "two different sources have this path: only one of them is read",
            );
        }
        true
    });
    let pages = sorted
        .into_iter()
        .map(|s| {
            let path: Arc<str> = s.path.as_str().into();
            let text = match std::str::from_utf8(&s.bytes) {
                Ok(t) => Cow::Borrowed(t),
                Err(e) => {
                    // Where the first invalid byte is, in the text the parser reads (its
                    // line ends made LF), as every other position.
                    let before = std::str::from_utf8(&s.bytes[..e.valid_up_to()]).unwrap_or("");
                    let before = parse::lf_only(before);
                    let pos = diagnostic::LineIndex::default().pos(&before, before.len());
                    diags.push(
                        &path,
                        pos,
                        Severity::Error,
                        Kind::Encoding,
                        "file is not valid UTF-8: invalid bytes read as U+FFFD",
                    );
                    String::from_utf8_lossy(&s.bytes)
                }
            };
            parse::parse_page(path, &text, parse::Reading::Skim, &mut diags)
        })
        .collect();
    (pages, diags.items)
}

/// Builds the model from parsed pages.
///
/// ```
/// use graphdoc_codegen::model::{Prim, Ty};
/// use graphdoc_codegen::{build_model, parse_pages, Kind, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|displayName|String|The name.|\n\
///             |part|widget|A part.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, diagnostics) = build_model(&pages);
/// let thing = &model.types["microsoft.graph.thing"];
/// assert_eq!((thing.rust_name.as_str(), thing.properties[0].rust_name.as_str()), ("Thing", "display_name"));
/// assert_eq!((&thing.properties[0].ty, &thing.properties[1].ty), (&Ty::Prim(Prim::String), &Ty::Json));
/// assert_eq!(diagnostics[0].kind, Kind::UnresolvedType);
/// ```
pub fn build_model(pages: &[Page]) -> (Model, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let model = model::build(pages, &mut diags);
    (model, diags.items)
}

/// Checks that only the whole model allows, beyond what [`build_model`] reports: every example
/// value against the type it should read as. Run by `graphdoc lint`; [`generate`] does not run it.
///
/// ```
/// use graphdoc_codegen::{build_model, parse_pages, validate, Kind, Source};
///
/// let resource = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///                 |Property|Type|Description|\n|:--|:--|:--|\n|count|Int32|How many.|\n";
/// let api = "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Response\n\
///            <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n\
///            ```json\n{\"count\": \"three\"}\n```\n";
/// let (pages, _) = parse_pages(&[
///     Source::new("resources/thing.md", resource),
///     Source::new("api/thing-get.md", api),
/// ]);
/// let (model, _) = build_model(&pages);
/// let found = validate(&model);
/// assert_eq!(found[0].kind, Kind::ExampleType);
/// assert_eq!((found[0].pos.line, found[0].pos.col), (9, 11));
/// ```
pub fn validate(model: &Model) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    model::validate_examples(model, &mut diags);
    diags.items.sort();
    diags.items
}

/// Emits Rust items for a model.
///
/// ```
/// use graphdoc_codegen::{build_model, emit_tokens, parse_pages, EmitOptions, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|count|Int32|How many.|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let (model, _) = build_model(&pages);
/// let tokens = emit_tokens(&model, &EmitOptions::default()).to_string();
/// assert!(tokens.contains("pub struct Thing"));
/// assert!(tokens.contains("pub count : :: core :: option :: Option < i32 >"));
/// ```
pub fn emit_tokens(model: &Model, options: &EmitOptions) -> TokenStream {
    emit::emit(model, options)
}

/// Formats emitted tokens as a file with prettyplease, with `header` lines as `//` comments on top.
///
/// The file is read and printed one item at a time, so only one item's syntax tree exists at
/// once: on graph-beta-2021 that halves the peak memory of formatting and makes it about a third
/// faster than printing a whole `syn::File`, with the same bytes (prettyplease prints a file's
/// items one after another). Tokens that are not a valid file (a generator bug) are returned
/// unformatted after the header, so the problem is visible rather than lost.
///
/// ```
/// use graphdoc_codegen::format;
/// use quote::quote;
///
/// let tokens = quote!(#![allow(dead_code)] pub struct A; pub struct B { x: u8 });
/// let text = format(&tokens, &["@generated".to_string()]);
/// assert_eq!(text, "// @generated\n\n#![allow(dead_code)]\npub struct A;\npub struct B {\n    x: u8,\n}\n");
/// assert_eq!(&text[15..], prettyplease::unparse(&syn::parse2(tokens).unwrap()));
/// ```
pub fn format(tokens: &TokenStream, header: &[String]) -> String {
    use syn::parse::{ParseStream, Parser};

    let mut out = String::new();
    // A line break in a header line (a directory name given on the command line may hold one)
    // starts another comment line: nothing in the header can end the comment and become code.
    for line in header.iter().flat_map(|l| l.split(['\n', '\r'])) {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    let after_header = out.len();
    if !header.is_empty() {
        out.push('\n');
    }
    let items = |input: ParseStream| -> syn::Result<()> {
        // Inner attributes print with the first item, as prettyplease prints them for a file.
        let mut attrs = input.call(syn::Attribute::parse_inner)?;
        let file = |attrs, items| syn::File {
            shebang: None,
            attrs,
            items,
        };
        if input.is_empty() {
            out.push_str(&prettyplease::unparse(&file(
                std::mem::take(&mut attrs),
                Vec::new(),
            )));
        }
        while !input.is_empty() {
            let item = input.parse::<syn::Item>()?;
            out.push_str(&prettyplease::unparse(&file(
                std::mem::take(&mut attrs),
                vec![item],
            )));
        }
        Ok(())
    };
    if let Err(e) = items.parse2(tokens.clone()) {
        out.truncate(after_header);
        out.push_str(&format!("// graphdoc: emitted tokens do not parse: {e}\n"));
        out.push_str(&tokens.to_string());
    }
    out
}

/// Runs the whole pipeline: parse, model, emit, format.
///
/// ```
/// use graphdoc_codegen::{generate, Kind, Options, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|part|widget|A part.|\n";
/// let sources = [Source::new("resources/thing.md", page), Source::new("api/x.md", b"\xff".to_vec())];
/// let out = generate(&sources, &Options::default());
/// let kinds: Vec<Kind> = out.diagnostics.iter().map(|d| d.kind).collect();
/// assert_eq!(kinds, [Kind::Encoding, Kind::UnresolvedType]);
/// assert!(out.rust.contains("pub part: ::core::option::Option<::graphdoc::__private::serde_json::Value>"));
/// ```
pub fn generate(sources: &[Source], options: &Options) -> Generated {
    let (pages, mut diagnostics) = parse_pages(sources);
    let (model, model_diags) = build_model(&pages);
    diagnostics.extend(model_diags);
    let tokens = emit_tokens(&model, &options.emit);
    let rust = format(&tokens, &options.header);
    diagnostics.sort();
    Generated {
        model,
        tokens,
        rust,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Item by item gives the bytes prettyplease gives for the whole file.
    #[test]
    fn formatting_by_items_prints_the_whole_file() {
        let resource =
            "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\
                        |Property|Type|Description|\n|:---|:---|:---|\n|id|String|Read-only.|\n\
                        |level|String|Possible values are: `low`, `high`, `unknownFutureValue`.|\n";
        let update =
            "---\ndoc_type: apiPageType\n---\n# Update thing\n\n## HTTP request\n```http\n\
                      PATCH /things/{id}\n```\n## Request body\n|Property|Type|Description|\n\
                      |:---|:---|:---|\n|level|String|The level.|\n";
        let (pages, _) = parse_pages(&[
            Source::new("resources/thing.md", resource),
            Source::new("api/thing-update.md", update),
        ]);
        let (model, _) = build_model(&pages);
        let tokens = emit_tokens(&model, &EmitOptions::default());
        let whole = prettyplease::unparse(&syn::parse2(tokens.clone()).expect("tokens parse"));
        assert!(whole.contains("pub enum ThingLevel") && whole.contains("impl ::graphdoc::Patch"));
        assert_eq!(format(&tokens, &[]), whole);
        let header = ["a".to_string(), "b".to_string()];
        assert_eq!(format(&tokens, &header), format!("// a\n// b\n\n{whole}"));
        let hostile = ["dir\nfn evil() {}\rfn worse() {}".to_string()];
        assert_eq!(
            format(&tokens, &hostile),
            format!("// dir\n// fn evil() {{}}\n// fn worse() {{}}\n\n{whole}")
        );
        // No items: what prettyplease prints for an empty file, with or without attributes.
        for empty in [TokenStream::new(), quote::quote!(#![allow(dead_code)])] {
            let whole = prettyplease::unparse(&syn::parse2(empty.clone()).expect("parses"));
            assert_eq!(format(&empty, &header), format!("// a\n// b\n\n{whole}"));
        }
    }

    /// Tokens that fail to parse after some items did: none of the formatted items stay, and
    /// all tokens follow the message.
    #[test]
    fn tokens_that_do_not_parse_are_kept_unformatted() {
        let tokens: TokenStream = "pub struct A; pub struct B; fn".parse().expect("lexes");
        let text = format(&tokens, &["h".to_string()]);
        let (message, rest) = text
            .strip_prefix("// h\n// graphdoc: emitted tokens do not parse: ")
            .and_then(|t| t.split_once('\n'))
            .expect("header, then the message");
        assert!(!message.is_empty());
        assert_eq!(rest, "pub struct A ; pub struct B ; fn");
    }
}
