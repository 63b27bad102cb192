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
                let root = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                let mut walk = walkdir::WalkDir::new(p)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                while let Some(entry) = walk.next() {
                    // A folder with a TEI corpus root at its top is that corpus: the root
                    // includes its sittings and lists, and the rest (the `.txt` copies, the
                    // `-meta.tsv` tables) is not transcripts.
                    if let Ok(e) = &entry {
                        if e.file_type().is_dir() {
                            let roots = tei_roots(e.path());
                            if !roots.is_empty() {
                                files.extend(roots);
                                walk.skip_current_dir();
                                continue;
                            }
                        }
                    }
                    // A symbolic link is followed only within the directory given
                    // (`ln -s /etc/passwd corpus/passwd.txt` is not indexed, issue 13 §8).
                    if let Ok(e) = &entry {
                        if e.path_is_symlink()
                            && (e.file_type().is_dir() || has_extension(e.path()))
                        {
                            let target = std::fs::canonicalize(e.path());
                            if let Some(t) = target.ok().filter(|t| !t.starts_with(&root)) {
                                errors.push(Error::BadInput {
                                    path: e.path().to_path_buf(),
                                    reason: format!(
                                        "a symbolic link to {}, outside {}: not followed",
                                        t.display(),
                                        p.display()
                                    ),
                                });
                                if e.file_type().is_dir() {
                                    walk.skip_current_dir();
                                }
                                continue;
                            }
                        }
                    }
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

/// The `.xml` files directly in `dir` whose root element is a TEI `teiCorpus` (a ParlaMint
/// corpus), told by their first 4 KB; sorted.
pub fn tei_roots(dir: &Path) -> Vec<PathBuf> {
    use std::io::Read;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        })
        .filter(|p| {
            let mut head = Vec::with_capacity(4096);
            let read = open_regular(p).and_then(|f| {
                f.take(4096)
                    .read_to_end(&mut head)
                    .map_err(|e| Error::io(p, e))
            });
            read.is_ok()
                && head.windows(11).any(|w| {
                    matches!(w[0], b'<' | b':')
                        && &w[1..10] == b"teiCorpus"
                        && matches!(w[10], b' ' | b'>' | b'\n' | b'\r' | b'\t')
                })
        })
        .collect();
    out.sort();
    out
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

/// The page id of a source path: its file stem (`57488` for `corpus/57488.txt`), made
/// without loss (issue 13 §8): bytes that are not UTF-8, and `%`, `#` (which separates a
/// transcript from its paragraph in `ID#N`) and control characters (which break TSV rows),
/// are written `%XX`, so two names never give one id.
pub fn id_from_path(path: &Path) -> String {
    use std::fmt::Write;
    let Some(stem) = path.file_stem() else {
        return String::new();
    };
    let bytes = stem.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' || c == '#' || c.is_control() {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
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

/// A JSON Lines record (or any line) of a file read by [`Lines`].
#[derive(Debug)]
pub enum Line {
    /// Line `line` (1-based), without its `\n` (a `\r` before it is kept); `newline`: it
    /// ended with one (all but maybe the last line).
    Text {
        line: usize,
        bytes: Vec<u8>,
        newline: bool,
    },
    /// Line `line` ran over the cap: its `bytes` were read past, not kept.
    TooLong { line: usize, bytes: u64 },
}

/// The lines of a file, one at a time, in memory bounded by the cap on a line (issue 13
/// §6: a JSON Lines dataset of any size is read a record at a time; the cap on a file is
/// one on a record). A line over the cap is skipped to its end and reported as such, and the
/// lines after it are read as usual.
pub struct Lines {
    path: PathBuf,
    reader: std::io::BufReader<std::fs::File>,
    line: usize,
    cap: u64,
    done: bool,
}

impl Lines {
    /// Open `path` for reading line by line, lines over `cap` bytes reported and skipped.
    /// Refused like [`read`]: anything but a regular file (a FIFO is not waited on), a
    /// binary file (NUL bytes in its first 8 KB), UTF-16 (JSON Lines are UTF-8), an empty
    /// file.
    pub fn open(path: &Path, cap: u64) -> Result<Lines> {
        use std::io::BufRead;
        let file = open_regular(path)?;
        let bad = |reason: &str| Error::BadInput {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        };
        let mut reader = std::io::BufReader::with_capacity(64 << 10, file);
        let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
        if head.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(bad("empty file"));
        }
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(bad(
                "UTF-16 text: JSON Lines are read as UTF-8 (convert the file)",
            ));
        }
        if head[..head.len().min(8 << 10)].contains(&0) {
            return Err(bad("binary file (contains NUL bytes)"));
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
        Ok(Lines {
            path: path.to_path_buf(),
            reader,
            line: 0,
            cap,
            done: false,
        })
    }

    /// The next line, or `None` at the end of the file.
    pub fn next_line(&mut self) -> Option<Result<Line>> {
        use std::io::BufRead;
        if self.done {
            return None;
        }
        let mut bytes = Vec::new();
        let mut len = 0u64;
        let mut any = false;
        let mut newline = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.path, e)));
                }
            };
            if chunk.is_empty() {
                self.done = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (take, end) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            len += take as u64;
            if len <= self.cap {
                bytes.extend_from_slice(&chunk[..take]);
            } else if !bytes.is_empty() {
                bytes = Vec::new(); // over the cap: let go of what was kept
            }
            self.reader.consume(take + usize::from(end));
            if end {
                newline = true;
                break;
            }
        }
        self.line += 1;
        Some(Ok(if len > self.cap {
            Line::TooLong {
                line: self.line,
                bytes: len,
            }
        } else {
            Line::Text {
                line: self.line,
                bytes,
                newline,
            }
        }))
    }
}

/// Open a regular file for reading; anything else (a directory, a FIFO, a device such as
/// `/dev/zero`) is refused without being opened, so a FIFO never blocks and a device never
/// streams forever.
pub fn open_regular(path: &Path) -> Result<std::fs::File> {
    regular(path)?;
    std::fs::File::open(path).map_err(|e| Error::io(path, e))
}

/// Is `path` a regular file (following symbolic links)? An error naming what it is if not.
pub fn regular(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: if meta.is_dir() {
                "a directory, not a transcript file".into()
            } else {
                "not a regular file (a device, FIFO or socket)".into()
            },
        });
    }
    Ok(())
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
    fn ids_from_names_keep_every_byte() {
        assert_eq!(id_from_path(Path::new("corpus/57488.txt")), "57488");
        assert_eq!(id_from_path(Path::new("a#b.txt")), "a%23b");
        assert_eq!(id_from_path(Path::new("a\tb.txt")), "a%09b");
        assert_eq!(id_from_path(Path::new("100%.txt")), "100%25");
        assert_eq!(id_from_path(Path::new("Café.txt")), "Café");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            // Two Latin-1 names that a lossy decoding makes one ("caf\u{FFFD}").
            let a = id_from_path(Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")));
            let b = id_from_path(Path::new(std::ffi::OsStr::from_bytes(b"caf\xe8.txt")));
            assert_eq!((a.as_str(), b.as_str()), ("caf%E9", "caf%E8"));
        }
    }

    #[test]
    fn lines_are_read_one_at_a_time_with_a_cap() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.jsonl");
        std::fs::write(
            &p,
            format!("\u{FEFF}one\n{}\nthree\r\n\nlast", "x".repeat(100)),
        )
        .unwrap();
        let mut lines = Lines::open(&p, 10).unwrap();
        let mut got = Vec::new();
        while let Some(l) = lines.next_line() {
            got.push(match l.unwrap() {
                Line::Text { line, bytes, .. } => {
                    format!("{line}:{}", String::from_utf8(bytes).unwrap())
                }
                Line::TooLong { line, bytes } => format!("{line}:too long {bytes}"),
            });
        }
        assert_eq!(
            got,
            ["1:one", "2:too long 100", "3:three\r", "4:", "5:last"]
        );
    }

    #[test]
    fn devices_and_fifos_are_not_opened() {
        #[cfg(unix)]
        {
            let err = open_regular(Path::new("/dev/zero"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("not a regular file"), "{err}");
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(open_regular(dir.path())
            .unwrap_err()
            .to_string()
            .contains("directory"));
        for bytes in [&b""[..], b"\xFF\xFEx\0", b"{}\0"] {
            let p = dir.path().join("x.jsonl");
            std::fs::write(&p, bytes).unwrap();
            assert!(Lines::open(&p, 10).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(dec(b"").unwrap_err().to_string().contains("empty file"));
        assert!(dec(b" \n").unwrap_err().to_string().contains("empty file"));
        assert!(dec(b"ab\0cd").unwrap_err().to_string().contains("binary"));
    }
}
