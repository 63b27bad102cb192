//! The library's errors: each names the file or the query, and the cause.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    #[error("query: {0}")]
    Query(String),
    #[error("index {path}: {reason}")]
    Index { path: PathBuf, reason: String },
    #[error("index is locked by another ingest; wait for it to finish")]
    Locked,
    #[error("index {path} is read-only ({source})")]
    ReadOnly {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("permission denied writing {path} ({source})")]
    PermissionDenied {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A write into the index failed for want of space (`committed`: after the commit of
    /// what it was writing, as a commit's list of marked words is).
    #[error("disk full writing {path}")]
    NoSpace { path: PathBuf, committed: bool },
    /// An ingest stopped by a full disk, rolled back to its last commit.
    #[error("disk full writing {path}; {committed} transcripts committed, {lost} not")]
    DiskFull {
        path: PathBuf,
        committed: usize,
        lost: usize,
    },
    /// No index in this directory (said once, with the way to build one: issue 15 found
    /// "index index: no index here" for the default `./index`).
    #[error("no index in {} (build one with `rostra ingest PATH...`)", path.display())]
    NoIndex { path: PathBuf },
    /// `--speaker xyzzy`: exit 1, as a search that finds nothing.
    #[error("no speaker matches '{name}'{}", nearest_names(nearest))]
    NoSpeaker { name: String, nearest: Vec<String> },
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

fn nearest_names(nearest: &[String]) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!(" (nearest: {})", nearest.join(", "))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Writing `path` in the index `dir` failed with `source`: a read-only index or a
    /// denied permission said as such, any other cause as an [`Error::Io`].
    pub fn writing(dir: &Path, path: &Path, source: std::io::Error) -> Error {
        match source.kind() {
            std::io::ErrorKind::ReadOnlyFilesystem => Error::ReadOnly {
                path: dir.to_path_buf(),
                source,
            },
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied {
                path: path.to_path_buf(),
                source,
            },
            std::io::ErrorKind::StorageFull => Error::NoSpace {
                path: path.to_path_buf(),
                committed: false,
            },
            _ => Error::io(path, source),
        }
    }

    /// Is this a write refused by the file system (read-only, or not permitted)?
    pub fn is_refused_write(&self) -> bool {
        matches!(
            self,
            Error::ReadOnly { .. } | Error::PermissionDenied { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error as IoError, ErrorKind};

    #[test]
    fn refused_writes_are_named_for_what_they_are() {
        let dir = Path::new("idx");
        let file = Path::new("idx/meta.json");
        let ro = Error::writing(dir, file, IoError::from_raw_os_error(30));
        assert!(
            ro.to_string().starts_with("index idx is read-only ("),
            "{ro}"
        );
        let denied = Error::writing(dir, file, IoError::from_raw_os_error(13));
        assert!(
            denied
                .to_string()
                .starts_with("permission denied writing idx/meta.json ("),
            "{denied}"
        );
        let full = Error::writing(dir, file, IoError::from(ErrorKind::StorageFull));
        assert_eq!(full.to_string(), "disk full writing idx/meta.json");
        let other = Error::writing(dir, file, IoError::from(ErrorKind::InvalidData));
        assert!(matches!(other, Error::Io { .. }));
    }
}
