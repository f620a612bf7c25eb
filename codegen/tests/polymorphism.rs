//! Types with derived types: the `Any…` enum, the properties that hold it, unions of derived
//! types, and what `types` selection keeps.

use graphdoc_codegen::{generate, EmitOptions, Kind, Options, Source};

fn resource(name: &str, base: Option<&str>, rows: &str) -> Source {
    let inherits = base
        .map(|b| format!("Inherits from [{b}]({b}.md).\n\n"))
        .unwrap_or_default();
    Source::new(
        format!("resources/{name}.md"),
        format!(
            "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n{inherits}## Properties\n\
             |Property|Type|Description|\n|:---|:---|:---|\n{rows}"
        ),
    )
}

fn pages() -> Vec<Source> {
    vec![
        resource("shape", None, "|id|String|Id.|\n"),
        resource("circle", Some("shape"), "|radius|Double|Radius.|\n"),
        resource("unitCircle", Some("circle"), "|label|String|Label.|\n"),
        resource("square", Some("shape"), "|side|Double|Side.|\n"),
        resource("color", None, "|name|String|Name.|\n"),
        resource(
            "drawing",
            None,
            "|shapes|[shape](shape.md) collection|The shapes.|\n\
             |main|[shape](shape.md)|The main one, which may hold a drawing again.|\n\
             |round|[circle](circle.md) or [square](square.md)|A union of two shapes.|\n\
             |odd|[circle](circle.md) or [color](color.md)|A union with nothing in common.|\n\
             |inner|[drawing](drawing.md)|A drawing in a drawing: boxed.|\n",
        ),
    ]
}

#[test]
fn a_base_type_gets_an_enum_over_all_its_subtypes() {
    let out = generate(&pages(), &Options::default());
    let m = &out.model;
    assert_eq!(
        m.types["microsoft.graph.shape"].subtypes,
        [
            "microsoft.graph.circle",
            "microsoft.graph.square",
            "microsoft.graph.unitcircle"
        ]
    );
    assert_eq!(
        m.types["microsoft.graph.shape"].any_rust_name.as_deref(),
        Some("AnyShape")
    );
    assert_eq!(
        m.types["microsoft.graph.circle"].any_rust_name.as_deref(),
        Some("AnyCircle")
    );
    assert_eq!(m.types["microsoft.graph.square"].any_rust_name, None);
    let rust = &out.rust;
    assert!(rust.contains("pub enum AnyShape {"), "{rust}");
    for variant in ["Shape", "Circle", "UnitCircle", "Square"] {
        assert!(
            rust.contains(&format!("    {variant}(::std::boxed::Box<{variant}>),")),
            "{variant}: {rust}"
        );
    }
    // Properties typed `shape` hold the enum, in collections too, never boxed twice.
    assert!(rust.contains("pub shapes: ::core::option::Option<::std::vec::Vec<AnyShape>>"));
    assert!(rust.contains("pub main: ::core::option::Option<AnyShape>"));
    // The tag is matched in lower case; the written tag keeps Graph's spelling.
    assert!(rust.contains("Some(\"microsoft.graph.unitcircle\")"));
    assert!(rust.contains("\"#microsoft.graph.unitCircle\""));
    // A plain cycle is still boxed.
    assert!(rust.contains("pub inner: ::core::option::Option<::std::boxed::Box<Drawing>>"));
}

#[test]
fn a_union_of_derived_types_reads_as_their_common_base() {
    let out = generate(&pages(), &Options::default());
    let rust = &out.rust;
    assert!(
        rust.contains("pub round: ::core::option::Option<AnyShape>"),
        "{rust}"
    );
    // Nothing in common: untyped JSON, and the run says so.
    assert!(
        rust.contains("pub odd: ::core::option::Option<::graphdoc::__private::serde_json::Value>")
    );
    let unparsed: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::UnparsedType)
        .collect();
    assert_eq!(unparsed.len(), 1, "{unparsed:?}");
    assert!(unparsed[0].message.contains("drawing.odd"), "{unparsed:?}");
}

#[test]
fn selection_keeps_the_enum_over_the_selected_subtypes_only() {
    let options = Options {
        emit: EmitOptions {
            types: Some(vec!["drawing".into(), "square".into()]),
            ..Default::default()
        },
        ..Default::default()
    };
    let rust = generate(&pages(), &options).rust;
    assert!(rust.contains("pub enum AnyShape {"), "{rust}");
    assert!(rust.contains("Square(::std::boxed::Box<Square>)"));
    // Subtypes are not pulled in by their base: `circle` and `unitCircle` were not asked for
    // (the union property holds `AnyShape`), so values tagged with them read as `Shape`.
    assert!(!rust.contains("pub struct Circle"), "{rust}");
    assert!(!rust.contains("pub struct UnitCircle"), "{rust}");
    assert!(!rust.contains("UnitCircle("), "{rust}");
    assert!(!rust.contains("unitcircle"), "{rust}");
}

#[test]
fn an_enum_with_no_selected_subtype_reads_without_a_match() {
    let options = Options {
        emit: EmitOptions {
            types: Some(vec!["drawing".into()]),
            ..Default::default()
        },
        ..Default::default()
    };
    let rust = generate(&pages(), &options).rust;
    assert!(rust.contains("pub enum AnyShape {"), "{rust}");
    // One variant: nothing to choose from, so no `match key { _ => .. }` (clippy's
    // match_single_binding in the user's crate).
    assert!(
        rust.contains("|_, value| ::graphdoc::poly::read(value, Self::Shape),"),
        "{rust}"
    );
    assert!(!rust.contains("match key"), "{rust}");
}
