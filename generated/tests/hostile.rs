//! Whatever a page contains reaches generated code only as identifiers the naming module made
//! valid or as string literals: a hostile page generates code that compiles and behaves.

const HOSTILE: &str = r#"---
doc_type: resourcePageType
---
# weird"; fn evil() {} resource type

Namespace: microsoft.graph

*/ fn evil() {} /* ```rust fn main() { panic!() } ``` [broken](link <script> #[doc = ""]

## Properties
|Property|Type|Description|
|:---|:---|:---|
|"); panic!("|String|Description "); panic!(" with */ and `unbalanced.|
|type|String|A keyword.|
|self|Int32|Another keyword.|
|@odata.type|String|An annotation as a row.|
|displayName|String|One spelling.|
|display_name|String|Another spelling of the same Rust name.|
|1st|Boolean|Leading digit.|
|additionalData|Json|Collides with the catch-all map.|
|my-prop name|Double|Dashes and spaces.|
|state|String|Possible values are: `a-b`, `A_B`, `other`, `Other`, `1`, `self`, `Self`, `unknownfuturevalue`.|
|nested|[weird](weird.md)|Self reference: needs a box.|
"#;

/// Writes `program` to `path` under the test's scratch directory and has trybuild check that it
/// compiles and runs.
fn compiles(path: &str, program: &str) {
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(path);
    std::fs::create_dir_all(file.parent().expect("a file in a directory")).unwrap();
    std::fs::write(&file, program).unwrap();
    trybuild::TestCases::new().pass(&file);
}

#[test]
fn hostile_page_generates_code_that_compiles() {
    let out = graphdoc_codegen::generate(
        &[graphdoc_codegen::Source::new("resources/weird.md", HOSTILE)],
        &Default::default(),
    );
    // Only the expected items exist: prose and names became literals, not functions or macros.
    let file = syn::parse_file(&out.rust).expect("generated code parses");
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => assert_eq!(s.ident, "Weird"),
            syn::Item::Enum(e) => assert_eq!(e.ident, "WeirdState"),
            syn::Item::Impl(_) => {}
            other => panic!(
                "unexpected item in generated code: {}",
                quote::quote!(#other)
            ),
        }
    }
    let program = format!(
        "#![deny(warnings)]\n{}\nfn main() {{\n    let v: Weird = ::serde_json::from_str(r#\"{{\"type\": \"t\", \"self\": 1, \"1st\": true, \"state\": \"other\", \"nested\": {{\"displayName\": \"n\"}}, \"x\": 2}}\"#).unwrap();\n    assert_eq!(v.type_.as_deref(), Some(\"t\"));\n    assert_eq!(v.self_, Some(1));\n    assert_eq!(v._1st, Some(true));\n    assert_eq!(v.state, Some(WeirdState::Other2));\n    assert_eq!(v.nested.as_ref().unwrap().display_name.as_deref(), Some(\"n\"));\n    assert_eq!(v.additional_data[\"x\"], 2);\n    assert_eq!(::serde_json::to_value(&v).unwrap()[\"state\"], \"other\");\n}}\n",
        out.rust
    );
    compiles("hostile/hostile.rs", &program);
}

/// A resource whose name is a keyword, with an update page whose property names make setter
/// names collide (`name`'s `clear_name` and `clearName`'s setter) or look like methods.
const KEYWORD_RESOURCE: &str = r#"---
doc_type: resourcePageType
---
# self resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|The id. Read-only.|
|name|String|A name.|
|clearName|Boolean|Whether to clear it.|
|1st|Boolean|Leading digit.|
|add|Int32|Named like `Add::add`.|
|isRead|Boolean|Named like a predicate.|
"#;

const KEYWORD_UPDATE: &str = r#"---
doc_type: apiPageType
---
# Update self

## HTTP request

```http
PATCH /me/self/{id}
```

## Request body

|Property|Type|Description|
|:---|:---|:---|
|name|String|A name.|
|clearName|Boolean|Whether to clear it.|
|1st|Boolean|Leading digit.|
|add|Int32|A number.|
|isRead|Boolean|A flag.|

## Response

If successful, this method returns a `200 OK` response code and an updated [self](../resources/self.md) object in the response body.
"#;

/// An update page that lists only a read-only property: a patch type without fields.
const EMPTY_RESOURCE: &str = "---\ndoc_type: resourcePageType\n---\n# stamp resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id. Read-only.|\n";
const EMPTY_UPDATE: &str = "---\ndoc_type: apiPageType\n---\n# Update stamp\n\n## HTTP request\n\n```http\nPATCH /stamps/{id}\n```\n\n## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";

#[test]
fn setter_names_never_collide_and_keep_lints_quiet() {
    use graphdoc_codegen::Source;
    let out = graphdoc_codegen::generate(
        &[
            Source::new("resources/self.md", KEYWORD_RESOURCE),
            Source::new("api/self-update.md", KEYWORD_UPDATE),
            Source::new("resources/stamp.md", EMPTY_RESOURCE),
            Source::new("api/stamp-update.md", EMPTY_UPDATE),
        ],
        &Default::default(),
    );
    let rust = &out.rust;
    assert!(rust.contains("pub struct SelfPatch {"), "{rust}");
    assert!(rust.contains("pub struct StampPatch {"), "{rust}");
    for setter in [
        "fn clear_name(",
        "fn clear_name_2(",
        "fn clear_clear_name(",
        "fn clear_1st(",
        "fn add(",
        "fn is_read(",
    ] {
        assert!(rust.contains(setter), "{setter} missing:\n{rust}");
    }
    // clippy's let_and_return: a patch without fields is the default, returned as such.
    assert!(!rust.contains("let patch ="), "{rust}");
    let program = format!(
        "#![deny(warnings)]\n{rust}\nfn main() {{\n    let p = SelfPatch::default().clear_name_2().clear_name(true).add(1).is_read(true).clear_1st();\n    assert_eq!(::serde_json::to_string(&p).unwrap(), r#\"{{\"name\":null,\"clearName\":true,\"1st\":null,\"add\":1,\"isRead\":true}}\"#);\n    let _ = StampPatch::default();\n}}\n"
    );
    compiles("hostile-setters/setters.rs", &program);
}

/// Enum tables as they go wrong: one with a value listed twice, one without rows.
const ENUM_TABLES: &str = r#"---
doc_type: resourcePageType
---
# gadget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|mode|gadgetMode|The mode.|
|kind|gadgetKind|The kind.|

### gadgetMode values

|Member|Value|Description|
|:---|:---|:---|

### gadgetKind values

|Member|Value|Description|
|:---|:---|:---|
|a|0|First.|
|a|1|Again.|
|b|2|Second.|
"#;

#[test]
fn enum_tables_with_repeated_or_no_rows_generate_clean_code() {
    let out = graphdoc_codegen::generate(
        &[graphdoc_codegen::Source::new(
            "resources/gadget.md",
            ENUM_TABLES,
        )],
        &Default::default(),
    );
    let rust = &out.rust;
    assert!(rust.contains("&[\"a\", \"b\"]"), "{rust}");
    assert!(!rust.contains("match value {\n            other"), "{rust}");
    let repeated: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("lists the value `a` twice"))
        .collect();
    assert_eq!(repeated.len(), 1, "{:?}", out.diagnostics);
    let program = format!(
        "#![deny(warnings)]\n{rust}\nfn main() {{\n    assert_eq!(GadgetKind::from(\"a\"), GadgetKind::A);\n    assert_eq!(GadgetMode::from(\"x\").as_str(), \"x\");\n    assert!(GadgetMode::VALUES.is_empty());\n}}\n"
    );
    compiles("hostile-enums/enums.rs", &program);
}

#[test]
fn names_and_paths_in_docs_are_code_spans_whatever_they_hold() {
    let page = "---\ndoc_type: resourcePageType\n---\n# gizmo resource type\n\n## Properties\n\
                |Property|Type|Description|\n|:---|:---|:---|\n|c`[x]`|String||\n\
                |state|String|Possible values are: `a`, `b`.|\n";
    let out = graphdoc_codegen::generate(
        &[graphdoc_codegen::Source::new(
            "resources/v[2]/gizmo.md",
            page,
        )],
        &Default::default(),
    );
    let rust = &out.rust;
    // Brackets inside a code span are text, not a link rustdoc would try to resolve.
    assert!(rust.contains("/// ``c`[x]``\n"), "{rust}");
    assert!(
        rust.contains("documented in `resources/v[2]/gizmo.md`."),
        "{rust}"
    );
    assert!(
        rust.contains("property that uses it (`resources/v[2]/gizmo.md`)"),
        "{rust}"
    );
}
