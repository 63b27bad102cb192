//! The harness every test module shares (ripgrep's `tests/util.rs`): the `rostra` binary with
//! a clean environment, the fixture corpus and what it holds, a temporary sandbox that may
//! hold a copy of it and an index, the shared corpus for the checks that need it, and
//! decoders for the JSON Lines the commands print.

#![allow(dead_code)] // each module uses part of this

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tempfile::TempDir;

/// The fixture page ids and their dates.
pub const PAGES: [(&str, &str); 4] = [
    ("1001", "2015-03-12"),
    ("1002", "2018-06-07"),
    ("1003", "2020-11-20"),
    ("1004", "2018-12-20"),
];

/// Paragraphs in the fixture corpus (each file's body, one per line, without labels alone,
/// captions, separators or elisions).
pub const PARAGRAPHS: u64 = 24;

/// The binary under test as a plain `std` command (for tests that spawn and kill it), with
/// `NO_COLOR` and `ROSTRA_INDEX` removed from its environment so that results do not depend
/// on the caller's shell.
pub fn rostra_process() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_rostra"));
    c.env_remove("NO_COLOR").env_remove("ROSTRA_INDEX");
    c
}

/// The binary under test, with the same clean environment, for `assert_cmd` checks.
pub fn rostra() -> Command {
    Command::from_std(rostra_process())
}

/// A path under `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// The fixture corpus, `tests/fixtures/corpus`.
pub fn fixtures() -> PathBuf {
    fixture("corpus")
}

/// `../shared/corpus/kremlin-en`, the real kremlin.ru pages with their ground truth. Tests
/// that call this are `#[ignore = "needs ../shared/corpus"]`: run with `--include-ignored`
/// only where it is there (`.ci/run` does so), they fail rather than pass without it.
pub fn shared_corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kremlin-en");
    assert!(
        dir.join("pages.jsonl").is_file() && dir.join("txt").is_dir(),
        "{} is not here: this check needs ../shared/corpus",
        dir.display()
    );
    dir
}

/// The files in `dir` whose extension is `ext`, sorted by name.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// A command's stderr, as text.
pub fn stderr_of(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// Every line of `stdout` decoded as one JSON value of type `T`.
pub fn decode_lines<T: DeserializeOwned>(stdout: &[u8]) -> Vec<T> {
    std::str::from_utf8(stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

/// The hit lines of `search --json` output (the summary line left out).
pub fn hit_lines(stdout: &[u8]) -> Vec<Value> {
    decode_lines::<Value>(stdout)
        .into_iter()
        .filter(|v| v["type"] == "hit")
        .collect()
}

/// A temporary directory (removed on drop) in which a test runs `rostra`: its index is
/// `<tmp>/index`, and it may hold a copy of the fixture corpus in `<tmp>/corpus`, so the
/// repository's `index/` and `tests/fixtures` are never written to.
pub struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    /// An empty sandbox.
    pub fn empty() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A sandbox holding a copy of the fixture corpus in `corpus/`.
    pub fn new() -> Sandbox {
        let sb = Sandbox::empty();
        std::fs::create_dir(sb.corpus()).unwrap();
        for entry in std::fs::read_dir(fixtures()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), sb.corpus().join(entry.file_name())).unwrap();
        }
        sb
    }

    /// A sandbox whose index is already built from its copy of the fixture corpus.
    pub fn indexed() -> Sandbox {
        let sb = Sandbox::new();
        sb.ingest(&sb.corpus());
        sb
    }

    /// An empty sandbox whose index is built from `corpus` (read in place).
    pub fn indexing(corpus: &Path) -> Sandbox {
        let sb = Sandbox::empty();
        sb.ingest(corpus);
        sb
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.path().join("index")
    }

    /// Copies `from` to `to` (a path inside the sandbox), making the folders on the way.
    pub fn copy_in(&self, from: &Path, to: &str) {
        let to = self.path().join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, &to)
            .unwrap_or_else(|e| panic!("{} → {}: {e}", from.display(), to.display()));
    }

    /// `rostra`, run from the sandbox, without `--index`.
    pub fn bare(&self) -> Command {
        let mut c = rostra();
        c.current_dir(self.path());
        c
    }

    /// `rostra --index <tmp>/index`, run from the sandbox.
    pub fn cmd(&self) -> Command {
        let mut c = self.bare();
        c.arg("--index").arg(self.index());
        c
    }

    /// `rostra ingest --quiet CORPUS` into the sandbox's index, which must succeed.
    pub fn ingest(&self, corpus: &Path) {
        self.cmd()
            .args(["ingest", "--quiet"])
            .arg(corpus)
            .assert()
            .success();
    }

    /// `rostra --index <tmp>/index --color never ARGS...`, run to its end.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd()
            .args(["--color", "never"])
            .args(args)
            .output()
            .unwrap()
    }

    /// The stdout of `run(args)`, which must exit 0 (results) or 1 (none).
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The stdout of `run(args)` as JSON Lines.
    pub fn json_lines(&self, args: &[&str]) -> Vec<Value> {
        decode_lines(self.stdout(args).as_bytes())
    }

    /// Every paragraph of the index, from `export`.
    pub fn paragraphs(&self) -> Vec<Value> {
        self.json_lines(&["export"])
    }
}

/// The subcommands listed under `Commands:` in the top `--help`, without `help`.
pub fn subcommands(top_help: &str) -> Vec<String> {
    top_help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A description wrapped onto a second line is indented past the names.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// `mount ARGS...`, which the checks that need root use (a read-only bind, a small tmpfs).
pub fn mount(args: &[&str]) {
    let out = std::process::Command::new("mount")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("mount {args:?}: {e}"));
    assert!(
        out.status.success(),
        "mount {args:?} failed (this check needs root): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `umount AT`, from a mount guard's `Drop`: a failure is said, not a panic.
pub fn umount(at: &Path) {
    let ok = std::process::Command::new("umount")
        .arg(at)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("umount {} failed", at.display());
    }
}

/// A command's output lines, sorted (exports compared whatever their order).
pub fn sorted_lines(stdout: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}
