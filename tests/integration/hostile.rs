//! Ingest takes what real collections hold: JSON Lines datasets, and files that are empty,
//! binary, oddly encoded, huge, looping or unreadable. Each bad file is named with the
//! reason, the rest is indexed, and the run exits 2. Nothing panics.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::util::rostra;

fn page(title: &str, body: &str) -> String {
    format!("Events\n{title}\nNovember 9, 2020\nMoscow\n{body}")
}

fn ingest(corpus: &Path, index: &Path) -> Output {
    rostra()
        .arg("--index")
        .arg(index)
        .args(["ingest", "--json"])
        .arg(corpus)
        .output()
        .unwrap()
}

fn search(index: &Path, q: &str) -> Vec<Value> {
    let out = rostra()
        .arg("--index")
        .arg(index)
        .args(["search", q, "--json", "-n", "100"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "hit")
        .collect()
}

#[test]
fn hostile_files_are_named_and_the_rest_is_ingested() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    let w = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // Readable, each with its own word to find it by.
    w(
        "1.txt",
        page("Plain", "Vladimir Putin: alphaword here.").as_bytes(),
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(page("Bom", "Vladimir Putin: betaword here.").as_bytes());
    w("2.txt", &bom);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in page("Utf16", "Vladimir Putin: gammaword here.").encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    w("3.txt", &utf16);
    w(
        "4.txt",
        page(
            "Crlf",
            "Vladimir Putin: deltaword here.\r\nQuestion: epsilonword?",
        )
        .replace('\n', "\r\n")
        .as_bytes(),
    );
    w(
        "5.txt",
        page("Cr", "Vladimir Putin: zetaword here.\rQuestion: etaword?")
            .replace('\n', "\r")
            .as_bytes(),
    );
    let mut latin1 = page("Latin", "Vladimir Putin: thetaword caf").into_bytes();
    latin1.extend(b"\xE9 here.");
    w("6.txt", &latin1);
    // One 50 MB line: kept, split into paragraphs of bounded size.
    let line: String = "iotaword lorem ipsum dolor sit amet ".repeat(50 << 20 >> 5);
    w("7.txt", page("Huge", &line).as_bytes());
    // Bad.
    let empty = w("8.txt", b"");
    let binary = w("9.txt", b"Events\nTitle\0\0\0binary");
    let named_like_a_file = dir.join("10.txt");
    std::fs::create_dir(&named_like_a_file).unwrap();
    let looping = dir.join("loop");
    std::fs::create_dir(&looping).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&looping, looping.join("again")).unwrap();
    let unreadable = w(
        "11.txt",
        page("Locked", "Vladimir Putin: kappaword.").as_bytes(),
    );
    #[cfg(unix)]
    let can_lock = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::read(&unreadable).is_err() // root reads it anyway
    };
    #[cfg(not(unix))]
    let can_lock = false;

    let index = tmp.path().join("index");
    let out = ingest(&dir, &index);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let mut bad: Vec<(PathBuf, &str)> = vec![
        (empty, "empty"),
        (binary, "binary"),
        (named_like_a_file, "directory"),
    ];
    if cfg!(unix) {
        bad.push((looping.join("again"), "loop"));
    }
    if can_lock {
        bad.push((unreadable.clone(), "ermission"));
    } else {
        eprintln!("SKIPPED the unreadable file: running as root, every file is readable");
    }
    for (path, why) in &bad {
        let shown = path.display().to_string();
        assert!(
            err.lines().any(|l| l.contains(&shown) && l.contains(why)),
            "stderr does not name {shown} ({why}): {err}"
        );
    }
    assert!(
        err.contains("6.txt") && err.contains("invalid UTF-8"),
        "{err}"
    );
    assert!(err.contains("7.txt") && err.contains("split"), "{err}");

    for word in [
        "alphaword",
        "betaword",
        "gammaword",
        "deltaword",
        "epsilonword",
        "zetaword",
        "etaword",
        "thetaword",
    ] {
        let hits = search(&index, word);
        assert_eq!(hits.len(), 1, "{word}");
    }
    // The CR and CRLF pages have two speakers, like the LF ones.
    assert_eq!(search(&index, "etaword")[0]["speaker"], "Question");
    assert_eq!(search(&index, "epsilonword")[0]["speaker"], "Question");
    let huge = search(&index, "iotaword");
    assert_eq!(
        huge.len(),
        100,
        "the huge line is split into many paragraphs"
    );
    assert!(huge
        .iter()
        .all(|h| h["text"].as_str().unwrap().len() <= 16 << 10));
}

#[test]
fn json_lines_records_are_ingested_and_bad_ones_named_by_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    let jsonl = dir.join("dataset.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id": "d1", "title": "Press conference", "date": "2019-05-01", "place": "Sochi", "url": "https://example.org/d1", "turns": [{"speaker": "Vladimir Putin", "role": "President of Russia", "text": "We discussed the quokkaword."}, {"speaker": "Question", "text": "And the wombatword?"}]}"#,
            "\n",
            "{\"title\": \"Broken\"\n",
            r#"{"id": "d2", "title": "Meeting", "date": "June 3, 2018", "text": "The leaders met.\nAngela Merkel: The numbatword matters."}"#,
            "\n",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("1.txt"),
        page("Plain", "Vladimir Putin: alphaword."),
    )
    .unwrap();
    let index = tmp.path().join("index");
    let out = ingest(&dir, &index);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.lines()
            .any(|l| l.contains("dataset.jsonl") && l.contains("line 2")),
        "{err}"
    );
    let q = search(&index, "quokkaword");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["speaker"], "Vladimir Putin");
    assert_eq!(q[0]["url"], "https://example.org/d1");
    assert_eq!(q[0]["date"], "2019-05-01");
    assert_eq!(search(&index, "wombatword")[0]["speaker"], "Question");
    let n = search(&index, "numbatword");
    assert_eq!(n[0]["speaker"], "Angela Merkel");
    assert_eq!(n[0]["date"], "2018-06-03");
    assert_eq!(search(&index, "alphaword").len(), 1);

    // Unchanged: nothing read again. Changed: the file's pages are replaced, a record
    // gone from it is gone from the index.
    let again = ingest(&dir, &index);
    let s: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (s["unchanged"].as_u64(), s["added"].as_u64()),
        (Some(2), Some(0))
    );
    std::fs::write(
        &jsonl,
        r#"{"id": "d1", "title": "Press conference in Minsk", "date": "2019-05-02", "turns": [{"speaker": "Vladimir Putin", "text": "Only the quokkaword now."}]}"#,
    )
    .unwrap();
    let changed = ingest(&dir, &index);
    assert_eq!(changed.status.code(), Some(0));
    let s: Value = serde_json::from_slice(&changed.stdout).unwrap();
    assert_eq!(s["replaced"].as_u64(), Some(1));
    assert!(search(&index, "numbatword").is_empty());
    assert!(search(&index, "wombatword").is_empty());
    // The hit shows the new page record, not the deleted one.
    let q = search(&index, "quokkaword");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["title"], "Press conference in Minsk");
    assert_eq!(q[0]["date"], "2019-05-02");
    assert!(q[0]["place"].is_null(), "{}", q[0]);
}

#[test]
fn prune_removes_transcripts_whose_files_are_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("1.txt"), page("One", "Vladimir Putin: alphaword.")).unwrap();
    std::fs::write(dir.join("2.txt"), page("Two", "Vladimir Putin: betaword.")).unwrap();
    let index = tmp.path().join("index");
    assert_eq!(ingest(&dir, &index).status.code(), Some(0));
    std::fs::remove_file(dir.join("2.txt")).unwrap();
    // Without --prune the page stays.
    ingest(&dir, &index);
    assert_eq!(search(&index, "betaword").len(), 1);
    let out = rostra()
        .arg("--index")
        .arg(&index)
        .args(["ingest", "--json", "--prune"])
        .arg(&dir)
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["removed"].as_u64(), Some(1));
    assert!(search(&index, "betaword").is_empty());
    assert_eq!(search(&index, "alphaword").len(), 1);
}
