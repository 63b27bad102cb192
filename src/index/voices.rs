//! Voices: who speaks a paragraph — its speaker, role and label as the page gives them.
//!
//! A page has a few voices and many paragraphs, and a paragraph's voice is the one of the
//! paragraphs around it. So each distinct voice is one document that indexes its words
//! (speaker name, role, label), and a paragraph indexes only its voice's [`id`] and its
//! speaker's ([`speaker_id`]): a `role:` or `label:` clause finds voice documents, then the
//! paragraphs with their voice ids, and `--speaker` or `speaker:` the paragraphs with their
//! speaker ids (`query::filter::voice_paragraphs`), as `title:` finds page records and then
//! their paragraphs. Indexing the ten or so words of a voice in every paragraph was 9% of
//! an ingest's instructions (`callgrind`, ×1: 6.22 → 5.65 G without them).
//!
//! A voice document, once written, is never deleted: the ids of voices no paragraph has any
//! more match nothing.

use std::collections::HashSet;

use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::schema::name;
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

/// The id of a speaker: that of the voice with only this speaker.
pub fn speaker_id(speaker: &str) -> u64 {
    id(Some(speaker), None, None).expect("a speaker is a voice")
}

/// The voices an ingest has written (or found in the index), and the last one looked up:
/// consecutive paragraphs mostly share theirs, so it is hashed once per turn.
#[derive(Debug, Default)]
pub struct Voices {
    known: HashSet<u64>,
    last: Option<([Option<String>; 3], u64, Option<u64>)>,
}

impl Voices {
    /// The voices the index behind `searcher` has documents for.
    pub fn of_index(searcher: &Searcher, f: &Fields) -> Result<Voices> {
        let q = TermQuery::new(
            Term::from_field_text(f.kind, VOICE_KIND),
            IndexRecordOption::Basic,
        );
        let known = ids_matching(searcher, &q, name::VOICE_RECORD)?
            .into_iter()
            .collect();
        Ok(Voices { known, last: None })
    }

    /// Paragraph `p`'s voice: its id, its speaker's, and its document if the index has none
    /// yet.
    pub fn of(&mut self, f: &Fields, p: &Paragraph) -> Option<Voice> {
        let (speaker, role, label) = (p.speaker.as_deref(), p.role.as_deref(), p.label.as_deref());
        let (id, sid) = match &self.last {
            Some(([s, r, l], id, sid))
                if s.as_deref() == speaker && r.as_deref() == role && l.as_deref() == label =>
            {
                (*id, *sid)
            }
            _ => {
                let id = id(speaker, role, label)?;
                let sid = speaker.map(speaker_id);
                let parts = [speaker, role, label].map(|p| p.map(str::to_string));
                self.last = Some((parts, id, sid));
                (id, sid)
            }
        };
        let mut voice = Voice {
            id,
            speaker: sid,
            record: None,
        };
        if !self.known.insert(id) {
            return Some(voice);
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, VOICE_KIND);
        doc.add_u64(f.voice_record, id);
        if let (Some(s), Some(sid)) = (speaker, sid) {
            doc.add_text(f.speaker_name, s);
            doc.add_u64(f.speaker_record, sid);
        }
        if let Some(r) = role {
            doc.add_text(f.role_words, r);
        }
        if let Some(l) = label {
            doc.add_text(f.label_words, l);
        }
        voice.record = Some(doc);
        Some(voice)
    }
}

/// A paragraph's voice (see [`Voices::of`]).
pub struct Voice {
    pub id: u64,
    /// [`speaker_id`] of its speaker, if it has one.
    pub speaker: Option<u64>,
    /// The voice's document, to add: the index has none yet.
    pub record: Option<TantivyDocument>,
}

/// The ids in `column` (`voice_record`, `speaker_record`) of the voice documents `q`
/// matches, sorted: each segment's column opened once, the documents read as they come
/// (a collector of addresses, then a column opened per address, took `--speaker putin` a
/// third of the time of the rest of its search).
pub fn ids_matching(searcher: &Searcher, q: &dyn Query, column: &str) -> Result<Vec<u64>> {
    let weight = q.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut ids = Vec::new();
    for segment in searcher.segment_readers() {
        let mut docs = weight.scorer(segment, 1.0)?;
        if docs.doc() == TERMINATED {
            continue;
        }
        let values = segment.fast_fields().u64(column)?;
        let alive = segment.alive_bitset();
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                ids.extend(values.first(doc));
            }
            doc = docs.advance();
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

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
