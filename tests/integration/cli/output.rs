//! Text output and colour, searching before there is an index, sorting, context, `show`.

use super::{assert_one_error_line, decode_search, HitLine};
use crate::util::{rostra, stderr_of, Sandbox, PARAGRAPHS};

// ---------------------------------------------------------------------------------------
// text output

#[test]
fn color_always_paints_matches_and_color_never_marks_them_with_stars() {
    let sb = Sandbox::indexed();
    let search = |color: &str| {
        let out = sb
            .cmd()
            .args(["search", "trade", "--color", color])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "--color {color}");
        String::from_utf8(out.stdout).unwrap()
    };
    let coloured = search("always");
    assert!(coloured.contains('\x1b'), "{coloured:?}");
    // The match itself sits between an escape sequence and a reset.
    let at = coloured.find("trade").expect("match printed");
    let before = &coloured[..at];
    assert!(before.ends_with('m') && before.rfind('\x1b').is_some_and(|e| at - e < 12));
    assert!(coloured[at + "trade".len()..].starts_with("\x1b[0m"));
    assert!(!coloured.contains("**"), "{coloured:?}");

    let plain = search("never");
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
    assert!(rostra::index::exists(&sb.index()));

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
