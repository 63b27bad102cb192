//! HTML and text versions of the same page give the same transcript: every saved page in
//! `../shared/corpus/kremlin-en/html` against its text version in `../txt`. Runs when the
//! corpus is beside the repository (always in CI) and says so, and passes, when it is not.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rostra::source;
use rostra::transcript::{self, Transcript};

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kremlin-en");
    if dir.join("html").is_dir() && dir.join("txt").is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: ../shared/corpus/kremlin-en is not here; HTML parity did not run");
        None
    }
}

/// A page read the way `rostra parse` reads it, with `source` left out of the comparison.
fn parse(path: &Path) -> (Transcript, Vec<String>) {
    let text = source::read_text(path).unwrap_or_else(|e| panic!("{e}"));
    let mut t = transcript::parse_text("", &text.page_id(path), &text.text);
    t.source.clear();
    let lines = text
        .text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (t, lines)
}

/// Where two transcripts differ: each differing field, the first differing paragraph, and
/// the first line where the converted HTML and the text version part.
fn describe(id: &str, h: &Transcript, t: &Transcript, hl: &[String], tl: &[String]) -> String {
    let mut out = format!("page {id}:\n");
    let hv = serde_json::to_value(h).unwrap();
    let tv = serde_json::to_value(t).unwrap();
    for (k, v) in tv.as_object().unwrap() {
        if k != "paragraphs" && hv[k] != *v {
            writeln!(out, "  {k}: html {} / txt {v}", hv[k]).unwrap();
        }
    }
    if h.paragraphs.len() != t.paragraphs.len() {
        writeln!(
            out,
            "  paragraphs: html {} / txt {}",
            h.paragraphs.len(),
            t.paragraphs.len()
        )
        .unwrap();
    }
    if let Some((a, b)) = h.paragraphs.iter().zip(&t.paragraphs).find(|(a, b)| a != b) {
        writeln!(
            out,
            "  first differing paragraph:\n    html {a:?}\n    txt  {b:?}"
        )
        .unwrap();
    }
    let at = hl
        .iter()
        .zip(tl)
        .position(|(a, b)| a != b)
        .unwrap_or(hl.len().min(tl.len()));
    writeln!(
        out,
        "  text layout parts at line {}: html {:?} / txt {:?}",
        at + 1,
        hl.get(at),
        tl.get(at)
    )
    .unwrap();
    out
}

/// Every saved HTML page of the shared corpus with its text version: `(id, html, txt)`.
fn pairs(dir: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .expect("html dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 300, "the shared corpus has 300 HTML pages");
    files
        .into_iter()
        .map(|html| {
            let id = transcript::id_from_path(&html);
            let txt = dir.join("txt").join(format!("{id}.txt"));
            (id, html, txt)
        })
        .collect()
}

#[test]
fn html_and_text_versions_give_the_same_transcript() {
    let Some(dir) = shared() else { return };
    let pairs = pairs(&dir);
    let mut failures = Vec::new();
    for (id, html, txt) in &pairs {
        let (h, hl) = parse(html);
        let (t, tl) = parse(txt);
        assert_eq!(h.id, *id, "the page id of {}", html.display());
        if h != t {
            failures.push(describe(id, &h, &t, &hl, &tl));
        }
    }
    eprintln!(
        "HTML parity: {}/{} pages give identical transcripts",
        pairs.len() - failures.len(),
        pairs.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} pages differ:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}

/// Stronger than the transcripts being equal: the converted page is the text version, line
/// for line (up to runs of white space), so no rule of the text parser can tell them apart.
#[test]
fn html_converts_to_the_text_layout_line_for_line() {
    let Some(dir) = shared() else { return };
    let pairs = pairs(&dir);
    let mut failures = Vec::new();
    for (id, html, txt) in &pairs {
        let (_, hl) = parse(html);
        let (_, tl) = parse(txt);
        if hl != tl {
            let at = hl
                .iter()
                .zip(&tl)
                .position(|(a, b)| a != b)
                .unwrap_or(hl.len().min(tl.len()));
            failures.push(format!(
                "page {id}, line {}: html {:?} / txt {:?}",
                at + 1,
                hl.get(at),
                tl.get(at)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages differ:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}
