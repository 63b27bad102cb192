//! `rostra export`: every indexed paragraph as JSON Lines.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Global, Outcome};
use crate::cli::ExportArgs;
use rostra::hits;
use rostra::index::registry::{Aliases, Registry};
use rostra::index::Reader;
use rostra::render;

pub fn run(_args: &ExportArgs, index_dir: &Path, _g: Global) -> Result<Outcome> {
    let reader = Reader::open(index_dir)
        .with_context(|| format!("opening the index in {}", index_dir.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let searcher = reader.searcher();
    let registry = Registry::of_index(&searcher, &reader.fields, &Aliases::load(index_dir)?)?;
    let mut n = 0u64;
    hits::for_each(&searcher, &reader.fields, |mut h| -> Result<()> {
        n += 1;
        hits::attach_persons(&registry, std::slice::from_mut(&mut h));
        render::json::paragraph(&mut out, &h)?;
        Ok(())
    })?;
    out.flush()?;
    Ok(if n == 0 {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
