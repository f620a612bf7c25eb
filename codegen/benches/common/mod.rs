//! What the benchmarks share: the corpus they read and the baseline they are measured against.

use std::hint::black_box;

use graphdoc_codegen::{sources, Source};
use pulldown_cmark::{Options, Parser};

/// One folder of the corpus, read into memory.
pub struct Corpus {
    /// The folder under `GRAPHDOC_CORPUS`: the first argument that is not an option, else
    /// `graph-beta-2021`.
    pub folder: String,
    /// Its pages, as the pipeline takes them.
    pub sources: Vec<Source>,
    /// The same pages as text, for bare iteration.
    pub texts: Vec<String>,
}

/// Reads the corpus folder, or says why there is nothing to measure.
pub fn load() -> Option<Corpus> {
    let Some(root) = std::env::var_os("GRAPHDOC_CORPUS") else {
        println!("GRAPHDOC_CORPUS is not set: nothing to measure");
        return None;
    };
    let folder = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "graph-beta-2021".to_string());
    let dir = std::path::Path::new(&root).join(&folder);
    let (sources, problems) = sources::read(&[&dir]);
    assert!(problems.is_empty(), "{problems:?}");
    let texts = sources
        .iter()
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .collect();
    Some(Corpus {
        folder,
        sources,
        texts,
    })
}

/// The baseline: every pulldown-cmark event of every page, tables on, with offsets. Returns a
/// count the optimiser cannot see through.
pub fn bare_iteration(texts: &[String]) -> usize {
    let mut n = 0usize;
    for t in texts {
        for (event, range) in Parser::new_ext(t, Options::ENABLE_TABLES).into_offset_iter() {
            black_box(&event);
            n += range.len() & 1;
        }
    }
    n
}
