//! What the end-to-end test binaries share: the `rostra` binary with a clean environment,
//! and an index it builds from a corpus in a temporary directory.

#![allow(dead_code)] // not every helper is used yet

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The binary under test, with `NO_COLOR` and `ROSTRA_INDEX` removed from its environment so
/// that results do not depend on the caller's shell.
pub fn rostra() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rostra"));
    c.env_remove("NO_COLOR").env_remove("ROSTRA_INDEX");
    c
}

/// An index built by `rostra ingest` in a temporary directory (removed on drop).
pub struct Indexed {
    _dir: TempDir,
    pub index: PathBuf,
}

impl Indexed {
    pub fn new(corpus: &Path) -> Indexed {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        rostra()
            .arg("--index")
            .arg(&index)
            .args(["ingest", "--quiet"])
            .arg(corpus)
            .assert()
            .success();
        Indexed { _dir: dir, index }
    }

    /// `rostra --index <this index>`.
    pub fn cmd(&self) -> Command {
        let mut c = rostra();
        c.arg("--index").arg(&self.index);
        c
    }
}
