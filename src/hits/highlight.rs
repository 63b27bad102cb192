//! Exactly the words that made a paragraph match.
//!
//! tantivy's `SnippetGenerator` marks every query term anywhere in the text (for
//! `"united states"` it also marks "United Nations"). Here the hit's text is tokenized
//! again with the field's analyzer and each [`Pattern`] is matched on token positions:
//! a phrase, a sloppy phrase and `NEAR` are one span each, from their first word to their
//! last (so counts are per match: see [`matches`]), a term marks its occurrences, and
//! excluded words never appear among the patterns.

use crate::index::analyzer::{self, Tok};
use crate::index::lang::{self, Stemming};
use crate::query::{Compiled, Pattern};

/// A highlighted span, in byte offsets of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub from: usize,
    pub to: usize,
}

/// The spans of `text`, a paragraph of language `lang` (its `lang` field), matched by a
/// compiled query, sorted and merged: its words stemmed as the query stemmed that
/// language's (English, a Snowball stemmer, or not at all), the spans those of the words
/// as written.
pub fn spans(q: &Compiled, lang: Option<&str>, text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(g) = q.patterns_for(lang) else {
        return out;
    };
    if !g.stemmed.is_empty() {
        let toks = match g.stemming {
            Stemming::Snowball(a, _) => lang::snowball_tokens(a, text),
            _ => analyzer::stems_of(text, &pattern_terms(&g.stemmed)),
        };
        for p in &g.stemmed {
            match_pattern(p, &toks, &mut out);
        }
    }
    if !g.exact.is_empty() {
        let toks = analyzer::tokens(&mut analyzer::exact(), text);
        for p in &g.exact {
            match_pattern(p, &toks, &mut out);
        }
    }
    let mut out = merge(out);
    if let Some(words) = &q.case {
        super::case::keep(text, &mut out, words);
    }
    out
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

/// A match of one pattern: from token `first` to token `last` (indexes into the tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    first: usize,
    last: usize,
}

fn match_pattern(p: &Pattern, toks: &[Tok], out: &mut Vec<Span>) {
    let mut found = Vec::new();
    candidates(p, toks, &mut found);
    for f in matches(found, toks) {
        out.push(Span {
            from: toks[f.first].from,
            to: toks[f.last].to,
        });
    }
}

/// The matches a paragraph counts, from every candidate: they do not overlap, and going
/// left to right each is the shortest of those that start first (issue 15: a sloppy
/// phrase or `NEAR` is one match, from its first word to its last, as a phrase is).
fn matches(mut found: Vec<Found>, toks: &[Tok]) -> Vec<Found> {
    let key = |f: &Found| (toks[f.first].position, toks[f.last].position);
    found.sort_by_key(key);
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        match out.last() {
            Some(last) if toks[f.first].position <= toks[last.last].position => {}
            _ => out.push(f),
        }
    }
    out
}

/// Every occurrence of `p` in `toks`, overlapping or not.
fn candidates(p: &Pattern, toks: &[Tok], out: &mut Vec<Found>) {
    let one = |i: usize| Found { first: i, last: i };
    match p {
        Pattern::Term(term) => {
            out.extend((0..toks.len()).filter(|&i| toks[i].term == *term).map(one))
        }
        Pattern::AnyOf(terms) => out.extend(
            (0..toks.len())
                .filter(|&i| terms.contains(&toks[i].term))
                .map(one),
        ),
        Pattern::Phrase { terms, slop: 0 } => {
            // Word k at the first's position + k (a compound shares its last part's
            // position, so tokens are not one per position).
            for (i, t) in toks.iter().enumerate().filter(|(_, t)| t.term == terms[0]) {
                let mut last = Some(i);
                for (k, term) in terms.iter().enumerate().skip(1) {
                    let at = t.position + k;
                    last = toks
                        .iter()
                        .enumerate()
                        .skip(i + 1)
                        .take_while(|(_, x)| x.position <= at)
                        .find(|(_, x)| x.position == at && x.term == *term)
                        .map(|(j, _)| j);
                    if last.is_none() {
                        break;
                    }
                }
                if let Some(last) = last {
                    out.push(Found { first: i, last });
                }
            }
        }
        Pattern::Phrase { terms, slop } if terms.len() == 2 => {
            // tantivy's (and Lucene's) slop: the second word `k` positions after the
            // first is `|k - 1|` moves away, so either order matches.
            pairs(
                toks,
                &terms[0],
                &terms[1],
                *slop as usize + 1,
                out,
                |a, b| a != b && (a + 1).abs_diff(b) <= *slop as usize,
            )
        }
        Pattern::Phrase { terms, slop } => {
            for (i, start) in toks.iter().enumerate().filter(|(_, t)| t.term == terms[0]) {
                let mut chosen = vec![start];
                if sloppy(terms, toks, *slop, &mut chosen) {
                    let first = chosen
                        .iter()
                        .map(|t| t.position)
                        .min()
                        .unwrap_or(start.position);
                    let last = chosen
                        .iter()
                        .map(|t| t.position)
                        .max()
                        .unwrap_or(start.position);
                    let index =
                        |pos: usize| toks.iter().position(|t| t.position == pos).unwrap_or(i);
                    out.push(Found {
                        first: index(first),
                        last: index(last),
                    });
                }
            }
        }
        Pattern::Near {
            left,
            right,
            distance,
        } => pairs(toks, left, right, *distance as usize + 1, out, |a, b| {
            a != b && a.abs_diff(b) <= *distance as usize + 1
        }),
    }
}

/// Every pair of a token of `a` and one of `b` at most `reach` positions apart for which
/// `valid(position of a, position of b)`, as a match from the earlier to the later.
fn pairs(
    toks: &[Tok],
    a: &str,
    b: &str,
    reach: usize,
    out: &mut Vec<Found>,
    valid: impl Fn(usize, usize) -> bool,
) {
    for (i, x) in toks.iter().enumerate() {
        for (j, y) in toks.iter().enumerate().skip(i + 1) {
            if y.position > x.position + reach {
                break;
            }
            let ok = (x.term == a && y.term == b && valid(x.position, y.position))
                || (x.term == b && y.term == a && valid(y.position, x.position));
            if ok {
                out.push(Found { first: i, last: j });
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
            patterns: vec![crate::query::LangPatterns {
                lang: None,
                stemming: Stemming::English,
                stemmed,
                exact: vec![],
            }],
            languages: vec![],
            notes: vec![],
            parsed: String::new(),
            filters: Default::default(),
            case: None,
        }
    }

    fn marked(c: &Compiled, text: &str) -> Vec<String> {
        marked_in(c, None, text)
    }

    fn marked_in(c: &Compiled, lang: Option<&str>, text: &str) -> Vec<String> {
        spans(c, lang, text)
            .iter()
            .map(|s| text[s.from..s.to].to_string())
            .collect()
    }

    /// Patterns of `stemmed` per language, as a query over an index of English, French
    /// and Croatian paragraphs gives them for `word` (English and French stems, the
    /// Croatian word as written).
    fn three_languages(en: &str, fr: &str, hr: &str) -> Compiled {
        let group = |lang: &str, stemming, stemmed: Vec<Pattern>, exact: Vec<Pattern>| {
            crate::query::LangPatterns {
                lang: Some(lang.to_string()),
                stemming,
                stemmed,
                exact,
            }
        };
        let mut c = q(vec![]);
        c.patterns = vec![
            group(
                "en",
                Stemming::English,
                vec![Pattern::Term(en.into())],
                vec![],
            ),
            group(
                "fr",
                lang::stemming("fr"),
                vec![Pattern::Term(fr.into())],
                vec![],
            ),
            group(
                "hr",
                Stemming::Exact,
                vec![],
                vec![Pattern::Term(hr.into())],
            ),
        ];
        c
    }

    #[test]
    fn each_language_is_highlighted_as_it_was_searched() {
        // `amandman` (en stem `amandman`, fr stem `amandman`, hr as written).
        let c = three_languages("amandman", "amandman", "amandman");
        let hr = "Podnijeli smo amandmane; jedan amandman je odbijen.";
        // Croatian: the exact form only, though English stemming makes `amandmane` one
        // word with it.
        assert_eq!(crate::index::stems::stem_word("amandmane"), "amandman");
        assert_eq!(marked_in(&c, Some("hr"), hr), ["amandman"]);
        // The same text taken as English: both.
        assert_eq!(marked_in(&c, Some("en"), hr), ["amandmane", "amandman"]);
        // French: the Snowball stem of `députés` is `député`'s; the span is the word as
        // written.
        let fr = lang::snowball_stems(frostem::Algorithm::French, ["député"].into_iter());
        let c = three_languages("deput", &fr[0], "député");
        let text = "Les députés ont voté; le député aussi.";
        assert_eq!(marked_in(&c, Some("fr"), text), ["députés", "député"]);
        assert_eq!(marked_in(&c, Some("hr"), text), ["député"]);
        // A paragraph without a language is English.
        assert_eq!(
            marked_in(
                &three_languages("committe", "x", "x"),
                None,
                "The committees"
            ),
            ["committees"]
        );
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
    fn slop_is_one_span_from_the_first_word_to_the_last() {
        let c = q(vec![phrase(&["lift", "sanction"], 3)]);
        assert_eq!(
            marked(&c, "to lift these unfair sanctions now; sanctions"),
            vec!["lift these unfair sanctions"]
        );
        // Either order, as in Lucene: "sanctions lifted" is two moves from "lift sanctions".
        assert_eq!(
            marked(&c, "the sanctions are lifted"),
            vec!["sanctions are lifted"]
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
            vec!["Europe imposed sanctions"]
        );
        // Matches do not overlap; the shortest that starts first is taken.
        assert_eq!(
            marked(&c, "sanctions sanctions Europe, Europe and sanctions"),
            vec!["sanctions sanctions Europe", "Europe and sanctions"]
        );
        assert!(marked(&c, "Europe has now imposed new sanctions").is_empty());
    }
}
