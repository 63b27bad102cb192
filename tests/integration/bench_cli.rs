//! End-to-end tests of `rostra bench` over the fixture corpus. Each test runs in its own
//! temporary directory with a small query file written there, so neither `../shared` nor the
//! repository's `index/` is used. These tests check what the report holds, never how fast.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

/// Paragraphs in the fixture corpus (as in tests/cli.rs).
const PARAGRAPHS: usize = 24;
const PAGES: usize = 4;

const QUERIES: &str = "\
# fixture queries: every class has hits in tests/fixtures/corpus
term\trefugees
term\ttrade
and\t+trade +europe
phrase\t\"united nations\"
slop\t\"refugees return\"~3
";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// A temporary working directory holding `queries.tsv`.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("queries.tsv"), QUERIES).unwrap();
        Sandbox { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `rostra bench`, run from the sandbox.
    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rostra"));
        c.env_remove("ROSTRA_INDEX")
            .env_remove("NO_COLOR")
            .current_dir(self.path())
            .arg("bench");
        c
    }

    /// `rostra bench FIXTURES --queries queries.tsv --runs 2 --warmup 1 --json EXTRA...`,
    /// decoded.
    fn report(&self, extra: &[&str]) -> Report {
        let out = self
            .cmd()
            .arg(fixtures())
            .args(["--queries", "queries.tsv", "--runs", "2", "--warmup", "1"])
            .arg("--json")
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).expect("UTF-8");
        assert_eq!(text.lines().count(), 1, "one JSON object: {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Report {
    #[serde(rename = "type")]
    kind: String,
    rostra_version: String,
    tantivy_version: String,
    os: String,
    arch: String,
    cpus: usize,
    corpus: Vec<String>,
    queries: String,
    repeat: usize,
    threads: usize,
    memory_mb: usize,
    warmup: usize,
    runs: usize,
    speaker: String,
    from: String,
    to: String,
    index: Option<String>,
    docs: u64,
    ingest: Ingest,
    latency: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Ingest {
    files: usize,
    transcripts: usize,
    paragraphs: usize,
    speakers: usize,
    source_bytes: usize,
    seconds: f64,
    mb_per_second: f64,
    paragraphs_per_second: f64,
    peak_rss_bytes: Option<u64>,
    index_bytes: u64,
    index_ratio: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    class: String,
    filter: Option<String>,
    queries: usize,
    matches: usize,
    top10: Latency,
    highlighted: Latency,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Latency {
    samples: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
}

impl Latency {
    fn check(&self, samples: usize, what: &str) {
        assert_eq!(self.samples, samples, "{what}");
        assert!(self.p50_ms > 0.0, "{what}: p50 {}", self.p50_ms);
        assert!(self.p50_ms <= self.p95_ms, "{what}");
        assert!(self.p95_ms <= self.p99_ms, "{what}");
        assert!(self.mean_ms > 0.0, "{what}");
    }
}

#[test]
fn json_report_has_ingest_figures_and_latency_per_class() {
    let sb = Sandbox::new();
    let r = sb.report(&[]);
    assert_eq!(r.kind, "bench");
    assert_eq!(r.rostra_version, env!("CARGO_PKG_VERSION"));
    assert!(r.tantivy_version.contains("0.27"), "{}", r.tantivy_version);
    assert_eq!(r.queries, "queries.tsv");
    assert_eq!((r.repeat, r.runs, r.warmup), (1, 2, 1));
    assert!(r.threads >= 1);
    assert_eq!(r.index, None);
    assert_eq!(r.docs, PARAGRAPHS as u64);

    let i = &r.ingest;
    assert_eq!(
        (i.files, i.transcripts, i.paragraphs),
        (PAGES, PAGES, PARAGRAPHS)
    );
    let source: u64 = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert_eq!(i.source_bytes as u64, source);
    assert!(i.seconds > 0.0 && i.mb_per_second > 0.0 && i.paragraphs_per_second > 0.0);
    assert!(i.index_bytes > 0);
    let ratio = i.index_bytes as f64 / source as f64;
    assert!(
        (i.index_ratio - ratio).abs() < 1e-9,
        "{} vs {ratio}",
        i.index_ratio
    );
    if cfg!(target_os = "linux") {
        assert!(i.peak_rss_bytes.is_some_and(|b| b > 1 << 20), "{i:?}");
    }

    // One row per class in file order, then all queries under each filter.
    let rows: Vec<(&str, Option<&str>, usize)> = r
        .latency
        .iter()
        .map(|l| (l.class.as_str(), l.filter.as_deref(), l.queries))
        .collect();
    assert_eq!(
        rows,
        [
            ("term", None, 2),
            ("and", None, 1),
            ("phrase", None, 1),
            ("slop", None, 1),
            ("all", Some("speaker"), 5),
            ("all", Some("date"), 5)
        ]
    );
    for l in &r.latency {
        let what = format!("{} {:?}", l.class, l.filter);
        l.top10.check(l.queries * 2, &what);
        l.highlighted.check(l.queries * 2, &what);
        assert!(l.matches > 0, "{what}: no matches");
    }
}

#[test]
fn repeat_3_indexes_every_page_three_times() {
    let sb = Sandbox::new();
    let r = sb.report(&["--repeat", "3"]);
    assert_eq!(r.repeat, 3);
    assert_eq!(r.ingest.files, PAGES);
    assert_eq!(r.ingest.transcripts, 3 * PAGES);
    assert_eq!(r.ingest.paragraphs, 3 * PARAGRAPHS);
    assert_eq!(r.docs, 3 * PARAGRAPHS as u64);
    let once = sb.report(&[]);
    assert_eq!(r.ingest.source_bytes, 3 * once.ingest.source_bytes);
    let matches = |r: &Report| r.latency.iter().map(|l| l.matches).collect::<Vec<_>>();
    assert_eq!(
        matches(&r),
        matches(&once).iter().map(|m| m * 3).collect::<Vec<_>>()
    );
}

#[test]
fn keep_leaves_an_index_with_the_copies_under_their_own_ids() {
    let sb = Sandbox::new();
    let kept = sb.path().join("kept");
    let r = sb.report(&["--repeat", "2", "--keep", kept.to_str().unwrap()]);
    assert_eq!(r.index.as_deref(), kept.to_str());
    for id in ["1001", "1001r1"] {
        Command::new(env!("CARGO_BIN_EXE_rostra"))
            .arg("--index")
            .arg(&kept)
            .args(["show", id])
            .assert()
            .success();
    }
    // A second run refuses to build into an existing index.
    sb.cmd()
        .arg(fixtures())
        .args(["--queries", "queries.tsv", "--keep"])
        .arg(&kept)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already holds an index"));
}

#[test]
fn table_has_ingest_figures_and_one_row_per_class() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .arg(fixtures())
        .args(["--queries", "queries.tsv", "--runs", "1", "--warmup", "0"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for want in [
        "wall time",
        "throughput",
        "peak RSS",
        "index size",
        "top10 p50",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    for class in ["term", "and", "phrase", "slop"] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(class)),
            "{class} row missing:\n{text}"
        );
    }
}

#[test]
fn bad_query_line_is_named() {
    let sb = Sandbox::new();
    std::fs::write(
        sb.path().join("bad.tsv"),
        "term\trefugees\n# fine\nterm refugees\n",
    )
    .unwrap();
    sb.cmd()
        .arg(fixtures())
        .args(["--queries", "bad.tsv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "bad.tsv: line 3: expected CLASS<TAB>QUERY",
        ));
}

#[test]
fn no_corpus_is_a_clean_error() {
    // The sandbox has neither ../shared/corpus nor ./corpus beside it.
    let sb = Sandbox::new();
    let sub = sb.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let mut c = sb.cmd();
    c.current_dir(&sub)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("no corpus"));
    sb.cmd()
        .arg("missing")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "missing: no such file or directory",
        ));
}
