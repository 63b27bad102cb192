//! `rostra show ID[#PARAGRAPH] [--turns N]`, or the page's URL as `search` prints it.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::{Global, Outcome};
use crate::cli::ShowArgs;
use rostra::hits;
use rostra::index::registry::{Aliases, Registry};
use rostra::index::{pages, Fields, Reader};
use rostra::render;

pub fn run(args: &ShowArgs, index_dir: &Path, g: Global) -> Result<Outcome> {
    let reader = Reader::open(index_dir)
        .with_context(|| format!("opening the index in {}", index_dir.display()))?;
    let target = if is_url(&args.target) {
        match page_of_url(&reader.searcher(), &reader.fields, &args.target)? {
            Some(id) => id,
            None => bail!(
                "no transcript with the URL {} in the index {}",
                args.target,
                index_dir.display()
            ),
        }
    } else {
        args.target.clone()
    };
    let (id, paragraph) = match target.split_once('#') {
        Some((id, p)) => {
            let n: u64 = p.parse().with_context(|| {
                format!(
                    "'{p}' is not a paragraph number (ids escape '#' as %23: try '{}')",
                    escaped(&args.target)
                )
            })?;
            (id, Some(n))
        }
        None => (target.as_str(), None),
    };
    let searcher = reader.searcher();
    let all = hits::transcript(&searcher, &reader.fields, id)?;
    if all.is_empty() {
        bail!("no transcript '{id}' in the index {}", index_dir.display());
    }
    let mut paras: Vec<_> = match paragraph {
        None => all,
        Some(n) => {
            let Some(turn) = all.iter().find(|p| p.paragraph == n).map(|p| p.turn) else {
                bail!(
                    "transcript {id} has paragraphs 0 to {}, not {n}",
                    all.len() - 1
                );
            };
            // The turns before (`--turns N`): the question with its answer.
            let first = hits::previous_turns(&all, n, args.turns)
                .first()
                .map(|p| p.paragraph);
            all.into_iter()
                .filter(|p| {
                    p.turn == turn
                        || first
                            .is_some_and(|f| p.paragraph >= f && p.paragraph < n && p.turn < turn)
                })
                .collect()
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let registry = Registry::of_index(&searcher, &reader.fields, &Aliases::load(index_dir)?)?;
        hits::attach_persons(&registry, &mut paras);
        for p in &paras {
            render::json::hit(&mut out, p)?;
        }
    } else {
        render::text::transcript(&mut out, &paras, paragraph, g.color)?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// A URL without its scheme, `www.`, fragment and final `/`, to compare two.
fn url_key(u: &str) -> &str {
    let u = u.split_once("://").map_or(u, |(_, rest)| rest);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.split('#').next().unwrap_or(u);
    u.trim_end_matches('/')
}

/// The id of the transcript whose URL is `url` (as `search` prints it): the page named
/// by its last path segment when that page has this URL, else the page record that has.
fn page_of_url(searcher: &tantivy::Searcher, f: &Fields, url: &str) -> Result<Option<String>> {
    let key = url_key(url);
    let url_of = |p: &rostra::index::PageMeta| {
        p.url
            .clone()
            .or_else(|| rostra::transcript::page_url(&p.id))
    };
    if let Some(last) = key.rsplit('/').next() {
        if let Some(p) = pages::get(searcher, f, last)? {
            if url_of(&p).is_some_and(|u| url_key(&u) == key) {
                return Ok(Some(p.id));
            }
        }
    }
    Ok(pages::all(searcher, f)?
        .into_iter()
        .find(|p| url_of(p).is_some_and(|u| url_key(&u) == key))
        .map(|p| p.id))
}

/// `target` (`ID[#N]`) with every `#` of its id written `%23`, as ids made from file names
/// have it (`a#b.txt` is `a%23b`): `a#b#0` → `a%23b#0`, `a#b` → `a%23b`.
fn escaped(target: &str) -> String {
    match target.rsplit_once('#') {
        Some((id, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}#{n}", id.replace('#', "%23"))
        }
        _ => target.replace('#', "%23"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_in_an_id_is_escaped_and_the_paragraph_kept() {
        assert_eq!(super::escaped("a#b#0"), "a%23b#0");
        assert_eq!(super::escaped("a#b"), "a%23b");
        assert_eq!(super::escaped("a#b#c#12"), "a%23b%23c#12");
    }
}
