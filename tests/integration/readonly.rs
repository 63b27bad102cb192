//! Indexes shared read-only (issue 13 §4): searched on a read-only mount with the outputs of
//! the writable copy, opened by readers that create no file, written with the permissions
//! the umask gives, and a write into a read-only place reported as what it is.

#![cfg(unix)]

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{fixtures, mount, stderr_of, umount, Sandbox};

/// The read commands, each with arguments that give results on the fixture corpus.
const READS: [&[&str]; 9] = [
    &["search", "cooperation"],
    &["search", "cooperation", "--json"],
    &["kwic", "russia"],
    &["stats", "russia"],
    &["show", "1001"],
    &["speakers"],
    &["export"],
    &["export", "--jsonl"],
    &["verify"],
];

/// The names in `dir`.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn readers_create_no_file() {
    let sb = Sandbox::indexed();
    let gen = generation(&sb.index());
    // A reader that took tantivy's meta lock would create this file again.
    let lock = gen.join(".tantivy-meta.lock");
    if lock.exists() {
        std::fs::remove_file(&lock).unwrap();
    }
    let before = (names(&sb.index()), names(&gen));
    for args in READS {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        let after = (names(&sb.index()), names(&gen));
        assert_eq!(after, before, "{args:?} created a file");
    }
}

/// The folder of the generation the index at `index` uses (where tantivy's files are).
fn generation(index: &Path) -> PathBuf {
    rostra::index::home::current(index)
        .unwrap()
        .expect("an index")
        .dir(index)
}

/// `rostra ARGS` run under `umask`.
fn under_umask(umask: &str, cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_rostra"))
        .args(args)
        .current_dir(cwd)
        .env_remove("ROSTRA_INDEX")
        .output()
        .unwrap()
}

#[test]
fn index_files_follow_the_umask() {
    for (umask, mode) in [("022", 0o644), ("027", 0o640)] {
        let sb = Sandbox::empty();
        let corpus = fixtures();
        let out = under_umask(
            umask,
            sb.path(),
            &[
                "--index",
                "index",
                "ingest",
                "--quiet",
                corpus.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr_of(&out));
        let gen = generation(&sb.index());
        let files = names(&gen);
        for name in ["meta.json", ".managed.json", ".rostra-marks", "rostra.json"] {
            assert!(files.contains(name), "{name} missing: {files:?}");
        }
        let root = names(&sb.index());
        for name in [rostra::index::home::POINTER, rostra::index::home::LOCK] {
            assert!(root.contains(name), "{name} missing: {root:?}");
        }
        let paths = files.iter().map(|n| gen.join(n));
        for path in paths.chain(root.iter().map(|n| sb.index().join(n))) {
            let meta = std::fs::metadata(&path).unwrap();
            // Folders have their x bits as well.
            let want = if meta.is_dir() {
                mode | (mode >> 2 & 0o111)
            } else {
                mode
            };
            let name = path.file_name().unwrap().to_string_lossy();
            assert_eq!(
                meta.permissions().mode() & 0o777,
                want,
                "{name} under umask {umask}"
            );
            assert!(!name.contains("tmp"), "a temporary file was left: {name}");
        }
    }
}

/// A read-only bind mount of a directory, unmounted on drop (a failed assertion included).
struct ReadOnlyMount {
    at: PathBuf,
}

impl ReadOnlyMount {
    /// `src` mounted read-only at `at` (which is made): panics with the reason if it cannot be.
    fn new(src: &Path, at: &Path) -> ReadOnlyMount {
        std::fs::create_dir_all(at).unwrap();
        mount(&["--bind", src.to_str().unwrap(), at.to_str().unwrap()]);
        let m = ReadOnlyMount {
            at: at.to_path_buf(),
        };
        mount(&["-o", "remount,bind,ro", at.to_str().unwrap()]);
        // The mount must really be read-only, or this test checks nothing.
        let probe = std::fs::write(at.join("probe"), b"x").unwrap_err();
        assert_eq!(probe.raw_os_error(), Some(30), "not read-only: {probe}");
        m
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        umount(&self.at);
    }
}

#[test]
#[ignore = "needs root to mount a read-only bind mount"]
fn a_read_only_index_is_searched_as_the_writable_one() {
    let sb = Sandbox::indexed();
    let ro = sb.path().join("ro");
    let _mount = ReadOnlyMount::new(&sb.index(), &ro);
    let index = sb.index();
    let timing = regex::Regex::new(r#"in [0-9.]+ m?s|"elapsed_ms":[0-9.e-]+"#).unwrap();
    for args in READS {
        let rw = sb.run(args);
        let out = sb
            .bare()
            .arg("--index")
            .arg(&ro)
            .args(["--color", "never"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert_eq!(out.status.code(), rw.status.code(), "{args:?}");
        // The same results and notes, the index's path and timings aside.
        let same = |text: &[u8]| {
            let text = String::from_utf8_lossy(text)
                .replace(ro.to_str().unwrap(), index.to_str().unwrap());
            timing.replace_all(&text, "T").into_owned()
        };
        assert_eq!(same(&out.stdout), same(&rw.stdout), "{args:?}");
        assert_eq!(same(&out.stderr), same(&rw.stderr), "{args:?}");
    }
    // A write is refused for what it is.
    let out = sb
        .bare()
        .arg("--index")
        .arg(&ro)
        .args(["ingest", "--quiet"])
        .arg(sb.corpus())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!("index {} is read-only", ro.display())),
        "{err}"
    );
    assert!(!err.contains("locked"), "{err}");
}

#[test]
#[ignore = "needs root to mount a read-only bind mount"]
fn a_search_that_cannot_build_the_default_index_says_why() {
    // A corpus and no index, in a folder that is read-only.
    let sb = Sandbox::new();
    let shared = tempfile::tempdir().unwrap();
    let _mount = ReadOnlyMount::new(sb.path(), shared.path());
    let out = crate::util::rostra()
        .current_dir(shared.path())
        .args(["search", "cooperation"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("index index is read-only"), "{err}");
    assert!(err.contains("cannot build"), "{err}");
    assert!(!shared.path().join("index").exists());
}
