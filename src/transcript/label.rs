//! Where a speaker label is recognised: `President of Russia Vladimir Putin: ...`,
//! `Question (retranslated): ...`, a label alone on its line.
//!
//! A label is a short, name-like phrase before a colon: capitalised words joined by the
//! few lower-case words that titles and names use (`of`, `the`, `al-`, `bin`). Sentences
//! with a colon (`The message reads, in part:`) and headings (`Text of the Decree:`) are
//! not labels; the second kind is told apart in `body.rs`, which knows the page.

/// Longest label we accept, in characters (the longest real one is ~110).
pub const MAX_LABEL_CHARS: usize = 120;
const MAX_LABEL_WORDS: usize = 20;
/// Labels confirmed by the page may be longer (page 62254: a 150-character title).
const MAX_LENIENT_CHARS: usize = 180;

/// Speakers that are roles, not persons.
pub const GENERIC: [&str; 14] = [
    "Question",
    "Questions",
    "Remark",
    "Remarks",
    "Reply",
    "Response",
    "Comment",
    "Answer",
    "Voice",
    "Voices",
    "Voice from the audience",
    "Audience",
    "Participant",
    "Participants",
];

/// One-word labels that are a role, not a heading or an imperative (`Operator:` on page
/// 17187, `Presenter:` on 56318, `Speaker:` on 57080, `Volunteer:` on 57692).
pub const ONE_WORD_ROLES: [&str; 26] = [
    "Operator",
    "Presenter",
    "Moderator",
    "Host",
    "Hostess",
    "Announcer",
    "Speaker",
    "Narrator",
    "Interpreter",
    "Translator",
    "Correspondent",
    "Journalist",
    "Reporter",
    "Caller",
    "Viewer",
    "Guest",
    "Student",
    "Students",
    "Pupil",
    "Pupils",
    "Teacher",
    "Volunteer",
    "Volunteers",
    "Child",
    "Children",
    "Veteran",
];

/// Lower-case words allowed inside a label (titles and names).
const CONNECTORS: [&str; 30] = [
    "of", "the", "and", "for", "on", "in", "at", "to", "de", "da", "del", "della", "di", "du",
    "des", "der", "den", "van", "von", "la", "le", "bin", "ibn", "al", "el", "y", "ben", "abu",
    "from", "&",
];

/// First words of sentences and headings, never of a label.
const NOT_FIRST: [&str; 36] = [
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "As",
    "At",
    "For",
    "But",
    "And",
    "So",
    "If",
    "When",
    "What",
    "Here",
    "There",
    "It",
    "We",
    "I",
    "You",
    "He",
    "She",
    "They",
    "My",
    "Our",
    "Your",
    "His",
    "Her",
    "Let",
    "Please",
    "Text",
    "Entry",
    "Main",
    "Statements",
];

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    /// The name part, whitespace-normalised, without notes and colon.
    pub name: String,
    /// Bracketed notes before the colon, joined with `; `.
    pub note: Option<String>,
    /// The text after the colon (may be empty: the words are on the next line).
    pub rest: &'a str,
}

impl Label<'_> {
    /// The note says the words were interpreted.
    pub fn retranslated(&self) -> bool {
        self.note.as_deref().is_some_and(note_is_translation)
    }
}

/// `retranslated`, `re-translated`, `translated from Russian`, `speaks Russian`, ...
pub fn note_is_translation(note: &str) -> bool {
    let n = note.to_lowercase();
    n.contains("translat") || n.contains("interpret") || n.starts_with("speaks ")
}

/// How sure a caller must be: `Strict` for a label with text after it on a line,
/// `Lenient` lets lower-case words through (the caller confirms the name another way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    Strict,
    Lenient,
}

/// Split `line` into a label and its text, if it starts with one.
pub fn split_label(line: &str, strictness: Strictness) -> Option<Label<'_>> {
    let colon = line.find(':')?;
    let prefix = &line[..colon];
    // A character is at most 4 bytes: most lines with a colon far in are out without
    // counting their characters.
    let limit = MAX_LENIENT_CHARS + 40;
    if prefix.len() > 4 * limit || (prefix.len() > limit && prefix.chars().count() > limit) {
        return None;
    }
    let rest = line[colon + 1..].trim_start();
    let (name, note) = split_notes(prefix)?;
    let max = match strictness {
        Strictness::Strict => MAX_LABEL_CHARS,
        Strictness::Lenient => MAX_LENIENT_CHARS,
    };
    if name.is_empty() || name.chars().count() > max {
        return None;
    }
    if !is_name_like(&name, strictness) {
        return None;
    }
    Some(Label { name, note, rest })
}

/// A label printed without its colon, a translation note and the words after it:
/// `Federal President of the Federal Republic of Germany Frank-Walter Steinmeier
/// (retranslated) Thank you.` (page 55920, the colon missing in the HTML too). Only a
/// translation note marks the end of such a label: any other bracket is part of a sentence.
pub fn split_label_without_colon(line: &str) -> Option<Label<'_>> {
    let open = line.find('(')?;
    let close = open + line[open..].find(')')?;
    let note = line[open + 1..close].trim();
    let rest = line[close + 1..].trim_start();
    let name = line[..open]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let opens_words = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '«'));
    if !note_is_translation(note)
        || !opens_words
        || name.is_empty()
        || name.contains([':', ')'])
        || name.chars().count() > MAX_LABEL_CHARS
        || !is_name_like(&name, Strictness::Strict)
    {
        return None;
    }
    Some(Label {
        name,
        note: Some(note.to_string()),
        rest,
    })
}

/// A name printed without its spaces (`VladimirPutin`, `VladimirPUTIN`, `V.Putin`,
/// `PresidentofPalestineMahmoudAbbas`, pages 54148, 17864, 51485, 54483): one word of letters
/// in which a capital follows a small letter or a full stop.
pub fn is_run_together(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    chars.len() >= 5
        && chars[0].is_uppercase()
        && chars
            .iter()
            .all(|&c| c.is_alphabetic() || matches!(c, '-' | '.' | '’' | '\''))
        && chars
            .windows(2)
            .any(|w| (w[0].is_lowercase() || w[0] == '.') && w[1].is_uppercase())
}

/// A one-word label that is a role ([`ONE_WORD_ROLES`]).
pub fn is_one_word_role(name: &str) -> bool {
    ONE_WORD_ROLES.contains(&name)
}

/// The second line of a label printed alone on its line: `(retranslated): text` (the
/// sample page) or `: text` (page 54223, the colon outside the bold label). Returns the
/// note, if any, and the text.
pub fn split_label_tail(line: &str) -> Option<(Option<String>, &str)> {
    if let Some(after) = line.strip_prefix(':') {
        return Some((None, after.trim_start()));
    }
    let inner = line.strip_prefix('(')?;
    let close = inner.find(')')?;
    let after = inner[close + 1..].trim_start().strip_prefix(':')?;
    let note = inner[..close].trim();
    (!note.is_empty() && note.len() <= 40).then(|| (Some(note.to_string()), after.trim_start()))
}

/// Take bracketed groups out of a label prefix. `None` if brackets do not balance.
fn split_notes(prefix: &str) -> Option<(String, Option<String>)> {
    let mut name = String::with_capacity(prefix.len());
    let mut notes: Vec<&str> = Vec::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('(') {
        name.push_str(&rest[..open]);
        let close = rest[open..].find(')')? + open;
        let note = rest[open + 1..close].trim();
        if !note.is_empty() {
            notes.push(note);
        }
        rest = &rest[close + 1..];
    }
    if rest.contains(')') {
        return None;
    }
    name.push_str(rest);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    Some((name, note))
}

/// Is this a generic speaker (`Question`, `Remark`), a role rather than a person?
pub fn is_generic(name: &str) -> bool {
    GENERIC.iter().any(|g| g.eq_ignore_ascii_case(name))
}

fn is_name_like(name: &str, strictness: Strictness) -> bool {
    if is_generic(name) {
        return true;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let lenient = strictness == Strictness::Lenient;
    if words.len()
        > if lenient {
            2 * MAX_LABEL_WORDS
        } else {
            MAX_LABEL_WORDS
        }
    {
        return false;
    }
    // Digits only in ordinals (`Commander of the 58th Army`), or leniently.
    if !lenient
        && words
            .iter()
            .any(|w| w.contains(|c: char| c.is_ascii_digit()) && !is_ordinal(w))
    {
        return false;
    }
    if name.chars().any(|c| {
        matches!(
            c,
            '?' | '!' | '"' | '“' | '”' | ';' | '<' | '>' | '‹' | '/' | '=' | '*' | '[' | ']'
        )
    }) {
        return false;
    }
    // A lower-case first word (`chairman of the Management Committee of Gazprom Alexei
    // Miller`, page 17795) only passes leniently, for the caller to confirm.
    let first = words[0];
    let upper = first.chars().next().is_some_and(|c| c.is_uppercase());
    if !(upper || strictness == Strictness::Lenient) || NOT_FIRST.contains(&first) {
        return false;
    }
    let last = words[words.len() - 1];
    if !(is_capitalised(last) || is_particle_name(last)) || last.ends_with(',') {
        return false;
    }
    // A comma joins parts of a long title (`Minister of Civil Defence, Emergencies and ...`),
    // never a sentence: the word after it must be capitalised.
    // (Leniently, `Name, welding engineer at ...`: the caller confirms.)
    if !lenient {
        for pair in words.windows(2) {
            if pair[0].ends_with(',') && !is_capitalised(pair[1]) {
                return false;
            }
        }
    }
    let mut lower = 0;
    for w in &words {
        let w = w.trim_end_matches(',');
        if w.is_empty() {
            return false;
        }
        if w.ends_with('.') && !is_abbreviation(w) {
            return false;
        }
        if is_capitalised(w) || CONNECTORS.contains(&w) || is_particle_name(w) || is_ordinal(w) {
            continue;
        }
        lower += 1;
    }
    match strictness {
        Strictness::Strict => lower == 0,
        Strictness::Lenient => lower <= 6,
    }
}

/// `1st`, `58th`, `2nd`, `3rd`.
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// Starts with an upper-case letter (`Putin`, `VEB.RF`, `Director-General`, `O’Brien`).
fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// `al-Assad`, `el-Sisi`, `bin-Salman`: a lower-case particle joined to a name.
fn is_particle_name(w: &str) -> bool {
    w.split_once('-').is_some_and(|(p, n)| {
        matches!(p, "al" | "el" | "bin" | "ibn" | "ad" | "as" | "ul" | "abd") && is_capitalised(n)
    })
}

/// Initials and short abbreviations that end in a full stop (`J.`, `Mr.`, `Jr.`, `St.`).
fn is_abbreviation(w: &str) -> bool {
    let core = w.trim_end_matches('.');
    core.chars().count() <= 2 || matches!(core, "Mrs" | "Gen" | "Col" | "Lt" | "Sgt" | "Rev")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Strictness::*;

    fn name(line: &str) -> Option<String> {
        split_label(line, Strict).map(|l| l.name)
    }

    #[test]
    fn plain_and_titled_names() {
        assert_eq!(
            name("Vladimir Putin: Good afternoon.").as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(
            name("President of Russia Vladimir Putin: Mr President,").as_deref(),
            Some("President of Russia Vladimir Putin")
        );
        assert_eq!(
            name("Bashar al-Assad: Thank you.").as_deref(),
            Some("Bashar al-Assad")
        );
        assert_eq!(
            name("Minister of Civil Defence, Emergencies and Natural Disasters Relief Vladimir Puchkov: Yes.").as_deref(),
            Some("Minister of Civil Defence, Emergencies and Natural Disasters Relief Vladimir Puchkov")
        );
        assert_eq!(
            name("VladimirPutin: typo on page").as_deref(),
            Some("VladimirPutin")
        );
    }

    #[test]
    fn notes_before_the_colon() {
        let l = split_label("Question (retranslated): What?", Strict).unwrap();
        assert_eq!(
            (l.name.as_str(), l.note.as_deref(), l.rest),
            ("Question", Some("retranslated"), "What?")
        );
        assert!(l.retranslated());
        let l = split_label("Vasily Ivanov (Krasnodar Territory): Hello.", Strict).unwrap();
        assert_eq!(l.note.as_deref(), Some("Krasnodar Territory"));
        assert!(!l.retranslated());
        for note in ["re-translated", "translated from Russian", "speaks Russian"] {
            let line = format!("Angela Merkel ({note}): Danke.");
            assert!(split_label(&line, Strict).unwrap().retranslated(), "{note}");
        }
    }

    #[test]
    fn label_with_text_on_next_line() {
        let l = split_label(
            "Director-General of the International Labour Organization Guy Ryder:",
            Strict,
        )
        .unwrap();
        assert_eq!(l.rest, "");
    }

    #[test]
    fn sentences_and_headings_are_not_labels() {
        for line in [
            "The message reads, in part:",
            "The President said, in particular, in his message: ...",
            "Contact telephone numbers: 123",
            "14:00 – arrival",
            "May 9, 2018, 6:00",
            "I repeat: we will not.",
            "Once again: no.",
            "Hence, the question: why?",
            "In particular, the message contains the following passage:",
            "Regarding children’s hospitals: we will build them.",
            "Accreditation for May 8 events (Alexander Garden) – http://x",
            "Text of the Decree:",
            "Publication date: November 9, 2020",
            "“Mr President: welcome”",
            "Now a few other points. Regarding centralised purchasing: yes",
            ": nothing before the colon",
        ] {
            assert_eq!(name(line), None, "{line}");
        }
    }

    #[test]
    fn lenient_lets_lower_case_words_through() {
        let line =
            "Head of A Just Russia political party faction in the State Duma Sergei Mironov: Yes.";
        assert_eq!(name(line), None);
        assert!(split_label(line, Lenient).is_some());
    }

    #[test]
    fn long_label_is_rejected() {
        let line = format!("{}: text", vec!["Word"; 30].join(" "));
        assert_eq!(name(&line), None);
    }

    #[test]
    fn label_without_colon_ends_at_a_translation_note() {
        let l = split_label_without_colon(
            "Federal President of Germany Frank-Walter Steinmeier (retranslated) Thank you.",
        )
        .unwrap();
        assert_eq!(
            (l.name.as_str(), l.note.as_deref(), l.rest),
            (
                "Federal President of Germany Frank-Walter Steinmeier",
                Some("retranslated"),
                "Thank you."
            )
        );
        for line in [
            "(Speaks German.) Herzlich willkommen.",
            "Vladimir Putin (Krasnodar Territory) Hello.",
            "The talks (retranslated) were long.",
            "Angela Merkel (retranslated): Danke.",
            "Angela Merkel (retranslated) thanked him.",
        ] {
            assert_eq!(split_label_without_colon(line), None, "{line}");
        }
    }

    #[test]
    fn names_run_together_and_one_word_roles() {
        for w in [
            "VladimirPutin",
            "VladimirPUTIN",
            "V.Putin",
            "Minister-PresidentofBavariaHorstSeehofer",
        ] {
            assert!(is_run_together(w), "{w}");
        }
        for w in [
            "Putin",
            "Deadline",
            "NATO",
            "Listen",
            "Vladimir Putin",
            "iPhone",
        ] {
            assert!(!is_run_together(w), "{w}");
        }
        assert!(is_one_word_role("Operator"));
        assert!(!is_one_word_role("Listen"));
    }

    #[test]
    fn note_line_after_label_alone() {
        assert_eq!(
            split_label_tail("(retranslated): Thank you very much."),
            Some((Some("retranslated".to_string()), "Thank you very much."))
        );
        assert_eq!(
            split_label_tail(": Mr Putin, ladies and gentlemen,"),
            Some((None, "Mr Putin, ladies and gentlemen,"))
        );
        assert_eq!(split_label_tail("(Applause.)"), None);
        assert_eq!(split_label_tail("(Video plays.) Then: yes"), None);
    }
}
