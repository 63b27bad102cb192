//! `search --case-sensitive`: a filter on the highlight spans of an exact-form search
//! (words lower-cased, not stemmed). A span is kept when every word in it that is one of the
//! query's words, ignoring case, is one of them with its case too (`US` keeps `US` and drops
//! `us`); a paragraph left with no span does not match. Words from `prefix*`, wildcard,
//! fuzzy and regex words are not checked (their forms are not the query's words).

use crate::hits::Span;
use crate::query::parse::Form;
use crate::query::Node;

/// The words of `q` as typed, for [`keep`]: plain words and the words of phrases searched
/// in the paragraph text, excluded words left out.
pub fn words(q: &Node) -> Vec<String> {
    let mut out = Vec::new();
    collect(q, &mut out);
    out.sort();
    out.dedup();
    out
}

fn collect(n: &Node, out: &mut Vec<String>) {
    let in_text = |field: &Option<String>| field.as_deref().is_none_or(|f| f == "text");
    match n {
        Node::Word { field, text, form } => {
            if *form == Form::Plain && in_text(field) {
                out.extend(split(text).map(str::to_string));
            }
        }
        Node::Phrase { field, text, .. } => {
            if in_text(field) {
                out.extend(split(text).map(str::to_string));
            }
        }
        Node::Near { left, right, .. } => {
            collect(left, out);
            collect(right, out);
        }
        Node::And { must, .. } => must.iter().for_each(|m| collect(m, out)),
        Node::Or(any) => any.iter().for_each(|m| collect(m, out)),
    }
}

/// Words as the filter compares them: runs of letters and digits.
fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether the words of `span` (a piece of a paragraph) have the case of the query's
/// `words` they are.
pub fn matches_case(span: &str, words: &[String]) -> bool {
    split(span).all(|t| {
        let lower = t.to_lowercase();
        let same_word = words.iter().any(|w| w.to_lowercase() == lower);
        !same_word || words.iter().any(|w| w == t)
    })
}

/// Keep the spans of `text` whose words have the query's case (see [`matches_case`]).
pub fn keep(text: &str, spans: &mut Vec<Span>, words: &[String]) {
    spans.retain(|s| matches_case(&text[s.from..s.to], words));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(q: &str) -> Vec<String> {
        words(&crate::query::parse(q).unwrap())
    }

    #[test]
    fn words_of_a_query_leave_out_exclusions_and_expansions() {
        assert_eq!(
            w("US \"United States\" -us unit*"),
            ["States", "US", "United"]
        );
        assert_eq!(w("title:Syria NATO"), ["NATO"]);
    }

    #[test]
    fn a_span_keeps_the_case_of_the_query() {
        let words = w("US");
        assert!(matches_case("US", &words));
        assert!(!matches_case("us", &words));
        assert!(!matches_case("Us", &words));
        let words = w("\"United States\" NEAR/3 war");
        assert!(matches_case("United States and the war", &words));
        assert!(!matches_case("united States", &words));
        // A word not of the query (the words between NEAR's) is not checked.
        assert!(matches_case("United States And war", &words));
    }

    #[test]
    fn spans_are_filtered_in_place() {
        let text = "US troops, us and the US";
        let mut spans = vec![
            Span { from: 0, to: 2 },
            Span { from: 11, to: 13 },
            Span { from: 22, to: 24 },
        ];
        keep(text, &mut spans, &w("US"));
        assert_eq!(spans, [Span { from: 0, to: 2 }, Span { from: 22, to: 24 }]);
    }
}
