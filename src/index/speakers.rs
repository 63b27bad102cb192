//! Every speaker in the index: paragraphs, words, first and last date, roles and labels.
//! Read from fast fields only (no stored documents), so it is quick on large indexes.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use tantivy::Searcher;

use super::Fields;
use crate::error::Result;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Speaker {
    pub speaker: String,
    pub paragraphs: u64,
    pub words: u64,
    pub transcripts: u64,
    /// `YYYY-MM-DD`, when any of the speaker's pages is dated.
    pub first: Option<String>,
    pub last: Option<String>,
    pub roles: BTreeSet<String>,
    pub labels: BTreeSet<String>,
}

/// Every speaker whose name, role or a label contains `filter` (any case), most
/// paragraphs first, then by name.
pub fn speakers(searcher: &Searcher, _f: &Fields, filter: Option<&str>) -> Result<Vec<Speaker>> {
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
        let Some(speaker) = ff.str("speaker")? else {
            continue;
        };
        let role = ff.str("role")?;
        let label = ff.str("label")?;
        let transcript = ff.str("transcript")?;
        let words = ff.u64("words")?;
        let dates = ff.date("date")?;
        let alive = segment.alive_bitset();
        let str_of = |col: &Option<tantivy::columnar::StrColumn>,
                      doc,
                      buf: &mut String|
         -> Result<Option<String>> {
            let Some(col) = col else { return Ok(None) };
            match col.term_ords(doc).next() {
                Some(ord) => {
                    buf.clear();
                    col.ord_to_str(ord, buf)
                        .map_err(tantivy::TantivyError::from)?;
                    Ok(Some(buf.clone()))
                }
                None => Ok(None),
            }
        };
        // Speaker names resolved once per term ordinal.
        let mut names: HashMap<u64, String> = HashMap::new();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let Some(ord) = speaker.term_ords(doc).next() else {
                continue; // narration, or a page record
            };
            let name = match names.get(&ord) {
                Some(n) => n.clone(),
                None => {
                    buf.clear();
                    speaker
                        .ord_to_str(ord, &mut buf)
                        .map_err(tantivy::TantivyError::from)?;
                    names.insert(ord, buf.clone());
                    buf.clone()
                }
            };
            let a = acc.entry(name.clone()).or_default();
            a.s.speaker = name;
            a.s.paragraphs += 1;
            a.s.words += words.first(doc).unwrap_or(0);
            if let Some(d) = dates.first(doc).map(|d| d.into_timestamp_secs()) {
                a.first = Some(a.first.map_or(d, |f| f.min(d)));
                a.last = Some(a.last.map_or(d, |l| l.max(d)));
            }
            if let Some(r) = str_of(&role, doc, &mut buf)? {
                a.s.roles.insert(r);
            }
            if let Some(l) = str_of(&label, doc, &mut buf)? {
                a.s.labels.insert(l);
            }
            if let Some(t) = str_of(&transcript, doc, &mut buf)? {
                a.transcripts.insert(t);
            }
        }
    }
    let needle = filter.map(str::to_lowercase);
    let mut out: Vec<Speaker> = acc
        .into_values()
        .map(|mut a| {
            a.s.first = a.first.map(iso);
            a.s.last = a.last.map(iso);
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

fn iso(secs: i64) -> String {
    let dt = tantivy::DateTime::from_timestamp_secs(secs).into_utc();
    format!("{:04}-{:02}-{:02}", dt.year(), dt.month() as u8, dt.day())
}
