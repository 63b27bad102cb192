//! Pull-quotes: page furniture among the body paragraphs (the transcript stage, after
//! `body.rs`).
//!
//! Some kremlin.ru pages set a passage of the speech apart in a quotation box, printed in the
//! text version as a paragraph of its own wrapped in quotation marks (`”…“`): page 17588 ¶19
//! repeats ¶17. Counted as speech, its words would be counted twice. A box is told from a
//! real quotation (a condolence telegram on page 40083, a decree's clauses, a question read
//! out) by its words: most of them stand, in the same order, in another paragraph of the same
//! page. Such a paragraph is kept and numbered, but flagged as furniture.

use std::collections::HashSet;

use super::Paragraph;

/// Fewest words a box has: `“Thank you.”` twice on a page is speech, not a box.
const MIN_WORDS: usize = 8;

/// The share of a box's three-word sequences found elsewhere on the page. The boxes of the
/// shared corpus repeat 73% or more of theirs (page 17851 abridges its source); the
/// quotations that are the only copy of their words at most 58% (a decree clause that
/// resembles its lead, page 40083).
const MIN_REPEATED: f64 = 0.7;

/// Flag the paragraphs that are pull-quotes (see the module notes).
pub(super) fn mark(paragraphs: &mut [Paragraph]) {
    let candidates: Vec<usize> = paragraphs
        .iter()
        .filter(|p| opens_with_quote(&p.text))
        .map(|p| p.index)
        .collect();
    if candidates.is_empty() {
        return;
    }
    // The words of the page outside quotations: a box repeats the speech, not another box.
    let mut elsewhere: HashSet<[&str; 3]> = HashSet::new();
    let words: Vec<Vec<String>> = paragraphs.iter().map(|p| words(&p.text)).collect();
    for (p, w) in paragraphs.iter().zip(&words) {
        if !opens_with_quote(&p.text) {
            elsewhere.extend(trigrams(w));
        }
    }
    for i in candidates {
        let w = &words[i];
        if w.len() < MIN_WORDS {
            continue;
        }
        let grams: HashSet<[&str; 3]> = trigrams(w).collect();
        let found = grams.iter().filter(|g| elsewhere.contains(*g)).count();
        if found as f64 >= MIN_REPEATED * grams.len() as f64 {
            paragraphs[i].furniture = true;
        }
    }
}

fn opens_with_quote(text: &str) -> bool {
    text.starts_with(['”', '“'])
}

/// Lower-cased runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn trigrams(w: &[String]) -> impl Iterator<Item = [&str; 3]> {
    w.windows(3)
        .map(|g| [g[0].as_str(), g[1].as_str(), g[2].as_str()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Paragraph> {
        texts
            .iter()
            .enumerate()
            .map(|(index, t)| Paragraph {
                index,
                text: t.to_string(),
                ..Paragraph::default()
            })
            .collect()
    }

    fn flags(texts: &[&str]) -> Vec<bool> {
        let mut p = paragraphs(texts);
        mark(&mut p);
        p.iter().map(|p| p.furniture).collect()
    }

    #[test]
    fn repeated_passage_in_quotes_is_furniture() {
        // page 17588: the box comes before the paragraph it repeats
        assert_eq!(
            flags(&[
                "”The changing geopolitical situation requires rapid and considered action.“",
                "Our strategic course remains unchanged.",
                "The changing geopolitical situation requires rapid and considered action. Russia must act.",
            ]),
            vec![true, false, false]
        );
    }

    #[test]
    fn abridged_box_is_furniture() {
        // page 17851: the box joins two sentences and drops words
        assert_eq!(
            flags(&[
                "It is a pleasure to meet again with my friends from the Netherlands, which is one of our most important, respected and valued partner.",
                "Only last year, trade grew by 20% — it amounts to an impressive $82 billion, which is a significant achievement.",
                "”The Netherlands is one of our most important, respected and valued partner. Only last year, trade grew by 20%, which is a significant achievement.“",
            ]),
            vec![false, false, true]
        );
    }

    #[test]
    fn only_copy_of_a_quotation_stays_speech() {
        // page 40083: a telegram and a decree's clauses, printed once
        assert_eq!(
            flags(&[
                "The full text of the decree is given below:",
                "”1. To declare in the Russian Federation as a gesture of mourning a minute of silence on September 13.",
                "”2. To fly State Flags of the Russian Federation at half mast on September 13.",
            ]),
            vec![false, false, false]
        );
    }

    #[test]
    fn short_or_twice_quoted_lines_stay_speech() {
        assert_eq!(
            flags(&["“Thank you very much.”", "Thank you very much."]),
            vec![false, false]
        );
        // the same question read out twice: two quotations, no box
        let q = "“When will the railway section of the Crimean Bridge be built, and when will trains run?”";
        assert_eq!(flags(&[q, "Next.", q]), vec![false, false, false]);
    }
}
