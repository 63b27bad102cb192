//! An ingest into the index on disk, under the writers' lock from before it reads anything
//! to after its last commit: into the current generation, or, for a rebuild, into a new one
//! that replaces it only once it is whole ([`super::home`]).
//!
//! A failed run leaves the index as its last commit left it: the files a failed ingest
//! wrote and did not commit are removed, and a failed rebuild's generation with them.

use std::path::{Path, PathBuf};

use super::{home, Writer, WriterOptions};
use crate::error::{Error, Result};
use crate::ingest::{self, IngestOptions, IngestReport, Progress};
use crate::transcript::FilePages;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub writer: WriterOptions,
    pub ingest: IngestOptions,
    /// Build a new generation from `paths` alone, replacing the index when it is whole.
    pub rebuild: bool,
    /// The corpus description the paths are read by (`ingest --corpus`); without it, a
    /// folder with one at its top is read by that one (see [`ingest::ingest_described`]).
    pub corpus: Option<PathBuf>,
}

/// Ingest `paths` into the index at `root` (created if there is none): see the module.
pub fn build(
    root: &Path,
    paths: &[PathBuf],
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<IngestReport> {
    let corpus = opts.corpus.as_deref();
    finish(run(root, paths, opts, |w| {
        ingest::ingest_described(w, paths, corpus, &opts.ingest, progress)
    }))
}

/// [`build`], with each changed file read by `read` (see [`ingest::ingest_with`]).
pub fn build_with(
    root: &Path,
    paths: &[PathBuf],
    opts: &BuildOptions,
    progress: &dyn Progress,
    read: impl FnMut(&Path, Vec<u8>) -> Result<FilePages>,
) -> Result<IngestReport> {
    finish(run(root, paths, opts, |w| {
        ingest::ingest_with(w, paths, &opts.ingest, progress, read)
    }))
}

/// A run's error as the user is told it.
fn finish(run: Result<IngestReport>) -> Result<IngestReport> {
    run.map_err(|e| match e {
        // Before ingest began or after it ended: nothing of this run is in the index.
        Error::NoSpace { path, .. } => Error::DiskFull {
            path,
            committed: 0,
            lost: 0,
        },
        e => e,
    })
}

/// The ingest `ingest` (into the writer it is given) under the lock, into the current
/// generation or a new one.
fn run(
    root: &Path,
    paths: &[PathBuf],
    opts: &BuildOptions,
    ingest: impl FnOnce(Writer) -> Result<IngestReport>,
) -> Result<IngestReport> {
    if opts.rebuild {
        // Checked before anything is made or removed: a typo must not cost the index.
        for p in paths {
            std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        }
        super::check_rebuild(root)?;
    }
    // Taken before the index is opened or created, and held to the end: no second writer
    // comes between (issue 13, item 2).
    let lock = home::lock(root)?;
    if opts.rebuild {
        let new = lock.new_generation()?;
        let run = Writer::open_in(&new.dir, &new.index, &new.fields, &opts.writer).and_then(ingest);
        match run {
            Ok(report) => match lock.switch(new) {
                Ok(()) => Ok(report),
                Err(Error::NoSpace { path, .. }) => Err(Error::DiskFull {
                    path,
                    committed: 0,
                    lost: report.transcripts,
                }),
                Err(e) => Err(e),
            },
            Err(e) => {
                // Not in use: removed whole. A failure here leaves it to the next writer.
                let _ = lock.discard(new);
                Err(match e {
                    // Its commits went with it: the index is the old one.
                    Error::DiskFull {
                        path,
                        committed,
                        lost,
                    } => Error::DiskFull {
                        path,
                        committed: 0,
                        lost: committed + lost,
                    },
                    e => e,
                })
            }
        }
    } else {
        let (index, fields, dir) = lock.open_or_create()?;
        let run = Writer::open_in(&dir, &index, &fields, &opts.writer).and_then(ingest);
        if run.is_err() {
            // Back to the last commit: what was written since goes (on a full disk too:
            // removing files needs no space). A failure here leaves it to the next writer.
            let _ = super::remove_unreferenced(&index, &dir);
        }
        run
    }
}
