//! The English (Snowball) stemmer behind the stemmed analyzer, with a cache: a
//! [`StemFilter`] replaces each word of a token stream by its stem.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Longest word (and stem) a [`StemCache`] slot holds, in bytes; longer words are stemmed
/// every time.
const SLOT_BYTES: usize = 31;

/// One remembered word and its stem, in one 64-byte cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    /// 0: empty (words are never empty).
    word_len: u8,
    stem_len: u8,
    /// The word, zero-padded: compared whole.
    word: [u8; SLOT_BYTES],
    stem: [u8; SLOT_BYTES],
}

const EMPTY: Slot = Slot {
    word_len: 0,
    stem_len: 0,
    word: [0; SLOT_BYTES],
    stem: [0; SLOT_BYTES],
};

/// tantivy's English (Snowball) stemmer, remembering the stems it computed in a
/// direct-mapped table (a word's slot is fixed by its hash; a new word takes the slot over).
/// Words repeat (a text is mostly words seen before), and a look-up costs a fraction of
/// the Snowball rules; the slots hold the words inline, so a look-up reads one cache line
/// where a hash map chased a pointer to each key (the figures are in
/// `benches/RESULTS.md`). It stems with the same crate and algorithm as
/// `tantivy::tokenizer::Stemmer`, so the stems are the same (tested).
#[derive(Clone)]
struct StemCache {
    stemmer: frostem::Stemmer,
    /// Allocated at the first word (analyzers are cloned for every field of every segment).
    slots: Vec<Slot>,
    /// A power of two.
    capacity: usize,
}

impl StemCache {
    fn new(capacity: usize) -> StemCache {
        debug_assert!(capacity.is_power_of_two());
        StemCache {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            slots: Vec::new(),
            capacity,
        }
    }

    /// Append the stem of `word` to `out`.
    fn stem_into(&mut self, word: &str, out: &mut String) {
        match self.slot(word) {
            Ok(slot) => {
                let stem = &slot.stem[..slot.stem_len as usize];
                out.push_str(std::str::from_utf8(stem).expect("a stem is UTF-8"));
            }
            Err(stem) => out.push_str(&stem),
        }
    }

    /// The slot remembering `word` (after stemming it if it was not there), or the stem
    /// when the word or its stem is too long for a slot.
    fn slot(&mut self, word: &str) -> Result<&Slot, String> {
        let w = word.as_bytes();
        if w.len() > SLOT_BYTES {
            return Err(self.stemmer.stem(&super::british(word)).into_owned());
        }
        if self.slots.is_empty() {
            self.slots = vec![EMPTY; self.capacity];
        }
        let mut key = [0u8; SLOT_BYTES];
        key[..w.len()].copy_from_slice(w);
        let hash = {
            use std::hash::{BuildHasher, Hasher};
            let mut h = rustc_hash::FxBuildHasher.build_hasher();
            h.write(w);
            h.finish()
        };
        // The high bits: FxHash mixes them best.
        let i = (hash >> 40) as usize & (self.capacity - 1);
        if self.slots[i].word_len as usize == w.len() && self.slots[i].word == key {
            return Ok(&self.slots[i]);
        }
        let spelled = super::british(word);
        let stem = self.stemmer.stem(&spelled);
        let s = stem.as_bytes();
        if s.len() > SLOT_BYTES {
            return Err(stem.into_owned());
        }
        let slot = &mut self.slots[i];
        slot.word_len = w.len() as u8;
        slot.word = key;
        slot.stem_len = s.len() as u8;
        slot.stem[..s.len()].copy_from_slice(s);
        Ok(slot)
    }
}

/// Slots of a [`StemFilter`]'s cache: the stemmed fields are short texts (queries, roles,
/// titles), and a search process should not touch a megabyte of fresh pages for them.
const SLOTS: usize = 1 << 8;

/// A token filter replacing each word by its stem, through a cache of the stems it
/// computed.
#[derive(Clone, Copy, Debug)]
pub struct StemFilter;

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = Stemmed<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Stemmed<T> {
        Stemmed {
            inner,
            cache: StemCache::new(SLOTS),
        }
    }
}

#[derive(Clone)]
pub struct Stemmed<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for Stemmed<T> {
    type TokenStream<'a> = StemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stem: String::new(),
        }
    }
}

pub struct StemStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
    /// A scratch buffer for the stem, swapped with the word.
    stem: String,
}

impl<T: TokenStream> TokenStream for StemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.stem.clear();
        self.cache.stem_into(&token.text, &mut self.stem);
        std::mem::swap(&mut token.text, &mut self.stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::analyzer::{stemmed, tokens};
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };

    fn terms(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        tokens(&mut a, text).into_iter().map(|t| t.term).collect()
    }

    /// tantivy's own stemming analyzer, the reference for the cached one.
    fn tantivy() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn cached_stems_are_tantivys_stems() {
        let text = "Refugees fled; the refugees' running generously ran, running \
                    Organisations organise organisational meetings. Émigrés émigré NATO's";
        // Twice through one analyzer: the second pass is answered from the cache.
        let mut a = stemmed();
        let first = terms(a.clone(), text);
        let _ = tokens(&mut a, text);
        let second = tokens(&mut a, text)
            .into_iter()
            .map(|t| t.term)
            .collect::<Vec<_>>();
        assert_eq!(first, terms(tantivy(), text));
        assert_eq!(second, first);
        assert!(first.contains(&"refuge".to_string()), "{first:?}");
    }

    #[test]
    fn evicted_colliding_and_long_words_keep_their_stems() {
        // Many more distinct words than slots (so slots are taken over), words repeated
        // after others took their slots, and words too long for a slot.
        let mut words = String::new();
        for i in 0..(SLOTS * 3) {
            words.push_str(&format!("organisations{i}ing walked{} ", i % 97));
            if i % 7 == 0 {
                words.push_str("dying uses ");
            }
        }
        words.push_str("internationalisationsorganisations counterrevolutionaries ");
        words.push_str(&words.clone());
        assert_eq!(terms(stemmed(), &words), terms(tantivy(), &words));
    }
}
