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
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hostile.rs");
    let program = format!(
        "#![deny(warnings)]\n{}\nfn main() {{\n    let v: Weird = ::serde_json::from_str(r#\"{{\"type\": \"t\", \"self\": 1, \"1st\": true, \"state\": \"other\", \"nested\": {{\"displayName\": \"n\"}}, \"x\": 2}}\"#).unwrap();\n    assert_eq!(v.type_.as_deref(), Some(\"t\"));\n    assert_eq!(v.self_, Some(1));\n    assert_eq!(v._1st, Some(true));\n    assert_eq!(v.state, Some(WeirdState::Other2));\n    assert_eq!(v.nested.as_ref().unwrap().display_name.as_deref(), Some(\"n\"));\n    assert_eq!(v.additional_data[\"x\"], 2);\n    assert_eq!(::serde_json::to_value(&v).unwrap()[\"state\"], \"other\");\n}}\n",
        out.rust
    );
    std::fs::write(&file, program).unwrap();
    trybuild::TestCases::new().pass(&file);
}
