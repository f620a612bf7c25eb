//! Bad input never panics, always names file, line and column, and never stops the run.

use graphdoc_codegen::{generate, sources, Kind, Options, Severity, Source};

mod common;
use common::{Rng, PIECES};

fn kinds(out: &graphdoc_codegen::Generated, file: &str) -> Vec<(Kind, u32, u32)> {
    out.diagnostics
        .iter()
        .filter(|d| &*d.file == file)
        .map(|d| (d.kind, d.pos.line, d.pos.col))
        .collect()
}

const GOOD: &str = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n";

#[test]
fn each_bad_page_gets_a_positioned_diagnostic_and_the_good_page_is_still_generated() {
    let srcs = vec![
        Source::new("resources/thing.md", GOOD),
        Source::new("resources/empty.md", ""),
        Source::new("resources/latin1.md", b"---\ndoc_type: resourcePageType\n---\n# caf\xe9 resource type\n".to_vec()),
        Source::new("resources/notables.md", "---\ndoc_type: resourcePageType\n---\n# x resource type\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{}\n```\n"),
        Source::new(
            "resources/ragged.md",
            "---\ndoc_type: resourcePageType\n---\n# ragged resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|a|String|one | two|\n|b|\n",
        ),
        Source::new(
            "api/broken-annotation.md",
            "---\ndoc_type: apiPageType\n---\n# Update thing\n\n## HTTP request\n```http\nPATCH /things/{id}\n```\n## Example\n<!-- { \"blockType\": \"request\", \"name\": } -->\n```http\nPATCH https://x/things/1\n\n{\"name\": \"a\"\n```\n",
        ),
        Source::new("resources/broken-table.md", "---\ndoc_type: resourcePageType\n---\n# b resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|\n|a|String|x|\n"),
    ];
    let out = generate(&srcs, &Options::default());
    // The good page is still generated.
    assert!(out.rust.contains("pub struct Thing"), "{}", out.rust);
    assert!(out.rust.contains("pub struct Ragged"));
    assert!(kinds(&out, "resources/empty.md").contains(&(Kind::EmptyPage, 1, 1)));
    assert!(
        kinds(&out, "resources/latin1.md").contains(&(Kind::Encoding, 4, 6)),
        "{:?}",
        kinds(&out, "resources/latin1.md")
    );
    assert!(kinds(&out, "resources/notables.md").contains(&(Kind::NoTables, 4, 1)));
    let ragged = kinds(&out, "resources/ragged.md");
    assert!(ragged.contains(&(Kind::RaggedRow, 9, 1)), "{ragged:?}");
    assert!(ragged.contains(&(Kind::RaggedRow, 10, 1)), "{ragged:?}");
    // The extra cell is kept, not lost.
    assert!(out.rust.contains("one | two"));
    let broken = kinds(&out, "api/broken-annotation.md");
    assert!(
        broken
            .iter()
            .any(|(k, l, _)| *k == Kind::BadAnnotation && *l == 11),
        "{broken:?}"
    );
    assert!(
        broken
            .iter()
            .any(|(k, l, _)| *k == Kind::BadJson && *l == 16),
        "{broken:?}"
    );
    assert!(kinds(&out, "resources/broken-table.md").contains(&(Kind::NotATable, 7, 1)));
    // Only the encoding problem is an error; everything else is a warning.
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(out.has_errors());
    for d in &out.diagnostics {
        let text = d.to_string();
        assert!(
            text.contains(&format!("{}:{}:{}", d.file, d.pos.line, d.pos.col)),
            "{text}"
        );
        assert!(!d.message.ends_with('.'), "{text}");
    }
}

#[test]
fn unreadable_files_are_errors_and_the_rest_is_read() {
    let dir = std::env::temp_dir().join(format!("graphdoc-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("thing.md"), GOOD).unwrap();
    let missing = dir.join("missing.md");
    let (srcs, problems) = sources::read(&[dir.clone(), missing]);
    assert_eq!(srcs.len(), 1);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, Kind::Io);
    assert_eq!(problems[0].severity, Severity::Error);
    assert!(problems[0].file.ends_with("missing.md"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn arbitrary_bytes_never_panic() {
    // Deterministic junk around markdown and JSON syntax.
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..400 {
        let mut page = String::new();
        for _ in 0..60 {
            page.push_str(PIECES[rng.below(PIECES.len())]);
        }
        let out = generate(
            &[Source::new("resources/junk.md", page)],
            &Options::default(),
        );
        assert!(
            !out.rust.contains("emitted tokens do not parse"),
            "{}",
            out.rust
        );
    }
}
