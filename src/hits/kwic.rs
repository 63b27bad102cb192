//! Keyword in context: one line per match (not per paragraph), with the words around it.

use super::Hit;

/// One occurrence of the query in a paragraph.
#[derive(Debug, Clone)]
pub struct Line {
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub transcript: String,
    pub paragraph: u64,
    /// Character offset of the match in the paragraph text.
    pub offset: usize,
    pub left: String,
    pub matched: String,
    pub right: String,
    pub title: String,
    pub url: Option<String>,
    /// When the paragraph was said (seconds), and the link that opens its video there.
    pub start: Option<f64>,
    pub media: Option<String>,
}

/// How to order concordance lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// By date, then transcript, paragraph and place in the paragraph.
    #[default]
    Date,
    /// By the words just left of the match, nearest first (as concordancers do).
    Left,
    /// By the words just right of the match.
    Right,
}

/// The lines of `hits` (each hit's spans), with `width` characters of context each side.
pub fn lines(hits: &[Hit], width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for h in hits {
        for s in &h.spans {
            let left = &h.text[..s.from];
            let right = &h.text[s.to..];
            out.push(Line {
                date: h.date.clone(),
                speaker: h.speaker.clone(),
                transcript: h.transcript.clone(),
                paragraph: h.paragraph,
                offset: left.chars().count(),
                left: last_chars(left, width),
                matched: flat(&h.text[s.from..s.to]),
                right: first_chars(right, width),
                title: h.title.clone(),
                url: h.url.clone(),
                start: h.start,
                media: h.media_url(),
            });
        }
    }
    out
}

/// Sort lines; ties keep date order, so the result is the same every time.
pub fn sort(lines: &mut [Line], order: Order) {
    match order {
        Order::Date => {}
        Order::Left => lines.sort_by_cached_key(|l| {
            l.left
                .to_lowercase()
                .split_whitespace()
                .rev()
                .map(word_key)
                .collect::<Vec<_>>()
        }),
        Order::Right => lines.sort_by_cached_key(|l| {
            l.right
                .to_lowercase()
                .split_whitespace()
                .map(word_key)
                .collect::<Vec<_>>()
        }),
    }
}

/// A word without the punctuation around it, for sorting.
fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// Every run of whitespace as one space (spaces at the ends kept: they separate the
/// context from the match).
fn flat(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn last_chars(s: &str, n: usize) -> String {
    let s = flat(s);
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

fn first_chars(s: &str, n: usize) -> String {
    flat(s).chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hits::Span;

    fn hit(text: &str, words: &[&str]) -> Hit {
        let spans = words
            .iter()
            .map(|w| {
                let from = text.find(w).unwrap();
                Span {
                    from,
                    to: from + w.len(),
                }
            })
            .collect();
        Hit {
            transcript: "1".into(),
            paragraph: 0,
            turn: 0,
            speaker_id: None,
            speaker_kind: None,
            speaker: None,
            role: None,
            label: None,
            date: None,
            date_source: None,
            time: None,
            title: String::new(),
            place: None,
            url: None,
            start: None,
            end: None,
            video: None,
            score: 0.0,
            text: text.into(),
            spans,
            doc: None,
            context: Vec::new(),
            furniture: false,
            facets: Vec::new(),
            lang: None,
        }
    }

    #[test]
    fn one_line_per_span_with_context() {
        let h = hit(
            "We met in Sochi and then in   Moscow again.",
            &["Sochi", "Moscow"],
        );
        let l = lines(&[h], 8);
        assert_eq!(l.len(), 2);
        assert_eq!(
            (
                l[0].left.as_str(),
                l[0].matched.as_str(),
                l[0].right.as_str()
            ),
            (" met in ", "Sochi", " and the")
        );
        assert_eq!(l[1].left, "then in ");
        assert_eq!(l[1].right, " again.");
        assert_eq!(l[1].offset, 30);
    }

    #[test]
    fn sort_right_orders_by_following_words() {
        let a = hit("sanctions against Iran", &["sanctions"]);
        let b = hit("sanctions, Against all odds", &["sanctions"]);
        let c = hit("sanctions are bad", &["sanctions"]);
        let mut l = lines(&[a, b, c], 30);
        sort(&mut l, Order::Right);
        let rights: Vec<&str> = l.iter().map(|l| l.right.as_str()).collect();
        assert_eq!(rights, [", Against all odds", " against Iran", " are bad"]);
        sort(&mut l, Order::Left);
    }

    #[test]
    fn sort_left_orders_by_nearest_word_first() {
        let a = hit("zebra apple sanctions", &["sanctions"]);
        let b = hit("apple zebra sanctions", &["sanctions"]);
        let mut l = lines(&[a, b], 30);
        sort(&mut l, Order::Left);
        assert_eq!(l[0].left, "zebra apple ");
    }
}
