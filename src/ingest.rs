//! The ingest stage (after `transcript`, before `index`): the orchestration of an ingest. It
//! walks the paths given ([`crate::source`]), hashes each file and skips those the index holds
//! with the same content, reads the others with their format's reader ([`crate::transcript`]),
//! and hands the transcripts to a [`Sink`], committing every batch and pruning at the end.
//!
//! The stages after this one are reached through traits it defines, as ripgrep's searcher
//! reaches its printer through a `Sink`: the index implements [`Sink`] (`index::Writer`), and
//! whoever draws progress implements [`Progress`]. So this module names neither tantivy nor a
//! UI crate.
//!
//! A page is keyed by its id: re-ingesting it deletes its old paragraphs in the same commit
//! that adds the new ones, so nothing is ever duplicated.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::source;
use crate::transcript::corpus::{self, Corpus};
use crate::transcript::{self, FilePages, Transcript};

/// Source MB between commits by default (see [`IngestOptions::batch_bytes`]).
pub const DEFAULT_BATCH_MB: usize = 512;

/// Where transcripts go: the index, which implements this (`index::Writer`). Additions and
/// deletions take effect at the next commit.
pub trait Sink {
    /// The pages held as of the last commit, for skipping unchanged files and pruning.
    fn pages(&mut self) -> Result<Vec<StoredPage>>;
    /// Add a transcript's paragraphs and its page record, read from `origin`.
    fn add(&mut self, t: &Transcript, origin: &Origin<'_>) -> Result<()>;
    /// Delete a page: its paragraphs and its record.
    fn delete(&mut self, id: &str);
    /// Commit what was added and deleted since the last commit.
    fn commit(&mut self) -> Result<()>;
    /// The last commit, and whatever has to follow it before the index is left alone.
    fn finish(self) -> Result<()>
    where
        Self: Sized;
}

/// What the index holds of a page: what ingest keeps of every page for the whole run, so
/// no more than this (a source shared by many pages is held once).
#[derive(Debug, Clone)]
pub struct StoredPage {
    pub id: String,
    /// The source file's absolute path ([`source::absolute`]).
    pub source: Arc<str>,
    /// The BLAKE3 hash of the source file's bytes (of a JSON Lines record's line); `None`
    /// for a page given already parsed ([`transcripts`]).
    pub hash: Option<blake3::Hash>,
}

/// Where a transcript was read from, for its page record.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The source file's absolute path.
    pub source: &'a str,
    /// The BLAKE3 hash of its bytes, in hex.
    pub hash: &'a str,
    /// Its size in bytes.
    pub bytes: u64,
}

/// How ingest reports its progress: bytes of source read, out of a total.
pub trait Progress {
    /// Is the progress shown at all? The total costs a stat of every file, spared when not.
    fn shown(&self) -> bool;
    /// The bytes of all the files to read.
    fn set_total(&self, bytes: u64);
    /// `bytes` more were read.
    fn advance(&self, bytes: u64);
}

/// Progress nobody sees.
pub struct Hidden;

impl Progress for Hidden {
    fn shown(&self) -> bool {
        false
    }
    fn set_total(&self, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Commit after this many bytes of source files: a killed ingest loses at most this.
    /// 512 MB by default (~15 s of work here): each commit cuts a segment per thread, and
    /// every segment costs a search process its files to open and map (the measurements are
    /// in `benches/RESULTS.md`).
    pub batch_bytes: usize,
    /// Remove transcripts whose source files are gone.
    pub prune: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_bytes: DEFAULT_BATCH_MB << 20,
            prune: false,
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
    /// Records of JSON Lines files indexed before from the same line (an unchanged file's,
    /// or those committed before a run was killed): not parsed again.
    pub already_indexed: usize,
    /// Transcripts removed because their files are gone (`--prune`).
    pub removed: usize,
    /// Transcripts and paragraphs read in this run.
    pub transcripts: usize,
    pub paragraphs: usize,
    pub speakers: usize,
    /// Bytes of the files read in this run (of a JSON Lines file, the records read, each
    /// with its newline).
    pub bytes: usize,
    pub commits: usize,
    pub seconds: f64,
    /// Files read with a repair (lossy decoding, duplicated id), `path: what`.
    pub warnings: Vec<String>,
    /// Files skipped, with the reason.
    pub errors: Vec<Error>,
    /// What readers tolerated and say once, `path: what` (a TEI corpus's missing includes
    /// or person list): not warnings, the input is as its publisher made it.
    pub notes: Vec<String>,
    /// Files left out by their reader's rule ([`transcript::Reader::skips`]): `path: why`.
    pub skipped: Vec<String>,
    /// How much of each transcript with captions beside it the captions could place.
    pub aligned: Vec<Aligned>,
}

/// A transcript's paragraphs placed by its captions.
#[derive(Debug, Clone)]
pub struct Aligned {
    /// The transcript's file, as given.
    pub source: String,
    pub paragraphs: usize,
    pub placed: usize,
}

impl IngestReport {
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

/// Ingest every transcript file under `paths` into `sink`: new files are added, changed
/// files replace their old paragraphs, unchanged files (same content hash) are skipped.
/// Commits every `batch_bytes` of input, so a killed run keeps what it committed and a
/// re-run resumes after it. `sink` should already hold the index's writer lock, so that a
/// second ingest stops before it reads anything.
pub fn ingest<S: Sink>(
    sink: S,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport> {
    ingest_with(sink, paths, opts, progress, transcript::read)
}

/// [`ingest`], with each changed file's bytes turned into transcripts by `read` rather than
/// by [`transcript::read`] (`rostra bench --repeat` reads every page several times).
pub fn ingest_with<S: Sink>(
    sink: S,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &dyn Progress,
    read: impl FnMut(&Path, Vec<u8>) -> Result<FilePages>,
) -> Result<IngestReport> {
    let start = Instant::now();
    let (files, walk_errors) = source::collect(paths);
    let files = files.into_iter().map(|f| (f, None)).collect();
    let report = IngestReport {
        errors: walk_errors,
        ..IngestReport::default()
    };
    ingest_files(sink, files, report, start, opts, progress, read)
}

/// [`ingest`], where each path may be a described corpus (issue 17 §1): with `description`,
/// every path is a corpus folder read as that file describes; without it, a path that is a
/// folder with a [`corpus::DEFAULT_NAME`] at its top is read as that file describes, and
/// the others are walked as [`ingest`] walks them. What a description could not settle (a
/// file with no row, a row with no file, a code that does not fit its country) is in the
/// report's warnings.
pub fn ingest_described<S: Sink>(
    sink: S,
    paths: &[PathBuf],
    description: Option<&Path>,
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport> {
    let start = Instant::now();
    let mut report = IngestReport::default();
    let mut corpora: Vec<Corpus> = Vec::new();
    let mut plain: Vec<PathBuf> = Vec::new();
    for p in paths {
        let found = p.join(corpus::DEFAULT_NAME);
        let file = match description {
            Some(d) => d.to_path_buf(),
            None if p.is_dir() && found.is_file() => found,
            None => {
                plain.push(p.clone());
                continue;
            }
        };
        if !p.is_dir() {
            return Err(Error::BadInput {
                path: p.clone(),
                reason: format!(
                    "not a folder: a corpus description ({}) describes a folder",
                    file.display()
                ),
            });
        }
        let d = corpus::Description::read(&file)?;
        let c = Corpus::open(&d, &file, p)?;
        report.warnings.extend(c.problems().iter().cloned());
        corpora.push(c);
    }
    let (walked, walk_errors) = source::collect(&plain);
    report.errors = walk_errors;
    let mut files: Vec<(PathBuf, Option<usize>)> = Vec::new();
    for (i, c) in corpora.iter().enumerate() {
        files.extend(c.files.iter().map(|f| (f.clone(), Some(i))));
    }
    files.extend(walked.into_iter().map(|f| (f, None)));
    let read = |path: &Path, bytes: Vec<u8>, corpus: Option<usize>| match corpus {
        Some(i) => transcript::file::read_described(&corpora[i], path, bytes),
        None => transcript::read(path, bytes),
    };
    ingest_files_in(sink, files, report, start, opts, progress, read, |i| {
        corpora[i].fingerprint()
    })
}

/// The loop of [`ingest_with`] over `files` (each with the corpus it belongs to, if any).
fn ingest_files<S: Sink>(
    sink: S,
    files: Vec<(PathBuf, Option<usize>)>,
    report: IngestReport,
    start: Instant,
    opts: &IngestOptions,
    progress: &dyn Progress,
    mut read: impl FnMut(&Path, Vec<u8>) -> Result<FilePages>,
) -> Result<IngestReport> {
    ingest_files_in(
        sink,
        files,
        report,
        start,
        opts,
        progress,
        |p, b, _| read(p, b),
        |_| "",
    )
}

#[allow(clippy::too_many_arguments)]
fn ingest_files_in<'c, S: Sink>(
    mut sink: S,
    files: Vec<(PathBuf, Option<usize>)>,
    report: IngestReport,
    start: Instant,
    opts: &IngestOptions,
    progress: &dyn Progress,
    mut read: impl FnMut(&Path, Vec<u8>, Option<usize>) -> Result<FilePages>,
    salt: impl Fn(usize) -> &'c str,
) -> Result<IngestReport> {
    // In the order of their absolute paths, whatever the order of the arguments: when two
    // files give one page id, the first path wins every run (issue 13 §8: with the folders
    // given the other way round, the page switched files). A file given twice is read once.
    let mut files: Vec<(String, PathBuf, Option<usize>)> = files
        .into_iter()
        .map(|(f, c)| (source::absolute(&f), f, c))
        .collect();
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    let mut report = report;
    let known = sink.pages()?;
    let mut by_source: HashMap<&str, Vec<&StoredPage>> = HashMap::new();
    for p in &known {
        by_source.entry(&p.source).or_default().push(p);
    }
    let mut ids: Ids = known
        .iter()
        .map(|p| {
            let slot = Slot {
                source: p.source.clone(),
                file: 0,
                line: 0,
            };
            (p.id.as_str().into(), slot)
        })
        .collect();

    // The total costs a stat of every file: not when no progress is shown (--quiet, or no
    // terminal).
    if progress.shown() {
        let total: u64 = files
            .iter()
            .filter_map(|(_, f, _)| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        progress.set_total(total);
    }
    let mut speakers: HashSet<String> = HashSet::new();
    let mut pending = 0usize;
    // Transcripts of this run in its commits so far.
    let mut committed = 0usize;
    for (nr, (source, path, corpus)) in files.iter().enumerate() {
        let nr = nr as u32 + 1;
        report.files += 1;
        let old: &[&StoredPage] = by_source.get(source.as_str()).map_or(&[], |v| v);
        if source::Format::of(path) == source::Format::JsonLines {
            let mut run = Run {
                sink: &mut sink,
                report: &mut report,
                ids: &mut ids,
                speakers: &mut speakers,
                pending: &mut pending,
                committed: &mut committed,
                opts,
                progress,
            };
            run.jsonl(path, nr, old)?;
            continue;
        }
        let bytes = match source::read(path) {
            Ok(b) => b,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        progress.advance(bytes.len() as u64);
        let source: Arc<str> = source.as_str().into();
        // The companions (sidecar, captions) are part of what the transcript is made of: a
        // change to them is a change to it. A described file's metadata is the
        // description's and the table's: a change to either changes the hash of every file
        // they describe, so it is read again.
        let mut hasher = blake3::Hasher::new();
        hasher.update(&bytes);
        for c in transcript::file::companions(path) {
            if let Ok(b) = source::read(&c) {
                hasher.update(&b);
            }
        }
        if let Some(i) = corpus {
            hasher.update(salt(*i).as_bytes());
        }
        let hash = hasher.finalize();
        if !old.is_empty() && old.iter().all(|p| p.hash == Some(hash)) {
            // Unchanged, and its pages stay this file's, unless a file before it in this run
            // gave one of their ids (and so replaced it).
            let mut taken = false;
            for p in old {
                if let Some(slot) = ids.get_mut(p.id.as_str()) {
                    if slot.file != 0 && slot.file != nr {
                        report
                            .errors
                            .push(duplicate(path, &p.id, Some(&slot.source)));
                        taken = true;
                    } else {
                        slot.file = nr;
                    }
                }
            }
            if !taken {
                report.unchanged += 1;
            }
            continue;
        }
        let hash = hash.to_hex();
        let size = bytes.len();
        let pages = match read(path, bytes, *corpus) {
            Ok(p) => p,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(pages.warnings);
        report.notes.extend(pages.notes);
        report.errors.extend(pages.errors);
        if pages.reader.skips() {
            report
                .skipped
                .push(format!("{}: {}", path.display(), pages.reader.name()));
            continue;
        }
        // The file changed: its old pages go (those it still has come back below), but not
        // one whose id a file before it in this run gave: that page is the other file's now.
        for p in old {
            if ids
                .get(p.id.as_str())
                .is_none_or(|s| s.file == 0 || s.file == nr)
            {
                sink.delete(&p.id);
            }
        }
        let mut replaced = !old.is_empty();
        let mut added = 0usize;
        report.bytes += pages.bytes;
        pending += pages.bytes;
        let origin = Origin {
            source: &source,
            hash: hash.as_str(),
            bytes: size as u64,
        };
        for t in pages.transcripts {
            for w in &t.warnings {
                report.warnings.push(format!("{}: {w}", path.display()));
            }
            match ids.get_mut(t.id.as_str()) {
                // One page per id, the file with the first path: a later file with the same
                // id is refused (not "the later one wins", which made every re-run replace
                // the page and alternate which file was indexed).
                Some(slot) if slot.file != 0 => {
                    let first = (slot.file != nr).then_some(&slot.source);
                    report.errors.push(duplicate(path, &t.id, first));
                    continue;
                }
                Some(slot) => {
                    // In the index: its old paragraphs go in this commit.
                    sink.delete(&t.id);
                    if slot.source != source {
                        report.warnings.push(format!(
                            "{}: page {} replaces the one from {}",
                            path.display(),
                            t.id,
                            slot.source
                        ));
                        replaced = true;
                        slot.source = source.clone();
                    }
                    slot.file = nr;
                }
                // A page id never seen (not in the index, not earlier in this run) has
                // nothing to delete: skipping the deletes spares every new segment a term
                // look-up per page.
                None => {
                    let slot = Slot {
                        source: source.clone(),
                        file: nr,
                        line: 0,
                    };
                    ids.insert(t.id.as_str().into(), slot);
                }
            }
            if let Some(a) = &t.alignment {
                report.aligned.push(Aligned {
                    source: path.display().to_string(),
                    paragraphs: a.paragraphs,
                    placed: a.placed,
                });
            }
            sink.add(&t, &origin)
                .map_err(|e| stopped(e, committed, report.transcripts + 1))?;
            added += 1;
            report.transcripts += 1;
            report.paragraphs += t.paragraphs.len();
            for s in t.paragraphs.iter().filter_map(|p| p.speaker.as_ref()) {
                if !speakers.contains(s) {
                    speakers.insert(s.clone());
                }
            }
        }
        // A file that added nothing and had nothing indexed (its one page refused as a
        // duplicate, say) is neither added nor replaced.
        if replaced {
            report.replaced += 1;
        } else if added > 0 {
            report.added += 1;
        }
        if pending >= opts.batch_bytes {
            sink.commit()
                .map_err(|e| stopped(e, committed, report.transcripts))?;
            committed = report.transcripts;
            report.commits += 1;
            pending = 0;
        }
    }
    if opts.prune {
        for p in &known {
            let gone = ids
                .get(p.id.as_str())
                .is_some_and(|s| s.file == 0 && s.source == p.source)
                && std::fs::symlink_metadata(&*p.source).is_err();
            if gone {
                sink.delete(&p.id);
                report.removed += 1;
            }
        }
    }
    sink.finish()
        .map_err(|e| stopped(e, committed, report.transcripts))?;
    report.commits += 1;
    report.speakers = speakers.len();
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// Every page id of an ingest, the index's and this run's, with where its page comes from:
/// the one map kept per page for the whole run (some 100 bytes each), where three maps of
/// owned strings (ids seen, id to source, ids of the file) took 480 bytes a record.
type Ids = HashMap<Box<str>, Slot>;

/// Where the page of an id comes from.
#[derive(Debug)]
struct Slot {
    /// Its source file: the index's, until a file of this run gives the id.
    source: Arc<str>,
    /// The file of this run that gave it (numbered from 1 in path order), 0 for none yet.
    file: u32,
    /// Its line in that file, if a JSON Lines file.
    line: u32,
}

/// The sink's error `e`, said with what this run committed when the disk was full: of the
/// `read` transcripts read so far, `committed` were in a commit (all of them, when what
/// failed came after the commit).
fn stopped(e: Error, committed: usize, read: usize) -> Error {
    match e {
        Error::NoSpace {
            path,
            committed: after_commit,
        } => {
            let committed = if after_commit { read } else { committed };
            Error::DiskFull {
                path,
                committed,
                lost: read - committed,
            }
        }
        e => e,
    }
}

/// The error for a page whose id a file before it in this run (`first`) already gave.
fn duplicate(path: &Path, id: &str, first: Option<&Arc<str>>) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        reason: format!(
            "page id {id} is already taken in this run by {} (the first path wins; rename one)",
            first.map_or("an earlier file", |s| &**s)
        ),
    }
}

/// The state of an ingest that reading a JSON Lines file updates.
struct Run<'a, S: Sink> {
    sink: &'a mut S,
    report: &'a mut IngestReport,
    ids: &'a mut Ids,
    speakers: &'a mut HashSet<String>,
    pending: &'a mut usize,
    /// Transcripts of this run in its commits so far.
    committed: &'a mut usize,
    opts: &'a IngestOptions,
    progress: &'a dyn Progress,
}

impl<S: Sink> Run<'_, S> {
    /// Ingest a JSON Lines file (file `nr` of the run) a record at a time (issue 13 §6):
    /// memory bounded by the largest record (at most [`source::MAX_FILE_BYTES`]; a longer
    /// one is reported by line and skipped) and the batch, a commit whenever a batch of
    /// records is due, inside the file too. Each record's page keeps the hash of its line
    /// (and line number), so a re-run skips the records already indexed without parsing
    /// them: a killed ingest resumes after its last commit, and nothing is indexed twice.
    /// Records gone from the file are deleted once the whole file has been read. Of each
    /// record, only its id is kept until the end of the run (in `ids`).
    fn jsonl(&mut self, path: &Path, nr: u32, old: &[&StoredPage]) -> Result<()> {
        let mut lines = match source::Lines::open(path, source::MAX_FILE_BYTES) {
            Ok(l) => l,
            Err(e) => {
                self.report.errors.push(e);
                return Ok(());
            }
        };
        let source: Arc<str> = source::absolute(path).into();
        let name = path.to_string_lossy().into_owned();
        let stem = source::id_from_path(path);
        let old_by_hash: HashMap<blake3::Hash, &StoredPage> =
            old.iter().filter_map(|p| Some((p.hash?, *p))).collect();
        let (mut changed, mut complete) = (false, true);
        let bad = |line: usize, reason: String| Error::BadInput {
            path: path.to_path_buf(),
            reason: format!("line {line}: {reason} (record skipped)"),
        };
        while let Some(next) = lines.next_line() {
            let (n, bytes, newline) = match next {
                Ok(source::Line::Text {
                    line,
                    bytes,
                    newline,
                }) => (line, bytes, newline),
                Ok(source::Line::TooLong { line, bytes }) => {
                    self.progress.advance(bytes + 1);
                    self.report.errors.push(bad(
                        line,
                        format!(
                            "{} MB is more than a record can be ({} MB at most)",
                            bytes >> 20,
                            source::MAX_FILE_BYTES >> 20
                        ),
                    ));
                    continue;
                }
                Err(e) => {
                    // The rest of the file is unknown: keep its old records.
                    self.report.errors.push(e);
                    complete = false;
                    break;
                }
            };
            let size = bytes.len() + usize::from(newline);
            self.progress.advance(size as u64);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = u32::try_from(n).unwrap_or(u32::MAX);
            let mut h = blake3::Hasher::new();
            h.update(format!("jsonl line {n}\n").as_bytes());
            h.update(&bytes);
            let hash = h.finalize();
            if let Some(p) = old_by_hash.get(&hash) {
                // Indexed before from this very line: not parsed again, unless a file before
                // this one in the run gave its id (and so replaced it).
                let slot = self.ids.get_mut(p.id.as_str()).expect("an indexed id");
                if slot.file != 0 && slot.file != nr {
                    let e = duplicate(path, &p.id, Some(&slot.source));
                    self.report.errors.push(e);
                    changed = true;
                } else {
                    slot.file = nr;
                    slot.line = line;
                    self.report.already_indexed += 1;
                }
                continue;
            }
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    self.report.warnings.push(format!(
                        "{}: line {n}: invalid UTF-8: decoded lossily (bad bytes became U+FFFD)",
                        path.display()
                    ));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            let t = match transcript::jsonl::parse_record(&name, &stem, n, text.trim()) {
                Ok(t) => t,
                Err(reason) => {
                    self.report.errors.push(bad(n, reason));
                    continue;
                }
            };
            drop(text);
            match self.ids.get_mut(t.id.as_str()) {
                Some(slot) if slot.file == nr => {
                    let e = bad(n, format!("id '{}' is already on line {}", t.id, slot.line));
                    self.report.errors.push(e);
                    continue;
                }
                Some(slot) if slot.file != 0 => {
                    let e = duplicate(path, &t.id, Some(&slot.source));
                    self.report.errors.push(e);
                    continue;
                }
                Some(slot) => {
                    // In the index (from an older line of this file, or another file).
                    self.sink.delete(&t.id);
                    slot.source = source.clone();
                    slot.file = nr;
                    slot.line = line;
                }
                None => {
                    let slot = Slot {
                        source: source.clone(),
                        file: nr,
                        line,
                    };
                    self.ids.insert(t.id.as_str().into(), slot);
                }
            }
            for w in &t.warnings {
                self.report
                    .warnings
                    .push(format!("{}: line {n}: {w}", path.display()));
            }
            let hex = hash.to_hex();
            let origin = Origin {
                source: &source,
                hash: hex.as_str(),
                bytes: size as u64,
            };
            self.sink
                .add(&t, &origin)
                .map_err(|e| stopped(e, *self.committed, self.report.transcripts + 1))?;
            changed = true;
            self.report.transcripts += 1;
            self.report.paragraphs += t.paragraphs.len();
            for s in t.paragraphs.iter().filter_map(|p| p.speaker.as_ref()) {
                if !self.speakers.contains(s) {
                    self.speakers.insert(s.clone());
                }
            }
            self.report.bytes += size;
            *self.pending += size;
            if *self.pending >= self.opts.batch_bytes {
                self.sink
                    .commit()
                    .map_err(|e| stopped(e, *self.committed, self.report.transcripts))?;
                *self.committed = self.report.transcripts;
                self.report.commits += 1;
                *self.pending = 0;
            }
        }
        if complete {
            // Records no longer in the file (unless a file before it in the run gave their
            // id: then that file replaced them already).
            for p in old {
                let Some(slot) = self.ids.get(p.id.as_str()) else {
                    continue;
                };
                if slot.file == nr {
                    continue;
                }
                if slot.file == 0 && slot.source == source {
                    self.sink.delete(&p.id);
                    self.ids.remove(p.id.as_str());
                }
                changed = true;
            }
        }
        if !changed {
            // A new file none of whose records could be added is neither added nor
            // unchanged: its errors say why.
            if !old.is_empty() {
                self.report.unchanged += 1;
            }
        } else if old.is_empty() {
            self.report.added += 1;
        } else {
            self.report.replaced += 1;
        }
        Ok(())
    }
}

/// Ingest transcripts already parsed (tests, benches), each replacing any page of its id,
/// in one commit. Their page records have the transcript's `source`, no hash and no size.
pub fn transcripts<S: Sink>(mut sink: S, transcripts: &[Transcript]) -> Result<()> {
    let mut seen: HashSet<String> = sink.pages()?.into_iter().map(|p| p.id).collect();
    for t in transcripts {
        if !seen.insert(t.id.clone()) {
            sink.delete(&t.id);
        }
        let origin = Origin {
            source: &t.source,
            hash: "",
            bytes: 0,
        };
        sink.add(t, &origin)?;
    }
    sink.finish()
}
