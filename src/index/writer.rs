//! Ingest: files → transcripts → paragraph documents, committed to the index.
//!
//! A page is keyed by its id: re-ingesting it deletes its old paragraphs in the same
//! commit that adds the new ones, so nothing is ever duplicated. Each page's record
//! ([`PageMeta`]) keeps its source file's content hash, so a re-run skips what has not
//! changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::ProgressBar;
use tantivy::index::SegmentId;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{DateTime, Index, IndexWriter, SegmentMeta, TantivyDocument, Term};

use super::voices::Voices;
use super::{Fields, PageMeta};
use crate::error::{Error, Result};
use crate::source;
pub use crate::transcript::file::copy_id;
use crate::transcript::{self, Date, Transcript};

/// The writer's default memory budget, in MB (see [`IngestOptions::memory_budget`]).
pub const DEFAULT_MEMORY_MB: usize = 160;

/// Source MB between commits by default (see [`IngestOptions::batch_bytes`]).
pub const DEFAULT_BATCH_MB: usize = 512;

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Indexing threads (tantivy's), at least 1.
    pub threads: usize,
    /// Memory budget of the writer, in bytes, shared by the threads. 160 MB: segments of
    /// ~250,000 paragraphs that need no merging; smaller budgets flushed four times as many
    /// segments, whose merges made ingest slower *and* its peak memory higher (`rostra
    /// bench --repeat 16`: 48 MB 12.7–13.7 s and 250–297 MB peak RSS; 96 MB 10.8 s, 234 MB;
    /// 160 MB 9.6 s, 195 MB; 256 MB 10.0 s, 219 MB).
    pub memory_budget: usize,
    /// Commit after this many bytes of source files: a killed ingest loses at most this.
    /// 512 MB (~15 s of work here): each commit cuts a segment per thread, and every segment
    /// costs a search process its files to open and map. At ×16, 64 MB batches left 10
    /// segments and 256 MB batches 7: `rostra search` 3.5 → 3.1 ms for a term, 5.7 → 4.4 ms
    /// for a phrase, and ingest 12.8 → 11.9 s; 512 MB batches 4 segments instead of 6 (the
    /// ×16 corpus is 295 MB): 2.9 → 2.6 ms for a term, 4.4 → 4.1 ms for a phrase, ingest the
    /// same (9.4 / 9.4 s against 9.8 / 8.7 s).
    pub batch_bytes: usize,
    /// Remove transcripts whose source files are gone.
    pub prune: bool,
    /// Index every page this many times under distinct ids (benchmarks at scale).
    pub copies: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8);
        IngestOptions {
            threads,
            memory_budget: DEFAULT_MEMORY_MB << 20,
            batch_bytes: DEFAULT_BATCH_MB << 20,
            prune: false,
            copies: 1,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Transcript files found.
    pub files: usize,
    /// Files new to the index.
    pub added: usize,
    /// Files whose content changed since they were indexed (or whose page id was taken
    /// by another file): old paragraphs deleted, new ones added.
    pub replaced: usize,
    /// Files indexed before with the same content: not read again.
    pub unchanged: usize,
    /// Transcripts removed because their files are gone (`--prune`).
    pub removed: usize,
    /// Transcripts and paragraphs read in this run.
    pub transcripts: usize,
    pub paragraphs: usize,
    pub speakers: usize,
    /// Bytes of the files read in this run.
    pub bytes: usize,
    pub commits: usize,
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

/// The writer of `index`, or [`Error::Locked`] when another ingest holds it.
pub fn writer(index: &Index, opts: &IngestOptions) -> Result<IndexWriter> {
    let writer: IndexWriter = index
        .writer_with_num_threads(opts.threads.max(1), opts.memory_budget)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Locked,
            e => e.into(),
        })?;
    writer.set_merge_policy(Box::new(BoundedMergePolicy::default()));
    Ok(writer)
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

/// Ingest every transcript file under `paths` into `index`: new files are added, changed
/// files replace their old paragraphs, unchanged files (same content hash) are skipped.
/// Commits every `batch_bytes` of input, so a killed run keeps what it committed and a
/// re-run resumes after it.
pub fn ingest(
    index: &Index,
    fields: &Fields,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &ProgressBar,
) -> Result<IngestReport> {
    let start = Instant::now();
    // Take the writer's lock before anything else: a second ingest stops here.
    let mut writer = writer(index, opts)?;
    let (files, walk_errors) = source::collect(paths);
    let mut report = IngestReport {
        errors: walk_errors,
        ..IngestReport::default()
    };
    let (known, mut voices) = {
        let searcher = index.reader()?.searcher();
        (
            super::pages::all(&searcher, fields)?,
            Voices::of_index(&searcher, fields)?,
        )
    };
    let mut by_source: HashMap<&str, Vec<&PageMeta>> = HashMap::new();
    for p in &known {
        by_source.entry(p.source.as_str()).or_default().push(p);
    }
    let mut id_source: HashMap<String, String> = known
        .iter()
        .map(|p| (p.id.clone(), p.source.clone()))
        .collect();

    // The bar's length costs a stat of every file: not when no bar is drawn (--quiet, or
    // no terminal).
    if !progress.is_hidden() {
        let total: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        progress.set_length(total);
    }
    let mut seen_ids: HashSet<String> = HashSet::new();
    let mut speakers: HashSet<String> = HashSet::new();
    let mut pending = 0usize;
    for path in &files {
        report.files += 1;
        let bytes = match read_bytes(path) {
            Ok(b) => b,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        progress.inc(bytes.len() as u64);
        let source = absolute(path);
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let old: &[&PageMeta] = by_source.get(source.as_str()).map_or(&[], |v| v);
        if !old.is_empty() && old.iter().all(|p| p.hash == hash) {
            report.unchanged += 1;
            seen_ids.extend(old.iter().map(|p| p.id.clone()));
            continue;
        }
        let size = bytes.len();
        let pages = match transcript::file::read_pages(path, bytes, opts.copies.max(1)) {
            Ok(p) => p,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(pages.warnings);
        report.errors.extend(pages.errors);
        // The file changed: its old pages go (those it still has come back below).
        for p in old {
            delete_page(&writer, fields, &p.id);
        }
        let mut replaced = !old.is_empty();
        // Copies count as that many files' bytes (`rostra bench --repeat`).
        report.bytes += size * opts.copies.max(1);
        pending += size * opts.copies.max(1);
        for t in pages.transcripts {
            for w in &t.warnings {
                report.warnings.push(format!("{}: {w}", path.display()));
            }
            if !seen_ids.insert(t.id.clone()) {
                report.warnings.push(format!(
                    "{}: page id {} seen twice in this run; the later one wins",
                    path.display(),
                    t.id
                ));
            }
            let prev = id_source.insert(t.id.clone(), source.clone());
            // A page id never seen (not in the index, not earlier in this run) has nothing
            // to delete: skipping the deletes spares every new segment a term look-up per page.
            let fresh = prev.is_none();
            if let Some(prev) = prev {
                if prev != source {
                    report.warnings.push(format!(
                        "{}: page {} replaces the one from {prev}",
                        path.display(),
                        t.id
                    ));
                    replaced = true;
                }
            }
            let words = paragraph_words(&t);
            let meta = PageMeta::new(
                &t,
                source.clone(),
                hash.clone(),
                size as u64,
                words.iter().sum(),
            );
            write(
                &writer,
                fields,
                &mut voices,
                &t,
                &words,
                Some(&meta),
                !fresh,
            )?;
            report.transcripts += 1;
            report.paragraphs += t.paragraphs.len();
            for s in t.paragraphs.iter().filter_map(|p| p.speaker.as_ref()) {
                if !speakers.contains(s) {
                    speakers.insert(s.clone());
                }
            }
        }
        if replaced {
            report.replaced += 1;
        } else {
            report.added += 1;
        }
        if pending >= opts.batch_bytes {
            writer.commit()?;
            super::stems::marks::update(index, fields.text)?;
            report.commits += 1;
            pending = 0;
        }
    }
    if opts.prune {
        for p in &known {
            let gone = !seen_ids.contains(&p.id)
                && std::fs::symlink_metadata(&p.source).is_err()
                && id_source.get(&p.id) == Some(&p.source);
            if gone {
                delete_page(&writer, fields, &p.id);
                report.removed += 1;
            }
        }
    }
    writer.commit()?;
    report.commits += 1;
    writer.wait_merging_threads()?;
    // After the merges: the list covers the segments the index is left with.
    super::stems::marks::update(index, fields.text)?;
    report.speakers = speakers.len();
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// Files larger than this are refused: a transcript is a page of text, not a dump.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The bytes of the file at `path`, refused if it is a directory or too large. One stat of
/// the open file, not three (`fs::metadata`, then `fs::read`'s and `File::read_to_end`'s
/// own, which a `Take` does not make): 104,400 files at ×16.
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: "a directory, not a transcript file".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: format!(
                "{} MB is more than a transcript can be ({} MB at most)",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

/// `path` made absolute (not resolving symbolic links), as stored in page records.
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Delete a transcript: its paragraphs and its page record (at the next commit).
pub fn delete_page(writer: &IndexWriter, f: &Fields, id: &str) {
    writer.delete_term(Term::from_field_text(f.transcript, id));
    writer.delete_term(Term::from_field_text(f.page, id));
}

/// Replace a transcript's paragraphs in the index (effective at the next commit), adding
/// the documents of the voices not in `voices` yet.
pub fn add_transcript(
    writer: &IndexWriter,
    f: &Fields,
    voices: &mut Voices,
    t: &Transcript,
) -> Result<()> {
    write(writer, f, voices, t, &paragraph_words(t), None, true)
}

/// Words in each paragraph of `t`: counted once for the paragraphs and their page record.
fn paragraph_words(t: &Transcript) -> Vec<u64> {
    t.paragraphs
        .iter()
        .map(|p| crate::transcript::count_words(&p.text) as u64)
        .collect()
}

/// Add transcript `t`'s paragraphs (with `words`, from [`paragraph_words`]), and its page
/// record if given, deleting first whatever the index has under its id when `delete_first`
/// (a page id seen before).
///
/// Documents go to tantivy one by one, not as one batch per page: a batch would put a
/// page and its record in one segment (a search process saved ~0.1 ms looking records up),
/// but tantivy's queue holds 10,000 batches, not documents, and at ×16 the queued pages
/// took the peak memory of ingest from 250 MB to 426 MB.
fn write(
    writer: &IndexWriter,
    f: &Fields,
    voices: &mut Voices,
    t: &Transcript,
    words: &[u64],
    meta: Option<&PageMeta>,
    delete_first: bool,
) -> Result<()> {
    if delete_first {
        delete_page(writer, f, &t.id);
    }
    let date = t
        .date
        .as_deref()
        .and_then(Date::parse_iso)
        .map(|d| DateTime::from_timestamp_secs(d.unix_seconds()));
    for (p, &words) in t.paragraphs.iter().zip(words) {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.text, &p.text);
        if let Some(voice) = voices.of(f, p) {
            doc.add_u64(f.voice, voice.id);
            if let Some(id) = voice.speaker {
                doc.add_u64(f.speaker_id, id);
            }
            if let Some(record) = voice.record {
                writer.add_document(record)?;
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
        if let Some(d) = date {
            doc.add_date(f.date, d);
        }
        doc.add_text(f.transcript, &t.id);
        doc.add_u64(f.paragraph, p.index as u64);
        doc.add_u64(f.turn, p.turn as u64);
        doc.add_u64(f.words, words);
        writer.add_document(doc)?;
    }
    if let Some(meta) = meta {
        writer.add_document(meta.to_document(f))?;
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
    let mut voices = Voices::of_index(&index.reader()?.searcher(), fields)?;
    for t in transcripts {
        let words = paragraph_words(t);
        let meta = PageMeta::new(t, t.source.clone(), String::new(), 0, words.iter().sum());
        write(&writer, fields, &mut voices, t, &words, Some(&meta), true)?;
    }
    writer.commit()?;
    super::stems::marks::update(index, fields.text)?;
    Ok(())
}

/// Like [`ingest`], but every page goes in `copies` times under the ids of [`copy_id`], for
/// benchmarks at scale. Each copy is parsed again from the decoded text, so the work (and
/// `bytes`) grows as with that many distinct files; only the reading is done once.
pub fn ingest_copies(
    index: &Index,
    fields: &Fields,
    paths: &[PathBuf],
    copies: usize,
    opts: &IngestOptions,
) -> Result<IngestReport> {
    let opts = IngestOptions {
        copies: copies.max(1),
        ..opts.clone()
    };
    ingest(index, fields, paths, &opts, &ProgressBar::hidden())
}

#[cfg(test)]
mod tests {
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
