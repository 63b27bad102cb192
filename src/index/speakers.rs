//! Every speaker in the index: paragraphs, words, first and last date, roles and labels.
//! Read from fast fields only (no stored documents), so it is quick on large indexes.
//! [`list`] gives the same rows for the persons of the speaker registry.

use std::collections::{BTreeSet, HashMap};

use tantivy::Searcher;

use super::schema::name;
use crate::error::Result;

#[derive(Debug, Clone, Default)]
pub struct Speaker {
    /// The registry's id and kind (see [`list`]); empty for [`speakers`]' rows.
    pub id: String,
    pub kind: &'static str,
    /// The canonical name (for [`speakers`], the name as indexed).
    pub speaker: String,
    /// The speakers as indexed, and other names, that are this one.
    pub variants: BTreeSet<String>,
    pub aliases: BTreeSet<String>,
    pub paragraphs: u64,
    pub words: u64,
    pub transcripts: u64,
    /// `YYYY-MM-DD`, when any of the speaker's pages is dated.
    pub first: Option<String>,
    pub last: Option<String>,
    pub roles: BTreeSet<String>,
    pub labels: BTreeSet<String>,
}

/// The persons of `registry` whose name, a variant, an alias, a role or a label contains
/// `filter` (any case), most paragraphs first, then by name.
pub fn list(registry: &super::registry::Registry, filter: Option<&str>) -> Vec<Speaker> {
    let needle = filter.map(str::to_lowercase);
    let has = |s: &str| needle.as_ref().is_none_or(|n| s.to_lowercase().contains(n));
    registry
        .persons
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            has(&p.name)
                || p.variants.iter().any(|v| has(v))
                || p.aliases.iter().any(|v| has(v))
                || p.roles.iter().any(|v| has(v))
                || p.labels.iter().any(|v| has(v))
        })
        .map(|(i, p)| Speaker {
            id: p.id.clone(),
            kind: p.kind.as_str(),
            speaker: registry.display(i),
            variants: p.variants.clone(),
            aliases: p.aliases.clone(),
            paragraphs: p.paragraphs,
            words: p.words,
            transcripts: p.transcripts.len() as u64,
            first: p.first.map(crate::transcript::Date::iso_from_unix_seconds),
            last: p.last.map(crate::transcript::Date::iso_from_unix_seconds),
            roles: p.roles.clone(),
            labels: p.labels.clone(),
        })
        .collect()
}

/// Every speaker as indexed whose name, role or a label contains `filter` (any case),
/// most paragraphs first, then by name.
pub fn speakers(searcher: &Searcher, filter: Option<&str>) -> Result<Vec<Speaker>> {
    #[derive(Default)]
    struct Acc {
        s: Speaker,
        first: Option<i64>,
        last: Option<i64>,
        transcripts: BTreeSet<String>,
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    let mut buf = String::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(speaker) = ff.str(name::SPEAKER)? else {
            continue;
        };
        let role = ff.str(name::ROLE)?;
        let label = ff.str(name::LABEL)?;
        let transcript = ff.str(name::TRANSCRIPT)?;
        let words = ff.u64(name::WORDS)?;
        let dates = ff.date(name::DATE)?;
        let alive = segment.alive_bitset();
        // Per speaker ordinal: counts and the ordinals of roles, labels and pages seen;
        // strings are looked up once per ordinal at the end (a dictionary lookup per
        // document made this 5 s on the shared corpus).
        #[derive(Default)]
        struct Seg {
            paragraphs: u64,
            words: u64,
            first: Option<i64>,
            last: Option<i64>,
            roles: BTreeSet<u64>,
            labels: BTreeSet<u64>,
            pages: BTreeSet<u64>,
        }
        let mut by_ord: HashMap<u64, Seg> = HashMap::new();
        let first_ord = |col: &Option<tantivy::columnar::StrColumn>, doc| {
            col.as_ref().and_then(|c| c.term_ords(doc).next())
        };
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let Some(ord) = speaker.term_ords(doc).next() else {
                continue; // narration, or a page record
            };
            let a = by_ord.entry(ord).or_default();
            a.paragraphs += 1;
            a.words += words.first(doc).unwrap_or(0);
            if let Some(d) = dates.first(doc).map(|d| d.into_timestamp_secs()) {
                a.first = Some(a.first.map_or(d, |f| f.min(d)));
                a.last = Some(a.last.map_or(d, |l| l.max(d)));
            }
            a.roles.extend(first_ord(&role, doc));
            a.labels.extend(first_ord(&label, doc));
            a.pages.extend(first_ord(&transcript, doc));
        }
        let mut names: HashMap<(usize, u64), String> = HashMap::new();
        let mut lookup = |which: usize,
                          col: &Option<tantivy::columnar::StrColumn>,
                          ord: u64|
         -> Result<Option<String>> {
            let Some(col) = col else { return Ok(None) };
            if let Some(s) = names.get(&(which, ord)) {
                return Ok(Some(s.clone()));
            }
            buf.clear();
            col.ord_to_str(ord, &mut buf)
                .map_err(tantivy::TantivyError::from)?;
            names.insert((which, ord), buf.clone());
            Ok(Some(buf.clone()))
        };
        let speaker_col = Some(speaker.clone());
        for (ord, seg) in by_ord {
            let name = lookup(0, &speaker_col, ord)?.unwrap_or_default();
            let a = acc.entry(name.clone()).or_default();
            a.s.speaker = name;
            a.s.paragraphs += seg.paragraphs;
            a.s.words += seg.words;
            for d in seg.first.into_iter().chain(seg.last) {
                a.first = Some(a.first.map_or(d, |f| f.min(d)));
                a.last = Some(a.last.map_or(d, |l| l.max(d)));
            }
            for o in seg.roles {
                a.s.roles.extend(lookup(1, &role, o)?);
            }
            for o in seg.labels {
                a.s.labels.extend(lookup(2, &label, o)?);
            }
            for o in seg.pages {
                a.transcripts.extend(lookup(3, &transcript, o)?);
            }
        }
    }
    let needle = filter.map(str::to_lowercase);
    let mut out: Vec<Speaker> = acc
        .into_values()
        .map(|mut a| {
            a.s.first = a.first.map(crate::transcript::Date::iso_from_unix_seconds);
            a.s.last = a.last.map(crate::transcript::Date::iso_from_unix_seconds);
            a.s.transcripts = a.transcripts.len() as u64;
            a.s
        })
        .filter(|s| match &needle {
            None => true,
            Some(n) => {
                s.speaker.to_lowercase().contains(n)
                    || s.roles.iter().any(|r| r.to_lowercase().contains(n))
                    || s.labels.iter().any(|l| l.to_lowercase().contains(n))
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.paragraphs
            .cmp(&a.paragraphs)
            .then(a.speaker.cmp(&b.speaker))
    });
    Ok(out)
}
