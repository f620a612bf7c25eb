//! The I/O edge: reads pages from files, directories and globs into [`Source`]s; the pipeline
//! itself never touches the disk.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Kind, Pos, Severity};
use crate::Source;

/// File names that are never reference pages (as ApiDoctor skips them).
const SKIPPED: &[&str] = &["readme.md", "changelog.md", "license.md", "toc.md"];

/// The message of the problem for an input that exists but brings no page (an empty directory,
/// a glob that matches only other files): a front end with a better message for its own
/// setting can recognise it.
///
/// ```
/// use graphdoc_codegen::sources::{read_in, NO_PAGE};
///
/// let dir = std::env::temp_dir().join(format!("graphdoc-no-page-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("empty")).unwrap();
/// let read = read_in(Some(&dir), &["empty"]);
/// assert_eq!((&*read.problems[0].file, read.problems[0].message.as_str()), ("empty", NO_PAGE));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub const NO_PAGE: &str = "no page found here";

/// What reading a set of inputs found.
///
/// ```
/// use graphdoc_codegen::{sources, Kind};
///
/// let dir = std::env::temp_dir().join(format!("graphdoc-read-doctest-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("api")).unwrap();
/// std::fs::write(dir.join("api/a.md"), "# a").unwrap();
/// let read = sources::read_in(Some(&dir), &["api", "gone.md"]);
/// assert_eq!((read.sources.len(), read.sources[0].path.as_str()), (1, "api/a.md"));
/// assert_eq!((&*read.problems[0].file, read.problems[0].kind), ("gone.md", Kind::Io));
/// assert_eq!(read.tracked, [dir.join("api"), dir.join("api/a.md"), dir.join("gone.md")]);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Default)]
pub struct Read {
    /// The pages, sorted by path; each path is shown as the input spelled it, joined with `/`.
    pub sources: Vec<Source>,
    /// Inputs or files that could not be read (error diagnostics); the rest was read.
    pub problems: Vec<Diagnostic>,
    /// Every file and directory looked at (resolved against the base), sorted: what a build
    /// script passes to `cargo:rerun-if-changed` so that editing, adding or removing a page
    /// reruns it, and what a macro tracks.
    pub tracked: Vec<PathBuf>,
}

/// Reads every page named by `inputs`, each a file, a directory (searched recursively for `.md`
/// and `.md.txt` files; `includes` and `templates` folders are skipped) or a glob (`docs/**/*.md`).
/// Relative inputs are resolved against `base` when it is given; paths in the sources and
/// diagnostics stay as the input spelled them.
///
/// ```
/// let dir = std::env::temp_dir().join("graphdoc-sources-doctest");
/// std::fs::create_dir_all(dir.join("api")).unwrap();
/// std::fs::write(dir.join("api/a.md"), "# a").unwrap();
/// std::fs::write(dir.join("README.md"), "not a page").unwrap();
/// let read = graphdoc_codegen::sources::read_in(Some(&dir), &["api", "*.md"]);
/// assert_eq!(read.sources.len(), 1);
/// assert_eq!(read.sources[0].path, "api/a.md");
/// // `*.md` matched only the README, which is never a page: that input brought none.
/// assert_eq!(read.problems.len(), 1);
/// assert_eq!((&*read.problems[0].file, read.problems[0].message.as_str()), ("*.md", graphdoc_codegen::sources::NO_PAGE));
/// assert!(read.tracked.contains(&dir.join("api")));
/// ```
pub fn read_in<P: AsRef<Path>>(base: Option<&Path>, inputs: &[P]) -> Read {
    let mut walk = Walk::default();
    for input in inputs {
        walk.input(base, input.as_ref());
    }
    let mut files = std::mem::take(&mut walk.files);
    files.sort();
    files.dedup();
    let mut read = Read {
        sources: Vec::with_capacity(files.len()),
        problems: walk.problems,
        tracked: walk.tracked,
    };
    for (shown, actual) in files {
        match std::fs::read(&actual) {
            Ok(bytes) => read.sources.push(Source::new(shown, bytes)),
            Err(e) => read.problems.push(io_error(&shown, &e)),
        }
        read.tracked.push(actual);
    }
    read.tracked.sort();
    read.tracked.dedup();
    read
}

/// Reads every page named by `inputs` (files, directories, globs) relative to the current directory.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("graphdoc-read-doctest-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("api")).unwrap();
/// std::fs::write(dir.join("api/a.md"), "# a").unwrap();
/// let (sources, problems) = graphdoc_codegen::sources::read(&[dir.join("api"), dir.join("gone.md")]);
/// assert_eq!(sources.len(), 1);
/// assert!(sources[0].path.ends_with("a.md") && sources[0].bytes == b"# a");
/// assert_eq!(problems.len(), 1); // `gone.md` does not exist
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn read<P: AsRef<Path>>(inputs: &[P]) -> (Vec<Source>, Vec<Diagnostic>) {
    let read = read_in(None, inputs);
    (read.sources, read.problems)
}

/// Every file and directory [`read`] would look at, for `cargo:rerun-if-changed`.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("graphdoc-tracked-doctest-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("api/includes")).unwrap();
/// std::fs::write(dir.join("api/a.md"), "# a").unwrap();
/// let tracked = graphdoc_codegen::sources::files_and_dirs(&[dir.join("api"), dir.join("new.md")]);
/// // `includes` is skipped; `new.md` does not exist yet, but creating it must rerun the script.
/// assert_eq!(tracked, [dir.join("api"), dir.join("api/a.md"), dir.join("new.md")]);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn files_and_dirs<P: AsRef<Path>>(inputs: &[P]) -> Vec<PathBuf> {
    read_in(None, inputs).tracked
}

/// Files found so far as (shown path, actual path), problems, and directories looked into.
#[derive(Default)]
struct Walk {
    files: Vec<(String, PathBuf)>,
    problems: Vec<Diagnostic>,
    tracked: Vec<PathBuf>,
}

impl Walk {
    fn input(&mut self, base: Option<&Path>, input: &Path) {
        let actual = match base {
            Some(b) if input.is_relative() => b.join(input),
            _ => input.to_path_buf(),
        };
        let shown = display(input);
        let (files, problems) = (self.files.len(), self.problems.len());
        if !actual.exists() && is_glob(&shown) {
            self.glob(base, input, &actual);
        } else {
            self.path(&shown, &actual, true);
        }
        // Each input must bring a page: one that brings none (an empty directory, a glob that
        // matches only other files) is a mistake even when other inputs have pages.
        if self.files.len() == files && self.problems.len() == problems {
            self.problems
                .push(problem(&shown, NO_PAGE.into(), Kind::Io));
        }
    }

    /// Expands a glob. The directory before its first wildcard is tracked (recursively), so that a
    /// page added where the glob could match it is noticed.
    fn glob(&mut self, base: Option<&Path>, input: &Path, actual: &Path) {
        let shown = display(input);
        let fixed: PathBuf = input
            .components()
            .take_while(|c| !is_glob(&c.as_os_str().to_string_lossy()))
            .collect();
        let fixed_actual = match base {
            Some(b) if fixed.is_relative() => b.join(&fixed),
            _ => fixed.clone(),
        };
        self.track_dirs(&fixed_actual);
        // The base (a crate's directory) is a path, not a pattern: `[` or `*` in it is literal.
        let pattern = match base {
            Some(b) if input.is_relative() => format!(
                "{}/{}",
                glob::Pattern::escape(display(b).trim_end_matches('/')),
                display(input)
            ),
            _ => display(actual),
        };
        let paths = match glob::glob(&pattern) {
            Ok(paths) => paths,
            Err(e) => {
                self.problems.push(problem(
                    &shown,
                    format!("not a valid glob: {}", e.msg),
                    Kind::Io,
                ));
                return;
            }
        };
        let mut found = false;
        for entry in paths {
            match entry {
                Ok(path) => {
                    // Shown relative to the input's own spelling: the base is stripped again.
                    let rel = match base {
                        Some(b) if input.is_relative() => path
                            .strip_prefix(b)
                            .map(Path::to_path_buf)
                            .unwrap_or(path.clone()),
                        _ => path.clone(),
                    };
                    found = true;
                    self.path(&display(&rel), &path, false);
                }
                Err(e) => self.problems.push(io_error(&display(e.path()), e.error())),
            }
        }
        if !found {
            self.problems.push(problem(
                &shown,
                "no file matches this glob".into(),
                Kind::Io,
            ));
        }
    }

    /// A file or a directory; `named` is true when the user named it (so any file is taken, not
    /// only `.md` pages).
    fn path(&mut self, shown: &str, actual: &Path, named: bool) {
        match std::fs::metadata(actual) {
            Ok(m) if m.is_dir() => {
                self.tracked.push(actual.to_path_buf());
                match std::fs::read_dir(actual) {
                    Ok(rd) => {
                        let mut entries: Vec<_> = rd.flatten().map(|e| e.file_name()).collect();
                        entries.sort();
                        for name in entries {
                            let child = actual.join(&name);
                            let child_shown = format!(
                                "{}/{}",
                                shown.trim_end_matches('/'),
                                name.to_string_lossy()
                            );
                            if child.is_dir() {
                                if !skipped_dir(&child) {
                                    self.path(&child_shown, &child, false);
                                }
                            } else if is_page(&child) {
                                self.files.push((child_shown, child));
                            }
                        }
                    }
                    Err(e) => self.problems.push(io_error(shown, &e)),
                }
            }
            Ok(_) if named || is_page(actual) => {
                self.files.push((shown.to_string(), actual.to_path_buf()))
            }
            Ok(_) => {}
            Err(e) => {
                // A missing file is still tracked: creating it must rerun a build script.
                self.tracked.push(actual.to_path_buf());
                self.problems.push(io_error(shown, &e));
            }
        }
    }

    fn track_dirs(&mut self, dir: &Path) {
        if dir.is_dir() {
            self.tracked.push(dir.to_path_buf());
            if let Ok(rd) = std::fs::read_dir(dir) {
                for e in rd.flatten() {
                    let path = e.path();
                    if path.is_dir() && !skipped_dir(&path) {
                        self.track_dirs(&path);
                    }
                }
            }
        }
    }
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn skipped_dir(p: &Path) -> bool {
    matches!(
        p.file_name().and_then(|n| n.to_str()),
        Some("includes" | "templates" | ".git")
    )
}

fn is_page(p: &Path) -> bool {
    // Lossy: a file name that is not UTF-8 is still a page when it ends in `.md`.
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
        .to_ascii_lowercase();
    // `.md.txt` occurs once in the real reference: a page saved with a stray extension.
    (name.ends_with(".md") || name.ends_with(".md.txt")) && !SKIPPED.contains(&name.as_str())
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn io_error(name: &str, e: &std::io::Error) -> Diagnostic {
    problem(
        name,
        format!("cannot read: {}", e.to_string().to_lowercase()),
        Kind::Io,
    )
}

fn problem(name: &str, message: String, kind: Kind) -> Diagnostic {
    Diagnostic {
        file: name.into(),
        pos: Pos { line: 1, col: 1 },
        severity: Severity::Error,
        kind,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("graphdoc-sources-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("docs/api")).unwrap();
        std::fs::create_dir_all(dir.join("docs/resources/includes")).unwrap();
        std::fs::write(dir.join("docs/api/b.md"), "# b").unwrap();
        std::fs::write(dir.join("docs/api/a.md"), "# a").unwrap();
        std::fs::write(dir.join("docs/resources/r.md"), "# r").unwrap();
        std::fs::write(dir.join("docs/resources/includes/i.md"), "# i").unwrap();
        std::fs::write(dir.join("docs/resources/notes.txt"), "x").unwrap();
        dir
    }

    fn paths(r: &Read) -> Vec<&str> {
        r.sources.iter().map(|s| s.path.as_str()).collect()
    }

    #[test]
    fn directories_files_and_globs_agree() {
        let dir = scratch("agree");
        let by_dir = read_in(Some(&dir), &["docs"]);
        assert_eq!(
            paths(&by_dir),
            ["docs/api/a.md", "docs/api/b.md", "docs/resources/r.md"]
        );
        let by_glob = read_in(Some(&dir), &["docs/**/*.md"]);
        // A glob names files itself, so it also reaches `includes` (the user asked for it).
        assert_eq!(
            paths(&by_glob),
            [
                "docs/api/a.md",
                "docs/api/b.md",
                "docs/resources/includes/i.md",
                "docs/resources/r.md"
            ]
        );
        let by_files = read_in(
            Some(&dir),
            &["docs/api/b.md", "docs/api/a.md", "docs/api/a.md"],
        );
        assert_eq!(paths(&by_files), ["docs/api/a.md", "docs/api/b.md"]);
        for r in [&by_dir, &by_glob, &by_files] {
            assert!(r.problems.is_empty(), "{:?}", r.problems);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn tracked_has_every_directory_and_file() {
        let dir = scratch("tracked");
        let r = read_in(Some(&dir), &["docs"]);
        for p in [
            "docs",
            "docs/api",
            "docs/resources",
            "docs/api/a.md",
            "docs/resources/r.md",
        ] {
            assert!(
                r.tracked.contains(&dir.join(p)),
                "{p} not tracked: {:?}",
                r.tracked
            );
        }
        let g = read_in(Some(&dir), &["docs/api/*.md"]);
        assert!(g.tracked.contains(&dir.join("docs/api")));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_inputs_and_empty_globs_are_errors_that_name_the_input() {
        let dir = scratch("missing");
        let r = read_in(Some(&dir), &["docs/nope.md", "docs/*.yaml", "docs/api"]);
        assert_eq!(paths(&r), ["docs/api/a.md", "docs/api/b.md"]);
        let files: Vec<&str> = r.problems.iter().map(|d| &*d.file).collect();
        assert_eq!(files, ["docs/nope.md", "docs/*.yaml"]);
        assert!(r.problems[1].message.contains("no file matches"));
        assert!(r.tracked.contains(&dir.join("docs/nope.md")));
        // An input that brings no page is an error even beside one that does.
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        let r = read_in(Some(&dir), &["docs/api", "empty", "docs/resources/*.txt"]);
        assert_eq!(paths(&r), ["docs/api/a.md", "docs/api/b.md"]);
        let files: Vec<&str> = r.problems.iter().map(|d| &*d.file).collect();
        assert_eq!(files, ["empty", "docs/resources/*.txt"]);
        assert!(r.problems.iter().all(|d| d.message == NO_PAGE));
        let bad = read_in(Some(&dir), &["docs/[.md"]);
        assert!(
            bad.problems[0].message.contains("not a valid glob"),
            "{:?}",
            bad.problems
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_base_with_glob_characters_is_a_path() {
        let root = scratch("glob-base");
        let dir = root.join("crate[1]*");
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/a.md"), "# a").unwrap();
        let r = read_in(Some(&dir), &["docs/*.md"]);
        assert_eq!(paths(&r), ["docs/a.md"], "{:?}", r.problems);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_page_whose_name_is_not_utf8_is_read() {
        use std::os::unix::ffi::OsStrExt;
        let dir = scratch("not-utf8");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(dir.join("docs/api").join(name), "# c").unwrap();
        let r = read_in(Some(&dir), &["docs/api"]);
        assert_eq!(
            paths(&r),
            ["docs/api/a.md", "docs/api/b.md", "docs/api/caf\u{fffd}.md"]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
