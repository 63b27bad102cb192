//! Term-dictionary scans: the terms of a field under a prefix. A stemmed search reads a
//! stem's forms this way ([`super::stems`]), and `prefix*` its words (`query::expand`).

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::error::Result;

/// Visit the terms of field `f` that start with `prefix`, segment by segment (a term in
/// several segments once in each), with their document frequency in that segment. The
/// visitor returns `false` to leave the rest of the segment.
pub fn scan_prefix(
    searcher: &Searcher,
    f: Field,
    prefix: &str,
    mut visit: impl FnMut(&[u8], u32) -> bool,
) -> Result<()> {
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(f)?;
        let mut stream = inv
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) || !visit(key, stream.value().doc_freq) {
                break;
            }
        }
    }
    Ok(())
}

/// Visit the terms of field `f` that `automaton` accepts, segment by segment, as
/// [`scan_prefix`] does.
pub fn scan_automaton<A>(
    searcher: &Searcher,
    f: Field,
    automaton: &A,
    mut visit: impl FnMut(&[u8], u32) -> bool,
) -> Result<()>
where
    A: tantivy_fst::Automaton,
    A::State: Clone,
{
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(f)?;
        let mut stream = inv
            .terms()
            .search(automaton)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            if !visit(stream.key(), stream.value().doc_freq) {
                break;
            }
        }
    }
    Ok(())
}
