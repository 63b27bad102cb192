//! Languages of paragraph text (index stage): how the words of each language are searched.
//!
//! A paragraph's language is its source's `xml:lang` (TEI) or English when the source does
//! not say (every other reader). English is stemmed as rostra always did (the forms of a
//! stem looked up in the term dictionary, see [`super::stems`]); a language tantivy has a
//! Snowball stemmer for (`fr`, `de`, `ru`, `es`, …) is stemmed with it, its stems indexed
//! in the `stem` field ([`Fields::stem`](super::Fields::stem)) beside the words; any other
//! language (`hr`, the ParlaMint XX sample) is searched by its exact word forms, since
//! an English stemmer would take Croatian endings off by English rules. The index keeps
//! each paragraph's language in the `lang` field, so a query expands a word per language
//! over that language's paragraphs only (`query::compile`).

use frostem::Algorithm;

/// The language of a paragraph that does not say.
pub const DEFAULT: &str = "en";

/// How the words of one language are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemming {
    /// English stemming, as for every English index (`-ize` as `-ise`, compounds closed up).
    English,
    /// Another language's Snowball stemmer, named (`french`).
    Snowball(Algorithm, &'static str),
    /// No stemmer for the language: its word forms as written (lower-cased).
    Exact,
}

impl Stemming {
    /// How `rostra parse`, `search --explain` and the JSON summary say it.
    pub fn describe(self) -> String {
        match self {
            Stemming::English => "stemmed (English)".to_string(),
            Stemming::Snowball(_, name) => format!("stemmed ({name} Snowball)"),
            Stemming::Exact => "exact word forms (no stemmer for this language)".to_string(),
        }
    }
}

/// The code a paragraph of `xml:lang` value `lang` is indexed under: its primary subtag,
/// lower-cased (`en-GB` → `en`, `HR` → `hr`); the three-letter codes of the stemmed
/// languages as their two-letter ones (`eng` → `en`); [`DEFAULT`] when not given or empty.
pub fn code(lang: Option<&str>) -> String {
    let Some(l) = lang.map(str::trim).filter(|l| !l.is_empty()) else {
        return DEFAULT.to_string();
    };
    let base = l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase();
    let two = match base.as_str() {
        "ara" => "ar",
        "dan" => "da",
        "nld" | "dut" => "nl",
        "eng" => "en",
        "fin" => "fi",
        "fra" | "fre" => "fr",
        "deu" | "ger" => "de",
        "ell" | "gre" => "el",
        "hun" => "hu",
        "ita" => "it",
        "nor" | "nob" | "nno" | "nb" | "nn" => "no",
        "por" => "pt",
        "ron" | "rum" => "ro",
        "rus" => "ru",
        "spa" => "es",
        "swe" => "sv",
        "tam" => "ta",
        "tur" => "tr",
        _ => return base,
    };
    two.to_string()
}

/// How the words of language `code` (as [`code`] gives it) are searched: English, one of
/// tantivy's Snowball stemmers (`tantivy::tokenizer::Language`), or exact forms.
pub fn stemming(code: &str) -> Stemming {
    let (a, name) = match code {
        "en" => return Stemming::English,
        "ar" => (Algorithm::Arabic, "Arabic"),
        "da" => (Algorithm::Danish, "Danish"),
        "nl" => (Algorithm::Dutch, "Dutch"),
        "fi" => (Algorithm::Finnish, "Finnish"),
        "fr" => (Algorithm::French, "French"),
        "de" => (Algorithm::German, "German"),
        "el" => (Algorithm::Greek, "Greek"),
        "hu" => (Algorithm::Hungarian, "Hungarian"),
        "it" => (Algorithm::Italian, "Italian"),
        "no" => (Algorithm::Norwegian, "Norwegian"),
        "pt" => (Algorithm::Portuguese, "Portuguese"),
        "ro" => (Algorithm::Romanian, "Romanian"),
        "ru" => (Algorithm::Russian, "Russian"),
        "es" => (Algorithm::Spanish, "Spanish"),
        "sv" => (Algorithm::Swedish, "Swedish"),
        "ta" => (Algorithm::Tamil, "Tamil"),
        "tr" => (Algorithm::Turkish, "Turkish"),
        _ => return Stemming::Exact,
    };
    Stemming::Snowball(a, name)
}

/// The Snowball stem of each word of `words` (lower-cased words, as the text analyzer
/// gives them) in language `a`.
pub fn snowball_stems<'a>(a: Algorithm, words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let stemmer = frostem::Stemmer::new(a);
    words.map(|w| stemmer.stem(w).into_owned()).collect()
}

/// The stemmed tokens of `text` in Snowball language `a`: the text analyzer's words (the
/// same offsets and positions), each its stem; what the `stem` field indexes.
pub fn snowball_tokens(a: Algorithm, text: &str) -> Vec<super::analyzer::Tok> {
    let stemmer = frostem::Stemmer::new(a);
    let mut toks = super::analyzer::tokens(&mut super::analyzer::exact(), text);
    for t in &mut toks {
        let stem = stemmer.stem(&t.term);
        if *stem != *t.term {
            t.term = stem.into_owned();
        }
    }
    toks
}

/// Add to `doc`'s `stem` field the Snowball stems of `text` when `code` has a stemmer
/// (see [`snowball_tokens`]); nothing for English and for languages without one.
pub fn add_stems(
    doc: &mut tantivy::TantivyDocument,
    stem: tantivy::schema::Field,
    code: &str,
    text: &str,
) {
    let Stemming::Snowball(a, _) = stemming(code) else {
        return;
    };
    let tokens = snowball_tokens(a, text)
        .into_iter()
        .map(|t| tantivy::tokenizer::Token {
            offset_from: t.from,
            offset_to: t.to,
            position: t.position,
            text: t.term,
            position_length: 1,
        })
        .collect();
    doc.add_pre_tokenized_text(
        stem,
        tantivy::tokenizer::PreTokenizedString {
            text: text.to_string(),
            tokens,
        },
    );
}

/// The languages of the paragraphs of `searcher`'s index, sorted (from the `lang` field's
/// term dictionaries: a handful of terms).
pub fn present(
    searcher: &tantivy::Searcher,
    lang: tantivy::schema::Field,
) -> crate::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    super::terms::scan_prefix(searcher, lang, "", |key, _| {
        if let Ok(l) = std::str::from_utf8(key) {
            if let Err(at) = out.binary_search_by(|x| x.as_str().cmp(l)) {
                out.insert(at, l.to_string());
            }
        }
        true
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_primary_subtags_lower_cased() {
        assert_eq!(code(None), "en");
        assert_eq!(code(Some("")), "en");
        assert_eq!(code(Some("en-GB")), "en");
        assert_eq!(code(Some("eng")), "en");
        assert_eq!(code(Some("HR")), "hr");
        assert_eq!(code(Some("sr-Latn")), "sr");
        assert_eq!(code(Some("fra")), "fr");
    }

    #[test]
    fn english_snowball_or_exact() {
        assert_eq!(stemming("en"), Stemming::English);
        assert!(matches!(stemming("fr"), Stemming::Snowball(_, "French")));
        assert!(matches!(stemming("de"), Stemming::Snowball(_, "German")));
        assert!(matches!(stemming("ru"), Stemming::Snowball(_, "Russian")));
        assert_eq!(stemming("hr"), Stemming::Exact);
        assert_eq!(stemming("sl"), Stemming::Exact);
        assert!(stemming("hr").describe().starts_with("exact word forms"));
    }

    #[test]
    fn snowball_tokens_keep_the_words_places() {
        let text = "Les députés, le député: chevaux";
        let toks = snowball_tokens(Algorithm::French, text);
        let words = super::super::analyzer::tokens(&mut super::super::analyzer::exact(), text);
        assert_eq!(toks.len(), words.len());
        for (s, w) in toks.iter().zip(&words) {
            assert_eq!((s.from, s.to, s.position), (w.from, w.to, w.position));
        }
        // The plural and the singular are one stem; `chevaux` is `cheval`'s plural.
        assert_eq!(toks[1].term, toks[3].term);
        assert_eq!(
            snowball_stems(Algorithm::French, ["chevaux", "cheval"].into_iter()),
            ["cheval", "cheval"]
        );
        // German: plural and singular.
        let de = snowball_stems(
            Algorithm::German,
            ["abgeordneten", "abgeordnete"].into_iter(),
        );
        assert_eq!(de[0], de[1]);
    }
}
