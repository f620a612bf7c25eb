//! The I/O edge: reads pages from files and directories into [`Source`]s; the pipeline itself never touches the disk.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Kind, Pos, Severity};
use crate::Source;

/// File names that are never reference pages (as ApiDoctor skips them).
const SKIPPED: &[&str] = &["readme.md", "changelog.md", "license.md", "toc.md"];

/// Reads every `.md` (and `.md.txt`) file under each input (a file or a directory, recursively; `includes` and
/// `templates` folders are skipped). Paths in the sources are as given, joined with `/`.
/// Unreadable files become error diagnostics and the rest is read.
///
/// ```no_run
/// let (sources, problems) = graphdoc_codegen::sources::read(&["docs"]);
/// assert!(problems.is_empty());
/// # let _ = sources;
/// ```
pub fn read<P: AsRef<Path>>(inputs: &[P]) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        collect(input.as_ref(), &mut files, &mut problems);
    }
    files.sort();
    files.dedup();
    let mut sources = Vec::with_capacity(files.len());
    for f in files {
        let name = display(&f);
        match std::fs::read(&f) {
            Ok(bytes) => sources.push(Source::new(name, bytes)),
            Err(e) => problems.push(io_error(&name, &e)),
        }
    }
    (sources, problems)
}

/// Every file and directory `read` would look at, for `cargo:rerun-if-changed`.
pub fn files_and_dirs<P: AsRef<Path>>(inputs: &[P]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut dirs = Vec::new();
    for input in inputs {
        let p = input.as_ref();
        collect_dirs(p, &mut dirs);
        collect(p, &mut files, &mut problems);
    }
    dirs.extend(files);
    dirs.sort();
    dirs.dedup();
    dirs
}

fn collect_dirs(p: &Path, dirs: &mut Vec<PathBuf>) {
    if p.is_dir() {
        dirs.push(p.to_path_buf());
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                let path = e.path();
                if path.is_dir() && !skipped_dir(&path) {
                    collect_dirs(&path, dirs);
                }
            }
        }
    }
}

fn skipped_dir(p: &Path) -> bool {
    matches!(
        p.file_name().and_then(|n| n.to_str()),
        Some("includes" | "templates" | ".git")
    )
}

fn collect(p: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => match std::fs::read_dir(p) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
                entries.sort();
                for path in entries {
                    if path.is_dir() {
                        if !skipped_dir(&path) {
                            collect(&path, files, problems);
                        }
                    } else if is_page(&path) {
                        files.push(path);
                    }
                }
            }
            Err(e) => problems.push(io_error(&display(p), &e)),
        },
        Ok(_) => files.push(p.to_path_buf()),
        Err(e) => problems.push(io_error(&display(p), &e)),
    }
}

fn is_page(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // `.md.txt` occurs once in the real reference: a page saved with a stray extension.
    (name.ends_with(".md") || name.ends_with(".md.txt")) && !SKIPPED.contains(&name.as_str())
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn io_error(name: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic {
        file: name.into(),
        pos: Pos { line: 1, col: 1 },
        severity: Severity::Error,
        kind: Kind::Io,
        message: format!("cannot read: {}", e.to_string().to_lowercase()),
    }
}
