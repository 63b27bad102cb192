//! Stage notes inside a speaker's words: `[crosstalk]`, `[crosstalk 01:07:27]`, `(LAUGHTER)`,
//! `[Laughter and applause]`, `(inaudible)`. They are what the transcriber heard, not what
//! the speaker said: [`split`] takes them out of the words and keeps them as notes.
//!
//! Not every bracket is a note. A bracket attached to a word (`401(k)s`) is part of it; an
//! editor's word (`[sic]`, `(sic)`) or insertion (`[Arabian] Gulf`) is part of the speech as
//! published. A bracketed group is a note when it stands apart from the words around it and
//! - all its words are stage words ([`STAGE_WORDS`]: `crosstalk`, `laughter`, `inaudible`,
//!   …), with `and` between them and a timestamp after them (`[crosstalk 01:07:27]`); or
//! - it is capitals of at least two words (`(UNIDENTIFIED MALE?)`), or opens with a
//!   label in capitals (`(GOVERNOR CARTER: Yes.)`, 1976-10-22: another speaker's aside).
//!
//! A single capitalised word (`(NATO)`) is an acronym, not a note, unless it is a stage word
//! (`(LAUGHTER)`).

/// Words a stage note is made of (lower case; a hyphenated word is looked up whole and by
/// its parts: `off-mike`, `cross-talk`).
pub const STAGE_WORDS: [&str; 44] = [
    "crosstalk",
    "cross",
    "talk",
    "overtalk",
    "laughter",
    "laughs",
    "laughing",
    "applause",
    "applauding",
    "cheers",
    "cheering",
    "boos",
    "booing",
    "inaudible",
    "unintelligible",
    "indiscernible",
    "barely",
    "audible",
    "off",
    "mike",
    "mic",
    "silence",
    "pause",
    "pauses",
    "music",
    "noise",
    "coughs",
    "coughing",
    "interruption",
    "interrupting",
    "unidentified",
    "male",
    "female",
    "speaker",
    "voice",
    "audience",
    "bell",
    "rings",
    "sighs",
    "background",
    "commercial",
    "break",
    "video",
    "plays",
];

/// A paragraph's words with its stage notes taken out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Split {
    /// The words, spaces around a removed note collapsed to one.
    pub text: String,
    /// Each note's text without its brackets, in order.
    pub notes: Vec<String>,
}

/// Take the stage notes out of `text` (the rule of the module note).
pub fn split(text: &str) -> Split {
    if !text.contains(['[', '(']) {
        return Split {
            text: text.to_string(),
            notes: Vec::new(),
        };
    }
    let mut out = Split::default();
    let mut words = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['[', '(']) {
        let close_char = if rest.as_bytes()[open] == b'[' {
            ']'
        } else {
            ')'
        };
        let Some(len) = rest[open + 1..].find(close_char) else {
            break;
        };
        let inner = &rest[open + 1..open + 1 + len];
        let after = open + 1 + len + 1;
        let before_ok = !rest[..open]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after_ok = !rest[after..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        let nested = inner.contains(['[', '(']);
        if before_ok && after_ok && !nested && is_note(inner) {
            words.push_str(&rest[..open]);
            words.push(' ');
            out.notes.push(inner.trim().to_string());
        } else {
            words.push_str(&rest[..after]);
        }
        rest = &rest[after..];
    }
    words.push_str(rest);
    out.text = collapse_spaces(&words);
    out
}

/// Is the inside of a bracket a stage note?
pub fn is_note(inner: &str) -> bool {
    let inner = inner.trim();
    if inner.is_empty() {
        return false;
    }
    let mut stage = 0;
    let mut other = false;
    for w in inner.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        if w.is_empty() || is_timestamp(w) {
            continue;
        }
        let lower = w.to_lowercase();
        if lower == "and" {
            continue;
        }
        let known = STAGE_WORDS.contains(&lower.as_str())
            || lower
                .split('-')
                .all(|part| !part.is_empty() && STAGE_WORDS.contains(&part));
        if known {
            stage += 1;
        } else {
            other = true;
        }
    }
    if stage > 0 && !other {
        return true;
    }
    capitals(inner)
}

/// Two or more words in capitals (`UNIDENTIFIED MALE?`), or a label in capitals before a
/// colon (`GOVERNOR CARTER: Yes.`).
fn capitals(inner: &str) -> bool {
    let all_caps = |s: &str| {
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && !s.chars().any(char::is_lowercase)
    };
    if let Some((label, _)) = inner.split_once(':') {
        if all_caps(label) && label.split_whitespace().count() <= 4 {
            return true;
        }
    }
    all_caps(inner) && inner.split_whitespace().count() >= 2
}

/// `01:07:27`, `7:27`.
fn is_timestamp(w: &str) -> bool {
    let parts: Vec<&str> = w.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Runs of spaces made one, the ends trimmed; a space before `.`, `,`, `?`, `!` left by a
/// removed note is dropped.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        let punct = w.starts_with(['.', ',', '?', '!', ';']);
        if !out.is_empty() && !punct {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(s: &str) -> (String, Vec<String>) {
        let x = split(s);
        (x.text, x.notes)
    }

    #[test]
    fn stage_notes_leave_the_words() {
        assert_eq!(
            notes("I find that just absolutely-[crosstalk]"),
            (
                "I find that just absolutely-".into(),
                vec!["crosstalk".into()]
            )
        );
        assert_eq!(
            notes("We will. [crosstalk 01:07:27] And then"),
            (
                "We will. And then".into(),
                vec!["crosstalk 01:07:27".into()]
            )
        );
        assert_eq!(
            notes("Thank you. (LAUGHTER) Now"),
            ("Thank you. Now".into(), vec!["LAUGHTER".into()])
        );
        assert_eq!(
            notes("[Laughter and applause] Thank you."),
            ("Thank you.".into(), vec!["Laughter and applause".into()])
        );
        assert_eq!(
            notes("Thank you Barbara (barely audible). The"),
            (
                "Thank you Barbara. The".into(),
                vec!["barely audible".into()]
            )
        );
        assert_eq!(
            notes("(inaudible)"),
            (String::new(), vec!["inaudible".into()])
        );
        assert_eq!(notes("Your [cross talk]").1, vec!["cross talk".to_string()]);
        assert_eq!(notes("George: (OFF-MIKE)").1, vec!["OFF-MIKE".to_string()]);
    }

    #[test]
    fn asides_in_capitals_are_notes() {
        assert_eq!(
            notes("One quick follow-up question. (GOVERNOR CARTER: Yes.) Did you"),
            (
                "One quick follow-up question. Did you".into(),
                vec!["GOVERNOR CARTER: Yes.".into()]
            )
        );
        assert_eq!(
            notes("(UNIDENTIFIED MALE?) Governor?").1,
            vec!["UNIDENTIFIED MALE?".to_string()]
        );
    }

    #[test]
    fn brackets_of_the_speech_are_words() {
        for s in [
            "our 401(k)s are safe",
            "the Internets [sic] say",
            "the Internets (sic) say",
            "the [Arabian] Gulf",
            "the treaty (NATO) holds",
            "a list (a, b) here",
            "an open ( bracket",
            "nested [a (b) c] stays",
        ] {
            assert_eq!(notes(s), (s.to_string(), Vec::new()), "{s}");
        }
    }
}
