//! Tokenizers shared by indexing, querying and highlighting, so that all three agree on
//! what a word is.

use std::collections::HashMap;

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer, TokenizerManager,
};

/// English-stemmed words (`refugees` → `refuge`).
pub const STEMMED: &str = "rostra_stem";
/// Lower-cased words as written.
pub const EXACT: &str = "rostra_exact";
/// Name tokens (`al-Assad` → `al`, `assad`).
pub const NAME: &str = "rostra_name";

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

/// Register rostra's analyzers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, stemmed());
    manager.register(EXACT, exact());
    manager.register(NAME, exact());
}

/// Words a [`CachedStemmer`] remembers before it starts afresh: about 10 MB.
const STEM_CACHE_WORDS: usize = 100_000;

/// tantivy's English (Snowball) stemmer, remembering the stems it computed. Words repeat
/// (a paragraph is mostly words seen before), and a look-up costs a fraction of the
/// Snowball rules: this cut the stemmer's share of ingest from 16% of the CPU time to 3%.
/// It stems with the same crate and algorithm as `tantivy::tokenizer::Stemmer`, so the
/// stems are the same (tested).
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            cache: HashMap::default(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: frostem::Stemmer,
    /// Word → its stem.
    cache: HashMap<Box<str>, Box<str>, rustc_hash::FxBuildHasher>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            cache: &mut self.cache,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    cache: &'a mut HashMap<Box<str>, Box<str>, rustc_hash::FxBuildHasher>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = self.stemmer.stem(&token.text).into();
        if self.cache.len() >= STEM_CACHE_WORDS {
            self.cache.clear();
        }
        self.cache.insert(token.text.as_str().into(), stem.clone());
        token.text.clear();
        token.text.push_str(&stem);
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
