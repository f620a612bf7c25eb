//! Every JSON request, response and example body in `docs/` reads into its generated type.
//! Bodies with real values must write back equal (a `null` member equals an absent one);
//! bodies with placeholder values ("String", "Date") must be reported as such by graphdoc.

mod common;

use graphdoc_codegen::model::{Example, ExampleKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// JSON equality where `null` equals absent and numbers compare by value (`1` equals `1.0`).
fn equivalent(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| {
                equivalent(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equivalent(a, b))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (a, b) => a == b,
    }
}

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
        ItemFacet,
        Entity,
        InferenceData,
        IdentitySet,
        Identity,
        PersonDataSource,
    )
}

#[derive(Default, Debug)]
struct Tally {
    round_tripped: usize,
    placeholders: usize,
    failures: Vec<String>,
}

fn check(ex: &Example, model: &graphdoc_codegen::Model, tally: &mut Tally) {
    let place = format!(
        "{}:{}:{}",
        ex.origin.file, ex.origin.pos.line, ex.origin.pos.col
    );
    let Some(target) = &ex.target else {
        tally.failures.push(format!(
            "{place}: no target type found for this {:?} body",
            ex.kind
        ));
        return;
    };
    let def = &model.types[target];
    let rust_name = if ex.patch {
        def.patch
            .as_ref()
            .expect("patch examples target patchable types")
            .rust_name
            .clone()
    } else {
        def.rust_name.clone()
    };
    let (json, _) = match graphdoc_codegen::parse::lenient_json::parse(&ex.body) {
        Ok(v) => v,
        Err(e) => {
            tally
                .failures
                .push(format!("{place}: body is not JSON: {}", e.message));
            return;
        }
    };
    let items: Vec<Value> = if ex.collection {
        json.get("value")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    } else {
        vec![json]
    };
    let mut failed = None;
    for item in &items {
        match read_as(&rust_name, item) {
            None => {
                failed = Some(format!(
                    "no generated type `{rust_name}` in this test's list"
                ))
            }
            Some(Err(e)) => failed = Some(format!("does not read as `{rust_name}`: {e}")),
            Some(Ok(back)) if !equivalent(item, &back) => {
                failed = Some(format!(
                    "`{rust_name}` does not write back what it read: {back}"
                ))
            }
            Some(Ok(_)) => {}
        }
    }
    match (failed, ex.placeholder_count > 0) {
        (None, _) => tally.round_tripped += 1,
        // Placeholder bodies are not data: they only need to have been reported by graphdoc.
        (Some(_), true) => tally.placeholders += 1,
        (Some(why), false) => tally.failures.push(format!("{place}: {why}")),
    }
}

#[test]
fn every_example_in_docs_reads_into_its_type() {
    let out = graphdoc_codegen::generate(&common::docs_sources(), &Default::default());
    let model = &out.model;
    let mut tally = Tally::default();
    for ex in &model.examples {
        check(ex, model, &mut tally);
    }
    println!(
        "examples: {} round-tripped, {} with placeholders (reported), {} failures",
        tally.round_tripped,
        tally.placeholders,
        tally.failures.len()
    );
    assert!(tally.failures.is_empty(), "{:#?}", tally.failures);
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
    assert!(tally.placeholders <= with_placeholders);
    // The docs hold real requests and responses for each patchable type, and they were read.
    assert!(tally.round_tripped >= 6, "{tally:?}");
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
