//! Durability of the index against what an interrupted or mistaken run leaves behind: files
//! that `meta.json` does not reference (a kill between tantivy's writes and its `meta.json`
//! rename), and a `--rebuild` that must check before it destroys (issue 13, items 1–3).
//!
//! Kills are not timed here: the test plants exactly the files a killed run leaves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::util::{sorted_lines, stderr_of, Sandbox};

/// The names of the files directly in `dir`.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A copy of the folder `from` (its folders too), in `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in names(from) {
        if from.join(&name).is_dir() {
            copy_dir(&from.join(&name), &to.join(&name));
        } else {
            std::fs::copy(from.join(&name), to.join(&name)).unwrap();
        }
    }
}

/// The folder of the generation the index at `index` uses (where tantivy's files are).
fn generation(index: &Path) -> PathBuf {
    rostra::index::home::current(index)
        .unwrap()
        .expect("an index")
        .dir(index)
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
    sorted_lines(&out.stdout)
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
    let before = names(&generation(&sb.index()));
    let dels: Vec<String> = names(&generation(&scratch))
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
    let gen = generation(&sb.index());
    for d in &dels {
        std::fs::write(gen.join(d), b"half-written").unwrap();
    }
    std::fs::write(gen.join(STRAY_SEGMENT), b"half-written").unwrap();

    ingest_ok(&sb, &sb.index());

    let clean = sb.path().join("clean");
    ingest_ok(&sb, &clean);
    assert_eq!(sorted_export(&sb, &sb.index()), sorted_export(&sb, &clean));
    let left = names(&gen);
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
    let gen = generation(&sb.index());
    for d in &dels {
        std::fs::write(gen.join(d), b"half-written").unwrap();
    }
    std::fs::write(gen.join(STRAY_SEGMENT), b"half-written").unwrap();

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
    assert!(gen.join(STRAY_SEGMENT).is_file());
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

/// Every file under `dir` (its folders too) with its bytes, by path relative to `dir`.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for name in names(dir) {
            let path = dir.join(&name);
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                into.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// `verify` on the index at `index` passes.
fn verify_ok(sb: &Sandbox, index: &Path) {
    let out = run_in(sb, index, &["verify"]);
    assert!(out.status.success(), "verify: {}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("ok: "), "verify: {stdout}");
}

/// The lock refusal, one line on stderr.
const LOCKED: &str = "locked by another ingest";

/// A running ingest holds the writers' lock; this test takes it as an ingest does, so no
/// timing is involved: a rebuild and an ingest beside it are both refused in one line, exit
/// 2, and leave every file of the index as it was.
#[test]
fn rebuild_and_ingest_beside_a_running_ingest_are_refused_and_change_nothing() {
    let sb = Sandbox::indexed();
    let before = sorted_export(&sb, &sb.index());
    // Work for both to do, had they run.
    change_a_page(&sb);
    let files = tree(&sb.index());
    let lock = rostra::index::home::lock(&sb.index()).expect("the lock is free");
    for args in [&["ingest", "--rebuild"][..], &["ingest"]] {
        let out = sb
            .bare()
            .arg("--index")
            .arg(sb.index())
            .args(args)
            .arg(sb.corpus())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("rostra: ") && err.contains(LOCKED),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?} printed a summary");
        assert_eq!(tree(&sb.index()), files, "{args:?} changed the index");
    }
    // Readers need no lock.
    verify_ok(&sb, &sb.index());
    assert_eq!(sorted_export(&sb, &sb.index()), before);
    drop(lock);
    // Once it is free, the same ingest runs.
    ingest_ok(&sb, &sb.index());
    assert_ne!(sorted_export(&sb, &sb.index()), before);
}

/// How many rounds the races below run: each is a fresh race between two processes.
const ROUNDS: usize = 12;

/// Start `rostra --index INDEX ingest --quiet [--rebuild] CORPUS` (its output piped).
fn spawn_ingest(sb: &Sandbox, index: &Path, rebuild: bool) -> std::process::Child {
    let mut c = crate::util::rostra_process();
    c.current_dir(sb.path())
        .arg("--index")
        .arg(index)
        .args(["ingest", "--quiet"]);
    if rebuild {
        c.arg("--rebuild");
    }
    c.arg(sb.corpus())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Two writers started at once on the same index, `ROUNDS` times: each either runs whole
/// (exit 0, nothing on stderr) or is refused by the lock (exit 2, one line saying so);
/// never both refused, never another error; and after every round the index verifies and
/// exports what a clean build of the corpus does. Which wins, and whether they overlap at
/// all, is up to the machine: what is checked holds whatever the interleaving.
fn race(rebuild_second: bool) {
    let sb = Sandbox::indexed();
    let clean = sb.path().join("clean");
    let mut expected = sorted_export(&sb, &sb.index());
    let mut refused = 0;
    for round in 0..ROUNDS {
        // Every other round changes a page, so that the index and the corpus differ.
        if round % 2 == 1 {
            let path = sb.corpus().join("1002.txt");
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\nNarration added in round {round}.\n"));
            std::fs::write(&path, text).unwrap();
            std::fs::remove_dir_all(&clean).ok();
            ingest_ok(&sb, &clean);
            expected = sorted_export(&sb, &clean);
        }
        let first = spawn_ingest(&sb, &sb.index(), true);
        let second = spawn_ingest(&sb, &sb.index(), rebuild_second);
        let outs = [
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        ];
        let mut ran = 0;
        for out in &outs {
            let err = stderr_of(out);
            match out.status.code() {
                Some(0) => {
                    assert!(err.is_empty(), "round {round}: {err}");
                    ran += 1;
                }
                Some(2) => {
                    assert_eq!(err.lines().count(), 1, "round {round}: {err}");
                    assert!(err.contains(LOCKED), "round {round}: {err}");
                    assert!(
                        out.stdout.is_empty(),
                        "round {round}: refused, yet a summary"
                    );
                    refused += 1;
                }
                code => panic!("round {round}: exit {code:?}: {err}"),
            }
        }
        assert!(ran >= 1, "round {round}: both refused");
        verify_ok(&sb, &sb.index());
        assert_eq!(sorted_export(&sb, &sb.index()), expected, "round {round}");
        // One generation in use and nothing else left of the losers.
        assert_eq!(folders(&sb.index()).len(), 1, "round {round}");
    }
    eprintln!("{ROUNDS} rounds, {refused} refused by the lock");
}

#[test]
fn two_rebuilds_at_once_one_is_refused_or_they_run_in_turn_and_the_index_is_whole() {
    race(true);
}

#[test]
fn a_rebuild_and_an_ingest_at_once_one_is_refused_or_they_run_in_turn_and_the_index_is_whole() {
    race(false);
}

/// The folders directly in `dir`.
fn folders(dir: &Path) -> BTreeSet<String> {
    names(dir)
        .into_iter()
        .filter(|n| dir.join(n).is_dir())
        .collect()
}

#[test]
fn rebuild_switches_generations_and_keeps_the_users_files() {
    let sb = Sandbox::indexed();
    let index = sb.index();
    std::fs::write(index.join("aliases.toml"), "# mine\n").unwrap();
    assert_eq!(folders(&index), BTreeSet::from(["gen-1".to_string()]));
    change_a_page(&sb);
    let out = rebuild(&sb, &index, &sb.corpus());
    assert!(out.status.success(), "{}", stderr_of(&out));
    // The new generation in use, the old one gone, the user's file kept.
    assert_eq!(folders(&index), BTreeSet::from(["gen-2".to_string()]));
    assert_eq!(
        std::fs::read_to_string(index.join("aliases.toml")).unwrap(),
        "# mine\n"
    );
    let clean = sb.path().join("clean");
    ingest_ok(&sb, &clean);
    assert_eq!(sorted_export(&sb, &index), sorted_export(&sb, &clean));
    let verify = run_in(&sb, &index, &["verify"]);
    let stdout = String::from_utf8(verify.stdout).unwrap();
    assert!(
        stdout.trim_end().ends_with("; generation gen-2"),
        "{stdout}"
    );
}

/// Move the index at `index` back to the flat layout of earlier versions: tantivy's files
/// at the root, no pointer.
fn flatten(index: &Path) {
    let gen = generation(index);
    for name in names(&gen) {
        std::fs::rename(gen.join(&name), index.join(&name)).unwrap();
    }
    std::fs::remove_dir(&gen).unwrap();
    std::fs::remove_file(index.join(rostra::index::home::POINTER)).unwrap();
}

#[test]
fn a_flat_index_of_earlier_versions_is_searched_ingested_and_rebuilt() {
    let sb = Sandbox::indexed();
    let index = sb.index();
    let before = sorted_export(&sb, &index);
    flatten(&index);
    std::fs::write(index.join("aliases.toml"), "# mine\n").unwrap();
    assert_eq!(sorted_export(&sb, &index), before);
    let verify = run_in(&sb, &index, &["verify"]);
    assert!(verify.status.success(), "{}", stderr_of(&verify));
    assert!(String::from_utf8_lossy(&verify.stdout).contains("flat layout"));

    // An ingest writes into it where it is.
    change_a_page(&sb);
    ingest_ok(&sb, &index);
    assert!(index.join("meta.json").is_file());
    assert!(folders(&index).is_empty());
    let clean = sb.path().join("clean");
    ingest_ok(&sb, &clean);
    let after = sorted_export(&sb, &clean);
    assert_eq!(sorted_export(&sb, &index), after);

    // A rebuild moves it into a generation, and leaves only the user's file at the root.
    let out = rebuild(&sb, &index, &sb.corpus());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(sorted_export(&sb, &index), after);
    assert_eq!(folders(&index), BTreeSet::from(["gen-1".to_string()]));
    let root: BTreeSet<String> = names(&index)
        .into_iter()
        .filter(|n| !index.join(n).is_dir())
        .collect();
    let expected: BTreeSet<String> = [
        "aliases.toml",
        rostra::index::home::POINTER,
        rostra::index::home::LOCK,
    ]
    .map(String::from)
    .into();
    assert_eq!(root, expected);
}

#[test]
fn verify_names_stray_generations_and_the_next_ingest_removes_only_those() {
    let sb = Sandbox::indexed();
    let index = sb.index();
    // What a killed rebuild leaves, and a folder of the user's named like one.
    copy_dir(&generation(&index), &index.join("gen-5"));
    std::fs::create_dir(index.join("gen-7")).unwrap();
    std::fs::write(index.join("gen-7/photo.jpg"), "mine").unwrap();
    let verify = run_in(&sb, &index, &["verify"]);
    assert!(verify.status.success(), "{}", stderr_of(&verify));
    let err = stderr_of(&verify);
    assert!(err.contains("not in use") && err.contains("gen-5"), "{err}");
    assert!(!err.contains("gen-7"), "{err}");
    ingest_ok(&sb, &index);
    assert_eq!(
        folders(&index),
        BTreeSet::from(["gen-1".to_string(), "gen-7".to_string()])
    );
    assert!(index.join("gen-7/photo.jpg").is_file());
}
