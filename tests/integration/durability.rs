//! Durability of the index against what an interrupted or mistaken run leaves behind: files
//! that `meta.json` does not reference (a kill between tantivy's writes and its `meta.json`
//! rename), and a `--rebuild` that must check before it destroys (issue 13, items 1–3).
//!
//! Kills are not timed here: the test plants exactly the files a killed run leaves.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::{stderr_of, Sandbox};

/// The names of the files directly in `dir`.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A copy of the files directly in `from`, in `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in names(from) {
        std::fs::copy(from.join(&name), to.join(&name)).unwrap();
    }
}

/// `rostra --index INDEX ARGS...`, run from the sandbox, to its end.
fn run_in(sb: &Sandbox, index: &Path, args: &[&str]) -> std::process::Output {
    sb.bare()
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .unwrap()
}

/// The paragraphs of the index at `index`, as `export` prints them, sorted.
fn sorted_export(sb: &Sandbox, index: &Path) -> Vec<String> {
    let out = run_in(sb, index, &["export"]);
    assert!(out.status.success(), "export: {}", stderr_of(&out));
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Change one fixture file, so that the next ingest replaces its page (and so writes `.del`
/// files for the segment that holds the old one).
fn change_a_page(sb: &Sandbox) {
    let path = sb.corpus().join("1001.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("long and varied", "long, varied and deep");
    assert_ne!(text, changed);
    std::fs::write(&path, changed).unwrap();
}

fn ingest_ok(sb: &Sandbox, index: &Path) {
    let out = sb
        .bare()
        .arg("--index")
        .arg(index)
        .args(["ingest", "--quiet"])
        .arg(sb.corpus())
        .output()
        .unwrap();
    assert!(out.status.success(), "ingest: {}", stderr_of(&out));
}

/// A segment file no commit refers to, as a run killed while flushing leaves.
const STRAY_SEGMENT: &str = "0123456789abcdef0123456789abcdef.store";

/// The index of a fixture ingest, with the changed page not ingested yet, and the names of
/// the `.del` files its next (replacing) ingest writes: found by running that ingest on a
/// copy, which is deterministic (tantivy's opstamps count operations).
fn index_and_next_del_files(sb: &Sandbox) -> Vec<String> {
    change_a_page(sb);
    let scratch: PathBuf = sb.path().join("scratch");
    copy_dir(&sb.index(), &scratch);
    ingest_ok(sb, &scratch);
    let before = names(&sb.index());
    let dels: Vec<String> = names(&scratch)
        .into_iter()
        .filter(|n| n.ends_with(".del") && !before.contains(n))
        .collect();
    assert!(!dels.is_empty(), "the replacing ingest wrote no .del file");
    dels
}

#[test]
fn stray_del_file_of_a_killed_replacing_ingest_does_not_block_the_next() {
    let sb = Sandbox::indexed();
    let dels = index_and_next_del_files(&sb);
    // What a kill after the `.del` files and before the `meta.json` rename leaves.
    for d in &dels {
        std::fs::write(sb.index().join(d), b"half-written").unwrap();
    }
    std::fs::write(sb.index().join(STRAY_SEGMENT), b"half-written").unwrap();

    ingest_ok(&sb, &sb.index());

    let clean = sb.path().join("clean");
    ingest_ok(&sb, &clean);
    assert_eq!(sorted_export(&sb, &sb.index()), sorted_export(&sb, &clean));
    let left = names(&sb.index());
    assert!(
        !left.contains(STRAY_SEGMENT),
        "stray segment file left: {left:?}"
    );
    let verify = run_in(&sb, &sb.index(), &["verify"]);
    assert!(verify.status.success(), "{}", stderr_of(&verify));
    assert!(
        !stderr_of(&verify).contains("not part of the index"),
        "{}",
        stderr_of(&verify)
    );
}

#[test]
fn verify_names_files_meta_json_does_not_reference() {
    let sb = Sandbox::indexed();
    let dels = index_and_next_del_files(&sb);
    for d in &dels {
        std::fs::write(sb.index().join(d), b"half-written").unwrap();
    }
    std::fs::write(sb.index().join(STRAY_SEGMENT), b"half-written").unwrap();

    let out = run_in(&sb, &sb.index(), &["verify"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(stdout.starts_with("ok: "), "{stdout}");
    let stderr = stderr_of(&out);
    for name in dels.iter().map(String::as_str).chain([STRAY_SEGMENT]) {
        assert!(
            stderr.contains(name),
            "verify does not name {name}: {stderr}"
        );
    }
    // Reported, not removed: verify only reads.
    assert!(sb.index().join(STRAY_SEGMENT).is_file());
}

/// `rostra --index INDEX ingest --quiet --rebuild PATH`, run to its end.
fn rebuild(sb: &Sandbox, index: &Path, path: &Path) -> std::process::Output {
    sb.bare()
        .arg("--index")
        .arg(index)
        .args(["ingest", "--quiet", "--rebuild"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn rebuild_with_a_missing_path_fails_before_touching_the_index() {
    let sb = Sandbox::indexed();
    let before = sorted_export(&sb, &sb.index());
    let out = rebuild(&sb, &sb.index(), &sb.path().join("no-such-corpus"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("no-such-corpus"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(sorted_export(&sb, &sb.index()), before);
}

#[test]
fn rebuild_refuses_a_directory_that_is_not_a_rostra_index() {
    let sb = Sandbox::new();
    let folder = sb.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let mine = [
        ("meta.json", "{\"my\": \"notes\"}"),
        (".managed.json", "[]"),
        ("rostra.json", "{\"band\": \"rostra\"}"),
        (STRAY_SEGMENT, "photos"),
        ("notes.txt", "keep me"),
    ];
    for (name, text) in mine {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let out = rebuild(&sb, &folder, &sb.corpus());
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("not a rostra index"),
        "{}",
        stderr_of(&out)
    );
    for (name, text) in mine {
        let kept = std::fs::read_to_string(folder.join(name))
            .unwrap_or_else(|e| panic!("{name} deleted by --rebuild: {e}"));
        assert_eq!(kept, text, "{name} changed");
    }
}

/// A running ingest holds tantivy's writer lock; this test takes it through tantivy's own
/// directory, as an ingest does, so no timing is involved.
#[test]
fn rebuild_beside_a_running_ingest_is_refused_and_deletes_nothing() {
    let sb = Sandbox::indexed();
    let before = sorted_export(&sb, &sb.index());
    let directory = tantivy::directory::MmapDirectory::open(sb.index()).unwrap();
    let lock = tantivy::directory::Directory::acquire_lock(
        &directory,
        &tantivy::directory::INDEX_WRITER_LOCK,
    )
    .expect("the lock is free");
    let out = rebuild(&sb, &sb.index(), &sb.corpus());
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("locked by another ingest"),
        "{}",
        stderr_of(&out)
    );
    drop(lock);
    assert_eq!(sorted_export(&sb, &sb.index()), before);
}
