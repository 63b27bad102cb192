//! The transcript stage, saved HTML pages: the article walked like a browser's "text of the page",
//! into the lines of the text layout.

use scraper::node::Element;
use scraper::{ElementRef, Node};

use super::selector;

/// Elements whose text is never page text.
const SKIPPED_TAGS: [&str; 17] = [
    "head", "script", "style", "noscript", "template", "meta", "link", "img", "video", "audio",
    "source", "track", "svg", "iframe", "object", "button", "form",
];

/// Elements that begin and end a line (what a browser lays out as a block).
const BLOCK_TAGS: [&str; 29] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// What to do with an element met in the walk.
enum Visit {
    /// Not text at all: tooltips, hidden spans, pictures, "See also" boxes.
    Skip,
    /// A photo slider: its counter and caption, then nothing inside it.
    Slider,
    /// A line of its own.
    Block,
    /// Text joined to the line it is in.
    Inline,
    /// `<br>`: ends the line.
    Break,
}

fn visit(e: &Element) -> Visit {
    let name = e.name();
    let class = |c: &str| e.classes().any(|x| x == c);
    if SKIPPED_TAGS.contains(&name)
        // The person and term tooltips inside links (`<a class="person_tag">Sergei Shoigu<span
        // class="read__tooltip tooltip_person hidden">...</span></a>`, page 17146).
        || class("read__tooltip")
        // Hidden spans (the video thumbnail's `<span hidden class="hidden">`, page 53964).
        // Hidden list items are text: the text version lists all the Persons tags, also
        // those a page folds away behind `2 more` (page 51521).
        || (name == "span" && class("hidden"))
        || e.attr("hidden").is_some()
        // A single photo (`div.media`, page 17113) has no counter or caption in the text
        // version; the "See also" boxes (`div.read__cut`, page 17125) are links elsewhere.
        || class("media")
        || class("read__cut")
        // `Direct link: en.kremlin.ru/d/17113` is not in the text version, nor is the
        // `Announcement, April 18, 2019` line under an announcement's title (page 60307).
        || class("print_link_wrap")
        || class("announce_date")
    {
        Visit::Skip
    } else if class("slider") {
        Visit::Slider
    } else if name == "br" {
        Visit::Break
    } else if BLOCK_TAGS.contains(&name) {
        Visit::Block
    } else {
        Visit::Inline
    }
}

/// Walk `root`, writing its text as lines. Iterative: a hostile page nested a million
/// elements deep must not overflow the stack.
pub(super) fn walk(root: ElementRef<'_>, out: &mut Lines) {
    use ego_tree::iter::Edge;
    let mut skipping = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.push(t),
                    Node::Element(e) => match visit(e) {
                        Visit::Skip => {
                            if BLOCK_TAGS.contains(&e.name()) {
                                out.end_line();
                            }
                            skipping = Some(node.id());
                        }
                        Visit::Slider => {
                            out.end_line();
                            if let Some(el) = ElementRef::wrap(node) {
                                slider(el, out);
                            }
                            skipping = Some(node.id());
                        }
                        Visit::Block | Visit::Break => out.end_line(),
                        Visit::Inline => {}
                    },
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_some() {
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    if BLOCK_TAGS.contains(&e.name()) || ends_with_person_link(node) {
                        out.end_line();
                    }
                }
            }
        }
    }
}

/// A bold label whose bold ends with a person link (`<b>Gazprom CEO <a class="person_tag">
/// Alexei Miller</a></b>: Yes.`): the text version puts the label on a line of its own and
/// the colon or note on the next (`: Yes.`, `(retranslated): ...`), which the text parser
/// reads as a label alone on its line (page 54449, and 34 more of the 300 saved pages).
/// With the colon inside the bold (`<a ...>Oleg Belozerov</a>:</b>`) the line goes on.
fn ends_with_person_link(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let Some(e) = node.value().as_element() else {
        return false;
    };
    if !matches!(e.name(), "b" | "strong") {
        return false;
    }
    let last = node
        .children()
        .rev()
        .find(|c| c.value().as_text().is_none_or(|t| !t.trim().is_empty()));
    last.and_then(|c| c.value().as_element())
        .is_some_and(|a| a.name() == "a" && a.classes().any(|c| c == "person_tag"))
}

/// A photo slider as the text version has it: `k of N` for the photo shown first, then its
/// caption (page 17118: `5 of 10`, `Address to the Federal Assembly.`).
fn slider(el: ElementRef<'_>, out: &mut Lines) {
    let (slide, starting) = (selector(".slide"), selector("[data-cycle-starting-slide]"));
    let slides: Vec<ElementRef<'_>> = el.select(&slide).collect();
    if slides.is_empty() {
        return;
    }
    let start = slides
        .iter()
        .position(|s| s.value().classes().any(|c| c == "starting-slide"))
        .or_else(|| {
            el.select(&starting)
                .next()
                .and_then(|s| s.attr("data-cycle-starting-slide"))
                .and_then(|n| n.trim().parse::<usize>().ok())
                .filter(|&n| n < slides.len())
        })
        .unwrap_or(0);
    out.push(&format!("{} of {}", start + 1, slides.len()));
    out.end_line();
    if let Some(caption) = slides[start].attr("data-cycle-desc") {
        out.push(caption);
        out.end_line();
    }
}

/// Text gathered into lines: white space collapsed, blank lines dropped.
#[derive(Default)]
pub(super) struct Lines {
    lines: Vec<String>,
    line: String,
}

impl Lines {
    fn push(&mut self, text: &str) {
        // Zero-width spaces (page 17631: `violations of \u{200b}\u{200b}labour`) are not in
        // the text version.
        self.line
            .extend(text.chars().filter(|&c| c != '\u{200b}' && c != '\u{feff}'));
    }

    fn end_line(&mut self) {
        // `split_whitespace` also splits at no-break spaces, which kremlin.ru puts after
        // short words (`President of&nbsp;Uganda`); the text version has plain spaces.
        let line = self.line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.line.clear();
    }

    pub(super) fn finish(mut self) -> String {
        self.end_line();
        self.lines.join("\n")
    }
}
