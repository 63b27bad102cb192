//! The transcript stage (after `source`, before `ingest`): a source file's text → [`Transcript`]s,
//! one reader per input format, picked in [`mod@file`].
//!
//! The kremlin.ru text layout (one paragraph per line) is split into its header (title,
//! lead, date, time, place), its footer (tags, sections, publication date) and its body,
//! which becomes a list of per-speaker [`Paragraph`]s ([`parse_text`]); a saved HTML page is
//! written out in that layout first ([`html`]); JSON Lines records are read by [`jsonl`].
//! Everything downstream (ingest, index, query, hits) works on these paragraphs, never on
//! raw page text.

mod body;
pub mod captions;
pub mod corpus;
mod date;
pub mod facet;
pub mod file;
mod header;
pub mod honorific;
pub mod html;
pub mod jsonl;
pub mod label;
pub mod labelled;
pub mod media;
pub mod notes;
mod pullquote;
pub mod reflow;
pub mod sidecar;
mod speaker;
pub(crate) use speaker::OFFICE_WORDS;
pub mod tei;

pub use body::is_elision;
pub use date::{parse_long_date, Date};
pub use file::{read, FilePages, Reader};

/// One page, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    /// Where it came from: the path as given to `parse`/`ingest`.
    pub source: String,
    /// The page id: the file stem (`57488` for `57488.txt`).
    pub id: String,
    pub title: String,
    pub lead: Option<String>,
    /// `YYYY-MM-DD`: the date printed under the title, else the day of the `Publication
    /// date:` line ([`Transcript::date_from_publication`]).
    pub date: Option<String>,
    /// The page prints no date under its title (announcements): `date` is the publication
    /// date, so that a date filter still finds the page.
    pub date_from_publication: bool,
    /// `HH:MM`.
    pub time: Option<String>,
    pub place: Option<String>,
    /// Photo captions (`1 of 4` then a caption line): metadata, not speech.
    pub captions: Vec<String>,
    pub geography: Vec<String>,
    pub topics: Vec<String>,
    /// As printed in the footer: surname first (`al-Assad Bashar`).
    pub persons: Vec<String>,
    pub sections: Vec<String>,
    /// `Publication date:` as printed (`November 9, 2020, 13:25`).
    pub publication_date: Option<String>,
    /// A bare signature line closing the page (`Vladimir Putin`).
    pub signature: Option<String>,
    /// Elisions (`<…>`): each is the index of the paragraph the gap comes before
    /// (equal to `paragraphs.len()` for a gap at the end).
    pub gaps: Vec<usize>,
    pub paragraphs: Vec<Paragraph>,
    /// The page's address when the source gives one (JSON Lines); else see [`Transcript::url`].
    pub url: Option<String>,
    /// What the parser had to repair (a runaway paragraph split), for the ingest report.
    pub warnings: Vec<String>,
    /// The recording's YouTube video id, from a sidecar file ([`sidecar`]): hits link to
    /// `https://www.youtube.com/watch?v=ID&t=Ns`. Not the page URL.
    pub video: Option<String>,
    /// How much of the transcript its captions could place ([`captions::align()`]), when
    /// captions were beside it.
    pub alignment: Option<captions::AlignStats>,
    /// Facets of every paragraph, `(name, value)` in the order a corpus description names
    /// them (`country` = `FRA`); names are checked by [`facet::check_name`]. The kremlin.ru
    /// tags become the facets `topic` and `geography` at indexing, not here.
    pub facets: Vec<(String, String)>,
    /// The language of the transcript (`en`, `hr`) when the source says (TEI's `xml:lang`).
    pub lang: Option<String>,
}

/// One paragraph of the body, attributed to a speaker (or to none, for narration).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// 0-based position in the transcript.
    pub index: usize,
    /// 0-based number of the turn: it goes up each time the voice changes
    /// (a new label, or narration after a separator).
    pub turn: usize,
    /// Canonical speaker (`Vladimir Putin`, `Question`), `None` for narration.
    pub speaker: Option<String>,
    /// Role or title printed before the name (`President of Russia`).
    pub role: Option<String>,
    /// The label as printed, without the colon and the notes.
    pub label: Option<String>,
    /// Notes printed in brackets before the colon (`retranslated`, `Krasnodar Territory`).
    pub note: Option<String>,
    /// The page marks these words as interpreted (`(retranslated)`, `(translated from Russian)`).
    pub retranslated: bool,
    /// The words, without the label.
    pub text: String,
    /// Page furniture, not speech: a pull-quote box repeating words of another paragraph
    /// of the page (see `pullquote.rs`). Kept and numbered, but no hit and not counted
    /// unless asked for.
    pub furniture: bool,
    /// Stage notes taken out of the words (`crosstalk`, `LAUGHTER`; see [`notes`]).
    pub stage_notes: Vec<String>,
    /// When the paragraph was said, in seconds from the start of the recording (from its
    /// captions): the start of its first word and the end of its last.
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// Facets of this paragraph alone, after the transcript's [`Transcript::facets`]: what
    /// depends on who speaks (a ParlaMint speaker's `party` on the sitting's date).
    pub facets: Vec<(String, String)>,
    /// The language of the words (`xml:lang`, `hr`), when the source says; else the
    /// transcript's [`Transcript::lang`].
    pub lang: Option<String>,
}

impl Transcript {
    /// The page's URL: as given by the source, else the kremlin.ru URL when the id is a page number.
    pub fn url(&self) -> Option<String> {
        self.url.clone().or_else(|| page_url(&self.id))
    }
}

/// The number of whitespace-separated words in `text`, as `text.split_whitespace().count()`
/// gives it, but on bytes: ingest counts every paragraph, and decoding characters made this
/// 3% of its CPU time. Whitespace beyond ASCII is recognised by its UTF-8 bytes.
pub fn count_words(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            // The common case, without branches: a word starts where a non-space follows.
            let word = !ASCII_SPACE[c as usize];
            n += usize::from(word & !in_word);
            in_word = word;
            i += 1;
            continue;
        }
        let space_len = unicode_space_len(&b[i..]);
        if space_len == 0 {
            n += usize::from(!in_word);
            in_word = true;
            i += 1;
        } else {
            in_word = false;
            i += space_len;
        }
    }
    n
}

/// ASCII whitespace as `char::is_whitespace` has it (space, `\t`, `\n`, VT, FF, `\r`), by byte.
const ASCII_SPACE: [bool; 128] = {
    let mut t = [false; 128];
    t[b' ' as usize] = true;
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = true;
        b += 1;
    }
    t
};

/// The length of the Unicode whitespace character `b` starts with (Rust's
/// `char::is_whitespace` beyond ASCII), or 0.
fn unicode_space_len(b: &[u8]) -> usize {
    match b {
        [0xc2, 0x85 | 0xa0, ..] => 2,
        [0xe1, 0x9a, 0x80, ..] => 3,
        [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..] => 3,
        [0xe2, 0x81, 0x9f, ..] => 3,
        [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// `https://en.kremlin.ru/events/president/news/<id>` for a numeric page id.
pub fn page_url(id: &str) -> Option<String> {
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("https://en.kremlin.ru/events/president/news/{id}"))
}

/// The non-empty lines of `text`, trimmed: `\n`, `\r\n` and a lone `\r` all end a line.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    // Split on the bytes `\n` and `\r` (never inside a UTF-8 character): splitting on
    // chars decoded every character of every page, 4.7% of an ingest's instructions.
    let mut out = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let line = text[start..end].trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !line.is_empty() {
            out.push(line);
        }
        start = end + 1;
    }
    out
}

/// Parse the plain-text layout of a page. Never fails: a page with no recognisable
/// header still yields its lines as narration.
pub fn parse_text(source: &str, id: &str, text: &str) -> Transcript {
    let lines = lines(text);
    let mut t = Transcript {
        source: source.to_string(),
        id: id.to_string(),
        ..Transcript::default()
    };
    let footer_start = header::parse_footer(&lines, &mut t);
    let body_start = header::parse_header(&lines[..footer_start], &mut t);
    body::parse_body(&lines[body_start..footer_start], &mut t);
    pullquote::mark(&mut t.paragraphs);
    if t.date.is_none() {
        // `Publication date: November 9, 2020, 13:25` (162 undated announcements).
        let day = t.publication_date.as_deref().and_then(publication_day);
        if let Some(d) = day {
            t.date = Some(d.iso());
            t.date_from_publication = true;
        }
    }
    cap_paragraphs(&mut t);
    t
}

/// The day of a `Publication date:` value (`November 9, 2020, 13:25` → 2020-11-09).
fn publication_day(v: &str) -> Option<Date> {
    // The date is the part before the second comma; the time, if any, follows it.
    let end = v.match_indices(',').nth(1).map_or(v.len(), |(i, _)| i);
    parse_long_date(v[..end].trim())
}

/// Longest paragraph kept whole, in bytes; real ones stay under 3 KB.
pub const MAX_PARAGRAPH_BYTES: usize = 16 << 10;

/// Split paragraphs longer than [`MAX_PARAGRAPH_BYTES`] at spaces into several of the
/// same turn and speaker, with a warning: nothing is dropped, and one runaway line (a file
/// without line breaks) cannot become a document of megabytes.
pub(crate) fn cap_paragraphs(t: &mut Transcript) {
    if t.paragraphs
        .iter()
        .all(|p| p.text.len() <= MAX_PARAGRAPH_BYTES)
    {
        return;
    }
    let mut out = Vec::with_capacity(t.paragraphs.len());
    let mut split = 0;
    let old = std::mem::take(&mut t.paragraphs);
    let mut gaps_moved = vec![0usize; old.len() + 1];
    for (i, p) in old.into_iter().enumerate() {
        gaps_moved[i] = out.len();
        if p.text.len() <= MAX_PARAGRAPH_BYTES {
            out.push(p);
            continue;
        }
        split += 1;
        let mut p = p;
        let text = std::mem::take(&mut p.text);
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let mut cut = rest.len().min(MAX_PARAGRAPH_BYTES);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if cut < rest.len() {
                if let Some(space) = rest[..cut].rfind(char::is_whitespace) {
                    if space > 0 {
                        cut = space;
                    }
                }
            }
            let (piece, tail) = rest.split_at(cut);
            out.push(Paragraph {
                text: piece.trim().to_string(),
                ..p.clone()
            });
            rest = tail.trim_start();
        }
    }
    let last = gaps_moved.len() - 1;
    gaps_moved[last] = out.len();
    for g in &mut t.gaps {
        *g = gaps_moved[(*g).min(gaps_moved.len() - 1)];
    }
    for (i, p) in out.iter_mut().enumerate() {
        p.index = i;
    }
    t.paragraphs = out;
    t.warnings.push(format!(
        "{split} paragraph(s) longer than {} KB split into pieces",
        MAX_PARAGRAPH_BYTES >> 10
    ));
}

#[cfg(test)]
mod count_words_tests {
    use super::count_words;

    #[test]
    fn counts_as_split_whitespace_does() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnew\r\nlines\x0bvt\x0cff",
            "no\u{a0}break space\u{2003}em\u{3000}ideographic\u{85}next",
            "Putin’s «quotes» — dash – and\u{1c}unit-separator",
            "кириллица и 中文 words",
            "\u{1680}ogham\u{2000}\u{200a}x\u{2028}y\u{2029}z\u{202f}w\u{205f}v\u{200b}zero-width",
            "é\u{a0}\u{a0}ü \u{85}",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_text;

    #[test]
    fn undated_page_takes_its_publication_date() {
        let t = parse_text(
            "t.txt",
            "t",
            "Events\nAccreditation for the forum\nJournalists may apply until May 1.\nMore.\nPublication status\nPublished in section: News\nPublication date: April 3, 2019, 16:00\nText version",
        );
        assert_eq!(t.date.as_deref(), Some("2019-04-03"));
        assert!(t.date_from_publication);
        assert_eq!(t.time, None);
        let t = parse_text(
            "t.txt",
            "t",
            "Events\nTitle\nNovember 9, 2020\nBody.\nPublication status\nPublication date: November 10, 2020, 13:25\nText version",
        );
        assert_eq!(t.date.as_deref(), Some("2020-11-09"));
        assert!(!t.date_from_publication);
    }

    #[test]
    fn pull_quote_is_flagged_not_renumbered() {
        let t = parse_text(
            "t.txt",
            "t",
            "Events\nTitle\nNovember 9, 2020\nVladimir Putin: The changing geopolitical situation requires rapid and considered action.\n”The changing geopolitical situation requires rapid and considered action.“\nNext words.",
        );
        let flags: Vec<(usize, bool)> = t
            .paragraphs
            .iter()
            .map(|p| (p.index, p.furniture))
            .collect();
        assert_eq!(flags, vec![(0, false), (1, true), (2, false)]);
    }
}
