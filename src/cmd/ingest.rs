//! `rostra ingest [PATH...]`

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::{Global, Outcome, Progress};
use crate::cli::IngestArgs;
use rostra::index;
use rostra::index::build::BuildOptions;
use rostra::ingest::{IngestOptions, IngestReport};

pub fn run(args: &IngestArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let writer = super::writer_options(args.memory, args.threads)?;
    let opts = BuildOptions {
        writer,
        ingest: IngestOptions {
            batch_bytes: (args.batch as usize) << 20,
            prune: args.prune,
        },
        rebuild: args.rebuild,
        corpus: args.corpus.clone(),
    };
    let report = build(index_dir, &args.paths, &opts, g, args.json)?;
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

/// Ingest `paths` into the index at `dir` (or rebuild it from them), reporting bad files on
/// stderr as they come.
pub fn build(
    dir: &Path,
    paths: &[PathBuf],
    opts: &BuildOptions,
    g: Global,
    quiet_bar: bool,
) -> Result<IngestReport> {
    let bar = Progress(g.progress(quiet_bar));
    let report = index::build::build(dir, paths, opts, &bar).with_context(|| {
        if opts.rebuild {
            format!("--rebuild: the index in {} is unchanged", dir.display())
        } else {
            format!("ingest into the index in {}", dir.display())
        }
    })?;
    bar.0.finish_and_clear();
    for w in &report.warnings {
        g.note(&format!("warning: {w}"));
    }
    for n in &report.notes {
        g.note(&format!("note: {n}"));
    }
    for s in &report.skipped {
        g.note(&format!("skipped {s}"));
    }
    for a in &report.aligned {
        g.note(&format!(
            "{}: captions placed {} of {} paragraphs ({:.1}%)",
            a.source,
            a.placed,
            a.paragraphs,
            100.0 * a.placed as f64 / a.paragraphs.max(1) as f64
        ));
    }
    for e in &report.errors {
        eprintln!("rostra: skipped {e}");
    }
    Ok(report)
}

pub fn summary_line(r: &IngestReport) -> String {
    let n = super::count;
    let already = if r.already_indexed > 0 {
        format!(
            "; {} already indexed, skipped",
            n(r.already_indexed, "record", "records")
        )
    } else {
        String::new()
    };
    format!(
        "{}: {} added, {} replaced, {} unchanged, {} removed{already}; read {}, {}, {}, {:.1} MB in {:.2} s ({:.1} MB/s); {}, {}",
        n(r.files, "file", "files"),
        r.added,
        r.replaced,
        r.unchanged,
        r.removed,
        n(r.transcripts, "transcript", "transcripts"),
        n(r.paragraphs, "paragraph", "paragraphs"),
        n(r.speakers, "speaker", "speakers"),
        r.bytes as f64 / 1e6,
        r.seconds,
        r.mb_per_second(),
        n(r.warnings.len(), "warning", "warnings"),
        n(r.errors.len(), "error", "errors"),
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
    /// JSON Lines records indexed before from the same line, skipped.
    already_indexed: usize,
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
            already_indexed: r.already_indexed,
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
