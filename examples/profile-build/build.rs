//! Regenerates the skill models from the docs checkout whenever a page is edited, added or removed.

fn main() -> Result<(), graphdoc_codegen::Error> {
    graphdoc_codegen::Builder::new()
        .docs("../../docs") // files, directories, globs; more than one
        .types(["skillProficiency"]) // only these and what they reference
        .generate("profile.rs") // into OUT_DIR
}
