//! The smaller defects of issue 15 §1, each as a user met it: message wording, option
//! bounds said in the user's units, help and man page that name what is there, notes that
//! reach the JSON, and files in ./corpus that a search does not see.

use std::time::Duration;

use serde_json::Value;

use super::assert_one_error_line;
use crate::util::{decode_lines, fixtures, rostra, stderr_of, Sandbox};

#[test]
fn no_index_is_said_once_with_the_way_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = rostra()
        .current_dir(dir.path())
        .args(["search", "refugees", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let line = assert_one_error_line(&out);
    assert_eq!(
        line,
        "rostra: no index in index (build one with `rostra ingest PATH...`)"
    );
}

#[test]
fn memory_budget_out_of_bounds_is_said_in_mb_with_the_minimum() {
    let sb = Sandbox::new();
    for (threads, memory, range) in [
        ("1", "1", "--memory 15 to 4095"),
        ("2", "20", "--memory 30 to 8190"),
        ("1", "5000", "--memory 15 to 4095"),
    ] {
        let out = sb
            .cmd()
            .args(["ingest", "--threads", threads, "--memory", memory])
            .arg(sb.corpus())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{memory}");
        let line = assert_one_error_line(&out);
        assert!(line.contains(&format!("--memory {memory}:")), "{line}");
        assert!(line.contains(range), "{line}");
        assert!(line.contains("MB"), "{line}");
        assert!(
            !line.contains("bytes") && !line.contains("15000000"),
            "{line}"
        );
        assert!(!sb.index().join("meta.json").exists(), "nothing written");
    }
    // The bounds are tantivy's: the smallest budget said is accepted.
    let out = sb
        .cmd()
        .args(["ingest", "--quiet", "--threads", "2", "--memory", "30"])
        .arg(sb.corpus())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn a_bad_date_is_named_by_its_option_not_as_a_query_error() {
    let sb = Sandbox::indexed();
    for (option, value) in [("--from", "2020-13"), ("--to", "yesterday")] {
        for cmd in ["search", "kwic", "stats"] {
            let out = sb.run(&[cmd, "cooperation", option, value]);
            assert_eq!(out.status.code(), Some(2));
            let line = assert_one_error_line(&out);
            assert!(
                line.starts_with(&format!("rostra: {option}: '{value}' is not a date")),
                "{line}"
            );
            assert!(!line.contains("query:"), "{line}");
        }
    }
}

#[test]
fn ingest_help_names_every_format_it_reads() {
    let out = rostra().args(["ingest", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let patterns = rostra::source::Format::walked_patterns();
    assert!(patterns.len() >= 4, "{patterns:?}");
    for p in patterns {
        assert!(help.contains(&p), "{p} missing from ingest --help:\n{help}");
    }
}

/// The README's `verify` example names the schema version: it must be the binary's.
#[test]
fn readme_schema_version_is_the_binarys() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let said: Vec<u32> = readme
        .match_indices("schema version ")
        .filter_map(|(i, m)| {
            let rest = &readme[i + m.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect();
    assert!(!said.is_empty(), "the README names no schema version");
    for v in said {
        assert_eq!(
            v,
            rostra::index::SCHEMA_VERSION,
            "README.md says schema version {v}: update its `rostra verify` example"
        );
    }
}

#[test]
fn speakers_columns_have_one_name_in_text_and_csv() {
    let sb = Sandbox::indexed();
    let text = sb.stdout(&["speakers"]);
    let head: Vec<&str> = text
        .lines()
        .next()
        .unwrap()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let csv_text = sb.stdout(&["speakers", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let csv_head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    // The text table joins the other names (variants, aliases), roles and labels in its
    // last column; its other columns are CSV columns, in the CSV's order.
    let (last, rest) = head.split_last().unwrap();
    assert_eq!(*last, "= other names / roles / labels");
    let at: Vec<usize> = rest
        .iter()
        .map(|c| {
            csv_head
                .iter()
                .position(|h| h == c)
                .unwrap_or_else(|| panic!("{c} not a CSV column: {csv_head:?}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{rest:?} vs {csv_head:?}"
    );
    assert!(csv_head.ends_with(&["roles".to_string(), "labels".to_string()]));
    let json = sb.json_lines(&["speakers", "--format", "json"]);
    for c in rest {
        assert!(json[0].get(c).is_some(), "{c} not in the JSON: {}", json[0]);
    }
}

/// A prefix with more forms than the bound is cut, with a note on stderr; the JSON summary
/// carries the same note, so a program knows its count is of a cut query.
#[test]
fn a_cut_prefix_is_noted_in_the_json_summary() {
    let sb = Sandbox::empty();
    let words: Vec<String> = (0..600)
        .map(|i| {
            let l = |k: usize| (b'a' + (i / k % 26) as u8) as char;
            format!("sq{}{}{}", l(676), l(26), l(1))
        })
        .collect();
    let record = serde_json::json!({
        "id": "many",
        "title": "Many words",
        "date": "2020-01-01",
        "turns": [{"speaker": "A Speaker", "text": words.join(" ")}],
    });
    let corpus = sb.path().join("many.jsonl");
    std::fs::write(&corpus, format!("{record}\n")).unwrap();
    sb.ingest(&corpus);
    let out = sb.run(&["search", "sq*", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let note = err
        .lines()
        .find(|l| l.contains("512"))
        .unwrap_or_else(|| panic!("no note of the cut on stderr: {err}"))
        .trim_start_matches("rostra: ");
    let lines: Vec<Value> = decode_lines(&out.stdout);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["notes"], serde_json::json!([note]));
    let stats = sb.json_lines(&["stats", "sq*", "--format", "json"]);
    assert_eq!(stats[0]["notes"], serde_json::json!([note]));
    // An uncut query has none.
    let plain = sb.json_lines(&["search", "sqaaa", "--json"]);
    assert_eq!(plain.last().unwrap()["notes"], serde_json::json!([]));
}

#[test]
fn man_page_has_the_environment_and_names_no_missing_pages() {
    let out = rostra().arg("man").output().unwrap();
    assert!(out.status.success());
    let roff = String::from_utf8(out.stdout).unwrap();
    let env = roff
        .split(".SH ENVIRONMENT")
        .nth(1)
        .expect("an ENVIRONMENT section");
    assert!(
        env.contains("ROSTRA_INDEX") && env.contains("NO_COLOR"),
        "{env}"
    );
    // One page, no rostra-search(1) and the like, which are not installed.
    assert!(!roff.contains("(1)"), "refers to other pages");
    for cmd in ["search", "kwic", "stats", "ingest", "speakers", "show"] {
        assert!(
            roff.contains(&format!(".SH \"ROSTRA {}\"", cmd.to_uppercase())),
            "{cmd}"
        );
    }
}

/// A search builds ./index from ./corpus once and never writes it again: a file put in
/// ./corpus later is said to be left out, with how to add it, and nothing is written.
#[test]
fn files_newer_than_the_index_in_corpus_are_said_not_searched() {
    let sb = Sandbox::new();
    let search = || {
        sb.bare()
            .args(["search", "cooperation", "--json", "--color", "never"])
            .output()
            .unwrap()
    };
    let first = search();
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let again = search();
    assert!(
        !stderr_of(&again).contains("newer"),
        "{}",
        stderr_of(&again)
    );

    let added = sb.corpus().join("2001.txt");
    std::fs::copy(fixtures().join("1001.txt"), &added).unwrap();
    // Just after the index's last commit (a copy can keep an older time).
    let built = std::fs::metadata(meta_json(&sb.path().join("index")))
        .and_then(|m| m.modified())
        .unwrap();
    let later = built + Duration::from_millis(10);
    std::fs::File::options()
        .write(true)
        .open(&added)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let meta = std::fs::read(meta_json(&sb.path().join("index"))).unwrap();
    let out = search();
    assert_eq!(out.status.code(), Some(0));
    let err = stderr_of(&out);
    let line = err
        .lines()
        .find(|l| l.contains("newer than the index"))
        .unwrap_or_else(|| panic!("not said: {err}"));
    assert!(line.contains("corpus/ has 1 file newer"), "{line}");
    assert!(line.contains("rostra ingest"), "{line}");
    assert_eq!(
        std::fs::read(meta_json(&sb.path().join("index"))).unwrap(),
        meta,
        "a search wrote the index"
    );
    // --quiet keeps stderr empty; after an ingest there is nothing to say.
    let quiet = sb
        .bare()
        .args(["--quiet", "search", "cooperation"])
        .output()
        .unwrap();
    assert!(stderr_of(&quiet).is_empty(), "{}", stderr_of(&quiet));
    sb.bare()
        .args(["ingest", "--quiet", "corpus"])
        .assert()
        .success();
    let after = search();
    assert!(
        !stderr_of(&after).contains("newer"),
        "{}",
        stderr_of(&after)
    );
    let summary: Vec<Value> = decode_lines(&after.stdout);
    assert!(summary.last().unwrap()["index_docs"].as_u64().unwrap() > 0);
}

/// The `meta.json` of the generation the index at `root` uses (`gen-N/`, named by its
/// pointer file).
fn meta_json(root: &std::path::Path) -> std::path::PathBuf {
    let generation = std::fs::read_to_string(root.join("rostra-generation")).unwrap();
    root.join(generation.trim_end()).join("meta.json")
}

/// `--width` is bounded: `kwic --width 65536` panicked in the formatter (exit 101). Too wide
/// is refused (exit 2, naming the bounds); the widest allowed still prints.
#[test]
fn widths_past_the_bound_are_refused_not_a_panic() {
    let sb = Sandbox::indexed();
    for cmd in ["kwic", "search"] {
        for width in ["65536", "10001", "0", "18446744073709551616"] {
            let out = sb
                .cmd()
                .args([cmd, "cooperation", "--width", width])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd} --width {width}");
            let err = stderr_of(&out);
            assert!(err.contains("--width"), "{cmd} --width {width}: {err}");
            assert!(!err.contains("panicked"), "{cmd} --width {width}: {err}");
        }
        let out = sb
            .cmd()
            .args([cmd, "cooperation", "--width", "10000", "--color", "never"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr_of(&out));
        assert!(!out.stdout.is_empty());
    }
}
