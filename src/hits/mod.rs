//! The hits stage (after `query`, before `render`): a compiled query run over the index →
//! ranked [`Hit`]s, each with the paragraph's metadata and the exact spans that matched.

pub mod case;
pub mod fragment;
pub mod highlight;
pub mod kwic;
pub mod stats;
pub mod stream;

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
    /// The speaker's person in the registry ([`attach_persons`]): its id and kind.
    pub speaker_id: Option<String>,
    pub speaker_kind: Option<&'static str>,
    pub role: Option<String>,
    pub label: Option<String>,
    pub date: Option<String>,
    /// `publication` when `date` is the page's publication date (see
    /// [`PageMeta::date_source`]).
    pub date_source: Option<String>,
    pub time: Option<String>,
    pub title: String,
    pub place: Option<String>,
    pub url: Option<String>,
    /// When the paragraph was said, in seconds from the start of the recording.
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// The recording's YouTube video id, when the transcript has one.
    pub video: Option<String>,
    pub score: f32,
    pub text: String,
    /// Byte offsets into `text`.
    pub spans: Vec<Span>,
    /// Where the paragraph is in the index (for `--explain`).
    pub doc: Option<DocAddress>,
    /// Paragraphs around the hit (`--context`), in order, the hit itself left out.
    pub context: Vec<Context>,
    /// A pull-quote box, not speech (see [`crate::transcript::Paragraph::furniture`]).
    pub furniture: bool,
    /// The paragraph's facets, `(name, value)`, as ingested (`("country", "FRA")`).
    pub facets: Vec<(String, String)>,
    /// The paragraph's language code (`en`, `hr`).
    pub lang: Option<String>,
}

impl Hit {
    /// The address that opens the video where the paragraph starts
    /// (`https://www.youtube.com/watch?v=ID&t=754s`), when it has a time and a video.
    pub fn media_url(&self) -> Option<String> {
        Some(crate::transcript::media::video_url(
            self.video.as_deref()?,
            self.start?,
        ))
    }
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

/// Give each hit its speaker's person id and kind from `registry`.
pub fn attach_persons(registry: &crate::index::registry::Registry, hits: &mut [Hit]) {
    for h in hits {
        if let Some(p) = h
            .speaker
            .as_deref()
            .and_then(|s| registry.person_of(s, &h.transcript))
        {
            h.speaker_id = Some(p.id.clone());
            h.speaker_kind = Some(p.kind.as_str());
        }
    }
}

/// Attach to each hit the `n` speaker turns before its own (a run of paragraphs of one
/// speaker is a turn), from the same transcript: the question an answer responds to.
pub fn add_turns(searcher: &Searcher, f: &Fields, hits: &mut [Hit], n: usize) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    with_transcripts(searcher, f, hits, |h, all| {
        let before = previous_turns(all, h.paragraph, n);
        let mut ctx: Vec<Context> = before.iter().map(|p| Context::from(*p)).collect();
        ctx.extend(std::mem::take(&mut h.context));
        ctx.sort_by_key(|c| c.paragraph);
        ctx.dedup_by_key(|c| c.paragraph);
        h.context = ctx;
    })
}

/// Call `each` with every hit and all its transcript's paragraphs in order, each
/// transcript read once.
fn with_transcripts(
    searcher: &Searcher,
    f: &Fields,
    hits: &mut [Hit],
    mut each: impl FnMut(&mut Hit, &[Hit]),
) -> Result<()> {
    let mut cache: std::collections::HashMap<String, Vec<Hit>> = std::collections::HashMap::new();
    for h in hits.iter_mut() {
        if !cache.contains_key(&h.transcript) {
            cache.insert(
                h.transcript.clone(),
                transcript(searcher, f, &h.transcript)?,
            );
        }
        each(h, &cache[&h.transcript]);
    }
    Ok(())
}

/// The paragraphs of the `n` speaker turns before paragraph `at`'s turn in `all` (a page's
/// paragraphs in order): consecutive paragraphs of one speaker are one turn, whatever
/// their labels; narration between turns is a turn of its own.
pub fn previous_turns(all: &[Hit], at: u64, n: usize) -> Vec<&Hit> {
    let Some(pos) = all.iter().position(|p| p.paragraph == at) else {
        return Vec::new();
    };
    let who = |p: &Hit| p.speaker.clone();
    // Back to the start of the hit's own turn.
    let mut start = pos;
    while start > 0 && who(&all[start - 1]) == who(&all[pos]) {
        start -= 1;
    }
    let mut first = start;
    for _ in 0..n {
        if first == 0 {
            break;
        }
        let s = who(&all[first - 1]);
        while first > 0 && who(&all[first - 1]) == s {
            first -= 1;
        }
    }
    all[first..start].iter().collect()
}

/// Attach `n` paragraphs before and after each hit, from the same transcript.
pub fn add_context(searcher: &Searcher, f: &Fields, hits: &mut [Hit], n: usize) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    with_transcripts(searcher, f, hits, |h, all| {
        let lo = h.paragraph.saturating_sub(n as u64);
        let hi = h.paragraph + n as u64;
        h.context = all
            .iter()
            .filter(|p| (lo..=hi).contains(&p.paragraph) && p.paragraph != h.paragraph)
            .map(Context::from)
            .collect();
    })
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
    Ok(search_until(
        searcher,
        f,
        q,
        limit,
        offset,
        sort,
        stream::Deadline::none(),
    )?
    .0)
}

/// [`search_sorted`], giving up at `deadline` with the best of the documents seen by then.
pub fn search_until(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    limit: usize,
    offset: usize,
    sort: Sort,
    deadline: stream::Deadline,
) -> Result<(Hits, stream::Walk)> {
    search_among(searcher, f, q, limit, offset, sort, deadline, None)
}

/// [`search_until`] over only the documents of `among` when given (the total is of them).
#[allow(clippy::too_many_arguments)]
pub fn search_among(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    limit: usize,
    offset: usize,
    sort: Sort,
    deadline: stream::Deadline,
    among: Option<std::sync::Arc<std::collections::HashSet<DocAddress>>>,
) -> Result<(Hits, stream::Walk)> {
    let plain = deadline.is_never() && among.is_none();
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    let mut late = false;
    let (addrs, total): (Vec<(Option<f32>, DocAddress)>, usize) = match sort {
        Sort::Relevance => {
            let (v, n) = if plain {
                searcher.search(&*q.query, &(top.order_by_score(), Count))?
            } else {
                // Only with a deadline or a set: the wrapper loses TopDocs' own pruning.
                let c = stream::Deadlined::new((top.order_by_score(), Count), deadline);
                let c = match &among {
                    Some(set) => c.among(set.clone()),
                    None => c,
                };
                let r = searcher.search(&*q.query, &c)?;
                late = c.timed_out();
                r
            };
            (v.into_iter().map(|(s, a)| (Some(s), a)).collect(), n)
        }
        Sort::Date | Sort::DateDesc => {
            let order = if sort == Sort::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let by_date = top.order_by_fast_field::<tantivy::DateTime>(name::DATE, order);
            let (v, n) = if plain {
                searcher.search(&*q.query, &(by_date, Count))?
            } else {
                // Only with a deadline or a set: the wrapper loses TopDocs' own pruning.
                let c = stream::Deadlined::new((by_date, Count), deadline);
                let c = match &among {
                    Some(set) => c.among(set.clone()),
                    None => c,
                };
                let r = searcher.search(&*q.query, &c)?;
                late = c.timed_out();
                r
            };
            (v.into_iter().map(|(_, a)| (None, a)).collect(), n)
        }
    };
    let mut hits = Vec::with_capacity(addrs.len());
    let mut pages = Pages::default();
    for (score, addr) in addrs.into_iter().take(limit) {
        let mut hit = load(searcher, f, &mut pages, addr)?;
        hit.score = score.unwrap_or(0.0);
        hit.spans = highlight::spans(q, hit.lang.as_deref(), &hit.text);
        hits.push(hit);
    }
    let walk = if late {
        stream::Walk::TimedOut
    } else {
        stream::Walk::Complete
    };
    Ok((Hits { hits, total }, walk))
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
        hit.spans = highlight::spans(q, hit.lang.as_deref(), &hit.text);
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
    let mut read = 0usize;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            // A cache, not a copy of every page: a page's paragraphs are written together,
            // and keeping every record met took `export` to 1.13 GB at 3.3 M paragraphs.
            read += 1;
            if read % 4096 == 0 {
                pages = Pages::default();
            }
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
    let seconds = |field| doc.get_first(field).and_then(|v| v.as_f64());
    let transcript = text(f.transcript).unwrap_or_default();
    let page = pages.get(searcher, f, &transcript, segment)?;
    let page_field = |get: fn(&PageMeta) -> &Option<String>| page.and_then(|p| get(p).clone());
    Ok(Hit {
        date: page_field(|p| &p.date),
        date_source: page_field(|p| &p.date_source),
        time: page_field(|p| &p.time),
        place: page_field(|p| &p.place),
        url: page
            .and_then(|p| p.url.clone())
            .or_else(|| crate::transcript::page_url(&transcript)),
        title: page.map(|p| p.title.clone()).unwrap_or_default(),
        video: page.and_then(|p| p.video.clone()),
        start: seconds(f.start),
        end: seconds(f.end),
        transcript,
        paragraph: num(f.paragraph),
        turn: num(f.turn),
        speaker: text(f.speaker),
        speaker_id: None,
        speaker_kind: None,
        role: text(f.role),
        label: text(f.label),
        score: 0.0,
        text: text(f.text).unwrap_or_default(),
        spans: Vec::new(),
        doc: None,
        context: Vec::new(),
        furniture: doc.get_first(f.furniture).and_then(|v| v.as_bool()) == Some(true),
        lang: text(f.lang),
        facets: doc
            .get_all(f.facet)
            .filter_map(|v| v.as_str())
            .filter_map(crate::transcript::facet::split)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    })
}
