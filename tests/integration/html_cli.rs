//! End-to-end tests of saved HTML pages: `rostra parse` and `rostra ingest` on the
//! hand-written pages in `tests/fixtures/html` (modelled on en.kremlin.ru's markup), each
//! test in its own temporary directory.

use std::process::Output;

use serde::Deserialize;

use crate::util::{decode_lines, fixture, hit_lines, stderr_of, Sandbox};

/// A page with a slider, bold labels with person links and tooltips, and its text version.
const PAGE: &str = "3001.html";
const PAGE_TEXT: &str = "3001.txt";
/// A page saved by a browser under its title: its id comes from its canonical URL (3002).
const SAVED: &str = "news-conference-saved-from-browser.html";

/// A sandbox with the HTML fixtures in `pages/`.
fn sandbox() -> Sandbox {
    let sb = Sandbox::empty();
    for f in [PAGE, PAGE_TEXT, SAVED] {
        sb.copy_in(&fixture("html").join(f), &format!("pages/{f}"));
    }
    sb
}

fn pages(sb: &Sandbox) -> std::path::PathBuf {
    sb.path().join("pages")
}

/// `rostra parse --json FILE...` of files in `pages/`, decoded, one transcript a file.
fn parse_json(sb: &Sandbox, files: &[&str]) -> Vec<serde_json::Value> {
    let out = sb
        .cmd()
        .args(["parse", "--json"])
        .args(files.iter().map(|f| pages(sb).join(f)))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    decode_lines(&out.stdout)
}

/// `rostra ingest --json pages/`.
fn ingest_pages(sb: &Sandbox) -> Output {
    sb.cmd()
        .args(["ingest", "--json"])
        .arg(pages(sb))
        .output()
        .unwrap()
}

#[derive(Debug, Deserialize)]
struct Parsed {
    id: String,
    url: Option<String>,
    title: String,
    date: Option<String>,
    place: Option<String>,
    captions: Vec<String>,
    persons: Vec<String>,
    gaps: Vec<usize>,
    paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Deserialize)]
struct Paragraph {
    speaker: Option<String>,
    role: Option<String>,
    label: Option<String>,
    note: Option<String>,
    retranslated: bool,
    text: String,
}

/// `rostra parse --json` of one fixture page, decoded.
fn parse_one(page: &str) -> Parsed {
    let parsed = parse_json(&sandbox(), &[page]);
    assert_eq!(parsed.len(), 1, "{parsed:?}");
    serde_json::from_value(parsed[0].clone()).unwrap()
}

#[test]
fn parse_json_of_an_html_page_gives_its_speakers() {
    let t = parse_one(PAGE);
    assert_eq!(t.id, "3001");
    assert_eq!(
        t.title,
        "Meeting with Governor of Kaluga Region Vladislav Shapsha"
    );
    assert_eq!(t.date.as_deref(), Some("2021-03-03"));
    assert_eq!(t.place.as_deref(), Some("The Kremlin, Moscow"));
    assert_eq!(
        t.captions,
        ["With Governor of Kaluga Region Vladislav Shapsha."]
    );
    assert_eq!(t.persons, ["Shapsha Vladislav"]);
    assert_eq!(t.gaps, [7]);
    let speakers: Vec<(Option<&str>, Option<&str>)> = t
        .paragraphs
        .iter()
        .map(|p| (p.speaker.as_deref(), p.role.as_deref()))
        .collect();
    let putin = (Some("Vladimir Putin"), Some("President of Russia"));
    let shapsha = (Some("Vladislav Shapsha"), Some("Governor of Kaluga Region"));
    assert_eq!(
        speakers,
        [(None, None), putin, putin, shapsha, shapsha, putin, shapsha]
    );
    // The person link names the speaker; its tooltip (`Shapsha Vladislav`) is not text.
    let p = &t.paragraphs[3];
    assert_eq!(
        p.label.as_deref(),
        Some("Governor of Kaluga Region Vladislav Shapsha")
    );
    assert_eq!(
        p.text,
        "Mr President, the grain harvest was the largest in ten years."
    );
    // A glossary tooltip inside a sentence is not text either.
    assert_eq!(
        t.paragraphs[4].text,
        "Investment in the special economic zone grew by a fifth, and four new plants opened."
    );
    // The note outside the bold.
    assert_eq!(t.paragraphs[6].note.as_deref(), Some("Kaluga Region"));
    assert!(t.paragraphs.iter().all(|p| !p.text.contains("Background")));
}

#[test]
fn html_and_text_versions_parse_to_the_same_transcript() {
    let sb = sandbox();
    let mut parsed = parse_json(&sb, &[PAGE, PAGE_TEXT]);
    // The same transcript by two readers, each named.
    assert_eq!(parsed[0]["reader"], "kremlin.ru saved HTML page");
    assert_eq!(parsed[1]["reader"], "kremlin.ru text layout");
    for t in &mut parsed {
        t.as_object_mut().unwrap().remove("source");
        t.as_object_mut().unwrap().remove("reader");
    }
    assert_eq!(parsed[0], parsed[1]);
}

#[test]
fn a_page_saved_under_its_title_takes_the_id_of_its_canonical_url() {
    let t = parse_one(SAVED);
    assert_eq!(t.id, "3002");
    assert_eq!(
        t.url.as_deref(),
        Some("https://en.kremlin.ru/events/president/news/3002")
    );
    let labelled: Vec<(&str, bool)> = t
        .paragraphs
        .iter()
        .filter_map(|p| Some((p.speaker.as_deref()?, p.retranslated)))
        .collect();
    assert_eq!(
        labelled,
        [
            ("Vladimir Putin", false),
            ("Vladimir Putin", false),
            ("Vladimir Putin", false),
            ("Question", true),
            ("Vladimir Putin", false),
            ("Remark", false)
        ]
    );
    // Neither the single photo's title nor the "See also" box is text.
    for p in &t.paragraphs {
        assert!(!p.text.contains("At the news conference"), "{p:?}");
        assert!(!p.text.contains("See also"), "{p:?}");
    }
}

#[test]
fn ingest_indexes_html_and_text_pages_together() {
    let sb = sandbox();
    // The text version of 3001 would be the same page twice: a text page of another id.
    std::fs::remove_file(pages(&sb).join(PAGE_TEXT)).unwrap();
    sb.copy_in(&fixture("corpus/1002.txt"), "pages/1002.txt");
    let out = ingest_pages(&sb);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"], 3);
    assert_eq!(v["transcripts"], 3);
    assert_eq!(v["errors"], serde_json::json!([]));

    // One word from each page, found in its own transcript.
    for (word, id) in [
        ("harvest", "3001"),
        ("Russky", "3002"),
        ("sanctions", "1002"),
    ] {
        let out = sb
            .cmd()
            .args(["search", "--json", "--", word])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{word}: {}", stderr_of(&out));
        let hits = hit_lines(&out.stdout);
        assert!(!hits.is_empty(), "{word}: no hits");
        assert!(
            hits.iter().all(|h| h["transcript"] == id),
            "{word}: {hits:?}"
        );
    }
}

#[test]
fn bad_html_files_are_named_and_skipped_and_ingest_exits_2() {
    let sb = sandbox();
    std::fs::remove_file(pages(&sb).join(PAGE_TEXT)).unwrap();
    let bad = [
        (
            "notes.html",
            &b"Events\nSome notes saved with the wrong extension."[..],
            "not a saved kremlin.ru page",
        ),
        ("empty.html", b"", "empty file"),
        ("binary.htm", b"<html>\0\x01\x02</html>", "binary file"),
        (
            "deep.html",
            &"<div>".repeat(100_000).into_bytes(),
            "nested more than",
        ),
    ];
    for (name, bytes, _) in &bad {
        std::fs::write(pages(&sb).join(name), bytes).unwrap();
    }
    let out = ingest_pages(&sb);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    for (name, _, reason) in &bad {
        let shown = pages(&sb).join(name).display().to_string();
        assert!(
            err.lines()
                .any(|l| l.starts_with("rostra: ") && l.contains(&shown) && l.contains(reason)),
            "stderr does not say {shown}: {reason}: {err:?}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["transcripts"], 2,
        "the good pages are indexed all the same"
    );

    // `parse` of a bad page names it too, and goes on to the next file.
    let out = sb
        .cmd()
        .args(["parse", "--json"])
        .arg(pages(&sb).join("notes.html"))
        .arg(pages(&sb).join(PAGE))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(stderr_of(&out).contains("notes.html: not a saved kremlin.ru page"));
}
