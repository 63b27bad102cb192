//! Crash safety of `rostra ingest`: killed with SIGKILL at arbitrary moments, the index
//! still opens, `rostra verify` passes, it holds exactly the files of the commits made
//! before the kill, and a re-run carries on without reading those files again.
//!
//! The corpus is the fixture pages copied 3,000 times under distinct ids (about 3 MB), and
//! ingest commits every 1 MB (`--batch 1`), so a run makes a few commits to be killed between.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::util::{fixtures, rostra_process as rostra};

const COPIES: usize = 750;
const BATCH: u64 = 1 << 20;

/// The corpus, and its files in ingest order (sorted by name) with their sizes.
fn make_corpus(dir: &Path) -> Vec<(String, u64)> {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read(&path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for k in 0..COPIES {
            let id = format!("{k:04}x{stem}");
            std::fs::write(corpus.join(format!("{id}.txt")), &text).unwrap();
            files.push((id, text.len() as u64));
        }
    }
    files.sort();
    files
}

/// How many files (a prefix of `files`) are committed after each commit of a fresh run.
fn commit_points(files: &[(String, u64)]) -> Vec<usize> {
    let mut points = vec![0];
    let mut pending = 0;
    for (i, (_, size)) in files.iter().enumerate() {
        pending += size;
        if pending >= BATCH {
            points.push(i + 1);
            pending = 0;
        }
    }
    points.push(files.len());
    points
}

#[derive(Deserialize)]
struct Summary {
    added: usize,
    unchanged: usize,
    replaced: usize,
}

fn ingest_cmd(dir: &Path, index: &Path) -> Command {
    let mut c = rostra();
    c.arg("--index")
        .arg(index)
        .args([
            "ingest",
            "--quiet",
            "--json",
            "--batch",
            "1",
            "--threads",
            "1",
        ])
        .arg(dir.join("corpus"));
    c
}

/// The transcript ids in the index, through `export`.
fn indexed_ids(index: &Path) -> Vec<String> {
    let out = rostra()
        .arg("--index")
        .arg(index)
        .arg("export")
        .output()
        .unwrap();
    let mut ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["transcript"].as_str().unwrap().to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// `rostra verify` on `index`.
fn run_verify(index: &Path) -> std::process::Output {
    rostra()
        .arg("--index")
        .arg(index)
        .arg("verify")
        .output()
        .unwrap()
}

#[test]
fn killed_ingest_leaves_a_whole_index_and_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let files = make_corpus(tmp.path());
    let points = commit_points(&files);
    assert!(points.len() >= 4, "the corpus should make several commits");

    // How long a whole run takes here, to spread the kills over it.
    let index: PathBuf = tmp.path().join("full");
    let start = Instant::now();
    let out = ingest_cmd(tmp.path(), &index).output().unwrap();
    assert!(out.status.success());
    let full = start.elapsed();
    let all_ids = indexed_ids(&index);
    assert_eq!(all_ids.len(), files.len());

    let mut resumed_mid_run = 0;
    for round in 0..20u32 {
        let index = tmp.path().join(format!("killed{round}"));
        // Kill moments spread over the run, deterministic so a failure can be replayed.
        let delay = full.mul_f64((round as f64 + 0.5) / 20.0);
        let mut child = ingest_cmd(tmp.path(), &index)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        if !rostra::index::exists(&index) {
            continue; // killed before the index was created
        }
        let verify = run_verify(&index);
        assert!(
            verify.status.success(),
            "round {round}: verify failed after a kill at {delay:?}: {}",
            String::from_utf8_lossy(&verify.stderr)
        );
        let ids = indexed_ids(&index);
        assert!(
            points.contains(&ids.len()),
            "round {round}: {} transcripts is not at a commit point {points:?}",
            ids.len()
        );
        let expected: Vec<String> = files[..ids.len()].iter().map(|f| f.0.clone()).collect();
        assert_eq!(ids, expected, "round {round}: not the first files in order");

        // A re-run reads only what was not committed.
        let out = ingest_cmd(tmp.path(), &index).output().unwrap();
        assert!(out.status.success(), "round {round}: re-run failed");
        let s: Summary = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(s.unchanged, ids.len(), "round {round}");
        assert_eq!(s.added, files.len() - ids.len(), "round {round}");
        assert_eq!(s.replaced, 0, "round {round}");
        assert_eq!(indexed_ids(&index), all_ids, "round {round}");
        // ...and leaves the list of marked words covering every segment.
        let verify = run_verify(&index);
        let note = String::from_utf8_lossy(&verify.stderr);
        assert!(
            verify.status.success() && !note.contains("does not list"),
            "round {round}: {note}"
        );
        if !ids.is_empty() && ids.len() < files.len() {
            resumed_mid_run += 1;
        }
    }
    // At least some kills must have landed between two commits, or this proved nothing.
    assert!(
        resumed_mid_run > 0,
        "no kill landed mid-run (a run took {full:?})"
    );
}

/// How many times the lock check is tried before giving up: each try needs the second
/// ingest to start while the first still runs, which a loaded machine may not give at once.
const LOCK_TRIES: u32 = 3;

#[test]
fn second_ingest_is_refused_while_one_runs_and_searches_keep_working() {
    let tmp = tempfile::tempdir().unwrap();
    make_corpus(tmp.path());
    let index = tmp.path().join("index");
    // A first, whole run, so there is something to search.
    assert!(ingest_cmd(tmp.path(), &index).status().unwrap().success());
    for attempt in 1..=LOCK_TRIES {
        // Make every file new again so the next run has work to do.
        for entry in std::fs::read_dir(tmp.path().join("corpus")).unwrap() {
            let p = entry.unwrap().path();
            let mut text = std::fs::read_to_string(&p).unwrap();
            text.push_str("\nNarration added later.");
            std::fs::write(&p, text).unwrap();
        }
        let mut running = ingest_cmd(tmp.path(), &index)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let second = ingest_cmd(tmp.path(), &index).output().unwrap();
        let search = rostra()
            .arg("--index")
            .arg(&index)
            .args(["search", "cooperation", "--json"])
            .output()
            .unwrap();
        let still_running = running.try_wait().unwrap().is_none();
        running.wait().unwrap();
        if !still_running {
            // The first ingest finished before the second began: nothing was tested.
            eprintln!("lock check, try {attempt}: the first ingest ended too soon; again");
            continue;
        }
        assert_eq!(second.status.code(), Some(2));
        let err = String::from_utf8_lossy(&second.stderr);
        assert!(err.contains("locked by another ingest"), "{err}");
        assert_eq!(
            search.status.code(),
            Some(0),
            "search during an ingest failed"
        );
        return;
    }
    panic!("in {LOCK_TRIES} tries the second ingest never started while the first ran");
}

/// The total of `search QUERY --json` on `index`, or `None` if the search failed.
fn total(index: &Path, query: &str) -> Option<u64> {
    let out = rostra()
        .arg("--index")
        .arg(index)
        .args(["search", query, "--json", "--limit", "1"])
        .output()
        .unwrap();
    if !matches!(out.status.code(), Some(0 | 1)) {
        eprintln!("search failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let last = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(last.lines().last()?).unwrap();
    v["total"].as_u64()
}

fn rebuild_cmd(dir: &Path, index: &Path) -> Command {
    let mut c = ingest_cmd(dir, index);
    c.arg("--rebuild");
    c
}

/// A rebuild builds a new generation beside the index: searches while it runs see the old
/// index whole (then the new one, once it is switched to, never the old again), and a kill
/// at any moment leaves the old or the new index, whole; the next rebuild completes and
/// removes what the killed one left.
#[test]
fn searches_during_a_rebuild_see_the_old_index_and_a_kill_keeps_it() {
    let tmp = tempfile::tempdir().unwrap();
    let files = make_corpus(tmp.path());
    let index = tmp.path().join("index");
    assert!(ingest_cmd(tmp.path(), &index).status().unwrap().success());
    let old = total(&index, "cooperation").unwrap();
    // The rebuild reads half the corpus: its total differs.
    for (id, _) in files.iter().skip(files.len() / 2) {
        std::fs::remove_file(tmp.path().join("corpus").join(format!("{id}.txt"))).unwrap();
    }
    let clean = tmp.path().join("clean");
    assert!(ingest_cmd(tmp.path(), &clean).status().unwrap().success());
    let new = total(&clean, "cooperation").unwrap();
    assert_ne!(old, new);
    let base = tmp.path().join("base");
    std::fs::rename(&index, &base).unwrap();

    let start = Instant::now();
    let copy = tmp.path().join("timed");
    copy_tree(&base, &copy);
    assert!(rebuild_cmd(tmp.path(), &copy).status().unwrap().success());
    let full = start.elapsed();
    assert_eq!(total(&copy, "cooperation"), Some(new));

    const ROUNDS: u32 = 8;
    let mut searched_mid_run = 0;
    for round in 0..ROUNDS {
        let index = tmp.path().join(format!("rebuilt{round}"));
        copy_tree(&base, &index);
        let mut child = rebuild_cmd(tmp.path(), &index)
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let kill_at = full.mul_f64((round as f64 + 0.5) / ROUNDS as f64);
        let began = Instant::now();
        let mut seen_new = false;
        while began.elapsed() < kill_at && child.try_wait().unwrap().is_none() {
            let t = total(&index, "cooperation");
            assert!(
                t == Some(old) || t == Some(new),
                "round {round}: search saw {t:?}"
            );
            if t == Some(new) {
                seen_new = true;
            } else {
                assert!(!seen_new, "round {round}: the old index came back");
                searched_mid_run += 1;
            }
        }
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let verify = run_verify(&index);
        assert!(
            verify.status.success(),
            "round {round}: verify failed after a kill at {kill_at:?}: {}",
            String::from_utf8_lossy(&verify.stderr)
        );
        let t = total(&index, "cooperation");
        assert!(t == Some(old) || t == Some(new), "round {round}: {t:?}");
        assert!(rebuild_cmd(tmp.path(), &index).status().unwrap().success());
        assert_eq!(total(&index, "cooperation"), Some(new), "round {round}");
        assert_eq!(
            rostra::index::home::stray_generations(&index).unwrap(),
            Vec::<u64>::new(),
            "round {round}"
        );
        assert_eq!(
            std::fs::read_dir(&index)
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().is_dir())
                .count(),
            1,
            "round {round}: more than one generation left"
        );
    }
    assert!(
        searched_mid_run > 0,
        "no search ran during a rebuild (one took {full:?})"
    );
}

/// A copy of the folder `from` (its folders too), in `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dst = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &dst);
        } else {
            std::fs::copy(entry.path(), &dst).unwrap();
        }
    }
}
