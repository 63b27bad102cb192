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

/// The columns of a row of hits, in their default order (`search --columns` picks some).
pub const HIT_COLUMNS: [&str; 19] = [
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
];

/// Search hits, ranked from `first`.
pub fn hits(w: &mut impl Write, first: usize, hits: &[Hit]) -> io::Result<()> {
    hit_rows(w, first, hits, &Rows::default())
}

/// How rows are written: the delimiter (b',' for CSV, b'\t' for TSV), which columns (indexes
/// into [`HIT_COLUMNS`] or [`KWIC_COLUMNS`]; empty: all), and whether a header row comes first
/// (a stream printed in chunks has one).
#[derive(Debug, Clone)]
pub struct Rows {
    pub delimiter: u8,
    pub columns: Vec<usize>,
    pub header: bool,
}

impl Default for Rows {
    fn default() -> Rows {
        Rows {
            delimiter: b',',
            columns: Vec::new(),
            header: true,
        }
    }
}

impl Rows {
    fn pick<'a, const N: usize>(&self, all: [&'a str; N]) -> Vec<&'a str> {
        if self.columns.is_empty() {
            all.to_vec()
        } else {
            self.columns.iter().map(|&i| all[i]).collect()
        }
    }
}

/// Search hits numbered from `first`, written as `rows` says.
pub fn hit_rows(w: &mut impl Write, first: usize, hits: &[Hit], rows: &Rows) -> io::Result<()> {
    let mut c = csv::WriterBuilder::new()
        .delimiter(rows.delimiter)
        .from_writer(w);
    if rows.header {
        c.write_record(rows.pick(HIT_COLUMNS)).map_err(io_err)?;
    }
    for (i, h) in hits.iter().enumerate() {
        let matches: Vec<&str> = h.spans.iter().map(|s| &h.text[s.from..s.to]).collect();
        let offsets: Vec<String> = super::char_offsets(&h.text, &h.spans)
            .into_iter()
            .map(|(a, b)| format!("{a}-{b}"))
            .collect();
        let rank = (first + i).to_string();
        let score = format!("{:.4}", h.score);
        let paragraph = h.paragraph.to_string();
        let matches = matches.join(" | ");
        let offsets = offsets.join(";");
        let (start, end) = (seconds(h.start), seconds(h.end));
        let media = h.media_url();
        let facets = facets_cell(&h.facets);
        let all: [&str; 19] = [
            &rank,
            &score,
            opt(&h.date),
            opt(&h.time),
            opt(&h.speaker),
            opt(&h.role),
            opt(&h.label),
            &h.title,
            opt(&h.place),
            opt(&h.url),
            &h.transcript,
            &paragraph,
            &matches,
            &offsets,
            &h.text,
            &start,
            &end,
            opt(&media),
            &facets,
        ];
        c.write_record(rows.pick(all)).map_err(io_err)?;
    }
    c.flush()
}

/// The columns of a concordance row, in their default order (`kwic --columns` picks some).
pub const KWIC_COLUMNS: [&str; 12] = [
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
];

/// Concordance lines; `delimiter` b',' for CSV, b'\t' for TSV.
pub fn kwic(w: &mut impl Write, lines: &[Line], delimiter: u8) -> io::Result<()> {
    kwic_rows(
        w,
        lines,
        &Rows {
            delimiter,
            ..Rows::default()
        },
    )
}

/// Concordance lines, written as `rows` says.
pub fn kwic_rows(w: &mut impl Write, lines: &[Line], rows: &Rows) -> io::Result<()> {
    let mut c = csv::WriterBuilder::new()
        .delimiter(rows.delimiter)
        .from_writer(w);
    if rows.header {
        c.write_record(rows.pick(KWIC_COLUMNS)).map_err(io_err)?;
    }
    for l in lines {
        let (paragraph, offset, start) = (
            l.paragraph.to_string(),
            l.offset.to_string(),
            seconds(l.start),
        );
        let all: [&str; 12] = [
            opt(&l.date),
            opt(&l.speaker),
            &l.transcript,
            &paragraph,
            &offset,
            &l.left,
            &l.matched,
            &l.right,
            &l.title,
            opt(&l.url),
            &start,
            opt(&l.media),
        ];
        c.write_record(rows.pick(all)).map_err(io_err)?;
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
