//! graphdoc-codegen: Microsoft Graph–style reference pages (markdown) → a typed model → Rust.
//!
//! The pipeline has three rooms and data flows one way:
//! [`parse`](parse_pages) (pulldown-cmark, one page at a time) → [`model`](build_model) (merging,
//! naming, checks) → [`emit`](emit_tokens) (quote) → [`format`] (prettyplease). [`generate`] runs
//! them all. None of them does I/O: sources come in as bytes, text and diagnostics come out.
//! Reading files is the job of [`sources`] (used by the CLI, `graphdoc::models!` and the build-script
//! builder).
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

mod diagnostic;
pub mod emit;
pub mod model;
pub mod naming;
pub mod parse;
pub mod sources;

use std::sync::Arc;

use proc_macro2::TokenStream;

use diagnostic::Diagnostics;
pub use diagnostic::{Diagnostic, Kind, Pos, Severity};
pub use emit::EmitOptions;
pub use model::Model;
pub use parse::Page;

/// One input page: a path (used in diagnostics and to tell `api/` from `resources/`) and its bytes.
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
}

/// Options of a whole run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// What to emit.
    pub emit: EmitOptions,
    /// Lines for the header comment of the formatted file (each becomes `// line`).
    pub header: Vec<String>,
}

/// Everything a run produces.
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
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses every source into pages (sorted by path, so the result does not depend on input order).
pub fn parse_pages(sources: &[Source]) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted.dedup_by(|a, b| a.path == b.path);
    let pages = sorted
        .into_iter()
        .map(|s| {
            let path: Arc<str> = s.path.as_str().into();
            let text = match std::str::from_utf8(&s.bytes) {
                Ok(t) => std::borrow::Cow::Borrowed(t),
                Err(e) => {
                    let before = &s.bytes[..e.valid_up_to()];
                    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() as u32 + 1;
                    diags.push(
                        &path,
                        Pos { line, col },
                        Severity::Error,
                        Kind::Encoding,
                        "file is not valid UTF-8: invalid bytes read as U+FFFD",
                    );
                    String::from_utf8_lossy(&s.bytes)
                }
            };
            // CRLF pages (real ones exist) are read as LF so that offsets and lines agree.
            let text = if text.contains('\r') {
                std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
            } else {
                text
            };
            parse::parse_page(path, &text, &mut diags)
        })
        .collect();
    (pages, diags.items)
}

/// Builds the model from parsed pages.
pub fn build_model(pages: &[Page]) -> (Model, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let model = model::build(pages, &mut diags);
    (model, diags.items)
}

/// Emits Rust items for a model.
pub fn emit_tokens(model: &Model, options: &EmitOptions) -> TokenStream {
    emit::emit(model, options)
}

/// Formats emitted tokens as a file with prettyplease, with `header` lines as `//` comments on top.
///
/// Tokens that are not a valid file (a generator bug) are returned unformatted after the header,
/// so the problem is visible rather than lost.
pub fn format(tokens: &TokenStream, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            if !header.is_empty() {
                out.push('\n');
            }
            out.push_str(&prettyplease::unparse(&file));
        }
        Err(e) => {
            out.push_str(&format!("// graphdoc: emitted tokens do not parse: {e}\n"));
            out.push_str(&tokens.to_string());
        }
    }
    out
}

/// Runs the whole pipeline: parse, model, emit, format.
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
