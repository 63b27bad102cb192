//! `prefix*`, `sanc?ions`, `sanctons~1` and `/regex/` → the indexed words they stand for,
//! from the term dictionary (a prefix range, or a Levenshtein or regular-expression
//! automaton run over it): the most frequent when there are too many. (A stemmed word's
//! forms are [`Stems::forms`].)
//!
//! [`Stems::forms`]: crate::index::stems::Stems::forms

use std::collections::HashMap;

use tantivy::schema::Field;
use tantivy::Searcher;

use tantivy::query::FuzzyTermQuery;
use tantivy::Term;

use crate::error::{Error, Result};
use crate::index::terms::{scan_automaton, scan_prefix};

/// Most indexed words one `prefix*` expands to.
pub const MAX_EXPANSIONS: usize = 512;

/// Most words all the prefixes of one query may expand to together: 256 prefixes of 512
/// words each would make a query of 131,072 terms.
pub const MAX_TOTAL_EXPANSIONS: usize = 2048;

/// The words of field `f` that start with `prefix`, at most `budget` of them, and whether
/// some were left out. Past the budget, the most frequent (by document frequency summed
/// over the segments, ties by word); otherwise in the order of the segments' term
/// dictionaries. A segment's scan stops past 50 × [`MAX_EXPANSIONS`] words.
pub fn prefix(
    searcher: &Searcher,
    f: Field,
    prefix: &str,
    budget: usize,
) -> Result<(Vec<String>, bool)> {
    bounded(budget, |visit| scan_prefix(searcher, f, prefix, visit))
}

/// The words of field `f` at most `distance` edits from `word` (a transposition of two
/// letters is one edit, as in Lucene's fuzzy query), as [`prefix`] gives them.
pub fn fuzzy(
    searcher: &Searcher,
    f: Field,
    word: &str,
    distance: u8,
    budget: usize,
) -> Result<(Vec<String>, bool)> {
    let automaton = FuzzyTermQuery::new(Term::from_field_text(f, word), distance, true)
        .automaton()
        .map_err(Error::from)?;
    bounded(budget, |visit| {
        scan_automaton(searcher, f, &automaton, visit)
    })
}

/// The regular expression that matches what wildcard word `w` does: `?` one character,
/// `*` any run of them, the rest as written.
pub fn wildcard_regex(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        match c {
            '?' => out.push('.'),
            '*' => out.push_str(".*"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

/// The words of field `f` the whole of which regular expression `re` matches, as
/// [`prefix`] gives them; a bad expression is a one-line error naming it.
pub fn regex(
    searcher: &Searcher,
    f: Field,
    re: &str,
    shown: &str,
    budget: usize,
) -> Result<(Vec<String>, bool)> {
    let automaton = tantivy_fst::Regex::new(re).map_err(|e| {
        let why: Vec<String> = e
            .to_string()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.chars().all(|c| c == '^' || c == ' '))
            .map(str::to_string)
            .collect();
        Error::Query(format!(
            "'{shown}' is not a regular expression rostra can search: {}",
            why.join(" ")
        ))
    })?;
    bounded(budget, |visit| {
        scan_automaton(searcher, f, &automaton, visit)
    })
}

/// The words a scan visits, at most `budget` (see [`prefix`]).
fn bounded(
    budget: usize,
    scan: impl FnOnce(&mut dyn FnMut(&[u8], u32) -> bool) -> Result<()>,
) -> Result<(Vec<String>, bool)> {
    let mut found: Vec<(u32, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut more = false;
    scan(&mut |key, df| {
        let word = String::from_utf8_lossy(key).into_owned();
        match index.get(&word) {
            Some(&i) => found[i].0 += df,
            None => {
                index.insert(word.clone(), found.len());
                found.push((df, word));
            }
        }
        if found.len() > 50 * MAX_EXPANSIONS {
            more = true;
            return false;
        }
        true
    })?;
    if found.len() > budget {
        more = true;
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        found.truncate(budget);
    }
    Ok((found.into_iter().map(|(_, w)| w).collect(), more))
}
