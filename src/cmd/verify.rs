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
    // The generation's folder: the files below are named from there.
    let gen_dir = reader.dir().unwrap_or(index_dir).to_path_buf();
    let generation = index::home::current(index_dir)?
        .map(|g| g.name())
        .unwrap_or_default();
    let metas = reader.index.load_metas()?;
    let files = metas
        .list_segment_files()
        .iter()
        .filter(|p| gen_dir.join(p).is_file())
        .count();
    let corrupt = reader
        .index
        .validate_checksum()
        .context("reading the index files")?;
    if !corrupt.is_empty() {
        let mut names: Vec<String> = corrupt
            .iter()
            .map(|p| gen_dir.join(p).display().to_string())
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
    // A record at a time: a count and a sum need none of them kept.
    let (mut transcripts, mut recorded) = (0usize, 0u64);
    pages::for_each(&searcher, &reader.fields, |p| {
        transcripts += 1;
        recorded += p.paragraphs;
        Ok(())
    })
    .context("reading the page records")?;
    let paragraphs = pages::paragraph_count(&searcher, &reader.fields)?;
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
            gen_dir.join(marks::FILE).display()
        );
    }
    // Not corruption: what a killed run left (the next ingest removes them), or the
    // segments a running ingest has not committed yet.
    let stray = index::unreferenced_files(&reader.index, &gen_dir)?;
    if !stray.is_empty() {
        eprintln!(
            "rostra: note: {} files in {} are not part of the index (left by an interrupted \
             ingest, or not committed yet by a running one; the next ingest removes them): {}",
            stray.len(),
            gen_dir.display(),
            stray.join(", ")
        );
    }
    let strays = index::home::stray_generations(index_dir)?;
    if !strays.is_empty() {
        let names: Vec<String> = strays
            .iter()
            .map(|n| index::home::Generation::Numbered(*n).name())
            .collect();
        eprintln!(
            "rostra: note: generations in {} not in use (left by an interrupted rebuild, or \
             being built by a running one; the next ingest removes them): {}",
            index_dir.display(),
            names.join(", ")
        );
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "ok: {}, {files} files checksummed, schema version {SCHEMA_VERSION} (rostra {}), {}, {}; generation {generation}",
        super::count(metas.segments.len(), "segment", "segments"),
        env!("CARGO_PKG_VERSION"),
        super::count(transcripts, "transcript", "transcripts"),
        super::count(paragraphs as usize, "paragraph", "paragraphs"),
    )?;
    Ok(Outcome::Found)
}
