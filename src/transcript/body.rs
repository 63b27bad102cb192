//! The body of a page → per-speaker paragraphs.
//!
//! Each line is a paragraph. A label starts a turn; the lines after it continue that
//! speaker until the next label or a `* * *` separator. Elisions (`<…>`), photo counters
//! with their captions, and a closing signature are recorded on the transcript, not
//! turned into paragraphs.

use std::collections::{HashMap, HashSet};

use super::label::{is_generic, split_label, split_label_tail, Label, Strictness};
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
        if let Some(lab) = label {
            let rest = lab.rest;
            let note = lab.note.clone();
            voice = new_voice(&known, lab.name, note);
            turn += usize::from(started);
            started = true;
            push_words(t, &voice, turn, rest);
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
/// alone before the colon and a bare name after it.
fn is_list_item(known: &Known, l: &Label) -> bool {
    is_bare_name(l.rest.trim_end_matches('.'), 4)
        && !is_generic(&l.name)
        && has_role_word(&l.name)
        && !known_name_suffix(known, &l.name)
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

    #[test]
    fn colon_sentences_stay_narration() {
        let t = body("The message reads, in part:\n“Dear friends, ...”");
        assert_eq!(speakers(&t), vec![None, None]);
    }
}
