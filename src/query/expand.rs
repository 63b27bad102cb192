//! `prefix*` → the indexed words it stands for, from the term dictionary: the most
//! frequent when there are too many. (A stemmed word's forms are [`Stems::forms`].)
//!
//! [`Stems::forms`]: crate::index::stems::Stems::forms

use std::collections::HashMap;

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::error::Result;
use crate::index::terms::scan_prefix;

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
    let mut found: Vec<(u32, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut more = false;
    scan_prefix(searcher, f, prefix, |key, df| {
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
