//! Stemmed search: which indexed words a stemmed word of a query stands for.
//!
//! Paragraph text is indexed once, each word as written ([`analyzer::text`]), and serves
//! exact and stemmed search alike. A stemmed search for stem `s` reads the words of the
//! term dictionary that start with [`stem_prefix`]`(s)` and keeps those whose stem is `s`
//! (`refug` → `refuge`, `refugee`, `refugees`). The rare word that such a scan cannot
//! find — its stem differs from it and it does not start with the stem's prefix (`dying`
//! → `die`, `uses` → `use`: 0.6% of the words here, see [`is_marked`]) — is listed under
//! its stem in the index's [`marks`], made from the term dictionaries after each commit.
//! So every word is found under its stem, and indexing stems nothing: giving such words
//! their stem as a second token would take a stem look-up for every word indexed.
//!
//! [`Stems::forms`] is the one entry point of a query; [`marks::update`] is called after
//! each commit. The stemmer itself, with its cache, is [`StemFilter`] (the stemmed
//! analyzer's filter).
//!
//! [`analyzer::text`]: super::analyzer::text

mod cache;
pub mod marks;

use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::terms::scan_prefix;
use crate::error::Result;
pub use cache::StemFilter;
use marks::Marks;

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
/// [`marks`]: when it would not find it by its prefix (see the module's note).
pub fn is_marked(w: &str, s: &str) -> bool {
    w != s && !stem_prefix(s).is_some_and(|p| w.starts_with(p))
}

/// The English stem of one lower-cased word, American `-ize` spellings stemmed as the
/// British `-ise` ones ([`british`]).
pub fn stem_word(word: &str) -> String {
    frostem::Stemmer::new(frostem::Algorithm::English)
        .stem(&british(word))
        .into_owned()
}

/// American `-ize`, `-ization` (and their forms) spelled the British way, `-ise`,
/// `-isation`, so that stemming makes one word of both: Snowball stems `organization` to
/// `organ` and `organisation` to `organis` (issue 15: 103 and 2,338 paragraphs). The
/// other way round would split `advertise` from `advertisement`, which has no `-ize`
/// spelling. A word whose root before `iz` is shorter than three letters (`size`, `prize`,
/// `seize`) or is a compound of `size` (`SIZE_COMPOUNDS`) is left alone.
pub fn british(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    /// The ends of `-ize` words (none is the end of another).
    const ENDS: [&str; 13] = [
        "izationally",
        "izational",
        "izations",
        "ization",
        "izable",
        "izing",
        "izers",
        "ized",
        "izes",
        "izer",
        "ize",
        "izement",
        "izements",
    ];
    if !word.contains("iz") {
        return Cow::Borrowed(word);
    }
    for end in ENDS {
        if let Some(root) = word.strip_suffix(end) {
            if root.chars().count() < 3 || SIZE_COMPOUNDS.contains(&root) {
                return Cow::Borrowed(word);
            }
            return Cow::Owned(format!("{root}is{}", &end[2..]));
        }
    }
    Cow::Borrowed(word)
}

/// Roots before `ize` that make a compound of `size`, not an `-ize` verb.
const SIZE_COMPOUNDS: [&str; 14] = [
    "caps", "downs", "res", "overs", "unders", "ups", "outs", "supers", "bites", "kings", "lifes",
    "mids", "pints", "fulls",
];

/// The stemmed search of one index's paragraph text: what [`Stems::forms`] needs beyond
/// the searcher. It remembers the index's marks for the last set of segments it was asked
/// about, so that a process running many queries (`rostra bench`) reads them once; a
/// [`Reader`](super::Reader) holds one.
#[derive(Debug)]
pub struct Stems {
    /// The paragraph text field.
    text: Field,
    /// The marks of a set of segments (sorted by id).
    marks: Mutex<Option<(Vec<SegmentId>, Arc<Marks>)>>,
}

impl Stems {
    pub fn new(text: Field) -> Stems {
        Stems {
            text,
            marks: Mutex::new(None),
        }
    }

    /// The words of `searcher`'s paragraph text that stand for `stem` (an analyzed, stemmed
    /// word): those under [`stem_prefix`]`(stem)` whose stem is `stem`, in order, or `stem`
    /// itself when it has no such prefix and is its own stem (whether the index has it or
    /// not); then the marked words of `stem` that the index has. May be empty.
    pub fn forms(&self, searcher: &Searcher, stem: &str) -> Result<Vec<String>> {
        let mut words: Vec<String> = match stem_prefix(stem) {
            Some(prefix) => words_with_stem(searcher, self.text, stem, prefix)?,
            None if stem_word(stem) == stem => vec![stem.to_string()],
            None => vec![],
        };
        let marks = self.marks(searcher)?;
        for w in marks.words(stem) {
            let term = Term::from_field_text(self.text, w);
            if !words.iter().any(|x| x == w) && searcher.doc_freq(&term)? > 0 {
                words.push(w.to_string());
            }
        }
        Ok(words)
    }

    /// The marks of every segment of `searcher` (see [`Marks::of`]), remembered.
    fn marks(&self, searcher: &Searcher) -> Result<Arc<Marks>> {
        let segments = searcher.segment_readers();
        let mut remembered = self.marks.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((ids, marks)) = &*remembered {
            let same = ids.len() == segments.len()
                && segments
                    .iter()
                    .all(|s| ids.binary_search(&s.segment_id()).is_ok());
            if same {
                return Ok(marks.clone());
            }
        }
        let marks = Arc::new(Marks::of(searcher, self.text)?);
        let mut ids: Vec<SegmentId> = segments.iter().map(|s| s.segment_id()).collect();
        ids.sort();
        *remembered = Some((ids, marks.clone()));
        Ok(marks)
    }
}

/// The closed-up hyphenated compounds of the `joined` field whose stem is `stem`
/// (`multipolar` for `multi-polar`). They are few (a compound is rare), and no marks list
/// them: those under the stem's first three characters are stemmed (a stem keeps a word's
/// first character, and English stemming changes only its end), which finds a compound
/// whose stem is not a prefix of it too (`well-organized` → `wellorganis`).
pub fn compounds(searcher: &Searcher, joined: Field, stem: &str) -> Result<Vec<String>> {
    let cut = stem
        .char_indices()
        .nth(MIN_STEM_PREFIX)
        .map_or(stem.len(), |(i, _)| i);
    words_with_stem(searcher, joined, stem, &stem[..cut])
}

/// The words of field `f` in any segment that start with `prefix` and whose stem is
/// `stem`, in order.
fn words_with_stem(searcher: &Searcher, f: Field, stem: &str, prefix: &str) -> Result<Vec<String>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut words = Vec::new();
    scan_prefix(searcher, f, prefix, |key, _| {
        // Segments mostly share their words: stem each one once.
        if let Err(at) = seen.binary_search_by(|k| k.as_slice().cmp(key)) {
            seen.insert(at, key.to_vec());
            if let Ok(w) = std::str::from_utf8(key) {
                if stem_word(w) == stem {
                    words.push(w.to_string());
                }
            }
        }
        true
    })?;
    words.sort();
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::analyzer::{exact, stemmed, text, tokens};
    use tantivy::tokenizer::TextAnalyzer;

    fn terms(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        tokens(&mut a, text).into_iter().map(|t| t.term).collect()
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
    fn ize_and_ise_are_one_word() {
        for (us, uk) in [
            ("organization", "organisation"),
            ("organizations", "organisations"),
            ("organize", "organise"),
            ("organized", "organised"),
            ("realizing", "realising"),
            ("recognizes", "recognises"),
            ("civilizational", "civilisational"),
        ] {
            assert_eq!(stem_word(us), stem_word(uk), "{us}");
            assert_eq!(british(us), uk);
        }
        // Not `-ize` verbs: left as they are.
        for w in [
            "size",
            "prize",
            "seize",
            "capsized",
            "downsizing",
            "citizen",
            "organ",
        ] {
            assert_eq!(british(w), w);
        }
        // `organization` no longer stems with `organ`.
        assert_ne!(stem_word("organization"), stem_word("organ"));
        assert_eq!(stem_word("advertise"), stem_word("advertises"));
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

    /// An index in RAM of `texts`, one paragraph text each, committed in one segment per
    /// text (so that words repeat across segments), with or without its marks file.
    fn index(texts: &[&str], with_marks: bool) -> crate::index::Reader {
        let (index, fields) = crate::index::create_in_ram();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for t in texts {
            w.add_document(tantivy::doc!(fields.text => *t)).unwrap();
            w.commit().unwrap();
        }
        if with_marks {
            marks::update(&index, fields.text).unwrap();
        }
        crate::index::Reader::new(index, fields).unwrap()
    }

    #[test]
    fn a_stem_stands_for_its_words_under_its_prefix_and_its_marked_words() {
        let texts = [
            "Refugees and a refuge; refugee camps",
            "dying refugees died, uses",
            "the use of refugium, we used",
        ];
        for with_marks in [true, false] {
            let r = index(&texts, with_marks);
            let (stems, searcher) = (r.stems(), r.searcher());
            // `refuge` itself stems to `refug`.
            assert_eq!(
                stems.forms(&searcher, "refuge").unwrap(),
                ["refugee", "refugees"]
            );
            assert_eq!(stems.forms(&searcher, "refug").unwrap(), ["refuge"]);
            // `die`: no prefix to scan under, and its own stem, so kept (the index has
            // no `die`), then its marked words.
            assert_eq!(
                stems.forms(&searcher, "die").unwrap(),
                ["die", "died", "dying"]
            );
            // `use` likewise, and the index has it.
            assert_eq!(
                stems.forms(&searcher, "use").unwrap(),
                ["use", "used", "uses"]
            );
            assert!(stems.forms(&searcher, "camel").unwrap().is_empty());
            // Asked again: the remembered marks give the same.
            assert_eq!(
                stems.forms(&searcher, "use").unwrap(),
                ["use", "used", "uses"]
            );
        }
    }
}
