//! The index stage (after `ingest`, before `query`): speaker paragraphs → a tantivy index on
//! disk (or in RAM for tests).
//!
//! [`schema`] lists the fields, [`analyzer`] the tokenizers, [`writer`] writes transcripts
//! (the sink ingest feeds), [`reader`] opens an index for queries. A small `rostra.json` beside
//! tantivy's files records the schema version. [`stems`] finds the indexed words a
//! stemmed word stands for, with the index's list of words a stemmed search finds by
//! their stem rather than by their spelling ([`stems::marks`]).

pub mod analyzer;
pub mod directory;
pub mod facets;
pub mod pages;
pub mod reader;
pub mod schema;
pub mod speakers;
pub mod stems;
pub mod terms;
pub mod voices;
pub mod writer;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::store::Compressor;
use tantivy::{Index, IndexSettings};

use crate::error::{Error, Result};
pub use directory::Access;
use directory::IndexDirectory;
pub use pages::PageMeta;
pub use reader::Reader;
pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::{Writer, WriterOptions};

/// Where the index lives unless `--index`/`ROSTRA_INDEX` say otherwise.
pub const DEFAULT_DIR: &str = "index";
const META_FILE: &str = "rostra.json";

/// rostra's own record beside tantivy's files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub schema_version: u32,
    pub rostra_version: String,
}

impl Meta {
    fn current() -> Meta {
        Meta {
            schema_version: SCHEMA_VERSION,
            rostra_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Does `dir` hold an index (of any version)?
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

fn read_meta(dir: &Path) -> Result<Meta> {
    let path = dir.join(META_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Index {
        path: dir.to_path_buf(),
        reason: format!("{META_FILE}: {e}"),
    })
}

fn write_meta(dir: &Path) -> Result<()> {
    let path = dir.join(META_FILE);
    let text = serde_json::to_string_pretty(&Meta::current()).expect("meta serialises");
    std::fs::write(&path, text).map_err(|e| Error::writing(dir, &path, e))
}

/// Open an existing index for queries, refusing one built with another schema.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    open_for(dir, Access::Read)
}

/// Open an existing index through rostra's [`directory`], for `access`.
fn open_for(dir: &Path, access: Access) -> Result<(Index, Fields)> {
    if !exists(dir) {
        return Err(Error::NoIndex {
            path: dir.to_path_buf(),
        });
    }
    let meta = read_meta(dir)?;
    if meta.schema_version != SCHEMA_VERSION {
        return Err(Error::Index {
            path: dir.to_path_buf(),
            reason: format!(
                "built by rostra {} with schema version {}, this rostra reads version {SCHEMA_VERSION}: rebuild it with `rostra ingest --rebuild`",
                meta.rostra_version, meta.schema_version
            ),
        });
    }
    let index = Index::open(IndexDirectory::open(dir, access)?)?;
    analyzer::register(index.tokenizers());
    let fields = Fields::from_schema(&index.schema())?;
    Ok((index, fields))
}

/// Open the index in `dir`, creating it (and the directory) if there is none.
pub fn open_or_create(dir: &Path) -> Result<(Index, Fields)> {
    if exists(dir) {
        return open_for(dir, Access::Write);
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::writing(dir, dir, e))?;
    // rostra.json first: a run killed in between leaves no tantivy meta.json, so the
    // next run creates the index again rather than finding one without its record.
    write_meta(dir)?;
    let (schema, fields) = Fields::schema();
    let index = Index::create(
        IndexDirectory::open(dir, Access::Write)?,
        schema,
        settings(),
    )?;
    analyzer::register(index.tokenizers());
    Ok((index, fields))
}

/// The file tantivy's writer lock is held on (an advisory `flock`, its `MmapDirectory`'s).
const WRITER_LOCK: &str = ".tantivy-writer.lock";

/// Is `name` a file of an index: tantivy's, or rostra's beside them?
fn is_index_file(name: &str) -> bool {
    name == "meta.json"
        || name == META_FILE
        || name == stems::marks::FILE
        || name == ".managed.json"
        || name == ".tantivy-meta.lock"
        || name == WRITER_LOCK
        || is_segment_file(name)
}

/// The writer lock of the index in `dir`, held until dropped. The same lock as tantivy's
/// (`flock` on `WRITER_LOCK`), so neither an ingest nor another rebuild runs meanwhile.
pub struct RebuildLock {
    _lock: tantivy::directory::DirectoryLock,
}

/// Remove an index's files from `dir` for a rebuild, keeping the directory and anything not
/// ours (the repository's `index/README.md`), and create an empty index in their place.
///
/// Refuses, deleting nothing, a directory that holds files named like an index's but no
/// rostra record (`rostra.json` that reads as one): a user's folder is not ours to empty
/// (issue 13, item 3). Takes the writer lock before deleting anything, and refuses with
/// [`Error::Locked`] when an ingest holds it, rather than pulling its files away (item 2).
/// The lock is returned, held: drop it just before opening the writer.
pub fn remove_for_rebuild(dir: &Path) -> Result<RebuildLock> {
    let names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| {
                e.map(|e| e.file_name().to_string_lossy().into_owned())
                    .map_err(|e| Error::io(dir, e))
            })
            .collect::<Result<_>>()?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let ours: Vec<&String> = names.iter().filter(|n| is_index_file(n)).collect();
    if ours.iter().any(|n| *n != WRITER_LOCK) && read_meta(dir).is_err() {
        return Err(Error::Index {
            path: dir.to_path_buf(),
            reason: format!(
                "not a rostra index (no {META_FILE} of rostra's), so --rebuild deletes nothing here: \
                 give another --index, or remove its files yourself"
            ),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let directory = tantivy::directory::MmapDirectory::open(dir)
        .map_err(|e| Error::io(dir, std::io::Error::other(e.to_string())))?;
    let lock = tantivy::directory::Directory::acquire_lock(
        &directory,
        &tantivy::directory::INDEX_WRITER_LOCK,
    )
    .map_err(|e| match e {
        tantivy::directory::error::LockError::LockBusy => Error::Locked,
        tantivy::directory::error::LockError::IoError(e) => Error::io(
            dir.join(WRITER_LOCK),
            std::io::Error::new(e.kind(), e.to_string()),
        ),
    })?;
    // The lock file stays: removing it would let another process lock a new one.
    for name in ours.into_iter().filter(|n| *n != WRITER_LOCK) {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    // Created under the lock, so that whoever takes the lock next finds a whole (empty) index.
    open_or_create(dir)?;
    Ok(RebuildLock { _lock: lock })
}

/// The files in `dir` named like tantivy's segment files (`is_segment_file`) that the
/// index's last commit (its `meta.json`) does not reference, sorted: what a run killed
/// between tantivy's writes and its `meta.json` rename leaves, or, while an ingest runs,
/// the segments it has not committed yet.
pub fn unreferenced_files(index: &Index, dir: &Path) -> Result<Vec<String>> {
    let referenced: HashSet<PathBuf> = index.load_metas()?.list_segment_files();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_segment_file(&name) && !referenced.contains(Path::new(&name)) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Remove the [`unreferenced_files`] of `dir`. Only while holding the index's writer lock:
/// then no other ingest is writing segments that it has not committed yet.
pub(crate) fn remove_unreferenced(index: &Index, dir: &Path) -> Result<()> {
    for name in unreferenced_files(index, dir)? {
        let path = dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(())
}

/// tantivy segment files: a 32-hex-digit uuid, then a component extension (a delete file is
/// `<uuid>.<opstamp>.del`).
fn is_segment_file(name: &str) -> bool {
    name.split_once('.')
        .is_some_and(|(stem, _)| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A short fingerprint of the index's contents (its segments, their deletions and the
/// last commit's opstamp): the same index gives the same fingerprint, any ingest that
/// changed it gives another. Recorded in exports so a result can be reproduced.
pub fn fingerprint(index: &Index) -> Result<String> {
    let metas = index.load_metas()?;
    let mut segs: Vec<String> = metas
        .segments
        .iter()
        .map(|s| {
            format!(
                "{}:{}:{}",
                s.id().uuid_string(),
                s.max_doc(),
                s.num_deleted_docs()
            )
        })
        .collect();
    segs.sort();
    let text = format!("v{SCHEMA_VERSION}|{}|{}", metas.opstamp, segs.join(","));
    Ok(blake3::hash(text.as_bytes()).to_hex()[..16].to_string())
}

/// The doc store holds paragraph text, compressed with LZ4 in 16 KB blocks. Every hit
/// shown decompresses a whole block: with zstd, decompression was the largest part of a
/// `rostra search` process, and compressing each block with a fresh zstd context made
/// ingest slower; zstd's smaller index is not worth it (the figures are in
/// `benches/RESULTS.md`). On 64 KB blocks a search decompressed four times as much for the
/// same ten hits.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    }
}

const DOCSTORE_BLOCK: usize = 16 << 10;

/// An index in RAM (tests, benches).
pub fn create_in_ram() -> (Index, Fields) {
    let (schema, fields) = Fields::schema();
    let index = Index::builder()
        .schema(schema)
        .settings(settings())
        .create_in_ram()
        .expect("a RAM index can be created");
    analyzer::register(index.tokenizers());
    (index, fields)
}
