//! Tokenizers shared by indexing, querying and highlighting, so that all three agree on
//! what a word is.

use tantivy::tokenizer::{
    TextAnalyzer, TextAnalyzerBuilder, Token, TokenStream, Tokenizer, TokenizerManager,
};

use super::stems::StemFilter;

/// English-stemmed words (`refugees` → `refuge`): queries and highlighting of stemmed
/// searches, and the page records' title, place and tags.
pub const STEMMED: &str = "rostra_stem";
/// Name tokens (`al-Assad` → `al`, `assad`).
pub const NAME: &str = "rostra_name";
/// Paragraph text as indexed: every word as written, lower-cased (see [`text`]).
pub const TEXT: &str = "rostra_text";
/// The hyphenated compounds of paragraph text, closed up (see [`joined`]).
pub const JOINED: &str = "rostra_joined";
/// Facet terms (`party=HDZ`): whole, lower-cased, so `--where party=hdz` finds them.
pub const FACET: &str = "rostra_facet";

/// What a word is, for every analyzer: a run of letters and digits (`char::is_alphanumeric`)
/// shorter than 40 bytes, lower-cased (see [`Words`]).
fn words() -> TextAnalyzerBuilder<Words> {
    TextAnalyzer::builder(Words::default())
}

/// A word this long (in bytes) or longer is not a word: it is skipped, its position too.
pub const WORD_LIMIT: usize = 40;

/// tantivy's `SimpleTokenizer`, `RemoveLongFilter::limit(40)` and `LowerCaser` in one pass:
/// the same tokens, offsets and positions (tested against that chain), without three
/// token streams, a `String` copy of every word before its length is checked, and a
/// Unicode `is_alphanumeric` test on every ASCII byte (the figures are in
/// `benches/RESULTS.md`).
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

/// The paragraph text analyzer: each word `w` gives the token `w`, so one field serves
/// both exact search (which looks `w` up) and stemmed search (which looks a stem's words
/// up in the term dictionary: see [`stems`](super::stems)).
pub fn text() -> TextAnalyzer {
    words().build()
}

/// The hyphenated compounds of a text closed up, each one token (`multi-polar` →
/// `multipolar`) at the position of its last part, so that a phrase going on after it
/// (`"multipolar world"`) meets its next word; a stemmed search looks a word up here too,
/// so that `multipolar` finds `multi-polar` (issue 15), and an exact one does not.
pub fn joined() -> TextAnalyzer {
    TextAnalyzer::builder(Joined::default()).build()
}

/// Register rostra's analyzers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, stemmed());
    manager.register(NAME, exact());
    manager.register(TEXT, text());
    manager.register(JOINED, joined());
    manager.register(
        FACET,
        TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .build(),
    );
}

/// A hyphen joining the parts of a compound: `-`, and Unicode's hyphen and non-breaking
/// hyphen (not the dashes: `2014–2016` is a range).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `text` may have a hyphenated compound (a cheap test before [`compounds`]).
pub fn has_hyphen(text: &str) -> bool {
    memchr::memchr(b'-', text.as_bytes()).is_some() || text.contains(['\u{2010}', '\u{2011}'])
}

/// The compounds of `text`: runs of two words or more, each starting with a letter, joined
/// by one hyphen each; as one token of their parts' words, from the first part's start to
/// the last part's end, at the last part's position. A compound as long as a word may be
/// ([`WORD_LIMIT`]) or longer is left out.
pub fn compounds(text: &str) -> Vec<Tok> {
    if !has_hyphen(text) {
        return Vec::new();
    }
    let words = tokens(&mut exact(), text);
    let joins = |a: &Tok, b: &Tok| {
        let mut between = text[a.to..b.from].chars();
        b.position == a.position + 1
            && between.next().is_some_and(is_hyphen)
            && between.next().is_none()
    };
    let starts_with_letter = |t: &Tok| t.term.chars().next().is_some_and(char::is_alphabetic);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j + 1 < words.len() && joins(&words[j], &words[j + 1]) {
            j += 1;
        }
        let run = &words[i..=j];
        if run.len() > 1 && run.iter().all(starts_with_letter) {
            let term: String = run.iter().map(|t| t.term.as_str()).collect();
            if term.len() < WORD_LIMIT {
                out.push(Tok {
                    term,
                    from: run[0].from,
                    to: run[run.len() - 1].to,
                    position: run[run.len() - 1].position,
                });
            }
        }
        i = j + 1;
    }
    out
}

/// The tokenizer of [`joined`]: the [`compounds`] of a text.
#[derive(Clone, Default)]
pub struct Joined {
    tokens: Vec<Token>,
}

pub struct JoinedStream<'a> {
    tokens: &'a mut Vec<Token>,
    /// One past the current token.
    at: usize,
}

impl Tokenizer for Joined {
    type TokenStream<'a> = JoinedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> JoinedStream<'a> {
        self.tokens.clear();
        self.tokens
            .extend(compounds(text).into_iter().map(|t| Token {
                offset_from: t.from,
                offset_to: t.to,
                position: t.position,
                text: t.term,
                position_length: 1,
            }));
        JoinedStream {
            tokens: &mut self.tokens,
            at: 0,
        }
    }
}

impl TokenStream for JoinedStream<'_> {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
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
///
/// The [`compounds`] of the text come too, each after its last part, as a stemmed search
/// finds them.
pub fn stems_of(text: &str, wanted: &[&str]) -> Vec<Tok> {
    let firsts: Vec<char> = wanted.iter().filter_map(|t| t.chars().next()).collect();
    let mut toks = tokens(&mut exact(), text);
    let compounds = compounds(text);
    if !compounds.is_empty() {
        let mut all = Vec::with_capacity(toks.len() + compounds.len());
        let mut c = compounds.into_iter().peekable();
        for t in toks {
            let position = t.position;
            all.push(t);
            while c.peek().is_some_and(|x| x.position == position) {
                all.push(c.next().expect("peeked"));
            }
        }
        toks = all;
    }
    if firsts.is_empty() {
        return toks;
    }
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    for t in &mut toks {
        if t.term.chars().next().is_some_and(|c| firsts.contains(&c)) {
            let stem = {
                let word = super::stems::british(&t.term);
                let stem = stemmer.stem(&word);
                (*stem != *t.term).then(|| stem.into_owned())
            };
            if let Some(stem) = stem {
                t.term = stem;
            }
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

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
    #[ignore = "needs ../shared/corpus"]
    fn words_agree_on_the_whole_corpus() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/kremlin-en/txt");
        let dir =
            std::fs::read_dir(&corpus).unwrap_or_else(|e| panic!("{}: {e}", corpus.display()));
        for e in dir.flatten().step_by(7) {
            same_words(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
}

#[cfg(test)]
mod first_letter {
    use super::*;
    use crate::index::stems::stem_word;

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
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn stems_keep_the_first_character_over_the_corpus() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/kremlin-en/txt");
        let dir =
            std::fs::read_dir(&corpus).unwrap_or_else(|e| panic!("{}: {e}", corpus.display()));
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
