//! `rostra search --json`: what a hit carries, phrases and highlights, exit codes, query
//! syntax errors, exclusion, field clauses and word forms.

use super::{assert_one_error_line, decode_search, hit_keys};
use crate::util::{Sandbox, PAGES};

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
