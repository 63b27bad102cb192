//! The transcript stage's way in: one source file → its transcripts, by the reader of its format.
//! The one place a [`Format`] picks its reader, shared by `rostra parse` and ingest so that both
//! read a file the same way; a new format is a new reader here and a new [`Format`] in `source/`,
//! and nothing later in the pipeline changes.
//!
//! The readers today: the kremlin.ru text layout ([`super::parse_text`]), saved HTML pages
//! ([`super::html`], written out in that layout, then parsed as text) and JSON Lines
//! ([`super::jsonl`]).

use std::path::{Path, PathBuf};

use super::{html, jsonl, Transcript};
use crate::error::{Error, Result};
use crate::source::{self, Format};

/// What one source file holds.
pub struct FilePages {
    pub transcripts: Vec<Transcript>,
    /// `path: what` repairs.
    pub warnings: Vec<String>,
    /// Records refused (JSON Lines), each naming its line; the file's others are kept.
    pub errors: Vec<Error>,
    /// Bytes of source these transcripts stand for (the file's size), as ingest counts
    /// them for its report and its commits.
    pub bytes: usize,
}

/// Decode and parse one file with the reader of its format.
pub fn read(path: &Path, bytes: Vec<u8>) -> Result<FilePages> {
    Ok(File::decode(path, bytes)?.parse())
}

/// The reader of a file a corpus description names (issue 17 §1): it, not the file's
/// extension, says how the text is laid out and where the metadata comes from.
pub fn read_described(
    corpus: &super::corpus::Corpus,
    path: &Path,
    bytes: Vec<u8>,
) -> Result<FilePages> {
    let decoded = source::decode(path, bytes)?;
    let name = path.to_string_lossy();
    Ok(FilePages {
        transcripts: vec![corpus.transcript(path, &name, &decoded.text)],
        warnings: decoded
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", path.display()))
            .collect(),
        errors: Vec::new(),
        bytes: decoded.bytes,
    })
}

/// One source file, decoded and made ready for the reader of its format (a saved HTML page
/// already written out in the text layout). [`File::parse`] may run more than once: `rostra
/// bench --repeat` parses every page again for each copy, reading it only once.
pub struct File {
    path: PathBuf,
    /// The path as given, the transcripts' `source`.
    name: String,
    content: Content,
    warnings: Vec<String>,
    bytes: usize,
}

/// A file's text, by what its reader makes of it.
enum Content {
    /// One page in the plain-text layout, under its page id.
    Page { id: String, text: String },
    /// JSON Lines records; a record without an id is named after `stem` and its line.
    JsonLines { stem: String, text: String },
}

impl File {
    /// Decode the bytes of the file at `path` ([`source::decode`]) and prepare them for the
    /// reader of the file's [`Format`].
    pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<File> {
        let decoded = source::decode(path, bytes)?;
        let stem = source::id_from_path(path);
        let content = match Format::of(path) {
            Format::Text => Content::Page {
                id: stem,
                text: decoded.text,
            },
            Format::Html => {
                let page = html::to_text(&decoded.text).map_err(|e| Error::BadInput {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })?;
                Content::Page {
                    id: page.page_id(stem),
                    text: page.text,
                }
            }
            Format::JsonLines => Content::JsonLines {
                stem,
                text: decoded.text,
            },
        };
        Ok(File {
            path: path.to_path_buf(),
            name: path.to_string_lossy().into_owned(),
            content,
            warnings: decoded
                .warnings
                .iter()
                .map(|w| format!("{}: {w}", path.display()))
                .collect(),
            bytes: decoded.bytes,
        })
    }

    /// The text the reader parses: a page in the plain-text layout (an HTML page as
    /// converted), or the JSON Lines.
    pub fn text(&self) -> &str {
        match &self.content {
            Content::Page { text, .. } | Content::JsonLines { text, .. } => text,
        }
    }

    /// The file's transcripts, under their own ids.
    pub fn parse(&self) -> FilePages {
        let mut out = FilePages {
            transcripts: Vec::new(),
            warnings: self.warnings.clone(),
            errors: Vec::new(),
            bytes: self.bytes,
        };
        match &self.content {
            Content::Page { id, text } => {
                out.transcripts = vec![super::parse_text(&self.name, id, text)];
            }
            Content::JsonLines { stem, text } => {
                let (pages, bad) = jsonl::parse_jsonl(&self.name, stem, text);
                out.transcripts = pages;
                out.errors = bad
                    .into_iter()
                    .map(|b| Error::BadInput {
                        path: self.path.clone(),
                        reason: format!("line {}: {} (record skipped)", b.line, b.reason),
                    })
                    .collect();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_html_files_are_errors_naming_the_path() {
        for (name, bytes, reason) in [
            (
                "plain.html",
                &b"Events\nJust text saved as .html"[..],
                "not a saved kremlin.ru page",
            ),
            ("empty.htm", b"", "empty file"),
            ("nul.html", b"<html>\0</html>", "binary"),
            (
                "deep.html",
                "<div>".repeat(10_000).as_bytes(),
                "nested more than",
            ),
        ] {
            let path = Path::new("dir").join(name);
            let err = read(&path, bytes.to_vec())
                .err()
                .expect("an error")
                .to_string();
            assert!(err.starts_with(&path.display().to_string()), "{err}");
            assert!(err.contains(reason), "{err}");
        }
    }

    #[test]
    fn each_format_has_its_reader() {
        let text = read(Path::new("a/57488.txt"), b"Events\nTitle\nWords.".to_vec()).unwrap();
        assert_eq!(text.transcripts.len(), 1);
        assert_eq!(text.transcripts[0].id, "57488");
        assert_eq!(text.bytes, 19);
        let jsonl = read(
            Path::new("d.jsonl"),
            b"{\"title\": \"A\", \"text\": \"Words.\"}\n{\"title\": \"B\"}\n".to_vec(),
        )
        .unwrap();
        assert_eq!(jsonl.transcripts.len(), 1);
        assert_eq!(jsonl.errors.len(), 1);
        assert!(jsonl.errors[0].to_string().contains("line 2"));
    }
}
