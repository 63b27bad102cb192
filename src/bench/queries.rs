//! The inputs of a benchmark: where the corpus and the query set are by default, and the
//! query file format, `CLASS<TAB>QUERY` lines with `#` comments (`../shared/bench/queries.tsv`).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The shared Kremlin corpus, beside the repository.
pub const SHARED_CORPUS: &str = "../shared/corpus/kremlin-en/txt";
/// The sample corpus in the repository.
pub const SAMPLE_CORPUS: &str = "corpus";
/// The shared query set (term / and / phrase / slop, ten each).
pub const SHARED_QUERIES: &str = "../shared/bench/queries.tsv";

/// A query set for the sample corpus (one page, a meeting on Syria), used when the shared
/// one is not there. Every query has hits in `corpus/`.
const BUILTIN: &str = "\
term\trefugees
term\tsyria
term\tterrorism
and\t+refugees +syria
and\t+syrian +return
and\t+syria +recovery
phrase\t\"Security Council\"
phrase\t\"Astana format\"
phrase\t\"United Nations\"
slop\t\"syrian refugees\"~2
slop\t\"return refugees\"~3
slop\t\"international terrorism\"~1
";

/// One benchmark query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchQuery {
    /// The class it is reported under (`term`, `phrase`, ...).
    pub class: String,
    /// rostra query syntax, as typed after `rostra search`.
    pub query: String,
    /// 1-based line in the query file.
    pub line: usize,
}

/// The default corpus relative to the current directory: the shared one when present,
/// else `corpus/`, else none.
pub fn default_corpus() -> Option<PathBuf> {
    [SHARED_CORPUS, SAMPLE_CORPUS]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_dir())
}

/// The default query file relative to the current directory, if present.
pub fn default_queries() -> Option<PathBuf> {
    Some(PathBuf::from(SHARED_QUERIES)).filter(|p| p.is_file())
}

/// The built-in query set (for `corpus/`).
pub fn builtin() -> Vec<BenchQuery> {
    parse(Path::new("built-in queries"), BUILTIN).expect("the built-in queries parse")
}

/// Read a query file.
pub fn read(path: &Path) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(path, &text)
}

/// Parse `CLASS<TAB>QUERY` lines; blank lines and `#` comments are skipped. Every query must
/// be valid rostra syntax; an error names the line.
pub fn parse(path: &Path, text: &str) -> Result<Vec<BenchQuery>> {
    let bad = |line: usize, reason: String| Error::BadInput {
        path: path.to_path_buf(),
        reason: format!("line {line}: {reason}"),
    };
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let Some((class, query)) = l.split_once('\t') else {
            return Err(bad(line, "expected CLASS<TAB>QUERY".into()));
        };
        let (class, query) = (class.trim(), query.trim());
        if class.is_empty() || class.contains(char::is_whitespace) {
            return Err(bad(
                line,
                format!("'{class}' is not a class name (one word)"),
            ));
        }
        if query.is_empty() {
            return Err(bad(line, "no query after the tab".into()));
        }
        crate::query::parse(query).map_err(|e| bad(line, e.to_string()))?;
        out.push(BenchQuery {
            class: class.to_string(),
            query: query.to_string(),
            line,
        });
    }
    if out.is_empty() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: "no queries".into(),
        });
    }
    Ok(out)
}

/// The classes of `queries`, in order of first appearance.
pub fn classes(queries: &[BenchQuery]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for q in queries {
        if !out.contains(&q.class.as_str()) {
            out.push(&q.class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Vec<BenchQuery>> {
        parse(Path::new("q.tsv"), text)
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let q = p("# a comment\n\nterm\trefugees\r\nphrase\t\"security council\"\n").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].class, "term");
        assert_eq!(q[0].query, "refugees");
        assert_eq!(q[0].line, 3);
        assert_eq!(q[1].line, 4);
    }

    #[test]
    fn a_line_without_a_tab_is_named() {
        let e = p("term\trefugees\nterm refugees\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "q.tsv: line 2: expected CLASS<TAB>QUERY");
    }

    #[test]
    fn a_bad_query_is_named_with_its_line() {
        let e = p("# x\nphrase\t\"unclosed\n").unwrap_err().to_string();
        assert!(e.starts_with("q.tsv: line 2: query:"), "{e}");
    }

    #[test]
    fn an_empty_file_is_an_error() {
        assert!(p("# only comments\n").is_err());
    }

    #[test]
    fn classes_keep_their_order() {
        let q = p("b\tx\na\ty\nb\tz\n").unwrap();
        assert_eq!(classes(&q), ["b", "a"]);
    }

    #[test]
    fn builtin_queries_parse() {
        assert_eq!(classes(&builtin()), ["term", "and", "phrase", "slop"]);
    }
}
