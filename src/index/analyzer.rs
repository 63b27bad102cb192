//! Tokenizers shared by indexing, querying and highlighting, so that all three agree on
//! what a word is.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
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
        .filter(Stemmer::new(Language::English))
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
