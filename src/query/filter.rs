//! Filters around a query: speaker, date range.

use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, EmptyScorer, EnableScoring, Explanation,
    Occur, PhraseQuery, Query, Scorer, TermQuery, TermSetQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DateTime, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, Term, TERMINATED,
};

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::parsing::Parsed;

use super::forms::AnyForm;
use crate::error::{Error, Result};
use crate::index::schema::name;
use crate::index::Fields;
use crate::index::{analyzer, voices};
use crate::transcript::Date;

#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Full name or surname, any case (`putin`, `Bashar al-Assad`).
    pub speaker: Option<String>,
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
}

/// Which end of a period a partial date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    Start,
    End,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first or the last day of that period.
pub fn parse_date(s: &str, bound: DateBound) -> Result<Date> {
    /// Four-digit year, then optionally a two-digit month, then optionally a two-digit day.
    const PERIOD: &[BorrowedFormatItem<'_>] =
        format_description!("[year][optional [-[month][optional [-[day]]]]]");
    let bad = || {
        Error::Query(format!(
            "'{s}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let text = s.trim();
    // `time` takes a sign before the year (`+2020`); a date filter never has one.
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(bad());
    }
    let mut p = Parsed::new();
    let rest = p.parse_items(text.as_bytes(), PERIOD).map_err(|_| bad())?;
    let (Some(year), true) = (p.year(), rest.is_empty()) else {
        return Err(bad());
    };
    let date = match (p.month().map(u8::from), p.day().map(|d| d.get()), bound) {
        (Some(m), Some(d), _) => Date::new(year, m, d),
        (Some(m), None, DateBound::Start) => Date::month_start(year, m),
        (Some(m), None, DateBound::End) => Date::month_end(year, m),
        (None, _, DateBound::Start) => Date::month_start(year, 1),
        (None, _, DateBound::End) => Date::month_end(year, 12),
    };
    date.ok_or_else(bad)
}

impl Filters {
    /// The filters, ready to wrap a query ([`apply`]) on `searcher`'s index.
    pub fn compile(&self, f: &Fields, searcher: &Searcher) -> Result<FilterSet> {
        let speaker = match &self.speaker {
            Some(name) => Some(voice_paragraphs(
                searcher,
                f,
                speaker_query(f, name)?.as_ref(),
                true,
            )?),
            None => None,
        };
        if let (Some(a), Some(b)) = (self.from, self.to) {
            if a > b {
                return Err(Error::Query(format!(
                    "--from {} is after --to {}",
                    a.iso(),
                    b.iso()
                )));
            }
        }
        let dates = (self.from.is_some() || self.to.is_some()).then(|| DateRange {
            from: self.from.map(|d| d.unix_seconds()),
            // Inclusive last day: everything before the next midnight.
            until: self.to.map(|d| d.unix_seconds() + 86_400),
        });
        Ok(FilterSet { speaker, dates })
    }
}

/// Compiled filters: a speaker clause and a date range.
#[derive(Debug, Default)]
pub struct FilterSet {
    speaker: Option<Box<dyn Query>>,
    dates: Option<DateRange>,
}

/// Dates in `[from, until)`, in seconds since 1970; an open end is unbounded.
#[derive(Debug, Clone, Copy)]
struct DateRange {
    from: Option<i64>,
    until: Option<i64>,
}

impl DateRange {
    fn contains(&self, d: DateTime) -> bool {
        let s = d.into_timestamp_secs();
        self.from.is_none_or(|f| s >= f) && self.until.is_none_or(|u| s < u)
    }

    /// Whether any date in `[lo, hi]` is in the range.
    fn overlaps(&self, lo: DateTime, hi: DateTime) -> bool {
        self.from.is_none_or(|f| hi.into_timestamp_secs() >= f)
            && self.until.is_none_or(|u| lo.into_timestamp_secs() < u)
    }
}

/// The paragraphs of the voices `q` matches on their documents, all with score 1: by
/// speaker id for a query on speaker names (`--speaker putin`: one speaker, 24 voices), by
/// voice id otherwise.
///
/// One id, its postings; up to `MAX_UNION`, the union of theirs (`AnyForm`), which an
/// intersection with a text query seeks through (tantivy's union of `Should` clauses
/// refills a 4,096-document window at each seek, which cost `--speaker putin` twice the
/// instructions); more, tantivy's `TermSetQuery`, which reads every posting of every id
/// into a bit set first.
pub fn voice_paragraphs(
    searcher: &Searcher,
    f: &Fields,
    q: &dyn Query,
    by_speaker: bool,
) -> Result<Box<dyn Query>> {
    let (column, field) = if by_speaker {
        (name::SPEAKER_RECORD, f.speaker_id)
    } else {
        (name::VOICE_RECORD, f.voice)
    };
    let ids = voices::ids_matching(searcher, q, column)?;
    let term = |id| Term::from_field_u64(field, id);
    Ok(match ids.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(ConstScoreQuery::new(
            Box::new(TermQuery::new(term(ids[0]), IndexRecordOption::Basic)),
            1.0,
        )),
        2..=MAX_UNION => Box::new(ConstScoreQuery::new(
            Box::new(AnyForm::new(ids.into_iter().map(term).collect())),
            1.0,
        )),
        _ => Box::new(TermSetQuery::new(ids.into_iter().map(term))),
    })
}

/// Most voices a clause finds that are searched as a union of their postings (see
/// [`voice_paragraphs`]).
const MAX_UNION: usize = 64;

/// Voices whose speaker's name contains these name tokens, in order.
fn speaker_query(f: &Fields, name: &str) -> Result<Box<dyn Query>> {
    let mut a = analyzer::exact();
    let terms: Vec<Term> = analyzer::tokens(&mut a, name)
        .into_iter()
        .map(|t| Term::from_field_text(f.speaker_name, &t.term))
        .collect();
    Ok(match terms.len() {
        0 => {
            return Err(Error::Query(format!(
                "--speaker '{name}' has no letters to match"
            )))
        }
        1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new(terms)),
    })
}

/// Every paragraph document (not the page records or the voices).
pub fn paragraphs(f: &Fields) -> Box<dyn Query> {
    let mut clauses = vec![(Occur::Must, Box::new(AllQuery) as Box<dyn Query>)];
    for kind in [
        crate::index::pages::PAGE_KIND,
        crate::index::voices::VOICE_KIND,
    ] {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.kind, kind),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Wrap `q` so that it only matches inside the filters, with the scores it has alone:
/// a filter adds nothing to a score, so that scores compare across runs with and without
/// filters.
pub fn apply(q: Box<dyn Query>, filters: &FilterSet) -> Box<dyn Query> {
    let q = match &filters.speaker {
        Some(s) => Box::new(Filtered {
            inner: q,
            filter: s.box_clone(),
        }),
        None => q,
    };
    match filters.dates {
        Some(range) => Box::new(DateFiltered { inner: q, range }),
        None => q,
    }
}

/// `inner`, keeping the documents `filter` matches too; scored by `inner` alone (tantivy's
/// `BooleanQuery` would add the filter's score, and a constant score of 0 would still be
/// shown by `--explain`).
#[derive(Debug)]
struct Filtered {
    inner: Box<dyn Query>,
    filter: Box<dyn Query>,
}

impl Clone for Filtered {
    fn clone(&self) -> Self {
        Filtered {
            inner: self.inner.box_clone(),
            filter: self.filter.box_clone(),
        }
    }
}

impl Query for Filtered {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let unscored = EnableScoring::disabled_from_schema(scoring.schema());
        Ok(Box::new(FilteredWeight {
            inner: self.inner.weight(scoring)?,
            filter: self.filter.weight(unscored)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct FilteredWeight {
    inner: Box<dyn Weight>,
    filter: Box<dyn Weight>,
}

impl Weight for FilteredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorer = FilteredScorer {
            inner: self.inner.scorer(reader, boost)?,
            filter: self.filter.scorer(reader, 1.0)?,
            doc: 0,
        };
        let doc = scorer.inner.doc();
        scorer.settle(doc);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.filter.scorer(reader, 1.0)?.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) is outside the speaker filter"
            )));
        }
        self.inner.explain(reader, doc)
    }
}

struct FilteredScorer {
    inner: Box<dyn Scorer>,
    filter: Box<dyn Scorer>,
    /// The current document, `TERMINATED` once either side has no more.
    doc: DocId,
}

impl FilteredScorer {
    /// From `doc` (where `inner` is), the first document both match.
    fn settle(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED {
            let f = if self.filter.doc() < doc {
                self.filter.seek(doc)
            } else {
                self.filter.doc()
            };
            if f == doc || f == TERMINATED {
                if f == TERMINATED {
                    doc = TERMINATED;
                }
                break;
            }
            doc = self.inner.seek(f);
        }
        self.doc = doc;
        doc
    }
}

impl DocSet for FilteredScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let doc = self.inner.advance();
        self.settle(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc == TERMINATED || self.doc >= target {
            return self.doc;
        }
        let doc = self.inner.seek(target);
        self.settle(doc)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint().min(self.filter.size_hint())
    }
}

impl Scorer for FilteredScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

/// `inner`, keeping the documents whose date is in `range`, checked on the `date` column
/// for each document `inner` matches. A `RangeQuery` on the column instead walks every
/// document of the range (the fast path needs a date on every document, and page records
/// have none), which made a date-filtered term search several times slower (figures in
/// `benches/RESULTS.md`).
#[derive(Debug)]
struct DateFiltered {
    inner: Box<dyn Query>,
    range: DateRange,
}

impl Clone for DateFiltered {
    fn clone(&self) -> Self {
        DateFiltered {
            inner: self.inner.box_clone(),
            range: self.range,
        }
    }
}

impl Query for DateFiltered {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DateFilteredWeight {
            inner: self.inner.weight(scoring)?,
            range: self.range,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct DateFilteredWeight {
    inner: Box<dyn Weight>,
    range: DateRange,
}

fn date_column(reader: &SegmentReader) -> tantivy::Result<Column<DateTime>> {
    reader.fast_fields().date(name::DATE)
}

impl Weight for DateFilteredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let dates = date_column(reader)?;
        // A segment whose dates all lie outside the range has nothing to give (files are
        // read in name order, so for kremlin.ru page numbers segments are periods of time).
        if !self.range.overlaps(dates.min_value(), dates.max_value()) {
            return Ok(Box::new(EmptyScorer));
        }
        let mut scorer = DateFilteredScorer {
            inner: self.inner.scorer(reader, boost)?,
            dates,
            range: self.range,
        };
        scorer.skip_outside();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inside = date_column(reader)?
            .first(doc)
            .is_some_and(|d| self.range.contains(d));
        if !inside {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) is outside the date range"
            )));
        }
        self.inner.explain(reader, doc)
    }
}

struct DateFilteredScorer {
    inner: Box<dyn Scorer>,
    dates: Column<DateTime>,
    range: DateRange,
}

impl DateFilteredScorer {
    /// Move on from the current document while it is outside the range.
    fn skip_outside(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED
            && !self
                .dates
                .first(doc)
                .is_some_and(|d| self.range.contains(d))
        {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for DateFilteredScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance();
        self.skip_outside()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target);
        self.skip_outside()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for DateFilteredScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_are_periods() {
        assert_eq!(
            parse_date("2020", DateBound::Start).unwrap().iso(),
            "2020-01-01"
        );
        assert_eq!(
            parse_date("2020", DateBound::End).unwrap().iso(),
            "2020-12-31"
        );
        assert_eq!(
            parse_date("2020-02", DateBound::End).unwrap().iso(),
            "2020-02-29"
        );
        assert_eq!(
            parse_date("2019-02", DateBound::End).unwrap().iso(),
            "2019-02-28"
        );
        assert_eq!(
            parse_date("2020-11-09", DateBound::Start).unwrap().iso(),
            "2020-11-09"
        );
    }

    #[test]
    fn bad_dates_are_errors() {
        for s in [
            "20",
            "2020-13",
            "2020-02-30",
            "2020/01/01",
            "yesterday",
            "2020-1-1",
            "+2020",
            "2020-",
            "2020-02-",
            "2020-11-09x",
            "",
        ] {
            assert!(parse_date(s, DateBound::Start).is_err(), "{s}");
        }
    }
}
