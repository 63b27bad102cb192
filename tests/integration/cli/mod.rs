//! End-to-end tests of the `rostra` binary over the small corpus in `tests/fixtures/corpus`,
//! one module per topic.
//!
//! Every test works in its own sandbox (`util::Sandbox`): the fixtures are copied there and
//! the index is built there (`--index <tmp>/index`), so the repository's `index/` is never
//! touched. Colour is always chosen explicitly, and `NO_COLOR`/`ROSTRA_INDEX` are removed
//! from the environment, so the results do not depend on the caller's shell. This module
//! holds what they share: the decoded shape of `search --json` and the error-line check.

mod filters;
mod ingest;
mod output;
mod parse;
mod search;
mod smaller;
mod speakers;

use serde::Deserialize;

use crate::util::{stderr_of, Sandbox};

impl Sandbox {
    /// `rostra search QUERY --json EXTRA...`: the hits and the summary, checking that
    /// every line is valid JSON of the documented shape.
    fn search_json(&self, query: &str, extra: &[&str]) -> (Vec<HitLine>, Summary) {
        let out = self
            .cmd()
            .args(["search", "--json", "--color", "never"])
            .args(extra)
            .arg("--")
            .arg(query)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "search {query:?} {extra:?} failed ({code:?}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        decode_search(&stdout)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Highlight {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct HitLine {
    #[serde(rename = "type")]
    kind: String,
    transcript: String,
    paragraph: u64,
    speaker: Option<String>,
    role: Option<String>,
    label: Option<String>,
    date: Option<String>,
    time: Option<String>,
    title: String,
    place: Option<String>,
    url: Option<String>,
    score: f32,
    text: String,
    highlights: Vec<Highlight>,
}

impl HitLine {
    /// The highlighted substrings, taking `start..end` as character offsets.
    fn highlighted(&self) -> Vec<String> {
        self.highlights
            .iter()
            .map(|h| {
                assert!(h.start < h.end, "empty highlight {h:?} in {self:?}");
                assert!(
                    h.end <= self.text.chars().count(),
                    "highlight {h:?} past the end of {:?}",
                    self.text
                );
                self.text
                    .chars()
                    .skip(h.start)
                    .take(h.end - h.start)
                    .collect()
            })
            .collect()
    }
}

#[derive(Debug, Deserialize)]
struct Summary {
    #[serde(rename = "type")]
    kind: String,
    query: String,
    hits: usize,
    total: usize,
    elapsed_ms: f64,
    index_docs: u64,
}

/// Split `search --json` output into hit lines and the closing summary line.
fn decode_search(stdout: &str) -> (Vec<HitLine>, Summary) {
    let lines: Vec<&str> = stdout.lines().collect();
    let (last, hit_lines) = lines.split_last().expect("at least a summary line");
    let hits: Vec<HitLine> = hit_lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad hit line {l}: {e}")))
        .collect();
    for h in &hits {
        assert_eq!(h.kind, "hit");
    }
    let summary: Summary =
        serde_json::from_str(last).unwrap_or_else(|e| panic!("bad summary line {last}: {e}"));
    assert_eq!(summary.kind, "summary");
    assert_eq!(summary.hits, hits.len());
    assert!(summary.total >= summary.hits);
    assert!(summary.elapsed_ms >= 0.0);
    (hits, summary)
}

/// stderr is exactly one line, starting with `rostra:`.
fn assert_one_error_line(out: &std::process::Output) -> String {
    let err = stderr_of(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one stderr line, got {err:?}");
    assert!(lines[0].starts_with("rostra: "), "stderr: {err:?}");
    lines[0].to_string()
}

/// The (transcript, paragraph) pairs of a search's hits, sorted.
fn hit_keys(hits: &[HitLine]) -> Vec<(String, u64)> {
    let mut keys: Vec<(String, u64)> = hits
        .iter()
        .map(|h| (h.transcript.clone(), h.paragraph))
        .collect();
    keys.sort();
    keys
}
