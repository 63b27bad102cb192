//! Habits from grep and ripgrep (issue 15 §3): `--count`, `-l`, `-c`, `--all` past the cap,
//! `--plain`, `--case-sensitive`, `--columns`, and `--limit 0` refused. Every count is
//! checked against an independent one: the words of the exported paragraph texts, counted
//! here, or the hits of `--json`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{hit_lines, Sandbox};

/// Whole-word occurrences of `word` in `text`, any case (what an exact search of one word
/// matches).
fn occurrences(text: &str, word: &str) -> u64 {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.eq_ignore_ascii_case(word))
        .count() as u64
}

/// Per transcript, the occurrences of `word` in the exported paragraphs (none left out).
fn brute_force(sb: &Sandbox, word: &str) -> BTreeMap<String, (u64, u64)> {
    let mut by: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for p in sb.paragraphs() {
        let n = occurrences(p["text"].as_str().unwrap(), word);
        if n > 0 {
            let e = by
                .entry(p["transcript"].as_str().unwrap().to_string())
                .or_default();
            e.0 += 1; // paragraphs
            e.1 += n; // matches
        }
    }
    by
}

fn stdout_ok(sb: &Sandbox, args: &[&str]) -> String {
    let out = sb.run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn count_prints_only_the_number_of_paragraphs_and_kwic_count_the_matches() {
    let sb = Sandbox::indexed();
    let truth = brute_force(&sb, "states");
    let paragraphs: u64 = truth.values().map(|v| v.0).sum();
    let matches: u64 = truth.values().map(|v| v.1).sum();
    assert!(
        matches > paragraphs,
        "the check needs a paragraph with two: {truth:?}"
    );
    let n = stdout_ok(&sb, &["search", "states", "--exact", "--count"]);
    assert_eq!(n, format!("{paragraphs}\n"));
    let hits = hit_lines(
        stdout_ok(
            &sb,
            &["search", "states", "--exact", "--json", "--limit", "1000"],
        )
        .as_bytes(),
    );
    assert_eq!(hits.len() as u64, paragraphs);
    let n = stdout_ok(&sb, &["kwic", "states", "--exact", "--count"]);
    assert_eq!(n, format!("{matches}\n"));
    let lines = stdout_ok(&sb, &["kwic", "states", "--exact", "--format", "json"]);
    assert_eq!(lines.lines().count() as u64, matches);
    // Nothing found: 0, and exit 1 as search says it.
    for cmd in ["search", "kwic"] {
        let out = sb.run(&[cmd, "walrus", "--count"]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "0\n", "{cmd}");
    }
}

#[test]
fn files_with_matches_and_per_transcript_list_transcripts_in_date_order() {
    let sb = Sandbox::indexed();
    let truth = brute_force(&sb, "states");
    let dates: BTreeMap<String, String> = sb
        .paragraphs()
        .iter()
        .map(|p| {
            (
                p["transcript"].as_str().unwrap().to_string(),
                p["date"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<&String> = truth.keys().collect();
    expected.sort_by_key(|id| (&dates[*id], *id));
    assert!(expected.len() >= 2, "{truth:?}");

    for flag in ["-l", "--files-with-matches", "--transcripts-with-matches"] {
        let out = stdout_ok(&sb, &["search", "states", "--exact", flag]);
        let ids: Vec<&str> = out.lines().collect();
        assert_eq!(ids, expected, "{flag}");
    }
    for flag in ["-c", "--per-transcript"] {
        let out = stdout_ok(&sb, &["search", "states", "--exact", flag]);
        let rows: Vec<(String, u64)> = out
            .lines()
            .map(|l| {
                let (id, n) = l.split_once('\t').expect("ID<TAB>N");
                (id.to_string(), n.parse().unwrap())
            })
            .collect();
        let want: Vec<(String, u64)> = expected
            .iter()
            .map(|id| ((*id).clone(), truth[*id].1))
            .collect();
        assert_eq!(rows, want, "{flag}");
    }
    let out = sb.run(&["search", "walrus", "-l"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

/// A JSON Lines record of one paragraph.
fn record(i: usize, text: &str) -> String {
    format!(
        "{{\"id\": \"r{i}\", \"title\": \"Record {i}\", \"date\": \"2019-{:02}-{:02}\", \"turns\": [{{\"speaker\": \"Speaker {}\", \"text\": \"{text} number {i}.\"}}]}}\n",
        1 + (i * 7) % 12,
        1 + i % 28,
        i % 5
    )
}

fn corpus_of(records: &[String]) -> Sandbox {
    let sb = Sandbox::empty();
    let dir = sb.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("d.jsonl"), records.concat()).unwrap();
    sb.ingest(&dir);
    sb
}

#[test]
fn all_streams_every_hit_past_the_cap_in_each_format() {
    let n = 10_050;
    let records: Vec<String> = (0..n).map(|i| record(i, "the walrus spoke")).collect();
    let sb = corpus_of(&records);
    // JSON Lines, date order: every hit once, dates never going back, then a summary.
    let lines: Vec<Value> = sb.json_lines(&["search", "walrus", "--all", "--json"]);
    let (summary, hits) = lines.split_last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["all"], true);
    assert_eq!(summary["hits"], n);
    assert_eq!(hits.len(), n);
    let mut ids: Vec<&str> = hits
        .iter()
        .map(|h| h["transcript"].as_str().unwrap())
        .collect();
    let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    // Index order, CSV: one header, a row a hit.
    let csv = stdout_ok(
        &sb,
        &[
            "search",
            "walrus",
            "--all",
            "--sort",
            "index",
            "--format",
            "csv",
            "--columns",
            "transcript,date",
        ],
    );
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "transcript,date");
    assert_eq!(rows.len(), n + 1);
    // Text: every hit numbered.
    let text = stdout_ok(&sb, &["search", "walrus", "--all"]);
    assert!(text.contains(&format!("\n{n}. Speaker ")), "no hit {n}");
    assert!(!text.contains(&format!("\n{}. ", n + 1)));
    // --count agrees.
    assert_eq!(
        stdout_ok(&sb, &["search", "walrus", "--count"]),
        format!("{n}\n")
    );
}

#[test]
fn all_by_relevance_and_other_orders_are_refused_in_one_line() {
    let sb = Sandbox::indexed();
    for (args, says) in [
        (
            &["search", "cooperation", "--all", "--sort", "relevance"][..],
            "relevance needs the whole ranking",
        ),
        (
            &["search", "cooperation", "--all", "--sort", "-date"],
            "oldest first",
        ),
        (
            &["search", "cooperation", "-l", "--sort", "index"],
            "date order",
        ),
        (&["search", "cooperation", "--sort", "index"], "--all"),
        (
            &["search", "cooperation", "--limit", "0"],
            "--all prints every hit",
        ),
        (&["kwic", "cooperation", "--limit", "0"], "a limit of 0"),
        (&["search", "cooperation", "--limit", "10001"], "1 to 10000"),
    ] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("rostra: ") && err.contains(says),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    // stats --top 0 still means all buckets.
    let out = sb.run(&["stats", "cooperation", "--by", "speaker", "--top", "0"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn plain_prints_the_passages_without_marks() {
    let sb = Sandbox::indexed();
    let marked = stdout_ok(&sb, &["search", "cooperation", "--full"]);
    assert!(marked.contains("**"), "{marked}");
    for flag in ["--plain", "--no-marks"] {
        let plain = stdout_ok(&sb, &["search", "cooperation", "--full", flag]);
        assert!(!plain.contains("**"), "{plain}");
        assert_eq!(plain, marked.replace("**", ""), "{flag}");
    }
    let marked = stdout_ok(&sb, &["kwic", "cooperation"]);
    assert!(marked.contains("**"), "{marked}");
    let plain = stdout_ok(&sb, &["kwic", "cooperation", "--plain"]);
    assert_eq!(plain, marked.replace("**", ""));
}

#[test]
fn case_sensitive_keeps_only_matches_of_the_query_case() {
    let texts = [
        "the US and the EU",
        "tell us about it",
        "Us and them",
        "US sanctions on us",
    ];
    let records: Vec<String> = (0..40).map(|i| record(i, texts[i % 4])).collect();
    let sb = corpus_of(&records);
    let count = |q: &str, extra: &[&str]| -> String {
        let mut a = vec!["search", q, "--count"];
        a.extend(extra);
        sb.stdout(&a)
    };
    // Independent count: the texts written above.
    let with = |w: &str| {
        texts
            .iter()
            .filter(|t| t.split(' ').any(|x| x == w))
            .count()
            * 10
    };
    assert_eq!(count("US", &[]), "40\n"); // every case
    assert_eq!(
        count("US", &["--case-sensitive"]),
        format!("{}\n", with("US"))
    );
    assert_eq!(
        count("us", &["--case-sensitive"]),
        format!("{}\n", with("us"))
    );
    assert_eq!(
        count("Us", &["--case-sensitive"]),
        format!("{}\n", with("Us"))
    );
    // The ranked page agrees, and highlights only `US`.
    let hits = hit_lines(
        sb.stdout(&[
            "search",
            "US",
            "--case-sensitive",
            "--json",
            "--limit",
            "100",
        ])
        .as_bytes(),
    );
    assert_eq!(hits.len(), with("US"));
    for h in &hits {
        let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
        for s in h["highlights"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[a..b].iter().collect::<String>(), "US", "{h}");
        }
    }
    // -c counts the kept matches: "US sanctions on us" has one.
    let listing = sb.stdout(&["search", "US", "--case-sensitive", "-c"]);
    let total: u64 = listing
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(total, with("US") as u64);
}

#[test]
fn columns_choose_the_csv_and_tsv_columns_and_unknown_ones_are_named() {
    let sb = Sandbox::indexed();
    let cols = "date,speaker,transcript,paragraph,text";
    let csv = stdout_ok(
        &sb,
        &[
            "search",
            "cooperation",
            "--format",
            "csv",
            "--columns",
            cols,
            "--limit",
            "100",
        ],
    );
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        cols.split(',').collect::<Vec<_>>()
    );
    let hits = hit_lines(
        stdout_ok(&sb, &["search", "cooperation", "--json", "--limit", "100"]).as_bytes(),
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), hits.len());
    for (row, h) in rows.iter().zip(&hits) {
        assert_eq!(&row[2], h["transcript"].as_str().unwrap());
        assert_eq!(&row[4], h["text"].as_str().unwrap());
    }
    let tsv = stdout_ok(
        &sb,
        &[
            "search",
            "cooperation",
            "--format",
            "tsv",
            "--columns",
            "transcript,paragraph",
        ],
    );
    assert_eq!(tsv.lines().next(), Some("transcript\tparagraph"));
    let kwic = stdout_ok(
        &sb,
        &[
            "kwic",
            "cooperation",
            "--format",
            "tsv",
            "--columns",
            "transcript,match",
        ],
    );
    assert_eq!(kwic.lines().next(), Some("transcript\tmatch"));
    assert!(
        kwic.lines()
            .skip(1)
            .all(|l| l.to_lowercase().ends_with("\tcooperation")),
        "{kwic}"
    );
    for args in [
        &[
            "search",
            "cooperation",
            "--format",
            "csv",
            "--columns",
            "date,colour",
        ][..],
        &[
            "kwic",
            "cooperation",
            "--format",
            "csv",
            "--columns",
            "text",
        ],
        &["search", "cooperation", "--columns", "date"],
    ] {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = String::from_utf8(
        sb.run(&["search", "x", "--format", "csv", "--columns", "colour"])
            .stderr,
    )
    .unwrap();
    assert!(
        err.contains("no column 'colour'") && err.contains("rank, score, date"),
        "{err}"
    );
}

#[test]
fn case_sensitive_kwic_and_stats_count_only_matches_of_the_query_case() {
    let texts = [
        "the US and the EU",
        "tell us about it",
        "Us and them",
        "US sanctions on us",
    ];
    let records: Vec<String> = (0..40).map(|i| record(i, texts[i % 4])).collect();
    let sb = corpus_of(&records);
    // Independent count: occurrences of `w` with its case in the texts written above.
    let with = |w: &str| -> usize {
        texts
            .iter()
            .map(|t| t.split(' ').filter(|x| *x == w).count())
            .sum::<usize>()
            * 10
    };
    for w in ["US", "us", "Us"] {
        assert_eq!(
            sb.stdout(&["kwic", w, "--case-sensitive", "--count"]),
            format!("{}\n", with(w)),
            "kwic --count {w}"
        );
        let lines = sb.stdout(&["kwic", w, "--case-sensitive", "--limit", "1000"]);
        assert_eq!(lines.lines().count(), with(w), "kwic lines {w}");
        let stats: Value =
            serde_json::from_str(&sb.stdout(&["stats", w, "--case-sensitive", "--format", "json"]))
                .unwrap();
        assert_eq!(
            stats["matches"].as_u64(),
            Some(with(w) as u64),
            "stats {w}: {stats}"
        );
    }
    // Without the switch, every case counts.
    assert_eq!(
        sb.stdout(&["kwic", "us", "--count"]),
        format!("{}\n", with("US") + with("us") + with("Us"))
    );
}
