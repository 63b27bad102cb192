//! The source stage, first in the pipeline: finding input files, reading their bytes and decoding
//! them as text.
//!
//! Directories are walked for the extensions of the input [`Format`]s; every file is read
//! whole and decoded. Files that cannot be text (empty, binary, too large, a directory) are
//! errors naming the path; text that is not clean UTF-8 is decoded with a warning, so
//! nothing is dropped silently. Page ids from paths ([`id_from_path`]) and the paths page
//! records keep ([`absolute`]) are made here too. What a file's text means is for its
//! format's reader in `transcript/`.

pub mod table;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The input formats, told apart by file extension: the one place in this stage that names
/// them. `transcript::file` picks each one's reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A page in the kremlin.ru plain-text layout (`*.txt`, and any file given by name
    /// whose extension is not another format's).
    Text,
    /// A saved kremlin.ru HTML page (`*.html`, `*.htm`).
    Html,
    /// JSON Lines records, one transcript a line (`*.jsonl`).
    JsonLines,
    /// A speaker-labelled transcript (`*.said`: `Speaker Name: words` paragraphs).
    Said,
    /// Captions: WebVTT (`*.vtt`) and SubRip (`*.srt`).
    WebVtt,
    Srt,
}

impl Format {
    /// Each format with its extensions (compared without regard to case).
    const EXTENSIONS: [(Format, &'static [&'static str]); 6] = [
        (Format::Text, &["txt"]),
        (Format::Html, &["html", "htm"]),
        (Format::JsonLines, &["jsonl"]),
        (Format::Said, &["said"]),
        (Format::WebVtt, &["vtt"]),
        (Format::Srt, &["srt"]),
    ];

    /// The format of a file found in a walked directory, or `None` to leave it out.
    pub fn walked(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Self::EXTENSIONS
            .iter()
            .find(|(_, list)| list.iter().any(|x| x.eq_ignore_ascii_case(ext)))
            .map(|(f, _)| *f)
    }

    /// The names a walked directory is searched for, as a shell pattern each, for help
    /// texts: `*.txt`, `*.html`, `*.htm`, `*.jsonl`.
    pub fn walked_patterns() -> Vec<String> {
        Self::EXTENSIONS
            .iter()
            .flat_map(|(_, list)| list.iter().map(|x| format!("*.{x}")))
            .collect()
    }

    /// The format of a file to read: by its extension, else plain text.
    pub fn of(path: &Path) -> Format {
        Self::walked(path).unwrap_or(Format::Text)
    }
}

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
    Format::walked(p).is_some()
}

/// A file read as text, with what had to be repaired.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

/// The page id of a source path: its file stem (`57488` for `corpus/57488.txt`).
pub fn id_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `path` made absolute (not resolving symbolic links), as stored in page records.
pub fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Files larger than this are refused: a transcript is a page of text, not a dump.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The bytes of the file at `path`, refused if it is a directory or too large. One stat of
/// the open file, not three (`fs::metadata`, then `fs::read`'s and `File::read_to_end`'s
/// own, which a `Take` does not make): 104,400 files at ×16.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: "a directory, not a transcript file".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: format!(
                "{} MB is more than a transcript can be ({} MB at most)",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

/// Decode the bytes of the file at `path`: UTF-8 (BOM stripped), UTF-16 with a BOM, else
/// lossy UTF-8 with a warning. Empty and binary files are refused.
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
