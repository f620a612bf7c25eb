//! Every JSON request, response and example body in `docs/` reads into its generated type.
//! Bodies with real values must write back equal (a `null` member equals an absent one);
//! bodies with placeholder values ("String", "Date") must be reported as such by graphdoc.

mod common;

use graphdoc_codegen::model::{ExampleKind, ExampleTable, Outcome};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn round_trip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// Reads `v` as the generated type named `rust_name`; `None` if there is no such type.
fn read_as(rust_name: &str, v: &Value) -> Option<Result<Value, String>> {
    macro_rules! types {
        ($($t:ident),* $(,)?) => {
            match rust_name {
                $(stringify!($t) => Some(round_trip::<graphdoc_profile::$t>(v)),)*
                _ => None,
            }
        };
    }
    types!(
        SkillProficiency,
        SkillProficiencyPatch,
        LanguageProficiency,
        LanguageProficiencyPatch,
        PersonCertification,
        PersonCertificationPatch,
        AnyItemFacet,
        AnyEntity,
        InferenceData,
        IdentitySet,
        Identity,
        PersonDataSource,
    )
}

#[test]
fn every_example_in_docs_reads_into_its_type() {
    let out = graphdoc_codegen::generate(&common::docs_sources(), &Default::default());
    let model = &out.model;
    let checks = graphdoc_codegen::validate(model);
    let mut table = ExampleTable::default();
    let mut failures = Vec::new();
    for ex in &model.examples {
        let place = format!(
            "{}:{}:{}",
            ex.origin.file, ex.origin.pos.line, ex.origin.pos.col
        );
        // Every body in docs/ names its type, through its annotation or its operation.
        let Some(rust_name) = ex.rust_target(model) else {
            failures.push(format!(
                "{place}: no target type for this {:?} body",
                ex.kind
            ));
            continue;
        };
        let outcome = match ex.values() {
            Err(e) => Outcome::Failed(format!("body is not JSON: {e}")),
            Ok(values) => {
                let written = values
                    .iter()
                    .map(|v| {
                        read_as(&rust_name, v)
                            .unwrap_or_else(|| panic!("no `{rust_name}` in this test's list"))
                    })
                    .collect();
                Outcome::judge(&values, written)
            }
        };
        table.add(ex, &outcome, &checks);
        // Placeholder bodies are not data: they only need to have been reported by graphdoc.
        if outcome != Outcome::RoundTripped && ex.placeholder_count == 0 {
            failures.push(format!("{place}: `{rust_name}`: {outcome:?}"));
        }
    }
    println!("{table}");
    assert!(failures.is_empty(), "{failures:#?}");
    let total = table.total();
    // Every placeholder example is also a placeholder diagnostic, so the CLI reports it.
    let reported = out
        .diagnostics
        .iter()
        .filter(|d| d.kind == graphdoc_codegen::Kind::Placeholder)
        .count();
    let with_placeholders = model
        .examples
        .iter()
        .filter(|e| e.placeholder_count > 0)
        .count();
    assert_eq!(reported, with_placeholders);
    assert!(total.placeholder <= with_placeholders);
    // The docs hold real requests and responses for each patchable type, and they were read.
    assert!(total.round_tripped >= 6, "{table}");
    for kind in [
        ExampleKind::Request,
        ExampleKind::Response,
        ExampleKind::Example,
    ] {
        assert!(
            model.examples.iter().any(|e| e.kind == kind),
            "no {kind:?} examples in docs/"
        );
    }
}
