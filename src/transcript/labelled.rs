//! The reader of speaker-labelled plain transcripts: the Commission on Presidential Debates'
//! and rev.com's `.said` files, hearing records, exports of transcription services.
//!
//! The layout: paragraphs separated by blank lines (a paragraph's lines joined), or one
//! paragraph a line when the file has no blank line; a turn opens with a label, `Speaker
//! Name: words` ([`label`]). A paragraph without a label goes on with the speaker before
//! it; one before any label is narration. Stage notes in the words (`[crosstalk]`,
//! `(LAUGHTER)`) are taken out and kept as the paragraph's notes ([`super::notes`]).
//! Mojibake (`â€"`, UTF-8 read as Windows-1252, 2000-10-03.said) is repaired.
//!
//! Speakers are the labels as printed; a sidecar file ([`super::sidecar`]) then gives
//! their full names and roles.

use super::captions::mojibake;
use super::{notes, Paragraph, Transcript};

/// Longest label, in characters (`Marie Payne Kloepy`, `Audience questioner`; rev.com's
/// `Speaker 1`).
pub const MAX_LABEL_CHARS: usize = 60;
/// Most words in a label.
pub const MAX_LABEL_WORDS: usize = 6;

/// The label opening `para` and the words after it: `Jim Lehrer: Good evening` →
/// (`Jim Lehrer`, `Good evening`). A label is a name-like phrase of at most
/// [`MAX_LABEL_WORDS`] words before a colon: it opens with a capital, holds no sentence
/// punctuation, and its words are capitalised but for a few (`Announcer offscreen`,
/// `Audience questioner`, `Colleen O'Connor`, `Speaker 1`).
pub fn label(para: &str) -> Option<(&str, &str)> {
    let colon = para.find(':')?;
    let name = para[..colon].trim();
    let rest = &para[colon + 1..];
    // `10:30` is a time, not a label; the colon must end the label.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    if name.is_empty() || name.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if name.contains(['.', ',', ';', '?', '!', '"', '(', ')', '[', ']', '“', '”']) {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > MAX_LABEL_WORDS {
        return None;
    }
    // All but one word capitalised (or a number): `Audience questioner` is a label,
    // `The answer is` is not.
    let lower = words
        .iter()
        .filter(|w| !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    if lower > 1 || (lower == 1 && words.len() < 2) {
        return None;
    }
    const NOT_FIRST: [&str; 12] = [
        "The", "This", "That", "And", "But", "So", "If", "When", "What", "Here", "Note", "It",
    ];
    if NOT_FIRST.contains(&words[0]) {
        return None;
    }
    Some((name, rest.trim()))
}

/// The file's paragraphs: blank-line blocks with their lines joined, or its lines when it
/// has no blank line between two non-blank ones.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let has_blank = lines
        .iter()
        .skip_while(|l| l.is_empty())
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].is_empty() && !w[1].is_empty());
    if !has_blank {
        return lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for l in lines {
        if l.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(l);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Do most of the paragraphs of `text` open with a label? The test that makes a `.txt`
/// file a labelled transcript: more than half of them, and at least two.
pub fn mostly_labelled(text: &str) -> bool {
    let paras = paragraphs(text);
    let labelled = paras.iter().filter(|p| label(p).is_some()).count();
    labelled >= 2 && labelled * 2 > paras.len()
}

/// Read a labelled transcript (the layout of the module note). Its title is its id until a
/// sidecar file gives one.
pub fn parse_labelled(source: &str, id: &str, text: &str) -> Transcript {
    let mut report = mojibake::Report::default();
    let text = mojibake::repair(text, &mut report);
    let mut t = Transcript {
        source: source.to_string(),
        id: id.to_string(),
        title: id.to_string(),
        ..Transcript::default()
    };
    if report.repaired > 0 {
        t.warnings.push(format!(
            "{} mojibake sequence(s) repaired (UTF-8 read as Windows-1252)",
            report.repaired
        ));
    }
    for u in &report.unrepaired {
        t.warnings.push(format!("mojibake left as it is: {u}"));
    }
    let mut speaker: Option<String> = None;
    let mut turn = 0usize;
    let mut turns = 0usize;
    for para in paragraphs(&text) {
        let words = match label(&para) {
            Some((name, rest)) => {
                speaker = Some(name.to_string());
                turn = turns;
                turns += 1;
                rest
            }
            None => {
                if speaker.is_none() && turns == 0 {
                    turns = 1;
                }
                para.as_str()
            }
        };
        let split = notes::split(words);
        if split.text.is_empty() && split.notes.is_empty() {
            continue; // a label alone: its words follow in the next paragraph
        }
        t.paragraphs.push(Paragraph {
            index: t.paragraphs.len(),
            turn,
            speaker: speaker.clone(),
            label: speaker.clone(),
            text: split.text,
            stage_notes: split.notes,
            ..Paragraph::default()
        });
    }
    super::cap_paragraphs(&mut t);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_names_before_a_colon() {
        for (s, name) in [
            ("Jim Lehrer: Good evening.", "Jim Lehrer"),
            ("Announcer offscreen: From", "Announcer offscreen"),
            ("Audience questioner: (inaudible)", "Audience questioner"),
            ("Colleen O'Connor: Yes", "Colleen O'Connor"),
            ("Norma-Jean Laurent: Hi", "Norma-Jean Laurent"),
            ("H Ross Perot: Well", "H Ross Perot"),
            ("Speaker 1: Okay", "Speaker 1"),
            ("George HW Bush:", "George HW Bush"),
        ] {
            assert_eq!(label(s).map(|l| l.0), Some(name), "{s}");
        }
        for s in [
            "The commission has designed the format: Six segments",
            "Here is my answer: no.",
            "We meet at 10:30 tonight",
            "Mr. Trump: yes",
            "I said this to him: no",
            "and then: this",
            "one two three four five six seven: words",
        ] {
            assert_eq!(label(s), None, "{s}");
        }
    }

    #[test]
    fn blank_line_paragraphs_and_one_per_line() {
        assert_eq!(
            paragraphs("A: one\ntwo\n\nB: three\n\n\n"),
            ["A: one two", "B: three"]
        );
        assert_eq!(
            paragraphs("\u{feff}A: one\nB: two\r\n"),
            ["A: one", "B: two"]
        );
    }

    #[test]
    fn turns_speakers_and_notes() {
        let t = parse_labelled(
            "x.said",
            "x",
            "Intro before any label.\n\nJim Lehrer: Good evening. [crosstalk]\n\nStill Lehrer, 401(k)s.\n\nAl Gore:\n\nThanks, Jim. (LAUGHTER)\n\nJim Lehrer: Your â€\u{201d}[cross talk]\n",
        );
        let got: Vec<(usize, Option<&str>, &str, Vec<&str>)> = t
            .paragraphs
            .iter()
            .map(|p| {
                (
                    p.turn,
                    p.speaker.as_deref(),
                    p.text.as_str(),
                    p.stage_notes.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (0, None, "Intro before any label.", vec![]),
                (1, Some("Jim Lehrer"), "Good evening.", vec!["crosstalk"]),
                (1, Some("Jim Lehrer"), "Still Lehrer, 401(k)s.", vec![]),
                (2, Some("Al Gore"), "Thanks, Jim.", vec!["LAUGHTER"]),
                (3, Some("Jim Lehrer"), "Your —", vec!["cross talk"]),
            ]
        );
        assert_eq!(t.title, "x");
        assert!(t.warnings[0].contains("mojibake"), "{:?}", t.warnings);
    }

    #[test]
    fn label_dominated_text() {
        assert!(mostly_labelled(
            "A Person: hi\n\nB Person: ho\n\nsome words\n"
        ));
        assert!(!mostly_labelled("A Person: hi\n\nwords\n\nmore words\n"));
        assert!(!mostly_labelled("Note: one label only\n"));
    }
}
