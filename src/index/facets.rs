//! The facets in an index (`rostra facets`): every `name=value` of the paragraphs, with
//! the number of paragraphs that carry it, counted on the `facet` column.

use std::collections::BTreeMap;

use tantivy::Searcher;

use super::schema::name;
use crate::error::Result;
use crate::transcript::facet;

/// One facet of the index: its values and their paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facet {
    pub name: String,
    /// Paragraphs with at least one value of this facet.
    pub paragraphs: u64,
    /// Paragraphs per value, by value.
    pub values: BTreeMap<String, u64>,
}

/// Every facet in the index, by name; only facet `only` when given.
pub fn counts(searcher: &Searcher, only: Option<&str>) -> Result<Vec<Facet>> {
    let mut out: BTreeMap<String, Facet> = BTreeMap::new();
    let mut s = String::new();
    for segment in searcher.segment_readers() {
        let Some(col) = segment.fast_fields().str(name::FACET)? else {
            continue;
        };
        // Each ordinal's facet name and value (None: another facet than `only`).
        let mut terms: Vec<Option<(String, String)>> = Vec::with_capacity(col.num_terms());
        for ord in 0..col.num_terms() as u64 {
            s.clear();
            col.ord_to_str(ord, &mut s)
                .map_err(tantivy::TantivyError::from)?;
            terms.push(
                facet::split(&s)
                    .filter(|(k, _)| only.is_none_or(|o| o == *k))
                    .map(|(k, v)| (k.to_string(), v.to_string())),
            );
        }
        let mut per_ord = vec![0u64; terms.len()];
        let mut names: Vec<&str> = Vec::new();
        let mut per_name: BTreeMap<&str, u64> = BTreeMap::new();
        for doc in segment.doc_ids_alive() {
            names.clear();
            for ord in col.term_ords(doc) {
                if let Some((k, _)) = &terms[ord as usize] {
                    per_ord[ord as usize] += 1;
                    if !names.contains(&k.as_str()) {
                        names.push(k);
                    }
                }
            }
            for n in &names {
                *per_name.entry(n).or_default() += 1;
            }
        }
        for (n, p) in per_name {
            let f = out.entry(n.to_string()).or_insert_with(|| Facet {
                name: n.to_string(),
                ..Facet::default()
            });
            f.paragraphs += p;
        }
        for (term, n) in terms.iter().zip(per_ord) {
            if let (Some((k, v)), true) = (term, n > 0) {
                if let Some(f) = out.get_mut(k) {
                    *f.values.entry(v.clone()).or_default() += n;
                }
            }
        }
    }
    Ok(out.into_values().collect())
}

/// The facet names in the index, sorted.
pub fn names(searcher: &Searcher) -> Result<Vec<String>> {
    Ok(counts(searcher, None)?
        .into_iter()
        .map(|f| f.name)
        .collect())
}
