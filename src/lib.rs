//! rostra: full-text search for speech transcripts.
//!
//! The pipeline, one module a stage, each using only those before it:
//! [`source`] (files found, read and decoded) → [`transcript`] (one reader per format: text →
//! speaker paragraphs) → [`ingest`] (what to read, skip, write and commit) → [`index`]
//! (paragraphs → tantivy; the writer ingest feeds) → [`query`] (query text → tantivy query)
//! → [`hits`] (ranked paragraphs with exact highlight spans) → [`render`] (text, JSON Lines, CSV,
//! charts).
//! [`mod@bench`] times the whole way.

pub mod bench;
pub mod error;
pub mod hits;
pub mod index;
pub mod ingest;
pub mod query;
pub mod render;
pub mod source;
pub mod transcript;

pub use error::{Error, Result};
