//! The speaker registry over the whole shared kremlin.ru corpus (issue 14 §2): one name per
//! person, generic roles marked, and none of the wrong merges. `#[ignore = "needs
//! ../shared/corpus"]`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use crate::util::{decode_lines, shared_corpus, stderr_of, Sandbox};

#[derive(Debug, Deserialize)]
struct SpeakerLine {
    id: String,
    kind: String,
    speaker: String,
    variants: Vec<String>,
}

/// Letters and digits only, lower case, one space between words.
fn fold(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The speaker id paragraph `target` (`ID#N`) is given by `show --json`.
fn speaker_id(sb: &Sandbox, target: &str) -> String {
    let out = sb.cmd().args(["show", target, "--json"]).output().unwrap();
    assert!(out.status.success(), "{target}: {}", stderr_of(&out));
    let rows: Vec<Value> = decode_lines(&out.stdout);
    let n: u64 = target.split('#').nth(1).unwrap().parse().unwrap();
    let row = rows.iter().find(|r| r["paragraph"] == n).unwrap();
    row["speaker_id"].as_str().unwrap().to_string()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn one_name_per_person_over_the_kremlin_index() {
    let sb = Sandbox::indexing(&shared_corpus().join("txt"));
    let out = sb
        .cmd()
        .args(["speakers", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let list: Vec<SpeakerLine> = decode_lines(&out.stdout);
    let ids: BTreeSet<&str> = list.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), list.len(), "ids are unique");

    // No two speakers whose names differ only in case, spacing or punctuation.
    let mut by_fold: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for s in &list {
        by_fold
            .entry(fold(&s.speaker))
            .or_default()
            .insert(&s.speaker);
    }
    let same: Vec<_> = by_fold.values().filter(|v| v.len() > 1).collect();
    assert!(same.is_empty(), "{same:?}");

    // No speaker whose name is a role followed by another speaker's full name.
    let persons: BTreeSet<String> = list
        .iter()
        .filter(|s| s.kind == "person" && s.speaker.split(' ').count() >= 2)
        .map(|s| fold(&s.speaker))
        .collect();
    let mut prefixed = Vec::new();
    for s in list.iter().filter(|s| s.kind == "person") {
        let words: Vec<String> = fold(&s.speaker).split(' ').map(str::to_string).collect();
        for start in 1..words.len().saturating_sub(1) {
            let tail = words[start..].join(" ");
            if persons.contains(&tail) {
                prefixed.push((s.speaker.clone(), tail));
            }
        }
    }
    assert!(prefixed.is_empty(), "{prefixed:?}");

    // Generic roles are marked.
    let kind_of = |name: &str| {
        list.iter()
            .find(|s| s.speaker == name)
            .map(|s| s.kind.as_str())
            .unwrap_or_else(|| panic!("no speaker {name}"))
    };
    for (name, kind) in [
        ("Question", "question"),
        ("Remark", "remark"),
        ("Reply", "reply"),
        ("Response", "response"),
        ("Audience", "audience"),
        ("Vladimir Putin", "person"),
    ] {
        assert_eq!(kind_of(name), kind, "{name}");
    }
    let with_variant = |v: &str| {
        list.iter()
            .find(|s| s.variants.iter().any(|x| x == v))
            .unwrap_or_else(|| panic!("no speaker has the variant {v}"))
    };
    // The merges the pages support.
    for (variant, name) in [
        ("Kirill KleYMENOV", "Kirill Kleymenov"),
        ("VladimirPutin", "Vladimir Putin"),
        ("Vladmir Putin", "Vladimir Putin"),
        ("DMITRY MEDVEDEV", "Dmitry Medvedev"),
        ("Rosneft CEO Igor Sechin", "Igor Sechin"),
        ("Tatayana Golikova", "Tatyana Golikova"),
        ("Tatiana Golikova", "Tatyana Golikova"),
        ("Alexandar Vucic", "Aleksandar Vucic"),
        ("Tayyip Erdogan", "Recep Tayyip Erdogan"),
        ("bin Salman Al Saud", "Mohammad bin Salman Al Saud"),
        ("bin Hamad Al Thani", "Tamim bin Hamad Al Thani"),
        (
            "Patriarch Kirill of Moscow and All Russia",
            "Patriarch Kirill",
        ),
        ("SergeiDonskoy", "Sergei Donskoy"),
        ("Question from Perm Territory", "Question"),
    ] {
        assert_eq!(with_variant(variant).speaker, name, "{variant}");
    }
    // And none of the wrong ones.
    assert_ne!(
        with_variant("Andrei Medvedev").id,
        with_variant("Dmitry Medvedev").id
    );
    let ceo = speaker_id(&sb, "56850#12");
    let chief = speaker_id(&sb, "51556#22");
    assert_ne!(ceo, chief, "the ALROSA CEO is not the Chief of Staff");
    assert_eq!(ceo, speaker_id(&sb, "56850#10"));

    // Found by the full name, the surname, or part of the name.
    for (name, id) in [
        ("Mohammad bin Salman", "mohammad-bin-salman-al-saud"),
        ("Tamim bin Hamad Al Thani", "tamim-bin-hamad-al-thani"),
        ("tamim", "tamim-bin-hamad-al-thani"),
    ] {
        let out = sb
            .cmd()
            .args([
                "search",
                "the",
                "--json",
                "--limit",
                "1000",
                "--speaker",
                name,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        let hits: Vec<Value> = decode_lines(&out.stdout);
        let got: BTreeSet<&str> = hits
            .iter()
            .filter(|h| h["type"] == "hit")
            .map(|h| h["speaker_id"].as_str().unwrap())
            .collect();
        assert_eq!(got, BTreeSet::from([id]), "{name}");
    }
    // A surname of several people: all of them, named on stderr.
    let out = sb
        .cmd()
        .args(["stats", "the", "--speaker", "ivanov"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("matches") && err.contains("Viktor Ivanov"),
        "{err}"
    );
}
