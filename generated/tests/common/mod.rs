//! Shared by the generated crate's tests: reading `docs/` as the CLI does.

use std::path::{Path, PathBuf};

use graphdoc_codegen::Source;

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generated/ has a parent")
        .to_path_buf()
}

/// The pages of `docs/`, with paths relative to the workspace root (`docs/api/...`), as the CLI sees them
/// when run from the root.
pub fn docs_sources() -> Vec<Source> {
    let root = root();
    let (sources, problems) = graphdoc_codegen::sources::read(&[root.join("docs")]);
    assert!(problems.is_empty(), "{problems:?}");
    sources
        .into_iter()
        .map(|mut s| {
            let prefix = format!("{}/", root.to_string_lossy().replace('\\', "/"));
            s.path = s.path.strip_prefix(&prefix).unwrap_or(&s.path).to_string();
            s
        })
        .collect()
}
