//! Tokenizers shared by indexing, querying and highlighting, so that all three agree on
//! what a word is.

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TextAnalyzerBuilder, Token,
    TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// English-stemmed words (`refugees` → `refuge`): queries and highlighting of stemmed
/// searches, and the page records' title, place and tags.
pub const STEMMED: &str = "rostra_stem";
/// Name tokens (`al-Assad` → `al`, `assad`).
pub const NAME: &str = "rostra_name";
/// Paragraph text as indexed: every word as written, lower-cased, and where its stem
/// differs, the stem too, marked with [`STEM_MARK`], at the same position (see [`text`]).
pub const TEXT: &str = "rostra_text";

/// The first character of an indexed stem (`refugees` is indexed as `refugees` and
/// `\u{1}refuge`). No word contains it: words are letters and digits.
pub const STEM_MARK: char = '\u{1}';

/// What a word is, for every analyzer: a run of letters and digits of at most 40 bytes,
/// lower-cased.
fn words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
}

pub fn stemmed() -> TextAnalyzer {
    words().filter(StemFilter::REPLACE).build()
}

pub fn exact() -> TextAnalyzer {
    words().build()
}

/// The paragraph text analyzer: one field serves both exact and stemmed search.
///
/// Each word `w` with stem `s` gives the token `w`, and also `\u{1}s` when `s ≠ w`, both at
/// the word's position. An exact search for `w` looks up `w`. A stemmed search for the
/// words with stem `s` looks up `\u{1}s` (words that differ from their stem) and `s` itself
/// when `s` is its own stem (such a word has no marked token; any word spelled `s` has
/// stem `s` then, so nothing else matches). Three words in ten differ from their stem, so
/// this indexes 1.3 tokens per word where a stemmed field and an exact field index 2.
pub fn text() -> TextAnalyzer {
    words().filter(StemFilter::ALONGSIDE).build()
}

/// The indexed term for stem `s` of words that differ from it.
pub fn marked_stem(s: &str) -> String {
    let mut t = String::with_capacity(s.len() + 1);
    t.push(STEM_MARK);
    t.push_str(s);
    t
}

/// The English stem of one lower-cased word.
pub fn stem_word(word: &str) -> String {
    frostem::Stemmer::new(frostem::Algorithm::English)
        .stem(word)
        .into_owned()
}

/// Register rostra's analyzers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, stemmed());
    manager.register(NAME, exact());
    manager.register(TEXT, text());
}

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
/// Words repeat (a paragraph is mostly words seen before), and a look-up costs a fraction
/// of the Snowball rules: with a hash map this cut the stemmer's share of ingest from 16%
/// to 8% of the CPU time, and the table, whose slots hold the words inline, to 2% (the map
/// chased a pointer to each key). It stems with the same crate and algorithm as
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
        let w = word.as_bytes();
        if w.len() > SLOT_BYTES {
            out.push_str(&self.stemmer.stem(word));
            return;
        }
        if self.slots.is_empty() {
            self.slots = vec![EMPTY; self.capacity];
        }
        let hash = {
            use std::hash::{BuildHasher, Hasher};
            let mut h = rustc_hash::FxBuildHasher.build_hasher();
            h.write(w);
            h.finish()
        };
        // The high bits: FxHash mixes them best.
        let slot = &mut self.slots[(hash >> 40) as usize & (self.capacity - 1)];
        if slot.word_len as usize == w.len() && &slot.word[..w.len()] == w {
            let stem = &slot.stem[..slot.stem_len as usize];
            out.push_str(std::str::from_utf8(stem).expect("a stem is UTF-8"));
            return;
        }
        let stem = self.stemmer.stem(word);
        out.push_str(&stem);
        let s = stem.as_bytes();
        if s.len() <= SLOT_BYTES {
            slot.word_len = w.len() as u8;
            slot.word[..w.len()].copy_from_slice(w);
            slot.stem_len = s.len() as u8;
            slot.stem[..s.len()].copy_from_slice(s);
        }
    }
}

/// Slots of the stem cache that indexes paragraph text: 16,384 (1 MB), enough for the
/// words that make up most of a corpus.
const TEXT_SLOTS: usize = 1 << 14;
/// Slots for the other stemmed fields, queries and highlighting: short texts, and a search
/// process should not touch a megabyte of fresh pages for them.
const SMALL_SLOTS: usize = 1 << 8;

/// A token filter that stems words through a [`StemCache`]: either replacing each word by
/// its stem ([`StemFilter::REPLACE`], for `stemmed`), or keeping the word and adding its
/// marked stem after it when the two differ ([`StemFilter::ALONGSIDE`], for [`text`]).
#[derive(Clone, Copy, Debug)]
pub struct StemFilter {
    alongside: bool,
    slots: usize,
}

impl StemFilter {
    pub const REPLACE: StemFilter = StemFilter {
        alongside: false,
        slots: SMALL_SLOTS,
    };
    pub const ALONGSIDE: StemFilter = StemFilter {
        alongside: true,
        slots: TEXT_SLOTS,
    };
}

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = Stems<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Stems<T> {
        Stems {
            inner,
            cache: StemCache::new(self.slots),
            alongside: self.alongside,
        }
    }
}

#[derive(Clone)]
pub struct Stems<T> {
    inner: T,
    cache: StemCache,
    /// Keep the word and add the marked stem, rather than replace the word.
    alongside: bool,
}

impl<T: Tokenizer> Tokenizer for Stems<T> {
    type TokenStream<'a> = StemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            alongside: self.alongside,
            pending: String::new(),
        }
    }
}

pub struct StemStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
    alongside: bool,
    /// The marked stem to give next, at the current word's position; empty if none
    /// (and a scratch buffer when stems replace words).
    pending: String,
}

impl<T: TokenStream> TokenStream for StemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.pending.is_empty() {
            let token = self.tail.token_mut();
            std::mem::swap(&mut token.text, &mut self.pending);
            self.pending.clear();
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if self.alongside {
            self.pending.push(STEM_MARK);
            self.cache.stem_into(&token.text, &mut self.pending);
            if self.pending[STEM_MARK.len_utf8()..] == token.text {
                self.pending.clear();
            }
        } else {
            self.pending.clear();
            self.cache.stem_into(&token.text, &mut self.pending);
            std::mem::swap(&mut token.text, &mut self.pending);
            self.pending.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A token of a text: its term and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub term: String,
    /// Byte offsets in the text.
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// Run an analyzer over a text.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Tok {
            term: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
            position: t.position,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, Stemmer};

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
    fn text_gives_each_word_and_its_differing_stem_at_one_position() {
        let toks = tokens(&mut text(), "The Councils met; council refugees");
        let got: Vec<(String, usize, usize, usize)> = toks
            .into_iter()
            .map(|t| (t.term.replace(STEM_MARK, "~"), t.position, t.from, t.to))
            .collect();
        let want = [
            ("the", 0, 0, 3),
            ("councils", 1, 4, 12),
            ("~council", 1, 4, 12),
            ("met", 2, 13, 16),
            ("council", 3, 18, 25),
            ("refugees", 4, 26, 34),
            ("~refuge", 4, 26, 34),
        ];
        let want: Vec<(String, usize, usize, usize)> = want
            .iter()
            .map(|&(t, p, a, b)| (t.to_string(), p, a, b))
            .collect();
        assert_eq!(got, want);
        // The exact words are the exact analyzer's; the stems, the stemmed analyzer's.
        let text_terms = terms(text(), "Refugees running generously NATO's");
        let exact_terms = terms(exact(), "Refugees running generously NATO's");
        let stems = terms(stemmed(), "Refugees running generously NATO's");
        for (w, s) in exact_terms.iter().zip(&stems) {
            assert!(text_terms.contains(w), "{w} in {text_terms:?}");
            if w != s {
                assert!(
                    text_terms.contains(&marked_stem(s)),
                    "{s} in {text_terms:?}"
                );
            }
            assert_eq!(&stem_word(w), s);
        }
    }

    #[test]
    fn evicted_colliding_and_long_words_keep_their_stems() {
        // Many more distinct words than slots (so slots are taken over), words repeated
        // after others took their slots, and words too long for a slot.
        let mut words = String::new();
        for i in 0..(TEXT_SLOTS * 3) {
            words.push_str(&format!("organisations{i}ing walked{} ", i % 97));
        }
        words.push_str("internationalisationsorganisations counterrevolutionaries ");
        words.push_str(&words.clone());
        let want = terms(tantivy(), &words);
        assert_eq!(terms(stemmed(), &words), want);
        let alongside: Vec<String> = terms(text(), &words)
            .into_iter()
            .filter_map(|t| t.strip_prefix(STEM_MARK).map(str::to_string))
            .collect();
        let differing: Vec<String> = terms(exact(), &words)
            .into_iter()
            .zip(&want)
            .filter(|(w, s)| w != *s)
            .map(|(_, s)| s.clone())
            .collect();
        assert_eq!(alongside, differing);
    }
}
