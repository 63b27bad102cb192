//! `rostra bench --repeat N`: every page ingested N times under distinct ids, so that a small
//! corpus stands for one N times its size. Bench-only: ingest and the readers know nothing
//! of copies; this wraps the reading step that ingest is given.

use std::path::Path;

use crate::error::Result;
use crate::transcript::{file::File, FilePages};

/// The id of copy `n` of page `id`: `57488`, `57488r1`, `57488r2`, …
pub fn copy_id(id: &str, n: usize) -> String {
    if n == 0 {
        id.to_string()
    } else {
        format!("{id}r{n}")
    }
}

/// One file's transcripts, `copies` times over under the ids of [`copy_id`], copy by copy.
/// The file is read and decoded once, and each copy parsed again from the decoded text, so
/// the work (and `bytes`) grows as with that many distinct files. The file's warnings and
/// refused records are reported once.
pub fn read(path: &Path, bytes: Vec<u8>, copies: usize) -> Result<FilePages> {
    let file = File::decode(path, bytes)?;
    let mut out = file.parse();
    let copies = copies.max(1);
    for n in 1..copies {
        for mut t in file.parse().transcripts {
            t.id = copy_id(&t.id, n);
            out.transcripts.push(t);
        }
    }
    out.bytes *= copies;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_have_distinct_ids() {
        assert_eq!(copy_id("57488", 0), "57488");
        assert_eq!(copy_id("57488", 1), "57488r1");
        assert_eq!(copy_id("57488", 15), "57488r15");
    }

    #[test]
    fn every_copy_is_parsed_and_counted() {
        let page = b"Events\nTitle\nVladimir Putin: Words.".to_vec();
        let n = page.len();
        let out = read(Path::new("57488.txt"), page, 3).unwrap();
        let ids: Vec<&str> = out.transcripts.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["57488", "57488r1", "57488r2"]);
        assert_eq!(out.bytes, 3 * n);
    }
}
