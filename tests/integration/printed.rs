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

/// Each snapshot of text output: its name, and the command whose stdout it holds.
const TEXT: [(&str, &[&str]); 9] = [
    ("search_word", &["search", "cooperation"]),
    (
        "search_phrase_or_word",
        &["search", "\"united states\" OR trade", "-n", "4"],
    ),
    ("kwic_word", &["kwic", "cooperation"]),
    (
        "kwic_phrase_sorted_right",
        &["kwic", "\"Mr President\"", "--sort", "right"],
    ),
    (
        "stats_by_year",
        &["stats", "cooperation OR refugees", "--by", "year"],
    ),
    (
        "stats_by_speaker",
        &["stats", "cooperation OR refugees", "--by", "speaker"],
    ),
    ("show_transcript", &["show", "1001"]),
    ("show_paragraph", &["show", "1004#3"]),
    ("speakers", &["speakers"]),
];

/// `assert_snapshot!` under `name`, with the command that printed it as the description.
fn snapshot(name: &str, command: &str, printed: String) {
    insta::with_settings!({ description => command, omit_expression => true }, {
        insta::assert_snapshot!(name, printed);
    });
}

#[test]
fn hits_kwic_stats_show_and_speakers_as_text() {
    let sb = sandbox();
    for (name, args) in TEXT {
        let command = format!("rostra --color never {}", args.join(" "));
        snapshot(name, &command, printed(&sb, args));
    }
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
    snapshot("help", "rostra --help", top.clone());
    let commands = subcommands(&top);
    assert!(commands.len() >= 10, "{commands:?}");
    for c in commands {
        snapshot(
            &format!("help_{c}"),
            &format!("rostra {c} --help"),
            help(&[&c]),
        );
    }
}
