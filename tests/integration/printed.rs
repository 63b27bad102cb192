//! What people read, as printed: insta snapshots of the text output on the fixture corpus
//! (hit headers and passages, kwic alignment, stats tables, `show`, `speakers`) and of every
//! `--help`. A `contains` check cannot see a broken column; a snapshot can.
//!
//! The snapshots are in `snapshots/` beside this file. After a deliberate change of the
//! output, review and accept the new ones with `cargo insta review` (or run the tests with
//! `INSTA_UPDATE=always` and read the diff). Output is made deterministic here: colour off,
//! one indexing thread (one segment, so ties keep one order), a fixed help width, and only
//! stdout, never the timings that go to stderr.

use crate::util::{rostra, subcommands, Sandbox};

/// The fixture corpus indexed with one thread.
fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.cmd()
        .args(["ingest", "--quiet", "--threads", "1"])
        .arg(sb.corpus())
        .assert()
        .success();
    sb
}

/// The stdout of `rostra --color never ARGS...`, which must exit 0.
fn printed(sb: &Sandbox, args: &[&str]) -> String {
    let out = sb.run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn search_hits_headers_and_passages() {
    let sb = sandbox();
    insta::assert_snapshot!("search_word", printed(&sb, &["search", "cooperation"]));
    insta::assert_snapshot!(
        "search_phrase_with_speaker",
        printed(&sb, &["search", "\"united states\" OR trade", "-n", "4"])
    );
}

#[test]
fn kwic_lines_align_on_the_match() {
    let sb = sandbox();
    insta::assert_snapshot!("kwic_word", printed(&sb, &["kwic", "cooperation"]));
    insta::assert_snapshot!(
        "kwic_phrase_sorted_right",
        printed(&sb, &["kwic", "\"Mr President\"", "--sort", "right"])
    );
}

#[test]
fn stats_tables() {
    let sb = sandbox();
    for by in ["year", "speaker"] {
        insta::assert_snapshot!(
            format!("stats_by_{by}"),
            printed(&sb, &["stats", "cooperation OR refugees", "--by", by])
        );
    }
}

#[test]
fn show_a_transcript_and_one_paragraph() {
    let sb = sandbox();
    insta::assert_snapshot!("show_transcript", printed(&sb, &["show", "1001"]));
    insta::assert_snapshot!("show_paragraph", printed(&sb, &["show", "1004#3"]));
}

#[test]
fn speakers_table() {
    let sb = sandbox();
    insta::assert_snapshot!("speakers", printed(&sb, &["speakers"]));
}

/// `rostra ARGS... --help`, 100 columns wide whatever the terminal.
fn help(args: &[&str]) -> String {
    let out = rostra()
        .env("COLUMNS", "100")
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_of_every_command() {
    let top = help(&[]);
    insta::assert_snapshot!("help", top);
    let commands = subcommands(&top);
    assert!(commands.len() >= 10, "{commands:?}");
    for c in commands {
        insta::assert_snapshot!(format!("help_{c}"), help(&[&c]));
    }
}
