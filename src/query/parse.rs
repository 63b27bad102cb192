//! Query text → [`Node`] tree. rostra parses queries itself (rather than with tantivy's
//! `QueryParser`) so that it can bound them, expand prefixes, wildcards, fuzzy and regex
//! words, offer `NEAR/k`, and know exactly which words a hit matched when it highlights
//! them.
//!
//! Precedence, from tightest to loosest, as web search reads a query: a word, phrase,
//! field clause or group; `NEAR/k` between two of those; `OR`; then `AND`, written or
//! implied. So `chemical syria OR iraq` is `chemical AND (syria OR iraq)`. A `-x` or
//! `NOT x` excludes `x` from the group it stands in (at top level, from the whole
//! result); an exclusion as an operand of `OR` (`a OR -b`) is refused.
//! ```text
//! query   = and
//! and     = clause (["AND"] clause)*
//! clause  = ("-" | "NOT") near | ["+"] or
//! or      = near ("OR" near)*
//! near    = primary ("NEAR/" k primary)*
//! primary = "(" and ")" | [field ":"] ( '"' words '"' ["~" k] | word | "/" regex "/" )
//! word    = letters, with a trailing "*" (prefix), "*" or "?" inside or at the start
//!           (wildcard), or a trailing "~1" or "~2" (fuzzy)
//! ```

use std::fmt;

use crate::error::{Error, Result};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses accepted.
pub const MAX_DEPTH: usize = 32;
/// Most words (terms) in one query.
pub const MAX_TERMS: usize = 256;
/// Largest slop or NEAR distance.
pub const MAX_SLOP: u32 = 100;
/// Largest edit distance of a fuzzy word (`word~2`).
pub const MAX_FUZZY: u8 = 2;

/// How a word of the query matches the words of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// As analyzed: stemmed, or as written with `--exact`.
    Plain,
    /// `unit*`: every indexed word starting with the text.
    Prefix,
    /// `sanc?ions`, `*tion`: `?` is one character, `*` any run of them.
    Wildcard,
    /// `sanctons~1`: indexed words at most this many edits away (a transposition is one).
    Fuzzy(u8),
    /// `/sanction(s|ed)/`: indexed words the whole of which the regular expression matches.
    Regex,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word as typed (less its `*` or `~k` suffix, or the slashes of a regex).
    Word {
        field: Option<String>,
        text: String,
        form: Form,
    },
    /// `"a b c"~slop`.
    Phrase {
        field: Option<String>,
        text: String,
        slop: u32,
    },
    /// `a NEAR/k b`: both, at most k words apart, in either order.
    Near {
        left: Box<Node>,
        right: Box<Node>,
        distance: u32,
    },
    /// All of `must`, none of `must_not`.
    And {
        must: Vec<Node>,
        must_not: Vec<Node>,
    },
    Or(Vec<Node>),
}

/// The query as it was read, every group in parentheses: `chemical syria OR iraq` →
/// `chemical AND (syria OR iraq)`.
impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(self, f, true)
    }
}

fn show(n: &Node, f: &mut fmt::Formatter<'_>, top: bool) -> fmt::Result {
    let field = |f: &mut fmt::Formatter<'_>, name: &Option<String>| match name {
        Some(name) => write!(f, "{name}:"),
        None => Ok(()),
    };
    match n {
        Node::Word {
            field: name,
            text,
            form,
        } => {
            field(f, name)?;
            match form {
                Form::Plain | Form::Wildcard => write!(f, "{text}"),
                Form::Prefix => write!(f, "{text}*"),
                Form::Fuzzy(k) => write!(f, "{text}~{k}"),
                Form::Regex => write!(f, "/{text}/"),
            }
        }
        Node::Phrase {
            field: name,
            text,
            slop,
        } => {
            field(f, name)?;
            write!(f, "\"{text}\"")?;
            if *slop > 0 {
                write!(f, "~{slop}")?;
            }
            Ok(())
        }
        Node::Near {
            left,
            right,
            distance,
        } => {
            if !top {
                write!(f, "(")?;
            }
            show(left, f, false)?;
            write!(f, " NEAR/{distance} ")?;
            show(right, f, false)?;
            if !top {
                write!(f, ")")?;
            }
            Ok(())
        }
        Node::And { must, must_not } => {
            if !top {
                write!(f, "(")?;
            }
            let mut first = true;
            for (negated, m) in must
                .iter()
                .map(|m| (false, m))
                .chain(must_not.iter().map(|m| (true, m)))
            {
                if !first {
                    write!(f, " AND ")?;
                }
                first = false;
                if negated {
                    write!(f, "NOT ")?;
                }
                show(m, f, false)?;
            }
            if !top {
                write!(f, ")")?;
            }
            Ok(())
        }
        Node::Or(alts) => {
            if !top {
                write!(f, "(")?;
            }
            for (i, a) in alts.iter().enumerate() {
                if i > 0 {
                    write!(f, " OR ")?;
                }
                show(a, f, false)?;
            }
            if !top {
                write!(f, ")")?;
            }
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Phrase(String, u32),
    Regex(String),
    Open,
    Close,
    Minus,
    Plus,
    Or,
    And,
    Not,
    Near(u32),
    Field(String),
}

/// Parse query text.
pub fn parse(q: &str) -> Result<Node> {
    if q.len() > MAX_QUERY_BYTES {
        return Err(Error::Query(format!(
            "query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            q.len()
        )));
    }
    let toks = lex(q)?;
    let words = toks
        .iter()
        .filter(|t| matches!(t, Tok::Word(_) | Tok::Phrase(..) | Tok::Regex(_)))
        .count();
    if words == 0 {
        return Err(Error::Query("no words to search for".into()));
    }
    if words > MAX_TERMS {
        return Err(Error::Query(format!(
            "query has {words} words; the limit is {MAX_TERMS}"
        )));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let node = p.and()?;
    if p.pos < p.toks.len() {
        return Err(Error::Query(match &p.toks[p.pos] {
            Tok::Close => "unbalanced ')'".to_string(),
            t => format!("unexpected {}", describe(t)),
        }));
    }
    if !has_positive(&node) {
        return Err(Error::Query(
            "a query needs at least one word that is not excluded with '-'".into(),
        ));
    }
    Ok(node)
}

fn has_positive(n: &Node) -> bool {
    match n {
        Node::Word { .. } | Node::Phrase { .. } | Node::Near { .. } => true,
        Node::And { must, .. } => must.iter().any(has_positive),
        Node::Or(v) => v.iter().all(has_positive),
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

fn lex(q: &str) -> Result<Vec<Tok>> {
    let mut out = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    let mut depth: usize = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::Query(format!(
                        "parentheses nest deeper than {MAX_DEPTH}"
                    )));
                }
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                depth = depth.saturating_sub(1);
                out.push(Tok::Close);
                i += 1;
            }
            '-' | '+' if at_word_start(&out) => {
                out.push(if c == '-' { Tok::Minus } else { Tok::Plus });
                i += 1;
            }
            '/' => {
                // `/regex/`: up to the next '/' not escaped with '\'.
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '/' {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                if j >= chars.len() {
                    return Err(Error::Query(
                        "unclosed '/': a regular expression is written /like.this/".into(),
                    ));
                }
                let re: String = chars[i + 1..j].iter().collect();
                if re.is_empty() {
                    return Err(Error::Query("'//' is an empty regular expression".into()));
                }
                out.push(Tok::Regex(re));
                i = j + 1;
            }
            c if is_quote(c) => {
                let close = chars[i + 1..].iter().position(|&c| is_quote(c));
                let Some(len) = close else {
                    return Err(Error::Query("unclosed '\"'".into()));
                };
                let text: String = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 2;
                let mut slop = 0;
                if chars.get(i) == Some(&'~') {
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    if digits.is_empty() {
                        return Err(Error::Query(
                            "'~' after a phrase needs a number, as in \"a b\"~2".into(),
                        ));
                    }
                    i += 1 + digits.len();
                    slop = parse_distance(&digits)?;
                }
                out.push(Tok::Phrase(text, slop));
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '(' | ')')
                    && !is_quote(chars[i])
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if let Some(k) = word.strip_prefix("NEAR/") {
                    out.push(Tok::Near(parse_distance(k)?));
                    continue;
                }
                match word.as_str() {
                    "OR" | "||" => out.push(Tok::Or),
                    "AND" | "&&" => out.push(Tok::And),
                    "NOT" => out.push(Tok::Not),
                    "NEAR" => out.push(Tok::Near(5)),
                    _ => {
                        // `field:value` when the part before ':' is a field-like word.
                        if let Some((f, v)) = word.split_once(':') {
                            if !f.is_empty()
                                && f.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                            {
                                out.push(Tok::Field(f.to_ascii_lowercase()));
                                if v.starts_with('/') {
                                    // `field:/regex/`: lex the regex on its own.
                                    i = start + f.chars().count() + 1;
                                } else if !v.is_empty() {
                                    out.push(Tok::Word(v.to_string()));
                                }
                                continue;
                            }
                        }
                        out.push(Tok::Word(word));
                    }
                }
            }
        }
    }
    Ok(out)
}

fn parse_distance(s: &str) -> Result<u32> {
    let n: u32 = s
        .parse()
        .map_err(|_| Error::Query(format!("'{s}' is not a distance (a number of words)")))?;
    if n > MAX_SLOP {
        return Err(Error::Query(format!(
            "distance {n} is over the limit of {MAX_SLOP} words"
        )));
    }
    Ok(n)
}

/// A '-' or '+' is an operator only where a new clause may start.
fn at_word_start(out: &[Tok]) -> bool {
    !matches!(out.last(), Some(Tok::Field(_)))
}

/// A word as typed → its text and [`Form`]; what rostra does not offer (`sanctions^2`) is
/// refused, naming it.
fn word(w: &str) -> Result<(String, Form)> {
    if w.contains('^') {
        return Err(Error::Query(format!(
            "'{w}': boosts ('^') are not supported; rostra ranks by BM25 alone"
        )));
    }
    if let Some((text, k)) = w.rsplit_once('~') {
        let k: u8 = match k {
            "" => MAX_FUZZY,
            k => k.parse().map_err(|_| {
                Error::Query(format!(
                    "'{w}': a fuzzy word takes an edit distance of 1 or 2, as in sanctons~1"
                ))
            })?,
        };
        if k == 0 || k > MAX_FUZZY || text.is_empty() || text.contains(['*', '?', '~']) {
            return Err(Error::Query(format!(
                "'{w}': a fuzzy word is a word and an edit distance of 1 or 2, as in sanctons~1"
            )));
        }
        return Ok((text.to_string(), Form::Fuzzy(k)));
    }
    if !w.contains(['*', '?']) {
        return Ok((w.to_string(), Form::Plain));
    }
    if !w.chars().any(|c| c.is_alphanumeric()) {
        return Err(Error::Query(format!(
            "'{w}': a wildcard needs at least one letter or digit beside it"
        )));
    }
    let stem = w.trim_end_matches('*');
    if !stem.contains(['*', '?']) {
        return Ok((stem.to_string(), Form::Prefix));
    }
    Ok((w.to_string(), Form::Wildcard))
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn and(&mut self) -> Result<Node> {
        let mut must = Vec::new();
        let mut must_not = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) => break,
                Some(Tok::And) => {
                    self.pos += 1;
                    continue;
                }
                Some(Tok::Or) => {
                    return Err(Error::Query("'OR' needs words on both sides".into()));
                }
                _ => {}
            }
            let negate = match self.peek() {
                Some(Tok::Minus) | Some(Tok::Not) => {
                    self.pos += 1;
                    true
                }
                Some(Tok::Plus) => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let n = self.near()?;
            if negate {
                if self.peek() == Some(&Tok::Or) {
                    return Err(or_of_exclusion());
                }
                must_not.push(n);
            } else {
                must.push(self.or(n)?);
            }
        }
        if must.is_empty() && must_not.is_empty() {
            return Err(Error::Query(match self.peek() {
                None => "query ends where a word was expected".into(),
                _ => "empty group: expected words".into(),
            }));
        }
        if must.len() == 1 && must_not.is_empty() {
            return Ok(must.pop().expect("one"));
        }
        Ok(Node::And { must, must_not })
    }

    /// `first` and the alternatives joined to it by `OR`.
    fn or(&mut self, first: Node) -> Result<Node> {
        let mut alts = vec![first];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            match self.peek() {
                Some(Tok::Minus) | Some(Tok::Not) => return Err(or_of_exclusion()),
                None => return Err(Error::Query("query ends where a word was expected".into())),
                _ => {}
            }
            alts.push(self.near()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().expect("one")
        } else {
            Node::Or(alts)
        })
    }

    fn near(&mut self) -> Result<Node> {
        let mut left = self.primary()?;
        while let Some(Tok::Near(k)) = self.peek() {
            let distance = *k;
            self.pos += 1;
            let right = self.primary()?;
            left = Node::Near {
                left: Box::new(left),
                right: Box::new(right),
                distance,
            };
        }
        Ok(left)
    }

    fn primary(&mut self) -> Result<Node> {
        let field = if let Some(Tok::Field(f)) = self.peek() {
            let f = f.clone();
            self.pos += 1;
            Some(f)
        } else {
            None
        };
        let tok = self.peek().cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Word(w)) => {
                let (text, form) = word(&w)?;
                Ok(Node::Word { field, text, form })
            }
            Some(Tok::Regex(text)) => Ok(Node::Word {
                field,
                text,
                form: Form::Regex,
            }),
            Some(Tok::Phrase(text, slop)) => Ok(Node::Phrase { field, text, slop }),
            Some(Tok::Open) if field.is_none() => {
                self.depth += 1;
                let n = self.and()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return Err(Error::Query("unbalanced '(': missing ')'".into()));
                }
                self.pos += 1;
                Ok(n)
            }
            Some(Tok::Near(_)) => Err(Error::Query("NEAR/k needs a word on each side".into())),
            Some(Tok::Or) => Err(Error::Query("'OR' needs words on both sides".into())),
            Some(t) => Err(Error::Query(match field {
                Some(f) => format!("'{f}:' needs a word or a \"phrase\" after it"),
                None => format!("unexpected {}", describe(&t)),
            })),
            None => Err(Error::Query(match field {
                Some(f) => format!("'{f}:' needs a word or a \"phrase\" after it"),
                None => "query ends where a word was expected".into(),
            })),
        }
    }
}

fn or_of_exclusion() -> Error {
    Error::Query(
        "an exclusion cannot be an alternative of OR ('a OR -b'): exclude from the group instead, as in '(a OR b) -c'".into(),
    )
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Close => "')'".into(),
        Tok::Open => "'('".into(),
        Tok::Minus => "'-'".into(),
        Tok::Plus => "'+'".into(),
        Tok::And => "'AND'".into(),
        Tok::Not => "'NOT'".into(),
        Tok::Or => "'OR'".into(),
        Tok::Near(k) => format!("'NEAR/{k}'"),
        Tok::Field(f) => format!("'{f}:'"),
        Tok::Word(w) => format!("'{w}'"),
        Tok::Regex(r) => format!("'/{r}/'"),
        Tok::Phrase(p, _) => format!("'\"{p}\"'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: &str) -> Node {
        Node::Word {
            field: None,
            text: t.into(),
            form: Form::Plain,
        }
    }

    #[test]
    fn words_are_all_required() {
        assert_eq!(
            parse("syria refugees").unwrap(),
            Node::And {
                must: vec![w("syria"), w("refugees")],
                must_not: vec![]
            }
        );
        assert_eq!(
            parse("+syria +refugees").unwrap(),
            parse("syria AND refugees").unwrap()
        );
    }

    #[test]
    fn phrases_slop_or_not_fields() {
        assert_eq!(
            parse("\"united states\"~2").unwrap(),
            Node::Phrase {
                field: None,
                text: "united states".into(),
                slop: 2
            }
        );
        assert_eq!(parse("a OR b").unwrap(), Node::Or(vec![w("a"), w("b")]));
        assert_eq!(
            parse("syria -chemical").unwrap(),
            Node::And {
                must: vec![w("syria")],
                must_not: vec![w("chemical")]
            }
        );
        assert_eq!(
            parse("title:syria").unwrap(),
            Node::Word {
                field: Some("title".into()),
                text: "syria".into(),
                form: Form::Plain
            }
        );
        assert_eq!(
            parse("title:\"security council\"").unwrap(),
            Node::Phrase {
                field: Some("title".into()),
                text: "security council".into(),
                slop: 0
            }
        );
        assert_eq!(
            parse("unit*").unwrap(),
            Node::Word {
                field: None,
                text: "unit".into(),
                form: Form::Prefix
            }
        );
        assert_eq!(parse("medium-sized").unwrap(), w("medium-sized"));
    }

    #[test]
    fn near() {
        assert_eq!(
            parse("sanctions NEAR/5 europe").unwrap(),
            Node::Near {
                left: Box::new(w("sanctions")),
                right: Box::new(w("europe")),
                distance: 5
            }
        );
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let or = |a: &str, b: &str| Node::Or(vec![w(a), w(b)]);
        // issue 15: read as `(chemical AND syria) OR iraq` before.
        assert_eq!(
            parse("chemical syria OR iraq").unwrap(),
            Node::And {
                must: vec![w("chemical"), or("syria", "iraq")],
                must_not: vec![]
            }
        );
        assert_eq!(
            parse("chemical syria OR iraq").unwrap(),
            parse("(syria OR iraq) AND chemical")
                .map(|n| match n {
                    Node::And { mut must, must_not } => {
                        must.reverse();
                        Node::And { must, must_not }
                    }
                    n => n,
                })
                .unwrap()
        );
        // The exclusion applies to the whole result, not the `iraq` branch.
        assert_eq!(
            parse("syria OR iraq -chemical").unwrap(),
            Node::And {
                must: vec![or("syria", "iraq")],
                must_not: vec![w("chemical")]
            }
        );
        assert_eq!(
            parse("(a -b) OR c").unwrap(),
            Node::Or(vec![
                Node::And {
                    must: vec![w("a")],
                    must_not: vec![w("b")]
                },
                w("c")
            ])
        );
        // NEAR binds tighter than OR.
        assert_eq!(
            parse("a NEAR/2 b OR c").unwrap(),
            Node::Or(vec![
                Node::Near {
                    left: Box::new(w("a")),
                    right: Box::new(w("b")),
                    distance: 2
                },
                w("c")
            ])
        );
    }

    #[test]
    fn the_parsed_query_is_shown_with_its_groups() {
        for (q, shown) in [
            ("chemical syria OR iraq", "chemical AND (syria OR iraq)"),
            (
                "syria OR iraq -chemical",
                "(syria OR iraq) AND NOT chemical",
            ),
            ("a NEAR/2 b OR c", "(a NEAR/2 b) OR c"),
            (
                "title:\"x y\"~2 unit* sanc~1 /re.*/",
                "title:\"x y\"~2 AND unit* AND sanc~1 AND /re.*/",
            ),
        ] {
            let n = parse(q).unwrap();
            assert_eq!(n.to_string(), shown, "{q}");
            // What is shown parses back to the same query.
            assert_eq!(parse(shown).unwrap(), n, "{q}");
        }
    }

    #[test]
    fn fuzzy_wildcard_and_regex_words() {
        let word = |t: &str, form| Node::Word {
            field: None,
            text: t.into(),
            form,
        };
        assert_eq!(
            parse("sanctons~1").unwrap(),
            word("sanctons", Form::Fuzzy(1))
        );
        assert_eq!(
            parse("sanctons~").unwrap(),
            word("sanctons", Form::Fuzzy(2))
        );
        assert_eq!(
            parse("sanc?ions").unwrap(),
            word("sanc?ions", Form::Wildcard)
        );
        assert_eq!(parse("*tion").unwrap(), word("*tion", Form::Wildcard));
        assert_eq!(parse("un*ed").unwrap(), word("un*ed", Form::Wildcard));
        assert_eq!(parse("unit**").unwrap(), word("unit", Form::Prefix));
        assert_eq!(
            parse("/sanction(s|ed)?/").unwrap(),
            word("sanction(s|ed)?", Form::Regex)
        );
        assert_eq!(
            parse("title:/syr.*/").unwrap(),
            Node::Word {
                field: Some("title".into()),
                text: "syr.*".into(),
                form: Form::Regex
            }
        );
        assert_eq!(parse("and/or").unwrap(), w("and/or"));
    }

    #[test]
    fn errors_are_clear() {
        for (q, msg) in [
            ("\"open", "unclosed"),
            ("(a b", "missing ')'"),
            ("a b)", "unbalanced ')'"),
            ("", "no words"),
            ("-a", "not excluded"),
            ("a OR", "query ends"),
            ("\"a b\"~x", "needs a number"),
            ("a NEAR/1000 b", "over the limit"),
            ("title:", "no words"),
            ("a OR -b", "cannot be an alternative of OR"),
            ("-a OR b", "cannot be an alternative of OR"),
            ("a OR NOT b", "cannot be an alternative of OR"),
            ("OR a", "needs words on both sides"),
            ("sanctions^2", "boosts ('^') are not supported"),
            ("word~3", "edit distance of 1 or 2"),
            ("word~x", "edit distance of 1 or 2"),
            ("*", "needs at least one letter"),
            ("*?", "needs at least one letter"),
            ("/sanction", "unclosed '/'"),
        ] {
            let e = parse(q).unwrap_err().to_string();
            assert!(e.contains(msg), "{q}: {e}");
        }
    }

    #[test]
    fn hostile_queries_are_refused_quickly() {
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert!(parse(&deep)
            .unwrap_err()
            .to_string()
            .contains("nest deeper"));
        let wide = vec!["w"; 50_000].join(" OR ");
        assert!(parse(&wide).unwrap_err().to_string().contains("bytes long"));
        let many = vec!["w"; 300].join(" ");
        assert!(parse(&many).unwrap_err().to_string().contains("words"));
    }
}
