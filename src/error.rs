//! The library's errors: each names the file or the query, and the cause.

use std::path::PathBuf;

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
    #[error("index {path}: no index here (run `rostra ingest` first)")]
    NoIndex { path: PathBuf },
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
