//! The `graphdoc` binary as a process: summary, exit codes, output file.
#![cfg(feature = "cli")]

use std::process::Command;

fn graphdoc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
}

/// `graphdoc generate <dir> [--out <file>]`.
fn generate(dir: &std::path::Path, out: Option<&std::path::Path>) -> std::process::Output {
    let mut cmd = graphdoc();
    cmd.arg("generate").arg(dir);
    if let Some(out) = out {
        cmd.arg("--out").arg(out);
    }
    cmd.output().unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("graphdoc-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("resources")).unwrap();
    dir
}

const PAGE: &str = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|level|String|Possible values are: `a`, `b`.|\n|owner|[person](person.md)|Not documented anywhere.|\n";

#[test]
fn warnings_exit_zero_and_the_summary_counts_them() {
    let dir = temp_dir("ok");
    std::fs::write(dir.join("resources/thing.md"), PAGE).unwrap();
    let out_file = dir.join("out.rs");
    let out = generate(&dir, Some(&out_file));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("pages: 1  types: 1  properties: 2  enums: 1"),
        "{stderr}"
    );
    assert!(stderr.contains("unresolved-type"), "{stderr}");
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .contains("pub struct Thing"));
    // Unchanged content is not rewritten.
    let again = generate(&dir, Some(&out_file));
    assert!(String::from_utf8_lossy(&again.stderr).contains("unchanged"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_exit_one_and_io_problems_exit_two() {
    let dir = temp_dir("err");
    std::fs::write(dir.join("resources/thing.md"), PAGE).unwrap();
    std::fs::write(dir.join("resources/bad.md"), b"# caf\xe9\n").unwrap();
    let out = generate(&dir, None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.md:1:6"), "{stderr}");
    // The good page is still generated, on stdout.
    assert!(String::from_utf8_lossy(&out.stdout).contains("pub struct Thing"));
    let missing = generate(&dir.join("nope"), None);
    assert_eq!(missing.status.code(), Some(2));
    let usage = graphdoc().arg("generate").output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What the CLI writes for `docs/` is the checked-in `generated/src/models.rs` (whose header
/// names the `--out` it was written with): `graphdoc::models!("docs")` is compared with that
/// file in graphdoc-macros, so the macro and the CLI agree through it.
#[test]
fn the_cli_writes_the_checked_in_models_file_for_docs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let out = graphdoc()
        .current_dir(root)
        .args(["generate", "docs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = String::from_utf8(out.stdout).unwrap();
    let checked_in = std::fs::read_to_string(root.join("generated/src/models.rs")).unwrap();
    let (written_header, written_body) = written.split_once("\n\n").unwrap();
    let (checked_header, checked_body) = checked_in.split_once("\n\n").unwrap();
    assert!(
        written_body == checked_body,
        "`graphdoc generate docs` no longer writes generated/src/models.rs"
    );
    assert_eq!(
        written_header.replace(
            "graphdoc generate docs",
            "graphdoc generate docs --out generated/src/models.rs"
        ),
        checked_header
    );
}
