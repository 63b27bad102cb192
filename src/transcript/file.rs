//! The transcript stage's way in: one source file → its transcripts, by the reader chosen for
//! it. [`choose`] is the one place a file's reader is decided, shared by `rostra parse` and
//! ingest so that both read a file the same way; a new reader is a new rule there (and, for
//! a new extension, a new [`Format`] in `source/`), and nothing later in the pipeline changes.
//!
//! The readers: the kremlin.ru text layout ([`super::parse_text`]), saved HTML pages
//! ([`super::html`], written out in that layout, then parsed as text), JSON Lines
//! ([`super::jsonl`]), speaker-labelled transcripts ([`super::labelled`]), captions alone
//! ([`super::media::from_captions`]) and plain text as one speech without labels
//! ([`super::reflow`]). Beside a labelled or unlabelled transcript, or captions, `NAME.json`
//! is its metadata ([`super::sidecar`]); beside a transcript, `NAME.vtt` (or `NAME.srt`) is
//! its captions, aligned to it for the paragraphs' times ([`super::media::attach`]), not a
//! second transcript. These files are the transcript's [`companions`]: read with it, counted
//! in its bytes and its content hash.

use std::path::{Path, PathBuf};

use super::captions::{self, Captions};
use super::sidecar::{self, Sidecar};
use super::{html, jsonl, labelled, media, notes, reflow, tei, Paragraph, Transcript};
use crate::error::{Error, Result};
use crate::source::{self, Format};

/// The reader a file gets, as [`choose`] decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A file of a described corpus: the corpus description (`--corpus`, or the
    /// `rostra-corpus.toml` at its top) says how it is laid out and what its metadata is.
    Described,
    /// A page in the kremlin.ru plain-text layout (its first line `Events`).
    Kremlin,
    /// A saved kremlin.ru HTML page.
    Html,
    /// JSON Lines records.
    JsonLines,
    /// A speaker-labelled transcript (`.said`, or `.txt` mostly of `Name:` paragraphs).
    Labelled,
    /// Captions standing alone: paragraphs by pauses, with times, no speakers.
    Captions,
    /// Any other text: one speech without labels.
    Unlabelled,
    /// A ParlaMint TEI corpus: its `teiCorpus` root, the sittings and lists it includes.
    TeiCorpus,
    /// One ParlaMint TEI sitting read alone: speakers named by their ids, without party.
    TeiSitting,
    /// Not read: an XML file that is neither a TEI corpus root nor a TEI sitting (a list
    /// or a taxonomy a root includes).
    OtherXml,
    /// Not read: a `.txt` beside an XML file of the same name (a derived copy).
    DerivedCopy,
    /// Not read on its own: captions beside their transcript, which they time.
    CaptionsOfTranscript,
}

impl Reader {
    /// What `rostra parse` and ingest call it.
    pub fn name(self) -> &'static str {
        match self {
            Reader::Described => "the corpus description",
            Reader::Kremlin => "kremlin.ru text layout",
            Reader::Html => "kremlin.ru saved HTML page",
            Reader::JsonLines => "JSON Lines records",
            Reader::Labelled => "speaker-labelled transcript",
            Reader::Captions => "captions alone (paragraphs by pauses)",
            Reader::Unlabelled => "one speech without labels",
            Reader::TeiCorpus => "ParlaMint TEI corpus (teiCorpus root and the files it includes)",
            Reader::TeiSitting => {
                "ParlaMint TEI sitting alone (no person list: speakers by id, no party)"
            }
            Reader::OtherXml => "skipped: XML that is not a TEI corpus root or sitting",
            Reader::DerivedCopy => "skipped: a text copy of the XML file of the same name",
            Reader::CaptionsOfTranscript => {
                "skipped: the captions of the transcript of the same name, aligned to it"
            }
        }
    }

    /// A reader that reads nothing: the file is left out, and said to be.
    pub fn skips(self) -> bool {
        matches!(
            self,
            Reader::DerivedCopy | Reader::CaptionsOfTranscript | Reader::OtherXml
        )
    }
}

/// The reader for the file at `path` whose decoded text is `text`: the first rule that
/// fits, in this order (issue 16).
///
/// 1. A corpus description file (issue 17) names the reader of the files it describes:
///    when one is given, its rule comes first, before any below.
/// 2. A `.txt` beside an XML file of the same name is a derived copy (ParlaMint ships
///    them): skipped.
/// 3. An `.xml` file whose root element is a `teiCorpus`: a ParlaMint corpus, its sittings
///    read through the root's includes; a `TEI` root: one sitting alone; any other XML is
///    skipped (a list or taxonomy a root includes).
/// 4. The kremlin.ru layout: a saved `.html` page, or text whose first line is `Events`;
///    JSON Lines (`.jsonl`) are records of their own.
/// 5. `.said` files, and `.txt` files whose paragraphs mostly open with a `Name:` label
///    ([`labelled::mostly_labelled`]): labelled transcripts.
/// 6. `.vtt` and `.srt` captions: skipped beside a transcript of the same name (`.said`,
///    `.txt`), whose paragraphs they time; alone, a transcript of their own.
/// 7. Any other text: one speech without labels.
pub fn choose(path: &Path, text: &str) -> Reader {
    let format = Format::of(path);
    if format == Format::Text && is_txt(path) && sibling(path, &["xml", "XML"]).is_some() {
        return Reader::DerivedCopy;
    }
    if is_xml(path) {
        return if tei::is_corpus_root(text) {
            Reader::TeiCorpus
        } else if tei::is_sitting(text) {
            Reader::TeiSitting
        } else {
            Reader::OtherXml
        };
    }
    match format {
        Format::Html => return Reader::Html,
        Format::JsonLines => return Reader::JsonLines,
        Format::Said => return Reader::Labelled,
        Format::WebVtt | Format::Srt => {
            return if sibling(path, TRANSCRIPT_EXTENSIONS).is_some() {
                Reader::CaptionsOfTranscript
            } else {
                Reader::Captions
            };
        }
        Format::Text => {}
    }
    if super::lines(first_lines(text)).first() == Some(&"Events") {
        Reader::Kremlin
    } else if labelled::mostly_labelled(text) {
        Reader::Labelled
    } else {
        Reader::Unlabelled
    }
}

/// The extensions of the transcripts captions may sit beside.
const TRANSCRIPT_EXTENSIONS: &[&str] = &["said", "txt"];

/// The text's first few lines, enough to find its first non-blank one.
fn first_lines(text: &str) -> &str {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn is_xml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// The first existing file beside `path` with its stem and one of `extensions`.
fn sibling(path: &Path, extensions: &[&str]) -> Option<PathBuf> {
    extensions
        .iter()
        .map(|e| path.with_extension(e))
        .find(|p| p != path && p.is_file())
}

/// The files read with the file at `path`: its sidecar (`NAME.json`) and, for a transcript,
/// its captions (`NAME.vtt`, else `NAME.srt`), those that exist. Decided by the names alone,
/// so that ingest can hash them with the file before reading it; but for an `.xml` file,
/// the files a TEI corpus root includes ([`tei::includes`]).
pub fn companions(path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if is_xml(path) {
        if let Ok(text) = tei::read_limited(path, tei::MAX_FILE_BYTES) {
            out.extend(tei::includes(path, &text));
        }
        return out;
    }
    let transcript = matches!(Format::of(path), Format::Said) || is_txt(path);
    let captions = matches!(Format::of(path), Format::WebVtt | Format::Srt);
    if transcript || captions {
        out.extend(sibling(path, &["json"]));
    }
    if transcript {
        out.extend(sibling(path, &["vtt", "srt"]));
    }
    out
}

/// What one source file holds.
pub struct FilePages {
    pub transcripts: Vec<Transcript>,
    /// The reader it was read with (or why it was not read).
    pub reader: Reader,
    /// `path: what` repairs.
    pub warnings: Vec<String>,
    /// `path: what` the reader tolerated and says once (a TEI corpus's missing includes,
    /// its missing person list).
    pub notes: Vec<String>,
    /// Records refused (JSON Lines), each naming its line; the file's others are kept.
    /// Companion files that could not be read (a sidecar of an unknown shape).
    pub errors: Vec<Error>,
    /// Bytes of source these transcripts stand for (the file's size and its companions'),
    /// as ingest counts them for its report and its commits.
    pub bytes: usize,
}

/// Decode and parse one file with the reader chosen for it.
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
        reader: Reader::Described,
        warnings: decoded
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", path.display()))
            .collect(),
        notes: Vec::new(),
        errors: Vec::new(),
        bytes: decoded.bytes,
    })
}

/// One source file, decoded and made ready for its reader (a saved HTML page already
/// written out in the text layout, captions read, companions read). [`File::parse`] may
/// run more than once: `rostra bench --repeat` parses every page again for each copy,
/// reading it only once.
pub struct File {
    path: PathBuf,
    /// The path as given, the transcripts' `source`.
    name: String,
    reader: Reader,
    content: Content,
    /// The sidecar's metadata, when there is one and it reads.
    sidecar: Option<Sidecar>,
    /// The captions beside a transcript, under their file's name.
    captions: Option<(String, Captions)>,
    warnings: Vec<String>,
    notes: Vec<String>,
    errors: Vec<String>,
    bytes: usize,
}

/// A file's text, by what its reader makes of it.
enum Content {
    /// One page in the plain-text layout, under its page id.
    Page { id: String, text: String },
    /// JSON Lines records; a record without an id is named after `stem` and its line.
    JsonLines { stem: String, text: String },
    /// A labelled transcript or a speech without labels.
    Plain { id: String, text: String },
    /// Captions alone.
    Captions { id: String, captions: Captions },
    /// A TEI corpus or sitting, already read; its included files' errors by file.
    Tei {
        transcripts: Vec<Transcript>,
        errors: Vec<(PathBuf, String)>,
    },
    /// Nothing to read ([`Reader::skips`]).
    Skipped,
}

impl File {
    /// Decode the bytes of the file at `path` ([`source::decode`]), choose its reader
    /// ([`choose`]) and prepare the file for it, its companions read.
    pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<File> {
        let decoded = source::decode(path, bytes)?;
        let stem = source::id_from_path(path);
        let reader = choose(path, &decoded.text);
        let bad = |reason: String| Error::BadInput {
            path: path.to_path_buf(),
            reason,
        };
        let mut file = File {
            path: path.to_path_buf(),
            name: path.to_string_lossy().into_owned(),
            reader,
            content: Content::Skipped,
            sidecar: None,
            captions: None,
            warnings: decoded
                .warnings
                .iter()
                .map(|w| format!("{}: {w}", path.display()))
                .collect(),
            notes: Vec::new(),
            errors: Vec::new(),
            bytes: decoded.bytes,
        };
        if reader.skips() {
            file.bytes = 0;
            return Ok(file);
        }
        if matches!(reader, Reader::TeiCorpus | Reader::TeiSitting) {
            file.read_tei(&decoded.text)?;
            return Ok(file);
        }
        file.content = match reader {
            Reader::DerivedCopy
            | Reader::CaptionsOfTranscript
            | Reader::OtherXml
            | Reader::TeiCorpus
            | Reader::TeiSitting => Content::Skipped,
            Reader::Kremlin => Content::Page {
                id: stem,
                text: decoded.text,
            },
            Reader::Html => {
                let page = html::to_text(&decoded.text).map_err(|e| bad(e.to_string()))?;
                Content::Page {
                    id: page.page_id(stem),
                    text: page.text,
                }
            }
            Reader::JsonLines => Content::JsonLines {
                stem,
                text: decoded.text,
            },
            // `choose` never names the description: [`read_described`] reads those files.
            Reader::Described | Reader::Labelled | Reader::Unlabelled => Content::Plain {
                id: stem,
                text: decoded.text,
            },
            Reader::Captions => Content::Captions {
                id: stem,
                captions: read_captions(path, &decoded.text).map_err(bad)?,
            },
        };
        for companion in companions(path) {
            file.read_companion(&companion);
        }
        Ok(file)
    }

    /// Read a TEI corpus from its root (this file), or a sitting alone. Only the root or the
    /// sitting failing fails the file; an included file that fails is an error of its own.
    fn read_tei(&mut self, text: &str) -> Result<()> {
        let corpus = if self.reader == Reader::TeiCorpus {
            tei::read_corpus(&self.path)?
        } else {
            let sitting = tei::read_sitting(&self.path, text, None)?;
            let name = self.path.file_name().unwrap_or_default().to_string_lossy();
            tei::Corpus {
                path: self.path.clone(),
                sittings: vec![sitting],
                notes: vec![format!(
                    "{name}: a sitting read without its corpus root: no person list, speakers are named by their ids, without party"
                )],
                ..tei::Corpus::default()
            }
        };
        for inc in companions(&self.path) {
            self.bytes += std::fs::metadata(&inc).map_or(0, |m| m.len() as usize);
        }
        self.notes.extend(corpus.notes.iter().cloned());
        let errors = corpus
            .errors
            .iter()
            .map(|e| match e {
                Error::BadInput { path, reason } => (path.clone(), reason.clone()),
                Error::Io { path, source } => (path.clone(), source.to_string()),
                e => (self.path.clone(), e.to_string()),
            })
            .collect();
        self.content = Content::Tei {
            transcripts: tei::transcripts(&corpus),
            errors,
        };
        Ok(())
    }

    /// Read a sidecar or captions file beside this one; what fails is an error of this
    /// file's, and the transcript is read without it.
    fn read_companion(&mut self, path: &Path) {
        let text = match source::read(path).and_then(|b| source::decode(path, b)) {
            Ok(t) => t,
            Err(e) => {
                self.errors.push(e.to_string());
                return;
            }
        };
        self.bytes += text.bytes;
        self.warnings.extend(
            text.warnings
                .iter()
                .map(|w| format!("{}: {w}", path.display())),
        );
        let is_json = path.extension().is_some_and(|e| e == "json");
        let result = if is_json {
            sidecar::parse(&text.text).map(|s| self.sidecar = Some(s))
        } else {
            read_captions(path, &text.text)
                .map(|c| self.captions = Some((path.display().to_string(), c)))
        };
        if let Err(reason) = result {
            self.errors.push(format!(
                "{}: {reason} (transcript read without it)",
                path.display()
            ));
        }
    }

    /// The reader chosen for this file.
    pub fn reader(&self) -> Reader {
        self.reader
    }

    /// The text the reader parses: a page in the plain-text layout (an HTML page as
    /// converted), the JSON Lines, a plain transcript; empty for captions and skipped files.
    pub fn text(&self) -> &str {
        match &self.content {
            Content::Page { text, .. }
            | Content::JsonLines { text, .. }
            | Content::Plain { text, .. } => text,
            Content::Captions { .. } | Content::Tei { .. } | Content::Skipped => "",
        }
    }

    /// The file's transcripts, under their own ids.
    pub fn parse(&self) -> FilePages {
        let mut out = FilePages {
            transcripts: Vec::new(),
            reader: self.reader,
            warnings: self.warnings.clone(),
            notes: self.notes.clone(),
            errors: self
                .errors
                .iter()
                .map(|reason| Error::BadInput {
                    path: self.path.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            bytes: self.bytes,
        };
        let mut t = match &self.content {
            Content::Skipped => return out,
            Content::Tei {
                transcripts,
                errors,
            } => {
                out.transcripts = transcripts.clone();
                out.errors
                    .extend(errors.iter().map(|(path, reason)| Error::BadInput {
                        path: path.clone(),
                        reason: reason.clone(),
                    }));
                return out;
            }
            Content::Page { id, text } => super::parse_text(&self.name, id, text),
            Content::JsonLines { stem, text } => {
                let (pages, bad) = jsonl::parse_jsonl(&self.name, stem, text);
                out.transcripts = pages;
                out.errors.extend(bad.into_iter().map(|b| Error::BadInput {
                    path: self.path.clone(),
                    reason: format!("line {}: {} (record skipped)", b.line, b.reason),
                }));
                return out;
            }
            Content::Plain { id, text } if self.reader == Reader::Labelled => {
                labelled::parse_labelled(&self.name, id, text)
            }
            Content::Plain { id, text } => unlabelled(&self.name, id, text),
            Content::Captions { id, captions } => media::from_captions(&self.name, id, captions),
        };
        if let Some(s) = &self.sidecar {
            s.apply(&mut t);
        }
        if let Some((name, captions)) = &self.captions {
            let duration = self.sidecar.as_ref().and_then(|s| s.duration_seconds);
            media::attach(&mut t, captions, duration, name);
        }
        out.transcripts = vec![t];
        out
    }
}

/// Captions by their file's extension: SubRip for `.srt`, else WebVTT.
fn read_captions(path: &Path, text: &str) -> std::result::Result<Captions, String> {
    let srt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("srt"));
    let read = if srt {
        captions::srt::parse_srt(text)
    } else {
        captions::vtt::parse_vtt(text)
    };
    read.map_err(|e| e.to_string())
}

/// Text without labels as one speech: its paragraphs as the file has them (reflowed:
/// hard-wrapped lines joined, [`reflow::paragraphs`]), no speaker, stage notes taken out.
/// The title is the id until a sidecar file gives one.
fn unlabelled(source: &str, id: &str, text: &str) -> Transcript {
    let mut t = Transcript {
        source: source.to_string(),
        id: id.to_string(),
        title: id.to_string(),
        ..Transcript::default()
    };
    for p in reflow::paragraphs(text) {
        let split = notes::split(&p);
        t.paragraphs.push(Paragraph {
            index: t.paragraphs.len(),
            text: split.text,
            stage_notes: split.notes,
            ..Paragraph::default()
        });
    }
    super::cap_paragraphs(&mut t);
    t
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
    fn the_reader_is_chosen_in_the_documented_order() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let labelled = "Jim Lehrer: Good evening.\n\nAl Gore: Thank you.\n";
        at("copy.xml", "<TEI/>");
        // A .txt beside its XML is a derived copy, whatever it holds.
        assert_eq!(
            choose(&at("copy.txt", "Events\nT"), "Events\nT"),
            Reader::DerivedCopy
        );
        assert_eq!(
            choose(&at("1.txt", "Events\nT\nx"), "Events\nT\nx"),
            Reader::Kremlin
        );
        assert_eq!(
            choose(&at("2.txt", "\u{feff}\n Events\nT"), "\u{feff}\n Events\nT"),
            Reader::Kremlin
        );
        assert_eq!(choose(&at("3.html", "<html/>"), "<html/>"), Reader::Html);
        assert_eq!(choose(&at("4.jsonl", "{}"), "{}"), Reader::JsonLines);
        // A .said is labelled whatever its paragraphs; a .txt when most of them are.
        assert_eq!(choose(&at("d.said", "words"), "words"), Reader::Labelled);
        assert_eq!(choose(&at("h.txt", labelled), labelled), Reader::Labelled);
        assert_eq!(
            choose(&at("s.txt", "A speech."), "A speech."),
            Reader::Unlabelled
        );
        assert_eq!(
            choose(&at("notes", "A speech."), "A speech."),
            Reader::Unlabelled
        );
        // Captions beside a transcript time it; alone they are one.
        assert_eq!(
            choose(&at("d.vtt", "WEBVTT"), "WEBVTT"),
            Reader::CaptionsOfTranscript
        );
        assert_eq!(choose(&at("h.srt", ""), ""), Reader::CaptionsOfTranscript);
        assert_eq!(
            choose(&at("alone.vtt", "WEBVTT"), "WEBVTT"),
            Reader::Captions
        );
        at("d.json", "{}");
        let names = |p: Vec<PathBuf>| -> Vec<String> {
            p.iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(companions(&dir.path().join("d.said"))),
            ["d.json", "d.vtt"]
        );
        assert_eq!(names(companions(&dir.path().join("h.txt"))), ["h.srt"]);
        assert!(companions(&dir.path().join("3.html")).is_empty());
    }

    #[test]
    fn skipped_files_read_nothing_and_count_no_bytes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.xml"), "<TEI/>").unwrap();
        let out = read(&dir.path().join("x.txt"), b"copy".to_vec()).unwrap();
        assert_eq!(out.reader, Reader::DerivedCopy);
        assert!(out.transcripts.is_empty());
        assert_eq!(out.bytes, 0);
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
