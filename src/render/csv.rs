//! CSV through a real CSV writer: quoting, embedded quotes and newlines, one header row.
//! Every row of hits carries what a citation needs: URL, paragraph number, date, speaker,
//! title and the text.

use std::io::{self, Write};

use crate::hits::kwic::Line;
use crate::hits::stats::{Bucket, Stats};
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

/// Seconds with millisecond precision, empty when there is no time.
fn seconds(s: Option<f64>) -> String {
    s.map(|s| format!("{s:.3}")).unwrap_or_default()
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
        "start",
        "end",
        "media",
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
            &seconds(h.start),
            &seconds(h.end),
            opt(&h.media_url()),
            &facets_cell(&h.facets),
        ])
        .map_err(io_err)?;
    }
    c.flush()
}

/// Concordance lines; `delimiter` b',' for CSV, b'\t' for TSV.
pub fn kwic(w: &mut impl Write, lines: &[Line], delimiter: u8) -> io::Result<()> {
    kwic_rows(w, lines, delimiter, true)
}

/// Concordance lines, with the header row or without it (a stream of lines printed in
/// chunks has one header).
pub fn kwic_rows(
    w: &mut impl Write,
    lines: &[Line],
    delimiter: u8,
    header: bool,
) -> io::Result<()> {
    let mut c = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(w);
    if header {
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
            "start",
            "media",
        ])
        .map_err(io_err)?;
    }
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
            &seconds(l.start),
            opt(&l.media),
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
        c.write_record(std::iter::once(b.bucket.clone()).chain(counts(b)))
            .map_err(io_err)?;
    }
    c.flush()
}

/// A bucket's counts, the columns after its name.
fn counts(b: &Bucket) -> [String; 4] {
    [
        b.matches.to_string(),
        b.paragraphs.to_string(),
        b.words.to_string(),
        format!("{:.3}", b.per_million),
    ]
}

/// Several series' counts in one table (`stats --vs`, `--split`): the series' name first,
/// then the columns of [`stats`].
pub fn stats_series(w: &mut impl Write, series: &[(&str, &Stats)], top: usize) -> io::Result<()> {
    let mut c = writer(w);
    let by = series.first().map_or("bucket", |(_, s)| s.by.name());
    c.write_record([
        "series",
        by,
        "matches",
        "paragraphs",
        "words",
        "per_million",
    ])
    .map_err(io_err)?;
    for (name, s) in series {
        for b in s.shown(top) {
            let cells = [name.to_string(), b.bucket.clone()];
            c.write_record(cells.into_iter().chain(counts(b)))
                .map_err(io_err)?;
        }
    }
    c.flush()
}

pub fn speakers(w: &mut impl Write, list: &[Speaker]) -> io::Result<()> {
    let mut c = writer(w);
    c.write_record([
        "id",
        "speaker",
        "kind",
        "variants",
        "aliases",
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
        let variants: Vec<&str> = s.variants.iter().map(String::as_str).collect();
        let aliases: Vec<&str> = s.aliases.iter().map(String::as_str).collect();
        c.write_record([
            s.id.as_str(),
            s.speaker.as_str(),
            s.kind,
            &variants.join(" | "),
            &aliases.join(" | "),
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
