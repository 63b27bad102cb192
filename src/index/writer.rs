//! Ingest: files → transcripts → paragraph documents, committed to the index.
//!
//! A page is keyed by its id: re-ingesting it deletes its old paragraphs in the same
//! commit that adds the new ones, so nothing is ever duplicated.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use indicatif::ProgressBar;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};

use super::Fields;
use crate::error::{Error, Result};
use crate::source;
use crate::transcript::{self, Date, Transcript};

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Indexing threads (tantivy's), at least 1.
    pub threads: usize,
    /// Memory budget of the writer, in bytes, shared by the threads.
    pub memory_budget: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8);
        IngestOptions {
            threads,
            memory_budget: 128 << 20,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub files: usize,
    pub transcripts: usize,
    pub paragraphs: usize,
    pub speakers: usize,
    pub bytes: usize,
    pub seconds: f64,
    /// Files read with a repair (lossy decoding, duplicated id), `path: what`.
    pub warnings: Vec<String>,
    /// Files skipped, with the reason.
    pub errors: Vec<Error>,
}

impl IngestReport {
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

/// Ingest every transcript file under `paths` into `index`.
pub fn ingest(
    index: &Index,
    fields: &Fields,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &ProgressBar,
) -> Result<IngestReport> {
    let start = Instant::now();
    let (files, walk_errors) = source::collect(paths);
    let mut report = IngestReport {
        errors: walk_errors,
        ..IngestReport::default()
    };
    let mut writer: IndexWriter = index
        .writer_with_num_threads(opts.threads.max(1), opts.memory_budget)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Locked,
            e => e.into(),
        })?;
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    progress.set_length(total);
    // Per page id, its paragraphs and speakers: a page seen twice counts once (the later wins).
    let mut pages: HashMap<String, (usize, Vec<String>)> = HashMap::new();
    for path in &files {
        report.files += 1;
        let text = match source::read_text(path) {
            Ok(t) => t,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        progress.inc(text.bytes as u64);
        report.bytes += text.bytes;
        for w in &text.warnings {
            report.warnings.push(format!("{}: {w}", path.display()));
        }
        let id = text.page_id(path);
        let t = transcript::parse_text(&path.to_string_lossy(), &id, &text.text);
        add_transcript(&writer, fields, &t)?;
        let speakers = t
            .paragraphs
            .iter()
            .filter_map(|p| p.speaker.clone())
            .collect();
        if pages
            .insert(id.clone(), (t.paragraphs.len(), speakers))
            .is_some()
        {
            report.warnings.push(format!(
                "{}: page id {id} seen twice in this run; the later file wins",
                path.display()
            ));
        }
    }
    report.transcripts = pages.len();
    report.paragraphs = pages.values().map(|(n, _)| n).sum();
    let speakers: HashSet<&String> = pages.values().flat_map(|(_, s)| s).collect();
    writer.commit()?;
    writer.wait_merging_threads()?;
    report.speakers = speakers.len();
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// Replace a transcript's paragraphs in the index (effective at the next commit).
pub fn add_transcript(writer: &IndexWriter, f: &Fields, t: &Transcript) -> Result<()> {
    writer.delete_term(Term::from_field_text(f.transcript, &t.id));
    let date = t
        .date
        .as_deref()
        .and_then(Date::parse_iso)
        .map(|d| DateTime::from_timestamp_secs(d.unix_seconds()));
    for p in &t.paragraphs {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.text, &p.text);
        doc.add_text(f.text_exact, &p.text);
        if let Some(s) = &p.speaker {
            doc.add_text(f.speaker, s);
            doc.add_text(f.speaker_name, s);
        }
        if let Some(r) = &p.role {
            doc.add_text(f.role, r);
        }
        if let Some(l) = &p.label {
            doc.add_text(f.label, l);
        }
        doc.add_bool(f.retranslated, p.retranslated);
        if let Some(d) = date {
            doc.add_date(f.date, d);
        }
        if let Some(time) = &t.time {
            doc.add_text(f.time, time);
        }
        doc.add_text(f.title, &t.title);
        if let Some(place) = &t.place {
            doc.add_text(f.place, place);
        }
        for topic in &t.topics {
            doc.add_text(f.topic, topic);
        }
        for g in &t.geography {
            doc.add_text(f.geography, g);
        }
        doc.add_text(f.transcript, &t.id);
        doc.add_u64(f.paragraph, p.index as u64);
        doc.add_u64(f.turn, p.turn as u64);
        doc.add_text(f.source, &t.source);
        doc.add_u64(f.words, p.text.split_whitespace().count() as u64);
        writer.add_document(doc)?;
    }
    Ok(())
}

/// Ingest transcripts already parsed (tests, benches): one commit.
pub fn ingest_transcripts(
    index: &Index,
    fields: &Fields,
    transcripts: &[Transcript],
) -> Result<()> {
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 50 << 20)?;
    for t in transcripts {
        add_transcript(&writer, fields, t)?;
    }
    writer.commit()?;
    Ok(())
}
