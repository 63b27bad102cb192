//! `rostra speakers [FILTER]`

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{SpeakersArgs, SpeakersFormat};
use rostra::index::speakers;
use rostra::render;

pub fn run(args: &SpeakersArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let reader = super::open_for_query(index_dir, g)?;
    let list = speakers::speakers(&reader.searcher(), args.filter.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SpeakersFormat::Text => render::text::speakers(&mut out, &list, g.color)?,
        SpeakersFormat::Csv => render::csv::speakers(&mut out, &list)?,
        SpeakersFormat::Json => {
            for s in &list {
                render::json::speaker(&mut out, s)?;
            }
        }
    }
    out.flush()?;
    Ok(if list.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
