//! The hits stage (after `query`, before `render`): a compiled query run over the index →
//! ranked [`Hit`]s, each with the paragraph's metadata and the exact spans that matched.

pub mod fragment;
pub mod highlight;
pub mod kwic;
pub mod stats;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::index::pages::Pages;
use crate::index::schema::name;
use crate::index::{Fields, PageMeta};
use crate::query::Compiled;
pub use highlight::Span;

/// One matching paragraph.
#[derive(Debug, Clone)]
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
    pub spans: Vec<Span>,
    /// Where the paragraph is in the index (for `--explain`).
    pub doc: Option<DocAddress>,
    /// Paragraphs around the hit (`--context`), in order, the hit itself left out.
    pub context: Vec<Context>,
    /// The paragraph's facets, `(name, value)`, as ingested (`("country", "FRA")`).
    pub facets: Vec<(String, String)>,
}

/// A neighbouring paragraph of a hit.
#[derive(Debug, Clone)]
pub struct Context {
    pub paragraph: u64,
    pub speaker: Option<String>,
    pub text: String,
}

impl From<&Hit> for Context {
    fn from(h: &Hit) -> Context {
        Context {
            paragraph: h.paragraph,
            speaker: h.speaker.clone(),
            text: h.text.clone(),
        }
    }
}

/// Attach `n` paragraphs before and after each hit, from the same transcript.
pub fn add_context(searcher: &Searcher, f: &Fields, hits: &mut [Hit], n: usize) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    let mut cache: std::collections::HashMap<String, Vec<Hit>> = std::collections::HashMap::new();
    for h in hits.iter_mut() {
        if !cache.contains_key(&h.transcript) {
            cache.insert(
                h.transcript.clone(),
                transcript(searcher, f, &h.transcript)?,
            );
        }
        let all = &cache[&h.transcript];
        let lo = h.paragraph.saturating_sub(n as u64);
        let hi = h.paragraph + n as u64;
        h.context = all
            .iter()
            .filter(|p| (lo..=hi).contains(&p.paragraph) && p.paragraph != h.paragraph)
            .map(Context::from)
            .collect();
    }
    Ok(())
}

/// The result of a search.
#[derive(Debug, Default)]
pub struct Hits {
    pub hits: Vec<Hit>,
    /// All matching paragraphs, not only those returned.
    pub total: usize,
}

/// The order of hits. Ties are broken by the document's place in the index, so the same
/// query on the same index always gives the same list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    DateDesc,
}

/// Run `q`, returning `limit` hits after skipping `offset`, best first.
pub fn search(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    limit: usize,
    offset: usize,
) -> Result<Hits> {
    search_sorted(searcher, f, q, limit, offset, Sort::Relevance)
}

/// Run `q`, returning `limit` hits after skipping `offset`, in `sort` order.
pub fn search_sorted(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    limit: usize,
    offset: usize,
    sort: Sort,
) -> Result<Hits> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    let (addrs, total): (Vec<(Option<f32>, DocAddress)>, usize) = match sort {
        Sort::Relevance => {
            let (v, n) = searcher.search(&*q.query, &(top.order_by_score(), Count))?;
            (v.into_iter().map(|(s, a)| (Some(s), a)).collect(), n)
        }
        Sort::Date | Sort::DateDesc => {
            let order = if sort == Sort::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let by_date = top.order_by_fast_field::<tantivy::DateTime>(name::DATE, order);
            let (v, n) = searcher.search(&*q.query, &(by_date, Count))?;
            (v.into_iter().map(|(_, a)| (None, a)).collect(), n)
        }
    };
    let mut hits = Vec::with_capacity(addrs.len());
    let mut pages = Pages::default();
    for (score, addr) in addrs.into_iter().take(limit) {
        let mut hit = load(searcher, f, &mut pages, addr)?;
        hit.score = score.unwrap_or(0.0);
        hit.spans = highlight::spans(q, &hit.text);
        hits.push(hit);
    }
    Ok(Hits { hits, total })
}

/// Every paragraph matching `q`, with its spans, in a stable order: by date, then
/// transcript, then paragraph (undated paragraphs last).
pub fn matching(searcher: &Searcher, f: &Fields, q: &Compiled) -> Result<Vec<Hit>> {
    let mut addrs: Vec<DocAddress> = searcher
        .search(&*q.query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    addrs.sort();
    let mut pages = Pages::default();
    let mut out = Vec::with_capacity(addrs.len());
    for addr in addrs {
        let mut hit = load(searcher, f, &mut pages, addr)?;
        hit.spans = highlight::spans(q, &hit.text);
        out.push(hit);
    }
    out.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.transcript, a.paragraph).cmp(&(
            b.date.is_none(),
            &b.date,
            &b.transcript,
            b.paragraph,
        ))
    });
    Ok(out)
}

/// Every paragraph of one transcript, in order.
pub fn transcript(searcher: &Searcher, f: &Fields, id: &str) -> Result<Vec<Hit>> {
    let q = TermQuery::new(
        Term::from_field_text(f.transcript, id),
        IndexRecordOption::Basic,
    );
    let n = searcher.search(&q, &Count)?;
    let top = TopDocs::with_limit(n.max(1)).order_by_u64_field(name::PARAGRAPH, Order::Asc);
    let addrs = searcher.search(&q, &top)?;
    let mut out = Vec::with_capacity(addrs.len());
    let mut pages = Pages::default();
    for (_, addr) in addrs {
        out.push(load(searcher, f, &mut pages, addr)?);
    }
    out.sort_by_key(|h| h.paragraph);
    Ok(out)
}

/// Call `each` on every paragraph in the index, in index order (segment by segment, so
/// the same index always gives the same order); deleted documents are skipped.
pub fn for_each<E: From<crate::error::Error>>(
    searcher: &Searcher,
    f: &Fields,
    mut each: impl FnMut(Hit) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut pages = Pages::default();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let doc: TantivyDocument = searcher
                .doc(DocAddress::new(ord as u32, doc))
                .map_err(crate::error::Error::from)?;
            if doc.get_first(f.meta).is_some() || doc.get_first(f.voice_record).is_some() {
                continue; // a page record or a voice, not a paragraph
            }
            each(from_doc(searcher, f, &mut pages, &doc, Some(ord as u32))?)?;
        }
    }
    Ok(())
}

/// Read a paragraph's stored fields (and its page's, through `pages`).
pub fn load(searcher: &Searcher, f: &Fields, pages: &mut Pages, addr: DocAddress) -> Result<Hit> {
    let mut hit = from_doc(
        searcher,
        f,
        pages,
        &searcher.doc(addr)?,
        Some(addr.segment_ord),
    )?;
    hit.doc = Some(addr);
    Ok(hit)
}

fn from_doc(
    searcher: &Searcher,
    f: &Fields,
    pages: &mut Pages,
    doc: &TantivyDocument,
    segment: Option<u32>,
) -> Result<Hit> {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let num = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    let transcript = text(f.transcript).unwrap_or_default();
    let page = pages.get(searcher, f, &transcript, segment)?;
    let page_field = |get: fn(&PageMeta) -> &Option<String>| page.and_then(|p| get(p).clone());
    Ok(Hit {
        date: page_field(|p| &p.date),
        time: page_field(|p| &p.time),
        place: page_field(|p| &p.place),
        url: page
            .and_then(|p| p.url.clone())
            .or_else(|| crate::transcript::page_url(&transcript)),
        title: page.map(|p| p.title.clone()).unwrap_or_default(),
        transcript,
        paragraph: num(f.paragraph),
        turn: num(f.turn),
        speaker: text(f.speaker),
        role: text(f.role),
        label: text(f.label),
        score: 0.0,
        text: text(f.text).unwrap_or_default(),
        spans: Vec::new(),
        doc: None,
        context: Vec::new(),
        facets: doc
            .get_all(f.facet)
            .filter_map(|v| v.as_str())
            .filter_map(crate::transcript::facet::split)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    })
}
