//! End-to-end tests of the `rostra` binary over the small corpus in `tests/fixtures/corpus`.
//!
//! Every test works in its own temporary directory: the fixtures are copied there and the
//! index is built there (`--index <tmp>/index`), so the repository's `index/` is never
//! touched. Colour is always chosen explicitly, and `NO_COLOR`/`ROSTRA_INDEX` are removed
//! from the environment, so the results do not depend on the caller's shell.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

use crate::util::rostra;

/// The fixture page ids and their dates.
const PAGES: [(&str, &str); 4] = [
    ("1001", "2015-03-12"),
    ("1002", "2018-06-07"),
    ("1003", "2020-11-20"),
    ("1004", "2018-12-20"),
];

/// Paragraphs in the fixture corpus (each file's body, one per line, without labels alone,
/// captions, separators or elisions).
const PARAGRAPHS: u64 = 24;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// A temporary directory holding a copy of the fixture corpus in `corpus/`.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for entry in std::fs::read_dir(fixtures()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
        }
        Sandbox { dir }
    }

    /// A sandbox whose index is already built from its corpus.
    fn indexed() -> Sandbox {
        let sb = Sandbox::new();
        sb.cmd()
            .args(["ingest", "--quiet"])
            .arg(sb.corpus())
            .assert()
            .success();
        sb
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }

    fn index(&self) -> PathBuf {
        self.path().join("index")
    }

    /// `rostra --index <tmp>/index`, run from the sandbox.
    fn cmd(&self) -> Command {
        let mut c = rostra();
        c.current_dir(self.path()).arg("--index").arg(self.index());
        c
    }

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

/// The binary, with the environment that would change its behaviour removed.

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

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// stderr is exactly one line, starting with `rostra:`.
fn assert_one_error_line(out: &std::process::Output) -> String {
    let err = stderr_of(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one stderr line, got {err:?}");
    assert!(lines[0].starts_with("rostra: "), "stderr: {err:?}");
    lines[0].to_string()
}

// ---------------------------------------------------------------------------------------
// ingest

#[test]
fn ingest_prints_summary_and_reingesting_does_not_duplicate_documents() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["ingest", "--color", "never"])
        .arg(sb.corpus())
        .output()
        .unwrap();
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

    let out = sb
        .cmd()
        .args(["ingest", "--color", "never"])
        .arg(sb.corpus())
        .output()
        .unwrap();
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

// ---------------------------------------------------------------------------------------
// search --json

#[test]
fn search_json_lines_decode_and_carry_page_urls() {
    let sb = Sandbox::indexed();
    let (hits, summary) = sb.search_json("cooperation", &["--limit", "100"]);
    assert_eq!(summary.query, "cooperation");
    assert_eq!(summary.hits, hits.len());
    assert!(hits.len() >= 4, "{hits:?}");
    for h in &hits {
        assert_eq!(
            h.url.as_deref(),
            Some(
                format!(
                    "https://en.kremlin.ru/events/president/news/{}",
                    h.transcript
                )
                .as_str()
            )
        );
        let date = PAGES
            .iter()
            .find(|(id, _)| *id == h.transcript)
            .map(|(_, d)| *d);
        assert_eq!(h.date.as_deref(), date, "{h:?}");
        assert!(h.time.as_deref().is_some_and(|t| t.len() == 5), "{h:?}");
        assert!(!h.title.is_empty());
        assert!(h.place.is_some(), "{h:?}");
        assert!(h.label.is_some(), "{h:?}");
        assert!(h.score > 0.0);
        let words = h.highlighted();
        assert!(!words.is_empty(), "no highlight in {h:?}");
        for w in words {
            assert_eq!(w.to_lowercase(), "cooperation", "{h:?}");
        }
    }
    // Best first.
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn phrase_highlights_are_character_offsets_of_the_phrase_only() {
    let sb = Sandbox::indexed();
    let (hits, summary) = sb.search_json("\"united states\"", &[]);
    // 1002 ¶2 (Question), 1002 ¶3 (lower case, after a curly apostrophe), 1004 ¶3.
    assert_eq!(summary.total, 3, "{hits:?}");
    let mut found: Vec<(String, u64)> = hits
        .iter()
        .map(|h| (h.transcript.clone(), h.paragraph))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("1002".to_string(), 2),
            ("1002".to_string(), 3),
            ("1004".to_string(), 3)
        ]
    );
    for h in &hits {
        let words = h.highlighted();
        assert!(!words.is_empty(), "{h:?}");
        for w in &words {
            assert_eq!(w.to_lowercase(), "united states", "{h:?}");
        }
        // 1004 ¶3 also says "United Nations" and "states abstained": neither is marked.
        for hl in &h.highlights {
            let after: String = h.text.chars().skip(hl.start).collect();
            assert!(!after.starts_with("United Nations"), "{h:?}");
            assert!(!after.starts_with("states abstained"), "{h:?}");
        }
    }
    // The non-ASCII apostrophe before the match makes byte and character offsets differ.
    let lower = hits
        .iter()
        .find(|h| h.transcript == "1002" && h.paragraph == 3)
        .unwrap();
    assert!(lower.text.contains('’'));
    assert_eq!(lower.highlighted(), vec!["united states".to_string()]);
}

#[test]
fn phrase_does_not_match_words_apart() {
    let sb = Sandbox::indexed();
    // 1002 ¶5 has "United Nations" and "states abstained", but not the phrase.
    let (hits, _) = sb.search_json("\"united states\"", &[]);
    assert!(!hits
        .iter()
        .any(|h| h.transcript == "1002" && h.paragraph == 5));
    let (both, _) = sb.search_json("united states", &[]);
    assert!(both
        .iter()
        .any(|h| h.transcript == "1002" && h.paragraph == 5));
}

// ---------------------------------------------------------------------------------------
// filters

#[test]
fn speaker_filter_keeps_only_that_speaker_in_any_case_by_surname_or_full_name() {
    let sb = Sandbox::indexed();
    let (all, _) = sb.search_json("cooperation OR trade", &["--limit", "100"]);
    assert!(
        all.iter()
            .any(|h| h.speaker.as_deref() != Some("Vladimir Putin")),
        "the query should also find other speakers: {all:?}"
    );
    let mut seen: Option<Vec<(String, u64)>> = None;
    for name in [
        "putin",
        "PUTIN",
        "Putin",
        "Vladimir Putin",
        "vladimir putin",
    ] {
        let (hits, summary) = sb.search_json(
            "cooperation OR trade",
            &["--limit", "100", "--speaker", name],
        );
        assert!(!hits.is_empty(), "--speaker {name}");
        assert_eq!(summary.total, hits.len());
        for h in &hits {
            assert!(
                h.speaker.as_deref().is_some_and(|s| s.contains("Putin")),
                "--speaker {name}: {h:?}"
            );
        }
        let mut ids: Vec<(String, u64)> = hits
            .iter()
            .map(|h| (h.transcript.clone(), h.paragraph))
            .collect();
        ids.sort();
        match &seen {
            None => seen = Some(ids),
            Some(prev) => assert_eq!(prev, &ids, "--speaker {name}"),
        }
    }
    assert!(seen.unwrap().len() < all.len());
}

#[test]
fn speaker_filter_finds_a_foreign_leader_named_in_the_footer() {
    let sb = Sandbox::indexed();
    let (hits, _) = sb.search_json("cooperation", &["--speaker", "niinisto"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].speaker.as_deref(), Some("Sauli Niinisto"));
    assert_eq!(hits[0].role.as_deref(), Some("President of Finland"));
}

#[test]
fn date_range_keeps_only_hits_in_that_period() {
    let sb = Sandbox::indexed();
    let (all, _) = sb.search_json("cooperation OR refugees", &["--limit", "100"]);
    assert!(all
        .iter()
        .any(|h| !h.date.as_deref().unwrap().starts_with("2018")));
    let (hits, summary) = sb.search_json(
        "cooperation OR refugees",
        &["--limit", "100", "--from", "2018", "--to", "2018-12"],
    );
    assert!(!hits.is_empty());
    assert_eq!(summary.total, hits.len());
    for h in &hits {
        assert!(
            h.date.as_deref().is_some_and(|d| d.starts_with("2018-")),
            "{h:?}"
        );
    }
    // Both 2018 pages, including the one from late December (the last day of --to).
    let mut pages: Vec<&str> = hits.iter().map(|h| h.transcript.as_str()).collect();
    pages.sort();
    pages.dedup();
    assert_eq!(pages, vec!["1002", "1004"]);

    // A single day.
    let (day, _) = sb.search_json(
        "cooperation OR refugees",
        &["--from", "2020-11-20", "--to", "2020-11-20"],
    );
    assert!(!day.is_empty());
    assert!(day.iter().all(|h| h.transcript == "1003"));
}

#[test]
fn bad_date_exits_2_with_one_error_line() {
    let sb = Sandbox::indexed();
    for args in [
        ["--from", "2018-13"],
        ["--to", "2018-02-30"],
        ["--from", "yesterday"],
    ] {
        let out = sb
            .cmd()
            .args(["search", "cooperation", "--color", "never"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let line = assert_one_error_line(&out);
        assert!(line.contains(args[1]), "{line}");
    }
}

#[test]
fn reversed_date_range_is_an_error() {
    let sb = Sandbox::indexed();
    let out = sb
        .cmd()
        .args([
            "search",
            "cooperation",
            "--from",
            "2020",
            "--to",
            "2018",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_one_error_line(&out);
}

// ---------------------------------------------------------------------------------------
// exit codes, syntax, exclusion, word forms

#[test]
fn no_hits_exits_1_with_empty_stdout() {
    let sb = Sandbox::indexed();
    for extra in [&["--color", "never"][..], &["--json"][..]] {
        let out = sb
            .cmd()
            .args(["search", "xylophone"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        if extra.contains(&"--json") {
            // Only the summary line, saying nothing was found.
            let (hits, summary) = decode_search(&String::from_utf8(out.stdout).unwrap());
            assert!(hits.is_empty());
            assert_eq!(summary.total, 0);
        } else {
            assert!(out.stdout.is_empty(), "{:?}", out.stdout);
        }
    }
}

#[test]
fn query_syntax_error_exits_2_with_one_line() {
    let sb = Sandbox::indexed();
    for q in ["\"unclosed", "(refugees", "refugees OR", "nofield:refugees"] {
        let out = sb
            .cmd()
            .args(["search", "--color", "never", "--", q])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{q}");
        assert!(out.stdout.is_empty(), "{q}");
        assert_one_error_line(&out);
    }
}

#[test]
fn syntax_error_does_not_build_an_index() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .current_dir(sb.path())
        .args(["search", "--color", "never", "\"unclosed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_one_error_line(&out);
    assert!(!sb.index().join("meta.json").exists());
}

#[test]
fn minus_word_excludes_paragraphs_containing_it() {
    let sb = Sandbox::indexed();
    let (with, _) = sb.search_json("cooperation", &["--limit", "100"]);
    assert!(
        with.iter().any(|h| h.text.to_lowercase().contains("trade")),
        "fixture should have a paragraph with both words"
    );
    let (without, _) = sb.search_json("cooperation -trade", &["--limit", "100"]);
    assert!(!without.is_empty());
    assert!(without.len() < with.len());
    for h in &without {
        assert!(!h.text.to_lowercase().contains("trade"), "{h:?}");
    }
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

#[test]
fn title_place_and_tag_queries_select_whole_transcripts() {
    let sb = Sandbox::indexed();
    let all = ["--limit", "1000"];
    let page = |id: &str| hit_keys(&sb.search_json(&format!("transcript:{id}"), &all).0);
    let p1001 = page("1001");
    assert!(!p1001.is_empty());
    // The title of 1001 has "Finland"; so has its Geography tag; its place does not.
    assert_eq!(hit_keys(&sb.search_json("title:finland", &all).0), p1001);
    assert_eq!(
        hit_keys(&sb.search_json("geography:finland", &all).0),
        p1001
    );
    assert_eq!(
        hit_keys(&sb.search_json("title:\"president of finland\"", &all).0),
        p1001
    );
    // A tag shared by three pages, as a phrase, stemmed.
    let mut foreign = [page("1001"), page("1002"), page("1004")].concat();
    foreign.sort();
    assert_eq!(
        hit_keys(&sb.search_json("topic:\"foreign policies\"", &all).0),
        foreign
    );
    // Excluded, and combined with words of the text.
    assert_eq!(
        hit_keys(&sb.search_json("geography:russia -title:annual", &all).0),
        page("1003")
    );
    let (both, _) = sb.search_json("cooperation title:finland", &all);
    assert!(!both.is_empty());
    for h in &both {
        assert_eq!(h.transcript, "1001", "{h:?}");
        assert!(h.text.to_lowercase().contains("cooperation"), "{h:?}");
    }
    let (none, _) = sb.search_json("title:nowhereland", &all);
    assert!(none.is_empty());
}

#[test]
fn exact_matches_the_word_form_while_default_search_stems() {
    let sb = Sandbox::indexed();
    let (stemmed, _) = sb.search_json("refugee", &["--limit", "100"]);
    let (exact, _) = sb.search_json("refugee", &["--limit", "100", "--exact"]);
    assert!(stemmed.len() > exact.len(), "{stemmed:?} vs {exact:?}");
    // Stemmed: "refugees" counts, and is what is highlighted.
    assert!(stemmed
        .iter()
        .flat_map(|h| h.highlighted())
        .any(|w| w.eq_ignore_ascii_case("refugees")));
    // Exact: only the singular, in 1003.
    assert_eq!(exact.len(), 1, "{exact:?}");
    assert_eq!(exact[0].transcript, "1003");
    assert_eq!(exact[0].highlighted(), vec!["refugee".to_string()]);

    let (plural, _) = sb.search_json("refugees", &["--limit", "100", "--exact"]);
    assert!(plural.iter().all(|h| !h.text.contains("refugee family")));
    assert_eq!(plural.len() + exact.len(), stemmed.len());
}

// ---------------------------------------------------------------------------------------
// parse

#[derive(Debug, Deserialize)]
struct ParsedParagraph {
    index: usize,
    turn: usize,
    speaker: Option<String>,
    role: Option<String>,
    label: Option<String>,
    retranslated: bool,
    text: String,
}

#[derive(Debug, Deserialize)]
struct Parsed {
    source: String,
    title: String,
    lead: Option<String>,
    date: Option<String>,
    time: Option<String>,
    place: Option<String>,
    geography: Vec<String>,
    topics: Vec<String>,
    persons: Vec<String>,
    paragraphs: Vec<ParsedParagraph>,
}

fn parse_json(sb: &Sandbox, files: &[&str]) -> Vec<Parsed> {
    let mut c = sb.cmd();
    c.args(["parse", "--json"]);
    for f in files {
        c.arg(sb.corpus().join(f));
    }
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}")))
        .collect()
}

#[test]
fn parse_json_gives_one_object_per_file_with_header_and_footer() {
    let sb = Sandbox::new();
    let files: Vec<String> = PAGES.iter().map(|(id, _)| format!("{id}.txt")).collect();
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let parsed = parse_json(&sb, &names);
    assert_eq!(parsed.len(), PAGES.len());
    for (t, (id, date)) in parsed.iter().zip(PAGES) {
        assert!(t.source.ends_with(&format!("{id}.txt")), "{}", t.source);
        assert_eq!(t.date.as_deref(), Some(date));
        assert!(!t.title.is_empty());
        assert!(!t.paragraphs.is_empty());
        for (i, p) in t.paragraphs.iter().enumerate() {
            assert_eq!(p.index, i);
            assert!(!p.text.contains("<…>"), "{id}: {p:?}");
            assert!(!p.text.is_empty());
        }
        assert!(t.paragraphs.windows(2).all(|w| w[0].turn <= w[1].turn));
    }
    let total: usize = parsed.iter().map(|t| t.paragraphs.len()).sum();
    assert_eq!(total as u64, PARAGRAPHS);

    let t = &parsed[0];
    assert_eq!(t.title, "Talks with President of Finland Sauli Niinisto");
    assert!(t
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("Vladimir Putin held talks")));
    assert_eq!(t.time.as_deref(), Some("15:40"));
    assert_eq!(t.place.as_deref(), Some("The Kremlin, Moscow"));
    assert_eq!(t.geography, vec!["Finland"]);
    assert_eq!(t.topics, vec!["Foreign policy"]);
    assert_eq!(t.persons, vec!["Niinisto Sauli"]);
    // The photo caption is not a paragraph.
    assert!(!t
        .paragraphs
        .iter()
        .any(|p| p.text.starts_with("Before the talks")));

    // No lead, a one-word place, no Persons block.
    let t = &parsed[1];
    assert_eq!(t.lead, None);
    assert_eq!(t.place.as_deref(), Some("Qingdao"));
    assert!(t.persons.is_empty());
}

#[test]
fn parse_canonicalises_speakers_and_marks_retranslated_paragraphs() {
    let sb = Sandbox::new();
    let parsed = parse_json(&sb, &["1001.txt"]);
    let t = &parsed[0];

    let first = &t.paragraphs[0];
    assert_eq!(first.speaker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(first.role.as_deref(), Some("President of Russia"));
    assert_eq!(
        first.label.as_deref(),
        Some("President of Russia Vladimir Putin")
    );
    assert_eq!(first.text, "Mr President, colleagues, welcome to Moscow.");
    assert!(!first.retranslated);
    // A continuation line keeps the speaker and the turn.
    assert_eq!(t.paragraphs[1].speaker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(t.paragraphs[1].turn, first.turn);

    // The label alone on its line, then `(retranslated): text`.
    let rt: Vec<&ParsedParagraph> = t.paragraphs.iter().filter(|p| p.retranslated).collect();
    assert_eq!(rt.len(), 3, "{:?}", t.paragraphs);
    assert_eq!(rt[0].text, "Thank you, Mr President, for the invitation.");
    for p in &rt {
        assert_eq!(p.speaker.as_deref(), Some("Sauli Niinisto"));
        assert_eq!(p.role.as_deref(), Some("President of Finland"));
        assert!(!p.text.contains("retranslated"));
        assert_eq!(p.turn, rt[0].turn);
    }
    assert!(rt[0].turn > first.turn);

    // The bare label later on is the same speaker as the full one.
    let last = t.paragraphs.last().unwrap();
    assert_eq!(last.speaker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(last.role.as_deref(), Some("President of Russia"));
    assert_eq!(last.label.as_deref(), Some("Vladimir Putin"));
    assert!(!last.retranslated);
    assert!(last.turn > rt[0].turn);

    // Generic speakers and the page's own speakers elsewhere.
    let parsed = parse_json(&sb, &["1002.txt", "1003.txt"]);
    let q = &parsed[0].paragraphs[2];
    assert_eq!(q.speaker.as_deref(), Some("Question"));
    assert_eq!(q.role, None);
    let g = parsed[1].paragraphs.last().unwrap();
    assert_eq!(g.speaker.as_deref(), Some("Tatyana Golikova"));
    assert_eq!(g.role.as_deref(), Some("Deputy Prime Minister"));
}

#[test]
fn parse_of_a_missing_file_exits_2_and_names_it() {
    let sb = Sandbox::new();
    let missing = sb.corpus().join("9999.txt");
    let out = sb
        .cmd()
        .args(["parse", "--json"])
        .arg(sb.corpus().join("1001.txt"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let line = assert_one_error_line(&out);
    assert!(line.contains(&missing.display().to_string()), "{line}");
}

// ---------------------------------------------------------------------------------------
// text output

#[test]
fn color_always_paints_matches_and_color_never_marks_them_with_stars() {
    let sb = Sandbox::indexed();
    let out = sb
        .cmd()
        .args(["search", "trade", "--color", "always"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let coloured = String::from_utf8(out.stdout).unwrap();
    assert!(coloured.contains('\x1b'), "{coloured:?}");
    // The match itself sits between an escape sequence and a reset.
    let at = coloured.find("trade").expect("match printed");
    let before = &coloured[..at];
    assert!(before.ends_with('m') && before.rfind('\x1b').is_some_and(|e| at - e < 12));
    assert!(coloured[at + "trade".len()..].starts_with("\x1b[0m"));
    assert!(!coloured.contains("**"), "{coloured:?}");

    let out = sb
        .cmd()
        .args(["search", "trade", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plain = String::from_utf8(out.stdout).unwrap();
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("**trade**"), "{plain}");
    assert!(plain.contains("**Trade**"), "{plain}");
    assert!(plain.contains("https://en.kremlin.ru/events/president/news/"));
}

#[test]
fn no_color_env_is_honoured_in_auto_mode() {
    let sb = Sandbox::indexed();
    let out = sb
        .cmd()
        .env("NO_COLOR", "1")
        .args(["search", "trade", "--color", "auto"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.contains(&0x1b));
}

// ---------------------------------------------------------------------------------------
// no index yet

#[test]
fn search_without_index_builds_one_from_corpus_in_cwd() {
    let sb = Sandbox::new();
    assert!(!sb.index().exists());
    let out = rostra()
        .current_dir(sb.path())
        .args(["--index", "index", "search", "refugees", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.lines()
            .any(|l| l.starts_with("rostra: ") && l.contains("building")),
        "{err}"
    );
    let (hits, summary) = decode_search(&String::from_utf8(out.stdout).unwrap());
    assert!(!hits.is_empty());
    assert_eq!(summary.index_docs, PARAGRAPHS);
    assert!(sb.index().join("meta.json").is_file());

    // The second time, the index is there: nothing is built.
    let out = rostra()
        .current_dir(sb.path())
        .args(["--index", "index", "search", "refugees", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr_of(&out).contains("building"));
}

#[test]
fn search_without_index_or_corpus_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = rostra()
        .current_dir(dir.path())
        .args(["--index", "index", "search", "refugees", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let line = assert_one_error_line(&out);
    assert!(line.contains("ingest"), "{line}");
}

#[test]
fn sort_by_date_orders_hits_both_ways_and_repeats_identically() {
    let sb = Sandbox::indexed();
    let dates = |sort: &str| -> Vec<String> {
        let (hits, _) = sb.search_json("cooperation", &["--limit", "100", "--sort", sort]);
        hits.into_iter()
            .map(|h| h.date.unwrap_or_default())
            .collect()
    };
    let oldest = dates("date");
    let newest = dates("-date");
    assert!(oldest.len() >= 2);
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    let (a, _) = sb.search_json("cooperation", &["--limit", "100"]);
    let (b, _) = sb.search_json("cooperation", &["--limit", "100"]);
    let key = |v: &[HitLine]| {
        v.iter()
            .map(|h| (h.transcript.clone(), h.paragraph))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&a), key(&b));
    // Paging walks the same list.
    let (page2, _) = sb.search_json("cooperation", &["--limit", "1", "--offset", "1"]);
    assert_eq!(key(&page2), key(&a[1..2]));
}

#[test]
fn context_shows_neighbouring_paragraphs_of_the_same_transcript() {
    let sb = Sandbox::indexed();
    let out = sb
        .cmd()
        .args(["search", "--json", "-C", "1", "--", "\"united states\""])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    let p = first["paragraph"].as_u64().unwrap();
    let ctx = first["context"].as_array().expect("context array");
    assert!(!ctx.is_empty());
    for c in ctx {
        let q = c["paragraph"].as_u64().unwrap();
        assert!(q != p && q + 1 >= p && q <= p + 1, "{q} around {p}");
    }
}

#[test]
fn show_prints_a_transcript_and_one_paragraph_within_its_turn() {
    let sb = Sandbox::indexed();
    let out = sb.cmd().args(["show", "1001", "--json"]).output().unwrap();
    assert!(out.status.success());
    let paras: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let numbers: Vec<u64> = paras
        .iter()
        .map(|p| p["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, (0..numbers.len() as u64).collect::<Vec<_>>());
    let out = sb
        .cmd()
        .args(["show", "1001#1", "--color", "never"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("▶¶1"));
    let out = sb.cmd().args(["show", "424242"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no transcript '424242'"));
}
