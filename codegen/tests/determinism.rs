//! Same pages, same bytes: input order, duplicates and case do not change the output.

use graphdoc_codegen::{generate, Options, Source};

fn pages() -> Vec<Source> {
    vec![
        Source::new("docs/resources/b.md", "---\ndoc_type: resourcePageType\n---\n# b resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|level|bLevel|Possible values are: `x`, `y`.|\n|other|[a](a.md)|An a.|\n"),
        Source::new("docs/resources/a.md", "---\ndoc_type: resourcePageType\n---\n# a resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|b|[B](B.md)|A b, linked with other case.|\n|kind|String|Possible values are: `p`, `q`.|\n"),
        Source::new("docs/api/b-update.md", "---\ndoc_type: apiPageType\n---\n# Update b\n\n## HTTP request\n```http\nPATCH /bs/{id}\n```\n## Request body\n|Property|Type|Description|\n|:---|:---|:---|\n|level|String|x|\n## Response\nReturns `200 OK` and a [b](../resources/b.md) object.\n"),
    ]
}

#[test]
fn output_does_not_depend_on_file_order() {
    let forward = generate(&pages(), &Options::default());
    let mut reversed = pages();
    reversed.reverse();
    let backward = generate(&reversed, &Options::default());
    assert_eq!(forward.rust, backward.rust);
    assert_eq!(forward.diagnostics, backward.diagnostics);
    // Twice is the same too.
    assert_eq!(forward.rust, generate(&pages(), &Options::default()).rust);
    // And the cycle a -> b -> a is boxed so the types have a size.
    assert!(
        forward.rust.contains("::std::boxed::Box<"),
        "{}",
        forward.rust
    );
    assert!(forward.rust.contains("pub struct BPatch"));
}
