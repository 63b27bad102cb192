//! The transcript stage, saved HTML pages: how deep a page's elements nest, counted on html5ever's
//! tokens in linear time, so that a hostile page is refused before the tree builder (whose time
//! grows with the square of the depth) sees it.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The deepest element nesting accepted. html5ever's tree builder looks through the stack
/// of open elements at most start tags, so its time grows with the square of the depth: a
/// hostile file of 200,000 nested `<div>`s (1 MB) takes minutes. Real pages nest at most 14
/// deep by [`nesting_depth`]'s count (the 300 saved pages); Chromium's parser stops at 512.
pub const MAX_DEPTH: usize = 512;

/// How deep the elements of `html` nest, counted over html5ever's tokens (linear time)
/// before the tree is built: start tags of elements that can hold others, less end tags.
/// Elements a parser closes by itself (`p`, `li`, `td`, ...) are not counted. Stops counting
/// past [`MAX_DEPTH`].
pub fn nesting_depth(html: &str) -> usize {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.max.get()
}

#[derive(Default)]
struct Depth {
    depth: Cell<usize>,
    max: Cell<usize>,
}

/// Elements without content, and elements an HTML parser closes when a sibling starts.
const NOT_NESTING: [&str; 28] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td",
    "th", "rb", "rt", "rp",
];

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name = &*tag.name;
        if NOT_NESTING.contains(&name) {
            return TokenSinkResult::Continue;
        }
        match tag.kind {
            TagKind::EndTag => self.depth.set(self.depth.get().saturating_sub(1)),
            TagKind::StartTag => {
                // `<div/>` is an open `<div>` in HTML, so it counts too.
                let d = self.depth.get() + 1;
                self.depth.set(d);
                self.max.set(self.max.get().max(d));
                if d > MAX_DEPTH {
                    // Deep enough to refuse: read the rest as plain text, quickly.
                    return TokenSinkResult::Plaintext;
                }
                // The tokenizer alone does not know which elements hold raw text; without
                // this, `<script>if (a<b)...` would be read as tags.
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_elements_not_raw_text_or_self_closing_siblings() {
        assert_eq!(nesting_depth("<div><span>a</span><span>b</span></div>"), 2);
        assert_eq!(nesting_depth("<ul><li>a<li>b<li>c</ul><p>x<p>y"), 1);
        assert_eq!(nesting_depth("<div><br><img src=x><hr></div>"), 1);
        assert_eq!(
            nesting_depth("<script>if (a<b) { x = '<div><div><div>'; }</script>"),
            1
        );
        assert_eq!(nesting_depth("<div/><div/><div/>"), 3);
    }
}
