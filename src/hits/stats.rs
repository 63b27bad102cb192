//! Counts over time and by speaker, topic or place: matches, matching paragraphs, and
//! matches per million words of the bucket (so a year with more speeches does not look
//! louder).
//!
//! Word counts are computed at ingest, one per paragraph (a fast field); bucket totals are
//! summed here over the paragraphs inside the same filters as the query, so they honour
//! `--speaker`/`--from`/`--to` and replaced or deleted pages.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::DocSetCollector;
use tantivy::{DocAddress, Searcher};

use crate::error::Result;
use crate::index::schema::name;
use crate::index::{Fields, PageMeta};
use crate::query::filter::{self, FilterSet};

/// What to count by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum By {
    Year,
    Month,
    Speaker,
    Topic,
    Place,
    /// A facet's values (`--by country`); a paragraph with several counts in each.
    Facet(String),
}

impl By {
    /// Buckets that follow in time (shown in order, empty ones included).
    pub fn is_time(&self) -> bool {
        matches!(self, By::Year | By::Month)
    }

    pub fn name(&self) -> &str {
        match self {
            By::Year => "year",
            By::Month => "month",
            By::Speaker => "speaker",
            By::Topic => "topic",
            By::Place => "place",
            By::Facet(name) => name,
        }
    }

    /// `year`, `month`, `speaker`, `topic`, `place`, or else a facet's name.
    pub fn parse(s: &str) -> std::result::Result<By, String> {
        Ok(match s {
            "year" => By::Year,
            "month" => By::Month,
            "speaker" => By::Speaker,
            "topic" => By::Topic,
            "place" => By::Place,
            other => {
                crate::transcript::facet::check_name(other)
                    .map_err(|e| format!("--by {other}: {e}"))?;
                By::Facet(other.to_string())
            }
        })
    }

    /// The bucket of paragraphs without a value of this facet: `(no country)`.
    fn missing(&self) -> String {
        format!("(no {})", self.name())
    }
}

/// Bucket names for what has no value.
pub const UNDATED: &str = "(undated)";
pub const NARRATION: &str = "(narration)";
pub const NO_TOPIC: &str = "(no topic)";
pub const NO_PLACE: &str = "(no place)";

/// One bucket's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub bucket: String,
    /// Occurrences of the query (highlighted spans), not paragraphs.
    pub matches: u64,
    /// Paragraphs with at least one match.
    pub paragraphs: u64,
    /// Words of all paragraphs of the bucket inside the filters.
    pub words: u64,
    /// `matches / words × 1,000,000`.
    pub per_million: f64,
}

/// The counts of a query.
#[derive(Debug, Clone)]
pub struct Stats {
    pub by: By,
    pub buckets: Vec<Bucket>,
    pub matches: u64,
    pub paragraphs: u64,
    /// Words of all paragraphs inside the filters.
    pub words: u64,
    pub per_million: f64,
}

impl Stats {
    /// The buckets to show: all of them over time; for speakers, topics and places the
    /// `top` with most matches (0: all).
    pub fn shown(&self, top: usize) -> &[Bucket] {
        let n = if top == 0 || self.by.is_time() {
            self.buckets.len()
        } else {
            top.min(self.buckets.len())
        };
        &self.buckets[..n]
    }
}

fn rate(matches: u64, words: u64) -> f64 {
    if words == 0 {
        0.0
    } else {
        matches as f64 * 1e6 / words as f64
    }
}

/// The buckets of a paragraph (a page with several topics counts in each).
fn keys(
    by: &By,
    date: Option<&str>,
    speaker: Option<&str>,
    page: Option<&PageMeta>,
) -> Vec<String> {
    match by {
        By::Facet(_) => vec![by.missing()],
        By::Year => vec![date.map_or(UNDATED.into(), |d| d[..4.min(d.len())].to_string())],
        By::Month => vec![date.map_or(UNDATED.into(), |d| d[..7.min(d.len())].to_string())],
        By::Speaker => vec![speaker.unwrap_or(NARRATION).to_string()],
        By::Place => vec![page
            .and_then(|p| p.place.clone())
            .unwrap_or_else(|| NO_PLACE.into())],
        By::Topic => match page {
            Some(p) if !p.topics.is_empty() => p.topics.clone(),
            _ => vec![NO_TOPIC.into()],
        },
    }
}

/// The paragraphs inside `filters` (what the word totals count), in index order.
fn paragraphs_inside(
    searcher: &Searcher,
    f: &Fields,
    filters: &FilterSet,
) -> Result<Vec<DocAddress>> {
    let q = filter::apply(filter::paragraphs(f), filters);
    let mut docs: Vec<DocAddress> = searcher
        .search(&*q, &DocSetCollector)?
        .into_iter()
        .collect();
    docs.sort();
    Ok(docs)
}

/// Count the paragraphs of `addrs` (every paragraph matching `q`, from
/// [`super::stream::addresses`]) by `by`, against the word totals of the paragraphs inside
/// the query's filters, in bounded memory: each paragraph's text is read and its matches
/// counted, nothing kept but the buckets; its bucket comes from the fast columns. Stops at
/// `deadline` with the counts so far.
pub fn count_matching(
    searcher: &Searcher,
    f: &Fields,
    q: &crate::query::Compiled,
    addrs: &[DocAddress],
    by: By,
    pages: &HashMap<String, PageMeta>,
    deadline: super::stream::Deadline,
) -> Result<(Stats, super::stream::Walk)> {
    let (totals, words) = match &by {
        By::Facet(name) => facet_totals(searcher, f, name, &q.filters)?,
        _ => word_totals(searcher, f, &by, &q.filters, pages)?,
    };
    let prefix = match &by {
        By::Facet(name) => format!("{name}="),
        _ => String::new(),
    };
    let mut buckets: BTreeMap<String, Bucket> = totals
        .into_iter()
        .map(|(k, w)| {
            let b = Bucket {
                bucket: k.clone(),
                matches: 0,
                paragraphs: 0,
                words: w,
                per_million: 0.0,
            };
            (k, b)
        })
        .collect();
    let (mut matches, mut paragraphs) = (0, 0);
    let mut segment: Option<(u32, Columns)> = None;
    let mut s = String::new();
    let (_, walk) = super::stream::count_spans(searcher, f, q, addrs, deadline, |a, n| {
        if segment
            .as_ref()
            .is_none_or(|(ord, _)| *ord != a.segment_ord)
        {
            segment = Some((a.segment_ord, Columns::of(searcher, a.segment_ord)?));
        }
        if n == 0 && q.case.is_some() {
            // --case-sensitive: no match with the query's case left in this paragraph.
            return Ok(());
        }
        let (_, cols) = segment.as_ref().expect("set above");
        matches += n;
        paragraphs += 1;
        let date = cols
            .dates
            .first(a.doc_id)
            .map(|t| crate::transcript::Date::iso_from_unix_seconds(t.into_timestamp_secs()));
        let mut text = |col: &Option<tantivy::columnar::StrColumn>| -> Result<Option<String>> {
            let Some(col) = col else { return Ok(None) };
            let Some(ord) = col.term_ords(a.doc_id).next() else {
                return Ok(None);
            };
            s.clear();
            let found = col
                .ord_to_str(ord, &mut s)
                .map_err(tantivy::TantivyError::from)?;
            Ok(found.then(|| s.clone()))
        };
        let (speaker, transcript) = match &by {
            By::Speaker => (text(&cols.speakers)?, None),
            By::Topic | By::Place => (None, text(&cols.transcripts)?),
            By::Year | By::Month | By::Facet(_) => (None, None),
        };
        let page = transcript.as_deref().and_then(|t| pages.get(t));
        let found = match (&by, &cols.facets) {
            (By::Facet(_), Some(col)) => {
                let mut v = Vec::new();
                for ord in col.term_ords(a.doc_id) {
                    s.clear();
                    col.ord_to_str(ord, &mut s)
                        .map_err(tantivy::TantivyError::from)?;
                    if let Some(value) = s.strip_prefix(&prefix) {
                        v.push(value.to_string());
                    }
                }
                if v.is_empty() {
                    vec![by.missing()]
                } else {
                    v
                }
            }
            _ => keys(&by, date.as_deref(), speaker.as_deref(), page),
        };
        for k in found {
            let b = buckets.entry(k.clone()).or_insert_with(|| Bucket {
                bucket: k,
                matches: 0,
                paragraphs: 0,
                words: 0,
                per_million: 0.0,
            });
            b.matches += n;
            b.paragraphs += 1;
        }
        Ok(())
    })?;
    Ok((finish(by, buckets, matches, paragraphs, words), walk))
}

/// The fast columns a paragraph's bucket comes from, in one segment.
struct Columns {
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    speakers: Option<tantivy::columnar::StrColumn>,
    transcripts: Option<tantivy::columnar::StrColumn>,
    /// Every paragraph's `name=value` facet terms.
    facets: Option<tantivy::columnar::StrColumn>,
}

impl Columns {
    fn of(searcher: &Searcher, ord: u32) -> Result<Columns> {
        let ff = searcher.segment_reader(ord).fast_fields();
        Ok(Columns {
            dates: ff.date(name::DATE)?,
            speakers: ff.str(name::SPEAKER)?,
            transcripts: ff.str(name::TRANSCRIPT)?,
            facets: ff.str(name::FACET)?,
        })
    }
}

fn finish(
    by: By,
    buckets: BTreeMap<String, Bucket>,
    matches: u64,
    paragraphs: u64,
    words: u64,
) -> Stats {
    let mut buckets: Vec<Bucket> = buckets
        .into_values()
        .map(|mut b| {
            b.per_million = rate(b.matches, b.words);
            b
        })
        .collect();
    if by.is_time() {
        // Chronological, undated last.
        buckets.sort_by_key(|b| (b.bucket == UNDATED, b.bucket.clone()));
    } else {
        buckets.retain(|b| b.matches > 0);
        buckets.sort_by(|a, b| b.matches.cmp(&a.matches).then(a.bucket.cmp(&b.bucket)));
    }
    Stats {
        by,
        buckets,
        matches,
        paragraphs,
        words,
        per_million: rate(matches, words),
    }
}

/// Words per bucket of every paragraph inside `filters`, and their sum.
fn word_totals(
    searcher: &Searcher,
    f: &Fields,
    by: &By,
    filters: &FilterSet,
    pages: &HashMap<String, PageMeta>,
) -> Result<(HashMap<String, u64>, u64)> {
    let docs = paragraphs_inside(searcher, f, filters)?;
    let mut totals: HashMap<String, u64> = HashMap::new();
    let mut all = 0;
    let mut s = String::new();
    for chunk in docs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let segment = searcher.segment_reader(chunk[0].segment_ord);
        let ff = segment.fast_fields();
        let words = ff.u64(name::WORDS)?;
        let dates = ff.date(name::DATE)?;
        let ends = ff.date(name::DATE_END)?;
        let speakers = ff.str(name::SPEAKER)?;
        let transcripts = ff.str(name::TRANSCRIPT)?;
        // The string column the buckets come from: the speaker, or the page (for its topics
        // and place); none over time.
        let col = match by {
            By::Speaker => speakers.as_ref(),
            By::Topic | By::Place => transcripts.as_ref(),
            By::Year | By::Month | By::Facet(_) => None,
        };
        // Sum per (speaker or transcript ord, date) first: strings are resolved once.
        let mut by_ord: HashMap<(Option<u64>, Option<i64>), u64> = HashMap::new();
        for d in chunk {
            let w = words.first(d.doc_id).unwrap_or(0);
            all += w;
            let date = if by.is_time() {
                let start = dates.first(d.doc_id).map(|t| t.into_timestamp_secs());
                // A date known only to its year is its own bucket (`2009`), as its
                // hits are: marked here by a negative number, decoded below.
                match (start, ends.first(d.doc_id)) {
                    (Some(s), Some(e)) if e.into_timestamp_secs() - s > 40 * 86_400 => Some(-s - 1),
                    _ => start,
                }
            } else {
                None
            };
            let ord = col.and_then(|c| c.term_ords(d.doc_id).next());
            *by_ord.entry((ord, date)).or_default() += w;
        }
        for ((ord, date), w) in by_ord {
            let mut text = None;
            if let (Some(ord), Some(col)) = (ord, col) {
                s.clear();
                if col
                    .ord_to_str(ord, &mut s)
                    .map_err(tantivy::TantivyError::from)?
                {
                    text = Some(s.clone());
                }
            }
            let iso = date.map(|d| {
                if d < 0 {
                    crate::transcript::Date::iso_from_unix_seconds(-d - 1)[..4].to_string()
                } else {
                    crate::transcript::Date::iso_from_unix_seconds(d)
                }
            });
            let (speaker, page) = match by {
                By::Speaker => (text.as_deref(), None),
                By::Topic | By::Place => (None, text.as_deref().and_then(|t| pages.get(t))),
                _ => (None, None),
            };
            for k in keys(by, iso.as_deref(), speaker, page) {
                *totals.entry(k).or_default() += w;
            }
        }
    }
    Ok((totals, all))
}

/// [`word_totals`] by the values of facet `name`: read from the facet column, each value
/// string resolved once per segment.
fn facet_totals(
    searcher: &Searcher,
    f: &Fields,
    name: &str,
    filters: &FilterSet,
) -> Result<(HashMap<String, u64>, u64)> {
    let docs = paragraphs_inside(searcher, f, filters)?;
    let missing = By::Facet(name.to_string()).missing();
    let prefix = format!("{name}=");
    let mut totals: HashMap<String, u64> = HashMap::new();
    let mut all = 0;
    let mut s = String::new();
    for chunk in docs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let segment = searcher.segment_reader(chunk[0].segment_ord);
        let ff = segment.fast_fields();
        let words = ff.u64(name::WORDS)?;
        let col = ff.str(name::FACET)?;
        // The value of each ordinal of this segment's column, `None` for other facets.
        let mut values: HashMap<u64, Option<String>> = HashMap::new();
        for d in chunk {
            let w = words.first(d.doc_id).unwrap_or(0);
            all += w;
            let mut any = false;
            if let Some(col) = &col {
                for ord in col.term_ords(d.doc_id) {
                    let v = match values.entry(ord) {
                        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::hash_map::Entry::Vacant(e) => {
                            s.clear();
                            col.ord_to_str(ord, &mut s)
                                .map_err(tantivy::TantivyError::from)?;
                            e.insert(s.strip_prefix(&prefix).map(str::to_string))
                        }
                    };
                    if let Some(v) = v {
                        any = true;
                        *totals.entry(v.clone()).or_default() += w;
                    }
                }
            }
            if !any {
                *totals.entry(missing.clone()).or_default() += w;
            }
        }
    }
    Ok((totals, all))
}
