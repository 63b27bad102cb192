//! Query text → [`Node`] tree. rostra parses queries itself (rather than with tantivy's
//! `QueryParser`) so that it can bound them, expand prefixes, offer `NEAR/k`, and know
//! exactly which words a hit matched when it highlights them.
//!
//! Grammar (words are all required unless joined by `OR`):
//! ```text
//! query   = or
//! or      = and ("OR" and)*
//! and     = unary (["AND"] unary)*
//! unary   = ["-" | "+" | "NOT"] near
//! near    = primary ("NEAR/" k primary)*
//! primary = "(" or ")" | [field ":"] ( '"' words '"' ["~" k] | word["*"] )
//! ```

use crate::error::{Error, Result};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses accepted.
pub const MAX_DEPTH: usize = 32;
/// Most words (terms) in one query.
pub const MAX_TERMS: usize = 256;
/// Largest slop or NEAR distance.
pub const MAX_SLOP: u32 = 100;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word as typed; `prefix` for `word*`.
    Word {
        field: Option<String>,
        text: String,
        prefix: bool,
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

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Phrase(String, u32),
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
        .filter(|t| matches!(t, Tok::Word(_) | Tok::Phrase(..)))
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
    let node = p.or()?;
    if p.pos < p.toks.len() {
        return Err(Error::Query(match &p.toks[p.pos] {
            Tok::Close => "unbalanced ')'".to_string(),
            t => format!("unexpected {t:?}"),
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
            '"' | '“' | '”' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&c| matches!(c, '"' | '“' | '”'));
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
                    && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
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
                                if !v.is_empty() {
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

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn or(&mut self) -> Result<Node> {
        let mut alts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            alts.push(self.and()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().expect("one")
        } else {
            Node::Or(alts)
        })
    }

    fn and(&mut self) -> Result<Node> {
        let mut must = Vec::new();
        let mut must_not = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Or) => break,
                Some(Tok::And) => {
                    self.pos += 1;
                    continue;
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
                must_not.push(n);
            } else {
                must.push(n);
            }
        }
        if must.is_empty() && must_not.is_empty() {
            return Err(Error::Query(match self.peek() {
                Some(Tok::Or) => "'OR' needs words on both sides".into(),
                None => "query ends where a word was expected".into(),
                _ => "empty group: expected words".into(),
            }));
        }
        if must.len() == 1 && must_not.is_empty() {
            return Ok(must.pop().expect("one"));
        }
        Ok(Node::And { must, must_not })
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
                let prefix = w.len() > 1 && w.ends_with('*');
                let text = if prefix {
                    w.trim_end_matches('*').to_string()
                } else {
                    w
                };
                Ok(Node::Word {
                    field,
                    text,
                    prefix,
                })
            }
            Some(Tok::Phrase(text, slop)) => Ok(Node::Phrase { field, text, slop }),
            Some(Tok::Open) if field.is_none() => {
                self.depth += 1;
                let n = self.or()?;
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

fn describe(t: &Tok) -> String {
    match t {
        Tok::Close => "')'".into(),
        Tok::Minus => "'-'".into(),
        Tok::Plus => "'+'".into(),
        Tok::And => "'AND'".into(),
        Tok::Not => "'NOT'".into(),
        t => format!("{t:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: &str) -> Node {
        Node::Word {
            field: None,
            text: t.into(),
            prefix: false,
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
                prefix: false
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
                prefix: true
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
