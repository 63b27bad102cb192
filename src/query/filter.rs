//! Filters around a query: speaker, date range.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Term};

use crate::error::{Error, Result};
use crate::index::analyzer;
use crate::index::Fields;
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
    let bad = || {
        Error::Query(format!(
            "'{s}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let year = num(parts[0], 4)? as i32;
    let (month, day) = match parts.len() {
        1 => match bound {
            DateBound::Start => (1, 1),
            DateBound::End => (12, 31),
        },
        2 | 3 => {
            let m = num(parts[1], 2)? as u8;
            if !(1..=12).contains(&m) {
                return Err(bad());
            }
            if parts.len() == 3 {
                (m, num(parts[2], 2)? as u8)
            } else {
                match bound {
                    DateBound::Start => (m, 1),
                    DateBound::End => (m, Date::days_in_month(year, m)),
                }
            }
        }
        _ => return Err(bad()),
    };
    Date::new(year, month, day).ok_or_else(bad)
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.speaker.is_none() && self.from.is_none() && self.to.is_none()
    }

    /// The filters as query clauses (all must hold).
    pub fn clauses(&self, f: &Fields) -> Result<Vec<Box<dyn Query>>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if let Some(name) = &self.speaker {
            out.push(speaker_query(f, name)?);
        }
        if let (Some(a), Some(b)) = (self.from, self.to) {
            if a > b {
                return Err(Error::Query(format!(
                    "--from {} is after --to {}",
                    a.iso(),
                    b.iso()
                )));
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let term = |d: Date| {
                Term::from_field_date(f.date, DateTime::from_timestamp_secs(d.unix_seconds()))
            };
            let lower = self
                .from
                .map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
            // Inclusive last day: everything before the next midnight.
            let upper = self.to.map_or(Bound::Unbounded, |d| {
                Bound::Excluded(Term::from_field_date(
                    f.date,
                    DateTime::from_timestamp_secs(d.unix_seconds() + 86_400),
                ))
            });
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok(out)
    }
}

/// Paragraphs whose speaker's name contains these name tokens, in order.
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

/// Every paragraph document (not the page records).
pub fn paragraphs(f: &Fields) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.kind, crate::index::pages::PAGE_KIND),
                IndexRecordOption::Basic,
            )),
        ),
    ]))
}

/// Wrap `q` so that it only matches inside the filters.
pub fn apply(q: Box<dyn Query>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if filters.is_empty() {
        return q;
    }
    let mut clauses = vec![(Occur::Must, q)];
    clauses.extend(filters.into_iter().map(|f| (Occur::Must, f)));
    Box::new(BooleanQuery::new(clauses))
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
        ] {
            assert!(parse_date(s, DateBound::Start).is_err(), "{s}");
        }
    }
}
