//! Stage 4: a compiled query run over the index → ranked [`Hit`]s, each with the
//! paragraph's metadata and the exact spans that matched.

pub mod fragment;
pub mod highlight;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::Result;
use crate::index::Fields;
use crate::query::Compiled;
pub use highlight::Span;

/// One matching paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub transcript: String,
    pub paragraph: u64,
    pub turn: u64,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub label: Option<String>,
    pub date: Option<String>,
    pub time: Option<String>,
    pub title: String,
    pub place: Option<String>,
    pub url: Option<String>,
    pub score: f32,
    pub text: String,
    /// Byte offsets into `text`.
    #[serde(skip)]
    pub spans: Vec<Span>,
}

/// The result of a search.
#[derive(Debug, Default)]
pub struct Hits {
    pub hits: Vec<Hit>,
    /// All matching paragraphs, not only those returned.
    pub total: usize,
}

/// Run `q`, returning `limit` hits after skipping `offset`, best first.
pub fn search(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    limit: usize,
    offset: usize,
) -> Result<Hits> {
    let collector = (
        TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by_score(),
        Count,
    );
    let (top, total) = searcher.search(&*q.query, &collector)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top.into_iter().take(limit) {
        let mut hit = load(searcher, f, addr)?;
        hit.score = score;
        hit.spans = highlight::spans(q, &hit.text);
        hits.push(hit);
    }
    Ok(Hits { hits, total })
}

/// Read a paragraph's stored fields.
pub fn load(searcher: &Searcher, f: &Fields, addr: DocAddress) -> Result<Hit> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let num = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    let transcript = text(f.transcript).unwrap_or_default();
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .map(|d| {
            let dt = d.into_utc();
            format!("{:04}-{:02}-{:02}", dt.year(), dt.month() as u8, dt.day())
        });
    Ok(Hit {
        url: crate::transcript::page_url(&transcript),
        transcript,
        paragraph: num(f.paragraph),
        turn: num(f.turn),
        speaker: text(f.speaker),
        role: text(f.role),
        label: text(f.label),
        date,
        time: text(f.time),
        title: text(f.title).unwrap_or_default(),
        place: text(f.place),
        score: 0.0,
        text: text(f.text).unwrap_or_default(),
        spans: Vec::new(),
    })
}
