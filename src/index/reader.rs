//! An opened index, ready for queries.

use std::path::Path;

use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

use super::stems::Stems;
use super::Fields;
use crate::error::Result;

pub struct Reader {
    pub index: Index,
    pub fields: Fields,
    reader: IndexReader,
    stems: Stems,
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
            stems: Stems::new(fields.text),
            index,
            fields,
            reader,
        })
    }

    /// Stemmed search of this index's paragraph text, with what it remembers between
    /// queries.
    pub fn stems(&self) -> &Stems {
        &self.stems
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Paragraph documents in the index.
    pub fn num_docs(&self) -> Result<u64> {
        super::pages::paragraph_count(&self.reader.searcher(), &self.fields)
    }
}
