//! rostra: full-text search for speech transcripts.
//!
//! The pipeline, one module a stage:
//! [`transcript`] (page text → speaker paragraphs) → [`index`] (paragraphs → tantivy) →
//! [`query`] (query text → tantivy query) → [`hits`] (ranked paragraphs with exact
//! highlight spans) → [`render`] (text, JSON Lines). [`mod@bench`] times the whole way.

pub mod bench;
pub mod error;
pub mod hits;
pub mod index;
pub mod query;
pub mod render;
pub mod source;
pub mod transcript;

pub use error::{Error, Result};
