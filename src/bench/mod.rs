//! Measuring the pipeline end to end: ingest figures (time, throughput, peak memory, index
//! size) and warm query latency, bare and as `search` prints it. Used by `rostra bench` and
//! by the criterion benches in `benches/`; it is no stage of the pipeline, it times them.

pub mod copies;
pub mod queries;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::Searcher;

use crate::error::{Error, Result};
use crate::hits;
use crate::index::{self, Reader, WriterOptions};
use crate::ingest::{self, IngestReport};
use crate::query::{self, Filters, Request};
use crate::render::{self, Color, TextStyle};
pub use queries::BenchQuery;

/// Hits a benchmark query asks for, as `search` does by default.
pub const TOP: usize = 10;
/// Passage width, as `search` prints by default.
pub const WIDTH: usize = 240;

/// What ingest did, and what it cost.
#[derive(Debug, Clone, Serialize)]
pub struct IngestFigures {
    pub files: usize,
    pub transcripts: usize,
    pub paragraphs: usize,
    pub speakers: usize,
    /// Source text read, counted once per copy.
    pub source_bytes: usize,
    /// Wall time from walking the paths to the last merge (reading and parsing included).
    pub seconds: f64,
    pub mb_per_second: f64,
    pub paragraphs_per_second: f64,
    /// The process's peak resident memory so far (Linux `VmHWM`); `None` elsewhere.
    pub peak_rss_bytes: Option<u64>,
    pub index_bytes: u64,
    /// Index size over source bytes.
    pub index_ratio: f64,
}

/// Build an index in `dir` (created if needed) from `paths`, each page `copies` times
/// ([`copies`]), committing as `rostra ingest` does by default.
pub fn ingest(
    dir: &Path,
    paths: &[PathBuf],
    copies: usize,
    opts: &WriterOptions,
) -> Result<(IngestFigures, IngestReport)> {
    let build = index::build::BuildOptions {
        writer: opts.clone(),
        ..Default::default()
    };
    let report = index::build::build_with(dir, paths, &build, &ingest::Hidden, |path, bytes| {
        copies::read(path, bytes, copies)
    })?;
    let index_bytes = dir_size(dir)?;
    let secs = report.seconds.max(1e-9);
    let figures = IngestFigures {
        files: report.files,
        transcripts: report.transcripts,
        paragraphs: report.paragraphs,
        speakers: report.speakers,
        source_bytes: report.bytes,
        seconds: report.seconds,
        mb_per_second: report.bytes as f64 / 1e6 / secs,
        paragraphs_per_second: report.paragraphs as f64 / secs,
        peak_rss_bytes: peak_rss_bytes(),
        index_bytes,
        index_ratio: index_bytes as f64 / (report.bytes.max(1)) as f64,
    };
    Ok((figures, report))
}

/// Peak resident set size of this process: `VmHWM` in `/proc/self/status` (Linux only).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Bytes of the files under `dir`.
pub fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| Error::BadInput {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        if entry.file_type().is_file() {
            total += entry
                .metadata()
                .map_err(|e| Error::BadInput {
                    path: entry.path().to_path_buf(),
                    reason: e.to_string(),
                })?
                .len();
        }
    }
    Ok(total)
}

/// How much of `search` one timed run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Compile, then tantivy's top 10 by BM25 and the count: no stored fields.
    Top,
    /// As `rostra search` prints: compile, top 10 and count, load the stored fields,
    /// highlight, cut passages and render them as text (into memory).
    Highlighted,
}

/// Run `req` once in `mode`; returns the number of matching paragraphs. `out` is the
/// rendering buffer, reused between runs.
pub fn run_once(
    searcher: &Searcher,
    reader: &Reader,
    req: &Request,
    mode: Mode,
    out: &mut Vec<u8>,
) -> Result<usize> {
    let compiled = query::compile(req, reader, searcher)?;
    let f = &reader.fields;
    match mode {
        Mode::Top => {
            let top = TopDocs::with_limit(TOP).order_by_score();
            let (docs, total) = searcher.search(&*compiled.query, &(top, Count))?;
            black_box(docs);
            Ok(total)
        }
        Mode::Highlighted => {
            let mut found = hits::search(searcher, f, &compiled, TOP, 0)?;
            hits::add_context(searcher, f, &mut found.hits, 0)?;
            out.clear();
            let style = TextStyle {
                color: Color::Off,
                width: WIDTH,
                marks: true,
            };
            for (i, h) in found.hits.iter().enumerate() {
                render::text::hit(out, i + 1, h, style).expect("writing to memory");
            }
            black_box(&out);
            Ok(found.total)
        }
    }
}

/// Latency percentiles of a set of timed runs, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
}

impl Latency {
    /// From run times in seconds (any order).
    pub fn from_seconds(mut secs: Vec<f64>) -> Latency {
        secs.sort_by(f64::total_cmp);
        let ms = |s: f64| s * 1e3;
        Latency {
            samples: secs.len(),
            p50_ms: ms(percentile(&secs, 50.0)),
            p95_ms: ms(percentile(&secs, 95.0)),
            p99_ms: ms(percentile(&secs, 99.0)),
            mean_ms: ms(secs.iter().sum::<f64>() / secs.len().max(1) as f64),
        }
    }
}

/// Nearest-rank percentile of sorted values (0 for none).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Latency of one class of queries (or of all queries under one filter).
#[derive(Debug, Clone, Serialize)]
pub struct LatencyRow {
    pub class: String,
    /// `speaker` or `date` for the filtered rows.
    pub filter: Option<String>,
    pub queries: usize,
    /// Matching paragraphs, summed over the class's queries.
    pub matches: usize,
    /// Top 10, no stored fields.
    pub top10: Latency,
    /// Top 10 with highlighted passages, as `search` prints them.
    pub highlighted: Latency,
}

/// How each query is timed.
#[derive(Debug, Clone, Copy)]
pub struct Runs {
    /// Untimed runs first, per query and mode.
    pub warmup: usize,
    /// Timed runs, per query and mode.
    pub timed: usize,
}

/// Time every query `runs.timed` times in each mode, after `runs.warmup` untimed runs, and
/// pool the times of each class; then all queries again under each of `filters`.
pub fn latency(
    searcher: &Searcher,
    reader: &Reader,
    queries: &[BenchQuery],
    filters: &[(&str, Filters)],
    runs: Runs,
) -> Result<Vec<LatencyRow>> {
    let mut rows = Vec::new();
    for class in queries::classes(queries) {
        let of_class: Vec<&BenchQuery> = queries.iter().filter(|q| q.class == class).collect();
        rows.extend(row(
            searcher,
            reader,
            class,
            None,
            &of_class,
            &Filters::default(),
            runs,
        )?);
    }
    let all: Vec<&BenchQuery> = queries.iter().collect();
    for (name, filter) in filters {
        rows.extend(row(
            searcher,
            reader,
            "all",
            Some(name),
            &all,
            filter,
            runs,
        )?);
    }
    Ok(rows)
}

fn row(
    searcher: &Searcher,
    reader: &Reader,
    class: &str,
    filter: Option<&str>,
    queries: &[&BenchQuery],
    filters: &Filters,
    runs: Runs,
) -> Result<Option<LatencyRow>> {
    let mut out = Vec::new();
    let mut matches = 0;
    let mut times = [Vec::new(), Vec::new()];
    for q in queries {
        let req = Request {
            query: q.query.clone(),
            filters: filters.clone(),
            exact: false,
            lang: None,
        };
        for (m, mode) in [Mode::Top, Mode::Highlighted].into_iter().enumerate() {
            for i in 0..runs.warmup + runs.timed {
                let start = Instant::now();
                let n = match run_once(searcher, reader, &req, mode, &mut out) {
                    Ok(n) => n,
                    // A filter naming a speaker this corpus does not have (the built-in
                    // `--speaker putin` row on the US debates): no such row.
                    Err(Error::NoSpeaker { .. }) if filter.is_some() => return Ok(None),
                    Err(e) => {
                        return Err(Error::Query(format!("line {}: {}: {e}", q.line, q.query)))
                    }
                };
                let secs = start.elapsed().as_secs_f64();
                if i >= runs.warmup {
                    times[m].push(secs);
                }
                if m == 0 && i == 0 {
                    matches += n;
                }
            }
        }
    }
    let [top, hl] = times;
    Ok(Some(LatencyRow {
        class: class.to_string(),
        filter: filter.map(str::to_string),
        queries: queries.len(),
        matches,
        top10: Latency::from_seconds(top),
        highlighted: Latency::from_seconds(hl),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&[3.0], 99.0), 3.0);
        assert_eq!(percentile(&[1.0, 2.0], 50.0), 1.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }

    #[test]
    fn latency_is_in_milliseconds() {
        let l = Latency::from_seconds(vec![0.003, 0.001, 0.002]);
        assert_eq!(l.samples, 3);
        assert!((l.p50_ms - 2.0).abs() < 1e-9);
        assert!((l.p99_ms - 3.0).abs() < 1e-9);
        assert!((l.mean_ms - 2.0).abs() < 1e-9);
    }
}
