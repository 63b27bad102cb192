//! `rostra parse --json` of the fixture pages: headers, footers, speakers, turns.

use serde::Deserialize;

use super::assert_one_error_line;
use crate::util::{stderr_of, Sandbox, PAGES, PARAGRAPHS};

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
