//! `rostra ingest [PATH...]`

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::{Global, Outcome, Progress};
use crate::cli::IngestArgs;
use rostra::index::{self, WriterOptions};
use rostra::ingest::{self, IngestOptions, IngestReport};

pub fn run(args: &IngestArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    if args.rebuild {
        // Checked before anything is removed: a typo must not cost the index.
        for p in &args.paths {
            std::fs::metadata(p)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
                .with_context(|| {
                    format!("--rebuild: nothing removed from {}", index_dir.display())
                })?;
        }
        let lock = index::remove_for_rebuild(index_dir)
            .with_context(|| format!("removing the index in {}", index_dir.display()))?;
        drop(lock);
    }
    let mut writer = WriterOptions {
        memory_budget: args.memory.max(16) << 20,
        ..WriterOptions::default()
    };
    if let Some(t) = args.threads {
        writer.threads = t.max(1);
    }
    let opts = IngestOptions {
        batch_bytes: (args.batch as usize) << 20,
        prune: args.prune,
    };
    let report = build_described(
        index_dir,
        &args.paths,
        args.corpus.as_deref(),
        &writer,
        &opts,
        g,
        args.json,
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        rostra::render::json::line(&mut out, &Summary::from(&report))?;
    } else {
        writeln!(out, "{}", summary_line(&report))?;
    }
    out.flush()?;
    Ok(if report.errors.is_empty() {
        Outcome::Found
    } else {
        Outcome::Partial
    })
}

/// Ingest `paths` into the index at `dir`, reporting bad files on stderr as they come.
pub fn build(
    dir: &Path,
    paths: &[PathBuf],
    writer: &WriterOptions,
    opts: &IngestOptions,
    g: Global,
    quiet_bar: bool,
) -> Result<IngestReport> {
    build_described(dir, paths, None, writer, opts, g, quiet_bar)
}

/// [`build`], the paths read as the corpus description `corpus` (or the one at their top) says.
pub fn build_described(
    dir: &Path,
    paths: &[PathBuf],
    corpus: Option<&Path>,
    writer: &WriterOptions,
    opts: &IngestOptions,
    g: Global,
    quiet_bar: bool,
) -> Result<IngestReport> {
    let (idx, fields) = index::open_or_create(dir)
        .with_context(|| format!("opening the index in {}", dir.display()))?;
    let bar = Progress(g.progress(quiet_bar));
    // The writer's lock is taken before anything is read: a second ingest stops here.
    let writer = index::Writer::open_in(dir, &idx, &fields, writer)?;
    let report = ingest::ingest_described(writer, paths, corpus, opts, &bar)?;
    bar.0.finish_and_clear();
    for w in &report.warnings {
        g.note(&format!("warning: {w}"));
    }
    for e in &report.errors {
        eprintln!("rostra: skipped {e}");
    }
    Ok(report)
}

pub fn summary_line(r: &IngestReport) -> String {
    format!(
        "{} files: {} added, {} replaced, {} unchanged, {} removed; read {} transcripts, {} paragraphs, {} speakers, {:.1} MB in {:.2} s ({:.1} MB/s); {} warnings, {} errors",
        r.files,
        r.added,
        r.replaced,
        r.unchanged,
        r.removed,
        r.transcripts,
        r.paragraphs,
        r.speakers,
        r.bytes as f64 / 1e6,
        r.seconds,
        r.mb_per_second(),
        r.warnings.len(),
        r.errors.len()
    )
}

#[derive(Serialize)]
struct Summary {
    #[serde(rename = "type")]
    kind: &'static str,
    files: usize,
    added: usize,
    replaced: usize,
    unchanged: usize,
    removed: usize,
    commits: usize,
    transcripts: usize,
    paragraphs: usize,
    speakers: usize,
    bytes: usize,
    seconds: f64,
    mb_per_second: f64,
    warnings: usize,
    errors: Vec<String>,
}

impl From<&IngestReport> for Summary {
    fn from(r: &IngestReport) -> Summary {
        Summary {
            kind: "ingest",
            files: r.files,
            added: r.added,
            replaced: r.replaced,
            unchanged: r.unchanged,
            removed: r.removed,
            commits: r.commits,
            transcripts: r.transcripts,
            paragraphs: r.paragraphs,
            speakers: r.speakers,
            bytes: r.bytes,
            seconds: r.seconds,
            mb_per_second: r.mb_per_second(),
            warnings: r.warnings.len(),
            errors: r.errors.iter().map(|e| e.to_string()).collect(),
        }
    }
}
