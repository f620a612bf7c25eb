//! Warnings do not fail the build; `deny` names only the kinds that should.
#![deny(warnings)]

mod warned {
    // An unresolved type and a TODO: two warnings, no error.
    graphdoc::models!("tests/ui/pages/warnings");
}

mod strict {
    // Clean pages pass even with every warning denied.
    graphdoc::models!("tests/ui/docs", deny = ["warnings", "placeholder"]);
}

fn main() {
    let d = warned::Doohickey { maker: Some(serde_json::json!({"name": "Acme"})), ..Default::default() };
    assert_eq!(d.maker.unwrap()["name"], "Acme");
    let _ = strict::Gadget::default();
}
