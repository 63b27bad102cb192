//! `rostra ingest` of the fixture corpus: its summary, re-ingesting, and bad files.

use std::process::Output;

use crate::util::{stderr_of, Sandbox, PARAGRAPHS};

/// `rostra ingest --color never corpus/`, with its summary on stdout.
fn ingest(sb: &Sandbox) -> Output {
    sb.cmd()
        .args(["ingest", "--color", "never"])
        .arg(sb.corpus())
        .output()
        .unwrap()
}

#[test]
fn ingest_prints_summary_and_reingesting_does_not_duplicate_documents() {
    let sb = Sandbox::new();
    let out = ingest(&sb);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        summary.contains("4 files") && summary.contains("4 transcripts"),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("{PARAGRAPHS} paragraphs")),
        "{summary}"
    );
    assert!(summary.contains("0 errors"), "{summary}");

    let (hits, first) = sb.search_json("cooperation", &["--limit", "100"]);
    assert_eq!(first.index_docs, PARAGRAPHS);
    assert!(first.total > 0);

    // The same files again: pages are replaced, not added a second time.
    sb.cmd()
        .args(["ingest", "--quiet", "--color", "never"])
        .arg(sb.corpus())
        .assert()
        .code(0);
    let (hits_again, second) = sb.search_json("cooperation", &["--limit", "100"]);
    assert_eq!(second.index_docs, PARAGRAPHS);
    assert_eq!(second.total, first.total);
    assert_eq!(hits_again.len(), hits.len());
}

#[test]
fn ingest_json_summary_is_one_object() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["ingest", "--json"])
        .arg(sb.corpus())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["type"], "ingest");
    assert_eq!(v["files"], 4);
    assert_eq!(v["transcripts"], 4);
    assert_eq!(v["paragraphs"], PARAGRAPHS);
    assert_eq!(v["errors"], serde_json::json!([]));
}

#[test]
fn ingest_skips_empty_and_binary_files_names_them_and_exits_2() {
    let sb = Sandbox::new();
    let empty = sb.corpus().join("2001.txt");
    let binary = sb.corpus().join("2002.txt");
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&binary, b"Events\nA title\0with a NUL byte\n").unwrap();

    let out = ingest(&sb);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    for bad in [&empty, &binary] {
        let shown = bad.display().to_string();
        assert!(
            err.lines()
                .any(|l| l.starts_with("rostra: ") && l.contains(&shown)),
            "stderr does not name {shown}: {err:?}"
        );
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("4 transcripts"), "{stdout}");
    assert!(stdout.contains("2 errors"), "{stdout}");

    // The good files were indexed all the same.
    let (hits, summary) = sb.search_json("cooperation", &[]);
    assert_eq!(summary.index_docs, PARAGRAPHS);
    assert!(!hits.is_empty());
}
