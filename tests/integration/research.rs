//! End-to-end tests of the research commands: kwic, stats, speakers, exports (CSV, JSON
//! summary with fingerprint), --explain, completions and the man page.
//!
//! Each check is made against a recount from `rostra export` (every paragraph, as JSON
//! Lines), never against numbers written into the test. The fixture corpus is always used;
//! the full kremlin.ru corpus in ../shared by the check that needs it (ignored unless asked
//! for with `--include-ignored`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{rostra, shared_corpus, subcommands, Sandbox};

/// Case-insensitive occurrences of `needle` as whole words in `text`.
fn occurrences(text: &str, needle: &str) -> usize {
    let hay = text.to_lowercase();
    let needle = needle.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(&needle)
        .filter(|(i, _)| {
            !word(hay[..*i].chars().next_back()) && !word(hay[i + needle.len()..].chars().next())
        })
        .count()
}

/// The exported paragraphs that are speech: page furniture (a pull-quote box repeating
/// words of its page) is neither a hit nor counted by default.
fn counted(ix: &Sandbox) -> Vec<Value> {
    ix.paragraphs()
        .into_iter()
        .filter(|p| p["furniture"] != Value::Bool(true))
        .collect()
}

/// kwic prints one line per occurrence: as many as a brute-force count over the
/// paragraphs that contain the phrase, each line's match is the phrase.
fn check_kwic_counts(ix: &Sandbox, phrase: &str) {
    let quoted = format!("\"{phrase}\"");
    let lines = ix.json_lines(&["kwic", &quoted, "--exact", "--format", "json"]);
    let expected: usize = counted(ix)
        .iter()
        .map(|p| occurrences(p["text"].as_str().unwrap(), phrase))
        .sum();
    assert!(expected > 0, "{phrase} is not in the corpus");
    assert_eq!(lines.len(), expected, "kwic lines for {quoted}");
    for l in &lines {
        assert_eq!(
            l["match"].as_str().unwrap().to_lowercase(),
            phrase.to_lowercase()
        );
    }
    // Text and TSV give the same number of lines (TSV has a header).
    let text = ix.stdout(&["kwic", &quoted, "--exact"]);
    assert_eq!(text.lines().count(), expected);
    let tsv = ix.stdout(&["kwic", &quoted, "--exact", "--format", "tsv"]);
    assert_eq!(tsv.lines().count(), expected + 1);
}

#[test]
fn kwic_has_one_line_per_occurrence() {
    let ix = Sandbox::indexed();
    for phrase in ["cooperation", "Mr President"] {
        check_kwic_counts(&ix, phrase);
    }
}

#[test]
fn kwic_sort_right_orders_by_the_right_context() {
    let ix = Sandbox::indexed();
    let lines = ix.json_lines(&["kwic", "the", "--format", "json", "--sort", "right"]);
    assert!(lines.len() > 5);
    let keys: Vec<String> = lines
        .iter()
        .map(|l| {
            l["right"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let left = ix.json_lines(&["kwic", "the", "--format", "json", "--sort", "left"]);
    assert_eq!(left.len(), lines.len());
}

#[test]
fn kwic_csv_reads_back() {
    let ix = Sandbox::indexed();
    let csv_text = ix.stdout(&["kwic", "cooperation", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[6], "match");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    let json = ix.json_lines(&["kwic", "cooperation", "--format", "json"]);
    assert_eq!(rows.len(), json.len());
    for (row, j) in rows.iter().zip(&json) {
        assert_eq!(&row[2], j["transcript"].as_str().unwrap());
        assert_eq!(&row[5], j["left"].as_str().unwrap());
        assert_eq!(&row[7], j["right"].as_str().unwrap());
    }
}

/// `stats --by year`: the buckets sum to the search's total, and every bucket's words and
/// rate match a recount from the exported paragraphs.
fn check_stats_by_year(ix: &Sandbox, query: &str) {
    let stats: Value =
        serde_json::from_str(&ix.stdout(&["stats", query, "--by", "year", "--format", "json"]))
            .unwrap();
    let search = ix.json_lines(&["search", query, "--json", "--limit", "1"]);
    let total = search.last().unwrap()["total"].as_u64().unwrap();
    let buckets = stats["buckets"].as_array().unwrap();
    let sum = |k: &str| buckets.iter().map(|b| b[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(
        sum("paragraphs"),
        total,
        "paragraphs by year vs search total"
    );
    assert_eq!(stats["paragraphs"].as_u64().unwrap(), total);
    assert_eq!(sum("matches"), stats["matches"].as_u64().unwrap());

    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    for p in counted(ix) {
        let year = p["date"]
            .as_str()
            .map_or("(undated)".to_string(), |d| d[..4].to_string());
        *words.entry(year).or_default() +=
            p["text"].as_str().unwrap().split_whitespace().count() as u64;
    }
    assert_eq!(buckets.len(), words.len(), "one bucket per year with text");
    for b in buckets {
        let year = b["bucket"].as_str().unwrap();
        assert_eq!(b["words"].as_u64().unwrap(), words[year], "words in {year}");
        let rate = b["matches"].as_f64().unwrap() * 1e6 / words[year] as f64;
        assert!((b["per_million"].as_f64().unwrap() - rate).abs() < 1e-6 * rate.max(1.0));
    }
}

#[test]
fn stats_by_year_sums_to_the_search_total_and_rates_recount() {
    let ix = Sandbox::indexed();
    check_stats_by_year(&ix, "cooperation");
    check_stats_by_year(&ix, "president OR russia");
}

#[test]
fn stats_by_speaker_and_csv_and_plot() {
    let ix = Sandbox::indexed();
    let csv_text = ix.stdout(&["stats", "cooperation", "--by", "speaker", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    let matches: u64 = rows.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    let kwic = ix.json_lines(&["kwic", "cooperation", "--format", "json"]);
    assert_eq!(matches as usize, kwic.len());

    let dir = tempfile::tempdir().unwrap();
    for by in ["year", "month", "speaker", "topic", "place"] {
        let svg = dir.path().join(format!("{by}.svg"));
        let out = ix.run(&[
            "stats",
            "cooperation",
            "--by",
            by,
            "--plot",
            svg.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{by}");
        let text = std::fs::read_to_string(&svg).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("valid XML");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(text.contains("cooperation"), "the query is the title");
    }
}

#[test]
fn search_csv_reads_back_to_the_same_hits() {
    let ix = Sandbox::indexed();
    let json = ix.json_lines(&["search", "cooperation OR refugees", "--json", "-n", "50"]);
    let hits: Vec<&Value> = json.iter().filter(|v| v["type"] == "hit").collect();
    let csv_text = ix.stdout(&[
        "search",
        "cooperation OR refugees",
        "--format",
        "csv",
        "-n",
        "50",
    ]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), hits.len());
    for (row, hit) in rows.iter().zip(&hits) {
        assert_eq!(&row[col("transcript")], hit["transcript"].as_str().unwrap());
        assert_eq!(
            row[col("paragraph")].parse::<u64>().unwrap(),
            hit["paragraph"].as_u64().unwrap()
        );
        assert_eq!(&row[col("text")], hit["text"].as_str().unwrap());
        assert_eq!(&row[col("title")], hit["title"].as_str().unwrap());
        assert_eq!(&row[col("date")], hit["date"].as_str().unwrap_or(""));
        assert_eq!(&row[col("speaker")], hit["speaker"].as_str().unwrap_or(""));
        assert_eq!(&row[col("url")], hit["url"].as_str().unwrap_or(""));
    }
}

#[test]
fn json_summary_records_filters_and_a_stable_fingerprint() {
    let ix = Sandbox::indexed();
    let args = [
        "search",
        "cooperation",
        "--json",
        "--speaker",
        "putin",
        "--from",
        "2015",
        "--sort",
        "date",
    ];
    let first = ix.json_lines(&args);
    let s = first.last().unwrap();
    assert_eq!(s["type"], "summary");
    assert_eq!(s["speaker"], "putin");
    assert_eq!(s["from"], "2015-01-01");
    assert_eq!(s["sort"], "date");
    let fp = s["index_fingerprint"].as_str().unwrap().to_string();
    assert_eq!(fp.len(), 16);
    let again = ix.json_lines(&args);
    assert_eq!(again.last().unwrap()["index_fingerprint"], fp.as_str());
    assert_eq!(first, {
        let mut a = again.clone();
        let last = a.last_mut().unwrap();
        last["elapsed_ms"] = first.last().unwrap()["elapsed_ms"].clone();
        a
    });
}

#[test]
fn explain_shows_how_the_score_was_made() {
    let ix = Sandbox::indexed();
    let lines = ix.json_lines(&["search", "cooperation", "--json", "--explain"]);
    for hit in lines.iter().filter(|v| v["type"] == "hit") {
        let score = hit["score"].as_f64().unwrap();
        let explained = hit["explain"]["value"].as_f64().unwrap();
        assert!((score - explained).abs() < 1e-3, "{score} vs {explained}");
    }
    let text = ix.stdout(&["search", "cooperation", "--explain"]);
    assert!(text.contains("idf"), "{text}");
}

#[test]
fn speakers_counts_match_the_paragraphs() {
    let ix = Sandbox::indexed();
    let list = ix.json_lines(&["speakers", "--format", "json"]);
    let mut expected: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for p in ix.paragraphs() {
        if let Some(s) = p["speaker"].as_str() {
            let e = expected.entry(s.to_string()).or_default();
            e.0 += 1;
            e.1 += p["text"].as_str().unwrap().split_whitespace().count() as u64;
        }
    }
    assert_eq!(list.len(), expected.len());
    for s in &list {
        let name = s["speaker"].as_str().unwrap();
        assert_eq!(
            (
                s["paragraphs"].as_u64().unwrap(),
                s["words"].as_u64().unwrap()
            ),
            expected[name],
            "{name}"
        );
    }
    let putin = ix.json_lines(&["speakers", "PUTIN", "--format", "json"]);
    assert_eq!(putin.len(), 1);
    assert_eq!(putin[0]["speaker"], "Vladimir Putin");
    assert!(putin[0]["first"].as_str().unwrap() <= putin[0]["last"].as_str().unwrap());
    assert_eq!(
        ix.run(&["speakers", "nobody-by-that-name"]).status.code(),
        Some(1)
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = rostra().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("kwic") && text.contains("speaker"), "{shell}");
    }
    let out = rostra().arg("man").output().unwrap();
    assert!(out.status.success());
    let roff = String::from_utf8(out.stdout).unwrap();
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH"),
        "{}",
        &roff[..80]
    );
    assert!(roff.contains("kwic") && roff.contains("stats"));
}

#[test]
fn every_command_help_has_examples() {
    let out = rostra().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let commands = subcommands(&help);
    assert!(commands.len() >= 10, "{commands:?}");
    for c in commands {
        let out = rostra().args([c.as_str(), "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Examples:"),
            "rostra {c} --help has no examples"
        );
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn full_corpus_kwic_and_stats_recount() {
    let ix = Sandbox::indexing(&shared_corpus().join("txt"));
    check_kwic_counts(&ix, "United States");
    check_kwic_counts(&ix, "sanctions");
    check_stats_by_year(&ix, "\"climate change\"");
    check_stats_by_year(&ix, "sanctions");
}
