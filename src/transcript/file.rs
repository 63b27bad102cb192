//! One source file → its transcripts: a page (`.txt`, saved `.html`) or many (`.jsonl`).
//! Shared by `rostra parse` and ingest, so both read a file the same way.

use std::path::Path;

use super::Transcript;
use crate::error::{Error, Result};
use crate::source;

/// What one source file holds.
pub struct FilePages {
    pub transcripts: Vec<Transcript>,
    /// `path: what` repairs.
    pub warnings: Vec<String>,
    /// Records refused (JSON Lines), each naming its line; the file's others are kept.
    pub errors: Vec<Error>,
}

/// Decode and parse one file: a page (`.txt`, `.html`) or many (`.jsonl`); `copies` > 1
/// repeats every page under the ids of [`copy_id`].
pub fn read_pages(path: &Path, bytes: Vec<u8>, copies: usize) -> Result<FilePages> {
    let jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    let text = if jsonl {
        source::decode(path, bytes)?
    } else {
        source::decode_page(path, bytes)?
    };
    let mut out = FilePages {
        transcripts: Vec::new(),
        warnings: text
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", path.display()))
            .collect(),
        errors: Vec::new(),
    };
    let name = path.to_string_lossy();
    let base = if jsonl {
        let stem = super::id_from_path(path);
        let (pages, bad) = super::jsonl::parse_jsonl(&name, &stem, &text.text);
        out.errors = bad
            .into_iter()
            .map(|b| Error::BadInput {
                path: path.to_path_buf(),
                reason: format!("line {}: {} (record skipped)", b.line, b.reason),
            })
            .collect();
        pages
    } else {
        // Each copy is parsed again, so `rostra bench --repeat N` does N times the work.
        let id = text.page_id(path);
        (0..copies)
            .map(|copy| super::parse_text(&name, &copy_id(&id, copy), &text.text))
            .collect()
    };
    if jsonl {
        for t in base {
            for copy in 1..copies {
                let mut c = t.clone();
                c.id = copy_id(&t.id, copy);
                out.transcripts.push(c);
            }
            out.transcripts.push(t);
        }
    } else {
        out.transcripts = base;
    }
    Ok(out)
}

/// The id of copy `n` of page `id` (`rostra bench --repeat`): `57488`, `57488r1`, `57488r2`, …
pub fn copy_id(id: &str, n: usize) -> String {
    if n == 0 {
        id.to_string()
    } else {
        format!("{id}r{n}")
    }
}
