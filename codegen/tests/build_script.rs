//! `Builder` in a real cargo build: a copy of `examples/profile-build` (and of `docs/`) is built
//! with `cargo build --offline` after each change to the pages. Editing, adding and removing a page
//! must rerun the build script and change the models; an untouched tree must not rerun it; an
//! unreadable page must fail the build with a rustc-like message.
//!
//! The copies live in a fresh temporary directory; the build shares one target directory under
//! `CARGO_TARGET_TMPDIR` across runs, so only the first run compiles the dependencies.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The example's manifest with workspace inheritance replaced by values and absolute paths, so the
/// copy builds on its own. Every line it expects must be there: a changed example fails loudly.
fn standalone_manifest(example: &str) -> String {
    let root = root();
    let path = |p: &str| root.join(p).display().to_string().replace('\\', "/");
    let replacements = [
        // Before `version`, which it contains.
        ("rust-version.workspace = true", String::new()),
        (
            "version.workspace = true",
            "version = \"0.1.0\"".to_string(),
        ),
        ("edition.workspace = true", "edition = \"2021\"".to_string()),
        (
            "license.workspace = true",
            "license = \"MIT OR Apache-2.0\"".to_string(),
        ),
        (
            "graphdoc.workspace = true",
            format!("graphdoc = {{ path = \"{}\" }}", path("graphdoc")),
        ),
        (
            "graphdoc-codegen.workspace = true",
            format!("graphdoc-codegen = {{ path = \"{}\" }}", path("codegen")),
        ),
        (
            "serde_json.workspace = true",
            "serde_json = \"1\"".to_string(),
        ),
    ];
    let mut manifest = example.to_string();
    for (from, to) in replacements {
        assert!(
            manifest.contains(from),
            "the example manifest has no `{from}`"
        );
        manifest = manifest.replace(from, &to);
    }
    assert!(
        !manifest.contains(".workspace = true"),
        "a workspace-inherited key this test does not know:\n{manifest}"
    );
    manifest + "\n[workspace]\n"
}

/// What one `cargo build` did.
struct Build {
    ok: bool,
    stderr: String,
    /// The build script ran (rather than being fresh).
    ran_script: bool,
    /// The generated file and when it was last written.
    models: Option<(String, SystemTime)>,
}

fn cargo_build(krate: &Path, target: &Path) -> Build {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--offline", "-v", "--message-format=json"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("OUT_DIR")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let ran_script = stderr.lines().any(|l| {
        l.trim_start().starts_with("Running")
            && l.contains("profile-build-")
            && l.contains("build-script-build")
    });
    // cargo reports the out directory of a build script even when it was fresh.
    let out_dir = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|m| {
            m["reason"] == "build-script-executed"
                && m["package_id"]
                    .as_str()
                    .is_some_and(|id| id.contains("profile-build"))
        })
        .and_then(|m| m["out_dir"].as_str().map(PathBuf::from));
    let models = out_dir.and_then(|d| {
        let file = d.join("profile.rs");
        let text = std::fs::read_to_string(&file).ok()?;
        let written = std::fs::metadata(&file).ok()?.modified().ok()?;
        Some((text, written))
    });
    Build {
        ok: out.status.success(),
        stderr,
        ran_script,
        models,
    }
}

impl Build {
    fn models(&self) -> &str {
        assert!(self.ok, "cargo build failed:\n{}", self.stderr);
        &self.models.as_ref().expect("profile.rs in OUT_DIR").0
    }

    fn written(&self) -> SystemTime {
        self.models.as_ref().expect("profile.rs in OUT_DIR").1
    }
}

const ENDORSEMENT_ROW: &str = "|endorsements|[skillEndorsement](../resources/skillendorsement.md) collection|Who vouched for the skill.|\n";

const ENDORSEMENT_PAGE: &str = "---\ndoc_type: resourcePageType\n---\n# skillEndorsement resource type\n\nNamespace: microsoft.graph\n\nSomeone who vouches for a skill.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|endorsedBy|String|Who vouched.|\n|note|String|What they said.|\n";

#[test]
fn editing_adding_and_removing_pages_reruns_the_build_script() {
    let started = std::time::Instant::now();
    let tmp = std::env::temp_dir().join(format!("graphdoc-build-script-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let krate = tmp.join("examples/profile-build");
    copy_dir(&root().join("examples/profile-build"), &krate);
    copy_dir(&root().join("docs"), &tmp.join("docs"));
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    std::fs::write(krate.join("Cargo.toml"), standalone_manifest(&manifest)).unwrap();
    // The workspace lockfile pins the versions that are already downloaded.
    std::fs::copy(root().join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-target");
    let skill_page = tmp.join("docs/resources/skillproficiency.md");
    let endorsement_page = tmp.join("docs/resources/skillendorsement.md");

    let first = cargo_build(&krate, &target);
    assert!(first.ran_script, "{}", first.stderr);
    assert!(first.models().contains("pub struct SkillProficiency"));
    assert!(!first.models().contains("endorsements"));
    // The example's selection: languageProficiency is documented but not generated.
    assert!(!first.models().contains("pub struct LanguageProficiency"));
    // Warnings about the pages reach the user, with file, line and column.
    assert!(
        first
            .stderr
            .contains("warning[placeholder]: ../../docs/api/profile-post-skills-ref.md:78:1"),
        "{}",
        first.stderr
    );

    let again = cargo_build(&krate, &target);
    assert!(!again.ran_script, "nothing changed: {}", again.stderr);
    assert!(
        again.stderr.contains("Fresh profile-build"),
        "{}",
        again.stderr
    );
    assert_eq!(again.written(), first.written());

    // Edit a page: a new property becomes a new field (an untyped one: nothing defines its type).
    let text = std::fs::read_to_string(&skill_page).unwrap();
    let text = text.replacen("|webUrl|", &format!("{}|webUrl|", ENDORSEMENT_ROW), 1);
    std::fs::write(&skill_page, text).unwrap();
    // Code that uses the new field: it compiles only if the field was generated.
    let mut lib = std::fs::read_to_string(krate.join("src/lib.rs")).unwrap();
    lib.push_str("\npub fn endorsement_count(s: &SkillProficiency) -> usize {\n    s.endorsements.as_ref().map_or(0, |e| e.len())\n}\n");
    std::fs::write(krate.join("src/lib.rs"), lib).unwrap();
    let edited = cargo_build(&krate, &target);
    assert!(edited.ran_script, "{}", edited.stderr);
    assert!(
        edited.models().contains("pub endorsements: ::core::option::Option<\n        ::std::vec::Vec<::graphdoc::__private::serde_json::Value>,"),
        "{}",
        edited.models()
    );

    // Add a page: the type it defines is generated and the field uses it.
    std::fs::write(&endorsement_page, ENDORSEMENT_PAGE).unwrap();
    let added = cargo_build(&krate, &target);
    assert!(added.ran_script, "{}", added.stderr);
    assert!(added.models().contains("pub struct SkillEndorsement"));
    assert!(added
        .models()
        .contains("::core::option::Option<::std::vec::Vec<SkillEndorsement>>"));

    // Add a page the selection does not reach: the script reruns, the file is not rewritten.
    std::fs::write(
        tmp.join("docs/resources/unrelated.md"),
        ENDORSEMENT_PAGE.replace("skillEndorsement", "unrelatedThing"),
    )
    .unwrap();
    let unrelated = cargo_build(&krate, &target);
    assert!(unrelated.ran_script, "{}", unrelated.stderr);
    assert_eq!(unrelated.models(), added.models());
    assert_eq!(unrelated.written(), added.written());

    // Remove a page: its type is gone and the field is untyped again.
    std::fs::remove_file(&endorsement_page).unwrap();
    let removed = cargo_build(&krate, &target);
    assert!(removed.ran_script, "{}", removed.stderr);
    assert!(!removed.models().contains("SkillEndorsement"));
    assert_eq!(removed.models(), edited.models());

    // An unreadable page fails the build; the user sees where, as rustc would show it.
    std::fs::write(tmp.join("docs/resources/bad.md"), b"# caf\xe9\n").unwrap();
    let failed = cargo_build(&krate, &target);
    assert!(!failed.ok);
    // cargo indents the script's stderr; the lines themselves are as rustc would print them.
    for line in [
        "Error: error[encoding]: file is not valid UTF-8: invalid bytes read as U+FFFD",
        " --> ../../docs/resources/bad.md:1:6",
        "1 | # caf\u{fffd}",
        "  |      ^",
        "error: graphdoc could not read the pages (1 error)",
    ] {
        assert!(
            failed
                .stderr
                .lines()
                .any(|l| l.strip_prefix("  ") == Some(line)),
            "no line `{line}` in:\n{}",
            failed.stderr
        );
    }

    std::fs::remove_dir_all(&tmp).unwrap();
    eprintln!(
        "seven cargo builds of the example took {:.1}s",
        started.elapsed().as_secs_f64()
    );
}
