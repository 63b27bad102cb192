//! The transcript stage, UN General Debate speeches: PDF-extracted text → the paragraphs a reader sees.
//!
//! The 4,615 files of `un-debates/` come in three shapes: hard-wrapped at the printed column
//! with blank lines between paragraphs, hard-wrapped with paragraphs marked only by a short
//! or indented line, and one paragraph per line. [`reflow`] takes any of them; the rules,
//! in the order they are applied to each line break:
//!
//! 1. A BOM is dropped, `\r\n` and form feeds are line breaks, and whitespace inside a
//!    paragraph is one space.
//! 2. Page furniture is dropped: a line that is only a page number (`8`, `13/45`), a UN
//!    document number (`09-52179`) or both (`47 10-55103`, `06-52988 24`, `15-29816 13/45`),
//!    or a meeting record's symbol and date (`A/70/PV.13 29/09/2015`, `02/10/2015 A/70/PV.25`). It and a form feed are page
//!    breaks, and the blank lines around a page break are not a paragraph break
//!    (`USA_60_2005`: `build institutions` / `8` / `` / `that reflect`; `AFG_68_2013`:
//!    `from power,` / `` / `` / form feed / `Afghanistan was`); rule 7 decides there.
//! 3. A line ending in a letter or digit and `-` is joined to the next with no space, the
//!    hyphen kept: `Secretary-` / `General` is `Secretary-General`. Evidence (all files): of
//!    4,529 line-end hyphens, 2,302 join into a word printed elsewhere both with and without
//!    the hyphen, 1,900 into one printed only hyphenated (`post-2015`, `sixty-third`), 306
//!    into one printed nowhere else (`risk-fraught`) and 21 into one printed elsewhere only
//!    solid, all prefix compounds (`re-dedicate`, `whole-hearted`); no break splits a plain
//!    word inside a syllable (`develop-` / `ment`), so the hyphen is always the writer's.
//! 4. A break that cuts a sentence is joined with a space, even across a blank line: the line
//!    before ends without `. ! ? : ; …` (closing quotes and brackets aside) and the next
//!    starts with a lower-case letter, or the line before ends with a word no English
//!    paragraph ends with (`of`, `the`, `and`, …). Some files put blank lines inside
//!    sentences (`SLB_68_2013`: `on` / `` / `his election`; `USA_79_2024` has 66).
//! 5. Otherwise a blank line is a paragraph break: no break the file marks is lost.
//! 6. In a file of one paragraph per line (its 90th-percentile line is 130 characters or
//!    more), every other line break is a paragraph break, except after a line of 80
//!    characters or more that ends in a letter or digit, with no punctuation at all: that is
//!    a sentence cut before a capital (`MUS_70_2015`: `recognition by the United` /
//!    `Nations`; 406 such breaks in the folder, and 19 of a sample of 21 were cut sentences;
//!    shorter lines like that are mostly headings: `Peace and Security`).
//! 7. In a hard-wrapped file, a line break without a blank line is a paragraph break when
//!    the next line does not start in lower case and either the line before ends a sentence
//!    and is short (the next line's first word would have fitted on it, the width being the
//!    file's 90th-percentile line), or the next line is indented in a file whose lines mostly
//!    are not (`PRT_61_2006`). Measured against the blank lines of the 401 wrapped files that
//!    have them, this finds 86% of their breaks and 88% of what it finds are breaks.

use std::sync::LazyLock;

/// A speech, reflowed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reflow {
    pub paragraphs: Vec<String>,
    /// For each line of the input (split on `\n`), the paragraph it went into: `None` for
    /// blank lines and page furniture.
    pub line_paragraph: Vec<Option<usize>>,
    /// Line-end hyphens joined to the next line (rule 3).
    pub hyphen_joins: usize,
    /// Blank lines inside a sentence, joined (rule 4).
    pub blank_joins: usize,
    /// Lines dropped as page furniture (rule 2).
    pub furniture: usize,
    /// Whether the file was read as hard-wrapped (rule 7) rather than a paragraph a line.
    pub wrapped: bool,
}

/// Words an English paragraph does not end with: a line ending in one continues.
const OPEN_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "for", "with", "by", "on", "at", "from", "as",
    "into", "its", "their", "our", "his", "her", "that", "which", "than", "between",
];

static FURNITURE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(concat!(
        r"^\s*(?:",
        r"\d{1,3}(?:/\d{1,3})?",                          // 8, 13/45
        r"|\d{2}-\d{5}(?:\s+\d{1,3}(?:/\d{1,3})?)?",      // 09-52179, 06-52988 24, 15-29816 13/45
        r"|\d{1,3}(?:/\d{1,3})?\s+\d{2}-\d{5}",           // 47 10-55103
        r"|A/\d{2}/PV\.\d{1,3}(?:\s+\d{2}/\d{2}/\d{4})?", // A/70/PV.13 29/09/2015
        r"|\d{2}/\d{2}/\d{4}\s+A/\d{2}/PV\.\d{1,3}",      // 02/10/2015 A/70/PV.25
        r")\s*$"
    ))
    .expect("valid regex")
});

/// Is this line page furniture (rule 2)?
pub fn is_furniture(line: &str) -> bool {
    // The longest furniture is `A/70/PV.13 29/09/2015`: skip the regex for text lines.
    line.trim().len() <= 24 && FURNITURE.is_match(line)
}

/// Does `line` end a sentence (rule 4)?
pub fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '*']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

/// Does a paragraph ending with `line` stay open for the next line (rule 4)?
pub fn cuts_sentence(line: &str, next: &str) -> bool {
    if ends_sentence(line) {
        return false;
    }
    let starts_lower = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    let last = line
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    starts_lower || OPEN_WORDS.contains(&last.as_str())
}

/// A long line ending in a letter or digit (rule 6): a paragraph never ends like that.
fn long_open_line(line: &str) -> bool {
    let t = line.trim();
    t.chars().next_back().is_some_and(char::is_alphanumeric) && t.chars().count() >= 80
}

fn hyphen_broken(line: &str) -> bool {
    let mut it = line.trim_end().chars().rev();
    it.next() == Some('-') && it.next().is_some_and(char::is_alphanumeric)
}

struct Line<'a> {
    /// Index in the input.
    at: usize,
    text: &'a str,
    indented: bool,
    blank_before: bool,
}

/// Reflow the text of one speech (rules in the module comment).
pub fn reflow(text: &str) -> Reflow {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: Vec<&str> = text.split('\n').collect();
    let mut out = Reflow {
        line_paragraph: vec![None; raw.len()],
        ..Reflow::default()
    };
    let mut lines = Vec::new();
    let (mut blank, mut furniture) = (false, false);
    for (at, l) in raw.iter().enumerate() {
        // Form feeds are page breaks inside a line of the split.
        let l = l.trim_end_matches('\r');
        for (k, piece) in l.split('\u{c}').enumerate() {
            if k > 0 {
                furniture = true;
            }
            if piece.trim().is_empty() {
                blank = true;
            } else if is_furniture(piece) {
                furniture = true;
                out.furniture += 1;
            } else {
                lines.push(Line {
                    at,
                    text: piece.trim_end(),
                    indented: piece.starts_with([' ', '\t']),
                    blank_before: blank && !furniture && !lines.is_empty(),
                });
                blank = false;
                furniture = false;
            }
        }
    }
    if lines.is_empty() {
        return out;
    }
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.text.trim().chars().count())
        .collect();
    lens.sort_unstable();
    let width = lens[lens.len() * 9 / 10];
    out.wrapped = width < 130;
    let indent_means = lines.iter().filter(|l| l.indented).count() * 2 < lines.len();

    let mut para = String::new();
    for (i, line) in lines.iter().enumerate() {
        let words = line.text.trim();
        if i > 0 {
            let prev = lines[i - 1].text;
            let join = if hyphen_broken(prev) {
                out.hyphen_joins += 1;
                Some("")
            } else if cuts_sentence(prev, words) {
                out.blank_joins += usize::from(line.blank_before);
                Some(" ")
            } else if !out.wrapped && !line.blank_before && long_open_line(prev) {
                Some(" ")
            } else if line.blank_before || !out.wrapped {
                None
            } else {
                let lower = words.chars().next().is_some_and(char::is_lowercase);
                let first = words
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .count();
                let short = prev.trim().chars().count() + 1 + first <= width;
                let paragraph = !lower
                    && ((ends_sentence(prev) && short)
                        || (indent_means && line.indented && !lines[i - 1].indented));
                (!paragraph).then_some(" ")
            };
            match join {
                Some(sep) => para.push_str(sep),
                None => {
                    out.paragraphs.push(std::mem::take(&mut para));
                }
            }
        }
        push_collapsed(&mut para, words);
        out.line_paragraph[line.at] = Some(out.paragraphs.len());
    }
    out.paragraphs.push(para);
    out
}

/// Append `s` with its whitespace runs as single spaces.
fn push_collapsed(out: &mut String, s: &str) {
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Just the paragraphs.
pub fn paragraphs(text: &str) -> Vec<String> {
    reflow(text).paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    // Hard-wrapped lines at a ~55-character column, as in the PDF extractions.
    const WRAPPED: &str = "In moments of tumultuous historical change,\n\
leaders must become architects of a better world. We\n\
must survey the new international landscape, lay firm\n\
foundations of moral principle and build institutions\n\
that reflect our unique moment in history. It is those\n\
dignity.\n\
Sixty years ago was just such a time of\n\
transformation. After one of the greatest cataclysms in\n\
world history, the United States joined with visionary\n";

    #[test]
    fn bom_and_crlf() {
        assert_eq!(paragraphs("\u{feff}One.\r\n\r\nTwo.\r\n"), ["One.", "Two."]);
    }

    #[test]
    fn whitespace_inside_a_paragraph_is_one_space() {
        assert_eq!(
            paragraphs("plan  2017-2021,\t in the   \nend."),
            ["plan 2017-2021, in the end."]
        );
    }

    #[test]
    fn page_number_and_its_blank_line_are_not_a_break() {
        let t = "foundations of moral principle and build institutions\n8\n\nthat reflect our unique moment in history.";
        let r = reflow(t);
        assert_eq!(r.paragraphs, ["foundations of moral principle and build institutions that reflect our unique moment in history."]);
        assert_eq!(r.furniture, 1);
        for f in [
            "8",
            "  06-52988 24 ",
            "47 10-55103 ",
            "09-52179",
            "15-29816 13/45",
            "A/70/PV.13 29/09/2015",
            "02/10/2015 A/70/PV.25",
            " A/59/PV.3",
        ] {
            assert!(is_furniture(f), "{f}");
        }
        assert!(!is_furniture("2015"));
        assert!(!is_furniture("1. The Charter"));
    }

    #[test]
    fn hyphen_at_line_end_is_kept_and_joined() {
        let r = reflow("thank Secretary-\nGeneral Annan and the Al-\nKhalifa family for the well-\nbeing of all.");
        assert_eq!(r.paragraphs, ["thank Secretary-General Annan and the Al-Khalifa family for the well-being of all."]);
        assert_eq!(r.hyphen_joins, 3);
        // Across a page break too.
        assert_eq!(
            paragraphs("the Secretary-\n12\n\nGeneral said."),
            ["the Secretary-General said."]
        );
        // A dash with a space before it is not a broken word.
        assert_eq!(
            paragraphs("peace -\nand justice."),
            ["peace - and justice."]
        );
    }

    #[test]
    fn blank_line_is_a_paragraph_break() {
        assert_eq!(
            paragraphs(
                "Mr President,\n\nOn behalf of the Gabonese people, I am pleased.\n\nThank you."
            ),
            [
                "Mr President,",
                "On behalf of the Gabonese people, I am pleased.",
                "Thank you."
            ]
        );
    }

    // SLB_68_2013: `Ambassador John Ashe of Antigua and Barbuda, on` / `` / `his election`.
    #[test]
    fn blank_line_inside_a_sentence_is_joined() {
        let r = reflow("Ambassador John Ashe of Antigua and Barbuda, on\n\nhis election as President.\n\nI take this opportunity.");
        assert_eq!(
            r.paragraphs,
            [
                "Ambassador John Ashe of Antigua and Barbuda, on his election as President.",
                "I take this opportunity."
            ]
        );
        assert_eq!(r.blank_joins, 1);
        // A word no paragraph ends with, before a capital.
        assert_eq!(
            paragraphs("the Republic of\n\nKorea spoke."),
            ["the Republic of Korea spoke."]
        );
    }

    #[test]
    fn one_paragraph_per_line_file() {
        let long = "x".repeat(200);
        let t = format!("{long} conflicts, such as that in\nthe Middle East, remain.\n{long}.\nIn the meantime, disasters.\n");
        let r = reflow(&t);
        assert!(!r.wrapped);
        assert_eq!(r.paragraphs.len(), 3, "{:?}", r.paragraphs);
        assert!(r.paragraphs[0].ends_with("that in the Middle East, remain."));
        assert_eq!(r.paragraphs[2], "In the meantime, disasters.");
    }

    // MUS_70_2015: `…on the occasion of the formal recognition by the United` / `15-29816 13/45` / `Nations…`.
    #[test]
    fn one_paragraph_per_line_long_line_cut_before_a_capital() {
        let long = "x".repeat(150);
        let t = format!("{long}.\nWe congratulate the Palestinian Authority on the occasion of the formal recognition by the United\n15-29816 13/45\nNations of its flag.\nMr. President,\nThank you.\n");
        let r = reflow(&t);
        assert!(!r.wrapped);
        assert_eq!(r.furniture, 1);
        assert_eq!(r.paragraphs[1], "We congratulate the Palestinian Authority on the occasion of the formal recognition by the United Nations of its flag.");
        // A short line is a salutation or a heading, not a cut.
        assert_eq!(&r.paragraphs[2..], ["Mr. President,", "Thank you."]);
    }

    #[test]
    fn wrapped_file_breaks_after_a_short_line_ending_a_sentence() {
        let r = reflow(WRAPPED);
        assert!(r.wrapped);
        assert_eq!(r.paragraphs.len(), 2, "{:#?}", r.paragraphs);
        assert!(
            r.paragraphs[0].starts_with("In moments")
                && r.paragraphs[0].ends_with("It is those dignity.")
        );
        assert!(
            r.paragraphs[1].starts_with("Sixty years ago was just such a time of transformation.")
        );
    }

    #[test]
    fn wrapped_file_keeps_a_sentence_ending_at_a_full_line() {
        // `pleased` would not have fitted after a full line: no break.
        let t = "General Assembly. Barbados was particularly pleased at it.\n\
Assembly was particularly noteworthy, and it was so well.\n\
The Security Council must earn the support of Members\n\
of the United Nations if it is to fulfil its mandate.\n";
        assert_eq!(reflow(t).paragraphs.len(), 1);
    }

    // PRT_61_2006: new paragraphs start with a space.
    #[test]
    fn indented_line_starts_a_paragraph() {
        let t = "predecessor, Minister Jan Eliasson, whom I am very \n\
happy to remember here and to thank for his work, as \n\
all of us do \n This session of the Assembly is also notable for \n\
being the last during which Secretary-General Kofi \n";
        let r = reflow(t);
        assert_eq!(r.paragraphs.len(), 2, "{:#?}", r.paragraphs);
        assert!(r.paragraphs[1].starts_with("This session"));
    }

    #[test]
    fn line_paragraph_maps_input_lines() {
        let r = reflow("One.\n\nTwo\nthree.\n7\n");
        assert_eq!(
            r.line_paragraph,
            [Some(0), None, Some(1), Some(1), None, None]
        );
    }

    #[test]
    fn empty_and_furniture_only() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n 12 \n\n").is_empty());
    }

    fn un_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/un-debates")
    }

    #[test]
    fn fixtures_of_the_three_shapes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/un");
        let read = |n: &str| reflow(&std::fs::read_to_string(dir.join(n)).unwrap());
        let w = read("wrapped_BRB_59_2004.txt");
        assert!(w.wrapped);
        assert_eq!(w.furniture, 1);
        assert_eq!(w.paragraphs.len(), 2);
        assert!(w.paragraphs[0].starts_with("Mr. President, it is my pleasure"));
        assert!(w.paragraphs[0].ends_with("in the year ahead."));
        assert!(w.paragraphs[1].starts_with("I wish to thank and congratulate your predecessor,"));
        let h = read("wrapped-hyphen_BRB_59_2004.txt");
        assert_eq!(h.hyphen_joins, 1);
        assert_eq!(h.paragraphs.len(), 2);
        assert!(h.paragraphs[1].starts_with(
            "Barbados supports the call of the Director-General of the United Nations Educational"
        ));
        let b = read("blank-lines_SLB_68_2013.txt");
        assert_eq!(b.blank_joins, 1);
        assert_eq!(b.paragraphs.len(), 2);
        assert!(b.paragraphs[0].contains("Barbuda, on his election as President"));
        assert!(b.paragraphs[1].starts_with("I take this opportunity to commend his predecessor,"));
        let p = read("per-line_FRA_70_2015.txt");
        assert!(!p.wrapped);
        assert_eq!(p.paragraphs.len(), 2);
        assert!(p.paragraphs[0].ends_with("conflicts, such as that in the Middle East, that have remain unresolved for years and years, and that we all know could intensify at any moment."));
        assert!(p.paragraphs[1].starts_with("In the meantime, there are disasters"));
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn all_un_speeches() {
        let mut files: Vec<_> = walkdir::WalkDir::new(un_dir())
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| e.into_path())
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let t = std::time::Instant::now();
        let flows: Vec<Reflow> = texts.iter().map(|t| reflow(t)).collect();
        let secs = t.elapsed().as_secs_f64();
        let (mut paras, mut mid, mut lost, mut blank_breaks, mut hyph, mut joined, mut wrapped) =
            (0, 0, 0, 0, 0, 0, 0);
        // Not an error: salutations (`Mr. President,`), list items, headings, and the breaks
        // before a capital that no rule can tell from a paragraph end.
        let mut open_ends = 0;
        let mut mid_examples = Vec::new();
        for ((path, text), r) in files.iter().zip(&texts).zip(&flows) {
            paras += r.paragraphs.len();
            hyph += r.hyphen_joins;
            joined += r.blank_joins;
            wrapped += usize::from(r.wrapped);
            // Paragraphs that end mid-sentence while the next one continues it.
            for p in r.paragraphs[..r.paragraphs.len().saturating_sub(1)]
                .iter()
                .filter(|p| !ends_sentence(p))
            {
                open_ends += 1;
                if open_ends % 700 == 0 {
                    let tail: String = p
                        .chars()
                        .rev()
                        .take(50)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    println!(
                        "reflow: open end, {}: …{tail}",
                        path.file_name().unwrap().to_string_lossy()
                    );
                }
            }
            for w in r.paragraphs.windows(2) {
                if cuts_sentence(&w[0], &w[1]) {
                    mid += 1;
                    if mid_examples.len() < 5 {
                        mid_examples.push(format!(
                            "{}: …{}",
                            path.display(),
                            &w[0][w[0].len().saturating_sub(40)..]
                        ));
                    }
                }
            }
            // The file's blank-line breaks (outside page furniture, not inside a sentence)
            // must separate paragraphs of the output.
            let lines: Vec<&str> = text
                .strip_prefix('\u{feff}')
                .unwrap_or(text)
                .split('\n')
                .collect();
            let mut last: Option<usize> = None;
            let mut gap = (false, false); // (blank seen, furniture seen)
            for (i, l) in lines.iter().enumerate() {
                let l = l.trim_end_matches('\r');
                if l.contains('\u{c}') || is_furniture(l) {
                    gap.1 = true;
                    continue;
                }
                if l.trim().is_empty() {
                    gap.0 = true;
                    continue;
                }
                if let Some(p) = last {
                    if gap.0 && !gap.1 && !cuts_sentence(lines[p], l) && !hyphen_broken(lines[p]) {
                        blank_breaks += 1;
                        if r.line_paragraph[p] == r.line_paragraph[i] {
                            lost += 1;
                            if lost < 6 {
                                println!("lost: {}: {:?} / {:?}", path.display(), lines[p], l);
                            }
                        }
                    }
                }
                last = Some(i);
                gap = (false, false);
            }
        }
        println!(
            "reflow: {} files ({wrapped} hard-wrapped), {:.1} MB in {secs:.2} s: {:.0} MB/s",
            files.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
        println!("reflow: {paras} paragraphs; {hyph} hyphen joins; {joined} blank lines inside a sentence joined");
        println!("reflow: {mid} paragraphs end mid-sentence while the next line continues it {mid_examples:?}");
        println!("reflow: {blank_breaks} blank-line paragraph breaks in the files, {lost} lost");
        println!("reflow: {open_ends} paragraphs (not a file's last) end without . ! ? : ; …");
        assert_eq!(files.len(), 4615);
        assert_eq!(lost, 0);
        assert_eq!(mid, 0);
    }
}
