use super::*;

/// A corpus folder with two speeches, a CSV of speakers whose codes are wrong in the ways
/// the UN sheet's are, a row with no file, and a file with no row.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("Session 56 - 2001");
    std::fs::create_dir(&session).unwrap();
    std::fs::write(
        session.join("SWE_56_2001.txt"),
        "Sweden speaks of the\nSecretary-\nGeneral today.\n\nA second paragraph.\n",
    )
    .unwrap();
    std::fs::write(session.join("SWZ_56_2001.txt"), "Swaziland speaks.\n").unwrap();
    std::fs::write(session.join("COM_56_2001.txt"), "Comoros speaks.\n").unwrap();
    std::fs::write(
        dir.path().join("speakers.csv"),
        "Year,Session,ISO Code,Country,Name of Person Speaking,Post\n\
         2001,56,CHE,Sweden,Ms. Anna Lindh,Minister for Foreign Affairs \n\
         2001,56,SWE,Swaziland,Mr. Clifford Mamba,UN Representative\n\
         2001,56,UZB,Uzbekistan,,\n\
         1946,1,FRA,France,Mr. Georges Bidault,Minister\n",
    )
    .unwrap();
    dir
}

const DESCRIPTION: &str = r#"
files = "Session */*.txt"
name = '^(?P<code>[A-Z]+)_(?P<session>[0-9]+)_(?P<year>[0-9]{4})\.txt$'
title = "{Country}, session {session}"
date = "{year}"
speaker = "{Name of Person Speaking}"
role = "{Post}"
strip_honorifics = true

[facets]
country = "{code}"
session = "{session}"

[table]
path = "speakers.csv"
join = { "ISO Code" = "code", "Session" = "session", "Year" = "year" }

[[correct]]
column = "ISO Code"
from = "SWE"
to = "SWZ"
when = { Year = "2001" }

[[correct]]
column = "ISO Code"
from = "CHE"
to = "SWE"
when = { Year = "2001" }
"#;

fn open(text: &str, dir: &Path) -> Result<Corpus> {
    let d = Description::parse(Path::new("c.toml"), text)?;
    Corpus::open(&d, Path::new("c.toml"), dir)
}

fn read(c: &Corpus, name: &str) -> Transcript {
    let path = c.root.join("Session 56 - 2001").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    c.transcript(&path, &path.to_string_lossy(), &text)
}

#[test]
fn swapped_codes_are_corrected_before_the_join() {
    let dir = fixture();
    let c = open(DESCRIPTION, dir.path()).unwrap();
    assert_eq!(c.files.len(), 3);
    let swe = read(&c, "SWE_56_2001.txt");
    assert_eq!(swe.id, "SWE_56_2001");
    assert_eq!(swe.title, "Sweden, session 56");
    assert_eq!(swe.date.as_deref(), Some("2001"));
    assert_eq!(swe.paragraphs.len(), 2);
    assert_eq!(
        swe.paragraphs[0].text,
        "Sweden speaks of the Secretary-General today."
    );
    let p = &swe.paragraphs[0];
    assert_eq!(p.speaker.as_deref(), Some("Anna Lindh"));
    assert_eq!(p.label.as_deref(), Some("Ms. Anna Lindh"));
    assert_eq!(p.role.as_deref(), Some("Minister for Foreign Affairs"));
    assert_eq!(
        swe.facets,
        vec![
            ("country".to_string(), "SWE".to_string()),
            ("session".to_string(), "56".to_string())
        ]
    );
    let swz = read(&c, "SWZ_56_2001.txt");
    assert_eq!(swz.paragraphs[0].speaker.as_deref(), Some("Clifford Mamba"));
}

#[test]
fn files_without_rows_and_rows_without_files_are_reported() {
    let dir = fixture();
    let c = open(DESCRIPTION, dir.path()).unwrap();
    let p = c.problems().join("\n");
    assert!(p.contains("COM_56_2001.txt: no row of the table"), "{p}");
    assert!(
        p.contains("row 4 (ISO Code UZB, Session 56, Year 2001) has no file"),
        "{p}"
    );
    // The 1946 row is outside the files' sessions: one summary line, not a row each.
    assert!(p.contains("1 rows with values no file has"), "{p}");
    assert!(
        p.contains("SWE → SWZ where Year is 2001: 1 row(s) corrected"),
        "{p}"
    );
    // The file with no row is still read, without a speaker.
    let com = read(&c, "COM_56_2001.txt");
    assert_eq!(com.paragraphs[0].speaker, None);
    assert_eq!(com.title, "COM_56_2001");
    assert_eq!(com.facets[0], ("country".into(), "COM".into()));
}

#[test]
fn without_corrections_the_check_names_the_swapped_rows() {
    let dir = fixture();
    let text = DESCRIPTION.split("[[correct]]").next().unwrap().to_string()
        + "[check]\ncode = \"ISO Code\"\nname = \"Country\"\n";
    let c = open(&text, dir.path()).unwrap();
    let p = c.problems().join("\n");
    // The row the Swedish speech would silently get is named; the Swedish row itself has no
    // file (there is no CHE speech in 2001). Rows no file uses are not checked.
    assert!(
        p.contains("ISO Code SWE with Country 'Swaziland' (SWE is Sweden): row 3"),
        "{p}"
    );
    assert!(
        p.contains("row 2 (ISO Code CHE, Session 56, Year 2001) has no file"),
        "{p}"
    );
    assert!(!p.contains("'France'"), "{p}");
}

#[test]
fn bad_descriptions_are_refused_with_the_reason() {
    let dir = fixture();
    for (text, reason) in [
        ("files = 1", "not a corpus description"),
        ("files = \"*.txt\"\nnmae = \"x\"", "unknown field"),
        (
            "files = \"*.txt\"\n[facets]\nspeaker = \"x\"",
            "names a field",
        ),
        ("files = \"*.txt\"\ntitle = \"{nope}\"", "neither a group"),
        (
            "files = \"*.txt\"\nname = '(?P<a>x)'\n[table]\npath = \"speakers.csv\"\njoin = { Nope = \"a\" }",
            "no column 'Nope'",
        ),
    ] {
        let e = open(text, dir.path()).unwrap_err().to_string();
        assert!(e.contains(reason), "{text}: {e}");
    }
}
