//! Each change to the disk of a replacing ingest, a `--prune` and a `--rebuild` of the
//! fixture corpus made to fail in turn (N = 1, 2, … until the run makes fewer than N): after
//! each, the index opens whole with the old or the new content, and the next run succeeds
//! with exactly the content of a clean build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tantivy::schema::document::TantivyDocument;
use tantivy::Document;

use super::{plan, Mode};
use crate::error::Error;
use crate::index::build::{build, BuildOptions};
use crate::index::{home, pages, Reader, WriterOptions};
use crate::ingest::Hidden;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// A copy of the folder `from` (and its folders) at `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

fn opts(rebuild: bool, prune: bool) -> BuildOptions {
    let mut o = BuildOptions {
        writer: WriterOptions::small(),
        rebuild,
        ..BuildOptions::default()
    };
    o.ingest.prune = prune;
    o
}

/// The paragraphs and page records of the index at `root`, as JSON, sorted; after checking it is whole as `rostra verify` does.
fn contents(root: &Path) -> Result<BTreeSet<String>, String> {
    let reader = Reader::open(root).map_err(|e| format!("open: {e}"))?;
    let corrupt = reader
        .index
        .validate_checksum()
        .map_err(|e| format!("checksums: {e}"))?;
    if !corrupt.is_empty() {
        return Err(format!("corrupt: {corrupt:?}"));
    }
    let searcher = reader.searcher();
    let f = &reader.fields;
    let recorded: u64 = pages::all(&searcher, f)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|p| p.paragraphs)
        .sum();
    let held = pages::paragraph_count(&searcher, f).map_err(|e| e.to_string())?;
    if recorded != held {
        return Err(format!(
            "records say {recorded} paragraphs, index has {held}"
        ));
    }
    let schema = reader.index.schema();
    let mut docs = BTreeSet::new();
    for seg in searcher.segment_readers() {
        let store = seg.get_store_reader(1).map_err(|e| e.to_string())?;
        for id in seg.doc_ids_alive() {
            let doc: TantivyDocument = store.get(id).map_err(|e| e.to_string())?;
            let json = doc.to_json(&schema);
            // Voice documents stay when their pages go (a prune keeps them, a clean build
            // has none): not content.
            if !json.contains("\"voice_record\"") {
                docs.insert(json);
            }
        }
    }
    Ok(docs)
}

/// After a run, nothing of it left that is not part of the index: no stray generation, no
/// file its `meta.json` does not reference.
fn tidy(root: &Path) -> Result<(), String> {
    let strays = home::stray_generations(root).map_err(|e| e.to_string())?;
    if !strays.is_empty() {
        return Err(format!("stray generations {strays:?}"));
    }
    let reader = Reader::open(root).map_err(|e| e.to_string())?;
    let files = crate::index::unreferenced_files(&reader.index, reader.dir().unwrap())
        .map_err(|e| e.to_string())?;
    if !files.is_empty() {
        return Err(format!("unreferenced files {files:?}"));
    }
    Ok(())
}

/// One operation under test, on the fixture corpus.
struct Case {
    name: &'static str,
    rebuild: bool,
    prune: bool,
    /// What changes in the corpus after the first build.
    change: fn(&Path),
}

fn change_a_page(corpus: &Path) {
    let path = corpus.join("1001.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("long and varied", "long, varied and deep");
    assert_ne!(text, changed);
    std::fs::write(&path, changed).unwrap();
}

fn remove_a_page(corpus: &Path) {
    std::fs::remove_file(corpus.join("1003.txt")).unwrap();
}

const CASES: [Case; 3] = [
    Case {
        name: "replacing ingest",
        rebuild: false,
        prune: false,
        change: change_a_page,
    },
    Case {
        name: "prune",
        rebuild: false,
        prune: true,
        change: remove_a_page,
    },
    Case {
        name: "rebuild",
        rebuild: true,
        prune: false,
        change: change_a_page,
    },
];

/// A place for one case: its corpus, the index before the run, and the contents before and
/// after (the latter from a clean build of the changed corpus).
struct Setup {
    tmp: tempfile::TempDir,
    corpus: PathBuf,
    base: PathBuf,
    old: BTreeSet<String>,
    new: BTreeSet<String>,
}

fn setup(case: &Case, flat: bool) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_dir(&fixtures(), &corpus);
    let base = tmp.path().join("base");
    build(
        &base,
        std::slice::from_ref(&corpus),
        &opts(false, false),
        &Hidden,
    )
    .unwrap();
    if flat {
        flatten(&base);
    }
    let old = contents(&base).unwrap();
    (case.change)(&corpus);
    let clean = tmp.path().join("clean");
    build(
        &clean,
        std::slice::from_ref(&corpus),
        &opts(false, false),
        &Hidden,
    )
    .unwrap();
    let new = contents(&clean).unwrap();
    assert_ne!(old, new, "{}: the change changed nothing", case.name);
    Setup {
        tmp,
        corpus,
        base,
        old,
        new,
    }
}

/// Turn the index at `root` into the flat layout of earlier versions (its generation's
/// files at the root, no pointer).
fn flatten(root: &Path) {
    let g = home::current(root).unwrap().unwrap();
    let dir = g.dir(root);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        std::fs::rename(entry.path(), root.join(entry.file_name())).unwrap();
    }
    std::fs::remove_dir(&dir).unwrap();
    std::fs::remove_file(root.join(home::POINTER)).unwrap();
    assert_eq!(home::current(root).unwrap(), Some(home::Generation::Flat));
}

/// Run `case` with its N-th change failing as `mode` says, for every N; returns how many
/// changes the run makes. `check` looks at each failed run's error.
fn each_failure(case: &Case, flat: bool, mode: Mode, check: impl Fn(u64, &Error, &Setup)) -> u64 {
    let s = setup(case, flat);
    let paths = std::slice::from_ref(&s.corpus);
    for n in 1.. {
        let run = s.tmp.path().join(format!("run{n}"));
        copy_dir(&s.base, &run);
        let armed = plan(&run, n, mode);
        let result = build(&run, paths, &opts(case.rebuild, case.prune), &Hidden);
        let seen = armed.seen();
        drop(armed);
        let what = format!(
            "{} ({mode:?}, flat: {flat}), change {n} of {seen}",
            case.name
        );
        match result {
            Ok(_) if seen < n => {
                // No change failed: the run is whole and done.
                assert_eq!(contents(&run).unwrap(), s.new, "{what}");
                std::fs::remove_dir_all(&run).unwrap();
                return n - 1;
            }
            // A change tantivy may do without (its list of files, rewritten by its garbage
            // collection) failed, and the run went on: it must be whole and done.
            Ok(_) => assert_eq!(contents(&run).unwrap(), s.new, "{what}: succeeded"),
            Err(e) => check(n, &e, &s),
        }
        let now = contents(&run).unwrap_or_else(|e| panic!("{what}: not whole: {e}"));
        assert!(now == s.old || now == s.new, "{what}: neither old nor new");
        // The next run, with nothing failing, gives exactly the new content, and leaves
        // nothing behind.
        build(&run, paths, &opts(case.rebuild, case.prune), &Hidden)
            .unwrap_or_else(|e| panic!("{what}: the next run failed: {e}"));
        assert_eq!(contents(&run).unwrap(), s.new, "{what}: the next run");
        tidy(&run).unwrap_or_else(|e| panic!("{what}: after the next run: {e}"));
        std::fs::remove_dir_all(&run).unwrap();
    }
    unreachable!()
}

/// At least this many changes, or the loop tried nothing worth the name.
const SOME: u64 = 10;

#[test]
fn a_crash_at_any_change_leaves_a_whole_index_and_the_next_run_completes() {
    for case in &CASES {
        let n = each_failure(case, false, Mode::Crash, |_, _, _| {});
        eprintln!("{}: a crash tried at each of {n} changes", case.name);
        assert!(n >= SOME, "{}: only {n} changes", case.name);
    }
}

#[test]
fn a_crash_at_any_change_of_a_flat_index_loses_nothing() {
    for case in &CASES {
        let n = each_failure(case, true, Mode::Crash, |_, _, _| {});
        eprintln!(
            "{} of a flat index: a crash tried at each of {n} changes",
            case.name
        );
        assert!(n >= SOME, "{}: only {n} changes", case.name);
    }
}

#[test]
fn a_full_disk_at_any_change_rolls_back_and_says_so() {
    for case in &CASES {
        let n = each_failure(case, false, Mode::DiskFull, |n, e, s| {
            let what = format!("{}, change {n}", case.name);
            // The index is left as it was (tidied at once, not by the next run).
            tidy(&s.tmp.path().join(format!("run{n}"))).unwrap_or_else(|e| panic!("{what}: {e}"));
            match e {
                Error::DiskFull { path, .. } => {
                    assert!(path.starts_with(s.tmp.path()), "{what}: {}", path.display());
                    let text = e.to_string();
                    let expected = format!("disk full writing {}; ", path.display());
                    assert!(text.starts_with(&expected), "{what}: {text}");
                    assert!(text.ends_with(" not"), "{what}: {text}");
                }
                e => panic!("{what}: not said as a full disk: {e}"),
            }
        });
        eprintln!("{}: a full disk tried at each of {n} changes", case.name);
        assert!(n >= SOME, "{}: only {n} changes", case.name);
    }
}
