//! Test-only: failures injected into the index's changes to the disk, and the loops that
//! check an ingest, a prune and a rebuild survive each one (issue 13, "kills are
//! deterministic").
//!
//! Every change to the disk passes through [`super::directory::fault`] (tantivy's writes
//! through rostra's `Directory`, rostra's own in [`super::home`]). A [`Plan`] for a folder
//! counts the changes under it and, from the N-th on, refuses them: as a crash (every later
//! change refused too, so the disk stays as a kill at that moment leaves it), or as a full
//! disk (writes refused with ENOSPC, removals allowed).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::directory::Op;

/// How the N-th change and those after it fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The process stops: no change from the N-th on reaches the disk.
    Crash,
    /// The disk is full: no file is created or written from the N-th change on (ENOSPC);
    /// renames, syncs and removals still work.
    DiskFull,
}

/// A plan of failures under one folder.
#[derive(Debug)]
struct Plan {
    root: PathBuf,
    at: u64,
    mode: Mode,
    seen: u64,
}

static PLANS: Mutex<Vec<Plan>> = Mutex::new(Vec::new());

/// Fail the `at`-th change under `root` (counted from 1) and those after it, as `mode` says,
/// until the guard is dropped.
pub fn plan(root: &Path, at: u64, mode: Mode) -> Armed {
    let mut plans = PLANS.lock().unwrap();
    plans.retain(|p| p.root != root);
    plans.push(Plan {
        root: root.to_path_buf(),
        at,
        mode,
        seen: 0,
    });
    Armed {
        root: root.to_path_buf(),
    }
}

/// A plan in force; dropping it lifts the plan.
pub struct Armed {
    root: PathBuf,
}

impl Armed {
    /// How many changes under the folder were seen so far (the refused ones included).
    pub fn seen(&self) -> u64 {
        PLANS
            .lock()
            .unwrap()
            .iter()
            .find(|p| p.root == self.root)
            .map_or(0, |p| p.seen)
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        if let Ok(mut plans) = PLANS.lock() {
            plans.retain(|p| p.root != self.root);
        }
    }
}

/// Called by [`super::directory::fault`].
pub fn check(op: Op, path: &Path) -> io::Result<()> {
    let mut plans = PLANS.lock().unwrap_or_else(|e| e.into_inner());
    let Some(plan) = plans.iter_mut().find(|p| path.starts_with(&p.root)) else {
        return Ok(());
    };
    plan.seen += 1;
    if plan.seen < plan.at {
        return Ok(());
    }
    match plan.mode {
        Mode::Crash => Err(io::Error::other(format!(
            "injected crash at change {} ({op:?} {})",
            plan.at,
            path.display()
        ))),
        Mode::DiskFull if matches!(op, Op::Create | Op::Write) => {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
        Mode::DiskFull => Ok(()),
    }
}

#[cfg(test)]
mod tests;
