//! End-to-end tests of saved HTML pages: `rostra parse` and `rostra ingest` on the
//! hand-written pages in `tests/fixtures/html` (modelled on en.kremlin.ru's markup), each
//! test in its own temporary directory.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

/// A page with a slider, bold labels with person links and tooltips, and its text version.
const PAGE: &str = "3001.html";
const PAGE_TEXT: &str = "3001.txt";
/// A page saved by a browser under its title: its id comes from its canonical URL (3002).
const SAVED: &str = "news-conference-saved-from-browser.html";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary directory with the HTML fixtures in `pages/`.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("pages")).unwrap();
        let sb = Sandbox { dir };
        for f in [PAGE, PAGE_TEXT, SAVED] {
            sb.copy(&fixtures().join("html").join(f), f);
        }
        sb
    }

    fn pages(&self) -> PathBuf {
        self.dir.path().join("pages")
    }

    fn copy(&self, from: &Path, name: &str) {
        std::fs::copy(from, self.pages().join(name)).unwrap();
    }

    /// `rostra --index <tmp>/index`, run from the sandbox.
    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rostra"));
        c.env_remove("ROSTRA_INDEX")
            .env_remove("NO_COLOR")
            .current_dir(self.dir.path())
            .arg("--index")
            .arg(self.dir.path().join("index"));
        c
    }

    /// `rostra parse --json FILE...`, decoded, one transcript a file.
    fn parse_json(&self, files: &[&str]) -> Vec<serde_json::Value> {
        let out = self
            .cmd()
            .args(["parse", "--json"])
            .args(files.iter().map(|f| self.pages().join(f)))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}")))
            .collect()
    }
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
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

fn decode(v: &serde_json::Value) -> Parsed {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn parse_json_of_an_html_page_gives_its_speakers() {
    let sb = Sandbox::new();
    let t = decode(&sb.parse_json(&[PAGE])[0]);
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
    let sb = Sandbox::new();
    let mut parsed = sb.parse_json(&[PAGE, PAGE_TEXT]);
    for t in &mut parsed {
        t.as_object_mut().unwrap().remove("source");
    }
    assert_eq!(parsed[0], parsed[1]);
}

#[test]
fn a_page_saved_under_its_title_takes_the_id_of_its_canonical_url() {
    let sb = Sandbox::new();
    let t = decode(&sb.parse_json(&[SAVED])[0]);
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
    let sb = Sandbox::new();
    // The text version of 3001 would be the same page twice: a text page of another id.
    std::fs::remove_file(sb.pages().join(PAGE_TEXT)).unwrap();
    sb.copy(&fixtures().join("corpus/1002.txt"), "1002.txt");
    let out = sb
        .cmd()
        .args(["ingest", "--json"])
        .arg(sb.pages())
        .output()
        .unwrap();
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
        let stdout = String::from_utf8(out.stdout).unwrap();
        let hits: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .filter(|h: &serde_json::Value| h["type"] == "hit")
            .collect();
        assert!(!hits.is_empty(), "{word}: no hits");
        assert!(
            hits.iter().all(|h| h["transcript"] == id),
            "{word}: {hits:?}"
        );
    }
}

#[test]
fn bad_html_files_are_named_and_skipped_and_ingest_exits_2() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.pages().join(PAGE_TEXT)).unwrap();
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
        std::fs::write(sb.pages().join(name), bytes).unwrap();
    }
    let out = sb
        .cmd()
        .args(["ingest", "--json"])
        .arg(sb.pages())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    for (name, _, reason) in &bad {
        let shown = sb.pages().join(name).display().to_string();
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
        .arg(sb.pages().join("notes.html"))
        .arg(sb.pages().join(PAGE))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(stderr_of(&out).contains("notes.html: not a saved kremlin.ru page"));
}
