//! Filters around a query: speaker (through the speaker registry), role, kind, date range,
//! facets (`--where`), and page furniture (pull-quote boxes, left out unless asked for).

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
use crate::index::registry::{Aliases, Found, Kind, Registry};
use crate::index::schema::name;
use crate::index::Fields;
use crate::index::{analyzer, voices};
use crate::transcript::Date;

#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Canonical names, aliases, variants, ids or surnames, any case (`putin`, `Bashar
    /// al-Assad`): the union of the persons they name.
    pub speakers: Vec<String>,
    /// Words of the role the page gives the speaker (`press secretary`): any of them.
    pub roles: Vec<String>,
    /// Kinds of speaker (`question`): any of them.
    pub kinds: Vec<Kind>,
    /// The user's alias file, for the registry that resolves `speakers` and `kinds`.
    pub aliases: Aliases,
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
    /// Match page furniture too (pull-quote boxes repeating words of their page), which is
    /// left out by default so that repeated words are not counted twice.
    pub furniture: bool,
    /// `--where NAME=VALUE`: several values of one name are OR, different names AND.
    pub facets: Vec<(String, String)>,
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
        let mut notes = Vec::new();
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        if !self.speakers.is_empty() || !self.kinds.is_empty() {
            let registry = Registry::of_index(searcher, f, &self.aliases)?;
            if !self.speakers.is_empty() {
                let persons = resolve_speakers(&registry, &self.speakers, &mut notes)?;
                clauses.push(person_paragraphs(&registry, f, &persons));
            }
            if !self.kinds.is_empty() {
                let persons: Vec<usize> = self
                    .kinds
                    .iter()
                    .flat_map(|&k| registry.of_kind(k))
                    .collect();
                clauses.push(person_paragraphs(&registry, f, &persons));
            }
        }
        if !self.roles.is_empty() {
            let mut any = Vec::new();
            for r in &self.roles {
                any.push((
                    Occur::Should,
                    voice_paragraphs(searcher, f, role_query(f, r)?.as_ref(), false)?,
                ));
            }
            clauses.push(Box::new(BooleanQuery::new(any)));
        }
        let speaker: Option<Box<dyn Query>> = match clauses.len() {
            0 => None,
            1 => clauses.pop(),
            _ => Some(Box::new(BooleanQuery::new(
                clauses.into_iter().map(|c| (Occur::Must, c)).collect(),
            ))),
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
        let no_furniture = (!self.furniture).then(|| {
            Box::new(TermQuery::new(
                Term::from_field_bool(f.furniture, true),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>
        });
        Ok(FilterSet {
            speaker,
            dates,
            no_furniture,
            notes,
            facets: facet_query(f, &self.facets),
            lang: None,
        })
    }
}

/// The persons `names` name, their union; a name that is part of several people's names
/// is said in `notes`, naming them; a name that matches nobody is an
/// [`Error::NoSpeaker`].
pub fn resolve_speakers(
    registry: &Registry,
    names: &[String],
    notes: &mut Vec<String>,
) -> Result<Vec<usize>> {
    let mut out: Vec<usize> = Vec::new();
    for n in names {
        match registry.find(n) {
            Found::Persons { persons, several } => {
                if several {
                    const SHOWN: usize = 8;
                    let mut listed: Vec<String> = persons
                        .iter()
                        .take(SHOWN)
                        .map(|&i| registry.display(i))
                        .collect();
                    if persons.len() > SHOWN {
                        listed.push(format!("{} more", persons.len() - SHOWN));
                    }
                    notes.push(format!(
                        "--speaker '{n}' matches {} speakers, searching them all: {}",
                        persons.len(),
                        listed.join(", ")
                    ));
                }
                for p in persons {
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
            }
            Found::Nothing { nearest } => {
                return Err(Error::NoSpeaker {
                    name: n.clone(),
                    nearest,
                })
            }
        }
    }
    Ok(out)
}

/// The paragraphs of `persons`: by speaker id where all of a speaker's pages are theirs,
/// else by speaker id on their pages only (one of two homonyms).
fn person_paragraphs(registry: &Registry, f: &Fields, persons: &[usize]) -> Box<dyn Query> {
    use std::collections::{BTreeMap, BTreeSet, HashSet};
    let wanted: HashSet<usize> = persons.iter().copied().collect();
    // speaker → (its pages that are wanted, whether some are not).
    let mut by_speaker: BTreeMap<&str, (BTreeSet<&str>, bool)> = BTreeMap::new();
    for (s, t, i) in registry.units() {
        let e = by_speaker.entry(s).or_default();
        if wanted.contains(&i) {
            e.0.insert(t);
        } else {
            e.1 = true;
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (s, (pages, others)) in by_speaker {
        if pages.is_empty() {
            continue;
        }
        let id = TermQuery::new(
            Term::from_field_u64(f.speaker_id, voices::speaker_id(s)),
            IndexRecordOption::Basic,
        );
        let q: Box<dyn Query> = if others {
            let pages = TermSetQuery::new(
                pages
                    .into_iter()
                    .map(|t| Term::from_field_text(f.transcript, t)),
            );
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(id) as Box<dyn Query>),
                (Occur::Must, Box::new(pages)),
            ]))
        } else {
            Box::new(id)
        };
        clauses.push((Occur::Should, q));
    }
    match clauses.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(ConstScoreQuery::new(clauses.pop().expect("one").1, 1.0)),
        _ => Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            1.0,
        )),
    }
}

/// Voices whose role has these words (stemmed), in order.
fn role_query(f: &Fields, role: &str) -> Result<Box<dyn Query>> {
    let mut a = analyzer::stemmed();
    let terms: Vec<Term> = analyzer::tokens(&mut a, role)
        .into_iter()
        .map(|t| Term::from_field_text(f.role_words, &t.term))
        .collect();
    Ok(match terms.len() {
        0 => {
            return Err(Error::Query(format!(
                "--role '{role}' has no letters to match"
            )))
        }
        1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new(terms)),
    })
}

/// The paragraphs with the facets of `wanted`: per name any of its values, and every name.
fn facet_query(f: &Fields, wanted: &[(String, String)]) -> Option<Box<dyn Query>> {
    let mut names: Vec<&str> = wanted.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let clauses: Vec<(Occur, Box<dyn Query>)> = names
        .into_iter()
        .map(|name| {
            let terms: Vec<Term> = wanted
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(k, v)| facet_term(f, k, v))
                .collect();
            let q: Box<dyn Query> = match terms.len() {
                1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
                _ => Box::new(TermSetQuery::new(terms)),
            };
            (Occur::Must, q)
        })
        .collect();
    (!clauses.is_empty()).then(|| {
        Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            0.0,
        )) as Box<dyn Query>
    })
}

/// The indexed term of facet `name` = `value`: lower-cased, as the facet analyzer indexes it.
pub fn facet_term(f: &Fields, name: &str, value: &str) -> Term {
    Term::from_field_text(
        f.facet,
        &crate::transcript::facet::term(name, value.trim()).to_lowercase(),
    )
}

/// Compiled filters: a speaker clause, a date range, facets, the furniture to leave out.
#[derive(Debug, Default)]
pub struct FilterSet {
    speaker: Option<Box<dyn Query>>,
    dates: Option<DateRange>,
    no_furniture: Option<Box<dyn Query>>,
    /// What the user should know (a surname that named several people).
    pub notes: Vec<String>,
    facets: Option<Box<dyn Query>>,
    /// `--lang`: the paragraphs of one language (set by `compile`, which knows whether the
    /// index has others).
    lang: Option<Box<dyn Query>>,
}

impl FilterSet {
    /// Only the paragraphs of language `code` (their `lang` field).
    pub fn only_lang(&mut self, f: &Fields, code: &str) {
        self.lang = Some(Box::new(TermQuery::new(
            Term::from_field_text(f.lang, code),
            IndexRecordOption::Basic,
        )));
    }
}

/// Dates in `[from, until)`, in seconds since 1970; an open end is unbounded.
#[derive(Debug, Clone, Copy)]
struct DateRange {
    from: Option<i64>,
    until: Option<i64>,
}

impl DateRange {
    /// Whether the period from `start` to `end` (its last day) lies wholly in the range.
    fn contains(&self, start: DateTime, end: Option<DateTime>) -> bool {
        let s = start.into_timestamp_secs();
        let e = end.map_or(s, |e| e.into_timestamp_secs());
        self.from.is_none_or(|f| s >= f) && self.until.is_none_or(|u| e < u)
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
    let q = match &filters.facets {
        Some(facets) => Box::new(Filtered {
            inner: q,
            filter: facets.box_clone(),
        }),
        None => q,
    };
    let q = match &filters.lang {
        Some(lang) => Box::new(Filtered {
            inner: q,
            filter: lang.box_clone(),
        }),
        None => q,
    };
    let q = match &filters.no_furniture {
        Some(furniture) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::MustNot, furniture.box_clone()),
        ])),
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

/// The last days of the paragraphs' dates, read only when the range has an end.
fn end_column(
    reader: &SegmentReader,
    range: &DateRange,
) -> tantivy::Result<Option<Column<DateTime>>> {
    range
        .until
        .map(|_| reader.fast_fields().date(name::DATE_END))
        .transpose()
}

/// Whether document `doc` has a date, and its period is inside `range`.
fn inside(
    dates: &Column<DateTime>,
    ends: Option<&Column<DateTime>>,
    range: &DateRange,
    doc: DocId,
) -> bool {
    dates
        .first(doc)
        .is_some_and(|d| range.contains(d, ends.and_then(|e| e.first(doc))))
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
            ends: end_column(reader, &self.range)?,
            dates,
            range: self.range,
        };
        scorer.skip_outside();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let ends = end_column(reader, &self.range)?;
        if !inside(&date_column(reader)?, ends.as_ref(), &self.range, doc) {
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
    ends: Option<Column<DateTime>>,
    range: DateRange,
}

impl DateFilteredScorer {
    /// Move on from the current document while it is outside the range.
    fn skip_outside(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED && !inside(&self.dates, self.ends.as_ref(), &self.range, doc) {
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
