//! Strings of a fast text column's ordinals, read in one pass over its dictionary.
//!
//! A column's dictionary is an sstable of compressed blocks: looking ordinals up one at a
//! time (`StrColumn::ord_to_str`) opens and decompresses a block for each, which made the
//! speaker registry of the UN corpus (thousands of speakers and pages) take seconds. Sorted
//! ordinals are read in one pass, each block once.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;

use crate::error::Result;

/// The strings of `ords` (any order, repeats allowed) in `col`: each block of its dictionary
/// read once.
pub fn strings(
    col: &StrColumn,
    ords: impl IntoIterator<Item = u64>,
) -> Result<HashMap<u64, String>> {
    let mut sorted: Vec<u64> = ords.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut found = Vec::with_capacity(sorted.len());
    col.dictionary()
        .sorted_ords_to_term_cb(&sorted, |b| {
            found.push(String::from_utf8_lossy(b).into_owned())
        })
        .map_err(tantivy::TantivyError::from)?;
    Ok(sorted.into_iter().zip(found).collect())
}

/// Every string of `col`, by ordinal.
pub fn all(col: &StrColumn) -> Result<Vec<String>> {
    let n = col.num_terms() as u64;
    let mut by_ord = strings(col, 0..n)?;
    Ok((0..n)
        .map(|o| by_ord.remove(&o).unwrap_or_default())
        .collect())
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index};

    #[test]
    fn bulk_strings_equal_one_at_a_time() {
        let mut b = Schema::builder();
        let f = b.add_text_field("s", STRING | tantivy::schema::FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer(15_000_000).unwrap();
        for i in 0..5000 {
            w.add_document(doc!(f => format!("name {:05}", i * 7 % 5000)))
                .unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let col = searcher.segment_readers()[0]
            .fast_fields()
            .str("s")
            .unwrap()
            .unwrap();
        let ords = [4999u64, 0, 17, 17, 2500];
        let got = super::strings(&col, ords).unwrap();
        for o in ords {
            let mut one = String::new();
            col.ord_to_str(o, &mut one).unwrap();
            assert_eq!(got[&o], one);
        }
        let all = super::all(&col).unwrap();
        assert_eq!(all.len(), 5000);
        assert_eq!(all[3], "name 00003");
    }
}
