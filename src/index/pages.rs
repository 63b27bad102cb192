//! Page documents: one per transcript, storing once what its paragraphs share.
//!
//! A page document carries the transcript id in the `page` field (for lookup and deletion)
//! and a [`PageMeta`] as JSON in `meta`. Its `hash` is the content hash of the source file,
//! which lets a re-run of `ingest` skip files that have not changed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use super::schema::name;
use super::Fields;
use crate::error::{Error, Result};
use crate::transcript::Transcript;

/// The `kind` of page documents (paragraph documents have none).
pub const PAGE_KIND: &str = "page";

/// [`PageMeta::date_source`] of a page dated by its `Publication date:` line.
pub const DATE_FROM_PUBLICATION: &str = "publication";

/// What all paragraphs of a transcript share, and where it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageMeta {
    pub id: String,
    /// The source file, as an absolute path.
    pub source: String,
    /// BLAKE3 of the source file's bytes, hex.
    pub hash: String,
    /// Size of the source file in bytes.
    pub bytes: u64,
    pub title: String,
    #[serde(default)]
    pub lead: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// `publication` when `date` is the page's publication date (it prints none under
    /// its title); absent when the page prints its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub geography: Vec<String>,
    #[serde(default)]
    pub persons: Vec<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// The recording's YouTube video id (a sidecar's `youtubeId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<String>,
    pub paragraphs: u64,
    /// Words in all paragraphs (whitespace-separated), for per-million rates.
    pub words: u64,
}

impl PageMeta {
    /// The record of `t`, read from `source` (`bytes` long, content hash `hash`), whose
    /// paragraphs hold `words` words.
    pub fn new(t: &Transcript, source: String, hash: String, bytes: u64, words: u64) -> PageMeta {
        PageMeta {
            id: t.id.clone(),
            source,
            hash,
            bytes,
            title: t.title.clone(),
            lead: t.lead.clone(),
            date: t.date.clone(),
            date_source: t
                .date_from_publication
                .then(|| DATE_FROM_PUBLICATION.to_string()),
            time: t.time.clone(),
            place: t.place.clone(),
            topics: t.topics.clone(),
            geography: t.geography.clone(),
            persons: t.persons.clone(),
            url: t.url(),
            video: t.video.clone(),
            paragraphs: t.paragraphs.len() as u64,
            words,
        }
    }

    pub fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, PAGE_KIND);
        doc.add_text(f.page, &self.id);
        doc.add_text(f.title, &self.title);
        if let Some(place) = &self.place {
            doc.add_text(f.place, place);
        }
        for topic in &self.topics {
            doc.add_text(f.topic, topic);
        }
        for g in &self.geography {
            doc.add_text(f.geography, g);
        }
        doc.add_text(
            f.meta,
            serde_json::to_string(self).expect("page meta serialises"),
        );
        doc
    }

    fn from_document(doc: &TantivyDocument, f: &Fields) -> Result<PageMeta> {
        let json = doc
            .get_first(f.meta)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        serde_json::from_str(json).map_err(|e| Error::Index {
            path: Default::default(),
            reason: format!("a page record does not read back: {e}"),
        })
    }
}

/// The ids of the transcripts whose page records match `q` (a query on the title, place or
/// tags, which only page documents index), sorted.
pub fn ids_matching(searcher: &Searcher, q: &dyn tantivy::query::Query) -> Result<Vec<String>> {
    let docs = searcher.search(q, &DocSetCollector)?;
    let mut columns = HashMap::new();
    let mut ids = Vec::with_capacity(docs.len());
    let mut id = String::new();
    for addr in docs {
        let column = match columns.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .str(name::PAGE)?,
            ),
        };
        let Some(column) = column else { continue };
        for ord in column.term_ords(addr.doc_id) {
            id.clear();
            column
                .ord_to_str(ord, &mut id)
                .map_err(tantivy::TantivyError::from)?;
            ids.push(id.clone());
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The page record of transcript `id`, if it is in the index.
pub fn get(searcher: &Searcher, f: &Fields, id: &str) -> Result<Option<PageMeta>> {
    get_near(searcher, f, id, None)
}

/// The page record of transcript `id`, looked up in segment `near` first (where one of its
/// paragraphs is, so often its record too), then in the others. A direct look-up of the
/// term in each segment's dictionary, with no query, scoring or collector: for the ten hits
/// a search shows this took a `rostra search` process from 3.9 to 3.1 ms.
pub fn get_near(
    searcher: &Searcher,
    f: &Fields,
    id: &str,
    near: Option<u32>,
) -> Result<Option<PageMeta>> {
    let term = Term::from_field_text(f.page, id);
    let segments = searcher.segment_readers();
    let order = near
        .filter(|&n| (n as usize) < segments.len())
        .into_iter()
        .chain((0..segments.len() as u32).filter(|&s| Some(s) != near));
    for ord in order {
        let segment = &segments[ord as usize];
        let Some(mut postings) = segment
            .inverted_index(f.page)?
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if !segment.is_deleted(doc) {
                let addr = DocAddress::new(ord, doc);
                return Ok(Some(PageMeta::from_document(&searcher.doc(addr)?, f)?));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}

/// Page records (transcripts) in the index.
pub fn count(searcher: &Searcher, f: &Fields) -> Result<u64> {
    count_kind(searcher, f, PAGE_KIND)
}

/// Documents of `kind` (page records, voices) in the index.
fn count_kind(searcher: &Searcher, f: &Fields, kind: &str) -> Result<u64> {
    let q = TermQuery::new(
        Term::from_field_text(f.kind, kind),
        IndexRecordOption::Basic,
    );
    Ok(searcher.search(&q, &tantivy::collector::Count)? as u64)
}

/// Paragraph documents in the index (every document that is not a page record or a
/// voice).
pub fn paragraph_count(searcher: &Searcher, f: &Fields) -> Result<u64> {
    let others = count(searcher, f)? + count_kind(searcher, f, super::voices::VOICE_KIND)?;
    Ok(searcher.num_docs() - others)
}

/// Every page record in the index, in index order.
pub fn all(searcher: &Searcher, f: &Fields) -> Result<Vec<PageMeta>> {
    let mut out = Vec::new();
    for_each(searcher, f, |p| {
        out.push(p);
        Ok(())
    })?;
    Ok(out)
}

/// Call `each` on every page record in the index, in index order, one record at a time:
/// for what needs a part of each (the persons of the speaker registry), not all of them.
pub fn for_each(
    searcher: &Searcher,
    f: &Fields,
    mut each: impl FnMut(PageMeta) -> Result<()>,
) -> Result<()> {
    let q = TermQuery::new(
        Term::from_field_text(f.kind, PAGE_KIND),
        IndexRecordOption::Basic,
    );
    let mut addrs: Vec<DocAddress> = searcher.search(&q, &DocSetCollector)?.into_iter().collect();
    addrs.sort();
    for a in addrs {
        each(PageMeta::from_document(&searcher.doc(a)?, f)?)?;
    }
    Ok(())
}

/// What ingest needs of a page record: its id, source and hash, read without the rest.
#[derive(Deserialize)]
struct Origin<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    source: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    hash: std::borrow::Cow<'a, str>,
}

/// Call `each` with the id, source and hash of every page record of `index`, a segment at
/// a time: each segment is opened, read and let go before the next, so that what is mapped
/// of the document store is one segment's, not the whole index's (a re-run of an unchanged
/// 1 GB JSON Lines file peaked at 1.04 GB reading every record whole, issue 13 §6).
pub fn origins(
    index: &tantivy::Index,
    f: &Fields,
    mut each: impl FnMut(&str, &str, &str),
) -> Result<()> {
    let term = Term::from_field_text(f.kind, PAGE_KIND);
    for segment in index.searchable_segments()? {
        let reader = tantivy::SegmentReader::open(&segment)?;
        let Some(mut postings) = reader
            .inverted_index(f.kind)?
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let store = reader
            .get_store_reader(1)
            .map_err(tantivy::TantivyError::from)?;
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if !reader.is_deleted(doc) {
                let d: TantivyDocument = store.get(doc)?;
                let json = d.get_first(f.meta).and_then(|v| v.as_str()).unwrap_or("");
                let o: Origin = serde_json::from_str(json).map_err(|e| Error::Index {
                    path: Default::default(),
                    reason: format!("a page record does not read back: {e}"),
                })?;
                each(&o.id, &o.source, &o.hash);
            }
            doc = postings.advance();
        }
    }
    Ok(())
}

/// A cache of page records by id, for loading many paragraphs.
#[derive(Debug, Default)]
pub struct Pages {
    by_id: HashMap<String, Option<PageMeta>>,
}

impl Pages {
    /// The page record of `id`; `near`: a segment likely to hold it (see [`get_near`]).
    pub fn get(
        &mut self,
        searcher: &Searcher,
        f: &Fields,
        id: &str,
        near: Option<u32>,
    ) -> Result<Option<&PageMeta>> {
        if !self.by_id.contains_key(id) {
            let meta = get_near(searcher, f, id, near)?;
            self.by_id.insert(id.to_string(), meta);
        }
        Ok(self.by_id[id].as_ref())
    }
}
