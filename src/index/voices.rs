//! Voices: who speaks a paragraph — its speaker, role and label as the page gives them.
//!
//! A page has a few voices and many paragraphs, and a paragraph's voice is the one of the
//! paragraphs around it. So each distinct voice is one document that indexes its words
//! (speaker name, role, label), and a paragraph indexes only its voice's [`id`]: a
//! `--speaker`, `speaker:`, `role:` or `label:` clause finds the voice documents, then the
//! paragraphs with their ids (`query::build`), as `title:` finds page records and then
//! their paragraphs. Indexing the ten or so words of a voice in every paragraph was 9% of
//! an ingest's instructions (`callgrind`, ×1: 6.22 → 5.65 G without them).
//!
//! A voice document, once written, is never deleted: the ids of voices no paragraph has any
//! more match nothing.

use std::collections::HashSet;

use tantivy::collector::DocSetCollector;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

use super::Fields;
use crate::error::Result;
use crate::transcript::Paragraph;

/// The `kind` of voice documents.
pub const VOICE_KIND: &str = "voice";

/// The id of a voice: the first 8 bytes of the BLAKE3 hash of its three parts (each absent
/// or length-prefixed), the same in every run; `None` for narration (no part at all).
pub fn id(speaker: Option<&str>, role: Option<&str>, label: Option<&str>) -> Option<u64> {
    if speaker.is_none() && role.is_none() && label.is_none() {
        return None;
    }
    let mut h = blake3::Hasher::new();
    for part in [speaker, role, label] {
        match part {
            Some(s) => {
                h.update(&[1]);
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => {
                h.update(&[0]);
            }
        }
    }
    let bytes: [u8; 8] = h.finalize().as_bytes()[..8]
        .try_into()
        .expect("a hash has 8 bytes");
    Some(u64::from_le_bytes(bytes))
}

/// The voices an ingest has written (or found in the index), and the last one looked up:
/// consecutive paragraphs mostly share theirs, so it is hashed once per turn.
#[derive(Debug, Default)]
pub struct Voices {
    known: HashSet<u64>,
    last: Option<([Option<String>; 3], u64)>,
}

impl Voices {
    /// The voices the index behind `searcher` has documents for.
    pub fn of_index(searcher: &Searcher, f: &Fields) -> Result<Voices> {
        let mut known = HashSet::new();
        let q = TermQuery::new(
            Term::from_field_text(f.kind, VOICE_KIND),
            IndexRecordOption::Basic,
        );
        for addr in searcher.search(&q, &DocSetCollector)? {
            let column = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("voice_record")?;
            known.extend(column.first(addr.doc_id));
        }
        Ok(Voices { known, last: None })
    }

    /// The id of paragraph `p`'s voice, and its document if the index has none yet.
    pub fn of(&mut self, f: &Fields, p: &Paragraph) -> Option<(u64, Option<TantivyDocument>)> {
        let (speaker, role, label) = (p.speaker.as_deref(), p.role.as_deref(), p.label.as_deref());
        let id = match &self.last {
            Some(([s, r, l], id))
                if s.as_deref() == speaker && r.as_deref() == role && l.as_deref() == label =>
            {
                *id
            }
            _ => {
                let id = id(speaker, role, label)?;
                let parts = [speaker, role, label].map(|p| p.map(str::to_string));
                self.last = Some((parts, id));
                id
            }
        };
        if !self.known.insert(id) {
            return Some((id, None));
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, VOICE_KIND);
        doc.add_u64(f.voice_record, id);
        if let Some(s) = speaker {
            doc.add_text(f.speaker_name, s);
        }
        if let Some(r) = role {
            doc.add_text(f.role_words, r);
        }
        if let Some(l) = label {
            doc.add_text(f.label_words, l);
        }
        Some((id, Some(doc)))
    }
}

/// The ids of the voices whose documents `q` matches, sorted.
pub fn ids_matching(searcher: &Searcher, q: &dyn Query) -> Result<Vec<u64>> {
    let mut ids = Vec::new();
    for addr in searcher.search(q, &DocSetCollector)? {
        let column = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64("voice_record")?;
        ids.extend(column.first(addr.doc_id));
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The paragraphs of the voices `q` matches on their documents, all with score 1.
///
/// Up to [`MAX_UNION`] voices, the union of their postings, which an intersection with a
/// text query seeks through (`--speaker putin`: 24 voices); more, tantivy's `TermSetQuery`,
/// which reads every posting of every voice into a bit set first.
pub fn paragraphs_matching(
    searcher: &Searcher,
    f: &Fields,
    q: &dyn Query,
) -> Result<Box<dyn Query>> {
    let ids = ids_matching(searcher, q)?;
    let term = |id| Term::from_field_u64(f.voice, id);
    Ok(match ids.len() {
        0 => Box::new(EmptyQuery),
        1..=MAX_UNION => Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(
                ids.into_iter()
                    .map(|id| {
                        let q = TermQuery::new(term(id), IndexRecordOption::Basic);
                        (Occur::Should, Box::new(q) as Box<dyn Query>)
                    })
                    .collect(),
            )),
            1.0,
        )),
        _ => Box::new(TermSetQuery::new(ids.into_iter().map(term))),
    })
}

/// Most voices a clause finds that are searched as a union of their postings (see
/// [`paragraphs_matching`]).
const MAX_UNION: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_is_its_three_parts() {
        let putin = id(Some("Vladimir Putin"), Some("President of Russia"), None);
        assert!(putin.is_some());
        assert_eq!(
            putin,
            id(Some("Vladimir Putin"), Some("President of Russia"), None)
        );
        // Each part counts, where it is.
        assert_ne!(
            putin,
            id(Some("Vladimir Putin"), None, Some("President of Russia"))
        );
        assert_ne!(
            putin,
            id(
                Some("Vladimir Putin"),
                Some("President of Russia"),
                Some("")
            )
        );
        assert_ne!(
            id(Some("ab"), Some("c"), None),
            id(Some("a"), Some("bc"), None)
        );
        assert_eq!(id(None, None, None), None);
    }
}
