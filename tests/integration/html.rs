//! HTML and text versions of the same page give the same transcript: every saved page in
//! `../shared/corpus/kremlin-en/html` against its text version in `../txt`. Both checks are
//! `#[ignore = "needs ../shared/corpus"]`, run by `.ci/run` when the corpus is there.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rostra::source;
use rostra::transcript::file::File;
use rostra::transcript::Transcript;

use crate::util::{files_with_extension, shared_corpus};

/// A page's transcript, and its lines in the text layout.
type Parsed = (Transcript, Vec<String>);

/// A page read the way `rostra parse` reads it, with `source` left out of the comparison.
fn parse(path: &Path) -> Parsed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let file = File::decode(path, bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut t = file.parse().transcripts.remove(0);
    t.source.clear();
    let lines = file
        .text()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (t, lines)
}

/// A transcript as `rostra parse --json` prints it.
fn as_json(t: &Transcript) -> serde_json::Value {
    let mut line = Vec::new();
    rostra::render::json::transcript(&mut line, t, None).unwrap();
    serde_json::from_slice(&line).unwrap()
}

/// Where two transcripts differ: each differing field, the first differing paragraph, and
/// the first line where the converted HTML and the text version part.
fn describe(id: &str, h: &Transcript, t: &Transcript, hl: &[String], tl: &[String]) -> String {
    let mut out = format!("page {id}:\n");
    let hv = as_json(h);
    let tv = as_json(t);
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
    writeln!(out, "  text layout parts at {}", first_difference(hl, tl)).unwrap();
    out
}

/// The first line where the converted HTML and the text version part.
fn first_difference(hl: &[String], tl: &[String]) -> String {
    let at = hl
        .iter()
        .zip(tl)
        .position(|(a, b)| a != b)
        .unwrap_or(hl.len().min(tl.len()));
    format!(
        "line {}: html {:?} / txt {:?}",
        at + 1,
        hl.get(at),
        tl.get(at)
    )
}

/// Every saved HTML page of the shared corpus with its text version: `(id, html, txt)`.
fn pairs(dir: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    let files = files_with_extension(&dir.join("html"), "html");
    assert_eq!(files.len(), 300, "the shared corpus has 300 HTML pages");
    files
        .into_iter()
        .map(|html| {
            let id = source::id_from_path(&html);
            let txt = dir.join("txt").join(format!("{id}.txt"));
            (id, html, txt)
        })
        .collect()
}

/// `differ` on every page's HTML and text versions, parsed: fails naming every page where
/// it finds a difference.
fn check_every_pair(differ: impl Fn(&str, &Path, Parsed, Parsed) -> Option<String>) {
    let pairs = pairs(&shared_corpus());
    let failures: Vec<String> = pairs
        .iter()
        .filter_map(|(id, html, txt)| differ(id, html, parse(html), parse(txt)))
        .collect();
    eprintln!(
        "HTML parity: {}/{} pages agree",
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

#[test]
#[ignore = "needs ../shared/corpus"]
fn html_and_text_versions_give_the_same_transcript() {
    check_every_pair(|id, html, (h, hl), (t, tl)| {
        assert_eq!(h.id, id, "the page id of {}", html.display());
        (h != t).then(|| describe(id, &h, &t, &hl, &tl))
    });
}

/// Stronger than the transcripts being equal: the converted page is the text version, line
/// for line (up to runs of white space), so no rule of the text parser can tell them apart.
#[test]
#[ignore = "needs ../shared/corpus"]
fn html_converts_to_the_text_layout_line_for_line() {
    check_every_pair(|id, _, (_, hl), (_, tl)| {
        (hl != tl).then(|| format!("page {id}, {}", first_difference(&hl, &tl)))
    });
}
