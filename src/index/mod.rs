//! The index stage (after `ingest`, before `query`): speaker paragraphs → a tantivy index on
//! disk (or in RAM for tests).
//!
//! [`schema`] lists the fields, [`analyzer`] the tokenizers, [`writer`] writes transcripts
//! (the sink ingest feeds), [`reader`] opens an index for queries, [`home`] lays out the
//! index folder (its generations, the pointer to the one in use, the writers' lock) and
//! [`build`] runs an ingest or a rebuild under that lock. A small `rostra.json` beside
//! tantivy's files records the schema version. [`stems`] finds the indexed words a
//! stemmed word stands for, with the index's list of words a stemmed search finds by
//! their stem rather than by their spelling ([`stems::marks`]).

pub mod analyzer;
pub mod build;
pub mod columns;
pub mod directory;
pub mod facets;
#[cfg(test)]
mod faults;
pub mod home;
pub mod lang;
pub mod pages;
pub mod reader;
pub mod registry;
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

/// Does `dir` hold an index (of any version, in either layout)? A pointer that cannot be
/// read counts as one: opening it says what is wrong.
pub fn exists(dir: &Path) -> bool {
    home::current(dir).map_or(true, |g| g.is_some())
}

/// The names in `dir`.
fn names(dir: &Path) -> Result<Vec<String>> {
    std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| {
            e.map(|e| e.file_name().to_string_lossy().into_owned())
                .map_err(|e| Error::io(dir, e))
        })
        .collect()
}

fn read_meta(dir: &Path) -> Result<Meta> {
    let path = dir.join(META_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Index {
        path: dir.to_path_buf(),
        reason: format!("{META_FILE}: {e}"),
    })
}

/// Open the current generation of the index at `root` for queries, refusing one built with
/// another schema; with the folder of that generation.
pub fn open(root: &Path) -> Result<(Index, Fields, PathBuf)> {
    let Some(generation) = home::current(root)? else {
        return Err(Error::NoIndex {
            path: root.to_path_buf(),
        });
    };
    let dir = generation.dir(root);
    let (index, fields) = open_for(&dir, Access::Read)?;
    Ok((index, fields, dir))
}

/// Open the index whose files are in `dir` (one generation) through rostra's
/// [`directory`], for `access`.
fn open_for(dir: &Path, access: Access) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").is_file() {
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

/// Create an empty index in the folder `dir`, which exists (a new generation).
fn create_in(dir: &Path) -> Result<(Index, Fields)> {
    // rostra.json first: a run killed in between leaves no tantivy meta.json, so the
    // folder is known as an unfinished generation of rostra's, and removed.
    home::write_meta(dir)?;
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
        || name == home::LOCK
        || name == home::POINTER
        || is_segment_file(name)
}

/// May `--rebuild` replace what `dir` holds? Refuses a directory that holds files named like
/// an index's but no rostra record (`rostra.json` that reads as one, in the generation the
/// pointer names or at the root of a flat index): a user's folder is not ours to empty
/// (issue 13, item 3). Reads only.
pub fn check_rebuild(dir: &Path) -> Result<()> {
    let names = match names(dir) {
        Ok(n) => n,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(())
        }
        Err(e) => return Err(e),
    };
    let not_ours = |why: String| Error::Index {
        path: dir.to_path_buf(),
        reason: format!(
            "not a rostra index ({why}), so --rebuild deletes nothing here: give another \
             --index, or remove its files yourself"
        ),
    };
    if names.iter().any(|n| n == home::POINTER) {
        let mut generation = home::current(dir).map_err(|e| not_ours(e.to_string()))?;
        // Another rebuild may switch generations and remove the old one between the
        // pointer read and the metadata read: then the pointer has moved, and the new
        // generation is read (the lock, taken next, then refuses this run in turn).
        for _ in 0..8 {
            let gen_dir = generation.map_or_else(|| dir.to_path_buf(), |g| g.dir(dir));
            if read_meta(&gen_dir).is_ok() {
                return Ok(());
            }
            let now = home::current(dir).map_err(|e| not_ours(e.to_string()))?;
            if now == generation {
                return Err(not_ours(format!(
                    "no {META_FILE} of rostra's in {}",
                    gen_dir.display()
                )));
            }
            generation = now;
        }
        return Err(Error::Index {
            path: dir.to_path_buf(),
            reason: "its generations keep changing: another rebuild is running".into(),
        });
    }
    let locks = [WRITER_LOCK, home::LOCK];
    let ours = names
        .iter()
        .any(|n| is_index_file(n) && !locks.contains(&n.as_str()));
    if ours && read_meta(dir).is_err() {
        return Err(not_ours(format!("no {META_FILE} of rostra's")));
    }
    Ok(())
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

/// A short fingerprint of the index's contents as `searcher` sees them (its segments and
/// their deletions): the same index gives the same fingerprint, any ingest that changed it
/// gives another. Recorded in exports so a result can be reproduced. Made from the segments
/// the searcher opened, not from `meta.json` read again: a rebuild may have switched
/// generations and removed that file since.
pub fn fingerprint(searcher: &tantivy::Searcher) -> String {
    let mut segs: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| {
            format!(
                "{}:{}:{}:{}",
                s.segment_id().uuid_string(),
                s.max_doc(),
                s.num_deleted_docs(),
                s.delete_opstamp().map_or(String::new(), |o| o.to_string())
            )
        })
        .collect();
    segs.sort();
    let text = format!("v{SCHEMA_VERSION}|{}", segs.join(","));
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
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
