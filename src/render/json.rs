//! JSON Lines: one self-describing object per line (`"type": "hit"`, `"summary"`).

use std::io::{self, Write};

use serde::Serialize;

use crate::hits::Hit;
use crate::transcript::Transcript;

#[derive(Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
struct HitLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    hit: &'a Hit,
    highlights: Vec<Highlight>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a serde_json::Value>,
}

pub fn hit(w: &mut impl Write, h: &Hit) -> io::Result<()> {
    hit_explained(w, h, None)
}

/// A hit with how its score was made (`--explain`).
pub fn hit_explained(
    w: &mut impl Write,
    h: &Hit,
    explain: Option<&serde_json::Value>,
) -> io::Result<()> {
    let highlights = super::char_offsets(&h.text, &h.spans)
        .into_iter()
        .map(|(start, end)| Highlight { start, end })
        .collect();
    line(
        w,
        &HitLine {
            kind: "hit",
            hit: h,
            highlights,
            explain,
        },
    )
}

#[derive(Serialize)]
struct ParagraphLine<'a> {
    id: String,
    transcript: &'a str,
    paragraph: u64,
    turn: u64,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    label: Option<&'a str>,
    date: Option<&'a str>,
    time: Option<&'a str>,
    title: &'a str,
    place: Option<&'a str>,
    url: Option<&'a str>,
    text: &'a str,
}

/// One paragraph as an export record (no score, no highlights).
pub fn paragraph(w: &mut impl Write, h: &Hit) -> io::Result<()> {
    line(
        w,
        &ParagraphLine {
            id: format!("{}#{}", h.transcript, h.paragraph),
            transcript: &h.transcript,
            paragraph: h.paragraph,
            turn: h.turn,
            speaker: h.speaker.as_deref(),
            role: h.role.as_deref(),
            label: h.label.as_deref(),
            date: h.date.as_deref(),
            time: h.time.as_deref(),
            title: &h.title,
            place: h.place.as_deref(),
            url: h.url.as_deref(),
            text: &h.text,
        },
    )
}

/// The closing line of a search.
#[derive(Serialize)]
pub struct Summary<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub query: &'a str,
    pub speaker: Option<&'a str>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub exact: bool,
    pub sort: &'a str,
    pub offset: usize,
    pub limit: usize,
    pub hits: usize,
    pub total: usize,
    pub elapsed_ms: f64,
    /// Paragraph documents in the index searched.
    pub index_docs: u64,
    /// [`crate::index::fingerprint`] of the index searched.
    pub index_fingerprint: String,
    pub rostra_version: &'static str,
}

pub fn summary(w: &mut impl Write, s: &Summary) -> io::Result<()> {
    line(w, s)
}

#[derive(Serialize)]
struct TranscriptLine<'a> {
    #[serde(flatten)]
    t: &'a Transcript,
    url: Option<String>,
}

pub fn transcript(w: &mut impl Write, t: &Transcript) -> io::Result<()> {
    line(w, &TranscriptLine { t, url: t.url() })
}

/// Serialize one value as a line.
pub fn line(w: &mut impl Write, v: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")
}
