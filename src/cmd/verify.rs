//! `rostra verify`: is the index whole?

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::{Global, Outcome};
use crate::cli::VerifyArgs;
use rostra::index::stems::marks;
use rostra::index::{self, pages, Reader, SCHEMA_VERSION};

pub fn run(_args: &VerifyArgs, index_dir: &Path, _g: Global) -> Result<Outcome> {
    // Opening checks rostra's record and schema version.
    let reader = Reader::open(index_dir)
        .with_context(|| format!("opening the index in {}", index_dir.display()))?;
    let metas = reader.index.load_metas()?;
    let files = metas
        .list_segment_files()
        .iter()
        .filter(|p| index_dir.join(p).is_file())
        .count();
    let corrupt = reader
        .index
        .validate_checksum()
        .context("reading the index files")?;
    if !corrupt.is_empty() {
        let mut names: Vec<String> = corrupt
            .iter()
            .map(|p| index_dir.join(p).display().to_string())
            .collect();
        names.sort();
        for n in &names {
            eprintln!("rostra: corrupt: {n} (checksum mismatch)");
        }
        bail!(
            "{} of {files} index files in {} are corrupt: rebuild with `rostra ingest --rebuild`",
            names.len(),
            index_dir.display()
        );
    }
    let searcher = reader.searcher();
    let pages = pages::all(&searcher, &reader.fields).context("reading the page records")?;
    let paragraphs = pages::paragraph_count(&searcher, &reader.fields)?;
    let recorded: u64 = pages.iter().map(|p| p.paragraphs).sum();
    if recorded != paragraphs {
        bail!(
            "the page records list {recorded} paragraphs but the index holds {paragraphs}: rebuild with `rostra ingest --rebuild`"
        );
    }
    let uncovered = marks::uncovered(&searcher)?;
    if uncovered > 0 {
        eprintln!(
            "rostra: note: {} does not list the words of {uncovered} segments: stemmed searches \
             stem those words at every run (slower, same results) until the next `rostra ingest`",
            index_dir.join(marks::FILE).display()
        );
    }
    // Not corruption: what a killed run left (the next ingest removes them), or the
    // segments a running ingest has not committed yet.
    let stray = index::unreferenced_files(&reader.index, index_dir)?;
    if !stray.is_empty() {
        eprintln!(
            "rostra: note: {} files in {} are not part of the index (left by an interrupted \
             ingest, or not committed yet by a running one; the next ingest removes them): {}",
            stray.len(),
            index_dir.display(),
            stray.join(", ")
        );
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "ok: {} segments, {files} files checksummed, schema version {SCHEMA_VERSION} (rostra {}), {} transcripts, {paragraphs} paragraphs",
        metas.segments.len(),
        env!("CARGO_PKG_VERSION"),
        pages.len(),
    )?;
    Ok(Outcome::Found)
}
