//! The whole pipeline over the real Graph reference (`GRAPHDOC_CORPUS`): no panic, valid Rust, and the counts.
//!
//! Without `GRAPHDOC_CORPUS` the tests say so and pass, so `cargo test --workspace` works
//! anywhere; `.ci/run` sets it and these tests then fail if the corpus is missing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use graphdoc_codegen::parse::{parse_page_with, Reading};
use graphdoc_codegen::{generate, sources, validate, Options, Severity, Source};

mod common;
mod corpus_crate;

use common::{Rng, PIECES};

fn corpus(name: &str) -> Option<PathBuf> {
    let Some(root) = std::env::var_os("GRAPHDOC_CORPUS") else {
        eprintln!("GRAPHDOC_CORPUS is not set: corpus test `{name}` not run");
        return None;
    };
    let dir = PathBuf::from(root).join(name);
    assert!(
        dir.is_dir(),
        "GRAPHDOC_CORPUS is set but {} is missing",
        dir.display()
    );
    Some(dir)
}

/// Runs everything over one corpus folder, prints the counts and returns (pages, diagnostics by kind).
fn run(name: &str) -> Option<(usize, BTreeMap<String, usize>)> {
    let dir = corpus(name)?;
    let (srcs, problems) = sources::read(&[&dir]);
    assert!(problems.is_empty(), "{problems:?}");
    let out = generate(&srcs, &Options::default());
    // The emitted items must be one valid Rust file.
    syn::parse2::<syn::File>(out.tokens.clone()).expect("emitted tokens parse as a file");
    assert!(!out.rust.contains("emitted tokens do not parse"));
    let m = &out.model;
    // What `graphdoc lint` adds: example values checked against the model.
    let checked = validate(m);
    let mut by_kind = BTreeMap::new();
    for d in out.diagnostics.iter().chain(&checked) {
        *by_kind
            .entry(format!("{} {}", d.severity.as_str(), d.kind.code()))
            .or_insert(0) += 1;
    }
    println!("corpus {name}:");
    println!("  pages:       {}", m.pages);
    println!("  types:       {}", m.types.len());
    println!("  properties:  {}", m.property_count());
    println!("  enums:       {}", m.enums.len());
    println!(
        "  patch types: {}",
        m.types.values().filter(|t| t.patch.is_some()).count()
    );
    println!("  operations:  {}", m.operations.len());
    println!(
        "  examples:    {} ({} with placeholder values)",
        m.examples.len(),
        m.examples
            .iter()
            .filter(|e| e.placeholder_count > 0)
            .count()
    );
    println!("  rust lines:  {}", out.rust.lines().count());
    println!(
        "  diagnostics: {} (and {} from lint's example checks)",
        out.diagnostics.len(),
        checked.len()
    );
    for (k, n) in &by_kind {
        println!("    {k:<28} {n}");
    }
    assert!(
        !out.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "the real pages are valid UTF-8 and readable: no errors expected"
    );
    Some((m.pages, by_kind))
}

#[test]
fn graph_beta_2021() {
    let Some((pages, _)) = run("graph-beta-2021") else {
        return;
    };
    // Every page of the reference (api/ and resources/, `.md.txt` included) was read.
    assert_eq!(pages, 7949);
}

#[test]
fn graph_profile_latest() {
    let Some((pages, _)) = run("graph-profile-latest") else {
        return;
    };
    assert_eq!(pages, 78);
}

/// The corpus as one crate: it builds without errors or warnings, and its examples read into
/// the generated types with no failure left unexplained.
fn compile_and_validate(name: &str) {
    let Some(dir) = corpus(name) else {
        return;
    };
    let (srcs, problems) = sources::read(&[&dir]);
    assert!(problems.is_empty(), "{problems:?}");
    let start = std::time::Instant::now();
    let out = generate(&srcs, &Options::default());
    let generate_seconds = start.elapsed().as_secs_f64();
    let m = &out.model;
    let built = corpus_crate::build_and_run(name, &out);
    println!("corpus crate {name}:");
    println!(
        "  types {} (+{} Any… enums, {} patch types), enums {}, properties {}",
        m.types.len(),
        m.types
            .values()
            .filter(|t| t.any_rust_name.is_some())
            .count(),
        m.types.values().filter(|t| t.patch.is_some()).count(),
        m.enums.len(),
        m.property_count()
    );
    println!(
        "  {} lines of Rust generated in {generate_seconds:.2} s (this test's profile)",
        out.rust.lines().count()
    );
    println!(
        "  cargo build --lib (debug): {:.1} s; harness: {:.1} s",
        built.build_seconds, built.harness_seconds
    );
    for m in &built.messages {
        println!("  {m}");
    }
    println!("{}", built.table);
    for s in &built.doc_errors {
        println!("  {s}");
    }
    for b in &built.generator_bugs {
        println!("  generator bug: {b}");
    }
    assert!(
        built.messages.is_empty(),
        "the corpus crate must build without errors or warnings"
    );
    assert!(
        built.generator_bugs.is_empty(),
        "{} examples fail with nothing on their page to explain it",
        built.generator_bugs.len()
    );
    let percent = built.table.round_trip_percent();
    assert!(
        percent >= 95.0,
        "only {percent:.1}% of the examples without placeholders round-trip"
    );
}

#[test]
fn graph_beta_2021_compiles_and_examples_validate() {
    compile_and_validate("graph-beta-2021");
}

#[test]
fn graph_profile_latest_compiles_and_examples_validate() {
    compile_and_validate("graph-profile-latest");
}

/// The fast reading (sections without facts read by lines) gives every real page exactly what
/// reading it all with pulldown-cmark gives: the same page and the same diagnostics.
fn readings_agree(name: &str) {
    use graphdoc_codegen::parse::{parse_page_with, Reading};
    let Some(dir) = corpus(name) else { return };
    let (srcs, problems) = sources::read(&[&dir]);
    assert!(problems.is_empty(), "{problems:?}");
    let mut differ = Vec::new();
    for s in &srcs {
        let text = s.text();
        let skim = parse_page_with(&s.path, &text, Reading::Skim);
        let full = parse_page_with(&s.path, &text, Reading::Full);
        if format!("{skim:?}") != format!("{full:?}") {
            differ.push(s.path.clone());
        }
    }
    println!(
        "corpus {name}: both readings agree on {} of {} pages",
        srcs.len() - differ.len(),
        srcs.len()
    );
    differ.truncate(20);
    assert!(
        differ.is_empty(),
        "the readings differ on (mutated page, source) {differ:#?}"
    );
}

#[test]
fn graph_beta_2021_readings_agree() {
    readings_agree("graph-beta-2021");
}

#[test]
fn graph_profile_latest_readings_agree() {
    readings_agree("graph-profile-latest");
}

/// A real page, changed in one to six places: lines dropped, repeated, swapped, joined or cut,
/// and markup inserted.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    // A char boundary of `line`, at most `from + len` and not before `from`.
    let boundary = |line: &str, from: usize, len: usize| {
        let mut k = (from + len).min(line.len());
        while !line.is_char_boundary(k) {
            k -= 1;
        }
        k
    };
    for _ in 0..1 + rng.below(6) {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let i = rng.below(lines.len());
        let k = boundary(&lines[i], 0, rng.below(lines[i].len() + 1));
        match rng.below(7) {
            0 => {
                let j = (i + rng.below(5)).min(lines.len());
                lines.drain(i..j);
            }
            1 => lines.insert(i, lines[i].clone()),
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => lines[i].insert_str(k, PIECES[rng.below(PIECES.len())]),
            4 => lines[i].truncate(k),
            5 => {
                let other = lines[rng.below(lines.len())].clone();
                lines[i].push_str(&other);
            }
            _ => {
                let e = boundary(&lines[i], k, rng.below(20));
                lines[i].replace_range(k..e, "");
            }
        }
    }
    lines.concat()
}

/// Real pages, mutated: both readings still agree (the line reader gives exactly what
/// pulldown-cmark gives, on pages nobody wrote), and the whole pipeline never panics and emits
/// tokens that parse. A fuzzer like this found the divergences pinned in `readings.rs`.
#[test]
fn mutated_real_pages_read_alike_and_never_panic() {
    let Some(dir) = corpus("graph-beta-2021") else {
        return;
    };
    let (srcs, problems) = sources::read(&[&dir]);
    assert!(problems.is_empty(), "{problems:?}");
    let mut rng = Rng(0x5eed_f00d_9a9e_d0c5);
    let mut differ = Vec::new();
    const PAGES: usize = 20_000;
    for n in 0..PAGES {
        let s = &srcs[rng.below(srcs.len())];
        let text = mutate(&mut rng, &String::from_utf8_lossy(&s.bytes));
        let skim = parse_page_with(&s.path, &text, Reading::Skim);
        let full = parse_page_with(&s.path, &text, Reading::Full);
        if format!("{skim:?}") != format!("{full:?}") {
            if differ.is_empty() {
                // The first page that differs, to read and cut down (the test is deterministic).
                let file = std::env::temp_dir().join("graphdoc-mutated-page.md");
                std::fs::write(&file, &text).unwrap();
                println!(
                    "first mutated page whose readings differ: {}",
                    file.display()
                );
            }
            differ.push((n, s.path.clone()));
        }
    }
    const RUNS: usize = 1_000;
    for _ in 0..RUNS {
        let set: Vec<Source> = (0..1 + rng.below(4))
            .map(|_| {
                let s = &srcs[rng.below(srcs.len())];
                Source::new(
                    s.path.clone(),
                    mutate(&mut rng, &String::from_utf8_lossy(&s.bytes)),
                )
            })
            .collect();
        let out = generate(&set, &Options::default());
        assert!(
            !out.rust.contains("emitted tokens do not parse"),
            "pages {:?}",
            set.iter().map(|s| &s.path).collect::<Vec<_>>()
        );
    }
    println!(
        "mutated pages: readings agree on {} of {PAGES}; {RUNS} generate runs without a panic",
        PAGES - differ.len()
    );
    differ.truncate(20);
    assert!(
        differ.is_empty(),
        "the readings differ on (mutated page, source) {differ:#?}"
    );
}
