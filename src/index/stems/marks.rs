//! The words a stemmed search cannot find by their spelling, listed under their stems.
//!
//! A stemmed search for stem `s` reads the paragraph words of the term dictionary under
//! [`stem_prefix`]`(s)` and keeps those whose stem is `s` (see [`super`]). The few words
//! not under their stem's prefix (`dying` → `die`, `uses` → `use`, `possibility` →
//! `possibl`: [`is_marked`]) are found here instead. After each commit, ingest reads the
//! words of every segment this list does not cover yet, stems each word once, and writes
//! the marked ones to [`FILE`] beside tantivy's files: a line per stem, after a first line
//! naming the segments covered. A search reads the file when a stemmed word needs it, and
//! stems the words of any segment the file does not cover itself (one committed a moment
//! ago, or a lost file): slower, never wrong.
//!
//! Listing the words costs an ingest one pass over each new segment's term dictionary;
//! indexing them with their stem as a second token instead cost a stem look-up for every
//! word indexed.
//!
//! [`stem_prefix`]: super::stem_prefix
//! [`is_marked`]: super::is_marked

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use tantivy::directory::error::OpenReadError;
use tantivy::schema::Field;
use tantivy::{Directory, Index, Searcher};

use crate::error::{Error, Result};

/// The list's file in the index directory. Its name starts with a dot: tantivy leaves such
/// files alone (it neither tracks nor garbage-collects them).
pub const FILE: &str = ".rostra-marks";

/// The first word of the file's first line, and the format's version.
/// Version 2: `-ize` words stem as `-ise` ones ([`super::british`]), so more are marked.
const HEADER: &str = "rostra-marks 2";

/// Marked words by stem, and the segments whose words they cover.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks {
    /// Segment ids (`uuid_string`) whose words are listed.
    covered: BTreeSet<String>,
    /// The file's lines, `\nstem\tword word…`, looked up as they are: a search wants a
    /// stem or two, and parsing every line into maps was 6% of the instructions of a
    /// `rostra search` process.
    listed: String,
    /// Stem → marked words, of the segments stemmed in this process.
    by_stem: BTreeMap<String, BTreeSet<String>>,
}

impl Marks {
    /// The marks of every segment of `searcher`: the index's file, completed by stemming
    /// the words of segments it does not cover.
    pub(super) fn of(searcher: &Searcher, text: Field) -> Result<Marks> {
        let mut marks = read(searcher.index())?;
        marks.cover(searcher, text)?;
        Ok(marks)
    }

    /// The marked words whose stem is `stem` (a word may come twice).
    pub fn words(&self, stem: &str) -> impl Iterator<Item = &str> {
        let key = format!("\n{stem}\t");
        let listed = self.listed.find(&key).map(|at| {
            let line = &self.listed[at + key.len()..];
            &line[..line.find('\n').unwrap_or(line.len())]
        });
        listed.into_iter().flat_map(|words| words.split(' ')).chain(
            self.by_stem
                .get(stem)
                .into_iter()
                .flatten()
                .map(String::as_str),
        )
    }

    /// Every stem and its words, the file's and this process's together.
    fn all(&self) -> BTreeMap<&str, BTreeSet<&str>> {
        let mut all: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for line in self.listed.lines().filter(|l| !l.is_empty()) {
            if let Some((stem, words)) = line.split_once('\t') {
                all.entry(stem).or_default().extend(words.split(' '));
            }
        }
        for (stem, words) in &self.by_stem {
            all.entry(stem)
                .or_default()
                .extend(words.iter().map(String::as_str));
        }
        all
    }

    /// List the marked words of `searcher`'s segments that are not covered yet, and forget
    /// the segments that are gone. Whether anything changed.
    fn cover(&mut self, searcher: &Searcher, text: Field) -> Result<bool> {
        let live: BTreeSet<String> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id().uuid_string())
            .collect();
        let before = self.covered.len();
        self.covered.retain(|id| live.contains(id));
        let mut changed = self.covered.len() != before;
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        // Segments mostly share their words: each is stemmed once.
        let mut seen: HashSet<Vec<u8>> = HashSet::new();
        for seg in searcher.segment_readers() {
            let id = seg.segment_id().uuid_string();
            if self.covered.contains(&id) {
                continue;
            }
            let inverted = seg.inverted_index(text)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                let key = terms.key();
                if seen.contains(key) {
                    continue;
                }
                seen.insert(key.to_vec());
                let Ok(word) = std::str::from_utf8(key) else {
                    continue;
                };
                let spelled = super::british(word);
                let stem = stemmer.stem(&spelled);
                if super::is_marked(word, &stem) {
                    self.by_stem
                        .entry(stem.into_owned())
                        .or_default()
                        .insert(word.to_string());
                }
            }
            self.covered.insert(id);
            changed = true;
        }
        Ok(changed)
    }

    fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        for id in &self.covered {
            out.push(' ');
            out.push_str(id);
        }
        out.push('\n');
        for (stem, words) in self.all() {
            out.push_str(stem);
            out.push('\t');
            out.push_str(&words.into_iter().collect::<Vec<_>>().join(" "));
            out.push('\n');
        }
        out
    }

    /// The list in `text`, or `None` if it is not one.
    fn parse(text: &str) -> Option<Marks> {
        let mut lines = text.lines();
        let covered = lines
            .next()?
            .strip_prefix(HEADER)?
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let mut listed = String::from("\n");
        for line in lines {
            let (stem, words) = line.split_once('\t')?;
            if stem.is_empty() || words.is_empty() {
                return None;
            }
            listed.push_str(line);
            listed.push('\n');
        }
        Some(Marks {
            covered,
            listed,
            by_stem: BTreeMap::new(),
        })
    }
}

/// The index's list as its file has it: empty (covering nothing) if there is no file or it
/// cannot be read as one, so that every segment is stemmed again rather than trusted.
fn read(index: &Index) -> Result<Marks> {
    match index.directory().atomic_read(Path::new(FILE)) {
        Ok(bytes) => Ok(std::str::from_utf8(&bytes)
            .ok()
            .and_then(Marks::parse)
            .unwrap_or_default()),
        Err(OpenReadError::FileDoesNotExist(_)) => Ok(Marks::default()),
        Err(e) => Err(Error::from(tantivy::TantivyError::from(e))),
    }
}

/// How many of `searcher`'s segments the index's file does not cover (`rostra verify`).
pub fn uncovered(searcher: &Searcher) -> Result<usize> {
    let marks = read(searcher.index())?;
    Ok(searcher
        .segment_readers()
        .iter()
        .filter(|s| !marks.covered.contains(&s.segment_id().uuid_string()))
        .count())
}

/// After a commit: list the marked words of the segments the file does not cover yet
/// (rewritten atomically, if anything changed).
pub fn update(index: &Index, text: Field) -> Result<()> {
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let mut marks = read(index)?;
    if marks.cover(&reader.searcher(), text)? {
        index
            .directory()
            .atomic_write(Path::new(FILE), marks.to_text().as_bytes())
            .map_err(|e| Error::io(Path::new(FILE), e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_as_written() {
        let mut m = Marks::default();
        m.covered.insert("0123abcd".into());
        m.covered.insert("4567ef01".into());
        m.by_stem
            .entry("die".into())
            .or_default()
            .extend(["dying".to_string(), "dies".to_string()]);
        m.by_stem
            .entry("use".into())
            .or_default()
            .insert("uses".into());
        let text = m.to_text();
        assert_eq!(
            text,
            "rostra-marks 2 0123abcd 4567ef01\ndie\tdies dying\nuse\tuses\n"
        );
        let read = Marks::parse(&text).unwrap();
        assert_eq!(read.to_text(), text);
        for m in [&m, &read] {
            assert_eq!(m.words("die").collect::<Vec<_>>(), ["dies", "dying"]);
            assert_eq!(m.words("us").count(), 0);
            assert_eq!(m.words("hope").count(), 0);
        }
        // Stems of segments stemmed since join the file's.
        let mut more = read.clone();
        more.by_stem
            .entry("die".into())
            .or_default()
            .insert("died".into());
        assert_eq!(
            more.words("die").collect::<Vec<_>>(),
            ["dies", "dying", "died"]
        );
        assert!(more.to_text().contains("\ndie\tdied dies dying\n"));
    }

    #[test]
    fn a_file_that_is_not_a_list_covers_nothing() {
        assert_eq!(Marks::parse(""), None);
        assert_eq!(Marks::parse("something else\n"), None);
        assert_eq!(Marks::parse("rostra-marks 1 ab\ndie dying\n"), None);
    }
}
