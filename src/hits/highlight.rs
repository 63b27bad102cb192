//! Exactly the words that made a paragraph match.
//!
//! tantivy's `SnippetGenerator` marks every query term anywhere in the text (for
//! `"united states"` it also marks "United Nations"). Here the hit's text is tokenized
//! again with the field's analyzer and each [`Pattern`] is matched on token positions:
//! a phrase is one span, a sloppy phrase or `NEAR` marks the words that met, a term
//! marks its occurrences, and excluded words never appear among the patterns.

use crate::index::analyzer::{self, Tok};
use crate::query::{Compiled, Pattern};

/// A highlighted span, in byte offsets of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub from: usize,
    pub to: usize,
}

/// The spans of `text` matched by a compiled query, sorted and merged.
pub fn spans(q: &Compiled, text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if !q.stemmed.is_empty() {
        let toks = analyzer::stems_of(text, &pattern_terms(&q.stemmed));
        for p in &q.stemmed {
            match_pattern(p, &toks, &mut out);
        }
    }
    if !q.exact.is_empty() {
        let toks = analyzer::tokens(&mut analyzer::exact(), text);
        for p in &q.exact {
            match_pattern(p, &toks, &mut out);
        }
    }
    merge(out)
}

/// Every term the patterns look for.
fn pattern_terms(patterns: &[Pattern]) -> Vec<&str> {
    let mut out = Vec::new();
    for p in patterns {
        match p {
            Pattern::Term(t) => out.push(t.as_str()),
            Pattern::AnyOf(ts) | Pattern::Phrase { terms: ts, .. } => {
                out.extend(ts.iter().map(String::as_str))
            }
            Pattern::Near { left, right, .. } => out.extend([left.as_str(), right.as_str()]),
        }
    }
    out
}

fn match_pattern(p: &Pattern, toks: &[Tok], out: &mut Vec<Span>) {
    let span = |t: &Tok| Span {
        from: t.from,
        to: t.to,
    };
    match p {
        Pattern::Term(term) => out.extend(toks.iter().filter(|t| t.term == *term).map(span)),
        Pattern::AnyOf(terms) => {
            out.extend(toks.iter().filter(|t| terms.contains(&t.term)).map(span))
        }
        Pattern::Phrase { terms, slop: 0 } => {
            for w in toks.windows(terms.len()) {
                if w.iter().zip(terms).all(|(t, term)| t.term == *term)
                    && w.windows(2).all(|p| p[1].position == p[0].position + 1)
                {
                    out.push(Span {
                        from: w[0].from,
                        to: w[w.len() - 1].to,
                    });
                }
            }
        }
        Pattern::Phrase { terms, slop } => {
            for start in toks.iter().filter(|t| t.term == terms[0]) {
                let mut chosen = vec![start];
                if sloppy(terms, toks, *slop, &mut chosen) {
                    out.extend(chosen.into_iter().map(span));
                }
            }
        }
        Pattern::Near {
            left,
            right,
            distance,
        } => {
            for a in toks.iter().filter(|t| t.term == *left) {
                for b in toks.iter().filter(|t| t.term == *right) {
                    if a.position != b.position
                        && a.position.abs_diff(b.position) <= *distance as usize + 1
                    {
                        out.push(span(a));
                        out.push(span(b));
                    }
                }
            }
        }
    }
}

/// tantivy's sloppy phrase: term i at position p counts as p - i, and the distances
/// between consecutive terms, so adjusted, add up to at most `slop`.
fn sloppy<'t>(terms: &[String], toks: &'t [Tok], budget: u32, chosen: &mut Vec<&'t Tok>) -> bool {
    let i = chosen.len();
    if i == terms.len() {
        return true;
    }
    let prev = chosen[i - 1].position as i64 - (i as i64 - 1);
    let mut candidates: Vec<(u32, &Tok)> = toks
        .iter()
        .filter(|t| t.term == terms[i] && !chosen.iter().any(|c| c.position == t.position))
        .map(|t| {
            (
                (t.position as i64 - i as i64 - prev).unsigned_abs() as u32,
                t,
            )
        })
        .filter(|(d, _)| *d <= budget)
        .collect();
    candidates.sort_by_key(|(d, _)| *d);
    for (d, t) in candidates {
        chosen.push(t);
        if sloppy(terms, toks, budget - d, chosen) {
            return true;
        }
        chosen.pop();
    }
    false
}

fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.from <= last.to => last.to = last.to.max(s.to),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Compiled;
    use tantivy::query::EmptyQuery;

    fn q(stemmed: Vec<Pattern>) -> Compiled {
        Compiled {
            query: Box::new(EmptyQuery),
            stemmed,
            exact: vec![],
            notes: vec![],
            filters: Default::default(),
        }
    }

    fn marked(c: &Compiled, text: &str) -> Vec<String> {
        spans(c, text)
            .iter()
            .map(|s| text[s.from..s.to].to_string())
            .collect()
    }

    fn phrase(words: &[&str], slop: u32) -> Pattern {
        Pattern::Phrase {
            terms: words.iter().map(|w| w.to_string()).collect(),
            slop,
        }
    }

    #[test]
    fn phrase_is_one_span_and_nothing_else() {
        let c = q(vec![phrase(&["unit", "state"], 0)]);
        let text = "The United States and the United Nations; states abstained. United  States!";
        assert_eq!(marked(&c, text), vec!["United States", "United  States"]);
    }

    #[test]
    fn term_marks_every_stemmed_occurrence() {
        let c = q(vec![Pattern::Term("refuge".into())]);
        assert_eq!(
            marked(&c, "Refugees, a refugee; refuse."),
            vec!["Refugees", "refugee"]
        );
    }

    #[test]
    fn slop_marks_the_words_that_met() {
        let c = q(vec![phrase(&["lift", "sanction"], 3)]);
        assert_eq!(
            marked(&c, "to lift these unfair sanctions now; sanctions"),
            vec!["lift", "sanctions"]
        );
        let c = q(vec![phrase(&["lift", "sanction"], 1)]);
        assert!(marked(&c, "to lift these unfair sanctions").is_empty());
    }

    #[test]
    fn near_either_order() {
        let c = q(vec![Pattern::Near {
            left: "sanction".into(),
            right: "europ".into(),
            distance: 2,
        }]);
        assert_eq!(
            marked(&c, "Europe imposed sanctions"),
            vec!["Europe", "sanctions"]
        );
        assert!(marked(&c, "Europe has now imposed new sanctions").is_empty());
    }
}
