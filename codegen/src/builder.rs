//! The build-script front end: [`Builder`] reads pages, generates Rust into `OUT_DIR` and tells
//! cargo what to watch; [`Error`] renders what went wrong like rustc.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{generate, header, sources, Diagnostic, Kind, Options, Pos, Severity, Source};

/// Generates Rust from reference pages in a build script, in the style of `prost_build::Config`.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), graphdoc_codegen::Error> {
///     graphdoc_codegen::Builder::new()
///         .docs("docs")                      // files, directories, globs; more than one
///         .types(["skillProficiency"])       // optional: only these and what they reference
///         .generate("profile.rs")            // into OUT_DIR
/// }
/// ```
///
/// and in `lib.rs`: `graphdoc::include_models!("profile.rs");`.
///
/// [`generate`](Builder::generate) prints `cargo:rerun-if-changed` for every file and directory it
/// looked at (so that editing, adding or removing a page reruns the build script), prints each
/// warning about the pages as a `cargo:warning`, writes the file only when its content changed,
/// and fails only when a page could not be read at all, an input brought no page, or a name given
/// to [`types`](Builder::types) names no type or enum.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    docs: Vec<PathBuf>,
    options: Options,
    out_dir: Option<PathBuf>,
    base_dir: Option<PathBuf>,
    quiet_rerun: bool,
    quiet_warnings: bool,
}

/// What [`Builder::docs`] accepts: one path (`"docs"`, a `Path`, a `PathBuf`) or several
/// (`["docs/api", "docs/resources/*.md"]`, a `Vec`, a slice).
///
/// ```
/// use graphdoc_codegen::Inputs;
/// use std::path::PathBuf;
///
/// assert_eq!("docs".into_paths(), [PathBuf::from("docs")]);
/// assert_eq!(["a.md", "b/*.md"].into_paths(), [PathBuf::from("a.md"), PathBuf::from("b/*.md")]);
/// ```
pub trait Inputs {
    /// The paths, in order.
    fn into_paths(self) -> Vec<PathBuf>;
}

macro_rules! one_input {
    ($($t:ty),*) => {$(
        impl Inputs for $t {
            fn into_paths(self) -> Vec<PathBuf> {
                vec![PathBuf::from(self)]
            }
        }
    )*};
}
one_input!(&str, String, &String, &Path, PathBuf, &PathBuf);

impl<T: AsRef<Path>, const N: usize> Inputs for [T; N] {
    fn into_paths(self) -> Vec<PathBuf> {
        self.iter().map(|p| p.as_ref().to_path_buf()).collect()
    }
}

impl<T: AsRef<Path>> Inputs for &[T] {
    fn into_paths(self) -> Vec<PathBuf> {
        self.iter().map(|p| p.as_ref().to_path_buf()).collect()
    }
}

impl<T: AsRef<Path>> Inputs for Vec<T> {
    fn into_paths(self) -> Vec<PathBuf> {
        self.iter().map(|p| p.as_ref().to_path_buf()).collect()
    }
}

impl Builder {
    /// A builder with no pages and default options.
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new();
    /// # let _ = b;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds pages: files, directories (searched recursively for `.md` pages) or globs. Call it
    /// more than once or pass several at a time. Relative paths are resolved against
    /// [`base_dir`](Builder::base_dir), else `CARGO_MANIFEST_DIR`, else the current directory;
    /// diagnostics show them as written.
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new()
    ///     .docs("docs/resources")
    ///     .docs(["docs/api/skillproficiency-update.md", "docs/api/*-post-*.md"]);
    /// # let _ = b;
    /// ```
    pub fn docs(mut self, inputs: impl Inputs) -> Self {
        self.docs.extend(inputs.into_paths());
        self
    }

    /// Emits only these types (Graph names, any case, simple or qualified) and the types they
    /// reference; everything when never called.
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new().docs("docs").types(["skillProficiency"]);
    /// # let _ = b;
    /// ```
    pub fn types<I, S>(mut self, types: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options
            .emit
            .types
            .get_or_insert_with(Vec::new)
            .extend(types.into_iter().map(Into::into));
        self
    }

    /// Adds derives to every generated struct and enum (paths such as `Eq` or
    /// `schemars::JsonSchema`; the crate must depend on what they name).
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new().docs("docs").extra_derives(["Eq"]);
    /// # let _ = b;
    /// ```
    pub fn extra_derives<I, S>(mut self, derives: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options
            .emit
            .extra_derives
            .extend(derives.into_iter().map(Into::into));
        self
    }

    /// Writes into this directory instead of `OUT_DIR`.
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new().docs("docs").out_dir("src/generated");
    /// # let _ = b;
    /// ```
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Resolves relative page paths against this directory instead of `CARGO_MANIFEST_DIR`.
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new().base_dir("/srv/graph-docs").docs("api");
    /// # let _ = b;
    /// ```
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (on by default; turn it off when not
    /// running in a build script).
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new().docs("docs").emit_rerun_if_changed(false);
    /// # let _ = b;
    /// ```
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.quiet_rerun = !on;
        self
    }

    /// Whether to print each warning about the pages as a `cargo:warning` line (on by default).
    ///
    /// ```
    /// let b = graphdoc_codegen::Builder::new().docs("docs").cargo_warnings(false);
    /// # let _ = b;
    /// ```
    pub fn cargo_warnings(mut self, on: bool) -> Self {
        self.quiet_warnings = !on;
        self
    }

    /// Reads the pages and writes the generated Rust to `file`: relative to the out directory
    /// (`OUT_DIR` unless [`out_dir`](Builder::out_dir) was given), or an absolute path. The file is
    /// written only when its content changed, so nothing downstream rebuilds for nothing.
    ///
    /// Fails when a page or input cannot be read (every such problem is in the [`Error`]), when
    /// no page was found, when there is no out directory, or when the file cannot be written.
    /// Warnings about the pages never fail the build.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join("graphdoc-builder-doctest");
    /// std::fs::create_dir_all(dir.join("docs")).unwrap();
    /// std::fs::write(
    ///     dir.join("docs/thing.md"),
    ///     "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
    ///      |Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n",
    /// )
    /// .unwrap();
    /// graphdoc_codegen::Builder::new()
    ///     .base_dir(&dir)
    ///     .docs("docs")
    ///     .out_dir(&dir)
    ///     .emit_rerun_if_changed(false)
    ///     .generate("thing.rs")?;
    /// let rust = std::fs::read_to_string(dir.join("thing.rs")).unwrap();
    /// assert!(rust.contains("pub struct Thing"));
    /// # Ok::<(), graphdoc_codegen::Error>(())
    /// ```
    pub fn generate(&self, file: impl AsRef<Path>) -> Result<(), Error> {
        self.run(file.as_ref(), &mut std::io::stdout().lock())
    }

    /// [`generate`](Builder::generate) with the `cargo:` lines written to `cargo`.
    fn run(&self, file: &Path, cargo: &mut dyn Write) -> Result<(), Error> {
        let base = self
            .base_dir
            .clone()
            .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from));
        let read = sources::read_in(base.as_deref(), &self.docs);
        if !self.quiet_rerun {
            for path in &read.tracked {
                let _ = writeln!(cargo, "cargo:rerun-if-changed={}", path.display());
            }
        }
        let mut options = self.options.clone();
        options.header = header("cargo build (build.rs runs graphdoc_codegen::Builder)");
        let mut generated = generate(&read.sources, &options);
        // Unreadable inputs and unreadable pages are reported together.
        generated.diagnostics.extend(read.problems);
        // The emitter skips what is not a path; here that is the caller's mistake, said once.
        for derive in &self.options.emit.extra_derives {
            if let Err(message) = crate::emit::derive_path(derive) {
                generated.diagnostics.push(input_problem("", &message));
            }
        }
        // A name that matches nothing would leave the file without what the caller asked for.
        let types = self.options.emit.types.iter().flatten();
        for name in types.filter(|_| !read.sources.is_empty()) {
            if let Some(message) = generated.model.unknown_name(name) {
                generated.diagnostics.push(input_problem("", &message));
            }
        }
        // An input that brings no page is one of `read.problems`; no input at all is not.
        if self.docs.is_empty() {
            generated
                .diagnostics
                .push(input_problem("", "no pages given: call `Builder::docs`"));
        }
        if generated.has_errors() {
            generated.diagnostics.sort();
            return Err(Error::pages(generated.diagnostics, &read.sources));
        }
        if !self.quiet_warnings {
            for d in &generated.diagnostics {
                // One line each: cargo shows a `cargo:warning` up to its first newline.
                let _ = writeln!(cargo, "cargo:warning={}", d.to_string().replace('\n', " "));
            }
        }
        let path = if file.is_absolute() {
            file.to_path_buf()
        } else {
            let dir = match &self.out_dir {
                Some(d) => d.clone(),
                None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(Error {
                    repr: Repr::NoOutDir,
                })?),
            };
            dir.join(file)
        };
        let unchanged = std::fs::read(&path).is_ok_and(|old| old == generated.rust.as_bytes());
        if !unchanged {
            let written = match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
                _ => Ok(()),
            }
            .and_then(|()| std::fs::write(&path, &generated.rust));
            if let Err(e) = written {
                return Err(Error {
                    repr: Repr::Write(path, e),
                });
            }
        }
        Ok(())
    }
}

fn input_problem(shown: &str, message: &str) -> Diagnostic {
    Diagnostic {
        file: shown.into(),
        pos: Pos { line: 1, col: 1 },
        severity: Severity::Error,
        kind: Kind::Io,
        message: message.into(),
    }
}

/// Why [`Builder::generate`] failed. `Display` (and `Debug`, which a build script's
/// `main() -> Result<..>` prints) renders every error like rustc, with the source line:
///
/// ```text
/// error[encoding]: file is not valid UTF-8: invalid bytes read as U+FFFD
///  --> docs/resources/thing.md:1:6
///   |
/// 1 | # caf�
///   |      ^
/// ```
///
/// ```
/// let err = graphdoc_codegen::Builder::new()
///     .docs("no/such/dir")
///     .out_dir(std::env::temp_dir())
///     .emit_rerun_if_changed(false)
///     .generate("x.rs")
///     .unwrap_err();
/// assert!(err.to_string().contains("--> no/such/dir"));
/// assert_eq!(err.diagnostics().len(), 1);
/// ```
pub struct Error {
    repr: Repr,
}

enum Repr {
    /// Error diagnostics with the text of the line each points at, when known.
    Pages(Vec<(Diagnostic, Option<String>)>),
    NoOutDir,
    Write(PathBuf, std::io::Error),
}

impl Error {
    /// Keeps the errors among `diagnostics`, each with its source line.
    fn pages(diagnostics: Vec<Diagnostic>, sources: &[Source]) -> Self {
        let items = diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let line = sources
                    .iter()
                    .find(|s| *s.path == *d.file)
                    .and_then(|s| source_line(s, d.pos.line));
                (d, line)
            })
            .collect();
        Error {
            repr: Repr::Pages(items),
        }
    }

    /// The error diagnostics about the pages (empty for a missing `OUT_DIR` or a failed write).
    ///
    /// ```
    /// # let err = graphdoc_codegen::Builder::new().docs("nope.md").out_dir(".")
    /// #     .emit_rerun_if_changed(false).generate("x.rs").unwrap_err();
    /// for d in err.diagnostics() {
    ///     assert_eq!(&*d.file, "nope.md");
    /// }
    /// ```
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        match &self.repr {
            Repr::Pages(items) => items.iter().map(|(d, _)| d).collect(),
            _ => Vec::new(),
        }
    }
}

/// Line `line` (1-based) of the text the parser read ([`Source::text`]), so that it is the line
/// a diagnostic counted.
fn source_line(source: &Source, line: u32) -> Option<String> {
    let text = source.text();
    let raw = text.split('\n').nth(line.checked_sub(1)? as usize)?;
    Some(raw.to_string())
}

/// rustc's layout: header, `-->` location, then the line and a caret under the column.
fn render(f: &mut fmt::Formatter<'_>, d: &Diagnostic, line: Option<&str>) -> fmt::Result {
    writeln!(
        f,
        "{}[{}]: {}",
        d.severity.as_str(),
        d.kind.code(),
        d.message
    )?;
    let number = d.pos.line.to_string();
    let pad = " ".repeat(number.len());
    writeln!(f, "{pad}--> {}:{}:{}", d.file, d.pos.line, d.pos.col)?;
    if let Some(text) = line {
        // Tabs would move the caret; rustc prints them as four spaces, and so do we.
        let shown = text.replace('\t', "    ");
        let before: String = text
            .chars()
            .take(d.pos.col.saturating_sub(1) as usize)
            .collect();
        let indent = before.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {shown}")?;
        writeln!(f, "{pad} | {}^", " ".repeat(indent))?;
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Pages(items) => {
                for (d, line) in items {
                    render(f, d, line.as_deref())?;
                    writeln!(f)?;
                }
                write!(
                    f,
                    "error: graphdoc could not read the pages ({} error{})",
                    items.len(),
                    if items.len() == 1 { "" } else { "s" }
                )
            }
            Repr::NoOutDir => write!(
                f,
                "error: OUT_DIR is not set: run from a build script, or call `Builder::out_dir`"
            ),
            Repr::Write(path, e) => write!(f, "error: cannot write {}: {e}", path.display()),
        }
    }
}

impl fmt::Debug for Error {
    /// The same text as `Display`: `fn main() -> Result<(), Error>` prints `Debug`, and the user of
    /// a build script should see the rendered errors, not a struct dump.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.repr {
            Repr::Write(_, e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|TODO: describe|\n";

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("graphdoc-builder-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/thing.md"), PAGE).unwrap();
        dir
    }

    fn run(b: &Builder, file: &str) -> (Result<(), Error>, String) {
        let mut cargo = Vec::new();
        let r = b.run(Path::new(file), &mut cargo);
        (r, String::from_utf8(cargo).unwrap())
    }

    #[test]
    fn tracks_every_file_and_directory_and_warns_per_diagnostic() {
        let dir = scratch("track");
        let b = Builder::new().base_dir(&dir).docs("docs").out_dir(&dir);
        let (r, cargo) = run(&b, "out.rs");
        r.unwrap();
        let docs = dir.join("docs");
        assert!(cargo.contains(&format!("cargo:rerun-if-changed={}\n", docs.display())));
        assert!(cargo.contains(&format!(
            "cargo:rerun-if-changed={}\n",
            docs.join("thing.md").display()
        )));
        assert!(
            cargo.contains("cargo:warning=warning[todo]: docs/thing.md:9:1:"),
            "{cargo}"
        );
        let rust = std::fs::read_to_string(dir.join("out.rs")).unwrap();
        assert!(rust.starts_with("// @generated by graphdoc"));
        assert!(rust.contains("pub name:"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn writes_only_when_the_content_changed() {
        let dir = scratch("unchanged");
        let b = Builder::new()
            .base_dir(&dir)
            .docs("docs")
            .out_dir(dir.join("nested/out"))
            .emit_rerun_if_changed(false)
            .cargo_warnings(false);
        let (r, cargo) = run(&b, "out.rs");
        r.unwrap();
        assert_eq!(cargo, "");
        let out = dir.join("nested/out/out.rs");
        // Make the file look old; a second run with the same pages must not touch it.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&out)
            .unwrap()
            .set_modified(old)
            .unwrap();
        run(&b, "out.rs").0.unwrap();
        assert_eq!(std::fs::metadata(&out).unwrap().modified().unwrap(), old);
        std::fs::write(dir.join("docs/thing.md"), PAGE.replace("|name|", "|label|")).unwrap();
        run(&b, "out.rs").0.unwrap();
        assert!(std::fs::read_to_string(&out)
            .unwrap()
            .contains("pub label:"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_unreadable_page_is_one_rendered_error() {
        let dir = scratch("errors");
        std::fs::write(dir.join("docs/bad.md"), b"# caf\xe9\n").unwrap();
        std::fs::write(dir.join("docs/worse.md"), b"ok\n\tx \xff\n").unwrap();
        // Lines end at a lone CR too, as the parser counts them.
        std::fs::write(dir.join("docs/cr.md"), b"a\rb\r\n\xc3\xa9\xff\r").unwrap();
        let b = Builder::new()
            .base_dir(&dir)
            .docs(["docs", "docs/missing.md"])
            .out_dir(&dir);
        let (r, cargo) = run(&b, "out.rs");
        let err = r.unwrap_err();
        // The missing file is still tracked: creating it must rerun the build script.
        assert!(cargo.contains("missing.md"), "{cargo}");
        assert_eq!(err.diagnostics().len(), 4, "{err}");
        let text = err.to_string();
        assert_eq!(format!("{err:?}"), text);
        assert!(
            text.contains(
                "error[encoding]: file is not valid UTF-8: invalid bytes read as U+FFFD\n \
                 --> docs/bad.md:1:6\n  |\n1 | # caf\u{fffd}\n  |      ^\n"
            ),
            "{text}"
        );
        // A tab before the column moves the caret by four.
        assert!(text.contains("2 |     x \u{fffd}\n  |       ^\n"), "{text}");
        assert!(text.contains("--> docs/missing.md:1:1"), "{text}");
        assert!(
            text.contains("--> docs/cr.md:3:2\n  |\n3 | \u{e9}\u{fffd}\n  |  ^\n"),
            "{text}"
        );
        assert!(text.ends_with("(4 errors)"), "{text}");
        assert!(!dir.join("out.rs").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn no_pages_and_no_out_dir_are_errors() {
        let dir = scratch("empty");
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        let (r, _) = run(&Builder::new().base_dir(&dir).docs("empty"), "x.rs");
        assert!(r.unwrap_err().to_string().contains("no page found"));
        let (r, _) = run(&Builder::new().out_dir(&dir), "x.rs");
        assert!(r.unwrap_err().to_string().contains("call `Builder::docs`"));
        // OUT_DIR is not set for unit tests.
        if std::env::var_os("OUT_DIR").is_none() {
            let (r, _) = run(&Builder::new().base_dir(&dir).docs("docs"), "x.rs");
            assert!(r.unwrap_err().to_string().contains("OUT_DIR is not set"));
        }
        // An absolute file needs no out directory.
        let abs = dir.join("abs.rs");
        run(
            &Builder::new().base_dir(&dir).docs("docs"),
            abs.to_str().unwrap(),
        )
        .0
        .unwrap();
        assert!(abs.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn options_reach_the_emitter() {
        let dir = scratch("options");
        std::fs::write(
            dir.join("docs/other.md"),
            PAGE.replace("# thing", "# other"),
        )
        .unwrap();
        let b = Builder::new()
            .base_dir(&dir)
            .docs("docs/*.md")
            .types(["thing"])
            .extra_derives(["Eq"])
            .out_dir(&dir)
            .emit_rerun_if_changed(false);
        run(&b, "out.rs").0.unwrap();
        let rust = std::fs::read_to_string(dir.join("out.rs")).unwrap();
        assert!(rust.contains("pub struct Thing"));
        assert!(!rust.contains("pub struct Other"));
        assert!(rust.contains("Deserialize,\n    Eq\n)]"), "{rust}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_type_that_no_page_defines_is_an_error() {
        let dir = scratch("unknown-type");
        let b = Builder::new()
            .base_dir(&dir)
            .docs("docs")
            .types(["thing", "thnig"])
            .out_dir(&dir)
            .emit_rerun_if_changed(false);
        let err = run(&b, "out.rs").0.unwrap_err();
        assert_eq!(err.diagnostics().len(), 1, "{err}");
        assert!(
            err.to_string()
                .contains("no type or enum named `thnig` in the pages; they define `thing`"),
            "{err}"
        );
        assert!(!dir.join("out.rs").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_derive_that_is_not_a_path_is_an_error() {
        let dir = scratch("bad-derive");
        let b = Builder::new()
            .base_dir(&dir)
            .docs("docs")
            .extra_derives(["Eq", "Eq, Hash", "1x"])
            .out_dir(&dir)
            .emit_rerun_if_changed(false);
        let err = run(&b, "out.rs").0.unwrap_err();
        let messages: Vec<&str> = err
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages.len(), 2, "{err}");
        for bad in ["`Eq, Hash`", "`1x`"] {
            assert!(messages.iter().any(|m| m.contains(bad)), "{err}");
        }
        assert!(!dir.join("out.rs").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
