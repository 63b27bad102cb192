//! An opened index, ready for queries.

use std::path::Path;

use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

use super::Fields;
use crate::error::Result;

pub struct Reader {
    pub index: Index,
    pub fields: Fields,
    reader: IndexReader,
}

impl Reader {
    pub fn open(dir: &Path) -> Result<Reader> {
        let (index, fields) = super::open(dir)?;
        Reader::new(index, fields)
    }

    pub fn new(index: Index, fields: Fields) -> Result<Reader> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Reader {
            index,
            fields,
            reader,
        })
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Paragraph documents in the index.
    pub fn num_docs(&self) -> Result<u64> {
        super::pages::paragraph_count(&self.reader.searcher(), &self.fields)
    }
}
