//! What `graphdoc::models!` costs: the expansion over the repository's `docs/` by stage, and the
//! time it adds to `cargo build` of a crate compared with one that includes the same code
//! pre-generated.
//!
//! `cargo bench -p graphdoc-macros --bench expand` runs both; `-- expand` or `-- build` runs one.
//! Proc macros run as compiled for the host, which is the dev profile (unoptimised) unless a
//! crate sets `[profile.dev.build-override] opt-level`: run with `--profile dev` to see the
//! expansion as `cargo build` pays for it, and read the build part for the end-to-end cost.

// A proc-macro crate cannot be linked as a library, so the bench compiles the macro's own
// expansion code (not a copy of it) as modules of its own.
#[allow(dead_code, unused_imports)]
#[path = "../src/errors.rs"]
mod errors;
#[allow(dead_code, unused_imports)]
#[path = "../src/models.rs"]
mod models;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use graphdoc_codegen::{build_model, emit_tokens, parse_pages, sources, EmitOptions};

const ROUNDS: usize = 20;
const BUILD_ROUNDS: usize = 9;
const TARGET_MS: f64 = 50.0;

fn fastest<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..rounds {
        let t = Instant::now();
        let out = black_box(f());
        best = best.min(t.elapsed());
        last = Some(out);
    }
    (best, last.expect("rounds > 0"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the macros crate is in the workspace")
        .to_path_buf()
}

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |part: &str| only.is_empty() || only.iter().any(|a| a == part);
    if wants("expand") {
        expansion();
    }
    if wants("build") {
        if let Err(e) = build_time() {
            println!("build-time measurement failed: {e}");
            std::process::exit(1);
        }
    }
}

/// The expansion of `models!("docs")`, by stage and whole, fastest of [`ROUNDS`].
fn expansion() {
    let root = workspace();
    let profile = if cfg!(debug_assertions) {
        "unoptimised (dev profile, as a proc macro runs by default)"
    } else {
        "optimised"
    };
    let (read_t, read) = fastest(ROUNDS, || sources::read_in(Some(&root), &["docs"]));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let (parse_t, (pages, _)) = fastest(ROUNDS, || parse_pages(&read.sources));
    let (model_t, (model, _)) = fastest(ROUNDS, || build_model(&pages));
    let (emit_t, tokens) = fastest(ROUNDS, || emit_tokens(&model, &EmitOptions::default()));
    // The whole expansion as the macro runs it: options, reading, checks, tracking consts.
    let input: proc_macro2::TokenStream = quote::quote!("docs");
    let (whole_t, expanded) = fastest(ROUNDS, || models::expand(input.clone(), Some(&root)));
    // What rustc then receives: the tokens, which it must also parse (measured as their text).
    let (text_t, text) = fastest(ROUNDS, || expanded.to_string());
    let (reparse_t, _) = fastest(ROUNDS, || syn::parse_file(&text).expect("items"));

    println!(
        "models!(\"docs\"): {} pages, {:.1} KB, {} types, {} enums, {:.1} KB of output tokens; {profile}, fastest of {ROUNDS} rounds",
        read.sources.len(),
        read.sources.iter().map(|s| s.bytes.len()).sum::<usize>() as f64 / 1e3,
        model.types.len(),
        model.enums.len(),
        tokens.to_string().len() as f64 / 1e3,
    );
    println!("{:<44} {:>9}", "stage", "ms");
    println!("{:<44} {:>9.2}", "read (sources::read_in)", ms(read_t));
    println!("{:<44} {:>9.2}", "parse", ms(parse_t));
    println!("{:<44} {:>9.2}", "model", ms(model_t));
    println!("{:<44} {:>9.2}", "emit (tokens)", ms(emit_t));
    let pme = parse_t + model_t + emit_t;
    println!("{:<44} {:>9.2}", "parse + model + emit", ms(pme));
    println!(
        "{:<44} {:>9.2}",
        "whole expansion (read, checks, tracking)",
        ms(whole_t)
    );
    println!(
        "{:<44} {:>9.2}",
        "for comparison: output to text + syn parse",
        ms(text_t + reparse_t)
    );
    println!(
        "expansion: {:.2} ms (target < {TARGET_MS} ms)  {}",
        ms(whole_t),
        if ms(whole_t) < TARGET_MS {
            "met"
        } else {
            "NOT met"
        }
    );
}

/// Builds two crates with one target directory, after warming their dependencies: one calls
/// `models!("docs")`, the other `include!`s `generated/src/models.rs` (what the CLI wrote for
/// the same pages). Each final build is timed after touching `src/lib.rs`, over
/// [`BUILD_ROUNDS`] rounds.
fn build_time() -> Result<(), String> {
    let root = workspace();
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graphdoc-build-bench");
    let target = base.join("target");
    let lock = std::fs::read(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let graphdoc = root.join("graphdoc");
    let graphdoc = graphdoc.to_str().ok_or("workspace path is not UTF-8")?;

    let with_macro = base.join("uses-macro");
    write_crate(
        &with_macro,
        &format!("graphdoc = {{ path = {graphdoc:?} }}"),
        "graphdoc::models!(\"docs\");\n",
        &lock,
    )?;
    copy_dir(&root.join("docs"), &with_macro.join("docs"))?;

    let pre = base.join("pre-generated");
    write_crate(
        &pre,
        &format!("graphdoc = {{ path = {graphdoc:?}, default-features = false }}"),
        "include!(\"models.rs\");\n",
        &lock,
    )?;
    std::fs::copy(
        root.join("generated/src/models.rs"),
        pre.join("src/models.rs"),
    )
    .map_err(|e| e.to_string())?;

    println!(
        "cargo build (dev profile) of the final crate, dependencies warm, target {}:",
        target.display()
    );
    let crates = [&pre, &with_macro];
    for krate in crates {
        cargo_build(krate, &target)?; // warm: dependencies and a first build
    }
    // Rounds alternate between the crates, so that both see the same load on a shared machine.
    let mut times: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..BUILD_ROUNDS {
        for (krate, times) in crates.iter().zip(&mut times) {
            touch(&krate.join("src/lib.rs"))?;
            let t = Instant::now();
            cargo_build(krate, &target)?;
            times.push(t.elapsed());
        }
    }
    let mut summary = Vec::new();
    for (krate, times) in crates.iter().zip(&mut times) {
        times.sort();
        let (min, median) = (times[0], times[times.len() / 2]);
        let name = krate.file_name().unwrap().to_string_lossy().into_owned();
        println!(
            "  {name:<14} fastest {:>6.0} ms   median {:>6.0} ms",
            ms(min),
            ms(median)
        );
        summary.push((min, median));
    }
    println!(
        "  models! adds   fastest {:>6.0} ms   median {:>6.0} ms  ({BUILD_ROUNDS} alternating rounds)",
        ms(summary[1].0) - ms(summary[0].0),
        ms(summary[1].1) - ms(summary[0].1)
    );

    // Editing a page re-expands the macro: cargo sees the page among the crate's inputs.
    let page = with_macro.join("docs/resources/entity.md");
    let text = std::fs::read_to_string(&page).map_err(|e| e.to_string())?;
    std::fs::write(&page, text.replace("|id|String|", "|id|Int64|")).map_err(|e| e.to_string())?;
    let out = cargo_build_output(&with_macro, &target)?;
    let rebuilt = out.contains("Compiling uses-macro");
    println!(
        "  editing docs/resources/entity.md rebuilds uses-macro: {}",
        if rebuilt { "yes" } else { "NO" }
    );
    std::fs::write(&page, text).map_err(|e| e.to_string())?;
    if !rebuilt {
        return Err(format!("an edited page did not rebuild the crate:\n{out}"));
    }
    Ok(())
}

fn write_crate(dir: &Path, dependency: &str, lib: &str, lock: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let name = dir.file_name().unwrap().to_string_lossy();
    // `[workspace]`: its own root, not a member of the graphdoc workspace it sits in.
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{dependency}\n\n[workspace]\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
    write_if_changed(&dir.join("Cargo.lock"), lock)?;
    write_if_changed(&dir.join("src/lib.rs"), lib.as_bytes())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let dest = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
            write_if_changed(&dest, &bytes)?;
        }
    }
    Ok(())
}

fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .map_err(|e| e.to_string())?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| e.to_string())
}

fn cargo_build(dir: &Path, target: &Path) -> Result<(), String> {
    cargo_build_output(dir, target).map(drop)
}

fn cargo_build_output(dir: &Path, target: &Path) -> Result<String, String> {
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!(
            "cargo build in {} failed:\n{stderr}",
            dir.display()
        ));
    }
    Ok(stderr)
}
