//! The transcript stage's reader of saved HTML pages: a saved en.kremlin.ru page → the plain-text
//! layout of a page, which the text reader then parses.
//!
//! The text versions of kremlin.ru pages (one paragraph a line: `Events`, title, lead, date,
//! time, place, `k of N` and a caption, body, tag blocks, publication block) are what
//! [`crate::transcript::parse_text`] reads. Rather than a second parser for HTML, this module
//! writes an HTML page out in exactly that layout, so that the same page gives the same
//! transcript whichever way it was saved: speaker labels, notes and elisions are then
//! recognised by the one set of rules in `transcript/`.
//!
//! The page is parsed with html5ever (through `scraper`), the same tree building a browser
//! does, so unclosed tags, entities and stray markup are handled as a browser would. The
//! article is then walked like a browser's "text of the page": a block element (`p`, `div`,
//! `h1`, `li`, ...) is a line of its own, inline markup (`b`, `i`, `a`, `sup`) joins its
//! text to the line it is in, and runs of white space (no-break spaces too) become one space.
//! A speaker label in bold (`<b>Vladimir Putin:</b> Thank you`, or the colon outside the
//! bold) thus comes out as `Vladimir Putin: Thank you`, as in the text version.
//!
//! Two things, one file each: `depth.rs` refuses hostile nesting on html5ever's tokens,
//! before a tree is built; `layout.rs` walks the article and writes its lines.

mod depth;
mod layout;

use scraper::{ElementRef, Html, Selector};

pub use depth::{nesting_depth, MAX_DEPTH};
use layout::{walk, Lines};

/// A page converted to the text layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page in the plain-text layout, one paragraph a line.
    pub text: String,
    /// The kremlin.ru page id the page gives for itself (its canonical URL), if any.
    pub id: Option<String>,
}

/// Why an `.html` file gives no page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error("not a saved kremlin.ru page: no article with an `h1` title")]
    NoArticle,
    #[error("HTML elements nested more than {MAX_DEPTH} deep: not a kremlin.ru page")]
    TooDeep,
}

impl Page {
    /// The page id: the file stem, as for a text file. A saved page whose name is not a
    /// page number (`Meeting with ... • President of Russia.html`) takes the number from its
    /// canonical URL, so that it has the id of its text version.
    pub fn page_id(&self, stem: String) -> String {
        match &self.id {
            Some(id) if !is_page_number(&stem) => id.clone(),
            _ => stem,
        }
    }
}

fn is_page_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Convert a saved kremlin.ru page to the text layout.
pub fn to_text(html: &str) -> Result<Page, HtmlError> {
    if nesting_depth(html) > MAX_DEPTH {
        return Err(HtmlError::TooDeep);
    }
    let doc = Html::parse_document(html);
    let article = find_article(&doc).ok_or(HtmlError::NoArticle)?;
    let mut out = Lines::default();
    walk(article, &mut out);
    Ok(Page {
        text: out.finish(),
        id: page_id(&doc),
    })
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("a valid CSS selector")
}

/// The article of the page: the element around the `h1` title (`article.read__in` on
/// kremlin.ru pages since 2015).
fn find_article(doc: &Html) -> Option<ElementRef<'_>> {
    let (article, h1) = (selector("article"), selector("h1"));
    if let Some(a) = doc
        .select(&article)
        .find(|a| a.select(&h1).next().is_some())
    {
        return Some(a);
    }
    // Without an `article` element: the nearest ancestor of the title that also holds the
    // body text.
    let (title, content) = (selector("h1.entry-title"), selector(".entry-content"));
    let h1 = doc.select(&title).next()?;
    h1.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.select(&content).next().is_some())
}

/// The page id from the canonical URL (`https://en.kremlin.ru/events/president/news/17113`;
/// a mirror may have rewritten it to `17113.html`), else from `og:url`.
fn page_id(doc: &Html) -> Option<String> {
    let (canonical, og) = (
        selector("link[rel=canonical]"),
        selector("meta[property='og:url']"),
    );
    let urls = doc
        .select(&canonical)
        .filter_map(|e| e.attr("href"))
        .chain(doc.select(&og).filter_map(|e| e.attr("content")));
    for url in urls {
        let last = url
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let stem = last
            .strip_suffix(".html")
            .or_else(|| last.strip_suffix(".htm"))
            .unwrap_or(last);
        if !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_digit()) {
            return Some(stem.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page in the shape of en.kremlin.ru's, with `body` as its article body.
    fn page(body: &str) -> String {
        format!(
            r#"<!doctype html><html><head><title>T • President of Russia</title>
<link rel="canonical" href="http://en.kremlin.ru/events/president/news/4242"/></head>
<body><div class="read"><article class="read__in hentry" id="event-4242">
<div class="read__top"><a href="/events/president/news" class="read__categ">Events</a>
<h1 class="entry-title p-name">Meeting with the&nbsp;Governor</h1>
<div class="read__lead"><div><p>The President met the Governor.</p></div></div>
<div class="read__meta"><time class="read__published" datetime="2020-11-09">November 9, 2020</time>
<div class="read__time">13:25</div><div class="read__place p-location"><i></i>The Kremlin, Moscow</div></div></div>
<div class="entry-content read__internal_content">{body}</div></article></div></body></html>"#
        )
    }

    /// The body lines of `page(body)`, after the six header lines.
    fn body_lines(body: &str) -> Vec<String> {
        let text = to_text(&page(body)).unwrap().text;
        text.lines().skip(6).map(str::to_string).collect()
    }

    #[test]
    fn header_lines_come_first() {
        let text = to_text(&page("<p>Body.</p>")).unwrap().text;
        assert_eq!(
            text,
            "Events\nMeeting with the Governor\nThe President met the Governor.\n\
             November 9, 2020\n13:25\nThe Kremlin, Moscow\nBody."
        );
    }

    #[test]
    fn label_with_the_colon_inside_the_bold() {
        assert_eq!(
            body_lines("<p><b>Vladimir Putin:</b> Good afternoon.</p><p>Second.</p>"),
            ["Vladimir Putin: Good afternoon.", "Second."]
        );
    }

    #[test]
    fn label_with_the_colon_and_a_note_outside_the_bold() {
        // page 17113
        assert_eq!(
            body_lines(
                "<p><b>President of Uganda Yoweri Museveni </b>(<i>retranslated</i>):<b> </b>Thank you,</p>"
            ),
            ["President of Uganda Yoweri Museveni (retranslated): Thank you,"]
        );
    }

    const TOOLTIP: &str = r#"<span class="read__tooltip tooltip_person hidden masha-ignore">
<span class="tooltip__close"><i></i></span><span class="tooltip__image"><img alt="Sokolov Maxim"></span>
<span class="tooltip__text"><span class="tooltip_title tooltip_link">Sokolov Maxim</span>
<span class="tooltip_description_dark">Transport Minister</span></span></span>"#;

    #[test]
    fn person_link_in_a_label_names_the_person_not_its_tooltip() {
        // page 51521
        let html = format!(
            r#"<p><b>Transport Minister <a class="person_tag read__tag" href="/catalog/persons/1/events">Maxim Sokolov{TOOLTIP}</a>:</b> Mr President,</p>"#
        );
        assert_eq!(
            body_lines(&html),
            ["Transport Minister Maxim Sokolov: Mr President,"]
        );
    }

    #[test]
    fn bold_ending_with_a_person_link_puts_the_label_on_its_own_line() {
        // page 54449: `Gazprom CEO Alexei Miller` then `: Yes.` in the text version.
        let html = format!(
            r#"<p><b>Gazprom CEO <a class="person_tag read__tag">Alexei Miller{TOOLTIP}</a></b>: Yes.</p>"#
        );
        assert_eq!(body_lines(&html), ["Gazprom CEO Alexei Miller", ": Yes."]);
        // page 52816: the note goes to the next line too.
        let html = format!(
            r#"<p><b>President of Turkey <a class="person_tag">Recep Tayyip Erdogan{TOOLTIP}</a> </b><i>(retranslated)</i>: First,</p>"#
        );
        assert_eq!(
            body_lines(&html),
            [
                "President of Turkey Recep Tayyip Erdogan",
                "(retranslated): First,"
            ]
        );
    }

    #[test]
    fn tooltips_in_running_text_are_not_text() {
        // page 17118: a glossary term inside a sentence.
        let html = r#"<p>Citizens of <a class="termin_tag read__tag">CIS<span class="read__tooltip tooltip_term hidden masha-ignore"><span class="tooltip__text"><span class="tooltip_title tooltip_caption">Background information</span></span></span></a> states enter.</p>"#;
        assert_eq!(body_lines(html), ["Citizens of CIS states enter."]);
    }

    #[test]
    fn hidden_spans_and_media_are_not_text() {
        let html = r#"<div class="media__container media__container_video"><video><img alt="Poster"></video>
<span itemprop="thumbnail" hidden="hidden" class="hidden">Thumbnail</span>
<div class="video__description masha-ignore">Joint news conference</div></div>
<div class="media masha-ignore"><figure class="media__pic"><img alt="With the Governor."></figure>
<span class="media__title player__title">With the Governor.</span></div>
<p>Text <span class="hidden">secret</span>goes on.</p>
<div class="read__cut masha-ignore"><div class="cut"><h3 class="cut__title">See also</h3>
<a class="cut__item">Another page</a><div class="cut__date">May 1, 2019</div></div></div><p>End.</p>"#;
        assert_eq!(
            body_lines(html),
            ["Joint news conference", "Text goes on.", "End."]
        );
    }

    #[test]
    fn slider_gives_counter_and_caption_of_the_first_photo_shown() {
        // page 17118: `5 of 10` and the starting slide's caption.
        let html = r#"<div class="slider masha-ignore"><div class="slider__slides" data-cycle-starting-slide="1">
<div class="slide" data-cycle-desc="First."><div class="slider__block" data-text="First."><img alt="First."></div></div>
<div class="slide starting-slide" data-cycle-desc="Second&nbsp;photo."><div class="slider__block"><img alt="Second."></div></div>
<div class="slide" data-cycle-desc="Third."></div>
<div class="slider__next"><i></i></div></div>
<div class="slider__description"><div class="slider_caption"></div></div></div><p>Body.</p>"#;
        assert_eq!(body_lines(html), ["2 of 3", "Second photo.", "Body."]);
        // Without the class, the slider's own starting index (0-based).
        let html = html.replace("slide starting-slide", "slide");
        assert_eq!(body_lines(&html), ["2 of 3", "Second photo.", "Body."]);
    }

    #[test]
    fn footer_tag_columns_and_publication_block() {
        // page 51521: folded-away persons (`li.hidden`, `2 more`) are listed as in the text version.
        let html = r#"<p>Body.</p><div class="read__bottommeta hidden-copy"><div class="read__tags masha-ignore">
<div class="read__tagscol"><h3>Geography</h3><ul class="read__taglist"><li><a rel="tag"><i></i>Uganda</a></li></ul></div>
<div class="read__tagscol"><h3>Persons</h3><ul class="read__taglist"><li><a rel="tag"><i></i>Mutko Vitaly</a></li>
<li class="hidden"><a rel="tag"><i></i>Siluanov Anton</a></li><li class="read__tagsmore"><a><i></i>1 more</a></li></ul></div></div>
<div class="read__status masha-ignore"><h3>Publication status</h3>
<p>Published in sections: <a>News</a>, <a>Transcripts</a><br/></p>
<p> Publication date: <time datetime="2012-12-11">December 11, 2012, 15:00</time></p>
<p class="print_link_wrap"> Direct link: <a class="print_link">en.kremlin.ru/d/17113</a></p>
<p><a class="text_version_link">Text version</a></p></div></div>"#;
        assert_eq!(
            body_lines(html),
            [
                "Body.",
                "Geography",
                "Uganda",
                "Persons",
                "Mutko Vitaly",
                "Siluanov Anton",
                "1 more",
                "Publication status",
                "Published in sections: News, Transcripts",
                "Publication date: December 11, 2012, 15:00",
                "Text version"
            ]
        );
    }

    #[test]
    fn spaces_entities_and_inline_markup() {
        assert_eq!(
            body_lines(
                "<p>The 50<sup>th</sup>&nbsp;anniversary,\n  trained or<i> </i>are\u{200b}\u{200b} here.</p><p>&lt;…&gt;</p><p> </p><p>Line<br>break</p>"
            ),
            ["The 50th anniversary, trained or are here.", "<…>", "Line", "break"]
        );
    }

    #[test]
    fn html_page_id_is_the_stem_unless_the_stem_is_not_a_page_number() {
        let page = |id: Option<&str>| Page {
            text: String::new(),
            id: id.map(str::to_string),
        };
        let saved = "Meeting with students • President of Russia".to_string();
        assert_eq!(page(Some("17113")).page_id(saved.clone()), "17113");
        assert_eq!(page(Some("17113")).page_id("17113".into()), "17113");
        // The file name wins when it is a page number, as for a text file.
        assert_eq!(page(Some("99")).page_id("17113".into()), "17113");
        assert_eq!(page(None).page_id(saved.clone()), saved);
    }

    #[test]
    fn page_id_from_canonical_url_or_og_url() {
        assert_eq!(to_text(&page("")).unwrap().id.as_deref(), Some("4242"));
        // A mirror rewrites the canonical link to the saved file.
        let mirror = page("").replace(
            "http://en.kremlin.ru/events/president/news/4242",
            "17113.html",
        );
        assert_eq!(to_text(&mirror).unwrap().id.as_deref(), Some("17113"));
        let og = page("").replace(
            r#"<link rel="canonical" href="http://en.kremlin.ru/events/president/news/4242"/>"#,
            r#"<meta property="og:url" content="https://en.kremlin.ru/events/president/news/57488/"/>"#,
        );
        assert_eq!(to_text(&og).unwrap().id.as_deref(), Some("57488"));
        let none = page("").replace("news/4242", "news/");
        assert_eq!(to_text(&none).unwrap().id, None);
    }

    #[test]
    fn speakers_survive_the_conversion() {
        let html = page(&format!(
            r#"<p>Narration.</p><p><b>President of Russia Vladimir Putin:</b> Welcome.</p><p>Go on.</p>
<p><b>Transport Minister <a class="person_tag">Maxim Sokolov{TOOLTIP}</a>:</b> Thank you.</p>"#
        ));
        let t = crate::transcript::parse_text("p.html", "4242", &to_text(&html).unwrap().text);
        assert_eq!(t.title, "Meeting with the Governor");
        assert_eq!(t.date.as_deref(), Some("2020-11-09"));
        assert_eq!(t.place.as_deref(), Some("The Kremlin, Moscow"));
        let speakers: Vec<Option<&str>> =
            t.paragraphs.iter().map(|p| p.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                None,
                Some("Vladimir Putin"),
                Some("Vladimir Putin"),
                Some("Maxim Sokolov")
            ]
        );
    }

    #[test]
    fn bold_label_without_colon_before_an_italic_note() {
        // page 55920: `<b>…Steinmeier</b> (<i>retranslated)</i> Thank you.`
        let html = page(
            "<p><b>Vladimir Putin:</b> Welcome.</p><p><b>Federal President of the Federal Republic of Germany Frank-Walter\nSteinmeier</b> (<i>retranslated)</i> Thank you.</p><p>Mr President,</p>",
        );
        let t = crate::transcript::parse_text("p.html", "4242", &to_text(&html).unwrap().text);
        let labels: Vec<Option<&str>> = t.paragraphs.iter().map(|p| p.label.as_deref()).collect();
        let steinmeier =
            "Federal President of the Federal Republic of Germany Frank-Walter Steinmeier";
        assert_eq!(
            labels,
            [Some("Vladimir Putin"), Some(steinmeier), Some(steinmeier)]
        );
        assert_eq!(t.paragraphs[1].text, "Thank you.");
    }

    #[test]
    fn not_a_kremlin_page_is_an_error() {
        for html in [
            "just some text, not HTML at all",
            "<html><body><p>A page from elsewhere.</p></body></html>",
            "<article><p>No title.</p></article>",
            "\u{1}\u{2}<<<>>>&&&",
        ] {
            assert_eq!(to_text(html), Err(HtmlError::NoArticle), "{html:?}");
        }
    }

    #[test]
    fn deep_nesting_is_read_up_to_the_limit_and_refused_past_it() {
        let nested = |n: usize| {
            page(&format!(
                "{}<p>Deep.</p>{}",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ))
        };
        let ok = nested(MAX_DEPTH - 20);
        assert!(to_text(&ok).unwrap().text.ends_with("Deep."));
        // 200,000 deep would take html5ever minutes; it is refused before the tree is built.
        assert_eq!(to_text(&nested(200_000)), Err(HtmlError::TooDeep));
        // Unclosed `<b>`s nest too.
        assert_eq!(
            to_text(&page(&"<b>x".repeat(MAX_DEPTH + 1))),
            Err(HtmlError::TooDeep)
        );
    }
}
