//! The body of a page → per-speaker paragraphs.
//!
//! Each line is a paragraph. A label starts a turn; the lines after it continue that
//! speaker until the next label or a `* * *` separator. Elisions (`<…>`), photo counters
//! with their captions, and a closing signature are recorded on the transcript, not
//! turned into paragraphs.

use std::collections::{HashMap, HashSet};

use super::label::{
    is_generic, is_one_word_role, is_run_together, split_label, split_label_tail,
    split_label_without_colon, Label, Strictness,
};
use super::speaker::{has_role_word, is_bare_name, name_then_title, Known};
use super::{Paragraph, Transcript};

/// `3 of 12`: a photo counter; the next line is its caption.
pub(super) fn is_counter(l: &str) -> bool {
    l.split_once(" of ").is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// `* * *` and its variants (`***`, `* * * *`).
fn is_separator(l: &str) -> bool {
    l.starts_with('*') && l.chars().all(|c| c == '*' || c.is_whitespace())
}

/// `<…>`, `‹…>`, `<...>`: words left out of the transcript.
pub fn is_elision(l: &str) -> bool {
    let inner = l
        .strip_prefix(['<', '‹'])
        .and_then(|s| s.strip_suffix(['>', '›']))
        .map(str::trim);
    matches!(inner, Some("…" | "..." | ""))
}

/// The voice of the current turn.
#[derive(Debug, Clone, Default)]
struct Voice {
    speaker: Option<String>,
    role: Option<String>,
    label: Option<String>,
    note: Option<String>,
    retranslated: bool,
}

pub(super) fn parse_body(lines: &[&str], t: &mut Transcript) {
    // First pass: labels printed with text after them are the page's sure speakers; they
    // confirm labels printed alone and labels with lower-case words.
    let mut sure: HashSet<String> = HashSet::new();
    let mut label_counts: HashMap<String, usize> = HashMap::new();
    for l in lines {
        if let Some(lab) = split_label(l, Strictness::Strict) {
            if !lab.rest.is_empty() {
                *label_counts.entry(lab.name.clone()).or_default() += 1;
                sure.insert(lab.name);
            }
        }
    }
    let mut sure_list: Vec<String> = sure.iter().cloned().collect();
    sure_list.sort();
    let known = Known::new(&t.persons, &sure_list);
    let confirmed = |name: &str| {
        is_generic(name)
            || sure.contains(name)
            || known_name_suffix(&known, name)
            || has_role_word(name)
    };

    // One word before a colon is a speaker only if the page knows it (`Irina:` twice in a
    // Direct Line), never an imperative (`Listen: ...`, page 60675).
    let persons = t.persons.clone();
    // `Putin:` after `Vladimir Putin:` on the same page is a surname, not a heading; list
    // headings repeat (`Deadline: June 1.` in instructions) and never are speakers.
    let confirmed_single = |name: &str| {
        let heading = matches!(
            name,
            "Deadline"
                | "Deadlines"
                | "First"
                | "Second"
                | "Third"
                | "Note"
                | "Source"
                | "Responsible"
                | "Reference"
                | "Background"
        );
        is_generic(name)
            || (!heading && label_counts.get(name).copied().unwrap_or(0) >= 2)
            || persons.iter().any(|p| p.split(' ').any(|w| w == name))
            || sure.iter().any(|s| {
                s.len() > name.len()
                    && s.ends_with(name)
                    && s[..s.len() - name.len()].ends_with(' ')
            })
    };
    let mut voice = Voice::default();
    let mut turn = 0usize;
    let mut started = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if is_separator(line) {
            if voice.speaker.is_some() {
                voice = Voice::default();
                turn += usize::from(started);
            }
            continue;
        }
        if is_elision(line) {
            t.gaps.push(t.paragraphs.len());
            continue;
        }
        if is_counter(line) {
            if let Some(caption) = lines.get(i) {
                t.captions.push(caption.to_string());
                i += 1;
            }
            continue;
        }
        // A label alone on its line, its note and words on the next (the sample page).
        if let Some((note, rest)) = lines.get(i).and_then(|n| split_label_tail(n)) {
            if let Some(lab) = label_without_colon(line, &known) {
                voice = new_voice(&known, lab, note);
                turn += usize::from(started);
                i += 1;
                // `:` alone on the second line (page 54276): the words follow on the next.
                push_words(t, &voice, turn, rest);
                started = true;
                continue;
            }
        }
        let label = split_label(line, Strictness::Strict)
            .filter(|l| !l.rest.is_empty() || confirmed(&l.name) || l.note.is_some())
            .filter(|l| l.name.contains(' ') || confirmed_single(&l.name))
            .or_else(|| {
                split_label(line, Strictness::Lenient).filter(|l| {
                    !l.rest.is_empty()
                        && (known_name_suffix(&known, &l.name)
                            || titled_name(&l.name)
                            || name_then_title(&l.name).is_some())
                })
            })
            .filter(|l| !is_list_item(&known, l));
        // The wider forms below came after paragraphs were cited by number: a label they
        // find alone on its line keeps the line's paragraph, with no words, so that the
        // paragraphs after it keep their numbers.
        let (label, keeps_line) = match label {
            Some(l) => (Some(l), false),
            None => (wider_label(line, &known), true),
        };
        let label = label.filter(|l| !is_quote_in_turn(l, &voice, lines));
        if let Some(lab) = label {
            let rest = lab.rest;
            let note = lab.note.clone();
            voice = new_voice(&known, lab.name, note);
            turn += usize::from(started);
            started = true;
            if keeps_line && rest.is_empty() {
                push(t, &voice, turn, "");
            } else {
                push_words(t, &voice, turn, rest);
            }
            continue;
        }
        if i == lines.len() && is_signature(line) && voice.speaker.is_none() {
            t.signature = Some(line.to_string());
            continue;
        }
        if !started {
            started = true;
        }
        push(t, &voice, turn, line);
    }
    fill_roles(&mut t.paragraphs);
}

fn new_voice(known: &Known, name: String, note: Option<String>) -> Voice {
    let (speaker, role) = known.resolve(&name);
    Voice {
        speaker: Some(speaker),
        role,
        retranslated: note
            .as_deref()
            .is_some_and(super::label::note_is_translation),
        label: Some(name),
        note,
    }
}

/// The words after a label: none (they follow on the next line), an elision only
/// (`Vladimir Putin: <…>`: a gap, not a paragraph), or a paragraph.
fn push_words(t: &mut Transcript, v: &Voice, turn: usize, rest: &str) {
    if is_elision(rest) {
        t.gaps.push(t.paragraphs.len());
    } else if !rest.is_empty() {
        push(t, v, turn, rest);
    }
}

fn push(t: &mut Transcript, v: &Voice, turn: usize, text: &str) {
    t.paragraphs.push(Paragraph {
        index: t.paragraphs.len(),
        turn,
        speaker: v.speaker.clone(),
        role: v.role.clone(),
        label: v.label.clone(),
        note: v.note.clone(),
        retranslated: v.retranslated,
        text: text.to_string(),
        ..Paragraph::default()
    });
}

/// A name-like line without a colon, taken as a label only because a note line follows.
fn label_without_colon(line: &str, known: &Known) -> Option<String> {
    if line.contains(':') {
        return None;
    }
    let probe = format!("{line}:");
    split_label(&probe, Strictness::Strict)
        .or_else(|| {
            split_label(&probe, Strictness::Lenient).filter(|l| known_name_suffix(known, &l.name))
        })
        .map(|l| l.name)
}

/// Words that open a title before a name (`Producer of the film Frontier Dzhanik
/// Fayziyev`, page 56666).
const TITLE_START: [&str; 16] = [
    "President",
    "Minister",
    "Chairman",
    "Chair",
    "Head",
    "Director",
    "Deputy",
    "Producer",
    "Host",
    "Commander",
    "Governor",
    "Secretary",
    "General",
    "First",
    "Acting",
    "Chief",
];

/// A title, then a name, with no verb in between: a label even with lower-case words.
fn titled_name(label: &str) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    let verb = |w: &&str| {
        matches!(
            *w,
            "said"
                | "says"
                | "reads"
                | "read"
                | "wrote"
                | "told"
                | "asked"
                | "is"
                | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "will"
                | "would"
        ) || (w.ends_with("ed") && w.chars().next().is_some_and(char::is_lowercase))
    };
    words.len() >= 4
        && TITLE_START.contains(&words[0])
        && words[words.len() - 2..]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words.iter().any(verb)
}

/// `Minister of Defence: Sergei Shoigu.` in a list of appointments (page 57492): an office
/// alone before the colon (no name at its end) and a bare name after it. `Minister of Trade
/// and Industry Denis Manturov: In Sochi.` (page 60677) and `... Igor Komarov: Mr
/// President.` (page 52852) end with a name: speakers.
fn is_list_item(known: &Known, l: &Label) -> bool {
    let rest = l.rest.trim_end_matches('.');
    // `Mr President.`, `In Sochi.`: capitalised words, but no one's name.
    let greeting_or_place = matches!(
        rest.split(' ').next(),
        Some(
            "Mr" | "Ms"
                | "Mrs"
                | "Madam"
                | "Dear"
                | "Good"
                | "Thank"
                | "Thanks"
                | "Hello"
                | "Yes"
                | "No"
                | "In"
                | "At"
                | "On"
                | "To"
                | "From"
                | "For"
                | "By"
                | "With"
                | "Of"
                | "The"
                | "A"
                | "An"
        )
    );
    is_bare_name(rest, 4)
        && !greeting_or_place
        && !is_generic(&l.name)
        && has_role_word(&l.name)
        && !known_name_suffix(known, &l.name)
}

/// The label forms found after the first rules (see [`parse_body`]): a name printed
/// without spaces, a one-word role, a description before a name, a label without its colon.
fn wider_label<'a>(line: &'a str, known: &Known) -> Option<Label<'a>> {
    wider_label_any(line, known).filter(|l| opens_words(l.rest))
}

/// Words after a label open like a sentence (`About a Disability Ombudsman: we have ...`,
/// page 17767, is a heading in a turn).
fn opens_words(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '“' | '"' | '«' | '(' | '[' | '<' | '‹' | '…' | '–' | '—')
    })
}

fn wider_label_any<'a>(line: &'a str, known: &Known) -> Option<Label<'a>> {
    if let Some(l) = split_label(line, Strictness::Strict) {
        if !l.name.contains(' ')
            && (!l.rest.is_empty() || l.note.is_some())
            && (is_run_together(&l.name) || is_one_word_role(&l.name))
        {
            return Some(l);
        }
    }
    let described = split_label(line, Strictness::Lenient)
        .filter(|l| described_name(known, &l.name, false))
        .or_else(|| with_translation_in_brackets(line, known))
        .or_else(|| {
            // `The athlete’s father and coach Sergei Ivanov:`: "The" opens sentences too, so
            // only before a lower-case description.
            let tail = line.strip_prefix("The ")?;
            let mut l = split_label(tail, Strictness::Lenient)?;
            if !l.name.starts_with(|c: char| c.is_lowercase())
                || !described_name(known, &l.name, true)
            {
                return None;
            }
            l.name.insert_str(0, "The ");
            Some(l)
        })
        .filter(|l| !is_list_item(known, l));
    described
        .or_else(|| name_then_description(line))
        .or_else(|| split_label_without_colon(line))
}

/// `President of the All-Russia Public Organisation Delovaya Rossiya [Business Russia] Alexei
/// Repik:` (page 54983): a title with its translation in square brackets, which the label
/// rules refuse; the label keeps the brackets as printed.
fn with_translation_in_brackets<'a>(line: &'a str, known: &Known) -> Option<Label<'a>> {
    let colon = line.find(':')?;
    let prefix = &line[..colon];
    let open = prefix.find('[')?;
    let close = open + prefix[open..].find(']')?;
    let inner = &prefix[open + 1..close];
    if inner.is_empty() || inner.contains(['[', ']']) || prefix[close + 1..].contains(['[', ']']) {
        return None;
    }
    let probe = format!("{}{}:", &prefix[..open], &prefix[close + 1..]);
    let l = split_label(&probe, Strictness::Lenient)?;
    if l.note.is_some() || !described_name(known, &l.name, false) {
        return None;
    }
    Some(Label {
        name: prefix.split_whitespace().collect::<Vec<_>>().join(" "),
        note: None,
        rest: line[colon + 1..].trim_start(),
    })
}

/// `Konstantin Fokin, ship cutter, special structures and devices shop: Mr President,`
/// (page 63691): a bare name, a comma, then a description in lower case, which the label
/// rules refuse for its last word.
fn name_then_description(line: &str) -> Option<Label<'_>> {
    let colon = line.find(':')?;
    let rest = line[colon + 1..].trim_start();
    let prefix = line[..colon].trim();
    let (_, title) = name_then_title(prefix)?;
    let words: Vec<&str> = title.split(' ').collect();
    let plain = title
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '-' | '’' | '\''));
    (!rest.is_empty()
        && plain
        && words.len() <= 12
        && !words
            .iter()
            .any(|w| SENTENCE_WORDS.contains(&w.trim_end_matches(','))))
    .then(|| Label {
        name: prefix.split_whitespace().collect::<Vec<_>>().join(" "),
        note: None,
        rest,
    })
}

/// Lower-case words of sentences and headings, never of a title before a name.
const SENTENCE_WORDS: [&str; 93] = [
    "i",
    "you",
    "we",
    "he",
    "she",
    "they",
    "it",
    "me",
    "us",
    "him",
    "them",
    "my",
    "your",
    "our",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "have",
    "has",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "not",
    "also",
    "just",
    "very",
    "here",
    "there",
    "now",
    "then",
    "when",
    "what",
    "which",
    "who",
    "why",
    "how",
    "if",
    "so",
    "but",
    "said",
    "says",
    "say",
    "told",
    "tell",
    "asked",
    "ask",
    "read",
    "reads",
    "wrote",
    "write",
    "like",
    "want",
    "let",
    "took",
    "came",
    "come",
    "went",
    "gave",
    "made",
    "held",
    "met",
    "applies",
    "transcript",
    "excerpts",
    "meeting",
    "talks",
    "statement",
    "statements",
    "remarks",
    "following",
];

/// Words ending in -ed that describe a person (`honoured archivist`, page 63591).
const TITLE_PARTICIPLES: [&str; 6] = [
    "honoured",
    "honored",
    "retired",
    "distinguished",
    "merited",
    "decorated",
];

/// A description or title, then a personal name, with nothing of a sentence in it
/// (`Master mariner Sergei Zybko`, page 54148; `Member of the regional headquarters of the
/// National People’s Front Maxim Mishin`, page 63021; `NASA astronaut Timothy Kopra`, page
/// 51707; `CEO of the 2018 FIFA World Cup Organising Committee Alexei Sorokin`).
fn described_name(known: &Known, label: &str, after_the: bool) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() < 3 - usize::from(after_the) {
        return false;
    }
    if !after_the && !words[0].starts_with(char::is_uppercase) {
        return false;
    }
    let sentence = |w: &&str| {
        let w = w.trim_end_matches(',');
        SENTENCE_WORDS.contains(&w)
            || (w.ends_with("ed")
                && w.starts_with(char::is_lowercase)
                && !w.contains('-')
                && !TITLE_PARTICIPLES.contains(&w))
    };
    // Digits only as a year or an ordinal (`the 2018 FIFA World Cup`, `58th Army`).
    let number = |w: &&str| {
        let w = w.trim_end_matches(',');
        let w = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        let ordinal = {
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
        };
        w.contains(|c: char| c.is_ascii_digit()) && !year && !ordinal
    };
    if words.iter().any(sentence) || words.iter().any(number) {
        return false;
    }
    let (speaker, role) = known.resolve(label);
    let Some(role) = role else { return false };
    let before = role.rsplit(' ').next().unwrap_or("");
    is_bare_name(&speaker, 4)
        && !has_role_word(&speaker)
        && !matches!(
            speaker.split(' ').next(),
            Some("Mr" | "Ms" | "Mrs" | "Dr" | "Madam" | "Mister")
        )
        && !matches!(
            before,
            "to" | "from"
                | "by"
                | "with"
                | "about"
                | "for"
                | "of"
                | "and"
                | "the"
                | "at"
                | "in"
                | "on"
        )
}

/// `Perm Territory: “Why are single-industry towns dying?”` (page 60795): inside a turn, a
/// message the speaker reads out, with where or whom it comes from before the colon; a
/// label seen once on the page with a quotation for its words.
fn is_quote_in_turn(l: &Label, voice: &Voice, lines: &[&str]) -> bool {
    voice.speaker.is_some()
        && l.note.is_none()
        && l.rest.starts_with(['“', '"', '«'])
        && lines
            .iter()
            .filter(|x| split_label(x, Strictness::Lenient).is_some_and(|y| y.name == l.name))
            .count()
            <= 1
}

/// The label's name is, or ends with, a person the page names (footer or bare label).
fn known_name_suffix(known: &Known, name: &str) -> bool {
    let (speaker, _) = known.resolve(name);
    known.contains(&speaker)
}

/// `Vladimir Putin` alone on the last line, closing a message.
fn is_signature(l: &str) -> bool {
    is_bare_name(l, 3)
}

/// A speaker printed with a role once and bare later keeps the role.
fn fill_roles(paragraphs: &mut [Paragraph]) {
    let mut roles: Vec<(String, String)> = Vec::new();
    for p in paragraphs.iter() {
        if let (Some(s), Some(r)) = (&p.speaker, &p.role) {
            if !roles.iter().any(|(k, _)| k == s) {
                roles.push((s.clone(), r.clone()));
            }
        }
    }
    for p in paragraphs.iter_mut().filter(|p| p.role.is_none()) {
        if let Some(s) = &p.speaker {
            p.role = roles.iter().find(|(k, _)| k == s).map(|(_, r)| r.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_text;
    use super::*;

    fn body(text: &str) -> Transcript {
        parse_text(
            "t.txt",
            "t",
            &format!("Events\nTitle\nNovember 9, 2020\n13:25\n{text}"),
        )
    }

    fn speakers(t: &Transcript) -> Vec<Option<&str>> {
        t.paragraphs.iter().map(|p| p.speaker.as_deref()).collect()
    }

    #[test]
    fn continuation_lines_keep_the_speaker() {
        let t = body("Narration first.\nPresident of Russia Vladimir Putin: Hello.\nSecond line.\nVladimir Putin: Again.");
        assert_eq!(
            speakers(&t),
            vec![
                None,
                Some("Vladimir Putin"),
                Some("Vladimir Putin"),
                Some("Vladimir Putin")
            ]
        );
        assert_eq!(t.paragraphs[1].role.as_deref(), Some("President of Russia"));
        assert_eq!(
            t.paragraphs[3].role.as_deref(),
            Some("President of Russia"),
            "role carried to bare label"
        );
        assert_eq!(t.paragraphs[3].label.as_deref(), Some("Vladimir Putin"));
        assert_eq!(t.paragraphs[1].text, "Hello.");
        let turns: Vec<usize> = t.paragraphs.iter().map(|p| p.turn).collect();
        assert_eq!(turns, vec![0, 1, 1, 2]);
    }

    #[test]
    fn label_on_own_line_then_retranslated() {
        let t = body("Vladimir Putin: Hello.\nPresident of Syria Bashar al-Assad\n(retranslated): Thank you.\nMore.\nVladimir Putin: Yes.\nGeography\nSyria\nPersons\nal-Assad Bashar\nPublication status");
        assert_eq!(
            speakers(&t),
            vec![
                Some("Vladimir Putin"),
                Some("Bashar al-Assad"),
                Some("Bashar al-Assad"),
                Some("Vladimir Putin")
            ]
        );
        assert!(t.paragraphs[1].retranslated && t.paragraphs[2].retranslated);
        assert!(!t.paragraphs[3].retranslated);
        assert_eq!(t.paragraphs[1].text, "Thank you.");
        assert_eq!(t.paragraphs[1].role.as_deref(), Some("President of Syria"));
    }

    #[test]
    fn label_with_text_on_next_line() {
        let t = body("Vladimir Putin: Please.\nDirector-General of the International Labour Organization Guy Ryder:\nThank you, Mr President.\nVladimir Putin: Thanks.");
        assert_eq!(t.paragraphs.len(), 3);
        assert_eq!(t.paragraphs[1].speaker.as_deref(), Some("Guy Ryder"));
        assert_eq!(t.paragraphs[1].text, "Thank you, Mr President.");
    }

    #[test]
    fn heading_alone_with_colon_is_narration() {
        let t = body("Vladimir Putin signed the Decree.\nText of the Decree:\n1. To establish ...");
        assert_eq!(speakers(&t), vec![None, None, None]);
        let t = body("Statements following the meeting:\nVladimir Putin: Hello.");
        assert_eq!(speakers(&t), vec![None, Some("Vladimir Putin")]);
    }

    #[test]
    fn label_then_colon_alone_then_words() {
        let t = body("Vladimir Putin: Thanks.\nAgriculture Minister Alexander Tkachev\n:\nMr President,\nVladimir Putin: Yes.");
        assert_eq!(t.paragraphs.len(), 3);
        assert_eq!(t.paragraphs[1].text, "Mr President,");
        assert_eq!(
            t.paragraphs[1].speaker.as_deref(),
            Some("Alexander Tkachev")
        );
    }

    #[test]
    fn single_word_labels_need_the_page_to_know_them() {
        let t = body("Vladimir Putin: Hello.\nPutin: Again.\nListen: this is narration?\nDeadline: June 1, 2020.\nDeadline: July 1, 2020.");
        assert_eq!(
            speakers(&t),
            vec![
                Some("Vladimir Putin"),
                Some("Vladimir Putin"),
                Some("Vladimir Putin"),
                Some("Vladimir Putin"),
                Some("Vladimir Putin")
            ]
        );
        assert_eq!(t.paragraphs[1].label.as_deref(), Some("Putin"));
        assert_eq!(
            t.paragraphs[2].label.as_deref(),
            Some("Putin"),
            "Listen: continues the turn"
        );
    }

    #[test]
    fn generic_speakers() {
        let t = body("Question: Why?\nVladimir Putin: Because.\nRemark: Thanks.\nResponse (retranslated): Yes.");
        assert_eq!(
            speakers(&t),
            vec![
                Some("Question"),
                Some("Vladimir Putin"),
                Some("Remark"),
                Some("Response")
            ]
        );
        assert!(t.paragraphs[3].retranslated);
    }

    #[test]
    fn separator_elision_counter_and_signature() {
        let t = body("1 of 4\nA caption.\nVladimir Putin: Hello.\n<…>\nLater words.\n* * *\nThe President then met workers.\n‹…>\nVladimir Putin");
        assert_eq!(t.captions, vec!["A caption."]);
        assert_eq!(
            speakers(&t),
            vec![Some("Vladimir Putin"), Some("Vladimir Putin"), None]
        );
        assert_eq!(t.gaps, vec![1, 3]);
        assert_eq!(t.signature.as_deref(), Some("Vladimir Putin"));
        assert!(t.paragraphs.iter().all(|p| !p.text.contains('…')));
    }

    #[test]
    fn label_followed_by_elision_only_is_a_gap_not_a_paragraph() {
        let t = body("Vladimir Putin: <…›\nLater words.\nBashar al-Assad\n(retranslated): <…>");
        assert_eq!(t.paragraphs.len(), 1);
        assert_eq!(t.paragraphs[0].text, "Later words.");
        assert_eq!(t.paragraphs[0].speaker.as_deref(), Some("Vladimir Putin"));
        assert_eq!(t.gaps, vec![0, 1]);
    }

    #[test]
    fn lower_case_label_confirmed_by_persons_footer() {
        let t = body("Head of A Just Russia political party faction in the State Duma Sergei Mironov: Hello.\nPersons\nMironov Sergei\nPublication status");
        assert_eq!(t.paragraphs[0].speaker.as_deref(), Some("Sergei Mironov"));
        let t = body("As for the budget of the region I can say this: Hello.");
        assert_eq!(t.paragraphs[0].speaker, None);
    }

    fn labels(t: &Transcript) -> Vec<Option<&str>> {
        t.paragraphs.iter().map(|p| p.label.as_deref()).collect()
    }

    #[test]
    fn label_without_colon_before_translation_note() {
        // page 55920
        let t = body("President of Russia Vladimir Putin: Welcome.\nFederal President of the Federal Republic of Germany Frank-Walter Steinmeier (retranslated) Thank you.\nMr President,");
        assert_eq!(
            speakers(&t),
            vec![
                Some("Vladimir Putin"),
                Some("Frank-Walter Steinmeier"),
                Some("Frank-Walter Steinmeier")
            ]
        );
        assert_eq!(t.paragraphs[1].text, "Thank you.");
        assert!(t.paragraphs[1].retranslated);
        let t = body("Vladimir Putin: Hello.\n(Speaks German.) Herzlich willkommen.\nThe talks (retranslated) were long.");
        assert_eq!(labels(&t), vec![Some("Vladimir Putin"); 3]);
    }

    #[test]
    fn title_with_lower_case_words_before_a_name() {
        for (line, speaker) in [
            // page 63021
            ("Member of the regional headquarters of the National People’s Front Maxim Mishin: The city of Sevastopol.", "Maxim Mishin"),
            // page 54148
            ("Master mariner Sergei Zybko: Mr President,", "Sergei Zybko"),
            // page 51707
            ("NASA astronaut Timothy Kopra: Good afternoon!", "Timothy Kopra"),
            // page 56953
            ("Olympic figure skating silver medallist Yevgenia Medvedeva: Good afternoon.", "Yevgenia Medvedeva"),
            // a year and an acronym in the title
            ("CEO of the 2018 FIFA World Cup Organising Committee Alexei Sorokin: Thank you.", "Alexei Sorokin"),
            // a possessive
            ("Co-chair of Vladimir Potanin’s charity foundation and Director of the State Hermitage Museum Mikhail Piotrovsky: Yes.", "Mikhail Piotrovsky"),
            // page 63591: a participle that is a title
            ("Deputy Head of the Executive Directorate of the Year of Memory and Glory for scientific work, honoured archivist of Russia Yelena Malysheva: Thank you.", "Yelena Malysheva"),
        ] {
            let t = body(&format!("Vladimir Putin: Please.\n{line}\nMore words."));
            assert_eq!(
                speakers(&t),
                vec![Some("Vladimir Putin"), Some(speaker), Some(speaker)],
                "{line}"
            );
            assert_eq!(t.paragraphs[1].label.as_deref(), line.split(':').next());
        }
    }

    #[test]
    fn organisation_before_the_title() {
        // an office word in the label and a name-like reply (`Mr President.`): a speaker,
        // not a line of a list of appointments
        for line in [
            "Rostec State Corporation CEO Sergei Chemezov: Mr President.",
            "Director General of State Space Corporation Roscosmos Igor Komarov: Mr President.",
            "Minister of Trade and Industry Denis Manturov: In Sochi.",
        ] {
            let t = body(&format!("Vladimir Putin: Please.\n{line}"));
            assert_eq!(
                t.paragraphs[1].label.as_deref(),
                line.split(':').next(),
                "{line}"
            );
        }
        let t = body("Dmitry Medvedev: The proposals.\nMinister of Foreign Affairs: Sergei Lavrov.\nInterior Minister: Vladimir Kolokoltsev.");
        assert_eq!(labels(&t), vec![Some("Dmitry Medvedev"); 3]);
    }

    #[test]
    fn label_starting_with_the() {
        let t = body(
            "Vladimir Putin: Please.\nThe athlete’s father and coach Alexander Ivanov: Thank you.",
        );
        assert_eq!(
            t.paragraphs[1].label.as_deref(),
            Some("The athlete’s father and coach Alexander Ivanov")
        );
        assert_eq!(t.paragraphs[1].speaker.as_deref(), Some("Alexander Ivanov"));
        for line in [
            "The same applies to the Federal Service for Supervision of Natural Resources: more than 60.",
            "The meeting was attended by Alexander Ivanov: he said so.",
            "The theme of this year’s event, The Far East: Expanding the Range.",
        ] {
            let t = body(&format!("Vladimir Putin: Please.\n{line}"));
            assert_eq!(labels(&t)[1], Some("Vladimir Putin"), "{line}");
        }
    }

    #[test]
    fn sentences_ending_with_a_name_stay_text() {
        for line in [
            "In this case, I would like to ask Ms Uvarkina: how do you see it?",
            "This is why I would like to read out a message from Tatyana Pinchuk: “Are the ministers responsible?”",
            "I will forward one question on this issue. It came from student Anastasia Fedosova: “What?”",
            "Argentina has the largest Russian diaspora in Latin America: 300,000 people.",
            "Excerpts from the transcript of the meeting with Governor Alexei Dyumin: text.",
        ] {
            let t = body(&format!("Vladimir Putin: Please.\n{line}"));
            assert_eq!(labels(&t)[1], Some("Vladimir Putin"), "{line}");
        }
    }

    #[test]
    fn translation_in_brackets_inside_a_title() {
        // page 54983
        let line = "President of the All-Russia Public Organisation Delovaya Rossiya [Business Russia] Alexei Repik: Mr President, I would like to comment.";
        let t = body(&format!("Vladimir Putin: Please.\n{line}"));
        assert_eq!(t.paragraphs[1].label.as_deref(), line.split(':').next());
        assert_eq!(t.paragraphs[1].speaker.as_deref(), Some("Alexei Repik"));
        let line =
            "I would like to ask Defence Minister [Sergei Shoigu] to get down to it: a hospital.";
        let t = body(&format!("Vladimir Putin: Please.\n{line}"));
        assert_eq!(labels(&t)[1], Some("Vladimir Putin"));
    }

    #[test]
    fn name_run_together() {
        // pages 54148, 17864, 54483
        for line in [
            "VladimirPutin: I would like to thank everyone.",
            "VladimirPUTIN: Good.",
            "PresidentofPalestineMahmoudAbbas (retranslated): Thank you very much.",
        ] {
            let t = body(&format!("Vladimir Putin: Please.\n{line}"));
            let label = line.split([':', ' ']).next();
            assert_eq!(t.paragraphs[1].label.as_deref(), label, "{line}");
        }
    }

    #[test]
    fn one_word_role() {
        // page 17187
        let t = body("Vladimir Putin: Go ahead.\nOperator: The pipeline has been launched.\nListen: this is still Putin.");
        assert_eq!(
            labels(&t),
            vec![Some("Vladimir Putin"), Some("Operator"), Some("Operator")]
        );
    }

    #[test]
    fn name_then_description_in_lower_case() {
        // page 63691
        let t = body("Vladimir Putin: Please.\nKonstantin Fokin, ship cutter, special structures and devices shop: Mr President, it is a red-letter day.");
        assert_eq!(t.paragraphs[1].speaker.as_deref(), Some("Konstantin Fokin"));
        assert_eq!(
            t.paragraphs[1].text,
            "Mr President, it is a red-letter day."
        );
    }

    #[test]
    fn quotations_read_out_in_a_turn_are_not_speakers() {
        // pages 60795, 57692, 63021
        let t = body("Tatyana Remezova: I will read a few.\nPerm Territory: “Why are single-industry towns dying?”\nLipetsk, Yevgeny Zaitsev: “About 1,500 defrauded housing equity holders.”\nVladimir Putin: It goes like this.\nQuestion: “How much funding is required?” “A lot.”");
        assert_eq!(
            labels(&t),
            vec![
                Some("Tatyana Remezova"),
                Some("Tatyana Remezova"),
                Some("Tatyana Remezova"),
                Some("Vladimir Putin"),
                Some("Vladimir Putin")
            ]
        );
        assert!(t.paragraphs[1].text.starts_with("Perm Territory:"));
        // a label the page uses for several turns stays one, quotation or not
        let t = body("Question: Why?\nVladimir Putin: Because.\nQuestion: “Is it true?”");
        assert_eq!(labels(&t)[2], Some("Question"));
    }

    #[test]
    fn label_alone_found_by_wider_rules_keeps_its_paragraph() {
        // page 55714: the label alone, the words on the next line; the paragraph numbers
        // cited before the label was recognised stay the same
        let t = body("Vladimir Putin: Please.\nDeputy Director General of the Technical Secretariat of the Organisation for the Prohibition of Chemical Weapons Hamid Ali Rao:\nThank you.\nVladimir Putin: Good.");
        assert_eq!(t.paragraphs.len(), 4);
        assert_eq!(t.paragraphs[1].text, "");
        assert!(t.paragraphs[2]
            .label
            .as_deref()
            .is_some_and(|l| l.ends_with("Hamid Ali Rao")));
    }

    #[test]
    fn colon_sentences_stay_narration() {
        let t = body("The message reads, in part:\n“Dear friends, ...”");
        assert_eq!(speakers(&t), vec![None, None]);
    }
}
