//! Tokenizers shared by indexing, querying and highlighting, so that all three agree on
//! what a word is.

use tantivy::tokenizer::{
    TextAnalyzer, TextAnalyzerBuilder, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// English-stemmed words (`refugees` → `refuge`): queries and highlighting of stemmed
/// searches, and the page records' title, place and tags.
pub const STEMMED: &str = "rostra_stem";
/// Name tokens (`al-Assad` → `al`, `assad`).
pub const NAME: &str = "rostra_name";
/// Paragraph text as indexed: every word as written, lower-cased (see [`text`]).
pub const TEXT: &str = "rostra_text";

/// What a word is, for every analyzer: a run of letters and digits (`char::is_alphanumeric`)
/// shorter than 40 bytes, lower-cased (see [`Words`]).
fn words() -> TextAnalyzerBuilder<Words> {
    TextAnalyzer::builder(Words::default())
}

/// A word this long (in bytes) or longer is not a word: it is skipped, its position too.
const WORD_LIMIT: usize = 40;

/// tantivy's `SimpleTokenizer`, `RemoveLongFilter::limit(40)` and `LowerCaser` in one pass:
/// the same tokens, offsets and positions (tested against that chain), without three
/// token streams, a `String` copy of every word before its length is checked, and a
/// Unicode `is_alphanumeric` test on every ASCII byte (an ingest: 12.5% of its
/// instructions in the three, 10.6% here).
#[derive(Clone, Default)]
pub struct Words {
    token: Token,
}

pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the next word is looked for.
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

/// ASCII letters and digits, by byte.
const ASCII_ALNUM: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

impl WordStream<'_> {
    /// The length of the non-ASCII character at byte `i`, and whether it is a letter or
    /// digit.
    fn wide_class(&self, i: usize) -> (usize, bool) {
        let c = self.text[i..]
            .chars()
            .next()
            .expect("a character starts here");
        (c.len_utf8(), c.is_alphanumeric())
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        loop {
            let mut start = self.at;
            while start < len {
                let b = bytes[start];
                if b < 0x80 {
                    if ASCII_ALNUM[b as usize] {
                        break;
                    }
                    start += 1;
                } else {
                    let (n, alnum) = self.wide_class(start);
                    if alnum {
                        break;
                    }
                    start += n;
                }
            }
            if start >= len {
                self.at = len;
                return false;
            }
            let mut end = start;
            let mut ascii = true;
            while end < len {
                let b = bytes[end];
                if b < 0x80 {
                    if !ASCII_ALNUM[b as usize] {
                        break;
                    }
                    end += 1;
                } else {
                    let (n, alnum) = self.wide_class(end);
                    if !alnum {
                        break;
                    }
                    ascii = false;
                    end += n;
                }
            }
            self.at = end;
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= WORD_LIMIT {
                continue;
            }
            let word = &self.text[start..end];
            let t = &mut *self.token;
            t.offset_from = start;
            t.offset_to = end;
            t.text.clear();
            if ascii {
                t.text.push_str(word);
                t.text.make_ascii_lowercase();
            } else {
                t.text.extend(word.chars().flat_map(char::to_lowercase));
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

pub fn stemmed() -> TextAnalyzer {
    words().filter(StemFilter).build()
}

pub fn exact() -> TextAnalyzer {
    words().build()
}

/// The paragraph text analyzer: one field serves both exact and stemmed search.
///
/// Each word `w` gives the token `w`. An exact search looks `w` up. A stemmed search for
/// stem `s` reads the words of the term dictionary that start with [`stem_prefix`]`(s)`
/// and keeps those whose stem is `s` (`refug` → `refuge`, `refugee`, `refugees`). The rare
/// word that such a scan cannot find — its stem differs from it and it does not start
/// with the stem's prefix (`dying` → `die`, `uses` → `use`: 0.6% of the words here, see
/// [`is_marked`]) — is listed under its stem in the index's
/// [`marks`](super::marks), made from the term dictionaries after each commit. So every
/// word is found under its stem, and indexing stems nothing: a stem look-up for every word
/// indexed, to give such words their stem as a second token, had been 13% of an ingest's
/// CPU time at ×16.
pub fn text() -> TextAnalyzer {
    words().build()
}

/// Shortest stem prefix a stemmed search scans the term dictionary under.
const MIN_STEM_PREFIX: usize = 3;

/// The prefix under which the words with stem `s` are looked up in a sorted term
/// dictionary: `s` less a final `e` or `i`, which English stemming may have put in place
/// of other letters (`hoping` → `hope`, `countries` → `countri`). `None` when that would
/// be shorter than three bytes (a scan under `u` would stem thousands of words): the words
/// of such stems are all marked.
pub fn stem_prefix(s: &str) -> Option<&str> {
    let p = s.strip_suffix(['e', 'i']).unwrap_or(s);
    (p.len() >= MIN_STEM_PREFIX).then_some(p)
}

/// Whether word `w` with stem `s` is one a stemmed search finds in the index's
/// [`marks`](super::marks): when it would not find it by its prefix (see [`text`]).
pub fn is_marked(w: &str, s: &str) -> bool {
    w != s && !stem_prefix(s).is_some_and(|p| w.starts_with(p))
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
            return Err(self.stemmer.stem(word).into_owned());
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
        let stem = self.stemmer.stem(word);
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

/// A token filter replacing each word by its stem, through a `StemCache`.
#[derive(Clone, Copy, Debug)]
pub struct StemFilter;

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = Stems<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Stems<T> {
        Stems {
            inner,
            cache: StemCache::new(SLOTS),
        }
    }
}

#[derive(Clone)]
pub struct Stems<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for Stems<T> {
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

/// The tokens of `text` as the stemmed analyzer gives them, as far as they may equal a
/// term of `wanted`: a word is stemmed only when its first character is the first
/// character of one of those terms, and kept as it is otherwise. English stemming
/// changes only the end of a word, so no other word can stem to one of them; skipping
/// the others spares a search most of the stemming of the hits it shows (tested on the
/// whole corpus vocabulary).
pub fn stems_of(text: &str, wanted: &[&str]) -> Vec<Tok> {
    let firsts: Vec<char> = wanted.iter().filter_map(|t| t.chars().next()).collect();
    let mut toks = tokens(&mut exact(), text);
    if firsts.is_empty() {
        return toks;
    }
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    for t in &mut toks {
        if t.term.chars().next().is_some_and(|c| firsts.contains(&c)) {
            if let std::borrow::Cow::Owned(stem) = stemmer.stem(&t.term) {
                t.term = stem;
            }
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer};

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

    /// tantivy's chain that [`Words`] does in one pass.
    fn tantivy_words() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .build()
    }

    fn same_words(text: &str) {
        assert_eq!(
            tokens(&mut exact(), text),
            tokens(&mut tantivy_words(), text),
            "{text:?}"
        );
    }

    #[test]
    fn words_are_tantivys_simple_tokens_without_long_ones_lower_cased() {
        same_words("");
        same_words("Hello, happy TAX payer! Émigrés' NATO’s 2020-11-09 İstanbul ΣΊΣΥΦΟΣ");
        same_words("a ẞ straße ǅemal ﬁne ①② ٣٤ 中文字 x\u{301}y tab\there\r\nend");
        let long = "x".repeat(39);
        same_words(&format!(
            "{long} {long}y {long}yz ab {}é cd",
            "é".repeat(19)
        ));
        same_words(&format!("{long}Σ Ω"));
    }

    proptest::proptest! {
        #[test]
        fn words_agree_with_tantivys_chain(text in "[a-zA-Z0-9 ,.'’ÉéİıΣσς①中\u{301}ẞ\t\n-]{0,120}") {
            same_words(&text);
        }

        #[test]
        fn words_agree_on_any_text(text in "\\PC{0,80}") {
            same_words(&text);
        }
    }

    #[test]
    fn words_agree_on_the_whole_corpus() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/kremlin-en/txt");
        let Ok(dir) = std::fs::read_dir(&corpus) else {
            eprintln!("SKIPPED: {} is not there", corpus.display());
            return;
        };
        for e in dir.flatten().step_by(7) {
            same_words(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
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
    fn every_word_is_under_its_stem_prefix_or_marked() {
        // Paragraph text is indexed word for word, as the exact analyzer gives them.
        let sample = "Refugees running generously NATO's hoping countries skies lying \
                      possibility was does us used dying uses";
        assert_eq!(terms(text(), sample), terms(exact(), sample));
        let (words, stems) = (terms(exact(), sample), terms(stemmed(), sample));
        let mut marked = Vec::new();
        for (w, s) in words.iter().zip(&stems) {
            assert_eq!(&stem_word(w), s);
            let by_prefix = w == s || stem_prefix(s).is_some_and(|p| w.starts_with(p));
            assert!(by_prefix != is_marked(w, s), "{w} → {s}");
            if is_marked(w, s) {
                marked.push(w.as_str());
            }
        }
        assert_eq!(
            marked,
            [
                "skies",
                "lying",
                "possibility",
                "does",
                "used",
                "dying",
                "uses"
            ]
        );
    }

    #[test]
    fn stem_prefixes() {
        assert_eq!(stem_prefix("refuge"), Some("refug"));
        assert_eq!(stem_prefix("countri"), Some("countr"));
        assert_eq!(stem_prefix("council"), Some("council"));
        assert_eq!(stem_prefix("use"), None);
        assert_eq!(stem_prefix("us"), None);
        assert!(is_marked("dying", "die"));
        assert!(is_marked("uses", "use"));
        assert!(!is_marked("hoping", "hope"));
        assert!(!is_marked("use", "use"));
        assert!(!is_marked("countries", "countri"));
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

#[cfg(test)]
mod first_letter {
    use super::*;

    /// Every word of `text`: its stem starts with its first character, so `stems_of`
    /// finds every word a stemmed term can stand for.
    fn check(text: &str) -> usize {
        let words = tokens(&mut exact(), text);
        for w in &words {
            let s = stem_word(&w.term);
            assert_eq!(s.chars().next(), w.term.chars().next(), "{} → {s}", w.term);
        }
        words.len()
    }

    #[test]
    fn stems_keep_the_first_character() {
        check(
            "dying lying tying vying skies skis yearly yielding young eyed ying \
             generously communism arsenal 'tis ionic ies ied eed ing ly s ss",
        );
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/kremlin-en/txt");
        let Ok(dir) = std::fs::read_dir(&corpus) else {
            eprintln!(
                "SKIPPED (the whole corpus): {} is not there",
                corpus.display()
            );
            return;
        };
        let mut seen = std::collections::HashSet::new();
        let mut words = String::new();
        for e in dir.flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for w in tokens(&mut exact(), &text) {
                if seen.insert(w.term.clone()) {
                    words.push_str(&w.term);
                    words.push(' ');
                }
            }
        }
        assert!(check(&words) > 10_000);
    }

    #[test]
    fn stems_of_gives_the_stems_that_matter() {
        let text = "Refugees and refuge; the refugee's dying words, DIED";
        let all = tokens(&mut stemmed(), text);
        let some = stems_of(text, &["refuge", "die"]);
        assert_eq!(all.len(), some.len());
        for (a, b) in all.iter().zip(&some) {
            assert_eq!((a.from, a.to, a.position), (b.from, b.to, b.position));
            if a.term.starts_with(['r', 'd']) {
                assert_eq!(a.term, b.term);
            }
        }
        assert_eq!(some[1].term, "and");
    }
}
