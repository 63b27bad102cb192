//! [`Node`] tree → tantivy query, with the patterns a hit's text is highlighted by.
//!
//! Each word goes through the same analyzer as the field it searches, so `Refugees`
//! finds `refugee`, and `medium-sized` becomes the phrase `medium sized`.

use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::expand::{self, MAX_EXPANSIONS, MAX_TOTAL_EXPANSIONS};
use super::parse::{Form, Node};
use super::phrase::{any_term, nothing, phrase};
use super::{filter, Request};
use crate::error::{Error, Result};
use crate::index::lang::{self, Stemming};
use crate::index::stems::{self, Stems};
use crate::index::{analyzer, pages, Fields, Reader};

/// What the highlighter looks for in a hit's text, in analyzed terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    Term(String),
    /// Any of these exact (unstemmed) terms: an expanded `prefix*`, wildcard, fuzzy or
    /// regex word.
    AnyOf(Vec<String>),
    Phrase {
        terms: Vec<String>,
        slop: u32,
    },
    Near {
        left: String,
        right: String,
        distance: u32,
    },
}

/// What the highlighter looks for in the paragraphs of one language.
#[derive(Debug, Clone)]
pub struct LangPatterns {
    /// The language (`hr`); `None`: every paragraph the query finds.
    pub lang: Option<String>,
    /// How the stemmed patterns were stemmed (a hit's text is stemmed the same way).
    pub stemming: Stemming,
    /// Patterns over stemmed text terms.
    pub stemmed: Vec<Pattern>,
    /// Patterns over exact (lower-cased) text terms.
    pub exact: Vec<Pattern>,
}

/// A query ready to run.
pub struct Compiled {
    pub query: Box<dyn Query>,
    /// The patterns of each language searched: one group for every paragraph (an index of
    /// one language, `--exact`, `--lang`), or one a language when a stemmed word was
    /// expanded per language.
    pub patterns: Vec<LangPatterns>,
    /// The languages searched and how (`("hr", "exact word forms …")`), as `--explain`
    /// and the JSON summary say them.
    pub languages: Vec<(String, String)>,
    /// Things the user should know (an expansion cut short, or that found no word).
    pub notes: Vec<String>,
    /// The query as parsed, every group in parentheses (see [`Node`]'s `Display`).
    pub parsed: String,
    /// The request's filters, as `query` applies them (`stats` counts the words inside
    /// them): compiled once, since a speaker filter looks its voices up in the index.
    pub filters: filter::FilterSet,
    /// `--case-sensitive`: the query's words, whose case a match must have (set by the
    /// command; [`crate::hits::highlight::spans`] drops the spans without it).
    pub case: Option<Vec<String>>,
}

impl Compiled {
    /// Whether the query has words of the paragraph text to highlight: a query of page or
    /// voice clauses only (`title:syria`, `speaker:putin`) matches whole paragraphs.
    pub fn has_text_patterns(&self) -> bool {
        self.patterns
            .iter()
            .any(|g| !g.stemmed.is_empty() || !g.exact.is_empty())
    }

    /// The patterns for a paragraph of language `lang` (its `lang` field; `None` for a
    /// paragraph that has none).
    pub fn patterns_for(&self, lang: Option<&str>) -> Option<&LangPatterns> {
        let lang = lang.unwrap_or(lang::DEFAULT);
        self.patterns
            .iter()
            .find(|g| g.lang.as_deref() == Some(lang))
            .or_else(|| self.patterns.iter().find(|g| g.lang.is_none()))
    }
}

/// Compile a request against `searcher`, one of `reader`'s (its term dictionaries expand
/// prefixes and stems).
///
/// The index's languages ([`lang::present`]) decide how paragraph words are searched: an
/// index of one language is searched as that language is (English stemmed, as always);
/// in an index of several, each language gets its own expansion of the query, restricted
/// to its paragraphs, and a paragraph matches its language's. `--lang` (`req.lang`)
/// searches one language's paragraphs only; a language the index does not have is an
/// error naming those it has.
pub fn compile(req: &Request, reader: &Reader, searcher: &Searcher) -> Result<Compiled> {
    let node = super::parse(&req.query)?;
    let fields = &reader.fields;
    let present = lang::present(searcher, fields.lang)?;
    let searched: Vec<String> = match &req.lang {
        Some(l) => {
            let code = lang::code(Some(l));
            if !present.contains(&code) {
                let has = if present.is_empty() {
                    "none".to_string()
                } else {
                    present.join(", ")
                };
                return Err(Error::Query(format!(
                    "--lang {l}: the index has no paragraph in '{code}'; its languages: {has}"
                )));
            }
            vec![code]
        }
        None if present.is_empty() => vec![lang::DEFAULT.to_string()],
        None => present.clone(),
    };
    // A language clause only where the index has paragraphs of other languages.
    let restrict = present.len() > 1;
    let mut out = Compiled {
        query: Box::new(EmptyQuery),
        patterns: vec![],
        languages: vec![],
        notes: vec![],
        parsed: node.to_string(),
        filters: filter::FilterSet::default(),
        case: None,
    };
    let how = |code: &str| {
        if req.exact {
            "exact word forms (--exact)".to_string()
        } else {
            lang::stemming(code).describe()
        }
    };
    out.languages = searched.iter().map(|l| (l.clone(), how(l))).collect();
    let q = if req.exact || searched.len() == 1 {
        // One expansion for every paragraph searched.
        let stemming = match req.exact {
            true => Stemming::Exact,
            false => lang::stemming(&searched[0]),
        };
        let (q, group) = expand_in(&node, req, reader, searcher, stemming, &mut out.notes)?;
        out.patterns.push(group);
        q
    } else {
        let mut clauses = Vec::new();
        for l in &searched {
            let stemming = lang::stemming(l);
            let (q, mut group) = expand_in(&node, req, reader, searcher, stemming, &mut out.notes)?;
            group.lang = Some(l.clone());
            out.patterns.push(group);
            clauses.push((Occur::Should, in_language(fields, q, l)));
        }
        Box::new(BooleanQuery::new(clauses))
    };
    out.filters = req.filters.compile(fields, searcher)?;
    if restrict && req.lang.is_some() {
        // A filter, not a clause of the query: `stats` counts the words of the language's
        // paragraphs only, as it does inside the other filters.
        out.filters.only_lang(fields, &searched[0]);
    }
    out.notes.append(&mut out.filters.notes);
    out.query = filter::apply(q, &out.filters);
    Ok(out)
}

/// `q` over the paragraphs of language `code` only (an unscored clause: the score is
/// `q`'s).
fn in_language(f: &Fields, q: Box<dyn Query>, code: &str) -> Box<dyn Query> {
    let lang = ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_text(f.lang, code),
            IndexRecordOption::Basic,
        )),
        0.0,
    );
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, q),
        (Occur::Must, Box::new(lang)),
    ]))
}

/// The query of `node` with paragraph words searched as `stemming` says, and its
/// patterns; its notes added to `notes` (each once).
fn expand_in(
    node: &Node,
    req: &Request,
    reader: &Reader,
    searcher: &Searcher,
    stemming: Stemming,
    notes: &mut Vec<String>,
) -> Result<(Box<dyn Query>, LangPatterns)> {
    let mut b = Builder {
        f: &reader.fields,
        searcher,
        stems: reader.stems(),
        exact: req.exact || stemming == Stemming::Exact,
        stemming,
        stem: analyzer::stemmed(),
        plain: analyzer::exact(),
        stemmed: vec![],
        exact_patterns: vec![],
        notes: vec![],
        expanded: 0,
    };
    let q = b.node(node, true)?;
    for n in b.notes {
        if !notes.contains(&n) {
            notes.push(n);
        }
    }
    Ok((
        q,
        LangPatterns {
            lang: None,
            stemming,
            stemmed: b.stemmed,
            exact: b.exact_patterns,
        },
    ))
}

struct Builder<'a> {
    f: &'a Fields,
    searcher: &'a Searcher,
    stems: &'a Stems,
    /// Paragraph words by their exact forms (`--exact`, or a language without a stemmer).
    exact: bool,
    /// How paragraph words are stemmed when not `exact`.
    stemming: Stemming,
    stem: TextAnalyzer,
    plain: TextAnalyzer,
    /// Patterns over stemmed text terms.
    stemmed: Vec<Pattern>,
    /// Patterns over exact (lower-cased) text terms.
    exact_patterns: Vec<Pattern>,
    /// Things the user should know (an expansion cut short, or that found no word).
    notes: Vec<String>,
    /// Words the prefixes so far expanded to.
    expanded: usize,
}

/// How a field's words are analyzed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Analysis {
    /// English stemming: a stem stands for the words of the term dictionary that have it.
    Stemmed,
    /// Another language's Snowball stems, indexed as such (the `stem` field).
    Snowball(frostem::Algorithm),
    Exact,
    /// One untokenized term (`transcript:57488`).
    Raw,
}

impl Builder<'_> {
    /// The field a clause searches, how it is analyzed, and whether it is paragraph text.
    fn field(&self, name: Option<&str>) -> Result<(Field, Analysis, bool)> {
        // Title, place and tags are indexed on page documents only, speaker, role and label
        // on voice documents (see `on_records`).
        let f = self.f;
        let text = match (self.exact, self.stemming) {
            (true, _) | (_, Stemming::Exact) => (f.text, Analysis::Exact, true),
            (false, Stemming::English) => (f.text, Analysis::Stemmed, true),
            (false, Stemming::Snowball(a, _)) => (f.stem, Analysis::Snowball(a), true),
        };
        Ok(match name {
            None | Some("text") => text,
            Some("title") => (f.title, Analysis::Stemmed, false),
            Some("place") => (f.place, Analysis::Stemmed, false),
            Some("role") => (f.role_words, Analysis::Stemmed, false),
            Some("topic") | Some("topics") => (f.topic, Analysis::Stemmed, false),
            Some("geography") => (f.geography, Analysis::Stemmed, false),
            Some("speaker") => (f.speaker_name, Analysis::Exact, false),
            Some("label") => (f.label_words, Analysis::Exact, false),
            Some("transcript") | Some("id") => (f.transcript, Analysis::Raw, false),
            Some(other) => {
                return Err(Error::Query(format!(
                    "unknown field '{other}:'; fields are text, title, place, role, topic, geography, speaker, label, transcript"
                )))
            }
        })
    }

    fn analyze(&mut self, a: Analysis, text: &str) -> Vec<String> {
        match a {
            Analysis::Stemmed => analyzer::tokens(&mut self.stem, text)
                .into_iter()
                .map(|t| t.term)
                .collect(),
            Analysis::Exact => analyzer::tokens(&mut self.plain, text)
                .into_iter()
                .map(|t| t.term)
                .collect(),
            Analysis::Snowball(alg) => {
                let words = analyzer::tokens(&mut self.plain, text);
                lang::snowball_stems(alg, words.iter().map(|t| t.term.as_str()))
            }
            Analysis::Raw => vec![text.to_string()],
        }
    }

    fn patterns(&mut self, a: Analysis) -> &mut Vec<Pattern> {
        match a {
            Analysis::Exact => &mut self.exact_patterns,
            _ => &mut self.stemmed,
        }
    }

    /// `positive`: this clause adds matches (not under a `-`), so it is highlighted.
    fn node(&mut self, n: &Node, positive: bool) -> Result<Box<dyn Query>> {
        match n {
            Node::Word {
                field,
                text,
                form: Form::Plain,
            } => self.words(field.as_deref(), text, 0, positive),
            Node::Word { field, text, form } => {
                self.expansion(field.as_deref(), text, *form, positive)
            }
            Node::Phrase { field, text, slop } => {
                self.words(field.as_deref(), text, *slop, positive)
            }
            Node::Near {
                left,
                right,
                distance,
            } => self.near(left, right, *distance, positive),
            Node::And { must, must_not } => {
                let mut clauses = Vec::new();
                for m in must {
                    clauses.push((Occur::Must, self.node(m, positive)?));
                }
                for m in must_not {
                    clauses.push((Occur::MustNot, self.node(m, false)?));
                }
                if must.is_empty() {
                    clauses.push((Occur::Must, filter::paragraphs(self.f)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(alts) => {
                let mut clauses = Vec::new();
                for a in alts {
                    clauses.push((Occur::Should, self.node(a, positive)?));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }

    fn words(
        &mut self,
        field: Option<&str>,
        text: &str,
        slop: u32,
        positive: bool,
    ) -> Result<Box<dyn Query>> {
        if let Some(q) = self.facet_clause(field, text)? {
            return Ok(q);
        }
        let (f, a, is_text) = self.field(field)?;
        if a != Analysis::Raw {
            check_length(text, text)?;
        }
        let terms = self.analyze(a, text);
        if terms.is_empty() {
            return Err(no_word(text));
        }
        if positive && is_text {
            let p = if terms.len() == 1 {
                Pattern::Term(terms[0].clone())
            } else {
                Pattern::Phrase {
                    terms: terms.clone(),
                    slop,
                }
            };
            self.patterns(a).push(p);
        }
        let positions = terms
            .iter()
            .map(|t| self.alternatives(f, a, is_text, t))
            .collect::<Result<Vec<_>>>()?;
        let q = if positions.len() == 1 {
            any_term(positions.into_iter().next().expect("one"))
        } else {
            phrase(f, positions, slop)
        };
        // A hyphenated compound is also its closed form in stemmed search: `multi-polar`
        // finds `multipolar` (and `multi-polar`, through the phrase of its parts).
        let q = match self.closed_form(a, is_text, slop, text) {
            Some(closed) => {
                let stem = self.analyze(Analysis::Stemmed, &closed).pop();
                let Some(stem) = stem else {
                    return self.on_records(f, q);
                };
                if positive {
                    self.patterns(a).push(Pattern::Term(stem.clone()));
                }
                let alone = any_term(self.alternatives(f, a, is_text, &stem)?);
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, q),
                    (Occur::Should, alone),
                ]))
            }
            None => q,
        };
        self.on_records(f, q)
    }

    /// The closed form of a word of stemmed paragraph text that is one hyphenated compound
    /// (`multi-polar` → `multipolar`).
    fn closed_form(&self, a: Analysis, is_text: bool, slop: u32, text: &str) -> Option<String> {
        if a != Analysis::Stemmed || !is_text || slop != 0 || text.contains(char::is_whitespace) {
            return None;
        }
        let mut c = analyzer::compounds(text);
        let words = analyzer::tokens(&mut analyzer::exact(), text);
        let whole = c.len() == 1
            && words.first().is_some_and(|w| w.from == c[0].from)
            && words.last().is_some_and(|w| w.to == c[0].to);
        whole.then(|| c.pop().expect("one").term)
    }

    /// `party:hdz`, `country:"United States"`: a clause on a facet the index has (a name
    /// that is not a field), the paragraphs with that value (any case), unscored, as
    /// `--where` finds them. `None` for a field's clause, or a name no paragraph has (which
    /// is then an unknown field).
    fn facet_clause(&self, field: Option<&str>, text: &str) -> Result<Option<Box<dyn Query>>> {
        const FIELDS: &[&str] = &[
            "text",
            "title",
            "place",
            "role",
            "topic",
            "topics",
            "geography",
            "speaker",
            "label",
            "transcript",
            "id",
        ];
        let Some(name) = field.filter(|n| !FIELDS.contains(n)) else {
            return Ok(None);
        };
        if crate::transcript::facet::check_name(name).is_err() {
            return Ok(None);
        }
        let mut known = false;
        crate::index::terms::scan_prefix(
            self.searcher,
            self.f.facet,
            &format!("{name}="),
            |_, _| {
                known = true;
                false
            },
        )?;
        if !known {
            return Ok(None);
        }
        let term = filter::facet_term(self.f, name, text);
        Ok(Some(Box::new(ConstScoreQuery::new(
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            0.0,
        ))))
    }

    /// The indexed terms that stand for analyzed word `t` of field `f`: for stemmed
    /// paragraph text, where `t` is a stem, its [`Stems::forms`]; else `t`. When the index
    /// has no form of a stem, a term no paragraph has ([`nothing`]), so that a missing word
    /// is still a query that matches nothing.
    fn alternatives(&mut self, f: Field, a: Analysis, is_text: bool, t: &str) -> Result<Vec<Term>> {
        if !(is_text && a == Analysis::Stemmed) {
            return Ok(vec![Term::from_field_text(f, t)]);
        }
        let words = self.stems.forms(self.searcher, t)?;
        let mut terms: Vec<Term> = if words.is_empty() {
            // The text's term first: a word is scored with its field norms.
            vec![Term::from_field_text(f, &nothing(t))]
        } else {
            words.iter().map(|w| Term::from_field_text(f, w)).collect()
        };
        let joined = self.f.joined;
        for w in stems::compounds(self.searcher, joined, t)? {
            terms.push(Term::from_field_text(joined, &w));
        }
        Ok(terms)
    }

    /// A query on a field that only page documents index (title, place, topic,
    /// geography) → the paragraphs of the pages it finds; on a field that only voice
    /// documents index (speaker, role, label) → the paragraphs of the voices it finds;
    /// all with the same score. Other queries are returned as they are.
    fn on_records(&self, f: Field, q: Box<dyn Query>) -> Result<Box<dyn Query>> {
        let voice_fields = [self.f.speaker_name, self.f.role_words, self.f.label_words];
        if voice_fields.contains(&f) {
            let by_speaker = f == self.f.speaker_name;
            return filter::voice_paragraphs(self.searcher, self.f, q.as_ref(), by_speaker);
        }
        let page_fields = [self.f.title, self.f.place, self.f.topic, self.f.geography];
        if !page_fields.contains(&f) {
            return Ok(q);
        }
        let ids = pages::ids_matching(self.searcher, q.as_ref())?;
        Ok(if ids.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(TermSetQuery::new(
                ids.iter()
                    .map(|id| Term::from_field_text(self.f.transcript, id)),
            ))
        })
    }

    /// `unit*`, `sanc?ions`, `sanctons~1`, `/sanction.*/` → the indexed word forms they
    /// match (as written, not stems), at most [`MAX_EXPANSIONS`], scored as one word of
    /// those forms ([`any_term`]), as a stemmed word is.
    fn expansion(
        &mut self,
        field: Option<&str>,
        text: &str,
        form: Form,
        positive: bool,
    ) -> Result<Box<dyn Query>> {
        let (f, a, is_text) = self.field(field)?;
        let (f, a) = match (is_text, a) {
            (true, _) => (self.f.text, Analysis::Exact),
            (false, Analysis::Stemmed) => (f, Analysis::Exact),
            other => (f, other.1),
        };
        let shown = Node::Word {
            field: None,
            text: text.to_string(),
            form,
        }
        .to_string();
        let budget = MAX_EXPANSIONS.min(MAX_TOTAL_EXPANSIONS - self.expanded);
        if budget == 0 {
            return Err(Error::Query(format!(
                "the prefixes, wildcards, fuzzy and regex words of this query expand to more than {MAX_TOTAL_EXPANSIONS} words; use fewer or longer ones"
            )));
        }
        let (words, more) = match form {
            Form::Regex => expand::regex(self.searcher, f, text, &shown, budget)?,
            Form::Wildcard => {
                // Lower-cased as the index's words are; what is not a letter or digit
                // cannot be in an indexed word.
                let lower = text.to_lowercase();
                if let Some(c) = lower
                    .chars()
                    .find(|c| !c.is_alphanumeric() && !matches!(c, '*' | '?'))
                {
                    return Err(Error::Query(format!(
                        "'{text}': a wildcard word has letters, digits, '?' and '*' only, not '{c}'"
                    )));
                }
                check_length(text, &lower.replace(['*', '?'], ""))?;
                let re = expand::wildcard_regex(&lower);
                expand::regex(self.searcher, f, &re, &shown, budget)?
            }
            Form::Prefix | Form::Fuzzy(_) => {
                let word = self.analyze(Analysis::Exact, text);
                if word.len() != 1 {
                    check_length(text, text)?;
                    return Err(Error::Query(format!(
                        "'{shown}': a prefix or fuzzy word must be one word"
                    )));
                }
                match form {
                    Form::Fuzzy(k) => expand::fuzzy(self.searcher, f, &word[0], k, budget)?,
                    _ => expand::prefix(self.searcher, f, &word[0], budget)?,
                }
            }
            Form::Plain => unreachable!("plain words are analyzed, not expanded"),
        };
        self.expanded += words.len();
        if more {
            self.notes.push(format!(
                "'{shown}' matches more than {budget} words; searching the {budget} most frequent"
            ));
        } else if words.is_empty() {
            self.notes
                .push(format!("'{shown}' matches no word of the index"));
        }
        if positive && is_text {
            self.patterns(a).push(Pattern::AnyOf(words.clone()));
        }
        if words.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        let terms = words.iter().map(|w| Term::from_field_text(f, w)).collect();
        self.on_records(f, any_term(terms))
    }

    /// Two words at most `distance` words apart, in either order: tantivy's sloppy phrase
    /// matches one order with the full slop, so both orders are asked for.
    fn near(
        &mut self,
        left: &Node,
        right: &Node,
        distance: u32,
        positive: bool,
    ) -> Result<Box<dyn Query>> {
        let (l, lf) = self.single_word(left)?;
        let (r, rf) = self.single_word(right)?;
        if lf != rf {
            return Err(Error::Query(
                "NEAR/k joins two words of the same field".into(),
            ));
        }
        let (f, a, is_text) = self.field(lf.as_deref())?;
        let l = self.one_term(a, &l)?;
        let r = self.one_term(a, &r)?;
        if positive && is_text {
            self.patterns(a).push(Pattern::Near {
                left: l.clone(),
                right: r.clone(),
                distance,
            });
        }
        let l = self.alternatives(f, a, is_text, &l)?;
        let r = self.alternatives(f, a, is_text, &r)?;
        let q = Box::new(BooleanQuery::new(vec![
            (
                Occur::Should,
                phrase(f, vec![l.clone(), r.clone()], distance),
            ),
            (Occur::Should, phrase(f, vec![r, l], distance)),
        ]));
        self.on_records(f, q)
    }

    fn single_word(&self, n: &Node) -> Result<(String, Option<String>)> {
        match n {
            Node::Word {
                field,
                text,
                form: Form::Plain,
            } => Ok((text.clone(), field.clone())),
            _ => Err(Error::Query(
                "NEAR/k joins two single words (no phrases, groups, prefixes, wildcards, fuzzy or regex words)".into(),
            )),
        }
    }

    fn one_term(&mut self, a: Analysis, text: &str) -> Result<String> {
        let mut t = self.analyze(a, text);
        if t.is_empty() {
            return Err(no_word(text));
        }
        if t.len() != 1 {
            return Err(Error::Query(format!(
                "'{text}' is not a single word, as NEAR/k needs"
            )));
        }
        Ok(t.pop().expect("one"))
    }
}

/// The error for text with no searchable word: a word past the length limit says so.
fn no_word(text: &str) -> Error {
    match check_length(text, text) {
        Err(e) => e,
        Ok(()) => Error::Query(format!("'{text}' has no searchable word in it")),
    }
}

/// An error when `letters` (from query text `text`) has a run of letters and digits as
/// long as [`analyzer::WORD_LIMIT`] or longer, which the index never holds.
fn check_length(text: &str, letters: &str) -> Result<()> {
    let longest = letters
        .split(|c: char| !c.is_alphanumeric())
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest >= analyzer::WORD_LIMIT {
        return Err(Error::Query(format!(
            "'{text}' has a word of {longest} bytes, over the limit: words of {} bytes or more are not indexed",
            analyzer::WORD_LIMIT
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::stems::marks;
    use tantivy::collector::DocSetCollector;

    /// Paragraph `i` of the test index is `TEXTS[i]`.
    const TEXTS: &[&str] = &[
        "Refugees crossed the border.",
        "A refuge for the refugee.",
        "The Security Council met.",
        "The council of security experts.",
        "Dying words; he died.",
        "United nations, unity and the unit.",
        "War and peace.",
    ];

    /// An index in RAM of [`TEXTS`] in one segment, with its marks file.
    fn reader() -> Reader {
        let (index, fields) = crate::index::create_in_ram();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (i, t) in TEXTS.iter().enumerate() {
            w.add_document(tantivy::doc!(
                fields.text => *t,
                fields.transcript => "1",
                fields.paragraph => i as u64
            ))
            .unwrap();
        }
        w.commit().unwrap();
        marks::update(&index, fields.text).unwrap();
        Reader::new(index, fields).unwrap()
    }

    fn compiled(r: &Reader, query: &str, exact: bool) -> Result<Compiled> {
        let req = Request {
            query: query.into(),
            exact,
            ..Request::default()
        };
        compile(&req, r, &r.searcher())
    }

    /// The paragraphs `query` finds, in order.
    fn found(r: &Reader, query: &str, exact: bool) -> Vec<u32> {
        let c = compiled(r, query, exact).unwrap();
        doc_ids(r, &c)
    }

    /// The documents `c` matches, in order.
    fn doc_ids(r: &Reader, c: &Compiled) -> Vec<u32> {
        let mut docs: Vec<u32> = r
            .searcher()
            .search(&*c.query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|a| a.doc_id)
            .collect();
        docs.sort();
        docs
    }

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_stemmed_word_finds_every_form_and_an_exact_one_its_own() {
        let r = reader();
        assert_eq!(found(&r, "refugees", false), [0, 1]);
        // `refuge` stems to `refug`, `refugee` and `refugees` to `refuge`.
        assert_eq!(found(&r, "Refuge", false), [1]);
        assert_eq!(found(&r, "refugees", true), [0]);
        // Found through the marks only: `dying` and `died` are not under `di`.
        assert_eq!(found(&r, "dies", false), [4]);
        assert_eq!(found(&r, "dies", true), Vec::<u32>::new());
        // A stem the index has no word of matches nothing, and is no error.
        assert_eq!(found(&r, "camels", false), Vec::<u32>::new());
    }

    #[test]
    fn phrases_near_and_exclusions_match_as_written() {
        let r = reader();
        assert_eq!(found(&r, "\"security council\"", false), [2]);
        assert_eq!(found(&r, "\"council experts\"", false), Vec::<u32>::new());
        assert_eq!(found(&r, "\"council experts\"~2", false), [3]);
        assert_eq!(found(&r, "security NEAR/2 council", false), [2, 3]);
        assert_eq!(found(&r, "council -experts", false), [2]);
        assert_eq!(found(&r, "war OR refugee", false), [0, 1, 6]);
    }

    #[test]
    fn patterns_are_the_positive_words_analyzed_as_searched() {
        let r = reader();
        let c = compiled(&r, "Refugees \"Security Council\" unit* -war", false).unwrap();
        assert_eq!(
            c.patterns[0].stemmed,
            [
                Pattern::Term("refuge".into()),
                Pattern::Phrase {
                    terms: words(&["secur", "council"]),
                    slop: 0
                },
            ]
        );
        // A prefix expands to the exact words of the index.
        assert_eq!(
            c.patterns[0].exact,
            [Pattern::AnyOf(words(&["unit", "united", "unity"]))]
        );
        assert!(c.notes.is_empty());
        let c = compiled(&r, "refugees NEAR/3 borders", true).unwrap();
        assert!(c.patterns[0].stemmed.is_empty());
        assert_eq!(
            c.patterns[0].exact,
            [Pattern::Near {
                left: "refugees".into(),
                right: "borders".into(),
                distance: 3
            }]
        );
        assert_eq!(found(&r, "unit*", false), [5]);
    }

    #[test]
    fn a_prefix_past_its_budget_keeps_the_most_frequent_words() {
        let (index, fields) = crate::index::create_in_ram();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let many: Vec<String> = (0..MAX_EXPANSIONS + 10).map(|i| format!("zz{i}")).collect();
        w.add_document(tantivy::doc!(fields.text => many.join(" ")))
            .unwrap();
        w.add_document(tantivy::doc!(fields.text => "zz7 zz70"))
            .unwrap();
        w.commit().unwrap();
        let r = Reader::new(index, fields).unwrap();
        let c = compiled(&r, "zz*", false).unwrap();
        let Pattern::AnyOf(got) = &c.patterns[0].exact[0] else {
            panic!("{:?}", c.patterns[0].exact)
        };
        assert_eq!(got.len(), MAX_EXPANSIONS);
        assert_eq!(got[..2], words(&["zz7", "zz70"]));
        assert_eq!(
            c.notes,
            ["'zz*' matches more than 512 words; searching the 512 most frequent"]
        );
    }

    /// An index in RAM of paragraphs `(language, text)`, indexed as the writer indexes
    /// them (a Snowball language's stems in `stem`).
    fn reader_of(paragraphs: &[(&str, &str)]) -> Reader {
        let (index, fields) = crate::index::create_in_ram();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (i, (l, t)) in paragraphs.iter().enumerate() {
            let mut doc = tantivy::doc!(
                fields.text => *t,
                fields.lang => *l,
                fields.transcript => "1",
                fields.paragraph => i as u64
            );
            lang::add_stems(&mut doc, fields.stem, l, t);
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        marks::update(&index, fields.text).unwrap();
        Reader::new(index, fields).unwrap()
    }

    fn found_in(r: &Reader, query: &str, lang: Option<&str>) -> Vec<u32> {
        let req = Request {
            query: query.into(),
            lang: lang.map(str::to_string),
            ..Request::default()
        };
        let c = compile(&req, r, &r.searcher()).unwrap();
        doc_ids(r, &c)
    }

    const LANGS: &[(&str, &str)] = &[
        ("hr", "Podnijeli smo amandmane na zakon."),
        ("hr", "Jedan amandman je odbijen."),
        ("en", "The committees tabled an amandman."),
        ("en", "One committee met."),
        ("fr", "Les députés ont voté."),
        ("fr", "Le député a voté."),
    ];

    #[test]
    fn a_word_is_expanded_per_language_over_its_paragraphs() {
        let r = reader_of(LANGS);
        // Croatian is searched by exact forms: English stemming would make `amandmane`
        // and `amandman` one word; the English paragraph's `amandman` is stemmed.
        assert_eq!(found_in(&r, "amandman", None), [1, 2]);
        assert_eq!(found_in(&r, "amandmane", None), [0, 2]);
        // English plural and singular; French (Snowball) plural and singular.
        assert_eq!(found_in(&r, "committee", None), [2, 3]);
        assert_eq!(found_in(&r, "députés", None), [4, 5]);
        // A phrase of stems: `les` and `le` are one stem.
        assert_eq!(found_in(&r, "\"les députés\"", None), [4, 5]);
        assert_eq!(found_in(&r, "\"députés ont\"", None), [4]);
        assert_eq!(found_in(&r, "député -voté", None), Vec::<u32>::new());
        // `--lang` searches one language's paragraphs, as that language is searched.
        assert_eq!(found_in(&r, "amandman", Some("hr")), [1]);
        assert_eq!(found_in(&r, "amandmane", Some("en")), [2]);
        assert_eq!(found_in(&r, "committee", Some("hr")), Vec::<u32>::new());
        let req = Request {
            query: "zakon".into(),
            lang: Some("de".into()),
            ..Request::default()
        };
        let e = compile(&req, &r, &r.searcher()).err().unwrap().to_string();
        assert!(e.contains("--lang de") && e.contains("en, fr, hr"), "{e}");
        // What was searched, and how.
        let c = compiled(&r, "zakon", false).unwrap();
        let how: Vec<(&str, &str)> = c
            .languages
            .iter()
            .map(|(l, h)| (l.as_str(), h.as_str()))
            .collect();
        assert_eq!(
            how,
            [
                ("en", "stemmed (English)"),
                ("fr", "stemmed (French Snowball)"),
                ("hr", "exact word forms (no stemmer for this language)")
            ]
        );
        assert_eq!(c.patterns.len(), 3);
    }

    #[test]
    fn an_index_of_one_language_is_searched_as_before() {
        let r = reader();
        let c = compiled(&r, "refugees", false).unwrap();
        // No language clause: one group of patterns for every paragraph, as before.
        assert_eq!(c.patterns.len(), 1);
        assert_eq!(c.patterns[0].lang, None);
        assert_eq!(
            c.languages,
            [("en".to_string(), "stemmed (English)".to_string())]
        );
        let c = compiled(&r, "refugees", true).unwrap();
        assert_eq!(c.languages[0].1, "exact word forms (--exact)");
    }

    #[test]
    fn queries_the_compiler_cannot_make_are_errors() {
        let r = reader();
        for (q, why) in [
            ("nosuch:word", "unknown field"),
            ("¿!", "no searchable word"),
            ("¿?", "needs at least one letter"),
            ("-war", "not excluded"),
            ("\"united nations\" NEAR/2 war", "two single words"),
            ("unit* NEAR/2 war", "two single words"),
        ] {
            let e = compiled(&r, q, false).err().expect(q).to_string();
            assert!(e.contains(why), "{q}: {e}");
        }
    }
}
