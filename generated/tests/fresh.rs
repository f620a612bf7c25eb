//! `src/models.rs` is exactly what graphdoc generates from `docs/` today.

mod common;

const COMMAND: &str =
    "cargo run -p graphdoc-codegen --features cli -- generate docs --out generated/src/models.rs";

#[test]
fn models_rs_is_fresh() {
    let root = common::root();
    let options = graphdoc_codegen::Options {
        header: graphdoc_codegen::header("graphdoc generate docs --out generated/src/models.rs"),
        ..Default::default()
    };
    let out = graphdoc_codegen::generate(&common::docs_sources(), &options);
    assert!(!out.has_errors(), "{:#?}", out.diagnostics);
    let checked_in =
        std::fs::read_to_string(root.join("generated/src/models.rs")).unwrap_or_default();
    if checked_in != out.rust {
        let line = checked_in
            .lines()
            .zip(out.rust.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the end".to_string(), |i| format!("line {}", i + 1));
        panic!(
            "generated/src/models.rs is stale (first difference at {line}); regenerate it from the workspace root with:\n\n    {COMMAND}\n"
        );
    }
}
