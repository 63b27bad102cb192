//! The index stage's files on disk: tantivy's [`MmapDirectory`], with the two things it
//! does that a shared, read-only index cannot live with changed (issue 13 §4).
//!
//! - A reader takes tantivy's meta lock (`.tantivy-meta.lock`) while it opens the segments
//!   `meta.json` lists, so that a writer's garbage collection, which takes the same lock,
//!   cannot delete them in between. tantivy creates the lock file and opens it for writing,
//!   which fails on a read-only mount. A [`Access::Read`] directory opens it read-only and
//!   takes a shared lock (readers need not exclude each other; a writer's collection still
//!   excludes them), and when there is no such file (no writer ever collected here) or it
//!   may not be read, it takes none: a reader creates no file. A reader never needs the lock
//!   to see a whole `meta.json`: it is replaced by an atomic rename.
//! - tantivy's atomic writes (`meta.json`, `.managed.json`, rostra's `.rostra-marks`) go
//!   through a temporary file created mode 0600, so another user could not read the index.
//!   Here the temporary file is created as any file is, 0666 less the umask.
//!
//! - A write that fails for want of space is remembered with its file's path
//!   ([`take_disk_full`]): tantivy reports it from a worker thread without the path.
//!
//! Everything else is tantivy's, delegated call for call. Every change to the disk (a file
//! created, written, synced, renamed or deleted, here and in [`super::home`]) passes through
//! [`fault`], where the tests of `index::faults` make the N-th one fail or stop.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr, META_LOCK,
};
use tantivy::Directory;

/// What a process opens an index for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Queries: no file is created or written.
    Read,
    /// Ingest: tantivy's locks as tantivy takes them.
    Write,
}

/// An index directory on disk (see the module's note).
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    access: Access,
}

impl IndexDirectory {
    /// The directory `root`, which must exist.
    pub fn open(root: &Path, access: Access) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            access,
        })
    }

    /// The meta lock, taken without creating or writing its file (see the module's note).
    fn read_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match File::open(self.root.join(&lock.filepath)) {
            Ok(file) => {
                if lock.is_blocking {
                    fs4::fs_std::FileExt::lock_shared(&file).map_err(LockError::wrap_io_error)?;
                } else if !fs4::fs_std::FileExt::try_lock_shared(&file)
                    .map_err(LockError::wrap_io_error)?
                {
                    return Err(LockError::LockBusy);
                }
                // Closing the file releases the lock.
                Ok(DirectoryLock::from(Box::new(file)))
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied
                ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            Err(e) => Err(LockError::wrap_io_error(e)),
        }
    }
}

/// Tells apart the temporary files of one process's atomic writes.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replace `path` with a file holding `data`, which readers see whole or not at all: a
/// temporary file beside it, created 0666 less the umask, written, synced, renamed over
/// `path`, and the directory synced so that the rename lasts.
pub fn atomic_write(path: &Path, data: &[u8]) -> io::Result<()> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file path", path.display()),
        ));
    };
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    // A leading dot: tantivy neither tracks nor collects such files.
    let temp = dir.join(format!(
        ".{}.{}-{n}.rostra-tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        fault(Op::Create, &temp)?;
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&temp)?;
        fault(Op::Write, &temp)?;
        file.write_all(data)?;
        fault(Op::Sync, &temp)?;
        file.sync_data()?;
        fault(Op::Rename, path)?;
        std::fs::rename(&temp, path)?;
        fault(Op::Sync, dir)?;
        File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })?
        .sync_data()
    })();
    if let Err(e) = &written {
        note_failure(path, e);
        if fault(Op::Delete, &temp).is_ok() {
            let _ = std::fs::remove_file(&temp);
        }
    }
    written
}

/// A change to the disk, as [`fault`] counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A file or folder created.
    Create,
    /// Bytes written to a file (one call of its writer).
    Write,
    /// A file or folder synced.
    Sync,
    /// A rename (the last step of an atomic write).
    Rename,
    /// A file or folder removed.
    Delete,
}

/// Called before each change to the disk: in tests, the injected failure of that change
/// (`index::faults`); otherwise nothing.
#[cfg(not(test))]
#[inline]
pub fn fault(_op: Op, _path: &Path) -> io::Result<()> {
    Ok(())
}

/// Called before each change to the disk: in tests, the injected failure of that change
/// ([`super::faults`]); otherwise nothing.
#[cfg(test)]
pub fn fault(op: Op, path: &Path) -> io::Result<()> {
    super::faults::check(op, path)
}

/// The files whose writes failed for want of space, most recent last.
static DISK_FULL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remember `path` if `e` says the disk is full.
fn note_failure(path: &Path, e: &io::Error) {
    if e.kind() == io::ErrorKind::StorageFull {
        if let Ok(mut full) = DISK_FULL.lock() {
            full.push(path.to_path_buf());
        }
    }
}

/// The last file under `dir` whose write failed because the disk was full, if any; the
/// record of those under `dir` is cleared.
pub fn take_disk_full(dir: &Path) -> Option<PathBuf> {
    let mut full = DISK_FULL.lock().ok()?;
    let last = full.iter().rev().find(|p| p.starts_with(dir)).cloned();
    full.retain(|p| !p.starts_with(dir));
    last
}

/// A file tantivy writes, its writes passed through [`fault`] and a failure for want of
/// space remembered with the file's path.
struct Watched {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    path: PathBuf,
}

impl Watched {
    fn seen<T>(&self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r {
            note_failure(&self.path, e);
        }
        r
    }
}

impl Write for Watched {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = fault(Op::Write, &self.path).and_then(|()| self.inner.write(buf));
        self.seen(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.seen(r)
    }
}

impl TerminatingWrite for Watched {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let r = fault(Op::Sync, &self.path).and_then(|()| self.inner.terminate_ref(token));
        self.seen(r)
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.inner.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        let full = self.root.join(path);
        fault(Op::Delete, &full).map_err(|io_error| DeleteError::IoError {
            io_error: Arc::new(io_error),
            filepath: path.to_path_buf(),
        })?;
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let full = self.root.join(path);
        let wrap = |e: io::Error| {
            note_failure(&full, &e);
            OpenWriteError::wrap_io_error(e, path.to_path_buf())
        };
        fault(Op::Create, &full).map_err(wrap)?;
        let inner = self
            .inner
            .open_write(path)?
            .into_inner()
            .map_err(|e| wrap(e.into_error()))?;
        Ok(io::BufWriter::new(Box::new(Watched { inner, path: full })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        atomic_write(&self.root.join(path), data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        fault(Op::Sync, &self.root)?;
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if self.access == Access::Read && lock.filepath == META_LOCK.filepath {
            return self.read_lock(lock);
        }
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.json");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_reader_takes_the_meta_lock_without_creating_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = IndexDirectory::open(dir.path(), Access::Read).unwrap();
        drop(d.acquire_lock(&META_LOCK).unwrap());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // With the file there, two readers hold it at once.
        std::fs::write(dir.path().join(&META_LOCK.filepath), b"").unwrap();
        let a = d.acquire_lock(&META_LOCK).unwrap();
        let b = d.acquire_lock(&META_LOCK).unwrap();
        drop((a, b));
    }
}
