//! Reads example bodies into the generated corpus types and writes them back.
//!
//! Written into the corpus crate by graphdoc's `corpus_crate` suite, beside the generated
//! `lib.rs` and a generated `dispatch.rs` (`fn read_as(rust_name, value)`, one arm per type the
//! examples need). Input on stdin: `[[rust_name, [value, ...]], ...]`; output on stdout, one
//! entry per input: `[{"Ok": written} | {"Err": serde's message}, ...]`.

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

mod dispatch;

/// Reads `value` as `T` and writes it back.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

fn main() {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .expect("examples on stdin");
    let jobs: Vec<(String, Vec<Value>)> = serde_json::from_str(&input).expect("examples as JSON");
    let results: Vec<Vec<Result<Value, String>>> = jobs
        .into_iter()
        .map(|(rust_name, values)| {
            values
                .into_iter()
                .map(|v| {
                    dispatch::read_as(&rust_name, v)
                        .unwrap_or_else(|| Err(format!("no generated type `{rust_name}`")))
                })
                .collect()
        })
        .collect();
    let out = serde_json::to_vec(&results).expect("results serialise");
    std::io::stdout().write_all(&out).expect("stdout");
}
