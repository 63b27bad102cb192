//! The cases: the fixture corpus, the full corpus, and small pages made for one rule each
//! (forms of a stem, marked words, voices), each checked against the scan in `mod.rs`.

use std::collections::BTreeSet;

use super::{check_all, Corpus, Key};
use crate::util::{fixtures, rostra, shared_corpus};

/// Words that are their own stem and have inflected forms (`council`, `councils`), whose
/// stemmed search is a union of two terms at every position.
const CHOSEN: &[&str] = &[
    "council",
    "councils",
    "state",
    "states",
    "united states",
    "security council",
    "president of russia",
    "cooperation",
    "talks",
    "meeting",
    "meetings",
    "refugees",
    "running",
    "we have discussed",
    "the development of trade and economic",
    "trade economic cooperation",
];

#[test]
fn fixture_searches_equal_a_brute_force_scan() {
    let c = Corpus::new(&fixtures());
    check_all(
        &c,
        1,
        CHOSEN,
        &[
            ("cooperation", "trade", 3),
            ("russia", "finland", 10),
            ("talks", "president", 2),
        ],
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn full_corpus_searches_equal_a_brute_force_scan() {
    let c = Corpus::new(&shared_corpus().join("txt"));
    check_all(
        &c,
        1601,
        CHOSEN,
        &[
            ("terrorism", "syria", 5),
            ("states", "united", 3),
            ("sanctions", "europe", 8),
            ("council", "security", 1),
        ],
    );
}

/// A stemmed phrase of five words of two forms each (`council`, `councils`): as a phrase
/// (one intersection of the forms' unions) it finds the paragraphs the scan finds; as a
/// sloppy phrase (32 combinations of forms, past the union of plain phrases: tantivy's
/// regex phrase) it finds those with a word in between too.
#[test]
fn long_stemmed_phrases_of_many_forms_agree_with_the_scan() {
    let c = Corpus::one_page(&[
        "The councils states council state councils met.",
        "Council state council state council, as written.",
        "Council state council and state council, not a phrase.",
        "The councils and the states.",
    ]);
    c.check_phrase("council state council state council", false);
    c.check_phrase("council state council state council", true);
    let (found, _) = c.search("\"council state council state council\"", false);
    assert_eq!(found.len(), 2, "{found:?}");
    let (found, _) = c.search("\"council state council state council\"", true);
    assert_eq!(found.len(), 1, "{found:?}");
    let paragraphs = |found: BTreeSet<Key>| found.into_iter().map(|k| k.1).collect::<Vec<_>>();
    let (found, _) = c.search("\"council state council state council\"~1", false);
    assert_eq!(paragraphs(found), [0, 1, 2]);
    let (found, _) = c.search("\"council state council state council\"~1", true);
    assert_eq!(paragraphs(found), [1, 2]);
}

/// Words a stemmed search finds by scanning the term dictionary under their stem's prefix
/// (`hoping` under `hop` for `hope`, `countries` under `countr`), and words it finds only
/// by their marked stem: those that do not start with that prefix (`dying` → `die`,
/// `skies` → `sky`) and those whose stem is too short to scan under (`uses` → `use`).
#[test]
fn words_found_by_prefix_scan_and_by_the_marks_agree_with_the_scan() {
    let c = Corpus::one_page(&[
        "Dying, he died; the dying die. Lying lies lie, and he lied.",
        "Under clear skies, a sky. Country and countries, countryside.",
        "We hope, hoping, hoped; hops and hopping. It uses what we use, used by us.",
        "The possibility is possible; possibilities were possibly there.",
        "He was, he does, as it is; the doe and the does.",
    ]);
    let words = [
        "dying",
        "die",
        "lying",
        "lie",
        "skies",
        "sky",
        "countries",
        "country",
        "hoping",
        "hope",
        "hops",
        "uses",
        "use",
        "us",
        "possibility",
        "possible",
        "was",
        "does",
        "doe",
        "is",
        "dying die",
        "hope hoping",
        "uses what we use",
        "he died",
        "we used",
    ];
    for w in words {
        for exact in [false, true] {
            c.check_phrase(w, exact);
        }
    }
    let (found, _) = c.search("dying", false);
    assert_eq!(found.len(), 1, "{found:?}");
    let (found, _) = c.search("\"clear sky\"", false);
    assert_eq!(found.len(), 1, "{found:?}");
    let (found, _) = c.search("\"we used\"", false);
    assert_eq!(found.len(), 1, "{found:?}");
    // The index lists the words found only by their stem (rostra::index::stems::marks)...
    let marks = generation(&c.indexed.index()).join(".rostra-marks");
    let list = std::fs::read_to_string(&marks).unwrap();
    for line in ["die\tdied dying\n", "sky\tskies\n", "use\tused uses\n"] {
        assert!(list.contains(line), "{line:?} in {list}");
    }
    // ...and a search without the list stems the index's words itself: the same hits.
    std::fs::remove_file(&marks).unwrap();
    for w in [
        "dying",
        "skies",
        "uses",
        "possibility",
        "we used",
        "dying die",
    ] {
        c.check_phrase(w, false);
    }
}

#[test]
fn a_later_ingest_lists_the_marked_words_of_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    std::fs::create_dir(&corpus).unwrap();
    let page = |n: u32, text: &str| {
        std::fs::write(
            corpus.join(format!("{n}.txt")),
            format!("Events\nMeeting {n}\nNovember {n}, 2020\nMoscow\nVladimir Putin: {text}\n"),
        )
        .unwrap();
    };
    let ingest = || {
        rostra()
            .arg("--index")
            .arg(&index)
            .args(["ingest", "--quiet"])
            .arg(&corpus)
            .assert()
            .success();
    };
    let found = |query: &str| {
        let out = rostra()
            .arg("--index")
            .arg(&index)
            .args(["search", "--json", "--", query])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().lines().count() - 1
    };
    page(1, "Under clear skies.");
    ingest();
    assert_eq!(found("die"), 0);
    page(2, "The dying man.");
    ingest();
    let list = std::fs::read_to_string(generation(&index).join(".rostra-marks")).unwrap();
    assert!(list.contains("die\tdying\n"), "{list}");
    assert!(list.contains("sky\tskies\n"), "{list}");
    assert_eq!(found("die"), 1);
    assert_eq!(found("sky"), 1);
}

#[test]
fn speaker_role_and_label_clauses_equal_a_scan_of_the_voices() {
    let c = Corpus::new(&fixtures());
    let voices: BTreeSet<[Option<String>; 3]> = c.voices.iter().cloned().collect();
    assert!(voices.len() > 3, "{voices:?}");
    for (field, words, also) in [
        ("speaker", "putin", None),
        ("speaker", "vladimir putin", Some("cooperation")),
        ("speaker", "niinisto", Some("russia")),
        ("speaker", "nobody", Some("russia")),
        ("role", "president", None),
        ("role", "presidents of finland", None),
        ("role", "president", Some("trade")),
        ("label", "president of russia", None),
        ("label", "vladimir putin", Some("russia")),
    ] {
        let found = c.check_voice(field, words, also);
        assert_eq!(
            found == 0,
            words == "nobody",
            "{field}:{words} {also:?}: {found}"
        );
    }
}

/// The folder of the generation the index at `index` uses (where its files are).
fn generation(index: &std::path::Path) -> std::path::PathBuf {
    rostra::index::home::current(index)
        .unwrap()
        .expect("an index")
        .dir(index)
}
