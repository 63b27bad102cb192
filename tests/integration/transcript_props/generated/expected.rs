//! What a generated page should parse to, from its plan, and the property test itself.

use proptest::prelude::*;
use rostra::transcript::{parse_text, Transcript};

use super::super::check_invariants;
use super::{
    label_of, plan, render, speakers_of, Plan, Voice, GENERIC, MONTHS, NOTES, PEOPLE, PLACES,
};

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
