//! `--speaker`, `--from` and `--to`: what they keep, and bad dates.

use super::assert_one_error_line;
use crate::util::Sandbox;

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
