//! The index stage's directory on disk (issue 13 §2, §3): the index given by `--index` is a
//! folder holding *generations* of tantivy's files, the small pointer file [`POINTER`] that
//! names the one in use, and the writers' lock [`LOCK`].
//!
//! ```text
//! index/
//!   rostra-generation    "gen-3": the generation readers open
//!   .rostra-writer.lock  every ingest and rebuild holds it, before it reads anything
//!   gen-3/               tantivy's files, rostra.json, .rostra-marks
//!   aliases.toml ...     anything else is the user's, and never touched
//! ```
//!
//! A replacing ingest or `--prune` writes into the current generation (tantivy's commit is
//! its atomic step). A `--rebuild` builds a new generation beside it and switches to it by
//! one atomic rename of the pointer ([`directory::atomic_write`]), so readers see the old
//! index whole until the switch and the new one after; the old generation is removed after
//! the switch. Whatever a killed writer leaves (a partial generation, an old one not removed
//! yet) is removed by the next writer, under the lock ([`WriteLock::tidy`]).
//!
//! An index of the earlier, flat layout (tantivy's `meta.json` at the root, no pointer) is
//! its own current generation, [`Generation::Flat`]: ingests write into it as before, and a
//! rebuild moves the index into the generation layout.

use std::fs::File;
use std::path::{Path, PathBuf};

use tantivy::Index;

use super::directory::{self, Access, Op};
use super::{Fields, Meta, META_FILE};
use crate::error::{Error, Result};

/// The pointer file: the name of the generation in use, and a newline.
pub const POINTER: &str = "rostra-generation";
/// The writers' lock file (an advisory `flock`), at the root, shared by all generations.
pub const LOCK: &str = ".rostra-writer.lock";
/// A generation's folder is this and a number.
const PREFIX: &str = "gen-";

/// One generation of an index's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    /// The flat layout of earlier versions: tantivy's files at the root.
    Flat,
    /// `gen-N/`.
    Numbered(u64),
}

impl Generation {
    /// Its folder in the index at `root`.
    pub fn dir(&self, root: &Path) -> PathBuf {
        match self {
            Generation::Flat => root.to_path_buf(),
            Generation::Numbered(n) => root.join(format!("{PREFIX}{n}")),
        }
    }

    /// How `verify` names it.
    pub fn name(&self) -> String {
        match self {
            Generation::Flat => "flat layout (before generations)".to_string(),
            Generation::Numbered(n) => format!("{PREFIX}{n}"),
        }
    }
}

/// `gen-N` → N.
fn parse_name(name: &str) -> Option<u64> {
    let digits = name.strip_prefix(PREFIX)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The generation the index at `root` uses, or `None` when there is no index.
pub fn current(root: &Path) -> Result<Option<Generation>> {
    let path = root.join(POINTER);
    match std::fs::read_to_string(&path) {
        Ok(text) => match parse_name(text.trim_end_matches('\n')) {
            Some(n) => Ok(Some(Generation::Numbered(n))),
            None => Err(Error::Index {
                path: root.to_path_buf(),
                reason: format!("{POINTER} does not name a generation ({text:?})"),
            }),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(root.join("meta.json").is_file().then_some(Generation::Flat))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The generations found in `root`'s folders (`gen-N/`), whether in use or not, sorted.
pub fn generations(root: &Path) -> Result<Vec<u64>> {
    let entries = match std::fs::read_dir(root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(root, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(root, e))?;
        if let Some(n) = parse_name(&entry.file_name().to_string_lossy()) {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                found.push(n);
            }
        }
    }
    found.sort_unstable();
    Ok(found)
}

/// The generations of `root` not in use: what a killed rebuild left (`verify` names them).
/// A `gen-N` folder that is not rostra's (see `is_ours`) is not one, and is left alone.
pub fn stray_generations(root: &Path) -> Result<Vec<u64>> {
    let current = current(root)?;
    Ok(generations(root)?
        .into_iter()
        .filter(|n| current != Some(Generation::Numbered(*n)))
        .filter(|n| is_ours(&Generation::Numbered(*n).dir(root)))
        .collect())
}

/// Is a stray generation folder ours to remove: empty (killed right after it was made) or
/// holding rostra's record (made first, before tantivy's files)?
fn is_ours(dir: &Path) -> bool {
    if super::read_meta(dir).is_ok() {
        return true;
    }
    std::fs::read_dir(dir).is_ok_and(|mut e| e.next().is_none())
}

/// The writers' lock on an index, held until dropped: whoever holds it may create, write,
/// rebuild and tidy the index. Readers never take it.
pub struct WriteLock {
    root: PathBuf,
    _file: File,
}

/// Take the writers' lock of the index at `root` (creating the folder and the lock file if
/// need be): [`Error::Locked`] if another ingest or rebuild holds it, a refused write for
/// what it is on a read-only index.
pub fn lock(root: &Path) -> Result<WriteLock> {
    directory::fault(Op::Create, root).map_err(|e| Error::writing(root, root, e))?;
    std::fs::create_dir_all(root).map_err(|e| Error::writing(root, root, e))?;
    let path = root.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::writing(root, &path, e))?;
    if !fs4::fs_std::FileExt::try_lock_exclusive(&file).map_err(|e| Error::io(&path, e))? {
        return Err(Error::Locked);
    }
    Ok(WriteLock {
        root: root.to_path_buf(),
        _file: file,
    })
}

/// A generation being built by a rebuild, not in use until [`WriteLock::switch`].
pub struct NewGeneration {
    pub generation: Generation,
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl WriteLock {
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Remove what killed writers left: the generations not in use that are ours (see
    /// `is_ours`), and the files of a flat index already moved to a generation (its
    /// `rostra.json` removed last, so a kill in between leaves it still recognised).
    pub fn tidy(&self) -> Result<()> {
        let root = &self.root;
        for n in stray_generations(root)? {
            remove_generation(&Generation::Numbered(n).dir(root))?;
        }
        if matches!(current(root)?, Some(Generation::Numbered(_))) && super::read_meta(root).is_ok()
        {
            remove_flat(root)?;
        }
        // A pointer's temporary file, of a run killed before its rename.
        for name in super::names(root)? {
            if name.starts_with(&format!(".{POINTER}.")) && name.ends_with(".rostra-tmp") {
                remove_file(&root.join(name))?;
            }
        }
        Ok(())
    }

    /// Open the current generation for writing, or create the index (its first generation)
    /// if there is none; after [`WriteLock::tidy`]. The folder its files are in comes too.
    pub fn open_or_create(&self) -> Result<(Index, Fields, PathBuf)> {
        self.tidy()?;
        match current(&self.root)? {
            Some(g) => {
                let dir = g.dir(&self.root);
                let (index, fields) = super::open_for(&dir, Access::Write)?;
                Ok((index, fields, dir))
            }
            None => {
                let new = self.new_generation()?;
                self.point_to(new.generation)?;
                Ok((new.index, new.fields, new.dir))
            }
        }
    }

    /// A new, empty generation beside the current one, for a rebuild; after
    /// [`WriteLock::tidy`]. Readers go on using the current one.
    pub fn new_generation(&self) -> Result<NewGeneration> {
        self.tidy()?;
        let last = generations(&self.root)?.last().copied().unwrap_or(0);
        let generation = Generation::Numbered(last + 1);
        let dir = generation.dir(&self.root);
        directory::fault(Op::Create, &dir).map_err(|e| Error::writing(&self.root, &dir, e))?;
        std::fs::create_dir(&dir).map_err(|e| Error::writing(&self.root, &dir, e))?;
        let (index, fields) = match super::create_in(&dir) {
            Ok(created) => created,
            Err(e) => {
                // Not pointed to and not yet an index (a full disk, say): removed now rather
                // than left to the next writer as a stray generation.
                // tantivy says "no storage space" without the file: the wrapper knows it.
                let e = super::writer::Writer::said_in(Some(&dir), e, false);
                let _ =
                    directory::fault(Op::Delete, &dir).and_then(|()| std::fs::remove_dir_all(&dir));
                return Err(e);
            }
        };
        Ok(NewGeneration {
            generation,
            dir,
            index,
            fields,
        })
    }

    /// Make `new` the generation readers open (one atomic rename of the pointer), then
    /// remove the one it replaces.
    pub fn switch(&self, new: NewGeneration) -> Result<()> {
        let old = current(&self.root)?;
        let NewGeneration {
            generation, index, ..
        } = new;
        // tantivy's files are synced by its commit; the folder's entries are synced here.
        drop(index);
        let dir = generation.dir(&self.root);
        if let Err(e) = sync_dir(&dir).and_then(|()| self.point_to(generation)) {
            // Not in use: removed whole. A failure here leaves it to the next writer.
            if current(&self.root).ok().flatten() != Some(generation) {
                let _ = remove_generation(&dir);
            }
            return Err(e);
        }
        match old {
            Some(Generation::Flat) => remove_flat(&self.root),
            Some(g @ Generation::Numbered(_)) if g != generation => {
                remove_generation(&g.dir(&self.root))
            }
            _ => Ok(()),
        }
    }

    /// Remove `new`, a generation that is not in use (a rebuild that failed).
    pub fn discard(&self, new: NewGeneration) -> Result<()> {
        let dir = new.dir.clone();
        drop(new);
        remove_generation(&dir)
    }

    fn point_to(&self, generation: Generation) -> Result<()> {
        let path = self.root.join(POINTER);
        let text = format!("{}\n", generation.name());
        directory::atomic_write(&path, text.as_bytes())
            .map_err(|e| Error::writing(&self.root, &path, e))
    }
}

/// Sync a folder, so that the entries made in it last.
fn sync_dir(dir: &Path) -> Result<()> {
    directory::fault(Op::Sync, dir).map_err(|e| Error::writing(dir, dir, e))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::writing(dir, dir, e))
}

fn remove_file(path: &Path) -> Result<()> {
    directory::fault(Op::Delete, path).map_err(|e| Error::io(path, e))?;
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Remove a generation's folder, once no reader is opening its files: a reader holds the
/// meta lock while it opens the segments, and keeps them open (and mapped) after the folder
/// is gone. A reader that comes later finds the pointer moved, and opens the new one.
fn remove_generation(dir: &Path) -> Result<()> {
    let _readers = exclude_readers(dir)?;
    // rostra.json last: a kill part way leaves a folder still known as ours.
    for name in super::names(dir)? {
        if name != META_FILE {
            let path = dir.join(&name);
            if path.is_dir() {
                directory::fault(Op::Delete, &path).map_err(|e| Error::io(&path, e))?;
                std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            } else {
                remove_file(&path)?;
            }
        }
    }
    remove_file(&dir.join(META_FILE))?;
    directory::fault(Op::Delete, dir).map_err(|e| Error::io(dir, e))?;
    match std::fs::remove_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Remove the files of a flat index from `root` (its tantivy files and rostra's, never
/// anything else), `rostra.json` last.
fn remove_flat(root: &Path) -> Result<()> {
    let _readers = exclude_readers(root)?;
    for name in super::names(root)? {
        if super::is_index_file(&name) && name != META_FILE && name != LOCK && name != POINTER {
            remove_file(&root.join(name))?;
        }
    }
    remove_file(&root.join(META_FILE))
}

/// tantivy's meta lock of the generation in `dir`, held exclusively (waiting for readers
/// that are opening it), if the file is there.
fn exclude_readers(dir: &Path) -> Result<Option<File>> {
    let path = dir.join(".tantivy-meta.lock");
    match File::open(&path) {
        Ok(file) => {
            fs4::fs_std::FileExt::lock_exclusive(&file).map_err(|e| Error::io(&path, e))?;
            Ok(Some(file))
        }
        Err(_) => Ok(None),
    }
}

/// Write rostra's record in a new generation's folder, synced.
pub(super) fn write_meta(dir: &Path) -> Result<()> {
    let path = dir.join(META_FILE);
    let text = serde_json::to_string_pretty(&Meta::current()).expect("meta serialises");
    directory::atomic_write(&path, text.as_bytes()).map_err(|e| Error::writing(dir, &path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_names_are_gen_and_a_number() {
        assert_eq!(parse_name("gen-12"), Some(12));
        for bad in ["gen-", "gen-1a", "gen--1", "gen-+1", "generation", "12"] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
        assert_eq!(Generation::Numbered(3).name(), "gen-3");
    }

    #[test]
    fn a_pointer_that_names_no_generation_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(current(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(POINTER), "../etc\n").unwrap();
        assert!(current(dir.path()).is_err());
        std::fs::write(dir.path().join(POINTER), "gen-7\n").unwrap();
        assert_eq!(current(dir.path()).unwrap(), Some(Generation::Numbered(7)));
    }

    #[test]
    fn the_second_writer_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path()).unwrap();
        assert!(matches!(lock(dir.path()), Err(Error::Locked)));
        drop(first);
        lock(dir.path()).unwrap();
    }
}
