//! A word or phrase whose every position is one or more indexed forms → the tantivy
//! query that answers it: a term or [`AnyForm`]; a `PhraseQuery`, a [`FormPhrase`], a
//! union of plain phrases over the combinations of forms, or a `RegexPhraseQuery`.

use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RegexPhraseQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::forms::{AnyForm, FormPhrase};

/// A sloppy phrase of three words or more, some of several forms, is the union of the
/// plain phrases over the combinations of forms up to this many (see [`phrases`]).
const MAX_PHRASE_COMBINATIONS: usize = 16;

/// The first character of [`nothing`]: words are letters and digits.
const NOTHING: char = '\u{1}';

/// A term no paragraph has, standing for stem `t` when the index has no word of that stem
/// (the query matches nothing, and `--explain` still names the stem).
pub fn nothing(t: &str) -> String {
    format!("{NOTHING}{t}")
}

/// Any one of `terms` (at least one): the forms of one word.
pub fn any_term(mut terms: Vec<Term>) -> Box<dyn Query> {
    if terms.len() == 1 {
        let t = terms.pop().expect("one");
        return Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
    }
    Box::new(AnyForm::new(terms))
}

/// A phrase of field `f` whose every position is any one of its terms.
/// A position's first term is of field `f`; others may be of the `joined` field (see
/// [`FormPhrase`]), which a sloppy phrase of three words or more leaves out.
pub fn phrase(f: Field, positions: Vec<Vec<Term>>, slop: u32) -> Box<dyn Query> {
    debug_assert!(positions.iter().all(|p| p[0].field() == f));
    if positions.iter().all(|forms| forms.len() == 1) {
        let mut q = PhraseQuery::new(positions.into_iter().flatten().collect());
        q.set_slop(slop);
        return Box::new(q);
    }
    match FormPhrase::new(positions, slop) {
        Ok(q) => Box::new(q),
        Err(positions) => phrases(
            positions
                .into_iter()
                .map(|p| p.into_iter().filter(|t| t.field() == f).collect())
                .collect(),
            slop,
        ),
    }
}

/// A sloppy phrase of three words or more, some of several forms (which [`FormPhrase`]
/// leaves to tantivy): the union of the plain phrases over the combinations of forms, up
/// to [`MAX_PHRASE_COMBINATIONS`]; past that, one `RegexPhraseQuery`.
fn phrases(positions: Vec<Vec<Term>>, slop: u32) -> Box<dyn Query> {
    let combinations = positions
        .iter()
        .try_fold(1usize, |n, p| n.checked_mul(p.len()))
        .unwrap_or(usize::MAX);
    if combinations <= MAX_PHRASE_COMBINATIONS {
        let mut phrases: Vec<Vec<Term>> = vec![Vec::new()];
        for alts in &positions {
            phrases = phrases
                .into_iter()
                .flat_map(|p| {
                    alts.iter().map(move |t| {
                        let mut p = p.clone();
                        p.push(t.clone());
                        p
                    })
                })
                .collect();
        }
        return Box::new(BooleanQuery::new(
            phrases
                .into_iter()
                .map(|terms| {
                    let mut q = PhraseQuery::new(terms);
                    q.set_slop(slop);
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
                .collect(),
        ));
    }
    let f = positions[0][0].field();
    // Each position as a regular expression matching exactly its terms.
    let patterns = positions
        .iter()
        .map(|alts| {
            let words: Vec<String> = alts
                .iter()
                .map(|t| {
                    let value = t.value();
                    let text = value.as_str().unwrap_or_default();
                    match text.strip_prefix(NOTHING) {
                        Some(stem) => format!("\\x01{}", regex::escape(stem)),
                        None => regex::escape(text),
                    }
                })
                .collect();
            format!("(?:{})", words.join("|"))
        })
        .collect();
    let mut q = RegexPhraseQuery::new(f, patterns);
    q.set_slop(slop);
    Box::new(q)
}
