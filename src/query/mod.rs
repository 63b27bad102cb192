//! The query stage (after `index`, before `hits`): what the user typed → a tantivy query, the
//! filters around it, and the patterns the highlighter will look for.

mod compile;
mod expand;
pub mod filter;
mod forms;
pub mod parse;
mod phrase;

pub use compile::{compile, Compiled, LangPatterns, Pattern};
pub use filter::{DateBound, Filters};
pub use parse::{parse, Node};

/// Most hits one search may return (`--limit` is capped here).
pub const MAX_LIMIT: usize = 10_000;

/// A search request, free of any command-line types.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: String,
    pub filters: Filters,
    /// Search word forms as written (lower-cased, not stemmed).
    pub exact: bool,
    /// Only paragraphs of this language (`--lang hr`), searched as it is.
    pub lang: Option<String>,
}
