//! Speed of each pipeline stage over the real reference, as ratios to bare pulldown-cmark iteration.
//!
//! `GRAPHDOC_CORPUS=../shared/corpus cargo bench -p graphdoc-codegen --bench pipeline`
//! Stages run one after another on one core. Each round times bare iteration, parse, model and
//! emit in turn, and each stage's fastest round counts: on a machine whose speed drifts (a
//! shared VM moved bare iteration between 139 and 202 ms within an hour), the stages and the
//! baseline are then measured in the same stretch of time, so their ratios compare like with
//! like. Formatting, which takes seconds, is timed after the rounds.

use std::hint::black_box;
use std::time::{Duration, Instant};

use graphdoc_codegen::{build_model, emit_tokens, format, parse_pages, EmitOptions};

mod common;

const ROUNDS: usize = 5;
/// Formatting takes seconds a round: fewer rounds, after the others.
const FORMAT_ROUNDS: usize = 3;

/// Runs `f` once; its time joins `best` (the fastest so far).
fn timed<T>(best: &mut Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = black_box(f());
    *best = (*best).min(t.elapsed());
    out
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let Some(corpus) = common::load() else {
        return;
    };
    let (folder, srcs, texts) = (corpus.folder, corpus.sources, corpus.texts);
    let bytes: usize = srcs.iter().map(|s| s.bytes.len()).sum();
    let rss_loaded = peak_rss_kib();

    let [mut bare, mut parse, mut model_t, mut emit_t, mut format_t] = [Duration::MAX; 5];
    let mut events = 0usize;
    let mut last = None;
    for _ in 0..ROUNDS {
        // The previous round's outputs go before this round starts, untimed.
        drop(last.take());
        events = timed(&mut bare, || common::bare_iteration(&texts));
        let (pages, _) = timed(&mut parse, || parse_pages(&srcs));
        let (model, _) = timed(&mut model_t, || build_model(&pages));
        let tokens = timed(&mut emit_t, || emit_tokens(&model, &EmitOptions::default()));
        last = Some((pages, model, tokens));
    }
    let (_pages, model, tokens) = last.expect("ROUNDS > 0");
    let mut rust = String::new();
    for _ in 0..FORMAT_ROUNDS {
        rust = timed(&mut format_t, || format(&tokens, &[]));
    }
    let rss_end = peak_rss_kib();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration| d.as_secs_f64() / bare.as_secs_f64();
    println!(
        "corpus {folder}: {} pages, {:.1} MB, {} types, {} enums, {} lines of Rust (fastest of {ROUNDS} rounds; format: of {FORMAT_ROUNDS})",
        srcs.len(),
        bytes as f64 / 1e6,
        model.types.len(),
        model.enums.len(),
        rust.lines().count()
    );
    println!("{:<34} {:>10} {:>10}", "stage", "ms", "× bare");
    println!(
        "{:<34} {:>10.1} {:>10.2}",
        "bare pulldown-cmark (tables, offsets)",
        ms(bare),
        1.0
    );
    println!("{:<34} {:>10.1} {:>10.2}", "parse", ms(parse), ratio(parse));
    println!(
        "{:<34} {:>10.1} {:>10.2}",
        "model",
        ms(model_t),
        ratio(model_t)
    );
    println!(
        "{:<34} {:>10.1} {:>10.2}",
        "emit (tokens)",
        ms(emit_t),
        ratio(emit_t)
    );
    println!(
        "{:<34} {:>10.1} {:>10.2}",
        "format (prettyplease)",
        ms(format_t),
        ratio(format_t)
    );
    let pm = parse + model_t;
    let pme = pm + emit_t;
    println!(
        "parse + model:        {:>8.2} × bare (target ≤ 1.5)  {}",
        ratio(pm),
        if ratio(pm) <= 1.5 { "met" } else { "NOT met" }
    );
    println!(
        "parse + model + emit: {:>8.2} × bare (target ≤ 3.0)  {}",
        ratio(pme),
        if ratio(pme) <= 3.0 { "met" } else { "NOT met" }
    );
    if let (Some(a), Some(b)) = (rss_loaded, rss_end) {
        println!(
            "peak memory: {:.1} MiB with the pages loaded, {:.1} MiB after all stages",
            a as f64 / 1024.0,
            b as f64 / 1024.0
        );
    }
    black_box(events);
}
