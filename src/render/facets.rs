//! `rostra facets`: the facets of an index as a table, CSV or JSON Lines. Without a name,
//! one row per facet (its number of values and of paragraphs); with one, a row per value.

use std::io::{self, Write};

use serde::Serialize;

use super::table::{self, Align};
use crate::index::facets::Facet;

/// The rows: `(facet, value or None, paragraphs)`; one per facet, or per value of `one`.
fn rows(facets: &[Facet], one: bool) -> Vec<(&str, Option<&str>, u64, usize)> {
    let mut out = Vec::new();
    for f in facets {
        if one {
            let mut values: Vec<(&String, &u64)> = f.values.iter().collect();
            // Most paragraphs first, then by value.
            values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (v, n) in values {
                out.push((f.name.as_str(), Some(v.as_str()), *n, 1));
            }
        } else {
            out.push((f.name.as_str(), None, f.paragraphs, f.values.len()));
        }
    }
    out
}

pub fn text(w: &mut impl Write, facets: &[Facet], one: bool) -> io::Result<()> {
    let (header, align): (&[&str], &[Align]) = if one {
        (
            &["facet", "value", "paragraphs"],
            &[Align::Left, Align::Left, Align::Right],
        )
    } else {
        (
            &["facet", "values", "paragraphs"],
            &[Align::Left, Align::Right, Align::Right],
        )
    };
    let rows: Vec<Vec<String>> = rows(facets, one)
        .into_iter()
        .map(|(name, value, n, values)| match value {
            Some(v) => vec![name.to_string(), v.to_string(), n.to_string()],
            None => vec![name.to_string(), values.to_string(), n.to_string()],
        })
        .collect();
    for line in table::lines(header, align, &rows, 2) {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

pub fn csv(w: &mut impl Write, facets: &[Facet], one: bool) -> io::Result<()> {
    let mut c = csv::Writer::from_writer(w);
    let err = |e: csv::Error| io::Error::other(e.to_string());
    if one {
        c.write_record(["facet", "value", "paragraphs"])
            .map_err(err)?;
    } else {
        c.write_record(["facet", "values", "paragraphs"])
            .map_err(err)?;
    }
    for (name, value, n, values) in rows(facets, one) {
        let second = value.map_or_else(|| values.to_string(), str::to_string);
        c.write_record([name, &second, &n.to_string()])
            .map_err(err)?;
    }
    c.flush()
}

#[derive(Serialize)]
struct Line<'a> {
    facet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<usize>,
    paragraphs: u64,
}

pub fn json(w: &mut impl Write, facets: &[Facet], one: bool) -> io::Result<()> {
    for (facet, value, paragraphs, values) in rows(facets, one) {
        let values = value.is_none().then_some(values);
        super::json::line(
            w,
            &Line {
                facet,
                value,
                values,
                paragraphs,
            },
        )?;
    }
    Ok(())
}
