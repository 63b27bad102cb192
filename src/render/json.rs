//! JSON Lines: one self-describing object per line (`"type": "hit"`, `"summary"`).
//!
//! The wire format lives here, as ripgrep's lives in its printer (`printer/src/jsont.rs`):
//! each line is a struct of borrowed fields, so the domain types of `transcript/`, `index/`
//! and `hits/` carry no serde attributes for output, and a field renamed there cannot change
//! what programs reading rostra's output see. The field order is the order of the structs.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

use crate::hits::kwic::Line;
use crate::hits::stats::Bucket;
use crate::hits::{Context, Hit};
use crate::index::speakers::Speaker;
use crate::transcript::{Paragraph, Transcript};

#[derive(Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
struct HitLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    transcript: &'a str,
    paragraph: u64,
    turn: u64,
    speaker: Option<&'a str>,
    /// The speaker's person in the registry (`rostra speakers --format json`).
    speaker_id: Option<&'a str>,
    speaker_kind: Option<&'a str>,
    role: Option<&'a str>,
    label: Option<&'a str>,
    date: Option<&'a str>,
    /// `publication` when the page prints no date and `date` is its publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_source: Option<&'a str>,
    time: Option<&'a str>,
    title: &'a str,
    place: Option<&'a str>,
    url: Option<&'a str>,
    /// A pull-quote box (`--furniture`), not speech.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    furniture: bool,
    /// When the paragraph was said (seconds from the start of the recording), and the
    /// link that opens the video there: only where there is a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<String>,
    score: f32,
    text: &'a str,
    /// Paragraphs around the hit (`--context`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    context: Vec<ContextLine<'a>>,
    highlights: Vec<Highlight>,
    /// The paragraph's facets by name (`"country": "FRA"`; several values: an array).
    #[serde(skip_serializing_if = "Facets::is_empty")]
    facets: Facets<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a serde_json::Value>,
}

/// Facets as a JSON object: each name once, its value a string, or an array of strings
/// when the paragraph has several (a kremlin.ru page's topics).
pub struct Facets<'a>(pub &'a [(String, String)]);

impl Facets<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Facets<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut names: Vec<&str> = Vec::new();
        for (k, _) in self.0 {
            if !names.contains(&k.as_str()) {
                names.push(k);
            }
        }
        let mut m = s.serialize_map(Some(names.len()))?;
        for name in names {
            let values: Vec<&str> = self
                .0
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect();
            if let [one] = values[..] {
                m.serialize_entry(name, one)?;
            } else {
                m.serialize_entry(name, &values)?;
            }
        }
        m.end()
    }
}

#[derive(Serialize)]
struct ContextLine<'a> {
    paragraph: u64,
    speaker: Option<&'a str>,
    text: &'a str,
}

impl<'a> From<&'a Context> for ContextLine<'a> {
    fn from(c: &'a Context) -> Self {
        ContextLine {
            paragraph: c.paragraph,
            speaker: c.speaker.as_deref(),
            text: &c.text,
        }
    }
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
            transcript: &h.transcript,
            paragraph: h.paragraph,
            turn: h.turn,
            speaker: h.speaker.as_deref(),
            speaker_id: h.speaker_id.as_deref(),
            speaker_kind: h.speaker_kind,
            role: h.role.as_deref(),
            label: h.label.as_deref(),
            date: h.date.as_deref(),
            date_source: h.date_source.as_deref(),
            time: h.time.as_deref(),
            title: &h.title,
            place: h.place.as_deref(),
            url: h.url.as_deref(),
            furniture: h.furniture,
            start: h.start,
            end: h.end,
            media: h.media_url(),
            score: h.score,
            text: &h.text,
            context: h.context.iter().map(ContextLine::from).collect(),
            highlights,
            facets: Facets(&h.facets),
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
    /// The speaker's person in the registry (`rostra speakers --format json`).
    speaker_id: Option<&'a str>,
    speaker_kind: Option<&'a str>,
    role: Option<&'a str>,
    label: Option<&'a str>,
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_source: Option<&'a str>,
    time: Option<&'a str>,
    title: &'a str,
    place: Option<&'a str>,
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    furniture: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<String>,
    text: &'a str,
    #[serde(skip_serializing_if = "Facets::is_empty")]
    facets: Facets<'a>,
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
            speaker_id: h.speaker_id.as_deref(),
            speaker_kind: h.speaker_kind,
            role: h.role.as_deref(),
            label: h.label.as_deref(),
            date: h.date.as_deref(),
            date_source: h.date_source.as_deref(),
            time: h.time.as_deref(),
            title: &h.title,
            place: h.place.as_deref(),
            url: h.url.as_deref(),
            furniture: h.furniture,
            start: h.start,
            end: h.end,
            media: h.media_url(),
            text: &h.text,
            facets: Facets(&h.facets),
        },
    )
}

/// The closing line of a search.
#[derive(Serialize)]
pub struct Summary<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub query: &'a str,
    /// The query as parsed, every group in parentheses.
    pub parsed: &'a str,
    pub speaker: Option<&'a str>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `--where NAME=VALUE` filters, as given.
    #[serde(rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub where_: Vec<String>,
    pub exact: bool,
    /// `--case-sensitive`: matches of the query words' case only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub case_sensitive: bool,
    /// `--all`: every hit, streamed (`limit` is then the number printed).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
    pub sort: &'a str,
    pub offset: usize,
    pub limit: usize,
    pub hits: usize,
    pub total: usize,
    pub elapsed_ms: f64,
    /// Cut short by `--timeout`: the hits and total are of what was searched by then.
    pub partial: bool,
    /// Paragraph documents in the index searched.
    pub index_docs: u64,
    /// [`crate::index::fingerprint`] of the index searched.
    pub index_fingerprint: String,
    pub rostra_version: &'static str,
    /// What stderr said of the query (a prefix cut to its most frequent forms, say), so a
    /// program reading the JSON knows the count is of a cut query.
    pub notes: &'a [String],
    /// The languages searched and how: `[{"lang": "hr", "search": "exact word forms …"}]`.
    #[serde(serialize_with = "languages")]
    pub languages: &'a [(String, String)],
}

fn languages<S: serde::Serializer>(l: &&[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    #[derive(Serialize)]
    struct Language<'a> {
        lang: &'a str,
        search: &'a str,
    }
    let mut seq = s.serialize_seq(Some(l.len()))?;
    for (lang, search) in l.iter() {
        seq.serialize_element(&Language { lang, search })?;
    }
    seq.end()
}

pub fn summary(w: &mut impl Write, s: &Summary) -> io::Result<()> {
    line(w, s)
}

/// `parse --json`: a transcript as parsed, with its URL.
#[derive(Serialize)]
struct TranscriptLine<'a> {
    /// The reader that read it ([`crate::transcript::Reader::name`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    reader: Option<&'a str>,
    source: &'a str,
    id: &'a str,
    /// The transcript's facets, by name.
    #[serde(skip_serializing_if = "Facets::is_empty")]
    facets: Facets<'a>,
    /// The language (`xml:lang`), and how a search treats its words.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    search: Option<String>,
    title: &'a str,
    lead: Option<&'a str>,
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_source: Option<&'a str>,
    time: Option<&'a str>,
    place: Option<&'a str>,
    captions: &'a [String],
    geography: &'a [String],
    topics: &'a [String],
    persons: &'a [String],
    sections: &'a [String],
    publication_date: Option<&'a str>,
    signature: Option<&'a str>,
    gaps: &'a [usize],
    paragraphs: Vec<ParagraphRecord<'a>>,
    /// What the parser had to repair.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    url: Option<String>,
    /// The recording's YouTube video id.
    #[serde(skip_serializing_if = "Option::is_none")]
    video: Option<&'a str>,
    /// How many paragraphs the captions placed, of how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    aligned: Option<AlignedRecord>,
}

#[derive(Serialize)]
struct AlignedRecord {
    paragraphs: usize,
    placed: usize,
}

#[derive(Serialize)]
struct ParagraphRecord<'a> {
    index: usize,
    turn: usize,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    retranslated: bool,
    /// A pull-quote box repeating words of the page, not speech.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    furniture: bool,
    text: &'a str,
    /// Stage notes taken out of the words.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<f64>,
    /// The paragraph's own facets (a speaker's party), by name.
    #[serde(skip_serializing_if = "Facets::is_empty")]
    facets: Facets<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

impl<'a> From<&'a Paragraph> for ParagraphRecord<'a> {
    fn from(p: &'a Paragraph) -> Self {
        ParagraphRecord {
            index: p.index,
            turn: p.turn,
            speaker: p.speaker.as_deref(),
            role: p.role.as_deref(),
            label: p.label.as_deref(),
            note: p.note.as_deref(),
            retranslated: p.retranslated,
            furniture: p.furniture,
            text: &p.text,
            notes: &p.stage_notes,
            start: p.start,
            end: p.end,
            facets: Facets(&p.facets),
            lang: p.lang.as_deref(),
        }
    }
}

/// `parse --json`: transcript `t`, read by the reader named `reader`.
pub fn transcript(w: &mut impl Write, t: &Transcript, reader: Option<&str>) -> io::Result<()> {
    line(
        w,
        &TranscriptLine {
            reader,
            source: &t.source,
            id: &t.id,
            facets: Facets(&t.facets),
            lang: t.lang.as_deref(),
            search: t.lang.as_deref().map(|l| {
                crate::index::lang::stemming(&crate::index::lang::code(Some(l))).describe()
            }),
            title: &t.title,
            lead: t.lead.as_deref(),
            date: t.date.as_deref(),
            date_source: t
                .date_from_publication
                .then_some(crate::index::pages::DATE_FROM_PUBLICATION),
            time: t.time.as_deref(),
            place: t.place.as_deref(),
            captions: &t.captions,
            geography: &t.geography,
            topics: &t.topics,
            persons: &t.persons,
            sections: &t.sections,
            publication_date: t.publication_date.as_deref(),
            signature: t.signature.as_deref(),
            gaps: &t.gaps,
            paragraphs: t.paragraphs.iter().map(ParagraphRecord::from).collect(),
            warnings: &t.warnings,
            url: t.url(),
            video: t.video.as_deref(),
            aligned: t.alignment.map(|a| AlignedRecord {
                paragraphs: a.paragraphs,
                placed: a.placed,
            }),
        },
    )
}

/// `kwic --json`: one concordance line.
#[derive(Serialize)]
struct KwicLine<'a> {
    date: Option<&'a str>,
    speaker: Option<&'a str>,
    transcript: &'a str,
    paragraph: u64,
    /// Character offset of the match in the paragraph text.
    offset: usize,
    left: &'a str,
    #[serde(rename = "match")]
    matched: &'a str,
    right: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<&'a str>,
}

pub fn kwic(w: &mut impl Write, l: &Line) -> io::Result<()> {
    line(
        w,
        &KwicLine {
            date: l.date.as_deref(),
            speaker: l.speaker.as_deref(),
            transcript: &l.transcript,
            paragraph: l.paragraph,
            offset: l.offset,
            left: &l.left,
            matched: &l.matched,
            right: &l.right,
            title: &l.title,
            url: l.url.as_deref(),
            start: l.start,
            media: l.media.as_deref(),
        },
    )
}

/// `speakers --format json`: one speaker.
#[derive(Serialize)]
struct SpeakerLine<'a> {
    /// Stable across runs: cite it, or name it in aliases.toml.
    id: &'a str,
    /// `person`, or a generic role (`question`, `remark`, `audience`, …), `role`, `place`.
    kind: &'a str,
    /// The canonical name.
    speaker: &'a str,
    /// The speakers as indexed that are this one.
    variants: &'a BTreeSet<String>,
    /// Other names: from aliases.toml, and as read out of the labels.
    aliases: &'a BTreeSet<String>,
    paragraphs: u64,
    words: u64,
    transcripts: u64,
    first: Option<&'a str>,
    last: Option<&'a str>,
    roles: &'a BTreeSet<String>,
    labels: &'a BTreeSet<String>,
}

pub fn speaker(w: &mut impl Write, s: &Speaker) -> io::Result<()> {
    line(
        w,
        &SpeakerLine {
            id: &s.id,
            kind: s.kind,
            speaker: &s.speaker,
            variants: &s.variants,
            aliases: &s.aliases,
            paragraphs: s.paragraphs,
            words: s.words,
            transcripts: s.transcripts,
            first: s.first.as_deref(),
            last: s.last.as_deref(),
            roles: &s.roles,
            labels: &s.labels,
        },
    )
}

/// `speakers --suspects --format json`: one pair that may be one person.
#[derive(Serialize)]
struct SuspectLine<'a> {
    a: &'a str,
    a_id: &'a str,
    a_paragraphs: u64,
    b: &'a str,
    b_id: &'a str,
    b_paragraphs: u64,
    evidence: &'a str,
}

pub fn suspect(w: &mut impl Write, s: &crate::index::registry::Suspect) -> io::Result<()> {
    line(
        w,
        &SuspectLine {
            a: &s.a,
            a_id: &s.a_id,
            a_paragraphs: s.a_paragraphs,
            b: &s.b,
            b_id: &s.b_id,
            b_paragraphs: s.b_paragraphs,
            evidence: &s.evidence,
        },
    )
}

/// `stats --format json`: the counts of a query, with what it was asked.
#[derive(Serialize)]
pub struct StatsReport<'a> {
    pub query: &'a str,
    pub speaker: Option<&'a str>,
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub where_: Vec<String>,
    pub exact: bool,
    pub by: &'a str,
    #[serde(serialize_with = "buckets")]
    pub buckets: &'a [Bucket],
    pub matches: u64,
    pub paragraphs: u64,
    pub words: u64,
    pub per_million: f64,
    /// Cut short by `--timeout`: the counts are of the paragraphs read by then.
    pub partial: bool,
    pub index_fingerprint: String,
    pub rostra_version: &'static str,
    /// The query's notes, as in the search summary.
    pub notes: &'a [String],
}

#[derive(Serialize)]
struct BucketRecord<'a> {
    bucket: &'a str,
    matches: u64,
    paragraphs: u64,
    words: u64,
    per_million: f64,
}

fn buckets<S: serde::Serializer>(b: &&[Bucket], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(b.iter().map(|b| BucketRecord {
        bucket: &b.bucket,
        matches: b.matches,
        paragraphs: b.paragraphs,
        words: b.words,
        per_million: b.per_million,
    }))
}

pub fn stats(w: &mut impl Write, r: &StatsReport) -> io::Result<()> {
    line(w, r)
}

/// Serialize one value as a line.
pub fn line(w: &mut impl Write, v: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")
}
