//! `rostra speakers [FILTER] [--suspects]`: the speaker registry, with the index's alias
//! file.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{SpeakersArgs, SpeakersFormat};
use rostra::index::registry::{Aliases, Registry};
use rostra::index::speakers;
use rostra::render;

pub fn run(args: &SpeakersArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let reader = super::open_for_query(index_dir, g)?;
    let aliases = Aliases::load(index_dir)?;
    let registry = Registry::of_index(&reader.searcher(), &reader.fields, &aliases)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.suspects {
        let needle = args.filter.as_deref().map(str::to_lowercase);
        let list: Vec<_> = registry
            .suspects()
            .iter()
            .filter(|s| {
                needle.as_ref().is_none_or(|n| {
                    s.a.to_lowercase().contains(n) || s.b.to_lowercase().contains(n)
                })
            })
            .cloned()
            .collect();
        match args.format {
            SpeakersFormat::Json => {
                for s in &list {
                    render::json::suspect(&mut out, s)?;
                }
            }
            _ => render::text::suspects(&mut out, &list)?,
        }
        out.flush()?;
        return Ok(if list.is_empty() {
            Outcome::NotFound
        } else {
            Outcome::Found
        });
    }
    let list = speakers::list(&registry, args.filter.as_deref());
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
