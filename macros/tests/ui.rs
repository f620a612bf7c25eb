//! Compile tests of both macros as users write them: every feature compiles and behaves
//! (`ui/pass`), every mistake is a compile error at the right tokens (`ui/fail`, each with the
//! `.stderr` it must print). Regenerate the `.stderr` files with `TRYBUILD=overwrite` and review
//! them.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    // trybuild compiles the cases as binaries of its own crate, in
    // `<target>/tests/trybuild/graphdoc-macros/`: that is the CARGO_MANIFEST_DIR the cases see,
    // so the pages they read are copied there under the same relative paths as here.
    let project = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp")
        .join("tests/trybuild/graphdoc-macros");
    for pages in ["tests/ui/docs", "tests/ui/pages"] {
        let to = project.join(pages);
        let _ = std::fs::remove_dir_all(&to);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(pages), &to);
    }
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

fn copy_dir(from: &Path, to: &PathBuf) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
