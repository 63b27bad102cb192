//! Transcripts from JSON Lines (`*.jsonl`): one transcript per line, for datasets from
//! other sources. The schema (also in the README):
//!
//! ```json
//! {"id": "57488", "title": "Talks with …", "date": "2020-11-09", "time": "13:25",
//!  "place": "Moscow", "url": "https://…", "lead": "…",
//!  "topics": ["…"], "geography": ["…"], "persons": ["…"],
//!  "turns": [{"speaker": "Vladimir Putin", "role": "President of Russia", "text": "…"},
//!            {"speaker": null, "text": "narration …"}]}
//! ```
//!
//! `title` is required, and exactly one of `turns` (speaker turns as given; a turn's text
//! may hold several paragraphs, one per line) or `text` (a page to be parsed: the
//! kremlin.ru text layout when it starts with `Events`, otherwise body lines with
//! `Speaker: words` labels). `date` is `YYYY-MM-DD` or as printed (`November 9, 2020`).
//! Without an `id` a record is `<file stem>-<line>`. Bad records are reported by line
//! number and skipped; the others are kept.

use std::collections::HashMap;

use serde::Deserialize;

use super::{body, Date, Paragraph, Transcript};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    #[serde(default)]
    id: Option<IdValue>,
    title: String,
    #[serde(default)]
    lead: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    geography: Vec<String>,
    #[serde(default)]
    persons: Vec<String>,
    #[serde(default)]
    turns: Option<Vec<Turn>>,
    #[serde(default)]
    text: Option<String>,
}

/// Ids may be written as numbers.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(u64),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Turn {
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    role: Option<String>,
    text: String,
}

/// A record that could not be used: its line (1-based) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    pub line: usize,
    pub reason: String,
}

/// Every transcript of a JSON Lines file, and the records that were refused.
pub fn parse_jsonl(source: &str, stem: &str, text: &str) -> (Vec<Transcript>, Vec<BadRecord>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match record(source, stem, n, line) {
            Ok(t) => {
                if let Some(first) = ids.insert(t.id.clone(), n) {
                    bad.push(BadRecord {
                        line: n,
                        reason: format!("id '{}' is already on line {first}", t.id),
                    });
                    continue;
                }
                out.push(t);
            }
            Err(reason) => bad.push(BadRecord { line: n, reason }),
        }
    }
    (out, bad)
}

/// The transcript of one record, line `n` of the file `source` (whose stem names records
/// without an id), or why it was refused.
pub fn parse_record(source: &str, stem: &str, n: usize, line: &str) -> Result<Transcript, String> {
    record(source, stem, n, line)
}

/// A valid id: not empty, and without what would break a reference or a row: `#`
/// separates a transcript from its paragraph (`show ID#N`), and tabs, newlines and other
/// control characters break TSV rows and terminal lines (issue 13 §8).
pub fn check_id(id: &str) -> Result<(), String> {
    if id.contains('#') {
        return Err(format!(
            "id '{id}' has a '#', which separates a transcript from its paragraph (ID#N)"
        ));
    }
    if id.chars().any(char::is_control) {
        return Err(format!(
            "id {id:?} has a tab, newline or other control character"
        ));
    }
    Ok(())
}

/// A `time` is `HH:MM` on a 24-hour clock (`25:99` is refused, issue 13 §8).
fn check_time(t: &str) -> Result<(), String> {
    let ok = t.len() == 5
        && t.as_bytes()[2] == b':'
        && t[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && t[3..].parse::<u32>().is_ok_and(|m| m < 60)
        && t.bytes()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!("time '{t}' is not HH:MM (00:00 to 23:59)"))
    }
}

fn record(source: &str, stem: &str, n: usize, line: &str) -> Result<Transcript, String> {
    let r: Record = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let id = match r.id {
        Some(IdValue::Text(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(IdValue::Number(n)) => n.to_string(),
        Some(IdValue::Text(_)) => return Err("empty id".into()),
        None => format!("{stem}-{n}"),
    };
    check_id(&id)?;
    if r.title.trim().is_empty() {
        return Err("empty title".into());
    }
    if let Some(t) = r.time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        check_time(t)?;
    }
    let date = match r.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => Some(
            Date::parse_iso(d)
                .or_else(|| super::parse_long_date(d))
                .ok_or_else(|| {
                    format!("date '{d}' is neither YYYY-MM-DD nor like 'November 9, 2020'")
                })?
                .iso(),
        ),
    };
    let mut t = match (r.turns, r.text) {
        (Some(_), Some(_)) => return Err("give either turns or text, not both".into()),
        (None, None) => return Err("no turns and no text".into()),
        (None, Some(text)) if text.trim_start().starts_with("Events") => {
            super::parse_text(source, &id, &text)
        }
        (None, Some(text)) => {
            let mut t = Transcript {
                source: source.to_string(),
                id: id.clone(),
                persons: r.persons.clone(),
                ..Transcript::default()
            };
            body::parse_body(&super::lines(&text), &mut t);
            t
        }
        (Some(turns), None) => {
            let mut t = Transcript {
                source: source.to_string(),
                id: id.clone(),
                ..Transcript::default()
            };
            for (k, turn) in turns.into_iter().enumerate() {
                let speaker = turn
                    .speaker
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                let role = turn
                    .role
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                let label = speaker.as_ref().map(|s| match &role {
                    Some(r) => format!("{r} {s}"),
                    None => s.clone(),
                });
                for para in turn.text.split(['\n', '\r']).map(str::trim) {
                    if para.is_empty() {
                        continue;
                    }
                    t.paragraphs.push(Paragraph {
                        index: t.paragraphs.len(),
                        turn: k,
                        speaker: speaker.clone(),
                        role: role.clone(),
                        label: label.clone(),
                        note: None,
                        retranslated: false,
                        text: para.to_string(),
                        ..Paragraph::default()
                    });
                }
            }
            t
        }
    };
    t.id = id;
    t.source = source.to_string();
    t.title = r.title.trim().to_string();
    let set = |field: &mut Option<String>, v: Option<String>| {
        if let Some(v) = v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
            *field = Some(v);
        }
    };
    set(&mut t.lead, r.lead);
    set(&mut t.time, r.time);
    set(&mut t.place, r.place);
    set(&mut t.url, r.url);
    if date.is_some() {
        t.date = date;
    }
    for (field, v) in [
        (&mut t.topics, r.topics),
        (&mut t.geography, r.geography),
        (&mut t.persons, r.persons),
    ] {
        if !v.is_empty() {
            *field = v;
        }
    }
    super::cap_paragraphs(&mut t);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<Transcript>, Vec<BadRecord>) {
        parse_jsonl("x.jsonl", "x", text)
    }

    #[test]
    fn turns_become_paragraphs_by_speaker() {
        let (t, bad) = parse(
            r#"{"id": 7, "title": "Talks", "date": "2020-11-09", "url": "https://example.org/7", "turns": [{"speaker": "Vladimir Putin", "role": "President of Russia", "text": "Good afternoon.\nLet us begin."}, {"speaker": null, "text": "Narration."}, {"speaker": "Question", "text": "Why?"}]}"#,
        );
        assert!(bad.is_empty(), "{bad:?}");
        let t = &t[0];
        assert_eq!(t.id, "7");
        assert_eq!(t.date.as_deref(), Some("2020-11-09"));
        assert_eq!(t.url().as_deref(), Some("https://example.org/7"));
        let who: Vec<(usize, Option<&str>)> = t
            .paragraphs
            .iter()
            .map(|p| (p.turn, p.speaker.as_deref()))
            .collect();
        assert_eq!(
            who,
            [
                (0, Some("Vladimir Putin")),
                (0, Some("Vladimir Putin")),
                (1, None),
                (2, Some("Question"))
            ]
        );
        assert_eq!(t.paragraphs[0].role.as_deref(), Some("President of Russia"));
        assert_eq!(
            t.paragraphs[0].label.as_deref(),
            Some("President of Russia Vladimir Putin")
        );
    }

    #[test]
    fn raw_text_is_parsed_for_labels() {
        let (t, bad) = parse(
            r#"{"title": "Meeting", "date": "November 9, 2020", "text": "The President met the minister.\nVladimir Putin: Good afternoon.\nSergei Lavrov: Thank you."}"#,
        );
        assert!(bad.is_empty(), "{bad:?}");
        let t = &t[0];
        assert_eq!(t.id, "x-1");
        assert_eq!(t.date.as_deref(), Some("2020-11-09"));
        let who: Vec<Option<&str>> = t.paragraphs.iter().map(|p| p.speaker.as_deref()).collect();
        assert_eq!(who, [None, Some("Vladimir Putin"), Some("Sergei Lavrov")]);
    }

    #[test]
    fn bad_records_are_reported_by_line_and_the_rest_kept() {
        let (t, bad) = parse(concat!(
            "{\"title\": \"A\", \"text\": \"Words.\"}\n",
            "not json\n",
            "\n",
            "{\"title\": \"B\"}\n",
            "{\"title\": \"C\", \"date\": \"yesterday\", \"text\": \"x\"}\n",
            "{\"title\": \"D\", \"text\": \"x\", \"turns\": []}\n",
            "{\"id\": \"x-1\", \"title\": \"E\", \"text\": \"x\"}\n",
            "{\"title\": \"F\", \"text\": \"x\", \"colour\": \"red\"}\n",
            "{\"title\": \"G\", \"text\": \"More words.\"}\n",
        ));
        assert_eq!(t.len(), 2);
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 4, 5, 6, 7, 8]);
        assert!(bad[1].reason.contains("no turns"), "{:?}", bad[1]);
        assert!(bad[2].reason.contains("yesterday"));
        assert!(bad[4].reason.contains("already on line 1"));
        assert!(bad[5].reason.contains("colour"));
    }

    #[test]
    fn time_is_a_clock_time() {
        let rec = |t: &str| format!("{{\"title\": \"A\", \"time\": \"{t}\", \"text\": \"x\"}}");
        for good in ["00:00", "13:25", "23:59"] {
            assert!(parse(&rec(good)).1.is_empty(), "{good}");
        }
        for bad in ["25:99", "24:00", "12:60", "1:30", "12.30", "noon", "+1:30"] {
            let (t, errs) = parse(&rec(bad));
            assert!(t.is_empty(), "{bad}");
            assert!(errs[0].reason.contains("HH:MM"), "{bad}: {errs:?}");
        }
    }

    #[test]
    fn ids_with_hash_or_control_characters_are_refused() {
        for id in ["a#b", "a\\tb", "a\\nb"] {
            let (t, errs) = parse(&format!(
                "{{\"id\": \"{id}\", \"title\": \"A\", \"text\": \"x\"}}"
            ));
            assert!(t.is_empty(), "{id}");
            assert!(errs[0].reason.contains("id"), "{id}: {errs:?}");
        }
        assert!(check_id("57488r1").is_ok());
    }
}
