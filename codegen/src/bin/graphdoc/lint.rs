//! `graphdoc lint`: every finding about the pages, rendered with its source line (text) or as one
//! JSON document, and a summary table by kind.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};
use graphdoc_codegen::{build_model, parse_pages, validate, Diagnostic, Kind, Severity, Source};
use serde::Serialize;

use crate::{read_pages, Format, Pages};

/// The value of `"format"` in `--format json`.
const FORMAT: &str = "graphdoc-lint/1";

pub(crate) fn run(pages: &Pages, format: Format, allow: &[Kind]) -> ExitCode {
    let (read, io) = read_pages(pages);
    let (parsed, mut diagnostics) = parse_pages(&read.sources);
    let (model, model_diagnostics) = build_model(&parsed);
    diagnostics.extend(model_diagnostics);
    diagnostics.extend(validate(&model));
    diagnostics.extend(read.problems);
    diagnostics.retain(|d| !allow.contains(&d.kind));
    diagnostics.sort();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Text => text(&mut out, &diagnostics, &read.sources, model.pages, allow),
        Format::Json => json(&mut out, &diagnostics, model.pages),
    };
    if let Err(e) = written {
        // A closed pipe (`| head`) is not a finding; anything else is an I/O error.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the findings: {e}");
        }
        return ExitCode::from(2);
    }
    if io {
        ExitCode::from(2)
    } else if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Findings by kind: (errors, warnings), sorted by kind code.
fn by_kind(diagnostics: &[Diagnostic]) -> BTreeMap<&'static str, (usize, usize)> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in diagnostics {
        let c = counts.entry(d.kind.code()).or_default();
        match d.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
        }
    }
    counts
}

fn text(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    sources: &[Source],
    pages: usize,
    allow: &[Kind],
) -> std::io::Result<()> {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    // Only files with findings are loaded, as the parser saw them (`Source::text`),
    // so that lines and columns agree.
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for d in diagnostics {
        let id = *ids.entry(&d.file).or_insert_with(|| {
            let source = sources.iter().find(|s| *s.path == *d.file)?;
            Some(files.add(d.file.to_string(), source.text().into_owned()))
        });
        let report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_code(d.kind.code())
        .with_message(&d.message);
        let report = match id.and_then(|id| Some((id, files.get(id).ok()?.source()))) {
            Some((id, text)) => {
                let at = offset(text, d.pos.line, d.pos.col);
                let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                report.with_label(Label::primary(id, at..end))
            }
            // An input that could not be read has no line to show.
            None => report.with_note(format!("in {}", d.file)),
        };
        term::emit_to_io_write(out, &config, &files, &report).map_err(|e| match e {
            codespan_reporting::files::Error::Io(e) => e,
            other => std::io::Error::other(other.to_string()),
        })?;
    }
    let counts = by_kind(diagnostics);
    let errors: usize = counts.values().map(|c| c.0).sum();
    let warnings: usize = counts.values().map(|c| c.1).sum();
    if !diagnostics.is_empty() {
        writeln!(out, "{:<20} {:>7} {:>9}", "kind", "errors", "warnings")?;
        for (kind, (e, w)) in &counts {
            writeln!(out, "{kind:<20} {e:>7} {w:>9}")?;
        }
        writeln!(out, "{:<20} {errors:>7} {warnings:>9}", "total")?;
    }
    let allowed = if allow.is_empty() {
        String::new()
    } else {
        let codes: Vec<&str> = allow.iter().map(|k| k.code()).collect();
        format!(" (allowed: {})", codes.join(", "))
    };
    writeln!(
        out,
        "{pages} page{}: {} finding{}, {errors} error{}, {warnings} warning{}{allowed}",
        plural(pages),
        diagnostics.len(),
        plural(diagnostics.len()),
        plural(errors),
        plural(warnings),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Byte offset of 1-based `line` and `col` (in characters) in `text`, clamped to the line's end.
fn offset(text: &str, line: u32, col: u32) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line as usize - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let in_line = rest[..line_len]
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(line_len, |(i, _)| i);
    start + in_line
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    pages: usize,
    findings: Vec<Finding<'a>>,
    summary: Vec<KindCount>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Finding<'a> {
    file: &'a str,
    line: u32,
    col: u32,
    severity: &'static str,
    kind: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    errors: usize,
    warnings: usize,
}

fn json(out: &mut impl Write, diagnostics: &[Diagnostic], pages: usize) -> std::io::Result<()> {
    let summary: Vec<KindCount> = by_kind(diagnostics)
        .into_iter()
        .map(|(kind, (errors, warnings))| KindCount {
            kind,
            errors,
            warnings,
        })
        .collect();
    let doc = Document {
        format: FORMAT,
        pages,
        errors: summary.iter().map(|k| k.errors).sum(),
        warnings: summary.iter().map(|k| k.warnings).sum(),
        summary,
        findings: diagnostics
            .iter()
            .map(|d| Finding {
                file: &d.file,
                line: d.pos.line,
                col: d.pos.col,
                severity: d.severity.as_str(),
                kind: d.kind.code(),
                message: &d.message,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::offset;

    #[test]
    fn offsets_count_characters_and_clamp_to_the_line() {
        let text = "ab\nçd|x\n\nlast";
        assert_eq!(offset(text, 1, 1), 0);
        assert_eq!(offset(text, 2, 3), 6);
        assert_eq!(offset(text, 2, 99), 8);
        assert_eq!(offset(text, 3, 1), 9);
        assert_eq!(offset(text, 4, 2), 11);
        assert_eq!(offset(text, 99, 1), text.len());
    }
}
