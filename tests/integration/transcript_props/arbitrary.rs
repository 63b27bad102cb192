//! Property tests of stage 1 (page text → `Transcript`).
//!
//! Two kinds: arbitrary text (random unicode, label-like lines, colons, `<…>` fragments,
//! very long lines, CR/CRLF) never panics and keeps the promises the parser makes about
//! its output; and pages generated from a random plan (header, speakers with and without
//! titles, generic labels, notes, continuations, narration, elisions, separators,
//! captions, footer) parse back to the speakers, turns and paragraphs they were built from.

use proptest::prelude::*;
use rostra::transcript::{is_elision, parse_text, Paragraph, Transcript};

// ---------------------------------------------------------------------------------------
// Arbitrary input
// ---------------------------------------------------------------------------------------

/// Lines a page could hold, hostile or not.
fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        // label-like: capitalised words, maybe a note, a colon, maybe text
        "[A-Z][a-z]{0,8}( [A-Za-z’-]{1,10}){0,5}( \\([a-z -]{0,20}\\))?:[ ]?[^\n]{0,40}",
        "[a-z][a-z]{0,8}( [A-Za-z-]{1,10}){0,8}:[^\n]{0,20}",
        // colons and brackets everywhere
        "[a-zA-Z :()]{0,60}",
        ":{1,40}",
        "[(:) ]{1,20}[A-Za-z]{0,5}",
        // elision fragments
        "[<‹]{0,2}[ ]?(…|\\.\\.\\.|\\.\\.)?[ ]?[>›]{0,2}",
        "<[^\n>]{0,10}>",
        "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}: [<‹](…|\\.\\.\\.)[>›]",
        // counters, separators, label tails
        "[0-9]{0,4} of [0-9]{0,4}",
        "\\*[ *]{0,6}",
        "\\([^\n)]{0,45}\\)?[ ]?:?[ ]?[^\n]{0,20}",
        "\u{feff}{0,2}[A-Za-z :]{0,20}\u{feff}{0,2}",
        prop::sample::select(vec![
            "Events",
            "Persons",
            "Geography",
            "Topics",
            "Publication status",
            "Text version",
            "Published in sections: News, Transcripts",
            "Published in section:",
            "Publication date: November 9, 2020, 13:25",
            "Publication date:",
            "November 9, 2020",
            "February 30, 2020",
            "13:25",
            "99:99",
            "Vladimir Putin",
            "Putin Vladimir",
            "Putin:",
            "Question:",
            ":",
            "(retranslated): Yes.",
            "(retranslated):",
            "<…>",
            "1 of 4",
            "* * *",
            "Text of the Decree:",
            "Deadline: June 1, 2020.",
        ])
        .prop_map(String::from),
        // very long lines
        ("[A-Za-z: (]{1,20}", 1usize..4000).prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// Arbitrary lines joined by arbitrary line ends (LF, CRLF, lone CR, blank lines).
fn any_page() -> impl Strategy<Value = String> {
    let end = prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r", "\n\n", " \n\t"]);
    prop::collection::vec((any_line(), end), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(l, e)| format!("{l}{e}"))
            .collect::<String>()
    })
}

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
        prop_assert!(!p.text.is_empty(), "empty paragraph {}", i);
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

/// The same page with blank lines between its lines and blanks around them.
fn padded(input: &str) -> String {
    input
        .split('\n')
        .map(|l| format!(" \t{l}\u{feff} "))
        .collect::<Vec<_>>()
        .join("\n \n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_lines_never_panic_and_keep_the_invariants(input in any_page()) {
        let t = parse_text("p.txt", "p", &input);
        check_invariants(&t, &input)?;
    }

    #[test]
    fn arbitrary_strings_never_panic_and_keep_the_invariants(input in any::<String>()) {
        let t = parse_text("p.txt", "p", &input);
        check_invariants(&t, &input)?;
    }

    #[test]
    fn crlf_and_lf_pages_parse_alike(input in any_page()) {
        let lf = parse_text("p.txt", "p", &input);
        let crlf = parse_text("p.txt", "p", &input.replace('\n', "\r\n"));
        prop_assert_eq!(lf, crlf);
    }

    #[test]
    fn blank_lines_and_surrounding_blanks_do_not_matter(input in any_page()) {
        let plain = parse_text("p.txt", "p", &input);
        let padded = parse_text("p.txt", "p", &padded(&input));
        prop_assert_eq!(plain, padded);
    }
}

// ---------------------------------------------------------------------------------------
// Generated transcripts
// ---------------------------------------------------------------------------------------

/// Speakers: (canonical name, Persons footer form, title printed before the name).
/// Every title has a role word, so `Title Name:` alone on its line is a label.
const PEOPLE: [(&str, &str, &str); 12] = [
    ("Vladimir Putin", "Putin Vladimir", "President of Russia"),
    ("Bashar al-Assad", "al-Assad Bashar", "President of Syria"),
    ("Sergei Lavrov", "Lavrov Sergei", "Foreign Minister"),
    (
        "Dmitry Peskov",
        "Peskov Dmitry",
        "Presidential Press Secretary",
    ),
    ("Sergei Shoigu", "Shoigu Sergei", "Defence Minister"),
    (
        "Angela Merkel",
        "Merkel Angela",
        "Federal Chancellor of Germany",
    ),
    (
        "Elvira Nabiullina",
        "Nabiullina Elvira",
        "Governor of the Central Bank",
    ),
    (
        "Valentina Matviyenko",
        "Matviyenko Valentina",
        "Speaker of the Federation Council",
    ),
    (
        "Alexander Lukashenko",
        "Lukashenko Alexander",
        "President of Belarus",
    ),
    ("Anton Siluanov", "Siluanov Anton", "Finance Minister"),
    ("Mikhail Mishustin", "Mishustin Mikhail", "Prime Minister"),
    ("Sergei Sobyanin", "Sobyanin Sergei", "Mayor of Moscow"),
];

const GENERIC: [&str; 5] = ["Question", "Remark", "Reply", "Response", "Comment"];

/// Notes printed in brackets after a label, and whether they mark interpretation.
const NOTES: [(&str, bool); 5] = [
    ("retranslated", true),
    ("re-translated", true),
    ("translated from Russian", true),
    ("speaks Russian", true),
    ("Krasnodar Territory", false),
];

const PLACES: [&str; 5] = [
    "Novo-Ogaryovo, Moscow Region",
    "The Kremlin, Moscow",
    "Sochi",
    "St Petersburg",
    "Tsugol training range, Trans-Baikal Territory",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Debug, Clone, PartialEq)]
enum Voice {
    Narration,
    Person { who: usize, titled: bool },
    Generic(usize),
}

/// How a turn's label is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// `Label: text`
    Inline,
    /// `Label:` then the text on the next line.
    NextLine,
    /// `Label` alone, then `(note): text` or `: text` (the sample page).
    Alone,
}

#[derive(Debug, Clone)]
struct Turn {
    voice: Voice,
    form: Form,
    note: Option<usize>,
    /// Paragraphs, each with an elision line before it or not.
    texts: Vec<(String, bool)>,
    separator_before: bool,
}

#[derive(Debug, Clone)]
struct Footer {
    geography: bool,
    topics: bool,
    persons: bool,
    /// Every person of the page in the Persons block (else only the speakers).
    extra_person: bool,
    two_sections: bool,
}

#[derive(Debug, Clone)]
struct Plan {
    title: String,
    lead: Vec<String>,
    /// (month 1-12, day, year)
    date: (usize, u8, u16),
    time: Option<(u8, u8)>,
    place: Option<usize>,
    captions: Vec<(u8, String)>,
    turns: Vec<Turn>,
    elision_at_end: bool,
    footer: Option<Footer>,
}

/// A sentence of speech or narration: lower-case words, no colon, five or more words and
/// a closing mark, so it never reads as a label, a place, a heading or a signature.
fn sentence() -> impl Strategy<Value = String> {
    "(We|Russia|Thank you|Of course|Colleagues|The delegation|During the talks|Mr President|I) [a-z]{2,9}( [a-z]{1,9}(’s|,)?){3,14} [a-z]{2,9}[.?!]"
}

fn turn() -> impl Strategy<Value = Turn> {
    (
        prop_oneof![
            2 => Just(Voice::Narration),
            6 => (0..PEOPLE.len(), any::<bool>())
                .prop_map(|(who, titled)| Voice::Person { who, titled }),
            2 => (0..GENERIC.len()).prop_map(Voice::Generic),
        ],
        prop_oneof![
            6 => Just(Form::Inline),
            1 => Just(Form::NextLine),
            2 => Just(Form::Alone),
        ],
        prop::option::weighted(0.25, 0..NOTES.len()),
        prop::collection::vec((sentence(), prop::bool::weighted(0.1)), 1..4),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(voice, form, note, texts, separator_before)| Turn {
            voice,
            form,
            note,
            texts,
            separator_before,
        })
}

fn footer() -> impl Strategy<Value = Footer> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(geography, topics, persons, extra_person, two_sections)| Footer {
                geography,
                topics,
                persons,
                extra_person,
                two_sections,
            },
        )
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        "(Meeting|Telephone conversation|Talks) with [A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,3}",
        prop::collection::vec("[A-Z][a-z]{2,9}( [a-z]{2,9}){3,12}\\.", 0..3),
        (0..12usize, 1..=28u8, 2000..=2020u16),
        prop::option::of((0..24u8, 0..60u8)),
        prop::option::of(0..PLACES.len()),
        prop::collection::vec((1..12u8, "[A-Z][a-z]{2,9}( [a-z]{2,9}){0,6}\\."), 0..3),
        prop::collection::vec(turn(), 0..25),
        prop::bool::weighted(0.1),
        prop::option::weighted(0.8, footer()),
    )
        .prop_map(
            |(title, lead, date, time, place, captions, turns, elision_at_end, footer)| {
                normalise(Plan {
                    title,
                    lead,
                    date,
                    time,
                    place,
                    captions,
                    turns,
                    elision_at_end,
                    footer,
                })
            },
        )
}

/// Bend a random plan to what real pages do, so that it has one right reading.
fn normalise(mut p: Plan) -> Plan {
    let persons_listed = p.footer.as_ref().is_some_and(|f| f.persons);
    let mut after_speaker = false;
    for (i, t) in p.turns.iter_mut().enumerate() {
        match t.voice {
            // Lines after a label continue that speaker: narration needs a separator.
            Voice::Narration => {
                t.separator_before |= after_speaker;
                t.note = None;
            }
            // `Vladimir Putin:` with nothing after it is a label only when the page
            // confirms the name (a role word, a generic label, the Persons footer).
            Voice::Person { titled: false, .. }
                if t.form == Form::NextLine && !persons_listed && t.note.is_none() =>
            {
                t.form = Form::Inline
            }
            _ => {}
        }
        // A name alone on the line after the date reads as the place (`Sochi`): pages
        // with a label alone there have a place or a photo counter first.
        if i == 0
            && t.form == Form::Alone
            && p.place.is_none()
            && p.captions.is_empty()
            && !t.separator_before
            && !t.texts[0].1
        {
            t.form = Form::Inline;
        }
        after_speaker = t.voice != Voice::Narration;
    }
    p
}

fn label_of(v: &Voice) -> Option<String> {
    match *v {
        Voice::Narration => None,
        Voice::Person { who, titled } => Some(if titled {
            format!("{} {}", PEOPLE[who].2, PEOPLE[who].0)
        } else {
            PEOPLE[who].0.to_string()
        }),
        Voice::Generic(g) => Some(GENERIC[g].to_string()),
    }
}

fn render(p: &Plan) -> String {
    let mut out: Vec<String> = vec!["Events".into(), p.title.clone()];
    out.extend(p.lead.iter().cloned());
    let (m, d, y) = p.date;
    out.push(format!("{} {d}, {y}", MONTHS[m]));
    if let Some((h, min)) = p.time {
        out.push(format!("{h}:{min:02}"));
    }
    if let Some(place) = p.place {
        out.push(PLACES[place].into());
    }
    for (n, caption) in &p.captions {
        out.push(format!("{} of {}", n.div_ceil(2), n));
        out.push(caption.clone());
    }
    for t in &p.turns {
        if t.separator_before {
            out.push("* * *".into());
        }
        let label = label_of(&t.voice);
        let note = t.note.map(|n| NOTES[n].0);
        for (j, (text, elision)) in t.texts.iter().enumerate() {
            if *elision {
                out.push("<…>".into());
            }
            match (&label, j) {
                (Some(label), 0) => {
                    let noted = match note {
                        Some(n) => format!("{label} ({n})"),
                        None => label.clone(),
                    };
                    match t.form {
                        Form::Inline => out.push(format!("{noted}: {text}")),
                        Form::NextLine => {
                            out.push(format!("{noted}:"));
                            out.push(text.clone());
                        }
                        Form::Alone => {
                            out.push(label.clone());
                            out.push(match note {
                                Some(n) => format!("({n}): {text}"),
                                None => format!(": {text}"),
                            });
                        }
                    }
                }
                _ => out.push(text.clone()),
            }
        }
    }
    if p.elision_at_end {
        out.push("<…>".into());
    }
    if let Some(f) = &p.footer {
        if f.geography {
            out.extend(["Geography", "Syria", "Belarus"].map(String::from));
        }
        if f.topics {
            out.extend(["Topics", "Foreign policy"].map(String::from));
        }
        if f.persons {
            let mut persons: Vec<&str> = speakers_of(p).iter().map(|&w| PEOPLE[w].1).collect();
            if f.extra_person {
                persons.push("Medvedev Dmitry");
            }
            if !persons.is_empty() {
                out.push("Persons".into());
                out.extend(persons.into_iter().map(String::from));
            }
        }
        out.push("Publication status".into());
        out.push(if f.two_sections {
            "Published in sections: News, Transcripts".into()
        } else {
            "Published in section: News".into()
        });
        out.push(format!("Publication date: {} {d}, {y}, 10:00", MONTHS[m]));
        out.push("Text version".into());
    }
    out.join("\n")
}

/// The people who speak on the page, in order of first appearance.
fn speakers_of(p: &Plan) -> Vec<usize> {
    let mut who: Vec<usize> = Vec::new();
    for t in &p.turns {
        if let Voice::Person { who: w, .. } = t.voice {
            if !who.contains(&w) {
                who.push(w);
            }
        }
    }
    who
}

/// A turn as the parser should return it: one voice, its paragraphs' texts.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    speaker: Option<String>,
    role: Option<String>,
    label: Option<String>,
    note: Option<String>,
    retranslated: bool,
    texts: Vec<String>,
}

fn expected_groups(p: &Plan) -> Vec<Group> {
    let titled = |w: usize| {
        p.turns.iter().any(|t| {
            t.voice
                == Voice::Person {
                    who: w,
                    titled: true,
                }
        })
    };
    let mut groups: Vec<Group> = Vec::new();
    for t in &p.turns {
        let texts: Vec<String> = t.texts.iter().map(|(s, _)| s.clone()).collect();
        let (speaker, role) = match t.voice {
            Voice::Narration => (None, None),
            // A role printed once is carried to the speaker's bare labels.
            Voice::Person { who, .. } => (
                Some(PEOPLE[who].0.to_string()),
                titled(who).then(|| PEOPLE[who].2.to_string()),
            ),
            Voice::Generic(g) => (Some(GENERIC[g].to_string()), None),
        };
        let note = t.note.map(|n| NOTES[n].0.to_string());
        let g = Group {
            speaker,
            role,
            label: label_of(&t.voice),
            retranslated: t.note.is_some_and(|n| NOTES[n].1),
            note,
            texts,
        };
        // Narration after narration (a separator between them or not) is one turn.
        match groups.last_mut() {
            Some(last) if last.speaker.is_none() && g.speaker.is_none() => {
                last.texts.extend(g.texts)
            }
            _ => groups.push(g),
        }
    }
    groups
}

fn expected_gaps(p: &Plan) -> Vec<usize> {
    let mut gaps = Vec::new();
    let mut n = 0;
    for t in &p.turns {
        for (_, elision) in &t.texts {
            if *elision {
                gaps.push(n);
            }
            n += 1;
        }
    }
    if p.elision_at_end {
        gaps.push(n);
    }
    gaps
}

/// The parsed paragraphs, grouped by turn; asserts turn numbers go up between groups.
fn actual_groups(t: &Transcript) -> Result<Vec<Group>, TestCaseError> {
    let mut groups: Vec<(usize, Group)> = Vec::new();
    for p in &t.paragraphs {
        match groups.last_mut() {
            Some((turn, g)) if *turn == p.turn => g.texts.push(p.text.clone()),
            last => {
                if let Some((turn, _)) = last {
                    prop_assert!(p.turn > *turn, "turn numbers go up");
                }
                groups.push((
                    p.turn,
                    Group {
                        speaker: p.speaker.clone(),
                        role: p.role.clone(),
                        label: p.label.clone(),
                        note: p.note.clone(),
                        retranslated: p.retranslated,
                        texts: vec![p.text.clone()],
                    },
                ))
            }
        }
    }
    Ok(groups.into_iter().map(|(_, g)| g).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_pages_parse_back_to_their_plan(plan in plan()) {
        let page = render(&plan);
        let t = parse_text("p.txt", "p", &page);
        check_invariants(&t, &page)?;

        // Header.
        prop_assert_eq!(&t.title, &plan.title);
        let lead = (!plan.lead.is_empty()).then(|| plan.lead.join(" "));
        prop_assert_eq!(&t.lead, &lead);
        let (m, d, y) = plan.date;
        prop_assert_eq!(t.date.clone(), Some(format!("{y:04}-{:02}-{d:02}", m + 1)));
        prop_assert_eq!(t.time.clone(), plan.time.map(|(h, m)| format!("{h:02}:{m:02}")));
        prop_assert_eq!(t.place.as_deref(), plan.place.map(|i| PLACES[i]));
        let captions: Vec<String> = plan.captions.iter().map(|(_, c)| c.clone()).collect();
        prop_assert_eq!(&t.captions, &captions);

        // Body: the same turns, speakers, roles, notes and paragraphs, and the gaps.
        let expected = expected_groups(&plan);
        let actual = actual_groups(&t)?;
        prop_assert_eq!(actual.len(), expected.len(), "turn count\n{}", page);
        for (i, (a, e)) in actual.iter().zip(&expected).enumerate() {
            prop_assert_eq!(a, e, "turn {}\n{}", i, page);
        }
        let paragraphs: usize = plan.turns.iter().map(|t| t.texts.len()).sum();
        prop_assert_eq!(t.paragraphs.len(), paragraphs);
        prop_assert_eq!(&t.gaps, &expected_gaps(&plan), "\n{}", page);
        prop_assert_eq!(&t.signature, &None);

        // Footer.
        match &plan.footer {
            None => {
                prop_assert!(t.sections.is_empty() && t.persons.is_empty());
                prop_assert_eq!(&t.publication_date, &None);
            }
            Some(f) => {
                let sections: &[&str] =
                    if f.two_sections { &["News", "Transcripts"] } else { &["News"] };
                prop_assert_eq!(&t.sections, &sections.to_vec());
                prop_assert_eq!(
                    t.publication_date.clone(),
                    Some(format!("{} {d}, {y}, 10:00", MONTHS[m]))
                );
                prop_assert_eq!(t.geography.is_empty(), !f.geography);
                prop_assert_eq!(t.topics.is_empty(), !f.topics);
                let mut persons: Vec<&str> =
                    speakers_of(&plan).iter().map(|&w| PEOPLE[w].1).collect();
                if f.extra_person {
                    persons.push("Medvedev Dmitry");
                }
                if !f.persons {
                    persons.clear();
                }
                prop_assert_eq!(&t.persons, &persons);
            }
        }
    }
}
