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
//! Everything else is tantivy's, delegated call for call.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
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
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&temp)?;
        file.write_all(data)?;
        file.sync_data()?;
        std::fs::rename(&temp, path)?;
        File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })?
        .sync_data()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.inner.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        atomic_write(&self.root.join(path), data)
    }

    fn sync_directory(&self) -> io::Result<()> {
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
