//! Queries over word forms: a word of a stemmed search stands for several indexed terms
//! (`refugee`, `refugees`, `refuge`), and is matched and scored as one term.
//!
//! [`AnyForm`] is one word: the union of its forms' postings, scored by BM25 as if they
//! were one term (their frequencies in a paragraph add up; their document frequencies
//! too, as an estimate of the union's). [`FormPhrase`] is a phrase whose every position
//! is any of its forms (or two such words within a slop, as `NEAR/k` asks): one
//! intersection of the unions, where a union of plain phrases took one per combination of
//! forms, and tantivy's `RegexPhraseQuery` compiled regular expressions and filled
//! document bitsets in every segment. Positions are matched as tantivy's `PhraseQuery`
//! matches them (tantivy does not export its phrase scorer), so a stemmed phrase and an
//! exact one agree; a sloppy phrase of three words or more is left to tantivy.

use std::collections::HashMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Any one of `forms` (at least one term; those of another field than the first's have
/// the same positions, see [`union`]), scored as one term with the first's field norms.
#[derive(Debug, Clone)]
pub struct AnyForm {
    forms: Vec<Term>,
}

impl AnyForm {
    pub fn new(forms: Vec<Term>) -> AnyForm {
        assert!(!forms.is_empty(), "a word has at least one form");
        AnyForm { forms }
    }
}

/// A phrase whose position `i` is any one of `positions[i]`: adjacent and in order
/// (`slop` 0), or two words at most `slop` moves apart, as in tantivy's `PhraseQuery`.
#[derive(Debug, Clone)]
pub struct FormPhrase {
    positions: Vec<Vec<Term>>,
    slop: u32,
}

impl FormPhrase {
    /// The positions back for a sloppy phrase of more than two words (see the module's
    /// note).
    pub fn new(positions: Vec<Vec<Term>>, slop: u32) -> Result<FormPhrase, Vec<Vec<Term>>> {
        assert!(positions.len() > 1, "a phrase has two words or more");
        assert!(positions.iter().all(|p| !p.is_empty()));
        if slop == 0 || positions.len() == 2 {
            Ok(FormPhrase { positions, slop })
        } else {
            Err(positions)
        }
    }
}

/// The document frequency of a word of several forms: the sum of theirs, at most N.
/// (The union's own frequency would take reading every posting list in full.)
fn forms_doc_freq(stats: &dyn Bm25StatisticsProvider, forms: &[Term]) -> tantivy::Result<u64> {
    let mut df = 0;
    for t in forms {
        df += stats.doc_freq(t)?;
    }
    Ok(df.min(stats.total_num_docs()?))
}

/// Statistics in which each word's first form stands for the whole word.
struct WordStats<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    doc_freqs: HashMap<Term, u64>,
}

impl Bm25StatisticsProvider for WordStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.doc_freqs.get(term) {
            Some(&df) => Ok(df),
            None => self.inner.doc_freq(term),
        }
    }
}

/// BM25 weight of a phrase (or a single word, `positions.len() == 1`) of multi-form words.
fn bm25(
    scoring: &EnableScoring<'_>,
    positions: &[Vec<Term>],
) -> tantivy::Result<Option<Bm25Weight>> {
    let EnableScoring::Enabled {
        statistics_provider,
        ..
    } = scoring
    else {
        return Ok(None);
    };
    let mut doc_freqs = HashMap::new();
    for forms in positions {
        doc_freqs.insert(
            forms[0].clone(),
            forms_doc_freq(*statistics_provider, forms)?,
        );
    }
    let stats = WordStats {
        inner: *statistics_provider,
        doc_freqs,
    };
    let firsts: Vec<Term> = positions.iter().map(|forms| forms[0].clone()).collect();
    Ok(Some(Bm25Weight::for_terms(&stats, &firsts)?))
}

fn field_of(forms: &[Term]) -> Field {
    forms[0].field()
}

fn fieldnorms(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

/// The union of the postings of `forms` in one segment; `None` if it has none of them.
fn union(
    reader: &SegmentReader,
    forms: &[Term],
    record: IndexRecordOption,
) -> tantivy::Result<Option<FormPostings>> {
    // A word's forms may come from two fields (words, and closed-up compounds): positions
    // agree, as both are of the paragraph text.
    let mut postings = Vec::with_capacity(forms.len());
    for t in forms {
        if let Some(p) = reader.inverted_index(t.field())?.read_postings(t, record)? {
            postings.push(p);
        }
    }
    Ok((!postings.is_empty()).then(|| FormPostings::new(postings)))
}

/// A segment's scorer, or an empty one where the segment has none of the words.
fn boxed<S: Scorer + 'static>(scorer: Option<S>) -> Box<dyn Scorer> {
    match scorer {
        Some(s) => Box::new(s),
        None => Box::new(EmptyScorer),
    }
}

/// The scorer moved to `doc`, or an error if `doc` does not match (for `explain`).
fn on<S: DocSet>(scorer: Option<S>, doc: DocId) -> tantivy::Result<S> {
    if let Some(mut s) = scorer {
        if s.seek(doc) == doc {
            return Ok(s);
        }
    }
    Err(TantivyError::InvalidArgument(format!(
        "document #({doc}) does not match"
    )))
}

impl Query for AnyForm {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AnyFormWeight {
            forms: self.forms.clone(),
            bm25: bm25(&scoring, std::slice::from_ref(&self.forms))?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.forms {
            visitor(t, false);
        }
    }
}

struct AnyFormWeight {
    forms: Vec<Term>,
    bm25: Option<Bm25Weight>,
}

impl AnyFormWeight {
    fn any_form_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<AnyFormScorer>> {
        let Some(postings) = union(reader, &self.forms, IndexRecordOption::WithFreqs)? else {
            return Ok(None);
        };
        Ok(Some(AnyFormScorer {
            postings,
            fieldnorms: fieldnorms(reader, field_of(&self.forms))?,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
        }))
    }
}

impl Weight for AnyFormWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(boxed(self.any_form_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let s = on(self.any_form_scorer(reader, 1.0)?, doc)?;
        let tf = s.postings.term_freq();
        Ok(match &s.bm25 {
            Some(w) => {
                let mut e = w.explain(s.fieldnorms.fieldnorm_id(doc), tf);
                e.add_context(format!(
                    "any of {} word forms, counted as one",
                    self.forms.len()
                ));
                e
            }
            None => Explanation::new("any word form (scoring disabled)", 1.0),
        })
    }
}

struct AnyFormScorer {
    postings: FormPostings,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for AnyFormScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for AnyFormScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(
                self.fieldnorms.fieldnorm_id(self.doc()),
                self.postings.term_freq(),
            ),
            None => 1.0,
        }
    }
}

impl Query for FormPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let field = field_of(&self.positions[0]);
        let entry = scoring.schema().get_field_entry(field);
        let positions = entry
            .field_type()
            .get_index_record_option()
            .is_some_and(IndexRecordOption::has_positions);
        if !positions {
            return Err(TantivyError::SchemaError(format!(
                "a phrase on field {:?}, which has no positions indexed",
                entry.name()
            )));
        }
        Ok(Box::new(FormPhraseWeight {
            positions: self.positions.clone(),
            slop: self.slop,
            bm25: bm25(&scoring, &self.positions)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in self.positions.iter().flatten() {
            visitor(t, true);
        }
    }
}

struct FormPhraseWeight {
    positions: Vec<Vec<Term>>,
    slop: u32,
    bm25: Option<Bm25Weight>,
}

impl FormPhraseWeight {
    fn phrase_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<FormPhraseScorer>> {
        let mut unions = Vec::with_capacity(self.positions.len());
        for forms in &self.positions {
            match union(reader, forms, IndexRecordOption::WithFreqsAndPositions)? {
                Some(u) => unions.push(u),
                None => return Ok(None),
            }
        }
        // Seek the rarest word first: it proposes the fewest candidates.
        let mut by_cost: Vec<usize> = (0..unions.len()).collect();
        by_cost.sort_by_key(|&i| unions[i].cost());
        let mut scorer = FormPhraseScorer {
            unions,
            by_cost,
            slop: self.slop,
            fieldnorms: fieldnorms(reader, field_of(&self.positions[0]))?,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            left: Vec::new(),
            right: Vec::new(),
            doc: 0,
            count: 0,
        };
        scorer.settle(0);
        Ok(Some(scorer))
    }
}

impl Weight for FormPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(boxed(self.phrase_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let s = on(self.phrase_scorer(reader, 1.0)?, doc)?;
        Ok(match &s.bm25 {
            Some(w) => {
                let mut e = w.explain(s.fieldnorms.fieldnorm_id(doc), s.count);
                e.add_context(
                    "freq: occurrences of the phrase, its words in any of their forms".into(),
                );
                e
            }
            None => Explanation::new("phrase (scoring disabled)", 1.0),
        })
    }
}

/// The documents where the phrase occurs, and how often (BM25's term frequency).
struct FormPhraseScorer {
    /// One union of forms per word of the phrase, in order.
    unions: Vec<FormPostings>,
    /// Their indexes, rarest first.
    by_cost: Vec<usize>,
    slop: u32,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    /// Scratch: positions of the phrase so far, and of its next word.
    left: Vec<u32>,
    right: Vec<u32>,
    /// The current document, and the phrase's occurrences in it.
    doc: DocId,
    count: u32,
}

impl FormPhraseScorer {
    /// From `target` on, the first document where every word occurs, or `TERMINATED`.
    fn all_words(&mut self, mut target: DocId) -> DocId {
        'candidates: loop {
            for &i in &self.by_cost {
                let d = self.unions[i].seek(target);
                if d != target {
                    if d == TERMINATED {
                        return TERMINATED;
                    }
                    target = d;
                    continue 'candidates;
                }
            }
            return target;
        }
    }

    /// Move to the first document from `target` on where the phrase occurs.
    fn settle(&mut self, mut target: DocId) -> DocId {
        self.doc = loop {
            let doc = self.all_words(target);
            if doc == TERMINATED {
                break TERMINATED;
            }
            self.count = self.phrase_count();
            if self.count > 0 {
                break doc;
            }
            target = doc + 1;
        };
        self.doc
    }

    /// Occurrences of the phrase in the document all the unions are on: the positions of
    /// word `i` are shifted by `n - 1 - i`, so that an occurrence has one position for all.
    fn phrase_count(&mut self) -> u32 {
        let n = self.unions.len();
        self.left.clear();
        self.unions[0].append_positions_with_offset((n - 1) as u32, &mut self.left);
        for i in 1..n {
            self.right.clear();
            self.unions[i].append_positions_with_offset((n - 1 - i) as u32, &mut self.right);
            if self.slop == 0 {
                intersect(&mut self.left, &self.right);
            } else {
                return count_within_slop(&self.left, &self.right, self.slop);
            }
            if self.left.is_empty() {
                return 0;
            }
        }
        self.left.len() as u32
    }
}

/// Keep in `left` the positions also in `right` (both sorted).
fn intersect(left: &mut Vec<u32>, right: &[u32]) {
    let (mut i, mut j, mut kept) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                left[kept] = left[i];
                kept += 1;
                i += 1;
                j += 1;
            }
        }
    }
    left.truncate(kept);
}

/// Pairs of positions at most `slop` apart, each position in one pair at most, paired
/// greedily as tantivy's `intersection_count_with_slop` pairs them (a left position is
/// passed over for a later one still before the right one). Which pairs match is the same
/// as in tantivy; the count (the score's frequency) may differ where tantivy takes the
/// rarer word as the left one.
fn count_within_slop(left: &[u32], right: &[u32], slop: u32) -> u32 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        let (l, r) = (left[i], right[j]);
        if l.abs_diff(r) <= slop {
            while i + 1 < left.len() && left[i + 1] <= r {
                i += 1;
            }
            count += 1;
            i += 1;
            j += 1;
        } else if l < r {
            i += 1;
        } else {
            j += 1;
        }
    }
    count
}

impl DocSet for FormPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.settle(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.settle(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.unions.iter().map(DocSet::size_hint).min().unwrap_or(0)
    }
}

impl Scorer for FormPhraseScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(self.doc()), self.count),
            None => 1.0,
        }
    }
}

/// The union of several terms' postings in one segment: a document is in it when any of
/// them has it, its frequency their sum, its positions all of theirs, in order.
pub struct FormPostings {
    postings: Vec<SegmentPostings>,
    doc: DocId,
}

impl FormPostings {
    fn new(postings: Vec<SegmentPostings>) -> FormPostings {
        let doc = postings.iter().map(DocSet::doc).min().unwrap_or(TERMINATED);
        FormPostings { postings, doc }
    }
}

impl DocSet for FormPostings {
    fn advance(&mut self) -> DocId {
        let mut next = TERMINATED;
        for p in &mut self.postings {
            if p.doc() == self.doc {
                p.advance();
            }
            next = next.min(p.doc());
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for p in &mut self.postings {
            if p.doc() < target {
                p.seek(target);
            }
            next = next.min(p.doc());
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }

    fn cost(&self) -> u64 {
        self.postings.iter().map(DocSet::cost).sum()
    }
}

impl Postings for FormPostings {
    fn term_freq(&self) -> u32 {
        self.postings
            .iter()
            .filter(|p| p.doc() == self.doc)
            .map(|p| p.term_freq())
            .sum()
    }

    fn append_positions_with_offset(&mut self, offset: u32, output: &mut Vec<u32>) {
        let start = output.len();
        let mut sources = 0;
        for p in &mut self.postings {
            if p.doc() == self.doc {
                p.append_positions_with_offset(offset, output);
                sources += 1;
            }
        }
        if sources > 1 {
            output[start..].sort_unstable();
            // Two forms never share a position (each is a word as written), but a repeated
            // position would count a phrase twice.
            let mut kept = start;
            for i in start..output.len() {
                if kept == start || output[i] != output[kept - 1] {
                    output[kept] = output[i];
                    kept += 1;
                }
            }
            output.truncate(kept);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, Searcher};

    /// An index of one text field, one document per text, in one segment.
    fn index(texts: &[&str]) -> (Searcher, Field) {
        let mut b = Schema::builder();
        let f = b.add_text_field("t", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for t in texts {
            w.add_document(doc!(f => *t)).unwrap();
        }
        w.commit().unwrap();
        (index.reader().unwrap().searcher(), f)
    }

    fn terms(f: Field, words: &str) -> Vec<Term> {
        words
            .split('|')
            .map(|w| Term::from_field_text(f, w))
            .collect()
    }

    /// The documents a query's scorer gives, by `advance`.
    fn docs(searcher: &Searcher, q: &dyn Query) -> Vec<DocId> {
        let w = q
            .weight(EnableScoring::enabled_from_searcher(searcher))
            .unwrap();
        let mut s = w.scorer(searcher.segment_reader(0), 1.0).unwrap();
        let mut out = vec![];
        while s.doc() != TERMINATED {
            out.push(s.doc());
            s.advance();
        }
        assert_eq!(s.advance(), TERMINATED);
        out
    }

    #[test]
    fn a_phrase_of_forms_matches_any_form_at_each_position() {
        let (searcher, f) = index(&["a b", "a x b", "c b", "b a", "c", "a", "c b b"]);
        let q = FormPhrase::new(vec![terms(f, "a|c"), terms(f, "b")], 0).unwrap();
        assert_eq!(docs(&searcher, &q), [0, 2, 6]);
        assert_eq!(searcher.search(&q, &Count).unwrap(), 3);
        // Two words within a slop, in either order as tantivy's slop allows.
        let near = FormPhrase::new(vec![terms(f, "a|c"), terms(f, "b")], 1).unwrap();
        assert_eq!(docs(&searcher, &near), [0, 1, 2, 6]);
        let near = FormPhrase::new(vec![terms(f, "a|c"), terms(f, "b")], 2).unwrap();
        assert_eq!(docs(&searcher, &near), [0, 1, 2, 3, 6]);
        // A longer sloppy phrase is left to tantivy.
        assert!(FormPhrase::new(vec![terms(f, "a"), terms(f, "b"), terms(f, "c")], 1).is_err());
    }

    #[test]
    fn a_phrase_scorer_seeks_and_ends_where_its_last_word_ends() {
        // After document 0, `b` has no more documents while `a` still has: the scorer is
        // done, and says so from `doc()` and `seek()` as well as `advance()`.
        let (searcher, f) = index(&["a b", "a", "a x", "a"]);
        let q = FormPhrase::new(vec![terms(f, "a"), terms(f, "b|y")], 0).unwrap();
        let w = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut s = w.scorer(searcher.segment_reader(0), 1.0).unwrap();
        assert_eq!(s.doc(), 0);
        assert!(s.score() > 0.0);
        assert_eq!(s.seek(2), TERMINATED);
        assert_eq!(s.doc(), TERMINATED);
        let mut s = w.scorer(searcher.segment_reader(0), 1.0).unwrap();
        assert_eq!(s.advance(), TERMINATED);
        assert_eq!(s.doc(), TERMINATED);
        assert_eq!(s.seek(3), TERMINATED);
    }

    #[test]
    fn any_form_counts_its_forms_as_one_word() {
        let (searcher, f) = index(&["a x x x", "a c x x", "c x x x", "x x x x"]);
        let q = AnyForm::new(terms(f, "a|c"));
        assert_eq!(docs(&searcher, &q), [0, 1, 2]);
        let top = searcher
            .search(&q, &TopDocs::with_limit(3).order_by_score())
            .unwrap();
        // Two occurrences score above one; one of either form scores the same.
        assert_eq!(top[0].1.doc_id, 1);
        assert!(top[0].0 > top[1].0);
        assert!((top[1].0 - top[2].0).abs() < 1e-6);
        let e = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap()
            .explain(searcher.segment_reader(0), 1)
            .unwrap();
        assert!((e.value() - top[0].0).abs() < 1e-6);
    }
}
