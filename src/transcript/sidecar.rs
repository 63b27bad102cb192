//! A transcript's metadata from the sidecar file beside it (`NAME.json` for `NAME.said`):
//! the shape of MyTake.org's "U.S. Presidential Debates" factset, read as it is.
//!
//! The keys (any other key, or a missing required one, is refused with the file's name
//! and the key: rostra does not guess at a shape it does not know):
//!
//! | key | what it becomes |
//! | --- | --- |
//! | `fact.title` (required) | the transcript's title |
//! | `fact.primaryDate` (required, `YYYY-MM-DD`) | its date |
//! | `fact.primaryDateKind`, `fact.kind` | read, not used (`recorded`, `video`) |
//! | `youtubeId` | the video hits link to (`https://www.youtube.com/watch?v=ID&t=Ns`) |
//! | `durationSeconds` | the recording's length: caption times past it are not trusted |
//! | `location.placename`, `.cityState`, `.country` | the place, joined by `, ` |
//! | `speakers[].fullName` (required), `speakers[].role` | each labelled paragraph's speaker and role |
//!
//! A paragraph's label is matched to a `fullName` as printed, else without case, dots and
//! extra spaces, else by its first and last words when one name alone has them
//! (`Henry Trewhitt` for `Henry L Trewhitt`). A label matching no name keeps the label as
//! its speaker, with a warning naming it.

use serde::Deserialize;

use super::{Date, Transcript};

/// A sidecar file, read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Sidecar {
    pub fact: Fact,
    #[serde(default)]
    pub youtube_id: Option<String>,
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    #[serde(default)]
    pub location: Option<Location>,
    pub speakers: Vec<SpeakerEntry>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Fact {
    pub title: String,
    pub primary_date: String,
    #[serde(default)]
    pub primary_date_kind: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Location {
    #[serde(default)]
    pub placename: Option<String>,
    #[serde(default)]
    pub city_state: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SpeakerEntry {
    pub full_name: String,
    #[serde(default)]
    pub role: Option<String>,
}

/// The keys rostra reads, for the message refusing a file of another shape.
const SHAPE: &str = "expected {fact: {title, primaryDate, primaryDateKind?, kind?}, \
    youtubeId?, durationSeconds?, location?: {placename?, cityState?, country?}, \
    speakers: [{fullName, role?}]}";

/// Read a sidecar file's text; the error says what is wrong and the shape expected.
pub fn parse(text: &str) -> Result<Sidecar, String> {
    let s: Sidecar = serde_json::from_str(text)
        .map_err(|e| format!("not a transcript sidecar rostra knows ({e}); {SHAPE}"))?;
    if Date::parse_iso(&s.fact.primary_date).is_none() {
        return Err(format!(
            "fact.primaryDate {:?} is not a YYYY-MM-DD date",
            s.fact.primary_date
        ));
    }
    Ok(s)
}

impl Sidecar {
    /// The place: `location`'s parts joined by `, `.
    pub fn place(&self) -> Option<String> {
        let l = self.location.as_ref()?;
        let parts: Vec<&str> = [&l.placename, &l.city_state, &l.country]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The speaker entry a label names (the matching of the module note).
    pub fn speaker(&self, label: &str) -> Option<&SpeakerEntry> {
        if let Some(s) = self.speakers.iter().find(|s| s.full_name == label) {
            return Some(s);
        }
        let key = name_key(label);
        if let Some(s) = self.speakers.iter().find(|s| name_key(&s.full_name) == key) {
            return Some(s);
        }
        let ends = |k: &str| -> Option<(String, String)> {
            let w: Vec<&str> = k.split(' ').collect();
            (w.len() >= 2).then(|| (w[0].to_string(), w[w.len() - 1].to_string()))
        };
        let want = ends(&key)?;
        let mut found = self
            .speakers
            .iter()
            .filter(|s| ends(&name_key(&s.full_name)).as_ref() == Some(&want));
        match (found.next(), found.next()) {
            (Some(s), None) => Some(s),
            _ => None,
        }
    }

    /// Give `t` this metadata: title, date, place, video, and each labelled paragraph its
    /// speaker's full name and role.
    pub fn apply(&self, t: &mut Transcript) {
        t.title = self.fact.title.clone();
        t.date = Some(self.fact.primary_date.clone());
        t.place = self.place();
        t.video = self.youtube_id.clone().filter(|v| !v.is_empty());
        let mut unknown: Vec<String> = Vec::new();
        let mut unknown_paragraphs = 0;
        for p in &mut t.paragraphs {
            let Some(label) = &p.label else { continue };
            match self.speaker(label) {
                Some(s) => {
                    p.speaker = Some(s.full_name.clone());
                    p.role = s.role.clone().filter(|r| !r.is_empty());
                }
                None => {
                    unknown_paragraphs += 1;
                    if !unknown.contains(label) {
                        unknown.push(label.clone());
                    }
                }
            }
        }
        if !unknown.is_empty() {
            t.warnings.push(format!(
                "{unknown_paragraphs} paragraph(s) labelled with a name not in the sidecar's speakers: {}",
                unknown.join(", ")
            ));
        }
    }
}

/// A name compared without case, dots and extra spaces.
fn name_key(s: &str) -> String {
    s.to_lowercase()
        .replace('.', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Paragraph;

    const DEBATE: &str = r#"{
      "fact": {"title": "Carter, Ford (1 of 3)", "primaryDate": "1976-10-06",
               "primaryDateKind": "recorded", "kind": "video"},
      "youtubeId": "abc123", "durationSeconds": 5400,
      "location": {"placename": "Palace of Fine Arts", "cityState": "San Francisco, CA", "country": "USA"},
      "speakers": [{"fullName": "Henry Trewhitt", "role": "Moderator"},
                   {"fullName": "Gerald R Ford", "role": "Republican nominee for President"}]
    }"#;

    fn para(label: &str) -> Paragraph {
        Paragraph {
            speaker: Some(label.into()),
            label: Some(label.into()),
            ..Paragraph::default()
        }
    }

    #[test]
    fn the_factset_shape_gives_title_date_place_video_and_roles() {
        let s = parse(DEBATE).unwrap();
        let mut t = Transcript {
            paragraphs: vec![
                para("Henry L Trewhitt"),
                para("gerald r. ford"),
                para("Someone Else"),
            ],
            ..Transcript::default()
        };
        s.apply(&mut t);
        assert_eq!(t.title, "Carter, Ford (1 of 3)");
        assert_eq!(t.date.as_deref(), Some("1976-10-06"));
        assert_eq!(
            t.place.as_deref(),
            Some("Palace of Fine Arts, San Francisco, CA, USA")
        );
        assert_eq!(t.video.as_deref(), Some("abc123"));
        let who: Vec<(Option<&str>, Option<&str>)> = t
            .paragraphs
            .iter()
            .map(|p| (p.speaker.as_deref(), p.role.as_deref()))
            .collect();
        assert_eq!(
            who,
            [
                (Some("Henry Trewhitt"), Some("Moderator")),
                (
                    Some("Gerald R Ford"),
                    Some("Republican nominee for President")
                ),
                (Some("Someone Else"), None),
            ]
        );
        assert!(t.warnings[0].contains("Someone Else"), "{:?}", t.warnings);
        // The label as printed stays.
        assert_eq!(t.paragraphs[0].label.as_deref(), Some("Henry L Trewhitt"));
    }

    #[test]
    fn unknown_shapes_are_refused_naming_the_key() {
        let err = parse(r#"{"fact": {"title": "T", "primaryDate": "2020-01-01"}, "speakers": [], "venue": "x"}"#)
            .unwrap_err();
        assert!(
            err.contains("unknown field `venue`") && err.contains("expected {fact"),
            "{err}"
        );
        let err = parse(r#"{"title": "T"}"#).unwrap_err();
        assert!(err.contains("unknown field `title`"), "{err}");
        let err = parse(r#"{"fact": {"title": "T"}, "speakers": []}"#).unwrap_err();
        assert!(err.contains("primaryDate"), "{err}");
        let err = parse(r#"{"fact": {"title": "T", "primaryDate": "Oct 6"}, "speakers": []}"#)
            .unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(parse("[1, 2]").is_err());
    }

    #[test]
    fn two_names_with_the_same_ends_match_neither() {
        let s = parse(
            r#"{"fact": {"title": "T", "primaryDate": "1992-10-11"},
                "speakers": [{"fullName": "George HW Bush"}, {"fullName": "George W Bush"}]}"#,
        )
        .unwrap();
        assert_eq!(s.speaker("George Bush"), None);
        assert_eq!(
            s.speaker("George W Bush").map(|s| s.full_name.as_str()),
            Some("George W Bush")
        );
    }
}
