//! Inputs shared by the criterion benches: the shared Kremlin corpus and query set when they
//! are beside the repository, else `corpus/` plus the test fixtures and the built-in queries,
//! with a note saying so.

#![allow(dead_code)] // each bench uses part of this

use std::path::{Path, PathBuf};

use rostra::bench::{queries, BenchQuery};
use rostra::transcript::file::File;
use rostra::transcript::Transcript;

/// One page, read and decoded for its reader.
pub type Page = File;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every page of the bench corpus, in file order.
pub fn pages() -> Vec<Page> {
    let shared = root().join(queries::SHARED_CORPUS);
    let paths = if shared.is_dir() {
        vec![shared]
    } else {
        eprintln!(
            "note: {} is not here; benching on corpus/ and tests/fixtures/corpus",
            queries::SHARED_CORPUS
        );
        vec![
            root().join(queries::SAMPLE_CORPUS),
            root().join("tests/fixtures/corpus"),
        ]
    };
    let (files, errors) = rostra::source::collect(&paths);
    assert!(errors.is_empty(), "reading the bench corpus: {errors:?}");
    files
        .iter()
        .map(|p| {
            File::decode(p, rostra::source::read(p).expect("bench corpus")).expect("bench corpus")
        })
        .collect()
}

/// Source bytes of `pages`.
pub fn bytes(pages: &[Page]) -> u64 {
    pages.iter().map(|p| p.text().len() as u64).sum()
}

pub fn parse(pages: &[Page]) -> Vec<Transcript> {
    pages.iter().flat_map(|p| p.parse().transcripts).collect()
}

/// The bench queries: the shared set when present, else the built-in one (for `corpus/`).
pub fn bench_queries() -> Vec<BenchQuery> {
    let shared: PathBuf = root().join(queries::SHARED_QUERIES);
    if shared.is_file() {
        queries::read(&shared).expect("shared query set")
    } else {
        eprintln!(
            "note: {} is not here; using the built-in queries",
            queries::SHARED_QUERIES
        );
        queries::builtin()
    }
}
