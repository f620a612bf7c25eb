//! The `graphdoc` command line: generate Rust from reference pages, check a generated file, lint
//! the pages, print the model.

mod lint;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use graphdoc_codegen::{
    generate, header, model::ExampleKind, sources, Diagnostic, EmitOptions, Generated, Kind,
    Options, Pos, Severity,
};

const EXIT_CODES: &str = "\
Exit codes:
  0  ok: generated, up to date, no findings (generate and model allow warnings)
  1  findings or stale: check found FILE out of date; lint found something not --allow'ed;
     generate, check and model found a page that cannot be read as text (not UTF-8)
  2  usage or I/O error: bad arguments, a --type that no page defines (generate, check), an
     input that does not exist or brings no page, a file that cannot be read or written;
     generate then writes nothing";

const EXAMPLES: &str = "\
Examples:
  graphdoc generate docs --out generated/src/models.rs
  graphdoc generate 'docs/**/*.md' --type skillProficiency > skills.rs
  graphdoc check docs --out generated/src/models.rs
  graphdoc lint docs --allow placeholder
  graphdoc lint ../shared/corpus/graph-beta-2021 --format json > findings.json
  graphdoc model docs > model.json && git diff --no-index old-model.json model.json";

/// Turns Microsoft Graph–style API reference pages into typed Rust.
///
/// Every command reads the pages the same way: files, directories (searched recursively for .md
/// pages) and globs, given as <DOCS>...
#[derive(Parser)]
#[command(name = "graphdoc", version, about, after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"))]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The pages and how to read them: the same for every command.
#[derive(Args)]
struct Pages {
    /// Pages: files, directories (searched recursively for .md pages) or globs ('docs/**/*.md').
    #[arg(required = true, value_name = "DOCS")]
    docs: Vec<PathBuf>,
    /// Only this type (Graph name, any case) and what it references; repeatable. Applies to the
    /// generated Rust (generate, check).
    #[arg(long = "type", value_name = "NAME")]
    types: Vec<String>,
    /// Also derive this on every generated struct and enum (`Eq`, `schemars::JsonSchema`);
    /// repeatable. Applies to the generated Rust (generate, check).
    #[arg(long = "extra-derive", value_name = "PATH", value_parser = derive_path)]
    extra_derives: Vec<String>,
    /// Print every diagnostic on stderr, not only errors and the summary (generate, check, model).
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Write formatted Rust for the pages (stdout without --out) and a summary on stderr.
    #[command(after_help = format!("Example:\n  graphdoc generate docs --out generated/src/models.rs\n\n{EXIT_CODES}"))]
    Generate {
        #[command(flatten)]
        pages: Pages,
        /// Write the Rust file here, only when its content changed.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Fail with a unified diff when FILE is not exactly what `generate` would write.
    #[command(after_help = format!("Example:\n  graphdoc check docs --out generated/src/models.rs\n\n{EXIT_CODES}"))]
    Check {
        #[command(flatten)]
        pages: Pages,
        /// The generated file to compare (as `generate --out FILE` would write it).
        #[arg(long, value_name = "FILE", required = true)]
        out: PathBuf,
    },
    /// Report every finding about the pages, with the source line, and a summary table by kind.
    ///
    /// Findings: TODOs, placeholder example values, types that disagree between pages, links to
    /// types no page defines, malformed tables, example values that do not fit their type,
    /// enum values the docs do not list, JSON that needed repairs, unreadable files. Exits 1
    /// when there is any finding that is not --allow'ed, so a CI job fails on new problems.
    #[command(after_help = format!("\
Examples:
  graphdoc lint docs
  graphdoc lint docs --allow placeholder --allow todo
  graphdoc lint docs --format json | jq '.findings[] | select(.kind == \"example-type\")'

The JSON document: {{\"format\": \"graphdoc-lint/1\", \"pages\": N, \"findings\": [{{\"file\", \"line\",
\"col\", \"severity\", \"kind\", \"message\"}}], \"summary\": [{{\"kind\", \"errors\", \"warnings\"}}],
\"errors\": N, \"warnings\": N}}; findings sorted by file and position, allowed kinds left out.

{EXIT_CODES}"))]
    Lint {
        #[command(flatten)]
        pages: Pages,
        /// `text` (rustc-like, with source lines) or `json` (one document on stdout).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Do not report findings of this kind (e.g. placeholder, todo); repeatable.
        #[arg(long = "allow", value_name = "KIND", value_parser = parse_kind)]
        allow: Vec<Kind>,
    },
    /// Print the model as JSON (shape documented in README), for reviewing model changes as a diff.
    #[command(after_help = format!("Example:\n  graphdoc model docs > model.json\n\n{EXIT_CODES}"))]
    Model {
        #[command(flatten)]
        pages: Pages,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_kind(code: &str) -> Result<Kind, String> {
    Kind::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
        format!("unknown kind; known kinds: {}", known.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate { pages, out } => run_generate(&pages, out.as_deref()),
        Command::Check { pages, out } => run_check(&pages, &out),
        Command::Lint {
            pages,
            format,
            allow,
        } => lint::run(&pages, format, &allow),
        Command::Model { pages } => run_model(&pages),
    }
}

/// What reading and generating found; `io` is set when an input could not be read.
struct Run {
    generated: Generated,
    io: bool,
}

/// An `--extra-derive` value: a Rust path, or a usage error (the emitter would skip it).
fn derive_path(s: &str) -> Result<String, String> {
    graphdoc_codegen::emit::derive_path(s).map(|_| s.to_string())
}

/// `graphdoc generate <docs> [--type ..] [--extra-derive ..] [--out FILE]`: the command named in
/// the header, so that `check` writes the header `generate` would.
fn regenerate_command(pages: &Pages, out: Option<&Path>) -> String {
    let mut words = vec!["graphdoc generate".to_string()];
    words.extend(pages.docs.iter().map(|d| d.display().to_string()));
    words.extend(pages.types.iter().map(|t| format!("--type {t}")));
    words.extend(
        pages
            .extra_derives
            .iter()
            .map(|d| format!("--extra-derive {d}")),
    );
    words.extend(out.map(|o| format!("--out {}", o.display())));
    words.join(" ")
}

/// Reads the pages; the flag is set when an input could not be read or brought no page (an
/// I/O or usage error, exit code 2), which is then also a problem in the result.
fn read_pages(pages: &Pages) -> (sources::Read, bool) {
    let read = sources::read_in(None, &pages.docs);
    let io = !read.problems.is_empty();
    (read, io)
}

/// Reads and generates; `out` names the file in the header. For `generate` and `check`, which
/// apply `--type`, a name that no page defines is a usage error.
fn run_pages(pages: &Pages, out: Option<&Path>, selects: bool) -> Run {
    let (read, mut io) = read_pages(pages);
    let options = Options {
        emit: EmitOptions {
            types: (!pages.types.is_empty()).then(|| pages.types.clone()),
            extra_derives: pages.extra_derives.clone(),
        },
        header: header(&regenerate_command(pages, out)),
    };
    let mut generated = generate(&read.sources, &options);
    generated.diagnostics.extend(read.problems);
    // A `--type` that names nothing would write a file without what was asked for.
    for name in pages
        .types
        .iter()
        .filter(|_| selects && !read.sources.is_empty())
    {
        if let Some(message) = generated.model.unknown_name(name) {
            generated.diagnostics.push(Diagnostic {
                file: "--type".into(),
                pos: Pos { line: 1, col: 1 },
                severity: Severity::Error,
                kind: Kind::Io,
                message,
            });
            io = true;
        }
    }
    generated.diagnostics.sort();
    Run { generated, io }
}

/// Errors (always) or every diagnostic (`--verbose`) on stderr.
fn report(err: &mut impl Write, diagnostics: &[Diagnostic], verbose: bool) {
    for d in diagnostics {
        if verbose || d.severity == Severity::Error {
            let _ = writeln!(err, "{d}");
        }
    }
}

fn exit_code(run: &Run) -> ExitCode {
    if run.io {
        ExitCode::from(2)
    } else if run.generated.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_generate(pages: &Pages, out: Option<&Path>) -> ExitCode {
    let run = run_pages(pages, out, true);
    let generated = &run.generated;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    report(&mut err, &generated.diagnostics, pages.verbose);
    let _ = summary(&mut err, generated);
    // A missing input or an unknown `--type` leaves out what was asked for: the file would
    // lack it, so a good file is not replaced. (A page that is not UTF-8 is an error in that
    // page: the rest is generated, exit 1.)
    if run.io {
        let _ = writeln!(err, "error: nothing written (see the errors above)");
        return exit_code(&run);
    }
    match out {
        Some(path) => {
            let same = std::fs::read(path).is_ok_and(|old| old == generated.rust.as_bytes());
            if !same {
                if let Err(e) = std::fs::write(path, &generated.rust) {
                    let _ = writeln!(err, "error: cannot write {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
            let _ = writeln!(
                err,
                "{} {}",
                if same { "unchanged" } else { "wrote" },
                path.display()
            );
        }
        None => {
            let _ = std::io::stdout().write_all(generated.rust.as_bytes());
        }
    }
    exit_code(&run)
}

fn run_check(pages: &Pages, out: &Path) -> ExitCode {
    let run = run_pages(pages, Some(out), true);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    report(&mut err, &run.generated.diagnostics, pages.verbose);
    if run.io {
        let _ = writeln!(err, "error: nothing checked (see the errors above)");
        return ExitCode::from(2);
    }
    let wanted = &run.generated.rust;
    let current = match std::fs::read(out) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let _ = writeln!(err, "{} does not exist", out.display());
            String::new()
        }
        Err(e) => {
            let _ = writeln!(err, "error: cannot read {}: {e}", out.display());
            return ExitCode::from(2);
        }
    };
    if current == *wanted {
        let _ = writeln!(err, "{} is up to date", out.display());
        return exit_code(&run);
    }
    let shown = out.display().to_string();
    let diff = similar::TextDiff::from_lines(current.as_str(), wanted.as_str());
    let _ = write!(
        std::io::stdout(),
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&shown, &format!("{shown} (generated)"))
    );
    let _ = writeln!(
        err,
        "error: {shown} is stale; regenerate it with:\n\n    {}\n",
        regenerate_command(pages, Some(out))
    );
    ExitCode::from(1)
}

fn run_model(pages: &Pages) -> ExitCode {
    let run = run_pages(pages, None, false);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    report(&mut err, &run.generated.diagnostics, pages.verbose);
    let _ = std::io::stdout().write_all(run.generated.model.to_json().as_bytes());
    exit_code(&run)
}

fn summary(w: &mut impl Write, g: &Generated) -> std::io::Result<()> {
    let m = &g.model;
    let patches = m.types.values().filter(|t| t.patch.is_some()).count();
    writeln!(
        w,
        "pages: {}  types: {}  properties: {}  enums: {}  patch types: {}  operations: {}",
        m.pages,
        m.types.len(),
        m.property_count(),
        m.enums.len(),
        patches,
        m.operations.len()
    )?;
    let typed = m.examples.iter().filter(|e| e.target.is_some()).count();
    let placeholder = m
        .examples
        .iter()
        .filter(|e| e.placeholder_count > 0)
        .count();
    writeln!(
        w,
        "examples: {} (requests {}, responses {}, other {}), with a known type: {typed}, with placeholder values: {placeholder}",
        m.examples.len(),
        m.examples.iter().filter(|e| e.kind == ExampleKind::Request).count(),
        m.examples.iter().filter(|e| e.kind == ExampleKind::Response).count(),
        m.examples.iter().filter(|e| e.kind == ExampleKind::Example).count(),
    )?;
    for e in m.examples.iter().filter(|e| e.placeholder_count > 0) {
        writeln!(
            w,
            "  placeholder: {}:{}:{}: {} value(s) such as {:?}",
            e.origin.file,
            e.origin.pos.line,
            e.origin.pos.col,
            e.placeholder_count,
            e.placeholders.first().map(String::as_str).unwrap_or("")
        )?;
    }
    let mut by_kind: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in &g.diagnostics {
        *by_kind
            .entry((d.severity.as_str(), d.kind.code()))
            .or_default() += 1;
    }
    let errors = g
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    writeln!(
        w,
        "diagnostics: {} ({} errors, {} warnings)",
        g.diagnostics.len(),
        errors,
        g.diagnostics.len() - errors
    )?;
    for ((sev, kind), n) in by_kind {
        writeln!(w, "  {sev:<7} {kind:<20} {n}")?;
    }
    Ok(())
}
