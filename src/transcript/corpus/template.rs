//! Templates of a corpus description: text with `{name}` placeholders, each a group of the
//! file-name pattern or a column of the table (`"{Country}, {year}"`); `{{` and `}}` are
//! braces.

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(Vec<Piece>);

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Name(String),
}

impl Template {
    /// Parse `s`; each placeholder must be one of `groups` or `columns`.
    pub fn parse(s: &str, groups: &[String], columns: &[String]) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    if !groups.contains(&name) && !columns.contains(&name) {
                        return Err(format!(
                            "'{{{name}}}' is neither a group of name nor a column of the table"
                        ));
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Name(name));
                }
                '}' => return Err(format!("'{s}': a lone '}}' (write '}}}}')")),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }

    /// The template filled in by `value`; `None` when a placeholder has no value or an
    /// empty one (a row with no speaker's name gives no speaker, not an empty one).
    pub fn fill(&self, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Name(n) => out.push_str(value(n).filter(|v| !v.is_empty())?.as_str()),
            }
        }
        Some(out.trim().to_string()).filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_groups_or_columns() {
        let groups = vec!["code".to_string(), "year".to_string()];
        let columns = vec!["Country".to_string()];
        let t = Template::parse("{Country} ({code}), {year} {{x}}", &groups, &columns).unwrap();
        let v = |n: &str| match n {
            "code" => Some("FRA".to_string()),
            "year" => Some("2009".to_string()),
            "Country" => Some("France".to_string()),
            _ => None,
        };
        assert_eq!(t.fill(&v).as_deref(), Some("France (FRA), 2009 {x}"));
        let empty = |n: &str| (n != "Country").then(|| "x".to_string());
        assert_eq!(t.fill(&empty), None);
        let e = Template::parse("{nope}", &groups, &columns).unwrap_err();
        assert!(e.contains("neither"), "{e}");
        assert!(Template::parse("a } b", &groups, &columns).is_err());
    }
}
