//! `rostra facets [NAME]`

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{Global, Outcome};
use crate::cli::{FacetsArgs, StatsFormat};
use rostra::index::facets;
use rostra::render;

pub fn run(args: &FacetsArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let reader = super::open_for_query(index_dir, g)?;
    let searcher = reader.searcher();
    let list = facets::counts(&searcher, args.name.as_deref())?;
    if let (Some(name), true) = (&args.name, list.is_empty()) {
        let names = facets::names(&searcher)?;
        let known = if names.is_empty() {
            "the index has no facets".to_string()
        } else {
            format!("the facets are {}", names.join(", "))
        };
        g.note(&format!("no facet '{name}': {known}"));
        return Ok(Outcome::NotFound);
    }
    let one = args.name.is_some();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StatsFormat::Table => render::facets::text(&mut out, &list, one)?,
        StatsFormat::Csv => render::facets::csv(&mut out, &list, one)?,
        StatsFormat::Json => render::facets::json(&mut out, &list, one)?,
    }
    out.flush()?;
    Ok(if list.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
