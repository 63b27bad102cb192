//! A full disk (issue 13 §5), for real: an ingest into an index on a small tmpfs stops with
//! `disk full writing PATH; N transcripts committed, M not` (exit 2), leaves the index as its
//! last commit left it, with nothing else, and a re-run once there is room completes. The
//! same for a rebuild, which leaves the old index in use. Needs root, to mount.

#![cfg(unix)]

use std::path::{Path, PathBuf};

use crate::util::{fixtures, mount, rostra_process as rostra, sorted_lines, stderr_of, umount};

/// A tmpfs of `size` mounted at `at` (made), unmounted on drop.
struct Tmpfs {
    at: PathBuf,
}

impl Tmpfs {
    fn new(at: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(at).unwrap();
        mount(&[
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size}"),
            "tmpfs",
            at.to_str().unwrap(),
        ]);
        Tmpfs {
            at: at.to_path_buf(),
        }
    }

    fn resize(&self, size: &str) {
        mount(&[
            "-o",
            &format!("remount,size={size}"),
            self.at.to_str().unwrap(),
        ]);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        umount(&self.at);
    }
}

/// The fixture pages, each copied `copies` times under distinct ids, in `dir`.
fn big_corpus(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read(&path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for k in 0..copies {
            std::fs::write(dir.join(format!("{k:04}x{stem}.txt")), &text).unwrap();
        }
    }
}

fn run(index: &Path, args: &[&str], corpus: Option<&Path>) -> std::process::Output {
    let mut c = rostra();
    c.arg("--index").arg(index).args(args);
    if let Some(p) = corpus {
        c.arg(p);
    }
    c.output().unwrap()
}

fn sorted_export(index: &Path) -> Vec<String> {
    let out = run(index, &["export"], None);
    assert!(out.status.success(), "export: {}", stderr_of(&out));
    sorted_lines(&out.stdout)
}

/// `verify` passes and notes nothing left behind.
fn verify_clean(index: &Path) {
    let out = run(index, &["verify"], None);
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("not part of the index"), "{err}");
    assert!(!err.contains("not in use"), "{err}");
}

/// The disk-full line on stderr: the path (under `under`), committed and not.
fn said_full(out: &std::process::Output, under: &Path) -> (usize, usize) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(out));
    let err = stderr_of(out);
    let re = regex::Regex::new(r"disk full writing (\S+); (\d+) transcripts committed, (\d+) not")
        .unwrap();
    let caps = re
        .captures(&err)
        .unwrap_or_else(|| panic!("not said: {err}"));
    assert!(Path::new(&caps[1]).starts_with(under), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    (caps[2].parse().unwrap(), caps[3].parse().unwrap())
}

#[test]
#[ignore = "needs root to mount a small tmpfs"]
fn a_full_disk_rolls_back_and_a_rerun_with_room_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    big_corpus(&corpus, 1500);
    let disk = Tmpfs::new(&tmp.path().join("small"), "1m");
    let index = disk.at.join("index");
    // What fits: the fixture corpus.
    let out = run(&index, &["ingest", "--quiet"], Some(&fixtures()));
    assert!(out.status.success(), "{}", stderr_of(&out));
    let small = sorted_export(&index);

    // A rebuild from the big corpus does not fit: the old index stays in use, whole.
    let out = run(&index, &["ingest", "--quiet", "--rebuild"], Some(&corpus));
    said_full(&out, &disk.at);
    assert_eq!(sorted_export(&index), small);
    verify_clean(&index);

    // An ingest of it neither: what it committed stays, nothing else.
    let out = run(
        &index,
        &["ingest", "--quiet", "--batch", "1", "--threads", "1"],
        Some(&corpus),
    );
    let (committed, _) = said_full(&out, &disk.at);
    verify_clean(&index);
    let held = sorted_export(&index).len();
    assert!(held >= small.len(), "{held} < {}", small.len());
    if committed == 0 {
        assert_eq!(sorted_export(&index), small);
    }

    // With room, a re-run completes with exactly a clean build's content.
    disk.resize("64m");
    let out = run(&index, &["ingest", "--quiet"], Some(&corpus));
    assert!(out.status.success(), "{}", stderr_of(&out));
    verify_clean(&index);
    let clean = tmp.path().join("clean");
    for p in [fixtures(), corpus.clone()] {
        let out = run(&clean, &["ingest", "--quiet"], Some(&p));
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    assert_eq!(sorted_export(&index), sorted_export(&clean));
}
