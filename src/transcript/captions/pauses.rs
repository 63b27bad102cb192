//! Captions standing alone (no transcript beside them) become paragraphs by pauses.
//!
//! The rule, on the words in order (cues' words with spread times when a file has no
//! word timing): a paragraph ends
//! 1. before a pause: more than [`PAUSE_SECONDS`] from one word's end to the next word's
//!    start — or, as word ends are often just the next start, between the starts of two
//!    words more than [`PAUSE_SECONDS`] + 1 s apart;
//! 2. after a sentence end (a word ending in `.`, `?` or `!`, before closing quotes or
//!    brackets) once it has [`SENTENCE_MIN_WORDS`] words, so manual captions get
//!    paragraphs of a few sentences;
//! 3. at [`MAX_WORDS`] words, so automatic captions (no punctuation) of a speaker who never
//!    pauses still become passages of a readable length.
//!
//! Each paragraph runs from its first word's start to its last word's end.

use super::{words_from_cues, Captions, TimedWord};

/// A pause longer than this, in seconds, ends a paragraph.
pub const PAUSE_SECONDS: f64 = 2.0;
/// A sentence end ends a paragraph of at least this many words.
pub const SENTENCE_MIN_WORDS: usize = 40;
/// No paragraph is longer than this many words.
pub const MAX_WORDS: usize = 250;

/// A paragraph made of caption words.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedParagraph {
    pub start: f64,
    pub end: f64,
    pub text: String,
}

/// The captions' words as paragraphs, by the rule of the module note.
pub fn paragraphs_by_pauses(captions: &Captions) -> Vec<TimedParagraph> {
    let spread;
    let words: &[TimedWord] = if captions.words.is_empty() {
        spread = words_from_cues(&captions.cues);
        &spread
    } else {
        &captions.words
    };
    let mut out = Vec::new();
    let mut cur: Option<(TimedParagraph, usize)> = None;
    for (k, w) in words.iter().enumerate() {
        let (p, n) = cur.get_or_insert_with(|| {
            (
                TimedParagraph {
                    start: w.start,
                    end: w.end,
                    text: String::new(),
                },
                0,
            )
        });
        if !p.text.is_empty() {
            p.text.push(' ');
        }
        p.text.push_str(&w.text);
        p.end = p.end.max(w.end);
        *n += 1;
        let pause = words.get(k + 1).is_some_and(|next| {
            next.start - w.end > PAUSE_SECONDS || next.start - w.start > PAUSE_SECONDS + 1.0
        });
        let sentence = *n >= SENTENCE_MIN_WORDS && ends_sentence(&w.text);
        if pause || sentence || *n >= MAX_WORDS {
            out.extend(cur.take().map(|(p, _)| p));
        }
    }
    out.extend(cur.map(|(p, _)| p));
    out
}

fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(['"', '\'', '’', '”', ')', ']', '»'])
        .ends_with(['.', '?', '!', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::captions::{vtt::parse_vtt, Cue};

    #[test]
    fn a_pause_ends_a_paragraph() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\ngood<00:00:01.500><c> evening</c><00:00:02.000><c> and</c>\n\n\
00:00:03.000 --> 00:00:04.000\nwelcome\n\n00:00:08.000 --> 00:00:09.000\nthank<00:00:08.400><c> you</c>\n";
        let p = paragraphs_by_pauses(&parse_vtt(vtt).unwrap());
        assert_eq!(
            p,
            [
                TimedParagraph {
                    start: 1.0,
                    end: 4.0,
                    text: "good evening and welcome".into()
                },
                TimedParagraph {
                    start: 8.0,
                    end: 9.0,
                    text: "thank you".into()
                },
            ]
        );
    }

    #[test]
    fn sentence_ends_and_length_cap() {
        let sentence = "word ".repeat(SENTENCE_MIN_WORDS - 1) + "end.";
        let short = Captions {
            cues: vec![
                Cue {
                    start: 0.0,
                    end: 1.0,
                    text: "Short one. Still".into(),
                },
                Cue {
                    start: 1.0,
                    end: 20.0,
                    text: sentence.clone(),
                },
                Cue {
                    start: 20.0,
                    end: 21.0,
                    text: "Next.".into(),
                },
            ],
            ..Captions::default()
        };
        let p = paragraphs_by_pauses(&short);
        assert_eq!(p.len(), 2);
        assert!(p[0].text.starts_with("Short one. Still word") && p[0].text.ends_with("end."));
        assert_eq!((p[1].start, p[1].text.as_str()), (20.0, "Next."));

        let long = Captions {
            cues: vec![Cue {
                start: 0.0,
                end: 300.0,
                text: "w ".repeat(MAX_WORDS + 10),
            }],
            ..Captions::default()
        };
        let p = paragraphs_by_pauses(&long);
        assert_eq!(
            p.iter()
                .map(|p| p.text.split(' ').count())
                .collect::<Vec<_>>(),
            [MAX_WORDS, 10]
        );
    }
}
