//! `graphdoc::models!`: its options, and its expansion through the same engine calls as the CLI.
//!
//! The expansion is exactly `graphdoc_codegen::emit_tokens` of the model the CLI builds from the
//! same pages, followed by one hidden `const _: &[u8] = include_bytes!("<page>");` per page read
//! (so that editing a page re-expands the macro) and preceded by the errors, if any.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Component, Path, PathBuf};

use graphdoc_codegen::{
    build_model, emit_tokens, parse_pages, sources, EmitOptions, Kind, Severity,
};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Lit, LitStr, Token};

use crate::errors::{panic_message, Errors};

/// The options `models!` accepts, for error messages.
const OPTIONS: &str = "`types`, `derives` or `deny`";

/// `"docs", option = value, ...` as written.
pub(crate) struct Args {
    /// The pages: a directory, a file or a glob relative to the crate.
    pub(crate) path: LitStr,
    options: Vec<Opt>,
}

/// `name = value`, read before its meaning is checked so that every bad option is reported.
struct Opt {
    name: Ident,
    value: Expr,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                "expected the pages to read, such as `graphdoc::models!(\"docs\")`: a directory, a file or a glob relative to the crate",
            ));
        }
        let path = input.parse::<LitStr>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the pages to read as a string literal, such as `\"docs\"`: a directory, a file or a glob relative to the crate",
            )
        })?;
        let mut options = Vec::new();
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
            options.extend(Punctuated::<Opt, Token![,]>::parse_terminated(input)?);
        }
        Ok(Args { path, options })
    }
}

impl Parse for Opt {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name = input.parse::<Ident>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected an option: {OPTIONS}, such as `types = [\"skillProficiency\"]`"),
            )
        })?;
        input.parse::<Token![=]>()?;
        let value = input.parse::<Expr>()?;
        Ok(Opt { name, value })
    }
}

/// The options, checked.
#[derive(Default)]
struct Options {
    /// `types = ["skillProficiency", ...]`: the literals, checked against the model later.
    types: Option<Vec<LitStr>>,
    /// `derives = [Eq, schemars::JsonSchema]`.
    derives: Vec<syn::Path>,
    /// `deny = ["placeholder", ...]`: warning kinds that fail the build.
    deny: Vec<Kind>,
    /// `deny = ["warnings"]`: every warning fails the build.
    deny_warnings: bool,
}

impl Options {
    /// Reads the options, reporting every problem at its tokens.
    fn read(opts: &[Opt], errors: &mut Errors) -> Options {
        let mut options = Options::default();
        let mut seen: Vec<String> = Vec::new();
        for opt in opts {
            let name = opt.name.to_string();
            if seen.contains(&name) {
                errors.spanned(&opt.name, format!("`{name}` is given twice"));
                continue;
            }
            seen.push(name.clone());
            match name.as_str() {
                "types" => options.types = Some(type_names(&opt.value, errors)),
                "derives" => options.derives = derives(&opt.value, errors),
                "deny" => {
                    for lit in strings(&opt.value, "deny", "\"placeholder\"", errors) {
                        match lit.value().as_str() {
                            "warnings" => options.deny_warnings = true,
                            code => match Kind::from_code(code) {
                                Some(kind) => options.deny.push(kind),
                                None => errors.spanned(
                                    &lit,
                                    format!(
                                        "unknown diagnostic kind `{code}`: expected `warnings` or one of {}",
                                        Kind::ALL
                                            .iter()
                                            .map(|k| format!("`{}`", k.code()))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ),
                                ),
                            },
                        }
                    }
                }
                _ => errors.spanned(
                    &opt.name,
                    format!("unknown option `{name}`: expected {OPTIONS}"),
                ),
            }
        }
        options
    }

    /// Whether a diagnostic fails the build. Besides errors and denied kinds, `not-a-table`
    /// always does: its rows were not read, so the generated types would silently lack
    /// properties, and a macro has no way to show a warning on stable Rust.
    fn fails(&self, severity: Severity, kind: Kind) -> bool {
        severity == Severity::Error
            || kind == Kind::NotATable
            || self.deny_warnings
            || self.deny.contains(&kind)
    }
}

/// `[elem, ...]`, or an error that shows the expected form.
fn array<'a>(value: &'a Expr, option: &str, example: &str, errors: &mut Errors) -> Vec<&'a Expr> {
    match value {
        Expr::Array(a) if a.elems.is_empty() => {
            errors.spanned(
                a,
                format!("`{option} = []` is empty: leave the option out instead"),
            );
            Vec::new()
        }
        Expr::Array(a) => a.elems.iter().collect(),
        other => {
            errors.spanned(
                other,
                format!("expected a list, such as `{option} = [{example}]`"),
            );
            Vec::new()
        }
    }
}

/// `["a", "b"]`: non-empty string literals.
fn strings(value: &Expr, option: &str, example: &str, errors: &mut Errors) -> Vec<LitStr> {
    let mut out = Vec::new();
    for elem in array(value, option, example, errors) {
        match elem {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) if !s.value().trim().is_empty() => out.push(s.clone()),
            other => errors.spanned(
                other,
                format!("expected a non-empty string, such as {example}"),
            ),
        }
    }
    out
}

fn type_names(value: &Expr, errors: &mut Errors) -> Vec<LitStr> {
    strings(value, "types", "\"skillProficiency\"", errors)
}

fn derives(value: &Expr, errors: &mut Errors) -> Vec<syn::Path> {
    let mut out = Vec::new();
    for elem in array(value, "derives", "Eq, Hash", errors) {
        match elem {
            Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => {
                let last = p.path.segments.last().map(|s| s.ident.to_string());
                match last {
                    Some(name)
                        if graphdoc_codegen::emit::STRUCT_DERIVES.contains(&name.as_str()) =>
                    {
                        errors.spanned(
                            p,
                            format!("`{name}` is already derived for every generated struct"),
                        )
                    }
                    _ => out.push(p.path.clone()),
                }
            }
            other => errors.spanned(
                other,
                "expected the path of a derive macro, such as `Eq` or `schemars::JsonSchema`",
            ),
        }
    }
    out
}

/// What `graphdoc::models!(input)` expands to, for a crate whose Cargo.toml is in
/// `manifest_dir` (`None` when cargo did not say). Never panics: every problem, a bug in the
/// generator included, becomes a compile error.
pub(crate) fn expand(input: TokenStream, manifest_dir: Option<&Path>) -> TokenStream {
    expand_with(input, manifest_dir, generate)
}

/// The generator's signature, so that tests can stand in a failing one.
type Generate = fn(&LitStr, &Options, &Path, &mut Errors) -> TokenStream;

fn expand_with(input: TokenStream, manifest_dir: Option<&Path>, generate: Generate) -> TokenStream {
    let args = match syn::parse2::<Args>(input) {
        Ok(args) => args,
        Err(e) => return e.into_compile_error(),
    };
    let mut errors = Errors::default();
    let options = Options::read(&args.options, &mut errors);
    let mut out = TokenStream::new();
    match manifest_dir {
        None => errors.spanned(
            &args.path,
            "CARGO_MANIFEST_DIR is not set: graphdoc::models! reads pages relative to the crate and must be built by cargo",
        ),
        Some(dir) => {
            let run = catch_unwind(AssertUnwindSafe(|| {
                let mut errors = Errors::default();
                let out = generate(&args.path, &options, dir, &mut errors);
                (out, errors)
            }));
            match run {
                Ok((generated, found)) => {
                    out = generated;
                    if let Some(e) = found.finish() {
                        errors.push(e);
                    }
                }
                Err(payload) => errors.spanned(
                    &args.path,
                    format!(
                        "graphdoc bug: the generator panicked ({}); please report it with the pages that caused it",
                        panic_message(&*payload)
                    ),
                ),
            }
        }
    }
    errors.emit_with(out)
}

/// Reads, parses, models and emits the pages; returns the items and the tracking consts.
/// Items are emitted even when there are errors, so that one mistake in a page gives one error
/// rather than one for every use of a type that would otherwise be missing.
fn generate(path: &LitStr, options: &Options, dir: &Path, errors: &mut Errors) -> TokenStream {
    let spelled = path.value();
    if spelled.trim().is_empty() {
        errors.spanned(
            path,
            "the path is empty: name a directory, a file or a glob relative to the crate, such as `\"docs\"`",
        );
        return TokenStream::new();
    }
    let root = normalize(dir);
    if !normalize(&dir.join(&spelled)).starts_with(&root) {
        errors.spanned(path, outside(&spelled));
        return TokenStream::new();
    }
    let mut read = sources::read_in(Some(dir), &[&spelled]);
    // A glob such as `docs/**/../..` can still reach out: every file read is checked too.
    read.sources.retain(|s| {
        let inside = normalize(&dir.join(&s.path)).starts_with(&root);
        if !inside {
            errors.spanned(path, outside(&s.path));
        }
        inside
    });
    // The one input is the macro's own path: it says so in its own words below.
    read.problems.retain(|p| p.message != sources::NO_PAGE);
    for p in &read.problems {
        errors.spanned(
            path,
            format!(
                "{}:{}:{}: {} [{}]",
                p.file,
                p.pos.line,
                p.pos.col,
                p.message,
                p.kind.code()
            ),
        );
    }
    if read.sources.is_empty() {
        if read.problems.is_empty() {
            errors.spanned(
                path,
                format!("no pages in `{spelled}`: a directory is searched for `.md` files"),
            );
        }
        return TokenStream::new();
    }

    let (pages, mut diagnostics) = parse_pages(&read.sources);
    let (model, model_diagnostics) = build_model(&pages);
    diagnostics.extend(model_diagnostics);
    diagnostics.sort();
    for d in &diagnostics {
        if options.fails(d.severity, d.kind) {
            let denied = if d.severity == Severity::Error || d.kind == Kind::NotATable {
                ""
            } else {
                " (a warning, denied by `deny`)"
            };
            errors.spanned(
                path,
                format!(
                    "{}:{}:{}: {} [{}]{denied}",
                    d.file,
                    d.pos.line,
                    d.pos.col,
                    d.message,
                    d.kind.code()
                ),
            );
        }
    }

    let types = options.types.as_ref().map(|lits| {
        lits.iter()
            .filter(|lit| {
                let found = model.keys_named(&lit.value()).next().is_some();
                if !found {
                    errors.spanned(lit, unknown_type(&lit.value(), &spelled, &model));
                }
                found
            })
            .map(LitStr::value)
            .collect::<Vec<_>>()
    });
    let emit = EmitOptions {
        // When no name was found, everything is emitted so that the error stays the only one.
        types: types.filter(|t| !t.is_empty()),
        extra_derives: options
            .derives
            .iter()
            .map(|d| d.to_token_stream().to_string())
            .collect(),
    };
    let mut out = emit_tokens(&model, &emit);
    out.extend(read.sources.iter().filter_map(|s| {
        // A path that is not UTF-8 cannot be spelled in `include_bytes!`: the page is still
        // read, it only does not re-expand the macro when edited.
        let file = dir.join(&s.path);
        let file = file.to_str()?;
        Some(quote!(
            const _: &[u8] = ::core::include_bytes!(#file);
        ))
    }));
    out
}

fn outside(spelled: &str) -> String {
    format!(
        "`{spelled}` is outside the crate: pages must be inside the directory of its Cargo.toml, so that the crate builds from its package (a symlink inside the crate is followed)"
    )
}

fn unknown_type(name: &str, spelled: &str, model: &graphdoc_codegen::Model) -> String {
    format!(
        "no type or enum named `{name}` in the pages of `{spelled}`; they define {}",
        model.some_names()
    )
}

/// `a/./b/../c` → `a/c`, without touching the disk: whether a path stays inside the crate is
/// decided by how it is spelled, so a symlink inside the crate is allowed (cargo package copies
/// what it points to).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the macros crate is in the workspace")
            .to_path_buf()
    }

    /// The expansion split into the emitted items and the tracking consts' paths; panics on
    /// compile errors.
    fn split(expansion: TokenStream) -> (TokenStream, Vec<String>) {
        let file: syn::File = syn::parse2(expansion).expect("the expansion is a list of items");
        let mut items = TokenStream::new();
        let mut tracked = Vec::new();
        for item in file.items {
            match &item {
                syn::Item::Const(c) if c.ident == "_" => {
                    let syn::Expr::Macro(m) = &*c.expr else {
                        panic!("unexpected const: {}", item.to_token_stream())
                    };
                    assert_eq!(m.mac.path.segments.last().unwrap().ident, "include_bytes");
                    tracked.push(syn::parse2::<LitStr>(m.mac.tokens.clone()).unwrap().value());
                }
                syn::Item::Macro(m)
                    if m.mac.path.segments.last().unwrap().ident == "compile_error" =>
                {
                    panic!("unexpected error: {}", m.mac.tokens)
                }
                _ => items.extend(item.into_token_stream()),
            }
        }
        (items, tracked)
    }

    /// Compile errors of an expansion, as their messages.
    fn errors(expansion: TokenStream) -> Vec<String> {
        let file: syn::File = syn::parse2(expansion).expect("items");
        file.items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Macro(m)
                    if m.mac.path.segments.last().unwrap().ident == "compile_error" =>
                {
                    Some(syn::parse2::<LitStr>(m.mac.tokens.clone()).unwrap().value())
                }
                _ => None,
            })
            .collect()
    }

    const CLI_HEADER: [&str; 2] = [
        "@generated by graphdoc from reference pages; do not edit.",
        "Regenerate with: graphdoc generate docs --out generated/src/models.rs",
    ];

    #[test]
    fn expansion_of_docs_is_the_file_the_cli_writes() {
        let root = workspace();
        let (items, tracked) = split(expand(quote!("docs"), Some(&root)));
        let header: Vec<String> = CLI_HEADER.iter().map(|s| s.to_string()).collect();
        let formatted = graphdoc_codegen::format(&items, &header);
        let written = std::fs::read_to_string(root.join("generated/src/models.rs")).unwrap();
        assert!(
            formatted == written,
            "models!(\"docs\") differs from generated/src/models.rs (what `graphdoc generate docs` writes)"
        );
        // Every page is tracked, by absolute path.
        let pages = sources::read_in(Some(&root), &["docs"]).sources;
        assert_eq!(tracked.len(), pages.len());
        for (t, p) in tracked.iter().zip(&pages) {
            assert_eq!(Path::new(t), root.join(&p.path));
            assert!(Path::new(t).is_absolute() && Path::new(t).is_file(), "{t}");
        }
    }

    #[test]
    fn options_reach_the_engine_as_the_cli_passes_them() {
        let root = workspace();
        let (items, _) = split(expand(
            quote!(
                "docs/",
                types = ["SKILLproficiency", "#microsoft.graph.personCertification"],
                derives = [Eq]
            ),
            Some(&root),
        ));
        let read = sources::read_in(Some(&root), &["docs/"]);
        let options = graphdoc_codegen::Options {
            emit: EmitOptions {
                types: Some(vec![
                    "SKILLproficiency".into(),
                    "#microsoft.graph.personCertification".into(),
                ]),
                extra_derives: vec!["Eq".into()],
            },
            header: Vec::new(),
        };
        let expected = graphdoc_codegen::generate(&read.sources, &options);
        assert!(graphdoc_codegen::format(&items, &[]) == expected.rust);
        let text = expected.rust;
        // `Eq` is derived once on evolvable enums, which derive it anyway; the `Any…` enums,
        // which do not, get it like the structs they hold.
        assert!(!text.contains("#[derive(Eq)]\npub enum SkillProficiencyLevel"));
        assert!(
            text.contains("#[derive(Eq)]\npub enum AnyItemFacet"),
            "{text}"
        );
        assert!(text.contains("pub struct SkillProficiency "));
        assert!(text.contains("pub struct PersonCertification "));
        assert!(!text.contains("pub struct LanguageProficiency "));
    }

    #[test]
    fn every_bad_option_is_reported_at_once() {
        let root = workspace();
        let found = errors(expand(
            quote!(
                "docs",
                typs = ["x"],
                types = ["nope", "skillProficiency", 3],
                derives = [Clone, "Eq"],
                deny = ["sloppy"],
                deny = ["todo"]
            ),
            Some(&root),
        ));
        let expected = [
            "unknown option `typs`",
            "expected a non-empty string",
            "`Clone` is already derived",
            "expected the path of a derive macro",
            "unknown diagnostic kind `sloppy`",
            "`deny` is given twice",
            "no type or enum named `nope`",
        ];
        crate::errors::assert_messages_start_with(&found, &expected);
    }

    #[test]
    fn paths_outside_the_crate_are_refused_before_reading() {
        let root = workspace().join("macros");
        for path in ["../docs", "docs/../../docs", "/etc/passwd", "../*/*.md"] {
            let found = errors(expand(quote!(#path), Some(&root)));
            assert_eq!(found.len(), 1, "{path}: {found:?}");
            assert!(found[0].contains("is outside the crate"), "{found:?}");
        }
        let found = errors(expand(quote!("src/../src/lib.rs"), Some(&root)));
        assert!(found.iter().all(|e| !e.contains("outside")), "{found:?}");
    }

    #[test]
    fn problems_in_pages_are_errors_with_file_line_and_column() {
        let dir =
            std::env::temp_dir().join(format!("graphdoc-macros-pages-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/a.md"), b"# caf\xe9 resource type\n").unwrap();
        std::fs::write(
            dir.join("docs/b.md"),
            "---\ndoc_type: resourcePageType\n---\n# b resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|\n|a|String|x|\n",
        )
        .unwrap();
        let found = errors(expand(quote!("docs"), Some(&dir)));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("docs/a.md:1:6: file is not valid UTF-8"),
            "{found:?}"
        );
        assert!(found[0].ends_with("[encoding]"), "{found:?}");
        assert!(found[1].starts_with("docs/b.md:7:1: "), "{found:?}");
        assert!(found[1].ends_with("[not-a-table]"), "{found:?}");
        // Warnings fail only when denied.
        std::fs::write(dir.join("docs/b.md"), "---\ndoc_type: resourcePageType\n---\n# b resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|a|[nowhere](x.md)|x|\n").unwrap();
        std::fs::remove_file(dir.join("docs/a.md")).unwrap();
        assert!(errors(expand(quote!("docs"), Some(&dir))).is_empty());
        let denied = errors(expand(
            quote!("docs", deny = ["unresolved-type"]),
            Some(&dir),
        ));
        assert_eq!(denied.len(), 1, "{denied:?}");
        assert!(
            denied[0].contains("[unresolved-type] (a warning, denied by `deny`)"),
            "{denied:?}"
        );
        assert_eq!(
            errors(expand(quote!("docs", deny = ["warnings"]), Some(&dir))).len(),
            1
        );
        let missing = errors(expand(quote!("docs/nope.md"), Some(&dir)));
        assert!(
            missing[0].starts_with("docs/nope.md:1:1: cannot read"),
            "{missing:?}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_panic_in_the_generator_is_a_compile_error() {
        fn panics(_: &LitStr, _: &Options, _: &Path, _: &mut Errors) -> TokenStream {
            panic!("boom {}", 1)
        }
        let found = errors(expand_with(
            quote!("docs", typs = []),
            Some(&workspace()),
            panics,
        ));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("unknown option `typs`"));
        assert_eq!(
            found[1],
            "graphdoc bug: the generator panicked (boom 1); please report it with the pages that caused it"
        );
    }

    #[test]
    fn no_cargo_and_bad_syntax_are_errors_not_panics() {
        let found = errors(expand(quote!("docs"), None));
        assert!(
            found[0].starts_with("CARGO_MANIFEST_DIR is not set"),
            "{found:?}"
        );
        for input in [
            quote!(),
            quote!(docs),
            quote!("docs" types),
            quote!("docs", = 3),
            quote!("docs", types),
        ] {
            let found = errors(expand(input.clone(), Some(&workspace())));
            assert_eq!(found.len(), 1, "{input}: {found:?}");
        }
        let found = errors(expand(quote!(""), Some(&workspace())));
        assert!(found[0].starts_with("the path is empty"), "{found:?}");
    }

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(normalize(Path::new("a/../../b")), Path::new("../b"));
    }
}
