//! CSV through a real CSV writer: quoting, embedded quotes and newlines, one header row.
//! Every row of hits carries what a citation needs: URL, paragraph number, date, speaker,
//! title and the text.

use std::io::{self, Write};

use crate::hits::kwic::Line;
use crate::hits::stats::Stats;
use crate::hits::Hit;
use crate::index::speakers::Speaker;

fn writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().from_writer(w)
}

fn io_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// A paragraph's facets in one cell: `name=value` joined by `; ` (`country=FRA; session=64`).
fn facets_cell(facets: &[(String, String)]) -> String {
    facets
        .iter()
        .map(|(k, v)| crate::transcript::facet::term(k, v))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Search hits, ranked from `first`.
pub fn hits(w: &mut impl Write, first: usize, hits: &[Hit]) -> io::Result<()> {
    let mut c = writer(w);
    c.write_record([
        "rank",
        "score",
        "date",
        "time",
        "speaker",
        "role",
        "label",
        "title",
        "place",
        "url",
        "transcript",
        "paragraph",
        "matches",
        "highlights",
        "text",
        "facets",
    ])
    .map_err(io_err)?;
    for (i, h) in hits.iter().enumerate() {
        let matches: Vec<&str> = h.spans.iter().map(|s| &h.text[s.from..s.to]).collect();
        let offsets: Vec<String> = super::char_offsets(&h.text, &h.spans)
            .into_iter()
            .map(|(a, b)| format!("{a}-{b}"))
            .collect();
        c.write_record([
            (first + i).to_string().as_str(),
            &format!("{:.4}", h.score),
            opt(&h.date),
            opt(&h.time),
            opt(&h.speaker),
            opt(&h.role),
            opt(&h.label),
            &h.title,
            opt(&h.place),
            opt(&h.url),
            &h.transcript,
            &h.paragraph.to_string(),
            &matches.join(" | "),
            &offsets.join(";"),
            &h.text,
            &facets_cell(&h.facets),
        ])
        .map_err(io_err)?;
    }
    c.flush()
}

/// Concordance lines; `delimiter` b',' for CSV, b'\t' for TSV.
pub fn kwic(w: &mut impl Write, lines: &[Line], delimiter: u8) -> io::Result<()> {
    let mut c = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(w);
    c.write_record([
        "date",
        "speaker",
        "transcript",
        "paragraph",
        "offset",
        "left",
        "match",
        "right",
        "title",
        "url",
    ])
    .map_err(io_err)?;
    for l in lines {
        c.write_record([
            opt(&l.date),
            opt(&l.speaker),
            &l.transcript,
            &l.paragraph.to_string(),
            &l.offset.to_string(),
            &l.left,
            &l.matched,
            &l.right,
            &l.title,
            opt(&l.url),
        ])
        .map_err(io_err)?;
    }
    c.flush()
}

pub fn stats(w: &mut impl Write, s: &Stats, top: usize) -> io::Result<()> {
    let mut c = writer(w);
    c.write_record([s.by.name(), "matches", "paragraphs", "words", "per_million"])
        .map_err(io_err)?;
    for b in s.shown(top) {
        c.write_record([
            b.bucket.as_str(),
            &b.matches.to_string(),
            &b.paragraphs.to_string(),
            &b.words.to_string(),
            &format!("{:.3}", b.per_million),
        ])
        .map_err(io_err)?;
    }
    c.flush()
}

pub fn speakers(w: &mut impl Write, list: &[Speaker]) -> io::Result<()> {
    let mut c = writer(w);
    c.write_record([
        "speaker",
        "paragraphs",
        "words",
        "transcripts",
        "first",
        "last",
        "roles",
        "labels",
    ])
    .map_err(io_err)?;
    for s in list {
        let roles: Vec<&str> = s.roles.iter().map(String::as_str).collect();
        let labels: Vec<&str> = s.labels.iter().map(String::as_str).collect();
        c.write_record([
            s.speaker.as_str(),
            &s.paragraphs.to_string(),
            &s.words.to_string(),
            &s.transcripts.to_string(),
            opt(&s.first),
            opt(&s.last),
            &roles.join(" | "),
            &labels.join(" | "),
        ])
        .map_err(io_err)?;
    }
    c.flush()
}
