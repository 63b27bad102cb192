//! Before stage 1: finding transcript files and reading them as text.
//!
//! Directories are walked for `*.txt` and `*.html`/`*.htm`; every file is read whole and
//! decoded. Files that cannot be text (empty, binary) are errors naming the path; text that
//! is not clean UTF-8 is decoded with a warning, so nothing is dropped silently. A saved
//! HTML page is converted to the text layout by [`html`], so that everything downstream
//! sees one kind of page.

pub mod html;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File extensions taken from a walked directory.
pub const EXTENSIONS: [&str; 4] = ["txt", "html", "htm", "jsonl"];

/// Extensions read as saved HTML pages.
const HTML_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// The files to read under `paths`, sorted, and the errors met while walking.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(Error::io(p, e)),
            Ok(m) if m.is_file() => files.push(p.clone()),
            Ok(m) if m.is_dir() => {
                for entry in walkdir::WalkDir::new(p)
                    .follow_links(true)
                    .sort_by_file_name()
                {
                    match entry {
                        Ok(e) if e.file_type().is_file() && has_extension(e.path()) => {
                            files.push(e.into_path())
                        }
                        Ok(e) if e.depth() > 0 && e.file_type().is_dir() && has_extension(e.path()) => {
                            errors.push(Error::BadInput {
                                path: e.into_path(),
                                reason: "a directory named like a transcript file (the files in it are read)".into(),
                            })
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                            let reason = if e.loop_ancestor().is_some() {
                                "symbolic link loop".to_string()
                            } else {
                                e.io_error()
                                    .map(|io| io.to_string())
                                    .unwrap_or_else(|| e.to_string())
                            };
                            errors.push(Error::BadInput { path, reason });
                        }
                    }
                }
            }
            Ok(_) => errors.push(Error::BadInput {
                path: p.clone(),
                reason: "not a file or directory".into(),
            }),
        }
    }
    (files, errors)
}

fn has_extension(p: &Path) -> bool {
    extension_in(p, &EXTENSIONS)
}

fn extension_in(p: &Path, list: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A file read as text, with what had to be repaired.
#[derive(Debug)]
pub struct Text {
    /// The page in the plain-text layout (an HTML page converted).
    pub text: String,
    pub bytes: usize,
    pub warnings: Vec<String>,
    /// The page id the content gives for itself (an HTML page's canonical URL).
    pub id: Option<String>,
}

impl Text {
    /// The page id: the file stem, as [`crate::transcript::id_from_path`] gives it for a
    /// text file. A saved HTML page whose name is not a page number (`Meeting with ... •
    /// President of Russia.html`) takes the number from its canonical URL, so that it has
    /// the id of its text version.
    pub fn page_id(&self, path: &Path) -> String {
        let stem = crate::transcript::id_from_path(path);
        match &self.id {
            Some(id) if !is_page_number(&stem) => id.clone(),
            _ => stem,
        }
    }
}

fn is_page_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Read a file and decode it: UTF-8 (BOM stripped), UTF-16 with a BOM, else lossy UTF-8.
/// An `.html`/`.htm` file is then converted from HTML to the text layout.
pub fn read_text(path: &Path) -> Result<Text> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_page(path, bytes)
}

/// [`decode`] the bytes of the file at `path`, then, for an `.html`/`.htm` file, convert
/// the HTML to the text layout.
pub fn decode_page(path: &Path, bytes: Vec<u8>) -> Result<Text> {
    let mut text = decode(path, bytes)?;
    if extension_in(path, &HTML_EXTENSIONS) {
        let page = html::to_text(&text.text).map_err(|e| Error::BadInput {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        text.text = page.text;
        text.id = page.id;
    }
    Ok(text)
}

pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Text> {
    let n = bytes.len();
    let bad = |reason: &str| Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad("empty file"));
    }
    let mut warnings = Vec::new();
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    let text = if let Some(read) = utf16 {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| read([c[0], c[1]]))
            .collect();
        warnings.push("decoded from UTF-16".to_string());
        String::from_utf16_lossy(&units)
    } else {
        if bytes.contains(&0) {
            return Err(bad("binary file (contains NUL bytes)"));
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                warnings.push(format!(
                    "invalid UTF-8 at byte {}: decoded lossily (bad bytes became U+FFFD)",
                    e.valid_up_to()
                ));
                String::from_utf8_lossy(body).into_owned()
            }
        }
    };
    if text.contains('\0') {
        return Err(bad("binary file (contains NUL characters)"));
    }
    Ok(Text {
        text,
        bytes: n,
        warnings,
        id: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> Result<Text> {
        decode(Path::new("x.txt"), b.to_vec())
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(dec(b"\xEF\xBB\xBFEvents\nT").unwrap().text, "Events\nT");
    }

    #[test]
    fn utf16_is_decoded() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Events\nTitle".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(dec(&b).unwrap().text, "Events\nTitle");
    }

    #[test]
    fn latin1_is_lossy_with_warning() {
        let t = dec(b"Events\nCaf\xe9").unwrap();
        assert_eq!(t.text, "Events\nCaf\u{FFFD}");
        assert_eq!(t.warnings.len(), 1);
    }

    #[test]
    fn html_page_id_is_the_stem_unless_the_stem_is_not_a_page_number() {
        let text = |id: Option<&str>| Text {
            text: String::new(),
            bytes: 0,
            warnings: Vec::new(),
            id: id.map(str::to_string),
        };
        let saved = Path::new("Meeting with students • President of Russia.html");
        assert_eq!(text(Some("17113")).page_id(saved), "17113");
        assert_eq!(
            text(Some("17113")).page_id(Path::new("17113.html")),
            "17113"
        );
        // The file name wins when it is a page number, as for a text file.
        assert_eq!(text(Some("99")).page_id(Path::new("17113.html")), "17113");
        assert_eq!(
            text(None).page_id(saved),
            "Meeting with students • President of Russia"
        );
        assert_eq!(text(None).page_id(Path::new("a/57488.txt")), "57488");
    }

    #[test]
    fn bad_html_files_are_errors_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
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
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let err = read_text(&path).unwrap_err().to_string();
            assert!(err.starts_with(&path.display().to_string()), "{err}");
            assert!(err.contains(reason), "{err}");
        }
    }

    #[test]
    fn html_files_are_collected_beside_text_files() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["1.txt", "2.html", "3.HTM", "4.json", "5.html~"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let (files, errors) = collect(&[dir.path().to_path_buf()]);
        let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap()).collect();
        assert_eq!(names, ["1.txt", "2.html", "3.HTM"]);
        assert!(errors.is_empty());
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(dec(b"").unwrap_err().to_string().contains("empty file"));
        assert!(dec(b" \n").unwrap_err().to_string().contains("empty file"));
        assert!(dec(b"ab\0cd").unwrap_err().to_string().contains("binary"));
    }
}
