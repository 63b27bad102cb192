//! The page header (category, title, lead, date, time, place) and footer (tag blocks,
//! sections, publication date), around the body.

use super::date::{parse_clock, parse_long_date};
use super::Transcript;

const CATEGORIES: [&str; 1] = ["Events"];
const TAG_HEADINGS: [&str; 3] = ["Geography", "Topics", "Persons"];

/// Reads the footer into `t` and returns the index of its first line (the body's end).
pub(super) fn parse_footer(lines: &[&str], t: &mut Transcript) -> usize {
    let mut end = lines.len();
    // The footer ends with `Text version`; lines after it (a stray line pasted at the end,
    // issue 13 §8) must not make the footer's tags paragraphs: they are left out, and said.
    let last = lines.len().saturating_sub(4);
    if let Some(i) = (last..lines.len())
        .rev()
        .find(|&i| lines[i] == "Text version")
    {
        let after = lines[i + 1..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count();
        if after > 0 {
            t.warnings.push(format!(
                "{after} line(s) after the 'Text version' footer left out"
            ));
        }
        end = i;
    }
    // The publication block, read from the end: `Publication status`,
    // `Published in section(s): ...`, `Publication date: ...`.
    let mut start = end;
    let mut i = end;
    while i > 0 {
        let l = lines[i - 1];
        if let Some(v) = l.strip_prefix("Publication date:") {
            t.publication_date = Some(v.trim().to_string());
        } else if let Some(v) = l
            .strip_prefix("Published in sections:")
            .or_else(|| l.strip_prefix("Published in section:"))
        {
            t.sections = v
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        } else if l != "Publication status" {
            break;
        }
        i -= 1;
        start = i;
        if l == "Publication status" {
            break;
        }
    }
    if start == end {
        // No publication block: the page has no footer we can trust.
        return lines.len();
    }
    // Tag blocks just above it, in the order Geography, Topics, Persons, each optional.
    let mut tags_start = start;
    let mut limit = start;
    for heading in TAG_HEADINGS.iter().rev() {
        // The nearest line equal to the heading above `limit`, whose items run to `limit`.
        if let Some(h) = (0..limit).rev().find(|&j| lines[j] == *heading) {
            // Items are short tag names; a long line means we walked into the body.
            let items = &lines[h + 1..limit];
            if items.is_empty()
                || items
                    .iter()
                    .any(|l| l.len() > 120 || TAG_HEADINGS.contains(l))
            {
                continue;
            }
            let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
            match *heading {
                "Geography" => t.geography = items,
                "Topics" => t.topics = items,
                _ => t.persons = items,
            }
            tags_start = h;
            limit = h;
        }
    }
    tags_start
}

/// Reads the header into `t` and returns the index of the body's first line.
pub(super) fn parse_header(lines: &[&str], t: &mut Transcript) -> usize {
    let mut i = 0;
    if lines.first().is_some_and(|l| CATEGORIES.contains(l)) {
        i = 1;
    }
    let Some(title) = lines.get(i) else {
        return lines.len();
    };
    t.title = title.to_string();
    i += 1;
    // The lead is 0-2 lines between the title and the date.
    let date_at = (i..lines.len().min(i + 3)).find(|&j| parse_long_date(lines[j]).is_some());
    match date_at {
        Some(d) => {
            if d > i {
                t.lead = Some(lines[i..d].join(" "));
            }
            t.date = parse_long_date(lines[d]).map(|d| d.iso());
            i = d + 1;
            if let Some(clock) = lines.get(i).and_then(|l| parse_clock(l)) {
                t.time = Some(clock);
                i += 1;
            }
            if let Some(place) = lines.get(i).filter(|l| looks_like_place(l)) {
                t.place = Some(place.to_string());
                i += 1;
            }
        }
        None => {
            // Announcements carry no date; their first line is a lead when more follows
            // (pages 17109, 17152: a one-line summary above the body).
            if lines.len() > i + 1 {
                t.lead = Some(lines[i].to_string());
                i += 1;
            }
        }
    }
    i
}

/// A place line: short, no sentence punctuation, not a label, counter or separator
/// (`Novo-Ogaryovo, Moscow Region`, `The Kremlin, Moscow`; page 7506).
fn looks_like_place(l: &str) -> bool {
    let chars = l.chars().count();
    if chars == 0 || chars > 80 || l.contains(':') {
        return false;
    }
    // `10 Downing Street, London` (pages 34194-5) starts with a digit.
    let first = l.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    if l.ends_with(['?', '!', ',', ';', '…']) || l.contains(['“', '"', '<', '‹']) {
        return false;
    }
    // Two sentences (`May 8. Alexander Garden.`, page 17894) are body text.
    if l.trim_end_matches('.')
        .replace("St. ", "St ")
        .contains(". ")
    {
        return false;
    }
    // A full stop ends a sentence unless the line is very short (`Bangkok.`).
    if l.ends_with('.') && l.split_whitespace().count() > 4 {
        return false;
    }
    if super::body::is_counter(l) || TAG_HEADINGS.contains(&l) || l == "Publication status" {
        return false;
    }
    // Places are names, with few lower-case words and no sentence ending
    // (`Tsugol training range, Trans-Baikal Territory`, page 58548).
    let words = l.split_whitespace().count();
    let lower = l
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .filter(|w| {
            !matches!(
                *w,
                "of" | "the" | "and" | "de" | "in" | "on" | "upon" | "am" | "an" | "der"
            )
        })
        .count();
    words <= 10 && (lower == 0 || (lower <= 3 && !l.ends_with('.')))
}

#[cfg(test)]
mod tests {
    use super::super::parse_text;

    const PAGE: &str = "Events\nMeeting with X\nA lead line.\nNovember 9, 2020\n13:25\nNovo-Ogaryovo, Moscow Region\n1 of 4\nCaption.\nVladimir Putin: Hello.\nGeography\nSyria\nTopics\nForeign policy\nPersons\nal-Assad Bashar\nPublication status\nPublished in sections: News, Transcripts\nPublication date: November 9, 2020, 13:25\nText version";

    #[test]
    fn full_header_and_footer() {
        let t = parse_text("p.txt", "p", PAGE);
        assert_eq!(t.title, "Meeting with X");
        assert_eq!(t.lead.as_deref(), Some("A lead line."));
        assert_eq!(t.date.as_deref(), Some("2020-11-09"));
        assert_eq!(t.time.as_deref(), Some("13:25"));
        assert_eq!(t.place.as_deref(), Some("Novo-Ogaryovo, Moscow Region"));
        assert_eq!(t.captions, vec!["Caption."]);
        assert_eq!(t.geography, vec!["Syria"]);
        assert_eq!(t.topics, vec!["Foreign policy"]);
        assert_eq!(t.persons, vec!["al-Assad Bashar"]);
        assert_eq!(t.sections, vec!["News", "Transcripts"]);
        assert_eq!(
            t.publication_date.as_deref(),
            Some("November 9, 2020, 13:25")
        );
        assert_eq!(t.paragraphs.len(), 1);
    }

    #[test]
    fn a_line_after_text_version_keeps_the_footer() {
        let page = format!("{PAGE}\nA stray line.");
        let t = parse_text("p.txt", "p", &page);
        assert_eq!(t.geography, vec!["Syria"]);
        assert_eq!(t.topics, vec!["Foreign policy"]);
        let texts: Vec<&str> = t.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Hello."]);
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("after the 'Text version'")),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn no_lead_no_place() {
        let t = parse_text("p.txt", "p", "Events\nTitle\nMay 1, 2019\n10:00\nThe President met the Governor.\nPublication status\nPublished in section: News\nPublication date: May 1, 2019, 10:00\nText version");
        assert_eq!(t.lead, None);
        assert_eq!(t.place, None);
        assert_eq!(t.time.as_deref(), Some("10:00"));
        assert_eq!(t.paragraphs[0].text, "The President met the Governor.");
        assert_eq!(t.sections, vec!["News"]);
    }

    #[test]
    fn two_line_lead_is_joined() {
        let t = parse_text("p.txt", "p", "Events\nTitle\nLead one.\nLead two.\nApril 1, 2016\n19:30\nThe body of the page is a sentence.");
        assert_eq!(t.lead.as_deref(), Some("Lead one. Lead two."));
        assert_eq!(t.place, None);
    }

    #[test]
    fn announcement_without_date() {
        let t = parse_text("p.txt", "p", "Events\nPutin will meet X\nPutin will meet X on Monday.\nThe talks will cover trade.\nPublication status\nPublication date: May 1, 2019, 10:00");
        // no date under the title: the publication date stands in, marked as such
        assert_eq!(t.date.as_deref(), Some("2019-05-01"));
        assert!(t.date_from_publication);
        assert_eq!(t.lead.as_deref(), Some("Putin will meet X on Monday."));
        assert_eq!(t.paragraphs.len(), 1);
    }

    #[test]
    fn body_line_named_topics_is_not_footer() {
        let t = parse_text("p.txt", "p", "Events\nT\nMay 1, 2019\nTopics\nA long body sentence that happens to follow a line that says Topics and is much longer than any tag name would ever be in a footer block of a kremlin page.\nTopics\nForeign policy\nPublication status");
        assert_eq!(t.topics, vec!["Foreign policy"]);
        assert_eq!(t.paragraphs.len(), 2);
    }
}
