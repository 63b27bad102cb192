//! The alias file the user edits: `aliases.toml` in the index directory (its root, beside
//! the index's own files, so a rebuild keeps it). Read on every command that names
//! speakers; it changes no indexed document, so an edit takes effect at once, without
//! re-reading any transcript.
//!
//! ```toml
//! # Two spellings rostra keeps apart are one person, named as given.
//! [[merge]]
//! name = "Joe Biden"
//! variants = ["Joseph R. Biden", "Joe Biden"]
//!
//! # A person rostra made of two: the paragraphs of this speaker (as `rostra speakers`
//! # lists it under "variants"), on these pages only if `pages` is given, are someone else.
//! [[split]]
//! variant = "Sergei Ivanov"
//! pages = ["56850"]
//! name = "Sergei Ivanov (ALROSA)"
//!
//! # A person's kind: a journalist asking the questions at a press conference.
//! [[kind]]
//! name = "Ilya Azar"
//! kind = "question"
//! ```
//!
//! A name in `variants`, `name` (of `[[kind]]`) may be a speaker as indexed, a canonical
//! name or a speaker id; case, spacing and punctuation do not count.

use std::path::Path;

use serde::Deserialize;

use super::names::Kind;
use crate::error::{Error, Result};

/// The file's name, in the index directory.
pub const FILE_NAME: &str = "aliases.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    #[serde(default)]
    pub merge: Vec<Merge>,
    #[serde(default)]
    pub split: Vec<Split>,
    #[serde(default)]
    pub kind: Vec<KindOf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// The canonical name of the merged person.
    pub name: String,
    pub variants: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// A speaker name as indexed.
    pub variant: String,
    /// Only its paragraphs on these pages (all pages when empty).
    #[serde(default)]
    pub pages: Vec<String>,
    /// The new person's canonical name (the variant's own when absent).
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindOf {
    pub name: String,
    pub kind: String,
}

impl Aliases {
    /// The alias file of the index in `dir`; none there is no aliases.
    pub fn load(dir: &Path) -> Result<Aliases> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Aliases::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        Aliases::parse(&text).map_err(|reason| Error::BadInput { path, reason })
    }

    /// Parse the file's text; the error says what is wrong and where.
    pub fn parse(text: &str) -> std::result::Result<Aliases, String> {
        let a: Aliases = toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
        for k in &a.kind {
            if Kind::parse(&k.kind).is_none() {
                let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(format!(
                    "[[kind]] '{}': unknown kind '{}' (one of: {})",
                    k.name,
                    k.kind,
                    all.join(", ")
                ));
            }
        }
        for m in &a.merge {
            if m.variants.is_empty() {
                return Err(format!("[[merge]] '{}': no variants", m.name));
            }
        }
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_reads() {
        let doc = include_str!("aliases.rs");
        let example: String = doc
            .lines()
            .skip_while(|l| !l.starts_with("//! ```toml"))
            .skip(1)
            .take_while(|l| !l.starts_with("//! ```"))
            .map(|l| l.trim_start_matches("//!").trim_start())
            .collect::<Vec<_>>()
            .join("\n");
        let a = Aliases::parse(&example).unwrap();
        assert_eq!(a.merge[0].variants, ["Joseph R. Biden", "Joe Biden"]);
        assert_eq!(a.split[0].pages, ["56850"]);
        assert_eq!(a.kind[0].kind, "question");
    }

    #[test]
    fn mistakes_are_named() {
        let e = Aliases::parse("[[kind]]\nname = \"X Y\"\nkind = \"journalist\"").unwrap_err();
        assert!(e.contains("unknown kind 'journalist'"), "{e}");
        let e = Aliases::parse("[[merge]]\nname = \"X Y\"\nvariants = []").unwrap_err();
        assert!(e.contains("no variants"), "{e}");
        let e = Aliases::parse("[[marge]]\nname = \"X Y\"").unwrap_err();
        assert!(e.contains("marge"), "{e}");
    }
}
