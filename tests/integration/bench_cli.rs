//! End-to-end tests of `rostra bench` over the fixture corpus. Each test runs in its own
//! temporary directory with a small query file written there, so neither `../shared` nor the
//! repository's `index/` is used. These tests check what the report holds, never how fast.

use assert_cmd::Command;
use serde_json::Value;

use crate::util::{fixtures, rostra, Sandbox, PAGES, PARAGRAPHS};

const QUERIES: &str = "\
# fixture queries: every class has hits in tests/fixtures/corpus
term\trefugees
term\ttrade
and\t+trade +europe
phrase\t\"united nations\"
slop\t\"refugees return\"~3
";

/// A sandbox holding `queries.tsv`.
fn sandbox() -> Sandbox {
    let sb = Sandbox::empty();
    std::fs::write(sb.path().join("queries.tsv"), QUERIES).unwrap();
    sb
}

/// `rostra bench`, run from the sandbox.
fn bench(sb: &Sandbox) -> Command {
    let mut c = sb.bare();
    c.arg("bench");
    c
}

/// `rostra bench FIXTURES --queries queries.tsv --runs 2 --warmup 1 --json EXTRA...`,
/// decoded, after checking that it has the report's shape.
fn report(sb: &Sandbox, extra: &[&str]) -> Value {
    let out = bench(sb)
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
    let r: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    insta::assert_snapshot!("bench_json_shape", shape(&r));
    r
}

/// The fields that may be `null`, and what they hold otherwise: the kept index (`--keep`),
/// the peak RSS (where the OS tells it) and a latency row's filter.
const NULLABLE: [(&str, &str); 3] = [
    (".index", "string"),
    (".ingest.peak_rss_bytes", "number"),
    (".latency[].filter", "string"),
];

/// Every key of a JSON value with the kind of its value, one per line (the first element
/// standing for every element of an array): what a reader of the report can rely on, with
/// none of the figures that change from run to run.
fn shape(v: &Value) -> String {
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        let kind = match v {
            Value::Object(m) => {
                for (k, x) in m {
                    walk(x, &format!("{path}.{k}"), out);
                }
                return;
            }
            Value::Array(a) => {
                out.push(format!("{path}: array"));
                if let Some(x) = a.first() {
                    walk(x, &format!("{path}[]"), out);
                }
                return;
            }
            Value::Null => "null",
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
        };
        match NULLABLE.iter().find(|(p, _)| *p == path) {
            Some((_, k)) if kind == "null" || kind == *k => out.push(format!("{path}: {k}?")),
            _ => out.push(format!("{path}: {kind}")),
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out.join("\n")
}

/// A latency summary: `samples` timings, positive, percentiles in order.
fn check_latency(l: &Value, samples: u64, what: &str) {
    let ms = |k: &str| {
        l[k].as_f64()
            .unwrap_or_else(|| panic!("{what}: {k} in {l}"))
    };
    assert_eq!(l["samples"].as_u64(), Some(samples), "{what}");
    assert!(ms("p50_ms") > 0.0, "{what}: p50 {}", ms("p50_ms"));
    assert!(ms("p50_ms") <= ms("p95_ms"), "{what}");
    assert!(ms("p95_ms") <= ms("p99_ms"), "{what}");
    assert!(ms("mean_ms") > 0.0, "{what}");
}

#[test]
fn json_report_has_ingest_figures_and_latency_per_class() {
    let sb = sandbox();
    let r = report(&sb, &[]);
    let n = |v: &Value| v.as_u64().unwrap_or_else(|| panic!("a count: {v}"));
    let f = |v: &Value| v.as_f64().unwrap_or_else(|| panic!("a figure: {v}"));
    assert_eq!(r["type"], "bench");
    assert_eq!(r["rostra_version"], env!("CARGO_PKG_VERSION"));
    let tantivy = r["tantivy_version"].as_str().unwrap();
    assert!(tantivy.contains("0.27"), "{tantivy}");
    assert_eq!(r["queries"], "queries.tsv");
    assert_eq!((n(&r["repeat"]), n(&r["runs"]), n(&r["warmup"])), (1, 2, 1));
    assert!(n(&r["threads"]) >= 1);
    assert!(r["index"].is_null());
    assert_eq!(n(&r["docs"]), PARAGRAPHS);

    let i = &r["ingest"];
    let pages = PAGES.len() as u64;
    assert_eq!(
        (n(&i["files"]), n(&i["transcripts"]), n(&i["paragraphs"])),
        (pages, pages, PARAGRAPHS)
    );
    let source: u64 = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert_eq!(n(&i["source_bytes"]), source);
    assert!(
        f(&i["seconds"]) > 0.0
            && f(&i["mb_per_second"]) > 0.0
            && f(&i["paragraphs_per_second"]) > 0.0
    );
    assert!(n(&i["index_bytes"]) > 0);
    let ratio = n(&i["index_bytes"]) as f64 / source as f64;
    assert!(
        (f(&i["index_ratio"]) - ratio).abs() < 1e-9,
        "{} vs {ratio}",
        i["index_ratio"]
    );
    if cfg!(target_os = "linux") {
        assert!(
            i["peak_rss_bytes"].as_u64().is_some_and(|b| b > 1 << 20),
            "{i}"
        );
    }

    // One row per class in file order, then all queries under each filter.
    let latency = r["latency"].as_array().unwrap();
    let rows: Vec<(&str, Option<&str>, u64)> = latency
        .iter()
        .map(|l| {
            (
                l["class"].as_str().unwrap(),
                l["filter"].as_str(),
                n(&l["queries"]),
            )
        })
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
    for l in latency {
        let what = format!("{} {}", l["class"], l["filter"]);
        check_latency(&l["top10"], n(&l["queries"]) * 2, &what);
        check_latency(&l["highlighted"], n(&l["queries"]) * 2, &what);
        assert!(n(&l["matches"]) > 0, "{what}: no matches");
    }
}

#[test]
fn repeat_3_indexes_every_page_three_times() {
    let sb = sandbox();
    let r = report(&sb, &["--repeat", "3"]);
    let pages = PAGES.len() as u64;
    assert_eq!(r["repeat"], 3);
    assert_eq!(r["ingest"]["files"], pages);
    assert_eq!(r["ingest"]["transcripts"], 3 * pages);
    assert_eq!(r["ingest"]["paragraphs"], 3 * PARAGRAPHS);
    assert_eq!(r["docs"], 3 * PARAGRAPHS);
    let once = report(&sb, &[]);
    assert_eq!(
        r["ingest"]["source_bytes"].as_u64().unwrap(),
        3 * once["ingest"]["source_bytes"].as_u64().unwrap()
    );
    let matches = |r: &Value| -> Vec<u64> {
        r["latency"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["matches"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(
        matches(&r),
        matches(&once).iter().map(|m| m * 3).collect::<Vec<_>>()
    );
}

#[test]
fn keep_leaves_an_index_with_the_copies_under_their_own_ids() {
    let sb = sandbox();
    let kept = sb.path().join("kept");
    let r = report(&sb, &["--repeat", "2", "--keep", kept.to_str().unwrap()]);
    assert_eq!(r["index"].as_str(), kept.to_str());
    for id in ["1001", "1001r1"] {
        rostra()
            .arg("--index")
            .arg(&kept)
            .args(["show", id])
            .assert()
            .success();
    }
    // A second run refuses to build into an existing index.
    bench(&sb)
        .arg(fixtures())
        .args(["--queries", "queries.tsv", "--keep"])
        .arg(&kept)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already holds an index"));
}

#[test]
fn table_has_ingest_figures_and_one_row_per_class() {
    let sb = sandbox();
    let out = bench(&sb)
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
    let sb = sandbox();
    std::fs::write(
        sb.path().join("bad.tsv"),
        "term\trefugees\n# fine\nterm refugees\n",
    )
    .unwrap();
    bench(&sb)
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
    let sb = sandbox();
    let sub = sb.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let mut c = bench(&sb);
    c.current_dir(&sub)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("no corpus"));
    bench(&sb)
        .arg("missing")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "missing: no such file or directory",
        ));
}

/// The built-in `--speaker putin` row on a corpus without Putin (the US debates): left out,
/// not a failed bench (`no speaker matches 'putin'` stopped it).
#[test]
fn a_speaker_filter_the_corpus_lacks_is_left_out() {
    let sb = sandbox();
    let out = bench(&sb)
        .arg(crate::util::fixture("debates"))
        .args(["--queries", "queries.tsv", "--runs", "1", "--warmup", "0"])
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: Value = serde_json::from_slice(&out).unwrap();
    let rows = r["latency"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|l| !l["filter"].as_str().is_some_and(|f| f.contains("putin"))));
}
