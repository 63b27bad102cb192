//! The index stage's writer: transcripts → paragraph, voice and page documents, and what a
//! commit needs (the marks of the new segments). [`Writer`] is the [`Sink`] that ingest
//! writes to; it owns tantivy's `IndexWriter` and the voices already indexed.
//!
//! Each page's record ([`PageMeta`]) keeps its source file's content hash, so a re-run of
//! ingest skips what has not changed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::LockError;
use tantivy::directory::INDEX_WRITER_LOCK;

use tantivy::index::SegmentId;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{DateTime, Index, IndexWriter, SegmentMeta, TantivyDocument, Term};

use super::voices::Voices;
use super::{Fields, PageMeta};
use crate::error::{Error, Result};
use crate::ingest::{Origin, Sink, StoredPage};
use crate::transcript::{Date, Transcript};

/// The writer's default memory budget, in MB (see [`WriterOptions::memory_budget`]).
pub const DEFAULT_MEMORY_MB: usize = 160;

/// The writer's memory per indexing thread that tantivy accepts, in MB: at least its
/// `MEMORY_BUDGET_NUM_BYTES_MIN` (15,000,000 bytes), under its `MEMORY_BUDGET_NUM_BYTES_MAX`
/// (4 GB less 1,000,000 bytes).
pub const MEMORY_MB_PER_THREAD: std::ops::RangeInclusive<usize> = 15..=4095;

/// How to write.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Indexing threads (tantivy's), at least 1.
    pub threads: usize,
    /// Memory budget of the writer, in bytes, shared by the threads. 160 MB by default:
    /// segments of ~250,000 paragraphs that need no merging. Smaller budgets flushed four
    /// times as many segments, whose merges made ingest slower *and* its peak memory higher;
    /// larger ones gained nothing (the measurements are in `benches/RESULTS.md`).
    pub memory_budget: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8);
        WriterOptions {
            threads,
            memory_budget: DEFAULT_MEMORY_MB << 20,
        }
    }
}

impl WriterOptions {
    /// One thread and 50 MB: for small indexes in RAM (tests, fuzzing).
    pub fn small() -> WriterOptions {
        WriterOptions {
            threads: 1,
            memory_budget: 50 << 20,
        }
    }
}

/// Writes transcripts to an index: the [`Sink`] of ingest.
pub struct Writer {
    index: Index,
    fields: Fields,
    writer: IndexWriter,
    /// The voices with a document, in the index or added since.
    voices: Voices,
    /// The folder of the index's files (`None` in RAM).
    dir: Option<std::path::PathBuf>,
}

impl Writer {
    /// The writer of an index in RAM (tests, benches, fuzzing): see [`Writer::open_in`].
    pub fn open(index: &Index, fields: &Fields, opts: &WriterOptions) -> Result<Writer> {
        Writer::open_with(index, fields, opts, None)
    }

    /// [`Writer::open`] for the index on disk in `dir`: once the lock is held, and before
    /// anything is written, the files that its `meta.json` does not reference are removed.
    /// A run killed after tantivy wrote a `<segment>.<opstamp>.del` file and before it
    /// renamed `meta.json` leaves one, and tantivy refuses to write a file that exists: the
    /// next replacing ingest would fail on it, and every one after it (issue 13, item 1).
    pub fn open_in(
        dir: &std::path::Path,
        index: &Index,
        fields: &Fields,
        opts: &WriterOptions,
    ) -> Result<Writer> {
        Writer::open_with(index, fields, opts, Some(dir))
    }

    fn open_with(
        index: &Index,
        fields: &Fields,
        opts: &WriterOptions,
        dir: Option<&std::path::Path>,
    ) -> Result<Writer> {
        let writer: IndexWriter = index
            .writer_with_num_threads(opts.threads.max(1), opts.memory_budget)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(LockError::IoError(io), _) => {
                    let dir = dir.unwrap_or(Path::new("(in RAM)"));
                    let lock = dir.join(&INDEX_WRITER_LOCK.filepath);
                    let io = Arc::try_unwrap(io)
                        .unwrap_or_else(|io| std::io::Error::new(io.kind(), io.to_string()));
                    Error::writing(dir, &lock, io)
                }
                tantivy::TantivyError::LockFailure(..) => Error::Locked,
                e => e.into(),
            })?;
        writer.set_merge_policy(Box::new(BoundedMergePolicy::default()));
        // tantivy's own collection removes the files it listed in `.managed.json` and no
        // commit kept; the files it had not listed yet are removed by name.
        writer.garbage_collect_files().wait()?;
        if let Some(dir) = dir {
            super::remove_unreferenced(index, dir)?;
        }
        let voices = Voices::of_index(&index.reader()?.searcher(), fields)?;
        Ok(Writer {
            index: index.clone(),
            fields: *fields,
            writer,
            voices,
            dir: dir.map(Path::to_path_buf),
        })
    }

    /// `e` as [`Error::NoSpace`] with the file's path when a write of this index failed for
    /// want of space (tantivy reports it from a worker thread, without the path).
    fn said(&self, e: Error, committed: bool) -> Error {
        Writer::said_in(self.dir.as_deref(), e, committed)
    }

    /// [`Writer::said`] for a write into `dir` by no writer yet (a generation being made).
    pub(super) fn said_in(dir: Option<&Path>, e: Error, committed: bool) -> Error {
        if let Error::NoSpace { path, .. } = e {
            return Error::NoSpace { path, committed };
        }
        match dir.and_then(super::directory::take_disk_full) {
            Some(path) => Error::NoSpace { path, committed },
            None => e,
        }
    }

    /// Add transcript `t`'s paragraphs, the documents of the voices not indexed yet, and its
    /// page record.
    ///
    /// Documents go to tantivy one by one, not as one batch per page: a batch would put a
    /// page and its record in one segment (a search process saved ~0.1 ms looking records
    /// up), but tantivy's queue holds 10,000 batches, not documents, and at ×16 the queued
    /// pages took the peak memory of ingest from 250 MB to 426 MB.
    fn write(&mut self, t: &Transcript, origin: &Origin<'_>) -> Result<()> {
        let f = &self.fields;
        // Counted once for the paragraphs and their page record.
        let words: Vec<u64> = t
            .paragraphs
            .iter()
            .map(|p| crate::transcript::count_words(&p.text) as u64)
            .collect();
        let meta = PageMeta::new(
            t,
            origin.source.to_string(),
            origin.hash.to_string(),
            origin.bytes,
            words.iter().sum(),
        );
        // A date known only to its year or month is the period's first day, and `date_end`
        // its last (see `Fields::date_end`).
        let dates = t
            .date
            .as_deref()
            .and_then(Date::parse_period)
            .map(|(a, b)| {
                (
                    DateTime::from_timestamp_secs(a.unix_seconds()),
                    DateTime::from_timestamp_secs(b.unix_seconds()),
                )
            });
        let facets = facet_terms(t);
        for (p, &words) in t.paragraphs.iter().zip(&words) {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.text, &p.text);
            if super::analyzer::has_hyphen(&p.text) {
                doc.add_text(f.joined, &p.text);
            }
            if let Some(voice) = self.voices.of(f, p) {
                doc.add_u64(f.voice, voice.id);
                if let Some(id) = voice.speaker {
                    doc.add_u64(f.speaker_id, id);
                }
                if let Some(record) = voice.record {
                    self.writer.add_document(record)?;
                }
            }
            if let Some(s) = &p.speaker {
                doc.add_text(f.speaker, s);
            }
            if let Some(r) = &p.role {
                doc.add_text(f.role, r);
            }
            if let Some(l) = &p.label {
                doc.add_text(f.label, l);
            }
            doc.add_bool(f.retranslated, p.retranslated);
            if p.furniture {
                doc.add_bool(f.furniture, true);
            }
            if let Some((start, end)) = dates {
                doc.add_date(f.date, start);
                doc.add_date(f.date_end, end);
            }
            for term in &facets {
                doc.add_text(f.facet, term);
            }
            for (k, v) in &p.facets {
                let term = crate::transcript::facet::term(k, v.trim());
                if !v.trim().is_empty() && !facets.contains(&term) {
                    doc.add_text(f.facet, &term);
                }
            }
            let lang = super::lang::code(p.lang.as_deref().or(t.lang.as_deref()));
            super::lang::add_stems(&mut doc, f.stem, &lang, &p.text);
            doc.add_text(f.lang, &lang);
            doc.add_text(f.transcript, &t.id);
            doc.add_u64(f.paragraph, p.index as u64);
            doc.add_u64(f.turn, p.turn as u64);
            doc.add_u64(f.words, words);
            if let (Some(start), Some(end)) = (p.start, p.end) {
                doc.add_f64(f.start, start);
                doc.add_f64(f.end, end);
            }
            self.writer.add_document(doc)?;
        }
        self.writer.add_document(meta.to_document(f))?;
        Ok(())
    }
}

/// The `name=value` terms of a transcript's facets: those it names, then its tags as
/// `topic` and `geography` (each value once).
fn facet_terms(t: &Transcript) -> Vec<String> {
    use crate::transcript::facet;
    let mut out: Vec<String> = Vec::new();
    let named = t.facets.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let tags = (t.topics.iter().map(|v| (facet::TOPIC, v.as_str())))
        .chain(t.geography.iter().map(|v| (facet::GEOGRAPHY, v.as_str())));
    for (k, v) in named.chain(tags) {
        let term = facet::term(k, v.trim());
        if !v.trim().is_empty() && !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

impl Sink for Writer {
    /// The pages of the last commit, read a segment at a time and only their id, source and
    /// hash; a source shared by many pages (a JSON Lines file) is held once.
    fn pages(&mut self) -> Result<Vec<StoredPage>> {
        let mut sources: std::collections::HashSet<Arc<str>> = Default::default();
        let mut out = Vec::new();
        super::pages::origins(&self.index, &self.fields, |id, source, hash| {
            let source = match sources.get(source) {
                Some(s) => s.clone(),
                None => {
                    let s: Arc<str> = source.into();
                    sources.insert(s.clone());
                    s
                }
            };
            out.push(StoredPage {
                id: id.into(),
                source,
                hash: blake3::Hash::from_hex(hash).ok(),
            });
        })?;
        Ok(out)
    }

    fn add(&mut self, t: &Transcript, origin: &Origin<'_>) -> Result<()> {
        self.write(t, origin).map_err(|e| self.said(e, false))
    }

    fn delete(&mut self, id: &str) {
        let f = &self.fields;
        self.writer
            .delete_term(Term::from_field_text(f.transcript, id));
        self.writer.delete_term(Term::from_field_text(f.page, id));
    }

    /// Commit, then list the new segments' marks.
    fn commit(&mut self) -> Result<()> {
        if let Err(e) = self.writer.commit() {
            return Err(self.said(e.into(), false));
        }
        super::stems::marks::update(&self.index, self.fields.text).map_err(|e| self.said(e, true))
    }

    /// Commit, wait for the merges, then list the marks: after the merges, the list covers
    /// the segments the index is left with.
    fn finish(mut self) -> Result<()> {
        if let Err(e) = self.writer.commit() {
            return Err(self.said(e.into(), false));
        }
        let Writer {
            index,
            fields,
            writer,
            voices,
            dir,
        } = self;
        drop(voices);
        let said = |e: Error| Writer::said_in(dir.as_deref(), e, true);
        writer.wait_merging_threads().map_err(|e| said(e.into()))?;
        super::stems::marks::update(&index, fields.text).map_err(said)
    }
}

/// tantivy's log merge policy with segments of more than `MAX_DOCS_BEFORE_MERGE`
/// documents left alone, and no merge making one larger than that either: the log policy
/// alone merged eight 60,000-document segments into one of 490,000, which made ingest
/// slower and its memory peak higher, and made a date-range filter scan a column that
/// spans every year instead of skipping segments outside the range.
#[derive(Debug)]
pub struct BoundedMergePolicy {
    log: LogMergePolicy,
}

impl Default for BoundedMergePolicy {
    fn default() -> Self {
        let mut log = LogMergePolicy::default();
        log.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
        BoundedMergePolicy { log }
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|MergeCandidate(ids)| {
                bounded(
                    ids,
                    |id| docs.get(id).copied().unwrap_or(0),
                    MAX_DOCS_BEFORE_MERGE as u32,
                )
            })
            .collect()
    }
}

/// Split one merge of `ids` into merges of at most `max_docs` documents each (largest
/// segments first, each into the first group it fits); groups of one segment are dropped.
fn bounded(
    mut ids: Vec<SegmentId>,
    docs: impl Fn(&SegmentId) -> u32,
    max_docs: u32,
) -> Vec<MergeCandidate> {
    ids.sort_by_key(|id| std::cmp::Reverse(docs(id)));
    let mut groups: Vec<(u32, Vec<SegmentId>)> = Vec::new();
    for id in ids {
        let n = docs(&id);
        match groups.iter_mut().find(|g| g.0 + n <= max_docs) {
            Some(g) => {
                g.0 += n;
                g.1.push(id);
            }
            None => groups.push((n, vec![id])),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.1.len() > 1)
        .map(|g| MergeCandidate(g.1))
        .collect()
}

/// Segments this large are not merged further while ingesting: merging a million-paragraph
/// index into one segment doubled the peak memory and took a third of the ingest time,
/// for no measurable gain in query latency.
const MAX_DOCS_BEFORE_MERGE: usize = 200_000;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn bounded_merges_stay_under_the_cap_and_drop_lone_segments() {
        let ids: Vec<SegmentId> = (0..8).map(|_| SegmentId::generate_random()).collect();
        let sizes: HashMap<SegmentId, u32> = ids
            .iter()
            .zip([60, 60, 60, 60, 60, 60, 60, 150])
            .map(|(id, n)| (*id, n))
            .collect();
        let merges = bounded(ids.clone(), |id| sizes[id], 200);
        let mut seen = HashSet::new();
        for MergeCandidate(group) in &merges {
            assert!(group.len() > 1);
            assert!(group.iter().map(|id| sizes[id]).sum::<u32>() <= 200);
            for id in group {
                assert!(seen.insert(*id), "a segment in two merges");
            }
        }
        // 150 + one 60 is over the cap, so 150 stays alone; the seven 60s make two groups
        // of three, and the last 60 waits for the next round.
        assert!(!seen.contains(&ids[7]));
        assert_eq!(merges.len(), 2);
        assert_eq!(seen.len(), 6);
    }
}
