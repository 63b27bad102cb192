//! `rostra bench [PATH...] [--repeat N] [--queries FILE] [--json]`: ingest and query figures
//! on a corpus, into a fresh index.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Serialize;

use super::{Global, Outcome};
use crate::cli::BenchArgs;
use rostra::bench::{self, queries, BenchQuery, IngestFigures, LatencyRow, Runs};
use rostra::index::{self, Reader};
use rostra::query::{DateBound, Filters};
use rostra::render::table::{self, Align};

pub fn run(args: &BenchArgs, g: Global) -> Result<Outcome> {
    let paths = corpus(args, g)?;
    let (queries_name, queries) = query_set(args, g)?;
    let from = super::date_arg("--from", &args.from, DateBound::Start)?;
    let to = super::date_arg("--to", &args.to, DateBound::End)?;
    let filters = [
        (
            "speaker",
            Filters {
                speakers: vec![args.speaker.clone()],
                ..Filters::default()
            },
        ),
        (
            "date",
            Filters {
                from: Some(from),
                to: Some(to),
                ..Filters::default()
            },
        ),
    ];
    let opts = super::writer_options(args.memory, args.threads)?;

    // The index goes in a temporary directory (removed when `_temp` drops) unless --keep.
    let (_temp, dir) = match &args.keep {
        Some(d) if index::exists(d) => {
            bail!(
                "--keep {}: already holds an index; give a new directory",
                d.display()
            )
        }
        Some(d) => (None, d.clone()),
        None => {
            let t = tempfile::Builder::new()
                .prefix("rostra-bench-")
                .tempdir()
                .context("creating a temporary directory for the index")?;
            let d = t.path().to_path_buf();
            (Some(t), d)
        }
    };
    let corpus_name = display_paths(&paths);
    g.note(&format!(
        "ingesting {corpus_name} ×{} into {} ({} threads, {} MB)",
        args.repeat,
        dir.display(),
        opts.threads,
        opts.memory_budget >> 20
    ));
    let (figures, report) = bench::ingest(&dir, &paths, args.repeat as usize, &opts)
        .with_context(|| format!("building the index in {}", dir.display()))?;
    for w in &report.warnings {
        g.note(&format!("warning: {w}"));
    }
    for e in &report.errors {
        eprintln!("rostra: skipped {e}");
    }
    if figures.paragraphs == 0 {
        bail!("{corpus_name}: no paragraphs to index");
    }

    let reader =
        Reader::open(&dir).with_context(|| format!("opening the index in {}", dir.display()))?;
    let searcher = reader.searcher();
    let runs = Runs {
        warmup: args.warmup as usize,
        timed: args.runs as usize,
    };
    g.note(&format!(
        "timing {} queries from {queries_name}: {} warm-up + {} timed runs each, bare and highlighted",
        queries.len(),
        runs.warmup,
        runs.timed
    ));
    let latency = bench::latency(&searcher, &reader, &queries, &filters, runs)
        .with_context(|| format!("running {queries_name}"))?;

    let report_out = Report {
        kind: "bench",
        rostra_version: env!("CARGO_PKG_VERSION"),
        tantivy_version: tantivy::version_string(),
        os: std::env::consts::OS,
        arch: std::env::consts::ARCH,
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        corpus: paths.iter().map(|p| p.display().to_string()).collect(),
        queries: queries_name,
        repeat: args.repeat as usize,
        threads: opts.threads,
        memory_mb: opts.memory_budget >> 20,
        warmup: runs.warmup,
        runs: runs.timed,
        speaker: args.speaker.clone(),
        from: from.iso(),
        to: to.iso(),
        index: args.keep.as_ref().map(|d| d.display().to_string()),
        docs: rostra::index::pages::paragraph_count(&searcher, &reader.fields)?,
        ingest: figures,
        latency,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        rostra::render::json::line(&mut out, &report_out)?;
    } else {
        table(&mut out, &report_out)?;
    }
    out.flush()?;
    Ok(if report.errors.is_empty() {
        Outcome::Found
    } else {
        Outcome::Partial
    })
}

/// The corpus to index: the paths given, else the shared corpus, else `./corpus`.
fn corpus(args: &BenchArgs, g: Global) -> Result<Vec<PathBuf>> {
    if !args.paths.is_empty() {
        for p in &args.paths {
            if !p.exists() {
                bail!("{}: no such file or directory", p.display());
            }
        }
        return Ok(args.paths.clone());
    }
    let Some(p) = queries::default_corpus() else {
        bail!(
            "no corpus: neither {} nor ./{} is here; give a PATH",
            queries::SHARED_CORPUS,
            queries::SAMPLE_CORPUS
        );
    };
    if p == Path::new(queries::SHARED_CORPUS) {
        g.note(&format!("corpus: {} (the shared corpus)", p.display()));
    } else {
        g.note(&format!(
            "corpus: ./{} ({} is not here)",
            p.display(),
            queries::SHARED_CORPUS
        ));
    }
    Ok(vec![p])
}

/// The queries to time, and what to call them: the file given, else the shared one, else
/// the built-in set.
fn query_set(args: &BenchArgs, g: Global) -> Result<(String, Vec<BenchQuery>)> {
    let path = match &args.queries {
        Some(p) => Some(p.clone()),
        None => queries::default_queries(),
    };
    match path {
        Some(p) => Ok((p.display().to_string(), queries::read(&p)?)),
        None => {
            g.note(&format!(
                "queries: built-in set for ./{} ({} is not here)",
                queries::SAMPLE_CORPUS,
                queries::SHARED_QUERIES
            ));
            Ok(("built-in queries".to_string(), queries::builtin()))
        }
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything `rostra bench --json` prints, in one object.
#[derive(Serialize)]
struct Report {
    #[serde(rename = "type")]
    kind: &'static str,
    rostra_version: &'static str,
    tantivy_version: &'static str,
    os: &'static str,
    arch: &'static str,
    cpus: usize,
    corpus: Vec<String>,
    queries: String,
    repeat: usize,
    threads: usize,
    memory_mb: usize,
    warmup: usize,
    runs: usize,
    /// The filters of the filtered rows.
    speaker: String,
    from: String,
    to: String,
    /// Where the index was kept (`--keep`), if it was.
    index: Option<String>,
    /// Paragraph documents in the index.
    docs: u64,
    ingest: IngestFigures,
    latency: Vec<LatencyRow>,
}

/// Bytes as MB, or kB below one MB (the sample corpus).
fn mb(bytes: f64) -> String {
    if bytes < 1e6 {
        format!("{:.1} kB", bytes / 1e3)
    } else {
        format!("{:.1} MB", bytes / 1e6)
    }
}

/// The report for people: settings, ingest figures, then one aligned row per query class.
fn table(w: &mut impl Write, r: &Report) -> std::io::Result<()> {
    let i = &r.ingest;
    writeln!(
        w,
        "rostra {} bench: {} ×{}, {} threads, {} MB writer budget, {} cpus",
        r.rostra_version,
        r.corpus.join(" "),
        r.repeat,
        r.threads,
        r.memory_mb,
        r.cpus
    )?;
    writeln!(w)?;
    writeln!(w, "ingest")?;
    let rows = [
        (
            "input",
            format!(
                "{} files, {} transcripts, {} paragraphs, {}",
                i.files,
                i.transcripts,
                i.paragraphs,
                mb(i.source_bytes as f64)
            ),
        ),
        ("wall time", format!("{:.2} s", i.seconds)),
        (
            "throughput",
            format!(
                "{:.2} MB/s, {:.0} paragraphs/s",
                i.mb_per_second, i.paragraphs_per_second
            ),
        ),
        (
            "peak RSS",
            i.peak_rss_bytes
                .map_or("n/a (not Linux)".to_string(), |b| mb(b as f64)),
        ),
        (
            "index size",
            format!(
                "{} ({:.2} × source)",
                mb(i.index_bytes as f64),
                i.index_ratio
            ),
        ),
    ];
    for (k, v) in rows {
        writeln!(w, "  {k:<12}{v}")?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "query latency in ms, {} warm-up + {} timed runs a query; {} docs; queries: {}",
        r.warmup, r.runs, r.docs, r.queries
    )?;
    let rows: Vec<Vec<String>> = r
        .latency
        .iter()
        .map(|l| {
            let filter = match l.filter.as_deref() {
                Some("speaker") => format!("speaker {}", r.speaker),
                Some("date") => format!("{}..{}", r.from, r.to),
                Some(f) => f.to_string(),
                None => "-".to_string(),
            };
            let ms = |x: f64| format!("{x:.3}");
            vec![
                l.class.clone(),
                filter,
                l.queries.to_string(),
                l.matches.to_string(),
                ms(l.top10.p50_ms),
                ms(l.top10.p95_ms),
                ms(l.top10.p99_ms),
                ms(l.highlighted.p50_ms),
                ms(l.highlighted.p95_ms),
                ms(l.highlighted.p99_ms),
            ]
        })
        .collect();
    // Text columns to the left, numbers to the right.
    let mut align = vec![Align::Right; 10];
    align[..2].fill(Align::Left);
    let header = [
        "class",
        "filter",
        "queries",
        "matches",
        "top10 p50",
        "p95",
        "p99",
        "hl p50",
        "p95",
        "p99",
    ];
    for line in table::lines(&header, &align, &rows, 1) {
        writeln!(w, "  {line}")?;
    }
    writeln!(
        w,
        "  (top10: compile + top 10 + count, no stored fields; hl: as `search` prints, passages highlighted)"
    )
}
