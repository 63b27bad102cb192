//! An opened index, ready for queries.

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

use super::stems::Stems;
use super::Fields;
use crate::error::Result;

pub struct Reader {
    pub index: Index,
    pub fields: Fields,
    reader: IndexReader,
    stems: Stems,
    /// The folder of the generation opened (`None` in RAM).
    dir: Option<PathBuf>,
}

/// How many times a reader opens the index again when a rebuild switched generations and
/// removed the one it was opening.
const SWITCHES: usize = 3;

impl Reader {
    /// Open the index at `root` (its current generation) for queries.
    pub fn open(root: &Path) -> Result<Reader> {
        let mut tries = 0;
        loop {
            let before = super::home::current(root)?;
            let opened = super::open(root).and_then(|(index, fields, dir)| {
                let mut r = Reader::new(index, fields)?;
                r.dir = Some(dir);
                Ok(r)
            });
            match opened {
                Err(_) if tries < SWITCHES && super::home::current(root)? != before => tries += 1,
                opened => return opened,
            }
        }
    }

    /// The folder of the generation this reader opened (`None` in RAM).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
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
            dir: None,
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
