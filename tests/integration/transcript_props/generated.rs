//! Pages generated from a random plan (header, speakers with and without titles, generic
//! labels, notes, continuations, narration, elisions, separators, captions, footer): the
//! plan and how it is printed as a page. `expected` checks that the page parses back to
//! the speakers, turns and paragraphs it was built from.

mod expected;

use proptest::prelude::*;

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
