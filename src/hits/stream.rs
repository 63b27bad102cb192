//! Matching paragraphs one at a time, in bounded memory (issue 13 §7): what `kwic` and
//! `stats` walk over when a query matches most of the index. Only the address and date of
//! each match are held (16 bytes each); paragraphs are loaded one at a time (a date at a
//! time, for date order), and a [`Deadline`] stops a walk with what it has seen.

use std::time::{Duration, Instant};

use tantivy::query::EnableScoring;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, TERMINATED};

use super::{highlight, load, Hit};
use crate::error::Result;
use crate::index::pages::Pages;
use crate::index::schema::name;
use crate::index::Fields;
use crate::query::Compiled;

/// When a walk gives up (`--timeout`): never, or at an instant.
#[derive(Debug, Clone, Copy, Default)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// No deadline.
    pub fn none() -> Deadline {
        Deadline(None)
    }

    /// `d` from now (`None`: never).
    pub fn after(d: Option<Duration>) -> Deadline {
        Deadline(d.map(|d| Instant::now() + d))
    }

    /// Is there none?
    pub fn is_never(&self) -> bool {
        self.0.is_none()
    }

    /// Has it passed?
    pub fn passed(&self) -> bool {
        self.0.is_some_and(|t| Instant::now() >= t)
    }
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Every match was seen (or the caller stopped, having what it wanted).
    Complete,
    /// The deadline passed: what was seen is partial.
    TimedOut,
}

/// How often (in documents) a walk looks at the clock.
const CLOCK_EVERY: usize = 256;

/// The addresses of every paragraph matching `q`, in index order (segment, then document),
/// deleted documents left out; no stored field is read.
pub fn addresses(
    searcher: &Searcher,
    q: &Compiled,
    deadline: Deadline,
) -> Result<(Vec<DocAddress>, Walk)> {
    let weight = q
        .query
        .weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                out.push(DocAddress::new(ord as u32, doc));
                if out.len() % (CLOCK_EVERY * 16) == 0 && deadline.passed() {
                    return Ok((out, Walk::TimedOut));
                }
            }
            doc = scorer.advance();
        }
    }
    Ok((out, Walk::Complete))
}

/// `addrs` in the order of [`super::matching`] up to the transcript: by date (undated last),
/// then index order; the date from the fast column, no stored field read.
pub fn by_date(
    searcher: &Searcher,
    addrs: &[DocAddress],
) -> Result<Vec<(Option<i64>, DocAddress)>> {
    let mut out = Vec::with_capacity(addrs.len());
    for chunk in addrs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let dates = searcher
            .segment_reader(chunk[0].segment_ord)
            .fast_fields()
            .date(name::DATE)?;
        for a in chunk {
            out.push((dates.first(a.doc_id).map(|t| t.into_timestamp_secs()), *a));
        }
    }
    out.sort_by_key(|(d, a)| (d.is_none(), *d, *a));
    Ok(out)
}

/// Call `each` on the paragraphs of `addrs` (from [`addresses`]) with their spans, in the
/// order of [`super::matching`]: by date, then transcript, then paragraph. Paragraphs are
/// loaded a date at a time; `each` returns `false` to stop (a complete walk: the caller has
/// what it wanted). At the deadline, the paragraphs of the date loaded by then are given
/// (in order among themselves) before the walk ends.
pub fn in_date_order(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    addrs: &[DocAddress],
    deadline: Deadline,
    mut each: impl FnMut(Hit) -> Result<bool>,
) -> Result<Walk> {
    let dated = by_date(searcher, addrs)?;
    let mut seen = 0usize;
    for group in dated.chunk_by(|a, b| a.0 == b.0) {
        // A fresh page cache per date: a date's paragraphs share few pages, and the cache
        // must not grow with the index.
        let mut pages = Pages::default();
        let mut hits = Vec::with_capacity(group.len());
        let mut walk = Walk::Complete;
        for (_, addr) in group {
            let mut hit = load(searcher, f, &mut pages, *addr)?;
            hit.spans = highlight::spans(q, hit.lang.as_deref(), &hit.text);
            hits.push(hit);
            seen += 1;
            if seen % CLOCK_EVERY == 0 && deadline.passed() {
                // The paragraphs loaded so far are still given: on a large index one date
                // may take longer than the whole timeout, and kwic printed nothing.
                walk = Walk::TimedOut;
                break;
            }
        }
        hits.sort_by(|a, b| (&a.transcript, a.paragraph).cmp(&(&b.transcript, b.paragraph)));
        for h in hits {
            if !each(h)? {
                return Ok(Walk::Complete);
            }
        }
        if walk == Walk::TimedOut {
            return Ok(walk);
        }
    }
    Ok(Walk::Complete)
}

/// Call `each` on the paragraphs of `addrs` with their spans, in index order (the fastest:
/// documents are read block by block); `each` returns `false` to stop.
pub fn in_index_order(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    addrs: &[DocAddress],
    deadline: Deadline,
    mut each: impl FnMut(Hit) -> Result<bool>,
) -> Result<Walk> {
    let mut pages = Pages::default();
    for (i, addr) in addrs.iter().enumerate() {
        if i % 4096 == 0 {
            pages = Pages::default(); // bounded: a cache, not a copy of every page
        }
        let mut hit = load(searcher, f, &mut pages, *addr)?;
        hit.spans = highlight::spans(q, hit.lang.as_deref(), &hit.text);
        if !each(hit)? {
            return Ok(Walk::Complete);
        }
        if (i + 1) % CLOCK_EVERY == 0 && deadline.passed() {
            return Ok(Walk::TimedOut);
        }
    }
    Ok(Walk::Complete)
}

/// The number of spans (matches) in the paragraphs of `addrs`, reading only their text (one
/// a paragraph for a query of page or voice clauses only), and how many paragraphs were read
/// before the deadline.
pub fn count_spans(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    addrs: &[DocAddress],
    deadline: Deadline,
    mut each: impl FnMut(DocAddress, u64) -> Result<()>,
) -> Result<(usize, Walk)> {
    let mut done = 0usize;
    for chunk in addrs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let store = searcher
            .segment_reader(chunk[0].segment_ord)
            .get_store_reader(4)
            .map_err(tantivy::TantivyError::from)?;
        for a in chunk {
            if q.has_text_patterns() {
                let doc: TantivyDocument = store.get(a.doc_id)?;
                let text = doc.get_first(f.text).and_then(|v| v.as_str()).unwrap_or("");
                let lang = doc.get_first(f.lang).and_then(|v| v.as_str());
                each(*a, highlight::spans(q, lang, text).len() as u64)?;
            } else {
                // Page or voice clauses only: no spans, each paragraph is one match.
                each(*a, 1)?;
            }
            done += 1;
            if done % CLOCK_EVERY == 0 && done < addrs.len() && deadline.passed() {
                return Ok((done, Walk::TimedOut));
            }
        }
    }
    Ok((done, Walk::Complete))
}

/// `--case-sensitive`: the paragraphs of `addrs` left with a match once the spans without
/// the query's case are dropped (a paragraph with none does not match); `addrs` as they
/// are otherwise. Stops at `deadline` with those found by then.
pub fn with_case(
    searcher: &Searcher,
    f: &Fields,
    q: &Compiled,
    addrs: Vec<DocAddress>,
    deadline: Deadline,
) -> Result<(Vec<DocAddress>, Walk)> {
    if q.case.is_none() || !q.has_text_patterns() {
        return Ok((addrs, Walk::Complete));
    }
    let mut kept = Vec::new();
    let (_, walk) = count_spans(searcher, f, q, &addrs, deadline, |a, n| {
        if n > 0 {
            kept.push(a);
        }
        Ok(())
    })?;
    Ok((kept, walk))
}

/// A collector that stops taking documents once `deadline` has passed (`search
/// --timeout`): the fruit is of the documents seen by then, and [`Deadlined::timed_out`]
/// says whether any were left out.
pub struct Deadlined<C> {
    inner: C,
    deadline: Deadline,
    late: std::sync::Arc<std::sync::atomic::AtomicBool>,
    among: Option<std::sync::Arc<std::collections::HashSet<DocAddress>>>,
}

impl<C> Deadlined<C> {
    pub fn new(inner: C, deadline: Deadline) -> Deadlined<C> {
        Deadlined {
            inner,
            deadline,
            late: Default::default(),
            among: None,
        }
    }

    /// Take only the documents of `set` (`search --case-sensitive`: those a post-filter
    /// kept), the others as if they did not match.
    pub fn among(mut self, set: std::sync::Arc<std::collections::HashSet<DocAddress>>) -> Self {
        self.among = Some(set);
        self
    }

    /// Were documents left out?
    pub fn timed_out(&self) -> bool {
        self.late.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl<C: tantivy::collector::Collector> tantivy::collector::Collector for Deadlined<C> {
    type Fruit = C::Fruit;
    type Child = DeadlinedSegment<C::Child>;

    fn for_segment(
        &self,
        ord: tantivy::SegmentOrdinal,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(DeadlinedSegment {
            inner: self.inner.for_segment(ord, segment)?,
            deadline: self.deadline,
            late: self.late.clone(),
            seen: 0,
            stopped: false,
            ord,
            among: self.among.clone(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as tantivy::collector::SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

/// [`Deadlined`]'s collector of one segment.
pub struct DeadlinedSegment<S> {
    inner: S,
    deadline: Deadline,
    late: std::sync::Arc<std::sync::atomic::AtomicBool>,
    seen: usize,
    stopped: bool,
    ord: tantivy::SegmentOrdinal,
    among: Option<std::sync::Arc<std::collections::HashSet<DocAddress>>>,
}

impl<S: tantivy::collector::SegmentCollector> tantivy::collector::SegmentCollector
    for DeadlinedSegment<S>
{
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: tantivy::DocId, score: tantivy::Score) {
        if self.stopped {
            return;
        }
        if let Some(set) = &self.among {
            if !set.contains(&DocAddress::new(self.ord, doc)) {
                return;
            }
        }
        self.seen += 1;
        if self.seen % (CLOCK_EVERY * 16) == 0 && self.deadline.passed() {
            self.stopped = true;
            self.late.store(true, std::sync::atomic::Ordering::Relaxed);
            return;
        }
        self.inner.collect(doc, score);
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}
