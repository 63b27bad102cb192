//! Property tests of stage 1 (page text → `Transcript`): the invariants every parse keeps are
//! here, and each kind of input has its module.
//!
//! Two kinds: arbitrary text (random unicode, label-like lines, colons, `<…>` fragments,
//! very long lines, CR/CRLF) never panics and keeps the promises the parser makes about
//! its output; and pages generated from a random plan (header, speakers with and without
//! titles, generic labels, notes, continuations, narration, elisions, separators,
//! captions, footer) parse back to the speakers, turns and paragraphs they were built from.

mod arbitrary;
mod generated;

use proptest::prelude::*;
use rostra::transcript::{is_elision, Paragraph, Transcript};

/// What the parser promises about any transcript it returns, whatever the input.
fn check_invariants(t: &Transcript, input: &str) -> Result<(), TestCaseError> {
    // \n, \r\n and a lone \r all end a line.
    let lines = input
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .count();
    if t.warnings.is_empty() {
        prop_assert!(t.paragraphs.len() <= lines, "more paragraphs than lines");
    }
    // A runaway line is split into paragraphs of bounded size (with a warning).
    for p in &t.paragraphs {
        prop_assert!(p.text.len() <= rostra::transcript::MAX_PARAGRAPH_BYTES);
    }
    let mut last_turn = 0;
    for (i, p) in t.paragraphs.iter().enumerate() {
        prop_assert_eq!(p.index, i, "paragraph indexes are 0..n in order");
        // Only a label alone on its line, which a reader before found no label in, keeps its
        // line as a paragraph with no words: the page's paragraph numbers do not change.
        prop_assert!(
            !p.text.is_empty() || p.label.is_some(),
            "empty paragraph {}",
            i
        );
        prop_assert_eq!(p.text.trim(), p.text.as_str(), "paragraph {} is trimmed", i);
        prop_assert!(
            input.contains(&p.text),
            "paragraph {} text is not from the page",
            i
        );
        prop_assert!(
            !is_elision(&p.text),
            "elision marker indexed as text: {:?}",
            p
        );
        prop_assert!(p.turn >= last_turn, "turn went down at paragraph {}", i);
        last_turn = p.turn;
        prop_assert_eq!(
            p.speaker.is_some(),
            p.label.is_some(),
            "speaker and label go together"
        );
        prop_assert!(p.speaker.as_deref() != Some(""), "empty speaker");
        prop_assert!(
            p.role.is_none() || p.speaker.is_some(),
            "role without speaker"
        );
        prop_assert!(
            !p.retranslated || p.note.is_some(),
            "retranslated without note"
        );
    }
    // One turn, one voice.
    for w in t.paragraphs.windows(2) {
        if w[0].turn == w[1].turn {
            prop_assert_eq!(voice(&w[0]), voice(&w[1]), "voice changed within a turn");
        }
    }
    let mut last_gap = 0;
    for &g in &t.gaps {
        prop_assert!(
            g >= last_gap && g <= t.paragraphs.len(),
            "gaps {:?}",
            t.gaps
        );
        last_gap = g;
    }
    if let Some(d) = &t.date {
        prop_assert!(
            rostra::transcript::Date::parse_iso(d).is_some(),
            "date {}",
            d
        );
    }
    if let Some(time) = &t.time {
        prop_assert!(
            time.len() == 5 && time.as_bytes()[2] == b':',
            "time {}",
            time
        );
    }
    for c in &t.captions {
        prop_assert!(
            !c.is_empty() && input.contains(c.as_str()),
            "caption {:?}",
            c
        );
    }
    prop_assert!(input.contains(&t.title), "title {:?}", t.title);
    Ok(())
}

type VoiceKey<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    bool,
);

fn voice(p: &Paragraph) -> VoiceKey<'_> {
    (
        p.speaker.as_deref(),
        p.role.as_deref(),
        p.label.as_deref(),
        p.note.as_deref(),
        p.retranslated,
    )
}
