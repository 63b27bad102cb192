//! Facets (issue 17 §3): named metadata values every paragraph of a transcript carries
//! (`country` = `FRA`, `session` = `64`, `party` = `HDZ`), to filter by (`--where
//! country=FRA`) and count by (`stats --by country`). This module says which names a facet
//! may take; the index stores each facet as one `name=value` term per paragraph.

/// Names a facet may not take: the fields of a paragraph, and what `stats --by` counts by
/// besides facets. A facet named `speaker` would make `--where speaker=…` and `--speaker`
/// two different things.
pub const RESERVED: &[&str] = &[
    "text",
    "title",
    "lead",
    "place",
    "speaker",
    "role",
    "label",
    "date",
    "time",
    "year",
    "month",
    "transcript",
    "id",
    "paragraph",
    "turn",
    "url",
    "lang",
];

/// The facets made from the tags of kremlin.ru pages (and JSON Lines records):
/// `topic` and `geography`, one value per tag.
pub const TOPIC: &str = "topic";
pub const GEOGRAPHY: &str = "geography";

/// Why `name` cannot name a facet, if it cannot: it must be 1 to 64 lower-case ASCII
/// letters, digits, `_` or `-`, start with a letter, and not be [`RESERVED`].
pub fn check_name(name: &str) -> Result<(), String> {
    if RESERVED.contains(&name) {
        return Err(format!(
            "'{name}' names a field, not a facet; the reserved names are {}",
            RESERVED.join(", ")
        ));
    }
    let ok = (1..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{name}' is not a facet name: use lower-case letters, digits, '_' or '-', starting with a letter"
        ))
    }
}

/// `name=value`, the form a facet is indexed in.
pub fn term(name: &str, value: &str) -> String {
    format!("{name}={value}")
}

/// `name=value` → `(name, value)` (a value may hold `=`; a name never does).
pub fn split(term: &str) -> Option<(&str, &str)> {
    term.split_once('=')
}

/// Parse `--where NAME=VALUE`.
pub fn parse_where(s: &str) -> Result<(String, String), String> {
    let Some((name, value)) = s.split_once('=') else {
        return Err(format!("--where '{s}': write NAME=VALUE (country=FRA)"));
    };
    let (name, value) = (name.trim(), value.trim());
    check_name(name).map_err(|e| format!("--where '{s}': {e}"))?;
    if value.is_empty() {
        return Err(format!("--where '{s}': the value is empty"));
    }
    Ok((name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_refused_as_facets() {
        for name in ["speaker", "role", "date", "title", "year"] {
            let e = check_name(name).unwrap_err();
            assert!(e.contains("names a field"), "{e}");
        }
        for bad in ["", "Country", "1st", "a b", "país"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for good in ["country", "party", "session", "country_name", "topic"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn where_clauses() {
        assert_eq!(
            parse_where("party=HDZ").unwrap(),
            ("party".into(), "HDZ".into())
        );
        assert_eq!(
            parse_where(" note = a=b ").unwrap(),
            ("note".into(), "a=b".into())
        );
        assert!(parse_where("party").unwrap_err().contains("NAME=VALUE"));
        assert!(parse_where("speaker=putin")
            .unwrap_err()
            .contains("names a field"));
        assert!(parse_where("party=").unwrap_err().contains("empty"));
        assert_eq!(split("a=b=c"), Some(("a", "b=c")));
    }
}
